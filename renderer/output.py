"""Output files written atomically: a temporary file beside the target, then os.replace.

A failure at any point leaves the target as it was (absent, or its old content), never half
written. Targets that are not regular files (/dev/null, a pipe) are written in place.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path


def write_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; OSError if the folder is missing or not writable."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        mode = _default_mode()
    else:
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):  # /dev/null, a FIFO: no rename over a device
            with open(path, "wb") as f:
                f.write(data)
            return
        mode = stat.S_IMODE(st.st_mode)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def write_folder(path: str | os.PathLike[str], files: dict[str, bytes]) -> None:
    """Create folder ``path`` holding ``files`` (name → bytes), all at once.

    The files are written into a temporary folder beside ``path`` which is then renamed;
    ``path`` must not exist, or be an empty folder. FileExistsError otherwise.
    """
    path = Path(path)
    if path.exists() and not (path.is_dir() and not any(path.iterdir())):
        raise FileExistsError(17, "File exists and is not an empty folder", str(path))
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        os.chmod(tmp, 0o777 & ~_umask())
        os.replace(tmp, path)  # replaces an empty folder, fails on a non-empty one
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _default_mode() -> int:
    return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
