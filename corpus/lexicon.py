"""The lexical pieces of Japanese terms documents and laws — numerals, spaces, brackets, bullets,
label characters, 元号 and dates, the inline ruby convention — named once, so that every grammar
(the readers, dates, references, notice periods, the writers) is spelt from the same pieces.

A piece named like a set of characters (``ARABIC``, ``SPACE``, ``BULLETS``) is a character-class
*body*: put it in brackets and combine it (``f"[{ARABIC}{KANJI_NUMERAL}]+"``); these are real
characters, so they also serve ``ch in SPACE``. Every other piece is a complete regex fragment
(``SP``, ``ERA``, ``NUMBER``) or, for ruby, the text form itself. Several grammars deliberately
accept less than the widest class (item numbers have no 千, notice periods no 〇): each such class
has its own name here, so that narrowing or widening one is a decision about that grammar only.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Digits and numerals

ARABIC = "0-9０-９"  # ASCII and full-width digits: 12, １２
FULLWIDTH_DIGITS = "０１２３４５６７８９"  # in order, for str.maketrans("0123456789", FULLWIDTH_DIGITS): 5 -> ５
KANJI_DIGITS = "〇一二三四五六七八九"  # 漢数字 0–9 in order (KANJI_DIGITS[7] == "七"); positional: 二〇二五
KANJI_UNITS = "十百千"  # the units inside a 4-digit group: 十二, 百十六, 千九百七十
KANJI_NUMERAL = KANJI_DIGITS + KANJI_UNITS  # 漢数字 of either style: 十二, 一二, 二千二十五
NUMERAL = ARABIC + KANJI_NUMERAL  # a numeral of any script, scripts mixed: 第5条, 第１２条, 第五十五条
# Narrower classes, each the choice of the grammars that use it:
KANJI_TENS = "一二三四五六七八九十"  # 漢数字 1–99 in the 十 style, no 〇: 三, 十二, 九十九 (第三次改定, 別表第二, a law's 「一　」)
KANJI_ITEM = KANJI_TENS + "百"  # a law's 号 number: 一, 十二, 百三 (no 〇, no 千: 千 opens a word, not a 号)
DATE_DIGITS = NUMERAL + "○零"  # the digits of a 年月日 date, ○ typed for 〇 and 零 too: 二○二五年, 令和元年十二月一日
LINE_DATE_DIGITS = ARABIC + KANJI_DIGITS + "十"  # 年, 月, 日 of the text reader's date line: 令和五年十二月二〇日 (no 百千 ○ 零)

# A number in one script (a group): 12, １２, 十二 — never 1二.
NUMBER = rf"(?:[{ARABIC}]+|[{KANJI_NUMERAL}]+)"
# The same with 漢数字 up to 九十九 only (no 〇 百 千): 3 か月前, 三十日前, 別表第二.
SMALL_NUMBER = rf"(?:[{ARABIC}]+|[{KANJI_TENS}]+)"

# ---------------------------------------------------------------------------
# Spaces

SPACE = " \u3000"  # half-width and ideographic space: 「第 3 条」, 「附　則」
SP = rf"[{SPACE}]*"  # any run of them, none too: 第 3 条, 第3条
LINE_SPACE = r"[^\S\n]*"  # any white space of one line (tab, NBSP too), never a line break: 2023年 10 月 3日

# ---------------------------------------------------------------------------
# Brackets and punctuation

OPEN_PARENS = "（("  # full- and half-width opening parenthesis: （適用）, (1)
CLOSE_PARENS = "）)"  # their closing ones
LPAREN, RPAREN = f"[{OPEN_PARENS}]", f"[{CLOSE_PARENS}]"  # one of them (a regex): （ or (, ） or )
NOT_PAREN = f"[^{OPEN_PARENS}{CLOSE_PARENS}]"  # any character but a parenthesis: （[^（）()]*）
# Every opening bracket and quote of Japanese text, and the closing ones in the same order (pairs):
# 「」『』【】〔〕〈〉《》“”‘’. A line may not end with the first nor start with the second (禁則).
OPENING_BRACKETS = "（(「『【〔〈《“‘"
CLOSING_BRACKETS = "）)」』】〕〉》”’"
# What a printed caption may open with, printed right after its label: 第5条（適用）, 第1条【目的】, 別表［料金］.
CAPTION_BRACKETS = "（(「【［[〔"
# What, right after a label, shows it is cited in mid-sentence: 「第24条(契約者に対する通知)に定める」, 「第3章の規定」.
PARTICLES = "のにをはがでとへやもか、。，．）」』"
SENTENCE_END = "。．.」）)"  # what a finished sentence ends with: …とします。 …（略）

# ---------------------------------------------------------------------------
# Labels

DIVISION_UNITS = "編章節款目"  # 第2編, 第3章, 第1節, 第1款, 第1目
UNITS = DIVISION_UNITS + "条項号"  # every unit cited as 第N<unit>: 第5条, 第2項, 第3号
SUPPL = rf"[附付]{SP}則"  # 附則 / 付則, spaced too: 附　則
PAREN_DIGITS = "⑴-⒇"  # parenthesised numbers ⑴ … ⒇
CIRCLED_DIGITS = "①-⑳"  # circled numbers ① … ⑳
CIRCLED_TO_50 = CIRCLED_DIGITS + "㉑-㉟㊱-㊿"  # circled numbers ① … ㊿
KATAKANA = "ア-ン"  # a katakana label: ア イ ウ / イ ロ ハ
HALFWIDTH_KATAKANA = "ｱ-ﾝ"  # the same in half-width: ｱ ｲ ｳ
LATIN = "a-zａ-ｚ"  # a letter label, half- and full-width: (a) （ｂ）
BULLETS = "・•●○■□◆◇▪"  # what the readers take for a bullet opening a line: ・セコム株式会社, ● 料金
NOTE_MARKS = "※＊"  # what opens a note: ※ 税込みです
# What a printed label may end with that its text follows without a space (・セコム株式会社, ※ 注), the
# writers' set: the readers' bullets, the half-width ･, ◎ and ※.
UNSPACED_BULLETS = "・･●○◎■□◆◇▪•※"
DASHES = "-－‐―"  # dashes a list label may be (a string for ``in``; first in a character class): - 料金

# ---------------------------------------------------------------------------
# Eras and dates

ERA_NAMES = ("明治", "大正", "昭和", "平成", "令和")  # the 元号 since 1868, oldest first
ERA = "|".join(ERA_NAMES)  # any of them (an alternation; group it): 令和
GANNEN = "元"  # the first year of an era: 令和元年
WEEKDAYS = "月火水木金土日"  # a weekday suffix: 2025年10月1日（水）


def ymd(year: str, month: str, day: str, sp: str = SP) -> str:
    """A 年月日 date from the patterns of its three numbers, ``sp`` between every two parts:
    ``ymd(f"[{ARABIC}]{{4}}", f"[{ARABIC}]+", f"[{ARABIC}]+")`` matches 「2022年 6月 15日」."""
    return f"{year}{sp}年{sp}{month}{sp}月{sp}{day}{sp}日"


# ---------------------------------------------------------------------------
# Ruby

# Ruby is kept inline in a node's text as the e-Gov plain text prints it: 「<Ruby>較<Rt>こう</Rt></Ruby>正」.
# RUBY is the regex of one (groups: base, reading); ``ruby`` writes one.
RUBY = r"<Ruby>(.*?)<Rt>(.*?)</Rt></Ruby>"


def ruby(base: str, reading: str) -> str:
    """The inline text form of ruby: ``ruby("較", "こう")`` is 「<Ruby>較<Rt>こう</Rt></Ruby>」."""
    return f"<Ruby>{base}<Rt>{reading}</Rt></Ruby>"
