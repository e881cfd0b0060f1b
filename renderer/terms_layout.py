"""The terms as printed blocks: the one layout of a document that the HTML, PDF, DOCX writers and the site print.

``terms_blocks`` lays the tree out as a legal editor prints it — title centred, 章 and 条 headings,
項・号・号の細分 with hanging labels, 附則 and 別紙 with their tables — as a flat list of printed
blocks, each with its anchor and the links of its references.

Anchors (element ids), stable across writes so that references can link to them:

- 章 ``c2``, 編 ``pt1``, 節 ``sec3``, 款 ``sub1``, 目 ``div1``, each under its enclosing division
  (``pt2-c1``, ``c2-sec3``);
- 条 ``a24``; 第5条の2 ``a5_2`` (the canonical num, の as ``_``); a range 第五十五条から第六十三条まで ``a55to63``;
- 項 ``a24-p2`` (the unnumbered first 項 is ``p1``), 号 ``a24-p2-i3``, each level of 号の細分 one more
  ``-iN`` (第5条第1項第2号イ ``a5-p1-i2-i1``);
- 附則 ``s1``, ``s2`` … in document order (in a law ``s1`` is the original 附則, then the amendments'),
  their 条 ``s1-a2`` and 項 ``s1-p1``; 別紙/別表/料金表 ``x1``, ``x2`` … with ``x1-a1``, ``x1-p2``;
  headings without 条 ``h1``, ``h2`` … with ``h1-p1``; 項 outside any of these ``p1``; 目次 ``toc``;
- a second node with the same id (a document that repeats 第5条) gets ``-2``, ``-3`` … appended.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus.lexicon import ARABIC, CAPTION_BRACKETS, CIRCLED_DIGITS, DIVISION_UNITS, LPAREN, NOTE_MARKS, NUMERAL
from corpus.lexicon import PAREN_DIGITS, RPAREN, SP, SUPPL, UNSPACED_BULLETS
from corpus.lexicon import BULLETS as READER_BULLETS
from corpus.lexicon import RUBY as RUBY_FORM
from corpus.model import DIVISION_KINDS, SUBITEM_KINDS, Document, Node
from corpus.numbers import width
from corpus.references import find_references

SPACE = "\u3000"  # between a label and what follows it, as printed
BULLETS = UNSPACED_BULLETS  # labels printed right against their text (・セコム株式会社…); a dash bullet keeps a space
OPENING_BRACKETS = CAPTION_BRACKETS
LIST_KINDS = ("Item",) + SUBITEM_KINDS  # 号 and 号の細分
PROVISIONS = ("Paragraph",) + LIST_KINDS
HEADED = DIVISION_KINDS + ("SupplProvision", "Appendix", "Heading")  # nodes printed as a heading over their children
DIVISION_ANCHORS = dict(zip(DIVISION_KINDS, ("pt", "c", "sec", "sub", "div")))
UNTITLED = "無題"  # the page title of a document with neither title nor source name
PARAGRAPH_INDENT = 1.0  # em: first-line indent of a paragraph without label (本文)
WIDER_LABEL = 2.0  # em: a sibling's label at most this much wider than a 号's own sets where its text starts
HEADER_CELL_WIDTH = 40  # display width beyond which a first-row cell is data, not a column header

# Ruby in the tree's text is kept inline, as the e-Gov plain text prints it: 「<Ruby>較<Rt>こう</Rt></Ruby>正」.
RUBY = re.compile(RUBY_FORM, re.S)

# What opens a provision when it starts a line (the text and PDF readers' label forms): 第N条/章…,
# (1), ⑴, ①, 1., bullets, ※, 附則. A match is the character before one and its first character (not after
# a space: a line may break there, and gluing the space would glue the word before it too).
LABEL_START = re.compile(
    rf"\S(?=第{SP}[{NUMERAL}]+{SP}[{DIVISION_UNITS}条]|{LPAREN}[{ARABIC}]{{1,3}}{RPAREN}"
    rf"|[{PAREN_DIGITS}{CIRCLED_DIGITS}]|[{ARABIC}]{{1,3}}[.．](?![{ARABIC}])|[{READER_BULLETS}{NOTE_MARKS}]|{SUPPL})."
)

# Characters no XML (DOCX) may hold and HTML forbids: C0 controls but tab and line breaks (a form feed
# from a PDF extract), U+FFFE/U+FFFF. Writers leave them out; they are not printed anyway.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Cell = tuple[str, int]  # a table cell's text and how many columns it spans
Link = tuple[int, int, str]  # a reference in a block's text: start, end, the id of the provision it cites


@dataclass(slots=True)
class Block:
    """One printed line or table of the document.

    A line prints ``label``, ``sep`` and ``text``; with a ``level`` it is a heading (1 = the title).
    ``indent`` is where the label starts and ``hang`` how far past it wrapped lines start (the
    label's box), both in em; a line without label starts its first line ``first`` em in.
    """

    style: str  # title | division | heading | article | caption | provision | text | toc | table
    kind: str  # the kind of the node printed (Article, Paragraph, Item, Text …)
    level: int = 0
    anchor: str = ""
    label: str = ""
    sep: str = ""
    text: str = ""
    indent: float = 0.0
    hang: float = 0.0
    first: float = 0.0
    align: str = ""  # "center" | "right" | "" (start)
    anchors: list[str] = field(default_factory=list)  # more ids on this line (the first 項 run into its 条)
    rows: list[list[Cell]] = field(default_factory=list)  # style "table"
    header: bool = False  # style "table": its first row holds the column headers
    bookmark: str = ""  # the PDF outline's entry, when not the heading's own text (「第一条（目的）」)
    links: list[Link] = field(default_factory=list)  # references in ``text`` to provisions of the document


def page_title(doc: Document) -> str:
    """The document's title on one line; without a Title node, its source file's name."""
    title = " ".join(UNPRINTABLE.sub("", doc.title).split())
    if title:
        return title
    return Path(doc.source).stem if doc.source not in ("", "-") else UNTITLED


def terms_blocks(doc: Document, *, links: bool = False) -> list[Block]:
    """The document as printed blocks, in order; with ``links`` each reference to a provision of the
    document (corpus.references: 第24条, 前条, 別紙1 …) is a link to its target's id."""
    layout = _Layout(doc)
    if links:
        layout.references = _references(doc)
    for node in doc.children:
        layout.node(node, _Scope())
    layout.resolve_links()
    return layout.blocks


def _references(doc: Document) -> dict[int, list]:
    """id(node) → the references in its caption and text that link somewhere, each with ``target`` set to
    where the link goes: the provision cited; for 前各号 / 前二項 the first of those cited. A reference to
    the provision holding it (本条, この条) is not a link."""
    refs = [r for r in find_references(doc) if r.target is not None and all(n is not r.target for n in r.path)]
    siblings = {}
    if any(r.relation.startswith("前各") for r in refs):
        siblings = {id(p[-1]): p[-2].children if len(p) > 1 else doc.children for p in doc.paths()}
    out: dict[int, list] = {}
    for ref in refs:
        if ref.relation.startswith("前各"):
            same = [n for n in siblings.get(id(ref.target), ()) if n.kind == ref.target.kind]
            at = next((i for i, n in enumerate(same) if n is ref.target), 0)  # the last of those cited
            if same:  # 前二項: count 2, the one before it; 前各号: all, the first
                ref.target = same[at - ref.count + 1 if 1 < ref.count <= at + 1 else 0]
        out.setdefault(id(ref.node), []).append(ref)
    return out


def ruby_pieces(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (base, reading) runs; plain text has an empty reading. Unprintable characters
    are left out."""
    parts = RUBY.split(UNPRINTABLE.sub("", text))
    out: list[tuple[str, str]] = []
    for i in range(0, len(parts), 3):
        if parts[i]:
            out.append((parts[i], ""))
        if i + 2 < len(parts):
            out.append((parts[i + 1], parts[i + 2]))
    return out


def label_width(label: str) -> float:
    """Width of a printed label in em: full-width characters 1, others 0.6 (Noto's digits are 0.47–0.56)."""
    return sum(0.6 if ch.isascii() else 1.0 for ch in label)


# ---------------------------------------------------------------------------
# Tree → blocks


@dataclass(slots=True, frozen=True)
class _Scope:
    """Where a node stands: heading level below, anchor prefixes, list depth."""

    level: int = 2  # the level a heading printed here takes (h2 at the top)
    articles: str = ""  # prefix of article anchors: "" in the main provisions, "s1-" in 附則 …
    division: str = ""  # anchor of the innermost division ("c2-sec1"), for the divisions below it
    container: str = ""  # anchor that 項 hang off ("a24", "s1", "h3"); "" at the top
    depth: int = 0  # 項 0, 号 1, 号の細分 2 …: the indent (em) of a provision printed here


class _Layout:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.blocks: list[Block] = []
        self.used: set[str] = set()
        self.ordinals = {"SupplProvision": 0, "Appendix": 0, "Heading": 0}
        self.ids: dict[int, str] = {}  # id(node) → its anchor
        self.references: dict[int, list] = {}  # id(node) → the resolved references in its caption and text
        self.pending: list[tuple[Block, int, int, Node]] = []  # links whose target may not be laid out yet

    def resolve_links(self) -> None:
        """Give each pending link its target's anchor (a target without one is not linked)."""
        for block, start, end, target in self.pending:
            anchor = self.ids.get(id(target))
            if anchor:
                block.links.append((start, end, anchor))
        self.pending.clear()

    def link(self, block: Block, node: Node, *, caption: bool, at: int = 0) -> Block:
        """Queue links for the references in ``node``'s caption (or text), which ``block.text`` holds from ``at``."""
        for ref in self.references.get(id(node), ()) if at >= 0 else ():
            if ref.in_caption == caption:
                start = at + ref.start
                end = start + len(ref.text)
                if block.text[start:end] == ref.text:
                    self.pending.append((block, start, end, ref.target))
        return block

    # -- anchors -----------------------------------------------------------------
    def anchor(self, wanted: str) -> str:
        anchor, n = wanted, 1
        while anchor in self.used:
            n += 1
            anchor = f"{wanted}-{n}"
        self.used.add(anchor)
        return anchor

    def ordinal(self, kind: str) -> int:
        """1, 2, … for the nodes of ``kind`` (附則, 別紙, headings), in document order."""
        self.ordinals[kind] += 1
        return self.ordinals[kind]

    # -- nodes -------------------------------------------------------------------
    def node(self, node: Node, scope: _Scope, siblings: list[Node] | None = None) -> None:
        kind = node.kind
        if kind == "Title":
            self.add(Block("title", kind, 1, text=node.text, align="center"))
        elif kind == "Text":
            self.text(node, scope)
        elif kind == "TOC":
            self.toc(node)
        elif kind in HEADED:
            self.headed(node, scope)
        elif kind == "Article":
            self.article(node, scope)
        elif kind in PROVISIONS:
            self.provision(node, scope, _hang(node, siblings or [node]))
        elif kind == "Table":
            if node.children:
                self.add(Block("table", kind, indent=scope.depth, rows=_rows(node), header=_has_header(node)))
        else:  # a table row or cell out of its table: its text where it stands
            self.text(node, scope)
            self.children(node, scope)

    def add(self, block: Block) -> Block:
        self.blocks.append(block)
        return block

    def children(self, node: Node, scope: _Scope, skip: int = 0) -> None:
        for child in node.children[skip:]:
            self.node(child, scope, node.children)

    def text(self, node: Node, scope: _Scope) -> None:
        text, (_, at_caption, at_text) = _joined_at(node.label, node.caption, node.text)
        align = ""
        if _is_law_num(node, self.doc):
            align = "center"
        elif "".join(text.split()) == "以上":
            align = "right"
        block = self.add(Block("text", node.kind, text=text, indent=scope.depth, align=align))
        self.link(block, node, caption=True, at=at_caption)
        self.link(block, node, caption=False, at=at_text)

    def toc(self, node: Node) -> None:
        label, sep, caption = _heading(node)
        self.add(Block("toc", node.kind, anchor=self.anchor("toc"), label=label, sep=sep, text=caption))
        entries = [(child, 1) for child in reversed(node.children)]
        while entries:  # 目次 entries nest (章 › 節) in a law read from XML: each level one character in
            entry, depth = entries.pop()
            self.add(Block("toc", entry.kind, text=_joined(entry.label, entry.caption, entry.text), indent=float(depth)))
            entries.extend((child, depth + 1) for child in reversed(entry.children))

    def headed(self, node: Node, scope: _Scope) -> None:
        """編章節款目, 附則, 別紙, and headings without 条: a heading line, its text, its children one level down."""
        kind = node.kind
        level = min(scope.level + 1, 6)
        if kind in DIVISION_KINDS:
            division = f"{scope.division}-" if scope.division else scope.articles
            anchor = self.anchor(division + DIVISION_ANCHORS[kind] + _token(node.num, len(self.blocks)))
            inner = replace(scope, level=level, division=anchor, container=anchor)
            style = "division"
        elif kind in ("SupplProvision", "Appendix"):
            anchor = self.anchor(("s" if kind == "SupplProvision" else "x") + str(self.ordinal(kind)))
            inner = _Scope(level, articles=anchor + "-", container=anchor)
            style = "division" if kind == "SupplProvision" else "heading"
        else:
            anchor = self.anchor(f"h{self.ordinal('Heading')}")
            inner = replace(scope, level=level, container=anchor, depth=0)
            style = "heading"
        self.ids[id(node)] = anchor
        label, sep, caption = _heading(node)
        block = Block(style, kind, scope.level, anchor, label, sep, caption, align="center" if kind in ("Part", "Chapter") else "")
        self.link(self.add(block), node, caption=True)
        if node.text:
            self.link(self.add(Block("text", kind, text=node.text, first=PARAGRAPH_INDENT)), node, caption=False)
        self.children(node, inner)

    def article(self, node: Node, scope: _Scope) -> None:
        """第N条: a heading line 「第5条（適用）」, or for laws the caption above and the first 項 run into the label."""
        anchor = self.anchor(scope.articles + "a" + _token(node.num, len(self.blocks)))
        self.ids[id(node)] = anchor
        inner = replace(scope, level=min(scope.level + 1, 6), container=anchor, depth=0)
        first = node.children[0] if node.children else None
        run_in = (
            (node.caption_above or not node.caption)
            and not node.text
            and first is not None
            and first.kind == "Paragraph"
            and not first.label
            and not first.caption
        )
        if node.caption_above and node.caption:
            bookmark = node.label + node.caption
            block = Block("caption", node.kind, scope.level, anchor, text=node.caption, indent=1.0, bookmark=bookmark)
            self.link(self.add(block), node, caption=True)
            anchor = ""
        if run_in:
            p = self.anchor(f"{inner.container}-p{_token(first.num, 1)}")
            self.ids[id(first)] = p
            block = Block("article", node.kind, 0, anchor, node.label, SPACE if first.text else "", first.text, hang=1.0)
            block.anchors.append(p)
            self.link(self.add(block), first, caption=False)
            self.children(first, replace(inner, container=p, depth=1))
            self.children(node, inner, skip=1)
            return
        if node.caption_above:
            self.add(Block("article", node.kind, 0, anchor, node.label, hang=1.0))
        else:
            label, sep, caption = _heading(node)
            self.link(self.add(Block("article", node.kind, scope.level, anchor, label, sep, caption)), node, caption=True)
        if node.text:
            self.link(self.add(Block("text", node.kind, text=node.text, first=PARAGRAPH_INDENT)), node, caption=False)
        self.children(node, inner)

    def provision(self, node: Node, scope: _Scope, hang: float) -> None:
        """項, 号, 号の細分: the label hangs, wrapped lines align after it; their children one level in."""
        letter = "p" if node.kind == "Paragraph" else "i"
        prefix = f"{scope.container}-" if scope.container else ""
        anchor = self.anchor(f"{prefix}{letter}{_token(node.num, 1)}")
        self.ids[id(node)] = anchor
        if node.caption and node.caption_above:
            self.link(self.add(Block("caption", node.kind, text=node.caption, indent=scope.depth + 1.0)), node, caption=True)
            text, (at_caption, at_text) = node.text, (-1, 0)
        else:
            text, (at_caption, at_text) = _joined_at(node.caption, node.text)
        sep = SPACE if node.label and text and node.label[-1] not in BULLETS else ""
        first = 0.0 if node.label else PARAGRAPH_INDENT
        block = Block("provision", node.kind, 0, anchor, node.label, sep, text, scope.depth, hang if node.label else 0.0, first)
        self.add(block)
        if at_caption >= 0:
            self.link(block, node, caption=True, at=at_caption)
        self.link(block, node, caption=False, at=at_text)
        self.children(node, replace(scope, container=anchor, depth=scope.depth + 1))


def _token(num: str, fallback: int) -> str:
    """The canonical num as an anchor piece: 5_2 stays, a range 55:63 becomes 55to63; other characters dropped."""
    token = re.sub(r"[^0-9A-Za-z_]", "", num.replace(":", "to"))
    return token or f"n{fallback}"


def _joined(*parts: str) -> str:
    """Non-empty parts with a full-width space between, none before an opening bracket."""
    return _joined_at(*parts)[0]


def _joined_at(*parts: str) -> tuple[str, list[int]]:
    """``_joined`` and where each part starts in it (-1 for an empty part)."""
    out, starts = "", []
    for part in parts:
        if not part:
            starts.append(-1)
            continue
        if out and part[0] not in OPENING_BRACKETS and out[-1] not in BULLETS + SPACE:
            out += SPACE
        starts.append(len(out))
        out += part
    return out, starts


def _heading(node: Node) -> tuple[str, str, str]:
    """(label, sep, caption) of a heading line: 「第5条（適用）」 「第1章　総則」 「附　則（令和7年…）」 「別紙1　料金表」."""
    label, caption = node.label, node.caption
    if not label or not caption or caption[0] in OPENING_BRACKETS or label[-1] in BULLETS:
        return label, "", caption
    return label, SPACE, caption


def _hang(node: Node, siblings: list[Node]) -> float:
    """The label box of a 項 or 号, plus the space after it: as wide as the widest label of its kind among
    its siblings, so that a list's text lines up ((1)…(10), 一…二十二), but for labels much wider than its
    own (「一から四まで」 beside 「五」)."""
    own = label_width(node.label)
    widths = [label_width(n.label) for n in siblings if n.kind == node.kind and n.label]
    widest = max((w for w in widths if w <= own + WIDER_LABEL), default=own)
    # in half characters: on a measure of whole characters, a wrapped line then ends at most half a
    # character short of the margin, and a reader can tell a wrap from a line that ends early
    return math.ceil(max(widest, own) * 2) / 2 + (0.0 if node.label[-1:] in BULLETS else 1.0)


def _is_law_num(node: Node, doc: Document) -> bool:
    """The 法令番号 line under a law's title: 「（平成五年法律第四十七号）」."""
    return bool(doc.law_num) and node.text.strip().strip("（）()") == doc.law_num


def _rows(table: Node) -> list[list[Cell]]:
    """A table's rows of (text, colspan); a short row's last cell spans the columns it lacks."""
    rows = [[_cell_text(c) for c in row.children] for row in table.children]
    columns = max((len(r) for r in rows), default=0)
    out: list[list[Cell]] = []
    for row in rows:
        cells = [(text, 1) for text in row] or [("", 1)]
        last, span = cells[-1]
        cells[-1] = (last, span + columns - len(cells))
        out.append(cells)
    return out


def _cell_text(cell: Node) -> str:
    """A cell's text, with the provisions inside it (law tables hold 号 in cells) on lines of their own."""
    lines = [cell.text] if cell.text else []
    for node in cell.children:
        for n in node.walk():
            line = _joined(n.label, n.caption, n.text)
            if line:
                lines.append(line)
    return "\n".join(lines)


def _has_header(table: Node) -> bool:
    """Whether the first row names the columns: two or more rows, a full first row of short cells without 。."""
    rows = table.children
    if len(rows) < 2:
        return False
    first = [c.text for c in rows[0].children]
    columns = max(len(r.children) for r in rows)
    return (
        len(first) >= 2
        and len(first) == columns
        and all(text.strip() and "。" not in text and width(text) <= HEADER_CELL_WIDTH for text in first)
    )
