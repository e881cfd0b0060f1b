"""Writers: ``write(doc, fmt)`` turns a Document, ``write_comparison(comparison, fmt)`` a comparison table,
into the bytes of one output format."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.model import Document
    from diffing.compare import Comparison

FORMATS = ("outline", "json", "xml")


def write(doc: Document, fmt: str) -> bytes:
    """``doc`` as ``outline``, ``json`` or ``xml`` (e-Gov 法令標準XML); writers load on first use."""
    if fmt == "outline":
        from renderer.outline import write_outline

        return write_outline(doc)
    if fmt == "json":
        from renderer.json import write_json

        return write_json(doc)
    if fmt == "xml":
        from renderer.egov_xml import write_egov_xml

        return write_egov_xml(doc)
    raise ValueError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")


TABLE_FORMATS = ("html", "pdf", "json")


def write_comparison(comparison: Comparison, fmt: str, **options: str | None) -> bytes:
    """The comparison table as ``html``, ``pdf`` or ``json``; options (layout, labels, title) for HTML/PDF."""
    if fmt == "json":
        from renderer.comparison_json import write_comparison_json

        return write_comparison_json(comparison)
    if fmt == "html":
        from renderer.table_html import write_table_html

        return write_table_html(comparison, **options)
    if fmt == "pdf":
        from renderer.table_pdf import write_table_pdf

        return write_table_pdf(comparison, **options)
    raise ValueError(f"unknown table format {fmt!r} (choose from {', '.join(TABLE_FORMATS)})")
