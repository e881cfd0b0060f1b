"""The references check (diffing.reference_check) on real documents: seed 002 as published and revised
by an editor who forgot to update its references, the other seeds and examples, terms documents from
public repositories, and revisions of e-Gov laws."""

import re

import pytest
from conftest import ROOT, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from corpus.references import find_references
from corpus.readers.text import parse_text
from diffing.reference_check import check_references
from tests.corpus.test_references import ALPHABET, documents

SEEDS = SHARED / "seeds"
SEED_002 = SEEDS / "002_4051e03855db9ccf.txt"
LAWS = SHARED / "laws"
UCPA = LAWS / "405AC0000000047_20240613_505AC0000000051.txt"  # 不正競争防止法
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


def seed002_article_inserted_before_24() -> str:
    """Seed 002 with a new 第24条 inserted before 第24条 (契約者に対する通知), later articles
    renumbered, and every referring text left as it was (the `kaitei check` tests use it too)."""
    text = _seed002()
    at = _heading_at(text, 24)
    new_article = (
        " 第24条 反社会的勢力の排除 \n\n"
        "契約者は、自らが反社会的勢力に該当しないことを表明し、将来にわたっても該当しないことを保証するものとします。 \n\n \n"
    )
    return text[:at] + new_article + _renumbered(text[at:], 24, 1)


def _errors(findings) -> list:
    return [f for f in findings if f.level == "error"]


# ---------------------------------------------------------------------------
# Seed 002 as published


def test_seed002_has_no_reference_findings():
    doc = corpus.read(SEED_002)
    assert check_references(doc) == []
    assert check_references(doc, corpus.read(SEED_002)) == []  # compared with itself: nothing moved


# ---------------------------------------------------------------------------
# Seed 002 revised: an article inserted before 第24条, references left as they were


def test_inserted_article_makes_the_kept_references_errors_suggesting_the_new_number():
    old = corpus.read(SEED_002)
    new = parse_text(seed002_article_inserted_before_24(), source="002-revised")
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
    refs = find_references(new)
    for place in ("第9条第1項", "第12条第2項", "第12条第3項"):
        assert [r.shown for r in refs if r.place == place] == ["第24条(契約者に対する通知)"]


def test_inserted_article_without_the_old_version_caught_by_the_caption():
    new = parse_text(seed002_article_inserted_before_24(), source="002-revised")
    findings = check_references(new)
    assert {f.place for f in findings} == {"第9条第1項", "第12条第2項", "第12条第3項"}
    assert {f.suggestion for f in findings} == {"第25条"}
    assert all("第25条になりました" not in f.message_ja for f in findings)


def test_references_updated_by_the_editor_are_not_reported():
    old = corpus.read(SEED_002)
    text = seed002_article_inserted_before_24()
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
    [
        *sorted(SEEDS.glob("00[0-3]_*.txt")),
        *sorted((ROOT / "kaitei" / "examples").glob("*.txt")),
        # ichisan: (1) (2) (3) are 項 to the editor (「(3) …前項のルール」)
        SHARED / "realworld" / "ichisan-terms-txt" / "0b303b9ad3dd470c95b41d70925d53be3cfa8017.txt",
    ],
    ids=lambda p: p.name,
)
def test_seeds_and_examples_have_no_reference_errors(path):
    assert _errors(check_references(corpus.read(path))) == []


def test_smartme_extract_cites_an_article_it_does_not_hold_as_a_warning():
    doc = corpus.read(ROOT / "kaitei" / "examples" / "smartme-new.txt")
    [finding] = check_references(doc)
    assert finding.level == "warning" and finding.place == "第4条第4項"
    assert "第24条" in finding.message_ja and "抜粋" in finding.message_ja


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


def test_law_has_no_reference_findings():
    assert check_references(corpus.read(UCPA)) == []


@pytest.mark.parametrize("old, new", LAW_PAIRS, ids=[p[1][:15] for p in LAW_PAIRS])
def test_law_revisions_update_their_references(old, new):
    """A law amendment updates every reference it moves: comparing two revisions reports nothing."""
    assert check_references(corpus.read(LAWS / f"{new}.txt"), corpus.read(LAWS / f"{old}.txt")) == []


# ---------------------------------------------------------------------------
# Robustness


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_any_text_is_checked_without_error(text):
    for doc in documents(text):
        check_references(doc, doc)
