"""Running text as HTML markup: escaped, line breaks as <br>, inline ruby as <ruby>, references as links,
label-like words kept on the line before them. The templates use it as the ``inline`` filter."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from renderer.terms_layout import LABEL_START, RUBY, UNPRINTABLE, Link


def inline(text: str, links: list[Link] | tuple = ()) -> Markup:
    """``text`` as HTML: escaped, line breaks as <br>, inline ruby as <ruby> elements, ``links``
    (offsets in ``text``) as <a href="#id">. A link overlapping a ruby is left out."""
    events = [(m.start(), m.end(), m) for m in RUBY.finditer(text)]
    rubies = [(start, end) for start, end, _ in events]
    events += [link for link in links if not any(s < link[1] and link[0] < e for s, e in rubies)]
    out, at = [], 0
    for start, end, what in sorted(events, key=lambda e: e[0]):
        if start < at:  # overlaps the previous one
            continue
        out.append(_plain(text[at:start]))
        if isinstance(what, re.Match):
            base, reading = (UNPRINTABLE.sub("", g) for g in what.groups())
            out.append(Markup("<ruby>{}<rp>（</rp><rt>{}</rt><rp>）</rp></ruby>").format(base, reading))
        else:
            out.append(Markup('<a href="#{}">{}</a>').format(what, _plain(text[start:end])))
        at = end
    out.append(_plain(text[at:]))
    return Markup("").join(out)


def _plain(text: str) -> Markup:
    """Running text without ruby or links, escaped, line breaks as <br>."""
    return Markup("<br>\n").join(_kept(line) for line in UNPRINTABLE.sub("", text).split("\n"))


def _kept(line: str) -> Markup:
    """One line of running text, escaped; a label-like word in it (第24条, (1), ※) kept on the line of the
    character before it, so that no wrapped line of the page starts like a provision. Only its first
    character is kept there: the less is glued, the nearer a line ends to the margin where it wraps."""
    out, at = [], 0
    for m in LABEL_START.finditer(line):
        out.append(escape(line[at:m.start()]))
        out.append(Markup('<span class="keep">{}</span>').format(m.group()))
        at = m.end()
    out.append(escape(line[at:]))
    return Markup("").join(out)
