"""The outline format: one line per node, its citation and the start of its text, indented by depth.

    第1章  総則
      第1条  （適用）
        第1条第1項  このあんしんスマートロックサービス利用規約（以下「本規約」といいま…

Text nodes (and table rows) have no citation of their own and show "·"; a table row shows its
cells joined with " | " and its cells get no line of their own unless they hold provisions.
Meant for reading a parse at a glance and for diffs of parses, not for machines (use JSON).
"""

from __future__ import annotations

from corpus.citation import citation, piece
from corpus.model import Document, Node

INDENT = "  "
WIDTH = 40  # characters of text shown per line, "…" included
UNCITED_MARK = "·"
_FLAT = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


def write_outline(doc: Document) -> bytes:
    """The outline of ``doc`` as UTF-8, one line per node, ending in a newline."""
    lines: list[str] = []
    path: list[Node] = []

    def visit(node: Node, depth: int) -> None:
        path.append(node)
        lines.append(INDENT * depth + outline_line(node, path))
        for child in node.children:
            if child.kind == "TableColumn" and not child.children:
                continue  # shown in its row
            visit(child, depth + 1)
        path.pop()

    for node in doc.children:
        visit(node, 0)
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def outline_line(node: Node, path: list[Node]) -> str:
    """``citation  snippet`` for the last node of ``path`` (without indentation)."""
    own = piece(node)
    cite = citation(path) if own else UNCITED_MARK
    if node.kind == "TableRow":
        parts = [c.text for c in node.children if c.kind == "TableColumn"]
        snippet = " | ".join(_flat(p) for p in parts)
    else:
        # The caption comes first (an article's （目的）); a heading's or appendix's caption
        # may already be its citation (別紙1「適用」), and is not repeated.
        parts = [s for s in (node.caption, node.text) if s]
        if node.kind in ("Heading", "Appendix"):
            parts = [s for s in parts if " ".join(s.split()) not in own]
        snippet = " ".join(_flat(p) for p in parts)
    return f"{cite}  {truncate(snippet)}" if snippet else cite


def truncate(s: str, width: int = WIDTH) -> str:
    """``s`` cut to ``width`` characters, the last being "…" when anything was cut."""
    return s if len(s) <= width else s[: width - 1] + "…"


def _flat(s: str) -> str:
    return s.translate(_FLAT).strip()
