"""The versioned corpus: a plain folder of documents, each with its versions, dates and parsed trees.

Layout (DESIGN §5)::

    kaitei.toml                    policy: notice periods, table labels
    <doc>/document.toml            title, kind
    <doc>/<version>/source.<ext>   the file exactly as received
    <doc>/<version>/version.toml   announced, effective, status, sha256 of the source …
    <doc>/<version>/tree.xml       the parse (e-Gov XML), the golden snapshot for ``regress``

Every write takes the corpus lock (``.kaitei.lock``, an exclusive ``flock``), builds what it
writes in a temporary file or folder beside the target and renames it into place, so a write that
is killed midway leaves the corpus as it was (at most a ``.tmp-*`` folder that readers ignore and
the next write removes). A published version is never overwritten; a source whose checksum no
longer matches its ``version.toml`` is reported, never silently re-read.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import hashlib
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import tomli_w

from corpus.atomic import umask, write_file
from corpus.config import FILE as CONFIG
from corpus.config import Config, read_toml
from corpus.errors import SourceError

ENV = "KAITEI_CORPUS"
LOCK = ".kaitei.lock"
LOCK_TIMEOUT = 60.0  # seconds a writer waits for another one to finish
STATUSES = ("draft", "published")

# The policy a new corpus starts with: every rule commented out, so that only what the editors
# decide is checked. ``kaitei check`` cites the line it applied (kaitei.toml [policy] notice_days).
DEFAULT_CONFIG = """\
# kaitei corpus: one folder per document, one folder per version (see `kaitei --help`).

[policy]
# Least days between the announcement (告知日) and the effective date (効力発生日) of a revision.
# notice_days = 30
# The same for a revision unfavourable to users (不利益変更: `kaitei add --unfavorable`, or fees that grew).
# unfavorable_notice_days = 30

[table]
# Column headers and elision token of comparison tables (default: the dates, （略）).
# old_label = "現行"
# new_label = "改正後"
# elision = "（略）"
"""

# A document or version name: one path segment that cannot escape the corpus or hide.
_NAME = re.compile(r"[^\s/\\.][^/\\]{0,99}\Z")


@dataclass(slots=True)
class Version:
    """One stored version of a document, as its ``version.toml`` records it."""

    doc: str
    id: str
    status: str = "draft"
    announced: datetime.date | None = None
    effective: datetime.date | None = None
    unfavorable: bool = False
    source: str = "source.txt"  # file name inside the version folder
    original_name: str = ""  # the file's name when it was added
    format: str = "auto"  # the reader it was parsed with
    sha256: str = ""
    dates_from: dict[str, str] = field(default_factory=dict)  # "announced" → "附則" / "--announced" …
    path: Path = Path()  # the version folder

    @property
    def source_path(self) -> Path:
        return self.path / self.source

    @property
    def published(self) -> bool:
        return self.status == "published"

    def modified(self) -> bool:
        """True when the stored source no longer has the checksum recorded when it was added."""
        try:
            return sha256(self.source_path.read_bytes()) != self.sha256
        except OSError:
            return True

    def to_toml(self) -> dict:
        data: dict = {"id": self.id, "status": self.status}
        for key in ("announced", "effective"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        data |= {
            "unfavorable": self.unfavorable,
            "source": self.source,
            "original_name": self.original_name,
            "format": self.format,
            "sha256": self.sha256,
        }
        if self.dates_from:
            data["dates_from"] = dict(sorted(self.dates_from.items()))
        return data


@dataclass(slots=True)
class Corpus:
    """A corpus folder: its root and its ``kaitei.toml``, checked and typed (``config.policy``,
    ``config.table``, ``config.site``)."""

    root: Path
    config: Config = field(default_factory=Config)

    # -- reading ------------------------------------------------------------------------

    def documents(self) -> list[str]:
        return sorted(p.parent.name for p in self.root.glob("*/document.toml"))

    def document(self, doc: str) -> dict:
        """The ``document.toml`` of ``doc``; SourceError if there is no such document."""
        path = self._doc_dir(doc) / "document.toml"
        if not path.is_file():
            known = ", ".join(self.documents()) or "none yet"
            raise SourceError(f"{doc}: no such document in the corpus {self.root} (文書がありません; known: {known})")
        return read_toml(path)

    def versions(self, doc: str) -> list[Version]:
        """The versions of ``doc``, oldest first (by effective date, then announcement, then id)."""
        self.document(doc)
        out = [
            _version_from_toml(doc, path.parent, read_toml(path))
            for path in self._doc_dir(doc).glob("*/version.toml")
            if not path.parent.name.startswith(".")
        ]
        return sorted(out, key=_order)

    def version(self, doc: str, version_id: str) -> Version:
        for v in self.versions(doc):
            if v.id == version_id:
                return v
        ids = ", ".join(v.id for v in self.versions(doc)) or "none yet"
        raise SourceError(f"{doc}: no version {version_id!r} (版がありません; versions: {ids})")

    def live(self, doc: str, on: datetime.date, *, exclude: str | None = None) -> Version | None:
        """The latest published version effective on or before ``on`` (None before the first)."""
        live = None
        for v in self.versions(doc):
            if v.published and v.id != exclude and v.effective is not None and v.effective <= on:
                live = v
        return live

    def newest_draft(self, doc: str) -> Version | None:
        drafts = [v for v in self.versions(doc) if not v.published]
        return drafts[-1] if drafts else None

    # -- writing ------------------------------------------------------------------------

    def add_version(self, version: Version, source: bytes, tree_xml: bytes, *, title: str = "", kind: str = "") -> Version:
        """Store ``source`` (bytes kept) with its record and parse as ``version`` of ``version.doc``.

        Creates the document on its first version. A published version of the same id is never
        replaced (SourceError); a draft of the same id is replaced whole.
        """
        _check_name(version.doc, "document")
        _check_name(version.id, "version")
        if version.status not in STATUSES:
            raise ValueError(f"unknown status {version.status!r}")
        version.sha256 = sha256(source)
        with self.lock():
            doc_dir = self._doc_dir(version.doc)
            doc_dir.mkdir(exist_ok=True)
            _remove_leftovers(doc_dir)
            if not (doc_dir / "document.toml").is_file():
                write_file(doc_dir / "document.toml", _dump_toml({"title": title or version.doc, "kind": kind or "terms"}))
            final = doc_dir / version.id
            if (final / "version.toml").is_file():
                existing = _version_from_toml(version.doc, final, read_toml(final / "version.toml"))
                if existing.published:
                    raise SourceError(
                        f"{version.doc}/{version.id}: a published version is never overwritten"
                        " (公開済みの版は上書きできません); add the file as a new version (--version ID)"
                    )
            tmp = Path(tempfile.mkdtemp(dir=doc_dir, prefix=".tmp-"))
            try:
                os.chmod(tmp, 0o777 & ~umask())  # mkdtemp makes it private
                (tmp / version.source).write_bytes(source)
                (tmp / "tree.xml").write_bytes(tree_xml)
                version.path = final
                (tmp / "version.toml").write_bytes(_dump_toml(version.to_toml()))
                _fsync_folder(tmp)
                if final.exists():  # a draft of the same id: move it aside, then away
                    old = Path(tempfile.mkdtemp(dir=doc_dir, prefix=".tmp-old-"))
                    os.replace(final, old / "v")
                    os.replace(tmp, final)
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    os.replace(tmp, final)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
        return version

    def update_tree(self, version: Version, tree_xml: bytes) -> None:
        """Accept a new parse of ``version`` as its golden ``tree.xml`` (``kaitei regress --update``)."""
        with self.lock():
            write_file(version.path / "tree.xml", tree_xml)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the corpus lock; waits up to LOCK_TIMEOUT for another writer, then SourceError."""
        fd = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise SourceError(
                            f"{self.root}: another kaitei command is writing to this corpus"
                            " (ほかの kaitei が書き込み中です); try again"
                        ) from None
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _doc_dir(self, doc: str) -> Path:
        _check_name(doc, "document")
        return self.root / doc


# -- finding and creating a corpus ---------------------------------------------------------


def init(root: str | os.PathLike[str]) -> Corpus:
    """Create a corpus in ``root`` (made if missing); SourceError if it already is one."""
    root = Path(root)
    if (root / CONFIG).exists():
        raise SourceError(f"{root}: already a kaitei corpus (既にコーパスです)")
    if root.exists() and not root.is_dir():
        raise SourceError(f"{root}: exists and is not a folder")
    root.mkdir(parents=True, exist_ok=True)
    write_file(root / CONFIG, DEFAULT_CONFIG.encode("utf-8"))
    return open_corpus(root)


def open_corpus(root: str | os.PathLike[str]) -> Corpus:
    root = Path(root)
    path = root / CONFIG
    if not path.is_file():
        raise SourceError(f"{root}: not a kaitei corpus (no {CONFIG}; create one with 'kaitei init {root}')")
    return Corpus(root, Config.load(path))


def find_corpus(explicit: str | None = None, start: Path | None = None) -> Corpus:
    """The corpus named by ``--corpus``, else ``$KAITEI_CORPUS``, else the nearest kaitei.toml above ``start``."""
    if explicit:
        return open_corpus(explicit)
    if os.environ.get(ENV):
        return open_corpus(os.environ[ENV])
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():
            return open_corpus(folder)
    raise SourceError(
        f"no kaitei corpus here: give --corpus DIR, set {ENV}, or create one with 'kaitei init DIR'"
        " (コーパスが見つかりません)"
    )


# -- helpers ---------------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fsync_folder(folder: Path) -> None:
    for path in folder.iterdir():
        with open(path, "rb") as f:
            os.fsync(f.fileno())


def _remove_leftovers(folder: Path) -> None:
    """Remove what an interrupted write left behind (only under the lock): ``.tmp-*`` folders of
    add_version, ``.<name>.*.tmp`` files of corpus.atomic.write_file."""
    for path in [*folder.glob(".tmp-*"), *folder.glob(".*.tmp")]:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()


def _check_name(name: str, what: str) -> None:
    if not _NAME.match(name or ""):
        raise SourceError(
            f"{name!r}: not a usable {what} name (one folder name: no '/', no leading '.' or space)"
        )


def _dump_toml(data: dict) -> bytes:
    return tomli_w.dumps(data).encode("utf-8")


def _version_from_toml(doc: str, folder: Path, data: dict) -> Version:
    def date(key: str) -> datetime.date | None:
        value = data.get(key)
        if value is None or isinstance(value, datetime.date):
            return value
        raise SourceError(f"{folder / 'version.toml'}: {key} must be a date (YYYY-MM-DD), not {value!r}")

    return Version(
        doc=doc,
        id=str(data.get("id", folder.name)),
        status=data.get("status", "draft"),
        announced=date("announced"),
        effective=date("effective"),
        unfavorable=bool(data.get("unfavorable", False)),
        source=data.get("source", "source.txt"),
        original_name=data.get("original_name", ""),
        format=data.get("format", "auto"),
        sha256=data.get("sha256", ""),
        dates_from=dict(data.get("dates_from", {})),
        path=folder,
    )


def _order(v: Version) -> tuple:
    far = datetime.date.max
    return (v.effective or far, v.announced or far, v.id)
