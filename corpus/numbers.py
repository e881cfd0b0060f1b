"""Japanese legal numbering: read printed numbers into ints and canonical nums, and print them back.

Covers arabic and full-width digits, 漢数字 in both styles (十二 and 一二), 第N条のM branches,
circled and parenthesised numbers (① ⑴ ⒈), イロハ and アイウ orders, latin letters and roman numerals.
All functions are pure and cheap enough to call on every line of a large law.
"""

from __future__ import annotations

import re
import unicodedata

from corpus.lexicon import FULLWIDTH_DIGITS, KANJI_DIGITS, UNITS

# ---------------------------------------------------------------------------
# Tables

# Digits of every script, mapped to ASCII so one parser handles all of them.
# 壱弐参/壹貳參 are the 大字 of old documents; 零 and 〇 are zero.
_DIGITS = {
    **{c: str(i) for i, c in enumerate(FULLWIDTH_DIGITS)},
    **{c: str(i) for i, c in enumerate(KANJI_DIGITS)},
    "零": "0", "○": "0",  # ○ (white circle) stands in for 〇 in many typed documents
    "壱": "1", "壹": "1", "弐": "2", "貳": "2", "参": "3", "參": "3",
}
_TO_ASCII = str.maketrans(_DIGITS)
# 十百千 multiply within a 4-digit group; 万億兆 close a group.
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "阡": 1000}
_LARGE_UNITS = {"万": 10**4, "萬": 10**4, "億": 10**8, "兆": 10**12}
_NUM_CHARS = "0-9" + "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_LARGE_UNITS)

# A printed provision number: 第 N 条 の M の K (units 編章節款目条項号; old laws write ノ).
_NUM = f"[{_NUM_CHARS}]+"
_CANONICAL = re.compile(rf"(?:第\s*)?({_NUM})\s*[{UNITS}]?((?:\s*[のノ]\s*{_NUM})*)")
_BRANCH = re.compile(_NUM)

_CIRCLED: dict[str, int] = {}
for _first, _last, _start in (
    (0x2460, 0x2473, 1),  # ①..⑳
    (0x3251, 0x325F, 21),  # ㉑..㉟
    (0x32B1, 0x32BF, 36),  # ㊱..㊿
    (0x2474, 0x2487, 1),  # ⑴..⒇
    (0x2488, 0x249B, 1),  # ⒈..⒛
    (0x2776, 0x277F, 1),  # ❶..❿
    (0x2780, 0x2789, 1),  # ➀..➉
    (0x278A, 0x2793, 1),  # ➊..➓
    (0x24EB, 0x24F4, 11),  # ⓫..⓴
    (0x24F5, 0x24FE, 1),  # ⓵..⓾
    (0x3220, 0x3229, 1),  # ㈠..㈩
    (0x3280, 0x3289, 1),  # ㊀..㊉
):
    for _cp in range(_first, _last + 1):
        _CIRCLED[chr(_cp)] = _start + _cp - _first
_CIRCLED["⓪"] = 0

_IROHA_ORDER = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_AIUEO_ORDER = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"


def _with_halfwidth(order: str) -> dict[str, int]:
    """Positions 1.. of ``order``, plus the half-width katakana (ｲ ﾛ ﾊ) that NFKC maps onto them."""
    table = {ch: i for i, ch in enumerate(order, 1)}
    for cp in range(0xFF66, 0xFF9E):
        half = chr(cp)
        full = unicodedata.normalize("NFKC", half)
        if full in table:
            table[half] = table[full]
    return table


_IROHA = _with_halfwidth(_IROHA_ORDER)
_AIUEO = _with_halfwidth(_AIUEO_ORDER)

_LATIN: dict[str, int] = {}
for _i in range(26):
    for _base in (0x61, 0x41, 0xFF41, 0xFF21, 0x249C, 0x24D0, 0x24B6):  # a A ａ Ａ ⒜ ⓐ Ⓐ
        _LATIN[chr(_base + _i)] = _i + 1

_ROMAN = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}

_FULLWIDTH = str.maketrans("0123456789", FULLWIDTH_DIGITS)
_FULLWIDTH_LATIN = str.maketrans("cdilmvx", "ｃｄｉｌｍｖｘ")

# 編 章 節 款 目 条 項 号: cited as 第N<unit>.
_CITATION_UNIT = {
    "Part": "編", "Chapter": "章", "Section": "節", "Subsection": "款", "Division": "目",
    "Article": "条", "Paragraph": "項", "Item": "号",
}
_STYLES = ("arabic", "fullwidth", "kanji")


# ---------------------------------------------------------------------------
# Reading


def parse_int(s: str) -> int | None:
    """The integer ``s`` spells, or None if ``s`` (ends stripped) is not wholly a number.

    Accepts ASCII and full-width digits, positional 漢数字 (一二 = 12, 二〇 = 20), 漢数字 with
    units (十二, 百十六, 千九百七十, 一万二千) and mixtures such as 1万2千. A lone ○ is a
    bullet, not zero, so it gives None; inside a number (二○二五) it is read as 〇.
    """
    s = s.strip()
    if not s:
        return None
    if s.isascii():
        return int(s) if s.isdigit() else None
    t = s.translate(_TO_ASCII)
    if t.isascii():
        if not t.isdigit() or s == "○":
            return None
        return int(t)
    return _parse_units(t)


def _parse_units(t: str) -> int | None:
    """漢数字 with 十百千万…; ``t`` has its digits already in ASCII."""
    total = section = 0
    digits = ""
    last_small = last_large = 10**16
    for ch in t:
        if "0" <= ch <= "9":
            digits += ch
            continue
        unit = _SMALL_UNITS.get(ch)
        if unit is not None:
            # one digit before 十百千 (二十, not 一二十), units descending (百十, not 十百)
            if unit >= last_small or len(digits) > 1 or digits == "0":
                return None
            section += (int(digits) if digits else 1) * unit
            last_small, digits = unit, ""
            continue
        unit = _LARGE_UNITS.get(ch)
        if unit is not None:
            if unit >= last_large or (section and len(digits) > 1):
                return None
            group = section + (int(digits) if digits else 0)
            if group == 0:
                return None
            total += group * unit
            section, digits, last_small, last_large = 0, "", 10**16, unit
            continue
        return None
    if section and len(digits) > 1:  # 百二三
        return None
    return total + section + (int(digits) if digits else 0)


def circled(ch: str) -> int | None:
    """① .. ㊿ -> 1..50; ⑴ .. ⒇ and ⒈ .. ⒛ -> 1..20; also ❶ ➀ ➊ ⓵ ⓫ ㈠ ㊀ series; else None."""
    return _CIRCLED.get(ch)


def iroha(ch: str) -> int | None:
    """Position of ``ch`` in the いろは order (イ=1, ロ=2 … ス=47); half-width ｲ accepted."""
    return _IROHA.get(ch)


def aiueo(ch: str) -> int | None:
    """Position of ``ch`` in the 五十音 order (ア=1, イ=2 … ワ=44, ヲ=45, ン=46); half-width accepted.

    The modern 46-sound order: ヰ and ヱ are not in it (they belong to イロハ).
    """
    return _AIUEO.get(ch)


def latin(ch: str) -> int | None:
    """a/A/ａ/Ａ (and ⒜ ⓐ Ⓐ) -> 1 … z -> 26; else None."""
    return _LATIN.get(ch)


def roman(s: str) -> int | None:
    """i ii iii iv … in lower or upper case, ASCII, full-width or the ⅰ Ⅱ characters; else None."""
    t = unicodedata.normalize("NFKC", s.strip()).lower()
    if not t or not _ROMAN.fullmatch(t):
        return None
    values = [_ROMAN_VALUES[c] for c in t]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def canonical(s: str) -> str:
    """The canonical num of a printed number: 第5条の2 / 第五条の二 / 第５条の２ -> "5_2".

    Takes an optional 第, a unit (編章節款目条項号) and の/ノ branches; spaces inside are
    ignored (「第 3 条」 from PDFs). A single circled number (③) is read too.
    Raises ValueError if no number can be read.
    """
    t = s.strip()
    m = _CANONICAL.fullmatch(t)
    if m:
        parts = [parse_int(m.group(1))] + [parse_int(b) for b in _BRANCH.findall(m.group(2))]
        if None not in parts:
            return "_".join(str(p) for p in parts)
    elif len(t) == 1 and t in _CIRCLED:
        return str(_CIRCLED[t])
    raise ValueError(f"not a number: {s!r}")


# ---------------------------------------------------------------------------
# Printing


def kanji(n: int) -> str:
    """``n`` in 漢数字 as laws print it: 12 -> 十二, 116 -> 百十六, 1970 -> 千九百七十, 0 -> 〇.

    As in laws, 十百千 take no 一 (千九百, not 一千九百) but 万億兆 do (一万二千).
    """
    if n < 0:
        raise ValueError(f"negative number: {n}")
    if n == 0:
        return "〇"
    out = []
    for unit, name in ((10**12, "兆"), (10**8, "億"), (10**4, "万"), (1, "")):
        group, n = divmod(n, unit)
        if group:
            out.append(_kanji_group(group) + name)
    return "".join(out)


def _kanji_group(n: int) -> str:
    """1..9999 in 漢数字 with 千百十."""
    out = []
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        d, n = divmod(n, unit)
        if d:
            out.append(("" if d == 1 else KANJI_DIGITS[d]) + name)
    if n:
        out.append(KANJI_DIGITS[n])
    return "".join(out)


def label_for(kind: str, num: str, style: str = "arabic") -> str:
    """The printed citation of a node from its canonical ``num``.

    ``style`` is "arabic" (第5条の2, terms documents), "fullwidth" (第５条の２) or "kanji"
    (第五条の二, laws). Forms:

    - Part/Chapter/Section/Subsection/Division/Article: 第N編/章/節/款/目/条, branches as のM;
    - Paragraph: 第N項; Item: 第N号 (第二項, 第十一号 in kanji style);
    - Subitem1..10: in kanji style the law practice of 号の細分, printed as e-Gov prints it —
      Subitem1 イ ロ ハ, Subitem2 （１）（２）, Subitem3 （ｉ）（ｉｉ）, deeper （１）; in arabic
      style (N) at every level, as terms documents cite 「第3条第1号(2)」; fullwidth style （２）;
    - SupplProvision: 附則 (its num, an amendment id, is not printed);
    - Appendix: 別紙N (別紙一 in kanji style), 別紙 without a num. Callers that know the
      printed label (別表第二, 料金表) should cite that instead.

    Raises ValueError for kinds that have no citation form (Title, Text, Table …),
    an unknown style, or a num that is not digits and _ branches.
    """
    if style not in _STYLES:
        raise ValueError(f"unknown style {style!r}")
    if kind == "SupplProvision":
        return "附則"
    if kind == "Appendix":
        return "別紙" + (_branches(num, style) if num else "")
    unit = _CITATION_UNIT.get(kind)
    if unit is not None:
        head, _, rest = num.partition("_")
        return "第" + _number(head, style) + unit + ("の" + _branches(rest, style) if rest else "")
    if kind.startswith("Subitem") and kind[7:].isdigit():
        level = int(kind[7:])
        head, _, rest = num.partition("_")
        tail = "の" + _branches(rest, style) if rest else ""
        if style == "kanji":
            n = int(_number(head, "arabic"))
            if level == 1 and 1 <= n <= len(_IROHA_ORDER):
                return _IROHA_ORDER[n - 1] + tail
            if level == 3 and n >= 1:
                return "（" + roman_numeral(n).translate(_FULLWIDTH_LATIN) + "）" + tail
            return "（" + _number(head, "fullwidth") + "）" + tail
        if style == "fullwidth":
            return "（" + _number(head, style) + "）" + tail
        return "(" + _number(head, style) + ")" + tail
    raise ValueError(f"no citation form for {kind!r}")


def _number(digits: str, style: str) -> str:
    if not digits.isascii() or not digits.isdigit():
        raise ValueError(f"not a canonical num: {digits!r}")
    if style == "kanji":
        return kanji(int(digits))
    if style == "fullwidth":
        return str(int(digits)).translate(_FULLWIDTH)
    return str(int(digits))


def _branches(num: str, style: str) -> str:
    """"2_3" -> "2の3" in the given style."""
    return "の".join(_number(part, style) for part in num.split("_"))


def roman_numeral(n: int) -> str:
    """``n`` (1–3999) in lower-case Roman numerals: 4 → "iv" (the inverse of ``roman``)."""
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


# ---------------------------------------------------------------------------
# Display width


class _WidthTable(dict):
    """Per-character display width, filled on first sight: 2 for East Asian Wide/Fullwidth, else 1."""

    __slots__ = ()

    def __missing__(self, ch: str) -> int:
        w = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        self[ch] = w
        return w


_WIDTH = _WidthTable()


def width(s: str) -> int:
    """Display width of ``s``: East Asian Wide and Fullwidth characters count 2, all others 1.

    Ambiguous-width characters (①, ※, ○, Greek) count 1, as in a non-CJK terminal.
    """
    if s.isascii():
        return len(s)
    return sum(map(_WIDTH.__getitem__, s))
