"""The Markdown reader on the real Markdown documents of ../shared/realworld and on hand-made cases.

Every real file is checked for what its INDEX and a reading of the file say (article counts,
chapters, a few articles' 項/号), and for losslessness; the Markdown syntax itself is exercised
case by case, and by a property over generated documents.
"""

import re
from collections import Counter

import pytest
from conftest import SHARED, article, kids
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import read
from corpus.model import Document, Node, printed_text
from corpus.readers.markdown import parse_markdown
from corpus.readers.text import parse_text

REALWORLD = SHARED / "realworld"
MARKDOWN_FILES = sorted(p for p in REALWORLD.glob("*/*.md") if p.name != "SOURCE.md")


def md(folder: str, prefix: str = "") -> Document:
    path = next(p for p in sorted((REALWORLD / folder).glob(f"{prefix}*.md")) if p.name != "SOURCE.md")
    return parse_markdown(path.read_text(encoding="utf-8"), source=path.name)




def words(doc: Document | Node) -> str:
    """The document's text as printed: every label, caption and text, without markup."""
    out = []
    for n in doc.walk():
        out += [n.caption, n.label] if n.caption_above else [n.label, n.caption]
        out.append(n.text)
    return "".join(out)


def tree(text: str) -> list[tuple]:
    return [(n.kind, n.num, n.label, n.caption, n.text) for n in parse_markdown(text).walk()]


# -- real files ---------------------------------------------------------------------------------


def test_coderdojo_定款_章と条():
    doc = md("coderdojo-teikan")
    assert doc.title == "一般社団法人 CoderDojo Japan 定款"
    assert [a.num for a in doc.articles()] == [str(n) for n in range(1, 32)]
    chapters = doc.find("Chapter")
    assert [c.num for c in chapters] == ["1", "2", "3", "5", "6", "7", "8"]  # no 第4章 in the original
    assert chapters[-1].caption == "附則"
    assert [c.markup for c in chapters] == ["##"] * 7


def test_coderdojo_第4条_bulleted_号_keep_their_own_labels():
    a4 = article(md("coderdojo-teikan"), "4")
    assert a4.caption == "(事業)" and a4.markup == "###"
    items = kids(kids(a4, "Paragraph")[0], "Item")
    assert [i.label for i in items] == [f"({n})" for n in range(1, 7)]
    assert {i.markup for i in items} == {"-"}
    assert items[0].text == "日本国内の「CoderDojo」の設立及び運営の支援"


def test_coderdojo_第18条_項_with_tab_indented_号():
    paragraphs = kids(article(md("coderdojo-teikan"), "18"), "Paragraph")
    assert [p.label for p in paragraphs] == ["1.", "2.", "3."]
    assert [len(kids(p, "Item")) for p in paragraphs] == [0, 4, 0]
    assert kids(paragraphs[1], "Item")[2].text == "解散"


def test_coderdojo_附則_lists_and_no_tab_tables():
    suppl = md("coderdojo-teikan").find("Chapter")[-1]
    paragraphs = kids(suppl, "Paragraph")
    assert [p.label for p in paragraphs[:3]] == ["1.", "2.", "3."]
    names = kids(paragraphs[1], "Item")
    assert [i.label for i in names] == ["•", "•"]
    assert names[0].text == "安川 要平\t(住所略)"  # a tab in Markdown is spacing, not a table
    assert not suppl.find("Table")


def test_onocomm_ordered_list_is_項_in_第1条_and_号_in_第6条():
    doc = md("onocomm-contract", "849c")
    assert doc.title == "オノコムサービス契約約款"
    assert [a.num for a in doc.articles()] == [str(n) for n in range(1, 28)]
    a1 = kids(article(doc, "1"), "Paragraph")
    assert [(p.num, p.label) for p in a1] == [("1", "1."), ("2", "2.")]
    a6 = kids(article(doc, "6"), "Paragraph")
    assert len(a6) == 1 and a6[0].label == ""  # 「次の各号に該当する行為を禁止します。」
    items = kids(a6[0], "Item")
    assert [i.label for i in items] == [f"{n}." for n in range(1, 7)]
    subitems = kids(items[4], "Subitem1")
    assert len(subitems) == 9 and {(s.label, s.markup) for s in subitems} == {("•", "-")}
    assert subitems[0].text == "ギャンブル関連全般"


def test_onocomm_第3条_bullets_under_項1():
    paragraphs = kids(article(md("onocomm-contract", "849c"), "3"), "Paragraph")
    assert [p.num for p in paragraphs] == ["1", "2", "3", "4", "5"]
    assert len(kids(paragraphs[0], "Item")) == 10


def test_onocomm_preamble_emphasis_rule_and_heading():
    doc = md("onocomm-contract", "849c")
    top = doc.children
    assert [(n.kind, n.text or n.caption) for n in top[1:5]] == [
        ("Paragraph", "第5版"),
        ("Text", "施行日: 2025年11月1日"),
        ("Paragraph", "株式会社オノコム"),
        ("Heading", "オノコムサービス契約約款条項"),
    ]
    assert top[1].markup == "** **"
    assert top[4].markup == "---\n##"  # the rule above the heading is the heading's markup


def test_onocomm_versions_differ_only_in_第21条():
    old, new = md("onocomm-contract", "72d1"), md("onocomm-contract", "849c")
    assert [a.num for a in old.articles()] == [a.num for a in new.articles()]
    changed = [a.num for a, b in zip(old.articles(), new.articles()) if printed_text(a) != printed_text(b)]
    assert changed == ["21"]


def test_onocomm_archive_without_条_is_read_line_by_line():
    doc = md("onocomm-contract", "archive")
    assert doc.title == "オノコムクラウドサービス契約約款"
    assert doc.articles() == []
    services = [p for p in doc.find("Paragraph") if p.text.startswith("オノコムクラウド・")]
    assert len(services) == 4  # one service a line, not one Markdown paragraph


def test_paspit_link_target_is_text_alike_in_markdown_and_html_versions():
    md_link, a_href = md("paspit-terms", "135e"), md("paspit-terms", "83e0")
    for doc in (md_link, a_href, md("paspit-terms", "cd9d")):
        assert [a.num for a in doc.articles()] == [str(n) for n in range(1, 27)]
    text = kids(article(md_link, "4"), "Paragraph")[0].text
    assert text.startswith("本サービスの機能と料金は別紙「paspit機能一覧」(https://github.com/datasign-inc/paspit/blob/master/")
    assert text == kids(article(a_href, "4"), "Paragraph")[0].text
    assert "[" not in text and "<a" not in text


def test_paspit_第8条_tab_indented_号():
    paragraphs = kids(article(md("paspit-terms", "135e"), "8"), "Paragraph")
    assert [len(kids(p, "Item")) for p in paragraphs] == [0, 0, 6]
    assert kids(paragraphs[2], "Item")[0].text.startswith("利用申込に際して")


@pytest.mark.parametrize("commit", ["0087", "eb61"])
def test_shugyo_kisoku_52条_11章_附則第1条(commit):
    doc = md("shinonome-shugyo-kisoku", commit)
    assert [a.num for a in doc.articles()] == [str(n) for n in range(1, 53)]
    assert [c.num for c in doc.find("Chapter")] == [str(n) for n in range(1, 12)]
    suppl = doc.find("SupplProvision")
    assert len(suppl) == 1 and [(a.num, a.caption) for a in suppl[0].find("Article")] == [("1", "施行期日")]


def test_shugyo_kisoku_第25条_paragraph_inside_a_号_stays_in_it():
    a25 = article(md("shinonome-shugyo-kisoku", "0087"), "25")
    p1, p2 = kids(a25, "Paragraph")
    before, after = kids(p1, "Item")
    assert (before.text, after.text) == ("産前の場合", "産後（1年以内）の場合")
    assert [c.kind for c in before.children] == ["Subitem1"] * 3 + ["Text"]
    assert before.children[-1].text.startswith("ただし、医師又は助産師")
    assert len(kids(after, "Subitem1")) == 1
    assert p2.label == "2." and len(kids(p2, "Item")) == 3


def test_shugyo_kisoku_nested_bullets_table_and_the_authors_numbers():
    doc = md("shinonome-shugyo-kisoku", "0087")
    items = kids(kids(article(doc, "30"), "Paragraph")[0], "Item")
    assert [len(kids(i, "Subitem1")) for i in items] == [0, 5]  # 「    - 時間外労働割増賃金」 nests by indentation
    table = kids(article(doc, "5"), "Paragraph")[0].find("Table")[0]
    rows = [[c.text for c in r.children] for r in table.children]
    assert rows == [["契約期間", "試用期間"], ["3か月", "14日間"], ["6か月", "1か月"], ["1年", "2か月"], ["2年以上", "3か月"]]
    assert table.children[0].markup == "|||\n|----|----|"
    assert [p.num for p in kids(article(doc, "32"), "Paragraph")] == ["1", "2", "2", "3"]  # as written
    assert [p.num for p in kids(article(doc, "8"), "Paragraph")] == ["1", "2", "3", "3"]


def test_shugyo_kisoku_第50条_next_line_of_a_号_continues_it():
    items = kids(kids(article(md("shinonome-shugyo-kisoku", "0087"), "50"), "Paragraph")[0], "Item")
    assert [i.label for i in items] == ["1.", "2.", "3.", "4."]
    assert items[0].text == "けん責\n始末書を提出させて将来を戒める。"


def test_teikan_caption_headings_and_indented_号():
    doc = md("shinonome-teikan", "3675")
    assert [a.num for a in doc.articles()] == [str(n) for n in range(1, 28)]
    assert len(md("shinonome-teikan", "d9b5").articles()) == 25
    assert [c.caption for c in doc.find("Chapter")][:2] == ["総\u3000則", "株\u3000式"]
    a1 = article(doc, "1")
    assert (a1.label, a1.caption, a1.caption_above, a1.markup) == ("第１条", "（商号）", True, "###")
    assert [i.label for i in kids(kids(article(doc, "2"), "Paragraph")[0], "Item")] == list("１２３４５６７８")
    assert [p.label for p in kids(article(doc, "9"), "Paragraph")] == ["", "２"]
    closing = [(n.kind, n.text, n.markup) for n in doc.children[-2:]]
    assert closing == [("Text", "平成３１年０２月０４日制定", "-"), ("Text", "令和０５年０４月２４日改訂", "-")]


def test_nda_号_bullet_and_号の細分():
    doc = md("shinonome-nda", "5541")
    assert [a.num for a in doc.articles()] == [str(n) for n in range(1, 14)]
    items = kids(kids(article(doc, "2"), "Paragraph")[0], "Item")
    assert len(items) == 2
    (bullet,) = kids(items[1], "Subitem1")
    assert bullet.label == "•" and bullet.text.startswith("前項にかかわらず")
    assert [s.label for s in kids(bullet, "Subitem2")] == ["1.", "2.", "3.", "4.", "5."]
    a3 = kids(article(doc, "3"), "Paragraph")
    assert [p.label for p in a3] == ["1.", "2.", "3."] and len(kids(a3[0], "Item")) == 3


def test_gyomu_itaku_articles_and_full_width_paren_号():
    assert len(md("shinonome-gyomu-itaku", "17fa").articles()) == 19
    assert len(md("shinonome-gyomu-itaku", "9371").articles()) == 15
    p2 = kids(article(md("shinonome-gyomu-itaku", "17fa"), "11"), "Paragraph")[1]
    assert [i.label for i in kids(p2, "Item")] == ["（１）", "（２）", "（３）", "（４）"]


def test_strollia_h1_bold_articles_and_a_list_restarted_after_bullets():
    doc = md("strollia-terms-md")
    assert [a.num for a in doc.articles()] == [str(n) for n in range(1, 17)]
    a3 = article(doc, "3")
    assert (a3.caption, a3.markup) == ("（本アプリの内容）", "# ** **")
    paragraphs = kids(a3, "Paragraph")
    # 「1. 2.」, six bullets, 「1.」: the bullets are 項2's 号, the last 「1.」 the article's next 項, numbered as written.
    assert [(p.num, p.label) for p in paragraphs] == [("1", "1."), ("2", "2."), ("1", "1.")]
    assert [len(kids(p, "Item")) for p in paragraphs] == [0, 6, 0]
    assert [(n.kind, n.text) for n in doc.children[1:2]] == [("Text", "最終更新日：2026年6月10日")]


def test_virtuallivelab_第N項_headings():
    doc = md("virtuallivelab-kaisoku", "296c")
    assert [a.num for a in doc.articles()] == [str(n) for n in range(1, 24)]
    a1 = kids(article(doc, "1"), "Paragraph")
    assert [(p.num, p.label, p.markup) for p in a1] == [("1", "第1項", "###"), ("2", "第2項", "###")]
    assert a1[0].text == "本団体は、バーチャルライブ研究会と称する。"
    assert [i.label for i in kids(a1[1], "Item")] == ["1.", "2."]  # 「次の各号に示す…」: 号 of 第2項
    a10 = kids(article(doc, "10"), "Paragraph")
    assert [len(kids(p, "Item")) for p in a10] == [3, 3, 3]
    assert "出席者の議決\n権と出席者へ委任された議決権" in a10[1].text  # a hard wrap inside 第2項
    a14 = kids(article(doc, "14"), "Paragraph")[1]
    assert a14.text == ("招集は、一週間以上前までに行う必要がある。会員は、その招集に対して返答を行うものとする。\n"
                        "招集及び返答には、会員への周知手段を用いなければならない。")
    assert [p.num for p in kids(article(doc, "21"), "Paragraph")] == ["1", "1", "2"]  # 第1項 twice, as written
    assert len(doc.find("SupplProvision")) == 3


def test_virtuallivelab_old_version_has_第12条_twice():
    old = md("virtuallivelab-kaisoku", "ed5f")
    assert [a.num for a in old.articles()].count("12") == 2
    assert [a.caption for a in old.articles() if a.num == "12"] == ["(班)", "(総会)"]


def test_yomogi_numbered_sections_and_clauses():
    doc = md("yomogi-terms-numbered", "2f64")
    assert doc.title == "YOMOGI Server 利用規約"  # the 「#」 heading, not the 「###」 notes above it
    assert doc.articles() == []
    sections = [h for h in doc.find("Heading") if h.num]
    assert [h.num for h in sections] == [str(n) for n in range(1, 12)]
    assert [(h.label, h.caption) for h in sections[:2]] == [("1.", "用語の定義"), ("2.", "規約への同意")]
    assert [p.label for p in kids(sections[0], "Paragraph")] == [f"1.{n}" for n in range(1, 10)]
    p21, p22 = kids(sections[1], "Paragraph")[:2]
    assert p21.text == ("ユーザーは、本サービスを受けるに当たって、この利用規約に同意しなければなりません。\n"
                        "この利用規約に同意されない場合、YOMOGI Serverを利用することはできません。")
    assert "**" not in p21.text and "<br>" not in p21.text and "<br>" in p21.markup
    assert [i.label for i in kids(p22, "Item")] == ["(1)", "(2)"]
    items = kids(kids(sections[2], "Paragraph")[0], "Item")
    assert [i.label for i in items] == [f"({n})" for n in range(1, 22)]
    assert items[16].text == "本サーバー外で、脈略なしに本サーバーを宣伝すること。"


def test_yomogi_old_version_keeps_the_mistyped_19_as_its_own_号():
    items = kids(kids([h for h in md("yomogi-terms-numbered", "8ec7").find("Heading") if h.num == "3"][0], "Paragraph")[0], "Item")
    assert [i.num for i in items[-3:]] == ["19", "20", "19"]
    assert items[-1].text.startswith("別途記載した「YOMOGI Server Minecraft規約」")


def test_devrel_jekyll_page_with_raw_html():
    doc = md("devrel-ncmb-gas-terms")
    assert [a.num for a in doc.articles()] == ["1", "2", "4", "5", "6", "9", "10", "11", "14", "15"]
    assert doc.title == "GAS SDK利用規約"
    first, last = doc.children[0], list(doc.walk())[-1]
    assert first.markup.startswith("---\nlayout: home\ntitle: NCMB GAS SDK利用規約\npermalink: /ncmb_gas_term/\n---\n")
    assert last.markup.endswith("</section>\n{% include mail.html %}")
    a5 = kids(article(doc, "5"), "Paragraph")
    assert len(a5) == 1 and a5[0].text == "ユーザーは，本ライブラリの利用にあたり，以下の行為をしてはなりません。"
    assert [(i.label, i.markup) for i in kids(a5[0], "Item")][:2] == [("•", "<p class=\"tp-section__text is-ja tp-section__text--pc\">\n"
                                                                              "<ul style=\"font-size: 1.6rem;line-height: 3rem\">\n<li> </li>"),
                                                                        ("•", "<li> </li>")]
    assert len(kids(a5[0], "Item")) == 12
    a6 = kids(article(doc, "6"), "Paragraph")
    assert [len(kids(p, "Item")) for p in a6] == [3, 0]  # the <p> after </ul> is a paragraph of its own
    assert "<" not in words(doc)


def test_read_dispatches_md_files_here():
    path = next((REALWORLD / "strollia-terms-md").glob("c2f*.md"))
    doc = read(path)
    assert doc.source == path.name and doc.encoding == "utf-8" and len(doc.articles()) == 16


# -- Markdown syntax, case by case ---------------------------------------------------------------


def test_headings_give_title_chapters_articles_and_headings():
    doc = parse_markdown("# 利用規約\n\n## はじめに\n\n前文。\n\n### 第1章 総則\n\n## 第1条（適用）\n\n本規約は…適用します。\n")
    assert [(n.kind, n.markup) for n in doc.walk()] == [
        ("Title", "#"), ("Heading", "##"), ("Paragraph", ""), ("Chapter", "###"), ("Article", "##"), ("Paragraph", ""),
    ]
    assert doc.title == "利用規約"
    assert article(doc, "1").caption == "（適用）"


def test_setext_headings():
    doc = parse_markdown("利用規約\n====\n\n第1条 目的\n----\n本文。\n")
    assert [(n.kind, n.markup) for n in doc.children] == [("Title", "===="), ("Article", "----")]


def test_ordered_list_opens_an_article_as_項_or_follows_a_paragraph_as_号():
    doc = parse_markdown("## 第1条\n1. 甲\n2. 乙\n\n## 第2条\n次の各号のとおりとする。\n\n1. 丙\n2. 丁\n")
    assert [(p.num, p.label, p.text) for p in kids(article(doc, "1"), "Paragraph")] == [("1", "1.", "甲"), ("2", "2.", "乙")]
    (p,) = kids(article(doc, "2"), "Paragraph")
    assert [(i.num, i.label, i.text) for i in kids(p, "Item")] == [("1", "1.", "丙"), ("2", "2.", "丁")]


def test_the_authors_numbers_stay_and_a_lazy_list_takes_the_rendered_ones():
    doc = parse_markdown("## 第1条\n1. 甲\n2. 乙\n5. 丙\n\n## 第2条\n1. 甲\n1. 乙\n1. 丙\n")
    written = kids(article(doc, "1"), "Paragraph")
    assert [(p.num, p.label, p.markup) for p in written] == [("1", "1.", ""), ("2", "2.", ""), ("5", "5.", "")]
    lazy = kids(article(doc, "2"), "Paragraph")
    assert [(p.num, p.label, p.markup) for p in lazy] == [("1", "1.", ""), ("2", "2.", "1."), ("3", "3.", "1.")]


def test_bullets_nest_by_indentation_whatever_their_marker():
    doc = parse_markdown("## 第1条\n次のとおり。\n- 甲\n  - 甲一\n  - 甲二\n    * 甲二の一\n- 乙\n+ 丙\n")
    (p,) = kids(article(doc, "1"), "Paragraph")
    assert [(n.kind, n.num, n.label, n.markup, n.text) for n in p.walk()][1:] == [
        ("Item", "1", "•", "-", "甲"),
        ("Subitem1", "1", "•", "-", "甲一"),
        ("Subitem1", "2", "•", "-", "甲二"),
        ("Subitem2", "1", "•", "*", "甲二の一"),
        ("Item", "2", "•", "-", "乙"),
        ("Item", "3", "•", "+", "丙"),
    ]


def test_a_bullet_with_a_label_of_its_own_is_placed_by_the_label():
    doc = parse_markdown("## 第1条\n次の事業を行う。\n\n- (1) 甲\n- (2) 乙\n  - ア 乙の一\n")
    items = kids(kids(article(doc, "1"), "Paragraph")[0], "Item")
    assert [(i.label, i.markup, i.text) for i in items] == [("(1)", "-", "甲"), ("(2)", "-", "乙")]
    assert [(s.label, s.text) for s in kids(items[1], "Subitem1")] == [("ア", "乙の一")]


def test_第N項_headings_and_caption_headings():
    doc = parse_markdown("## 第1条 (名称)\n\n### 第1項\n\n甲と称する。\n\n続けて。\n\n### 第2項\n\n乙とする。\n\n"
                         "### （目的）\n\n第２条　当会社は，次の事業を営む。\n")
    a1 = kids(article(doc, "1"), "Paragraph")
    assert [(p.num, p.label, p.text) for p in a1] == [("1", "第1項", "甲と称する。\n続けて。"), ("2", "第2項", "乙とする。")]
    a2 = article(doc, "2")
    assert (a2.caption, a2.caption_above, a2.markup) == ("（目的）", True, "###")


def test_a_paragraph_inside_a_list_item_stays_in_it():
    doc = parse_markdown("## 第1条\n\n1. 項一\n   - 号\n\n   但し書き。\n\n2. 項二\n")
    p1, p2 = kids(article(doc, "1"), "Paragraph")
    assert [(c.kind, c.text) for c in p1.children] == [("Item", "号"), ("Text", "但し書き。")]
    assert (p2.num, p2.text) == ("2", "項二")


def test_lines_are_lines_but_a_号_goes_on():
    doc = parse_markdown("# 契約書\n\n株式会社甲\n代表取締役 乙\n\n## 第1条\n次のとおり。\n1. けん責\n始末書を提出させる。\n")
    assert [p.text for p in doc.children if p.kind == "Paragraph"] == ["株式会社甲", "代表取締役 乙"]  # one Markdown paragraph
    (item,) = doc.find("Item")
    assert item.text == "けん責\n始末書を提出させる。"


def test_inline_syntax_is_markup_and_a_link_keeps_its_target():
    doc = parse_markdown(
        "## 第1条\n**重要**な[規約](https://ex.jp/a_(b)) と <https://x.jp> と [https://y.jp](https://y.jp)、"
        "`コード`、\\*、&amp;、<span class=\"c\">色</span>、~~旧~~、__下線__、*斜体*。\n"
    )
    (p,) = kids(article(doc, "1"), "Paragraph")
    assert p.text == ("重要な規約(https://ex.jp/a_(b)) と https://x.jp と https://y.jp、"
                      "コード、*、&、色、旧、下線、斜体。")
    assert p.markup == '** ** [ ] <> [ ](https://y.jp) `` \\ &amp; <span class="c"> </span> ~~ ~~ __ __ * *'


def test_an_html_link_reads_as_a_markdown_link():
    markdown = "## 第1条\n別紙[「一覧」](https://ex.jp/x)のとおり。\n"
    html = '## 第1条\n別紙<a href="https://ex.jp/x" target="_blank">「一覧」</a>のとおり。\n'
    assert tree(markdown) == tree(html)
    assert kids(article(parse_markdown(markdown), "1"), "Paragraph")[0].text == "別紙「一覧」(https://ex.jp/x)のとおり。"
    assert kids(article(parse_markdown(html), "1"), "Paragraph")[0].markup == '<a href="" target="_blank"> </a>'


def test_br_is_a_line_break_in_the_text():
    doc = parse_markdown("| 区分 | 内容 |\n|---|---|\n| A | 一<br>二 |\n")
    assert [c.text for c in doc.find("TableColumn")] == ["区分", "内容", "A", "一\n二"]


def test_pipe_table_rows_and_cells():
    doc = parse_markdown("## 第1条\n料金は次のとおり。\n\n| プラン | 月額 \\| 税込 |\n|:---|---:|\n| **A** | [1,000円](https://ex.jp) |\n")
    (table,) = doc.find("Table")
    assert [[c.text for c in r.children] for r in table.children] == [["プラン", "月額 | 税込"], ["A", "1,000円(https://ex.jp)"]]
    assert [r.markup for r in table.children] == ["||| \\\n|:---|---:|", "||| ** ** [ ]"]
    assert table in kids(article(doc, "1"), "Paragraph")[0].children


def test_front_matter_is_markup_of_the_first_node():
    doc = parse_markdown("---\nlayout: page\ntitle: 利用規約\n---\n\n# 利用規約\n\n## 第1条\n本文。\n")
    assert doc.children[0].kind == "Title" and doc.title == "利用規約"
    assert doc.children[0].markup == "---\nlayout: page\ntitle: 利用規約\n---\n#"
    only = parse_markdown("---\ntitle: x\n---\n")
    assert [n.markup for n in only.walk()] == ["---\ntitle: x\n---"]


def test_raw_html_block_headings_and_lists():
    doc = parse_markdown(
        "<div>\n<h1>規約</h1>\n<h3>第1条（目的）</h3>\n<p>本文。</p>\n<ol>\n<li>甲</li>\n<li>乙</li>\n</ol>\n"
        "<ul><li>丙</li></ul>\n</div>\n"
    )
    assert doc.title == "規約"
    a1 = article(doc, "1")
    assert a1.caption == "（目的）"
    (p,) = kids(a1, "Paragraph")
    assert [(i.label, i.text) for i in kids(p, "Item")] == [("1.", "甲"), ("2.", "乙"), ("•", "丙")]


def test_quote_code_fence_comment_and_rule_are_markup():
    doc = parse_markdown("# T\n\n> 引用です。\n\n<!-- 作業メモ\n消さないこと -->\n---\n```\n甲\n  住所 東京都\n```\n")
    assert [(n.kind, n.markup, n.text) for n in doc.children] == [
        ("Title", "#", "T"),
        ("Paragraph", ">", "引用です。"),
        ("Paragraph", "<!-- 作業メモ\n消さないこと -->\n---\n```", "甲"),
        ("Paragraph", "```", "住所 東京都"),
    ]


def test_a_title_below_lesser_headings():
    doc = parse_markdown("### Japanese only.\n\n# 利用規約\n### 1. 定義\n**1.1** 「本サービス」とは…\n")
    assert [(n.kind, n.text or n.caption) for n in doc.children] == [
        ("Heading", "Japanese only."), ("Title", "利用規約"), ("Heading", "定義"),
    ]
    (clause,) = doc.find("Paragraph")
    assert (clause.num, clause.label, clause.text) == ("1", "1.1", "「本サービス」とは…")


@pytest.mark.parametrize("name", ["ichisan-terms-txt", "svgaming-terms-txt", "travelyst-terms-txt"])
def test_plain_text_reads_the_same_as_markdown(name):
    """A document without Markdown syntax gives the text reader's tree (no hard wraps, no tab tables in these)."""
    for path in sorted((REALWORLD / name).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        expected = [(n.kind, n.num, n.label, n.caption, n.text) for n in parse_text(text).walk()]
        assert tree(text) == expected


# -- nothing is lost ---------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_SYNTAX = set("*`#|[]<>~\\_-=+")


def assert_nothing_lost(source: str, doc: Document) -> None:
    """Every non-whitespace character of the source is somewhere in the tree (text or markup)."""
    missing = Counter(_WS.sub("", source)) - Counter(_WS.sub("", printed_text(doc)))
    assert not missing, f"lost: {dict(missing)}"


def assert_in_order(expected: str, doc: Document) -> None:
    """The document's words appear in the tree's text (markup aside) in source order."""
    have = iter(_WS.sub("", words(doc)))
    for ch in _WS.sub("", expected):
        assert any(c == ch for c in have), f"{ch!r} of {expected!r} missing or out of order in {words(doc)!r}"


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=lambda p: f"{p.parent.name}/{p.name[:8]}")
def test_real_file_is_lossless_and_its_syntax_is_markup(path):
    source = path.read_text(encoding="utf-8")
    doc = parse_markdown(source)
    assert_nothing_lost(source, doc)
    text = words(doc)
    for syntax in ("**", "<br", "](", "|--", "<li", "<p", "</", "{%", "\n---"):
        assert syntax not in text


_JA = "本規約当社契約者利用サービス定めるものとします。、「」（）第条項号一二三のにをはがでabcXYZ0123456789"
_word = st.text(alphabet=_JA, min_size=1, max_size=12)
_n = st.integers(min_value=1, max_value=12)


@st.composite
def _inline_text(draw) -> tuple[str, str]:
    """A line's Markdown and the words it says."""
    source, said = [], []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        w = draw(_word)
        form = draw(st.sampled_from(["plain", "strong", "em", "code", "link", "strike", "br", "span"]))
        if form == "link":
            url = f"https://ex.jp/{draw(_n)}"
            source.append(f"[{w}]({url})")
            said.append(f"{w}({url})")
            continue
        source.append({"plain": "{}", "strong": "**{}**", "em": "*{}*", "code": "`{}`", "strike": "~~{}~~",
                       "br": "{}<br>", "span": "<span class=\"x\">{}</span>"}[form].format(w))
        said.append(w)
    return " ".join(source), " ".join(said)


@st.composite
def _block(draw) -> tuple[str, str]:
    text, said = draw(_inline_text())
    kind = draw(st.sampled_from(["line", "line", "heading", "article", "bullet", "ordered", "nested", "quote", "table", "html"]))
    if kind == "heading":
        return f"{'#' * draw(st.integers(1, 4))} {text}", said
    if kind == "article":
        n = draw(_n)
        return f"## 第{n}条（{text}）", f"第{n}条（{said}）"
    if kind == "bullet":
        return f"{draw(st.sampled_from('-*+'))} {text}", said
    if kind == "ordered":  # its number may be markup (a lazily numbered list): not among the words
        return f"{draw(_n)}. {text}", said
    if kind == "nested":
        return f"{draw(st.sampled_from(['  ', '    ', chr(9)]))}- {text}", said
    if kind == "quote":
        return f"> {text}", said
    if kind == "table":
        other, other_said = draw(_inline_text())
        return f"| {text} | {other} |\n|---|---|", f"{said}{other_said}"
    if kind == "html":  # a block of raw HTML runs to the next blank line
        return f"<p>{text}</p>\n", said
    return text, said


@st.composite
def markdown_documents(draw) -> tuple[str, str]:
    blocks = draw(st.lists(_block(), max_size=25))
    seps = draw(st.lists(st.sampled_from(["\n", "\n", "\n\n"]), min_size=len(blocks), max_size=len(blocks)))
    front = draw(st.sampled_from(["", "---\nlayout: page\n---\n"]))
    source = front + "".join(b + s for (b, _), s in zip(blocks, seps))
    return source, "".join(said for _, said in blocks)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_documents())
def test_generated_markdown_keeps_its_words_in_order_and_its_syntax_as_markup(case):
    source, said = case
    doc = parse_markdown(source)
    assert_nothing_lost(source, doc)
    assert_in_order(said, doc)
    leaked = _SYNTAX & set(words(doc))
    assert not leaked, f"syntax {leaked} in the text of {source!r}"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_is_lossless(text):
    assert_nothing_lost(text, parse_markdown(text))
