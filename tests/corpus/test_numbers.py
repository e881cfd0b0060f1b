"""corpus.numbers: printed Japanese legal numbers in, canonical nums and citations out."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.numbers import aiueo, canonical, circled, iroha, kanji, label_for, latin, parse_int, roman, width
from conftest import SHARED


# --- parse_int -----------------------------------------------------------------


@pytest.mark.parametrize(
    "printed, value",
    [
        ("12", 12),
        ("１２", 12),
        ("十二", 12),  # 十 style
        ("一二", 12),  # positional style
        ("二〇", 20),
        ("一〇〇", 100),
        ("百十六", 116),
        ("千九百七十", 1970),
        ("二千", 2000),
        ("二十", 20),
        ("十", 10),
        ("一万二千", 12000),
        ("千二百万", 12_000_000),
        ("1万2千", 12000),
        ("二〇二五", 2025),
        ("二○二五", 2025),  # ○ typed for 〇
        ("弐拾", 20),  # 大字
        (" 5 ", 5),
        ("　３　", 3),
    ],
)
def test_parse_int(printed, value):
    assert parse_int(printed) == value


@pytest.mark.parametrize("zero", ["0", "０", "〇", "零", "〇〇"])
def test_parse_int_〇(zero):
    assert parse_int(zero) == 0


@pytest.mark.parametrize(
    "not_a_number",
    ["", " ", "abc", "5条", "第5", "十十", "百二三", "一二十", "十百", "万", "○", "①", "1.5", "-3", "1 2"],
)
def test_parse_int_rejects(not_a_number):
    assert parse_int(not_a_number) is None


@given(st.integers(min_value=0, max_value=20000))
def test_kanji_round_trip(n):
    assert parse_int(kanji(n)) == n


@given(st.integers(min_value=0, max_value=20000))
def test_positional_kanji(n):
    positional = str(n).translate(str.maketrans("0123456789", "〇一二三四五六七八九"))
    assert parse_int(positional) == n


@pytest.mark.parametrize(
    "n, printed",
    [(0, "〇"), (1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (116, "百十六"), (1970, "千九百七十"),
     (2000, "二千"), (10000, "一万"), (12000, "一万二千"), (100_000_000, "一億")],
)
def test_kanji(n, printed):
    assert kanji(n) == printed


def test_kanji_negative():
    with pytest.raises(ValueError):
        kanji(-1)


# --- single-character orders ---------------------------------------------------


@pytest.mark.parametrize(
    "ch, value",
    [("①", 1), ("⑳", 20), ("㉑", 21), ("㉟", 35), ("㊱", 36), ("㊿", 50),
     ("⑴", 1), ("⑿", 12), ("⒇", 20), ("⒈", 1), ("⒛", 20), ("❶", 1), ("➀", 1), ("⓫", 11), ("㈠", 1), ("㊉", 10)],
)
def test_circled(ch, value):
    assert circled(ch) == value


@pytest.mark.parametrize("ch", ["1", "(", "一", "ア", "○"])
def test_circled_rejects(ch):
    assert circled(ch) is None


def test_イ_is_1_in_iroha_and_2_in_aiueo():
    assert iroha("イ") == 1
    assert aiueo("イ") == 2
    assert iroha("ア") == 36
    assert aiueo("ア") == 1


def test_iroha_order():
    assert [iroha(c) for c in "イロハニホヘトチリヌ"] == list(range(1, 11))
    assert iroha("ヰ") == 25
    assert iroha("ヱ") == 43
    assert iroha("ス") == 47
    assert iroha("ン") is None


def test_aiueo_order():
    assert [aiueo(c) for c in "アイウエオカキクケコサ"] == list(range(1, 12))
    assert aiueo("ン") == 46
    assert aiueo("ヰ") is None


def test_halfwidth_katakana():
    assert iroha("ｲ") == 1
    assert iroha("ﾛ") == 2
    assert iroha("ﾊ") == 3
    assert aiueo("ｱ") == 1
    assert aiueo("ｲ") == 2
    assert aiueo("ﾝ") == 46


@pytest.mark.parametrize("ch, value", [("a", 1), ("A", 1), ("ａ", 1), ("Ａ", 1), ("b", 2), ("z", 26), ("Ｚ", 26), ("⒜", 1)])
def test_latin(ch, value):
    assert latin(ch) == value


@pytest.mark.parametrize("ch", ["1", "あ", "ア", "aa"])
def test_latin_rejects(ch):
    assert latin(ch) is None


@pytest.mark.parametrize(
    "printed, value",
    [("i", 1), ("ii", 2), ("iii", 3), ("iv", 4), ("v", 5), ("ix", 9), ("xiv", 14), ("XL", 40), ("MCMXC", 1990),
     ("ⅰ", 1), ("Ⅱ", 2), ("Ⅻ", 12), ("ｉｖ", 4)],
)
def test_roman(printed, value):
    assert roman(printed) == value


@pytest.mark.parametrize("printed", ["", "iiii", "vv", "ic", "a", "1"])
def test_roman_rejects(printed):
    assert roman(printed) is None


# --- canonical -----------------------------------------------------------------


@pytest.mark.parametrize(
    "printed, num",
    [
        ("第5条の2", "5_2"),
        ("第５条の２", "5_2"),
        ("第３章の２", "3_2"),
        ("第百十六条の二の三", "116_2_3"),
        ("第一二条", "12"),
        ("5", "5"),
        ("２", "2"),
        ("十二", "12"),
        ("第一", "1"),
        ("第 3 条", "3"),  # PDF extract spacing
        ("第五条ノ二", "5_2"),  # old laws write ノ
        ("第二項", "2"),
        ("第十一号", "11"),
        ("第一編", "1"),
        ("第二節", "2"),
        ("第三款", "3"),
        ("第四目", "4"),
        ("③", "3"),
    ],
)
def test_canonical(printed, num):
    assert canonical(printed) == num


def test_第五条の二():
    assert canonical("第五条の二") == canonical("第5条の2") == canonical("第５条の２") == "5_2"


@pytest.mark.parametrize("printed", ["", "第", "条", "第条", "第5条の", "附則", "第5条第2項", "abc"])
def test_canonical_rejects(printed):
    with pytest.raises(ValueError):
        canonical(printed)


def test_canonical_reads_every_article_of_a_law():
    """Every 第N条(のM) heading of a real e-Gov law text reads, and the nums are unique."""
    law = SHARED / "laws" / "334AC0000000121_20250616_504AC0000000068.txt"
    heads = re.findall(r"^(第[一二三四五六七八九十百千]+条(?:の[一二三四五六七八九十]+)*)[\s　]", law.read_text("utf-8"), re.M)
    assert len(heads) > 100
    nums = [canonical(h) for h in heads]
    assert all(re.fullmatch(r"\d+(_\d+)*", n) for n in nums)
    assert "1" in nums and "2" in nums


# --- label_for -----------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, num, style, printed",
    [
        ("Article", "5", "arabic", "第5条"),
        ("Article", "5_2", "arabic", "第5条の2"),
        ("Article", "5_2", "kanji", "第五条の二"),
        ("Article", "116_2_3", "kanji", "第百十六条の二の三"),
        ("Article", "5_2", "fullwidth", "第５条の２"),
        ("Chapter", "2", "arabic", "第2章"),
        ("Chapter", "3_2", "fullwidth", "第３章の２"),
        ("Part", "1", "kanji", "第一編"),
        ("Section", "2", "kanji", "第二節"),
        ("Subsection", "3", "arabic", "第3款"),
        ("Division", "4", "arabic", "第4目"),
        ("Paragraph", "2", "arabic", "第2項"),
        ("Paragraph", "2", "kanji", "第二項"),
        ("Item", "11", "arabic", "第11号"),
        ("Item", "11", "kanji", "第十一号"),
        ("Subitem1", "2", "arabic", "(2)"),
        ("Subitem1", "2", "kanji", "ロ"),
        ("Subitem2", "1", "kanji", "（１）"),
        ("Subitem3", "2", "kanji", "（ｉｉ）"),
        ("SupplProvision", "", "arabic", "附則"),
        ("SupplProvision", "令和7年9月24日", "kanji", "附則"),
        ("Appendix", "1", "arabic", "別紙1"),
        ("Appendix", "", "arabic", "別紙"),
    ],
)
def test_label_for(kind, num, style, printed):
    assert label_for(kind, num, style) == printed


@given(st.integers(min_value=1, max_value=2000), st.integers(min_value=1, max_value=50))
def test_label_for_round_trips_through_canonical(n, branch):
    num = f"{n}_{branch}"
    for style in ("arabic", "fullwidth", "kanji"):
        assert canonical(label_for("Article", num, style)) == num


@pytest.mark.parametrize("kind, num, style", [("Text", "1", "arabic"), ("Article", "x", "arabic"), ("Article", "1", "roman")])
def test_label_for_rejects(kind, num, style):
    with pytest.raises(ValueError):
        label_for(kind, num, style)


# --- width ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "s, w",
    [("", 0), ("abc", 3), ("第5条", 5), ("５", 2), ("ｱ", 1), ("利用規約", 8), ("　", 2), ("①", 1)],
)
def test_width(s, w):
    assert width(s) == w
