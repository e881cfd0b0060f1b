"""The plain-text reader on the real seed documents, law text and hand-made edge cases."""

import datetime

import pytest
from conftest import SHARED, article, kids

from corpus.dates import document_dates
from corpus.model import Document, Node
from corpus.readers.text import parse_text

SEEDS = SHARED / "seeds"


def read(name: str) -> Document:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return parse_text(path.read_text(encoding="utf-8"), source=path.name)




def _seed(name: str):
    return pytest.fixture(scope="module", name=f"seed{name}")(lambda: read(name))


seed000, seed001, seed002, seed003 = (_seed(n) for n in ("000", "001", "002", "003"))


# -- 000 あんしんスマートロックサービス利用規約 -------------------------------------------------


def test_000_章と条(seed000):
    assert seed000.title == "あんしんスマートロックサービス利用規約"
    chapters = seed000.find("Chapter")
    assert [c.num for c in chapters] == ["1", "2", "3", "4"]
    assert [c.caption for c in chapters] == ["総則", "本サービスの内容", "データの取扱い", "一般条項"]
    assert [a.num for a in seed000.articles()] == [str(n) for n in range(1, 21)]
    assert [len(c.find("Article")) for c in chapters] == [5, 4, 2, 9]


def test_000_附則の適用日(seed000):
    suppl = seed000.find("SupplProvision")
    assert len(suppl) == 1
    assert suppl[0].children[0].text == "本規約は、2023年 10 月 3日より適用します。"
    assert document_dates(seed000)["effective"] == datetime.date(2023, 10, 3)


def test_000_第8条は7項_第3項は11号(seed000):
    a8 = article(seed000, "8")
    paragraphs = kids(a8, "Paragraph")
    assert [p.num for p in paragraphs] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [p.label for p in paragraphs] == ["１．", "２．", "３．", "4.", "5.", "6.", "7,"]  # 「7,」 typo kept as printed
    assert [len(kids(p, "Item")) for p in paragraphs] == [4, 3, 11, 0, 0, 3, 0]
    assert kids(paragraphs[2], "Item")[10].text.startswith("作業時間 30 分以内で解錠作業が完了しない場合")


def test_000_第6条第1号にア_エ(seed000):
    item1 = kids(kids(article(seed000, "6"), "Paragraph")[0], "Item")[0]
    subs = kids(item1, "Subitem1")
    assert [s.label for s in subs] == ["ア", "イ", "ウ", "エ"]
    assert [s.num for s in subs] == ["1", "2", "3", "4"]
    # ウ wraps onto the next line (「…自動的に施錠を行うサー」「ビス」): joined without a space.
    assert subs[2].text.endswith("自動的に施錠を行うサービス")


def test_000_第3条の号と丸数字(seed000):
    items = kids(kids(article(seed000, "3"), "Paragraph")[0], "Item")
    assert len(items) == 13
    assert [s.label for s in kids(items[12], "Subitem1")] == ["①", "②"]
    # 「（平成 3年法律第 77\n号）」: the hard wrap inside a number is joined.
    assert "（平成 3年法律第 77号）" in items[6].text


def test_000_ハードラップ_英単語の間は空白(seed000):
    p = kids(article(seed000, "1"), "Paragraph")[0]
    assert "KDDIが提供する au HOMEサービス" in p.text  # 「au HOME」/「サービス」 across lines: Japanese side, no space
    assert "\n" not in p.text


# -- 001 どこよりもキー利用規約 ----------------------------------------------------------------


def test_001_37条_制定日_料金表(seed001):
    assert [a.num for a in seed001.articles()] == [str(n) for n in range(1, 38)]
    assert document_dates(seed001)["enacted"] == datetime.date(2025, 6, 1)
    appendix = seed001.find("Appendix")
    assert len(appendix) == 1 and appendix[0].label == "料金表"
    tables = appendix[0].find("Table")
    assert len(tables) == 2
    assert [len(t.children) for t in tables] == [2, 5]
    assert [c.text for c in tables[1].children[1].children] == ["SESAMEタッチPro", "220円（税込）"]
    assert [h.caption for h in kids(appendix[0], "Heading")] == ["プラン", "オプション"]


def test_001_リスト接頭辞の号(seed001):
    p2 = kids(article(seed001, "5"), "Paragraph")[1]
    items = kids(p2, "Item")
    assert [(i.markup, i.label) for i in items] == [("-", "(1)"), ("-", "(2)")]
    assert items[0].text.startswith("電子メールの送付による場合\n当社が契約者指定の")
    a34 = kids(kids(article(seed001, "34"), "Paragraph")[0], "Item")
    assert [i.num for i in a34] == ["1", "2", "3", "4"]  # 「(4)」 without the 「- 」 prefix


def test_001_第35条第3項の告知期間(seed001):
    p3 = kids(article(seed001, "35"), "Paragraph")[2]
    assert p3.label == "3." and "効力発生日の1ヵ月前までに" in p3.text


# -- 002 セコムスマホID利用規約 ----------------------------------------------------------------


def test_002_7章30条(seed002):
    chapters = seed002.find("Chapter")
    assert [c.num for c in chapters] == [str(n) for n in range(1, 8)]
    assert chapters[2].label == "第3章" and chapters[2].caption == "利用中止等"  # 「第3章利用中止等」
    assert [a.num for a in seed002.articles()] == [str(n) for n in range(1, 31)]
    assert article(seed002, "1").caption == "規約の制定目的"  # caption without brackets


def test_002_第23条第1項は9号(seed002):
    paragraphs = kids(article(seed002, "23"), "Paragraph")
    assert len(paragraphs) == 8
    assert len(kids(paragraphs[0], "Item")) == 9


def test_002_無番号の第1項と番号付きの項(seed002):
    paragraphs = kids(article(seed002, "4"), "Paragraph")
    assert [(p.num, p.label) for p in paragraphs] == [("1", ""), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]
    assert len(kids(paragraphs[2], "Item")) == 6


def test_002_URLで折り返された項(seed002):
    paragraphs = kids(article(seed002, "26"), "Paragraph")
    assert [p.num for p in paragraphs] == ["1", "2", "3"]
    assert "(https://www.ntt.com/aboutUS/hp/privacy.html)によるものとします。" in paragraphs[1].text


# -- 003 重要事項説明書 (no 条) -----------------------------------------------------------------


def test_003_見出しの節と別紙(seed003):
    assert seed003.articles() == []
    headings = kids_top(seed003, "Heading")
    assert [h.caption for h in headings] == ["サービスについて", "利用者情報のご登録について", "ご利用にあたり", "その他注意事項"]
    assert [len(kids(h, "Paragraph")) for h in headings] == [2, 3, 3, 11]
    assert len(kids(kids(headings[3], "Paragraph")[6], "Item")) == 9
    appendix = seed003.find("Appendix")
    assert [(a.label, a.num) for a in appendix] == [("別紙１", "1")]
    assert [(h.label, h.num) for h in kids(appendix[0], "Heading")] == [("１．", "1"), ("２．", "2"), ("３．", "3")]
    assert document_dates(seed003)["as_of"] == datetime.date(2022, 6, 15)
    assert [t.text for t in kids_top(seed003, "Text")][:2] == ["以 上", "内容現在 2022年 6月 15日"]


def kids_top(doc: Document, kind: str) -> list[Node]:
    return [c for c in doc.children if c.kind == kind]


# -- law text (e-Gov, Lawtext layout) -------------------------------------------------------


@pytest.fixture(scope="module")
def patent() -> Document:
    path = SHARED / "laws" / "334AC0000000121_20250616_504AC0000000068.txt"
    return parse_text(path.read_text(encoding="utf-8"))


def test_law_目次は本文ではない(patent):
    toc = patent.find("TOC")
    assert len(toc) == 1 and toc[0].children[0].text.startswith("第一章　総則")
    assert patent.articles()[0].label == "第一条"


def test_law_見出しは条の上(patent):
    first = patent.articles()[0]
    assert (first.num, first.caption, first.caption_above) == ("1", "（目的）", True)


def test_law_削除の範囲(patent):
    deleted = article(patent, "55:63")
    assert deleted.label == "第五十五条から第六十三条まで"
    assert kids(deleted, "Paragraph")[0].text == "削除"


def test_law_附則の見出し(patent):
    suppl = patent.find("SupplProvision")
    assert suppl[0].label == "附　則" and suppl[0].num == ""
    amended = [s for s in suppl if s.num]
    assert amended and all(s.caption.startswith("（") for s in amended)


# -- hand-made edge cases ---------------------------------------------------------------------


def test_構造のないテキストは段落になる():
    doc = parse_text("ただの文章です。\n\n次の段落です。\nもう一行。\n")
    assert [n.kind for n in doc.children] == ["Title", "Paragraph", "Paragraph"]


def test_空の入力():
    assert parse_text("").children == []


@pytest.mark.parametrize(
    "line, num, caption",
    [
        ("第1条 （適用）", "1", "（適用）"),
        ("第1条(総則)", "1", "(総則)"),
        ("第1条 規約の制定目的", "1", "規約の制定目的"),
        ("第五条の二　（適用範囲）", "5_2", "（適用範囲）"),
        ("第１０条（損害賠償）", "10", "（損害賠償）"),
    ],
)
def test_条見出しの形(line, num, caption):
    doc = parse_text(f"規約\n{line}\n本文です。\n")
    a = doc.articles()[0]
    assert (a.num, a.caption) == (num, caption)
    assert kids(a, "Paragraph")[0].text == "本文です。"


def test_文中の条番号は見出しではない():
    doc = parse_text("規約\n第1条（通知）\n通知は次の方法による。\n第24条(契約者に対する通知)に定める方法とする。\n")
    assert [a.num for a in doc.articles()] == ["1"]


def test_章見出しの空白なし():
    doc = parse_text("第１章 総則\n第1条（目的）\n目的。\n第3章利用中止等\n第2条（中止）\n中止。\n")
    assert [(c.num, c.caption) for c in doc.find("Chapter")] == [("1", "総則"), ("3", "利用中止等")]


def test_号の下の号の細分():
    text = "\n".join([
        "規約", "第1条（定義）", "次のとおりとする。",
        "(1) 一つ目", "① 丸一", "② 丸二", "ア 片仮名ア", "イ 片仮名イ", "(2) 二つ目",
        "⑴ 括弧数字", "イ いろはイ", "ロ いろはロ",
    ])
    p = kids(parse_text(text).articles()[0], "Paragraph")[0]
    items = kids(p, "Item")
    assert [i.label for i in items] == ["(1)", "(2)"]
    sub1 = kids(items[0], "Subitem1")
    assert [s.label for s in sub1] == ["①", "②"]
    assert [s.label for s in kids(sub1[1], "Subitem2")] == ["ア", "イ"]
    sub2 = kids(items[1], "Subitem1")
    assert [s.label for s in sub2] == ["⑴"]
    assert [(s.label, s.num) for s in kids(sub2[0], "Subitem2")] == [("イ", "1"), ("ロ", "2")]


def test_空行の後の段落():
    doc = parse_text("規約\n第1条（目的）\n一つ目の段落。\n\n二つ目の段落。\n")
    assert [p.text for p in kids(doc.articles()[0], "Paragraph")] == ["一つ目の段落。", "二つ目の段落。"]


def test_以上と制定日():
    doc = parse_text("規約\n第1条（目的）\n目的。\n以 上\n制定日 2025年6月1日\n")
    assert [(n.kind, n.text) for n in doc.children[-2:]] == [("Text", "以 上"), ("Text", "制定日 2025年6月1日")]


def test_行番号():
    doc = parse_text("規約\n\n第1条（目的）\n一行目\n")
    a = doc.articles()[0]
    assert a.lines == (3, 4) and a.children[0].lines == (4, 4)


def test_字下げした数字は号():
    """定款 style: 「    １　…」 indented under a paragraph are 号, not 項 (realworld shinonome-teikan)."""
    path = next((SHARED / "realworld" / "shinonome-teikan").glob("367579*.md"))
    a2 = article(parse_text(path.read_text(encoding="utf-8")), "2")
    p = kids(a2, "Paragraph")
    assert len(p) == 1
    assert [(i.num, i.label) for i in kids(p[0], "Item")] == [(str(n), "１２３４５６７８"[n - 1]) for n in range(1, 9)]


@pytest.mark.parametrize(
    "first, second, markup",
    [
        ("(1) 一つ目", "(2) 二つ目", ""),
        ("（１）一つ目", "（２）二つ目", ""),
        ("⑴ 一つ目", "⑵ 二つ目", ""),
        ("一 一つ目", "二 二つ目", ""),
        ("① 一つ目", "② 二つ目", ""),
        ("ア 一つ目", "イ 二つ目", ""),
        ("（ア）一つ目", "（イ）二つ目", ""),
        ("(a) 一つ目", "(b) 二つ目", ""),
        ("(i) 一つ目", "(ii) 二つ目", ""),
        (" - (1)一つ目", " - (2)二つ目", "-"),
        ("- (1) 一つ目", "- (2) 二つ目", "-"),
    ],
)
def test_号のラベルの形(first, second, markup):
    doc = parse_text(f"規約\n第1条（定義）\n次のとおりとする。\n{first}\n{second}\n")
    items = kids(kids(doc.articles()[0], "Paragraph")[0], "Item")
    assert [(i.num, i.text, i.markup) for i in items] == [("1", "一つ目", markup), ("2", "二つ目", markup)]
