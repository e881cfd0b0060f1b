"""renderer.table_docx: the 現改比較表 as a Word document, on the Smart Me revision and a law revision;
the same rows, marks and underlines as the HTML table (table_context), and LibreOffice prints it."""

import datetime
import io
import zipfile

import docx
import pytest
from conftest import ROOT, SHARED
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Pt
from libreoffice import poppler, squeeze, text_columns, to_pdf

import corpus
from corpus.config import TableOptions
from corpus.model import Document, Node
from diffing.compare import compare
from renderer.table_docx import write_table_docx
from renderer.word import FONT
from renderer.table_layout import table_context

EXAMPLES = ROOT / "kaitei" / "examples"
LAWS = SHARED / "laws"
電気通信事業法 = ("359AC0000000086_20230614_505AC0000000053.txt", "359AC0000000086_20230616_504AC0000000070.txt")


@pytest.fixture(scope="module")
def smartme():
    return compare(corpus.read(EXAMPLES / "smartme-old.txt"), corpus.read(EXAMPLES / "smartme-new.txt"))


@pytest.fixture(scope="module")
def smartme_docx(smartme):
    return write_table_docx(smartme)


def word(data: bytes):
    return docx.Document(io.BytesIO(data))


def runs(element) -> list[tuple[str, bool]]:
    """(text, single-underlined) of every run with text under ``element``, nested tables included."""
    out = []
    for r in element.iter(qn("w:r")):
        text = "".join(t.text or "" for t in r.iter(qn("w:t")))
        u = r.find(f"{qn('w:rPr')}/{qn('w:u')}")
        if text:
            out.append((text, u is not None and u.get(qn("w:val")) == "single"))
    return out


def printed(cell) -> list[tuple[str, bool]]:
    """The pieces of a table_context cell in printed order: its marker, then its lines (a table row's cells)."""
    pieces = [(cell.marker, False)] if cell.marker else []
    for line in cell.lines:
        for group in line.cells if line.style == "tablerow" else [line.pieces]:
            pieces += group
    return pieces


def assert_same_as_html(comparison, data: bytes, **options) -> None:
    """Every printed row of the HTML table is a row of the Word table (after its header row), each
    column with the same text and exactly the same underlined pieces."""
    rows = table_context(comparison, TableOptions(**options))["rows"]
    table = word(data).tables[0]
    assert len(table.rows) == 1 + len(rows)
    for n, (row, tr) in enumerate(zip(rows, table.rows[1:])):
        for cell, tc in zip(row.cells, tr.cells):
            expected, got = printed(cell), runs(tc._tc)
            assert "".join(t for t, _ in got) == "".join(t for t, _ in expected), n
            assert [t for t, u in got if u] == [t for t, u in expected if u], n


# ---------------------------------------------------------------------------
# The rows: as the HTML table


def test_smartme_行と傍線はHTMLの表と同じ(smartme, smartme_docx):
    assert_same_as_html(smartme, smartme_docx)
    table = word(smartme_docx).tables[0]
    old = [t for tr in table.rows[1:] for t, u in runs(tr.cells[0]._tc) if u]
    new = [t for tr in table.rows[1:] for t, u in runs(tr.cells[1]._tc) if u]
    assert "仕様" in new and "使用" in old  # 第4条第4項 (was 第3項)
    assert "本サービスの申込者" in new and "契約者" in old  # 第4条第2項
    assert "の適用" in new  # inside a row of 別紙1's table
    assert "仕様" not in old and "使用" not in new


def test_smartme_新設と略は文字で(smartme_docx):
    table = word(smartme_docx).tables[0]
    old_cells = [tr.cells[0].text for tr in table.rows[1:]]
    assert old_cells.count("（新設）") == 3  # 第4条第3項, 別紙3, 附則: one marker per added block
    assert "（略）" in old_cells
    assert "第4条（本サービスの種類）" in old_cells
    assert "第2章\u3000サービスの種類" in old_cells


def test_smartme_表の行は表のまま(smartme_docx):
    table = word(smartme_docx).tables[0]
    grids = [grid for tr in table.rows[1:] for grid in tr.cells[1].tables]
    cells = [[c.text for c in grid.rows[0].cells] for grid in grids]
    assert ["月額利用料の適用", "料金月の末日時点における有効ID数に対して適用します。"] in cells


def test_法令も同じ行と傍線():
    old, new = (corpus.read(LAWS / name) for name in 電気通信事業法)
    comparison = compare(old, new)
    data = write_table_docx(comparison, TableOptions(layout="new-left"))
    assert_same_as_html(comparison, data, layout="new-left")
    table = word(data).tables[0]
    first = next(tr.cells[0] for tr in table.rows[1:] if tr.cells[0].text.startswith("（目的）"))
    assert [p.text[:12] for p in first.paragraphs] == ["（目的）", "第一条\u3000この法律は、電気"]
    assert first.paragraphs[0].style.name == "Comparison Caption"


# ---------------------------------------------------------------------------
# The Word document


def test_見出し行を各頁に繰り返す(smartme, smartme_docx):
    table = word(smartme_docx).tables[0]
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["~2025年9月30日", "2025年10月1日~"]
    repeated = [tr._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for tr in table.rows]
    assert repeated == [True] + [False] * (len(table.rows) - 1)
    rows = table_context(smartme)["rows"]
    whole = [tr._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in table.rows[1:]]
    assert whole == [not row.long for row in rows]
    chapter = table.rows[1]  # 第2章: kept with the row after it
    assert rows[0].heading_only and all(p.paragraph_format.keep_with_next for p in chapter.cells[0].paragraphs)


def test_A4横(smartme_docx):
    section = word(smartme_docx).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 12


def test_和文フォントと言語(smartme_docx):
    document = word(smartme_docx)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:eastAsia")) == FONT == "ＭＳ 明朝"
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == FONT
    assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win over the name
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:eastAsia")) == "ja-JP"
    assert not list(document.element.body.iter(qn("w:rFonts")))  # no run sets another font


def test_字下げは行の種類どおり(smartme, smartme_docx):
    styles = word(smartme_docx).styles
    provision = styles["Comparison Provision"].paragraph_format
    assert (provision.left_indent, provision.first_line_indent) == (Pt(9.5), Pt(-9.5))  # 2　本サービス… hangs 1 character
    assert styles["Comparison Division"].paragraph_format.left_indent == Pt(19)
    assert styles["Comparison Heading"].font.bold
    # 別紙1「3 身分証サービス」's 「（略）」 is one character in: its own indent on top of the style's
    rows = table_context(smartme)["rows"]
    n = next(i for i, row in enumerate(rows) if row.node == "Paragraph" and row.cells[0].indent == 1)
    paragraph = word(smartme_docx).tables[0].rows[1 + n].cells[0].paragraphs[0]
    assert paragraph.text == "（略）"
    assert paragraph.paragraph_format.left_indent == Pt(9.5 * 2)


def test_同じ入力から同じバイト(smartme, smartme_docx):
    assert write_table_docx(smartme) == smartme_docx
    with zipfile.ZipFile(io.BytesIO(smartme_docx)) as package:
        assert {info.date_time for info in package.infolist()} == {(2025, 10, 1, 0, 0, 0)}  # the effective date
        assert "docProps/thumbnail.jpeg" not in package.namelist()
    core = word(smartme_docx).core_properties
    assert core.created == core.modified == datetime.datetime(2025, 10, 1, tzinfo=datetime.timezone.utc)
    assert core.author == "kaitei" and core.title == "Smart Meサービス利用規約【現改比較表】 2025年10月1日現在"


def test_日付がなければ一定の日時():
    data = write_table_docx(compare(doc("利用規約", "当社は定める。"), doc("利用規約", "弊社は定める。")))
    assert word(data).core_properties.created == datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
    assert [c.text for c in word(data).tables[0].rows[0].cells] == ["現行", "改正後"]


def test_layout_new_left_と見出しの指定(smartme):
    data = write_table_docx(smartme, TableOptions(layout="new-left", old_label="改正前", new_label="改正後", title="新旧対照表", elision="(省略)"))
    document = word(data)
    assert document.paragraphs[0].text == "新旧対照表\u30002025年10月1日現在"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["改正後", "改正前"]
    assert "（新設）" in [tr.cells[1].text for tr in table.rows[1:]]  # 「（新設）」 stays with the old version
    texts = [tr.cells[0].text for tr in table.rows[1:]]
    assert "(省略)" in texts and "（略）" not in texts


def test_改正箇所がなければ一行で(smartme):
    document = word(write_table_docx(compare(smartme.new, smartme.new)))
    assert document.tables == []
    assert "改正箇所はありません" in [p.text for p in document.paragraphs]


def test_XMLに書けない文字は書かない():
    data = write_table_docx(compare(doc("規約", "当社は定める。"), doc("規約\x0c", "弊社は\x00定める\x1b。")))
    table = word(data).tables[0]
    assert "弊社は定める。" in [tr.cells[1].text for tr in table.rows[1:]]


def doc(title: str, *paragraphs: str) -> Document:
    article = Node("Article", num="1", label="第1条", caption="（目的）")
    article.children = [Node("Paragraph", num=str(i), label="" if i == 1 else str(i), text=t) for i, t in enumerate(paragraphs, 1)]
    return Document(children=[Node("Title", text=title), article], source="hand.txt")


# ---------------------------------------------------------------------------
# As LibreOffice prints it


def test_LibreOfficeで印刷できる(smartme, smartme_docx, tmp_path):
    pdf = to_pdf(smartme_docx, "table.docx", tmp_path)
    info = poppler("pdfinfo", str(pdf))
    assert "841.89 x 595.3" in info  # A4 landscape
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2
    for page in range(1, pages + 1):  # the header row on every page
        text = squeeze(poppler("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"))
        assert "~2025年9月30日" in text and "2025年10月1日~" in text
    fonts = poppler("pdffonts", str(pdf))
    assert "NotoSerifCJK" in fonts  # the Japanese text in a Mincho, no tofu
    columns = text_columns(pdf, "~2025年9月30日", "2025年10月1日~")
    for row in table_context(smartme)["rows"]:
        for cell, column in zip(row.cells, columns):
            if cell.marker:
                assert cell.marker in column
            for line in cell.lines:
                if line.style == "tablerow":  # cells side by side: their wrapped lines interleave
                    assert all(squeeze("".join(t for t, _ in c))[:8] in column for c in line.cells)
                else:
                    assert squeeze("".join(t for t, _ in line.pieces)) in column
