"""renderer.table_xlsx: the changes of the 現改比較表 as a worksheet, on the Smart Me revision and a law
revision; the rows and underlines of the HTML table (table_context), kept through save and load."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from conftest import ROOT, SHARED
from libreoffice import poppler, squeeze, text_columns, to_pdf
from openpyxl.cell.rich_text import CellRichText

import corpus
from corpus.config import TableOptions
from corpus.model import Document, Node
from diffing.compare import compare
from renderer.table_layout import table_context
from renderer.table_xlsx import FONT, write_table_xlsx

EXAMPLES = ROOT / "kaitei" / "examples"
LAWS = SHARED / "laws"
電気通信事業法 = ("359AC0000000086_20230614_505AC0000000053.txt", "359AC0000000086_20230616_504AC0000000070.txt")
FIRST = 4  # the first row of changes: title, note and column headers above it


@pytest.fixture(scope="module")
def smartme():
    return compare(corpus.read(EXAMPLES / "smartme-old.txt"), corpus.read(EXAMPLES / "smartme-new.txt"))


@pytest.fixture(scope="module")
def smartme_xlsx(smartme):
    return write_table_xlsx(smartme)


def sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data), rich_text=True).active


def changes(ws) -> list[tuple]:
    return [row for row in ws.iter_rows(min_row=FIRST) if row[0].value is not None]


def underlined(value) -> list[str]:
    """The single-underlined runs of a cell's rich text, as read back from the file."""
    if not isinstance(value, CellRichText):
        return []
    return [block.text for block in value if not isinstance(block, str) and block.font.u == "single"]


def printed(cell) -> list[tuple[str, bool]]:
    pieces = []
    for line in cell.lines:
        for group in line.cells if line.style == "tablerow" else [line.pieces]:
            pieces += group
    return pieces


def assert_same_as_html(comparison, data: bytes, **options) -> None:
    """One row per printed row of the HTML table that shows a change, in order, each version's cell
    holding its lines and exactly its underlined pieces."""
    rows = [row for row in table_context(comparison, TableOptions(**options))["rows"]
            if any(r.kind not in ("context", "elided") for r in row.compared)]
    got = changes(sheet(data))
    assert len(got) == len(rows)
    for n, (row, cells) in enumerate(zip(rows, got)):
        for cell, xl in zip(row.cells, cells[2:]):
            text = str(xl.value)
            for line in cell.lines:
                if line.style != "tablerow":
                    assert "".join(t for t, _ in line.pieces) in text, n
            assert underlined(xl.value) == [t for t, u in printed(cell) if u], n


def doc(title: str, *paragraphs: str) -> Document:
    article = Node("Article", num="1", label="第1条", caption="（目的）")
    article.children = [Node("Paragraph", num=str(i), label="" if i == 1 else str(i), text=t) for i, t in enumerate(paragraphs, 1)]
    return Document(children=[Node("Title", text=title), article], source="hand.txt")


# ---------------------------------------------------------------------------
# The rows


def test_smartme_改正箇所ごとに一行(smartme, smartme_xlsx):
    assert_same_as_html(smartme, smartme_xlsx)
    rows = changes(sheet(smartme_xlsx))
    assert [(r[0].value, r[1].value) for r in rows[:4]] == [
        ("第4条第2項", "変更"),
        ("第4条第3項", "新設"),
        ("第4条第4項\n（旧第4条第3項）", "変更"),  # renumbered and changed: where it is, and where it was
        ("別紙1「2 身分証サービス」\n（旧別紙1「3 身分証サービス」）", "番号変更"),
    ]
    assert [r[1].value for r in rows[4:]] == ["変更", "番号変更", "変更", "変更"] + ["新設"] * 7
    assert [r[0].value for r in rows[-4:]] == ["附則", "附則第1項", "附則第2項", "附則第3項"]


def test_smartme_傍線は保存して読んでも残る(smartme_xlsx):
    rows = changes(sheet(smartme_xlsx))
    second = rows[0]  # 第4条第2項
    assert underlined(second[2].value) == ["契約者", "片方", "利用"]
    assert underlined(second[3].value) == ["本サービスの申込者", "入退室サービス", "申込みを"]
    assert str(second[3].value).startswith("2\u3000本サービスの申込者は、")
    fourth = rows[2]  # 第4条第4項 (was 第3項): its number and the word the published table missed
    assert underlined(fourth[2].value) == ["3", "使用"] and underlined(fourth[3].value) == ["4", "仕様"]
    fee = next(r for r in rows if str(r[3].value).startswith("月額利用料"))  # a row of 別紙1's table
    assert str(fee[3].value) == "月額利用料の適用｜料金月の末日時点における有効ID数に対して適用します。"
    assert underlined(fee[3].value) == ["の適用"] and underlined(fee[2].value) == []
    blocks = [b for b in second[3].value if not isinstance(b, str)]
    assert {b.font.rFont for b in blocks} == {FONT}  # every run in ＭＳ 明朝, underlined or not


def test_smartme_新設はどの行にも(smartme_xlsx):
    rows = changes(sheet(smartme_xlsx))
    inserted = [r for r in rows if r[1].value == "新設"]
    assert len(inserted) == 8 and all(r[2].value == "（新設）" for r in inserted)  # not only the first of a block
    assert [str(r[3].value) for r in inserted[1:4]] == [
        "別紙3", "第4条第3項に定めるサービスは以下の通りとします。", "・セコム株式会社が提供する「セコムスマホID」",
    ]


def test_削除は新側に削る(smartme):
    rows = changes(sheet(write_table_xlsx(compare(smartme.new, smartme.old))))
    deleted = [r for r in rows if r[1].value == "削除"]
    assert [r[0].value for r in deleted[:2]] == ["第4条第3項", "別紙3"]  # cited where they were
    assert all(r[3].value == "（削る）" for r in deleted)


def test_法令も同じ行と傍線():
    old, new = (corpus.read(LAWS / name) for name in 電気通信事業法)
    comparison = compare(old, new)
    data = write_table_xlsx(comparison)
    assert_same_as_html(comparison, data)
    # 第一条 is context, its first paragraph (printed with it) changed: the row is that paragraph's change
    first = next(r for r in changes(sheet(data)) if str(r[3].value).startswith("（目的）\n第一条"))
    assert (first[0].value, first[1].value) == ("第1条第1項", "変更")
    assert "鑑み" in underlined(first[3].value)


# ---------------------------------------------------------------------------
# The worksheet


def test_見出しと固定と印刷(smartme_xlsx):
    ws = sheet(smartme_xlsx)
    assert ws["A1"].value == "Smart Meサービス利用規約【現改比較表】 2025年10月1日現在"
    assert ws["A2"].value == "（傍線部分は改正部分）"
    assert [c.value for c in ws[3]] == ["条項", "種別", "~2025年9月30日", "2025年10月1日~"]
    assert ws.freeze_panes == "A4"  # the column headers stay in view
    assert ws.print_title_rows == "$3:$3"  # and are printed on every page
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.auto_filter.ref == f"A3:D{ws.max_row}"
    assert [ws.column_dimensions[c].width for c in "ABCD"] == [22, 8, 58, 58]
    for row in changes(ws):
        assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in row)
        assert all(c.font.name == FONT for c in row)
        assert ws.row_dimensions[row[0].row].height >= 13.5


def test_行の高さは折り返した行数から(smartme_xlsx):
    ws = sheet(smartme_xlsx)
    rows = changes(ws)
    one_line = next(r for r in rows if r[0].value == "別紙3")
    four_lines = rows[2]  # 第4条第4項: 108 characters in a 58-wide column
    assert ws.row_dimensions[four_lines[0].row].height >= 4 * 13.5 > ws.row_dimensions[one_line[0].row].height


def test_同じ入力から同じバイト(smartme, smartme_xlsx):
    assert write_table_xlsx(smartme) == smartme_xlsx
    with zipfile.ZipFile(io.BytesIO(smartme_xlsx)) as package:
        assert {info.date_time for info in package.infolist()} == {(2025, 10, 1, 0, 0, 0)}  # the effective date
    properties = openpyxl.load_workbook(io.BytesIO(smartme_xlsx)).properties
    assert properties.created == properties.modified == datetime.datetime(2025, 10, 1)
    assert properties.creator == "kaitei"


def test_layout_new_left_と見出しの指定(smartme):
    ws = sheet(write_table_xlsx(smartme, TableOptions(layout="new-left", old_label="改正前", new_label="改正後", title="新旧対照表")))
    assert ws["A1"].value == "新旧対照表 2025年10月1日現在"
    assert [c.value for c in ws[3]] == ["条項", "種別", "改正後", "改正前"]
    first = changes(ws)[0]
    assert underlined(first[2].value) == ["本サービスの申込者", "入退室サービス", "申込みを"]


def test_改正箇所がなければ一行で(smartme):
    ws = sheet(write_table_xlsx(compare(smartme.new, smartme.new)))
    assert ws["A4"].value == "改正箇所はありません"
    assert ws.max_row == 4


def test_日付がなければ一定の日時とXMLに書けない文字は書かない():
    data = write_table_xlsx(compare(doc("規約", "当社は定める。"), doc("規約\x0c", "弊社は\x00定める\x1b。")))
    assert openpyxl.load_workbook(io.BytesIO(data)).properties.created == datetime.datetime(2000, 1, 1)
    ws = sheet(data)
    assert [c.value for c in ws[3]][2:] == ["現行", "改正後"]
    assert str(changes(ws)[0][3].value) == "弊社は定める。"


# ---------------------------------------------------------------------------
# As LibreOffice prints it


def test_LibreOfficeで印刷できる(smartme_xlsx, tmp_path):
    pdf = to_pdf(smartme_xlsx, "table.xlsx", tmp_path)
    info = poppler("pdfinfo", str(pdf))
    assert "841.89 x 595.3" in info  # A4 landscape
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    for page in range(1, pages + 1):  # the column headers on every page
        text = squeeze(poppler("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"))
        assert "~2025年9月30日" in text and "2025年10月1日~" in text
    assert "CJK" in poppler("pdffonts", str(pdf))  # Japanese glyphs from a Japanese font, no tofu
    old, new = text_columns(pdf, "~2025年9月30日", "2025年10月1日~")
    rows = changes(sheet(smartme_xlsx))
    for row in rows:
        assert squeeze(str(row[2].value)) in old
        assert squeeze(str(row[3].value)) in new
    text = squeeze(poppler("pdftotext", str(pdf), "-"))
    assert all(row[1].value in text for row in rows)
