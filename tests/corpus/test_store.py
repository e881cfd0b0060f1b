"""corpus.store: the corpus folder — layout, atomic writes, the lock, published versions kept, checksums."""

import datetime
import os
import tomllib

import pytest

from conftest import SHARED
from corpus.errors import SourceError
from corpus.store import Version, find_corpus, init, open_corpus

OLD = SHARED / "fixtures" / "smartme" / "old.txt"
NEW = SHARED / "fixtures" / "smartme" / "new.txt"
D = datetime.date


def add(corpus, vid, path, *, status="draft", announced=None, effective=None):
    v = Version(doc="smartme", id=vid, status=status, announced=announced, effective=effective, source="source.txt")
    return corpus.add_version(v, path.read_bytes(), b"<Law/>", title="Smart Meサービス利用規約")


def test_layout_as_in_design(tmp_path):
    corpus = init(tmp_path / "c")
    add(corpus, "2025-10-01", NEW, status="published", announced=D(2025, 9, 24), effective=D(2025, 10, 1))
    root = tmp_path / "c"
    assert (root / "kaitei.toml").is_file()
    assert tomllib.loads((root / "smartme" / "document.toml").read_text())["title"] == "Smart Meサービス利用規約"
    folder = root / "smartme" / "2025-10-01"
    assert (folder / "source.txt").read_bytes() == NEW.read_bytes()  # bytes kept
    record = tomllib.loads((folder / "version.toml").read_text())
    assert record["announced"] == D(2025, 9, 24) and record["effective"] == D(2025, 10, 1)
    assert record["status"] == "published" and len(record["sha256"]) == 64
    assert (folder / "tree.xml").read_bytes() == b"<Law/>"
    assert not list(root.rglob(".tmp-*"))


def test_published_version_is_never_overwritten(tmp_path):
    corpus = init(tmp_path)
    add(corpus, "v1", OLD, status="published", effective=D(2025, 6, 1))
    with pytest.raises(SourceError, match="never overwritten"):
        add(corpus, "v1", NEW, status="published", effective=D(2025, 6, 1))
    assert (tmp_path / "smartme" / "v1" / "source.txt").read_bytes() == OLD.read_bytes()


def test_draft_is_replaced_whole(tmp_path):
    corpus = init(tmp_path)
    add(corpus, "v2", OLD)
    add(corpus, "v2", NEW, effective=D(2025, 10, 1))
    [v] = corpus.versions("smartme")
    assert v.source_path.read_bytes() == NEW.read_bytes() and v.effective == D(2025, 10, 1)
    assert not v.modified()


def test_edited_source_is_reported(tmp_path):
    corpus = init(tmp_path)
    v = add(corpus, "v1", OLD)
    assert not corpus.versions("smartme")[0].modified()
    with open(v.source_path, "ab") as f:
        f.write("追記".encode())
    assert corpus.versions("smartme")[0].modified()


def test_live_is_latest_published_effective_on_or_before(tmp_path):
    corpus = init(tmp_path)
    add(corpus, "old", OLD, status="published", effective=D(2025, 6, 1))
    add(corpus, "new", NEW, status="published", announced=D(2025, 9, 24), effective=D(2025, 10, 1))
    add(corpus, "draft", NEW, effective=D(2025, 12, 1))
    assert corpus.live("smartme", D(2025, 5, 31)) is None
    assert corpus.live("smartme", D(2025, 9, 30)).id == "old"
    assert corpus.live("smartme", D(2025, 10, 1)).id == "new"
    assert corpus.live("smartme", D(2026, 1, 1)).id == "new"  # a draft is never live
    assert corpus.newest_draft("smartme").id == "draft"
    assert [v.id for v in corpus.versions("smartme")] == ["old", "new", "draft"]


def test_leftovers_of_an_interrupted_write_are_ignored_then_removed(tmp_path):
    corpus = init(tmp_path)
    add(corpus, "v1", OLD)
    junk = tmp_path / "smartme" / ".tmp-abc"
    junk.mkdir()
    (junk / "version.toml").write_text('id = "junk"\n')
    assert [v.id for v in corpus.versions("smartme")] == ["v1"]
    add(corpus, "v2", NEW)
    assert not junk.exists()


@pytest.mark.parametrize("name", ["", "../x", "a/b", ".hidden", " lead"])
def test_names_cannot_escape_the_corpus(tmp_path, name):
    corpus = init(tmp_path)
    with pytest.raises(SourceError, match="not a usable"):
        corpus.add_version(Version(doc=name or "", id="v1"), b"x", b"")


def test_finding_the_corpus(tmp_path, monkeypatch):
    init(tmp_path / "c")
    deep = tmp_path / "c" / "smartme" / "x"
    deep.mkdir(parents=True)
    monkeypatch.delenv("KAITEI_CORPUS", raising=False)
    assert find_corpus(start=deep).root == tmp_path / "c"
    monkeypatch.setenv("KAITEI_CORPUS", str(tmp_path / "c"))
    assert find_corpus(start=tmp_path).root == tmp_path / "c"
    assert find_corpus(str(tmp_path / "c")).root == tmp_path / "c"
    monkeypatch.delenv("KAITEI_CORPUS")
    with pytest.raises(SourceError, match="no kaitei corpus"):
        find_corpus(start=tmp_path)
    with pytest.raises(SourceError, match="already a kaitei corpus"):
        init(tmp_path / "c")
    with pytest.raises(SourceError, match="not a kaitei corpus"):
        open_corpus(tmp_path)


def test_unknown_document_and_version(tmp_path):
    corpus = init(tmp_path)
    add(corpus, "v1", OLD)
    with pytest.raises(SourceError, match="no such document"):
        corpus.versions("other")
    with pytest.raises(SourceError, match="no version 'v9'"):
        corpus.version("smartme", "v9")


def test_bad_version_toml_is_one_clear_error(tmp_path):
    corpus = init(tmp_path)
    v = add(corpus, "v1", OLD)
    (v.path / "version.toml").write_text('effective = "next week"\n')
    with pytest.raises(SourceError, match="must be a date"):
        corpus.versions("smartme")
    (v.path / "version.toml").write_text("effective = [\n")
    with pytest.raises(SourceError, match="cannot read"):
        corpus.versions("smartme")


def test_folder_modes_follow_umask(tmp_path):
    corpus = init(tmp_path)
    v = add(corpus, "v1", OLD)
    mask = os.umask(0)
    os.umask(mask)
    assert oct(v.path.stat().st_mode & 0o777) == oct(0o777 & ~mask)


def test_records_are_written_by_the_one_atomic_writer(tmp_path, monkeypatch):
    import corpus.store

    written = []
    real = corpus.store.write_file
    monkeypatch.setattr(corpus.store, "write_file", lambda path, data: (written.append(path.name), real(path, data)))
    store = init(tmp_path)
    v = add(store, "v1", OLD)
    store.update_tree(v, b"<Law>new</Law>")
    assert written == ["kaitei.toml", "document.toml", "tree.xml"]
    assert (v.path / "tree.xml").read_bytes() == b"<Law>new</Law>"
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "kaitei.toml").stat().st_mode & 0o777 == 0o666 & ~mask  # as any new file (was 0o644)


def test_update_tree_keeps_the_files_mode(tmp_path):
    store = init(tmp_path)
    v = add(store, "v1", OLD)
    (v.path / "tree.xml").chmod(0o600)
    store.update_tree(v, b"<Law/>")
    assert (v.path / "tree.xml").stat().st_mode & 0o777 == 0o600


def test_a_temporary_file_left_by_a_killed_write_is_removed(tmp_path):
    store = init(tmp_path)
    add(store, "v1", OLD)
    junk = tmp_path / "smartme" / ".document.toml.k1ll3d.tmp"
    junk.write_text("half")
    assert store.documents() == ["smartme"]
    add(store, "v2", NEW)
    assert not junk.exists()


def test_open_corpus_checks_kaitei_toml(tmp_path):
    init(tmp_path)
    (tmp_path / "kaitei.toml").write_text('[policy]\nnotice_days = "30"\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r'kaitei\.toml \[policy\] notice_days = "30": must be a whole number'):
        open_corpus(tmp_path)
    (tmp_path / "kaitei.toml").write_text("[policy]\nnotice_days = 30\n[table]\nlayout = 'new-left'\n", encoding="utf-8")
    config = open_corpus(tmp_path).config
    assert config.policy.notice_days == 30 and config.table.layout == "new-left"
