"""e-Gov 法令標準XML reader: an official law XML file (or kaitei's own XML output) into the document tree.

The mapping is the table ``_HANDLERS`` (element name → the nodes it becomes):

=================================================  ==========================================
LawNum                                             ``Document.law_num`` (no node)
LawTitle / EnactStatement                          Title / Text
TOC                                                TOC (label = TOCLabel); one Text per TOC line
                                                   (label = ChapterTitle etc., text = ArticleRange),
                                                   nested as the entries nest; TOC is not the body
Preamble                                           one Text per Paragraph
MainProvision, LawBody                             their children, in place (no node)
Part Chapter Section Subsection Division           same kind; num = Num; 「第一章　総則」 → label 「第一章」,
                                                   caption 「総則」; a title without a 第N編/章/節/款/目
                                                   label is a Heading (kaitei writes Heading so)
Article                                            Article; label = ArticleTitle, caption = ArticleCaption
                                                   with its brackets, caption_above when printed first
Paragraph                                          Paragraph; label = ParagraphNum (empty for the first),
                                                   caption = ParagraphCaption, text = its Sentences
Item, Subitem1..10                                 same kind; label = the *Title, text = the Sentences,
                                                   Columns joined by 「　」 as the law text prints them
SupplProvision                                     SupplProvision; label = SupplProvisionLabel, num =
                                                   AmendLawNum, caption 「（AmendLawNum）」 and 「抄」 for
                                                   Extract, joined by 「　」 (「附　則　（…）　抄」)
AppdxTable AppdxNote AppdxStyle AppdxFormat        Appendix; label = the *Title (ArithFormulaNum),
AppdxFig Appdx SupplProvisionAppdx*                caption = RelatedArticleNum, num = Num
TableStruct / Table / TableRow / TableColumn       Table (label = TableStructTitle) / TableRow /
                                                   TableColumn (text = its Sentences, one per line)
SupplNote Remarks List Sublist* Class              Text with the element's text (label = RemarksLabel,
                                                   ClassTitle); Items and Sublists below it as children
NoteStruct StyleStruct FormatStruct FigStruct      a Text with the title and the text; structured
                                                   content is read as blocks like the body
anything else                                      a Text with the element's whole text
=================================================  ==========================================

Nothing is dropped: every character of text ends up in some node. Ruby is kept inline in the
text exactly as the e-Gov plain-text form prints it, 「<Ruby>較<Rt>こう</Rt></Ruby>正」, so that the
reading is not lost and the text reader and this reader agree; writers turn it back into ruby.
Pretty-printing whitespace between elements (a line break and indentation) is layout, not text.

Elements the schema forces where the tree has nothing are read back as nothing, so that
kaitei's XML output reads back as the tree it was written from: a division with an empty
title, an Article without title and caption and a SupplProvision with an empty label are
wrappers (their children take their place); a Paragraph with no number, caption or text and
no Items puts its children in its place (none: it vanishes).

Parsing is safe for untrusted input: no DTD is loaded, no entity is expanded (an entity
reference stays as written, 「&name;」), nothing is fetched from the network.
"""

from __future__ import annotations

import re
from typing import Callable

from lxml import etree

from corpus.errors import SourceError
from corpus.lexicon import DIVISION_UNITS, NUMERAL, SP, SPACE, ruby
from corpus.model import DIVISION_KINDS, SUBITEM_KINDS, Document, Node

_ITEM_KINDS = ("Item",) + SUBITEM_KINDS
_ITEM_PARTS = {k: (f"{k}Title", f"{k}Sentence") for k in _ITEM_KINDS}
_APPENDIX_TITLES = {
    "AppdxTable": "AppdxTableTitle",
    "AppdxNote": "AppdxNoteTitle",
    "AppdxStyle": "AppdxStyleTitle",
    "AppdxFormat": "AppdxFormatTitle",
    "AppdxFig": "AppdxFigTitle",
    "Appdx": "ArithFormulaNum",
    "SupplProvisionAppdxTable": "SupplProvisionAppdxTableTitle",
    "SupplProvisionAppdxStyle": "SupplProvisionAppdxStyleTitle",
    "SupplProvisionAppdx": "ArithFormulaNum",
}
# *Struct: (title element, content element).
_STRUCT_PARTS = {
    "NoteStruct": ("NoteStructTitle", "Note"),
    "StyleStruct": ("StyleStructTitle", "Style"),
    "FormatStruct": ("FormatStructTitle", "Format"),
    "FigStruct": ("FigStructTitle", "Fig"),
}
_TOC_ENTRIES = {f"TOC{k}": f"{k}Title" for k in DIVISION_KINDS}
# Elements inside running text (titles, Sentence): their text is part of the sentence.
_INLINE = frozenset({"Ruby", "Rt", "Sup", "Sub", "Line", "QuoteStruct", "ArithFormula"})
_NUMERAL = f"[{NUMERAL}]+"
# The label that opens a 編章節款目 title: 第一章, 第３章の２, 第 3 章.
_DIVISION_LABEL = re.compile(rf"第{SP}{_NUMERAL}{SP}[{DIVISION_UNITS}](?:{SP}の{SP}{_NUMERAL})*")
_HEADING_SPLIT = re.compile(r"(\S*)\s(.*)", re.S)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_egov_xml(data: bytes, *, source: str = "") -> Document:
    """Read e-Gov 法令標準XML into a Document; SourceError if it is not well-formed or not a <Law>."""
    name = source or "input"
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as e:
        raise SourceError(f"{name}: not well-formed XML: {e.msg}") from None
    if root.tag != "Law":
        tag = root.tag if isinstance(root.tag, str) else "?"
        raise SourceError(f"{name}: not e-Gov law XML: the root element is <{tag}>, expected <Law>")
    doc = Document(source=source)
    law_num = root.find("LawNum")
    doc.law_num = _inline(law_num) if law_num is not None else ""
    doc.children = _blocks(root, skip=("LawNum",))
    return doc


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------


def _layout(s: str | None) -> bool:
    """Pretty-printing whitespace (a line break and indentation), not text."""
    return not s or (s.isspace() and "\n" in s)


def _inline(el: etree._Element) -> str:
    """Running text of ``el`` as printed: its text and its inline children's, ruby inline (see above)."""
    parts: list[str] = []
    if not _layout(el.text):
        parts.append(el.text)
    for child in el:
        if child.tag is etree.Entity:
            parts.append(child.text)
        elif child.tag == "Ruby":
            parts.append(_ruby(child))
        elif isinstance(child.tag, str) and child.tag != "Rt":
            parts.append(_inline(child))
        if not _layout(child.tail):
            parts.append(child.tail)
    return "".join(parts)


def _ruby(el: etree._Element) -> str:
    """「<Ruby>較<Rt>こう</Rt></Ruby>」: base text and reading, as the e-Gov plain text prints ruby."""
    rt = el.find("Rt")
    reading = "".join(rt.itertext()) if rt is not None else ""
    return ruby(_inline(el), reading)


def _sentences(el: etree._Element | None, sep: str = "") -> str:
    """The text of a *Sentence element: its Sentences joined by ``sep``, or its Columns by 「　」."""
    if el is None:
        return ""
    columns = [c for c in el if c.tag == "Column"]
    if columns:
        return "\u3000".join(_sentences(c) for c in columns)
    return sep.join(_inline(s) for s in el if s.tag == "Sentence")


def _text_of(el: etree._Element | None) -> str:
    return _inline(el) if el is not None else ""


def _span(el: etree._Element) -> tuple[int, int]:
    last = el
    while len(last):
        last = last[-1]
    first = el.sourceline or 0
    end = (last.sourceline or first) + (last.text or "").count("\n")
    return first, max(first, end)


# ---------------------------------------------------------------------------
# Blocks: one handler per element, each returning the nodes it becomes
# ---------------------------------------------------------------------------


def _nodes(el: etree._Element) -> list[Node]:
    handler = _HANDLERS.get(el.tag)
    return handler(el) if handler else _loose(el)


def _blocks(el: etree._Element, skip: tuple[str, ...] = ()) -> list[Node]:
    """The nodes of ``el``'s child elements, in order (``skip``: parts its handler read itself)."""
    out: list[Node] = []
    for child in el:
        if isinstance(child.tag, str):
            if child.tag not in skip:
                out.extend(_nodes(child))
        elif child.tag is etree.Entity:
            out.append(Node("Text", text=child.text, lines=_span(child)))
    return out


def _loose(el: etree._Element) -> list[Node]:
    """An element read as plain text (SupplNote, EnactStatement, unknown elements)."""
    text = _inline(el)
    return [Node("Text", text=text, lines=_span(el))] if text else []


def _title(el: etree._Element) -> list[Node]:
    text = _inline(el)
    return [Node("Title", text=text, lines=_span(el))] if text else []


def _free(el: etree._Element) -> list[Node]:
    """Content of the schema's type ``any`` (Note, Style, Format, ArithFormula): blocks, loose text as Text."""
    out: list[Node] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.append(Node("Text", text="".join(buf), lines=_span(el)))
            buf.clear()

    if not _layout(el.text):
        buf.append(el.text)
    for child in el:
        if child.tag is etree.Entity:
            buf.append(child.text)
        elif isinstance(child.tag, str) and child.tag in _INLINE:
            if child.tag == "Ruby":
                buf.append(_ruby(child))
            elif child.tag != "Rt":
                buf.append(_inline(child))
        elif isinstance(child.tag, str):
            flush()
            out.extend(_nodes(child))
        if not _layout(child.tail):
            buf.append(child.tail)
    flush()
    return out


def _division(el: etree._Element) -> list[Node]:
    title_tag = f"{el.tag}Title"
    title = _text_of(el.find(title_tag))
    children = _blocks(el, skip=(title_tag,))
    if not title:
        return children  # a wrapper the schema forced
    m = _DIVISION_LABEL.match(title)
    if m:
        kind, label, caption = el.tag, m.group(), title[m.end():].lstrip(SPACE + "\t")
    else:
        kind = "Heading"
        h = _HEADING_SPLIT.match(title)
        label, caption = (h[1], h[2]) if h else (title, "")
    return [Node(kind, el.get("Num", ""), label, caption, children=children, lines=_span(el))]


def _article(el: etree._Element) -> list[Node]:
    title_el, caption_el = el.find("ArticleTitle"), el.find("ArticleCaption")
    label, caption = _text_of(title_el), _text_of(caption_el)
    children = _blocks(el, skip=("ArticleTitle", "ArticleCaption"))
    if not label and not caption:
        return children  # a wrapper the schema forced
    above = bool(caption) and (title_el is None or el.index(caption_el) < el.index(title_el))
    return [Node("Article", el.get("Num", ""), label, caption, children=children, lines=_span(el), caption_above=above)]


def _paragraph(el: etree._Element) -> list[Node]:
    label = _text_of(el.find("ParagraphNum"))
    caption = _text_of(el.find("ParagraphCaption"))
    text = _sentences(el.find("ParagraphSentence"))
    children = _blocks(el, skip=("ParagraphNum", "ParagraphCaption", "ParagraphSentence"))
    if not (label or caption or text) and el.find("Item") is None:
        return children  # a placeholder or a carrier the schema forced
    return [Node("Paragraph", el.get("Num", ""), label, caption, text, children, _span(el), caption_above=bool(caption))]


def _preamble(el: etree._Element) -> list[Node]:
    out: list[Node] = []
    for child in el:
        if child.tag == "Paragraph":
            out.append(Node(
                "Text",
                label=_text_of(child.find("ParagraphNum")),
                caption=_text_of(child.find("ParagraphCaption")),
                text=_sentences(child.find("ParagraphSentence")),
                children=_blocks(child, skip=("ParagraphNum", "ParagraphCaption", "ParagraphSentence")),
                lines=_span(child),
            ))
        elif isinstance(child.tag, str):
            out.extend(_nodes(child))
    return out


def _item(el: etree._Element) -> list[Node]:
    title_tag, sentence_tag = _ITEM_PARTS[el.tag]
    sentence = el.find(sentence_tag)
    children = [n for t in (sentence.findall("Table") if sentence is not None else ()) for n in _table(t)]
    children += _blocks(el, skip=(title_tag, sentence_tag))
    return [Node(el.tag, el.get("Num", ""), _text_of(el.find(title_tag)), text=_sentences(sentence), children=children, lines=_span(el))]


def suppl_caption(amend_law_num: str, extract: bool) -> str:
    """The caption the law text prints after 「附　則」: 「（平成元年六月二八日法律第五五号）　抄」."""
    parts = [f"（{amend_law_num}）" if amend_law_num else "", "抄" if extract else ""]
    return "\u3000".join(p for p in parts if p)


def _suppl(el: etree._Element) -> list[Node]:
    label = _text_of(el.find("SupplProvisionLabel"))
    amend = el.get("AmendLawNum", "")
    extract = el.get("Extract", "") in ("true", "1")
    children = _blocks(el, skip=("SupplProvisionLabel",))
    if not (label or amend or extract):
        return children  # a wrapper: content after 附則/別表 that belongs to neither
    caption = suppl_caption(amend, extract)
    at = max(label.find(f"({amend}"), label.find(f"（{amend}")) if amend else -1
    if at > 0:  # the caption printed in the label, as kaitei writes 「附則(2025年4月1日改定)」
        label, caption = label[:at], label[at:]
    return [Node("SupplProvision", amend, label, caption, children=children, lines=_span(el))]


def _appendix(el: etree._Element) -> list[Node]:
    title_tag = _APPENDIX_TITLES[el.tag]
    children = _blocks(el, skip=(title_tag, "RelatedArticleNum"))
    return [Node(
        "Appendix",
        el.get("Num", ""),
        _text_of(el.find(title_tag)),
        _text_of(el.find("RelatedArticleNum")),
        children=children,
        lines=_span(el),
    )]


def _table_struct(el: etree._Element) -> list[Node]:
    children: list[Node] = []
    for child in el:
        if child.tag == "Table":
            children += _blocks(child)
        elif isinstance(child.tag, str) and child.tag != "TableStructTitle":
            children += _nodes(child)
    return [Node("Table", label=_text_of(el.find("TableStructTitle")), children=children, lines=_span(el))]


def _table(el: etree._Element) -> list[Node]:
    return [Node("Table", children=_blocks(el), lines=_span(el))]


def _row(el: etree._Element) -> list[Node]:
    return [Node("TableRow", children=_blocks(el), lines=_span(el))]


def _column(el: etree._Element) -> list[Node]:
    if el.tag == "TableHeaderColumn":
        return [Node("TableColumn", text=_inline(el), lines=_span(el))]
    text = _sentences(el, sep="\n")
    return [Node("TableColumn", text=text, children=_blocks(el, skip=("Sentence", "Column")), lines=_span(el))]


def _remarks(el: etree._Element) -> list[Node]:
    return [Node(
        "Text",
        label=_text_of(el.find("RemarksLabel")),
        text=_sentences(el),
        children=_blocks(el, skip=("RemarksLabel", "Sentence", "Column")),
        lines=_span(el),
    )]


def _list(el: etree._Element) -> list[Node]:
    """List and Sublist1..3: the sentence as a Text, the sublists as its children."""
    sentence = next((c for c in el if isinstance(c.tag, str) and c.tag.endswith("Sentence")), None)
    skip = (sentence.tag,) if sentence is not None else ()
    return [Node("Text", text=_sentences(sentence), children=_blocks(el, skip=skip), lines=_span(el))]


def _class(el: etree._Element) -> list[Node]:
    sentence = el.find("ClassSentence")
    children = [n for t in (sentence.findall("Table") if sentence is not None else ()) for n in _table(t)]
    children += _blocks(el, skip=("ClassTitle", "ClassSentence"))
    return [Node("Text", el.get("Num", ""), _text_of(el.find("ClassTitle")), text=_sentences(sentence), children=children, lines=_span(el))]


def _struct(el: etree._Element) -> list[Node]:
    """NoteStruct, StyleStruct, FormatStruct, FigStruct: a text-only content with its title is one Text."""
    title_tag, content_tag = _STRUCT_PARTS[el.tag]
    title = _text_of(el.find(title_tag))
    out: list[Node] = []
    for child in el:
        if not isinstance(child.tag, str) or child.tag == title_tag:
            continue
        if child.tag != content_tag:
            out += _nodes(child)
        elif content_tag != "Fig":
            if any(isinstance(c.tag, str) and c.tag not in _INLINE for c in child):
                out += _free(child)
            elif not out:  # the title directly above its text: one node
                text = _inline(child)
                if title or text:
                    out.append(Node("Text", label=title, text=text, lines=_span(el)))
                title = ""
            else:
                out += _loose(child)
    if title:
        out.insert(0, Node("Text", label=title, lines=_span(el)))
    return out


def _toc(el: etree._Element) -> list[Node]:
    node = Node("TOC", label=_text_of(el.find("TOCLabel")), lines=_span(el))
    node.children = _toc_entries(el, skip=("TOCLabel",))
    return [node]


def _toc_entries(el: etree._Element, skip: tuple[str, ...] = ()) -> list[Node]:
    out: list[Node] = []
    for child in el:
        if not isinstance(child.tag, str) or child.tag in skip:
            continue
        tag = child.tag
        if tag in _TOC_ENTRIES:
            title_tag = _TOC_ENTRIES[tag]
            entry = Node("Text", child.get("Num", ""), _text_of(child.find(title_tag)), text=_text_of(child.find("ArticleRange")))
            entry.children = _toc_entries(child, skip=(title_tag, "ArticleRange"))
        elif tag == "TOCArticle":
            entry = Node("Text", child.get("Num", ""), _text_of(child.find("ArticleTitle")), _text_of(child.find("ArticleCaption")))
        elif tag == "TOCSupplProvision":
            entry = Node("Text", label=_text_of(child.find("SupplProvisionLabel")), text=_text_of(child.find("ArticleRange")))
            entry.children = _toc_entries(child, skip=("SupplProvisionLabel", "ArticleRange"))
        else:  # TOCPreambleLabel, TOCAppdxTableLabel
            entry = Node("Text", text=_inline(child))
        if entry.label or entry.caption or entry.text or entry.children:
            entry.lines = _span(child)
            out.append(entry)
    return out


_HANDLERS: dict[str, Callable[[etree._Element], list[Node]]] = {
    "LawBody": _blocks,
    "MainProvision": _blocks,
    "LawTitle": _title,
    "EnactStatement": _loose,
    "TOC": _toc,
    "Preamble": _preamble,
    **{k: _division for k in DIVISION_KINDS},
    "Article": _article,
    "Paragraph": _paragraph,
    **{k: _item for k in _ITEM_KINDS},
    "SupplProvision": _suppl,
    **{k: _appendix for k in _APPENDIX_TITLES},
    "TableStruct": _table_struct,
    "Table": _table,
    "TableRow": _row,
    "TableHeaderRow": _row,
    "TableColumn": _column,
    "TableHeaderColumn": _column,
    "SupplNote": _loose,
    "Remarks": _remarks,
    "List": _list,
    "Sublist1": _list,
    "Sublist2": _list,
    "Sublist3": _list,
    "Class": _class,
    **{k: _struct for k in _STRUCT_PARTS},
    "Note": _free,
    "Style": _free,
    "Format": _free,
    "ArithFormula": _free,
}
