"""Notice clauses: where a version of terms promises how long before a change takes effect it is announced.

Reads the change clause (変更条項) of a version — 「変更後の本規約の効力発生日の1ヵ月前までに」,
「30日前に通知することにより」, 「相当な期間をおいて」, 「予め」 — into a ``NoticeRule`` that says the
least notice it promises, and ``deadline()`` turns a rule into the last permitted announcement day.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Sequence

from corpus.citation import citation
from corpus.lexicon import LINE_SPACE, SMALL_NUMBER
from corpus.model import Document
from corpus.numbers import parse_int

# A provision is a change clause when it (or its article's caption) speaks of changing the terms.
_TERMS = re.compile(r"規約|約款|規程|規則|利用条件|契約条件|本条件")
_CHANGE = re.compile(r"変更|改定|改訂|改正")

_N = rf"(?P<n>{SMALL_NUMBER}){LINE_SPACE}"  # 1ヵ月, ３０日, 三十日 (漢数字 without 〇)
# The periods a clause may promise, strictest reading first; each pattern's unit names its rule.
PERIODS = (
    ("months", re.compile(_N + r"(?:ヵ|か|ヶ|カ|ケ|箇|个|個)?月(?:以上)?(?:前|の予告)")),
    ("weeks", re.compile(_N + r"週間(?:以上)?(?:前|の予告)")),
    ("days", re.compile(_N + r"日(?:以上)?(?:前|の予告)")),
    ("reasonable", re.compile(r"相当(?:な|の)(?:予告)?期間")),
    ("beforehand", re.compile(r"予め|あらかじめ|事前に")),
)


@dataclass(slots=True, frozen=True)
class NoticeRule:
    """The notice a change clause promises: ``amount`` ``unit`` before the effective date.

    ``unit`` is months, weeks or days; ``reasonable`` (相当な期間: no fixed length) and
    ``beforehand`` (予め: announced before the effective date) carry ``amount`` 0.
    ``place`` is the clause's citation (第35条第3項), ``phrase`` the words as printed.
    """

    unit: str
    amount: int
    place: str
    phrase: str

    def deadline(self, effective: datetime.date) -> datetime.date:
        """The last day an announcement may be made for a change effective on ``effective``."""
        if self.unit == "months":
            return _months_before(effective, self.amount)
        if self.unit == "weeks":
            return effective - datetime.timedelta(weeks=self.amount)
        if self.unit == "days":
            return effective - datetime.timedelta(days=self.amount)
        return effective - datetime.timedelta(days=1)  # at least announced before (民法第548条の4第2項)

    @property
    def measurable(self) -> bool:
        return self.unit in ("months", "weeks", "days")

    def describe(self) -> str:
        """The promise in words: 「1ヵ月前まで」, 「30日前まで」, 「相当な期間をおいて」, 「予め」."""
        return {"months": f"{self.amount}ヵ月前まで", "weeks": f"{self.amount}週間前まで", "days": f"{self.amount}日前まで"}.get(
            self.unit, self.phrase
        )


def notice_rules(doc: Document) -> list[NoticeRule]:
    """Every notice promise in the change clauses of ``doc``, in document order."""
    rules: list[NoticeRule] = []
    for path in doc.paths(skip=("SupplProvision", "Appendix", "TOC", "Table")):  # the main provisions
        node = path[-1]
        if not node.text or node.kind in ("Title", "Article"):
            continue
        article = next((n for n in path if n.kind == "Article"), None)
        context = (article.caption if article else "") + node.text
        if not (_TERMS.search(context) and _CHANGE.search(context)):
            continue
        if not (_TERMS.search(node.text) or _CHANGE.search(node.text)):
            continue
        for unit, pattern in PERIODS:
            m = pattern.search(node.text)
            if m:
                amount = parse_int(m.group("n")) if "n" in pattern.groupindex else 0
                rules.append(NoticeRule(unit, amount or 0, citation(path), _sentence(node.text, m)))
                break  # one promise per provision: the strictest reading found first
    return rules


def strictest(rules: Sequence[NoticeRule], effective: datetime.date) -> NoticeRule | None:
    """The rule with the earliest deadline for ``effective`` (measurable rules before the others)."""
    if not rules:
        return None
    return min(rules, key=lambda r: (not r.measurable, r.deadline(effective)))


def _sentence(text: str, m: re.Match[str]) -> str:
    """The clause words around a match: from the sentence start (or 30 characters) to its end of phrase."""
    start = max(text.rfind("。", 0, m.start()) + 1, m.start() - 30, text.rfind("、", 0, max(m.start() - 12, 0)) + 1)
    end = m.end()
    tail = re.match(r"(?:まで)?に?(?:、)?", text[end:])
    end += tail.end() if tail else 0
    return " ".join(text[start:end].split())


def _months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier (the month's last day when it has fewer days)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in range(day.day, 0, -1):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")
