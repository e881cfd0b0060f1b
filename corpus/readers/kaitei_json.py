"""kaitei's own JSON read back: the output of ``kaitei parse --to json`` (renderer/json.py, README
"The JSON format") into the very tree it was written from, as pandoc reads its native JSON.

``write(read(json, "kaitei-json"), "json")`` gives the same bytes back. The top level must hold
``source``, ``encoding``, ``title``, ``law_num`` and ``children``; every node ``kind``, ``num``,
``label``, ``caption``, ``text``, ``lines`` and ``children``, and ``markup`` and ``caption_above``
when set. ``title`` is not stored: it is the text of the first Title node, as the writer derives it.
The reader's notes (``Document.notes``: what a reader did to the original input) are not part of the
JSON, so a tree read back has none.

Anything else — not JSON, wrong types, an unknown kind or key, a missing key, nodes nested more than
MAX_DEPTH deep — is one SourceError that names the place (``children[3].children[0].kind``). The tree
is built with a stack, not recursion.
"""

from __future__ import annotations

import json
import re

from corpus.errors import SourceError
from corpus.model import KINDS, Document, Node
from corpus.source import MAX_BYTES

TOP = ("source", "encoding", "title", "law_num", "children")
FIELDS = ("kind", "num", "label", "caption", "text", "lines", "children")
OPTIONAL = ("markup", "caption_above")
# Levels of nodes: a law's deepest is ~20 (編 章 節 款 目 条 項 号 and ten levels of 号の細分); the
# writer, which recurses, stays far from Python's recursion limit.
MAX_DEPTH = 100

_OPENS_OBJECT = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*\{")


def is_kaitei_json(data: bytes) -> bool:
    """True when ``data`` is a JSON object with the top-level keys of kaitei's JSON (for ``auto``).

    Input nested too deeply for Python's JSON parser counts when the keys are there, so that the
    reader reports it."""
    if not _OPENS_OBJECT.match(data) or not all(f'"{key}"'.encode() in data for key in TOP):
        return False
    try:
        value = json.loads(data)
    except RecursionError:
        return True
    except ValueError:  # not JSON, or not UTF-8/16/32
        return False
    return isinstance(value, dict) and set(TOP) <= value.keys()


def parse_kaitei_json(data: bytes, *, source: str = "") -> Document:
    """The Document that kaitei's JSON ``data`` was written from; SourceError naming ``source``."""
    name = source or "input"

    def bad(where: str, message: str) -> SourceError:
        return SourceError(f"{name}: kaitei JSON {_shorten(where)}: {message}")

    if len(data) > MAX_BYTES:
        raise SourceError(f"{name}: file too large (the limit is {MAX_BYTES // 1024 // 1024} MB) (ファイルが大きすぎます)")
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise SourceError(f"{name}: not UTF-8 at byte {e.start}: kaitei JSON is UTF-8 (UTF-8 ではありません)") from None
    except json.JSONDecodeError as e:
        raise SourceError(f"{name}: not valid JSON: {e.msg} at line {e.lineno} column {e.colno} (JSONとして読めません)") from None
    except RecursionError:
        raise SourceError(f"{name}: kaitei JSON nested too deeply (more than {MAX_DEPTH} levels of nodes) (入れ子が深すぎます)") from None
    top = _fields(value, "top level", TOP, (), bad)
    for key in TOP[:-1]:
        _string(top[key], key, bad)
    doc = Document(source=top["source"], encoding=top["encoding"], law_num=top["law_num"])
    # Depth first, in document order (so that the first fault is the one reported): each entry is a
    # node still to read, the list it goes into, its place and its depth.
    stack: list[tuple[object, list[Node], str, int]] = []
    _push(stack, top["children"], doc.children, "children", 1, bad)
    while stack:
        item, into, place, depth = stack.pop()
        into.append(_node(item, place, bad))
        _push(stack, item["children"], into[-1].children, f"{place}.children", depth + 1, bad)
    return doc


def _push(stack: list, items: object, into: list[Node], where: str, depth: int, bad) -> None:
    """Put the nodes of the array ``items`` on ``stack``, the first on top."""
    if not isinstance(items, list):
        raise bad(where, f"must be an array of nodes, not {_type(items)} (ノードの配列ではありません)")
    if items and depth > MAX_DEPTH:
        raise bad(where, f"nodes nested more than {MAX_DEPTH} deep (入れ子が深すぎます)")
    stack.extend((item, into, f"{where}[{i}]", depth) for i, item in reversed(list(enumerate(items))))


def _node(item: object, place: str, bad) -> Node:
    """The node ``item`` stands for, without its children."""
    d = _fields(item, place, FIELDS, OPTIONAL, bad)
    kind = _string(d["kind"], f"{place}.kind", bad)
    if kind not in KINDS:
        raise bad(f"{place}.kind", f"unknown node kind {json.dumps(kind, ensure_ascii=False)} (不明な種類です)")
    lines = d["lines"]
    if not (
        isinstance(lines, list)
        and len(lines) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in lines)
    ):
        raise bad(f"{place}.lines", "must be [first, last]: two whole numbers, 0 or more (行番号が不正です)")
    markup = _string(d["markup"], f"{place}.markup", bad) if "markup" in d else ""
    caption_above = d.get("caption_above", False)
    if not isinstance(caption_above, bool):
        raise bad(f"{place}.caption_above", f"must be true or false, not {_type(caption_above)} (真偽値ではありません)")
    return Node(
        kind,
        num=_string(d["num"], f"{place}.num", bad),
        label=_string(d["label"], f"{place}.label", bad),
        caption=_string(d["caption"], f"{place}.caption", bad),
        text=_string(d["text"], f"{place}.text", bad),
        lines=(lines[0], lines[1]),
        markup=markup,
        caption_above=caption_above,
    )


def _fields(value: object, place: str, required: tuple[str, ...], optional: tuple[str, ...], bad) -> dict:
    """``value`` as an object holding every key of ``required`` and no key outside ``optional``."""
    what = "a kaitei JSON document" if place == "top level" else "a node"
    if not isinstance(value, dict):
        raise bad(place, f"must be an object ({what}), not {_type(value)} (オブジェクトではありません)")
    missing = [key for key in required if key not in value]
    if missing:
        raise bad(place, f"missing {', '.join(missing)} (必須のキーがありません)")
    unknown = [key for key in value if key not in required and key not in optional]
    if unknown:
        keys = ", ".join(required + optional)
        raise bad(place, f"unknown key {json.dumps(unknown[0], ensure_ascii=False)} (不明なキーです; {what} has {keys})")
    return value


def _string(value: object, where: str, bad) -> str:
    if not isinstance(value, str):
        raise bad(where, f"must be a string, not {_type(value)} (文字列ではありません)")
    return value


def _shorten(where: str) -> str:
    """A place deep in the tree with its middle left out: ``children[0].children[2].….children[1].kind``."""
    steps = where.split(".")
    if len(steps) <= 8:
        return where
    return ".".join(steps[:3] + [f"…{len(steps) - 6} levels…"] + steps[-3:])


def _type(value: object) -> str:
    """The JSON name of ``value``'s type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
