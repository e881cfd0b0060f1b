"""The JSON string reader: an i18n locale file of a terms page (lingssoft), and hand-made edge cases."""

import json
import re

import pytest
from conftest import SHARED

from corpus.errors import SourceError
from corpus.model import printed_text
from corpus.readers.html import NOTE_NO_PROVISIONS
from corpus.readers.json_strings import parse_json_strings

LINGSSOFT = SHARED / "realworld" / "lingssoft-terms-json" / "1150c31412e03e124bff958c13227bb9de40ceca.json"


@pytest.fixture(scope="module")
def lingssoft():
    return parse_json_strings(LINGSSOFT.read_text(encoding="utf-8"), source=LINGSSOFT.name)


def test_lingssoft_6つの番号つき節(lingssoft):
    assert lingssoft.title == "利用規約"
    sections = [h for h in lingssoft.find("Heading") if h.num]
    assert [(h.num, h.label, h.caption) for h in sections] == [
        ("1", "1.", "サービスの受諾"),
        ("2", "2.", "アカウントと利用資格"),
        ("3", "3.", "注文・支払い・返金"),
        ("4", "4.", "知的財産権とライセンス付与"),
        ("5", "5.", "保証・責任・契約終了"),
        ("6", "6.", "詳細情報とお問い合わせ"),
    ]
    # paragraphs and bullets of a section, in file order
    assert [p.text[:12] for p in sections[1].children] == [
        "アカウント作成時には正確",
        "社内ポリシーに沿った合法",
        "不正アクセスや資格情報の",
        "プレミアムファイルへアク",
    ]
    assert NOTE_NO_PROVISIONS not in lingssoft.notes


def test_lingssoft_日付_キーは本文でない_値の中のタグ(lingssoft):
    assert lingssoft.find("Text")[0].text == "最終更新: 2024年7月15日"
    text = printed_text(lingssoft)
    for key in ("meta", "sections", "paragraphs", "bullets", "referenceUrl"):
        assert key not in text
    last = [h for h in lingssoft.find("Heading") if h.num][-1]
    assert last.children[0].text == "本サマリーは公式文書である {{label}} の構成に沿っています。用語の定義、管轄、紛争解決条項については原文をご確認ください。"
    assert "<email>" not in text and "{{email}}" in text
    assert last.children[0].lines == (61, 61)


def test_lingssoft_文字列はすべて順に木の中(lingssoft):
    def strings(value):
        if isinstance(value, str):
            return [value]
        return [s for v in (value.values() if isinstance(value, dict) else value) for s in strings(v)]

    values = strings(json.loads(LINGSSOFT.read_text(encoding="utf-8")))
    assert len(values) == 30
    expected = re.sub(r"<[^>]+>|\s", "", "".join(values))
    assert re.sub(r"\s", "", printed_text(lingssoft)) == expected


def test_条文の文字列と配列():
    doc = parse_json_strings(
        '{"title": "サービス利用規約", "articles": [{"h": "第1条（目的）", "p": ["本規約は…定める。", "2 当社は…。"]},'
        ' {"h": "第2条（定義）", "p": ["次のとおり。<br>(1) 一号<br/>(2) 二号"]}], "n": 3, "ok": true, "x": null}',
        source="terms.json",
    )
    assert doc.title == "サービス利用規約"
    a1, a2 = doc.articles()
    assert [(p.num, p.label) for p in a1.children] == [("1", ""), ("2", "2")]
    assert [i.label for i in a2.children[0].children] == ["(1)", "(2)"]
    assert "3" not in printed_text(doc).replace("第", "")


def test_i18nのコンポーネントタグは記法():
    doc = parse_json_strings('{"a": "見出し", "b": "詳しくは<0>こちら</0>と<1/>を参照。"}')
    assert printed_text(doc) == "見出し詳しくはこちらとを参照。"
    assert NOTE_NO_PROVISIONS in doc.notes


@pytest.mark.parametrize("text, message", [
    ('{"a": "x",}', "not valid JSON"),
    ("not json", "not valid JSON"),
    ('{"a": 1, "b": [true, null]}', "no text"),
    ('{"a": "   "}', "no text"),
])
def test_読めないJSONはSourceError(text, message):
    with pytest.raises(SourceError, match=message):
        parse_json_strings(text, source="x.json")
