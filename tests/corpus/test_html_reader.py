"""The HTML reader on real terms pages and page sources (TSX, CakePHP), hand-made edge cases, bad input,
and the lossless property over generated pages (and the same pages written as JSX)."""

import html
import json
import re
import time

import pytest
from conftest import SHARED, article, kids
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corpus import read
from corpus.errors import SourceError
from corpus.model import Document, printed_text
from corpus.readers.html import NOTE_NO_PROVISIONS, html_lines, parse_html
from corpus.readers.page_source import page_markup
from corpus.readers.text import build, parse_text

REAL = SHARED / "realworld"
AIRPONTA_OLD = REAL / "airponta-terms-html" / "cabb4473785a2de3eff01873e2ac771468f19100.html"
AIRPONTA_NEW = REAL / "airponta-terms-html" / "9947aca2819a4058af3ac528adf0259a1312b85d.html"
SUMRIC_OLD = REAL / "sumric-terms-html" / "769a1c42b1f12751ae12e33a838d9c76b6d26c2b.html"
SUMRIC_NEW = REAL / "sumric-terms-html" / "a8276097624501b80935265bd575b6358376fd7d.html"
YAWARAKA = REAL / "yawaraka-tos-tsx" / "e68b55641c3ecbd2121e74209b66b3d8e6914bf9.tsx"
SHIMAJIRO = REAL / "shimajiro-docomo-rules-ctp" / "17b5ec3e707d58688fdc7c68e586f1722287295c.ctp"
DEVREL = REAL / "devrel-ncmb-gas-terms" / "d298e84bacbe49278d930495dbba8291a8029961.md"




def page(body: str, head: str = "") -> Document:
    return parse_html(f"<!doctype html><html><head>{head}</head><body>{body}</body></html>", source="page.html")


# -- airponta: <h2>第N条</h2> + <ol><li>, nested <ul>, CRLF, two versions ----------------------------


def test_airponta_旧版は4条_項の番号はolから():
    doc = read(AIRPONTA_OLD)
    assert doc.title == "利用規約"
    assert [a.num for a in doc.articles()] == ["1", "2", "3", "4"]
    a1 = article(doc, "1")
    assert a1.caption == "（適用）"
    assert [(p.num, p.label) for p in kids(a1, "Paragraph")] == [("1", "1."), ("2", "2.")]
    assert kids(a1, "Paragraph")[0].text.startswith("本規約は、本アプリの提供条件")


def test_airponta_ol内のulは号():
    doc = read(AIRPONTA_OLD)
    (p1,) = kids(article(doc, "3"), "Paragraph")
    assert p1.label == "1." and p1.text == "ユーザーは、本アプリの利用にあたり、以下の行為をしてはなりません。"
    items = kids(p1, "Item")
    assert [i.num for i in items] == ["1", "2", "3", "4", "5"]
    assert {i.label for i in items} == {"◦"}  # a <ul> inside an <ol> shows circles
    assert items[0].text == "犯罪行為に関連する行為"


def test_airponta_新版は6条_壊れた入れ子はブラウザの通り():
    doc = read(AIRPONTA_NEW)
    assert [a.num for a in doc.articles()] == ["1", "2", "3", "4", "5", "6"]
    assert len(kids(article(doc, "1"), "Paragraph")) == 4
    assert article(doc, "5").caption == "(保証の否認および免責事項）"
    # 第4条: the liability sentence is an <li> of the <ul> (the author's </li> moved): a bullet, as displayed.
    (p1,) = kids(article(doc, "4"), "Paragraph")
    items = kids(p1, "Item")
    assert len(items) == 5 and items[-1].text.startswith("当社は，本サービスの提供の停止または中断により")
    # 第6条: a <ul> that is a child of the <ol> (not of an <li>) still gives the 号 of 第1項.
    assert [i.num for i in kids(kids(article(doc, "6"), "Paragraph")[0], "Item")] == ["1", "2"]
    assert doc.children[-1].kind == "Text" and doc.children[-1].text == "以上"


def test_airponta_CRLFのままでも同じ木():
    raw = AIRPONTA_NEW.read_bytes().decode("utf-8")
    assert "\r\n" in raw
    direct = parse_html(raw, source=AIRPONTA_NEW.name)
    assert printed_text(direct) == printed_text(read(AIRPONTA_NEW))
    assert article(direct, "2").lines == (20, 22)  # <h2> on line 20, its <li> on 22


# -- sumric: <p>, <ol>, <ul>, <hr>, a <style> block, two versions -------------------------------------


@pytest.mark.parametrize("path", [SUMRIC_OLD, SUMRIC_NEW])
def test_sumric_8条(path):
    doc = read(path)
    assert [a.num for a in doc.articles()] == [str(n) for n in range(1, 9)]
    assert doc.title == "利用規約"
    assert "font-family" not in printed_text(doc)  # <style> is not text
    assert [p.label for p in kids(article(doc, "8"), "Paragraph")] == ["1.", "2.", "3."]
    (p1,) = kids(article(doc, "2"), "Paragraph")  # an article that is only a <ul>: 号 of an unnumbered 項
    assert p1.label == "" and [(i.label, i.num) for i in kids(p1, "Item")] == [("•", "1"), ("•", "2")]
    p4 = kids(article(doc, "4"), "Paragraph")[0]
    assert p4.text == "ユーザーは以下の行為を行ってはなりません。" and len(kids(p4, "Item")) == 3


def test_sumric_改定日と前文():
    old, new = read(SUMRIC_OLD), read(SUMRIC_NEW)
    assert [n.text for n in old.children[:2]] == ["利用規約", "最終更新日：2026年3月14日"]
    assert new.children[1].text == "最終更新日：2026年3月21日"
    assert "App Store Standard End User License Agreement（以下「Apple 標準 EULA」" in old.children[2].text


def test_sumric_新版_複数行のpは日本語の改行を詰める():
    new = read(SUMRIC_NEW)
    (p,) = kids(article(new, "6"), "Paragraph")
    assert p.text == (
        "当社は、ユーザーに事前通知することなく、本サービスの内容を変更・一時停止・終了できるものとします。"
        "本サービスは開発中のベータ版として提供される場合があり、不具合、誤作動、機能変更または提供停止が発生する可能性があります。"
        "また、本サービスの利用により、ユーザーが保存したデータは、予告なく削除、変更または消失する場合があります。"
    )
    assert [p.num for p in kids(article(new, "7"), "Paragraph")] == ["1", "2", "3"]
    assert [p.num for p in kids(article(read(SUMRIC_OLD), "7"), "Paragraph")] == ["1"]


# -- yawaraka: a Next.js TSX component ------------------------------------------------------------


def test_yawaraka_tsx_11条():
    doc = read(YAWARAKA)
    assert [a.num for a in doc.articles()] == [str(n) for n in range(1, 12)]
    assert article(doc, "10").caption == ""
    assert article(doc, "11").caption == "（準拠法・裁判管轄）"
    assert doc.children[-1].kind == "Text" and doc.children[-1].text == "2025年2月16日 制定"
    text = printed_text(doc)
    for code in ("import", "export", "className", "Link", "return", "border-b"):
        assert code not in text
    assert article(doc, "1").lines[0] == 12  # line numbers are the .tsx file's


def test_yawaraka_段落の後のolは号_見出し直後のolは項():
    doc = read(YAWARAKA)
    p1, p2 = kids(article(doc, "2"), "Paragraph")
    assert p1.text == "本サービスは以下の条件をすべて満たす方に限りご利用いただくことができます。"
    assert [(i.kind, i.num, i.label) for i in p1.children] == [("Item", "1", "1."), ("Item", "2", "2.")]
    assert p2.num == "2" and p2.text.startswith("未成年者は")
    assert len(kids(kids(article(doc, "3"), "Paragraph")[0], "Item")) == 15
    assert [(p.num, p.label) for p in kids(article(doc, "4"), "Paragraph")] == [("1", "1."), ("2", "2.")]
    assert len(kids(article(doc, "5"), "Paragraph")) == 4


def test_yawaraka_文中のコンポーネントは文の一部():
    (p,) = kids(article(read(YAWARAKA), "10"), "Paragraph")
    assert p.text == "当方は、利用者の個人情報を、別途定めるプライバシーポリシーに従って適切に取り扱います。"


# -- shimajiro: a CakePHP view with PHP tags, an anchor TOC and half-width katakana ---------------------


def test_shimajiro_ctp_16条と付則():
    doc = read(SHIMAJIRO)
    assert [a.num for a in doc.articles()] == [str(n) for n in range(1, 17)]
    (suppl,) = doc.find("SupplProvision")
    assert suppl.label == "付則"
    assert suppl.children[0].text == "この規約は､2011年4月22日より効力を発するものとします｡"
    text = printed_text(doc)
    assert "$this" not in text and "php" not in text and "spacer.gif" not in text


def test_shimajiro_半角カナはそのまま():
    doc = read(SHIMAJIRO)
    assert article(doc, "2").caption == "本ｻｰﾋﾞｽの目的"
    assert article(doc, "4").caption == "本ｻｰﾋﾞｽの利用料"  # 「第4条　」 full-width space
    assert article(doc, "14").caption == "ｻｰﾋﾞｽの廃止･変更"


def test_shimajiro_ページ内リンクの目次はTOC_ページ上へは除く():
    doc = read(SHIMAJIRO)
    (toc,) = doc.find("TOC")
    assert len(toc.children) == 17
    assert toc.children[0].text == "第1条 利用規約の適用" and toc.children[-1].text == "付則"
    assert "ﾍﾟｰｼﾞ上へ" not in printed_text(doc)
    assert any("in-page navigation" in n for n in doc.notes)
    assert NOTE_NO_PROVISIONS not in doc.notes


def test_shimajiro_項と号():
    doc = read(SHIMAJIRO)
    assert [p.label for p in kids(article(doc, "1"), "Paragraph")] == ["1.", "2.", "3.", "4.", "5.", "6."]
    items = kids(kids(article(doc, "11"), "Paragraph")[0], "Item")
    assert [i.label for i in items] == [f"({n})" for n in range(1, 16)]
    labelled = [p for p in kids(article(doc, "5"), "Paragraph") if p.label]
    assert [p.label for p in labelled] == [f"{n}." for n in range(1, 9)]
    assert [i.label for i in kids(labelled[5], "Item")] == ["(1)", "(2)", "(3)"]


# -- devrel: raw HTML inside a Jekyll .md page, read as an HTML fragment --------------------------------


def test_devrel_mdの中のHTMLを断片として読む():
    text = DEVREL.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    first = front.count("\n") + 3  # the line after the closing ---
    doc = build(html_lines(body, first_line=first))
    assert [a.num for a in doc.articles()] == ["1", "2", "4", "5", "6", "9", "10", "11", "14", "15"]
    assert doc.title == "GAS SDK利用規約"
    assert article(doc, "1").lines[0] == 18
    p1 = kids(article(doc, "5"), "Paragraph")[0]
    assert len(kids(p1, "Item")) == 12  # a <ul> inside a <p>
    p1, p2 = kids(article(doc, "6"), "Paragraph")
    assert len(kids(p1, "Item")) == 3 and p2.text.startswith("当社は，本ライブラリの提供の停止または中断により")


# -- the same content as text gives the same tree ---------------------------------------------------------


def outline(doc: Document) -> list[tuple]:
    def rows(nodes, depth):
        for n in nodes:
            yield depth, n.kind, n.num, n.label, n.caption, n.text
            yield from rows(n.children, depth + 1)

    return list(rows(doc.children, 0))


def test_ページとそのテキストは同じ木():
    doc = page(
        "<h1>サービス利用規約</h1>"
        "<h2>第1条（目的）</h2><p>本規約は、本サービスの利用条件を\n      定めます。</p>"
        "<h2>第2条（定義）</h2><ol><li>「当社」とは、株式会社例をいいます。</li><li>「利用者」とは、登録者をいいます。</li></ol>"
        "<h2>第3条（禁止事項）</h2><p>利用者は、次の行為をしてはなりません。</p>"
        "<ul><li>法令に違反する行為</li><li>その他<br>当社が定める行為</li></ul>"
        "<p>附則</p><p>本規約は、2025年4月1日から施行します。</p>"
    )
    text = parse_text(
        "サービス利用規約\n\n第1条（目的）\n本規約は、本サービスの利用条件を定めます。\n\n"
        "第2条（定義）\n1. 「当社」とは、株式会社例をいいます。\n2. 「利用者」とは、登録者をいいます。\n\n"
        "第3条（禁止事項）\n利用者は、次の行為をしてはなりません。\n• 法令に違反する行為\n• その他\n当社が定める行為\n\n"
        "附則\n本規約は、2025年4月1日から施行します。\n"
    )
    assert outline(doc) == outline(text)
    assert [a.num for a in doc.articles()] == ["1", "2", "3"]


# -- lists: numbers the browser makes --------------------------------------------------------------------


def test_入れ子のolは号と号の細分_type_start_value_reversed():
    doc = page(
        "<h2>第1条（目的）</h2><ol>"
        "<li>一項。<ol type='a'><li>号a</li><li>号b<ol type='I'><li>細分I</li><li>細分II</li></ol></li>"
        "<li>号c</li></ol></li>"
        "<li value='5'>五項。</li><li>六項。</li></ol>"
        "<h2>第2条</h2><p>次のとおり。</p><ol start='3'><li>三</li><li>四</li></ol>"
        "<ol reversed><li>x</li><li>y</li><li>z</li></ol>"
    )
    p = kids(article(doc, "1"), "Paragraph")
    assert [(x.num, x.label) for x in p] == [("1", "1."), ("5", "5."), ("6", "6.")]
    items = kids(p[0], "Item")
    assert [(i.num, i.label) for i in items] == [("1", "a."), ("2", "b."), ("3", "c.")]
    assert [(s.kind, s.num, s.label) for s in items[1].children] == [("Subitem1", "1", "I."), ("Subitem1", "2", "II.")]
    (q,) = kids(article(doc, "2"), "Paragraph")
    assert [(i.num, i.label) for i in q.children] == [("3", "3."), ("4", "4."), ("3", "3."), ("2", "2."), ("1", "1.")]


def test_ulの記号は深さで変わる():
    doc = page("<p>前文。</p><ul><li>a<ul><li>b<ul><li>c<ul><li>d</li></ul></li></ul></li></ul></li></ul>")
    labels = [n.label for n in doc.walk() if n.kind.startswith(("Item", "Subitem"))]
    assert labels == ["•", "◦", "▪", "▪"]


@pytest.mark.parametrize("how", [
    "<ol style='list-style: none'>",
    "<ol style='list-style-type:none !important'>",
    "<ol class='list-none mt-4'>",
    "<ol class='list-unstyled'>",
    "<ol class='terms'>",
])
def test_list_style_none_は本文の番号を読む(how):
    head = "<style>/* c */ .foo, main ol.terms { list-style: none; color: red }</style>"
    doc = page(f"<h2>第1条（目的）</h2>{how}<li>本規約は…。</li><li>２　当社は…。</li><li>３　利用者は…。</li></ol>", head)
    p = kids(article(doc, "1"), "Paragraph")
    assert [(x.num, x.label) for x in p] == [("1", ""), ("2", "２"), ("3", "３")]


def test_css_list_style_type_の記号():
    head = "<style>ol.kana { list-style-type: katakana-iroha } ul.kome { list-style: '※' }</style>"
    doc = page(
        "<h1>題</h1><p>次の各号。</p><ol class='kana'><li>い</li><li>ろ</li></ol>"
        "<p>注記。</p><ul class='kome'><li>注</li></ul>"
        "<p>漢数字。</p><ol style='list-style-type: japanese-informal'><li>一つ</li><li>二つ</li></ol>",
        head,
    )
    labels = [i.label for i in doc.find("Item")]
    assert labels == ["イ、", "ロ、", "※", "一、", "二、"]


def test_テキストのないliも番号を残す():
    doc = page("<h2>第1条</h2><ol><li></li><li><ol><li>内側</li></ol></li></ol>")
    p = kids(article(doc, "1"), "Paragraph")
    assert [(x.label, x.text) for x in p] == [("1.", ""), ("2.", "")]
    assert [(i.label, i.text) for i in p[1].children] == [("1.", "内側")]


def test_li内の段落とbrは同じ項の続き():
    doc = page("<h2>第1条</h2><ol><li><p>前段。</p><p>後段。</p></li><li>次の各号<br>(1) 一号<br>(2) 二号</li></ol>")
    p1, p2 = kids(article(doc, "1"), "Paragraph")
    assert p1.text == "前段。\n後段。"
    assert p2.text == "次の各号" and [i.label for i in p2.children] == ["(1)", "(2)"]


def test_入れ子のリストの後の文はもとの項に戻る():
    doc = page("<h2>第1条</h2><ol><li>前段<ul><li>号</li></ul>後段</li><li>二項</li></ol>")
    p1, p2 = kids(article(doc, "1"), "Paragraph")
    assert [(c.kind, c.text) for c in p1.children] == [("Item", "号"), ("Text", "後段")]
    assert p2.label == "2."


def test_誤った入れ子で閉じられたリストの残りの項目も番号が続く():
    """libxml2 ends the <ol> at the misnested </h2> and puts the second <li> after the outer h2 (and
    finds </ol> unexpected); a browser keeps it in the list: 1. 2., not 1. •."""
    doc = page("<h2><ol><li><h2><p>甲</p></h2></li><li><p>乙</p></li></ol></h2>")
    assert [(n.kind, n.num, n.label, n.text) for n in doc.walk()] == [
        ("Paragraph", "1", "1.", "甲"), ("Paragraph", "2", "2.", "乙"),
    ]
    orphan = page("<p>前文。</p><ol><li>甲</li></ol><li>乙</li>")  # a real <li> outside any list: a bullet
    assert [(n.kind, n.label, n.text) for n in orphan.find("Item")] == [("Item", "•", "乙")]


# -- tables, headings, chrome, ignored elements ----------------------------------------------------------


def test_tableは行と列():
    doc = page(
        "<h2>第1条（料金）</h2><p>料金は次のとおり。</p>"
        "<table><thead><tr><th>プラン</th><th>月額</th></tr></thead>"
        "<tbody><tr><td>基本<br>プラン</td><td>1,000円</td></tr><tr><td>第2条の対象</td><td></td></tr></tbody></table>"
        "<table><tr><td>単独</td></tr></table>"
    )
    tables = doc.find("Table")
    assert len(tables) == 2
    rows = [[c.text for c in r.children] for r in tables[0].children]
    assert rows == [["プラン", "月額"], ["基本\nプラン", "1,000円"], ["第2条の対象", ""]]
    assert [[c.text for c in r.children] for r in tables[1].children] == [["単独"]]
    assert [a.num for a in doc.articles()] == ["1"]


def test_条のない見出しはHeading():
    doc = page("<h1>ご利用ガイド</h1><h2>はじめに</h2><p>本文。</p><h3>詳細</h3><p>詳しく。</p><h2>次に</h2><p>続き。</p>")
    assert doc.title == "ご利用ガイド"
    top = [n for n in doc.children if n.kind == "Heading"]
    assert [h.caption for h in top] == ["はじめに", "次に"]
    assert [c.caption for c in kids(top[0], "Heading")] == ["詳細"]
    assert NOTE_NO_PROVISIONS in doc.notes


def test_サイトのヘッダー等と本文でない要素は除く():
    doc = page(
        "<header><a href='/'>サイト名</a></header><nav><ul><li>メニュー</li></ul></nav>"
        "<div role='navigation'>パンくず</div>"
        "<main><header><h1>利用規約</h1></header><!-- 第9条 comment -->"
        "<script>var s = '第8条';</script><noscript>JSを有効に</noscript><template><p>第7条</p></template>"
        "<p hidden>隠し</p><p style='display: none'>非表示</p><svg><title>図</title></svg>"
        "<h2>第1条（目的）</h2><p><ruby>約款<rt>やっかん</rt></ruby>を定める。</p></main>"
        "<footer>© 2024</footer>",
        head="<title>タブの題</title><style>p { color: red }</style>",
    )
    assert printed_text(doc) == "利用規約第1条（目的）約款を定める。"
    assert [a.num for a in doc.articles()] == ["1"]
    assert any("header or footer" in n for n in doc.notes) and any("ruby" in n for n in doc.notes)


def test_ulの目次はTOC():
    doc = page(
        "<h1>規約</h1><ul class='toc'><li><a href='#a1'>第1条 目的</a></li><li><a href='#a2'>第2条 定義</a></li>"
        "<li><a href='#a3'>第3条 禁止</a></li></ul>"
        + "".join(f"<h2 id='a{n}'>第{n}条（見出し{n}）</h2><p>本文{n}。</p>" for n in (1, 2, 3))
    )
    (toc,) = doc.find("TOC")
    assert [t.text for t in toc.children] == ["第1条 目的", "第2条 定義", "第3条 禁止"]
    assert [a.num for a in doc.articles()] == ["1", "2", "3"]


def test_条項のないページは注記つきの文書():
    doc = page("<h1>ブログ</h1><p>今日は晴れでした。</p><ul><li>散歩</li><li>読書</li></ul>")
    assert doc.title == "ブログ" and doc.articles() == []
    assert NOTE_NO_PROVISIONS in doc.notes


# -- page sources: JSX, Vue, PHP --------------------------------------------------------------------------


def test_jsx_文字列リテラルは本文_式は読まずに注記():
    src = (
        'import x from "y";\n'
        "const f = <T,>(v: T) => v;\n"
        "export default function T({ items }: { items: Array<string> }) {\n"
        "  if (items.length < 2) return null;\n"
        "  return (\n"
        "    <>\n"
        '      <h1 className="t">{"利用規約"}</h1>\n'
        "      {/* 第9条 comment */}\n"
        "      <h2>第1条{'（目的）'}</h2>\n"
        "      <ol style={{ listStyleType: 'lower-roman' }} start={2}>\n"
        "        <li>Don't {`panic`}</li>\n"
        "        {items.map((i) => <li key={i}>{i}</li>)}\n"
        '        <li>次へ <Foo.Link href="/x" onClick={() => { go("}"); }}>リンク</Foo.Link>です</li>\n'
        "      </ol>\n"
        "      {show && <p>条件付きの文</p>}\n"
        "    </>\n"
        "  );\n"
        "}\n"
    )
    doc = parse_html(src, source="Terms.tsx")
    assert doc.title == "利用規約"
    a1 = article(doc, "1")
    assert a1.caption == "（目的）" and a1.lines[0] == 9
    assert [(p.num, p.label, p.text) for p in a1.children] == [("2", "ii.", "Don't panic"), ("3", "iii.", "次へ リンクです")]
    assert "条件付き" not in printed_text(doc)
    assert any("2 expression(s)" in n for n in doc.notes)
    markup = page_markup(src, "Terms.tsx").html
    assert markup.count("\n") == src.count("\n")  # code blanked, lines kept


def test_jsx_正規表現と割り算はコード():
    src = (
        "export default function A({ s, a, b }) {\n"
        "  const q = /['\"{]/g;\n"
        "  return (<div><p>{s.replace(/'/g, \"\")}</p><h2>第1条（目的）</h2><p>{a / b}本文。</p></div>);\n"
        "}\n"
    )
    assert printed_text(parse_html(src, source="A.jsx")) == "第1条（目的）本文。"


def test_vue_テンプレートだけを読む():
    src = (
        "<template>\n  <main>\n    <h1>{{ $t('title') }}</h1>\n    <h2>{{ '第1条（目的）' }}</h2>\n"
        "    <template v-if=\"ok\"><p>本規約は…。</p></template>\n    <MyThing :a=\"b\" @click=\"c\" />\n"
        "  </main>\n</template>\n\n<script setup>\nconst x = '<p>第9条</p>'\n</script>\n<style scoped>p { color: red }</style>\n"
    )
    doc = parse_html(src, source="Terms.vue")
    assert printed_text(doc) == "第1条（目的）本規約は…。"
    assert article(doc, "1").lines[0] == 4
    assert any("1 expression(s)" in n for n in doc.notes)


def test_php_erbのタグは読まない():
    php = "<p>第1条（目的）<?php echo $this->Html->link('x'); ?></p>\n<p>本規約は<?= h($name) ?>定める。</p>"
    assert printed_text(parse_html(php, source="a.ctp")) == "第1条（目的）本規約は定める。"
    erb = "<h2>第1条</h2>\n<% if x %><p>本文<%= link_to 'y' %>。</p><% end %>"
    assert printed_text(parse_html(erb, source="a.html.erb")) == "第1条本文。"


# -- bad input ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (b"<html><body><div id='root'></div><script src='app.js'></script></body></html>", "no text to read"),
    (b"export default () => <div><p>unclosed", "no text to read"),
    (b"<div>" * 3000 + b"x", "nested more than 2048 deep"),
    (b"  \n ", "empty"),
])
def test_読めない入力はSourceError(data, message):
    with pytest.raises(SourceError, match=message):
        read(data, source="bad.html" if not data.startswith(b"export") else "bad.tsx")


def test_NULを含む文字列はSourceError():
    with pytest.raises(SourceError, match="binary"):
        parse_html("<p>a\x00b</p>", source="x.html")


def test_大きなページ():
    body = "".join(
        f"<h2>第{n}条（見出し）</h2><ol><li>本規約は、当社が提供するサービスの利用条件を定めるものとします。"
        f"<ul><li>第一の事項</li><li>第二の事項</li></ul></li><li>当社は本規約を変更できます。</li></ol>"
        f"<table><tr><td>料金</td><td>{n}円</td></tr></table>"
        for n in range(1, 6001)
    )
    data = f"<html><body><h1>大きな規約</h1>{body}</body></html>".encode()
    assert len(data) > 1_500_000
    start = time.perf_counter()
    doc = read(data, source="big.html")
    elapsed = time.perf_counter() - start
    assert len(doc.articles()) == 6000
    assert elapsed < 30, f"{len(data) / 1e6:.1f} MB took {elapsed:.1f} s"


# -- lossless: every visible character, in order, over generated pages (and the same pages as JSX) -----------

_JA = "本規約当社契約者利用サービス定めるものとします。、「」（）()第条項号一二三十のにをはがでｻｰﾋﾞｽ"
_text = (
    st.text(alphabet=_JA + "abcXYZ 0123456789０１２．.,-:・※#*&<>\"'{}\u3000\n\t", min_size=0, max_size=30)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")), max_size=10)
    | st.sampled_from(["第1条（目的）", "第2条 定義", "2. 本規約は", "(1) 号", "附則", "別紙1", "以上", "目次", "① 丸",
                       "ア 片", "制定日 2025年6月1日", "（見出し）", "・点", "料金\t100円"])
)
_INLINE = ("span", "strong", "em", "a", "b")
_BLOCK = ("p", "div", "section", "blockquote", "h2", "h3")
_TYPES = {"": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        out += letters * (n // value)
        n %= value
    return out


def _label(style: str, n: int) -> str:
    """What a browser shows, written independently of the reader: decimal, a A i I, bullets, none."""
    if style in ("disc", "circle", "square"):
        return {"disc": "•", "circle": "◦", "square": "▪"}[style]
    if style == "none":
        return ""
    if style == "decimal" or n < 1:
        return f"{n}."
    if style.endswith("alpha"):
        s = ""
        while n:
            n, r = divmod(n - 1, 26)
            s = "abcdefghijklmnopqrstuvwxyz"[r] + s
        return (s.upper() if style.startswith("upper") else s) + "."
    return (_roman(n).upper() if style.startswith("upper") else _roman(n)) + "."


# A page is a tree of ("text", s) | ("br",) | ("drop", tag, s) | ("el", tag, attrs, children).
def _inline(children):
    return st.lists(
        st.one_of(
            st.tuples(st.just("text"), _text),
            st.just(("br",)),
            st.tuples(st.just("el"), st.sampled_from(_INLINE), st.just({}), st.lists(st.tuples(st.just("text"), _text), max_size=2)),
        ),
        max_size=4,
    )


def _list(children):
    return st.builds(
        lambda tag, typ, start, none, items: ("el", tag, {**typ, **start, **none}, [("el", "li", v, c) for v, c in items]),
        st.sampled_from(["ol", "ul"]),
        st.sampled_from([{}, {"type": "a"}, {"type": "A"}, {"type": "i"}, {"type": "I"}]),
        st.sampled_from([{}, {"start": "3"}, {"start": "0"}, {"reversed": ""}]),
        st.sampled_from([{}, {}, {}, {"style": "list-style: none"}]),
        st.lists(st.tuples(st.sampled_from([{}, {}, {"value": "7"}]), children), min_size=1, max_size=4),
    )


_blocks = st.recursive(
    _inline(None).map(lambda c: [("el", "p", {}, c)]),
    lambda inner: st.lists(
        st.one_of(
            st.builds(lambda tag, c: ("el", tag, {}, c), st.sampled_from(_BLOCK), st.one_of(inner, _inline(None))),
            _list(st.one_of(inner, _inline(None))),
            st.builds(
                lambda rows: ("el", "table", {}, [("el", "tr", {}, [("el", "td", {}, c) for c in r]) for r in rows]),
                st.lists(st.lists(st.one_of(_inline(None), inner), min_size=1, max_size=3), min_size=1, max_size=3),
            ),
            st.builds(lambda s: ("el", "pre", {}, [("text", s)]), _text),
            st.builds(lambda tag, s: ("drop", tag, s), st.sampled_from(["script", "style", "template", "comment"]), _text),
        ),
        max_size=4,
    ),
    max_leaves=25,
)


@st.composite
def pages(draw):
    body = draw(_blocks)
    if draw(st.booleans()):  # site chrome around the content, and a <header> inside <main> that stays
        body = [("el", "header", {}, [("text", "サイト")]), ("el", "main", {}, [("el", "header", {}, [("text", draw(_text))])] + body),
                ("el", "footer", {}, [("text", "フッター")])]
    return body


def _html(nodes) -> str:
    out = []
    for node in nodes:
        if node[0] == "text":
            out.append(html.escape(node[1]))
        elif node[0] == "br":
            out.append("<br>")
        elif node[0] == "drop":
            _, tag, s = node
            out.append(f"<!--{s.replace('-', '').replace('>', '')}-->" if tag == "comment" else f"<{tag}>{html.escape(s)}</{tag}>")
        else:
            _, tag, attrs, children = node
            a = "".join(f' {k}="{v}"' for k, v in attrs.items())
            out.append(f"<{tag}{a}>{_html(children)}</{tag}>")
    return "".join(out)


def _jsx(nodes) -> str:
    out = []
    for node in nodes:
        if node[0] == "text":
            s = node[1]
            out.append("{" + json.dumps(s) + "}" if re.search(r"[{}<>&]", s) else s)
        elif node[0] == "br":
            out.append("<br />")
        elif node[0] == "drop":
            _, tag, s = node
            out.append("{/* " + s.replace("*/", "") + " */}" if tag == "comment" else f"<{tag}>{{{json.dumps(s)}}}</{tag}>")
        else:
            _, tag, attrs, children = node
            a = "".join(
                " style={{ listStyle: 'none' }}" if k == "style" else f' {k}="{v}"' for k, v in attrs.items()
            )
            out.append(f'<{tag} className="x"{a}>{_jsx(children)}</{tag}>')
    return "".join(out)


def _visible(nodes, lists=0, top=True) -> str:
    """The text a browser shows, list markers included, site chrome and scripts excluded."""
    out = []
    for node in nodes:
        if node[0] == "text":
            out.append(node[1])
        elif node[0] == "el":
            _, tag, attrs, children = node
            if tag in ("header", "footer") and top:
                continue
            if tag in ("ol", "ul"):
                style = "none" if "style" in attrs else _TYPES[attrs.get("type", "")] if tag == "ol" else (
                    ("disc", "circle", "square")[min(lists, 2)])
                step = -1 if "reversed" in attrs else 1
                n = len(children) if step < 0 else int(attrs.get("start", 1))
                for _, _, li_attrs, li_children in children:
                    n = int(li_attrs.get("value", n))
                    out.append(_label(style, n) + _visible(li_children, lists + 1, top and tag != "main"))
                    n += step
                continue
            out.append(_visible(children, lists, top and tag != "main"))
    return "".join(out)


_WS = re.compile(r"\s+")


def _assert_visible(doc: Document, expected: str) -> None:
    got = _WS.sub("", printed_text(doc))
    want = _WS.sub("", expected)
    if got != want:
        at = next((i for i, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
        pytest.fail(f"tree differs at {at}: page {want[at - 15:at + 15]!r} tree {got[at - 15:at + 15]!r}")


# A draw that found libxml2's early end of a list (<h2><ol><li><h2><p></p></h2></li><li><p></p></li></ol></h2>
# read as 「1.•」, not 「1.2.」): test_誤った入れ子で閉じられたリストの残りの項目も番号が続く.
_MISNESTED_HEADING = [("el", "h2", {}, [("el", "ol", {}, [
    ("el", "li", {}, [("el", "h2", {}, [("el", "p", {}, [])])]),
    ("el", "li", {}, [("el", "p", {}, [])]),
])])]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pages())
@example(_MISNESTED_HEADING)
def test_generated_pages_are_lossless(body):
    expected = _visible(body)
    source = f"<!doctype html><html><head><title>題</title></head><body>{_html(body)}</body></html>"
    try:
        doc = parse_html(source, source="page.html")
    except SourceError:
        assert not _WS.sub("", expected)  # only a page that shows nothing is refused
        return
    _assert_visible(doc, expected)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pages())
def test_generated_jsx_reads_like_the_page(body):
    expected = _visible(body)
    source = f'import React from "react";\n\nexport default function Page() {{\n  return (\n    <>{_jsx(body)}</>\n  );\n}}\n'
    try:
        doc = parse_html(source, source="Page.jsx")
    except SourceError:
        assert not _WS.sub("", expected)
        return
    _assert_visible(doc, expected)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text):
    try:
        parse_html(text, source="x.html")
        parse_html(text, source="x.tsx")
        parse_html(text, source="x.vue")
    except SourceError:
        pass
