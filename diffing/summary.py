"""What a revision changes, one line per changed article (or 別紙, 附則, heading), read off the rows of a
comparison: the summary a notice of change (改定のお知らせ) and the revision history print.

``summarize(comparison)`` groups the change rows under the provision a reader looks up — the 条 they
belong to; outside articles the 別紙 or 附則, or the division heading itself — and words each group as
legal editors do: 「第4条（本サービスの種類）を変更（第2項・第4項を変更、第3項を新設）」.
A 附則 the revision adds is its own enactment clause, not a change of the terms, and is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.model import DIVISION_KINDS
from diffing.compare import Comparison, Row, Side

VERBS = {"changed": "変更", "inserted": "新設", "deleted": "削除", "renumbered": "変更", "moved": "移動"}
MAX_DETAILS = 6  # parts named in one line; more are summed up as 「ほか」
MAX_CAPTION = 30  # characters of a caption quoted in a line (a 附則's caption can list a dozen articles)
_FIRST_QUOTED = re.compile(r"「[^」]*」")


@dataclass(slots=True)
class Change:
    """One line of the summary: the provision (as numbered in the new version, or the old one when
    deleted), what happened to it, and which of its parts changed."""

    place: str  # 第4条, 別紙1, 附則, 第2章
    caption: str  # 本サービスの種類 (without brackets); "" when it has none
    what: str  # 新設 | 削除 | 変更 | 移動
    was: str = ""  # the old number when renumbered or moved: 第5条
    details: list[str] = field(default_factory=list)  # 第2項・第4項を変更 / 第3項を新設

    @property
    def line(self) -> str:
        """The change as one sentence of a notice: 「第4条（本サービスの種類）を変更（第3項を新設）」,
        「第13条（総会）（旧第12条）を変更（第5項を変更）」, 「第16条（部会）（旧第15条）：条番号の変更」."""
        caption = self.caption if len(self.caption) <= MAX_CAPTION else self.caption[: MAX_CAPTION - 1] + "…"
        name = self.place + (f"（{caption}）" if caption else "") + (f"（旧{self.was}）" if self.was else "")
        if self.was and self.what == "変更" and not self.details:
            unit = next((ch for ch in reversed(self.place.removesuffix("まで")) if ch in "条項号"), "")
            return f"{name}：{unit}番号の変更"
        if self.what in ("新設", "削除", "移動") or not self.details:
            return f"{name}を{self.what}"
        return f"{name}を変更（{'、'.join(self.details)}）"


def summarize(comparison: Comparison) -> list[Change]:
    """The changes of ``comparison``, in the order of its table."""
    groups: dict[int, tuple[Row, list[Row]]] = {}  # id(unit row) → (unit row, its change rows)
    paragraphs: dict[int, int] = {}  # id(article row) → its 項 in the new version (the old one when deleted)
    stack: list[Row] = []
    for row in comparison.rows:
        del stack[row.depth:]
        stack.append(row)
        if row.node == "Paragraph" and len(stack) > 1 and stack[-2].node == "Article":
            if row.new is not None or stack[-2].new is None:
                paragraphs[id(stack[-2])] = paragraphs.get(id(stack[-2]), 0) + 1
        if row.kind in ("context", "elided"):
            continue
        unit = _unit(stack)
        groups.setdefault(id(unit), (unit, []))[1].append(row)
    out: list[Change] = []
    for unit, rows in groups.values():
        if unit.node == "SupplProvision" and unit.kind == "inserted":
            continue
        out.append(_change(unit, [row for row in rows if row is not unit], sole=paragraphs.get(id(unit)) == 1))
    return _ranges(out)


def _ranges(changes: list[Change]) -> list[Change]:
    """Runs of articles that only changed number, one line each: 「第15条から第38条まで（旧第14条から第37条まで）：
    条番号の変更」 — an article inserted renumbers all that follow, and a notice names them at once."""
    out: list[Change] = []
    run: list[Change] = []
    for change in changes + [Change("", "", "")]:
        if change.was and change.what == "変更" and not change.details:
            run.append(change)
            continue
        if len(run) > 1:
            first, last = run[0], run[-1]
            span = "{}及び{}" if len(run) == 2 else "{}から{}まで"  # 第16条及び第17条, 第18条から第26条まで
            out.append(Change(span.format(first.place, last.place), "", "変更", span.format(first.was, last.was)))
        else:
            out.extend(run)
        run = []
        if change.place:
            out.append(change)
    return out


def _unit(stack: list[Row]) -> Row:
    """The row a change is listed under: the first row below the divisions — its 条, or the 別紙, 附則,
    heading or title holding it (a 条 of a 附則 is listed under the 附則) — else the division row itself."""
    return next((row for row in stack if row.node not in DIVISION_KINDS), stack[-1])


def _change(unit: Row, parts: list[Row], sole: bool = False) -> Change:
    side = unit.new or unit.old
    assert side is not None
    change = Change(_name(side), _caption(side), VERBS[unit.kind] if unit.kind != "context" else "変更")
    if unit.kind in ("renumbered", "moved") and unit.old is not None and unit.new is not None:
        change.was = _name(unit.old)
        if unit.kind == "renumbered" and (unit.new.text_spans or unit.new.caption_spans or unit.old.text_spans):
            change.details.append("本文を変更" if unit.new.text_spans or unit.old.text_spans else "見出しを変更")
    if unit.kind in ("inserted", "deleted"):
        return change
    by_verb: dict[str, list[str]] = {}
    for row in parts:
        if sole and row.node == "Paragraph" and row.depth == unit.depth + 1:
            if len(parts) > 1:  # the article's only 項 is no 第1項: its wording before the 号 is the 柱書き
                by_verb.setdefault(VERBS[row.kind], []).append("柱書き")
            continue  # alone: 「第1条（目的）を変更」, as the article reads
        place = _part(row, unit)
        verb = VERBS[row.kind]
        if row.kind == "renumbered" and row.old is not None and row.new is not None:
            was = _part_side(row.old, unit.old or side)
            if was and was != place:
                by_verb.setdefault("番号", []).append(f"{was}を{place}とする")
            continue
        listed = by_verb.setdefault(verb, [])
        # 第1項第2号イ inside a 第1項第2号 added (or deleted) whole is not named again
        if place and not any(place == p or (verb in ("新設", "削除") and place.startswith(p) and not place[len(p):].startswith("の")) for p in listed):
            listed.append(place)
    renumbered = by_verb.pop("番号", [])
    change.details += [f"{_listed(places, '・')}を{verb}" for verb, places in by_verb.items() if places]
    if renumbered:
        change.details.append(_listed(renumbered, "、"))
    return change


def _listed(items: list[str], sep: str) -> str:
    """Items joined by ``sep``, at most MAX_DETAILS of them, then 「ほか」."""
    return sep.join(items[:MAX_DETAILS]) + ("ほか" if len(items) > MAX_DETAILS else "")


def _name(side: Side) -> str:
    """How the provision is named in a sentence: its citation up to the first quoted part (別紙1「2 …」 → 別紙1)."""
    name = _FIRST_QUOTED.split(side.citation, maxsplit=1)[0]
    return name or side.label.replace(" ", "").replace("\u3000", "") or side.caption


def _caption(side: Side) -> str:
    """The caption without its enclosing brackets and, for a 附則, without 「抄」 (「（令和四年…第七〇号）　抄」)."""
    caption = re.sub(r"\s*抄$", "", side.caption.strip())
    if caption[:1] in "(（[【「" and caption[-1:] in ")）]】」" and not re.search(r"[)）\]】」]", caption[1:-1]):
        return caption[1:-1]
    return caption


def _part(row: Row, unit: Row) -> str:
    """Where in the unit the row is: 第2項, 第3項第1号; in a 別紙 its first heading 「2 身分証サービス」."""
    side = row.new or row.old
    own = unit.new if row.new is not None else unit.old
    return _part_side(side, own or unit.new or unit.old) if side is not None else ""


def _part_side(side: Side, unit: Side | None) -> str:
    prefix = unit.citation if unit is not None else ""
    rest = side.citation[len(prefix):] if prefix and side.citation.startswith(prefix) else side.citation
    quoted = _FIRST_QUOTED.match(rest)
    return quoted.group() if quoted else rest
