"""References (diffing.references) on real documents: seed 002 as published and revised by an
editor who forgot to update its references, the other seeds and examples, terms documents from
public repositories, and the e-Gov laws (which cite other laws a lot)."""

import re

import pytest
from conftest import ROOT, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from corpus.model import Document
from corpus.readers.text import parse_text
from diffing.references import Reference, check_references, find_references, resolve

SEEDS = SHARED / "seeds"
SEED_002 = SEEDS / "002_4051e03855db9ccf.txt"
LAWS = SHARED / "laws"
UCPA_OLD = LAWS / "405AC0000000047_20240216_505AC0000000028.txt"  # 不正競争防止法
UCPA = LAWS / "405AC0000000047_20240613_505AC0000000051.txt"
LAW_PAIRS = [
    ("359AC0000000086_20230614_505AC0000000053", "359AC0000000086_20230616_504AC0000000070"),  # 電気通信事業法
    ("334AC0000000121_20250616_504AC0000000068", "334AC0000000121_20260524_504AC0000000048"),  # 特許法
    ("405AC0000000047_20240216_505AC0000000028", "405AC0000000047_20240613_505AC0000000051"),  # 不正競争防止法
]
ARTICLE_HEADING = re.compile(r"^([ \u3000]*)第(\d+)条(?= )", re.MULTILINE)  # seed 002: 「 第24条 契約者に対する通知 」


def _seed002() -> str:
    return SEED_002.read_text(encoding="utf-8")


def _renumbered(text: str, start: int, by: int) -> str:
    """The article headings from 第``start``条 on moved by ``by``, as an editor renumbers them."""
    return ARTICLE_HEADING.sub(
        lambda m: f"{m[1]}第{int(m[2]) + by}条" if int(m[2]) >= start else m[0], text
    )


def _heading_at(text: str, num: int) -> int:
    return next(m.start() for m in ARTICLE_HEADING.finditer(text) if int(m[2]) == num)


def _seed002_article_inserted_before_24() -> str:
    """Seed 002 with a new 第24条 inserted before 第24条 (契約者に対する通知), later articles
    renumbered, and every referring text left as it was."""
    text = _seed002()
    at = _heading_at(text, 24)
    new_article = (
        " 第24条 反社会的勢力の排除 \n\n"
        "契約者は、自らが反社会的勢力に該当しないことを表明し、将来にわたっても該当しないことを保証するものとします。 \n\n \n"
    )
    return text[:at] + new_article + _renumbered(text[at:], 24, 1)


def _refs_at(doc: Document, place: str) -> list[Reference]:
    return [r for r in find_references(doc) if r.place == place]


def _errors(findings) -> list:
    return [f for f in findings if f.level == "error"]


# ---------------------------------------------------------------------------
# Seed 002 as published


def test_seed002_has_no_reference_findings():
    doc = corpus.read(SEED_002)
    refs = find_references(doc)
    assert len(refs) >= 30
    assert all(r.target is not None for r in refs)
    assert check_references(doc) == []
    assert check_references(doc, corpus.read(SEED_002)) == []  # compared with itself: nothing moved


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
    assert re.search(r"第20条\(責任の制 *\n\s*限\)", _seed002())  # as the PDF extract has it
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
# Seed 002 revised: an article inserted before 第24条, references left as they were


def test_inserted_article_makes_the_kept_references_errors_suggesting_the_new_number():
    old = corpus.read(SEED_002)
    new = parse_text(_seed002_article_inserted_before_24(), source="002-revised")
    assert [a.caption for a in new.articles()][23:25] == ["反社会的勢力の排除", "契約者に対する通知"]

    findings = check_references(new, old)

    assert {f.place for f in findings} == {"第9条第1項", "第12条第2項", "第12条第3項"}
    for f in findings:
        assert f.level == "error" and f.check == "references"
        assert f.suggestion == "第25条"
        # one finding per reference, saying both what the caption and what the revision show
        assert "見出しが参照先と一致しません" in f.message_ja and "第25条になりました" in f.message_ja
        assert "第24条" in f.basis
    # these are the articles that hold the text
    for place in ("第9条第1項", "第12条第2項", "第12条第3項"):
        assert [r.shown for r in _refs_at(new, place)] == ["第24条(契約者に対する通知)"]


def test_inserted_article_without_the_old_version_caught_by_the_caption():
    new = parse_text(_seed002_article_inserted_before_24(), source="002-revised")
    findings = check_references(new)
    assert {f.place for f in findings} == {"第9条第1項", "第12条第2項", "第12条第3項"}
    assert {f.suggestion for f in findings} == {"第25条"}
    assert all("第25条になりました" not in f.message_ja for f in findings)


def test_references_updated_by_the_editor_are_not_reported():
    old = corpus.read(SEED_002)
    text = _seed002_article_inserted_before_24()
    text = text.replace("第24条(契約者に対する通知)", "第25条(契約者に対する通知)")
    new = parse_text(text, source="002-revised")
    assert check_references(new, old) == []


def test_deleted_article_shifts_the_later_references():
    text = _seed002()
    start, end = _heading_at(text, 22), _heading_at(text, 23)
    new = parse_text(text[:start] + _renumbered(text[end:], 23, -1), source="002-deleted")
    findings = {f.place: f for f in check_references(new, corpus.read(SEED_002))}

    # 第18条 cites the deleted 第22条(本サービスの廃止): 第22条 is now 契約者の義務
    deleted = findings.pop("第18条第1項")
    assert deleted.level == "error"
    assert "削除され" in deleted.message_ja and "見出しが参照先と一致しません" in deleted.message_ja
    # 第23条第1項(7) is now 第22条第1項第7号; 第24条(契約者に対する通知) became 第23条
    item = findings.pop("第8条第1項第5号")
    assert item.level == "error" and item.suggestion == "第22条第1項第7号"
    assert set(findings) == {"第9条第1項", "第12条第2項", "第12条第3項"}
    assert {f.suggestion for f in findings.values()} == {"第23条"}


def test_paragraph_inserted_before_a_zenkou_reference():
    """第5条 gets a new 第2項; the old 第2項 (now 第3項) still says 前項, which now means the new one."""
    text = _seed002()
    kept = "2 前項の規定により、契約者の地位を承継した者は"
    assert kept in text
    inserted = "2 当社は、前項の承継を確認した場合、その旨を契約者に通知します。 \n\n"
    text = text.replace(kept, inserted + "3" + kept[1:])
    new = parse_text(text, source="002-paragraph")
    [finding] = check_references(new, corpus.read(SEED_002))
    assert finding.place == "第5条第3項"
    assert finding.suggestion == "第5条第1項"
    assert "前項" in finding.message_ja


# ---------------------------------------------------------------------------
# Other seeds, the bundled examples, terms documents from public repositories


@pytest.mark.parametrize(
    "path",
    [*sorted(SEEDS.glob("00[0-3]_*.txt")), *sorted((ROOT / "kaitei" / "examples").glob("*.txt"))],
    ids=lambda p: p.name,
)
def test_seeds_and_examples_have_no_reference_errors(path):
    doc = corpus.read(path)
    assert len(find_references(doc)) > 0
    assert _errors(check_references(doc)) == []


def test_smartme_extract_cites_an_article_it_does_not_hold_as_a_warning():
    doc = corpus.read(ROOT / "kaitei" / "examples" / "smartme-new.txt")
    [finding] = check_references(doc)
    assert finding.level == "warning" and finding.place == "第4条第4項"
    assert "第24条" in finding.message_ja and "抜粋" in finding.message_ja


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
    doc = corpus.read(path)
    [ref] = _refs_at(doc, "第2条第3号")
    assert ref.target_place == "第2条第2号"
    assert _errors(check_references(doc)) == []


def test_realworld_wrong_caption_is_found_with_the_article_that_has_it():
    """onocomm: 「第７条（禁止事項）」 while 禁止事項 is 第6条 (第7条 is サービスの停止)."""
    path = SHARED / "realworld" / "onocomm-contract" / "849c969bdaf4d562c8f2caf5ffbbfdd2ddbe4e72.md"
    [finding] = check_references(corpus.read(path, "text"))
    assert finding.level == "error"
    assert finding.place == "第7条第13項"
    assert finding.suggestion == "第6条"
    assert "サービスの停止" in finding.message_ja


# ---------------------------------------------------------------------------
# Laws


def test_law_internal_references_all_resolve():
    doc = corpus.read(UCPA)
    refs = find_references(doc, external=True)
    internal = [r for r in refs if not r.external]
    assert len(internal) > 300
    assert [r for r in internal if r.target is None] == []
    assert check_references(doc) == []


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
    doc = corpus.read(UCPA)
    refs = find_references(doc, external=True)
    assert sum("another law or document" in r.external for r in refs) > 100
    # 「民事訴訟法第九十二条第一項」 and 「商標法第二条第一項」 are skipped, never resolved
    for ref in refs:
        s = ref.node.text if not ref.in_caption else ref.node.caption
        if s[: ref.start].endswith(("民事訴訟法", "商標法")):
            assert ref.external and ref.target is None


@pytest.mark.parametrize("old, new", LAW_PAIRS, ids=[p[1][:15] for p in LAW_PAIRS])
def test_law_revisions_update_their_references(old, new):
    """A law amendment updates every reference it moves: comparing two revisions reports nothing."""
    assert check_references(corpus.read(LAWS / f"{new}.txt"), corpus.read(LAWS / f"{old}.txt")) == []


# ---------------------------------------------------------------------------
# Robustness


_ALPHABET = "第条項号前次本同各のノ附則別紙表一二三十百0123４５ 　（）()「」、及び又は法律民規約件目ア(7)①\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_any_text_reads_without_error_and_references_point_into_it(text):
    for source in (text, "第1条 目的\n" + text + "\n2 " + text + "\n(1) " + text + "\n第2条 定義\n" + text):
        doc = parse_text(source, source="prop")
        for ref in find_references(doc, external=True):
            s = ref.node.caption if ref.in_caption else ref.node.text
            assert ref.text and s[ref.start : ref.start + len(ref.text)] == ref.text
            assert ref.end >= ref.start + len(ref.text)
        check_references(doc, doc)
