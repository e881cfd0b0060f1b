"""renderer.table_html: the 現改比較表 as one HTML page, on the Smart Me revision and a law revision."""

from pathlib import Path

import lxml.html
import pytest
from conftest import SHARED

from corpus.config import TableOptions
from corpus.model import Document, Node
from corpus.readers.text import parse_text
from diffing.compare import compare
from renderer.table_html import write_table_html
from renderer.table_layout import pieces, split_cells

SMARTME = SHARED / "fixtures" / "smartme"
LAWS = SHARED / "laws"
電気通信事業法 = ("359AC0000000086_20230614_505AC0000000053.txt", "359AC0000000086_20230616_504AC0000000070.txt")


def read(path: Path) -> Document:
    return parse_text(path.read_text(encoding="utf-8"), source=path.name)


def page(html: bytes):
    return lxml.html.fromstring(html.decode("utf-8"))


def cell_text(td) -> str:
    return td.text_content().strip()


def rows(tree) -> list[tuple]:
    """(left td, right td) of each row of the comparison table."""
    return [tuple(tr.xpath("./td")) for tr in tree.xpath("//table[@class='comparison']/tbody/tr")]


def underlined(tree, role: str) -> list[str]:
    return [u.text_content() for u in tree.xpath(f"//td[@class='{role}']//u")]


@pytest.fixture(scope="module")
def smartme():
    return compare(read(SMARTME / "old.txt"), read(SMARTME / "new.txt"))


@pytest.fixture(scope="module")
def smartme_html(smartme):
    return write_table_html(smartme)


def doc(title: str, *paragraphs: str) -> Document:
    article = Node("Article", num="1", label="第1条", caption="（目的）")
    article.children = [
        Node("Paragraph", num=str(i), label="" if i == 1 else str(i), text=t) for i, t in enumerate(paragraphs, 1)
    ]
    return Document(children=[Node("Title", text=title), article], source="hand.txt")


# ---------------------------------------------------------------------------
# Smart Me: what the published table shows


def test_smartme_傍線は両側に(smartme_html):
    tree = page(smartme_html)
    new, old = underlined(tree, "new"), underlined(tree, "old")
    assert "仕様" in new and "使用" in old  # 第4条第4項 (was 第3項): the word the published table missed
    assert "本サービスの申込者" in new and "契約者" in old  # 第4条第2項
    assert "片方" in old and "入退室サービス" in new
    assert "仕様" not in old and "使用" not in new


def test_smartme_新設は旧側に(smartme_html):
    table = rows(page(smartme_html))
    inserted = [cell_text(new) for old, new in table if cell_text(old) == "（新設）"]
    assert any(text.startswith("3\u30002025年10月1日以降の身分証サービス") for text in inserted)  # 第4条第3項
    assert "別紙3" in inserted
    assert any(text.startswith("附 則") for text in inserted)
    # the paragraphs of the new 別紙3 and 附則 are under the one marker of their block, not marked again
    assert sum(1 for old, _ in table if cell_text(old) == "（新設）") == 3
    assert not any("（削る）" in cell_text(new) for _, new in table)


def test_smartme_見出しは施行日から(smartme_html):
    tree = page(smartme_html)
    assert [th.text_content() for th in tree.xpath("//thead//th")] == ["~2025年9月30日", "2025年10月1日~"]
    assert tree.xpath("string(//h1)") == "Smart Meサービス利用規約【現改比較表】 2025年10月1日現在"
    assert tree.xpath("string(//title)") == "Smart Meサービス利用規約【現改比較表】 2025年10月1日現在"
    assert "（傍線部分は改正部分）" in tree.xpath("string(//header)")


def test_smartme_条名と見出しを印刷どおりに(smartme_html):
    tree = page(smartme_html)
    old_cells = [cell_text(old) for old, _ in rows(tree)]
    assert "第2章\u3000サービスの種類" in old_cells
    assert "第4条（本サービスの種類）" in old_cells  # a terms caption printed in brackets beside its label
    assert "（略）" in old_cells  # 第4条第1項, unchanged


def test_smartme_番号の変更は番号に傍線(smartme_html):
    tree = page(smartme_html)
    # 第4条第3項 → 第4項 and 別紙1「3 身分証サービス」 → 「2 …」: the numbers are underlined on both sides
    assert "3" in underlined(tree, "old") and "4" in underlined(tree, "new")
    heading = tree.xpath("//td[@class='new']//p[@class='heading'][contains(., '身分証サービス')]")[0]
    assert [u.text_content() for u in heading.xpath(".//u")] == ["2"]


def test_smartme_表の行はセルに分けて(smartme_html):
    tree = page(smartme_html)
    row = tree.xpath("//td[@class='new']//table[@class='cells']//tr[td[contains(., '月額利用料の適用')]]")[0]
    cells = row.xpath("./td")
    assert [cell_text(td) for td in cells] == ["月額利用料の適用", "料金月の末日時点における有効ID数に対して適用します。"]
    assert [u.text_content() for u in cells[0].xpath(".//u")] == ["の適用"]


def test_layout_new_left_と見出しの指定(smartme):
    html = write_table_html(smartme, TableOptions(layout="new-left", old_label="改正前", new_label="改正後", title="新旧対照表"))
    tree = page(html)
    assert [th.text_content() for th in tree.xpath("//thead//th")] == ["改正後", "改正前"]
    assert tree.xpath("string(//h1/span[@class='doc-title'])") == "新旧対照表"
    first = rows(tree)[0]
    assert [td.get("class") for td in first] == ["new", "old"]
    new_first = [cell_text(left) for left, right in rows(tree) if cell_text(right) == "（新設）"]
    assert "別紙3" in new_first  # 「（新設）」 stays with the old version, now on the right


def test_略の表記を指定できる(smartme):
    html = write_table_html(smartme, TableOptions(elision="(省略)")).decode("utf-8")
    assert "(省略)" in html
    assert "（略）" not in html


def test_削除は新側に削る(smartme):
    reverse = compare(smartme.new, smartme.old)  # 新 → 旧: 別紙3 and 附則 are deleted
    table = rows(page(write_table_html(reverse)))
    deleted = [cell_text(old) for old, new in table if cell_text(new) == "（削る）"]
    assert "別紙3" in deleted
    assert not any(cell_text(old) == "（新設）" for old, _ in table if cell_text(old).startswith("別紙3"))


def test_改正箇所がなければ一行で(smartme):
    same = compare(smartme.new, smartme.new)
    assert same.rows == []
    tree = page(write_table_html(same))
    assert tree.xpath("//table[@class='comparison']") == []
    assert tree.xpath("string(//p[@class='no-changes'])") == "改正箇所はありません"


def test_日付が分からなければ現行と改正後():
    html = write_table_html(compare(doc("利用規約", "当社は定める。"), doc("利用規約", "弊社は定める。")))
    tree = page(html)
    assert [th.text_content() for th in tree.xpath("//thead//th")] == ["現行", "改正後"]
    assert tree.xpath("string(//h1)") == "利用規約【現改比較表】"


# ---------------------------------------------------------------------------
# The page itself


def test_一つのファイルで完結(smartme_html):
    html = smartme_html.decode("utf-8")
    tree = page(smartme_html)
    assert tree.get("lang") == "ja"
    assert tree.xpath("//link | //script | //img | //iframe") == []
    assert "http://" not in html and "https://" not in html and "@import" not in html
    style = tree.xpath("string(//style)")
    assert "@page" in style and "A4 landscape" in style and "Noto Serif CJK JP" in style
    assert "max-width" in style and tree.xpath("//meta[@name='viewport']")  # stacks on a phone


def test_本文はエスケープされる():
    nasty = '<script>alert(1)</script> & "quotes"'
    html = write_table_html(compare(doc(nasty, "本規約は定める。"), doc(nasty, f"本規約は{nasty}を定める。")))
    tree = page(html)
    assert tree.xpath("//script") == []
    assert "<script>" not in html.decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html.decode("utf-8")
    assert tree.xpath("string(//title)") == f"{nasty}【現改比較表】"
    new = [cell_text(new) for _, new in rows(tree)]
    assert f"本規約は{nasty}を定める。" in new
    assert nasty in underlined(tree, "new")[0]


# ---------------------------------------------------------------------------
# A law: captions above the article, the first paragraph printed after the article's label


def test_法令_条の第1項は条名に続けて():
    old, new = (read(LAWS / name) for name in 電気通信事業法)
    tree = page(write_table_html(compare(old, new)))
    first = tree.xpath("//td[@class='new']//p[@class='provision'][starts-with(., '第一条')]")[0]
    assert first.text_content().startswith("第一条\u3000この法律は、電気通信事業の公共性に鑑み")
    caption = first.getprevious()
    assert caption.get("class") == "caption" and caption.text_content() == "（目的）"
    assert [th.text_content() for th in tree.xpath("//thead//th")] == ["現行", "改正後"]  # both name the same 施行日
    # an added article is marked once, its items and paragraphs are not marked again
    table = rows(tree)
    at = next(i for i, (_, new) in enumerate(table) if "第百十条の二\u3000総務大臣は、支援機関の指定" in cell_text(new))
    assert [cell_text(old) for old, _ in table[at : at + 4]] == ["（新設）", "", "", ""]
    assert [cell_text(new)[:2] for _, new in table[at + 1 : at + 4]] == ["一\u3000", "二\u3000", "２\u3000"]


# ---------------------------------------------------------------------------
# Helpers


def test_pieces_傍線の区間で切る():
    assert pieces("当社は定める", [(0, 2)]) == [("当社", True), ("は定める", False)]
    assert pieces("当社は定める", [(2, 3), (4, 6)]) == [("当社", False), ("は", True), ("定", False), ("める", True)]
    assert pieces("当社", []) == [("当社", False)]
    assert pieces("", []) == []


def test_split_cells_タブでセルに分ける():
    runs = pieces("月額利用料の適用\t料金月", [(5, 11)])
    assert split_cells(runs) == [[("月額利用料", False), ("の適用", True)], [("料金", True), ("月", False)]]
