"""The *references* check of a revision: the references of a version (corpus.references) that do not
resolve, quote a wrong caption, or kept a number the revision changed.

The check (``check_references``: findings of check ``references``; ``place`` is the citation of the
provision holding the reference, ``basis`` what the finding rests on):

- a reference that does not resolve: error, basis 「参照先: 第24条」 (the reference as printed),
  suggestion the article whose caption is the quoted one, if exactly one is. A warning instead
  when the target may lie outside what the document holds: a document without 第N条, a document
  without any 別紙 / 別表 (appendices often travel as separate files), an extract that starts
  after 第1条 (the Smart Me fixture starts at 第4条);
- a quoted caption that differs from its article's (brackets, whitespace and width ignored):
  error, basis 「第24条の見出し「…」」, suggestion as above;
- given the previous version: the versions are aligned (diffing.align). A reference counts as
  *kept* when the aligned old provision has a reference that reads the same, in the same list,
  with the same ten characters on either side (numbers in them ignored), so that a sentence
  rewritten around an equal 「第一項」 is not taken for a kept one. A kept reference whose old
  target became another provision than the one it now resolves to (renumbered, moved, a
  provision inserted before a 前項) is an error whose suggestion is the old target's new citation
  (第24条→第25条: 「第25条」), basis 「改定前の参照先: 第24条（改定後は第25条）」; unless what it
  now resolves to is new and reads like the old target (the revision split it: bigram Dice ≥ the
  aligner's MATCH). An old target deleted by the revision: error 「参照先が削除されました」
  (a warning when another provision now stands at the cited place). Relative references are
  checked the same way. References the editor updated are not kept, so not reported.

One finding per referring provision and reference text: what several routes find about the same
reference (a caption mismatch and a renumbering) is said in one finding, at the higher level,
the suggestion of the renumbering winning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from corpus.lexicon import NUMERAL
from corpus.model import Document, Node
from corpus.references import Reference, Resolver, caption_key, compact, find_references
from diffing.align import MATCH, Pair, align_documents, similarity
from diffing.findings import Finding

CHECK = "references"


@dataclass(slots=True)
class _Issue:
    """What the routes found about one reference, merged into one finding."""

    ref: Reference
    level: str = "error"
    ja: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    suggestion: str = ""

    def add(self, level: str, ja: str, en: str, basis: str, suggestion: str = "") -> None:
        if level == "error":
            self.level = "error"
        elif not self.ja:
            self.level = level
        self.ja.append(ja)
        self.en.append(en)
        self.basis.append(basis)
        self.suggestion = self.suggestion or suggestion

    def finding(self) -> Finding:
        return Finding(
            level=self.level,
            check=CHECK,
            message_ja="。".join(s.rstrip("。") for s in self.ja) + "。",
            message_en="; ".join(self.en) + ".",
            place=self.ref.place,
            basis="; ".join(self.basis),
            suggestion=self.suggestion,
        )


def check_references(new: Document, old: Document | None = None, *, pairs: list[Pair] | None = None) -> list[Finding]:
    """The references of ``new`` that do not resolve, quote a wrong caption, or (given the
    previous version ``old``) kept a number the revision changed; see the module docstring.
    ``pairs`` is ``align_documents(old, new)`` when the caller has it already."""
    resolver = Resolver(new)
    refs = find_references(new)
    issues: dict[tuple[int, bool, str], _Issue] = {}

    def issue(ref: Reference) -> _Issue:
        key = (id(ref.node), ref.in_caption, compact(ref.text))
        if key not in issues:
            issues[key] = _Issue(ref)
        return issues[key]

    for ref in refs:
        if ref.target is None:
            shown = ref.shown
            partial = _partial(ref, resolver)
            if partial:
                issue(ref).add(
                    "warning",
                    f"「{shown}」の参照先はこの文書にありません（{partial[0]}）",
                    f"「{shown}」 does not resolve in this document ({partial[1]})",
                    f"参照先: {compact(ref.text)}",
                )
                continue
            issue(ref).add(
                "error",
                f"「{shown}」の参照先がありません",
                f"「{shown}」 refers to a provision that does not exist",
                f"参照先: {compact(ref.text)}",
                _caption_suggestion(ref, resolver),
            )
        elif ref.caption:
            # 「第5条(定義)第2項」: the caption is the article's.
            captioned = ref.target if ref.kind == "appendix" else resolver.ancestor(ref.target, "Article")
            if captioned is None or not captioned.caption:
                continue
            caption = caption_key(captioned.caption)
            if caption_key(ref.caption) == caption:
                continue
            place = resolver.cite(captioned)
            issue(ref).add(
                "error",
                f"「{ref.shown}」の見出しが参照先と一致しません（{place}の見出しは「{caption}」）",
                f"the caption quoted in 「{ref.shown}」 does not match {place}, whose caption is 「{caption}」",
                f"{place}の見出し「{caption}」",
                _caption_suggestion(ref, resolver),
            )
    if old is not None:
        for ref, expected, old_place in _kept_numbers(old, new, refs, pairs):
            shown = ref.shown
            if expected is None:
                if ref.target is None:
                    issue(ref).add(
                        "error",
                        f"参照先が削除されました（改定前の{old_place}）",
                        f"the provision it referred to (old {old_place}) was deleted by this revision",
                        f"改定前の参照先: {old_place}",
                    )
                else:
                    issue(ref).add(
                        "warning",
                        f"改定前の参照先{old_place}は削除され、{ref.target_place}には別の規定が入りました",
                        f"the provision it referred to (old {old_place}) was deleted; "
                        f"{ref.target_place} now holds another provision",
                        f"改定前の参照先: {old_place}",
                    )
                continue
            new_place = resolver.cite(expected)
            if ref.kind == "relative":
                now = ref.target_place or "存在しない規定"
                ja = f"「{shown}」は改定前は{old_place}を指していましたが、改定後は{now}を指しています（元の規定は{new_place}）"
                en = (f"「{shown}」 referred to {old_place} before this revision and now refers to "
                      f"{ref.target_place or 'nothing'}; that provision is now {new_place}")
            else:
                ja = f"参照先の{old_place}は改定で{new_place}になりましたが、参照は「{shown}」のままです"
                en = f"{old_place} became {new_place} in this revision, but the reference still says 「{shown}」"
            found = issue(ref)
            found.add("error", ja, en, f"改定前の参照先: {old_place}（改定後は{new_place}）")
            found.suggestion = new_place  # the revision's own record beats a caption guess
    return [i.finding() for i in issues.values()]


def _kept_numbers(
    old: Document, new: Document, refs: list[Reference], pairs: list[Pair] | None = None
) -> Iterator[tuple[Reference, Node | None, str]]:
    """The references of ``new`` (``refs``) printed as in the aligned provision of ``old`` whose old
    target is not their new one: (reference, the old target's node in new or None, its old citation)."""
    old_to_new: dict[int, Node] = {}
    new_to_old: dict[int, Node] = {}
    for pair in _walk(pairs if pairs is not None else align_documents(old, new)):
        if pair.old is not None and pair.new is not None:
            old_to_new[id(pair.old)] = pair.new
            new_to_old[id(pair.new)] = pair.old
    old_resolver = Resolver(old)
    old_refs: dict[tuple[int, tuple[str, ...]], list[Reference]] = {}
    for ref in find_references(old):
        old_refs.setdefault((id(ref.node), _kept_key(ref)), []).append(ref)
    seen: dict[tuple[int, tuple[str, ...]], int] = {}
    for ref in refs:
        before = new_to_old.get(id(ref.node))
        if before is None:
            continue
        key = _kept_key(ref)
        k = seen[(id(ref.node), key)] = seen.get((id(ref.node), key), -1) + 1
        candidates = old_refs.get((id(before), key), [])
        if k >= len(candidates):
            continue  # the editor wrote this reference, or the sentence around it, anew
        old_target = old_resolver.resolve(candidates[k])
        if old_target is None:
            continue  # already broken before the revision: reported as unresolved if still so
        expected = old_to_new.get(id(old_target))
        if expected is not None and expected is ref.target:
            continue
        cur = ref.target
        if cur is not None and id(cur) not in new_to_old and _similar(old_target, cur):
            continue  # what it cites now is new and much like the old target: the revision split it
        yield ref, expected, old_resolver.cite(old_target)


CONTEXT = 10  # characters on either side of a reference that must read the same for it to count as kept
_NUMERAL = re.compile(f"[{NUMERAL}]+")


def _kept_key(ref: Reference) -> tuple[str, ...]:
    """What must read the same in both versions for a reference to count as kept: the reference,
    the list it continues, and the words around it (numbers left out, so that a neighbour that
    was updated does not hide it). A sentence rewritten around an equal 「第一項」 is not kept."""
    s = ref.node.caption if ref.in_caption else ref.node.text
    before = _NUMERAL.sub("#", compact(s[: ref.start]))[-CONTEXT:]
    after = _NUMERAL.sub("#", compact(s[ref.end :]))[:CONTEXT]
    chain = []
    base = ref.base
    while base is not None:
        chain.append(compact(base.text))
        base = base.base
    return (str(ref.in_caption), compact(ref.text), before, after, *chain)


def _similar(a: Node, b: Node) -> bool:
    """Whether two provisions read alike, as the aligner judges siblings (character-bigram Dice ≥ MATCH)."""
    ta, tb = ("".join(compact(n.caption + n.text) for n in x.walk()) for x in (a, b))
    return similarity(ta, tb) >= MATCH


def _walk(pairs: Iterable[Pair]) -> Iterator[Pair]:
    for pair in pairs:
        yield pair
        yield from _walk(pair.children)


def _partial(ref: Reference, resolver: Resolver) -> tuple[str, str] | None:
    """Why an unresolved 第N条 or 別紙N may lie outside what the document holds ((ja, en)), else
    None: a document without 第N条 (sections, headings) or without any 別紙 / 別表 (appendices often
    travel as separate files), or an extract that starts after 第1条."""
    articles = resolver.article_list(None)
    if ref.kind == "appendix":
        words = {compact(unicodedata.normalize("NFKC", a.label))[:2] for a in resolver.doc.find("Appendix")}
        if ref.appendix not in words:
            return f"この文書には{ref.appendix}がありません", f"the document holds no {ref.appendix}"
    elif ref.level != "article" or ref.suppl:
        return None
    elif not articles:
        return "この文書には条番号がありません", "the document has no numbered articles"
    if ref.kind != "relative" and articles and articles[0].num != "1":
        first = resolver.cite(articles[0])
        return f"{first}から始まる抜粋です", f"the document is an extract starting at {first}"
    return None


def _caption_suggestion(ref: Reference, resolver: Resolver) -> str:
    """The citation of the one article (or appendix) whose caption is the quoted one, else ""."""
    if not ref.caption:
        return ""
    key = caption_key(ref.caption)
    if ref.kind == "appendix":
        candidates = resolver.doc.find("Appendix")
    else:
        candidates = resolver.article_list(resolver.scope(ref.path))
    matches = [n for n in candidates if n.caption and caption_key(n.caption) == key]
    return resolver.cite(matches[0]) if len(matches) == 1 else ""
