"""A finding of a check: how serious it is, what it says (in Japanese and English), where, and the rule it applied."""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("error", "warning", "info")  # most serious first; errors make ``kaitei check`` exit 1


@dataclass(slots=True, frozen=True)
class Finding:
    """One result of a check on a version.

    ``check`` names the check (effective_date, notice_period, references, numbering);
    ``place`` is a citation in the checked version (第9条第1項) or a field (version.toml effective);
    ``basis`` cites the rule applied, precisely enough to look it up (民法第548条の4第2項,
    現行規約(2025-06-01) 第35条第3項, kaitei.toml notice_days); ``suggestion`` is the correction
    when there is one (第25条).
    """

    level: str
    check: str
    message_ja: str
    message_en: str
    place: str = ""
    basis: str = ""
    suggestion: str = ""

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"unknown level {self.level!r}")
