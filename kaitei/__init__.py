"""kaitei (改定): the public API in front of corpus/, diffing/ and renderer/ — re-exports only.

    import kaitei
    old, new = kaitei.read("old.txt"), kaitei.read("new.docx")
    table = kaitei.compare(old, new)
    pdf = kaitei.write(table, "pdf", kaitei.TableOptions(layout="new-left"))
    corpus = kaitei.open_corpus("terms-corpus")

Each name is imported from its home on first use, so that ``import kaitei`` (and the command line)
loads only what is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# name → the module it lives in
_HOMES = {
    "read": "corpus",
    "SourceError": "corpus.errors",
    "Document": "corpus.model",
    "Node": "corpus.model",
    "TableOptions": "corpus.config",
    "Version": "corpus.store",
    "compare": "diffing.compare",
    "Comparison": "diffing.compare",
    "Finding": "diffing.findings",
    "write": "renderer",
    "open_corpus": "kaitei.workflow",
    "Corpus": "kaitei.workflow",
    "Report": "kaitei.workflow",
}
__all__ = ["__version__", *_HOMES]

if TYPE_CHECKING:
    from corpus import read
    from corpus.config import TableOptions
    from corpus.errors import SourceError
    from corpus.model import Document, Node
    from corpus.store import Version
    from diffing.compare import Comparison, compare
    from diffing.findings import Finding
    from kaitei.workflow import Corpus, Report, open_corpus
    from renderer import write


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'kaitei' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
