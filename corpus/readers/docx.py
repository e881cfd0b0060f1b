"""DOCX reader: a Word document as Word shows it, read into the same tree its text would give.

Word keeps much of what is printed outside the text: the 「第1条」 and 「(1)」 of automatic
numbering live in word/numbering.xml, headings in styles. This reader computes those numbers
(``NUMBER_FORMATS``, ``_Numbering``), reads tracked changes as accepted, and hands the document
line by line to the text reader's grammar and builder (``parse_blocks``):

=========================================  ==================================================
w:p                                        one line: the computed list label, a space, the
                                           text; after w:br or w:cr a line that continues the
                                           paragraph unless it opens a provision (２, (1) …)
w:tbl / w:tr / w:tc                        Table / TableRow / TableColumn, cells as read (a
                                           cell's paragraphs joined by line breaks)
heading style (w:outlineLvl 0-8)           a plain line becomes a Heading nested by its level
w:ins, w:moveTo / w:del, w:moveFrom        kept / dropped (changes accepted; ``Document.notes``
                                           says so); a deleted paragraph mark joins two paragraphs
complex and simple fields                  their result (a TOC, a page reference), not their code
w:tab / w:sym / w:noBreakHyphen            a tab / the symbol / 「-」
text boxes                                 lines after the paragraph that anchors them
comments, footnotes, headers, footers,     not read (hidden text, w:vanish, is read)
page and column breaks
=========================================  ==================================================

As each paragraph is one line of the text reader, a .docx made from a hard-wrapped text (a PDF
extract saved by LibreOffice) reads exactly as that text does. A node's ``lines`` count those lines (paragraphs and their line breaks) from the top of the
document. The archive is opened defensively: only the parts needed are read, each capped in
size (a zip bomb is refused), XML is parsed without DTDs, entities or network access.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from typing import Callable, Iterator

from lxml import etree

from corpus import numbers
from corpus.errors import SourceError
from corpus.lexicon import FULLWIDTH_DIGITS, KANJI_DIGITS, ruby
from corpus.model import Document
from corpus.readers.text import Block, parse_blocks

MAX_PART_BYTES = 200 * 1024 * 1024  # all parts read, uncompressed; a real 規約 is well under 5 MB
TRACKED_NOTE = "tracked changes accepted (変更履歴を承諾した状態で読みました)"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: a legacy .doc, or an encrypted .docx
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"  # "Strict Open XML" saves
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


P, R, T, TBL, TR, TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
PPR, RPR, TRPR, TCPR = _w("pPr"), _w("rPr"), _w("trPr"), _w("tcPr")
VAL = _w("val")
INS, DEL, MOVE_TO, MOVE_FROM = _w("ins"), _w("del"), _w("moveTo"), _w("moveFrom")
SDT, SDT_CONTENT, CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
ALTERNATE = f"{{{_MC}}}AlternateContent"
TXBX_CONTENT = _w("txbxContent")
# Inline wrappers whose runs are printed as they stand.
_INLINE_WRAPPERS = frozenset(map(_w, ("hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir", "ins", "moveTo")))
_MATH = frozenset((f"{{{_M}}}oMath", f"{{{_M}}}oMathPara"))
# Everything that marks a tracked change, for the note.
_TRACKED = tuple(map(_w, (
    "ins", "del", "moveTo", "moveFrom", "delText", "cellIns", "cellDel",
    "pPrChange", "rPrChange", "tblPrChange", "trPrChange", "tcPrChange", "sectPrChange", "numberingChange",
)))

# What a run's children print (w:t, w:delText and w:instrText are handled apart).
_RUN_TEXT = {
    _w("tab"): "\t",
    _w("ptab"): "\t",
    _w("cr"): "\n",
    _w("noBreakHyphen"): "-",
    _w("softHyphen"): "",
}
# w:suff after a list label: Word's default is a tab; a full-width space keeps the label apart
# from the text without making the line a tab-separated table row.
_SUFFIX = {"tab": "\u3000", "space": " ", "nothing": ""}


# ---------------------------------------------------------------------------
# Word's number formats (w:numFmt): the counter value → how Word prints it.
# ---------------------------------------------------------------------------

_AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン"
_HALF_KANA = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}


def _series(chars: str) -> Callable[[int], str]:
    """The n-th of a fixed series (①②③ …); past its end Word prints the plain number."""
    return lambda n: chars[n - 1] if 1 <= n <= len(chars) else str(n)


def _cycle(chars: str) -> Callable[[int], str]:
    """The n-th of a series that starts over after its last (甲乙丙 …, アイウ …)."""
    return lambda n: chars[(n - 1) % len(chars)] if n >= 1 else str(n)


def _letters(alphabet: str) -> Callable[[int], str]:
    """a … z, then aa … zz, aaa … as Word counts letters."""
    return lambda n: alphabet[(n - 1) % 26] * ((n - 1) // 26 + 1) if n >= 1 else str(n)



def _circled(first: int, last: int) -> str:
    return "".join(chr(c) for c in range(first, last + 1))


def _kanji_positional(n: int) -> str:
    return "".join(KANJI_DIGITS[int(d)] for d in str(n))


NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", FULLWIDTH_DIGITS)),
    "japaneseCounting": lambda n: numbers.kanji(n),  # 一 … 十 十一 … 二十
    "chineseCounting": lambda n: numbers.kanji(n),
    "chineseCountingThousand": lambda n: numbers.kanji(n),
    "japaneseDigitalTenThousand": _kanji_positional,  # 一〇 一一
    "ideographDigital": _kanji_positional,
    "japaneseLegal": lambda n: numbers.kanji(n).translate(str.maketrans("一二三五十", "壱弐参伍拾")),
    "ideographTraditional": _cycle("甲乙丙丁戊己庚辛壬癸"),
    "ideographZodiac": _cycle("子丑寅卯辰巳午未申酉戌亥"),
    "aiueoFullWidth": _cycle(_AIUEO),
    "irohaFullWidth": _cycle(_IROHA),
    "aiueo": _cycle("".join(_HALF_KANA[c] for c in _AIUEO)),  # ｱ ｲ ｳ: Word's half-width kana
    "iroha": _cycle("".join(_HALF_KANA.get(c, c) for c in _IROHA)),
    "decimalEnclosedCircle": _series(_circled(0x2460, 0x2473) + _circled(0x3251, 0x325F) + _circled(0x32B1, 0x32BF)),
    "decimalEnclosedCircleChinese": _series(_circled(0x2460, 0x2473)),
    "decimalEnclosedParen": _series(_circled(0x2474, 0x2487)),  # ⑴
    "decimalEnclosedFullstop": _series(_circled(0x2488, 0x249B)),  # ⒈
    "ideographEnclosedCircle": _series(_circled(0x3280, 0x3289)),  # ㊀
    "ideographParenthesized": _series(_circled(0x3220, 0x3229)),  # ㈠
    "lowerLetter": _letters("abcdefghijklmnopqrstuvwxyz"),
    "upperLetter": _letters("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lowerRoman": lambda n: numbers.roman_numeral(n) if n >= 1 else str(n),
    "upperRoman": lambda n: numbers.roman_numeral(n).upper() if n >= 1 else str(n),
    "numberInDash": lambda n: f"- {n} -",
    "none": lambda n: "",
}
# Formats not listed (ordinal, cardinalText, hebrew1 …) print as decimal numbers.
_LEVEL_REF = re.compile(r"%([1-9])")


# ---------------------------------------------------------------------------
# Styles and numbering definitions
# ---------------------------------------------------------------------------


def _val(el: etree._Element | None, child: str) -> str | None:
    """The w:val of ``el``'s direct child ``child`` (direct only: never an old value in a *Change)."""
    if el is None:
        return None
    c = el.find(child)
    return None if c is None else c.get(VAL)


def _int(s: str | None, default: int | None = None) -> int | None:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


@dataclass(slots=True)
class _ParaStyle:
    num_id: str | None  # w:numPr as the style sets it (after w:basedOn)
    ilvl: int | None
    outline: int  # 1 = top heading level; 0 = body text


class _Styles:
    """Paragraph styles (word/styles.xml): numbering and outline level through the w:basedOn chain."""

    def __init__(self, root: etree._Element | None) -> None:
        self.raw: dict[str, etree._Element] = {}
        self.default = ""
        self.numbering_styles: dict[str, str] = {}  # numbering style id → its w:numId
        self._resolved: dict[str, _ParaStyle] = {}
        if root is None:
            return
        for style in root.iterchildren(_w("style")):
            sid, kind = style.get(_w("styleId"), ""), style.get(_w("type"), "paragraph")
            ppr = style.find(PPR)
            if kind == "paragraph":
                self.raw[sid] = style
                if style.get(_w("default")) in ("1", "true", "on"):
                    self.default = sid
            elif kind == "numbering":
                num_id = _val(ppr.find(_w("numPr")) if ppr is not None else None, _w("numId"))
                if num_id is not None:
                    self.numbering_styles[sid] = num_id

    def get(self, sid: str) -> _ParaStyle:
        if sid not in self._resolved:
            self._resolved[sid] = _ParaStyle(None, None, 0)  # guards a w:basedOn cycle
            style = self.raw.get(sid)
            if style is None:
                return self._resolved[sid]
            based = _val(style, _w("basedOn"))
            out = self.get(based) if based else _ParaStyle(None, None, 0)
            out = _ParaStyle(out.num_id, out.ilvl, out.outline)
            ppr = style.find(PPR)
            if ppr is not None:
                num_pr = ppr.find(_w("numPr"))
                if num_pr is not None:
                    out.num_id = _val(num_pr, _w("numId")) or out.num_id
                    out.ilvl = _int(_val(num_pr, _w("ilvl")), out.ilvl)
                level = _int(_val(ppr, _w("outlineLvl")))
                if level is not None:
                    out.outline = level + 1 if 0 <= level <= 8 else 0
            self._resolved[sid] = out
        return self._resolved[sid]


@dataclass(slots=True)
class _Level:
    """One w:lvl of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""  # w:lvlText: 「第%1条」 「(%1)」 「%1.%2」
    restart: int | None = None  # w:lvlRestart: restarts after a use of levels < it (0: never); None: after any higher level
    suffix: str = "tab"
    legal: bool = False  # w:isLgl: every level printed in decimal
    style: str = ""  # w:pStyle: the paragraph style this level belongs to

    @classmethod
    def read(cls, lvl: etree._Element) -> _Level:
        return cls(
            start=_int(_val(lvl, _w("start")), 1),
            fmt=_val(lvl, _w("numFmt")) or "decimal",
            text=_val(lvl, _w("lvlText")) or "",
            restart=_int(_val(lvl, _w("lvlRestart"))),
            suffix=_val(lvl, _w("suff")) or "tab",
            legal=lvl.find(_w("isLgl")) is not None and _val(lvl, _w("isLgl")) not in ("0", "false", "off"),
            style=_val(lvl, _w("pStyle")) or "",
        )


@dataclass(slots=True)
class _Num:
    """A w:num: a list instance of an abstract definition, with its overrides."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride per level
    levels: dict[int, _Level] = field(default_factory=dict)  # w:lvlOverride/w:lvl per level


class _Numbering:
    """word/numbering.xml and the counters of a reading: ``label()`` numbers one paragraph.

    Counters belong to the abstract definition, so that every w:num of it counts on (Word's
    「前の一覧に続けて番号を振る」); a w:startOverride restarts its levels where that w:num is
    first used. A paragraph at level k counts k up and resets the deeper levels (unless their
    w:lvlRestart says otherwise).
    """

    def __init__(self, root: etree._Element | None, styles: _Styles) -> None:
        self.abstracts: dict[str, list[_Level | None]] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[str] = set()
        if root is None:
            return
        links: dict[str, str] = {}  # abstract id → numbering style it takes its levels from
        for ab in root.iterchildren(_w("abstractNum")):
            aid = ab.get(_w("abstractNumId"), "")
            levels: list[_Level | None] = [None] * 9
            for lvl in ab.iterchildren(_w("lvl")):
                i = _int(lvl.get(_w("ilvl")), -1)
                if 0 <= i < 9:
                    levels[i] = _Level.read(lvl)
            self.abstracts[aid] = levels
            link = _val(ab, _w("numStyleLink"))
            if link:
                links[aid] = link
        for num in root.iterchildren(_w("num")):
            n = _Num(_val(num, _w("abstractNumId")) or "")
            for override in num.iterchildren(_w("lvlOverride")):
                i = _int(override.get(_w("ilvl")), -1)
                if not 0 <= i < 9:
                    continue
                start = _int(_val(override, _w("startOverride")))
                if start is not None:
                    n.starts[i] = start
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    n.levels[i] = _Level.read(lvl)
            self.nums[num.get(_w("numId"), "")] = n
        # w:numStyleLink: the definition is the one its numbering style's w:num points to.
        for aid, link in links.items():
            target = self.nums.get(styles.numbering_styles.get(link, ""))
            if target is not None and target.abstract in self.abstracts and target.abstract != aid:
                self.abstracts[aid] = self.abstracts[target.abstract]

    def level_of_style(self, num_id: str, style: str) -> int:
        """The level a style is linked to (w:lvl/w:pStyle) in a list, else 0."""
        num = self.nums.get(num_id)
        levels = self.abstracts.get(num.abstract, []) if num else []
        return next((i for i, lv in enumerate(levels) if lv is not None and lv.style == style), 0)

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """(printed label, separator) of the next paragraph of list ``num_id`` at level ``ilvl``."""
        num = self.nums.get(num_id)
        if num is None or num.abstract not in self.abstracts or not 0 <= ilvl < 9:
            return "", ""
        levels = [num.levels.get(i) or lv for i, lv in enumerate(self.abstracts[num.abstract])]
        level = levels[ilvl]
        if level is None:
            return "", ""
        counters = self.counters.setdefault(num.abstract, [None] * 9)
        if num_id not in self.used:
            self.used.add(num_id)
            for i, start in num.starts.items():
                counters[i] = start - 1
                counters[i + 1:] = [None] * (8 - i)
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for k in range(ilvl + 1, 9):
            deeper = levels[k]
            restart = deeper.restart if deeper is not None and deeper.restart is not None else k
            if restart and ilvl < restart:
                counters[k] = None

        def printed(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels[k]
            if lv is None:
                return ""
            value = counters[k] if counters[k] is not None else lv.start
            fmt = "decimal" if level.legal and lv.fmt != "none" else lv.fmt
            return NUMBER_FORMATS.get(fmt, str)(value)

        text = _LEVEL_REF.sub(printed, level.text)
        return text, _SUFFIX.get(level.suffix, "\u3000") if text else ""


# ---------------------------------------------------------------------------
# The package
# ---------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )


class _Package:
    """The parts of a .docx archive, each read once and capped in size."""

    def __init__(self, data: bytes, source: str) -> None:
        self.source = source
        self.budget = MAX_PART_BYTES
        if data.startswith(_OLE):
            raise SourceError(
                f"{source}: an encrypted (password-protected) .docx or a legacy Word .doc file, not a .docx;"
                " remove the password or save it as .docx (暗号化された文書か古い .doc 形式です)"
            )
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
            raise SourceError(f"{source}: not a .docx file: not a valid ZIP archive (DOCX ファイルとして開けません)") from None

    def read(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        info = self.zip.getinfo(name)
        if info.file_size > self.budget:
            raise SourceError(
                f"{self.source}: {name} expands to {info.file_size / 2**20:.0f} MB, over the limit of"
                f" {MAX_PART_BYTES // 2**20} MB: refused as a possible zip bomb (展開後のサイズが大きすぎます)"
            )
        try:
            with self.zip.open(info) as f:
                data = f.read(self.budget + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as e:
            raise SourceError(f"{self.source}: the .docx is damaged: {name}: {e} (ファイルが壊れています)") from None
        self.budget -= len(data)
        if self.budget < 0:
            raise SourceError(f"{self.source}: over {MAX_PART_BYTES // 2**20} MB uncompressed: refused as a possible zip bomb (展開後のサイズが大きすぎます)")
        return data

    def xml(self, name: str | None) -> etree._Element | None:
        data = self.read(name) if name else None
        if data is None:
            return None
        try:
            return etree.fromstring(data.replace(_STRICT_W, _W.encode()), _parser())
        except etree.XMLSyntaxError as e:
            raise SourceError(f"{self.source}: the .docx is damaged: {name} is not well-formed XML: {e.msg} (ファイルが壊れています)") from None

    def related(self, part: str, kind: str) -> str | None:
        """The part that ``part`` refers to by a relationship of type ``…/kind`` (in its _rels)."""
        folder, _, base = part.rpartition("/")
        rels = self.xml(f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels")
        if rels is None:
            return None
        for rel in rels.iterchildren(_RELS):
            if rel.get("Type", "").endswith("/" + kind) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}" if folder else target
                parts: list[str] = []
                for piece in path.split("/"):
                    if piece == "..":
                        parts = parts[:-1]
                    elif piece not in ("", "."):
                        parts.append(piece)
                return "/".join(parts)
        return None

    def main_part(self) -> str:
        name = self.related("", "officeDocument")
        if name in self.names:
            return name
        if "word/document.xml" in self.names:
            return "word/document.xml"
        if "mimetype" in self.names and "content.xml" in self.names:
            what = "an OpenDocument file (.odt), not a .docx"
        else:
            what = "a ZIP archive without word/document.xml, not a Word document"
        raise SourceError(f"{self.source}: {what} (Word 文書ではありません)")


# ---------------------------------------------------------------------------
# The body: paragraphs and tables into lines
# ---------------------------------------------------------------------------


class _Reader:
    """Walks the body in document order, numbering paragraphs as Word does."""

    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.fields: list[bool] = []  # open complex fields: True once past w:separate (their result)

    # -- blocks: body, table cells, text boxes, content controls ---------------------------
    def blocks(self, container: etree._Element, *, headings: bool = True) -> list[Block]:
        out: list[Block] = []
        carried = ""  # text of paragraphs whose mark was deleted: it joins the next paragraph
        for el in self._block_elements(container):
            if el.tag == P:
                text, boxes = self._paragraph_text(el)
                ppr = el.find(PPR)
                mark = ppr.find(RPR) if ppr is not None else None
                if mark is not None and (mark.find(DEL) is not None or mark.find(MOVE_FROM) is not None):
                    carried += text
                    out.extend(boxes)
                    continue
                out.extend(self._paragraph_lines(ppr, carried + text, headings))
                out.extend(boxes)
                carried = ""
            else:  # w:tbl
                if carried:
                    out.append(Block(carried))
                    carried = ""
                if out and out[-1].cells is not None:
                    out.append(Block(""))  # two tables one after the other stay two tables
                out.extend(self._table(el))
        if carried:
            out.append(Block(carried))
        return out

    def _block_elements(self, container: etree._Element) -> Iterator[etree._Element]:
        """w:p and w:tbl in order, looking through content controls and custom XML."""
        for el in container:
            tag = el.tag
            if tag == P or tag == TBL:
                yield el
            elif tag == SDT:
                content = el.find(SDT_CONTENT)
                if content is not None:
                    yield from self._block_elements(content)
            elif tag in (CUSTOM_XML, INS, MOVE_TO):
                yield from self._block_elements(el)
            elif tag == ALTERNATE and len(el):
                yield from self._block_elements(el[0])

    def _paragraph_lines(self, ppr: etree._Element | None, text: str, headings: bool) -> list[Block]:
        style = _val(ppr, _w("pStyle")) or self.styles.default
        defaults = self.styles.get(style)
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        num_id = _val(num_pr, _w("numId")) or defaults.num_id
        label = ""
        if num_id and num_id != "0":
            ilvl = _int(_val(num_pr, _w("ilvl")), defaults.ilvl)
            if ilvl is None:
                ilvl = self.numbering.level_of_style(num_id, style)
            printed, suffix = self.numbering.label(num_id, ilvl)
            label = printed + suffix
        outline = defaults.outline
        level = _int(_val(ppr, _w("outlineLvl")))
        if level is not None:
            outline = level + 1 if 0 <= level <= 8 else 0
        if not headings:
            outline = 0
        if outline:  # a heading is one line, however Word breaks it
            return [Block(label + text.replace("\n", " "), outline=outline)]
        first, *rest = (label + text).split("\n")
        return [Block(first)] + [Block(line, soft=True) for line in rest]

    def _table(self, tbl: etree._Element) -> list[Block]:
        rows = []
        for tr in self._children(tbl, TR):
            trpr = tr.find(TRPR)
            if trpr is not None and (trpr.find(DEL) is not None):
                continue  # a deleted row
            cells = []
            for tc in self._children(tr, TC):
                tcpr = tc.find(TCPR)
                if tcpr is not None and tcpr.find(_w("cellDel")) is not None:
                    continue
                lines = self.blocks(tc, headings=False)
                cells.append("\n".join(b.text if b.cells is None else "\t".join(b.cells) for b in lines))
            rows.append(Block(cells=cells))
        return rows

    def _children(self, el: etree._Element, tag: str) -> Iterator[etree._Element]:
        """Rows of a table or cells of a row, looking through content controls and custom XML."""
        for c in el:
            if c.tag == tag:
                yield c
            elif c.tag == SDT:
                content = c.find(SDT_CONTENT)
                if content is not None:
                    yield from self._children(content, tag)
            elif c.tag == CUSTOM_XML:
                yield from self._children(c, tag)

    # -- inline content ----------------------------------------------------------------------
    def _paragraph_text(self, p: etree._Element) -> tuple[str, list[Block]]:
        out: list[str] = []
        boxes: list[etree._Element] = []
        self._inline(p, out, boxes)
        # A field whose code never reached w:separate in its paragraph is broken: forget it
        # rather than hide the rest of the document (a result, such as a TOC, may span paragraphs).
        self.fields = [f for f in self.fields if f]
        lines = [b for box in boxes for b in self.blocks(box)]
        return "".join(out), lines

    def _inline(self, el: etree._Element, out: list[str], boxes: list[etree._Element]) -> None:
        for c in el:
            tag = c.tag
            if tag == R:
                self._run(c, out, boxes)
            elif tag in _INLINE_WRAPPERS:
                self._inline(c, out, boxes)
            elif tag == SDT:
                content = c.find(SDT_CONTENT)
                if content is not None:
                    self._inline(content, out, boxes)
            elif tag == ALTERNATE:
                if len(c):
                    self._inline(c[0], out, boxes)  # the first mc:Choice; mc:Fallback repeats it
            elif tag in _MATH:
                if self._shown():
                    out.append("".join(t.text or "" for t in c.iter(f"{{{_M}}}t")))
            # w:del, w:moveFrom (changes accepted), bookmarks, comment ranges, proofing marks: nothing printed

    def _shown(self) -> bool:
        return all(self.fields)

    def _run(self, r: etree._Element, out: list[str], boxes: list[etree._Element]) -> None:
        for c in r:
            tag = c.tag
            if tag == T:
                if self._shown():
                    out.append(c.text or "")
            elif tag == _FLD_CHAR:
                kind = c.get(_w("fldCharType"))
                if kind == "begin":
                    self.fields.append(False)
                elif kind == "separate" and self.fields:
                    self.fields[-1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif not self._shown():
                continue
            elif tag in _RUN_TEXT:
                out.append(_RUN_TEXT[tag])
            elif tag == _BR:
                if c.get(_w("type")) in (None, "textWrapping"):
                    out.append("\n")
            elif tag == _SYM:
                code = _int_hex(c.get(_w("char")))
                if code is not None:
                    out.append(chr(code))
            elif tag == _RUBY:  # as the e-Gov text form prints ruby: <Ruby>較<Rt>こう</Rt></Ruby>
                base, reading = c.find(_w("rubyBase")), c.find(_w("rt"))
                base_text: list[str] = []
                reading_text: list[str] = []
                self._inline(base if base is not None else (), base_text, boxes)
                self._inline(reading if reading is not None else (), reading_text, boxes)
                out.append(ruby("".join(base_text), "".join(reading_text)))
            elif tag in _DRAWINGS:
                boxes.extend(_text_boxes(c))
            elif tag == ALTERNATE and len(c):
                self._run(c[0], out, boxes)


_FLD_CHAR, _BR, _SYM, _RUBY = _w("fldChar"), _w("br"), _w("sym"), _w("ruby")
_DRAWINGS = frozenset((_w("drawing"), _w("pict"), _w("object")))


def _int_hex(s: str | None) -> int | None:
    try:
        code = int(s or "", 16)
    except ValueError:
        return None
    return code if 0 < code < 0x110000 else None


def _text_boxes(el: etree._Element) -> Iterator[etree._Element]:
    """The w:txbxContent inside a drawing, once (only the first mc:Choice of alternatives)."""
    for c in el:
        if c.tag == TXBX_CONTENT:
            yield c
        elif c.tag == ALTERNATE:
            if len(c):
                yield from _text_boxes(c[0])
        else:
            yield from _text_boxes(c)


def parse_docx(data: bytes, *, source: str = "") -> Document:
    """Read a Word .docx into a Document: automatic numbers computed, tracked changes accepted."""
    name = source or "input"
    package = _Package(data, name)
    main = package.main_part()
    root = package.xml(main)
    if root is None or root.tag != _w("document"):
        raise SourceError(f"{name}: not a Word document: {main} holds no w:document (Word 文書ではありません)")
    styles = _Styles(package.xml(package.related(main, "styles")))
    numbering = _Numbering(package.xml(package.related(main, "numbering")), styles)
    body = root.find(_w("body"))
    blocks = _Reader(styles, numbering).blocks(body) if body is not None else []
    doc = parse_blocks(blocks, source=source)
    if next(root.iter(*_TRACKED), None) is not None:
        doc.notes.append(TRACKED_NOTE)
    return doc
