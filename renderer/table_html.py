"""HTML writer for a comparison: the 新旧対照表 as one self-contained page (CSS inlined, no fetches).

The page prints renderer.table_layout's rows; templates/table.html.j2 does the markup, and the PDF
writer typesets the same page.
"""

from __future__ import annotations

from pathlib import Path

from corpus.config import TableOptions
from diffing.compare import Comparison
from renderer.table_layout import table_context
from renderer.templating import environment


def write_table_html(
    comparison: Comparison,
    options: TableOptions | None = None,
    *,
    templates: Path | None = None,
    meta: dict | None = None,
    back: str = "",
) -> bytes:
    """The comparison table as a UTF-8 HTML page shaped by ``options``; ``templates`` a folder of template
    overrides, ``meta`` the PDF metadata by name (dcterms.created …), ``back`` a link to the page the table
    belongs to (a site's 改定履歴; not printed)."""
    context = table_context(comparison, options) | {"meta": meta or {}, "back": back}
    return environment(templates).get_template("table.html.j2").render(**context).encode("utf-8")
