"""The JSON format: the whole tree, stable and documented (README "JSON format").

Top level: ``source``, ``encoding``, ``title``, ``law_num``, ``children``. Every node has
``kind``, ``num``, ``label``, ``caption``, ``text``, ``lines`` ([first, last], 1-based) and
``children``, in that order; ``markup`` and ``caption_above`` are present only when set (a
non-empty string, true), just before ``children``.

Layout: UTF-8, non-ASCII characters as they are, one key per line with an indent of one space
per level, ``lines`` on one line, a final newline — the same bytes for the same tree, and a
line-based diff of two parses shows which fields changed. (Written by hand rather than with
``json.dumps(indent=1)``, whose pure-Python encoder takes ~0.2 s on a large law.)
"""

from __future__ import annotations

import json

from corpus.model import Document, Node

_str = json.encoder.encode_basestring  # C-accelerated, keeps non-ASCII as is


def to_dict(doc: Document) -> dict:
    """The JSON value of ``doc`` as plain dicts and lists (what ``write_json`` serialises)."""
    return {
        "source": doc.source,
        "encoding": doc.encoding,
        "title": doc.title,
        "law_num": doc.law_num,
        "children": [node_dict(n) for n in doc.children],
    }


def node_dict(node: Node) -> dict:
    d = {
        "kind": node.kind,
        "num": node.num,
        "label": node.label,
        "caption": node.caption,
        "text": node.text,
        "lines": list(node.lines),
    }
    if node.markup:
        d["markup"] = node.markup
    if node.caption_above:
        d["caption_above"] = True
    d["children"] = [node_dict(n) for n in node.children]
    return d


def write_json(doc: Document) -> bytes:
    """``doc`` as UTF-8 JSON bytes, ending in a newline."""
    out: list[str] = [
        "{\n",
        f' "source": {_str(doc.source)},\n',
        f' "encoding": {_str(doc.encoding)},\n',
        f' "title": {_str(doc.title)},\n',
        f' "law_num": {_str(doc.law_num)},\n',
        ' "children": ',
    ]
    _children(doc.children, 1, out)
    out.append("\n}\n")
    return "".join(out).encode("utf-8")


def _children(nodes: list[Node], depth: int, out: list[str]) -> None:
    if not nodes:
        out.append("[]")
        return
    pad = " " * depth
    out.append("[\n")
    for i, node in enumerate(nodes):
        if i:
            out.append(",\n")
        _node(node, depth + 1, out)
    out.append(f"\n{pad}]")


def _node(node: Node, depth: int, out: list[str]) -> None:
    pad = " " * depth
    inner = pad + " "
    out.append(
        f"{pad}{{\n"
        f'{inner}"kind": {_str(node.kind)},\n'
        f'{inner}"num": {_str(node.num)},\n'
        f'{inner}"label": {_str(node.label)},\n'
        f'{inner}"caption": {_str(node.caption)},\n'
        f'{inner}"text": {_str(node.text)},\n'
        f'{inner}"lines": [{int(node.lines[0])}, {int(node.lines[1])}],\n'
    )
    if node.markup:
        out.append(f'{inner}"markup": {_str(node.markup)},\n')
    if node.caption_above:
        out.append(f'{inner}"caption_above": true,\n')
    out.append(f'{inner}"children": ')
    _children(node.children, depth + 1, out)
    out.append(f"\n{pad}}}")
