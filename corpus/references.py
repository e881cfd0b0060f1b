"""References: every 第N条 / 前項 / 同号 / 別紙N … a document makes to its own provisions, and what each
points at — the analysis of one document. The check that a revision's references still point at the
right place is diffing.reference_check.

Finding (``find_references``). A reference is a *head* and optional *tails*, read with the named
patterns of ``HEADS`` and ``TAILS`` in the text and captions of every node (目次 and the title left
out); numbers in any script, spaces inside: 「第 3 条第 12 号」, 「第二十四条」, 「第5条の2」, 「第１項」.

- heads: 第N条[のM] (附則第N条), 第N項 (附則第N項), 第N号[のM]; 前条 次条 本条 同条 この条 前各条
  前N条; 前項 次項 本項 同項 この項 前各項 前N項 (前二項, 前2項); 前号 次号 本号 同号 この号 前各号;
  別紙N 別表N 別表第N 別記N; and, only inside a list, 「4項」「2号」 without 第;
- tails, in order: a quoted caption after 第N条 or 別紙N — 「(契約者に対する通知)」 or
  「（…）」, a parenthesis without 。、 and without the words of a remark (以下, 除く, 含む …);
  第M項 (第 may be left out: 「第19条3項」); 第K号 or 各号; an item or 号の細分 cited by its
  printed label (「第23条第1項(7)」, 「第一項第二号イ」).

Levels a reference leaves out come from its context: a bare 第N項 is of the article it stands in,
a bare 第N号 of its paragraph. In a list (references joined by 、 及び 又は 若しくは から…まで 乃至:
``CHAIN``; parentheses between them left out), a reference takes the upper levels of the last one
of the list that cites its level: 「第2条第1項第1号から第16号まで」, 「第3条第1項及び第2項」,
「前項1号及び2号」, 「第4項第1号イ、ロ若しくは第2号、第5項」. In a parenthesis right after a
reference, a lower level is of that reference: 「第四項（第四号を除く。）」. 同条 / 同項 / 同号 stand for
the last article / paragraph / item cited explicitly before them in the same text (not from inside
a parenthesis closed since); without one they are not checked.

Not references to this document (``Reference.external`` says why; never resolved, never reported —
better to skip an external reference than to report a false error):

- right after the name of another law or document: a word ending in 法 法律 令 則 約 款 程 綱 書
  定 式 告示 条例 基準 …, or in katakana (プライバシーポリシー第3条), a parenthesis between
  left out: 民法第548条の4, 法第9条, 同法第2条, 令第…, 規則第…, 様式第1号, 「…に関する法律
  （平成3年法律第77号）第2条第2号」, law numbers 「法律第八十六号」; and the rest of a list begun
  so (「著作権法第27条および第28条」). 本規約 / この規約 / 本書 … before a reference make it internal;
- inside 「」: quoted text (a 読み替え of a law, a name);
- 第N号 followed by a noun, a name and not a citation: 第1号様式, 第一号基礎的電気通信役務, 第三号事業;
- in a law (``Document.law_num`` set), everything inside its 附則, which speak of the law as it
  stood when they were enacted (旧法, 新法, numbers since moved) or of the amending act whose
  extract (抄) they are, and inside its tables (読み替え tables of quoted text);
- 同条 / 同項 / 同号 whose antecedent is external or absent.

第三者, 第一種, 第2版, 条件, 項目 are not references by construction (a unit must follow the number;
条件 条約 条例 項目 are excluded).

Resolving (``resolve``, ``Resolver``). 前条 / 次条: the previous / next article of the same scope
(the main provisions, or the 附則 or 別紙 the reference stands in); 前項 / 次項: the neighbouring
paragraph (in a terms document, from an item or bullet whose paragraph has no neighbour: the
neighbouring item, as such documents call (1) (2) 項 too, else, for 前項, the paragraph the list
hangs from); 前号 / 次号: the neighbouring item (in a terms
document also a ア イ under an item; outside any item, 前号 is the last item before it in the
article); 前各号 / 前N項 / 前各項: the previous one, provided there are N (or one) before. 第N条 in
a 附則 resolves in that 附則 first and then in the main provisions; 附則第N条 in the 附則 it stands
in, else the original 附則 (the one without a num). 第N条第K号 without 項: an item of the article's
only paragraph (or of its first paragraph with items). 各号 after a reference requires items under
its target. 別紙N: the Appendix whose label starts with the same word and whose num is N.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

from corpus import numbers
from corpus.citation import citation
from corpus.lexicon import (
    ARABIC,
    CIRCLED_DIGITS,
    CLOSE_PARENS,
    KATAKANA,
    LATIN,
    LPAREN,
    NOT_PAREN,
    NUMERAL,
    OPEN_PARENS,
    PAREN_DIGITS,
    RPAREN,
    SP,
    SPACE,
    SUPPL,
)
from corpus.model import SUBITEM_KINDS, Document, Node

# ---------------------------------------------------------------------------
# The grammar

_NUM = f"[{NUMERAL}]+"
# 第5条の2; not 「第5条の1つ」「の2倍」.
_BRANCH = rf"(?:{SP}[のノ]{SP}{_NUM}(?![つ倍割分人回年月日件個時%％]))*"
_COUNT = r"[二三四五六七八九2-9２-９]"  # 前二項, 前2項: at least two
_ARTICLE_END = r"(?![件約例文理])"  # 条件 条約 条例 条文 条理 are not 条
_PARAGRAPH_END = r"(?!目)"  # 項目 is not 項
# A 号 is cited with a particle or a connector after it; a noun right after makes a name:
# 第一号基礎的電気通信役務, 第三号事業, 第1号様式 (kanji that may follow a citation are let through).
_ITEM_END = r"(?![一-鿿々〆](?<![及又若並中本前後所該乃或迄等関以同第各除係限]))"
_SUPPL = rf"{SUPPL}{SP}"

# Where a reference starts; tried in this order at each position of the text.
HEADS: list[tuple[str, str]] = [
    ("suppl_article", rf"{_SUPPL}第{SP}{_NUM}{SP}条{_ARTICLE_END}{_BRANCH}"),
    ("suppl_paragraph", rf"{_SUPPL}第{SP}{_NUM}{SP}項{_PARAGRAPH_END}"),
    ("article", rf"第{SP}{_NUM}{SP}条{_ARTICLE_END}{_BRANCH}"),
    ("paragraph", rf"第{SP}{_NUM}{SP}項{_PARAGRAPH_END}"),
    ("item", rf"第{SP}{_NUM}{SP}号{_BRANCH}{_ITEM_END}"),
    ("relative_article", rf"(?:前各|前{_COUNT}|[前次本同]|この)条{_ARTICLE_END}"),
    ("relative_paragraph", rf"(?:前各|前{_COUNT}|[前次本同]|この)項{_PARAGRAPH_END}"),
    ("relative_item", rf"(?:前各|前{_COUNT}|[前次本同]|この)号{_ITEM_END}"),
    ("appendix", rf"(?:別紙|別表|別記){SP}第?{SP}{_NUM}{_BRANCH}"),
    # Only in a list after a reference with a 項 / 号: 「第3項、4項」「前項1号及び2号」.
    ("bare_paragraph", rf"(?<![{ARABIC}第]){SP}[{ARABIC}]{{1,3}}{SP}項{_PARAGRAPH_END}"),
    ("bare_item", rf"(?<![{ARABIC}第]){SP}[{ARABIC}]{{1,3}}{SP}号{_ITEM_END}"),
]
HEAD = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in HEADS))

# What may follow a head, each tried once, in this order, right after the previous part.
TAILS: dict[str, re.Pattern[str]] = {
    "caption": re.compile(rf"{SP}(?P<caption>{LPAREN}{NOT_PAREN}{{1,40}}{RPAREN})"),
    "paragraph": re.compile(rf"{SP}第?{SP}(?P<num>{_NUM}){SP}項{_PARAGRAPH_END}"),
    "item": re.compile(rf"{SP}第?{SP}(?P<num>{_NUM}{SP}号{_BRANCH}){_ITEM_END}"),
    "each": re.compile(rf"{SP}各号"),
    "label": re.compile(rf"(?P<label>{LPAREN}[{ARABIC}]{{1,3}}{RPAREN}|[{CIRCLED_DIGITS}{PAREN_DIGITS}])"),
    "kana_label": re.compile(rf"(?P<label>[{KATAKANA}])(?![ァ-ヶー])"),
}

# Between two references of one list: 「第2条第1項第1号から第16号まで又は第22号」.
CHAIN = re.compile(
    rf"(?:[{SPACE}、，,・〜～~－―]|及び|および|並びに|ならびに|又は|または|若しくは|もしくは|あるいは|或いは"
    r"|から|まで|ないし|乃至|ただし書|但書|本文|前段|後段|各号|各項"
    rf"|[イロハニホヘトチリヌルヲワカヨタレソツネナラムアイウエオ](?![ァ-ヶー])|{LPAREN}[{ARABIC}{LATIN}]{{1,3}}{RPAREN})*"
)
LOOKBACK = 200  # references of the same text searched back for the one a list continues
_PARENTHESIS = re.compile(f"{LPAREN}{NOT_PAREN}*{RPAREN}")  # a remark inside a list, left out when chaining
_OPENING = re.compile(f"{SP}{LPAREN}{SP}")
# A parenthesis that is not a quoted caption: a remark 「（第20条において準用する場合を含む。）」.
_NOT_CAPTION = re.compile(
    rf"[。、，,]|第.{{0,6}}[条項号]|以下|除く|含む|限る|いう|同じ|準用|場合|^[\s{ARABIC}]*$"
)
# The name of a document right before a reference: another law or document …
_EXTERNAL_NAME = re.compile(
    r"(?:法|法律|令|則|約|款|程|綱|書|定|式|告示|通達|条例|基準|指針|憲章|ガイドライン|規格)$"
)
# … unless it is this one: 本規約第3条, この規約第5条.
_OWN_NAME = re.compile(
    r"(?:本|この)(?:規約|約款|規程|規則|規定|契約書?|特約|法律|法|細則|会則|定款|要綱|要項|条項|覚書|書|説明書)$"
)
_KATAKANA_NAME = re.compile(r"[ァ-ヶー]$")  # プライバシーポリシー第3条, ガイドライン第2条

# 同条 / 同項 / 同号 and the level of the antecedent each stands for.
SAME = {"同条": "article", "同項": "paragraph", "同号": "item"}


@dataclass(slots=True, eq=False)
class Reference:
    """One reference as printed, with the context needed to resolve it.

    ``article`` / ``paragraph`` / ``item`` are the canonical nums cited explicitly (``5_2``), empty
    for a level not cited or cited relatively (``relation``: 前条, 同項, 前各号, 前二項 as 前各項
    with ``count`` 2 …). ``level`` is the level the reference starts at (article, paragraph, item
    or appendix); the levels below it are tails. ``base`` is the reference that supplies the
    levels above ``level`` (the previous one of a list, or the antecedent of 同条/同項/同号).
    ``target`` / ``target_place`` are filled by ``find_references``.
    """

    path: tuple[Node, ...] = field(repr=False)  # the top of the tree down to the provision holding it
    text: str  # as printed, without the quoted caption: 第24条, 前項, 第 3 条第 12 号
    start: int  # offset in the provision's text (or caption, when ``in_caption``)
    end: int  # after the quoted caption, if any
    kind: str  # absolute, relative, appendix
    level: str  # article, paragraph, item, appendix
    relation: str = ""
    count: int = 1
    suppl: bool = False  # 附則第N条 / 附則第N項
    article: str = ""
    paragraph: str = ""
    item: str = ""
    label: str = ""  # an item / 号の細分 cited by its printed label: (7) -> "7", イ -> "イ"
    each: bool = False  # 各号 follows
    appendix: str = ""  # 別紙, 別表, 別記
    appendix_num: str = ""
    caption: str = ""  # quoted caption as printed, brackets included: (契約者に対する通知)
    base: Reference | None = field(default=None, repr=False)
    in_caption: bool = False
    external: str = ""  # why this does not cite this document; "" when it does
    explicit: frozenset[str] = field(default_factory=frozenset)  # levels cited, relatively or not
    target: Node | None = field(default=None, repr=False)
    target_place: str = ""

    @property
    def node(self) -> Node:
        return self.path[-1]

    @property
    def place(self) -> str:
        """The citation of the provision holding the reference (第9条第1項)."""
        return citation(self.path)

    @property
    def shown(self) -> str:
        """The reference as it reads, spaces removed, with its quoted caption: 第24条(契約者に対する通知)."""
        text, caption = compact(self.text), compact(self.caption)
        return text if caption in text else text + caption


# ---------------------------------------------------------------------------
# Finding references


def find_references(doc: Document, *, external: bool = False) -> list[Reference]:
    """The references of ``doc`` to its own provisions, in document order, each with its target.

    With ``external`` the references to other laws and documents are included too (their
    ``external`` says why they are skipped); they are never resolved.
    """
    resolver = Resolver(doc)
    refs = []
    for ref in scan(doc):
        if ref.external:
            if external:
                refs.append(ref)
            continue
        ref.target = resolver.resolve(ref)
        ref.target_place = resolver.cite(ref.target) if ref.target is not None else ""
        refs.append(ref)
    return refs


def scan(doc: Document) -> Iterator[Reference]:
    """Every reference in the text and captions of ``doc`` (目次 and title left out), external ones too."""
    law = bool(doc.law_num)
    stack: list[tuple[Node, tuple[Node, ...]]] = [(n, (n,)) for n in reversed(doc.children)]
    while stack:
        node, path = stack.pop()
        if node.kind in ("TOC", "Title"):
            continue
        for s, in_caption in ((node.caption, True), (node.text, False)):
            if s:
                for ref in _scan_text(s, path, in_caption=in_caption):
                    if law and not ref.external and (why := _law_aside(path)):
                        ref.external = why
                    yield ref
        stack.extend((c, path + (c,)) for c in reversed(node.children))


# Parts of a law whose references are not checked, and why.
LAW_ASIDE = {
    # 附則 speak of the law as it stood when they were enacted (旧法, 新法, numbers since moved),
    # and those of amending acts cite the amending act, of which the law holds an extract (抄).
    "SupplProvision": "in a law's 附則: cites the law as enacted, or the amending act",
    # Tables of a law are mostly 読み替え tables: text quoted from the provisions they adapt.
    "Table": "in a law's table: 読み替え text",
}


def _law_aside(path: tuple[Node, ...]) -> str:
    return next((LAW_ASIDE[n.kind] for n in path if n.kind in LAW_ASIDE), "")


def _scan_text(s: str, path: tuple[Node, ...], *, in_caption: bool) -> Iterator[Reference]:
    """The references of one text, left to right, lists and 同X resolved to their base."""
    found: list[Reference] = []
    quoted = _quoted(s)
    depth = _depths(s)
    pos = 0
    while True:
        m = HEAD.search(s, pos)
        if m is None:
            break
        try:
            ref = _read(s, m, path, in_caption)
        except ValueError:  # not a number after all (第十百条): not a reference
            pos = m.end()
            continue
        pos = max(ref.end, m.start() + 1)
        previous, qualifies = _previous(s, found, ref.start)
        if ref.kind == "absolute" and not ref.suppl and ref.level != "article":
            if previous is not None and not (qualifies or previous.external):
                # 「第4項第1号イ、ロ若しくは第2号、第5項」: 第5項 is of what 第4項 is of.
                previous = _with_level(previous, ref.level)
            if previous is not None:
                ref.base = previous
            elif m.lastgroup.startswith("bare_"):
                continue  # 「4項」 on its own is not a reference
        elif ref.kind == "absolute" and previous is not None and previous.external:
            ref.base = previous  # 「著作権法第27条および第28条」
        if ref.relation in SAME:
            wanted = SAME[ref.relation]
            # The last one cited explicitly, not in a parenthesis closed since (「（以下第3項において同じ。）」).
            ref.base = next(
                (
                    r
                    for r in reversed(found)
                    if wanted in r.explicit and min(depth[r.start : ref.start + 1]) >= depth[r.start]
                ),
                None,
            )
            if ref.base is None:
                ref.external = f"{ref.relation}: nothing cited before it in this provision"
        if ref.base is not None and ref.base.external:
            ref.external = ref.base.external
        elif ref.kind != "relative" and not ref.suppl and ref.base is None:
            ref.external = _named_document(s, ref.start)
        if not ref.external and any(a <= ref.start < b for a, b in quoted):
            ref.external = "inside 「」: quoted text (読み替え, a name)"
        found.append(ref)
    yield from found


def _previous(s: str, found: list[Reference], start: int) -> tuple[Reference | None, bool]:
    """The reference of the same list as the one at ``start``, if any, and whether ``start`` is in a
    parenthesis right after it that qualifies it: 「第四項（第四号を除く。）、第五項」."""
    for previous in reversed(found[-LOOKBACK:]):
        if start - previous.end > 3000:
            break
        gap = _without_parentheses(s[previous.end:start])
        if CHAIN.fullmatch(gap):
            return previous, False
        if _OPENING.fullmatch(gap):
            return previous, True
    return None, False


def _with_level(ref: Reference | None, level: str) -> Reference | None:
    """``ref`` or the first of the list before it that cites ``level`` explicitly, else None."""
    while ref is not None and level not in ref.explicit:
        ref = ref.base if ref.relation not in SAME else None
    return ref


def _without_parentheses(s: str) -> str:
    """``s`` with its balanced parentheses removed, nested ones too."""
    while True:
        t = _PARENTHESIS.sub("", s)
        if t == s:
            return s
        s = t


def _depths(s: str) -> list[int]:
    """How many parentheses are open at each position of ``s``."""
    out, d = [], 0
    for ch in s:
        if ch in CLOSE_PARENS and d:
            d -= 1
        out.append(d)
        if ch in OPEN_PARENS:
            d += 1
    out.append(d)
    return out


def _quoted(s: str) -> list[tuple[int, int]]:
    """The spans inside 「」 (outermost), where text quoted from elsewhere stands."""
    spans, depth, opened = [], 0, 0
    for i, ch in enumerate(s):
        if ch == "「":
            if depth == 0:
                opened = i
            depth += 1
        elif ch == "」" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, i))
    if depth:
        spans.append((opened, len(s)))
    return spans


def _read(s: str, m: re.Match[str], path: tuple[Node, ...], in_caption: bool) -> Reference:
    """One reference: its head ``m`` and the tails after it. ValueError if a number does not read."""
    head = m.lastgroup or ""
    text = m.group(0)
    start = m.start() + (len(text) - len(text.lstrip(SPACE)))
    ref = Reference(path, "", start, m.end(), kind="absolute", level="", in_caption=in_caption)
    explicit = set()
    body = compact(text)
    if head in ("suppl_article", "suppl_paragraph"):
        ref.suppl = True
        body = re.sub(r"^[附付]則", "", body)
        head = head[len("suppl_"):]
    if head in ("article", "paragraph", "item", "bare_paragraph", "bare_item"):
        level = head.removeprefix("bare_")
        setattr(ref, level, numbers.canonical(body))
        ref.level = level
    elif head.startswith("relative_"):
        ref.kind = "relative"
        ref.level = head[len("relative_"):]
        unit = body[-1]
        word = body[:-1]
        if word == "この":
            word = "本"
        if len(word) == 2 and word != "前各":  # 前二項, 前2項
            ref.count = numbers.parse_int(word[1:]) or 1
            word = "前各"
        ref.relation = word + unit
    else:  # appendix
        ref.kind = ref.level = "appendix"
        ref.appendix = body[:2]
        ref.appendix_num = numbers.canonical(body[2:].lstrip("第"))
    explicit.add(ref.level)
    end = m.end()
    if ref.level in ("article", "appendix"):
        t = TAILS["caption"].match(s, end)
        if t and not _NOT_CAPTION.search(t.group("caption")[1:-1]):
            ref.caption = t.group("caption")
            end = t.end()
    text_end = end if not ref.caption else t.start()
    if ref.level == "article":
        t = TAILS["paragraph"].match(s, end)
        if t:
            ref.paragraph = numbers.canonical(t.group("num"))
            explicit.add("paragraph")
            end = text_end = t.end()
    if ref.level in ("article", "paragraph"):
        t = TAILS["item"].match(s, end)
        if t:
            ref.item = numbers.canonical(t.group("num"))
            explicit.add("item")
            end = text_end = t.end()
        elif t := TAILS["each"].match(s, end):
            ref.each = True
            end = text_end = t.end()
    if ref.level != "appendix" and not ref.each:
        t = TAILS["label"].match(s, end)
        if t is None and (ref.item or ref.level == "item"):
            t = TAILS["kana_label"].match(s, end)
        if t:
            ref.label = _label_key(t.group("label"))
            end = text_end = t.end()
    ref.text = s[start:text_end]
    ref.end = max(end, text_end)
    ref.explicit = frozenset(explicit)
    return ref


def _named_document(s: str, start: int) -> str:
    """Why the reference at ``start`` cites another document ("" if it does not): the name before it."""
    before = s[max(0, start - 300) : start].rstrip(SPACE)
    if before.endswith(tuple(CLOSE_PARENS)):  # 「…に関する法律（平成3年法律第77号）第2条」, 「条約（以下「条約」という。）第11条」
        before = _without_parentheses(before).rstrip(SPACE)
    if _OWN_NAME.search(before):
        return ""
    name = _EXTERNAL_NAME.search(before) or _KATAKANA_NAME.search(before)
    if name:
        return f"after 「{before[-8:]}」: another law or document"
    return ""


# ---------------------------------------------------------------------------
# Resolving


def resolve(ref: Reference, doc: Document) -> Node | None:
    """The provision ``ref`` points at in ``doc``, or None (see the module docstring for the rules)."""
    return Resolver(doc).resolve(ref)


class Resolver:
    """Resolves the references of one document; the tree's indexes are built once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.law = bool(doc.law_num)
        self.parent: dict[int, Node | None] = {}
        for top in doc.children:
            self.parent[id(top)] = None
            for node in top.walk():
                for child in node.children:
                    self.parent[id(child)] = node
        self._articles: dict[int, dict[str, Node]] = {}
        self._article_lists: dict[int, list[Node]] = {}
        self._memo: dict[int, Node | None] = {}

    # -- the tree ------------------------------------------------------------------------

    def path(self, node: Node) -> tuple[Node, ...]:
        out = [node]
        while (up := self.parent.get(id(out[-1]))) is not None:
            out.append(up)
        return tuple(reversed(out))

    def cite(self, node: Node) -> str:
        return citation(self.path(node))

    def siblings(self, node: Node) -> list[Node]:
        parent = self.parent.get(id(node))
        return parent.children if parent is not None else self.doc.children

    def ancestor(self, node: Node | None, kind: str) -> Node | None:
        while node is not None and node.kind != kind:
            node = self.parent.get(id(node))
        return node

    def article_list(self, scope: Node | None) -> list[Node]:
        """The articles of a scope in order: the main provisions (None), a 附則 or a 別紙."""
        key = id(scope) if scope is not None else 0
        found = self._article_lists.get(key)
        if found is None:
            found = self._article_lists[key] = self.doc.articles() if scope is None else scope.find("Article")
        return found

    def article(self, scope: Node | None, num: str) -> Node | None:
        key = id(scope) if scope is not None else 0
        table = self._articles.get(key)
        if table is None:
            table = self._articles[key] = {}
            for a in self.article_list(scope):
                table.setdefault(a.num, a)
        return table.get(num)

    # -- references ----------------------------------------------------------------------

    def resolve(self, ref: Reference) -> Node | None:
        if ref.external:
            return None
        key = id(ref)
        if key not in self._memo:
            self._memo[key] = self._resolve(ref)
        return self._memo[key]

    def _resolve(self, ref: Reference) -> Node | None:
        if ref.kind == "appendix":
            return self._appendix(ref)
        node = self._head(ref)
        if node is None:
            return None
        if ref.level == "article":
            if ref.paragraph:
                node = _child(node, "Paragraph", ref.paragraph)
            elif ref.item or ref.label:
                node = _list_holder(node)
            if node is None:
                return None
        if ref.level in ("article", "paragraph") and ref.item:
            node = _child(node, "Item", ref.item)
            if node is None:
                return None
        if ref.label:
            node = next((c for c in node.children if _label_key(c.label) == ref.label), None)
        if node is not None and ref.each and not any(c.kind == "Item" for c in node.walk()):
            return None
        return node

    def _head(self, ref: Reference) -> Node | None:
        """The node of the level the reference starts at."""
        path = ref.path
        base = self.resolve(ref.base) if ref.base is not None else None
        if ref.base is not None and base is None:
            return None
        if ref.level == "article":
            if ref.relation == "同条":
                return self.ancestor(base, "Article")
            if ref.relation:
                return self._relative_article(ref)
            return self._absolute_article(ref)
        if ref.level == "paragraph":
            if ref.relation == "同項":
                return self.ancestor(base, "Paragraph")
            if ref.relation:
                return self._relative_paragraph(ref)
            if ref.suppl:
                holder = self._suppl(path)
            elif base is not None:  # 「第1項及び第2項」: where the 第1項 stands
                holder = self.ancestor(base, "Article") or self._paragraph_holder(self.path(base))
            else:
                holder = _nearest(path, "Article") or self._paragraph_holder(path)
            return _child(holder, "Paragraph", ref.paragraph) if holder is not None else None
        # item
        if ref.relation == "同号":
            return self.ancestor(base, "Item")
        if ref.relation:
            return self._relative_item(ref)
        if base is not None:  # 「第2項第1号及び第3号」, 「第139条（第6号を除く。）」
            holder = self.ancestor(base, "Paragraph")
            if holder is None and (article := self.ancestor(base, "Article")) is not None:
                holder = _list_holder(article)
        else:
            holder = _nearest(path, "Paragraph")
            if holder is None and (article := _nearest(path, "Article")) is not None:
                holder = _list_holder(article)
        return _child(holder, "Item", ref.item) if holder is not None else None

    def scope(self, path: tuple[Node, ...]) -> Node | None:
        return next((n for n in reversed(path) if n.kind in ("SupplProvision", "Appendix")), None)

    def _suppl(self, path: tuple[Node, ...]) -> Node | None:
        """The 附則 that 附則第N条 cites: the one it stands in, else the original one (no num)."""
        here = next((n for n in reversed(path) if n.kind == "SupplProvision"), None)
        if here is not None:
            return here
        suppls = self.doc.find("SupplProvision")
        return next((s for s in suppls if not s.num), suppls[0] if suppls else None)

    def _absolute_article(self, ref: Reference) -> Node | None:
        if ref.suppl:
            suppl = self._suppl(ref.path)
            scopes = [suppl] if suppl is not None else []
        else:
            scope = self.scope(ref.path)
            if scope is None:
                scopes = [None]
            else:
                scopes = [None, scope] if self.law else [scope, None]
        for scope in scopes:
            found = self.article(scope, ref.article)
            if found is not None:
                return found
        return None

    def _relative_article(self, ref: Reference) -> Node | None:
        here = _nearest(ref.path, "Article")
        if here is None:
            return None
        if ref.relation == "本条":
            return here
        return _step(self.article_list(self.scope(ref.path)), here, ref)

    def _paragraph_holder(self, path: tuple[Node, ...]) -> Node | _Top | None:
        """Where the paragraphs around a provision outside any article stand (a 附則, a heading …)."""
        paragraph = _nearest(path, "Paragraph")
        if paragraph is None:
            return None
        at = path.index(paragraph)
        return path[at - 1] if at > 0 else _Top(self.doc)

    def _relative_paragraph(self, ref: Reference) -> Node | None:
        here = _nearest(ref.path, "Paragraph")
        if here is None:
            return None
        if ref.relation == "本項":
            return here
        found = _step(self._paragraph_holder(ref.path).children, here, ref)
        listed = next((n for n in reversed(ref.path) if n.kind == "Item" or n.kind in SUBITEM_KINDS), None)
        if found is None and not self.law and listed is not None and ref.relation in ("前項", "次項"):
            # Terms documents number 項 (1) (2) like items and call them 項 (「(3) …前項のルール」),
            # or put a 項 as a bullet under a list (「- 前項にかかわらず」 under 2.): the list hangs
            # from the paragraph before it.
            found = _step(self.siblings(listed), listed, ref)
            if found is None and ref.relation == "前項":
                found = here
        return found

    def _relative_item(self, ref: Reference) -> Node | None:
        # Laws call only 号 号; terms documents call a ア イ ウ under a 号 号 as well.
        kinds = ("Item",) if self.law else ("Item",) + SUBITEM_KINDS
        here = next((n for n in reversed(ref.path) if n.kind in kinds), None)
        if ref.relation == "本号":
            return here
        if here is not None:
            return _step(self.siblings(here), here, ref)
        if ref.relation == "次号":
            return None
        # 前号 / 前各号 outside an item: the last item before it in the article (or paragraph holder).
        holder = _nearest(ref.path, "Article") or self._paragraph_holder(ref.path)
        if holder is None:
            return None
        last = None
        for n in holder.walk():
            if n is ref.node:
                break
            if n.kind == "Item":
                last = n
        return last

    def _appendix(self, ref: Reference) -> Node | None:
        for node in self.doc.find("Appendix"):
            label = compact(unicodedata.normalize("NFKC", node.label))
            if label.startswith(ref.appendix) and node.num == ref.appendix_num:
                return node
        return None


@dataclass(slots=True)
class _Top:
    """The document's top level seen as a holder of paragraphs (prose outside any provision)."""

    doc: Document

    @property
    def children(self) -> list[Node]:
        return self.doc.children

    def walk(self) -> Iterator[Node]:
        return self.doc.walk()


def _nearest(path: tuple[Node, ...], kind: str) -> Node | None:
    return next((n for n in reversed(path) if n.kind == kind), None)


def _step(siblings: list[Node], here: Node, ref: Reference) -> Node | None:
    """The sibling of ``here`` (of its kind) a relative reference names: 次X the next one; 前X,
    前各X, 前二X the previous one, provided there are ``count`` before it."""
    same = [n for n in siblings if n.kind == here.kind]
    at = next((i for i, n in enumerate(same) if n is here), None)
    if at is None:
        return None
    if ref.relation[0] == "次":
        return same[at + 1] if at + 1 < len(same) else None
    return same[at - 1] if at >= ref.count else None


def _child(node: Node | _Top, kind: str, num: str) -> Node | None:
    return next((c for c in node.children if c.kind == kind and c.num == num), None)


def _list_holder(article: Node) -> Node | None:
    """The paragraph whose items 第N条第K号 cites: the only paragraph, or the first one with items."""
    if any(c.kind == "Item" for c in article.children):
        return article
    paragraphs = [c for c in article.children if c.kind == "Paragraph"]
    if len(paragraphs) == 1:
        return paragraphs[0]
    return next((p for p in paragraphs if any(c.kind == "Item" for c in p.children)), None)


# ---------------------------------------------------------------------------
# Text helpers

_BRACKETS = re.compile(r"[\s()\[\]「」『』【】〔〕<>《》〈〉]")
_LABEL_PUNCT = SPACE + "()[].,、。"


def compact(s: str) -> str:
    """``s`` without its whitespace: 「第 3 条第 12 号」 -> 「第3条第12号」 (how references are compared and shown)."""
    return "".join(s.split())


def caption_key(s: str) -> str:
    """A caption compared: width folded, brackets and whitespace removed."""
    return _BRACKETS.sub("", unicodedata.normalize("NFKC", s))


def _label_key(s: str) -> str:
    """A printed label compared: (7) （７） ⑦ ⑺ 七 -> "7"; イ, ア as they are."""
    t = unicodedata.normalize("NFKC", s).strip(_LABEL_PUNCT)
    n = numbers.parse_int(t)
    return str(n) if n is not None else t
