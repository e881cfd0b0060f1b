"""kaitei.toml, typed: the corpus policy, the shape of its comparison tables and its website.

``Config.load(path)`` reads the file once, when the corpus is opened, and checks every value:
a wrong type (``notice_days = "30"``), a value out of range, an unknown key or an unknown table
(``[polcy]``) is one SourceError naming the file, the table and the key, in English and Japanese::

    kaitei.toml [policy] notice_days = "30": must be a whole number of days (日数は整数で指定してください)

Tables and keys (every key optional)::

    [policy]  notice_days, unfavorable_notice_days       Policy: least days of notice (diffing.checks)
    [table]   layout, old_label, new_label, title, elision  TableOptions: the 新旧対照表 (renderer)
    [site]    publisher, footer, accent, logo, dates     SiteSettings: the published site (renderer.site)

``TableOptions`` is also what the renderer's table writers take (``kaitei.TableOptions``); its
``wareki`` (dates in 和暦) is not a ``[table]`` key: the site's ``dates`` decides it there.
"""

from __future__ import annotations

import datetime
import difflib
import json
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import SourceError

FILE = "kaitei.toml"
LAYOUTS = ("old-left", "new-left")  # old on the left (corporate practice), or new (the national one)
ELISION = "（略）"  # unchanged wording in a changed provision
ACCENT = "#1f4e8c"  # the site's links and rules
# What [site] accent may be: a CSS colour that cannot close the declaration it is put in.
COLOR = re.compile(r"#[0-9A-Fa-f]{3,8}|[A-Za-z]{3,20}|(?:rgb|hsl)a?\([0-9., %]+\)")
DATES = ("", "wareki")  # 2025年10月1日, or 令和7年10月1日
MAX_DAYS = 3650  # ten years: more is a typo (and would take a deadline before year 1)


@dataclass(slots=True, frozen=True)
class Policy:
    """``[policy]``: the least days between announcement (告知日) and effective date, when set."""

    notice_days: int | None = None
    unfavorable_notice_days: int | None = None  # for a change unfavourable to users (不利益変更)


@dataclass(slots=True, frozen=True)
class TableOptions:
    """The shape of a comparison table (``[table]``, and the options of every table writer).

    ``layout`` "old-left" or "new-left"; ``old_label``/``new_label`` the column headers (default:
    from the new version's effective date, else 現行 / 改正後); ``title`` (default:
    「<文書名>【現改比較表】」); ``elision`` the token for unchanged wording; ``wareki`` dates in 和暦.
    """

    layout: str = "old-left"
    old_label: str | None = None
    new_label: str | None = None
    title: str | None = None
    elision: str = ELISION
    wareki: bool = False

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"unknown layout {self.layout!r} (choose from {', '.join(LAYOUTS)})")


@dataclass(slots=True, frozen=True)
class SiteSettings:
    """``[site]``: who publishes, the footer, the accent colour, the logo (relative to the corpus) and
    how dates print (``dates = "wareki"``: 令和7年10月1日)."""

    publisher: str = ""
    footer: str = ""
    accent: str = ACCENT
    logo: str | None = None
    dates: str = ""

    def __post_init__(self) -> None:
        if not COLOR.fullmatch(self.accent):
            raise ValueError(f"accent {self.accent!r} is not a CSS colour")
        if self.dates not in DATES:
            raise ValueError(f"dates {self.dates!r}: choose from {DATES}")

    @property
    def wareki(self) -> bool:
        return self.dates == "wareki"


class _Invalid(Exception):
    """A value a key cannot take: what it must be, in English and in Japanese."""

    def __init__(self, en: str, ja: str) -> None:
        super().__init__(en)
        self.en, self.ja = en, ja


def _days(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid("must be a whole number of days", "日数は整数で指定してください")
    if value < 0:
        raise _Invalid("must be 0 or more days", "日数は0以上で指定してください")
    if value > MAX_DAYS:
        raise _Invalid(f"must be at most {MAX_DAYS} days", f"日数は{MAX_DAYS}日以下で指定してください")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid("must be a string in quotes", "文字列を引用符で囲んで指定してください")
    return value


def _layout(value: object) -> str:
    if _text(value) not in LAYOUTS:
        raise _Invalid('must be "old-left" or "new-left"', 'layout は "old-left"（旧が左）か "new-left"（新が左）です')
    return value


def _accent(value: object) -> str:
    if not COLOR.fullmatch(_text(value)):
        raise _Invalid("not a CSS colour (#1f4e8c, navy, rgb(…))", "CSS の色ではありません")
    return value


def _logo(value: object) -> str | None:
    return _text(value) or None


def _dates(value: object) -> str:
    if _text(value) not in DATES:
        raise _Invalid('must be "wareki" (令和7年10月1日) or "" (2025年10月1日)', 'dates は "wareki"（和暦）か ""（西暦）です')
    return value


# Each table: the dataclass it makes and, for each key, the check that turns the TOML value into the field.
SCHEMA: dict[str, tuple[type, dict[str, Callable[[object], object]]]] = {
    "policy": (Policy, {"notice_days": _days, "unfavorable_notice_days": _days}),
    "table": (
        TableOptions,
        {"layout": _layout, "old_label": _text, "new_label": _text, "title": _text, "elision": _text},
    ),
    "site": (
        SiteSettings,
        {"publisher": _text, "footer": _text, "accent": _accent, "logo": _logo, "dates": _dates},
    ),
}


@dataclass(slots=True, frozen=True)
class Config:
    """The whole of kaitei.toml: ``policy``, ``table`` and ``site`` (each its defaults when absent)."""

    policy: Policy = field(default_factory=Policy)
    table: TableOptions = field(default_factory=TableOptions)
    site: SiteSettings = field(default_factory=SiteSettings)

    @classmethod
    def parse(cls, data: dict, where: str = FILE) -> Config:
        """The Config of the TOML tables ``data``; ``where`` (the file) begins every error message.
        SourceError for the first key, in file order, that is unknown or holds a value it cannot take."""
        parts = {}
        for name, table in data.items():
            if name not in SCHEMA:
                raise SourceError(_misplaced(where, name, table))
            if not isinstance(table, dict):
                raise SourceError(
                    f"{where} {name} = {_show(table)}: must be a table: write [{name}] on a line of its own"
                    f" (表 [{name}] として書いてください)"
                )
            make, checks = SCHEMA[name]
            values = {}
            for key, value in table.items():
                if key not in checks:
                    hint = _did_you_mean(key, checks)
                    raise SourceError(
                        f"{where} [{name}] {key}: unknown key{hint} (不明なキーです; [{name}] takes {', '.join(checks)})"
                    )
                try:
                    values[key] = checks[key](value)
                except _Invalid as e:
                    raise SourceError(f"{where} [{name}] {key} = {_show(value)}: {e.en} ({e.ja})") from None
            parts[name] = make(**values)
        return cls(**parts)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Config:
        """The Config of the file ``path``; SourceError naming it if it cannot be read or is not valid."""
        return cls.parse(read_toml(path), str(path))


def read_toml(path: str | os.PathLike[str]) -> dict:
    """The tables of a TOML file; SourceError naming the file when it cannot be read or parsed."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise SourceError(f"{path}: cannot read: {e}") from None


def _misplaced(where: str, name: str, value: object) -> str:
    """The message for a top-level name that is no table of kaitei.toml."""
    tables = ", ".join(f"[{t}]" for t in SCHEMA)
    if isinstance(value, dict):
        hint = _did_you_mean(name, SCHEMA, brackets=True)
        return f"{where} [{name}]: unknown table{hint} (不明な表です; {FILE} has {tables})"
    home = next((t for t, (_, checks) in SCHEMA.items() if name in checks), None)
    if home:
        return f"{where} {name} = {_show(value)}: not in a table: put it under [{home}] ([{home}] の下に書いてください)"
    return f"{where} {name}: unknown key (不明なキーです; {FILE} has {tables})"


def _did_you_mean(name: str, known, *, brackets: bool = False) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if not close:
        return ""
    return f" — did you mean [{close[0]}]?" if brackets else f" — did you mean {close[0]}?"


def _show(value: object, limit: int = 60) -> str:
    """A TOML value as it would be written (shortened): ``"30"``, ``30``, ``true``, ``[1, 2]``."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, (datetime.date, datetime.time)):
        text = value.isoformat()
    elif isinstance(value, list):
        text = "[" + ", ".join(_show(v, limit) for v in value) + "]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k} = {_show(v, limit)}" for k, v in value.items()) + "}"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
