"""renderer.json: the documented, stable JSON form of a tree."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from corpus.model import Document, Node
from renderer.json import to_dict, write_json

NODE_KEYS = ["kind", "num", "label", "caption", "text", "lines", "children"]


def small_doc() -> Document:
    return Document(
        source="t.txt",
        encoding="cp932",
        children=[
            Node("Title", text="テスト利用規約", lines=(1, 1)),
            Node(
                "Article",
                num="5_2",
                label="第五条の二",
                caption="（目的）",
                caption_above=True,
                lines=(3, 5),
                children=[Node("Paragraph", num="1", text="本規約は、\"当社\"が定める。", lines=(4, 5))],
            ),
            Node("Item", num="1", label="(1)", markup="-", text="箇条", lines=(6, 6)),
        ],
    )


def test_exact_layout_of_a_small_tree():
    expected = """{
 "source": "t.txt",
 "encoding": "cp932",
 "title": "テスト利用規約",
 "law_num": "",
 "children": [
  {
   "kind": "Title",
   "num": "",
   "label": "",
   "caption": "",
   "text": "テスト利用規約",
   "lines": [1, 1],
   "children": []
  },
  {
   "kind": "Article",
   "num": "5_2",
   "label": "第五条の二",
   "caption": "（目的）",
   "text": "",
   "lines": [3, 5],
   "caption_above": true,
   "children": [
    {
     "kind": "Paragraph",
     "num": "1",
     "label": "",
     "caption": "",
     "text": "本規約は、\\"当社\\"が定める。",
     "lines": [4, 5],
     "children": []
    }
   ]
  },
  {
   "kind": "Item",
   "num": "1",
   "label": "(1)",
   "caption": "",
   "text": "箇条",
   "lines": [6, 6],
   "markup": "-",
   "children": []
  }
 ]
}
"""
    assert write_json(small_doc()).decode("utf-8") == expected


def test_empty_document():
    assert json.loads(write_json(Document())) == {
        "source": "",
        "encoding": "",
        "title": "",
        "law_num": "",
        "children": [],
    }


def test_markup_and_caption_above_only_when_set():
    data = json.loads(write_json(small_doc()))
    title, article, item = data["children"]
    assert list(title) == NODE_KEYS
    assert list(article) == NODE_KEYS[:-1] + ["caption_above", "children"]
    assert list(item) == NODE_KEYS[:-1] + ["markup", "children"]


texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
kinds = st.sampled_from(["Chapter", "Article", "Paragraph", "Item", "Subitem1", "Text", "Table"])
nodes = st.recursive(
    st.builds(Node, kind=kinds, num=texts, label=texts, caption=texts, text=texts, markup=texts,
              caption_above=st.booleans(), lines=st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))),
    lambda children: st.builds(Node, kind=kinds, text=texts, children=st.lists(children, max_size=4)),
    max_leaves=20,
)
documents = st.builds(Document, children=st.lists(nodes, max_size=4), source=texts, encoding=texts, law_num=texts)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_any_tree_is_valid_json_equal_to_to_dict(doc):
    out = write_json(doc)
    assert json.loads(out.decode("utf-8")) == to_dict(doc)
    assert out.endswith(b"}\n")
    assert write_json(doc) == out  # deterministic


def test_non_ascii_is_kept_as_is():
    out = write_json(small_doc())
    assert "第五条の二".encode("utf-8") in out
    assert b"\\u" not in out


def test_real_document_round_trips():
    import corpus

    doc = corpus.read(SHARED / "seeds" / "000_2e34f86ba2085a25.txt")
    data = json.loads(write_json(doc))
    assert data == to_dict(doc)
    assert data["source"] == "000_2e34f86ba2085a25.txt"
    assert data["encoding"] == "utf-8"
    assert data["title"] == doc.title != ""
    assert sum(1 for _ in doc.walk()) == write_json(doc).count(b'"kind": ')
