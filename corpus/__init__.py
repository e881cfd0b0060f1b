"""Documents in: ``read()`` turns a file (plain text or e-Gov XML) into a Document tree."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.errors import SourceError
from corpus.source import decode, is_xml, read_bytes

if TYPE_CHECKING:
    from corpus.model import Document

FORMATS = ("auto", "text", "xml")


def read(
    path_or_bytes: str | os.PathLike[str] | bytes,
    fmt: str = "auto",
    *,
    source: str | None = None,
) -> Document:
    """Parse one document.

    ``path_or_bytes`` is a file path or the file's bytes; ``fmt`` is ``auto`` (``.xml`` or
    content opening with ``<?xml``/``<Law`` is e-Gov XML, anything else plain text), ``text``
    or ``xml``. ``source`` names the document in the tree and in error messages; it defaults
    to the file's name (not its full path, so that output does not depend on where the file
    lies). Raises SourceError for input that cannot be read.

    The readers are imported on first use, so reading plain text never loads lxml.
    """
    if fmt not in FORMATS:
        raise SourceError(f"unknown input format {fmt!r} (choose from {', '.join(FORMATS)})")
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        data = bytes(path_or_bytes)
        source = "-" if source is None else source
    else:
        data = read_bytes(path_or_bytes)
        source = Path(path_or_bytes).name if source is None else source
    if fmt == "xml" or (fmt == "auto" and is_xml(data, source)):
        if not data.strip():
            raise SourceError(f"{source}: empty file (空のファイルです)")
        from corpus.readers.egov_xml import parse_egov_xml

        return parse_egov_xml(data, source=source)

    text, encoding = decode(data, source)
    from corpus.readers.text import parse_text

    doc = parse_text(text, source=source)
    doc.encoding = encoding
    return doc


__all__ = ["read", "SourceError", "FORMATS"]
