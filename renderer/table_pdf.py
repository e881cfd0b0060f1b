"""PDF writer for a comparison: the HTML 現改比較表 typeset by WeasyPrint with its print CSS (A4 landscape).

Same input, same bytes: the page carries no creation date, and WeasyPrint derives the file
identifier and font subset names from the content. WeasyPrint is imported on first use.
"""

from __future__ import annotations

from diffing.compare import Comparison
from renderer.table_html import write_table_html


def write_table_pdf(comparison: Comparison, **options) -> bytes:
    """The comparison table as PDF bytes; ``options`` as for renderer.table_html.table_context."""
    import weasyprint

    html = write_table_html(comparison, **options)
    # No base_url: the page is self-contained, nothing is fetched.
    return weasyprint.HTML(string=html.decode("utf-8")).write_pdf()
