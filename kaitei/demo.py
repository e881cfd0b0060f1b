"""The bundled example end to end: the files ``kaitei demo`` writes, made with the public library calls."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import corpus
import renderer
from corpus.store import Version
from diffing.compare import compare
from renderer.site import Settings, publication, site_files

TREE_FORMATS = {"outline": ".outline.txt", "json": ".json", "xml": ".xml"}
TABLE_FORMATS = ("html", "pdf", "json", "docx", "xlsx")


def examples() -> list[Path]:
    """The bundled example documents (kaitei/examples/*.txt), in name order."""
    return sorted((Path(__file__).parent / "examples").glob("*.txt"))


def demo_files(jobs: int = os.cpu_count() or 1) -> dict[str, bytes]:
    """Every file of the demo by relative path: each example's tree (outline, JSON, e-Gov XML), the Smart Me
    revision's 新旧対照表 (HTML, PDF, JSON, Word, Excel), the revised terms as a page, and the website
    ``kaitei publish`` makes of the revision (``site/``)."""
    files: dict[str, bytes] = {}
    docs = {}
    for example in examples():
        doc = docs[example.name] = corpus.read(example)
        stem = example.name.removesuffix(".txt")
        for fmt, suffix in TREE_FORMATS.items():
            files[stem + suffix] = renderer.write(doc, fmt)
    # The Smart Me revision as its 新旧対照表 (the published table this project started from).
    table = compare(docs["smartme-old.txt"], docs["smartme-new.txt"])
    for fmt in TABLE_FORMATS:
        files[f"smartme-table.{fmt}"] = renderer.write(table, fmt)
    # The revised terms as a document to publish, and the website of the revision a day after its notice.
    files["smartme-new.html"] = renderer.write(docs["smartme-new.txt"], "html")
    files.update({f"site/{name}": data for name, data in _site(docs, jobs).items()})
    return files


def _site(docs: dict, jobs: int) -> dict[str, bytes]:
    """What ``kaitei publish`` writes for the Smart Me pair on 2025-09-25: the revision is announced
    (2025-09-24, its 附則) and takes effect on 2025-10-01. The old version states no date of its own;
    the demo takes 2025-04-01."""
    versions = {
        "smartme-old.txt": Version("smartme", "2025-04-01", "published", effective=datetime.date(2025, 4, 1)),
        "smartme-new.txt": Version(
            "smartme", "2025-10-01", "published", announced=datetime.date(2025, 9, 24), effective=datetime.date(2025, 10, 1)
        ),
    }
    by_id = {v.id: docs[name] for name, v in versions.items()}
    pub = publication("smartme", "", list(versions.values()), datetime.date(2025, 9, 25), lambda v: by_id[v.id])
    return site_files([pub], Settings(), listing=False, jobs=jobs)
