"""DOCX writer for a document: the terms (or a law) as a Word document an editor can keep editing.

The printed blocks of renderer.terms_html.terms_blocks as Word paragraphs: the title in Word's
Title style, 章・附則・別紙・条 headings in Heading 1… (so Word's navigation pane shows them), 項・号
with hanging indents, 別紙 tables as Word tables with their header row repeated on each page. Labels
(第1条, ２, (1)) are literal text followed by a full-width space, never Word numbering, so the file
reads back to the same tree. Each anchor of the HTML page is a bookmark (``-`` as ``_``: ``a24_p2``).
Ruby is Word ruby (w:ruby: base text in w:rubyBase, reading in w:rt).

A4 portrait, ＭＳ 明朝 throughout with Japanese as the East Asian language (as renderer.table_docx:
every Windows and Office for Mac has it, fontconfig maps it to a Mincho for LibreOffice), page
numbers 「- 3 -」 at the foot. Same input, same bytes: renderer.ooxml fixes the package's dates to
the document's effective date.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape as xml_escape

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from corpus.dates import version_dates
from corpus.model import Document
from renderer.word import set_body_style, set_default_fonts, set_page, set_properties
from renderer.ooxml import package_time, reproducible
from renderer.terms_layout import Block, page_title, ruby_pieces, terms_blocks

SIZE = 10.5  # points, as the print CSS; one character (em) of indent is this wide
LINE = 18  # points at least between baselines (the CSS line-height 1.75)
PAGE = (Mm(210), Mm(297))  # A4 portrait
MARGINS = {"top": Mm(20), "right": Mm(20), "bottom": Mm(18), "left": Mm(20)}  # as the print CSS
# Word style of a heading block by level: the title, then Heading 1 for what the HTML page has as h2 …
HEADING_STYLES = {1: "Title", 2: "Heading 1", 3: "Heading 2", 4: "Heading 3", 5: "Heading 4", 6: "Heading 5"}
HEADING_SIZES = {"Title": 15, "Heading 1": 12, "Heading 2": SIZE, "Heading 3": SIZE, "Heading 4": SIZE, "Heading 5": SIZE}
HEADER_SHADE = "ECECEC"
RUBY_SIZE = 5  # points
BOOKMARK_LENGTH = 40  # Word's limit on a bookmark's name
TITLE_LENGTH = 255  # the package's limit on a core property
ALIGNMENTS = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def write_terms_docx(doc: Document) -> bytes:
    """The document as DOCX bytes."""
    word = WordDocument()
    _setup(word, doc)
    writer = _Writer(word)
    previous = ""
    for block in terms_blocks(doc):
        if previous == "toc" and block.style != "toc":
            word.add_paragraph()  # a blank line closes the 目次, as in the law text
        if block.style == "table":
            writer.table(block)
        else:
            writer.paragraph(block)
        previous = block.style
    out = io.BytesIO()
    word.save(out)
    effective = version_dates(doc).get("effective")
    return reproducible(out.getvalue(), package_time(effective[0] if effective else None))


# ---------------------------------------------------------------------------
# The document: page, fonts, styles, footer, properties


def _setup(word, doc: Document) -> None:
    section = word.sections[0]
    set_page(section, PAGE, MARGINS, Mm(8))
    set_default_fonts(word)
    _styles(word)
    _footer(section)
    set_properties(word, page_title(doc)[:TITLE_LENGTH])


def _styles(word) -> None:
    """Body text black at SIZE; the title and headings black, bold, in the body font (the template's
    are blue, in a theme font, the title ruled below)."""
    styles = word.styles
    set_body_style(word, SIZE, LINE)
    for name, size in HEADING_SIZES.items():
        style = styles[name]
        rpr = style.element.get_or_add_rPr()
        for fonts in rpr.findall(qn("w:rFonts")):
            rpr.remove(fonts)  # the theme fonts: fall back to the document's
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.keep_with_next = True
        fmt.space_before, fmt.space_after = Pt(9), Pt(3)
    title = styles["Title"]
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(0), Pt(15)
    title.font.spacing = Pt(0)


def _footer(section) -> None:
    """「- 3 -」 centred at the foot of every page."""
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run("- ")
    foot._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    foot.add_run(" -")


# ---------------------------------------------------------------------------
# Blocks → paragraphs and tables


class _Writer:
    def __init__(self, word) -> None:
        self.word = word
        self.bookmarks: set[str] = set()

    def paragraph(self, block: Block) -> None:
        style = HEADING_STYLES.get(block.level, "Normal")
        p = self.word.add_paragraph(style=style)
        fmt = p.paragraph_format
        hang = _hang(block)
        if block.indent or hang:
            fmt.left_indent = Pt(SIZE * (block.indent + hang))
        if hang:
            fmt.first_line_indent = Pt(-SIZE * hang)
        elif block.first:
            fmt.first_line_indent = Pt(SIZE * block.first)
        if block.align:
            fmt.alignment = ALIGNMENTS[block.align]
        if block.style == "caption":
            fmt.keep_with_next = True  # （目的）: with its article, and not bold (as printed)
        for anchor in filter(None, [block.anchor, *block.anchors]):
            self.bookmark(p, anchor)
        if block.label:
            run = p.add_run(block.label + block.sep)
            if block.style == "article" or block.kind == "TOC":
                run.bold = True
        _text(p, block.text, bold=False if block.style == "caption" else None)

    def bookmark(self, p, anchor: str) -> None:
        """A bookmark named after the HTML anchor (Word allows letters, digits and _ only)."""
        name = anchor.replace("-", "_")[:BOOKMARK_LENGTH]
        if name in self.bookmarks:
            return
        self.bookmarks.add(name)
        n = len(self.bookmarks)
        p._p.append(parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{n}" w:name="{name}"/>'))
        p._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{n}"/>'))

    def table(self, block: Block) -> None:
        rows = block.rows
        columns = sum(span for _, span in rows[0])
        table = self.word.add_table(rows=len(rows), cols=columns)
        table.style = self.word.styles["Table Grid"]
        if block.indent:  # where the schema puts it: Word refuses a file with its table properties out of order
            table._tbl.tblPr.insert_element_before(
                parse_xml(f'<w:tblInd {nsdecls("w")} w:w="{round(SIZE * block.indent * 20)}" w:type="dxa"/>'),
                "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
            )
        for r, (row, cells) in enumerate(zip(table.rows, rows)):
            header = block.header and r == 0
            trpr = row._tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:cantSplit"))
            if header:
                trpr.append(OxmlElement("w:tblHeader"))
            col = 0
            for text, span in cells:
                cell = row.cells[col]
                if span > 1:
                    cell = cell.merge(row.cells[col + span - 1])
                col += span
                p = cell.paragraphs[0]
                _text(p, text, bold=True if header else None)
                if header:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    cell._tc.get_or_add_tcPr().append(
                        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{HEADER_SHADE}"/>')
                    )
        self.word.add_paragraph()  # a table is followed by a paragraph, as Word itself does


def _hang(block: Block) -> float:
    """How far wrapped lines of a 項 or 号 start past its label's edge: where its text starts, in em.

    Word has no box to set the label in, so the text follows the label and its space: ＭＳ 明朝 sets
    Latin letters and digits half a character wide, everything else one character."""
    if block.style != "provision" or not block.label:
        return block.hang
    return sum(0.5 if ch.isascii() else 1.0 for ch in block.label) + (1.0 if block.sep else 0.0)


def _text(p, text: str, *, bold: bool | None) -> None:
    """``text`` as runs of ``p``: line breaks as w:br (python-docx turns \\n into one), ruby as w:ruby."""
    for base, reading in ruby_pieces(text):
        if not reading:
            run = p.add_run(base)
            if bold is not None:
                run.bold = bold
            continue
        base_size = round(SIZE * 2)
        p._p.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:ruby>'
            f'<w:rubyPr><w:rubyAlign w:val="distributeSpace"/><w:hps w:val="{RUBY_SIZE * 2}"/>'
            f'<w:hpsRaise w:val="{base_size - 2}"/><w:hpsBaseText w:val="{base_size}"/><w:lid w:val="ja-JP"/></w:rubyPr>'
            f'<w:rt><w:r><w:rPr><w:sz w:val="{RUBY_SIZE * 2}"/></w:rPr><w:t>{xml_escape(reading)}</w:t></w:r></w:rt>'
            f'<w:rubyBase><w:r><w:t>{xml_escape(base)}</w:t></w:r></w:rubyBase>'
            "</w:ruby></w:r>"
        ))
