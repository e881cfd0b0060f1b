"""Documents in: ``read()`` turns a file (text, Markdown, HTML/JSX, JSON strings, kaitei's own JSON, DOCX, PDF or
e-Gov XML) into a Document tree."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.errors import SourceError
from corpus.source import decode, is_xml, read_bytes

if TYPE_CHECKING:
    from corpus.model import Document

# Each format's reader: module and function, imported on first use (reading plain text never
# loads lxml, python-docx or pdfplumber). Text formats take ``(text, *, source)`` after decoding;
# binary formats take ``(data, *, source)``.
READERS = {
    "text": ("corpus.readers.text", "parse_text"),
    "markdown": ("corpus.readers.markdown", "parse_markdown"),
    "html": ("corpus.readers.html", "parse_html"),
    "json": ("corpus.readers.json_strings", "parse_json_strings"),  # i18n resources holding the terms
    "kaitei-json": ("corpus.readers.kaitei_json", "parse_kaitei_json"),  # kaitei's own --to json, read back
    "docx": ("corpus.readers.docx", "parse_docx"),
    "pdf": ("corpus.readers.pdf", "parse_pdf"),
    "xml": ("corpus.readers.egov_xml", "parse_egov_xml"),
}
BINARY = ("docx", "pdf", "xml", "kaitei-json")
FORMATS = ("auto",) + tuple(READERS)

# File name endings for ``auto``. JSX/TSX/Vue/PHP views and the like carry their terms as HTML-ish markup.
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsx": "html",
    ".tsx": "html",
    ".vue": "html",
    ".ctp": "html",
    ".php": "html",
    ".erb": "html",
    ".json": "json",
    ".docx": "docx",
    ".docm": "docx",
    ".dotx": "docx",
    ".dotm": "docx",
    ".doc": "docx",  # a legacy .doc gets the docx reader's message naming it
    ".pdf": "pdf",
    ".xml": "xml",
}


def detect(data: bytes, source: str) -> str:
    """The format of a file for ``auto``: by content signature first, then by name. kaitei's own JSON
    (an object with its top-level keys) is ``kaitei-json`` whatever its name; other JSON is ``json``."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and Path(source).suffix.lower() in ("", ".zip"):
        return "docx"
    from corpus.readers.kaitei_json import is_kaitei_json

    if is_kaitei_json(data):
        return "kaitei-json"
    fmt = SUFFIXES.get(Path(source).suffix.lower())
    if fmt:
        return fmt
    return "xml" if is_xml(data, source) else "text"


def read(
    path_or_bytes: str | os.PathLike[str] | bytes,
    fmt: str = "auto",
    *,
    source: str | None = None,
) -> Document:
    """Parse one document.

    ``path_or_bytes`` is a file path or the file's bytes; ``fmt`` is ``auto`` (see ``detect``)
    or one of ``READERS``. ``source`` names the document in the tree and in error messages;
    it defaults to the file's name (not its full path, so that output does not depend on
    where the file lies). Raises SourceError for input that cannot be read.
    """
    if fmt not in FORMATS:
        raise SourceError(f"unknown input format {fmt!r} (choose from {', '.join(FORMATS)})")
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        data = bytes(path_or_bytes)
        source = "-" if source is None else source
    else:
        data = read_bytes(path_or_bytes)
        source = Path(path_or_bytes).name if source is None else source
    if fmt == "auto":
        fmt = detect(data, source)
    module, function = READERS[fmt]
    parse = getattr(importlib.import_module(module), function)
    if fmt in BINARY:
        if not data.strip():
            raise SourceError(f"{source}: empty file (空のファイルです)")
        return parse(data, source=source)
    text, encoding = decode(data, source)
    doc = parse(text, source=source)
    doc.encoding = encoding
    return doc


__all__ = ["read", "detect", "SourceError", "FORMATS", "READERS"]
