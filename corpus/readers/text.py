"""Plain-text reader: terms documents as editors have them (PDF extracts, hard wraps) and e-Gov law text.

The grammar is a table of named line patterns (``GRAMMAR``); each source line is classified
once, then a small builder keeps a stack of open provisions and places every line in the
tree. Nothing is dropped: a line that fits no rule becomes a paragraph or text node where it stood.
Readers of structured formats (DOCX) hand their content over as lines through ``parse_blocks``,
with the cells of table rows and the heading levels their source gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus import numbers
from corpus.lexicon import (
    ARABIC,
    BULLETS,
    CIRCLED_DIGITS,
    CIRCLED_TO_50,
    CLOSE_PARENS,
    DIVISION_UNITS,
    ERA,
    GANNEN,
    HALFWIDTH_KATAKANA,
    KANJI_ITEM,
    KANJI_TENS,
    KATAKANA,
    LATIN,
    LINE_DATE_DIGITS,
    LPAREN,
    NOT_PAREN,
    NOTE_MARKS,
    NUMBER,
    OPEN_PARENS,
    PAREN_DIGITS,
    PARTICLES,
    RPAREN,
    SENTENCE_END,
    SMALL_NUMBER,
    SP,
    SPACE,
    SUPPL,
    WEEKDAYS,
    ymd,
)
from corpus.model import DIVISION_KINDS, SUBITEM_KINDS, Document, Node

# ---------------------------------------------------------------------------
# The grammar: one named pattern per kind of line, tried in order on the
# line's body (indent and list markup removed).
# ---------------------------------------------------------------------------

_SPACES = f"[{SPACE}]+"
_ARTICLE = rf"第{SP}{NUMBER}{SP}条(?:{SP}の{SP}{NUMBER})*"
_KANJI_ITEM = rf"[{KANJI_ITEM}]+"
# A date on a line of its own, its 年 月 日 as dates.py reads them (corpus.lexicon.ymd) with this
# reader's narrower digits (LINE_DATE_DIGITS) and a 4-digit year when no era is named.
_DAY = f"[{LINE_DATE_DIGITS}]+"
_DATE = (
    ymd(rf"(?:(?:{ERA}){SP}[{GANNEN}{LINE_DATE_DIGITS}]+|[{ARABIC}]{{4}})", _DAY, _DAY)
    + rf"(?:{SP}{LPAREN}[{WEEKDAYS}][^{CLOSE_PARENS}]{{0,3}}{RPAREN})?"
)
_DATE_ROLE = r"(?:制定|改定|改訂|改正|最終改定|最終改訂|最終更新|更新|施行|発効|効力発生|作成)日?|内容現在"

GRAMMAR: list[tuple[str, re.Pattern[str]]] = [
    ("lawtext_tag", re.compile(r":(?P<tag>[a-z-]+):(?P<rest>.*)")),
    ("table_row", re.compile(rf"\*{_SPACES}-(?:{_SPACES}|$)(?P<rest>.*)")),
    ("toc", re.compile(rf"目{SP}次")),
    ("law_num", re.compile(
        rf"{LPAREN}(?P<num>(?:{ERA}){NOT_PAREN}*?"
        rf"(?:法律|政令|勅令|省令|府令|規則|条例|告示)第{NOT_PAREN}+?号){RPAREN}"
    )),
    ("suppl", re.compile(rf"(?P<label>{SUPPL})(?P<rest>(?:{SP}{LPAREN}{NOT_PAREN}*{RPAREN})?(?:{SP}抄)?)")),
    ("appendix", re.compile(
        r"(?P<label>(?:別紙|別表|料金表|様式|別記|付録|別添)"
        rf"(?:{SP}第?{SP}(?P<num>{SMALL_NUMBER})(?:号)?(?:{SP}の{SP}{NUMBER})*)?)(?P<rest>.*)"
    )),
    ("division", re.compile(
        rf"(?P<label>第{SP}{NUMBER}{SP}(?P<unit>[{DIVISION_UNITS}])(?:{SP}の{SP}{NUMBER})*)(?P<rest>.*)"
    )),
    ("article", re.compile(
        rf"(?P<label>{_ARTICLE}(?:(?:から|及び|・){_ARTICLE}(?:まで)?)?)(?P<rest>.*)"
    )),
    ("date_line", re.compile(
        rf"(?:(?:{_DATE_ROLE})[{SPACE}:：]*{_DATE}.*|{_DATE}{SP}(?:{_DATE_ROLE}|現在|版|制定|改定|改訂|施行|作成).*)"
    )),
    ("ijou", re.compile(rf"以{SP}上")),
    ("note", re.compile(rf"[{NOTE_MARKS}].*")),
    ("caption_line", re.compile(rf"{LPAREN}[^{OPEN_PARENS}{CLOSE_PARENS}。]{{1,40}}{RPAREN}")),
    ("paragraph", re.compile(
        rf"(?P<label>(?P<n>[{ARABIC}]{{1,3}})(?:[.．](?![{ARABIC}])|[,，、]|{_SPACES}))(?P<rest>.*)"
    )),
    ("paragraph", re.compile(rf"(?P<label>第{SP}(?P<n>{NUMBER}){SP}項)(?:{_SPACES}|$)(?P<rest>.*)")),  # 「### 第1項」
    ("clause", re.compile(
        rf"(?P<label>(?P<sec>[{ARABIC}]{{1,3}})[.．](?P<n>[{ARABIC}]{{1,3}})[.．]?)(?:{_SPACES}|$)(?P<rest>.*)"
    )),
    ("item_paren", re.compile(rf"(?P<label>{LPAREN}(?P<n>[{ARABIC}]{{1,3}}){RPAREN}){SP}(?P<rest>.*)")),
    ("item_paren", re.compile(rf"(?P<label>(?P<c>[{PAREN_DIGITS}])){SP}(?P<rest>.*)")),
    ("item_circled", re.compile(rf"(?P<label>(?P<c>[{CIRCLED_TO_50}])){SP}(?P<rest>.*)")),
    ("item_kanji", re.compile(
        rf"(?P<label>{_KANJI_ITEM}(?:(?:から|及び){_KANJI_ITEM}(?:まで)?)?){_SPACES}(?P<rest>.*)"
    )),
    ("item_paren_roman", re.compile(rf"(?P<label>{LPAREN}(?P<r>[ivxIVXｉｖｘ]{{1,5}}){RPAREN}){SP}(?P<rest>.*)")),
    ("item_paren_kata", re.compile(
        rf"(?P<label>{LPAREN}(?P<c>[{KATAKANA}{HALFWIDTH_KATAKANA}]){RPAREN}){SP}(?P<rest>.*)"
    )),
    ("item_paren_latin", re.compile(rf"(?P<label>{LPAREN}(?P<c>[{LATIN}]){RPAREN}){SP}(?P<rest>.*)")),
    ("item_kata", re.compile(
        rf"(?P<label>(?P<c>[{KATAKANA}{HALFWIDTH_KATAKANA}])(?:{_SPACES}|[.．、{CLOSE_PARENS}]))(?P<rest>.*)"
    )),
    ("bullet", re.compile(rf"(?P<label>[{BULLETS}]){SP}(?P<rest>.*)")),
    ("bullet", re.compile(rf"(?P<label>[-*+]){_SPACES}(?P<rest>.*)")),
]

# Markup before a line's text that is syntax, not document text: Markdown/Lawtext 「#」, symbol-font
# bullets from PDFs (private-use characters such as U+F0A8), and a list dash before a 号 label.
_MARKUP = re.compile(
    rf"(?P<m>#{{1,6}}{_SPACES}|[\ue000-\uf8ff]+{SP}"
    rf"|-{SP}(?=[{OPEN_PARENS}{PAREN_DIGITS}{CIRCLED_DIGITS}]|[{KANJI_TENS}]+[{SPACE}]))"
)

_ITEM_KINDS = ("Item",) + SUBITEM_KINDS
_CONTAINERS_FOR_PARAGRAPH = ("Article", "SupplProvision", "Heading", "Appendix") + DIVISION_KINDS
_CELL_ATTRS = re.compile(rf'(?:\[[A-Za-z]+="[^"]*"\]{SP})+')
_KANA_STYLES = ("kata", "pkata")  # ア / (ア) lists; their order (アイウ or イロハ) is fixed by the first label


@dataclass(frozen=True, slots=True)
class ListItem:
    """An item of a list its source marks up (HTML ``<ol>``/``<ul>``): the list, not the label, places it."""

    list: str  # identity of its list, unique in the document
    n: int  # its number in the list (bullets are counted too)
    label: str  # the marker a reader sees, made by the reader: "1." "a." "•"
    ordered: bool = True
    nested: bool = False  # the list stands inside another list


@dataclass(slots=True)
class Line:
    no: int  # 1-based source line number
    body: str  # stripped text without markup
    markup: str = ""
    indent: int = 0
    name: str = "prose"
    match: re.Match[str] | None = None
    full: bool = False  # as wide as the document's wrap width: the next line continues it
    open_end: bool = False  # in a hard-wrapped document, ends mid-sentence (a URL, a short wrap)
    blank_before: bool = False  # a significant blank line precedes it
    cells: list[str] | None = None  # a table row of a structured source (DOCX): its cells as read
    outline: int = 0  # heading level a structured source gives the line (1 = top); 0 in plain text
    item: ListItem | None = None  # a list item of a structured source (HTML): its list and label
    soft: bool = False  # follows a line break inside a source paragraph (DOCX w:br)
    syntax: bool = False  # its markup is the source's syntax (Markdown), never document text
    within: str = ""  # the list (ListItem.list) whose open item the source puts the line in, after its sublists


@dataclass(slots=True)
class Block:
    """One line of a structured source (DOCX) for ``parse_blocks``: its text as printed (no line
    break in it), or the cells of a table row, the heading level the source gives it, and whether
    it follows a line break inside a paragraph (``soft``: it continues the line before unless it
    starts a provision of its own)."""

    text: str = ""
    cells: list[str] | None = None
    outline: int = 0
    soft: bool = False


def classify(body: str) -> tuple[str, re.Match[str] | None]:
    """The grammar's name for a line body and its match (``("prose", None)`` when no rule fits)."""
    for name, pattern in GRAMMAR:
        m = pattern.fullmatch(body)
        if m:
            return name, m
    return "prose", None


def _parts(m: re.Match[str]) -> tuple[str, str]:
    """(label, rest) of a matched label line, whitespace trimmed."""
    return m["label"].strip(), m["rest"].strip()


def _lines(raw: list[str], blocks: list[Block] | None = None) -> list[Line]:
    """Source lines with their class; blank lines only as ``blank_before`` where significant.

    ``blocks``, when the lines come from a structured source, gives each line's table cells and
    heading level; a table row is a line even when all its cells are empty.
    """
    nonblank = [i for i, s in enumerate(raw) if s.strip()]
    # PDF extracts often put an empty line after every line: then blank lines mean nothing.
    doubled = sum(1 for i in nonblank if i + 1 < len(raw) and raw[i + 1] == "") > 0.7 * len(nonblank)
    widths = sorted(numbers.width(raw[i].strip()) for i in nonblank)
    wrap = widths[int(len(widths) * 0.9)] if widths else 0
    near = sum(1 for w in widths if 0.85 * wrap <= w <= 1.1 * wrap)
    wrapped_doc = wrap >= 40 and near >= 0.3 * len(widths)

    out: list[Line] = []
    blank = False
    for i, s in enumerate(raw):
        body = s.strip()
        block = blocks[i] if blocks else None
        if block is not None and block.cells is not None:
            out.append(Line(i + 1, body, name="cells", cells=block.cells, blank_before=blank))
            blank = False
            continue
        if not body:
            blank = blank or not doubled
            continue
        markup = ""
        m = _MARKUP.match(body)
        if m and (m.group("m")[0] == "#" or len(body) > m.end()):
            markup, body = m.group("m").strip(), body[m.end():].strip()
        line = Line(i + 1, body, markup, len(s) - len(s.lstrip()), blank_before=blank)
        line.name, line.match = classify(body) if body else ("prose", None)
        line.full = wrapped_doc and numbers.width(body) >= 0.85 * wrap
        line.open_end = wrapped_doc and body[-1] not in SENTENCE_END
        if block is not None:
            line.outline, line.soft = block.outline, block.soft
        out.append(line)
        blank = False
    return out


def _num(label: str) -> str:
    """Canonical num of a printed label: 第五条の二 → 5_2, 第五十五条から第六十三条まで → 55:63."""
    parts = re.split(r"から|及び|・", label)
    return ":".join(
        "_".join(str(numbers.parse_int(n)) for n in re.findall(NUMBER, p.replace(" ", "").replace("\u3000", "")))
        for p in parts
        if re.search(NUMBER, p)
    )


def _bracketed(rest: str) -> int:
    """Index just past the bracket group that opens ``rest``, or -1."""
    depth = 0
    for i, ch in enumerate(rest):
        if ch in OPEN_PARENS:
            depth += 1
        elif ch in CLOSE_PARENS:
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


def _split_heading(rest: str, *, law: bool) -> tuple[str, str] | None:
    """(caption, text) after a 条/章 label, or None when the label is mid-sentence."""
    if not rest.strip():
        return "", ""
    if rest[0] in OPEN_PARENS:
        end = _bracketed(rest)
        if end < 0:
            return None
        after = rest[end:].strip()
        if after and after[0] in PARTICLES:
            return None
        return rest[:end], after
    if rest[0] in SPACE + "\t":
        r = rest.strip()
        if law or r == "削除" or r[-1] in "。" or numbers.width(r) > 60:
            return "", r
        return r, ""
    if rest[0] in PARTICLES or rest[0] == "第" or rest[0].isdigit() or "。" in rest or numbers.width(rest) > 40:
        return None
    return rest, ""  # 「第3章利用中止等」: caption right after the label


@dataclass(slots=True)
class _Frame:
    node: Node
    style: str = ""  # list style of an Item/Subitem frame: paren, circled, kanji, kata-iroha …
    n: int = 0  # the frame's own number (list frames)
    paragraphs: int = 0  # paragraphs opened inside it so far
    outline: int = 0  # heading level given by a structured source (Heading frames)


@dataclass(slots=True)
class _Builder:
    law: bool
    lines: list[Line]
    doc: Document = field(default_factory=Document)
    prev: Line | None = None  # the line before the current one
    next: Line | None = None  # the line after it
    skip: int = 0  # lines before this index were consumed by a lookahead (a two-line title)
    in_toc: bool = False
    top_paragraphs: int = 0  # paragraphs outside any provision so far
    stack: list[_Frame] = field(default_factory=list)
    target: Node | None = None  # the node a continuation line extends
    caption: Line | None = None  # a 「（目的）」 line waiting for its article
    table: Node | None = None
    lawtext_table: bool = False  # the open table is Lawtext's 「* - 」 syntax
    table_indent: int = 0  # indent of its cells
    title_at: int | None = None  # the title's line when it is not the first (see _title_at)

    # -- tree operations ---------------------------------------------------
    def _pop_to(self, parents: tuple[str, ...]) -> None:
        while self.stack and self.stack[-1].node.kind not in parents:
            self.stack.pop()

    def _add(self, node: Node, *, push: bool = True, style: str = "", n: int = 0) -> Node:
        if self.caption is not None and (node.kind not in ("Article", "Paragraph") or (node.markup and not self.caption.syntax)):
            # Only an article or a paragraph takes a 「（見出し）」 line, and in plain text only an unmarked one
            # (its 「#」 would print before the caption: Node.printed puts markup first).
            self.flush_caption()
        (self.stack[-1].node.children if self.stack else self.doc.children).append(node)
        if push:
            self.stack.append(_Frame(node, style, n))
        self.table = None
        self.lawtext_table = False
        return node

    def _inside(self, kinds: tuple[str, ...]) -> bool:
        return any(f.node.kind in kinds for f in self.stack)

    def _text_node(self, line: Line) -> None:
        self.target = self._add(Node("Text", text=line.body, lines=(line.no, line.no), markup=line.markup), push=False)

    def _take_caption(self, node: Node) -> None:
        if self.caption is not None:
            node.caption = self.caption.body
            node.caption_above = True
            node.markup = "\n".join(m for m in (self.caption.markup, node.markup) if m)
            node.lines = (self.caption.no, node.lines[1])
            self.caption = None

    def flush_caption(self) -> None:
        if self.caption is not None:
            line, self.caption = self.caption, None
            self._prose(line)

    # -- provisions ----------------------------------------------------------
    def division(self, line: Line) -> bool:
        m = line.match
        split = _split_heading(m["rest"], law=False)
        if split is None or split[1]:
            return False
        kind = DIVISION_KINDS["編章節款目".index(m["unit"])]
        rank = DIVISION_KINDS.index(kind)
        self._pop_to(DIVISION_KINDS[:rank] + ("SupplProvision", "Appendix"))
        self._add(Node(kind, _num(m["label"]), m["label"], split[0], lines=(line.no, line.no), markup=line.markup))
        self.target = None
        return True

    def article(self, line: Line) -> bool:
        m = line.match
        split = _split_heading(m["rest"], law=self.law)
        if split is None:
            return False
        if split[0]:
            self.flush_caption()  # a caption of its own: the line above was not its caption
        self._pop_to(DIVISION_KINDS + ("SupplProvision", "Appendix"))
        node = self._add(Node("Article", _num(m["label"]), m["label"], split[0], lines=(line.no, line.no), markup=line.markup))
        self._take_caption(node)
        self.target = None
        if split[1]:
            self.paragraph(line, label="", text=split[1], own_line=False)
        return True

    def paragraph(self, line: Line, *, label: str, text: str, n: int | None = None, own_line: bool = True) -> None:
        self._pop_to(_CONTAINERS_FOR_PARAGRAPH)
        if self.stack:
            frame = self.stack[-1]
            frame.paragraphs = n if n is not None else frame.paragraphs + 1
            num = str(frame.paragraphs)
        else:  # prose outside any provision (a preamble, closing lines) is numbered in order too
            self.top_paragraphs = n if n is not None else self.top_paragraphs + 1
            num = str(self.top_paragraphs)
        node = Node("Paragraph", num, label, text=text, lines=(line.no, line.no), markup=line.markup if own_line else "")
        self._add(node)
        if own_line:
            self._take_caption(node)
        self.target = node

    def _expected_paragraph(self) -> int:
        for f in reversed(self.stack):
            if f.node.kind in _CONTAINERS_FOR_PARAGRAPH:
                return f.paragraphs + 1
        return self.top_paragraphs + 1

    def numbered(self, line: Line) -> bool:
        """A line opening with a bare number: 項 (「２」「2.」「１．」「7,」) or a numbered heading (「1. プラン」)."""
        m, prev, nxt = line.match, self.prev, self.next
        n = numbers.parse_int(m["n"])
        label, rest = _parts(m)
        strong = label[-1:] in ".．,，、項"
        if (
            not self.law
            and not self._inside(("Article", "SupplProvision"))
            and rest
            and "。" not in rest
            and numbers.width(rest) <= 60
            and (nxt is None or nxt.name != "paragraph" or nxt.blank_before)
        ):
            return self.heading(line, label=label, caption=rest, n=n)
        if line.indent > 0 and self._inside(("Article",)):
            # 「    １　…」 indented under a paragraph: 号 numbered like 項 (定款 style).
            slot = self.item_slot("digit", n, label)
            if slot is not None and (slot[0] < len(self.stack) or (prev is not None and line.indent > prev.indent)):
                return self.list_item(line, "digit", n, label, rest)
        expected = self._expected_paragraph()
        # Out of sequence: a typo (「7,」 after 6.) only with a clear separator on a fresh line, or
        # law text (「第五条　」 then 「３　」 in an extract, 抄); otherwise 「30 分以内」 wrapped to a line start.
        law_style = self.law and line.indent == 0 and m["label"].endswith("\u3000")
        if n != expected and not law_style and not (strong and n > 0 and not (prev and prev.full)):
            if not (n == 1 and not self._inside(("Article",))):
                return False
        self.paragraph(line, label=label, text=rest, n=n)
        return True

    def clause(self, line: Line) -> bool:
        """「1.1」「2.3」: a numbered paragraph of the numbered heading (「1.」「2.」) it stands under."""
        m = line.match
        heading = next((f.node for f in reversed(self.stack) if f.node.kind == "Heading"), None)
        if heading is None or heading.num != str(numbers.parse_int(m["sec"])):
            return False
        label, rest = _parts(m)
        self.paragraph(line, label=label, text=rest, n=numbers.parse_int(m["n"]))
        return True

    def heading(self, line: Line, *, label: str = "", caption: str, n: int | None = None) -> bool:
        """A section heading without 条; numbered headings nest by their numbering (2 → 1, 2 → 3)."""
        headings = [i for i, f in enumerate(self.stack) if f.node.kind == "Heading"]
        numbered = [i for i in headings if self.stack[i].n]
        keep = None  # stack depth to cut back to
        if n is None:
            keep = numbered[-1] + 1 if numbered else None
        else:
            siblings = [i for i in numbered if self.stack[i].n + 1 == n]
            if siblings:
                keep = siblings[0] if line.blank_before else siblings[-1]
            elif n == 1 and headings:
                keep = headings[-1] + 1
            elif numbered:
                keep = next((i for i in reversed(numbered) if self.stack[i].n < n), numbered[0])
        if line.outline:  # a level from the source (DOCX outline level): under the nearest higher heading
            outer = [i for i in headings if 0 < self.stack[i].outline < line.outline]
            keep = outer[-1] + 1 if outer else None
        if keep is None:
            self._pop_to(("Appendix", "SupplProvision") + DIVISION_KINDS)
        else:
            del self.stack[keep:]
        self._add(Node("Heading", str(n) if n else "", label, caption, lines=(line.no, line.no), markup=line.markup), n=n or 0)
        self.stack[-1].outline = line.outline
        self.target = None
        return True

    def item_slot(self, style: str, n: int | None, label: str) -> tuple[int, str, int] | None:
        """Where a 号-like line goes: (stack depth to keep, style, number), or None if it fits nowhere.

        A depth below the top of the stack makes it a sibling of the list open there;
        the full depth makes it the first of a new level under the deepest open node.
        """
        key = style.split("-")[0]
        ch = label.strip("(（)）.．、 \u3000")[:1]
        for i in range(len(self.stack) - 1, -1, -1):
            f = self.stack[i]
            if f.node.kind not in _ITEM_KINDS:
                break
            if f.style.split("-")[0] != key:
                continue
            if key in _KANA_STYLES:
                n = (numbers.iroha if f.style.endswith("iroha") else numbers.aiueo)(ch)
            elif key.startswith("bullet"):
                n = f.n + 1
            if n is None or n <= 0:
                return None
            if n == 1 and f.n >= 1:
                break  # a new list nested under the current item
            return i, f.style, n
        if key in _KANA_STYLES:
            if numbers.aiueo(ch) == 1:
                return len(self.stack), style.replace("kata", "kata-aiueo"), 1
            if numbers.iroha(ch) == 1:
                return len(self.stack), style.replace("kata", "kata-iroha"), 1
            return None
        if key.startswith("bullet"):
            n = 1
        return (len(self.stack), style, 1) if n == 1 else None

    def list_item(self, line: Line, style: str, n: int | None, label: str, text: str) -> bool:
        """号 and below: a sibling of an open list of the same style, or the first of a new level."""
        slot = self.item_slot(style, n, label)
        if slot is None:
            return False
        depth, style, n = slot
        if depth < len(self.stack):
            sibling = self.stack[depth]
            step = n - sibling.n  # tolerate a repeated or skipped number, not a jump; one back (「(20) (19)」) is
            if not (0 <= step <= 3 or step == -1 and not (self.prev and self.prev.full)):  # a typo unless a wrap
                return False
            del self.stack[depth:]
            self._new_item(line, sibling.node.kind, style, n, label, text)
            return True
        parent = self.stack[-1].node if self.stack else None
        if parent is None or parent.kind not in ("Paragraph",) + _ITEM_KINDS:
            self.paragraph(line, label="", text="", own_line=False)
            parent = self.stack[-1].node
        kind = "Item" if parent.kind == "Paragraph" else _ITEM_KINDS[min(_ITEM_KINDS.index(parent.kind) + 1, len(_ITEM_KINDS) - 1)]
        self._new_item(line, kind, style, 1, label, text)
        return True

    def _new_item(self, line: Line, kind: str, style: str, n: int, label: str, text: str) -> None:
        node = Node(kind, str(n), label, text=text, lines=(line.no, line.no), markup=line.markup)
        self._add(node, style=style, n=n)
        self.target = node

    def listed(self, line: Line) -> None:
        """An item of a list the source marks up (HTML): a sibling of the open item of its list, or
        the first of a new list. A numbered list that stands in no other list and has no open 項
        to belong to gives 項 (an article's 1. 2. 3.); other lists give 号, or 号の細分 under a 号.
        """
        item = line.item
        for i in range(len(self.stack) - 1, -1, -1):
            kind = self.stack[i].node.kind
            if self.stack[i].style == item.list:
                del self.stack[i:]
                break
        else:
            if not item.nested:
                self._pop_to(_CONTAINERS_FOR_PARAGRAPH + ("Paragraph",))
            top = self.stack[-1].node.kind if self.stack else None
            if item.ordered and not item.nested and top != "Paragraph":
                kind = "Paragraph"
            else:
                if top not in ("Paragraph",) + _ITEM_KINDS:
                    self.paragraph(line, label="", text="", own_line=False)
                    top = "Paragraph"
                kind = "Item" if top == "Paragraph" else _ITEM_KINDS[min(_ITEM_KINDS.index(top) + 1, len(_ITEM_KINDS) - 1)]
        if kind == "Paragraph":
            self.paragraph(line, label=item.label, text=line.body, n=item.n)
            self.stack[-1].style = item.list
        else:
            self._new_item(line, kind, item.list, item.n, item.label, line.body)

    def reopen(self, list_: str) -> None:
        """Close what is open inside the open item of the list ``list_`` (if one is open)."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].style == list_:
                del self.stack[i + 1:]
                return

    def item(self, line: Line) -> bool:
        m, name = line.match, line.name
        label, text = _parts(m)
        if name == "item_paren":
            n = numbers.parse_int(m["n"]) if m["label"][0] in "(（" else numbers.circled(m["c"])
            return self.list_item(line, "paren", n, label, text)
        if name == "item_circled":
            return self.list_item(line, "circled", numbers.circled(m["c"]), label, text)
        if name == "item_kanji":
            n = numbers.parse_int(re.split(r"から|及び", label)[0])
            ok = self.list_item(line, "kanji", n, label, text)
            if ok and ("から" in label or "及び" in label):
                self.stack[-1].node.num = _num(label)
            return ok
        if name == "item_paren_roman":
            return self.list_item(line, "roman", numbers.roman(m["r"]), label, text)
        if name == "item_paren_latin":
            return self.list_item(line, "latin", numbers.latin(m["c"]), label, text)
        if name in ("item_kata", "item_paren_kata"):
            return self.list_item(line, "kata" if name == "item_kata" else "pkata", None, label, text)
        return self.list_item(line, "bullet" + label, None, label, text)

    def suppl(self, line: Line) -> bool:
        m = line.match
        self.stack.clear()
        rest = m["rest"].strip()
        amend = re.search(r"[（(]([^（）()]*)[）)]", rest)
        self._add(Node("SupplProvision", amend.group(1) if amend else "", m["label"], rest, lines=(line.no, line.no), markup=line.markup))
        self.target = None
        return True

    def appendix(self, line: Line) -> bool:
        m = line.match
        rest = m["rest"]
        if rest and rest[0] not in OPEN_PARENS + SPACE:
            return False
        if rest.strip() and rest.strip()[0] in OPEN_PARENS and _bracketed(rest.strip()) < 0:
            return False
        self.stack.clear()
        num = str(numbers.parse_int(m["num"])) if m["num"] else ""
        self._add(Node("Appendix", num, m["label"], rest.strip(), lines=(line.no, line.no), markup=line.markup))
        self.target = None
        return True

    # -- text ------------------------------------------------------------------
    def continue_text(self, line: Line, prev: Line) -> None:
        node = self.target
        assert node is not None
        joiner = "\n"
        if prev.full:
            joiner = " " if node.text[-1:].isascii() and node.text[-1:].isalnum() and line.body[0].isascii() and line.body[0].isalnum() else ""
        _extend(node, line, joiner)

    def _prose(self, line: Line) -> None:
        """A line that starts no provision: a new paragraph (or text) where it stands."""
        top = self.stack[-1].node if self.stack else None
        if not line.blank_before and self.target is top and top is not None and (
            top.kind in _ITEM_KINDS or (top.kind == "Paragraph" and top.label)
        ):
            # More of a 号, or of a numbered 項 (a contact line under 「10.」): not a new 項.
            self.continue_text(line, Line(0, ""))
        else:
            self.paragraph(line, label="", text=line.body)

    def table_row(self, line: Line, cells: list[str], markup: str = "") -> None:
        if self.table is None:
            table = Node("Table", lines=(line.no, line.no))
            self._add(table, push=False)
            self.table = table
            self.lawtext_table = False
        row = Node("TableRow", lines=(line.no, line.no), markup=markup)
        self.table.children.append(row)
        for cell in cells:
            row.children.append(Node("TableColumn", text=cell, lines=(line.no, line.no)))
        self.table.lines = (self.table.lines[0], line.no)
        self.target = row.children[-1] if row.children else None

    def lawtext_row(self, line: Line) -> None:
        if line.blank_before or not self.lawtext_table:
            self.table = None
        self.table_row(line, [])
        self.table.children[-1].markup = "*"
        self._lawtext_column(line, line.match["rest"])
        self.lawtext_table = True
        self.table_indent = line.indent + 2

    def _lawtext_column(self, line: Line, text: str) -> None:
        """A cell; Lawtext's cell attributes (「[BorderTop="none"]」) are markup, not text."""
        attrs = _CELL_ATTRS.match(text)
        markup = "-" + (attrs.group().strip() if attrs else "")
        cell = Node("TableColumn", text=text[attrs.end():] if attrs else text, lines=(line.no, line.no), markup=markup)
        self.table.children[-1].children.append(cell)
        self.target = cell

    def lawtext_cell(self, line: Line) -> bool:
        """A line inside a Lawtext table: a new cell of the current row, or more of the last cell."""
        cell = line.markup == "-" or line.body.startswith("-")
        if line.indent == self.table_indent and cell:
            self._lawtext_column(line, line.body if line.markup == "-" else line.body[1:].strip())
        elif line.indent > self.table_indent:
            col = self.table.children[-1].children[-1]
            col.text = (col.text + "\n" if col.text else "") + line.markup + line.body
            col.lines = (col.lines[0], line.no)
        else:
            return False
        self.table.lines = (self.table.lines[0], line.no)
        return True

    # -- the driver: one call per line ---------------------------------------------
    def feed(self, i: int) -> None:
        if i < self.skip:
            return
        line = self.lines[i]
        self.next = self.lines[i + 1] if i + 1 < len(self.lines) else None
        self._feed(line, i)
        self.prev = line

    def _feed(self, line: Line, i: int) -> None:
        name, prev = line.name, self.prev
        if line.within:  # a later block of an open list item (a Markdown paragraph under its sublist)
            self.reopen(line.within)
            if line.cells is None:
                self.flush_caption()
                self._text_node(line)
                return
        if line.cells is not None:  # a table row of a structured source, cells as read
            self.in_toc = False
            self.flush_caption()
            if line.blank_before:
                self.table = None
            self.table_row(line, line.cells, markup=line.markup)
            return
        if line.item is not None:  # an item of a list the source marks up
            self.in_toc = False
            self.flush_caption()
            self.listed(line)
            return
        if self.in_toc and self.toc_line(line):
            return
        # Lawtext tables: 「* - セル」 starts a row, 「- セル」 adds a cell, deeper lines continue it.
        if name == "table_row":
            self.flush_caption()
            self.lawtext_row(line)
            return
        if self.lawtext_table and not line.blank_before and self.lawtext_cell(line):
            return
        if "\t" in line.body and not line.syntax and name not in ("article", "division"):  # tab-separated rows (料金表)
            self.flush_caption()
            if line.blank_before:
                self.table = None
            self.table_row(line, [c.strip() for c in line.body.split("\t")], markup=line.markup)
            return
        if line.soft and self.target is not None and name in _WRAPPABLE and not _starts_provision(line, self):
            self.continue_text(line, Line(0, ""))  # a line break inside a source paragraph
            return
        if prev is not None and prev.full and self.target is not None and not line.blank_before and not line.outline \
                and prev.body[-1:] != "。" and name in _WRAPPABLE and not _starts_provision(line, self):
            self.continue_text(line, prev)  # a hard wrap
            return
        if name == "prose" and (i == self.title_at if self.title_at is not None else not self.doc.children):
            self.title(line, i)
            return
        if name == "caption_line" and self.next is not None and self.next.name in ("article", "paragraph") \
                and not self.next.blank_before:
            self.flush_caption()
            self.caption = line
            return
        if name not in ("article", "paragraph"):
            self.flush_caption()
        handler = _HANDLERS.get(name)
        if handler is not None and handler(self, line):
            return
        self.flush_caption()
        if _is_heading(line, prev, self.next, self):
            self.heading(line, caption=line.body)
        elif self.target is not None and prev is not None and (prev.full or prev.open_end) and not line.blank_before:
            self.continue_text(line, prev)
        else:
            self._prose(line)

    def title(self, line: Line, i: int) -> None:
        """The document's name; a second short line continues it (「…」ご利用についての重要事項説明書)."""
        self.stack.clear()
        node = self._add(Node("Title", text=line.body, lines=(line.no, line.no), markup=line.markup), push=False)
        lines, j = self.lines, i + 1
        while (
            not self.law
            and j < len(lines)
            and lines[j].name == "prose"
            and not lines[j].blank_before
            and not lines[j].outline
            and lines[j].item is None  # a list item of the source is no second title line
            and "。" not in lines[j].body
            and numbers.width(lines[j].body) <= 70
            and (j + 1 >= len(lines) or lines[j + 1].name != "prose" or numbers.width(lines[j + 1].body) > numbers.width(lines[j].body))
        ):
            _extend(node, lines[j], "\n")
            j += 1
        self.skip = j
        if j > i + 1:
            self.prev = lines[j - 1]
        self.target = None

    def toc_line(self, line: Line) -> bool:
        """目次: its lines up to the first blank line; they are not the body."""
        if line.blank_before:
            self.in_toc = False
            return False
        toc = self.doc.children[-1]
        toc.children.append(Node("Text", text=line.body, lines=(line.no, line.no), markup=line.markup))
        toc.lines = (toc.lines[0], line.no)
        return True

    def law_num(self, line: Line) -> bool:
        self.doc.law_num = line.match["num"]
        self._text_node(line)
        self.target = None
        return True

    def toc(self, line: Line) -> bool:
        self.stack.clear()
        self._add(Node("TOC", label=line.body, lines=(line.no, line.no), markup=line.markup), push=False)
        self.in_toc = True
        return True

    def lawtext_tag(self, line: Line) -> bool:
        """Lawtext's 「:anonym-paragraph:」 (a paragraph without number) and 「:enact-statement:」."""
        tag, rest = line.match["tag"], line.match["rest"]
        line.markup += f":{tag}:"
        line.body = rest
        if tag == "anonym-paragraph":
            self.paragraph(line, label="", text=rest)
        else:
            self._text_node(line)
        return True

    def closing_text(self, line: Line) -> bool:
        """「以上」 and date lines (制定日 …, 内容現在 …) end the provisions before them."""
        self.stack.clear()
        self._text_node(line)
        self.target = None
        return True

    def note(self, line: Line) -> bool:
        """A ※ note belongs to the section or appendix it stands in, not to the paragraph above."""
        self._pop_to(_CONTAINERS_FOR_PARAGRAPH)
        self._text_node(line)
        return True


_HANDLERS = {
    "law_num": _Builder.law_num,
    "toc": _Builder.toc,
    "lawtext_tag": _Builder.lawtext_tag,
    "suppl": _Builder.suppl,
    "appendix": _Builder.appendix,
    "division": _Builder.division,
    "article": _Builder.article,
    "date_line": _Builder.closing_text,
    "ijou": _Builder.closing_text,
    "note": _Builder.note,
    "clause": _Builder.clause,
    "paragraph": _Builder.numbered,
    "bullet": _Builder.item,
    **{name: _Builder.item for name, _ in GRAMMAR if name.startswith("item")},
}
# Line kinds that a hard wrap can produce at the start of a line (「第5条の定めに…」「2 号に…」).
_WRAPPABLE = frozenset(
    ("prose", "caption_line", "date_line", "note", "appendix", "division", "article", "item_kanji", "item_kata", "paragraph",
     "clause")
)



def _is_law(lines: list[Line]) -> bool:
    """e-Gov law text: captions on their own line above 第N条, 法令番号, full-width paragraph numbers."""
    captions = sum(1 for a, b in zip(lines, lines[1:]) if a.name == "caption_line" and b.name == "article")
    return captions >= 3 or any(l.name == "law_num" for l in lines[:5])


def parse_text(text: str, *, source: str = "") -> Document:
    """Read a plain-text terms document or e-Gov law text into a Document."""
    # Only line breaks split lines (not form feeds or U+2028), so line numbers match an editor's.
    return _build(_lines(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")), source)


def parse_blocks(blocks: list[Block], *, source: str = "") -> Document:
    """Read a structured source (DOCX) handed over line by line, with the grammar and builder of
    plain text, so that the same content gives the same tree. A table row becomes a TableRow
    with exactly its cells (its tab-joined text stands in for it in the layout statistics);
    a plain line (no 条, 号 …) with an outline level becomes a Heading nested by that level.
    """
    raw = [b.text if b.cells is None else "\t".join(c.replace("\n", " ") for c in b.cells) for b in blocks]
    return _build(_lines(raw, blocks), source)


def build(lines: list[Line], *, source: str = "") -> Document:
    """The tree of lines a structured reader (HTML) has split and classified itself (``classify``).

    No layout statistics apply (hard wraps, doubled blank lines): each line is one line of the
    page, ``blank_before`` a paragraph break, ``item`` a list item of the source's lists.
    """
    return _build(lines, source)


def _build(lines: list[Line], source: str) -> Document:
    b = _Builder(law=_is_law(lines), lines=lines, title_at=_title_at(lines))
    b.doc.source = source
    for i in range(len(lines)):
        b.feed(i)
    b.flush_caption()
    _extend_spans(b.doc.children)
    return b.doc


def _title_at(lines: list[Line]) -> int | None:
    """The line of a level-1 heading that is the title although only lesser headings stand above
    it (a Markdown page that opens with notes); None when the first line is the title, if any."""
    for i, line in enumerate(lines):
        if line.outline == 1 and line.name == "prose":
            return i or None
        if not line.outline or line.outline == 1:
            return None
    return None


def _extend(node: Node, line: Line, joiner: str) -> None:
    """More of ``node``'s text from a line that continues it. A plain-text line's markup is text
    there (a wrapped line that starts with 「- 」); a Markdown line's markup stays syntax."""
    more = line.body if line.syntax else line.markup + line.body
    node.text = node.text + joiner + more if node.text else more
    if line.syntax and line.markup:
        node.markup = f"{node.markup}\n{line.markup}" if node.markup else line.markup
    node.lines = (node.lines[0], line.no)


def _starts_provision(line: Line, b: _Builder) -> bool:
    """Whether a line after a full line is nevertheless a new provision (a clean label in sequence)."""
    name = line.name
    if name == "paragraph":
        return numbers.parse_int(line.match["n"]) == b._expected_paragraph()
    if name == "article":
        return _split_heading(line.match["rest"], law=b.law) is not None and line.match["rest"][:1] in OPEN_PARENS + SPACE
    if name in ("item_kanji", "item_kata"):
        label = line.match["label"]
        n = numbers.parse_int(re.split(r"から|及び", label.strip())[0]) if name == "item_kanji" else None
        slot = b.item_slot("kanji" if name == "item_kanji" else "kata", n, label)
        return slot is not None and slot[0] < len(b.stack) and slot[2] == b.stack[slot[0]].n + 1
    return False


def _is_heading(line: Line, prev: Line | None, nxt: Line | None, b: _Builder) -> bool:
    """A section heading of a document without 条 (「サービスについて」 followed by 1. 2. 3.)."""
    if line.outline:  # the source says it is a heading (a DOCX heading style)
        return line.name == "prose"
    if b.law or b._inside(("Article",)) or line.name != "prose":
        return False
    body = line.body
    if "。" in body or body[-1] in "、，," or numbers.width(body) > 40:
        return False
    if prev is not None and prev.full and not line.blank_before and prev.body[-1] not in SENTENCE_END:
        return False
    return nxt is not None and nxt.name == "paragraph" and numbers.parse_int(nxt.match["n"]) == 1


def _extend_spans(nodes: list[Node]) -> None:
    for node in nodes:
        if node.children:
            _extend_spans(node.children)
            last = node.children[-1].lines[1]
            if last > node.lines[1]:
                node.lines = (node.lines[0], last)
