"""PDF writer for a document: the HTML page of renderer.terms_html typeset by WeasyPrint with its print CSS
(A4 portrait, the title at the head of each page, 「- 3 -」 at the foot).

Same input, same bytes: the page carries no creation date (WeasyPrint writes /CreationDate and
/ModDate only from dcterms meta tags, which the page has none of), the file identifier is left
out, and font subset names are derived from the content. The PDF's /Title comes from <title>,
its /Lang from <html lang="ja">. WeasyPrint is imported on first use.
"""

from __future__ import annotations

import functools

from corpus.model import Document
from renderer.terms_html import write_terms_html

# WeasyPrint lays <ruby> out as plain inline text (較こう); as a two-row inline table the reading
# sits above its base, as printed (text-indent 0: a hanging line's negative indent is inherited into the
# table). Browsers lay ruby out themselves, so this is for the PDF only.
RUBY_CSS = """
ruby { display: inline-table; vertical-align: text-bottom; line-height: 1; text-align: center; text-indent: 0; }
rt { display: table-header-group; font-size: 0.5em; line-height: 1; }
rp { display: none; }
"""


def write_terms_pdf(doc: Document) -> bytes:
    """The document as PDF bytes."""
    import weasyprint

    # Without links: a reference printed as its own element could not be kept with the character before
    # it, and a wrapped line starting 「第24条」 would read back as an article.
    html = write_terms_html(doc, links=False).decode("utf-8")
    # No base_url: the page is self-contained, nothing is fetched.
    return weasyprint.HTML(string=html).write_pdf(stylesheets=[_ruby_css()], pdf_identifier=False)


@functools.cache
def _ruby_css():
    import weasyprint

    return weasyprint.CSS(string=RUBY_CSS)
