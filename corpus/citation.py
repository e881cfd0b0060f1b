"""Citations: how a node is cited from its place in the tree, e.g. 第8条第3項第11号, 附則第2項, 別紙1.

Numbers come from the canonical ``num`` through corpus.numbers.label_for (``5_2`` → 第5条の2),
in Arabic digits whatever the document printed, so that citations of two versions compare
equal; 号の細分 keep their printed label (イ, ア, (a)), as legal citations do (第2条第1号イ).
"""

from __future__ import annotations

from typing import Sequence

from corpus.model import DIVISION_KINDS, SUBITEM_KINDS, Node
from corpus.numbers import label_for

# Kinds cited as 第N<unit> from their num (label_for); others by printed label or by name.
NUMBERED = frozenset(DIVISION_KINDS + ("Article", "Paragraph", "Item"))

# Kinds with a fixed name instead of a number.
NAMES = {"Title": "題名", "TOC": "目次", "SupplProvision": "附則", "Table": "表"}

# Kinds that open a new context; what follows is cited relative to them (附則第1条, 別紙1第2項).
CONTEXTS = frozenset({"SupplProvision", "Appendix", "Heading", "Title", "TOC"})


def piece(node: Node) -> str:
    """The node's own part of a citation: 第8条, 第3項, イ, 附則, 別紙1, a heading's caption.

    Empty for the kinds that are cited by their enclosing node (Text, table rows and cells).
    """
    kind = node.kind
    if kind in NUMBERED:
        try:
            return label_for(kind, node.num)
        except ValueError:  # no canonical num: cite as printed
            return _compact(node.label)
    if kind in SUBITEM_KINDS:
        return _compact(node.label) or _subitem_label(kind, node.num)
    if kind in NAMES:
        return NAMES[kind]
    if kind == "Appendix":
        return _compact(node.label) or _words(node.caption) or "別紙"
    if kind == "Heading":
        name = _words(f"{node.label} {node.caption}") or _words(node.text)
        return name if not name or name[0] in OPENING_BRACKETS else f"「{name}」"
    return ""


# A heading (its label and caption) is cited in 「」 unless already bracketed:
# 別紙1「2 身分証サービス」第1項.
OPENING_BRACKETS = "「『【〔［[(（<＜《〈"


def citation(path: Sequence[Node]) -> str:
    """The citation of ``path[-1]``, given the nodes from the top of the tree down to it.

    Divisions cite as 第2章第1節; an article drops its divisions (第8条), and the provisions
    below it add to it (第8条第3項第11号); the 項 of an article with a single unnumbered 項 is
    left out below it, as in legal citation (第3条第1号); prose outside any provision cites as
    第N段落, not 第N項. 附則, 別紙 and headings prefix what is inside them
    (附則第1条, 別紙1第2項). A node without a number of its own (Text) cites as its parent.
    """
    context = ""  # 附則, 別紙1, a heading …
    chain: list[str] = []  # 第2章第1節, or 第8条第3項 …
    for i, node in enumerate(path):
        kind = node.kind
        own = piece(node)
        if kind == "Paragraph" and 0 < i < len(path) - 1 and _only_paragraph(path[i - 1], node):
            continue  # 第3条第1号, not 第3条第1項第1号, when the article has a single 項
        if kind == "Paragraph" and i == 0:
            own = f"第{node.num}段落"  # prose outside any provision is not a 項
        if kind in CONTEXTS:
            context += own
            chain = []
        elif kind == "Article":
            chain = [own]
        elif own:
            chain.append(own)
    return context + "".join(chain)


def _only_paragraph(parent: Node, node: Node) -> bool:
    return not node.label and sum(1 for c in parent.children if c.kind == "Paragraph") == 1


def _subitem_label(kind: str, num: str) -> str:
    try:
        return label_for(kind, num)
    except ValueError:
        return ""


def _compact(s: str) -> str:
    """A printed label without its spaces (「第 3 条」→「第3条」, 「附　則」→「附則」)."""
    return "".join(s.split())


def _words(s: str) -> str:
    """A name on one line, runs of spaces as one (「2 身分証\nサービス」→「2 身分証 サービス」)."""
    return " ".join(s.split())
