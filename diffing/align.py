"""Alignment: which node of the old tree became which node of the new one, level by level.

Sibling lists are matched by content (identical subtrees first, then similar ones nearby), with
the number only as a hint, so that an inserted 第3項 leaves the old 第3項 paired with the new 第4項.
The result is a tree of ``Pair`` that says, for every provision, whether it was inserted, deleted,
changed, renumbered or moved.

How one level is aligned (each step is near-linear in the length of the lists):

1. anchors: nodes whose whole subtree (kind, caption and text of every node, labels left out) is
   identical and unique on both sides; the heaviest in-order chain of them is the backbone;
2. gaps between backbone pairs: nodes of the same kind with similar text (character-bigram Dice
   ≥ ``MATCH``; the same num adds ``NUM_BONUS``) form the best in-order chain; long gaps compare
   each node only with the ``WINDOW`` nodes around its expected place and with those of its num;
   what is left between two pairs of the chain, one for one with the same kinds and nums, is the
   same slot rewritten (「第2項を次のように改める」) and is paired regardless of similarity;
3. leftovers anywhere on the level: very similar ones (≥ ``MOVE_MATCH``) are a provision moved
   and changed;
4. what is still alone is inserted or deleted; a pair out of order relative to the backbone
   is moved.

Matched pairs are aligned the same way one level down; identical subtrees are paired child by
child without comparing text.
"""

from __future__ import annotations

import operator
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterator, Sequence

from corpus.model import Document, Node

MATCH = 0.5  # least similarity for two siblings to be one provision
MOVE_MATCH = 0.75  # least similarity for a pair found out of order (moved and changed)
NUM_BONUS = 0.05  # the same num makes a candidate slightly better: a hint, never an identity
WINDOW = 8  # in a long gap, new candidates on either side of an old node's expected place
ALL_PAIRS = 100  # a gap with at most this many (old, new) combinations is compared in full
LEFTOVER_PAIRS = 2500  # likewise for the search for moved and changed leftovers

_WS = re.compile(r"\s+")


@dataclass(slots=True)
class Pair:
    """One node of the old tree and the node of the new tree it became (``None``: absent there)."""

    old: Node | None  # None: inserted
    new: Node | None  # None: deleted
    children: list[Pair]  # the children of both, aligned (inserted/deleted nodes: their children, all alike)
    renumbered: bool = False  # both present, old.num != new.num
    moved: bool = False  # both present, out of order relative to the other aligned siblings
    own_changed: bool = False  # caption or text differ (whitespace ignored); labels do not count

    @property
    def changed(self) -> bool:
        """The pair itself or anything below it is not unchanged."""
        return self.own_changed or any(c.kind != "unchanged" for c in self.children)

    @property
    def kind(self) -> str:
        """inserted, deleted, moved, renumbered, changed or unchanged (first that applies)."""
        if self.old is None:
            return "inserted"
        if self.new is None:
            return "deleted"
        if self.moved:
            return "moved"
        if self.renumbered:
            return "renumbered"
        return "changed" if self.changed else "unchanged"


def align_documents(old: Document, new: Document) -> list[Pair]:
    """The top-level nodes of two versions, aligned."""
    return align(old.children, new.children)


def align(old: Sequence[Node], new: Sequence[Node]) -> list[Pair]:
    """Two sibling lists aligned recursively, in document order (a deleted node stands where it stood)."""
    return _Aligner().level(list(old), list(new))


def similarity(a: str, b: str) -> float:
    """Character-bigram Dice coefficient of two texts (1.0 identical), the aligner's measure of likeness."""
    ga, gb = _bigrams(a), _bigrams(b)
    return _dice(ga, gb, sum(ga.values()), sum(gb.values()))


def _bigrams(text: str) -> Counter[str]:
    padded = "\x02" + text + "\x03"  # so that one-character texts have bigrams too
    return Counter(map(operator.add, padded, padded[1:]))


def _dice(a: Counter[str], b: Counter[str], size_a: int, size_b: int) -> float:
    if len(a) > len(b):
        a, b = b, a
    common = sum(min(n, b[gram]) for gram, n in a.items() if gram in b)
    return 2 * common / (size_a + size_b)


class _Aligner:
    """Per-node facts computed once (keyed by node identity) and the level-by-level alignment."""

    def __init__(self) -> None:
        self._own: dict[int, tuple[str, str]] = {}
        self._key: dict[int, int] = {}
        self._text: dict[int, str] = {}
        self._grams: dict[int, Counter[str]] = {}

    # -- facts about one node ------------------------------------------------------------

    def own(self, node: Node) -> tuple[str, str]:
        """Caption and text, whitespace removed."""
        found = self._own.get(id(node))
        if found is None:
            found = self._own[id(node)] = (_WS.sub("", node.caption), _WS.sub("", node.text))
        return found

    def key(self, node: Node) -> int:
        """Hash of the whole subtree's kinds and wording (labels and nums left out)."""
        found = self._key.get(id(node))
        if found is None:
            children = tuple(self.key(c) for c in node.children)
            found = self._key[id(node)] = hash((node.kind, self.own(node), children))
        return found

    def text(self, node: Node) -> str:
        """All wording of the subtree, whitespace removed."""
        found = self._text.get(id(node))
        if found is None:
            caption, text = self.own(node)
            found = self._text[id(node)] = caption + text + "".join(self.text(c) for c in node.children)
        return found

    def similarity(self, a: Node, b: Node, floor: float) -> float:
        """Bigram Dice of the two subtrees' text; 0.0 early when it cannot reach ``floor``."""
        ta, tb = self.text(a), self.text(b)
        if ta == tb:
            return 1.0
        size_a, size_b = len(ta) + 1, len(tb) + 1
        if 2 * min(size_a, size_b) / (size_a + size_b) < floor:
            return 0.0
        return _dice(self.grams(a, ta), self.grams(b, tb), size_a, size_b)

    def grams(self, node: Node, text: str) -> Counter[str]:
        found = self._grams.get(id(node))
        if found is None:
            found = self._grams[id(node)] = _bigrams(text)
        return found

    # -- pairs -----------------------------------------------------------------------------

    def pair(self, old: Node | None, new: Node | None, moved: bool = False) -> Pair:
        if old is None or new is None:
            node = new if old is None else old
            children = [self.pair(None, c) if old is None else self.pair(c, None) for c in node.children]
            return Pair(old, new, children)
        if self.key(old) == self.key(new):  # identical wording: children one for one
            children = [self.pair(a, b) for a, b in zip(old.children, new.children)]
            return Pair(old, new, children, old.num != new.num, moved)
        return Pair(
            old,
            new,
            self.level(old.children, new.children),
            renumbered=old.num != new.num,
            moved=moved,
            own_changed=self.own(old) != self.own(new),
        )

    def level(self, old: list[Node], new: list[Node]) -> list[Pair]:
        """Align one pair of sibling lists and recurse into the matched pairs."""
        match: dict[int, int] = {}  # old index -> new index
        taken: set[int] = set()  # new indices matched
        backbone = self._anchors(old, new, match, taken)
        in_order = {i for i, _ in backbone}
        bounds = [(-1, -1)] + backbone + [(len(old), len(new))]
        for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
            olds = [i for i in range(i0 + 1, i1) if i not in match]
            news = [j for j in range(j0 + 1, j1) if j not in taken] if olds else []
            if olds and news:
                in_order.update(self._gap(old, new, olds, news, match, taken))
        self._leftovers(old, new, match, taken)
        moved = self._moved(old, match, in_order)
        return [
            self.pair(None if i is None else old[i], None if j is None else new[j], i in moved)
            for i, j in _document_order(len(old), len(new), match, moved)
        ]

    def _anchors(
        self, old: list[Node], new: list[Node], match: dict[int, int], taken: set[int]
    ) -> list[tuple[int, int]]:
        """Match identical unique subtrees; return the heaviest in-order chain of them."""
        old_at: dict[int, list[int]] = defaultdict(list)
        new_at: dict[int, list[int]] = defaultdict(list)
        for i, node in enumerate(old):
            old_at[self.key(node)].append(i)
        for j, node in enumerate(new):
            new_at[self.key(node)].append(j)
        anchors = []
        for key, olds in old_at.items():
            news = new_at.get(key)
            if len(olds) == 1 and news is not None and len(news) == 1:
                anchors.append((olds[0], news[0], len(self.text(old[olds[0]])) + 1.0))
        for i, j, _ in anchors:
            match[i] = j
            taken.add(j)
        return _heaviest_chain(anchors)

    def _gap(self, old: list[Node], new: list[Node], olds: list[int], news: list[int],
             match: dict[int, int], taken: set[int]) -> list[int]:
        """Match the nodes of one gap between backbone pairs in order; return the old indices matched."""
        candidates = []
        for i, j in self._gap_candidates(old, new, olds, news):
            a, b = old[i], new[j]
            score = self.similarity(a, b, MATCH)
            if score >= MATCH:
                candidates.append((i, j, score + (NUM_BONUS if a.num and a.num == b.num else 0.0)))
        chain = _heaviest_chain(candidates)
        # Between two pairs of the chain, the same slots one for one: the same provision rewritten.
        slots = []
        p = q = 0
        for i1, j1 in chain + [(olds[-1] + 1, news[-1] + 1)]:
            left, right = [], []
            while p < len(olds) and olds[p] < i1:
                left.append(olds[p])
                p += 1
            while q < len(news) and news[q] < j1:
                right.append(news[q])
                q += 1
            if left and len(left) == len(right) and all(
                old[i].kind == new[j].kind and old[i].num == new[j].num for i, j in zip(left, right)
            ):
                slots.extend(zip(left, right))
            p += p < len(olds) and olds[p] == i1
            q += q < len(news) and news[q] == j1
        for i, j in chain + slots:
            match[i] = j
            taken.add(j)
        return [i for i, _ in chain + slots]

    def _gap_candidates(
        self, old: list[Node], new: list[Node], olds: list[int], news: list[int]
    ) -> Iterator[tuple[int, int]]:
        """(old, new) index pairs worth comparing: all of a short gap; nearby and same-num ones of a long one."""
        if len(olds) * len(news) <= ALL_PAIRS:
            for i in olds:
                for j in news:
                    if old[i].kind == new[j].kind:
                        yield i, j
            return
        same_num: dict[tuple[str, str], list[int]] = defaultdict(list)
        for j in news:
            if new[j].num:
                same_num[(new[j].kind, new[j].num)].append(j)
        for p, i in enumerate(olds):
            expected = p * len(news) // len(olds)
            near = news[max(0, expected - WINDOW):expected + WINDOW + 1]
            node = old[i]
            for j in dict.fromkeys(near + same_num.get((node.kind, node.num), [])):
                if new[j].kind == node.kind:
                    yield i, j

    def _leftovers(self, old: list[Node], new: list[Node], match: dict[int, int], taken: set[int]) -> None:
        """Pair very similar nodes left alone anywhere on the level (moved and changed)."""
        olds = [i for i in range(len(old)) if i not in match]
        news = [j for j in range(len(new)) if j not in taken]
        if not olds or not news:
            return
        if len(olds) * len(news) <= LEFTOVER_PAIRS:
            pairs = ((i, j) for i in olds for j in news if old[i].kind == new[j].kind)
        else:  # too many to compare all: only those of the same kind and num
            by_num: dict[tuple[str, str], list[int]] = defaultdict(list)
            for j in news:
                by_num[(new[j].kind, new[j].num)].append(j)
            pairs = ((i, j) for i in olds for j in by_num.get((old[i].kind, old[i].num), []))
        scored = []
        for i, j in pairs:
            score = self.similarity(old[i], new[j], MOVE_MATCH)
            if score >= MOVE_MATCH:
                scored.append((score, -abs(i - j), i, j))
        scored.sort(reverse=True)
        for _, _, i, j in scored:
            if i not in match and j not in taken:
                match[i] = j
                taken.add(j)

    def _moved(self, old: list[Node], match: dict[int, int], in_order: set[int]) -> set[int]:
        """Old indices of the pairs out of order: not in the heaviest in-order chain (the backbone kept)."""
        if len(match) < 2:
            return set()
        weighted = [
            (i, j, (1e12 if i in in_order else 0.0) + len(self.text(old[i])) + 1.0) for i, j in match.items()
        ]
        chain = {i for i, _ in _heaviest_chain(weighted)}
        return {i for i in match if i not in chain}


def _heaviest_chain(items: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The subset of (i, j, weight) with i and j both strictly increasing and the largest total weight.

    Weighted longest increasing subsequence with a Fenwick tree of prefix maxima: O(n log n).
    """
    if not items:
        return []
    order = sorted(range(len(items)), key=lambda k: (items[k][0], -items[k][1]))
    js = sorted({j for _, j, _ in items})
    rank = {j: r + 1 for r, j in enumerate(js)}
    size = len(js)
    tree_best = [0.0] * (size + 1)
    tree_at = [-1] * (size + 1)
    total = [0.0] * len(items)
    previous = [-1] * len(items)
    for k in order:
        i, j, weight = items[k]
        r = rank[j] - 1  # best chain ending at a j' < j
        best, at = 0.0, -1
        while r > 0:
            if tree_best[r] > best:
                best, at = tree_best[r], tree_at[r]
            r -= r & -r
        total[k], previous[k] = best + weight, at
        r = rank[j]
        while r <= size:
            if total[k] > tree_best[r]:
                tree_best[r], tree_at[r] = total[k], k
            r += r & -r
    k = max(range(len(items)), key=total.__getitem__)
    chain = []
    while k != -1:
        chain.append((items[k][0], items[k][1]))
        k = previous[k]
    chain.reverse()
    return chain


def _document_order(
    n_old: int, n_new: int, match: dict[int, int], moved: set[int]
) -> list[tuple[int | None, int | None]]:
    """(old, new) index pairs in the new order; a deleted node comes before what follows it in the old order."""
    by_new = {j: i for i, j in match.items()}
    deleted = [i for i in range(n_old) if i not in match]
    # For each new position, the old index of the next in-order pair at or after it.
    next_old = [n_old] * (n_new + 1)
    for j in range(n_new - 1, -1, -1):
        i = by_new.get(j)
        next_old[j] = i if i is not None and i not in moved else next_old[j + 1]
    out: list[tuple[int | None, int | None]] = []
    d = 0
    for j in range(n_new):
        while d < len(deleted) and deleted[d] < next_old[j]:
            out.append((deleted[d], None))
            d += 1
        out.append((by_new.get(j), j))
    out.extend((i, None) for i in deleted[d:])
    return out
