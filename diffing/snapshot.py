"""Parse regressions: the nodes of a new parse that differ from a stored snapshot of the same source.

Unlike alignment, nothing here is similar-but-moved: a snapshot and a re-parse of the same bytes
should agree node for node, so the trees are flattened into (citation, kind, label, caption, text)
records in document order and compared as sequences.
"""

from __future__ import annotations

import difflib

from corpus.citation import citation
from corpus.model import Document

TEXT_SHOWN = 60  # characters of a node's text shown in a change line


def tree_changes(old: Document | None, new: Document) -> list[str]:
    """One line per differing node: ``- 第3条第2項 Paragraph …`` (only in the snapshot), ``+ …`` (only
    in the new parse), ``~ …`` (same place, other content)."""
    a = _records(old) if old is not None else []
    b = _records(new)
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            lines += [f"~ {_show(y)}  (was: {_show(x, place=x[0] != y[0])})" for x, y in zip(a[i1:i2], b[j1:j2])]
            continue
        lines += [f"- {_show(x)}" for x in a[i1:i2]]
        lines += [f"+ {_show(y)}" for y in b[j1:j2]]
    return lines


Record = tuple[str, str, str, str, str]


def _records(doc: Document) -> list[Record]:
    return [
        (citation(path), node.kind, " ".join(node.label.split()), node.caption, " ".join(node.text.split()))
        for path in doc.paths()
        for node in path[-1:]
    ]


def _show(record: Record, *, place: bool = True) -> str:
    where, kind, label, caption, text = record
    body = " ".join(s for s in (label, caption, text[:TEXT_SHOWN] + ("…" if len(text) > TEXT_SHOWN else "")) if s)
    return f"{where} {kind} {body}" if place else f"{kind} {body}"
