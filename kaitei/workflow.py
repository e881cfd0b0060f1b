"""The corpus workflow a library user, the command line and the web app share: a Corpus of documents
with their versions, and what an editor does with it (add, live, check, compare, regress, publish).

It joins corpus.store (the folder), corpus.read (the parse), diffing (checks, comparisons) and
renderer (tree.xml, the site) and decides what the store leaves open: the dates of an added
version and its default id, the version a check follows and the rules in force for it, which two
versions a corpus diff compares. Nothing here prints: results and warnings are returned.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

import corpus
import renderer
from corpus.config import Config, TableOptions
from corpus.errors import SourceError
from corpus.model import Document
from corpus.source import read_bytes
from corpus.store import Version, find_corpus, init
from corpus.store import Corpus as Store
from corpus.store import open_corpus as open_store
from diffing.findings import LEVELS, Finding

if TYPE_CHECKING:
    from diffing.compare import Comparison
    from renderer.output import Synced

# The checks, the comparison (Sudachi) and the site (Jinja2, WeasyPrint) are imported by the methods
# that use them: ``kaitei log`` or ``add`` should not pay for them at start-up.

MODIFIED_NOTE = "the stored source was edited since it was added (保存後にソースが変更されています)"


@dataclass(slots=True)
class Report:
    """The findings of ``Corpus.check`` with what they were checked against."""

    doc: str
    version: Version
    previous: Version | None  # the published version it follows (compared with)
    in_force: Version | None  # the version whose rules apply (live on the announcement date)
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)  # what reading the versions noted (a source edited since added …)

    @property
    def counts(self) -> dict[str, int]:
        return {level: sum(f.level == level for f in self.findings) for level in LEVELS}

    @property
    def errors(self) -> int:
        return self.counts["error"]

    def to_dict(self) -> dict:
        """The report as ``kaitei check --to json`` prints it (documented in the README)."""
        return {
            "document": self.doc,
            "version": self.version.id,
            "previous": self.previous.id if self.previous else None,
            "in_force": self.in_force.id if self.in_force else None,
            "counts": self.counts,
            "findings": [asdict(f) for f in self.findings],
        }


@dataclass(slots=True)
class Regression:
    """A stored version whose re-parse differs from its tree.xml."""

    version: Version
    changes: list[str]  # one line per differing node (diffing.snapshot)


@dataclass(slots=True)
class Regress:
    checked: int
    differing: list[Regression]
    updated: bool


class Corpus:
    """A corpus folder (DESIGN §5) and the workflows over it; ``kaitei.open_corpus(dir)`` opens one."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def root(self) -> Path:
        return self.store.root

    @property
    def config(self) -> Config:
        return self.store.config

    # -- what is stored ------------------------------------------------------------------

    def documents(self) -> list[str]:
        return self.store.documents()

    def title(self, doc: str) -> str:
        return self.store.document(doc).get("title", "")

    def versions(self, doc: str) -> list[Version]:
        """The versions of ``doc``, oldest first (by effective date, then announcement, then id)."""
        return self.store.versions(doc)

    def version(self, doc: str, version_id: str) -> Version:
        return self.store.version(doc, version_id)

    def live(self, doc: str, on: datetime.date | None = None) -> Version | None:
        """The latest published version of ``doc`` in force on ``on`` (default today), or None."""
        return self.store.live(doc, on or datetime.date.today())

    def newest_draft(self, doc: str) -> Version | None:
        return self.store.newest_draft(doc)

    def previous(self, version: Version) -> Version | None:
        """The published version ``version`` follows: the last published one listed before it."""
        before = None
        for v in self.versions(version.doc):
            if v.id == version.id:
                break
            if v.published:
                before = v
        return before

    def read(self, doc: str | Version, version: str | None = None) -> Document:
        """The parse of a stored version (``read("smartme", "2025-10-01")`` or ``read(version)``); a source
        edited since it was added is still read, with a note saying so in ``Document.notes``."""
        v = doc if isinstance(doc, Version) else self.version(doc, version or "")
        tree = corpus.read(v.source_path, v.format, source=v.original_name or v.source)
        if v.modified():
            tree.notes.insert(0, f"{v.doc}/{v.id}: {MODIFIED_NOTE}")
        return tree

    # -- adding ----------------------------------------------------------------------------

    def add(
        self,
        doc: str,
        source: str | os.PathLike[str] | bytes,
        *,
        name: str | None = None,
        announced: datetime.date | None = None,
        effective: datetime.date | None = None,
        publish: bool = False,
        unfavorable: bool = False,
        version: str | None = None,
        fmt: str = "auto",
        title: str | None = None,
    ) -> Version:
        """Store ``source`` (a path, or bytes named ``name``) as a version of ``doc``, bytes kept, with its parse.

        Dates not given are those the text states (附則, 施行日, 制定日, 改定日, 「…現在」: see
        corpus.dates.version_dates); the id defaults to the effective date, else v1, v2 …; the document
        is created on its first version with ``title`` (default: the text's title). A published version
        is never overwritten; a draft of the same id is replaced.
        """
        if isinstance(source, (bytes, bytearray)):
            data, name = bytes(source), name or "source.txt"
        else:
            data, name = read_bytes(source), name or Path(source).name
        from corpus.dates import version_dates

        tree = corpus.read(data, fmt, source=name)
        stated = version_dates(tree)
        dates, dates_from = {}, {}
        for key, given in (("announced", announced), ("effective", effective)):
            if given is not None:
                dates[key], dates_from[key] = given, f"--{key}"
            elif key in stated:
                dates[key], dates_from[key] = stated[key]
        record = Version(
            doc=doc,
            id=version or (str(dates["effective"]) if "effective" in dates else self._next_id(doc)),
            status="published" if publish else "draft",
            announced=dates.get("announced"),
            effective=dates.get("effective"),
            unfavorable=unfavorable,
            source="source" + (Path(name).suffix.lower() or ".txt"),
            original_name=name,
            format=fmt,
            dates_from=dates_from,
        )
        return self.store.add_version(record, data, renderer.write(tree, "xml"), title=title or tree.title)

    def missing_dates(self, version: Version) -> list[str]:
        """The dates ``version`` should have and lacks ("announced", "effective"): the first version of a
        document announces no change, so it needs only its effective date."""
        first = [v.id for v in self.versions(version.doc)[:1]] == [version.id]
        wanted = ("effective",) if first else ("announced", "effective")
        return [key for key in wanted if getattr(version, key) is None]

    def _next_id(self, doc: str) -> str:
        taken = {v.id for v in self.versions(doc)} if doc in self.documents() else set()
        n = len(taken) + 1
        while f"v{n}" in taken:
            n += 1
        return f"v{n}"

    # -- checking and comparing --------------------------------------------------------------

    def check(self, doc: str, version: str | None = None) -> Report:
        """Every check on ``version`` of ``doc`` (default: the newest draft, else the newest version):
        against the published version it follows, under the rules of the version live on its
        announcement date and the corpus policy."""
        from diffing.checks import Stated, check_version

        versions = self._versions(doc)
        target = self.version(doc, version) if version else self.newest_draft(doc) or versions[-1]
        previous = self.previous(target)
        in_force = self.store.live(doc, target.announced, exclude=target.id) if target.announced else None
        stated = {v.id: Stated(v, self.read(v)) for v in (target, previous, in_force) if v is not None}  # each read once
        findings = check_version(
            stated[target.id],
            previous=stated[previous.id] if previous else None,
            in_force=stated[in_force.id] if in_force else None,
            policy=self.config.policy,
        )
        notes = [f"{st.doc.source}: {note}" for st in stated.values() for note in st.doc.notes]
        return Report(doc, target, previous, in_force, findings, notes)

    def pair(self, doc: str, old: str | None = None, new: str | None = None) -> tuple[Version, Version]:
        """The two versions ``kaitei diff DOC [A] [B]`` compares: by default the version live today and the newest draft."""
        self._versions(doc)
        if old is not None:
            before = self.version(doc, old)
        else:
            before = self.live(doc)
            if before is None:
                raise SourceError(f"{doc}: no version is live today; name the versions: kaitei diff {doc} A B")
        if new is not None:
            after = self.version(doc, new)
        else:
            after = self.newest_draft(doc)
            if after is None or after.id == before.id:
                raise SourceError(f"{doc}: no draft to compare with {before.id}; name the versions: kaitei diff {doc} A B")
        return before, after

    def compare(self, doc: str, old: str | None = None, new: str | None = None, *, elide: bool = True) -> Comparison:
        """The comparison of two stored versions (``pair``), dated by the new one's recorded effective date."""
        from diffing.compare import compare

        before, after = self.pair(doc, old, new)
        later = after.effective if after.effective and (before.effective is None or after.effective > before.effective) else None
        return compare(self.read(before), self.read(after), elide=elide, effective=later)

    @property
    def table_options(self) -> TableOptions:
        """The corpus's table options (kaitei.toml [table])."""
        return self.config.table

    def _versions(self, doc: str) -> list[Version]:
        versions = self.versions(doc)
        if not versions:
            raise SourceError(f"{doc}: no versions yet (kaitei add {doc} FILE)")
        return versions

    # -- regress and publish ------------------------------------------------------------------

    def regress(self, doc: str | None = None, *, update: bool = False) -> Regress:
        """Re-parse every stored source (of ``doc``, or of every document) against its tree.xml; with
        ``update`` the new parses are stored as the snapshots."""
        from diffing.snapshot import tree_changes

        differing: list[Regression] = []
        checked = 0
        for doc_id in [doc] if doc else self.documents():
            for v in self.versions(doc_id):
                checked += 1
                new_xml = renderer.write(self.read(v), "xml")
                stored = v.path / "tree.xml"
                old_xml = stored.read_bytes() if stored.is_file() else b""
                if new_xml == old_xml:
                    continue
                old_tree = corpus.read(old_xml, "xml", source="tree.xml") if old_xml else None
                differing.append(Regression(v, tree_changes(old_tree, corpus.read(new_xml, "xml", source="parse"))))
                if update:
                    self.store.update_tree(v, new_xml)
        return Regress(checked, differing, update)

    def publish(
        self,
        site: str | os.PathLike[str],
        *,
        on: datetime.date | None = None,
        docs: list[str] | None = None,
        jobs: int = 1,
    ) -> Synced:
        """Write the site of ``docs`` (default: every document, each in a folder of its own under an index;
        one named document is the site root) into folder ``site`` as of ``on`` (default today), keeping it
        in step file by file (renderer.output.sync_folder)."""
        from renderer.output import sync_folder
        from renderer.site import PublishError, Settings, collect, site_files

        listing = docs is None
        names = self.documents() if docs is None else docs
        if not names:
            raise SourceError(f"{self.root}: no documents yet (kaitei add DOC FILE --publish)")
        on = on or datetime.date.today()
        try:
            settings = Settings.of(self.store)
            publications = [collect(self.store, name, on, self.read) for name in names]
            files = site_files(publications, settings, listing=listing or len(names) > 1, jobs=max(1, jobs))
        except PublishError as e:
            raise SourceError(str(e)) from None
        try:
            return sync_folder(site, files)
        except OSError as e:
            raise SourceError(f"{e.filename or site}: {e.strerror or e}") from None


def read_version(path: str | os.PathLike[str], fmt: str = "auto") -> Document:
    """A version read from a file, for comparing: an empty file is a document with no provisions yet, so
    that a first version compares as all 新設 (corpus.read refuses an empty file)."""
    file = Path(path)
    if file.is_file() and not file.read_bytes().strip():
        return Document(source=file.name)
    return corpus.read(path, fmt)


def open_corpus(root: str | os.PathLike[str] | None = None, *, create: bool = False) -> Corpus:
    """The corpus in folder ``root`` (with ``create``, made first if it is not one yet). Without ``root``:
    ``$KAITEI_CORPUS``, else the nearest kaitei.toml above the working directory. SourceError when there is
    none, or when its kaitei.toml is not valid."""
    if create and root is not None and not (Path(root) / "kaitei.toml").exists():
        return Corpus(init(root))
    return Corpus(open_store(root) if root is not None else find_corpus())
