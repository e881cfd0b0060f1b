"""DOCX writer for a comparison: the 現改比較表 as a Word document an editor can keep editing.

The rows, lines, marks and underlines are renderer.table_layout.table_context's, laid out as a real
Word table: A4 landscape, the header row repeated on every page, short rows kept whole, changed
wording as single-underlined runs, one paragraph style per kind of line (the CSS classes of the
HTML table) so that restyling one restyles them all.

Font: ＭＳ 明朝 for every script. It ships with every Windows and with Microsoft Office for Mac, it
is the face Japanese legal tables are set in, and fontconfig maps that name to the system's Mincho
(Noto Serif CJK JP, IPA明朝), so LibreOffice on Linux sets the Japanese text in a serif too (its
Latin letters and digits fall back to a Latin serif). 游明朝, Word's default since 2016, is mapped
to a Gothic by fontconfig, and older Windows and Macs without Office lack it.
"""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.styles import styleId_from_name
from docx.shared import Mm, Pt

from corpus.config import TableOptions
from diffing.compare import Comparison
from renderer.word import set_body_style, set_default_fonts, set_page, set_properties
from renderer.ooxml import package_time, reproducible, xml_text
from renderer.table_layout import Cell, Line, Piece, PrintedRow, table_context

SIZE = 9.5  # points, as the print CSS; one character (em) of indent is this wide
LINE = 15  # points at least between baselines (the CSS line-height 1.6)

PAGE = (Mm(297), Mm(210))  # A4 landscape
MARGINS = {"top": Mm(16), "right": Mm(12), "bottom": Mm(14), "left": Mm(12)}  # as the print CSS
TEXT_WIDTH = PAGE[0] - MARGINS["left"] - MARGINS["right"]

CELL_PADDING = (28, 133)  # twips above and below, left and right in a column (0.15em, 0.7em)
GRID_PADDING = (0, 66)  # the same in a cell of a table inside a provision (0.35em either side)
FIRST_GRID_COLUMN = 0.35  # share of the first cell of a two-or-more-cell row (料金表: name | amount)

# Borders: (eighths of a point, colour), as the print CSS.
FRAME = (8, "000000")  # around the table and under its header
COLUMN_RULE = (6, "000000")  # between the two columns
BLOCK_RULE = (4, "999999")  # above an article, division or appendix
GRID_RULE = (4, "777777")  # the cells of a table inside a provision
HEADER_SHADE = "ECECEC"

# Paragraph styles, one per line style of table_context (and the page furniture):
# (style name, bold, left indent and hanging indent in characters).
LINE_STYLES = {
    "division": ("Comparison Division", True, 2, 0),
    "heading": ("Comparison Heading", True, 0, 0),
    "caption": ("Comparison Caption", False, 1, 0),  # 法令: the caption above the article, one character in
    "provision": ("Comparison Provision", False, 1, 1),  # label, text; wrapped lines hang one character in
    "body": ("Comparison Body", False, 0, 0),
    "marker": ("Comparison Marker", False, 0, 0),  # 「（新設）」「（削る）」
    "grid": ("Comparison Table Cell", False, 0, 0),  # a cell of a table inside a provision
}
# What follows w:autoSpaceDN in a w:pPr (the schema fixes the order).
AFTER_AUTOSPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                   "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                   "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
TITLE_STYLE, NOTE_STYLE, HEADER_STYLE = "Comparison Title", "Comparison Note", "Comparison Column Header"


def write_table_docx(comparison: Comparison, options: TableOptions | None = None) -> bytes:
    """The comparison table as DOCX bytes; ``options`` as for renderer.table_layout.table_context."""
    context = table_context(comparison, options)
    word = WordDocument()
    _setup(word, context)
    title = word.add_paragraph(style=TITLE_STYLE)
    title.add_run(xml_text(context["heading"]))
    if context["as_of"]:
        as_of = title.add_run("\u3000" + context["as_of"])
        as_of.font.size, as_of.bold = Pt(11), False
    word.add_paragraph(context["note"], style=NOTE_STYLE)
    if context["rows"]:
        _table(word, context)
    else:
        word.add_paragraph(context["no_changes"], style=TITLE_STYLE).paragraph_format.space_before = Pt(24)
    out = io.BytesIO()
    word.save(out)
    return reproducible(out.getvalue(), package_time(comparison.effective))


# ---------------------------------------------------------------------------
# The document: page, fonts, styles, running header and footer


def _setup(word, context: dict) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    set_page(section, PAGE, MARGINS, Mm(6))
    set_default_fonts(word)
    _styles(word)
    _word_2013_layout(word)
    _running(section, context)
    set_properties(word, xml_text(" ".join(filter(None, (context["heading"], context["as_of"])))))


def _word_2013_layout(word) -> None:
    """Compatibility mode 15 (Word 2013 and later): a table's frame lines up with the page margin
    rather than its text (the template says Word 2010)."""
    for setting in word.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _styles(word) -> None:
    styles = word.styles
    normal = set_body_style(word, SIZE, LINE)
    ppr = normal.element.get_or_add_pPr()
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):  # no extra space between Japanese and Latin or digits
        ppr.insert_element_before(parse_xml(f'<{name} {nsdecls("w")} w:val="0"/>'), *AFTER_AUTOSPACE)
    for name, bold, left, hanging in LINE_STYLES.values():
        style = _paragraph_style(styles, name)
        style.font.bold = bold
        style.paragraph_format.left_indent = Pt(SIZE * left)
        style.paragraph_format.first_line_indent = Pt(-SIZE * hanging)
    title = _paragraph_style(styles, TITLE_STYLE)
    title.font.size, title.font.bold = Pt(14), True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note = _paragraph_style(styles, NOTE_STYLE)
    note.font.size = Pt(8)
    note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    note.paragraph_format.space_before, note.paragraph_format.space_after = Pt(3), Pt(4)
    header = _paragraph_style(styles, HEADER_STYLE)
    header.font.bold = True
    header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.paragraph_format.keep_with_next = True
    for name, size in (("Header", 8), ("Footer", 8.5)):
        style = styles[name]
        style.font.size = Pt(size)
        style.paragraph_format.tab_stops.clear_all()
        style.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH // 2, WD_TAB_ALIGNMENT.CENTER)
        style.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def _paragraph_style(styles, name: str):
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    return style


def _running(section, context: dict) -> None:
    """Page numbers 「1 / 3」 at the foot of every page; title and as-of date at the head of every page
    but the first (which has them as its title), as kaitei's PDF does."""
    section.different_first_page_header_footer = True
    head = section.header.paragraphs[0]
    head.text = xml_text(context["heading"]) + ("\t\t" + context["as_of"] if context["as_of"] else "")
    for footer in (section.footer, section.first_page_footer):
        foot = footer.paragraphs[0]
        foot.add_run("\t")
        _field(foot, "PAGE", "1")
        foot.add_run(" / ")
        _field(foot, "NUMPAGES", "1")


def _field(paragraph, instruction: str, shown: str) -> None:
    paragraph._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>'
    ))


# ---------------------------------------------------------------------------
# The table


def _table(word, context: dict) -> None:
    table = word.add_table(rows=1, cols=2)
    column = TEXT_WIDTH // 2
    _table_properties(table, _twips(TEXT_WIDTH), FRAME, COLUMN_RULE, CELL_PADDING)
    header = table.rows[0]
    _row_properties(header, keep_whole=True, header=True)
    for (_, label), cell in zip(context["headers"], header.cells):
        _styled(cell.paragraphs[0], HEADER_STYLE).add_run(xml_text(label))
        _cell_properties(cell, bottom=FRAME, shade=HEADER_SHADE)
    rows: list[PrintedRow] = context["rows"]
    for n, row in enumerate(rows):
        added = table.add_row()
        _row_properties(added, keep_whole=not row.long)
        after_grid = n > 0 and rows[n - 1].node == "TableRow"  # a grid row under another: one grid
        for printed, cell in zip(row.cells, added.cells):
            cell.width = column
            _cell_properties(
                cell,
                top=BLOCK_RULE if row.starts_block and n > 0 else None,
                flush=row.node == "TableRow",
            )
            _fill(cell, printed, after_grid)
            if row.heading_only:  # no heading alone at the foot of a page
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
            if n == 0 or (row.starts_block and row.node != "TableRow"):
                cell.paragraphs[0].paragraph_format.space_before = Pt(3)
            if n == len(rows) - 1:
                cell.paragraphs[-1].paragraph_format.space_after = Pt(3)


def _fill(cell, printed: Cell, after_grid: bool) -> None:
    """A column of a printed row: its marker, then its lines (a table row as a table of its cells)."""
    tc = cell._tc
    blank = cell.paragraphs[0]._p  # every cell starts with one empty paragraph
    indent = Pt(SIZE * printed.indent)
    if printed.marker:
        _styled(cell.add_paragraph(printed.marker), LINE_STYLES["marker"][0])
    for line in printed.lines:
        if line.style == "tablerow":
            _grid(cell, line, indent, after_grid)
        else:
            _line(_styled(cell.add_paragraph(), LINE_STYLES[line.style][0]), line, indent)
    if len(tc.findall(qn("w:p"))) + len(tc.findall(qn("w:tbl"))) > 1:
        tc.remove(blank)
    if tc[-1].tag == qn("w:tbl"):  # Word requires a paragraph last in a cell: keep it a hairline
        closing = cell.add_paragraph()
        closing.paragraph_format.line_spacing = Pt(1)
        closing.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        closing.add_run().font.size = Pt(1)


def _styled(paragraph, style: str):
    """``paragraph`` in one of our paragraph styles (by its id: python-docx's lookup by name scans
    every style, for every paragraph)."""
    paragraph._p.style = styleId_from_name(style)
    return paragraph


def _line(paragraph, line: Line, indent) -> None:
    _, _, left, _ = LINE_STYLES[line.style]
    if indent:
        paragraph.paragraph_format.left_indent = Pt(SIZE * left) + indent
    _runs(paragraph, line.pieces)


def _runs(paragraph, pieces: list[Piece]) -> None:
    for text, underlined in pieces:
        run = paragraph.add_run(xml_text(text))
        if underlined:
            run.underline = True  # <w:u w:val="single"/>: 傍線


def _grid(cell, line: Line, indent, after_grid: bool) -> None:
    """A row of a table inside a provision (料金表) as a one-row Word table, its cells side by side."""
    count = len(line.cells)
    grid = cell.add_table(1, count)
    cell._tc.remove(cell._tc[-1])  # the empty paragraph python-docx adds after a table; _fill closes the cell
    inner = _twips(cell.width) - 2 * CELL_PADDING[1] - _twips(indent)
    widths = [inner] if count == 1 else [round(inner * FIRST_GRID_COLUMN)]
    if count > 1:
        rest = inner - widths[0]
        widths += [rest // (count - 1)] * (count - 1)
    _table_properties(grid, inner, GRID_RULE, GRID_RULE, GRID_PADDING, indent=_twips(indent),
                      inside_h=True, top=not after_grid)
    for col, width in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(width))
    for pieces, grid_cell, width in zip(line.cells, grid.rows[0].cells, widths):
        grid_cell.width = width * 635  # twips → EMU
        _runs(_styled(grid_cell.paragraphs[0], LINE_STYLES["grid"][0]), pieces)
    _row_properties(grid.rows[0], keep_whole=True)


# ---------------------------------------------------------------------------
# Table, row and cell properties (WordprocessingML)


def _twips(length) -> int:
    return round(length / 635)  # EMU per twip


def _border(edge: str, rule: tuple[int, str] | None) -> str:
    if rule is None:
        return f'<w:{edge} w:val="nil"/>'
    size, colour = rule
    return f'<w:{edge} w:val="single" w:sz="{size}" w:space="0" w:color="{colour}"/>'


def _table_properties(table, width: int, frame, inside_v, padding: tuple[int, int], *, indent: int = 0,
                      inside_h: bool = False, top: bool = True) -> None:
    """Fixed layout ``width`` twips wide, ``frame`` around it, ``inside_v`` between columns, rules
    between rows only with ``inside_h``, no top rule without ``top``; ``padding`` twips (above and below,
    left and right) in a cell."""
    vertical, horizontal = padding
    borders = "".join((
        _border("top", frame if top else None),
        _border("left", frame),
        _border("bottom", frame),
        _border("right", frame),
        _border("insideH", frame if inside_h else None),
        _border("insideV", inside_v),
    ))
    properties = parse_xml(
        f'<w:tblPr {nsdecls("w")}>'
        f'<w:tblW w:w="{width}" w:type="dxa"/>'
        + (f'<w:tblInd w:w="{indent}" w:type="dxa"/>' if indent else "")
        + f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        "<w:tblCellMar>"
        f'<w:top w:w="{vertical}" w:type="dxa"/><w:left w:w="{horizontal}" w:type="dxa"/>'
        f'<w:bottom w:w="{vertical}" w:type="dxa"/><w:right w:w="{horizontal}" w:type="dxa"/>'
        "</w:tblCellMar>"
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/>'
        "</w:tblPr>"
    )
    old = table._tbl.tblPr
    old.getparent().replace(old, properties)


def _row_properties(row, *, keep_whole: bool, header: bool = False) -> None:
    """``keep_whole``: the row is not split across pages (w:cantSplit); ``header``: the row is
    repeated at the top of every page (w:tblHeader)."""
    trpr = row._tr.get_or_add_trPr()
    if keep_whole:
        trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _cell_properties(cell, *, top=None, bottom=None, shade: str | None = None, flush: bool = False) -> None:
    """Borders above/below one cell, its shading, and ``flush``: no padding above and below (the
    rows of a table inside a provision, so that they read as one grid). Appended in schema order."""
    tcpr = cell._tc.get_or_add_tcPr()
    if top or bottom:
        edges = (_border("top", top) if top else "") + (_border("bottom", bottom) if bottom else "")
        tcpr.append(parse_xml(f'<w:tcBorders {nsdecls("w")}>{edges}</w:tcBorders>'))
    if shade:
        tcpr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{shade}"/>'))
    if flush:
        tcpr.append(parse_xml(
            f'<w:tcMar {nsdecls("w")}><w:top w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/></w:tcMar>'
        ))
