"""Time the PDF reader on a 100-page and a 200-page PDF of law text, and check that it reads them right.

    .venv/bin/python benchmarks/pdf_speed.py [--runs 3] [--pdfplumber]

The PDFs are typeset once by WeasyPrint (A4, 10.5pt Noto Serif CJK JP, the laws' names at the
head of every page, 「3 / 200」 at the foot) from the e-Gov law text in ../shared/laws/
(電気通信事業法, then 特許法), cut at a blank line where the page count is reached. For each PDF:
pages, the median time of ``parse_pdf``, seconds per page, and whether the tree equals the text
reader's tree of the same lines (kind, num, label, caption, text; whitespace ignored; the lines'
indents left out, as the PDF reader does not restore them — Lawtext's tables depend on them). With
``--pdfplumber``, also the time pdfplumber (pdfminer) takes only to extract the words of the same PDF,
the alternative the reader does not use.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from pathlib import Path

from timing import median_time

ROOT = Path(__file__).resolve().parents[1]
LAWS = ROOT.parent / "shared" / "laws"
SOURCES = [LAWS / "359AC0000000086_20230616_504AC0000000070.txt", LAWS / "334AC0000000121_20250616_504AC0000000068.txt"]
PAGES = (100, 200)
CSS = """
@page { size: A4; margin: 20mm;
  @top-center { content: "電気通信事業法・特許法"; font-size: 9pt }
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt } }
body { font-family: 'Noto Serif CJK JP'; font-size: 10.5pt; line-height: 1.6; margin: 0 }
div { white-space: pre-wrap }
"""


def typeset(lines: list[str]) -> tuple[bytes, int]:
    """The lines as a PDF, each source line a paragraph of its own; and the number of pages."""
    import weasyprint

    body = "".join(f"<div>{html.escape(line) if line.strip() else '&#8203;'}</div>" for line in lines)
    document = weasyprint.HTML(string=f"<html lang='ja'><head><style>{CSS}</style></head><body>{body}</body></html>").render()
    return document.write_pdf(), len(document.pages)


def pdf_of_pages(lines: list[str], pages: int) -> tuple[bytes, list[str], int]:
    """A PDF of at least ``pages`` pages (if the text is long enough): the cut estimated from a sample, then corrected."""
    cut, (data, got) = 400, typeset(lines[:400])
    for _ in range(3):
        estimate = min(len(lines), int(cut / got * pages * 1.02) + 1)
        cut = next((i for i in range(estimate, len(lines)) if not lines[i].strip()), len(lines))
        data, got = typeset(lines[:cut])
        if got >= pages or cut == len(lines):
            break
    return data, lines[:cut], got


def tree(doc) -> list[tuple[str, ...]]:
    ws = re.compile(r"\s+")
    return [(n.kind, n.num, ws.sub("", n.label), ws.sub("", n.caption), ws.sub("", n.text)) for n in doc.walk()]



def pdfplumber_words(data: bytes) -> None:
    """pdfplumber's word extraction of every page (what the reader would start from with pdfplumber)."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_words()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--pdfplumber", action="store_true", help="also time pdfplumber's word extraction (one run)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from corpus.readers.pdf import parse_pdf
    from corpus.readers.text import parse_text

    lines = [line for path in SOURCES for line in path.read_text(encoding="utf-8").split("\n")]
    print(f"PDF reader speed: law text from {', '.join(p.name[:14] for p in SOURCES)}; median of {args.runs} runs")
    header = f"{'pages':>6}{'size':>9}{'parse_pdf':>11}{'s/page':>9}{'nodes':>8}  same tree as text"
    print(header + ("  pdfplumber words" if args.pdfplumber else ""))
    for want in PAGES:
        start = time.perf_counter()
        data, text_lines, pages = pdf_of_pages(lines, want)
        made = time.perf_counter() - start
        doc = parse_pdf(data, source="law.pdf")
        same = tree(doc) == tree(parse_text("\n".join(line.strip() for line in text_lines)))
        seconds = median_time(lambda: parse_pdf(data, source="law.pdf"), args.runs)
        row = f"{pages:>6}{len(data) / 1e6:>7.1f}MB{seconds:>10.2f}s{seconds / pages:>9.4f}{len(tree(doc)):>8}"
        row += f"  {'yes' if same else 'NO':<17}"
        if args.pdfplumber:
            row += f"  {median_time(lambda: pdfplumber_words(data), 1):.2f}s"
        print(row + f"   (typeset in {made:.0f}s)")


if __name__ == "__main__":
    main()
