"""PDF writer for a comparison: the HTML 現改比較表 typeset by WeasyPrint with its print CSS (A4 landscape).

Same input, same bytes: the page carries no creation date, and WeasyPrint derives the file
identifier and font subset names from the content. WeasyPrint is imported on first use.
"""

from __future__ import annotations

from diffing.compare import ELIDED, Comparison
from renderer.table_html import write_table_html


def write_table_pdf(
    comparison: Comparison,
    *,
    layout: str = "old-left",
    old_label: str | None = None,
    new_label: str | None = None,
    title: str | None = None,
    elision: str = ELIDED,
) -> bytes:
    """The comparison table as PDF bytes; options as for renderer.table_html.write_table_html."""
    import weasyprint

    html = write_table_html(
        comparison, layout=layout, old_label=old_label, new_label=new_label, title=title, elision=elision
    )
    # No base_url: the page is self-contained, nothing is fetched.
    return weasyprint.HTML(string=html.decode("utf-8")).write_pdf()
