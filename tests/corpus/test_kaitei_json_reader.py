"""corpus.readers.kaitei_json: kaitei's own ``--to json`` read back to the tree it was written from."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpus
import corpus.readers.kaitei_json as kaitei_json
import renderer
from conftest import ROOT, SHARED
from corpus.errors import SourceError
from corpus.model import KINDS, Document, Node
from corpus.readers.kaitei_json import MAX_DEPTH, is_kaitei_json, parse_kaitei_json

REAL = sorted(
    [*(SHARED / "seeds").glob("*.txt"), *(SHARED / "fixtures" / "smartme").glob("*.txt"), *(SHARED / "laws").iterdir()]
)
GOLDEN = sorted((ROOT / "tests" / "corpus" / "golden").glob("*.json"))


def write(doc: Document) -> bytes:
    return renderer.write(doc, "json")


def back(data: bytes) -> Document:
    return corpus.read(data, "kaitei-json", source="doc.json")


_written: dict[Path, tuple[Document, bytes]] = {}


def real(path: Path) -> tuple[Document, bytes]:
    """A real document and its JSON, read once for all the tests."""
    if path not in _written:
        doc = corpus.read(path)
        _written[path] = doc, write(doc)
    return _written[path]


# -- round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_documents_read_back_to_the_same_bytes_and_tree(path):
    doc, data = real(path)
    again = back(data)
    assert write(again) == data
    assert again.children == doc.children
    assert (again.source, again.encoding, again.law_num, again.title) == (doc.source, doc.encoding, doc.law_num, doc.title)
    assert again.notes == []  # notes are not in the JSON


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_golden_json_files_read_back_unchanged(path):
    data = path.read_bytes()
    assert corpus.detect(data, path.name) == "kaitei-json"
    assert write(corpus.read(path)) == data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REAL), st.data())
def test_any_subtree_of_a_real_document_reads_back(path, data):
    doc, _ = real(path)
    nodes = list(doc.walk())
    picked = data.draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=5))
    part = Document(children=picked, source=doc.source, encoding=doc.encoding, law_num=doc.law_num)
    assert write(back(write(part))) == write(part)


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)  # any character a str may hold in UTF-8
LINE = st.integers(min_value=0, max_value=10**6)


def nodes(children):
    return st.builds(
        Node,
        kind=st.sampled_from(sorted(KINDS)),
        num=TEXT,
        label=TEXT,
        caption=TEXT,
        text=TEXT,
        children=children,
        lines=st.tuples(LINE, LINE),
        markup=TEXT,
        caption_above=st.booleans(),
    )


NODES = st.recursive(nodes(st.just([])), lambda inner: nodes(st.lists(inner, max_size=4)), max_leaves=40)
DOCUMENTS = st.builds(Document, children=st.lists(NODES, max_size=5), source=TEXT, encoding=TEXT, law_num=TEXT)


@settings(max_examples=200, deadline=None)
@given(DOCUMENTS)
def test_any_tree_reads_back_to_itself(doc):
    data = write(doc)
    assert corpus.detect(data, "out.json") == "kaitei-json"
    again = parse_kaitei_json(data, source="out.json")
    assert again == doc
    assert write(again) == data


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=1, max_value=MAX_DEPTH))
def test_a_tree_as_deep_as_the_limit_reads_back(depth):
    doc = Document(children=[chain(depth)])
    assert write(back(write(doc))) == write(doc)


def chain(depth: int) -> Node:
    top = node = Node("Text", text="0")
    for i in range(1, depth):
        node.children.append(Node("Text", text=str(i)))
        node = node.children[0]
    return top


# -- detection -------------------------------------------------------------------------------------


def test_auto_reads_kaitei_json_whatever_its_name(tmp_path):
    doc, data = real(SHARED / "fixtures" / "smartme" / "new.txt")
    for name in ("tree.json", "tree.txt", "tree"):
        (tmp_path / name).write_bytes(data)
        assert corpus.detect(data, name) == "kaitei-json"
        assert write(corpus.read(tmp_path / name)) == data
    assert corpus.detect(data, "-") == "kaitei-json"  # standard input
    assert write(corpus.read(data)) == data
    assert corpus.detect(b"\xef\xbb\xbf\n " + data, "tree.json") == "kaitei-json"  # BOM, white space
    assert write(back(b"\xef\xbb\xbf" + data)) == data


def test_other_json_stays_with_the_i18n_reader():
    i18n = json.dumps({"terms": {"title": "利用規約", "body": "第1条（目的）本規約は…"}}, ensure_ascii=False).encode()
    assert corpus.detect(i18n, "ja.json") == "json"
    assert corpus.read(i18n, source="ja.json").find("Article")  # by the string reader: its 第1条
    lookalike = json.dumps({"source": "a", "children": [], "law_num": "", "encoding": ""}).encode()  # no title
    assert corpus.detect(lookalike, "ja.json") == "json"
    assert corpus.detect(b'{"source": "a", "encoding": "", "title": "", "law_num": "", "children": []', "x.json") == "json"
    assert corpus.detect(b"[1, 2]", "x.json") == "json"
    assert corpus.detect("{注} 本規約は…".encode(), "terms.txt") == "text"
    assert not is_kaitei_json(b"")


def test_kaitei_json_is_a_format_of_its_own():
    assert "kaitei-json" in corpus.FORMATS and "json" in corpus.FORMATS


# -- bad input: one clear message --------------------------------------------------------------------

GOOD = {
    "source": "a.txt",
    "encoding": "utf-8",
    "title": "",
    "law_num": "",
    "children": [
        {"kind": "Article", "num": "1", "label": "第1条", "caption": "", "text": "", "lines": [1, 2], "children": [
            {"kind": "Paragraph", "num": "1", "label": "", "caption": "", "text": "本文", "lines": [2, 2], "children": []},
        ]},
    ],
}


def changed(path: str, value):
    """GOOD with the value at ``path`` (keys and indexes joined by '/') replaced, or deleted when value is DELETE."""
    data = json.loads(json.dumps(GOOD))
    *steps, last = [int(s) if s.isdigit() else s for s in path.split("/")]
    target = data
    for step in steps:
        target = target[step]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return json.dumps(data, ensure_ascii=False).encode()


DELETE = object()
P = "children/0/children/0"
BAD = [
    (b"[1, 2]", "kaitei JSON top level: must be an object (a kaitei JSON document), not an array"),
    (b'"x"', "top level: must be an object"),
    (b'{"source": "a", ', "not valid JSON: Expecting property name enclosed in double quotes at line 1 column 17"),
    (b"\x82\xa0", "not UTF-8 at byte 0"),
    (changed("source", 1), "kaitei JSON source: must be a string, not a number"),
    (changed("encoding", None), "kaitei JSON encoding: must be a string, not null"),
    (changed("law_num", DELETE), "kaitei JSON top level: missing law_num"),
    (changed("children", {}), "kaitei JSON children: must be an array of nodes, not an object"),
    (changed("notes", []), 'kaitei JSON top level: unknown key "notes"'),
    (changed("children/0", 3), "kaitei JSON children[0]: must be an object (a node), not a number"),
    (changed("children/0/kind", "Artcle"), 'kaitei JSON children[0].kind: unknown node kind "Artcle" (不明な種類です)'),
    (changed("children/0/kind", ["Article"]), "children[0].kind: must be a string, not an array"),
    (changed(f"{P}/text", 5), "children[0].children[0].text: must be a string, not a number"),
    (changed(f"{P}/label", True), "children[0].children[0].label: must be a string, not true"),
    (changed(f"{P}/num", DELETE), "children[0].children[0]: missing num"),
    (changed(f"{P}/children", DELETE), "children[0].children[0]: missing children"),
    (changed(f"{P}/children", None), "children[0].children[0].children: must be an array of nodes, not null"),
    (changed(f"{P}/lines", [1]), "children[0].children[0].lines: must be [first, last]"),
    (changed(f"{P}/lines", [1, -1]), "lines: must be [first, last]: two whole numbers, 0 or more"),
    (changed(f"{P}/lines", [1, 2.5]), "lines: must be [first, last]"),
    (changed(f"{P}/lines", [True, 2]), "lines: must be [first, last]"),
    (changed(f"{P}/lines", "1-2"), "lines: must be [first, last]"),
    (changed(f"{P}/markup", 1), "children[0].children[0].markup: must be a string, not a number"),
    (changed(f"{P}/caption_above", "yes"), "children[0].children[0].caption_above: must be true or false, not a string"),
    (changed(f"{P}/note", ""), 'children[0].children[0]: unknown key "note" (不明なキーです; a node has kind, num'),
]


@pytest.mark.parametrize("data, message", BAD, ids=[m for _, m in BAD])
def test_bad_kaitei_json_is_one_clear_error(data, message):
    with pytest.raises(SourceError) as e:
        back(data)
    assert str(e.value).startswith("doc.json: ") and message in str(e.value)
    assert "\n" not in str(e.value) and "(" in str(e.value)  # one line, with the Japanese


def test_the_first_fault_in_document_order_is_reported():
    data = json.loads(changed("children/0/children/0/kind", "X"))
    data["children"].append({"kind": "Y"})
    with pytest.raises(SourceError, match=r"children\[0\]\.children\[0\]\.kind: unknown node kind \"X\""):
        back(json.dumps(data).encode())


def nested(depth: int) -> bytes:
    node = '{"kind": "Text", "num": "", "label": "", "caption": "", "text": "", "lines": [0, 0], "children": '
    top = '{"source": "a", "encoding": "", "title": "", "law_num": "", "children": '
    return (top + ("[" + node) * depth + "[]" + "}]" * depth + "}").encode()


def test_nodes_nested_beyond_the_limit_are_refused():
    back(nested(MAX_DEPTH))
    with pytest.raises(SourceError, match=rf"nodes nested more than {MAX_DEPTH} deep \(入れ子が深すぎます\)") as e:
        back(nested(MAX_DEPTH + 1))
    assert len(str(e.value)) < 200  # the place is shortened: children[0].children[0].children[0].…


def test_json_too_deep_for_the_parser_is_refused_not_a_traceback(tmp_path):
    data = nested(5000)
    assert corpus.detect(data, "deep.json") == "kaitei-json"
    (tmp_path / "deep.json").write_bytes(data)
    with pytest.raises(SourceError, match=r"deep\.json: kaitei JSON nested too deeply"):
        corpus.read(tmp_path / "deep.json")
    with pytest.raises(SourceError, match="nested too deeply"):
        back(b'{"source": ' + b"[" * 100000 + b"]" * 100000 + b"}")


def test_empty_and_huge_input(monkeypatch):
    with pytest.raises(SourceError, match="empty file"):
        back(b"  \n")
    monkeypatch.setattr(kaitei_json, "MAX_BYTES", 100)
    with pytest.raises(SourceError, match="file too large"):
        back(write(Document(children=[Node("Text", text="x" * 200)])))


def test_kaitei_parse_round_trips_on_the_command_line(tmp_path, capsys):
    from kaitei.cli import main

    _, data = real(SHARED / "fixtures" / "smartme" / "old.txt")
    (tmp_path / "old.json").write_bytes(data)
    assert main(["parse", str(tmp_path / "old.json"), "--to", "json", "-o", str(tmp_path / "again.json")]) == 0
    assert (tmp_path / "again.json").read_bytes() == data
    assert main(["parse", str(tmp_path / "old.json"), "--from", "kaitei-json", "--to", "json", "-o", str(tmp_path / "b.json")]) == 0
    assert (tmp_path / "b.json").read_bytes() == data
    (tmp_path / "bad.json").write_bytes(changed("children/0/kind", "Artcle"))
    assert main(["parse", str(tmp_path / "bad.json")]) == 2
    assert 'unknown node kind "Artcle"' in capsys.readouterr().err
