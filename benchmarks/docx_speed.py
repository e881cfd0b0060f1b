"""Time the DOCX reader on a 100-page Word document whose 条・項・号 numbers are Word list numbering.

    .venv/bin/python benchmarks/docx_speed.py [--law FILE] [--pages N] [--runs N]

The document is built from a real law (default 電気通信事業法, ../shared/laws/359AC…070.txt):
its articles in order, each 第N条 a paragraph of a multi-level Word list (第%1条 in 漢数字, ２ ３ …
for 項, 一 二 … for 号, イ ロ ハ for 号の細分 — none of these numbers is in the text), until the
document has the wanted number of pages. Pages are counted by LibreOffice (the .docx printed to
PDF) when ``soffice`` is installed, else estimated at 1,100 characters a page. Prints the pages,
the file size, the median time of ``parse_docx`` and, for scale, of ``parse_text`` on the same
articles as law text.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import median_time

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LAW = SHARED / "laws" / "359AC0000000086_20230616_504AC0000000070.txt"
CHARS_PER_PAGE = 1100  # A4, python-docx default template (11 pt, 1-inch margins): measured with LibreOffice
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# One multi-level list for the whole law: 条, 項 (from ２), 号, 号の細分.
LEVELS = (
    ("japaneseCounting", "第%1条", 1),
    ("decimalFullWidth", "%2", 2),
    ("japaneseCounting", "%3", 1),
    ("irohaFullWidth", "%4", 1),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--law", type=Path, default=LAW, help="a law in Lawtext plain-text form")
    parser.add_argument("--pages", type=int, default=100, help="pages of the document to build")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from corpus.readers.docx import parse_docx
    from corpus.readers.text import parse_text

    law_text = args.law.read_text(encoding="utf-8")
    articles = parse_text(law_text, source=args.law.name).articles()
    data, used, chars = build_docx(articles, args.pages * CHARS_PER_PAGE)
    pages, how = count_pages(data), "LibreOffice"
    if pages is None:
        pages, how = round(chars / CHARS_PER_PAGE), f"estimated at {CHARS_PER_PAGE} characters a page"
    first, last = used[0].lines[0], used[-1].lines[1]
    same_text = "\n".join(law_text.split("\n")[first - 1 : last])

    doc = parse_docx(data, source="law.docx")
    numbered = sum(1 for a in doc.articles() if a.label.startswith("第"))
    docx_time = median_time(lambda: parse_docx(data, source="law.docx"), args.runs)
    text_time = median_time(lambda: parse_text(same_text, source="law.txt"), args.runs)

    print(f"DOCX reader speed: {args.law.name}, first {len(used)} articles, Word list numbering")
    print(f"median of {args.runs} runs; Python {sys.version.split()[0]}")
    print()
    print(f"pages            {pages} ({how})")
    print(f"size             {len(data) / 1000:.0f} KB .docx, {chars:,} characters")
    print(f"read back        {numbered} articles numbered 第N条 from numbering.xml, {sum(1 for _ in doc.walk()):,} nodes")
    print(f"parse_docx       {docx_time:.3f} s  ({docx_time / pages * 1000:.1f} ms a page)")
    print(f"parse_text       {text_time:.3f} s  (the same articles as law text, {len(same_text.encode()) / 1000:.0f} KB)")
    print(f"ratio            {docx_time / text_time:.1f}x")


def build_docx(articles, budget: int) -> tuple[bytes, list, int]:
    """A .docx of the first articles up to ``budget`` characters: (bytes, articles used, characters)."""
    import docx
    from docx.oxml import parse_xml

    word = docx.Document()
    word.add_paragraph("電気通信事業法（抜粋）", "Title")
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="space"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(LEVELS)
    )
    numbering = word.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="900">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="900"><w:abstractNumId w:val="900"/></w:num>'))

    def add(text: str, level: int | None = None) -> int:
        p = word.add_paragraph(text)
        if level is not None:
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = 900
        return len(text) + 4

    chars, used = 0, []
    for article in articles:
        if chars >= budget:
            break
        used.append(article)
        chars += add(article.caption or "（見出しなし）", 0)
        for i, paragraph in enumerate(article.children):
            if paragraph.kind != "Paragraph":
                continue
            chars += add(paragraph.text, None if i == 0 else 1)
            for item in paragraph.walk():
                if item.kind == "Item":
                    chars += add(item.text, 2)
                elif item.kind == "Subitem1":
                    chars += add(item.text, 3)
                elif item.kind.startswith("Subitem"):
                    chars += add(item.label + "\u3000" + item.text)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue(), used, chars


def count_pages(data: bytes) -> int | None:
    """Pages of the .docx as LibreOffice prints it, or None without soffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    import pypdfium2

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "law.docx"
        src.write_bytes(data)
        subprocess.run(
            [soffice, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(src)],
            check=True, capture_output=True, timeout=600,
        )
        return len(pypdfium2.PdfDocument(str(Path(tmp) / "law.pdf")))



if __name__ == "__main__":
    main()
