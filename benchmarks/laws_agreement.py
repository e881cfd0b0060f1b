"""Do the two law readers agree? The text reader on the Lawtext form against the XML reader on the official XML.

    .venv/bin/python benchmarks/laws_agreement.py [--shown N] [LAW.txt ...]

For each ../shared/laws/*.txt, the .xml of the same name is the same revision. Both are read,
and their main-provision articles (outside 附則 and 別表) are compared article by article,
matched by num: the same num and caption; the same number of 項, 号 and 号の細分 (each level);
the same text of every 項/号/細分 in order, all whitespace ignored. Prints, per file,
「articles N/M」 (N of the M articles in the XML agree) and the first disagreements, each with the
article, the field and both values. Exit code 1 if any article disagrees.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from corpus.model import SUBITEM_KINDS, Document, Node

LAWS = Path(__file__).resolve().parents[1].parent / "shared" / "laws"
PROVISIONS = ("Paragraph", "Item") + SUBITEM_KINDS
_WS = re.compile(r"\s+")


@dataclass(slots=True)
class Agreement:
    agreeing: int = 0
    total: int = 0  # articles in the XML
    problems: list[str] = field(default_factory=list)  # one line per disagreeing article, or text-only article


def compare(text_doc: Document, xml_doc: Document) -> Agreement:
    """Main-provision articles of ``text_doc`` (the text reader's) against ``xml_doc``'s (the XML reader's)."""
    result = Agreement()
    text_articles: dict[str, Node] = {}
    for a in text_doc.articles(main_only=True):
        text_articles.setdefault(a.num, a)
    xml_nums = set()
    for xml_article in xml_doc.articles(main_only=True):
        result.total += 1
        xml_nums.add(xml_article.num)
        text_article = text_articles.get(xml_article.num)
        problem = (
            f"num {xml_article.num!r}: not in the text tree"
            if text_article is None
            else _difference(text_article, xml_article)
        )
        if problem:
            result.problems.append(f"{xml_article.label or xml_article.num}: {problem}")
        else:
            result.agreeing += 1
    for num, a in text_articles.items():
        if num not in xml_nums:
            result.problems.append(f"{a.label or num}: in the text tree only (num {num!r}, line {a.lines[0]})")
    return result


def _difference(text: Node, xml: Node) -> str:
    """The first difference between two articles, or ''."""
    if text.caption != xml.caption:
        return f"caption: text {text.caption!r}, xml {xml.caption!r}"
    counts_t, counts_x = _counts(text), _counts(xml)
    for kind in PROVISIONS:
        if counts_t[kind] != counts_x[kind]:
            return f"number of {kind}: text {counts_t[kind]}, xml {counts_x[kind]}"
    for (where_t, node_t), (where_x, node_x) in zip(_provisions(text), _provisions(xml)):
        if where_t != where_x:
            return f"{where_x}: text has {node_t.kind} {where_t} here"
        t, x = _WS.sub("", node_t.text), _WS.sub("", node_x.text)
        if t != x:
            t, x = _around_difference(t, x)
            return f"{where_x} text: text {t!r}, xml {x!r}"
    return ""


def _counts(article: Node) -> Counter[str]:
    return Counter(n.kind for n in article.walk() if n.kind in PROVISIONS)


def _provisions(node: Node, where: str = ""):
    """(citation, node) for every 項/号/細分 below ``node``, in order: 「第2項第3号ロ」."""
    for child in node.children:
        if child.kind not in PROVISIONS:
            continue
        if child.kind == "Paragraph":
            here = f"{where}第{child.num}項"
        elif child.kind == "Item":
            here = f"{where}第{child.num}号"
        else:
            here = f"{where}{child.label or child.kind + ' ' + child.num}"
        yield here, child
        yield from _provisions(child, here)


def _around_difference(a: str, b: str, before: int = 12, after: int = 36) -> tuple[str, str]:
    """Both texts cut to where they stop agreeing (「…」 marks a cut)."""
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, i - before)

    def cut(s: str) -> str:
        return ("…" if start else "") + s[start : i + after] + ("…" if len(s) > i + after else "")

    return cut(a), cut(b)


def compare_files(txt: Path) -> Agreement:
    from corpus.readers.egov_xml import parse_egov_xml
    from corpus.readers.text import parse_text

    text_doc = parse_text(txt.read_text(encoding="utf-8"), source=txt.name)
    xml_doc = parse_egov_xml(txt.with_suffix(".xml").read_bytes(), source=txt.with_suffix(".xml").name)
    return compare(text_doc, xml_doc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("laws", nargs="*", type=Path, help="Lawtext files with an .xml beside them (default: all in ../shared/laws)")
    parser.add_argument("--shown", type=int, default=5, help="disagreements shown per file (default 5)")
    args = parser.parse_args(argv)
    paths = args.laws or sorted(LAWS.glob("*.txt"))
    agreeing = total = 0
    for txt in paths:
        result = compare_files(txt)
        agreeing += result.agreeing
        total += result.total
        print(f"{txt.name}: articles {result.agreeing}/{result.total}")
        for line in result.problems[: args.shown]:
            print(f"  {line}")
        if len(result.problems) > args.shown:
            print(f"  … {len(result.problems) - args.shown} more")
    print(f"all: articles {agreeing}/{total}")
    return 0 if agreeing == total else 1


if __name__ == "__main__":
    sys.exit(main())
