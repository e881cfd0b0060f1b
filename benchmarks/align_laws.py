"""Does the alignment find exactly the articles a revision touched, and how fast? Two revisions of real laws.

    .venv/bin/python benchmarks/align_laws.py [--runs N]

For each pair of revisions of one law in ../shared/laws (older first), the Lawtext forms (*.txt)
are read with the text reader and aligned (diffing.align.align_documents). The articles of the
main provisions (outside 附則, 別表 and 目次) that the alignment reports as not unchanged give
their nums (both nums of a pair; one for an inserted or deleted article). The truth comes from the
official XML of the same revisions, read with the XML reader: the article nums whose wording
(caption and every text below, whitespace ignored) differs between the two, matched by num. An
article renumbered without a change of wording is in both sets under both nums, since by num its
old and new places both hold other wording.

Prints per law pair: precision and recall of the reported nums against the truth (target 1.0),
the articles reported by kind, the nums missed or reported wrongly, and the median time of the
alignment alone (reading excluded). Exit code 1 if any pair falls short of 1.0.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAWS = ROOT.parent / "shared" / "laws"
# (old, new) revisions of one law.
PAIRS = (
    ("359AC0000000086_20230614_505AC0000000053", "359AC0000000086_20230616_504AC0000000070"),  # 電気通信事業法
    ("334AC0000000121_20250616_504AC0000000068", "334AC0000000121_20260524_504AC0000000048"),  # 特許法
    ("405AC0000000047_20240216_505AC0000000028", "405AC0000000047_20240613_505AC0000000051"),  # 不正競争防止法
)
NOT_MAIN = ("SupplProvision", "Appendix", "TOC")
_WS = re.compile(r"\s+")

sys.path.insert(0, str(ROOT))

from corpus.model import Document, Node  # noqa: E402
from diffing.align import Pair  # noqa: E402


def article_pairs(pairs: list[Pair]) -> list[Pair]:
    """The pairs of main-provision articles, in order."""
    out: list[Pair] = []
    stack = list(reversed(pairs))
    while stack:
        pair = stack.pop()
        node = pair.new if pair.new is not None else pair.old
        if node.kind in NOT_MAIN:
            continue
        if node.kind == "Article":
            out.append(pair)
        else:
            stack.extend(reversed(pair.children))
    return out


def reported(pairs: list[Pair]) -> set[str]:
    """Nums of the main-provision articles the alignment reports as not unchanged (old and new nums)."""
    nums: set[str] = set()
    for pair in article_pairs(pairs):
        if pair.kind != "unchanged":
            nums.update(node.num for node in (pair.old, pair.new) if node is not None)
    return nums


def truth(old: Document, new: Document) -> set[str]:
    """Nums of the main-provision articles whose wording differs between two versions, matched by num."""
    old_text, new_text = _wording(old), _wording(new)
    return {num for num in old_text.keys() | new_text.keys() if old_text.get(num) != new_text.get(num)}


def _wording(doc: Document) -> dict[str, str]:
    return {a.num: _WS.sub("", "".join(n.caption + n.text for n in a.walk())) for a in doc.articles(main_only=True)}


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="alignment runs per pair (median)")
    args = parser.parse_args()

    from corpus.readers.egov_xml import parse_egov_xml
    from corpus.readers.text import parse_text
    from diffing.align import align_documents

    short = False
    for old_name, new_name in PAIRS:
        old_txt, new_txt = LAWS / f"{old_name}.txt", LAWS / f"{new_name}.txt"
        old_doc = parse_text(old_txt.read_text(encoding="utf-8"), source=old_txt.name)
        new_doc = parse_text(new_txt.read_text(encoding="utf-8"), source=new_txt.name)
        expected = truth(
            parse_egov_xml((LAWS / f"{old_name}.xml").read_bytes()),
            parse_egov_xml((LAWS / f"{new_name}.xml").read_bytes()),
        )
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            pairs = align_documents(old_doc, new_doc)
            times.append(time.perf_counter() - start)
        found = reported(pairs)
        kinds = Counter(p.kind for p in article_pairs(pairs))
        same_wording = sum(1 for p in article_pairs(pairs) if p.kind == "renumbered" and not p.changed)
        precision = _ratio(len(found & expected), len(found))
        recall = _ratio(len(found & expected), len(expected))
        short |= precision < 1.0 or recall < 1.0
        size = (old_txt.stat().st_size + new_txt.stat().st_size) / 2 / 1024
        print(f"{new_doc.title} ({old_name} -> {new_name}, ~{size:.0f} KB)")
        print(f"  precision {precision:.3f}  recall {recall:.3f}  ({len(found & expected)} of {len(expected)} touched articles;"
              f" {len(found)} reported)")
        print("  articles: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
              + f"; renumbered with the same wording {same_wording}")
        if found - expected:
            print(f"  reported, wording the same: {sorted(found - expected)}")
        if expected - found:
            print(f"  missed: {sorted(expected - found)}")
        print(f"  align: median {statistics.median(times) * 1000:.1f} ms of {args.runs} (min {min(times) * 1000:.1f} ms)")
    return 1 if short else 0


if __name__ == "__main__":
    sys.exit(main())
