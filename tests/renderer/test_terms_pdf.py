"""renderer.terms_pdf: the document as PDF (WeasyPrint, A4 portrait), checked with poppler and pdfplumber,
and read back by corpus.readers.pdf."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT, SHARED

from corpus.model import Document, Node
from corpus.readers.pdf import parse_pdf
from corpus.readers.text import parse_text
from renderer.terms_pdf import write_terms_pdf

SEED_001 = SHARED / "seeds" / "001_7e37787a9c4c9856.txt"
SEED_002 = SHARED / "seeds" / "002_4051e03855db9ccf.txt"
SMARTME = ROOT / "kaitei" / "examples" / "smartme-new.txt"
不正競争防止法 = SHARED / "laws" / "405AC0000000047_20240216_505AC0000000028.txt"
WS = re.compile(r"\s+")


def read(path: Path) -> Document:
    return parse_text(path.read_text(encoding="utf-8"), source=path.name)


def poppler(tool: str, pdf: Path, *args: str) -> str:
    """The output of a poppler tool (pdffonts, pdfinfo, pdftotext) on the file ``pdf``."""
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} not found: install poppler-utils (the README's first command does)")
    out = ["-"] if tool == "pdftotext" else []
    return subprocess.run([tool, *args, str(pdf), *out], capture_output=True, check=True).stdout.decode("utf-8")


@pytest.fixture(scope="module")
def seed001():
    return read(SEED_001)


@pytest.fixture(scope="module")
def seed001_pdf(seed001):
    return write_terms_pdf(seed001)


@pytest.fixture(scope="module")
def pdf_file(seed001_pdf, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "seed001.pdf"
    path.write_bytes(seed001_pdf)
    return path


@pytest.fixture(scope="module")
def law_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "law.pdf"
    path.write_bytes(write_terms_pdf(read(不正競争防止法)))
    return path


def pages(path: Path) -> list[str]:
    return poppler("pdftotext", path).split("\f")[:-1]


def test_PDFである(seed001_pdf):
    assert seed001_pdf.startswith(b"%PDF-")
    assert seed001_pdf.rstrip().endswith(b"%%EOF")


def test_日本語フォントを埋め込む(pdf_file, law_file):
    for path in (pdf_file, law_file):
        fonts = poppler("pdffonts", path).splitlines()[2:]
        assert fonts and all("Noto-Serif-CJK-JP" in line for line in fonts), fonts  # no fallback font: no tofu
        assert all(line.split()[-5] == "yes" for line in fonts)  # emb


def test_A4縦_題名と言語_日付なし(pdf_file):
    info = poppler("pdfinfo", pdf_file)
    assert re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info, re.M)  # portrait
    assert re.search(r"^Title:\s+どこよりもキー 利用規約$", info, re.M)
    assert "CreationDate" not in info and "ModDate" not in info  # no clock time in the file
    with pdfplumber.open(pdf_file) as pdf:
        assert pdf.doc.catalog["Lang"] == b"ja"


def test_同じ入力なら同じバイト列(seed001, seed001_pdf):
    assert write_terms_pdf(seed001) == seed001_pdf
    assert b"/ID" not in seed001_pdf  # no file identifier, which would differ from run to run


def test_頁番号は下に_題名は二頁目から上に(pdf_file):
    texts = pages(pdf_file)
    assert len(texts) >= 5
    for n, text in enumerate(texts, 1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert WS.sub("", lines[-1]) == f"-{n}-"  # 「- 3 -」
        assert lines[0] == "どこよりもキー 利用規約"  # page 1: the title itself; later pages: the running title
        if n > 1:
            assert "どこよりもキー 利用規約" not in lines[1:]


def test_制定日と料金表が印刷される(pdf_file):
    text = poppler("pdftotext", pdf_file)
    assert "制定日 2025年6月1日" in text
    assert "\ufffd" not in text  # no glyph lost
    with pdfplumber.open(pdf_file) as pdf:
        last = pdf.pages[-1]
        assert "料金表" in last.extract_text()  # 別紙 starts a page of its own
        tables = last.extract_tables()
    assert [row[0] for row in tables[0]][:1] == ["プラン名"]
    assert tables[1][:3] == [["端末名", "月額料金"], ["SESAMEタッチPro", "220円（税込）"], ["Bot2", "275円（税込）"]]


def test_号はぶら下げて折り返す(pdf_file):
    """(4) of 第6条第2項: its label at one character in, its wrapped lines where its text starts."""
    with pdfplumber.open(pdf_file) as pdf:
        for page in pdf.pages:
            lines = page.extract_text_lines()
            starts = [i for i, line in enumerate(lines) if line["text"].startswith("(4)") and "反社会的勢力等" in line["text"]]
            if starts:
                break
    first, second = lines[starts[0]], lines[starts[0] + 1]
    text_x = next(c["x0"] for c in first["chars"] if c["text"] == "反")
    assert abs(second["x0"] - text_x) < 1.0  # wrapped line under the text, not under the label
    assert second["x0"] - first["x0"] > 20  # the label hangs out to the left
    paragraph = next(line for line in lines if line["text"].startswith("2."))
    assert first["x0"] - paragraph["x0"] == pytest.approx(10.5, abs=0.5)  # 号 one character in from the 項


def test_法令_見出しは条の上に_条名は太字で(law_file):
    text = poppler("pdftotext", law_file, "-layout")
    assert re.search(r"（目的）\n\s*第一条\s+この法律は、", text)
    assert re.search(r"第一章\s+総則", text)
    assert re.search(r"附\s*則\s*抄", text)
    fonts = poppler("pdffonts", law_file)
    assert "Bold" in fonts  # 章, 条 labels


def test_しおりは章と条で入れ子に(law_file):
    with pdfplumber.open(law_file) as pdf:
        outline = [(level, title) for level, title, *_ in pdf.doc.get_outlines()]
    assert outline[0] == (1, "不正競争防止法")
    assert (2, "第一章\u3000総則") in outline
    chapter = outline.index((2, "第一章\u3000総則"))
    assert outline[chapter + 1] == (3, "第一条（目的）")  # under its 章, with the article's number
    assert (2, "附\u3000則\u3000抄") in outline


def test_ルビは読みを上に():
    doc = Document(children=[Node("Item", "2", "二", text="次に掲げる<Ruby>較<Rt>こう</Rt></Ruby>正を受けたもの")])
    with pdfplumber.open(io.BytesIO(write_terms_pdf(doc))) as pdf:
        chars = pdf.pages[0].chars
    before, base, after = (next(c for c in chars if c["text"] == t) for t in "る較正")
    reading = [c for c in chars if c["text"] in "こう"]
    assert len(reading) == 2 and all(c["size"] < base["size"] for c in reading)
    assert all(c["bottom"] <= base["top"] + 1 for c in reading)  # above the base
    assert base["x0"] - 3 <= reading[0]["x0"] and reading[-1]["x1"] <= base["x1"] + 3  # over it
    # in its place on the line, even in a hanging line (whose negative indent the ruby must not inherit)
    assert before["x1"] <= base["x0"] + 0.5 and base["x1"] <= after["x0"] + 0.5
    assert abs(base["bottom"] - after["bottom"]) < 1


# ---------------------------------------------------------------------------
# Read back by corpus.readers.pdf


def shape(doc: Document) -> list[tuple[str, str]]:
    return [(n.kind, n.num) for n in doc.walk()]


def text(doc: Document) -> str:
    return WS.sub("", "".join(n.label + n.caption + n.text for n in doc.walk()))


def articles(doc: Document) -> list[tuple[str, str, str]]:
    return [(n.kind, n.num, WS.sub("", n.label + n.caption + n.text)) for a in doc.articles() for n in a.walk()]


@pytest.mark.parametrize("path", [SEED_001, SEED_002, SMARTME], ids=["seed001", "seed002", "smartme-new"])
def test_読み戻すと同じ木に(path):
    """The PDF reader finds the same nodes with the same text: labels, hanging indents, page furniture and
    the 料金表 tables are laid out so that it can."""
    doc = read(path)
    back = parse_pdf(write_terms_pdf(doc), source=path.name)
    assert shape(back) == shape(doc)
    assert text(back) == text(doc)
    assert articles(back) == articles(doc)
    assert any("page numbers removed" in note for note in back.notes)
