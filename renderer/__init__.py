"""Writers: ``write(doc, fmt)`` turns a Document, ``write_comparison(comparison, fmt)`` a comparison table,
into the bytes of one output format."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.model import Document
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


def _writer(table: dict[str, tuple[str, str]], fmt: str, what: str):
    if fmt not in table:
        raise ValueError(f"unknown {what} format {fmt!r} (choose from {', '.join(table)})")
    module, function = table[fmt]
    return getattr(importlib.import_module(module), function)


def write(doc: Document, fmt: str) -> bytes:
    """``doc`` as one of ``FORMATS`` (outline, JSON, e-Gov 法令標準XML, the terms as HTML, PDF or DOCX)."""
    return _writer(WRITERS, fmt, "output")(doc)


def write_comparison(comparison: Comparison, fmt: str, **options: str | None) -> bytes:
    """The comparison table as one of ``TABLE_FORMATS``; options (layout, labels, title, elision) shape the table."""
    if fmt == "json":
        return _writer(TABLE_WRITERS, fmt, "table")(comparison)
    return _writer(TABLE_WRITERS, fmt, "table")(comparison, **options)
