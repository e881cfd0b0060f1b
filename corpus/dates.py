"""Dates as printed in terms and laws, and the phrases that give a document its dates.

Reads 西暦 and 和暦 (明治–令和, 元年, 平14.3.1) in arabic, full-width and kanji digits, then finds
the phrases around them — 制定日, 改定日, 最終更新日, …現在, …版, 附則 「…から施行する」 — that
``document_dates`` turns into a document's enacted / revised / updated / as_of / edition / effective dates.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from corpus.lexicon import ARABIC, CLOSE_PARENS, DATE_DIGITS, ERA, GANNEN, KANJI_TENS, LINE_SPACE, LPAREN, RPAREN, WEEKDAYS, ymd
from corpus.model import Document, Node
from corpus.numbers import parse_int

# ---------------------------------------------------------------------------
# Eras

# name -> (first day, first day of the next era). 明治 is accepted from 1868-01-01: the era was
# proclaimed on 1868-10-23 (明治改元) and applied back to the start of that year (慶応4年).
_ERAS = {
    "明治": (datetime.date(1868, 1, 1), datetime.date(1912, 7, 30)),
    "大正": (datetime.date(1912, 7, 30), datetime.date(1926, 12, 25)),
    "昭和": (datetime.date(1926, 12, 25), datetime.date(1989, 1, 8)),
    "平成": (datetime.date(1989, 1, 8), datetime.date(2019, 5, 1)),
    "令和": (datetime.date(2019, 5, 1), datetime.date.max),
}
_ERA_ABBREVIATIONS = {
    **{a: "明治" for a in "M明Ｍ"},
    **{a: "大正" for a in "T大Ｔ"},
    **{a: "昭和" for a in "S昭Ｓ"},
    **{a: "平成" for a in "H平Ｈ"},
    **{a: "令和" for a in "R令Ｒ"},
}

# ---------------------------------------------------------------------------
# Date grammar: a table of named patterns, combined once.

_SP = LINE_SPACE  # spaces inside a date (「2023年 10 月 3日」), never a line break
_DATE_PATTERNS = {
    # 2025年6月1日 / 令和元年5月1日 / 昭和五十九年十二月二十五日 / 平成元年六月二八日
    "ymd": rf"(?<![{DATE_DIGITS}])(?:(?P<era>{ERA}){_SP})?"
    + ymd(
        rf"(?P<y>{GANNEN}|[{DATE_DIGITS}]{{1,6}})", rf"(?P<m>[{DATE_DIGITS}]{{1,3}})", rf"(?P<d>[{DATE_DIGITS}]{{1,4}})", _SP
    ),
    # 2025/6/1, 2025-06-01, 2025.6.1, 平14.3.1, H14.3.1, R7.10.1 (the same separator twice)
    "numeric": rf"(?<![{ARABIC}A-Za-z./／．])(?:(?P<nera>{ERA}|[{''.join(_ERA_ABBREVIATIONS)}])\.?{_SP})?"
    rf"(?P<ny>{GANNEN}|[{ARABIC}]{{1,4}})(?P<sep>[/／.．\-－])(?P<nm>[{ARABIC}]{{1,2}})(?P=sep)(?P<nd>[{ARABIC}]{{1,2}})"
    rf"(?![{ARABIC}]|[./／．][{ARABIC}])",
}
# (水) （水曜日）: kept in the span, not checked
_WEEKDAY = rf"(?:{_SP}{LPAREN}[{WEEKDAYS}](?:曜日?)?{RPAREN})?"
_DATE = re.compile("(?:" + "|".join(_DATE_PATTERNS.values()) + ")" + _WEEKDAY)

# ---------------------------------------------------------------------------
# Phrase grammar: a label before the date, or words after it. First match in table order wins.

_LABEL_SEP = rf"[】\]］{CLOSE_PARENS}]?{_SP}(?:[:：]|は、?)?{_SP}\Z"
_BEFORE = tuple(
    (role, re.compile(f"(?:{label}){_LABEL_SEP}"))
    for role, label in (
        ("updated", r"(?:最終)?更新(?:日|年月日)?"),
        ("revised", rf"(?:最終)?(?:改定|改訂|改正)(?:日|年月日)?|第[{ARABIC}{KANJI_TENS}]+(?:次改定|次改訂|訂)"),
        ("revised", rf"附{_SP}則{_SP}{LPAREN}"),  # 附則（令和7年9月24日 …号）: the amendment's date
        ("enacted", r"(?:規約|規程|規則|約款|定款)?制定(?:日|年月日)?|初版(?:発行日)?"),
        ("effective", r"施行(?:日|期日|年月日)?|効力発生日|発効日|適用(?:開始)?日|実施日"),
        ("as_of", r"(?:内容|情報|記載内容)?現在"),  # 内容現在 2022年 6月 15日
    )
)
_AFTER = tuple(
    (role, re.compile(f"{_SP}(?:{words})"))
    for role, words in (
        # 「…から施行する」「…より適用します」「…から実施します」「…から改定、施行する」「…より効力を発する」
        ("effective", rf"(?:から|より){_SP}(?:(?:改定|改訂|改正)、)?(?:施行|適用|実施|効力を(?:発|生)|効力が生)"),
        ("effective", r"をもって(?:施行|適用|実施)|施行|発効"),
        ("revised", r"(?:に(?:一部)?(?:内容を)?)?(?:全部)?(?:改定|改訂|改正)"),  # 【2023年3月25日改定】
        ("enacted", r"制定"),  # 2025年2月16日 制定
        ("updated", r"更新"),
        ("as_of", r"現在"),  # 2025年10月1日現在
        ("edition", r"版"),  # 2025年10月1日版
    )
)
# 「2025年3月21日、2026年5月9日に一部内容を改訂しました」: a date listed before another shares its role.
_LIST_SEP = re.compile(rf"{_SP}(?:、|,|，|及び|および|並びに|と){_SP}")
_BEFORE_WINDOW = 24  # characters before a date searched for its label

ROLES = ("enacted", "revised", "updated", "as_of", "edition", "effective")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a text: ``text[start:end]`` is the date as printed (with any weekday suffix)."""

    date: datetime.date
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DatePhrase:
    """A phrase that gives a document a date: ``text[start:end]`` covers the label and the date."""

    role: str  # one of ROLES
    date: datetime.date
    start: int
    end: int


DatedPhrase = DatePhrase  # the name the design brief also uses


def parse_date(s: str) -> datetime.date | None:
    """The date ``s`` (ends stripped) wholly spells, or None (not a date, or no such day/era)."""
    m = _DATE.fullmatch(s.strip())
    return _to_date(m) if m else None


def find_dates(text: str) -> list[FoundDate]:
    """Every valid date inside ``text``, in order, with offsets into ``text``."""
    found = []
    for m in _DATE.finditer(text):
        d = _to_date(m)
        if d is not None:
            found.append(FoundDate(d, m.start(), m.end()))
    return found


def find_date_phrases(text: str) -> list[DatePhrase]:
    """The dated phrases of ``text`` in order: 制定日 2025年6月1日, 2023年3月25日改定, …から施行する."""
    dates = find_dates(text)
    phrases: list[DatePhrase | None] = [None] * len(dates)
    for i in range(len(dates) - 1, -1, -1):  # right to left, so a listed date can borrow its successor's role
        found = dates[i]
        phrase = _phrase_before(text, found) or _phrase_after(text, found)
        if phrase is None and i + 1 < len(dates) and phrases[i + 1] is not None:
            following = phrases[i + 1]
            sep = _LIST_SEP.match(text, found.end)
            if sep and sep.end() == dates[i + 1].start and following.start == dates[i + 1].start:
                phrase = DatePhrase(following.role, found.date, found.start, found.end)
        phrases[i] = phrase
    return [p for p in phrases if p is not None]


def document_dates(doc: Document) -> dict[str, datetime.date]:
    """{role: date} from a document's Title, Text nodes and 附則; the latest date of each role wins.

    Article bodies are not read: a date there (「2025年10月1日以降の申込」) is content, not the
    document's own date.
    """
    dates: dict[str, datetime.date] = {}
    stack: list[tuple[Node, bool]] = [(n, False) for n in reversed(doc.children)]
    while stack:
        node, in_suppl = stack.pop()
        if node.kind == "TOC":
            continue
        in_suppl = in_suppl or node.kind == "SupplProvision"
        if in_suppl or node.kind in ("Title", "Text"):
            own = node.caption + node.label + node.text if node.caption_above else node.label + node.caption + node.text
            for phrase in find_date_phrases(own):
                if phrase.role not in dates or phrase.date > dates[phrase.role]:
                    dates[phrase.role] = phrase.date
        stack.extend((child, in_suppl) for child in reversed(node.children))
    return dates


# ---------------------------------------------------------------------------
# Builders


def _to_date(m: re.Match[str]) -> datetime.date | None:
    if m.group("y") is not None:
        era, y, mo, d = m.group("era"), m.group("y"), m.group("m"), m.group("d")
    else:
        era, y, mo, d = m.group("nera"), m.group("ny"), m.group("nm"), m.group("nd")
        era = _ERA_ABBREVIATIONS.get(era, era) if era else None
    year = 1 if y == "元" else parse_int(y)
    month, day = parse_int(mo), parse_int(d)
    if year is None or month is None or day is None:
        return None
    if era is None:
        if y == "元" or not 1000 <= year <= 9999:  # 「5年3月1日」 without an era is no date
            return None
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None
    first, next_first = _ERAS[era]
    try:
        date = datetime.date(first.year + year - 1, month, day)
    except ValueError:
        return None
    return date if first <= date < next_first else None


def _phrase_before(text: str, found: FoundDate) -> DatePhrase | None:
    window_start = max(0, found.start - _BEFORE_WINDOW)
    window = text[window_start : found.start]
    for role, pattern in _BEFORE:
        m = pattern.search(window)
        if m:
            return DatePhrase(role, found.date, window_start + m.start(), found.end)
    return None


def _phrase_after(text: str, found: FoundDate) -> DatePhrase | None:
    for role, pattern in _AFTER:
        m = pattern.match(text, found.end)
        if m:
            return DatePhrase(role, found.date, found.start, m.end())
    return None


# The document's own dates, in the order they stand for its effective date (効力発生日).
_EFFECTIVE_ROLES = ("effective", "enacted", "revised", "as_of", "updated", "edition")
_ROLE_NAMES = {
    "effective": "施行・実施の定め (附則/施行日)",
    "enacted": "制定日",
    "revised": "改定日 (附則の日付)",
    "as_of": "「…現在」",
    "updated": "最終更新日",
    "edition": "「…版」",
}


def version_dates(doc: Document) -> dict[str, tuple[datetime.date, str]]:
    """A version's announcement and effective dates as its text states them: ``{"effective": (date,
    where), "announced": (date, where)}``, each present only when the text gives it.

    The effective date is the first of: the date 附則 or 施行日 say it takes effect, 制定日, 改定日,
    「…現在」, 最終更新日, 「…版」. The announcement date is the 改定日 — for a revision, the date of its
    附則 (附則（令和7年9月24日 …号）) — when it lies before the effective date.
    """
    found = document_dates(doc)
    out: dict[str, tuple[datetime.date, str]] = {}
    for role in _EFFECTIVE_ROLES:
        if role in found:
            out["effective"] = (found[role], _ROLE_NAMES[role])
            break
    revised = found.get("revised")
    if revised is not None and "effective" in out and revised < out["effective"][0]:
        out["announced"] = (revised, _ROLE_NAMES["revised"])
    return out


# ---------------------------------------------------------------------------
# Printing

# 元号 and the day each began, newest first (for 和暦 output).
ERAS = (("令和", datetime.date(2019, 5, 1)), ("平成", datetime.date(1989, 1, 8)), ("昭和", datetime.date(1926, 12, 25)))


def format_date(d: datetime.date, *, era: bool = False) -> str:
    """``d`` as printed in Japanese documents: 2025年10月1日, or with ``era`` 令和7年10月1日 (元年 for the first)."""
    if era:
        for name, start in ERAS:
            if d >= start:
                year = d.year - start.year + 1
                return f"{name}{'元' if year == 1 else year}年{d.month}月{d.day}日"
    return f"{d.year}年{d.month}月{d.day}日"
