"""The e-Gov 法令標準XML reader on the official law XML files, hand-made fragments and hostile input."""

import http.server
import threading
import time
from typing import Iterator

import pytest
from conftest import SHARED

from corpus.errors import SourceError
from corpus.model import Document, Node, printed_text
from corpus.readers.egov_xml import parse_egov_xml

LAWS = sorted((SHARED / "laws").glob("*.xml"))
不正競争防止法 = SHARED / "laws" / "405AC0000000047_20240216_505AC0000000028.xml"
電気通信事業法 = SHARED / "laws" / "359AC0000000086_20230616_504AC0000000070.xml"


def law(body: str, **attrs: str) -> bytes:
    """A minimal <Law> around ``body`` (the content of LawBody)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Law Era="Reiwa" Year="1" Num="1" LawType="Act" Lang="ja"><LawNum>令和元年法律第一号</LawNum>'
        f"<LawBody><LawTitle>テスト法</LawTitle>{body}</LawBody></Law>"
    ).encode()


def article(doc: Document, num: str, *, main_only: bool = True) -> Node:
    found = [a for a in doc.articles(main_only=main_only) if a.num == num]
    assert len(found) == 1, f"Article {num} found {len(found)} times"
    return found[0]


@pytest.fixture(scope="module")
def fusei() -> Document:
    return parse_egov_xml(不正競争防止法.read_bytes(), source=不正競争防止法.name)


@pytest.fixture(scope="module")
def denki() -> Document:
    return parse_egov_xml(電気通信事業法.read_bytes(), source=電気通信事業法.name)


# -- the official files ---------------------------------------------------------------------


def test_法令番号と題名(fusei: Document) -> None:
    assert fusei.law_num == "平成五年法律第四十七号"
    assert fusei.title == "不正競争防止法"
    assert fusei.source == 不正競争防止法.name
    # LawNum is no node; the enact statement is text where it stood, the TOC follows.
    assert [n.kind for n in fusei.children[:3]] == ["Title", "Text", "TOC"]
    assert fusei.children[1].text == "不正競争防止法（昭和九年法律第十四号）の全部を改正する。"


def test_目次は本文ではない(fusei: Document) -> None:
    toc = fusei.children[2]
    assert toc.label == "目次"
    first = toc.children[0]
    assert (first.kind, first.num, first.label, first.text) == ("Text", "1", "第一章　総則", "（第一条・第二条）")
    assert toc.children[-1].label == "附則"
    assert all(a.kind != "Article" for a in toc.walk())


def test_目次の節は章の下に(denki: Document) -> None:
    toc = next(n for n in denki.children if n.kind == "TOC")
    chapter2 = toc.children[1]
    assert chapter2.label == "第二章　電気通信事業"
    assert chapter2.children[0].label == "第一節　総則"
    assert chapter2.children[0].text == "（第六条―第八条）"


def test_本則は章から始まる(fusei: Document) -> None:
    chapter = fusei.children[3]
    assert (chapter.kind, chapter.num, chapter.label, chapter.caption) == ("Chapter", "1", "第一章", "総則")
    assert chapter.lines[0] > 0 and chapter.lines[1] > chapter.lines[0]


def test_条_見出しは上(fusei: Document) -> None:
    a = article(fusei, "1")
    assert (a.label, a.caption, a.caption_above, a.text) == ("第一条", "（目的）", True, "")
    [p] = a.children
    assert (p.kind, p.num, p.label) == ("Paragraph", "1", "")
    assert p.text.startswith("この法律は、事業者間の公正な競争")


def test_枝番号の条(fusei: Document) -> None:
    a = article(fusei, "5_2")
    assert a.label == "第五条の二"


def test_項と号(fusei: Document) -> None:
    a = article(fusei, "2")
    p1, p2 = a.children[:2]
    assert [i.label for i in p1.children[:3]] == ["一", "二", "三"]
    assert (p1.children[0].kind, p1.children[0].num) == ("Item", "1")
    assert (p2.num, p2.label, p2.text) == ("2", "２", "この法律において「商標」とは、商標法第二条第一項に規定する商標をいう。")


def test_本文とただし書は一つの項に(fusei: Document) -> None:
    suppl = next(n for n in fusei.children if n.kind == "SupplProvision")
    second = suppl.children[1].children[0]
    assert second.text.endswith("適用する。ただし、改正前の不正競争防止法（以下「旧法」という。）によって生じた効力を妨げない。")


def test_号のColumnは全角空白でつなぐ(fusei: Document) -> None:
    item = article(fusei, "5").children[2].children[0]
    assert (item.label, item.text) == ("一", "第二条第一項第一号又は第二号に掲げる不正競争\u3000当該侵害に係る商品等表示の使用")


def test_附則の見出し(fusei: Document) -> None:
    suppls = [n for n in fusei.children if n.kind == "SupplProvision"]
    first, second = suppls[:2]
    assert (first.label, first.num, first.caption) == ("附\u3000則", "", "抄")
    assert (second.num, second.caption) == ("平成六年一二月一四日法律第一一六号", "（平成六年一二月一四日法律第一一六号）\u3000抄")
    plain = next(s for s in suppls if s.num == "平成一〇年九月二八日法律第一一一号")
    assert plain.caption == "（平成一〇年九月二八日法律第一一一号）"
    # 附則 articles are not main-provision articles.
    assert all(a.num != "1" or a.caption == "（目的）" for a in fusei.articles())


def test_ルビは本文の中に読みごと(denki: Document) -> None:
    """Ruby stays inline as the e-Gov plain text prints it: base text and reading, nothing lost."""
    [item] = [n for n in denki.walk() if "掲げる<Ruby>較<Rt>こう</Rt></Ruby>正又は校正" in n.text]
    assert item.kind == "Item"


def test_別表は表に(denki: Document) -> None:
    appendix = next(n for n in denki.children if n.kind == "Appendix")
    assert (appendix.num, appendix.label, appendix.caption) == ("1", "別表第一", "（第八十五条の二、第八十五条の三関係）")
    [table] = appendix.children
    header = table.children[0]
    assert [c.text for c in header.children] == ["講習", "科目", "講師"]
    cell = table.children[1].children[2]
    assert cell.text.split("\n")[1].startswith("（２）　学校教育法")  # one Sentence per line
    second = [n for n in denki.children if n.kind == "Appendix"][1]
    assert [c.kind for c in second.children] == ["Item"] * 4


def test_本文のない項は消える(denki: Document) -> None:
    """e-Gov keeps an empty first 項 for 「第五条　」 (the rest cut by 抄); it carries no text."""
    a = next(
        a for a in denki.articles(main_only=False) if a.caption == "（有線テレビジョン放送法の廃止に伴う経過措置）"
    )
    assert [(p.num, p.label) for p in a.children] == [("3", "３")]


@pytest.mark.parametrize("path", LAWS, ids=lambda p: p.name)
def test_全ての法令XML_文字を落とさない(path) -> None:
    """Every character of every Sentence and title in the file is in the tree, in order."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    for rt in root.iter("Rt"):  # readings are left out on purpose
        rt.text = ""
    expected = "".join(
        "".join(el.itertext())
        for el in root.iter()
        if el.tag in ("Sentence", "ArticleTitle", "ArticleCaption", "ParagraphNum", "ItemTitle", "Subitem1Title", "Subitem2Title")
    )
    doc = parse_egov_xml(path.read_bytes())
    got = printed_text(doc)
    pos = 0
    for ch in expected.replace("\u3000", "").replace(" ", ""):
        pos = got.find(ch, pos)
        assert pos >= 0, f"{ch!r} missing"
        pos += 1


@pytest.mark.parametrize("path", LAWS, ids=lambda p: p.name)
def test_全ての法令XML_条の数(path) -> None:
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    main = root.find("LawBody/MainProvision")
    doc = parse_egov_xml(path.read_bytes())
    assert len(doc.articles()) == len(list(main.iter("Article")))
    assert len(doc.find("Article")) == len(list(root.iter("Article")))
    assert len(doc.find("Item")) == len(list(root.iter("Item")))


def test_1MBの法令を1秒以内に() -> None:
    path = max(LAWS, key=lambda p: p.stat().st_size)
    data = path.read_bytes()
    assert len(data) > 900_000
    start = time.perf_counter()
    parse_egov_xml(data)
    assert time.perf_counter() - start < 1.0


# -- fragments --------------------------------------------------------------------------------


def test_見出しが後ろの条() -> None:
    doc = parse_egov_xml(law(
        '<MainProvision><Article Num="1"><ArticleTitle>第1条</ArticleTitle><ArticleCaption>（目的）</ArticleCaption>'
        '<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>本文</Sentence></ParagraphSentence></Paragraph>'
        "</Article></MainProvision>"
    ))
    a = doc.articles()[0]
    assert (a.label, a.caption, a.caption_above) == ("第1条", "（目的）", False)


def test_章の題名_空白のない見出しと番号のない見出し() -> None:
    doc = parse_egov_xml(law(
        '<MainProvision><Chapter Num="3_2"><ChapterTitle>第３章の２利用中止等</ChapterTitle>'
        '<Section Num="1"><SectionTitle>1　適用</SectionTitle>'
        '<Article Num="1"><ArticleTitle>第1条</ArticleTitle><Paragraph Num="1"><ParagraphNum/>'
        "<ParagraphSentence><Sentence>本文</Sentence></ParagraphSentence></Paragraph></Article>"
        "</Section></Chapter></MainProvision>"
    ))
    chapter = doc.children[1]
    assert (chapter.kind, chapter.num, chapter.label, chapter.caption) == ("Chapter", "3_2", "第３章の２", "利用中止等")
    heading = chapter.children[0]
    assert (heading.kind, heading.label, heading.caption) == ("Heading", "1", "適用")


def test_附則の中の別表_Remarks_List() -> None:
    doc = parse_egov_xml(law(
        '<MainProvision><Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>本文</Sentence></ParagraphSentence>'
        '<Item Num="1"><ItemTitle>一</ItemTitle><ItemSentence><Sentence>号</Sentence></ItemSentence></Item>'
        "<List><ListSentence><Sentence>リスト</Sentence></ListSentence>"
        "<Sublist1><Sublist1Sentence><Sentence>下位</Sentence></Sublist1Sentence></Sublist1></List>"
        "</Paragraph></MainProvision>"
        '<SupplProvision Extract="true"><SupplProvisionLabel>附　則</SupplProvisionLabel>'
        '<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>施行する。</Sentence></ParagraphSentence></Paragraph>'
        '<SupplProvisionAppdxTable Num="2"><SupplProvisionAppdxTableTitle>附則別表第二</SupplProvisionAppdxTableTitle>'
        "<TableStruct><TableStructTitle>表題</TableStructTitle><Table><TableHeaderRow><TableHeaderColumn>区分</TableHeaderColumn>"
        "</TableHeaderRow><TableRow><TableColumn><Sentence>甲</Sentence><Sentence>乙</Sentence></TableColumn></TableRow></Table>"
        "<Remarks><RemarksLabel>備考</RemarksLabel><Sentence>注記</Sentence></Remarks></TableStruct>"
        "</SupplProvisionAppdxTable></SupplProvision>"
    ))
    para = doc.children[1]
    item, lst = para.children
    assert (lst.kind, lst.text, lst.children[0].text) == ("Text", "リスト", "下位")
    suppl = doc.children[2]
    assert (suppl.label, suppl.caption) == ("附　則", "抄")
    appendix = suppl.children[1]
    assert (appendix.kind, appendix.num, appendix.label) == ("Appendix", "2", "附則別表第二")
    [table] = appendix.children
    assert table.label == "表題"
    assert [r.kind for r in table.children] == ["TableRow", "TableRow", "Text"]
    assert table.children[1].children[0].text == "甲\n乙"
    assert (table.children[2].label, table.children[2].text) == ("備考", "注記")


def test_SupplNoteと未知の要素は文字として残る() -> None:
    doc = parse_egov_xml(law(
        '<MainProvision><Article Num="1"><ArticleTitle>第一条</ArticleTitle>'
        '<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>本文</Sentence></ParagraphSentence></Paragraph>'
        "<SupplNote>（付記）</SupplNote></Article></MainProvision><Unknown>知らない<b>要素</b></Unknown>"
    ))
    a = doc.articles()[0]
    assert (a.children[-1].kind, a.children[-1].text) == ("Text", "（付記）")
    assert (doc.children[-1].kind, doc.children[-1].text) == ("Text", "知らない要素")


# -- bad and hostile input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"<Law><LawBody>", b"not xml at all", b"<Law>&undefined;</Law>", "<Law>\u00e9</Law>".encode("latin-1")],
    ids=["empty", "unclosed", "text", "undefined-entity", "bad-encoding"],
)
def test_壊れたXMLはSourceError(data: bytes) -> None:
    with pytest.raises(SourceError) as e:
        parse_egov_xml(data, source="broken.xml")
    assert str(e.value).startswith("broken.xml: ")


def test_Law以外の根はSourceError() -> None:
    with pytest.raises(SourceError, match="<html>"):
        parse_egov_xml(b"<html><body/></html>", source="page.xml")


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server: (its base URL, the paths requested from it)."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY fetched "FETCHED">')

        def log_message(self, *args: object) -> None:
            pass

    srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}", requests
    finally:
        srv.shutdown()
        thread.join()


def test_外部実体は展開しない(tmp_path, server: tuple[str, list[str]]) -> None:
    url, requests = server
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE Law [<!ENTITY file SYSTEM "file://{secret}">'
        f'<!ENTITY web SYSTEM "{url}/entity">]>'
        '<Law Era="Reiwa" Year="1" Num="1" LawType="Act" Lang="ja"><LawNum>x</LawNum><LawBody>'
        "<LawTitle>題&file;名&web;</LawTitle><MainProvision/></LawBody></Law>"
    ).encode()
    doc = parse_egov_xml(data)
    assert "SECRET-CONTENT" not in printed_text(doc)
    assert doc.title == "題&file;名&web;"  # the references stay as written
    assert requests == []


def test_外部DTDを読まない(server: tuple[str, list[str]]) -> None:
    url, requests = server
    data = f'<?xml version="1.0"?><!DOCTYPE Law SYSTEM "{url}/law.dtd"><Law><LawNum>&fetched;</LawNum></Law>'.encode()
    doc = parse_egov_xml(data)
    assert doc.law_num == "&fetched;"
    assert requests == []


def laughs(levels: int) -> bytes:
    decls = "".join(f'<!ENTITY lol{i} "{"&lol%d;" % (i - 1) * 10}">' for i in range(1, levels + 1))
    return (
        f'<?xml version="1.0"?><!DOCTYPE Law [<!ENTITY lol0 "lol">{decls}]>'
        f"<Law><LawNum>x</LawNum><LawBody><LawTitle>&lol{levels};</LawTitle><MainProvision/></LawBody></Law>"
    ).encode()


def test_入れ子の実体も展開しない() -> None:
    doc = parse_egov_xml(laughs(3))  # 1,000 × 「lol」 if expanded
    assert doc.title == "&lol3;"


def test_billion_laughs() -> None:
    """libxml2 refuses the declarations outright (amplification limit): one clear message, at once."""
    start = time.perf_counter()
    with pytest.raises(SourceError, match="amplification"):
        parse_egov_xml(laughs(9))
    assert time.perf_counter() - start < 1.0
