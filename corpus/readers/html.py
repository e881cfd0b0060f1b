"""HTML reader: a saved terms web page (or the markup of a JSX/Vue/PHP page source) into the tree.

The page is walked into the lines a browser shows, which the text reader's grammar and builder
(``corpus.readers.text.build``) then read, so that a page and its text give the same tree.
The walk, as a browser renders:

- block elements (p, div, h1–h6, li, tr …) start a line; ``<br>`` breaks one; p, headings,
  lists, tables and the like are paragraphs (a blank line between them), a div is not;
- white space collapses as in CSS: a run becomes one space, and a line break between two
  full-width characters (日本語 wrapped in the source) disappears; ``<pre>`` keeps its lines;
- list numbers are not in the text: the walk makes them as the browser does from ``<ol>``'s
  ``start``/``reversed``/``type``, ``<li value>`` and CSS ``list-style-type`` (inline style,
  simple rules of the page's ``<style>``, utility classes such as ``list-none``). The label
  is the marker as displayed: ``1.`` ``a.`` ``iv.`` ``A.`` for latin styles, ``一、`` ``ア、``
  for Japanese ones, ``•`` ``◦`` ``▪`` for bullets. Each ``<li>`` is handed over as a list
  item (``text.ListItem``), so its level comes from the list nesting, not from its label: a
  numbered list right under 第N条 gives its 項, a list after a sentence or inside an item
  gives 号 / 号の細分; more blocks of an ``<li>`` continue its text, or after a nested list
  go back into it. With ``list-style: none`` the items are plain lines (the number, if any,
  is in the text and the grammar reads it);
- ``<table>`` rows become TableRow/TableColumn with exactly their cells;
- h1–h6 carry their level (a heading without 条 becomes a Heading nested by level);
- a run of three or more lines that are nothing but in-page links (``<a href="#…">``) is a
  table of contents (TOC); a lone such line (「ページ上へ」) is page navigation and left out;
- not document text, left out: script, style, noscript, template, title, meta, svg, iframe …,
  hidden elements, comments, ruby readings (rt), ``<nav>``, and ``<header>``/``<footer>``
  that are the site's (outside main/article/section). What was left out that showed text
  is said in ``Document.notes``.

Parsing is safe: lxml's HTML parser, no network, no entities fetched. ``html_lines`` gives the
lines of an HTML fragment, for readers of formats that embed HTML (Markdown, JSON strings).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from corpus import numbers
from corpus.errors import SourceError
from corpus.model import Document
from corpus.readers.page_source import page_markup
from corpus.readers.text import Line, ListItem, build, classify

# ---------------------------------------------------------------------------------------------
# Elements

# Not document text: never walked into. (Not <head> as a whole: libxml2, an HTML 4 parser, puts
# HTML 5 elements that come before any body content there — <section> after a <script>.)
_DROPPED = frozenset((
    "script", "style", "noscript", "template", "title", "meta", "link", "base", "svg", "math",
    "iframe", "object", "embed", "canvas", "audio", "video", "picture", "select", "datalist", "rt", "rp",
    "input", "img", "area", "map", "param", "source", "track",
))
_LISTS = frozenset(("ol", "ul", "menu", "dir"))
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
# Elements that start and end a line.
_BLOCKS = frozenset((
    "html", "head", "body", "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "li", "main",
    "nav", "p", "pre", "section", "summary", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
    "legend", "search", "listing", "plaintext", "xmp", "frameset", "noframes",
)) | _LISTS | frozenset(_HEADINGS)
# Blocks with vertical margins: a paragraph break (blank line) before and after them.
_PARAGRAPHS = frozenset((
    "p", "blockquote", "pre", "table", "hr", "dl", "figure", "address", "fieldset", "details", "listing", "xmp",
)) | _LISTS | frozenset(_HEADINGS)
_PRE = frozenset(("pre", "listing", "xmp", "plaintext"))
# Page chrome: <nav> always; <header>/<footer> of the site, not of an article or the main content.
_CHROME_ROLES = frozenset(("navigation", "banner", "contentinfo"))
_CONTENT = frozenset(("main", "article", "section"))

# ---------------------------------------------------------------------------------------------
# List markers (CSS counter styles)

_LATIN = "abcdefghijklmnopqrstuvwxyz"
_HIRAGANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわゐゑをん"
_HIRAGANA_IROHA = "いろはにほへとちりぬるをわかよたれそつねならむうゐのおくやまけふこえてあさきゆめみしゑひもせす"
_KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヰヱヲン"
_KATAKANA_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"


def _alphabetic(digits: str):
    def fmt(n: int) -> str | None:
        if n < 1:
            return None
        out = ""
        while n:
            n, r = divmod(n - 1, len(digits))
            out = digits[r] + out
        return out
    return fmt


def _roman(n: int) -> str | None:
    return numbers.roman_numeral(n) if 0 < n < 4000 else None


def _fixed(digits: str):
    """Symbolic styles (アイウ…) that fall back to decimal past their last symbol, as browsers do."""
    return lambda n: digits[n - 1] if 1 <= n <= len(digits) else None


# style → (number formatter, suffix). A formatter returning None falls back to decimal.
_COUNTERS = {
    "decimal": (str, "."),
    "decimal-leading-zero": (lambda n: f"{n:02d}" if n >= 0 else f"-{-n:02d}", "."),
    "lower-alpha": (_alphabetic(_LATIN), "."),
    "lower-latin": (_alphabetic(_LATIN), "."),
    "upper-alpha": (_alphabetic(_LATIN.upper()), "."),
    "upper-latin": (_alphabetic(_LATIN.upper()), "."),
    "lower-roman": (_roman, "."),
    "upper-roman": (lambda n: (_roman(n) or "").upper() or None, "."),
    "cjk-decimal": (lambda n: str(n).translate(str.maketrans("0123456789", "〇一二三四五六七八九")) if n >= 0 else None, "、"),
    "cjk-ideographic": (lambda n: numbers.kanji(n) if n >= 0 else None, "、"),
    "japanese-informal": (lambda n: numbers.kanji(n) if n >= 0 else None, "、"),
    "hiragana": (_fixed(_HIRAGANA), "、"),
    "hiragana-iroha": (_fixed(_HIRAGANA_IROHA), "、"),
    "katakana": (_fixed(_KATAKANA), "、"),
    "katakana-iroha": (_fixed(_KATAKANA_IROHA), "、"),
}
_BULLETS = {"disc": "•", "circle": "◦", "square": "▪", "disclosure-open": "▾", "disclosure-closed": "▸"}
# The ``type`` attribute: numbering types of <ol> (case matters), bullet types of <ul>; an <li> takes both.
_OL_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
_UL_TYPES = {"disc": "disc", "circle": "circle", "square": "square", "none": "none"}
# Utility classes that set the list style (Tailwind, Bootstrap).
_CLASS_STYLES = {"list-none": "none", "list-unstyled": "none", "list-disc": "disc", "list-decimal": "decimal"}
_CLASS_ARBITRARY = re.compile(r"list-\[([a-z-]+)\]")
_STRING_STYLE = re.compile(r"""^(["'])(.*)\1$""", re.S)


def _marker(style: str, n: int) -> str:
    """The marker a browser shows for item ``n`` in a list of ``style`` ("" for none)."""
    if style == "none":
        return ""
    if style in _BULLETS:
        return _BULLETS[style]
    if style.startswith("string:"):
        return style[7:].strip()
    fmt, suffix = _COUNTERS.get(style, _COUNTERS["decimal"])
    shown = fmt(n)
    if shown is None:
        shown, suffix = str(n), "."
    return shown + suffix


def _numbered(style: str) -> bool:
    return style in _COUNTERS or (style not in _BULLETS and style != "none" and not style.startswith("string:"))


# ---------------------------------------------------------------------------------------------
# CSS: only what decides list markers and visibility

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CSS_DECLARATION = re.compile(r"([a-z-]+)\s*:\s*([^;]+)", re.I)
_COMPOUND = re.compile(r"([a-z0-9*-]*)((?:[.#][\w-]+)*)", re.I)


def _declarations(css: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2).strip() for m in _CSS_DECLARATION.finditer(css)}


def _list_style(decls: dict[str, str]) -> str | None:
    """The list-style-type that ``list-style-type`` or the ``list-style`` shorthand sets, or None."""
    value = decls.get("list-style-type")
    shorthand = value is None
    if value is None:
        value = decls.get("list-style")
        if value is None:
            return None
    value = re.sub(r"\s*!important\s*$", "", value).strip()
    string = _STRING_STYLE.match(value)
    if string:
        return "string:" + string.group(2)
    words = re.sub(r"url\([^)]*\)", " ", value).lower().split()
    for word in words:
        if word in _COUNTERS or word in _BULLETS or word == "none":
            return word
    if shorthand:  # 「list-style: inside」 resets the type to its initial value
        return "disc" if words else None
    return words[0] if words else None


def _hidden(decls: dict[str, str]) -> bool:
    return decls.get("display", "").lower().startswith("none") or decls.get("visibility", "").lower().startswith("hidden")


@dataclass(slots=True)
class _Rule:
    """A style rule reduced to its last compound selector (``.terms ol`` → ``ol``)."""

    tag: str
    classes: frozenset[str]
    id: str
    list_style: str | None
    hidden: bool

    def matches(self, el: etree._Element) -> bool:
        if self.tag not in ("", "*") and self.tag != el.tag:
            return False
        if self.id and el.get("id") != self.id:
            return False
        return self.classes <= frozenset(el.get("class", "").split())


def _style_rules(root: etree._Element) -> list[_Rule]:
    """Rules of the page's ``<style>`` elements that set a list style or hide elements.

    Simple on purpose: a selector counts by its last compound (tag, .class, #id), media queries
    apply always, pseudo-classes and attribute selectors are skipped.
    """
    rules: list[_Rule] = []
    for style in root.iter("style"):
        css = _CSS_COMMENT.sub("", style.text or "")
        for m in _CSS_RULE.finditer(css):
            decls = _declarations(m.group(2))
            list_style, hidden = _list_style(decls), _hidden(decls)
            if list_style is None and not hidden:
                continue
            for selector in m.group(1).split(","):
                selector = selector.strip()
                if not selector or any(c in selector for c in ":[@"):
                    continue
                last = re.split(r"[\s>+~]+", selector)[-1]
                c = _COMPOUND.fullmatch(last)
                if c is None:
                    continue
                parts = re.findall(r"([.#])([\w-]+)", c.group(2))
                rules.append(_Rule(
                    c.group(1).lower(),
                    frozenset(v for k, v in parts if k == "."),
                    next((v for k, v in parts if k == "#"), ""),
                    list_style,
                    hidden,
                ))
    return rules


# ---------------------------------------------------------------------------------------------
# The walk

_WS = re.compile(r"[ \t\n\r\f]+")  # collapsible white space (not U+3000, not &nbsp;)
_NOTE_CHROME = "site navigation, header or footer left out (サイトのナビゲーション・ヘッダー・フッターは読み込んでいません)"
_NOTE_LINKS = "in-page navigation links left out (ページ内リンクだけの行は読み込んでいません)"
_NOTE_RUBY = "ruby readings left out (ルビは読み込んでいません)"
NOTE_NO_PROVISIONS = "no articles or numbered sections found (条項が見つかりません)"


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "FWH" and not ("\u1100" <= ch <= "\u11ff" or "\uac00" <= ch <= "\ud7af")


def _collapse(s: str) -> str:
    """CSS white-space collapsing: a run is one space; a run with a line break between two
    full-width characters (CJK text wrapped in the source) is nothing."""
    if "\n" not in s:
        return _WS.sub(" ", s)

    def one(m: re.Match[str]) -> str:
        if "\n" in m.group() and 0 < m.start() and m.end() < len(s) and _wide(s[m.start() - 1]) and _wide(s[m.end()]):
            return ""
        return " "

    return _WS.sub(one, s)


@dataclass(slots=True)
class _Raw:
    """A line of the page before classification."""

    no: int
    text: str
    blank: bool = False
    indent: int = 0
    outline: int = 0
    item: ListItem | None = None
    cells: list[str] | None = None
    link_only: bool = False  # nothing but in-page links (a TOC entry, 「ページ上へ」)
    within: str = ""  # back in an open list item after its sublist (``Line.within``)


@dataclass(slots=True)
class _List:
    id: str
    style: str
    next: int
    step: int
    nested: bool


@dataclass(slots=True)
class _Li:
    list: str  # its list's identity when it has a marker (is a list item of the tree), else ""
    started: bool = False  # its first line is out: more lines continue it
    sublist: bool = False  # a list nested in it has ended: more lines go back into the item (``within``)
    resumed: int = 0  # lists closed early by the parser that it reopens until it ends (``_Walker._resumed``)


@dataclass(slots=True)
class _Walker:
    """DOM → lines. ``flat`` (inside a table cell): lists are written into the text, no tables."""

    rules: list[_Rule]
    notes: set[str]
    ids: itertools.count
    flat: bool = False
    depth: int = 0  # lists open around the walked element (a table cell's walker)
    lines: list[_Raw] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    no: int = 1  # current source line
    start: int = 0  # source line where the current line's text starts
    linked: bool = False  # the current line has text inside in-page links
    unlinked: bool = False  # … and outside them
    links: int = 0  # open in-page links
    blank: bool = False  # a paragraph break before the next line
    outline: int = 0  # heading level of the next line
    item: ListItem | None = None  # the list item the next line opens
    lists: list[_List] = field(default_factory=list)
    items: list[_Li] = field(default_factory=list)  # open <li>s
    pre: int = 0
    early: bool = False  # the parser closed lists before their end tags (it found </ol> or </ul> unexpected)
    ended: dict[etree._Element, _List] = field(default_factory=dict)  # closed lists, kept when ``early``

    # -- text ------------------------------------------------------------------------------------
    def text(self, s: str | None) -> None:
        if not s:
            return
        if self.pre:
            first, *rest = s.split("\n")
            self._text(first)
            for piece in rest:
                self.no += 1
                if not self.parts and not self.item:
                    self.blank = True  # an empty line in <pre>
                self.flush()
                self._text(piece)
            return
        self._text(s)

    def _text(self, s: str) -> None:
        if not s:
            return
        stripped = s.lstrip()
        if stripped:
            if not (self.linked or self.unlinked):
                self.start = self.no + s[: len(s) - len(stripped)].count("\n")
            if self.links:
                self.linked = True
            else:
                self.unlinked = True
        self.parts.append(s)
        self.no += s.count("\n")

    def flush(self) -> None:
        """End the current line."""
        if not self.parts:
            return
        raw = "".join(self.parts)
        self.parts.clear()
        text = raw if self.pre else _collapse(raw)
        body = text.strip()
        if body:
            # Indent as a reader sees it: <pre> keeps its spaces; elsewhere only 「　」 and &nbsp; show.
            indent = len(text) - len(text.lstrip()) if self.pre else len(text.lstrip(" ")) - len(text.lstrip())
            self._emit(_Raw(self.start or self.no, body, indent=indent, link_only=not self.unlinked))
        self.linked = self.unlinked = False
        self.start = 0

    def _emit(self, raw: _Raw) -> None:
        li = self.items[-1] if self.items else None
        raw.blank = self.blank and not (li and li.started)  # more of an item does not start a paragraph
        if self.item is not None and raw.cells is None:
            item, self.item = self.item, None
            if self.flat:
                raw.text = f"{item.label} {raw.text}".strip()
            else:
                raw.item = item
                raw.blank = False
            li.started = True
        elif li and li.sublist and li.list and not self.flat:
            raw.within = li.list
        if self.outline and raw.cells is None:
            raw.outline, self.outline = self.outline, 0
        self.blank = False
        self.lines.append(raw)

    def _open_item(self) -> None:
        """An item with no text before its nested list or its end: its marker on a line of its own."""
        if self.item is not None:
            self._emit(_Raw(self.no, ""))

    # -- elements --------------------------------------------------------------------------------
    def walk(self, root: etree._Element) -> None:
        """``root``'s text and descendants (not its tail), iteratively (pages nest deep)."""
        self.no = root.sourceline or self.no
        self.text(root.text)
        stack = [(root, iter(root))]
        while stack:
            el, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if stack:
                    self.close(el)
                    self.text(el.tail)
                continue
            if self.open(child):
                stack.append((child, iter(child)))
            else:
                self.text(child.tail)

    def open(self, el: etree._Element) -> bool:
        """Start an element; False when its content is not walked (dropped, a table, a <br>)."""
        tag = el.tag
        if not isinstance(tag, str):  # comment, processing instruction
            return False
        self.no = el.sourceline or self.no
        if self._dropped(el):
            return False
        if tag == "br":
            self.flush()
            return False
        if tag == "table" and not self.flat:
            self.flush()
            self._open_item()
            self.table(el)
            return False
        if tag in _BLOCKS:
            self.flush()
            if tag in _LISTS or tag == "li":
                self._open_item()
            if tag in _PARAGRAPHS and not (tag in _LISTS and self.lists):
                self.blank = True
            if tag in _HEADINGS and not self.flat:
                self.outline = _HEADINGS[tag]
            if tag in _PRE:
                self.pre += 1
            if tag in _LISTS:
                self._open_list(el)
            elif tag == "li":
                self._open_li(el)
        elif tag == "a" and el.get("href", "").startswith("#"):
            self.links += 1
        self.text(el.text)
        return True

    def close(self, el: etree._Element) -> None:
        tag = el.tag
        if tag in _BLOCKS:
            self.flush()
            if tag == "li":
                self._open_item()
                li = self.items.pop()
                if li.resumed:
                    del self.lists[-li.resumed:]
            elif tag in _LISTS:
                lst = self.lists.pop()
                if self.early:
                    self.ended[el] = lst
                if self.items:
                    self.items[-1].sublist = True
            if tag in _PRE:
                self.pre -= 1
            if tag in _PARAGRAPHS and not (tag in _LISTS and self.lists):
                self.blank = True
            if tag in _HEADINGS:
                self.outline = 0
        elif tag == "a" and el.get("href", "").startswith("#"):
            self.links -= 1

    def _dropped(self, el: etree._Element) -> bool:
        tag = el.tag
        if tag in _DROPPED:
            if tag in ("rt", "rp") and (el.text or "").strip():
                self.notes.add(_NOTE_RUBY)
            return True
        if el.get("hidden") is not None:
            return True
        style = el.get("style")
        if style and _hidden(_declarations(style)):
            return True
        if any(r.hidden and r.matches(el) for r in self.rules):
            return True
        role = el.get("role", "")
        if tag == "nav" or role == "navigation" or (
            (tag in ("header", "footer") or role in _CHROME_ROLES)
            and not any(a.tag in _CONTENT for a in el.iterancestors())
        ):
            if "".join(el.itertext()).strip():
                self.notes.add(_NOTE_CHROME)
            return True
        return False

    # -- lists -----------------------------------------------------------------------------------
    def _style(self, el: etree._Element) -> str | None:
        """The list-style-type set on ``el``: inline style, then style rules and classes, then ``type``."""
        style = el.get("style")
        if style:
            found = _list_style(_declarations(style))
            if found:
                return found
        found = None
        for cls in el.get("class", "").split():
            arbitrary = _CLASS_ARBITRARY.fullmatch(cls)
            found = _CLASS_STYLES.get(cls) or (arbitrary.group(1) if arbitrary else None) or found
        for rule in self.rules:
            if rule.list_style and rule.matches(el):
                found = rule.list_style
        if found:
            return found
        kind = (el.get("type") or "").strip()
        return (_OL_TYPES.get(kind) if el.tag in ("ol", "li") else None) or (
            _UL_TYPES.get(kind.lower()) if el.tag != "ol" else None)

    def _open_list(self, el: etree._Element) -> None:
        style = self._style(el)
        if style is None:
            if el.tag == "ol":
                style = "decimal"
            else:  # nested bullets: disc, circle, square
                style = ("disc", "circle", "square")[min(self.depth + len(self.lists), 2)]
        step, start = 1, 1
        if el.tag == "ol":
            if el.get("reversed") is not None:
                step = -1
                start = sum(1 for li in el.iter("li") if next(li.iterancestors(*_LISTS), None) is el)
            start = _int(el.get("start"), start)
        self.lists.append(_List(f"html{next(self.ids)}", style, start, step, nested=bool(self.lists)))

    def _open_li(self, el: etree._Element) -> None:
        resumed = self._resumed(el) if self.early and not self.lists else []
        self.lists += resumed
        if self.lists:  # the innermost open list (lists are only open around their content)
            lst = self.lists[-1]
        else:  # an <li> outside any list: a bulleted list of its own
            lst = _List(f"html{next(self.ids)}", "disc", 1, 1, nested=False)
        n = _int(el.get("value"), lst.next)
        lst.next = n + lst.step
        style = self._style(el) or lst.style
        label = _marker(style, n)
        self.items.append(_Li(lst.id if label else "", resumed=len(resumed)))
        if label:
            self.item = ListItem(lst.id, n, label, ordered=_numbered(style), nested=lst.nested)

    def _resumed(self, el: etree._Element) -> list[_List]:
        """The lists, outermost first, that an ``<li>`` outside any list still belongs to in a browser.

        libxml2, an HTML 4 parser, lets a misnested end tag close everything up to the element it
        matches: in ``<h2><ol><li><h2><p>…</p></h2></li><li>…</li></ol></h2>`` the ``<p>`` ends the inner
        h2, so the ``</h2>`` ends the outer one and the list in it, and the second ``<li>`` lands after
        the h2, outside the list (the list's own end tag is then unexpected: ``early``). A browser
        keeps it in the list. Such an item continues the lists that were the last thing to end in
        the element before it (items continued so far skipped): their numbering, style and level.
        Which of several nested lists closed at once it belonged to is not in libxml2's tree; it is
        taken to be the innermost.
        """
        before = el.getprevious()
        while before is not None and (not isinstance(before.tag, str) or before.tag == "li"):
            before = before.getprevious()
        chain = []
        while before is not None:
            if before in self.ended:
                chain.append(self.ended[before])
            before = next((c for c in reversed(before) if isinstance(c.tag, str)), None)
        return chain

    # -- tables ----------------------------------------------------------------------------------
    def table(self, el: etree._Element) -> None:
        """Rows with exactly their cells; a caption and stray text as lines of their own."""
        self.blank = True
        caption = el.find("caption")
        if caption is not None:
            self.walk(caption)
            self.flush()
            self.blank = True
        for tr in el.iter("tr"):
            if next(tr.iterancestors("table"), None) is not el:
                continue
            cells = []
            for cell in tr:
                if isinstance(cell.tag, str) and cell.tag in ("td", "th") and not self._dropped(cell):
                    sub = _Walker(self.rules, self.notes, self.ids, flat=True, depth=self.depth + len(self.lists),
                                  early=self.early)
                    sub.walk(cell)
                    sub.flush()
                    cells.append("\n".join(line.text for line in sub.lines))
                elif isinstance(cell.tag, str) and (cell.text or "").strip():
                    cells.append(_collapse("".join(cell.itertext())).strip())
                if (cell.tail or "").strip():
                    cells.append(_collapse(cell.tail).strip())
            if (tr.text or "").strip():
                cells.insert(0, _collapse(tr.text).strip())
            self._emit(_Raw(tr.sourceline or self.no, "\t".join(cells), cells=cells))
        stray = [el.text] + [c.tail for c in el]
        stray += [s for part in el if part.tag in ("thead", "tbody", "tfoot") for s in [part.text] + [r.tail for r in part]]
        text = _collapse(" ".join(s for s in stray if s and s.strip())).strip()
        if text:
            self.blank = True
            self._emit(_Raw(el.sourceline or self.no, text))
        self.blank = True


def _int(value: str | None, default: int) -> int:
    try:
        return int(value.strip()) if value is not None else default
    except ValueError:
        return default


# ---------------------------------------------------------------------------------------------
# Lines

def _navigation(raws: list[_Raw], notes: set[str]) -> list[Line]:
    """Classified lines; runs of in-page links become a TOC, a lone one is left out."""
    out: list[Line] = []
    i = 0
    blank_next = False
    while i < len(raws):
        raw = raws[i]
        if raw.link_only and raw.cells is None and raw.text:
            j = i
            while j < len(raws) and raws[j].link_only and raws[j].cells is None and raws[j].text:
                j += 1
            if j - i >= 3:
                out.append(Line(raw.no, "", name="toc"))
                out.extend(Line(r.no, r.text, indent=r.indent) for r in raws[i:j])
            else:
                notes.add(_NOTE_LINKS)
            blank_next = True
            i = j
            continue
        line = _line(raw)
        line.blank_before = line.blank_before or blank_next
        blank_next = False
        out.append(line)
        i += 1
    return out


def _line(raw: _Raw) -> Line:
    if raw.cells is not None:
        return Line(raw.no, raw.text, name="cells", cells=raw.cells, blank_before=raw.blank)
    if raw.item is not None:  # placed by its list; a name no lookahead of the builder takes for prose
        return Line(raw.no, raw.text, name="listed", item=raw.item)
    name, match = classify(raw.text) if raw.text else ("prose", None)
    return Line(raw.no, raw.text, indent=raw.indent, name=name, match=match, blank_before=raw.blank, outline=raw.outline,
                within=raw.within)


def _parse(markup: str) -> tuple[etree._Element, bool]:
    """The DOM of a page, and whether libxml2 closed a list before its end tag (``_Walker.early``);
    SourceError when libxml2 gives up on it (elements nested over 2048 deep)."""
    parser = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True, no_network=True)
    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except etree.ParserError:  # nothing but white space or comments
        return lxml_html.document_fromstring(b"<html></html>", parser=parser), False
    fatal = [e for e in parser.error_log if e.level == etree.ErrorLevels.FATAL]
    if fatal:
        e = fatal[0]
        what = "elements nested more than 2048 deep" if "depth" in e.message else e.message.strip()
        raise SourceError(f"cannot read the HTML at line {e.line}: {what} (HTMLを読み込めません)")
    stray = {f"Unexpected end tag : {tag}" for tag in _LISTS}  # the end tag of a list libxml2 had closed
    return root, any(e.message.strip() in stray for e in parser.error_log)


def html_lines(markup: str, *, first_line: int = 1, notes: set[str] | None = None) -> list[Line]:
    """The lines a browser shows for an HTML page or fragment, classified for ``text.build``.

    ``first_line`` is the source line of the markup's first line (for a fragment embedded in
    another file); ``notes`` collects what was left out (site chrome, ruby, in-page links).
    """
    notes = set() if notes is None else notes
    root, early = _parse(markup.replace("\r\n", "\n").replace("\r", "\n"))
    walker = _Walker(_style_rules(root), notes, itertools.count(1), early=early)
    walker.walk(root)
    walker.flush()
    lines = _navigation(walker.lines, notes)
    if first_line != 1:
        for line in lines:
            line.no += first_line - 1
    return lines


def parse_html(text: str, *, source: str = "") -> Document:
    """Read an HTML page, or a JSX/TSX/Vue/PHP/ERB page source (by ``source``'s suffix), into a Document."""
    name = source or "input"
    if "\x00" in text:
        raise SourceError(f"{name}: binary file (NUL bytes) — not an HTML page (HTMLではありません)")
    markup = page_markup(text, source)
    notes: set[str] = set()
    try:
        lines = html_lines(markup.html, notes=notes)
    except SourceError as e:
        raise SourceError(f"{name}: {e}") from None
    if not lines:
        raise SourceError(
            f"{name}: no text to read: the page shows none (filled in by JavaScript?) or its markup was not"
            " found (本文がありません)"
        )
    doc = build(lines, source=source)
    doc.notes.extend(markup.notes + sorted(notes))
    if not has_provisions(doc):
        doc.notes.append(NOTE_NO_PROVISIONS)
    return doc


def has_provisions(doc: Document) -> bool:
    """Whether a document has articles (条) or numbered sections: what a terms document is made of."""
    return any(n.kind == "Article" or (n.kind == "Heading" and n.num) for n in doc.walk())
