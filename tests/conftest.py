"""Shared test helpers: where the project and the read-only test material live, and how tests pick
nodes out of a parsed tree."""

from pathlib import Path

from corpus.model import Document, Node

# The project root (/work/main).
ROOT = Path(__file__).resolve().parents[1]
# /work/shared: seeds/, laws/, realworld/, schemas/ (sibling of the project root).
SHARED = ROOT.parent / "shared"


def article(doc: Document, num: str) -> Node:
    """The one article of the main provision numbered ``num`` (fails when there is none or several)."""
    found = [a for a in doc.articles() if a.num == num]
    assert len(found) == 1, f"第{num}条 found {len(found)} times"
    return found[0]


def kids(node: Node, kind: str) -> list[Node]:
    """The children of ``node`` of one kind."""
    return [c for c in node.children if c.kind == kind]
