"""Output folders written whole: ``write_folder`` creates one at once (a temporary folder beside it,
then a rename); ``sync_folder`` keeps a folder of many files (a published site) in step, each file
replaced atomically by corpus.atomic.write_file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from corpus.atomic import umask, write_file


def write_folder(path: str | os.PathLike[str], files: dict[str, bytes]) -> None:
    """Create folder ``path`` holding ``files`` (relative path → bytes), all at once.

    The files are written into a temporary folder beside ``path`` which is then renamed;
    ``path`` must not exist, or be an empty folder. FileExistsError otherwise.
    """
    path = Path(path)
    if path.exists() and not (path.is_dir() and not any(path.iterdir())):
        raise FileExistsError(17, "File exists and is not an empty folder", str(path))
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        for name, data in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_bytes(data)
        os.chmod(tmp, 0o777 & ~umask())
        os.replace(tmp, path)  # replaces an empty folder, fails on a non-empty one
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


MANIFEST = ".kaitei-site"  # the files sync_folder wrote into a folder, one path a line


@dataclass(slots=True)
class Synced:
    written: list[str] = field(default_factory=list)  # new or changed
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # written by an earlier sync, no longer wanted


def sync_folder(path: str | os.PathLike[str], files: dict[str, bytes]) -> Synced:
    """Make folder ``path`` hold ``files`` (relative POSIX path → bytes).

    Each changed file is replaced atomically and an unchanged one is left alone (a site kept in git
    shows only real changes); files an earlier sync wrote that are no longer in ``files`` are removed
    (a notice once its version is in force). Files the folder held before that kaitei did not write
    (.git, CNAME) are never touched: FileExistsError when one stands where a file must go.
    """
    root = Path(path)
    if root.exists() and not root.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(root))
    manifest = root / MANIFEST
    previous = set(manifest.read_text(encoding="utf-8").splitlines()) if manifest.is_file() else set()
    previous = {name for name in previous if name and ".." not in PurePosixPath(name).parts and not name.startswith("/")}
    for name, data in files.items():
        target = root / name
        if name in previous or not (target.exists() or target.is_symlink()):
            continue
        if not target.is_file() or target.is_symlink() or target.read_bytes() != data:
            raise FileExistsError(17, "kaitei did not write this file; move it away or publish into another folder", str(target))
    root.mkdir(parents=True, exist_ok=True)
    # The manifest first names every file this run may leave behind: an interrupted run is finished by the next.
    write_file(manifest, _manifest(previous | set(files)))
    done = Synced()
    for name, data in files.items():
        target = root / name
        if target.is_file() and target.read_bytes() == data:
            done.unchanged.append(name)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_file(target, data)
        done.written.append(name)
    for name in sorted(previous - set(files)):
        target = root / name
        if target.is_file() and not target.is_symlink():
            target.unlink()
            done.removed.append(name)
        for folder in target.parents:  # folders left empty
            if folder == root or not folder.is_relative_to(root):
                break
            try:
                folder.rmdir()
            except OSError:
                break
    write_file(manifest, _manifest(set(files)))
    return done


def _manifest(names: set[str]) -> bytes:
    return "".join(f"{name}\n" for name in sorted(names)).encode("utf-8")

