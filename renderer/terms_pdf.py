"""PDF writer for a document: the HTML page of renderer.terms_html typeset by WeasyPrint with its print CSS
(A4 portrait, the title at the head of each page, 「- 3 -」 at the foot); renderer.pdf makes it
byte-identical for the same input."""

from __future__ import annotations

from corpus.model import Document
from renderer.pdf import html_to_pdf
from renderer.terms_html import write_terms_html


def write_terms_pdf(doc: Document, **extra) -> bytes:
    """The document as PDF bytes; ``extra`` as for write_terms_html (dates, meta, templates)."""
    # Without links: a reference printed as its own element could not be kept with the character before
    # it, and a wrapped line starting 「第24条」 would read back as an article.
    return html_to_pdf(write_terms_html(doc, links=False, **extra))
