"""renderer.output: folders appear whole or not at all, and a site folder is kept in step.
(Single files: corpus.atomic, tests/corpus/test_atomic.py.)"""

import os

import pytest

from renderer.output import write_folder


def test_write_folder(tmp_path):
    folder = tmp_path / "demo"
    write_folder(folder, {"a.json": b"{}", "a.txt": b"x"})
    assert sorted(os.listdir(folder)) == ["a.json", "a.txt"]
    assert os.listdir(tmp_path) == ["demo"]


def test_write_folder_into_an_empty_folder(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    write_folder(folder, {"a.txt": b"x"})
    assert os.listdir(folder) == ["a.txt"]


def test_write_folder_refuses_a_non_empty_folder(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "mine.txt").write_bytes(b"keep")
    with pytest.raises(FileExistsError):
        write_folder(folder, {"a.txt": b"x"})
    assert os.listdir(folder) == ["mine.txt"]
    assert os.listdir(tmp_path) == ["demo"]


def test_write_folder_failure_leaves_nothing(tmp_path):
    with pytest.raises(OSError):
        write_folder(tmp_path / "demo", {"a.txt": b"x", "a.txt/b.txt": b"y"})  # a file cannot hold a file
    assert os.listdir(tmp_path) == []


def test_write_folder_makes_subfolders(tmp_path):
    write_folder(tmp_path / "demo", {"site/versions/v1/terms.html": b"x"})
    assert (tmp_path / "demo" / "site" / "versions" / "v1" / "terms.html").read_bytes() == b"x"


# -- sync_folder: a published site kept in step -------------------------------------------------


def test_sync_folder_writes_keeps_and_removes(tmp_path):
    from renderer.output import MANIFEST, sync_folder

    site = tmp_path / "site"
    done = sync_folder(site, {"index.html": b"a", "versions/v1/terms.pdf": b"p", "notice.html": b"n"})
    assert sorted(done.written) == ["index.html", "notice.html", "versions/v1/terms.pdf"]
    (site / "CNAME").write_text("example.jp")  # the user's own file
    before = (site / "index.html").stat().st_mtime_ns
    done = sync_folder(site, {"index.html": b"a", "versions/v2/terms.pdf": b"q"})
    assert done.unchanged == ["index.html"] and done.written == ["versions/v2/terms.pdf"]
    assert sorted(done.removed) == ["notice.html", "versions/v1/terms.pdf"]
    assert (site / "index.html").stat().st_mtime_ns == before  # unchanged files are not rewritten
    assert not (site / "versions" / "v1").exists()  # the folder it left empty is gone
    assert (site / "CNAME").read_text() == "example.jp"
    assert (site / MANIFEST).read_text() == "index.html\nversions/v2/terms.pdf\n"


def test_sync_folder_never_overwrites_a_file_it_did_not_write(tmp_path):
    from renderer.output import sync_folder

    (tmp_path / "index.html").write_text("the company's own page")
    with pytest.raises(FileExistsError):
        sync_folder(tmp_path, {"index.html": b"kaitei", "history.html": b"h"})
    assert (tmp_path / "index.html").read_text() == "the company's own page"
    assert not (tmp_path / "history.html").exists()  # refused before anything was written
    sync_folder(tmp_path, {"index.html": b"the company's own page"})  # the same bytes are no conflict


def test_sync_folder_ignores_manifest_entries_outside_the_folder(tmp_path):
    from renderer.output import MANIFEST, sync_folder

    outside = tmp_path / "precious.txt"
    outside.write_text("keep")
    site = tmp_path / "site"
    site.mkdir()
    (site / MANIFEST).write_text("../precious.txt\n/etc/hostname\n")
    sync_folder(site, {"index.html": b"x"})
    assert outside.read_text() == "keep"


def test_sync_folder_refuses_a_file_as_folder(tmp_path):
    from renderer.output import sync_folder

    (tmp_path / "site").write_text("x")
    with pytest.raises(NotADirectoryError):
        sync_folder(tmp_path / "site", {"index.html": b"x"})
