"""The word-level text diff: whole words changed, texts rebuilt exactly, whitespace ignored, real revisions."""

import string
import time
import warnings

import pytest
from conftest import SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from diffing import textdiff
from diffing.textdiff import DELETE, EQUAL, INSERT, diff, spans, tokens

SMARTME = SHARED / "fixtures" / "smartme"
LAW = SHARED / "laws" / "359AC0000000086_20230616_504AC0000000070.txt"


def changed(old: str, new: str, **kw) -> tuple[list[str], list[str]]:
    """The underlined words: deleted parts of old, inserted parts of new."""
    old_spans, new_spans = spans(diff(old, new, **kw), **kw)
    return [old[a:b] for a, b in old_spans], [new[a:b] for a, b in new_spans]


def rebuilt(ops: list[tuple[int, str]]) -> tuple[str, str]:
    return (
        "".join(t for op, t in ops if op != INSERT),
        "".join(t for op, t in ops if op != DELETE),
    )


def boundaries(text: str) -> set[int]:
    out, pos = {0}, 0
    for tok in tokens(text):
        pos += len(tok)
        out.add(pos)
    return out


def smartme_paragraph(name: str, label: str) -> str:
    """The text of 第4条's paragraph ``label`` in the Smart Me fixture (label and space cut off)."""
    lines = (SMARTME / name).read_text(encoding="utf-8").splitlines()
    start = lines.index("第4条 本サービスの種類")
    return next(line for line in lines[start:] if line.startswith(f"{label} "))[len(label) + 1 :]


# -- whole words -----------------------------------------------------------------------------


def test_当社_弊社_is_one_replaced_word():
    old = "本規約は、当社が提供するサービスに適用されます。"
    new = "本規約は、弊社が提供するサービスに適用されます。"
    assert diff(old, new) == [
        (EQUAL, "本規約は、"),
        (DELETE, "当社"),
        (INSERT, "弊社"),
        (EQUAL, "が提供するサービスに適用されます。"),
    ]
    assert spans(diff(old, new)) == ([(5, 7)], [(5, 7)])


def test_law_name_is_one_word_split_mode_c():
    # SplitMode.C keeps 個人情報保護法 whole; B would keep 個人情報 equal and underline 保護法 only.
    assert changed("個人情報保護法の規定により", "個人情報の保護に関する法律の規定により") == (
        ["個人情報保護法"],
        ["個人情報の保護に関する法律"],
    )


def test_rewritten_phrase_is_one_change_not_confetti():
    # Semantic cleanup: the lone の shared by two rewritten phrases is not kept as an equality.
    assert changed("当社所定の方法により通知します。", "電子メールその他の適切な手段により周知します。") == (
        ["当社所定の方法", "通知"],
        ["電子メールその他の適切な手段", "周知"],
    )


def test_smartme_第4条第2項():
    old = smartme_paragraph("old.txt", "2")
    new = smartme_paragraph("new.txt", "2")
    assert old.startswith("契約者は") and new.startswith("本サービスの申込者は")
    # expected.md lists 「利用」→「申込み」 as the published table underlines it; the text
    # also gains the particle を (利用する → 申込みをする), so を is underlined with it.
    assert changed(old, new) == (
        ["契約者", "片方", "利用"],
        ["本サービスの申込者", "入退室サービス", "申込みを"],
    )


def test_smartme_第4条第4項_使用_仕様_only():
    old = smartme_paragraph("old.txt", "3")  # renumbered 第3項 → 第4項
    new = smartme_paragraph("new.txt", "4")
    assert old.startswith("当社は") and len(old) > 150
    ops = diff(old, new)
    assert [op for op in ops if op[0] != EQUAL] == [(DELETE, "使用"), (INSERT, "仕様")]
    at = old.index("サービスの使用") + len("サービスの")
    assert spans(ops) == ([(at, at + 2)], [(at, at + 2)])


def test_identical_texts_have_no_spans():
    text = smartme_paragraph("new.txt", "4")
    assert diff(text, text) == [(EQUAL, text)]
    assert spans(diff(text, text)) == ([], [])
    assert diff("", "") == []


def test_empty_side_is_one_insert_or_delete():
    text = "当社は、本規約を変更することがあります。"
    assert diff("", text) == [(INSERT, text)]
    assert diff(text, "") == [(DELETE, text)]
    assert spans(diff("", text)) == ([], [(0, len(text))])


# -- whitespace ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new",
    [
        ("第 3 条の規定により", "第3条の規定により"),  # PDF extraction spacing
        ("電気通信　有線、無線", "電気通信 有線、無線"),  # full-width vs half-width space
        ("当社は、\n本規約を変更できる。", "当社は、本規約を変更できる。"),  # hard wrap
        ("Smart  Me サービス", "Smart Me サービス"),  # run length
        ("  前後に空白  ", "前後に空白"),
    ],
)
def test_whitespace_only_differences_give_no_spans(old, new):
    ops = diff(old, new)
    assert rebuilt(ops) == (old, new)
    assert spans(ops) == ([], [])
    assert spans(diff(old, new, ignore_space=False), ignore_space=False) != ([], [])


def test_whitespace_next_to_a_change_is_not_underlined():
    assert changed("当社 は、第 3 条", "弊社は、第3条") == (["当社"], ["弊社"])


# -- properties ------------------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.sampled_from(
        list("当社弊本規約契約者申込利用使用仕様条項号第一二三のはをにがすることできます、。「」（）")
        + list("ab XYZ019\n　\t")
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(old=TEXT, new=TEXT, ignore_space=st.booleans())
def test_ops_rebuild_both_texts_and_spans_fall_on_token_boundaries(old, new, ignore_space):
    ops = diff(old, new, ignore_space=ignore_space)
    assert rebuilt(ops) == (old, new)
    assert all(text for _, text in ops)
    assert all(a[0] != b[0] for a, b in zip(ops, ops[1:]))  # neighbours merged
    old_spans, new_spans = spans(ops, ignore_space=ignore_space)
    for found, text in ((old_spans, old), (new_spans, new)):
        edges = boundaries(text)
        for (a, b), nxt in zip(found, found[1:] + [(len(text) + 1, 0)]):
            assert 0 <= a < b < nxt[0] and a in edges and b in edges
            if ignore_space:
                assert not text[a].isspace() and not text[b - 1].isspace()
    if old == new:
        assert (old_spans, new_spans) == ([], [])


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=80))
def test_tokens_rebuild_any_text(text):
    assert "".join(tokens(text)) == text


# -- size --------------------------------------------------------------------------------------


def test_50k_character_diff_is_exact_and_needs_no_fallback():
    law = LAW.read_text(encoding="utf-8")
    old = law[20_000:72_000]
    # Replace ten occurrences of 総務大臣, at least 3,000 characters apart.
    at, last = [], -10_000
    for k in range(len(old)):
        if old.startswith("総務大臣", k) and k - last >= 3_000 and len(at) < 10:
            at.append(k)
            last = k
    assert len(at) == 10
    new, shift, expected_new = old, 0, []
    for k in at:
        new = new[: k + shift] + "内閣総理大臣" + new[k + shift + 4 :]
        expected_new.append((k + shift, k + shift + 6))
        shift += 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a timeout fallback would warn
        started = time.perf_counter()
        ops = diff(old, new)
        elapsed = time.perf_counter() - started
    assert rebuilt(ops) == (old, new)
    assert spans(ops) == ([(k, k + 4) for k in at], expected_new)
    assert elapsed < textdiff.DIFF_TIMEOUT


def test_long_text_without_sentence_end_is_split_for_sudachi():
    old = "、".join(["電気通信事業者の義務"] * 3_000)  # 32,999 characters, no 。
    new = old[:20_000] + "特定" + old[20_000:]
    assert "".join(tokens(old)) == old
    assert spans(diff(old, new)) == ([], [(20_000, 20_002)])


def test_more_tokens_than_the_bmp_private_use_area():
    letters = string.ascii_lowercase

    def word(k: int) -> str:
        return "q" + letters[k // 676] + letters[k // 26 % 26] + letters[k % 26]

    old = "、".join(word(k) for k in range(7_000))
    new = old.replace("、" + word(6_900) + "、", "、当社、")
    assert len(set(tokens(old))) > 6_400
    assert changed(old, new) == ([word(6_900)], ["当社"])


def test_timeout_falls_back_to_difflib_with_a_warning(monkeypatch):
    monkeypatch.setattr(textdiff, "DIFF_TIMEOUT", -1.0)
    old = "本規約は、当社が提供するサービスに適用されます。"
    new = "本規約は、弊社が提供するサービスに適用されます。"
    with pytest.warns(RuntimeWarning, match="difflib"):
        ops = diff(old, new)
    assert rebuilt(ops) == (old, new)
    assert spans(ops) == ([(5, 7)], [(5, 7)])


def test_lone_surrogate_does_not_break_tokenizing():
    assert rebuilt(diff("当社\ud800は", "弊社\ud800は")) == ("当社\ud800は", "弊社\ud800は")


def test_金額は一語として傍線():
    """Sudachi cuts digits one by one; a changed amount is still underlined whole."""
    old, new = "月額1,078円とする。", "月額1,100円とする。"
    old_spans, new_spans = spans(diff(old, new))
    assert [old[s:e] for s, e in old_spans] == ["1,078"] and [new[s:e] for s, e in new_spans] == ["1,100"]
