"""renderer.terms_html: the document itself as one HTML page — seeds, a law, escaping, ruby, anchors."""

import re
from pathlib import Path

import lxml.html
import pytest
from conftest import SHARED

import corpus
from corpus.model import Document, Node
from corpus.readers.text import parse_text
from renderer.terms_html import write_terms_html
from renderer.terms_layout import RUBY, label_width, terms_blocks

SEED_001 = SHARED / "seeds" / "001_7e37787a9c4c9856.txt"  # どこよりもキー: 1. 項, (1) 号, 制定日, 料金表 tables
SEED_002 = SHARED / "seeds" / "002_4051e03855db9ccf.txt"  # セコムスマホID: 章, bare captions, no title
不正競争防止法 = SHARED / "laws" / "405AC0000000047_20240216_505AC0000000028.txt"
WS = re.compile(r"\s+")


def read(path: Path) -> Document:
    return parse_text(path.read_text(encoding="utf-8"), source=path.name)


def page(html: bytes):
    return lxml.html.fromstring(html.decode("utf-8"))


def by_id(tree, anchor: str):
    found = tree.xpath(f"//*[@id='{anchor}']")
    assert len(found) == 1, anchor
    return found[0]


def text_of(el) -> str:
    return WS.sub("", el.text_content())


def printed(doc: Document) -> str:
    """Every label, caption and text of the tree in printed order, whitespace removed (markup is not text)."""
    return WS.sub("", "".join(s for n in doc.walk() for s in n.printed() if s is not n.markup))


@pytest.fixture(scope="module")
def seed001():
    return read(SEED_001)


@pytest.fixture(scope="module")
def seed001_page(seed001):
    return page(write_terms_html(seed001))


@pytest.fixture(scope="module")
def law():
    return read(不正競争防止法)


@pytest.fixture(scope="module")
def law_page(law):
    return page(write_terms_html(law))


# ---------------------------------------------------------------------------
# The page


def test_一つのページで完結し日本語と題名をもつ(seed001_page):
    tree = seed001_page
    assert tree.get("lang") == "ja"
    assert tree.findtext(".//title") == "どこよりもキー 利用規約"
    assert len(tree.xpath("//style")) == 1
    assert not tree.xpath("//link | //script | //img | //iframe | //*[@src]")
    assert all(href.startswith("#") for href in tree.xpath("//@href"))  # links to its own provisions only
    assert "url(" not in tree.xpath("string(//style)")  # no fonts or images fetched
    assert "Noto Serif CJK JP" in tree.xpath("string(//style)")  # the Japanese font named (WeasyPrint)


def test_見出しは順に_題名h1_条h2(seed001_page):
    levels = [int(h.tag[1]) for h in seed001_page.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))  # no level skipped
    h1 = seed001_page.xpath("//h1")[0]
    assert h1.text_content() == "どこよりもキー 利用規約" and "title" in h1.get("class")
    assert by_id(seed001_page, "a5").tag == "h2"
    assert by_id(seed001_page, "a5").text_content() == "第5条(当社からの通知)"


def test_章はh2_条はh3_名なしの文書は出典名を題名に():
    doc = read(SEED_002)
    tree = page(write_terms_html(doc))
    assert tree.findtext(".//title") == SEED_002.stem
    assert not tree.xpath("//h1")
    assert by_id(tree, "c1").tag == "h2" and by_id(tree, "c1").text_content() == "第1章\u3000総則"
    assert "center" in by_id(tree, "c1").get("class")
    assert by_id(tree, "a1").tag == "h3"
    assert by_id(tree, "a1").text_content() == "第1条\u3000規約の制定目的"  # a bare caption stays bare


def test_本文はすべて印刷順に(seed001, seed001_page, law, law_page):
    for doc, tree in ((seed001, seed001_page), (law, law_page)):
        assert text_of(tree.xpath("//main")[0]) == printed(doc)


def test_XMLから読んだ法令も_目次の入れ子まで():
    doc = corpus.read(不正競争防止法.with_suffix(".xml"))
    tree = page(write_terms_html(doc))
    assert text_of(tree.xpath("//main")[0]) == printed(doc)
    toc = tree.xpath("//p[contains(@class, 'toc')]")
    assert toc[1].text_content() == "第一章\u3000総則（第一条・第二条）"  # the XML's label and text, one line


# ---------------------------------------------------------------------------
# Provisions: labels, hanging indents, anchors


def test_項と号は番号つきで_ぶら下げ字下げ(seed001_page):
    p = by_id(seed001_page, "a6-p2")
    assert p.tag == "p" and p.text_content().startswith("2.\u3000当社は、前項に基づき")
    item = by_id(seed001_page, "a6-p2-i4")
    assert item.text_content().startswith("(4)\u3000反社会的勢力等")
    # the label hangs: its box is as wide as the hang, wrapped lines start where the text does
    style = dict(part.strip().split(": ") for part in item.get("style").split(";"))
    label = item.xpath("./span[@class='label']")[0]
    hang = float(style["text-indent"].removeprefix("-").removesuffix("em"))
    assert label.get("style") == f"min-width: {hang:g}em"
    assert float(style["padding-left"].removesuffix("em")) == 1 + hang  # 号 one character in, then the hang
    assert hang >= label_width("(4)") + 1  # the label and its full-width space fit in the box
    paragraph_style = by_id(seed001_page, "a6-p2").get("style")
    assert paragraph_style.startswith("padding-left: 2") and "text-indent: -2" in paragraph_style  # 項 flush


def test_最初の番号のない項は番号なしで一字下げ():
    tree = page(write_terms_html(read(SEED_002)))
    first = by_id(tree, "a4-p1")
    assert not first.xpath("./span[@class='label']")
    assert first.get("style") == "text-indent: 1em"
    assert by_id(tree, "a4-p2").text_content().startswith("2\u3000当社が申込みに対して承諾した時")


def test_法令_見出しは条の上_第1項は条名に続けて(law_page):
    caption = by_id(law_page, "a1")
    assert caption.tag == "h3" and caption.text_content() == "（目的）"  # h2 is the 章
    line = caption.getnext()
    assert line.tag == "p" and line.text_content().startswith("第一条\u3000この法律は、事業者間の公正な競争")
    assert line.xpath("./span[@id='a1-p1']")  # the first 項 has its anchor on the article's line
    assert by_id(law_page, "a2-p1-i22").text_content().startswith("二十二\u3000パリ条約")
    assert by_id(law_page, "a2-p2").text_content().startswith("２\u3000この法律において「商標」")
    assert by_id(law_page, "c1").text_content() == "第一章\u3000総則"


def test_法令_枝番号の条と号の細分の錨(law_page):
    assert by_id(law_page, "a5_2").text_content() == "（技術上の秘密を取得した者の当該技術上の秘密を使用する行為等の推定）"
    assert by_id(law_page, "a5_2-p1").getparent().text_content().startswith("第五条の二\u3000技術上の秘密")
    assert by_id(law_page, "a19-p1-i5-i1").text_content().startswith("イ\u3000日本国内において最初に販売された日")
    assert by_id(law_page, "a19-p1-i5-i2").text_content().startswith("ロ\u3000他人の商品の")
    assert "padding-left: 4em" in by_id(law_page, "a19-p1-i5-i2").get("style")  # 細分 two characters in, then イ　


def test_法令_附則は順に番号をふる(law_page):
    first = by_id(law_page, "s1")
    assert first.text_content() == "附\u3000則\u3000抄"
    assert by_id(law_page, "s1-a1").text_content() == "（施行期日）"
    assert by_id(law_page, "s1-a1-p1").getparent().text_content().startswith("第一条\u3000この法律は、公布の日から")
    suppl = law_page.xpath("//*[contains(@class, 'SupplProvision')]")
    assert [h.get("id") for h in suppl] == [f"s{n}" for n in range(1, len(suppl) + 1)]
    assert by_id(law_page, "s2").text_content().startswith("附\u3000則（平成六年一二月一四日法律第一一六号）")
    # 「一から三まで　略」: a range of 号 in one node
    ranges = law_page.xpath("//*[contains(@id, '-i1to3')]")
    assert ranges and ranges[0].text_content() == "一から三まで\u3000略"


def test_法令_法令番号は題名の下に中央揃え_目次もそのまま(law_page):
    law_num = law_page.xpath("//p[contains(@class, 'center')]")[0]
    assert law_num.text_content() == "（平成五年法律第四十七号）"
    assert by_id(law_page, "toc").text_content() == "目次"
    assert law_page.xpath("//p[contains(@class, 'toc')]")[1].text_content() == "第一章\u3000総則（第一条・第二条）"


def test_錨は文書の中で一意(seed001_page, law_page):
    for tree in (seed001_page, law_page):
        ids = tree.xpath("//@id")
        assert len(ids) == len(set(ids))


def test_同じ条番号が二度あれば二つめに番号を足す():
    doc = Document(children=[
        Node("Article", "5", "第5条", "（定義）", children=[Node("Paragraph", "1", text="一つめ。")]),
        Node("Article", "5", "第5条", "（定義）", children=[Node("Paragraph", "1", text="二つめ。")]),
    ])
    tree = page(write_terms_html(doc))
    assert by_id(tree, "a5-p1").text_content() == "一つめ。"
    assert by_id(tree, "a5-2-p1").text_content() == "二つめ。"


# ---------------------------------------------------------------------------
# 附則, 別紙, tables, text lines


def test_料金表は表として_先頭行は見出しセル(seed001_page):
    appendix = by_id(seed001_page, "x1")
    assert appendix.text_content() == "料金表（記載している金額はすべて税込み金額になります。※解約金は除く）"
    assert by_id(seed001_page, "h1").text_content() == "1.\u3000プラン"
    tables = seed001_page.xpath("//table")
    assert len(tables) == 2
    assert [th.text_content() for th in tables[0].xpath(".//thead//th")] == ["プラン名", "月額料金", "契約期間", "貸与端末", "解約金"]
    assert tables[0].xpath(".//thead//th/@scope") == ["col"] * 5
    assert [[td.text_content() for td in tr.xpath("./td")] for tr in tables[1].xpath(".//tbody/tr")][:2] == [
        ["SESAMEタッチPro", "220円（税込）"],
        ["Bot2", "275円（税込）"],
    ]


def test_先頭行が文なら見出しセルにしない_短い行は最後のセルを広げる():
    table = Node("Table", children=[
        Node("TableRow", children=[Node("TableColumn", text="利用料金は、月末に請求します。"), Node("TableColumn", text="毎月")]),
        Node("TableRow", children=[Node("TableColumn", text="注記のみ")]),
    ])
    tree = page(write_terms_html(Document(children=[table])))
    assert not tree.xpath("//th")
    assert tree.xpath("//tr[2]/td/@colspan") == ["2"]


def test_制定日と以上は段落として元の位置に(seed001_page):
    date = seed001_page.xpath("//p[text()='制定日 2025年6月1日']")
    assert date and date[0].getnext().get("id") == "x1"  # between the last article and the 料金表
    tree = page(write_terms_html(parse_text("第1条（目的）\n本規約は定める。\n\n以上\n")))
    assert "right" in tree.xpath("//p[text()='以上']")[0].get("class")


def test_附則の項は見出しの下に(tmp_path):
    doc = read(Path(__file__).parents[2] / "kaitei" / "examples" / "smartme-new.txt")
    tree = page(write_terms_html(doc))
    suppl = tree.xpath("//*[contains(@class, 'SupplProvision')]")[-1]
    assert suppl.text_content().startswith("附 則(令和7年9月24日")
    caption = suppl.getnext()
    assert caption.text_content() == "(実施期日)" and "caption" in caption.get("class")
    assert caption.getnext().text_content() == "1\u3000この改正規定は、令和7年10月1日から実施します。"
    assert caption.getnext().get("id") == suppl.get("id") + "-p1"


# ---------------------------------------------------------------------------
# Escaping, ruby, line breaks


HOSTILE = '<script>alert("x")</script> & \'引用\' "quotes" </p><b>太字</b>'


def test_本文はエスケープされる():
    doc = Document(children=[
        Node("Title", text="規約 <script>alert(1)</script>"),
        Node("Article", "1", "第1条", "（<i>目的</i>）", children=[Node("Paragraph", "1", text=HOSTILE)]),
        Node("Table", children=[Node("TableRow", children=[Node("TableColumn", text="<td>&amp;</td>")])]),
        Node("Text", text="<!-- コメント -->"),
    ], source="<x>.txt")
    html = write_terms_html(doc)
    tree = page(html)
    assert not tree.xpath("//script | //b | //i | //body//comment()")
    assert tree.findtext(".//title") == "規約 <script>alert(1)</script>"
    assert by_id(tree, "a1").text_content() == "第1条（<i>目的</i>）"
    assert by_id(tree, "a1-p1").text_content() == HOSTILE
    assert tree.xpath("//td")[0].text_content() == "<td>&amp;</td>"
    assert b"<script>" not in html and b"&lt;script&gt;" in html


def test_ルビは本物のruby要素に():
    doc = Document(children=[Node("Paragraph", "1", text="法令を<Ruby>較<Rt>こう</Rt></Ruby>正し、<Ruby>&<b><Rt>\"x\"</Rt></Ruby>とする")])
    tree = page(write_terms_html(doc))
    rubies = tree.xpath("//ruby")
    assert len(rubies) == 2
    assert rubies[0].text == "較" and rubies[0].findtext("rt") == "こう"
    assert rubies[1].text == "&<b>" and rubies[1].findtext("rt") == '"x"'  # escaped, not markup
    assert not tree.xpath("//b")
    assert "<Ruby>" not in tree.xpath("string(//main)")


def test_行の区切りは改行に():
    doc = parse_text((SEED_001).read_text(encoding="utf-8"))
    tree = page(write_terms_html(doc))
    item = by_id(tree, "a5-p2-i1")
    assert item.xpath("./br")
    assert item.text_content().startswith("(1)\u3000電子メールの送付による場合\n当社が契約者指定の")


def test_条番号らしい語は行頭に来ないよう前の字と組む(seed001):
    kept = [span.text_content() for span in page(write_terms_html(seed001, links=False)).xpath("//span[@class='keep']")]
    assert "(第" in kept  # 「反社会的勢力等(第33条第1項第1号で定義…」: 第33条 never starts a printed line
    assert all(len(k) == 2 for k in kept)  # the character before, and the label's first
    assert "末・" in kept  # 「スマートロック端末・スマートスピーカー端末」: no line starts with ・


def test_ruby_パターンは法令テキストの表記と同じ():
    text = (SHARED / "laws" / "359AC0000000086_20230614_505AC0000000053.txt").read_text(encoding="utf-8")
    assert RUBY.search(text).groups() == ("較", "こう")


def test_ブロックはHTMLとDOCXで共有できる平らな列(seed001):
    blocks = terms_blocks(seed001)
    assert blocks[0].style == "title" and blocks[0].level == 1
    styles = {b.style for b in blocks}
    assert {"title", "article", "provision", "text", "heading", "table"} <= styles
    item = next(b for b in blocks if b.anchor == "a19-p1-i10")
    assert (item.label, item.sep, item.indent) == ("(10)", "\u3000", 1)
    nine = next(b for b in blocks if b.anchor == "a19-p1-i9")
    assert nine.hang == item.hang  # (9) and (10) line up their text


def test_参照は参照先の条項へのリンク():
    """Every reference of seed 002 that resolves is a link to an id on the page; 前各号 and 前二項 go to the
    first of the provisions they cite, 本条 and この条 (the provision itself) are not links."""
    tree = page(write_terms_html(read(SEED_002)))
    links = [(a.get("href"), text_of(a)) for a in tree.xpath("//main//a")]
    assert len(links) == 30
    for href, _ in links:
        by_id(tree, href[1:])
    assert ("#a24", "第24条") in links and ("#a23-p1-i7", "第23条第1項(7)") in links
    assert ("#a4-p3-i1", "前各号") in links and ("#a26-p1", "前二項") in links and ("#a20-p1", "前2項") in links
    assert not [t for _, t in links if t in ("本条", "この条")]
    # the link is inside the text of 第9条第1項, which cites 第24条(契約者に対する通知)
    assert tree.xpath("//*[@id='a9-p1']//a[@href='#a24']")


def test_リンクの文字もエスケープされる():
    doc = parse_text("第1条（目的）\n<b>第2条</b>による & \"x\"\n第2条（定義）\n前条に定める。\n", source="t.txt")
    html = write_terms_html(doc).decode()
    assert '<a href="#a1">前条</a>' in html
    assert "&lt;b&gt;" in html and "&amp;" in html and "<b>" not in html
