"""corpus.atomic.write_file: a file appears whole or not at all."""

import os
import stat

import pytest

import corpus.atomic
from corpus.atomic import write_file


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

    monkeypatch.setattr(corpus.atomic.os, "replace", broken_replace)
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


def test_dev_null_is_written_in_place():
    write_file(os.devnull, b"nothing")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_the_data_is_on_disk_before_the_rename(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(corpus.atomic.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(corpus.atomic.os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b)))
    write_file(tmp_path / "out.txt", b"x")
    assert events == ["fsync", "replace"]


def test_an_interrupted_write_leaves_no_temporary(tmp_path, monkeypatch):
    def killed(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(corpus.atomic.os, "fsync", killed)
    with pytest.raises(KeyboardInterrupt):
        write_file(tmp_path / "out.txt", b"x")
    assert os.listdir(tmp_path) == []


def test_str_paths_are_taken(tmp_path):
    write_file(str(tmp_path / "out.txt"), b"x")
    assert (tmp_path / "out.txt").read_bytes() == b"x"
