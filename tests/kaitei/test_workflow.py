"""kaitei.workflow: the corpus workflow as a library user calls it — the dates and id of an added version,
the version a check follows and the rules in force, which two versions a corpus diff compares,
reading an edited source, regress."""

import datetime

import pytest

import kaitei
from conftest import SHARED

SMARTME = SHARED / "fixtures" / "smartme"
SEED_001 = SHARED / "seeds" / "001_7e37787a9c4c9856.txt"
D = datetime.date


@pytest.fixture
def corpus(tmp_path):
    store = kaitei.open_corpus(tmp_path / "c", create=True)
    store.add("smartme", SMARTME / "old.txt", effective=D(2025, 6, 1), publish=True)
    store.add("smartme", SMARTME / "new.txt", publish=True)
    return store


def test_added_dates_come_from_the_text_or_the_caller(corpus):
    old, new = corpus.versions("smartme")
    assert (old.id, old.dates_from) == ("2025-06-01", {"effective": "--effective"})
    assert (new.id, new.announced, new.effective) == ("2025-10-01", D(2025, 9, 24), D(2025, 10, 1))
    assert new.dates_from == {"announced": "改定日 (附則の日付)", "effective": "施行・実施の定め (附則/施行日)"}
    assert corpus.missing_dates(old) == [] and corpus.missing_dates(new) == []


def test_a_version_without_dates_gets_the_next_id_and_says_what_is_missing(tmp_path):
    store = kaitei.open_corpus(tmp_path / "c", create=True)
    first = store.add("memo", b"\xe7\xac\xac1\xe6\x9d\xa1\n\xe6\x9c\xac\xe6\x96\x87\n", name="memo.txt")  # 第1条 本文
    assert first.id == "v1" and store.missing_dates(first) == ["effective"]  # a first version announces nothing
    second = store.add("memo", b"\xe7\xac\xac1\xe6\x9d\xa1\n\xe5\xa4\x89\xe6\x9b\xb4\n", name="memo.txt")
    assert second.id == "v2" and store.missing_dates(second) == ["announced", "effective"]


def test_previous_and_live(corpus):
    old, new = corpus.versions("smartme")
    assert corpus.previous(new) == old and corpus.previous(old) is None
    assert corpus.live("smartme", D(2025, 9, 30)) == old
    assert corpus.live("smartme", D(2025, 10, 1)) == new
    assert corpus.live("smartme", D(2025, 5, 31)) is None


def test_check_follows_the_previous_version_under_the_rules_in_force(corpus):
    draft = corpus.add("smartme", SMARTME / "new.txt", version="draft", announced=D(2025, 9, 28), effective=D(2025, 10, 1))
    report = corpus.check("smartme")  # the newest draft
    assert report.version.id == draft.id == "draft"
    assert (report.previous.id, report.in_force.id) == ("2025-10-01", "2025-06-01")
    assert report.to_dict()["counts"] == report.counts
    assert set(report.to_dict()) == {"document", "version", "previous", "in_force", "counts", "findings"}


def test_the_pair_a_corpus_diff_compares(corpus):
    corpus.add("smartme", SMARTME / "new.txt", version="draft", effective=D(2030, 1, 1))
    old, new = corpus.pair("smartme")  # the version live today, the newest draft
    assert (old.id, new.id) == ("2025-10-01", "draft")
    assert [v.id for v in corpus.pair("smartme", "2025-06-01", "2025-10-01")] == ["2025-06-01", "2025-10-01"]
    table = corpus.compare("smartme", "2025-06-01", "2025-10-01")
    assert table.effective == D(2025, 10, 1) and len(table.changes) == 15
    with pytest.raises(kaitei.SourceError, match="no version 'nope'"):
        corpus.pair("smartme", "nope")


def test_the_recorded_effective_date_dates_the_table(corpus):
    corpus.add("smartme", SMARTME / "new.txt", version="later", effective=D(2025, 11, 1))
    table = corpus.compare("smartme", "2025-06-01", "later")
    assert table.effective == D(2025, 11, 1)  # not the 附則's 2025-10-01
    assert "2025年11月1日~" in kaitei.write(table, "html").decode()


def test_an_edited_source_is_read_with_a_note(corpus):
    new = corpus.version("smartme", "2025-10-01")
    assert corpus.read(new).notes == []
    with open(new.source_path, "a", encoding="utf-8") as f:
        f.write("第99条（追加）\n手で書き足した条文\n")
    notes = corpus.read("smartme", "2025-10-01").notes
    assert any("edited since it was added" in n for n in notes)
    assert any("edited since it was added" in n for n in corpus.check("smartme", "2025-10-01").notes)


def test_regress_finds_and_accepts_a_changed_snapshot(corpus):
    assert corpus.regress().differing == []
    tree = corpus.version("smartme", "2025-10-01").path / "tree.xml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("実施します", "施行します"), encoding="utf-8")
    result = corpus.regress("smartme")
    assert result.checked == 2 and [r.version.id for r in result.differing] == ["2025-10-01"]
    assert result.differing[0].changes[0].startswith("~ 附則第1項")
    corpus.regress(update=True)
    assert corpus.regress().differing == []


def test_no_corpus_is_one_clear_error(tmp_path):
    with pytest.raises(kaitei.SourceError, match="not a kaitei corpus"):
        kaitei.open_corpus(tmp_path)
