"""PDF writer for a comparison: the HTML 現改比較表 typeset by WeasyPrint with its print CSS (A4 landscape);
renderer.pdf makes it byte-identical for the same input."""

from __future__ import annotations

from diffing.compare import Comparison
from renderer.pdf import html_to_pdf
from renderer.table_html import write_table_html


def write_table_pdf(comparison: Comparison, **options) -> bytes:
    """The comparison table as PDF bytes; ``options`` as for renderer.table_html.write_table_html."""
    return html_to_pdf(write_table_html(comparison, **options))
