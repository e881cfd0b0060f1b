"""Markdown reader: terms documents kept as Markdown (GitHub pages, Jekyll sites), read with the plain-text grammar.

A line-based pre-pass takes Markdown's syntax off each line into ``markup`` and hands the clean
lines to the text reader's builder (``corpus.readers.text.build``) with what the syntax says —
heading levels (``Line.outline``), list items (``Line.item``), table cells (``Line.cells``) — so
that the same words give the same tree as in plain text, HTML or DOCX. Decisions:

- Markup, not text: 「#」, list markers, 「>」, emphasis (「**」「*」「__」「~~」), code ticks, 「\\」 escapes,
  link brackets, HTML tags and comments, table pipes and the 「|---|」 row, 「---」 rules, code fences,
  Liquid tags, link definitions and YAML front matter (Jekyll). Each goes to the ``markup`` of the
  node its line becomes (a line of syntax only, to the next line's node), so nothing is lost.
- A link keeps its target in the text, as a printed copy of the page would show it:
  「[利用規約](https://…)」 reads 「利用規約(https://…)」, and ``<a href>`` alike, so that a page moving
  from one link syntax to the other does not change; a link whose text is its target reads once.
  ``<br>`` is a line break; HTML entities are the characters they stand for.
- Numbers are the author's: an ordered list written 「1. 2. 5.」 gives 1, 2, 5, as the text says,
  although Markdown would render 1, 2, 3. Only a lazily numbered list — every item the same
  number, 「1. 1. 1.」 — takes the numbers Markdown renders (1, 2, 3); its labels are then the
  rendered ones (「2.」) and the written 「1.」 is markup.
- A bullet's label is 「•」, what a reader sees (as the HTML reader gives ``<ul>``); the written 「-」
  「*」「+」 is markup. A bullet whose text starts with a label of its own (「- (1) …」「- ア …」) is a 号
  placed by that label, as in plain text.
- Lists are placed by their nesting, not by their labels (text.build's ``listed``): an ordered
  list that opens an article gives its 項, one after a paragraph (「次の各号…」) that paragraph's 号,
  nested lists 号 and 号の細分. An ordered list interrupted only by bullets at the same depth goes
  on after them: 「1. 2.」, bullets, 「1.」 is the article's next 項 (numbered 1, as written).
- Lines are lines, as in plain text, although Markdown joins a paragraph's lines into one:
  documents written in Markdown put one sentence, item or signature line on a line and mean it
  (a Word export without list markers, a signature block). A line continues the one before where
  plain text's rules say so: the next line of a 号 or of a labelled 項 (「議決\\n権と」 under 「### 第2項」).
- A heading that starts no provision is a Heading nested by its level; the first level-1 heading
  before any provision is the Title. After a caption heading (「### （目的）」) comes its article,
  and under a 項 heading (「### 第1項」) the paragraphs are that 項's text, blank lines notwithstanding.
- Raw HTML in the Markdown (a Jekyll page's body) is read here, line by line: tags are markup,
  ``<h1>``–``<h6>`` are headings and ``<li>`` the items of their ``<ul>``/``<ol>``.
- There are no indented code blocks: a terms document indents for layout (「    １　…」 under
  第２条 is its 号, as in plain text). Fenced code is kept line by line as text (a signature block).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from corpus.model import Document
from corpus.readers.text import Line, ListItem, build, classify

# ---------------------------------------------------------------------------
# The Markdown block syntax: one named pattern per kind of line, tried in order on
# the line without its indentation and block-quote markers; each has a method below.
# ---------------------------------------------------------------------------

BLOCKS: list[tuple[str, re.Pattern[str]]] = [
    ("fence", re.compile(r"(?P<fence>`{3,}|~{3,})[^`]*")),
    ("heading", re.compile(r"(?P<marks>#{1,6})(?:[ \t]+(?P<rest>.*?))?(?:[ \t]+(?P<closing>#+))?[ \t]*")),
    ("setext", re.compile(r"(?P<marks>=+|-+)[ \t]*")),  # under a line of text: that line is a heading
    ("rule", re.compile(r"(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}")),
    ("delimiter", re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?")),  # 「|---|---|」
    ("bullet", re.compile(r"(?P<marker>[-*+])(?:[ \t]+(?P<rest>.*))?")),
    ("ordered", re.compile(r"(?P<marker>(?P<n>[0-9]{1,9})[.)])(?:[ \t]+(?P<rest>.*))?")),
    ("definition", re.compile(r"\[[^\[\]]+\]:[ \t]*\S+.*")),  # a link reference definition
    ("text", re.compile(r".*")),
]
_DELIMITER = dict(BLOCKS)["delimiter"]
# A line that opens a block of raw HTML (up to the next blank line), and a block quote's marker.
_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|center|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|footer|"
    "form|h[1-6]|head|header|hr|html|li|main|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul"
)
HTML_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})(?:[\s/>].*)?", re.I)
QUOTE = re.compile(r">[ \t]?")

# Inline syntax, left to right; at each place the first alternative that matches wins.
INLINE = re.compile("|".join((
    r"(?P<escape>\\(?P<escaped>[!-/:-@\[-`{-~]))",
    r"(?P<code>(?P<ticks>`+)(?P<code_text>.+?)(?P=ticks))",
    r"(?P<autolink><(?P<url>(?:https?|ftp)://[^<>\s]+|mailto:[^<>\s]+)>)",
    r"(?P<link>(?P<bang>!?)\[(?P<link_text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\((?P<href><[^<>]*>|(?:[^()\s]|\([^()\s]*\))*)(?P<title>\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*\))",
    r"(?P<ref_link>\[(?P<ref_text>[^\[\]]+)\]\[(?P<ref>[^\[\]]*)\])",
    r"(?P<a>(?P<a_open><a\s[^<>]*?href\s*=\s*(?P<q>[\"'])(?P<a_href>.*?)(?P=q)[^<>]*>)(?P<a_text>.*?)(?P<a_close></a\s*>))",
    r"(?P<comment><!--.*?-->)",
    r"(?P<tag></?(?P<tag_name>[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>)",
    r"(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
    r"(?P<liquid>\{%.*?%\}|\{\{.*?\}\})",
    r"(?P<strong>(?P<s>\*\*|(?<![0-9A-Za-z])__)(?=\S)(?P<strong_text>.+?)(?<=\S)(?P=s))",
    r"(?P<em>(?P<e>\*|(?<![0-9A-Za-z])_)(?=[^\s*_])(?P<em_text>.+?)(?<=[^\s*_])(?P=e))",
    r"(?P<strike>~~(?=\S)(?P<strike_text>.+?)(?<=\S)~~)",
)))

_FRONT_MATTER_LINE = re.compile(r"[ \t]*(?:#.*|[\w\"'.-][^:]*:.*|-[ \t].*|[ \t].*)?")
_HTML_TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
_HTML_BLOCK_TAG = re.compile(rf"{_BLOCK_TAGS}|br", re.I)
_HTML_HEADING = re.compile(r"h(?P<level>[1-6])", re.I)
_PIPE = re.compile(r"(?<!\\)\|")
# Grammar classes of a bullet's text that place the line themselves: a 号 label of its own (「- (1) …」),
# or a closing line (「- 令和5年4月24日改訂」 under the last article is no 号 of it).
_PLACED = ("item_paren", "item_circled", "item_kanji", "item_paren_roman", "item_paren_kata", "item_paren_latin", "item_kata",
           "date_line", "ijou")


def inline(s: str) -> tuple[str, list[str]]:
    """A line's text with its inline syntax taken off, and that syntax in source order."""
    text: list[str] = []
    markup: list[str] = []
    at = 0
    for m in INLINE.finditer(s):
        text.append(s[at:m.start()])
        at = m.end()
        kind = m.lastgroup
        if kind == "escape":
            text.append(m["escaped"])
            markup.append("\\")
        elif kind == "code":
            text.append(m["code_text"])
            markup.append(m["ticks"] * 2)
        elif kind == "autolink":
            text.append(m["url"])
            markup.append("<>")
        elif kind in ("link", "a"):
            words, syntax = inline(m["link_text"] if kind == "link" else m["a_text"])
            url = m["href"].strip("<>") if kind == "link" else m["a_href"]
            once = not words or not url or words == url  # the target is said once
            text.append((words or url) if once else f"{words}({url})")
            if kind == "link":
                target = f"({m['href']})" if once and words else ("()" if once else "<>" if m["href"][:1] == "<" else "")
                markup.extend([m["bang"] + "[", *syntax, "]" + target + (m["title"] or "")])
            else:
                markup.extend([m["a_open"].replace(url, "", 1) if not once or not words else m["a_open"], *syntax, m["a_close"]])
        elif kind == "ref_link":
            words, syntax = inline(m["ref_text"])
            text.append(words)
            markup.extend(["[", *syntax, f"][{m['ref']}]"])
        elif kind == "tag":
            markup.append(m["tag"])
            if m["tag_name"].lower() == "br":
                text.append("\n")
        elif kind == "entity":
            char = html.unescape(m["entity"])
            text.append(char)
            if char != m["entity"]:
                markup.append(m["entity"])
        elif kind in ("comment", "liquid"):
            markup.append(m[kind])
        else:  # strong, em, strike: the words inside are text
            delimiter = {"strong": m["s"], "em": m["e"], "strike": "~~"}[kind]
            words, syntax = inline(m[f"{kind}_text"])
            text.append(words)
            markup.extend([delimiter, *syntax, delimiter])
    text.append(s[at:])
    return "".join(text), markup


def _indentation(s: str, start: int = 0) -> tuple[int, str]:
    """The column a line's text starts at (tabs to the next multiple of 4) and the text from there;
    ``start`` is the column ``s`` itself starts at."""
    col = start
    for i, ch in enumerate(s):
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            return col, s[i:]
    return col, ""


def _front_matter(raw: list[str]) -> int:
    """How many lines a Jekyll YAML front matter (「---」 … 「---」 at the top) takes, or 0."""
    if not raw or raw[0].rstrip() != "---":
        return 0
    for j in range(1, len(raw)):
        if raw[j].rstrip() in ("---", "..."):
            return j + 1
        if not _FRONT_MATTER_LINE.fullmatch(raw[j]):
            return 0
    return 0


def _cells(row: str) -> tuple[list[str], list[str]]:
    """The cells of a pipe-table row, and the row's syntax (its pipes, the cells' inline syntax)."""
    body = row.strip()
    markup = ["|" * len(_PIPE.findall(body))]
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells = []
    for cell in _PIPE.split(body):
        text, syntax = inline(cell.strip())
        cells.append(text.strip())
        markup.extend(syntax)
    return cells, markup


@dataclass(slots=True)
class _Open:
    """A list item whose content may go on in the lines below it."""

    marker_col: int
    content_col: int
    list: str = ""  # its list, when it is a list item of the builder's (not 「- (1)」)


@dataclass(slots=True)
class _Member:
    """A line that is a list item, numbered once its whole list is known."""

    line: Line
    list: str
    n: int  # the number written (0 for a bullet)
    marker: str  # as written: 「1.」「-」
    nested: bool
    before: str  # markup of syntax-only lines above it
    own: str  # its own inline syntax


@dataclass(slots=True)
class _HtmlList:
    list: str
    ordered: bool
    count: int = 0


@dataclass(slots=True)
class _Scanner:
    """The pre-pass: Markdown lines in, builder lines out (``lines``); list items in ``members``."""

    raw: list[str]
    lines: list[Line] = field(default_factory=list)
    members: list[_Member] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # syntax-only lines waiting for the next line
    open: list[_Open] = field(default_factory=list)  # list items the next lines may continue
    lists: list[dict[bool, str]] = field(default_factory=list)  # per depth: its open list of each kind (ordered?)
    html_lists: list[_HtmlList] = field(default_factory=list)
    count: int = 0  # lists so far (their identities)
    blank: bool = False  # a blank line since the last line out
    paragraph: bool = False  # the last line out was text that the next line may continue
    fence: str = ""  # the open code fence
    in_html: bool = False  # inside a block of raw HTML (up to the next blank line)
    in_comment: bool = False  # inside an HTML comment that spans lines
    html_break: bool = False  # a block tag (「<p>」「</li>」) since the last line of text: a new block
    in_table: bool = False
    after_heading: str = ""  # grammar class of the heading just out ("" after any other line)
    clause_text: bool = False  # under a 「### 第1項」 heading and before any list: its text

    # -- out ---------------------------------------------------------------------------
    def syntax_only(self, markup: str) -> None:
        if markup:
            self.pending.append(markup)

    def out(self, i: int, body: str, markup: list[str], *, indent: int = 0, outline: int = 0,
            cells: list[str] | None = None, prose: bool = False) -> Line:
        """A line for the builder; ``prose`` when it is paragraph text (no heading, item or row)."""
        own = " ".join(m for m in markup if m)
        line = Line(i + 1, body, "\n".join(self.pending + [own] if own else self.pending), indent,
                    blank_before=self.blank, cells=cells, outline=outline, syntax=True)
        self.pending.clear()
        line.name, line.match = ("cells", None) if cells is not None else classify(body) if body else ("prose", None)
        if self.after_heading:
            # A heading is a block of its own: a blank line after it separates nothing, except that a
            # plain heading (the Title) must not run on into the line below.
            line.blank_before = self.after_heading == "prose"
        elif prose and self.clause_text:
            line.blank_before = False
        self.after_heading = ""
        self.blank = False
        self.lines.append(line)
        return line

    # -- lists ------------------------------------------------------------------------------
    def list_at(self, depth: int, ordered: bool) -> str:
        """The list an item at ``depth`` belongs to: the open one of its kind there, or a new one."""
        while len(self.lists) <= depth:
            self.lists.append({})
        del self.lists[depth + 1:]
        kinds = self.lists[depth]
        if ordered:
            kinds.pop(False, None)  # bullets end at an ordered item; an ordered list goes on past bullets
        if ordered not in kinds:
            self.count += 1
            kinds[ordered] = f"md{self.count}"
        return kinds[ordered]

    def number_lists(self) -> None:
        """List items take their numbers and labels once their whole list is known (see the notes above)."""
        lists: dict[str, list[_Member]] = {}
        for member in self.members:
            lists.setdefault(member.list, []).append(member)
        for members in lists.values():
            written = [m.n for m in members]
            lazy = len(members) > 1 and len(set(written)) == 1
            for k, m in enumerate(members):
                ordered = m.marker[0].isdigit()
                if not ordered:
                    n, label = k + 1, "•"
                elif lazy:
                    n, label = written[0] + k, f"{written[0] + k}{m.marker[-1]}"
                else:
                    n, label = m.n, m.marker
                syntax = " ".join(x for x in (m.marker if label != m.marker else "", m.own) if x)  # 「-」, lazy 「1.」
                m.line.markup = "\n".join(x for x in (m.before, syntax) if x)
                m.line.item = ListItem(m.list, n, label, ordered, m.nested)

    # -- the scan ---------------------------------------------------------------------------------
    def scan(self) -> None:
        skip = _front_matter(self.raw)
        self.syntax_only("\n".join(self.raw[:skip]))
        for i in range(skip, len(self.raw)):
            self.line(i, self.raw[i].rstrip())

    def finish(self) -> None:
        """Numbers for the lists, and syntax after the last text (a closing tag, a Liquid include) for the last node."""
        self.number_lists()
        if self.pending:
            if self.lines:
                last = self.lines[-1]
                last.markup = "\n".join([last.markup] + self.pending if last.markup else self.pending)
            else:
                self.out(len(self.raw) - 1, "", [])

    def line(self, i: int, s: str) -> None:
        if self.fence:
            self.code_line(i, s)
            return
        if self.in_comment:  # an HTML comment that began on a line above: markup up to its 「-->」
            end = s.find("-->")
            self.syntax_only((s if end < 0 else s[:end + 3]).strip())
            if end < 0:
                return
            self.in_comment = False
            s = s[end + 3:]
            if not s.strip():
                return
        start = s.find("<!--")
        if start >= 0 and "-->" not in s[start:]:  # a comment that goes on below this line
            if s[:start].strip():
                self.block(i, s[:start].rstrip())
            self.syntax_only(s[start:].strip())
            self.in_comment = True
            return
        self.block(i, s)

    def block(self, i: int, s: str) -> None:
        if not s.strip():
            self.blank = bool(self.lines)
            self.paragraph = self.in_html = self.in_table = False
            return
        col, rest = _indentation(s)
        if self.in_html or HTML_BLOCK.fullmatch(rest):
            self.html_line(i, rest)
            return
        quote = []
        while m := QUOTE.match(rest):
            quote.append(">")
            rest = rest[m.end():]
        for name, pattern in BLOCKS:
            m = pattern.fullmatch(rest)
            if m and getattr(self, f"on_{name}")(i, col, rest, m, quote):
                return

    def code_line(self, i: int, s: str) -> None:
        col, rest = _indentation(s)
        if rest.startswith(self.fence) and not rest.strip(self.fence[0] + " \t"):
            self.fence = ""
            self.syntax_only(rest)
        elif rest:
            self.out(i, rest, [], indent=col)
        else:
            self.blank = True

    def html_line(self, i: int, rest: str) -> None:
        """A line of raw HTML: its tags are markup; 「<h2>」 makes a heading, 「<li>」 a list item."""
        self.in_html = True
        self.paragraph = False
        heading, item = 0, None
        for tag in _HTML_TAG.finditer(rest):
            name = tag["name"].lower()
            if name in ("ul", "ol") and tag["close"]:
                if self.html_lists:
                    self.html_lists.pop()
            elif name in ("ul", "ol"):
                self.count += 1
                self.html_lists.append(_HtmlList(f"md{self.count}", name == "ol"))
            elif name == "li" and not tag["close"] and self.html_lists:
                item = self.html_lists[-1]
                item.count += 1
            elif (h := _HTML_HEADING.fullmatch(name)) and not tag["close"]:
                heading = int(h["level"])
            if _HTML_BLOCK_TAG.fullmatch(name):
                self.html_break = True
        text, markup = inline(rest)
        body = " ".join(text.split())
        if not body:
            self.syntax_only(" ".join(markup))
            return
        self.blank = self.blank or self.html_break
        self.html_break = False
        line = self.out(i, body, markup, outline=heading, prose=not heading and item is None)
        if item is not None:
            label = f"{item.count}." if item.ordered else "•"
            line.item = ListItem(item.list, item.count, label, item.ordered, len(self.html_lists) > 1 or bool(self.open))
        self.after_heading = line.name if heading else ""

    # -- one method per kind of Markdown line (BLOCKS) -------------------------------------------
    def on_fence(self, i, col, rest, m, quote) -> bool:
        self.fence = m["fence"]
        self.syntax_only(" ".join(quote + [rest]))
        self.paragraph = False
        return True

    def on_heading(self, i, col, rest, m, quote) -> bool:
        self.open.clear()
        self.lists.clear()
        text, markup = inline(m["rest"] or "")
        markup = quote + [m["marks"]] + markup + [m["closing"] or ""]
        if not text.strip():
            self.syntax_only(" ".join(x for x in markup if x))
            return True
        line = self.out(i, text.strip(), markup, outline=len(m["marks"]))
        self.after_heading = line.name
        self.clause_text = line.name == "paragraph"
        self.paragraph = False
        return True

    def on_setext(self, i, col, rest, m, quote) -> bool:
        """「===」 or 「---」 right under a paragraph's line of text: that line was a heading."""
        prev = self.lines[-1] if self.lines else None
        if not self.paragraph or self.blank or self.open or prev is None or prev.outline or prev.cells is not None:
            return False
        prev.outline = 1 if m["marks"][0] == "=" else 2
        prev.markup = "\n".join(x for x in (prev.markup, rest) if x)
        self.after_heading = prev.name
        self.clause_text = prev.name == "paragraph"
        self.paragraph = False
        return True

    def on_rule(self, i, col, rest, m, quote) -> bool:
        self.syntax_only(" ".join(quote + [rest]))
        self.paragraph = False
        return True

    def on_delimiter(self, i, col, rest, m, quote) -> bool:
        """The 「|---|---|」 row under a table's header row: that row's markup."""
        prev = self.lines[-1] if self.lines else None
        if not self.in_table or prev is None or prev.cells is None:
            return False
        prev.markup = "\n".join(x for x in (prev.markup, rest) if x)
        return True

    def on_bullet(self, i, col, rest, m, quote) -> bool:
        return self.list_item(i, col, rest, m, quote, ordered=False)

    def on_ordered(self, i, col, rest, m, quote) -> bool:
        return self.list_item(i, col, rest, m, quote, ordered=True)

    def list_item(self, i, col, rest, m, quote, *, ordered: bool) -> bool:
        while self.open and self.open[-1].marker_col >= col:
            self.open.pop()
        depth = len(self.open)
        after = rest[len(m["marker"]):]
        content = _indentation(after, col + len(m["marker"]))[0] if m["rest"] else col + len(m["marker"]) + 1
        self.open.append(_Open(col, content))
        text, markup = inline(m["rest"] or "")
        body = text.strip()
        self.clause_text = False
        self.paragraph = True
        if not ordered and classify(body)[0] in _PLACED:  # 「- (1) …」: its label places it, the dash is markup
            self.out(i, body, quote + [m["marker"]] + markup, indent=col)
            return True
        before = "\n".join(self.pending)  # its markup is made when its list is numbered
        line = self.out(i, body, [], indent=col)
        n = int(m["n"]) if ordered else 0
        self.open[-1].list = self.list_at(depth, ordered)
        self.members.append(_Member(line, self.open[-1].list, n, m["marker"], depth > 0, before, " ".join(quote + markup)))
        return True

    def on_definition(self, i, col, rest, m, quote) -> bool:
        if self.paragraph and not self.blank:
            return False  # a paragraph's next line, not a definition
        self.syntax_only(" ".join(quote + [rest]))
        return True

    def on_text(self, i, col, rest, m, quote) -> bool:
        following = _indentation(self.raw[i + 1])[1].strip() if i + 1 < len(self.raw) else ""
        if "|" in rest and (self.in_table or _DELIMITER.fullmatch(following) and "-" in following):
            return self.table_row(i, col, rest, quote)
        lazy = self.paragraph and not self.blank  # a paragraph's next line, wherever it is indented
        if not lazy:
            while self.open and col < self.open[-1].content_col:
                self.open.pop()
            del self.lists[len(self.open):]  # a paragraph in a list item ends that item's sublists
        text, markup = inline(rest)
        body = text.strip()
        if not body:
            self.syntax_only(" ".join(quote + markup))
            return True
        indent = col - self.open[-1].content_col if self.open else col
        line = self.out(i, body, quote + markup, indent=max(indent, 0), prose=True)
        if not lazy and self.open:  # a paragraph of its own inside a list item
            line.within = self.open[-1].list
        self.paragraph = True
        return True

    def table_row(self, i, col, rest, quote) -> bool:
        if not self.in_table:
            while self.open and col < self.open[-1].content_col:
                self.open.pop()
        cells, markup = _cells(rest)
        line = self.out(i, " ".join(cells), quote + markup, cells=cells)
        if self.open:  # a table inside a list item
            line.within = self.open[-1].list
        self.in_table = True
        self.paragraph = False
        return True


def parse_markdown(text: str, *, source: str = "") -> Document:
    """Read a Markdown terms document into a Document (see the module's notes for what is markup)."""
    # Only line breaks split lines (not form feeds or U+2028), so line numbers match an editor's.
    scanner = _Scanner(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    scanner.scan()
    scanner.finish()
    return build(scanner.lines, source=source)
