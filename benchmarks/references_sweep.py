"""References on every real document: how many are found, resolved, left unresolved, skipped as external.

    .venv/bin/python benchmarks/references_sweep.py [--show N] [--runs N]

For every file of ../shared/seeds, ../shared/laws (the Lawtext *.txt), ../shared/realworld
(SOURCE.md and INDEX.md left out) and ../shared/fixtures/smartme, read with corpus.read (a
Markdown or HTML file whose reader is not installed yet is read as plain text, marked ``text*``),
prints one row: references to the document itself (corpus.references.find_references), how many
resolve, how many do not, and how many were skipped as references to other laws and documents
(or parts of a law not checked: its 附則 and 読み替え tables); then, under the row, the first
``--show`` unresolved ones in context, and the findings of check_references. Last, the time of
find_references and of check_references (alone, and against the previous revision) on the
largest law, median of ``--runs``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402
from corpus.model import Document  # noqa: E402
from corpus.references import Reference, find_references  # noqa: E402
from diffing.reference_check import check_references  # noqa: E402

LARGEST_LAW = ("334AC0000000121_20250616_504AC0000000068", "334AC0000000121_20260524_504AC0000000048")  # 特許法


def files() -> list[Path]:
    out = sorted((SHARED / "seeds").glob("*.txt"))
    out += sorted((SHARED / "laws").glob("*.txt"))
    out += sorted(
        p for p in (SHARED / "realworld").glob("*/*") if p.name not in ("SOURCE.md", "INDEX.md")
    )
    out += sorted((SHARED / "fixtures" / "smartme").glob("*.txt"))
    return out


def read(path: Path) -> tuple[Document | None, str]:
    try:
        return corpus.read(path), "auto"
    except ModuleNotFoundError:  # a reader still being written: plain text stands in for Markdown
        if path.suffix in (".md", ".txt"):
            return corpus.read(path, "text"), "text*"
        return None, "no reader"


def context(ref: Reference, width: int = 30) -> str:
    s = ref.node.caption if ref.in_caption else ref.node.text
    left = s[max(0, ref.start - width) : ref.start]
    right = s[ref.end : ref.end + 10]
    return f"{ref.place}: …{left}【{s[ref.start:ref.end]}】{right}…".replace("\n", " ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=5, help="unresolved references shown per file")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    totals = [0, 0, 0, 0]
    print(f"{'file':58} {'reader':7} {'refs':>5} {'ok':>5} {'unres':>5} {'ext':>5}")
    for path in files():
        doc, how = read(path)
        name = str(path.relative_to(SHARED))
        if doc is None:
            print(f"{name[:58]:58} {how}")
            continue
        refs = find_references(doc, external=True)
        internal = [r for r in refs if not r.external]
        unresolved = [r for r in internal if r.target is None]
        row = (len(internal), len(internal) - len(unresolved), len(unresolved), len(refs) - len(internal))
        totals = [a + b for a, b in zip(totals, row)]
        print(f"{name[:58]:58} {how:7} {row[0]:5} {row[1]:5} {row[2]:5} {row[3]:5}")
        for ref in unresolved[: args.show]:
            print(f"    unresolved  {context(ref)}")
        for finding in check_references(doc):
            print(f"    {finding.level:8}    {finding.place}: {finding.message_ja} [{finding.suggestion}]")
    print(f"{'total':58} {'':7} {totals[0]:5} {totals[1]:5} {totals[2]:5} {totals[3]:5}")

    old, new = (corpus.read(SHARED / "laws" / f"{name}.txt") for name in LARGEST_LAW)
    for label, run in (
        ("find_references", lambda: find_references(new)),
        ("check_references", lambda: check_references(new)),
        ("check_references with old", lambda: check_references(new, old)),
    ):
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - start)
        print(f"特許法 ({len(find_references(new))} references) {label}: "
              f"{statistics.median(times):.3f} s, {len(result)} results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
