"""PDF writer for a comparison: the HTML 新旧対照表 typeset by WeasyPrint with its print CSS (A4 landscape);
renderer.pdf makes it byte-identical for the same input."""

from __future__ import annotations

from corpus.config import TableOptions
from diffing.compare import Comparison
from renderer.pdf import html_to_pdf
from renderer.table_html import write_table_html


def write_table_pdf(comparison: Comparison, options: TableOptions | None = None) -> bytes:
    """The comparison table as PDF bytes; ``options`` as for renderer.table_layout.table_context."""
    return html_to_pdf(write_table_html(comparison, options))
