"""Golden snapshots of the parse of real documents: any change in a tree shows as a failing diff.

The snapshots live in tests/corpus/golden/: ``<name>.xml`` (e-Gov 法令標準XML, what the corpus
keeps as tree.xml) and ``<name>.json`` (the whole tree, with source lines and markup). After an
intended parser change, regenerate them and review the diff before committing:

    KAITEI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/corpus
    git diff tests/corpus/golden
"""

import difflib
import os
from pathlib import Path

import pytest
from conftest import SHARED

from corpus.readers.text import parse_text
from renderer import write

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("KAITEI_UPDATE_GOLDEN") == "1"

DOCUMENTS = {
    "seed000-anshin-smartlock": SHARED / "seeds" / "000_2e34f86ba2085a25.txt",
    "seed001-dokoyorimo-key": SHARED / "seeds" / "001_7e37787a9c4c9856.txt",
    "seed002-secom-smartphone-id": SHARED / "seeds" / "002_4051e03855db9ccf.txt",
    "seed003-jcom-juyo-jiko": SHARED / "seeds" / "003_6d57037df9dc73c4.txt",
    "smartme-old": SHARED / "fixtures" / "smartme" / "old.txt",
    "smartme-new": SHARED / "fixtures" / "smartme" / "new.txt",
}


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_golden(name: str, fmt: str) -> None:
    path = DOCUMENTS[name]
    actual = write(parse_text(path.read_text(encoding="utf-8"), source=path.name), fmt).decode("utf-8")
    golden = GOLDEN / f"{name}.{fmt}"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.exists(), f"no golden file {golden.name}: run with KAITEI_UPDATE_GOLDEN=1 and review it"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True), golden.name, "parse", n=2
        ))
        pytest.fail(f"parse of {path.name} differs from {golden.name}:\n{diff[:4000]}")
