"""HTML page → PDF bytes with WeasyPrint, the one way every PDF of kaitei is made.

Same input, same bytes: no file identifier, font subsets named from their content, and the
creation and modification dates only as the page states them (``<meta name="dcterms.created">``,
``dcterms.modified``; without them the PDF carries none). /Title comes from <title>, /Lang from
<html lang>. WeasyPrint is imported on first use; no base URL, so nothing is fetched.
"""

from __future__ import annotations

import functools

# WeasyPrint lays <ruby> out as plain inline text (較こう); as a two-row inline table the reading
# sits above its base, as printed (text-indent 0: a hanging line's negative indent is inherited into the
# table). Browsers lay ruby out themselves, so this is for PDF only.
RUBY_CSS = """
ruby { display: inline-table; vertical-align: text-bottom; line-height: 1; text-align: center; text-indent: 0; }
rt { display: table-header-group; font-size: 0.5em; line-height: 1; }
rp { display: none; }
"""


def html_to_pdf(html: str | bytes, *, variant: str | None = None) -> bytes:
    """The page typeset with its print CSS, tagged (headings, lists, table headers, running heads as
    artifacts: a screen reader can follow it); ``variant`` a WeasyPrint PDF variant ("pdf/ua-1" adds the
    conformance claim in XMP — not the default until a validator has checked the output)."""
    import weasyprint

    if isinstance(html, bytes):
        html = html.decode("utf-8")
    options = {"pdf_variant": variant} if variant else {}
    return weasyprint.HTML(string=html).write_pdf(
        stylesheets=[_ruby_css()], pdf_identifier=False, pdf_tags=True, **options
    )


@functools.cache
def _ruby_css():
    import weasyprint

    return weasyprint.CSS(string=RUBY_CSS)
