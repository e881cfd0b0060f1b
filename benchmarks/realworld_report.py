"""What the readers make of every real-world document in ../shared/realworld: articles, chapters, stray text.

    .venv/bin/python benchmarks/realworld_report.py [--all-text]

For each file (``corpus.read``, format by file name; SOURCE.md and INDEX.md are the collection's
notes, not documents) prints the format, the title, the articles found (main body, and in 附則/別紙),
the chapters, the numbered sections of documents without 条, and the plain ``Text`` nodes that stand
at the top level or inside an article — the parts no rule placed — with the first 40 characters of
each. The INDEX's approximate article count stands next to each folder for comparison. A reader that
fails (or does not exist yet) is reported in one line and the report goes on.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALWORLD = ROOT.parent / "shared" / "realworld"
NOTES = ("SOURCE.md", "INDEX.md")


def index_counts() -> dict[str, str]:
    """Folder name → the INDEX table's 「approx articles」 cell."""
    counts = {}
    for row in (REALWORLD / "INDEX.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) >= 6 and not set(cells[0]) <= {"-"} and cells[0] != "name":
            counts[cells[0]] = cells[5]
    return counts


def stray_text(doc) -> list[tuple[str, object]]:
    """Text nodes at the top level or anywhere inside an article, in document order."""
    found = [("top", n) for n in doc.children if n.kind == "Text"]
    for article in doc.find("Article"):
        found += [(f"第{article.num}条", n) for n in article.walk() if n.kind == "Text"]
    return sorted(found, key=lambda f: f[1].lines)


def report(path: Path, show_all: bool) -> str:
    from corpus import detect, read
    from corpus.source import read_bytes

    fmt = detect(read_bytes(path), path.name)
    started = time.perf_counter()
    try:
        doc = read(path)
    except Exception as e:  # noqa: BLE001 - a report line, not a crash
        return f"  {path.name}  {fmt}  FAILED {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
    ms = (time.perf_counter() - started) * 1000
    main = doc.articles()
    other = len(doc.articles(main_only=False)) - len(main)
    chapters = [c.num for c in doc.find("Chapter")]
    sections = [h.num for h in doc.find("Heading") if h.num]
    nums = [a.num for a in main]
    dupes = sorted({n for n in nums if nums.count(n) > 1}, key=lambda n: [int(x) for x in re.findall(r"\d+", n)])
    lines = [
        f"  {path.name}  {fmt}  {ms:.0f} ms  title 「{doc.title[:30]}」",
        f"    articles {len(main)}" + (f" (+{other} in 附則/別紙)" if other else "")
        + (f", numbered {_span(nums)}" if nums else "")
        + (f", twice: {' '.join('第' + n + '条' for n in dupes)}" if dupes else ""),
    ]
    if chapters:
        lines.append(f"    chapters {len(chapters)}: {' '.join(chapters)}")
    if sections:
        lines.append(f"    numbered sections {len(sections)}: {' '.join(sections)}")
    strays = stray_text(doc)
    lines.append(f"    Text nodes (top level / in articles): {len(strays)}")
    for where, node in strays if show_all else strays[:8]:
        lines.append(f"      {where:>6} L{node.lines[0]:<4} {node.text[:40]!r}")
    if len(strays) > 8 and not show_all:
        lines.append(f"      … {len(strays) - 8} more (--all-text)")
    return "\n".join(lines)


def _span(nums: list[str]) -> str:
    """「1–31」 for an unbroken run, else the numbers themselves (the gaps are the news)."""
    if all(n.isdigit() for n in nums) and [int(n) for n in nums] == list(range(int(nums[0]), int(nums[0]) + len(nums))):
        return f"{nums[0]}–{nums[-1]}"
    return " ".join(nums)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all-text", action="store_true", help="list every stray Text node, not the first 8")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    counts = index_counts()
    for folder in sorted(p for p in REALWORLD.iterdir() if p.is_dir()):
        print(f"{folder.name}  (INDEX: {counts.get(folder.name, '?')})")
        for path in sorted(p for p in folder.iterdir() if p.is_file() and p.name not in NOTES):
            print(report(path, args.all_text))
        print()


if __name__ == "__main__":
    main()
