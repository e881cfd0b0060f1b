"""XLSX writer for a comparison: the changes of the 現改比較表 as a worksheet, one row per printed change.

An editor uses the workbook as a list to sort, filter and annotate, so each row stands on its own:
citation (第4条第4項, with the old one when it moved or was renumbered), kind (変更, 新設 …), and the
two versions' wording as renderer.table_layout.table_context prints it, changed wording underlined
(rich text). Context rows (第2章, 第4条（…）) and 「（略）」 rows are left out: the citation says where
a change is. A row of an added or deleted block shows its 「（新設）」/「（削る）」 even when the
printed table marks only the first row of the block.
"""

from __future__ import annotations

import io
import math
import unicodedata

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from corpus.config import TableOptions
from diffing.compare import Comparison, Row
from renderer.ooxml import package_time, reproducible, xml_text
from renderer.table_layout import DELETED, INSERTED, Cell, Piece, PrintedRow, table_context

SHEET = "改正箇所"
KINDS = {"changed": "変更", "inserted": "新設", "deleted": "削除", "moved": "移動", "renumbered": "番号変更"}
CITATION, KIND = "条項", "種別"
FORMER = "旧"  # 第4条第4項（旧第4条第3項）
CELL_SEPARATOR = "｜"  # between the cells of a table row inside a provision (料金表)

FONT = "ＭＳ 明朝"  # as the DOCX table (renderer.table_docx says why)
SIZE = 10
JAPANESE = {"charset": 128, "family": 1}  # SHIFTJIS_CHARSET, roman: how Excel itself describes ＭＳ 明朝
WIDTHS = (22, 8, 58, 58)  # characters: citation, kind, and the two versions (A4 landscape, 146 in all)
TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
LINE_HEIGHT = 13.5  # points per line of 10-point text

THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="ECECEC")
WRAPPED = Alignment(wrap_text=True, vertical="top")


def write_table_xlsx(comparison: Comparison, options: TableOptions | None = None) -> bytes:
    """The comparison's changes as XLSX bytes; ``options`` as for renderer.table_layout.table_context."""
    context = table_context(comparison, options)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    title = xml_text(" ".join(filter(None, (context["heading"], context["as_of"]))))
    headers = [CITATION, KIND] + [label for _, label in context["headers"]]
    last = get_column_letter(len(headers))

    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    _put(sheet.cell(TITLE_ROW, 1), title, _font(size=14, bold=True), Alignment(horizontal="center"))
    sheet.merge_cells(f"A{NOTE_ROW}:{last}{NOTE_ROW}")
    _put(sheet.cell(NOTE_ROW, 1), context["note"], _font(size=8), Alignment(horizontal="right"))
    for column, (header, width) in enumerate(zip(headers, WIDTHS), 1):
        cell = _put(sheet.cell(HEADER_ROW, column), header, _font(bold=True), Alignment(horizontal="center", vertical="center"))
        cell.fill, cell.border = HEADER_FILL, GRID
        sheet.column_dimensions[get_column_letter(column)].width = width

    changes = [(row, change) for row in context["rows"] if (change := _change(row)) is not None]
    for number, (row, change) in enumerate(changes, HEADER_ROW + 1):
        values = [_citation(change), KINDS[change.kind], *(_rich(_side(cell)) for cell in row.cells)]
        for column, value in enumerate(values, 1):
            _put(sheet.cell(number, column), value, _font(), WRAPPED).border = GRID
        sheet.row_dimensions[number].height = _height(values)
    if not changes:
        sheet.merge_cells(f"A{HEADER_ROW + 1}:{last}{HEADER_ROW + 1}")
        _put(sheet.cell(HEADER_ROW + 1, 1), context["no_changes"], _font(), Alignment(horizontal="center"))

    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(changes), 1)}"
    _print_setup(sheet, context)
    properties = book.properties
    properties.title = title
    properties.creator = properties.lastModifiedBy = "kaitei"
    properties.language = "ja-JP"
    out = io.BytesIO()
    book.save(out)
    return reproducible(out.getvalue(), package_time(comparison.effective))


def _change(row: PrintedRow) -> Row | None:
    """The comparison row whose change a printed row shows (a law's article may be context while
    its first paragraph, printed with it, changed), or None for context and 「（略）」."""
    return next((r for r in row.compared if r.kind in KINDS), None)


def _citation(row: Row) -> str:
    """Where the change is in the new version (the old one's for a deletion), and where it was
    when that differs: 第4条第4項（旧第4条第3項）."""
    new, old = (row.new.citation if row.new else ""), (row.old.citation if row.old else "")
    if new and old and new != old:
        return f"{new}\n（{FORMER}{old}）"
    return new or old


def _side(cell: Cell) -> list[Piece]:
    """One version's lines as runs, lines joined by line breaks; an absent side as its marker."""
    if not cell.lines:
        return [(cell.marker or (INSERTED if cell.role == "old" else DELETED), False)]
    runs: list[Piece] = []
    for n, line in enumerate(cell.lines):
        if n:
            runs.append(("\n", False))
        if line.style == "tablerow":
            for m, pieces in enumerate(line.cells):
                if m:
                    runs.append((CELL_SEPARATOR, False))
                runs += pieces
        else:
            runs += line.pieces
    return runs


def _rich(runs: list[Piece]) -> str | CellRichText:
    """Plain text, or rich text whose underlined runs carry a single underline (傍線)."""
    runs = [(xml_text(text), underlined) for text, underlined in runs]
    if not any(underlined for _, underlined in runs):
        return "".join(text for text, _ in runs)
    merged: list[Piece] = []
    for text, underlined in runs:
        if merged and merged[-1][1] == underlined:
            merged[-1] = (merged[-1][0] + text, underlined)
        elif text:
            merged.append((text, underlined))
    return CellRichText([TextBlock(_inline(underlined), text) for text, underlined in merged])


def _height(values: list) -> float:
    """The row height in points that shows every wrapped line. Written down because programs do
    not all fit rows to wrapped text on opening (LibreOffice does not); a little generous, since a
    line that does not show is worse than a blank one."""
    lines = 1
    for value, width in zip(values, WIDTHS):
        capacity = width - 2  # half-width characters a line holds, less the cell's padding
        lines = max(lines, sum(max(1, math.ceil(_columns(line) / capacity)) for line in str(value).split("\n")))
    return lines * LINE_HEIGHT + 3


def _columns(text: str) -> int:
    """Half-width character columns ``text`` takes: 2 for Japanese (wide and ambiguous) characters."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


def _font(*, size: float = SIZE, bold: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, **JAPANESE)


def _inline(underlined: bool) -> InlineFont:
    """A run's font, complete (a run of rich text does not take the cell's font in every program)."""
    return InlineFont(rFont=FONT, sz=SIZE, u="single" if underlined else None, **JAPANESE)


def _put(cell, value: str | CellRichText, font: Font, alignment: Alignment):
    cell.value = xml_text(value) if isinstance(value, str) else value
    cell.font, cell.alignment = font, alignment
    return cell


def _print_setup(sheet, context: dict) -> None:
    """A4 landscape, one page wide, the column headers repeated on every page, title and as-of date
    at the head of each page and 「1 / 3」 at its foot."""
    setup = sheet.page_setup
    setup.paperSize, setup.orientation = sheet.PAPERSIZE_A4, sheet.ORIENTATION_LANDSCAPE
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.47, right=0.47, top=0.63, bottom=0.55, header=0.24, footer=0.24)
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    for part, text in ((sheet.oddHeader.left, xml_text(context["heading"])), (sheet.oddHeader.right, context["as_of"])):
        part.text, part.size, part.font = text.replace("&", "&&"), 8, f"{FONT},Regular"
    sheet.oddFooter.center.text, sheet.oddFooter.center.size = "&P / &N", 8
