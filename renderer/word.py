"""What every Word document kaitei writes shares: ＭＳ 明朝 with Japanese as the East Asian language,
the page, and core properties that name kaitei (the table and the terms writers both use it)."""

from __future__ import annotations

from docx.enum.text import WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

FONT = "ＭＳ 明朝"  # on every Windows and in Office for Mac; fontconfig maps it to Noto Serif CJK JP


def set_page(section, page: tuple, margins: dict, distance) -> None:
    """Page size (width, height), margins by side, and the header/footer distance of ``section``."""
    section.page_width, section.page_height = page
    for side, length in margins.items():
        setattr(section, f"{side}_margin", length)
    section.header_distance = section.footer_distance = distance


def set_default_fonts(word) -> None:
    """FONT for every script in the document defaults (no theme fonts), Japanese as the East Asian
    language so that Word applies its line-breaking rules (禁則)."""
    rpr = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)
    fonts.set(qn("w:hint"), "eastAsia")  # quotes, brackets, dashes from the East Asian font
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "ja-JP")


def set_body_style(word, size: float, line: float):
    """The Normal style: black text of ``size`` pt, no space between paragraphs, lines at least
    ``line`` pt apart. Returns the style for writer-specific additions."""
    normal = word.styles["Normal"]
    normal.font.size = Pt(size)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    spacing = normal.paragraph_format
    spacing.space_before = spacing.space_after = Pt(0)
    spacing.line_spacing = Pt(line)
    spacing.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    return normal


def set_properties(word, title: str) -> None:
    """Core properties naming the document and kaitei (their dates are fixed by renderer.ooxml); no
    thumbnail (the template's would show an empty page)."""
    core = word.core_properties
    core.title = title
    core.author = core.last_modified_by = "kaitei"
    core.comments = core.subject = core.keywords = core.category = ""
    core.language = "ja-JP"
    core.revision = 1
    rels = word.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[rid]
