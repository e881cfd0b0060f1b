"""renderer.table_pdf: the 現改比較表 as PDF (WeasyPrint), checked with poppler's pdffonts, pdftotext, pdfinfo."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SHARED

from corpus.model import Document, Node
from corpus.readers.text import parse_text
from diffing.compare import compare
from renderer.table_pdf import write_table_pdf

SMARTME = SHARED / "fixtures" / "smartme"


def poppler(tool: str, pdf: Path) -> str:
    """The output of a poppler tool (pdffonts, pdfinfo, pdftotext) on the file ``pdf``."""
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} not found: install poppler-utils (the README's first command does)")
    out = ["-"] if tool == "pdftotext" else []
    return subprocess.run([tool, str(pdf), *out], capture_output=True, check=True).stdout.decode("utf-8")


def read(path: Path) -> Document:
    return parse_text(path.read_text(encoding="utf-8"), source=path.name)


@pytest.fixture(scope="module")
def smartme():
    return compare(read(SMARTME / "old.txt"), read(SMARTME / "new.txt"))


@pytest.fixture(scope="module")
def smartme_pdf(smartme):
    return write_table_pdf(smartme)


@pytest.fixture(scope="module")
def pdf_file(smartme_pdf, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "smartme.pdf"
    path.write_bytes(smartme_pdf)
    return path


def test_PDFである(smartme_pdf):
    assert smartme_pdf.startswith(b"%PDF-")
    assert smartme_pdf.rstrip().endswith(b"%%EOF")


def test_日本語フォントを埋め込む(pdf_file):
    fonts = poppler("pdffonts", pdf_file).splitlines()[2:]
    noto = [line for line in fonts if "Noto" in line and "CJK" in line]
    assert noto, fonts
    assert noto == fonts  # every glyph from Noto CJK, no fallback font (no tofu)
    assert all(line.split()[-5] == "yes" for line in fonts)  # the emb column: nothing left to the viewer's fonts


def test_文字として読める(pdf_file):
    text = poppler("pdftotext", pdf_file)
    assert "現改比較表" in text
    assert "2025年10月1日現在" in text
    assert "仕様" in text and "使用" in text
    assert "~2025年9月30日" in text and "2025年10月1日~" in text
    assert "（新設）" in text
    assert "\ufffd" not in text  # no glyph lost


def test_A4横で頁番号つき(pdf_file):
    info = poppler("pdfinfo", pdf_file)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert pages >= 1
    assert re.search(r"^Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info, re.M)  # landscape
    assert "CreationDate" not in info and "ModDate" not in info  # no clock time in the file
    text = poppler("pdftotext", pdf_file)
    numbers = re.findall(r"^(\d+) ?/ ?(\d+)$", text, re.M)  # 「1 / 2」 in the bottom margin of each page
    assert numbers == [(str(n), str(pages)) for n in range(1, pages + 1)]


def test_同じ入力なら同じバイト列(smartme, smartme_pdf):
    assert write_table_pdf(smartme) == smartme_pdf


def test_一頁に収まらない行は行間で分けて見出しを繰り返す(tmp_path):
    def doc(*texts: str) -> Document:
        paragraphs = [
            Node("Paragraph", num=str(i), label=str(i) if i > 1 else "", text=t) for i, t in enumerate(texts, 1)
        ]
        article = Node("Article", num="1", label="第1条", caption="（目的）", children=paragraphs)
        return Document(children=[Node("Title", text="長い規約"), article])

    long = "".join(f"これは第{i}文であり、当社は利用者に対して本サービスを提供する。" for i in range(150)) + "以上"
    path = tmp_path / "long.pdf"
    path.write_bytes(write_table_pdf(compare(doc("短い。", "当社は定める。"), doc(long, "弊社は定める。"))))
    pages = int(re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", path), re.M).group(1))
    text = poppler("pdftotext", path)
    assert pages >= 3
    assert text.count("改正後") == pages  # the column headers on every page
    assert "第149文" in text and "以上" in text and "弊社" in text  # nothing cut off
