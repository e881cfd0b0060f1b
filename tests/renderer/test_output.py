"""renderer.output: files and folders appear whole or not at all."""

import os
import stat

import pytest

import renderer.output
from renderer.output import write_file, write_folder


def test_write_file_creates_and_replaces(tmp_path):
    target = tmp_path / "out.json"
    write_file(target, b"first")
    assert target.read_bytes() == b"first"
    target.chmod(0o640)
    write_file(target, b"second")
    assert target.read_bytes() == b"second"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the old file's mode is kept
    assert os.listdir(tmp_path) == ["out.json"]


def test_new_file_gets_the_usual_mode_not_the_temp_files(tmp_path):
    target = tmp_path / "out.txt"
    write_file(target, b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(renderer.output.os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_missing_folder_is_an_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_file(tmp_path / "no" / "out.txt", b"x")


def test_directory_target_is_refused(tmp_path):
    with pytest.raises(IsADirectoryError):
        write_file(tmp_path, b"x")


def test_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_file(fifo, b"through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # not replaced by a regular file


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
        write_folder(tmp_path / "demo", {"a.txt": b"x", "sub/b.txt": b"y"})  # no such subfolder
    assert os.listdir(tmp_path) == []
