"""renderer.terms_docx: the document as a Word file — structure, fonts, page, reproducibility, and read
back by corpus.readers.docx."""

import datetime
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import ROOT, SHARED
from docx.shared import Pt
from lxml import etree

from corpus.model import Document, Node
from corpus.readers.docx import parse_docx
from corpus.readers.text import parse_text
from renderer.terms_docx import SIZE, write_terms_docx
from renderer.word import FONT

SEED_001 = SHARED / "seeds" / "001_7e37787a9c4c9856.txt"
SEED_002 = SHARED / "seeds" / "002_4051e03855db9ccf.txt"
SMARTME = ROOT / "kaitei" / "examples" / "smartme-new.txt"
不正競争防止法 = SHARED / "laws" / "405AC0000000047_20240216_505AC0000000028.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WS = re.compile(r"\s+")


def read(path: Path) -> Document:
    return parse_text(path.read_text(encoding="utf-8"), source=path.name)


def part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


@pytest.fixture(scope="module")
def seed001():
    return read(SEED_001)


@pytest.fixture(scope="module")
def seed001_docx(seed001):
    return write_terms_docx(seed001)


@pytest.fixture(scope="module")
def word(seed001_docx):
    return docx.Document(io.BytesIO(seed001_docx))


@pytest.fixture(scope="module")
def law_word():
    return docx.Document(io.BytesIO(write_terms_docx(read(不正競争防止法))))


def paragraph(word, start: str):
    found = [p for p in word.paragraphs if p.text.startswith(start)]
    assert found, start
    return found[0]


def test_A4縦(word):
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.orientation == 0  # portrait


def test_題名と見出しはWordのスタイルで(word):
    title = word.paragraphs[0]
    assert (title.style.name, title.text) == ("Title", "どこよりもキー 利用規約")
    article = paragraph(word, "第5条")
    assert (article.style.name, article.text) == ("Heading 1", "第5条(当社からの通知)")
    appendix = paragraph(word, "料金表")
    assert appendix.style.name == "Heading 1"
    assert paragraph(word, "1.\u3000プラン").style.name == "Heading 2"
    assert sum(p.style.name == "Heading 1" for p in word.paragraphs) == 37 + 1  # 37 条 and the 料金表


def test_番号は文字として書き_自動番号は使わない(seed001_docx, word):
    body = part(seed001_docx, "word/document.xml")
    assert not body.findall(f".//{W}numPr")
    assert paragraph(word, "2.\u3000前項の通知は").style.name == "Normal"
    assert paragraph(word, "(4)\u3000反社会的勢力等(第33条第1項第1号で定義")


def test_項と号はぶら下げ字下げ(word):
    p = paragraph(word, "2.\u3000前項の通知は").paragraph_format
    item = paragraph(word, "(4)\u3000反社会的勢力等").paragraph_format
    assert p.first_line_indent < 0 and p.left_indent == -p.first_line_indent  # 項: the label hangs at the margin
    assert item.first_line_indent < 0
    assert item.left_indent + item.first_line_indent == Pt(SIZE)  # 号: the label one character in
    # its wrapped lines start where its text does: after 「(4)」 (half-width in ＭＳ 明朝) and the full-width space
    assert -item.first_line_indent == Pt(SIZE * (1.5 + 1))
    unnumbered = paragraph(word, "本サービスの提供期間").paragraph_format
    assert unnumbered.first_line_indent == Pt(SIZE) and not unnumbered.left_indent


def test_東アジアの書体と日本語(seed001_docx):
    styles = part(seed001_docx, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    fonts = defaults.find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == FONT == "ＭＳ 明朝"
    assert fonts.get(f"{W}ascii") == FONT and not any("Theme" in k for k in fonts.attrib)
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "ja-JP"
    for style in styles.findall(f"{W}style"):
        if style.findtext(f"{W}name") in ("heading 1", "heading 2", "Title"):
            assert style.find(f".//{W}rFonts") is None  # no theme font overriding the Japanese one


def test_料金表はWordの表で先頭行は各頁に(word):
    tables = word.tables
    assert len(tables) == 2
    header = tables[0].rows[0]
    assert [c.text for c in header.cells] == ["プラン名", "月額料金", "契約期間", "貸与端末", "解約金"]
    assert header._tr.trPr.find(f"{W}tblHeader") is not None
    assert all(r.bold for c in header.cells for r in c.paragraphs[0].runs)
    assert [[c.text for c in row.cells] for row in tables[1].rows][1:3] == [["SESAMEタッチPro", "220円（税込）"], ["Bot2", "275円（税込）"]]
    assert tables[1].rows[1]._tr.trPr.find(f"{W}tblHeader") is None


def test_同じ入力なら同じバイト列_日付は制定日(seed001, seed001_docx, word):
    assert write_terms_docx(seed001) == seed001_docx
    with zipfile.ZipFile(io.BytesIO(seed001_docx)) as z:
        assert {info.date_time for info in z.infolist()} == {(2025, 6, 1, 0, 0, 0)}
    core = word.core_properties
    assert core.created == core.modified == datetime.datetime(2025, 6, 1, tzinfo=datetime.timezone.utc)
    assert (core.title, core.language, core.author) == ("どこよりもキー 利用規約", "ja-JP", "kaitei")


def test_錨はブックマークに(seed001_docx):
    names = part(seed001_docx, "word/document.xml").xpath("//w:bookmarkStart/@w:name", namespaces={"w": W[1:-1]})
    assert {"a5", "a5_p2", "a5_p2_i1", "x1", "h1"} <= set(names)
    assert len(names) == len(set(names))


def test_頁番号は下に(seed001_docx):
    with zipfile.ZipFile(io.BytesIO(seed001_docx)) as z:
        footers = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/footer")]
    assert any(f.xpath("//w:fldSimple[@w:instr=' PAGE ']", namespaces={"w": W[1:-1]}) for f in footers)


def test_法令_見出しは条の上_条名は太字で本文に続く(law_word):
    caption = paragraph(law_word, "（目的）")
    assert caption.style.name == "Heading 2" and not any(r.bold for r in caption.runs)
    line = paragraph(law_word, "第一条\u3000この法律は")
    assert line.style.name == "Normal" and line.runs[0].text == "第一条\u3000" and line.runs[0].bold
    chapter = next(p for p in law_word.paragraphs if p.text == "第一章\u3000総則")
    assert chapter.style.name == "Heading 1" and chapter.alignment == 1  # centred
    assert paragraph(law_word, "目次").runs[0].bold


def test_本文はそのまま_改行とルビ():
    hostile = '<script>alert("x")</script> & \'引用\''
    doc = Document(children=[
        Node("Title", text="規約"),
        Node("Paragraph", "1", text=hostile + "\n次の行"),
        Node("Paragraph", "2", "２", text="法令を<Ruby>較<Rt>こう</Rt></Ruby>正する。"),
    ])
    data = write_terms_docx(doc)
    word = docx.Document(io.BytesIO(data))
    assert word.paragraphs[1].text == hostile + "\n次の行"
    body = part(data, "word/document.xml")
    ns = {"w": W[1:-1]}
    assert body.xpath("//w:p[2]//w:br", namespaces=ns)
    ruby = body.xpath("//w:ruby", namespaces=ns)
    assert len(ruby) == 1
    assert ruby[0].xpath("string(w:rt)", namespaces=ns) == "こう"
    assert ruby[0].xpath("string(w:rubyBase)", namespaces=ns) == "較"


# ---------------------------------------------------------------------------
# Read back by corpus.readers.docx


def shape(doc: Document) -> list[tuple[str, str]]:
    return [(n.kind, n.num) for n in doc.walk()]


def text(doc: Document) -> str:
    return WS.sub("", "".join(n.label + n.caption + n.text for n in doc.walk()))


@pytest.mark.parametrize("path", [SEED_001, SEED_002, SMARTME], ids=["seed001", "seed002", "smartme-new"])
def test_読み戻すと同じ木に(path):
    doc = read(path)
    back = parse_docx(write_terms_docx(doc), source=path.with_suffix(".docx").name)
    assert shape(back) == shape(doc)
    assert text(back) == text(doc)


def test_法令も読み戻すと同じ木に_制定文は段落になる():
    doc = read(不正競争防止法)
    back = parse_docx(write_terms_docx(doc), source="law.docx")
    assert text(back) == text(doc)
    enact = [n for n in doc.children if n.markup == ":enact-statement:"]
    assert len(enact) == 1  # Lawtext's 「:enact-statement:」 is syntax, not printed: it reads back as prose
    expected = [("Paragraph", "1") if n is enact[0] else (n.kind, n.num) for n in doc.walk()]
    assert shape(back) == expected


def test_書けない制御文字は除き_長い題名は切る():
    doc = Document(children=[
        Node("Title", text="利用規約" * 100),
        Node("Paragraph", "1", text="頁\x0c送り\x00と\x1b制御\t文字"),
        Node("Table", children=[Node("TableRow", children=[Node("TableColumn", text="\x01セル")])]),
    ])
    word = docx.Document(io.BytesIO(write_terms_docx(doc)))
    assert word.paragraphs[1].text == "頁送りと制御\t文字"
    assert word.tables[0].rows[0].cells[0].text == "セル"
    assert word.core_properties.title == ("利用規約" * 100)[:255]
