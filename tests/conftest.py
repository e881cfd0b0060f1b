"""Shared test helpers: where the project and the read-only test material live, how tests pick
nodes out of a parsed tree and describe its shape, the Hypothesis profile, and the markers.

Hypothesis runs under the profile ``ci`` unless ``HYPOTHESIS_PROFILE`` names another: the same
examples on every run and machine, so that the suite cannot pass or fail by draw. For random
exploration (new draws each run, failures replayed from .hypothesis/):

    HYPOTHESIS_PROFILE=dev .venv/bin/python -m pytest -q tests/corpus/test_html_reader.py

Markers (registered in pyproject.toml) for a quick run that leaves out the heavy tests:

    .venv/bin/python -m pytest -q -m "not slow and not browser and not office"

``browser`` (starts headless Chromium) and ``office`` (starts LibreOffice) are set here from what
a test and the fixtures it uses do (``pytest_collection_modifyitems``); ``slow`` (over about a
second on the 2-core development machines, fixtures included) is set in the test modules.
"""

from __future__ import annotations

import functools
import inspect
import os
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from corpus.model import Document, Node

# The project root (/work/main).
ROOT = Path(__file__).resolve().parents[1]
# /work/shared: seeds/, laws/, realworld/, schemas/ (sibling of the project root).
SHARED = ROOT.parent / "shared"


# -- Hypothesis ---------------------------------------------------------------------------------

# derandomize: the examples come from a seed derived from each test, not from the clock, and
# there is no example database, so every run (CI or not, any machine) draws the same examples.
# deadline=None: a per-example deadline is a wall-clock assertion. The properties parse and
# write whole documents; an example may take 50 ms here and, on a loaded 2-core CI runner or
# when it is the first to load Sudachi's dictionary or lxml's schema, well over the default
# 200 ms, which would fail the run for a reason that has nothing to do with the code. A test
# that hangs is still stopped by CI's job timeout. too_slow is Hypothesis's other clock
# check (generating data took long), and is off for the same reason.
# print_blob: a failure prints the @reproduce_failure blob, so that it can be replayed anywhere.
settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# Random draws each run (failures saved in .hypothesis/ and tried first next time).
settings.register_profile("dev", derandomize=False, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# -- markers ------------------------------------------------------------------------------------

# What in a test's source (or in a fixture it uses) starts a browser or an office suite:
# tests/browser.py's Browser, or Chromium run directly; LibreOffice run directly, or
# tests/renderer/libreoffice.py's to_pdf.
_STARTS = {
    "browser": re.compile(r"\bBrowser\(|[\"']chromium[\"']"),
    "office": re.compile(r"\bsoffice\b|\bto_pdf\("),
}


@functools.cache
def _source(obj) -> str:
    try:
        return inspect.getsource(obj)
    except (OSError, TypeError):
        return ""


def _ours(fn) -> bool:
    """A fixture of the project's tests (not one of pytest's or a plugin's)."""
    try:
        return Path(inspect.getsourcefile(fn) or "").is_relative_to(ROOT / "tests")
    except TypeError:
        return False


def _starts(item: pytest.Item) -> set[str]:
    """The markers ``browser``/``office`` that the test's own source or a fixture it uses calls for."""
    sources = [_source(getattr(item, "function", None))]
    info = getattr(item, "_fixtureinfo", None)
    for defs in (info.name2fixturedefs.values() if info else ()):
        sources += [_source(d.func) for d in defs if _ours(d.func)]
    return {name for name, pattern in _STARTS.items() if any(pattern.search(s) for s in sources)}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for name in _starts(item):
            item.add_marker(name)


# -- picking nodes --------------------------------------------------------------------------------


def article(doc: Document, num: str, *, main_only: bool = True) -> Node:
    """The one article numbered ``num`` (of the main provision, or anywhere without ``main_only``);
    fails when there is none or several."""
    found = [a for a in doc.articles(main_only=main_only) if a.num == num]
    assert len(found) == 1, f"第{num}条 found {len(found)} times"
    return found[0]


def kids(parent: Node | Document, kind: str) -> list[Node]:
    """The children of ``parent`` (a node, or the top level of a document) of one kind."""
    return [c for c in parent.children if c.kind == kind]


# -- describing a tree ----------------------------------------------------------------------------

SEPARATOR = "｜"
_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", SEPARATOR: "\\" + SEPARATOR})
_WS = re.compile(r"\s+")


def shape(tree: Document | Node | Iterable[Node], depth: int | None = None, *, spaces: bool = True) -> str:
    """The tree as an outline: one line per node, indented two spaces per level, in document order.

        Title: ｜｜サービス利用規約
        Article 1: 第1条｜（目的）
          Paragraph 1: ｜｜本規約は、本サービスの利用条件を定めます。
          Paragraph 2: ２｜｜当社は、本規約を変更できます。
            Item 1: (1)｜｜前号の場合

    A line is ``kind``, ``num`` when there is one, then ``label｜caption｜text`` (empty fields at
    the end left out, with their ｜): every field of the node but its source lines and markup.
    A line break, tab, backslash or ｜ in a field is written ``\\n`` ``\\t`` ``\\\\`` ``\\｜``, so
    that two trees have the same shape exactly when their nodes agree field by field.

    ``tree`` is a document (its top-level nodes), a node (itself and what is below it) or some
    nodes; ``depth`` the number of levels shown (None: all); ``spaces=False`` leaves all white
    space out of the fields (readers that cannot restore it: PDF, Word).
    """
    roots = tree.children if isinstance(tree, Document) else [tree] if isinstance(tree, Node) else list(tree)
    lines: list[str] = []
    stack = [(node, 0) for node in reversed(roots)]
    while stack:
        node, level = stack.pop()
        fields = [node.label, node.caption, node.text]
        if not spaces:
            fields = [_WS.sub("", f) for f in fields]
        while fields and not fields[-1]:
            fields.pop()
        head = f"{node.kind} {node.num}" if node.num else node.kind
        body = SEPARATOR.join(f.translate(_ESCAPES) for f in fields)
        lines.append("  " * level + (f"{head}: {body}" if fields else head))
        if depth is None or level + 1 < depth:
            stack.extend((child, level + 1) for child in reversed(node.children))
    return "\n".join(lines) + "\n" if lines else ""
