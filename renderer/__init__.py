"""Writers: ``write(doc, fmt)`` turns a Document into the bytes of one output format."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.model import Document

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
