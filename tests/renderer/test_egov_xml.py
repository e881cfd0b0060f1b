"""The e-Gov 法令標準XML writer: schema validity, round trips through the XML reader, lossless output."""

import re

import pytest
from conftest import SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from corpus.model import KINDS, SUBITEM_KINDS, Document, Node
from corpus.readers.egov_xml import parse_egov_xml, suppl_caption
from renderer.egov_xml import SCHEMA, validate, write_egov_xml

LAWS = sorted((SHARED / "laws").glob("*.xml"))
TEXT_DOCUMENTS = sorted(
    p
    for folder in ("seeds", "realworld", "fixtures", "laws")
    for p in (SHARED / folder).rglob("*")
    if p.is_file() and p.suffix in (".txt", ".md", ".html", ".ctp", ".json") and p.name not in ("SOURCE.md", "INDEX.md", "expected.md")
)
_WS = re.compile(r"\s+")


def shape(node: Node) -> tuple:
    """What a round trip must keep: kind, num, label, caption, text, caption_above, children."""
    return (node.kind, node.num, node.label, node.caption, node.text, node.caption_above, [shape(c) for c in node.children])


def first_difference(a: list[Node], b: list[Node], path: str = "") -> str | None:
    """Where two node lists first differ, for a readable failure."""
    if len(a) != len(b):
        return f"{path or '/'}: {[n.kind for n in a]} != {[n.kind for n in b]}"
    for i, (x, y) in enumerate(zip(a, b)):
        here = f"{path}/{i}:{x.kind}"
        if shape(x)[:6] != shape(y)[:6]:
            return f"{here}: {shape(x)[:6]} != {shape(y)[:6]}"
        found = first_difference(x.children, y.children, here)
        if found:
            return found
    return None


def strings(doc: Document) -> str:
    """Every label, caption and text in tree order, whitespace removed (what lossless means here)."""
    return _WS.sub("", "".join(s for n in doc.walk() for s in (n.label, n.caption, n.text)))


def round_trip(doc: Document) -> tuple[bytes, Document]:
    xml = write_egov_xml(doc)
    assert validate(xml) == []
    return xml, parse_egov_xml(xml)


# -- the official laws: XML -> tree -> XML -> tree ---------------------------------------------


@pytest.fixture(scope="module", params=LAWS, ids=lambda p: p.name)
def law(request: pytest.FixtureRequest) -> tuple[Document, bytes, Document]:
    doc = parse_egov_xml(request.param.read_bytes())
    xml, back = round_trip(doc)
    return doc, xml, back


def test_法令XML_書き出しは妥当(law) -> None:
    _, xml, _ = law
    assert validate(xml) == []


def test_法令XML_木が一致する(law) -> None:
    doc, _, back = law
    assert first_difference(doc.children, back.children) is None
    assert back.law_num == doc.law_num and back.title == doc.title


def test_法令XML_書き出しは二度目も同じバイト列(law) -> None:
    _, xml, back = law
    assert write_egov_xml(back) == xml


def test_法令の属性は法令番号から() -> None:
    doc = parse_egov_xml((SHARED / "laws" / "405AC0000000047_20240216_505AC0000000028.xml").read_bytes())
    root = etree.fromstring(write_egov_xml(doc))
    assert dict(root.attrib) == {"Era": "Heisei", "Year": "5", "Num": "47", "LawType": "Act", "Lang": "ja"}
    assert root.findtext("LawNum") == "平成五年法律第四十七号"


@pytest.mark.parametrize(
    ("law_num", "attrs"),
    [
        ("昭和三十四年法律第百二十一号", ("Showa", "34", "121", "Act")),
        ("令和元年政令第十二号", ("Reiwa", "1", "12", "CabinetOrder")),
        ("平成十二年総務省令第六十四号", ("Heisei", "12", "64", "MinisterialOrdinance")),
        ("", ("Reiwa", "1", "1", "Misc")),
        ("第5版", ("Reiwa", "1", "1", "Misc")),
    ],
)
def test_法令番号の読み取り(law_num: str, attrs: tuple[str, ...]) -> None:
    root = etree.fromstring(write_egov_xml(Document([Node("Title", text="題")], law_num=law_num)))
    assert (root.get("Era"), root.get("Year"), root.get("Num"), root.get("LawType")) == attrs


# -- a hand-made terms document ----------------------------------------------------------------


def terms_document() -> Document:
    item = Node("Item", "1", "(1)", text="「契約者」とは、本規約に同意した者をいいます。", children=[
        Node("Subitem1", "1", "ア", text="個人"),
        Node("Subitem1", "2", "イ", text="法人"),
        Node("Text", text="※ 法人には団体を含みます。"),
    ])
    return Document([
        Node("Title", text="サンプルサービス利用規約"),
        Node("Text", text="この規約は、サンプルサービスの利用条件を定めるものです。"),
        Node("Chapter", "1", "第1章", "総則", children=[
            Node("Article", "1", "第1条", "（目的）", children=[
                Node("Paragraph", "1", "", text="本規約は、当社が提供する本サービスに適用されます。"),
                Node("Paragraph", "2", "2", text="当社は、本規約を変更することができます。"),
            ]),
            Node("Article", "2", "第2条", "（定義）", children=[
                Node("Paragraph", "1", "", text="本規約において、次の用語の意味は以下のとおりです。", children=[
                    item,
                    Node("Item", "2", "(2)", text="「本サービス」とは、当社が提供するサービスをいいます。"),
                ]),
                Node("Text", text="（注）定義は変更されることがあります。"),
            ]),
        ]),
        Node("Chapter", "2", "第2章", "料金", children=[
            Node("Article", "3", "第3条", "（料金）", children=[
                Node("Paragraph", "1", "", text="料金は別表のとおりとします。"),
                Node("Text", text="※ 税込み"),
                Node("Paragraph", "2", "2", text="支払方法は当社の定めるところによります。"),
            ]),
        ]),
        Node("Text", text="以上"),
        Node("SupplProvision", "2025年4月1日", "附則", "(2025年4月1日)", children=[
            Node("Paragraph", "1", "", text="本規約は、2025年4月1日から施行します。"),
        ]),
        Node("Appendix", "1", "別紙1", "料金表", children=[
            Node("Heading", "1", "1.", "プラン", children=[
                Node("Table", children=[
                    Node("TableRow", children=[Node("TableColumn", text="プラン名"), Node("TableColumn", text="月額")]),
                    Node("TableRow", children=[Node("TableColumn", text="基本"), Node("TableColumn", text="1,078円\n（税込）")]),
                ]),
                Node("Text", text="※1 工事費を含みます。"),
            ]),
        ]),
        Node("Text", text="2025年4月1日 制定"),
    ])


def test_規約の書き出しは妥当で読み戻せる() -> None:
    doc = terms_document()
    xml, back = round_trip(doc)
    assert first_difference(doc.children, back.children) is None
    root = etree.fromstring(xml)
    assert (root.get("LawType"), root.get("Era")) == ("Misc", "Reiwa")
    # The article caption follows its title, as printed.
    article = root.find(".//Article[@Num='1']")
    assert [c.tag for c in article][:2] == ["ArticleTitle", "ArticleCaption"]
    # 「以上」 after the last article is text, not a provision.
    assert [n.kind for n in back.children].count("Article") == 0
    assert back.children[4].text == "以上"


def test_規約の要素の選び方() -> None:
    root = etree.fromstring(write_egov_xml(terms_document()))
    body = root.find("LawBody")
    assert [c.tag for c in body] == ["LawTitle", "EnactStatement", "MainProvision", "SupplProvision", "AppdxNote", "SupplProvision"]
    assert body.find("SupplProvision").get("AmendLawNum") == "2025年4月1日"
    assert body.find("SupplProvision/SupplProvisionLabel").text == "附則(2025年4月1日)"
    assert root.find(".//Subitem1/Subitem1Title").text == "ア"
    assert root.find(".//Item/List/ListSentence/Sentence").text == "※ 法人には団体を含みます。"
    assert root.find(".//Article[@Num='2']/SupplNote").text == "（注）定義は変更されることがあります。"
    assert root.find(".//AppdxNote/AppdxNoteTitle").text == "別紙1"
    heading = root.find(".//AppdxNote/NoteStruct/Note/Chapter")
    assert heading.findtext("ChapterTitle") == "1.\u3000プラン"
    assert [c.text for c in heading.iter("Sentence")][-3:] == ["基本", "1,078円", "（税込）"]


def test_見出しが上の条() -> None:
    doc = Document([Node("Article", "1", "第一条", "（目的）", caption_above=True, children=[Node("Paragraph", "1", text="本文")])])
    article = etree.fromstring(write_egov_xml(doc)).find(".//Article")
    assert [c.tag for c in article][:2] == ["ArticleCaption", "ArticleTitle"]


def test_附則の見出しは属性に() -> None:
    for num, extract in (("平成元年六月二八日法律第五五号", True), ("平成元年六月二八日法律第五五号", False), ("", True)):
        doc = Document([Node("SupplProvision", num, "附\u3000則", suppl_caption(num, extract), children=[Node("Paragraph", "1", text="施行")])])
        el = etree.fromstring(write_egov_xml(doc)).find(".//SupplProvision")
        assert el.findtext("SupplProvisionLabel") == "附\u3000則"
        assert el.get("AmendLawNum", "") == num
        assert el.get("Extract") == ("true" if extract else None)


def test_制御文字は書かない() -> None:
    doc = Document([Node("Title", text="題\x0c名\x00"), Node("Paragraph", "1", text="本\x0b文")])
    xml, back = round_trip(doc)
    assert back.title == "題名" and back.children[1].text == "本文"


def test_空の文書も妥当() -> None:
    xml, back = round_trip(Document())
    assert back.children == []


def test_validateは誤りを返す() -> None:
    assert validate(b"<Law>") and validate(b"<Law>")[0].startswith("not well-formed")
    errors = validate(b'<Law Era="Reiwa" Year="1" Num="1" LawType="Misc" Lang="ja"><LawBody/></Law>')
    assert errors and "LawNum" in errors[0]


def test_同梱のスキーマは共有のものと同じ() -> None:
    assert SCHEMA.read_bytes() == (SHARED / "schemas" / "stdLaw.xsd").read_bytes()


# -- every plain-text document of the shared material ------------------------------------------


@pytest.mark.parametrize("path", TEXT_DOCUMENTS, ids=lambda p: str(p.relative_to(SHARED)))
def test_テキストから読んだ文書_妥当で文字を失わない(path) -> None:
    from corpus import read

    doc = read(path)
    xml, back = round_trip(doc)
    assert strings(back) == strings(doc)
    # The shape comes back too, except that Paragraph/@Num must be a positive integer: a
    # paragraph the text reader leaves unnumbered (num "") comes back numbered by position.
    for before, after in zip(doc.walk(), back.walk()):
        if before.kind == after.kind == "Paragraph" and not before.num:
            after.num = ""
    assert first_difference(doc.children, back.children) is None


# -- properties -------------------------------------------------------------------------------

_CHARS = st.sampled_from(list("第一二三章節条項号附則抄別表（）()「」。、 \u3000\n\t\x0cあ1２xX<&>") + ["第1章", "第二条", "附　則"])
_ANY_TEXT = st.lists(_CHARS, max_size=6).map("".join)
_ANY_NUM = st.sampled_from(["", "1", "2", "3_2", "10", "x", "平成元年法律第一号", "55:63", "０"])


def _any_node(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(
        Node,
        kind=st.sampled_from(sorted(KINDS)),
        num=_ANY_NUM,
        label=_ANY_TEXT,
        caption=_ANY_TEXT,
        text=_ANY_TEXT,
        children=children,
        caption_above=st.booleans(),
    )


_ANY_TREE = st.recursive(_any_node(st.just([])), lambda inner: _any_node(st.lists(inner, max_size=4)), max_leaves=25)
_ANY_DOCUMENT = st.builds(
    Document,
    children=st.lists(_ANY_TREE, max_size=6),
    law_num=st.sampled_from(["", "平成五年法律第四十七号", "令和元年政令第一号", "x"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ANY_DOCUMENT)
def test_どんな木でも妥当で文字を失わない(doc: Document) -> None:
    xml = write_egov_xml(doc)
    assert validate(xml) == []
    assert strings(parse_egov_xml(xml)) == strings(doc)
    assert write_egov_xml(doc) == xml  # deterministic


# Trees of the shapes readers produce: these come back exactly.
_WORD = st.text(alphabet=st.sampled_from("あいうえお甲乙丙条項"), min_size=1, max_size=5)
_N = st.integers(1, 20).map(str)


def _text() -> st.SearchStrategy:
    return _WORD.map(lambda t: Node("Text", text=t))


def _table() -> st.SearchStrategy:
    cell = st.lists(_WORD, min_size=1, max_size=2).map(lambda ws: Node("TableColumn", text="\n".join(ws)))
    row = st.lists(cell, min_size=1, max_size=3).map(lambda cs: Node("TableRow", children=cs))
    return st.lists(row, min_size=1, max_size=3).map(lambda rs: Node("Table", children=rs))


def _aside() -> st.SearchStrategy:
    return st.lists(st.one_of(_text(), _table()), max_size=2)


def _item(level: int) -> st.SearchStrategy:
    kind = ("Item",) + SUBITEM_KINDS
    below = st.lists(_item(level + 1), max_size=2) if level < 2 else st.just([])
    children = st.tuples(below, _aside()).map(lambda t: t[0] + t[1])
    return st.builds(lambda n, l, t, c: Node(kind[level], n, l, text=t, children=c), _N, st.sampled_from(["一", "(1)", "ア"]), _WORD, children)


def _paragraph() -> st.SearchStrategy:
    with_items = st.tuples(st.lists(_item(0), min_size=1, max_size=3), _aside()).map(lambda t: t[0] + t[1])
    children = st.one_of(with_items, _aside())
    return st.builds(
        lambda n, l, cap, t, c: Node("Paragraph", n, l, cap, t, c, caption_above=bool(cap)),
        _N, st.sampled_from(["", "２", "3."]), st.sampled_from(["", "（施行期日）"]), _WORD, children,
    )


def _article() -> st.SearchStrategy:
    def build(n: str, cap: str, above: bool, children: list[Node]) -> Node:
        return Node("Article", n, f"第{n}条", cap, children=children, caption_above=bool(cap) and above)

    return st.builds(build, _N, st.sampled_from(["", "（目的）"]), st.booleans(), st.lists(st.one_of(_paragraph(), _text()), max_size=3))


def _heading(inner: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(
        lambda n, l, c, kids: Node("Heading", n, l, c, children=kids),
        st.sampled_from(["", "1", "2"]), st.sampled_from(["", "1", "2."]), _WORD,
        st.lists(st.one_of(_paragraph(), _text(), _table(), inner), max_size=3),
    )


_HEADINGS = st.recursive(_heading(st.nothing()), _heading, max_leaves=6)


def _division(kind: str, unit: str, inner: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(
        lambda n, c, kids: Node(kind, n, f"第{n}{unit}", c, children=kids),
        _N, st.sampled_from(["", "総則"]), st.lists(inner, max_size=3),
    )


_SECTION = _division("Section", "節", st.one_of(_article(), _HEADINGS, _text()))
_CHAPTER = _division("Chapter", "章", st.one_of(_article(), _SECTION, _HEADINGS, _paragraph(), _text()))
_APPENDIX = st.builds(
    lambda n, l, c, kids: Node("Appendix", n, l, c, children=kids),
    st.sampled_from(["", "1"]), st.sampled_from(["別表", "別紙1"]), st.sampled_from(["", "（第一条関係）"]),
    st.lists(st.one_of(_table(), _paragraph(), _text(), _HEADINGS, _item(0)), max_size=3),
)


def _suppl() -> st.SearchStrategy:
    def build(num: str, style: str, kids: list[Node], appendices: list[Node]) -> Node:
        caption = f"({num})" if style == "half" and num else suppl_caption(num, style == "extract")
        return Node("SupplProvision", num, "附則", caption, children=kids + appendices)

    return st.builds(
        build,
        st.sampled_from(["", "令和元年五月一日法律第一号", "2025年4月1日"]),
        st.sampled_from(["full", "extract", "half"]),
        st.lists(st.one_of(_article(), _paragraph(), _text(), _CHAPTER), max_size=3),
        st.lists(_APPENDIX, max_size=1),
    )


def _document() -> st.SearchStrategy:
    front = st.tuples(
        st.lists(st.just(Node("Title", text="利用規約")), max_size=1),
        st.lists(_text(), max_size=2),
        st.lists(st.lists(_text(), min_size=1, max_size=3).map(lambda ts: Node("TOC", label="目次", children=ts)), max_size=1),
    ).map(lambda t: t[0] + t[1] + t[2])
    body = st.lists(st.one_of(_CHAPTER, _article(), _HEADINGS, _paragraph(), _text()), max_size=4)
    tail = st.lists(st.one_of(_suppl(), _APPENDIX, _text(), _article()), max_size=3)
    return st.tuples(front, body, tail).map(lambda t: Document(t[0] + t[1] + t[2]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_document())
def test_読み手の形の木はそのまま戻る(doc: Document) -> None:
    xml, back = round_trip(doc)
    assert first_difference(doc.children, back.children) is None
    assert write_egov_xml(back) == xml


def test_本文中のルビは要素に戻る() -> None:
    text = "次に掲げる<Ruby>較<Rt>こう</Rt></Ruby>正又は校正"
    doc = Document([Node("Article", "1", "第一条", children=[Node("Paragraph", "1", text=text)])])
    xml, back = round_trip(doc)
    assert validate(xml) == []
    ruby = etree.fromstring(xml).find(".//Ruby")
    assert (ruby.text, ruby.findtext("Rt"), ruby.tail) == ("較", "こう", "正又は校正")
    assert back.articles()[0].children[0].text == text
