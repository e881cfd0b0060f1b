"""The printed rows of a 新旧対照表: one layout of a comparison that the HTML, PDF, DOCX and XLSX writers print.

Turns the rows of diffing.compare into two printed columns as a legal editor lays them out: label,
caption and text per provision, changed wording as underlined pieces (傍線), 「（新設）」/「（削る）」 for
added and deleted provisions, the elision token for unchanged ones, the column headers and title.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from corpus.config import TableOptions
from corpus.dates import format_date
from corpus.lexicon import CAPTION_BRACKETS, DASHES, UNSPACED_BULLETS
from corpus.model import DIVISION_KINDS, Document
from diffing.compare import Comparison, Row, Side, Span

LAYOUTS = ("old-left", "new-left")
INSERTED = "（新設）"  # on the old side of an added provision
DELETED = "（削る）"  # on the new side of a deleted provision
NOTE = "（傍線部分は改正部分）"
NO_CHANGES = "改正箇所はありません"
OLD_LABEL, NEW_LABEL = "現行", "改正後"  # column headers when the dates are unknown

# Rows that open a block of the document: their descendants are indented relative to them.
ROOTS = ("Article", "SupplProvision", "Appendix", "TOC", "Title")
# Kinds printed as a heading line (label, caption), their own text if any on the line below.
HEADINGS = ROOTS + ("Heading",)
SPACE = "\u3000"  # between a label and what follows it, as printed in laws
BULLETS = UNSPACED_BULLETS + DASHES  # labels printed right against their text (・セコム株式会社…)
OPENING_BRACKETS = CAPTION_BRACKETS

# Characters beyond which a row may break across pages: a printed column holds some 45 characters
# a line and 28 lines a page, so shorter rows always fit on a page and are kept whole.
LONG_ROW = 700

HEADING_STYLES = ("division", "heading", "caption")

Piece = tuple[str, bool]  # a run of text, and whether it is underlined


@dataclass(slots=True)
class Line:
    """One printed line of a cell (it may wrap): a heading, a provision with its label, or a table row."""

    style: str  # "division" | "caption" | "heading" | "provision" | "body" | "tablerow"
    pieces: list[Piece] = field(default_factory=list)
    cells: list[list[Piece]] = field(default_factory=list)  # style "tablerow": one list per column


@dataclass(slots=True)
class Cell:
    role: str  # "old" | "new"
    header: str  # the column header, repeated for stacked (narrow screen) display
    indent: int = 0  # in characters (em)
    marker: str = ""  # 「（新設）」 / 「（削る）」, or "" for a continuation of one
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class PrintedRow:
    """One row of the printed table: a Row of the comparison (with an article's first paragraph, for laws)."""

    kind: str  # the Row kind (changed, inserted, …)
    node: str  # the node kind (Article, Paragraph, …)
    compared: list[Row]  # the comparison rows printed here: one, or a law's article and its first paragraph
    cells: list[Cell]  # left, right
    starts_block: bool  # an article, division or appendix starts here: a rule above it
    heading_only: bool  # only headings (第2章, 第4条（…）): keep it on the page of the row after it
    long: bool  # too long to keep on one page whole: it may break between lines


def table_context(comparison: Comparison, options: TableOptions | None = None) -> dict:
    """What the template shows: heading, as-of date, column headers and rows (left column first).

    ``options`` (corpus.config.TableOptions): ``layout`` "old-left" (corporate practice) or "new-left"
    (national practice); ``old_label`` / ``new_label`` the column headers (default: from the day the
    revision takes effect, ``comparison.effective``, else 現行 / 改正後); ``title`` replaces
    「<文書名>【現改比較表】」; ``elision`` replaces 「（略）」; ``wareki`` prints dates in 和暦.
    """
    options = options or TableOptions()
    if options.layout not in LAYOUTS:
        raise ValueError(f"unknown layout {options.layout!r} (choose from {', '.join(LAYOUTS)})")
    effective, era = comparison.effective, options.wareki
    old_label, new_label = options.old_label, options.new_label
    if old_label is None:
        old_label = f"~{format_date(effective - datetime.timedelta(days=1), era=era)}" if effective else OLD_LABEL
    if new_label is None:
        new_label = f"{format_date(effective, era=era)}~" if effective else NEW_LABEL
    title = options.title
    heading = title if title is not None else f"{comparison.title}【現改比較表】" if comparison.title else "現改比較表"
    as_of = f"{format_date(effective, era=era)}現在" if effective else ""
    headers = {"old": old_label, "new": new_label}
    order = ("old", "new") if options.layout == "old-left" else ("new", "old")
    return {
        "heading": heading,
        "as_of": as_of,
        "note": NOTE,
        "no_changes": NO_CHANGES,
        "headers": [(role, headers[role]) for role in order],
        "rows": _table_rows(comparison, order, headers, options.elision),
    }


# ---------------------------------------------------------------------------
# Rows → cells


def _table_rows(
    comparison: Comparison, order: tuple[str, str], headers: dict[str, str], elision: str
) -> list[PrintedRow]:
    law_style = {"old": _captions_above(comparison.old), "new": _captions_above(comparison.new)}
    rows = comparison.rows
    out: list[PrintedRow] = []
    ancestors: list[Row] = []  # the open ROOTS and division rows above the current one
    # per side, the depth of the row whose 「（新設）」/「（削る）」 covers the rows that follow it
    marked: dict[str, int | None] = {"old": None, "new": None}
    i = 0
    while i < len(rows):
        row = rows[i]
        merged = rows[i + 1] if i + 1 < len(rows) and _first_paragraph(row, rows[i + 1], law_style) else None
        while ancestors and ancestors[-1].depth >= row.depth:
            ancestors.pop()
        indent = _indent(row, ancestors)
        cells = {}
        for role in ("old", "new"):
            cell = cells[role] = Cell(role, headers[role], indent)
            side = getattr(row, role)
            if side is not None:
                marked[role] = None
                cell.lines = _lines(row, side, getattr(merged, role) if merged else None, law_style[role], elision)
            elif marked[role] is None or row.depth <= marked[role]:  # not inside an added/deleted block already marked
                marked[role] = row.depth
                marker = INSERTED if role == "old" else DELETED
                if row.node == "TableRow":  # inside the grid of the table's other rows
                    cell.lines = [Line("tablerow", cells=[[(marker, False)]])]
                else:
                    cell.marker = marker
        out.append(PrintedRow(
            row.kind,
            row.node,
            [row, merged] if merged else [row],
            [cells[role] for role in order],
            starts_block=row.node in DIVISION_KINDS + ROOTS,
            heading_only=all(line.style in HEADING_STYLES for c in cells.values() for line in c.lines),
            long=max(_length(c) for c in cells.values()) > LONG_ROW,
        ))
        if row.node in ROOTS + DIVISION_KINDS:
            ancestors.append(row)
        i += 2 if merged else 1
    return out


def _indent(row: Row, ancestors: list[Row]) -> int:
    """Characters a row is indented: divisions by the divisions around them (第1章 > 第1節), other rows
    by their depth below the innermost article, appendix, 附則 or division (so an article starts flush)."""
    if row.node in DIVISION_KINDS:
        return sum(1 for a in ancestors if a.node in DIVISION_KINDS)
    indent = row.depth - (ancestors[-1].depth + 1 if ancestors else 0)
    if row.node == "TableRow":
        indent -= 1  # the Table itself has no row
    return max(0, indent)


def _length(cell: Cell) -> int:
    return sum(len(text) for line in cell.lines for runs in [line.pieces, *line.cells] for text, _ in runs)


def _captions_above(doc: Document) -> bool:
    """Whether the document prints article captions above the article (laws) rather than beside it."""
    return any(node.caption_above for node in doc.walk() if node.kind == "Article")


def _first_paragraph(article: Row, following: Row, law_style: dict[str, bool]) -> bool:
    """Whether ``following`` is the unnumbered first paragraph of a law-style ``article``, on both sides alike."""
    if article.node != "Article" or following.node != "Paragraph" or following.depth != article.depth + 1:
        return False
    for role in ("old", "new"):
        a, p = getattr(article, role), getattr(following, role)
        if (a is None) != (p is None):
            return False
        if a is not None and (not law_style[role] or p.label or a.text):
            return False
    return True


def _lines(row: Row, side: Side, first: Side | None, law_style: bool, elision: str) -> list[Line]:
    """The printed lines of one side of a row (``first``: the article's first paragraph, printed with it)."""
    lines = _layout(row, side, first, law_style, elision)
    for line in lines:
        line.pieces = _merged(line.pieces)
        line.cells = [_merged(cell) for cell in line.cells]
    return lines


def _layout(row: Row, side: Side, first: Side | None, law_style: bool, elision: str) -> list[Line]:
    whole = row.kind in ("inserted", "deleted")  # the label is part of the change too
    label = [(side.label, side.label_changed or whole)] if side.label else []
    caption = pieces(side.caption, side.caption_spans)
    text = _text(side, elision)
    node = row.node
    if node == "TableRow":
        return [Line("body", text) if row.kind == "elided" else Line("tablerow", cells=split_cells(text))]
    if node in DIVISION_KINDS:
        return [Line("division", _joined(label, caption, whole, caption=True) + _after(text, whole))]
    if node == "Article" and law_style:
        lines = [Line("caption", caption)] if side.caption else []
        body = _text(first, elision) if first is not None else text
        return lines + [Line("provision", _joined(label, body, whole and bool(body)))]
    if node in HEADINGS:
        if node == "Article" and caption and side.caption[:1] not in OPENING_BRACKETS:
            caption = [("（", False)] + caption + [("）", False)]  # 第4条（本サービスの種類）
        lines = [Line("heading", _joined(label, caption, whole, caption=True))]
        return lines + [Line("body", text)] if text else lines
    return [Line("provision", _joined(label, text, whole))]


def _text(side: Side, elision: str) -> list[Piece]:
    if side.elided:
        return [(elision, False)]
    return pieces(side.text, side.text_spans)


def _joined(label: list[Piece], rest: list[Piece], underline_space: bool, caption: bool = False) -> list[Piece]:
    """Label, then what follows it: a full-width space between, but none after a bullet (・) or
    before a caption that opens with a bracket (附則（令和7年…）, 第4条（目的）)."""
    if not label or not rest:
        return label + rest
    if label[-1][0][-1:] in BULLETS or (caption and rest[0][0][:1] in OPENING_BRACKETS):
        return label + rest
    return label + [(SPACE, underline_space)] + rest


def _after(text: list[Piece], underline_space: bool) -> list[Piece]:
    return [(SPACE, underline_space)] + text if text else []


def _merged(runs: list[Piece]) -> list[Piece]:
    """Adjacent runs alike in underline joined, so an underline runs on unbroken (第百十条の二　総務大臣は…)."""
    out: list[Piece] = []
    for text, mark in runs:
        if out and out[-1][1] == mark:
            out[-1] = (out[-1][0] + text, mark)
        else:
            out.append((text, mark))
    return out


def pieces(text: str, spans: list[Span]) -> list[Piece]:
    """``text`` cut at the ``spans`` (sorted, not overlapping): runs with whether each is underlined."""
    out: list[Piece] = []
    at = 0
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out


def split_cells(runs: list[Piece]) -> list[list[Piece]]:
    """The runs of a table row's text (cells joined by tabs) split into one list per cell."""
    cells: list[list[Piece]] = [[]]
    for text, mark in runs:
        parts = text.split("\t")
        for n, part in enumerate(parts):
            if n:
                cells.append([])
            if part:
                cells[-1].append((part, mark))
    return cells
