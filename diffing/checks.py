"""Checks on a version before it is published: effective date, notice period, references, numbering.

Each check returns ``Finding``s that cite their basis: 民法第548条の4, the change clause of the
version in force (現行規約(2025-06-01) 第35条第3項), the corpus policy (kaitei.toml [policy]
notice_days), or the text of the version itself (附則第1項). ``check_version`` runs them all.

The rules in force for a revision are those of the version live on its announcement date; when
the revision is announced before any version is live (a second version announced before the first
takes effect), those of the version it replaces.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Iterator, Sequence

from corpus.citation import citation
from corpus.config import Policy
from corpus.dates import find_date_phrases
from corpus.model import SUBITEM_KINDS, Document, Node
from corpus.store import Version
from diffing.align import Pair, align_documents
from diffing.findings import Finding
from diffing.notice import notice_rules, strictest
from diffing.reference_check import check_references

CIVIL_CODE = "民法第548条の4第2項・第3項"  # 定型約款の変更: 効力発生時期までの周知; 不利益変更は周知なしに効力を生じない
NUMBERING_BASIS = "番号の付け方: 条・項・号は欠番・重複なく順に付す（法制執務の慣行）"


@dataclass(slots=True)
class Stated:
    """A version as checks see it: its record and its parsed tree."""

    version: Version
    doc: Document


def check_version(
    new: Stated,
    *,
    previous: Stated | None = None,
    in_force: Stated | None = None,
    policy: Policy | None = None,
) -> list[Finding]:
    """Every check on ``new``: ``previous`` is the published version it follows, ``in_force`` the
    version whose rules apply (live on the announcement date), ``policy`` the corpus policy."""
    findings = check_effective_date(new, previous)
    pairs = align_documents(previous.doc, new.doc) if previous else None  # shared by fees and references
    unfavorable, fee_findings = _unfavorable(new, previous, pairs)
    findings += fee_findings
    findings += check_notice_period(new, previous, in_force, policy or Policy(), unfavorable=unfavorable)
    findings += check_references(new.doc, previous.doc if previous else None, pairs=pairs)
    findings += check_numbering(new.doc)
    return findings


# -- effective date ---------------------------------------------------------------------------


def check_effective_date(new: Stated, previous: Stated | None) -> list[Finding]:
    """Present; equal to what the version's own 附則/施行日 text states; later than the previous version's."""
    v = new.version
    if v.effective is None:
        return [
            Finding(
                "error", "effective_date", "効力発生日が記録されていません。",
                "No effective date is recorded for this version.",
                place="version.toml effective", basis="民法第548条の4第2項（効力発生時期の周知）",
                suggestion="kaitei add … --effective DATE",
            )
        ]
    findings = []
    stated = stated_effective(new.doc)
    if stated is not None:
        date, place, words = stated
        if date != v.effective:
            findings.append(
                Finding(
                    "error", "effective_date",
                    f"記録された効力発生日 {v.effective} が、本文の定める {date} と異なります。",
                    f"The recorded effective date {v.effective} differs from the date the text states, {date}.",
                    place="version.toml effective", basis=f"{place}「{words}」", suggestion=str(date),
                )
            )
    if previous is not None and previous.version.effective is not None and v.effective <= previous.version.effective:
        findings.append(
            Finding(
                "error", "effective_date",
                f"効力発生日 {v.effective} が、前の版（{previous.version.id}）の効力発生日 {previous.version.effective} より後ではありません。",
                f"The effective date {v.effective} is not after that of the previous version"
                f" ({previous.version.id}), {previous.version.effective}.",
                place="version.toml effective", basis=f"前の版 {previous.version.id} の version.toml effective",
            )
        )
    return findings


def stated_effective(doc: Document) -> tuple[datetime.date, str, str] | None:
    """The effective date the document's own text states — 「…から施行/実施します」 in its last 附則
    (the one of this revision: a compiled law keeps the 附則 of every earlier amendment, each with
    its own date), or a 施行日 line outside 附則 — with the provision's citation and its words."""
    paths = list(doc.paths())
    suppl = [p for p in paths if p[-1].kind == "SupplProvision"]
    last = suppl[-1][-1] if suppl else None
    best = None
    for path in paths:
        node = path[-1]
        owner = next((n for n in path if n.kind == "SupplProvision"), None)
        if not (owner is last and owner is not None or owner is None and node.kind in ("Text", "Title")):
            continue
        own = node.text if node.kind != "SupplProvision" else node.label + node.caption + node.text
        for phrase in find_date_phrases(own):
            if phrase.role == "effective" and (best is None or phrase.date >= best[0]):
                best = (phrase.date, citation(path), _words(own))
    return best


# -- notice period ----------------------------------------------------------------------------


def check_notice_period(
    new: Stated, previous: Stated | None, in_force: Stated | None, policy: Policy, *, unfavorable: bool = False
) -> list[Finding]:
    """Announced strictly before the effective date (民法), at least as early as the change clause in
    force promises, and at least the corpus policy (stricter for an unfavourable change)."""
    v = new.version
    if previous is None and in_force is None:
        return []  # the first version: nothing changes, nothing to announce
    if v.effective is None:
        return []  # reported by the effective-date check
    if v.announced is None:
        return [
            Finding(
                "warning", "notice_period", "告知日が記録されていないため、告知期間を確認できません。",
                "No announcement date is recorded, so the notice period cannot be checked.",
                place="version.toml announced", basis=CIVIL_CODE, suggestion="kaitei add … --announced DATE",
            )
        ]
    days = (v.effective - v.announced).days
    span = f"告知日 {v.announced} から効力発生日 {v.effective} まで {days}日"
    span_en = f"announced {v.announced}, effective {v.effective}: {days} days"
    findings = []
    if days <= 0:
        findings.append(
            Finding(
                "error", "notice_period",
                f"{span}: 効力発生日より前に告知されていません（不利益変更はその効力を生じません）。",
                f"{span_en}: not announced before the effective date (an unfavourable change does not take effect).",
                place="version.toml announced", basis=CIVIL_CODE,
            )
        )
    rules_of = in_force or previous
    rule = strictest(notice_rules(rules_of.doc), v.effective) if rules_of else None
    if rule is not None:
        basis = f"現行規約({rules_of.version.effective}) {rule.place}「{rule.phrase}」"
        deadline = rule.deadline(v.effective)
        if not rule.measurable and rule.unit == "reasonable":
            findings.append(
                Finding(
                    "info", "notice_period",
                    f"{span}: 現行規約は「相当な期間」をおくと定めています。日数が相当か確認してください。",
                    f"{span_en}: the terms in force promise a reasonable period; judge whether {days} days is one.",
                    place="version.toml announced", basis=basis,
                )
            )
        elif v.announced > deadline:
            findings.append(
                Finding(
                    "error", "notice_period",
                    f"{span}: 現行規約の定める「{rule.describe()}」の告知に足りません（{deadline} までに告知が必要）。",
                    f"{span_en}: shorter than the notice the terms in force promise ({rule.describe()};"
                    f" announce by {deadline}).",
                    place="version.toml announced", basis=basis, suggestion=f"announced ≤ {deadline}",
                )
            )
        else:
            findings.append(
                Finding(
                    "info", "notice_period",
                    f"{span}: 現行規約の定める「{rule.describe()}」を満たします。",
                    f"{span_en}: meets the notice the terms in force promise ({rule.describe()}).",
                    place="version.toml announced", basis=basis,
                )
            )
    for key in ("notice_days",) + (("unfavorable_notice_days",) if unfavorable else ()):
        least = getattr(policy, key)
        if least is not None and days < least:
            findings.append(
                Finding(
                    "error", "notice_period",
                    f"{span}: コーパスの方針（{key} = {least}日）に足りません。",
                    f"{span_en}: shorter than the corpus policy ({key} = {least} days).",
                    place="version.toml announced", basis=f"kaitei.toml [policy] {key} = {least}",
                    suggestion=f"announced ≤ {v.effective - datetime.timedelta(days=least)}",
                )
            )
    return findings


# -- unfavourable changes ---------------------------------------------------------------------

_YEN = re.compile(r"(?P<amount>[0-9０-９][0-9０-９,，]*)[^\S\n]*円")


def fee_increases(old: Document, new: Document, pairs: list[Pair] | None = None) -> list[tuple[str, int, int]]:
    """``(place, old amount, new amount)`` for amounts in 円 that grew in a changed provision;
    ``pairs`` is ``align_documents(old, new)`` when the caller has it already."""
    out = []
    for path, pair in _changed_pairs(pairs if pairs is not None else align_documents(old, new)):
        old_amounts = _amounts(pair.old)
        new_amounts = _amounts(pair.new)
        if len(old_amounts) == len(new_amounts):
            out += [(citation(path), a, b) for a, b in zip(old_amounts, new_amounts) if b > a]
    return out


def _unfavorable(new: Stated, previous: Stated | None, pairs: list[Pair] | None) -> tuple[bool, list[Finding]]:
    if new.version.unfavorable:
        return True, []
    if previous is None:
        return False, []
    findings = [
        Finding(
            "warning", "notice_period",
            f"料金が {a:,}円 から {b:,}円 に上がっています: 不利益変更として告知期間を確認します。",
            f"A fee grows from {a:,} to {b:,} yen: checked as an unfavourable change.",
            place=place, basis="民法第548条の4第1項第2号（相手方の利益に適合しない変更）",
        )
        for place, a, b in fee_increases(previous.doc, new.doc, pairs)
    ]
    return bool(findings), findings


def _amounts(node: Node) -> list[int]:
    return [int(m.group("amount").translate(_DIGITS).replace(",", "")) for m in _YEN.finditer(node.text)]


_DIGITS = str.maketrans("０１２３４５６７８９，", "0123456789,")


def _changed_pairs(pairs: Sequence[Pair], path: tuple[Node, ...] = ()) -> Iterator[tuple[list[Node], Pair]]:
    for pair in pairs:
        if pair.old is None or pair.new is None:
            continue
        here = (*path, pair.new)
        if pair.own_changed:
            yield list(here), pair
        if pair.changed:
            yield from _changed_pairs(pair.children, here)


# -- numbering --------------------------------------------------------------------------------


def check_numbering(doc: Document) -> list[Finding]:
    """Gaps (warning), duplicates and numbers out of order (errors) among sibling 条, 項 and 号.

    Articles are numbered through the whole main provision (across 章), and afresh inside each
    附則 and 別紙; 項 inside their article, 号 inside their 項. 第5条の2 follows 第5条; a 削除
    range (第55条から第63条まで) counts as all its numbers.
    """
    findings: list[Finding] = []
    for path, siblings in _numbered_lists(doc):
        findings += _sequence_findings(path, siblings)
    return findings


_LEVELS = ("Article", "Paragraph", "Item") + SUBITEM_KINDS
_UNIT = {"Article": "条", "Paragraph": "項", "Item": "号"}


def _numbered_lists(doc: Document) -> Iterator[tuple[list[Node], list[tuple[list[Node], Node]]]]:
    """(path of the parent, [(path, node)]) for each list of numbered siblings of one kind."""

    def collect(parent_path: list[Node], nodes: Sequence[Node]) -> None:
        groups: dict[str, list[tuple[list[Node], Node]]] = {}
        for node in nodes:
            stack = [(parent_path + [node], node)]
            while stack:
                path, n = stack.pop()
                if n.kind in _LEVELS:
                    groups.setdefault(n.kind, []).append((path, n))
                    collect(path, n.children)
                elif n.kind in ("SupplProvision", "Appendix", "Heading"):
                    collect(path, n.children)  # numbered afresh inside
                elif n.kind not in ("TOC", "Table"):
                    stack.extend((path + [c], c) for c in reversed(n.children))
        for siblings in groups.values():
            out.append((parent_path, siblings))

    out: list[tuple[list[Node], list[tuple[list[Node], Node]]]] = []
    collect([], doc.children)
    return iter(out)


def _sequence_findings(parent: list[Node], siblings: list[tuple[list[Node], Node]]) -> list[Finding]:
    findings = []
    # 附則 of amending laws are printed as excerpts (only the articles still relevant): no gaps there.
    excerpt = any(n.kind == "SupplProvision" for n in siblings[0][0]) if siblings else False
    last: tuple[int, ...] | None = None  # the highest number so far (a 削除 range counts as its end)
    seen: dict[tuple[int, ...], str] = {}
    labelled: set[tuple[int, ...]] = set()  # printed numbers (an unnumbered first 項 is 1 too, but not printed)
    for path, node in siblings:
        span = _num_span(node.num)
        if span is None:
            continue
        first, end = span
        here = citation(path)
        label = _unit_label(node)
        if first in seen:
            findings.append(
                Finding(
                    "error" if node.label and first in labelled else "warning", "numbering", f"{label}が重複しています（{seen[first]} と同じ番号）。",
                    f"Duplicate number {label} (the same as {seen[first]}).", place=here, basis=NUMBERING_BASIS,
                )
            )
        elif last is not None and first < last:
            findings.append(
                Finding(
                    "error", "numbering", f"{label}が順番どおりではありません（{seen[last]} の後）。",
                    f"{label} is out of order (after {seen[last]}).", place=here, basis=NUMBERING_BASIS,
                )
            )
        elif not excerpt and last is not None and len(first) == 1 and first[0] > last[0] + 1:
            missing = f"{last[0] + 1}" if first[0] == last[0] + 2 else f"{last[0] + 1}–{first[0] - 1}"
            findings.append(
                Finding(
                    "warning", "numbering", f"番号が飛んでいます: {missing} がありません（{here} の前）。",
                    f"Gap in numbering: {missing} missing (before {here}).", place=here, basis=NUMBERING_BASIS,
                )
            )
        seen.setdefault(first, here)
        seen.setdefault(end, here)
        if node.label:
            labelled.add(first)
        last = end if last is None else max(last, end)
    return findings


def _num_span(num: str) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The first and last number a num stands for: ``5_2`` → ((5, 2), (5, 2)); a 削除 range
    ``55:63`` → ((55,), (63,)); a num that is no number (a bullet) → None."""
    first, _, last = num.partition(":")
    keys = [tuple(int(p) for p in part.split("_")) for part in (first, last or first) if _NUM.fullmatch(part)]
    return (keys[0], keys[1]) if len(keys) == 2 else None


_NUM = re.compile(r"[0-9]+(?:_[0-9]+)*")


def _unit_label(node: Node) -> str:
    unit = _UNIT.get(node.kind)
    return f"第{node.num.replace('_', 'の')}{unit}" if unit else f"「{' '.join(node.label.split())}」"


# -- helpers ----------------------------------------------------------------------------------


def _words(text: str) -> str:
    return " ".join(text.split())
