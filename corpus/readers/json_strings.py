"""JSON string reader: the text of a JSON resource (an i18n locale file of a terms page) into the tree.

The document is the file's string values in the order they are written; keys, numbers,
booleans and the JSON syntax are markup, not text. Each value is a paragraph (a blank line
between values); HTML inside a value (``<br/>``, ``<strong>``, ``<link>{{label}}</link>``) is
read by the HTML reader's line walker, and i18n placeholders such as ``{{email}}`` stay as written.
The lines then go through the text reader's grammar and builder, so 「1. サービスの受諾」 is
a numbered section and 第N条 an article, as in a text file.
"""

from __future__ import annotations

import json
import re

from corpus.errors import SourceError
from corpus.model import Document
from corpus.readers.html import NOTE_NO_PROVISIONS, has_provisions, html_lines
from corpus.readers.text import Line, build, classify

# The tokens that matter: a string (a key when a colon follows it) and the line breaks between.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"(?P<key>\s*:)?', re.S)
# Markup in a value: an HTML tag or an i18n component tag (<0>, </1>, <2/>) of react-i18next.
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--")
_COMPONENT = re.compile(r"</?\d+\s*/?>")


def parse_json_strings(text: str, *, source: str = "") -> Document:
    """Read the string values of a JSON file, in document order, into a Document."""
    name = source or "input"
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        raise SourceError(f"{name}: not valid JSON: {e.msg} at line {e.lineno} (JSONとして読めません)") from None
    lines: list[Line] = []
    notes: set[str] = set()
    no, pos = 1, 0
    for m in _STRING.finditer(text):
        if m["key"]:
            continue
        no, pos = no + text.count("\n", pos, m.start()), m.start()
        value = json.loads(m.group())
        if not value.strip():
            continue
        first = len(lines)
        if _TAG.search(value) or _COMPONENT.search(value):
            lines.extend(html_lines(_COMPONENT.sub("", value), first_line=no, notes=notes))
        else:
            for part in value.split("\n"):
                body = part.strip()
                if body:
                    name_, match = classify(body)
                    lines.append(Line(no, body, indent=len(part) - len(part.lstrip()), name=name_, match=match))
        if len(lines) > first:
            lines[first].blank_before = True
    if not lines:
        raise SourceError(f"{name}: no text in the JSON strings (文字列がありません)")
    doc = build(lines, source=source)
    doc.notes.extend(sorted(notes))
    if not has_provisions(doc):
        doc.notes.append(NOTE_NO_PROVISIONS)
    return doc
