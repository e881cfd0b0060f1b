"""The comparison rows (現改比較表) on the Smart Me revision and on the seeds."""

import json
import os
import re
from pathlib import Path

import pytest
from conftest import SHARED

from corpus.model import Document
from corpus.readers.text import parse_text
from diffing.compare import compare
from renderer.comparison_json import write_comparison_json

SMARTME = SHARED / "fixtures" / "smartme"
SEED000 = next((SHARED / "seeds").glob("000_*.txt"))
GOLDEN = Path(__file__).parent / "golden"


def read(path: Path) -> Document:
    return parse_text(path.read_text(encoding="utf-8"), source=path.name)


def underlined(side) -> list[str]:
    return [side.text[s:e] for s, e in side.text_spans]


@pytest.fixture(scope="module")
def smartme():
    return compare(read(SMARTME / "old.txt"), read(SMARTME / "new.txt"))


def test_smartme_変更の一覧は期待どおり(smartme):
    """Exactly the changes of expected.md, nothing else marked changed."""
    changes = [(r.kind, r.node, r.old and r.old.citation, r.new and r.new.citation) for r in smartme.changes]
    assert changes == [
        ("changed", "Paragraph", "第4条第2項", "第4条第2項"),
        ("inserted", "Paragraph", None, "第4条第3項"),
        ("changed", "Paragraph", "第4条第3項", "第4条第4項"),
        ("renumbered", "Heading", "別紙1「3 身分証サービス」", "別紙1「2 身分証サービス」"),
        ("changed", "TableRow", "別紙1「3 身分証サービス」「利用料金」「1 適用」表", "別紙1「2 身分証サービス」「利用料金」「1 適用」表"),
        ("renumbered", "Heading", "別紙1「4 共通オプション」", "別紙1「3 共通オプション」"),
        ("changed", "TableRow", "別紙1「4 共通オプション」「利用料金」「1 適用」表", "別紙1「3 共通オプション」「利用料金」「1 適用」表"),
        ("changed", "TableRow", "別紙1「4 共通オプション」「利用料金」「1 適用」表", "別紙1「3 共通オプション」「利用料金」「1 適用」表"),
        ("inserted", "Appendix", None, "別紙3"),
        ("inserted", "Paragraph", None, "別紙3第1項"),
        ("inserted", "Item", None, "別紙3第1号"),
        ("inserted", "SupplProvision", None, "附則"),
        ("inserted", "Paragraph", None, "附則第1項"),
        ("inserted", "Paragraph", None, "附則第2項"),
        ("inserted", "Paragraph", None, "附則第3項"),
    ]


def test_smartme_語単位の傍線(smartme):
    p2, _, p4 = smartme.changes[:3]
    assert underlined(p2.old) == ["契約者", "片方", "利用"]
    assert underlined(p2.new)[:2] == ["本サービスの申込者", "入退室サービス"]
    assert underlined(p2.new)[2].startswith("申込み")
    # 「使用」→「仕様」: the word the published table missed; nothing else underlined.
    assert underlined(p4.old) == ["使用"] and underlined(p4.new) == ["仕様"]
    assert p4.old.label_changed and p4.new.label_changed


def test_smartme_表の行と見出し(smartme):
    row = smartme.changes[4]
    assert underlined(row.new) == ["の適用"] and row.old.text_spans == []
    heading = smartme.changes[3]
    assert heading.old.label_changed and heading.old.text_spans == [] and heading.new.caption_spans == []


def test_smartme_文脈と略(smartme):
    first = smartme.rows[:3]
    assert [(r.kind, r.node) for r in first] == [("context", "Chapter"), ("context", "Article"), ("elided", "Paragraph")]
    assert first[1].new.caption == "本サービスの種類"
    assert first[2].old.elided and first[2].new.elided
    assert first[2].old.text == first[2].new.text and first[2].old.text.startswith("本サービスで提供される")  # kept: nothing is lost


def test_smartme_golden_json(smartme):
    """The JSON rows; regenerate with KAITEI_UPDATE_GOLDEN=1 and review the diff."""
    actual = write_comparison_json(smartme).decode("utf-8")
    golden = GOLDEN / "smartme.json"
    if os.environ.get("KAITEI_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert json.loads(actual) == json.loads(golden.read_text(encoding="utf-8"))


def test_000_同じ文書は変更なし():
    doc = read(SEED000)
    assert compare(doc, read(SEED000)).rows == []


def test_000_条の挿入と繰下げ():
    text = SEED000.read_text(encoding="utf-8")

    def shift(m: re.Match) -> str:
        n = int(m.group(1))
        return f"第{n + 1}条 （" if n >= 11 else m.group(0)

    shifted = re.sub(r"^第(\d+)条 （", shift, text, flags=re.M)
    inserted = shifted.replace("第12条 （データの利用及び保護）", "第11条 （新しい条）\n\n新しい条の本文です。\n\n第12条 （データの利用及び保護）")
    comparison = compare(read(SEED000), parse_text(inserted))
    kinds = [(r.kind, r.node) for r in comparison.changes]
    assert kinds[:2] == [("inserted", "Article"), ("inserted", "Paragraph")]
    renumbered = comparison.changes[2:]
    assert len(renumbered) == 10 and all(r.kind == "renumbered" and r.node == "Article" for r in renumbered)
    assert all(r.old.text_spans == [] == r.new.text_spans and r.new.elided for r in renumbered)
    assert [(r.old.citation, r.new.citation) for r in renumbered][:2] == [("第11条", "第12条"), ("第12条", "第13条")]


def test_空の旧版はすべて新設():
    new = read(SMARTME / "new.txt")
    comparison = compare(Document(), new)
    assert comparison.rows and all(r.kind == "inserted" and r.old is None for r in comparison.rows)
