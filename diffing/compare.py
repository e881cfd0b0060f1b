"""The comparison of two versions as the rows of a 新旧対照表 (現改比較表).

``compare(old, new)`` aligns the two trees (diffing.align), diffs the wording of every aligned
pair at word level (diffing.textdiff) and flattens the result into ordered rows following the
table conventions of DESIGN.md §4: unchanged provisions are left out, unchanged 項/号 inside a
changed article are elided, divisions and article captions are kept as context, 附則 are shown.
The Comparison carries what every writer needs (titles, the day the revision takes effect), so that
writers never re-read the documents' dates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from corpus.citation import citation
from corpus.dates import document_dates
from corpus.model import DIVISION_KINDS as DIVISIONS, Document, Node
from diffing import textdiff
from diffing.align import Pair, align_documents

# Row kinds: what happened to the provision the row shows.
ROW_KINDS = ("changed", "inserted", "deleted", "renumbered", "moved", "context", "elided")

ELIDED = "（略）"

Span = tuple[int, int]


@dataclass(slots=True)
class Side:
    """One side of a row: the provision as printed in that version, and what changed in it."""

    citation: str  # 第4条第2項, 附則第1項, 別紙1「2 身分証サービス」
    label: str  # as printed: 第4条, ２, (1), 別紙1
    caption: str
    text: str  # the provision's own text (as in the document, elided or not)
    label_changed: bool = False  # its number differs on the other side (renumbered): mark it
    elided: bool = False  # its text is unchanged and printed as the elision token 「（略）」
    caption_spans: list[Span] = field(default_factory=list)  # changed wording in caption (underlined)
    text_spans: list[Span] = field(default_factory=list)  # changed wording in text (underlined)


@dataclass(slots=True)
class Row:
    kind: str  # one of ROW_KINDS
    node: str  # the node kind: Article, Paragraph, Item, Chapter, TableRow …
    depth: int  # nesting below the top of the table, for indentation
    old: Side | None  # None: 「（新設）」 on the old side
    new: Side | None  # None: 「（削る）」 on the new side


@dataclass(slots=True)
class Comparison:
    old: Document
    new: Document
    rows: list[Row]
    effective: datetime.date | None = None  # the day the new version takes effect, when known

    @property
    def title(self) -> str:
        return self.new.title or self.old.title

    @property
    def changes(self) -> list[Row]:
        """The rows that show a change (not context, not elided)."""
        return [r for r in self.rows if r.kind not in ("context", "elided")]


def compare(
    old: Document, new: Document, *, elide: bool = True, effective: datetime.date | None = None
) -> Comparison:
    """Rows of the comparison table of ``old`` → ``new``; ``elide=False`` shows unchanged 項/号 in full.
    ``effective`` is the day the new version takes effect when it is known better than the text states
    it (a corpus records it); by default the date the new version's text states (``effective_date``)."""
    rows: list[Row] = []
    for pair in align_documents(old, new):
        _rows(pair, [], [], 0, rows, elide)
    return Comparison(old, new, rows, effective or effective_date(old, new))


def effective_date(old: Document, new: Document) -> datetime.date | None:
    """The day the new version takes effect, when its dates say so and it is later than the old one's."""
    new_date = document_dates(new).get("effective")
    old_date = document_dates(old).get("effective")
    if new_date is None or (old_date is not None and old_date >= new_date):
        return None  # both versions name the same date: it is not this revision's
    return new_date


def _rows(pair: Pair, old_path: list[Node], new_path: list[Node], depth: int, out: list[Row], elide: bool) -> None:
    if pair.kind == "unchanged":
        return
    old_path = old_path + [pair.old] if pair.old is not None else old_path
    new_path = new_path + [pair.new] if pair.new is not None else new_path
    if pair.old is None or pair.new is None:
        node = pair.new if pair.new is not None else pair.old
        _whole(node, new_path if pair.new is not None else old_path, depth, pair.new is not None, out)
        return
    node = pair.new.kind
    if node != "Table":  # a table is shown by its rows
        row = _row(pair, old_path, new_path, depth)
        out.append(row)
        if row.kind == "renumbered" and all(c.kind == "unchanged" for c in pair.children):
            row.old.elided = row.new.elided = True  # only the number changed: one row, body elided
            return
    if node == "TableRow":
        return  # a row is diffed as a whole, cells separated by tabs
    for child in pair.children:
        if child.kind != "unchanged":
            _rows(child, old_path, new_path, depth + 1, out, elide)
        elif node not in DIVISIONS and child.old is not None and _has_body(child.old):
            out.append(_unchanged(child, old_path, new_path, depth + 1, elide))


def _has_body(node: Node) -> bool:
    """Provisions whose wording is elided as 「（略）」 when unchanged (not structure, not loose text)."""
    return node.kind not in DIVISIONS + ("Article", "SupplProvision", "Appendix", "Title", "TOC", "Text", "Table")


def _side(node: Node, path: list[Node], label_changed: bool = False) -> Side:
    text = "\t".join(c.text for c in node.children) if node.kind == "TableRow" else node.text
    return Side(citation(path), node.label, node.caption, text, label_changed)


def _row(pair: Pair, old_path: list[Node], new_path: list[Node], depth: int) -> Row:
    """A pair present on both sides: its wording diffed word by word."""
    old, new = _side(pair.old, old_path, pair.renumbered), _side(pair.new, new_path, pair.renumbered)
    if old.caption != new.caption:
        old.caption_spans, new.caption_spans = textdiff.spans(textdiff.diff(old.caption, new.caption))
    if old.text != new.text:
        old.text_spans, new.text_spans = textdiff.spans(textdiff.diff(old.text, new.text))
    own_changed = bool(old.caption_spans or new.caption_spans or old.text_spans or new.text_spans)
    if pair.moved:
        kind = "moved"
    elif own_changed:
        kind = "changed"
    elif pair.renumbered:
        kind = "renumbered"
    else:
        kind = "context"  # unchanged itself; shown because something inside it changed
    if not own_changed and old.text and _has_body(pair.old) and pair.new.kind != "TableRow":
        old.elided = new.elided = True  # an unchanged body (of a renumbered or context provision) is elided
    return Row(kind, pair.new.kind, depth, old, new)


def _whole(node: Node, path: list[Node], depth: int, inserted: bool, out: list[Row]) -> None:
    """An inserted or deleted provision and everything in it: all of its wording is the change."""
    if node.kind != "Table":
        side = _side(node, path)
        side.caption_spans = [(0, len(side.caption))] if side.caption else []
        side.text_spans = [(0, len(side.text))] if side.text else []
        out.append(Row("inserted", node.kind, depth, None, side) if inserted else Row("deleted", node.kind, depth, side, None))
    if node.kind != "TableRow":
        for child in node.children:
            _whole(child, path + [child], depth + 1, inserted, out)


def _unchanged(pair: Pair, old_path: list[Node], new_path: list[Node], depth: int, elide: bool) -> Row:
    """An unchanged 項/号 inside a changed provision: 「（略）」, or in full without ``elide``."""
    old, new = _side(pair.old, old_path + [pair.old]), _side(pair.new, new_path + [pair.new])
    old.elided = new.elided = elide
    return Row("elided" if elide else "context", pair.new.kind, depth, old, new)
