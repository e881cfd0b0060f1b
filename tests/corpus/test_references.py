"""References of one document (corpus.references): what find_references reads on real documents and
what each resolves to — seed 002 and the other seeds and examples, terms documents from public
repositories, and the e-Gov laws (which cite other laws a lot)."""

import re

import pytest
from conftest import ROOT, SHARED
from hypothesis import example, given, settings
from hypothesis import strategies as st

import corpus
from corpus.model import Document
from corpus.readers.text import parse_text
from corpus.references import Reference, find_references, resolve

SEEDS = SHARED / "seeds"
SEED_002 = SEEDS / "002_4051e03855db9ccf.txt"
UCPA = SHARED / "laws" / "405AC0000000047_20240613_505AC0000000051.txt"  # 不正競争防止法


def _refs_at(doc: Document, place: str) -> list[Reference]:
    return [r for r in find_references(doc) if r.place == place]


# ---------------------------------------------------------------------------
# Seed 002 as published


def test_seed002_references_all_resolve():
    refs = find_references(corpus.read(SEED_002))
    assert len(refs) >= 30
    assert all(r.target is not None for r in refs)


@pytest.mark.parametrize(
    "place, shown, target, caption",
    [
        ("第8条第1項第1号", "第11条(利用停止)", "第11条", "利用停止"),
        ("第16条第1項", "第20条(責任の制限)", "第20条", "責任の制限"),
        ("第27条第2項", "第20条(責任の制限)", "第20条", "責任の制限"),  # printed 「第20条(責任の制\n限)」
        ("第18条第1項", "第22条(本サービスの廃止)", "第22条", "本サービスの廃止"),
        ("第18条第1項", "第7条(契約者が行う本契約の解約)", "第7条", "契約者が行う本契約の解約"),
        ("第18条第1項", "第8条(当社が行う本契約の解約)", "第8条", "当社が行う本契約の解約"),
        ("第9条第1項", "第24条(契約者に対する通知)", "第24条", "契約者に対する通知"),
    ],
)
def test_seed002_references_resolve_to_the_articles_they_name(place, shown, target, caption):
    doc = corpus.read(SEED_002)
    [ref] = [r for r in _refs_at(doc, place) if r.shown == shown]
    assert ref.kind == "absolute"
    assert ref.target_place == target
    assert ref.target.kind == "Article" and ref.target.caption == caption
    assert resolve(ref, doc) is ref.target


def test_seed002_caption_split_by_a_hard_wrap_is_read_whole():
    assert re.search(r"第20条\(責任の制 *\n\s*限\)", SEED_002.read_text(encoding="utf-8"))  # as the PDF extract has it
    doc = corpus.read(SEED_002)
    [ref] = _refs_at(doc, "第27条第2項")[1:]
    assert ref.caption == "(責任の制限)"


def test_seed002_item_cited_by_its_printed_label():
    doc = corpus.read(SEED_002)
    [ref] = _refs_at(doc, "第8条第1項第5号")
    assert ref.shown == "第23条第1項(7)"
    assert ref.target.kind == "Item" and ref.target.label == "(7)"
    assert ref.target.text.startswith("法令、本規約若しくは公序良俗に反する行為")
    assert ref.target_place == "第23条第1項第7号"


@pytest.mark.parametrize(
    "place, shown, target",
    [
        ("第4条第3項第6号", "前各号", "第4条第3項第5号"),  # the items before it
        ("第4条第4項", "前項各号", "第4条第3項"),
        ("第4条第4項", "第２項", "第4条第2項"),  # full-width, of the article it stands in
        ("第20条第3項", "前2項", "第20条第2項"),
        ("第26条第3項", "前二項", "第26条第2項"),
        ("第21条第4項", "この条", "第21条"),
        ("第8条第2項第5号", "前各号", "第8条第2項第4号"),
    ],
)
def test_seed002_relative_references(place, shown, target):
    doc = corpus.read(SEED_002)
    assert target in [r.target_place for r in _refs_at(doc, place) if r.shown == shown]


# ---------------------------------------------------------------------------
# Other seeds, the bundled examples, terms documents from public repositories


@pytest.mark.parametrize(
    "path",
    [*sorted(SEEDS.glob("00[0-3]_*.txt")), *sorted((ROOT / "kaitei" / "examples").glob("*.txt"))],
    ids=lambda p: p.name,
)
def test_seeds_and_examples_have_references(path):
    assert len(find_references(corpus.read(path))) > 0


def test_seed000_external_references_are_skipped():
    doc = corpus.read(SEEDS / "000_2e34f86ba2085a25.txt")
    external = [r for r in find_references(doc, external=True) if r.external]
    # 暴力団員による不当な行為の防止等に関する法律（平成 3年法律第 77号）第 2 条第 2 号, 同法第 2 条第 6 号
    assert [r.shown for r in external] == ["第77号", "第2条第2号", "第2条第6号"]
    assert all(r.place == "第3条第7号" for r in external)


def test_seed000_spaced_citations_and_own_name():
    doc = corpus.read(SEEDS / "000_2e34f86ba2085a25.txt")
    refs = find_references(doc)
    # 「閉め出しトラブル対応サービス（第 3 条第 12 号に定める…」 and 「本規約第 3条第 2号」
    assert [(r.text, r.target_place) for r in refs[:2]] == [
        ("第 3 条第 12 号", "第3条第12号"),
        ("第 3条第 2号", "第3条第2号"),
    ]
    # 「イ 本アプリを用いて前号に定める…」: in a terms document the ア before it
    [ref] = _refs_at(doc, "第6条第1号イ")
    assert ref.target.label == "ア"


def test_terms_document_calls_its_numbered_paragraphs_items():
    """ichisan 第２条: (1) (2) (3) are 項 to the editor: 「(3) …前項のルール」 is (2)."""
    path = SHARED / "realworld" / "ichisan-terms-txt" / "0b303b9ad3dd470c95b41d70925d53be3cfa8017.txt"
    [ref] = _refs_at(corpus.read(path), "第2条第3号")
    assert ref.target_place == "第2条第2号"


# ---------------------------------------------------------------------------
# Laws


def test_law_internal_references_all_resolve():
    refs = find_references(corpus.read(UCPA), external=True)
    internal = [r for r in refs if not r.external]
    assert len(internal) > 300
    assert [r for r in internal if r.target is None] == []


def test_law_lists_and_parenthesised_exceptions():
    doc = corpus.read(UCPA)
    # 第二十三条 「第二十一条第一項、第二項、第四項（第四号を除く。）、第五項若しくは第六項の罪又は前条第一項（第三号を除く。）」
    targets = [(r.text, r.target_place) for r in _refs_at(doc, "第23条第1項")]
    assert targets[:8] == [
        ("第二十一条第一項", "第21条第1項"),
        ("第二項", "第21条第2項"),
        ("第四項", "第21条第4項"),
        ("第四号", "第21条第4項第4号"),
        ("第五項", "第21条第5項"),
        ("第六項", "第21条第6項"),
        ("前条第一項", "第22条第1項"),
        ("第三号", "第22条第1項第3号"),
    ]


def test_law_references_to_other_laws_are_not_this_documents():
    refs = find_references(corpus.read(UCPA), external=True)
    assert sum("another law or document" in r.external for r in refs) > 100
    # 「民事訴訟法第九十二条第一項」 and 「商標法第二条第一項」 are skipped, never resolved
    for ref in refs:
        s = ref.node.text if not ref.in_caption else ref.node.caption
        if s[: ref.start].endswith(("民事訴訟法", "商標法")):
            assert ref.external and ref.target is None


# ---------------------------------------------------------------------------
# Robustness

# The characters references are made of, and the words around them that make or unmake one.
ALPHABET = "第条項号前次本同各のノ附則別紙表一二三十百0123４５ 　（）()「」、及び又は法律民規約件目ア(7)①\n"


def documents(text: str):
    """``text`` parsed alone and as the text of an article, a paragraph and an item (parse_text)."""
    for source in (text, "第1条 目的\n" + text + "\n2 " + text + "\n(1) " + text + "\n第2条 定義\n" + text):
        yield parse_text(source, source="prop")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
@example("0\n\n前号")  # 前号 in a 項 at the top of the document, outside any article: crashed the resolver
def test_any_text_reads_without_error_and_references_point_into_it(text):
    for doc in documents(text):
        for ref in find_references(doc, external=True):
            s = ref.node.caption if ref.in_caption else ref.node.text
            assert ref.text and s[ref.start : ref.start + len(ref.text)] == ref.text
            assert ref.end >= ref.start + len(ref.text)
