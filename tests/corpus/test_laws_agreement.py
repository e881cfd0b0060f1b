"""The text reader and the XML reader agree on every main-provision article of every shared law.

The comparison is benchmarks/laws_agreement.py's ``compare`` (run the script for a report).
"""

import importlib.util
import sys

import pytest
from conftest import ROOT, SHARED

from corpus.model import Document, Node
from corpus.readers.egov_xml import parse_egov_xml

try:
    from corpus.readers.text import parse_text
except ImportError:  # the text reader is being written elsewhere
    parse_text = None

_spec = importlib.util.spec_from_file_location("laws_agreement", ROOT / "benchmarks" / "laws_agreement.py")
laws_agreement = sys.modules.setdefault(_spec.name, importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(laws_agreement)

LAWTEXT = sorted((SHARED / "laws").glob("*.txt"))
needs_text_reader = pytest.mark.xfail(parse_text is None, reason="corpus.readers.text.parse_text does not exist yet", run=False)


@needs_text_reader
@pytest.mark.parametrize("txt", LAWTEXT, ids=lambda p: p.name)
def test_本則の条はすべて一致する(txt) -> None:
    result = laws_agreement.compare_files(txt)
    assert result.total > 40
    assert result.problems == [], f"articles {result.agreeing}/{result.total}\n" + "\n".join(result.problems[:10])
    assert result.agreeing == result.total


# -- the comparison itself, on hand-made trees ------------------------------------------------


def law(*articles: Node) -> Document:
    return Document([Node("Chapter", "1", "第一章", "総則", children=list(articles))])


def article(num: str = "1", caption: str = "（目的）", *children: Node) -> Node:
    return Node("Article", num, f"第{num}条", caption, caption_above=True, children=list(children))


def test_空白だけの違いは一致() -> None:
    a = article("1", "（目的）", Node("Paragraph", "1", text="この法律は、\n目的とする。"))
    b = article("1", "（目的）", Node("Paragraph", "1", text="この法律は、\u3000目的とする。 "))
    result = laws_agreement.compare(law(a), law(b))
    assert (result.agreeing, result.total, result.problems) == (1, 1, [])


@pytest.mark.parametrize(
    ("text_article", "expected"),
    [
        (article("1", "（定義）", Node("Paragraph", "1", text="本文")), "caption: text '（定義）', xml '（目的）'"),
        (article("1", "（目的）", Node("Paragraph", "1", text="本文"), Node("Paragraph", "2", "２", text="二項")), "number of Paragraph: text 2, xml 1"),
        (article("1", "（目的）", Node("Paragraph", "1", text="本分")), "第1項 text: text '本分', xml '本文'"),
    ],
    ids=["caption", "count", "text"],
)
def test_違いは条と欄と両方の値で示す(text_article: Node, expected: str) -> None:
    xml = law(article("1", "（目的）", Node("Paragraph", "1", text="本文")))
    result = laws_agreement.compare(law(text_article), xml)
    assert (result.agreeing, result.total) == (0, 1)
    assert result.problems == [f"第1条: {expected}"]


def test_号の文の違いは号まで示す() -> None:
    def with_item(text: str) -> Node:
        return article("2", "", Node("Paragraph", "1", text="次に掲げるもの", children=[Node("Item", "1", "一", text=text)]))

    result = laws_agreement.compare(law(with_item("甲")), law(with_item("乙")))
    assert result.problems == ["第2条: 第1項第1号 text: text '甲', xml '乙'"]


def test_片方にしかない条() -> None:
    result = laws_agreement.compare(law(article("1"), article("3")), law(article("1"), article("2")))
    assert (result.agreeing, result.total) == (1, 2)
    assert result.problems[0] == "第2条: num '2': not in the text tree"
    assert result.problems[1].startswith("第3条: in the text tree only")


def test_附則の条は比べない() -> None:
    suppl = Node("SupplProvision", label="附則", children=[article("1", "（施行期日）")])
    xml = Document([*law(article("1")).children, suppl])
    result = laws_agreement.compare(law(article("1")), xml)
    assert (result.agreeing, result.total) == (1, 1)


def test_XML読み手の木どうしは一致する() -> None:
    path = SHARED / "laws" / "405AC0000000047_20240216_505AC0000000028.xml"
    doc = parse_egov_xml(path.read_bytes())
    result = laws_agreement.compare(doc, parse_egov_xml(path.read_bytes()))
    assert result.agreeing == result.total == 42
