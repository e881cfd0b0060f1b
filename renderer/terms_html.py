"""HTML writer for a document: the terms (or a law) as published, one self-contained page with print CSS.

The page prints renderer.terms_layout's blocks (anchors, hanging labels, links); templates/terms.html.j2
does the markup, and the PDF writer typesets the same page.
"""

from __future__ import annotations

from pathlib import Path

from corpus.model import Document
from renderer.templating import environment
from renderer.terms_layout import page_title, terms_blocks


def write_terms_html(doc: Document, *, links: bool = True, templates: Path | None = None, **extra) -> bytes:
    """The document as a UTF-8 HTML page (CSS inlined, nothing fetched); with ``links`` its references
    link to the provisions they cite. ``templates`` is a folder of template overrides; ``extra`` goes to
    the template as is (``dates``: lines printed under the title, ``meta``: PDF metadata by name)."""
    context = terms_context(doc, links=links) | {"dates": [], "meta": {}} | extra
    return environment(templates).get_template("terms.html.j2").render(**context).encode("utf-8")


def terms_context(doc: Document, *, links: bool = True) -> dict:
    """What the template shows: the page title and the printed blocks."""
    return {"title": page_title(doc), "blocks": terms_blocks(doc, links=links)}
