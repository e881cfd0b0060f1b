"""Alignment (diffing.align) on real documents: the Smart Me revision, seed 000 edited, and law revisions.

The law revisions are checked against the official XML of the same revisions with
benchmarks/align_laws.py's ``reported`` and ``truth`` (run the script for a report).
"""

import functools
import importlib.util
import re
import sys
import time
from collections.abc import Iterator

import pytest
from conftest import ROOT, SHARED

from corpus.model import Document
from corpus.readers.egov_xml import parse_egov_xml
from corpus.readers.text import parse_text
from diffing.align import Pair, align, align_documents

_spec = importlib.util.spec_from_file_location("align_laws", ROOT / "benchmarks" / "align_laws.py")
align_laws = sys.modules.setdefault(_spec.name, importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(align_laws)

SMARTME = SHARED / "fixtures" / "smartme"
SEED = next((SHARED / "seeds").glob("000_*.txt"))
LAWS = SHARED / "laws"
ARTICLE_HEADING = re.compile(r"^第(\d+)条(?= )", re.MULTILINE)  # seed 000: 「第12条 （委託） 」


def _read(text: str, source: str = "") -> Document:
    return parse_text(text, source=source)


def _walk(pairs: list[Pair]) -> Iterator[Pair]:
    for pair in pairs:
        yield pair
        yield from _walk(pair.children)


def _articles(pairs: list[Pair]) -> list[Pair]:
    return [p for p in _walk(pairs) if (p.new or p.old).kind == "Article"]


def _renumber(text: str, first: int, delta: int) -> str:
    """Seed 000 with every article heading 第N条 (N ≥ first) renumbered to N + delta."""
    return ARTICLE_HEADING.sub(lambda m: f"第{int(m[1]) + delta}条" if int(m[1]) >= first else m[0], text)


def _article_block(text: str, num: int) -> str:
    """The lines of seed 000's 第num条, from its heading up to the next heading (of an article, chapter or 附則)."""
    start = re.search(rf"^第{num}条 ", text, re.MULTILINE).start()
    end = re.compile(r"^(第\S+条 |第\S+章 |附則)", re.MULTILINE).search(text, start + 1).start()
    return text[start:end]


# -- Smart Me: the published revision (fixtures/smartme/expected.md) ------------------------


@pytest.fixture(scope="module")
def smartme() -> list[Pair]:
    old, new = (_read((SMARTME / name).read_text(encoding="utf-8"), name) for name in ("old.txt", "new.txt"))
    return align_documents(old, new)


def _nums(pair: Pair) -> tuple[str | None, str | None]:
    return (pair.old.num if pair.old else None, pair.new.num if pair.new else None)


def test_smartme_top_level_別紙3と附則は新設(smartme) -> None:
    assert [(p.kind, (p.new or p.old).kind, _nums(p)) for p in smartme] == [
        ("unchanged", "Title", ("", "")),
        ("changed", "Chapter", ("2", "2")),
        ("changed", "Appendix", ("1", "1")),
        ("inserted", "Appendix", (None, "3")),
        ("inserted", "SupplProvision", (None, "令和7年9月24日 CAS2サ000400014737-01号")),
    ]
    chapter = smartme[1]
    assert not chapter.own_changed and not chapter.renumbered


def test_smartme_第4条_新設の第3項で旧第3項は新第4項になる(smartme) -> None:
    [article] = smartme[1].children
    assert article.kind == "changed" and not article.own_changed and _nums(article) == ("4", "4")
    assert [(p.kind, _nums(p)) for p in article.children] == [
        ("unchanged", ("1", "1")),
        ("changed", ("2", "2")),
        ("inserted", (None, "3")),
        ("renumbered", ("3", "4")),
    ]
    second, _, fourth = article.children[1:]
    assert second.own_changed and not second.renumbered
    assert fourth.renumbered and fourth.own_changed  # 「使用」→「仕様」, which the published table missed
    assert fourth.old.text.startswith("当社は、") and fourth.new.text.startswith("当社は、")


def test_smartme_別紙1_見出しの繰り上がりと表の行(smartme) -> None:
    appendix = smartme[2]
    # Both headings only renumbered themselves; each holds a changed table row.
    assert [(p.kind, p.old.caption, _nums(p), p.own_changed) for p in appendix.children] == [
        ("renumbered", "身分証サービス", ("3", "2"), False),
        ("renumbered", "共通オプション", ("4", "3"), False),
    ]
    rows = [p for p in _walk(appendix.children) if p.new.kind == "TableRow"]
    assert all(p.old is not None and p.new is not None for p in rows)  # no row deleted and inserted
    changed = [(p.old.children[0].text, p.new.children[0].text) for p in rows if p.kind == "changed"]
    assert changed == [
        ("月額利用料", "月額利用料の適用"),
        ("運用サポートサービスの適用", "運用サポートサービス利用料金の適用"),
        ("券面デザインサービスの適用", "券面デザインサービス利用料金の適用"),
    ]


def test_smartme_ほかに変更はない(smartme) -> None:
    """Every pair that is itself a change (not just holding one) is one of expected.md's table."""
    changes = []
    for pair in _walk(smartme):
        if pair.kind in ("inserted", "deleted") and pair in smartme or pair.renumbered or pair.own_changed or pair.moved:
            node = pair.new or pair.old
            changes.append((pair.kind, node.kind, node.label, (node.caption + node.text)[:8]))
    assert changes == [
        ("changed", "Paragraph", "2", "本サービスの申込"),
        ("renumbered", "Paragraph", "4", "当社は、必要に応"),
        ("renumbered", "Heading", "2", "身分証サービス"),
        ("changed", "TableColumn", "", "月額利用料の適用"),
        ("renumbered", "Heading", "3", "共通オプション"),
        ("changed", "TableColumn", "", "運用サポートサー"),
        ("changed", "TableColumn", "", "券面デザインサー"),
        ("inserted", "Appendix", "別紙3", ""),
        ("inserted", "SupplProvision", "附 則", "(令和7年9月2"),
    ]
    inserted_paragraphs = [p for p in _walk(smartme[1].children) if p.kind == "inserted"]
    assert [p.new.label for p in inserted_paragraphs] == ["3"]


# -- seed 000 edited ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def test_seed_自分自身とはすべて変更なし(seed) -> None:
    old, new = _read(seed), _read(seed)
    pairs = list(_walk(align_documents(old, new)))
    assert len(pairs) == sum(1 for _ in old.walk())
    assert {p.kind for p in pairs} == {"unchanged"}
    assert all(p.old.label == p.new.label for p in pairs)


def test_seed_条の新設で後の条は繰り下がるだけ(seed) -> None:
    heading = "第12条 （データの利用及び保護）"  # 第11条 after the renumbering
    edited = _renumber(seed, 11, 1).replace(heading, "第11条 （新しい条）\n新しい条の本文です。\n" + heading)
    assert edited.count("（新しい条）") == 1 and edited.count(heading) == 1
    articles = _articles(align_documents(_read(seed), _read(edited)))
    inserted = [p for p in articles if p.kind == "inserted"]
    assert [(p.new.num, p.new.caption) for p in inserted] == [("11", "（新しい条）")]
    assert not [p for p in articles if p.kind == "deleted"]
    for pair in articles:
        if pair.old is None:
            continue
        n = int(pair.old.num)
        if n < 11:
            assert pair.kind == "unchanged" and pair.new.num == str(n)
        else:
            assert pair.kind == "renumbered" and pair.new.num == str(n + 1)
            assert not pair.own_changed and not pair.changed and not pair.moved
    assert sum(1 for p in articles if p.kind == "renumbered") == 10


def test_seed_条の削除で後の条は繰り上がるだけ(seed) -> None:
    edited = _renumber(seed.replace(_article_block(seed, 12), ""), 13, -1)
    articles = _articles(align_documents(_read(seed), _read(edited)))
    assert [(p.old.num, p.old.caption) for p in articles if p.kind == "deleted"] == [("12", "（委託）")]
    renumbered = [_nums(p) for p in articles if p.kind == "renumbered" and not p.changed]
    assert renumbered == [(str(n), str(n - 1)) for n in range(13, 21)]
    assert {p.kind for p in articles if p.old and int(p.old.num) < 12} == {"unchanged"}


def test_seed_条の移動(seed) -> None:
    block = _article_block(seed, 12)
    last = _article_block(seed, 20)
    moved = seed.replace(block, "").replace(last, last + block)
    articles = _articles(align_documents(_read(seed), _read(moved)))
    assert [(p.kind, _nums(p)) for p in articles if p.kind != "unchanged"] == [("moved", ("12", "12"))]
    assert not articles[-1].changed  # the moved 第12条 stands last, after 第20条, its wording unchanged
    assert articles[-1].new.caption == "（委託）"


def test_seed_移動して変更された条(seed) -> None:
    block = _article_block(seed, 12)
    last = _article_block(seed, 20)
    edited_block = block.replace("業務の一部", "業務の全部又は一部")
    moved = seed.replace(block, "").replace(last, last + edited_block)
    articles = _articles(align_documents(_read(seed), _read(moved)))
    [pair] = [p for p in articles if p.kind != "unchanged"]
    assert pair.kind == "moved" and pair.changed and _nums(pair) == ("12", "12")
    assert pair.children[0].own_changed


def test_seed_同じ位置で全文を改めた条は変更(seed) -> None:
    """「第12条を次のように改める」: unlike wording at the same place and number is changed, not deleted + inserted."""
    block = _article_block(seed, 12)
    body = block.splitlines()[2]
    other = "本規約は日本語を正文とし、日本法に準拠して解釈されるものとします。"
    rewritten = seed.replace(block, block.replace(body, other))
    articles = _articles(align_documents(_read(seed), _read(rewritten)))
    [pair] = [p for p in articles if p.kind != "unchanged"]
    assert pair.kind == "changed" and _nums(pair) == ("12", "12") and not pair.own_changed
    assert [(p.kind, p.own_changed) for p in pair.children] == [("changed", True)]


def test_align_sibling_lists_directly(seed) -> None:
    """align() on two sibling lists: 第３章, 第４章 and 附則 of seed 000 and of a copy without 第12条."""
    old = _read(seed).children[-3:]
    new = _read(seed.replace(_article_block(seed, 12), "")).children[-3:]
    assert [(p.kind, p.old.label) for p in align(old, new)] == [
        ("unchanged", "第３章"),
        ("changed", "第４章"),
        ("unchanged", "附則"),
    ]


# -- laws: against the official XML --------------------------------------------------------


@functools.cache
def _law(name: str) -> Document:
    return _read((LAWS / f"{name}.txt").read_text(encoding="utf-8"), name)


@pytest.mark.parametrize("old_name,new_name", align_laws.PAIRS, ids=[old[:15] for old, _ in align_laws.PAIRS])
def test_laws_報告される条は公式XMLで文言が異なる条と一致する(old_name, new_name) -> None:
    pairs = align_documents(_law(old_name), _law(new_name))
    expected = align_laws.truth(
        parse_egov_xml((LAWS / f"{old_name}.xml").read_bytes()),
        parse_egov_xml((LAWS / f"{new_name}.xml").read_bytes()),
    )
    assert expected  # each revision touches some articles
    assert align_laws.reported(pairs) == expected


def test_不正競争防止法_第19条の2は文言そのままで第19条の4に繰り下がる() -> None:
    old_name, new_name = align_laws.PAIRS[2]
    pairs = align_documents(_law(old_name), _law(new_name))
    by_old = {p.old.num: p for p in align_laws.article_pairs(pairs) if p.old is not None}
    assert by_old["19_2"].kind == "renumbered" and by_old["19_2"].new.num == "19_4"
    assert not by_old["19_2"].changed
    inserted = [p.new.num for p in align_laws.article_pairs(pairs) if p.kind == "inserted"]
    assert inserted == ["19_2", "19_3"]


def test_電気通信事業法_align_is_fast() -> None:
    """A ~490 KB law pair aligns well under a second (a quadratic alignment takes far longer)."""
    old_name, new_name = align_laws.PAIRS[0]
    old, new = _law(old_name), _law(new_name)
    best = min(_timed(old, new) for _ in range(3))
    assert best < 1.0


def test_電気通信事業法_用語の一斉置換でも条は番号どおりに対応する() -> None:
    """Every article changed a little (総務大臣→内閣総理大臣): long gaps without anchors stay cheap and in place."""
    name = align_laws.PAIRS[0][1]
    text = (LAWS / f"{name}.txt").read_text(encoding="utf-8")
    old, new = _law(name), _read(text.replace("総務大臣", "内閣総理大臣"))
    start = time.perf_counter()
    articles = align_laws.article_pairs(align_documents(old, new))
    assert time.perf_counter() - start < 1.0
    assert len(articles) == len(old.articles())
    assert all(p.old and p.new and p.old.num == p.new.num and not p.moved for p in articles)
    assert sum(1 for p in articles if p.kind == "changed") > 100


def _timed(old: Document, new: Document) -> float:
    start = time.perf_counter()
    align_documents(old, new)
    return time.perf_counter() - start
