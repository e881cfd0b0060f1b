"""e-Gov 法令標準XML writer: any Document as XML that validates against the bundled stdLaw.xsd (v3).

Laws read from e-Gov XML come back as the same tree (``corpus.readers.egov_xml`` reads this
output). Terms documents, whose shapes the schema does not foresee, are written so that no
text is lost and the common shapes read back as they were.

Mapping (node → element):

- Title → LawTitle; ``law_num`` → LawNum. Text before the TOC → EnactStatement, Text after it →
  Preamble Paragraphs; TOC → TOC, its Text lines → TOCPart/TOCChapter/… entries (nested as
  the Texts nest; TOCArticle when every line has a caption), a line without num after the
  numbered ones → TOCSupplProvision / TOCAppdxTableLabel.
- The body (up to the first SupplProvision or Appendix) → MainProvision; Part Chapter Section
  Subsection Division → the same elements, title 「label　caption」.
- Heading (a section without 条) → the division one level below its container (Chapter at the
  top, Section inside a Chapter or Heading, …) with a title that has no 「第N章」 label: the
  reader turns such a division back into a Heading.
- Article → Article (ArticleCaption before ArticleTitle when ``caption_above``); Paragraph →
  Paragraph; Item, Subitem1..10 → the same, text in one Sentence; Table → TableStruct (label →
  TableStructTitle, Text before/after the rows → Remarks), TableColumn text one Sentence per line.
- SupplProvision → SupplProvision: caption 「（X）」/「（X）　抄」/「抄」 with num X → AmendLawNum and
  Extract; a caption opening with X in other brackets (「(2025年4月1日 改定)」) stays after the
  label in SupplProvisionLabel, with AmendLawNum X (the reader splits it off again); any other
  caption is appended to the label. Appendix → AppdxTable when it
  holds only tables and items (a last Text → Remarks), else AppdxNote whose non-table content
  is written in NoteStruct/Note; inside a SupplProvision → SupplProvisionAppdxTable / -Style.
- Text → SupplNote when it ends an Article; List after the Items of a Paragraph or Item;
  StyleStruct (title = label) elsewhere in a Paragraph; Remarks in tables and appendices.

Where the schema requires an element the tree does not have, the writer adds one that carries
no text and that the reader reads as nothing: a division with an empty title or an Article
without title and caption around content the schema does not allow at that level (Paragraphs
or Text among Chapters, 「以上」 after the last Article), a SupplProvision with an empty label
around content after 附則/別表, a Paragraph with no number and no sentence around a table or
text at 項 level (or alone, where a Paragraph is required). Content allowed nowhere near its
position (a Chapter inside a Paragraph) is written as StyleStruct/Style content, whose type
``any`` takes every element of the schema.

What the tree does not hold is not written: control characters XML cannot carry (a form
feed from a PDF extract), sentence boundaries (本文/ただし書 join into one
Sentence), Columns (their 「　」 stays in the text), table cell borders and spans. Ruby kept inline in the
text (「<Ruby>較<Rt>こう</Rt></Ruby>」, as the e-Gov plain text prints it) becomes <Ruby><Rt> again.
Shapes that read back differently (text kept, in order): text or tables between the Items of
a Paragraph (or the Subitems of an Item) become the last children of the Item before them, and
those both before and after the Items: the ones after; content before the first Subitem comes
back as a Subitem without title; a Paragraph with no number or text holding only tables or text
merges into its parent; a division label with spaces; a division other than a Heading without
a 第N章 label; SupplProvision captions of neither pattern; Text with a caption or children;
Article, division or Appendix own text; Paragraph nums that are not 1, 2, … (Num must be a
positive integer: a paragraph numbered "" comes back numbered by position).

Law attributes: Era, Year, Num and LawType come from ``law_num`` (「平成五年法律第四十七号」 →
Heisei, 5, 47, Act). A document without a law number (a terms document) gets LawType="Misc"
and the placeholders Era="Reiwa" Year="1" Num="1", which the schema requires and which mean
nothing; Lang is always "ja".

Output: UTF-8 with an XML declaration, indented, the same bytes for the same tree.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Callable, Iterable

from lxml import etree

from corpus import numbers
from corpus.lexicon import ERA, ERA_NAMES, GANNEN, NUMERAL, RUBY
from corpus.model import DIVISION_KINDS, SUBITEM_KINDS, Document, Node

SCHEMA = Path(__file__).with_name("schemas") / "stdLaw.xsd"

_ITEM_KINDS = ("Item",) + SUBITEM_KINDS
_NEXT_ITEM = dict(zip(_ITEM_KINDS, _ITEM_KINDS[1:]))
_SUBDIVISION = {"Part": "Chapter", "Chapter": "Section", "Section": "Subsection", "Subsection": "Division"}
_COLUMN_BLOCKS = frozenset(DIVISION_KINDS + ("Article", "Paragraph") + _ITEM_KINDS)
_ERAS = dict(zip(ERA_NAMES, ("Meiji", "Taisho", "Showa", "Heisei", "Reiwa")))  # as the schema spells them
_LAW_TYPES = (
    ("法律", "Act"),
    ("政令", "CabinetOrder"),
    ("勅令", "ImperialOrder"),
    ("憲法", "Constitution"),
    ("省令", "MinisterialOrdinance"),
    ("府令", "MinisterialOrdinance"),
    ("規則", "Rule"),
)
_NUMERAL = f"[{NUMERAL}]+"
_LAW_NUM = re.compile(rf"({ERA})({GANNEN}|{_NUMERAL})年(.*?)第({_NUMERAL})号")
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PLACEHOLDER_LAW = {"Era": "Reiwa", "Year": "1", "Num": "1", "LawType": "Misc", "Lang": "ja"}


def write_egov_xml(doc: Document) -> bytes:
    """``doc`` as e-Gov 法令標準XML (UTF-8, indented)."""
    law = etree.Element("Law", _law_attributes(doc.law_num))
    _sub(law, "LawNum", doc.law_num)
    body = _sub(law, "LawBody")
    nodes = doc.children
    start = _front(body, nodes, _top_kind(nodes))
    end = next((i for i in range(start, len(nodes)) if nodes[i].kind in ("SupplProvision", "Appendix")), len(nodes))
    _main_provision(_sub(body, "MainProvision"), nodes[start:end])
    _tail(body, nodes[end:])
    return etree.tostring(law, encoding="UTF-8", xml_declaration=True, pretty_print=True)


@functools.cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA), etree.XMLParser(no_network=True)))


def validate(xml: bytes) -> list[str]:
    """Problems of ``xml`` against the bundled stdLaw.xsd, one message each; empty when valid."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as e:
        return [f"not well-formed: {e}"]
    schema = _schema()
    if schema.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _xml(s: str) -> str:
    """``s`` without the characters XML 1.0 cannot carry (control characters other than tab and line breaks)."""
    return _NOT_XML.sub("", s)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, {k: _xml(v) for k, v in attrs.items()})
    if text:
        _set_text(el, _xml(text))
    return el


# Ruby in the tree's text is kept inline, as the e-Gov plain text prints it: 「<Ruby>較<Rt>こう</Rt></Ruby>正」.
_RUBY = re.compile(RUBY)


def _set_text(el: etree._Element, text: str) -> None:
    """Text into ``el``, inline ruby back into <Ruby><Rt> elements."""
    parts = _RUBY.split(text)
    el.text = parts[0]
    for i in range(1, len(parts), 3):
        ruby = etree.SubElement(el, "Ruby")
        ruby.text = parts[i]
        etree.SubElement(ruby, "Rt").text = parts[i + 1]
        ruby.tail = parts[i + 2]


def _sentence(parent: etree._Element, tag: str, text: str) -> None:
    _sub(_sub(parent, tag), "Sentence", text)


def _strings(node: Node) -> str:
    """label, caption and text as printed, for an element that has room for one string."""
    return node.label + node.caption + node.text


def _plain(node: Node) -> bool:
    """A Text that is only a text (no label, caption or children)."""
    return node.kind == "Text" and not (node.label or node.caption or node.children)


def _positive(num: str) -> bool:
    return num.isascii() and num.isdigit() and int(num) > 0


def _own_text_first(node: Node) -> list[Node]:
    """Children, preceded by the node's own text as a Text where the element has no room for it."""
    return ([Node("Text", text=node.text)] if node.text else []) + list(node.children)


def _law_attributes(law_num: str) -> dict[str, str]:
    m = _LAW_NUM.search(law_num or "")
    if not m:
        return dict(_PLACEHOLDER_LAW)
    year = 1 if m[2] == GANNEN else numbers.parse_int(m[2]) or 1
    kind = next((t for suffix, t in _LAW_TYPES if m[3].endswith(suffix)), "Misc")
    return {"Era": _ERAS[m[1]], "Year": str(year), "Num": str(numbers.parse_int(m[4]) or 1), "LawType": kind, "Lang": "ja"}


def _top_kind(nodes: list[Node]) -> str:
    """The one kind MainProvision holds (the schema allows one): the outermost level present."""
    kinds = {n.kind for n in nodes}
    if "Part" in kinds:
        return "Part"
    if kinds & {"Chapter", "Heading"}:
        return "Chapter"
    if kinds & {"Section", "Subsection", "Division"}:
        return "Section"
    return "Article" if "Article" in kinds else "Paragraph"


# ---------------------------------------------------------------------------
# LawBody: front matter, MainProvision, 附則 and 別表
# ---------------------------------------------------------------------------


def _front(body: etree._Element, nodes: list[Node], top: str) -> int:
    """LawTitle, EnactStatement*, TOC, Preamble from the leading nodes; returns how many it took."""
    i, n = 0, len(nodes)
    if n and nodes[0].kind == "Title" and not nodes[0].children:
        _sub(body, "LawTitle", _strings(nodes[0]))
        i = 1
    while i < n and _plain(nodes[i]):
        _sub(body, "EnactStatement", nodes[i].text)
        i += 1
    if i < n and nodes[i].kind == "TOC":
        _toc(body, nodes[i], top)
        i += 1
    if not len(body):
        _sub(body, "LawTitle")  # the schema requires a title, an enact statement or a TOC
    preamble = None
    while i < n and nodes[i].kind == "Text":
        preamble = _sub(body, "Preamble") if preamble is None else preamble
        text = nodes[i]
        _paragraph(preamble, Node("Paragraph", label=text.label, caption=text.caption, text=text.text), len(preamble) + 1, text.children)
        i += 1
    return i


def _main_provision(mp: etree._Element, nodes: list[Node]) -> None:
    top = _top_kind(nodes)
    if top == "Paragraph":
        _fill_paragraphs(mp, nodes)
    elif top == "Article":
        _runs(mp, nodes, lambda n: n.kind == "Article", _article, _wrap_article)
    else:
        _runs(
            mp,
            nodes,
            lambda n: n.kind == top or (n.kind == "Heading" and top == "Chapter"),
            lambda el, n: _division(el, n, top),
            lambda el, group: _division(el, Node(top), top, group),
        )
    if not len(mp):
        _placeholder_paragraph(mp)


def _tail(body: etree._Element, nodes: list[Node]) -> None:
    """SupplProvision and Appendix nodes; anything between or after them in an unlabelled SupplProvision."""
    def wrap(el: etree._Element, group: list[Node]) -> None:
        _suppl(el, Node("SupplProvision"), group)

    _runs(body, nodes, lambda n: n.kind in ("SupplProvision", "Appendix"), _tail_node, wrap)


def _tail_node(body: etree._Element, node: Node) -> None:
    (_suppl if node.kind == "SupplProvision" else _appendix)(body, node)


def _runs(
    parent: etree._Element,
    nodes: list[Node],
    accepts: Callable[[Node], bool],
    emit: Callable[[etree._Element, Node], None],
    wrap: Callable[[etree._Element, list[Node]], None],
) -> None:
    """Emit the nodes ``accepts``; hand each run of the others to ``wrap`` as one group."""
    group: list[Node] = []
    for node in nodes:
        if accepts(node):
            if group:
                wrap(parent, group)
                group = []
            emit(parent, node)
        else:
            group.append(node)
    if group:
        wrap(parent, group)


# ---------------------------------------------------------------------------
# Divisions, Heading, Article
# ---------------------------------------------------------------------------


def _division_title(node: Node) -> str:
    """「label　caption」; a Heading without label keeps the separator, so the reader splits it back."""
    return f"{node.label}\u3000{node.caption}" if node.caption else node.label


def _division(parent: etree._Element, node: Node, kind: str, children: list[Node] | None = None) -> None:
    el = _sub(parent, kind, Num=node.num)
    _sub(el, f"{kind}Title", _division_title(node))
    _fill_division(el, kind, _own_text_first(node) if children is None else children)


def _fill_division(el: etree._Element, kind: str, children: list[Node]) -> None:
    """Article+ then subdivisions (Section: or Division+ alone); the rest wrapped in untitled elements."""
    sub = _SUBDIVISION.get(kind)
    if kind == "Section" and any(c.kind == "Division" for c in children) and not any(
        c.kind in ("Article", "Subsection") for c in children
    ):
        sub = "Division"
    in_subs = kind == "Section" and sub == "Division"
    group: list[Node] = []

    def flush() -> None:
        if group:
            if in_subs:
                _division(el, Node(sub), sub, list(group))
            else:
                _wrap_article(el, list(group))
            group.clear()

    for c in children:
        if sub and (c.kind == sub or c.kind == "Heading"):
            flush()
            in_subs = True
            _division(el, c, sub)
        elif c.kind == "Article" and not in_subs:
            flush()
            _article(el, c)
        elif sub and c.kind in DIVISION_KINDS and DIVISION_KINDS.index(c.kind) > DIVISION_KINDS.index(sub):
            if not in_subs:
                flush()
                in_subs = True
            group.append(c)  # a deeper division: inside an untitled subdivision
        else:
            group.append(c)
    flush()
    if len(el) == 1:  # only the title: the schema requires content
        if in_subs:
            _division(el, Node(sub), sub, [])
        else:
            _wrap_article(el, [])


def _wrap_article(parent: etree._Element, children: list[Node]) -> None:
    _article(parent, Node("Article"), children)


def _article(parent: etree._Element, node: Node, children: list[Node] | None = None) -> None:
    el = _sub(parent, "Article", Num=node.num)
    if node.caption and node.caption_above:
        _sub(el, "ArticleCaption", node.caption)
        _sub(el, "ArticleTitle", node.label)
    else:
        _sub(el, "ArticleTitle", node.label)
        if node.caption:
            _sub(el, "ArticleCaption", node.caption)
    kids = _own_text_first(node) if children is None else children
    last = kids[-1] if kids else None
    note = last if last is not None and _plain(last) and any(k.kind == "Paragraph" for k in kids[:-1]) else None
    _fill_paragraphs(el, kids[:-1] if note else kids)
    if not el.findall("Paragraph"):
        _placeholder_paragraph(el)
    if note:
        _sub(el, "SupplNote", note.text)


# ---------------------------------------------------------------------------
# Paragraph, Item, Subitem
# ---------------------------------------------------------------------------


def _fill_paragraphs(el: etree._Element, nodes: list[Node]) -> None:
    """Paragraphs; each run of anything else goes into one Paragraph with no number or sentence."""
    _runs(
        el,
        nodes,
        lambda n: n.kind == "Paragraph",
        lambda p, n: _paragraph(p, n, len(p.findall("Paragraph")) + 1),
        lambda p, group: _paragraph(p, Node("Paragraph"), len(p.findall("Paragraph")) + 1, group),
    )


def _placeholder_paragraph(parent: etree._Element) -> None:
    _paragraph(parent, Node("Paragraph"), len(parent.findall("Paragraph")) + 1, [])


def _paragraph(parent: etree._Element, node: Node, n: int, children: list[Node] | None = None) -> None:
    el = _sub(parent, "Paragraph", Num=node.num if _positive(node.num) else str(n))
    if node.caption:
        _sub(el, "ParagraphCaption", node.caption)
    _sub(el, "ParagraphNum", node.label)
    _sentence(el, "ParagraphSentence", node.text)
    kids = list(node.children) if children is None else children
    items = [i for i, c in enumerate(kids) if c.kind == "Item"]
    if not items:
        for c in kids:
            _aside(el, c, after_items=False)
        return
    before, runs, after = _split_runs(kids, items, "Item")
    if before and after:  # the schema allows asides before the Items or after them, not both
        runs[-1][1].extend(after)
        after = []
    for c in before:
        _aside(el, c, after_items=False)
    for item, extra in runs:
        _item(el, item, "Item", extra)
    for c in after:
        _aside(el, c, after_items=True)


def _split_runs(kids: list[Node], idx: list[int], kind: str) -> tuple[list[Node], list[tuple[Node, list[Node]]], list[Node]]:
    """(before the first ``kind``, each ``kind`` with what follows it up to the next, after the last)."""
    first, last = idx[0], idx[-1]
    runs: list[tuple[Node, list[Node]]] = []
    for c in kids[first:last + 1]:
        if c.kind == kind:
            runs.append((c, []))
        else:
            runs[-1][1].append(c)
    return kids[:first], runs, kids[last + 1:]


def _item(parent: etree._Element, node: Node, kind: str, extra: Iterable[Node] = ()) -> None:
    el = _sub(parent, kind, Num=node.num)
    if node.label:
        _sub(el, f"{kind}Title", node.label)
    _sentence(el, f"{kind}Sentence", node.caption + node.text)
    kids = list(node.children) + list(extra)
    sub = _NEXT_ITEM.get(kind)
    idx = [i for i, c in enumerate(kids) if c.kind == sub] if sub else []
    if not idx:
        for c in kids:
            _aside(el, c, after_items=True)
        return
    before, runs, after = _split_runs(kids, idx, sub)
    for c in before:  # the schema has no room before the first Subitem: an untitled one
        if c.kind == "Text" and not c.caption and not c.children:
            _item(el, Node(sub, label=c.label, text=c.text), sub)
        else:
            _item(el, Node(sub), sub, [c])
    for item, extra_ in runs:
        _item(el, item, sub, extra_)
    for c in after:
        _aside(el, c, after_items=True)


def _aside(parent: etree._Element, node: Node, *, after_items: bool) -> None:
    """Content beside the Items of a Paragraph/Item: TableStruct, List, StyleStruct."""
    if node.kind == "Table":
        _table_struct(parent, node)
    elif _plain(node) and after_items:
        _sentence(_sub(parent, "List"), "ListSentence", node.text)
    elif node.kind == "Text" and not node.caption and not node.children:
        struct = _sub(parent, "StyleStruct")
        if node.label:
            _sub(struct, "StyleStructTitle", node.label)
        _sub(struct, "Style", node.text)
    else:
        _free(_sub(_sub(parent, "StyleStruct"), "Style"), [node])


# ---------------------------------------------------------------------------
# SupplProvision, Appendix, free content
# ---------------------------------------------------------------------------


def _suppl_caption(amend_law_num: str, extract: bool) -> str:
    # The reader's rule (corpus.readers.egov_xml.suppl_caption), inverted by _suppl below.
    parts = [f"（{amend_law_num}）" if amend_law_num else "", "抄" if extract else ""]
    return "\u3000".join(p for p in parts if p)


def _suppl(parent: etree._Element, node: Node, children: list[Node] | None = None) -> None:
    attrs: dict[str, str] = {}
    label = node.label + node.caption
    for extract in (False, True):
        if node.caption == _suppl_caption(node.num, extract):
            if node.num:
                attrs["AmendLawNum"] = node.num
            if extract:
                attrs["Extract"] = "true"
            label = node.label
            break
    else:
        if node.num and node.caption[:1] in "（(" and node.caption[1:].startswith(node.num):
            attrs["AmendLawNum"] = node.num  # the caption stays in the label; the reader splits it off
    el = _sub(parent, "SupplProvision", **attrs)
    _sub(el, "SupplProvisionLabel", label)
    kids = _own_text_first(node) if children is None else children
    end = len(kids)
    while end and kids[end - 1].kind == "Appendix":
        end -= 1
    group: list[Node] = []
    group_kind = ""

    def flush() -> None:
        if group:
            if group_kind == "Chapter":
                _division(el, Node("Chapter"), "Chapter", list(group))
            else:
                _paragraph(el, Node("Paragraph"), len(el.findall("Paragraph")) + 1, list(group))
            group.clear()

    for c in kids[:end]:
        if c.kind in ("Chapter", "Heading"):
            flush()
            _division(el, c, "Chapter")
        elif c.kind == "Article":
            flush()
            _article(el, c)
        elif c.kind == "Paragraph":
            flush()
            _paragraph(el, c, len(el.findall("Paragraph")) + 1)
        else:
            kind = "Chapter" if c.kind in DIVISION_KINDS[2:] else "Paragraph"
            if kind != group_kind:
                flush()
                group_kind = kind
            group.append(c)
    flush()
    if len(el) == 1:
        _placeholder_paragraph(el)
    for appendix in kids[end:]:
        _suppl_appendix(el, appendix)


def _appendix_attrs(node: Node) -> dict[str, str]:
    return {"Num": node.num} if _positive(node.num) else {}


def _remarkable(node: Node) -> bool:
    """A Text that Remarks can hold: label, and a sentence or Items."""
    return node.kind == "Text" and not node.caption and (
        not node.children or (not node.text and all(c.kind == "Item" for c in node.children))
    )


def _remarks(parent: etree._Element, node: Node) -> None:
    el = _sub(parent, "Remarks")
    _sub(el, "RemarksLabel", node.label)
    if node.children:
        for c in node.children:
            _item(el, c, "Item")
    else:
        _sub(el, "Sentence", node.text)


def _appendix(parent: etree._Element, node: Node) -> None:
    kids = _own_text_first(node)
    body, last = (kids[:-1], kids[-1]) if kids and _remarkable(kids[-1]) else (kids, None)
    tabular = all(c.kind in ("Table", "Item") for c in body)
    el = _sub(parent, "AppdxTable" if tabular else "AppdxNote", **_appendix_attrs(node))
    if node.label:
        _sub(el, "AppdxTableTitle" if tabular else "AppdxNoteTitle", node.label)
    if node.caption:
        _sub(el, "RelatedArticleNum", node.caption)
    if tabular:
        for c in body:
            (_table_struct(el, c) if c.kind == "Table" else _item(el, c, "Item"))
    else:
        _runs(
            el,
            body,
            lambda n: n.kind == "Table",
            _table_struct,
            lambda p, group: _free(_sub(_sub(p, "NoteStruct"), "Note"), group),
        )
    if last is not None:
        _remarks(el, last)


def _suppl_appendix(parent: etree._Element, node: Node) -> None:
    kids = _own_text_first(node)
    tabular = all(c.kind == "Table" for c in kids)
    tag = "SupplProvisionAppdxTable" if tabular else "SupplProvisionAppdxStyle"
    el = _sub(parent, tag, **_appendix_attrs(node))
    _sub(el, f"{tag}Title", node.label)
    if node.caption:
        _sub(el, "RelatedArticleNum", node.caption)
    if tabular:
        for c in kids:
            _table_struct(el, c)
    elif kids:
        _free(_sub(_sub(el, "StyleStruct"), "Style"), kids)


def _free(parent: etree._Element, nodes: list[Node]) -> None:
    """Nodes as elements of their own, inside content of the schema's type ``any`` (Note, Style)."""
    for node in nodes:
        kind = node.kind
        if kind in DIVISION_KINDS:
            _division(parent, node, kind)
        elif kind == "Heading":
            _division(parent, node, "Chapter")
        elif kind == "Article":
            _article(parent, node)
        elif kind == "Paragraph":
            _paragraph(parent, node, len(parent.findall("Paragraph")) + 1)
        elif kind in _ITEM_KINDS:
            _item(parent, node, kind)
        elif kind == "Table":
            _table_struct(parent, node)
        elif kind == "TableRow":
            _table_row(parent, node)
        elif kind == "TableColumn":
            _table_column(parent, node)
        elif kind == "SupplProvision":
            _suppl(parent, node)
        elif kind == "Appendix":
            _appendix(parent, node)
        elif kind == "TOC":
            _toc(parent, node, "Chapter")
        elif kind == "Title":
            _sub(parent, "LawTitle", _strings(node))
            _free(parent, node.children)
        elif _remarkable(node):
            _remarks(parent, node)
        else:  # a Text with a caption or other children
            _remarks(parent, Node("Text", label=node.label, text=node.caption + node.text))
            _free(parent, node.children)


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


def _table_struct(parent: etree._Element, node: Node) -> None:
    ts = _sub(parent, "TableStruct")
    if _strings(node):
        _sub(ts, "TableStructTitle", _strings(node))
    kids = node.children
    start = 0
    while start < len(kids) and _remarkable(kids[start]):
        start += 1
    end = len(kids)
    while end > start and _remarkable(kids[end - 1]):
        end -= 1
    for c in kids[:start]:
        _remarks(ts, c)
    table = _sub(ts, "Table")
    for c in kids[start:end]:
        if c.kind == "TableRow":
            _table_row(table, c)
        else:  # a row the table has no room for: one cell holding it
            _table_row(table, Node("TableRow", children=[Node("TableColumn", children=[c])]))
    if not len(table):
        _table_row(table, Node("TableRow"))
    for c in kids[end:]:
        _remarks(ts, c)


def _table_row(parent: etree._Element, node: Node) -> None:
    row = _sub(parent, "TableRow")
    cells = node.children or [Node("TableColumn")]
    if _strings(node):
        cells = [Node("TableColumn", text=_strings(node))] + list(cells)
    for c in cells:
        _table_column(row, c if c.kind == "TableColumn" else Node("TableColumn", children=[c]))


def _table_column(parent: etree._Element, node: Node) -> None:
    el = _sub(parent, "TableColumn")
    text = _strings(node)
    kids = node.children
    if not kids:
        for line in text.split("\n"):
            _sub(el, "Sentence", line)
    elif not text and len({c.kind for c in kids}) == 1 and kids[0].kind in _COLUMN_BLOCKS:
        _free(el, kids)
    else:  # text and blocks, or blocks of several kinds: one Paragraph each
        _fill_paragraphs(el, ([Node("Text", text=text)] if text else []) + list(kids))


# ---------------------------------------------------------------------------
# TOC
# ---------------------------------------------------------------------------


def _toc(parent: etree._Element, node: Node, top: str) -> None:
    el = _sub(parent, "TOC")
    if _strings(node):
        _sub(el, "TOCLabel", _strings(node))
    kids = node.children
    numbered = [i for i, c in enumerate(kids) if c.num]
    lead, core, trail = (kids[: numbered[0]], kids[numbered[0]: numbered[-1] + 1], kids[numbered[-1] + 1:]) if numbered else ([], kids, [])
    if len(lead) == 1 and _plain(lead[0]):
        _sub(el, "TOCPreambleLabel", lead[0].text)
    else:
        core = lead + core
    if core and all(c.caption and not c.children for c in core):
        for c in core:
            _toc_article(el, c)
    else:
        depth = DIVISION_KINDS.index(top) if top in DIVISION_KINDS[:3] else 1
        for c in core or [Node("Text")]:
            _toc_entry(el, c, depth)
    suppl_done = False
    for c in trail:
        if c.label and not suppl_done:
            s = _sub(el, "TOCSupplProvision")
            _sub(s, "SupplProvisionLabel", c.label + c.caption)
            if c.text:
                _sub(s, "ArticleRange", c.text)
            for k in c.children:
                (_toc_article(s, k) if k.caption and not k.children else _toc_entry(s, k, 1))
            suppl_done = True
        else:
            _sub(el, "TOCAppdxTableLabel", "".join(s for n in c.walk() for s in (n.label, n.caption, n.text)))
            suppl_done = True  # TOCSupplProvision cannot follow


def _toc_article(parent: etree._Element, node: Node) -> None:
    el = _sub(parent, "TOCArticle", Num=node.num)
    _sub(el, "ArticleTitle", node.label)
    _sub(el, "ArticleCaption", node.caption + node.text)


def _toc_entry(parent: etree._Element, node: Node, depth: int) -> None:
    kind = DIVISION_KINDS[depth]
    el = _sub(parent, f"TOC{kind}", Num=node.num)
    _sub(el, f"{kind}Title", node.label + node.caption)
    text = node.text
    if depth == len(DIVISION_KINDS) - 1:  # TOCDivision has no entries below it: their text joins its range
        text += "".join(s for c in node.children for n in c.walk() for s in (n.label, n.caption, n.text))
    if text:
        _sub(el, "ArticleRange", text)
    if depth < len(DIVISION_KINDS) - 1:
        for c in node.children:
            _toc_entry(el, c, depth + 1)
