"""Nothing is lost: every non-whitespace character of the input is in the tree, in order, once.

Checked as a property over generated documents (built from the line shapes the reader knows,
plus arbitrary text) and over every file in ../shared/.
"""

import re

import pytest
from conftest import SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.model import printed_text
from corpus.readers.text import parse_text

_WS = re.compile(r"\s+")


def assert_lossless(text: str) -> None:
    doc = parse_text(text)
    source, tree = _WS.sub("", text), _WS.sub("", printed_text(doc))
    if source != tree:
        at = next((i for i, (a, b) in enumerate(zip(source, tree)) if a != b), min(len(source), len(tree)))
        pytest.fail(f"tree differs from source at {at}: source {source[at - 15:at + 15]!r} tree {tree[at - 15:at + 15]!r}")


# -- generated documents ------------------------------------------------------------------------

_JA = "本規約当社契約者利用サービス定めるものとします。、「」（）()第条項号一二三十百のにをはがで"
_words = st.text(alphabet=_JA + "abcXYZ 0123456789０１２３．.,-:・※＊#*|\t\u3000", min_size=0, max_size=40)
_n = st.integers(min_value=1, max_value=30)
_kanji = st.sampled_from(["一", "二", "三", "十", "十二", "二十一", "百", "五十五"])
_circled = st.sampled_from("①②③⑴⑵⒈")
_kata = st.sampled_from("アイウエロハ")

_line = st.one_of(
    _words,
    st.builds("第{}条{}{}".format, _n, st.sampled_from(["", " ", "　", "の2 "]), _words),
    st.builds("第{}条（{}）".format, _kanji, _words),
    st.builds("第{}章{}{}".format, st.one_of(_n, _kanji), st.sampled_from(["", " "]), _words),
    st.builds("{}{}{}".format, _n, st.sampled_from([".", "．", " ", "　", ",", ""]), _words),
    st.builds("({}){}".format, _n, _words),
    st.builds("（{}）　{}".format, _n, _words),
    st.builds("{} {}".format, _circled, _words),
    st.builds("{}　{}".format, _kanji, _words),
    st.builds("{} {}".format, _kata, _words),
    st.builds(" - ({}){}".format, _n, _words),
    st.builds("（{}）".format, _words),
    st.builds("{}\t{}".format, _words, _words),
    st.builds("  * - {}".format, _words),
    st.builds("    - {}".format, _words),
    st.builds(":anonym-paragraph:{}".format, _words),
    st.builds("# {}".format, _words),
    st.sampled_from(["附則", "附　則　（令和元年五月一七日法律第五号）　抄", "別紙1", "別表第二（第八十七条関係）",
                     "料金表", "以 上", "目次", "制定日 2025年6月1日", "内容現在 2022年 6月 15日",
                     "（昭和五十九年法律第八十六号）", "削除", "第五十五条から第六十三条まで　削除"]),
)
_separator = st.sampled_from(["\n", "\n", "\n", "\n\n", "\n \n", "\r\n"])


@st.composite
def documents(draw) -> str:
    lines = draw(st.lists(_line, max_size=40))
    indents = draw(st.lists(st.sampled_from(["", "", "  ", "    ", " "]), min_size=len(lines), max_size=len(lines)))
    seps = draw(st.lists(_separator, min_size=len(lines), max_size=len(lines)))
    return "".join(i + l + s for i, l, s in zip(indents, lines, seps))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_are_lossless(text):
    assert_lossless(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_is_lossless(text):
    assert_lossless(text)


@settings(max_examples=100, deadline=None)
@given(documents(), st.integers(min_value=8, max_value=40))
def test_hard_wrapped_documents_are_lossless(text, width):
    """A PDF extract: every long line cut at a fixed width, and an empty line after each."""
    wrapped = []
    for line in text.splitlines():
        wrapped.extend(line[i:i + width] for i in range(0, max(len(line), 1), width))
    assert_lossless("\n\n".join(wrapped))


# -- every real file ---------------------------------------------------------------------------

_SHARED_FILES = sorted(p for p in SHARED.rglob("*") if p.is_file())


@pytest.mark.parametrize("path", _SHARED_FILES, ids=lambda p: str(p.relative_to(SHARED)))
def test_shared_file_is_lossless(path):
    assert_lossless(path.read_text(encoding="utf-8"))
