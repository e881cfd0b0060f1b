"""corpus.citation: 第8条第3項第11号 from a node's place in the tree."""

import pytest

from corpus.citation import citation, piece
from corpus.model import Node

ARTICLE = Node("Article", num="8", label="第八条")
PARAGRAPH = Node("Paragraph", num="3", label="３")
ITEM = Node("Item", num="11", label="十一")


@pytest.mark.parametrize(
    "node, expected",
    [
        (Node("Article", num="5_2", label="第五条の二"), "第5条の2"),
        (Node("Chapter", num="3_2", label="第３章の２"), "第3章の2"),
        (Node("Paragraph", num="1"), "第1項"),  # unnumbered first paragraph
        (Node("Item", num="11", label="(11)"), "第11号"),
        (Node("Subitem1", num="2", label="ロ"), "ロ"),
        (Node("Subitem2", num="1", label=" (a) "), "(a)"),
        (Node("SupplProvision", num="R7", label="附　則"), "附則"),
        (Node("Appendix", num="2", label="別表第二"), "別表第二"),
        (Node("Appendix", caption="料金表"), "料金表"),
        (Node("Heading", caption="サービスについて"), "「サービスについて」"),
        (Node("Heading", caption="【料金】"), "【料金】"),
        (Node("Heading", num="3", label="3", caption="身分証サービス"), "「3 身分証サービス」"),
        (Node("Heading", text="サービス\n について"), "「サービス について」"),
        (Node("Text", text="以上"), ""),
        (Node("Article", label="第 X 条"), "第X条"),  # no canonical num: as printed, spaces dropped
    ],
)
def test_piece(node, expected):
    assert piece(node) == expected


def test_provisions_chain_below_the_article_and_drop_divisions():
    chapter = Node("Chapter", num="2")
    section = Node("Section", num="1")
    assert citation([chapter, section]) == "第2章第1節"
    assert citation([chapter, section, ARTICLE]) == "第8条"
    assert citation([chapter, section, ARTICLE, PARAGRAPH, ITEM]) == "第8条第3項第11号"
    assert citation([chapter, ARTICLE, PARAGRAPH, ITEM, Node("Subitem1", num="1", label="イ")]) == "第8条第3項第11号イ"


def test_text_cites_as_its_parent():
    assert citation([ARTICLE, PARAGRAPH, Node("Text")]) == "第8条第3項"


def test_suppl_provision_and_appendix_prefix_what_is_inside():
    suppl = Node("SupplProvision", label="附則")
    assert citation([suppl, Node("Paragraph", num="2")]) == "附則第2項"
    assert citation([suppl, ARTICLE, PARAGRAPH]) == "附則第8条第3項"
    appendix = Node("Appendix", num="1", label="別紙1")
    assert citation([appendix, Node("Heading", caption="2 身分証サービス")]) == "別紙1「2 身分証サービス」"


def test_単一の無番号の項は号の引用で省く():
    only = Node("Paragraph", num="1")
    item = Node("Item", num="1", label="(1)")
    article = Node("Article", num="3", children=[only])
    only.children.append(item)
    assert citation([article, only, item]) == "第3条第1号"
    assert citation([article, only]) == "第3条第1項"
    two = Node("Article", num="4", children=[Node("Paragraph", num="1"), Node("Paragraph", num="2")])
    assert citation([two, two.children[0], item]) == "第4条第1項第1号"


def test_条の外の段落は項と呼ばない():
    assert citation([Node("Paragraph", num="2", text="株式会社…")]) == "第2段落"
