"""The PDF reader on PDFs typeset here by WeasyPrint from the real seeds and a law: the same tree as the
text reader gives for the same text, with running headers, page numbers, two columns, radical
look-alikes, scanned pages, encryption and damaged files."""

import base64
import functools
import hashlib
import html
import io
import re
import shutil
import struct
import subprocess

import pytest
from conftest import SHARED

import corpus
from corpus.errors import SourceError
from corpus.model import Document, printed_text
from corpus.readers.pdf import parse_pdf
from corpus.readers.text import parse_text

weasyprint = pytest.importorskip("weasyprint")

SEEDS = SHARED / "seeds"
LAW = SHARED / "laws" / "405AC0000000047_20240613_505AC0000000051.txt"  # 不正競争防止法
PAGE_NUMBER = '"- " counter(page) " -"'
_WS = re.compile(r"\s+")


# -- typesetting -----------------------------------------------------------------------------


def seed_text(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def page_html(text: str, *, header: str = "", footer: str = PAGE_NUMBER, columns: int = 1, title: str = "") -> str:
    """Each source line as a line of the page (wrapped by the typesetter where it is too long);
    runs of tab-separated lines as a table; a running header and a page number in the margins."""
    blocks: list[str] = []
    rows: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t")) + "</tr>")
            continue
        if rows:
            blocks.append("<table>" + "".join(rows) + "</table>")
            rows = []
        blocks.append(f'<div class="l">{html.escape(line) if line.strip() else "&#8203;"}</div>')
    if rows:
        blocks.append("<table>" + "".join(rows) + "</table>")
    top = f"@top-center {{ content: {header!r}; font-size: 9pt }}" if header else ""
    bottom = f"@bottom-center {{ content: {footer}; font-size: 9pt }}" if footer else ""
    css = f"""
        @page {{ size: A4; margin: 25mm 20mm; {top} {bottom} }}
        body {{ font-family: 'Noto Serif CJK JP'; font-size: 10.5pt; line-height: 1.6; margin: 0 }}
        h1 {{ font-family: 'Noto Sans CJK JP'; font-size: 16pt; text-align: center }}
        .text {{ column-count: {columns}; column-gap: 10mm }}
        .l {{ white-space: pre-wrap }}
        table {{ border-collapse: collapse; font-size: 8pt }}
        td {{ padding: 0 0.7em; white-space: nowrap; border: 0.5pt solid #888 }}
    """
    head = f"<h1>{html.escape(title)}</h1>" if title else ""
    return f'<html lang="ja"><head><style>{css}</style></head><body>{head}<div class="text">{"".join(blocks)}</div></body></html>'


def pdf_of(page: str) -> bytes:
    return weasyprint.HTML(string=page).write_pdf()


def tree(doc: Document) -> list[tuple[str, str, str, str, str]]:
    """Every node as (kind, num, label, caption, text), whitespace ignored."""
    return [(n.kind, n.num, _WS.sub("", n.label), _WS.sub("", n.caption), _WS.sub("", n.text)) for n in doc.walk()]


def assert_same_tree(doc: Document, expected: Document) -> None:
    got, want = tree(doc), tree(expected)
    for i, (a, b) in enumerate(zip(got, want)):
        assert a == b, f"node {i} differs"
    assert len(got) == len(want)
    assert [a.num for a in doc.articles()] == [a.num for a in expected.articles()]
    for kind in ("Paragraph", "Item", "Subitem1", "Table", "TableRow"):
        assert len(doc.find(kind)) == len(expected.find(kind)), kind


# -- seeds typeset as PDF read back as their text ----------------------------------------------

SEED_HEADERS = {"001": "どこよりもキー 利用規約", "002": "セコムスマホＩＤ利用規約"}


@functools.cache
def seed_pdf_of(name: str) -> bytes:
    return pdf_of(page_html(seed_text(name), header=SEED_HEADERS[name]))


@pytest.fixture(params=sorted(SEED_HEADERS))
def seed_pdf(request) -> tuple[str, bytes]:
    return request.param, seed_pdf_of(request.param)


def test_seed_pdf_reads_as_its_text(seed_pdf):
    name, data = seed_pdf
    doc = parse_pdf(data, source=f"{name}.pdf")
    assert_same_tree(doc, parse_text(seed_text(name)))
    assert doc.source == f"{name}.pdf"
    assert doc.articles(), "the seed has articles"


def test_running_header_and_page_numbers_removed_and_noted(seed_pdf):
    name, data = seed_pdf
    doc = parse_pdf(data, source=f"{name}.pdf")
    header = SEED_HEADERS[name]
    texts = [n.text for n in doc.walk()]
    assert not any(re.fullmatch(r"-\s*\d+\s*-", t) for t in texts)
    in_text = [n.text for n in parse_text(seed_text(name)).walk()]
    assert sum(t.count(header) for t in texts) == sum(t.count(header) for t in in_text)  # 001's title stays
    note = next(n for n in doc.notes if "ヘッダー・フッター・ページ番号を除きました" in n)
    assert note.startswith("running headers/footers and page numbers removed")
    assert header in note and "- 1 -" in note


def test_001_料金表_is_a_table():
    rows = parse_pdf(seed_pdf_of("001")).find("TableRow")
    assert [c.text for c in rows[0].children] == ["プラン名", "月額料金", "契約期間", "貸与端末", "解約金"]
    assert [c.text for c in rows[-1].children] == ["オープンセンサー", "165円（税込）"]


@pytest.mark.parametrize(
    "footer, shown",
    [('counter(page) " / " counter(pages)', "1 / 17"), ("counter(page)", "1"), ('"Page " counter(page)', "Page 1")],
)
def test_page_number_styles(footer, shown):
    text = seed_text("002")
    doc = parse_pdf(pdf_of(page_html(text, footer=footer)))
    assert_same_tree(doc, parse_text(text))
    assert f"「{shown}」" in doc.notes[0]


def test_one_page_keeps_its_first_line_and_drops_a_bare_page_number():
    text = "サンプル利用規約\n\n第1条（目的）\n本規約は、本サービスの利用条件を定めます。\n\n第2条（定義）\n本規約で用いる用語は次のとおりです。"
    doc = parse_pdf(pdf_of(page_html(text, header="", footer="counter(page)")))
    assert doc.title == "サンプル利用規約"
    assert [a.num for a in doc.articles()] == ["1", "2"]
    assert doc.notes == ["running headers/footers and page numbers removed (ヘッダー・フッター・ページ番号を除きました): 「1」"]
    assert not parse_pdf(pdf_of(page_html(text, footer=""))).notes


# -- round trip: the tree typeset by renderer.terms_pdf reads back as the same tree ----------------


@pytest.mark.parametrize("name", ["000", "001", "002"])
def test_terms_pdf_reads_back_as_the_same_tree(name):
    """Hanging labels (「(1)　」 in a box of its own), 料金表 with wrapped cells, the title at the head of every page."""
    from renderer.terms_pdf import write_terms_pdf

    doc = parse_text(seed_text(name), source=f"{name}.txt")
    back = parse_pdf(write_terms_pdf(doc), source=f"{name}.pdf")
    assert_same_tree(back, doc)
    assert "ヘッダー・フッター・ページ番号を除きました" in back.notes[0]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("name", ["000", "001", "002"])
def test_word_document_printed_by_libreoffice_reads_back(name, tmp_path):
    """renderer.terms_docx's Word file printed by LibreOffice: ＭＳ 明朝 mapped to a Mincho, hanging
    labels at tab stops, 、。 hanging past the right margin (ぶら下げ), 「- 1 -」 in the footer."""
    from renderer.terms_docx import write_terms_docx

    doc = parse_text(seed_text(name), source=f"{name}.txt")
    source = tmp_path / f"{name}.docx"
    source.write_bytes(write_terms_docx(doc))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    assert_same_tree(parse_pdf(source.with_suffix(".pdf").read_bytes()), doc)


# -- two columns -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEED_HEADERS))
def test_two_column_seed_reads_column_by_column(name):
    """Paragraphs wrapped from the foot of one column to the head of the next; 001's 料金表 in a column."""
    text = seed_text(name)
    doc = parse_pdf(pdf_of(page_html(text, header=SEED_HEADERS[name], columns=2)))
    assert_same_tree(doc, parse_text(text))
    assert any("2段組" in n for n in doc.notes)


def test_two_columns_under_a_title_across_the_page():
    articles = [
        f"第{n}条（第{n}の見出し）\n"
        + f"第{n}条の本文です。" * 6
        + "当社は、契約者に対し、本サービスの内容を変更する場合があります。" * (n % 3 + 1)
        for n in range(1, 9)
    ]
    text = "\n\n".join(articles)
    doc = parse_pdf(pdf_of(page_html(text, header="", footer="", columns=2, title="二段組の規約")))
    assert doc.title == "二段組の規約"
    assert [a.num for a in doc.articles()] == [str(n) for n in range(1, 9)]
    for article, source in zip(doc.articles(), articles):
        assert article.caption == source.split("\n")[0][len(f"第{article.num}条"):]
        assert article.children[0].text == source.split("\n")[1]  # joined across line and column breaks
    assert any("2段組" in n for n in doc.notes)


# -- text ------------------------------------------------------------------------------------


def test_radical_lookalikes_come_back_as_ideographs():
    text = "サービス利⽤規約\n\n第1条（⽬的）\n本規約は、国⺠の皆様が本サービスを利⽤する条件を定めます。"
    doc = parse_pdf(pdf_of(page_html(text, footer="")))
    assert doc.title == "サービス利用規約"
    assert doc.articles()[0].caption == "（目的）"
    assert doc.articles()[0].children[0].text == "本規約は、国民の皆様が本サービスを利用する条件を定めます。"
    assert not any("\u2e80" <= ch <= "\u2fdf" for n in doc.walk() for ch in n.text + n.caption)
    assert any("部首" in n for n in doc.notes)


def test_short_lines_of_one_length_are_not_wraps():
    text = "会社一覧\n\n株式会社どこよりも東京\n株式会社どこよりも大阪\n株式会社どこよりも福岡\n\n以上"
    assert_same_tree(parse_pdf(pdf_of(page_html(text, footer=""))), parse_text(text))


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_pdf_printed_by_chromium(tmp_path):
    """A browser's PDF: one paragraph wrapped once (no two lines share the right margin)."""
    sentence = "本規約は、国民の皆様が本サービスを利用する条件を定めます。長期の利用、西日本の住民、青色の食品、戸籍、母子、月日、手続、用語。"
    page = tmp_path / "terms.html"
    page.write_text(
        "<html lang='ja'><head><meta charset='utf-8'><style>body { font-family: 'Noto Sans CJK JP'; font-size: 11pt }"
        f"</style></head><body><h1>サービス利用規約</h1><p>第1条（目的）</p><p>{sentence}</p></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "terms.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={out}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    doc = parse_pdf(out.read_bytes())
    assert doc.title == "サービス利用規約"
    assert [(a.num, a.caption) for a in doc.articles()] == [("1", "（目的）")]
    assert doc.articles()[0].children[0].text == sentence


def test_latin_words_wrapped_keep_their_space():
    sentence = " ".join(["The service is provided under these terms and conditions of use."] * 6)
    doc = parse_pdf(pdf_of(page_html(f"Terms of Service\n\n1. {sentence}\n2. {sentence}", footer="")))
    paragraphs = doc.find("Paragraph")
    assert [p.label for p in paragraphs] == ["1.", "2."]
    assert [p.text for p in paragraphs] == [sentence, sentence]


def test_ruled_table_with_wrapped_cells():
    cells = [
        ["プラン名", "月額料金", "備考"],
        ["基本プラン", "1,078円（税込）", "24か月毎の自動更新。途中解約の場合は、残月数分の分割費用を一括でお支払いいただきます。"],
        ["オプション（見守りサービス及び駆け付けサービス）", "550円", "なし"],
    ]
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in cells)
    page = page_html("料金表\n\n以下の料金が発生します。", footer="").replace(
        "</body>", f'<table style="width: 60%; font-size: 10.5pt; table-layout: fixed">{rows}</table><div>以上</div></body>'
    )
    page = page.replace("white-space: nowrap;", "")  # let the cells wrap
    doc = parse_pdf(pdf_of(page))
    table = doc.find("Table")
    assert len(table) == 1
    assert [[c.text for c in row.children] for row in table[0].children] == cells


def test_ruby_is_left_out_and_noted():
    ruby_css = (  # as renderer.terms_pdf sets ruby: the reading in a row above its base
        "ruby { display: inline-table; vertical-align: text-bottom; line-height: 1; text-align: center }"
        " rt { display: table-header-group; font-size: 0.5em; line-height: 1 }"
    )
    text = "第1条（定義）\n次のいずれかに掲げる較正又は校正を受けたものとする。"
    page = page_html(text, footer="").replace("較正又", "<ruby>較<rt>こう</rt></ruby>正又")
    page = page.replace("</style>", ruby_css + "</style>")
    doc = parse_pdf(pdf_of(page))
    assert doc.articles()[0].children[0].text == "次のいずれかに掲げる較正又は校正を受けたものとする。"
    assert "ruby (furigana) left out (ルビを除きました): 「こう」" in doc.notes


def test_law_pdf_reads_as_its_text():
    """A whole law (不正競争防止法): captions above articles, 号 and 号の細分 indented, 附則, page breaks inside articles."""
    text = LAW.read_text(encoding="utf-8")
    doc = parse_pdf(pdf_of(page_html(text, header="不正競争防止法", footer='counter(page) " / " counter(pages)')))
    expected = parse_text(text)
    assert_same_tree(doc, expected)
    assert len(doc.articles()) > 40 and doc.find("SupplProvision")
    assert doc.law_num == expected.law_num != ""
    assert all(a.caption_above for a in doc.articles() if a.caption)


# -- what cannot be read ---------------------------------------------------------------------


def scanned_pdf() -> bytes:
    """One page holding only a picture of text (no text layer)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 400), "white")
    draw = ImageDraw.Draw(image)
    for y in range(40, 360, 30):
        draw.rectangle((40, y, 560, y + 12), fill="black")
    png = io.BytesIO()
    image.save(png, format="PNG")
    page = f'<html><body><img style="width: 160mm" src="{png_src(png.getvalue())}"></body></html>'
    return pdf_of(page)


def png_src(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def test_scanned_pdf_needs_ocr():
    with pytest.raises(SourceError) as e:
        parse_pdf(scanned_pdf(), source="scan.pdf")
    message = str(e.value)
    assert message.startswith("scan.pdf: no text layer — a scanned PDF needs OCR first (テキストのないPDFです")
    assert "\n" not in message


def test_a_scanned_page_among_text_pages_is_noted():
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (60, 40), "gray").save(png, format="PNG")
    text = "サンプル利用規約\n\n第1条（目的）\n本規約は、本サービスの利用条件を定めます。"
    picture = f'<div style="break-before: page"><img style="width: 100mm" src="{png_src(png.getvalue())}"></div>'
    page = page_html(text, footer="").replace("</body>", picture + "</body>")
    doc = parse_pdf(pdf_of(page))
    assert [a.num for a in doc.articles()] == ["1"]
    assert any("page(s) 2 have no text layer" in n and "OCR" in n for n in doc.notes)


def test_damaged_pdf():
    data = pdf_of(page_html("第1条（目的）\n本規約は…", footer=""))
    for damaged in (data[: len(data) // 3], b"%PDF-1.7\n" + b"\x00garbage" * 50):
        with pytest.raises(SourceError, match=r"^bad\.pdf: not a readable PDF .*\(PDFとして読み込めません"):
            parse_pdf(damaged, source="bad.pdf")


def test_read_dispatches_pdf_bytes_by_signature():
    data = pdf_of(page_html("サンプル利用規約\n\n第1条（目的）\n本規約は、本サービスの利用条件を定めます。", footer=""))
    doc = corpus.read(data, source="terms.bin")
    assert doc.title == "サンプル利用規約" and doc.source == "terms.bin"


# An encrypted PDF, made here: the standard security handler, revision 2 (RC4 with a 40-bit key,
# PDF 1.7 §7.6.3, algorithms 2–4), over a one-page PDF in Helvetica. No PDF library writes it.
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(lines: list[str], *, user: str, owner: str) -> bytes:
    def padded(password: str) -> bytes:
        return (password.encode("latin-1") + _PAD)[:32]

    file_id, permissions = b"kaitei-test-pdf!", -64  # copying and printing not allowed
    o = _rc4(hashlib.md5(padded(owner)).digest()[:5], padded(user))
    key = hashlib.md5(padded(user) + o + struct.pack("<i", permissions) + file_id).digest()[:5]
    u = _rc4(key, _PAD)

    def encrypt(num: int, data: bytes) -> bytes:
        return _rc4(hashlib.md5(key + struct.pack("<i", num)[:3] + b"\0\0").digest()[:10], data)

    shown = " ".join(f"({line}) Tj 0 -20 Td" for line in lines)
    content = encrypt(4, f"BT /F1 12 Tf 72 760 Td {shown} ET".encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (o.hex().encode(), u.hex().encode(), permissions),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for num, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (num, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


ENGLISH = ["Terms of Service", "1. These terms apply to the service.", "2. The company may change them."]


def test_pdf_with_a_user_password_is_refused():
    data = encrypted_pdf(ENGLISH, user="secret", owner="owner")
    with pytest.raises(SourceError) as e:
        parse_pdf(data, source="locked.pdf")
    assert str(e.value).startswith("locked.pdf: encrypted PDF — it needs a password to open")
    assert "パスワード" in str(e.value)
    # a genuine encrypted PDF: with its password it opens and reads
    import pypdfium2

    assert pypdfium2.PdfDocument(data, password="secret")[0].get_textpage().get_text_range().startswith("Terms of Service")


def test_pdf_with_only_an_owner_password_is_read():
    doc = parse_pdf(encrypted_pdf(ENGLISH, user="", owner="owner"), source="restricted.pdf")
    assert doc.title == "Terms of Service"
    assert doc.find("Paragraph")[0].text == "These terms apply to the service."
    assert _WS.sub("", printed_text(doc)) == _WS.sub("", "".join(ENGLISH))
