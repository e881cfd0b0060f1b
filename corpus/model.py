"""The document tree: plain dataclasses every reader produces and every writer consumes.

Node kinds follow the e-Gov 法令標準XML v3 vocabulary (Chapter, Article, Paragraph, Item,
Subitem1..10 …) plus the few kinds terms documents need and laws do not (Title, Heading, Text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

# 編 章 節 款 目, outermost first.
DIVISION_KINDS = ("Part", "Chapter", "Section", "Subsection", "Division")
SUBITEM_KINDS = tuple(f"Subitem{i}" for i in range(1, 11))
# 条 → 項 → 号 → 号の細分, outermost first.
PROVISION_KINDS = ("Article", "Paragraph", "Item") + SUBITEM_KINDS

KINDS = frozenset(
    DIVISION_KINDS
    + PROVISION_KINDS
    + (
        "Title",  # 文書名 (and the 法令番号 line of a law)
        "TOC",  # 目次: kept, but it is not the body
        "Heading",  # a headed section of a document without 条 (重要事項説明書)
        "SupplProvision",  # 附則 / 付則
        "Appendix",  # 別紙 別表 料金表 様式
        "Table",
        "TableRow",
        "TableColumn",
        "Text",  # text that fits no rule, kept where it stood (以上, 制定日, ※ notes, URLs)
    )
)


@dataclass(slots=True)
class Node:
    """One provision or block of a document.

    ``num`` is canonical and comparable (``5_2`` for 第5条の2 and 第五条の二 alike);
    ``label``, ``caption`` and ``text`` are exactly as printed (joined across hard wraps),
    so that every character of the source is in the tree. ``markup`` holds source syntax
    that is not document text (a list bullet ``-``, Lawtext's ``:anonym-paragraph:``);
    writers ignore it. ``lines`` is the 1-based inclusive source line span.
    """

    kind: str
    num: str = ""
    label: str = ""
    caption: str = ""
    text: str = ""
    children: list[Node] = field(default_factory=list)
    lines: tuple[int, int] = (0, 0)
    markup: str = ""
    caption_above: bool = False  # caption printed on its own line before the label (laws)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown node kind {self.kind!r}")

    def walk(self) -> Iterator[Node]:
        """This node and all below it, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def find(self, kind: str) -> list[Node]:
        """All nodes of ``kind`` below (and including) this one, in document order."""
        return [n for n in self.walk() if n.kind == kind]

    def printed(self) -> Iterator[str]:
        """The node's own strings in the order they were printed (children excluded)."""
        if self.markup:
            yield self.markup
        if self.caption_above:
            yield self.caption
            yield self.label
        else:
            yield self.label
            yield self.caption
        yield self.text


@dataclass(slots=True)
class Document:
    """A whole document: its top-level nodes, plus where it came from."""

    children: list[Node] = field(default_factory=list)
    source: str = ""  # file name (or "-" for standard input)
    encoding: str = ""  # encoding the source was decoded from
    law_num: str = ""  # 法令番号 for laws, when known
    # What the reader did to the input that the user should know (tracked changes accepted,
    # running headers removed …); the command line prints these as warnings.
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        for node in self.children:
            if node.kind == "Title":
                return node.text
        return ""

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            yield from child.walk()

    def find(self, kind: str) -> list[Node]:
        return [n for n in self.walk() if n.kind == kind]

    def paths(self, *, skip: tuple[str, ...] = ()) -> Iterator[list[Node]]:
        """Each node as the list of nodes from the top of the tree down to it, in document order
        (what corpus.citation cites); nodes of a kind in ``skip`` are left out with all below them."""
        stack: list[list[Node]] = [[n] for n in reversed(self.children)]
        while stack:
            path = stack.pop()
            if path[-1].kind in skip:
                continue
            yield path
            stack.extend(path + [c] for c in reversed(path[-1].children))

    def articles(self, *, main_only: bool = True) -> list[Node]:
        """Articles in order; with ``main_only`` those outside 附則 and 別紙."""
        if not main_only:
            return self.find("Article")
        out: list[Node] = []
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            if node.kind in ("SupplProvision", "Appendix", "TOC"):
                continue
            if node.kind == "Article":
                out.append(node)
                continue
            stack.extend(reversed(node.children))
        return out


def printed_text(doc: Document | Node) -> str:
    """Every string of the tree in printed order, concatenated (for the lossless property)."""
    nodes = doc.walk()
    return "".join(s for node in nodes for s in node.printed())
