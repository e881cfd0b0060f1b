"""Files written whole or not at all: a temporary file beside the target, flushed to disk, then
``os.replace`` over it.

A failure at any point leaves the target as it was (absent, or its old content), never half
written; the temporary file is removed. Used for every file kaitei writes: the corpus's records
(corpus.store), ``-o OUT`` of the command line, the files of a published site (renderer.output).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; OSError if the folder is missing or not writable.

    A replaced file keeps its permission bits; a new one gets the usual ``0o666 & ~umask`` (not the
    private mode of the temporary file). A target that is not a regular file (/dev/null, a FIFO) is
    written in place, since a rename would replace the device; a folder is IsADirectoryError.
    The temporary file, ``.<name>.<random>.tmp`` beside ``path``, is fsynced before the rename.
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        mode = 0o666 & ~umask()
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
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def umask() -> int:
    """The process's umask (read by setting it and setting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
