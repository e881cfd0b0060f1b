"""CJK look-alike characters mapped back to the ideographs they stand for (⽤ → 用, ⺠ → 民).

PDFs made by browsers often carry a radical in place of the ideograph drawn with the same glyph:
the font maps both code points to one glyph, and the PDF's text layer keeps the lower code point.
Matching, diffing and searching need the ideograph, so readers of such sources map the text back.
"""

from __future__ import annotations

import unicodedata

# CJK Radicals Supplement (U+2E80–U+2EFF): only ⺟ and ⻳ have a Unicode decomposition. These are
# the radicals that the Japanese Noto CJK fonts (Sans and Serif) draw with the very glyph of an
# ideograph, pairs of (radical, ideograph). Radicals drawn differently from every ideograph
# (⺁ ⻌ ⻝ …) cannot come from a shared glyph and are left alone.
SUPPLEMENT_LOOKALIKES = (
    "⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺩𤣩"
    "⺫罒⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺽𦥑⺾艹⻂衤⻃覀⻄西⻅见⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻍辶⻐钅⻑長"
    "⻒镸⻓长⻕𨸏⻖阝⻘青⻙韦⻚页⻛风⻜飞⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜"
    "⻰龙⻲亀⻳龟"
)
# Kangxi Radicals (U+2F00–U+2FDF) all decompose to an ideograph; where Japanese fonts draw the
# radical as a different ideograph than the decomposition names, the Japanese one wins.
KANGXI_OVERRIDES = {"⼾": "戸"}  # decomposes to 戶 (U+6236); Japanese fonts draw it as 戸 (U+6238)
KANGXI = range(0x2F00, 0x2FE0)
# CJK Compatibility Ideographs: the KS X 1001 duplicates (U+F900–U+FA0D) are the same character
# as their canonical decomposition, encoded twice for Korean readings. The JIS X 0213 and other
# compatibility ideographs from U+FA0E on are glyph variants an author chose (神 U+FA19 is the
# 示-form of 神): they are kept.
KS_DUPLICATES = range(0xF900, 0xFA0E)


def _decomposed(ch: str) -> str | None:
    """The single ideograph ``ch`` decomposes to (canonically or by compatibility), if any."""
    parts = unicodedata.decomposition(ch).split()
    codes = [p for p in parts if not p.startswith("<")]
    return chr(int(codes[0], 16)) if len(codes) == 1 else None


def _build() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in (*KANGXI, *KS_DUPLICATES):
        target = _decomposed(chr(cp))
        if target is not None:
            table[cp] = target
    for radical, ideograph in KANGXI_OVERRIDES.items():
        table[ord(radical)] = ideograph
    pairs = list(SUPPLEMENT_LOOKALIKES)
    for radical, ideograph in zip(pairs[::2], pairs[1::2]):
        table[ord(radical)] = ideograph
    return table


# code point → ideograph, for str.translate (about 500 entries, built once at import).
LOOKALIKES: dict[int, str] = _build()


def map_lookalikes(text: str) -> str:
    """``text`` with every CJK radical or duplicate look-alike replaced by its ideograph."""
    return text.translate(LOOKALIKES)
