"""Writers: ``write(doc, fmt)`` turns a Document, ``write(comparison, fmt, options)`` a comparison's
新旧対照表, into the bytes of one output format."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from corpus.model import Document

if TYPE_CHECKING:
    from corpus.config import TableOptions
    from diffing.compare import Comparison

# Each format's writer (module, function), imported on first use.
WRITERS = {
    "outline": ("renderer.outline", "write_outline"),
    "json": ("renderer.json", "write_json"),
    "xml": ("renderer.egov_xml", "write_egov_xml"),
    "html": ("renderer.terms_html", "write_terms_html"),
    "pdf": ("renderer.terms_pdf", "write_terms_pdf"),
    "docx": ("renderer.terms_docx", "write_terms_docx"),
}
FORMATS = tuple(WRITERS)

TABLE_WRITERS = {
    "html": ("renderer.table_html", "write_table_html"),
    "pdf": ("renderer.table_pdf", "write_table_pdf"),
    "json": ("renderer.comparison_json", "write_comparison_json"),
    "docx": ("renderer.table_docx", "write_table_docx"),
    "xlsx": ("renderer.table_xlsx", "write_table_xlsx"),
}
TABLE_FORMATS = tuple(TABLE_WRITERS)


def write(what: Document | Comparison, fmt: str, options: TableOptions | None = None) -> bytes:
    """A Document as one of ``FORMATS`` (outline, JSON, e-Gov 法令標準XML, the terms as HTML, PDF or DOCX),
    or a Comparison as its table in one of ``TABLE_FORMATS``, shaped by ``options`` (layout, column
    headers, title, elision; the JSON of a comparison is data and takes none). ValueError for an
    unknown format."""
    if isinstance(what, Document):
        return _writer(WRITERS, fmt, "output")(what)
    writer = _writer(TABLE_WRITERS, fmt, "table")
    return writer(what) if fmt == "json" else writer(what, options)


def _writer(table: dict[str, tuple[str, str]], fmt: str, what: str):
    if fmt not in table:
        raise ValueError(f"unknown {what} format {fmt!r} (choose from {', '.join(table)})")
    module, function = table[fmt]
    return getattr(importlib.import_module(module), function)
