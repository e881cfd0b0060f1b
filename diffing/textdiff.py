"""Word-level text diff: diff-match-patch over Sudachi tokens, so a change reads 「当社」→「弊社」, not 「当」→「弊」.


How ``diff`` works: both texts are cut into Sudachi tokens (``tokens``), each distinct token
becomes one private-use character, diff-match-patch diffs the two encoded strings exactly (no
line mode), its semantic cleanup runs on the encoded ops (one character = one token, so no
edit can end inside a word), and the ops are decoded back to text.

Whitespace (``ignore_space=True``, the default): PDF extraction and typing habits add or drop
spaces (「第 3 条」 / 「第3条」, half- and full-width spaces), and a legal editor does not want them
underlined. Whitespace runs are then left out of the comparison; they still appear in the ops
(as EQUAL when both sides have the same run there, else as DELETE/INSERT of whitespace only),
so the ops always rebuild both texts exactly, and ``spans(..., ignore_space=True)`` trims
whitespace off every changed span, so a whitespace-only change underlines nothing.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import time
import warnings
from operator import itemgetter

from diff_match_patch import diff_match_patch
from sudachipy import Dictionary, SplitMode

DELETE, EQUAL, INSERT = -1, 0, 1
Op = tuple[int, str]
Span = tuple[int, int]

# SplitMode.C keeps a compound the dictionary knows whole (個人情報保護法, 施行規則, 知的財産権,
# 業務委託契約), so a replaced term is underlined whole, where B would leave 個人情報 equal and
# underline 保護法. On the changed articles of three law revisions C also gives the fewest spans
# (537; B 544, A 548): A cuts 利用者 into 利用|者 and underlines half a word.
SPLIT_MODE = SplitMode.C
# Sudachi refuses more than 49,149 UTF-8 bytes per call; 12,000 characters are at most 48,000.
_MAX_CHARS = 12_000
# Texts are tokenized one sentence or line at a time (each piece cached): ends after 。 or a newline.
_PIECE = re.compile(r"[^。\n]+[。\n]?|[。\n]")
# Where an over-long piece without 。 may be cut: after 、 or whitespace.
_SOFT_BREAK = re.compile(r"[、\s]")
_SPACE = re.compile(r"\s")  # whitespace as str.isspace() knows it, U+3000 included
# Splits a token that carries whitespace into whitespace and non-whitespace runs.
_SPACE_RUNS = re.compile(r"\s+|\S+")
# One private-use character per distinct token: the BMP area, then planes 15 and 16.
_CODE_BLOCKS = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
# diff-match-patch gives up after this many seconds (then difflib takes over, with a warning).
# 50,000 characters with ten edits take 0.02 s; 8,000 words of unrelated text would take 16 s.
DIFF_TIMEOUT = 5.0


@functools.cache
def _tokenizer():
    """The Sudachi tokenizer (core dictionary), created once. Not for concurrent use from several threads."""
    return Dictionary(dict="core").tokenizer(mode=SPLIT_MODE, fields={"surface"})


@functools.cache
def _matcher() -> diff_match_patch:
    matcher = diff_match_patch()
    matcher.Diff_Timeout = DIFF_TIMEOUT
    return matcher


# ---------------------------------------------------------------------------
# Tokens


def _fit(piece: str) -> list[str]:
    """``piece`` cut into chunks Sudachi accepts, preferably after 、 or whitespace."""
    chunks = []
    while len(piece) > _MAX_CHARS:
        window = piece[:_MAX_CHARS]
        breaks = [m.end() for m in _SOFT_BREAK.finditer(window, _MAX_CHARS // 2)]
        cut = breaks[-1] if breaks else _MAX_CHARS
        chunks.append(piece[:cut])
        piece = piece[cut:]
    chunks.append(piece)
    return chunks


@functools.lru_cache(maxsize=1 << 16)
def _piece_tokens(piece: str) -> tuple[str, ...]:
    out: list[str] = []
    for chunk in _fit(piece):
        try:
            surfaces = [m.surface() for m in _tokenizer().tokenize(chunk)]
        except UnicodeEncodeError:  # a lone surrogate: Sudachi takes UTF-8 only
            surfaces = list(chunk)
        if not _SPACE.search(chunk):
            out.extend(surfaces)
            continue
        for s in surfaces:  # keep whitespace apart from words, so it can be ignored and trimmed
            out.extend(_SPACE_RUNS.findall(s) if _SPACE.search(s) and not s.isspace() else (s,))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """``text`` as Sudachi tokens, each whitespace run one token; ``"".join(tokens(t)) == t``.

    Sudachi cuts numbers digit by digit; a number (「1,078」「14.6」「３０」) is joined back into one
    token, so that a changed amount is underlined whole, as an editor reads it.
    """
    out: list[str] = []
    for m in _PIECE.finditer(text):
        for tok in _piece_tokens(m.group()):
            if out and (
                (tok.isspace() and out[-1].isspace())
                or (_NUMBER_PART.fullmatch(tok) and _NUMBER_END.search(out[-1]) and (tok[0].isdigit() or out[-1][-1].isdigit()))
            ):
                out[-1] += tok
            else:
                out.append(tok)
    return tuple(out)


# Pieces of a number as Sudachi returns them: digits, and the separators inside a number.
_NUMBER_PART = re.compile(r"[0-9０-９]+|[,，.．]")
_NUMBER_END = re.compile(r"[0-9０-９]$|[0-9０-９][,，.．]$")


# ---------------------------------------------------------------------------
# Diff


def _code(n: int) -> str:
    for first, last in _CODE_BLOCKS:
        if n <= last - first:
            return chr(first + n)
        n -= last - first + 1
    raise ValueError("text too varied to diff: more than 137,000 distinct words")


def _encode(a: list[str], b: list[str]) -> tuple[str, str]:
    """Both token lists as strings of private-use characters, one character per distinct token."""
    codes: dict[str, str] = {}
    encoded = []
    for toks in (a, b):
        chars = []
        for tok in toks:
            c = codes.get(tok)
            if c is None:
                c = codes[tok] = _code(len(codes))
            chars.append(c)
        encoded.append("".join(chars))
    return encoded[0], encoded[1]


def _code_ops(a: str, b: str) -> list[Op]:
    """diff-match-patch ops between two encoded strings, after semantic cleanup."""
    matcher = _matcher()
    deadline = time.time() + DIFF_TIMEOUT
    ops = matcher.diff_main(a, b, False, deadline)
    if time.time() > deadline:
        # diff-match-patch answers a timed-out part with a whole replace; difflib's
        # longest-match recursion is not minimal but never gives up.
        warnings.warn(
            f"word diff of {len(a)} and {len(b)} words took over {DIFF_TIMEOUT:g} s; used difflib instead",
            RuntimeWarning,
            stacklevel=3,
        )
        ops = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                ops.append((EQUAL, a[i1:i2]))
            else:
                ops.extend(op for op in ((DELETE, a[i1:i2]), (INSERT, b[j1:j2])) if op[1])
    matcher.diff_cleanupSemantic(ops)
    return ops


def _anchors(ops: list[Op], a_index: list[int], b_index: list[int]) -> list[tuple[int, int]]:
    """Pairs (i, j) of equal tokens old[i] == new[j] that the encoded ops keep, in order."""
    pairs = []
    i = j = 0
    for op, chars in ops:
        n = len(chars)
        if op == EQUAL:
            pairs.extend(zip(a_index[i : i + n], b_index[j : j + n]))
            i += n
            j += n
        elif op == DELETE:
            i += n
        else:
            j += n
    return pairs


def _gap(old: tuple[str, ...], new: tuple[str, ...], ignore_space: bool) -> list[tuple[int, str]]:
    """(op, token) pairs for the tokens between two kept equal tokens: deleted, then inserted.

    With ``ignore_space`` the same whitespace run at either edge of both sides stays EQUAL.
    """
    head = tail = 0
    if ignore_space:
        most = min(len(old), len(new))
        while head < most and old[head] == new[head] and old[head].isspace():
            head += 1
        while tail < most - head and old[-1 - tail] == new[-1 - tail] and old[-1 - tail].isspace():
            tail += 1
    return (
        [(EQUAL, t) for t in old[:head]]
        + [(DELETE, t) for t in old[head : len(old) - tail]]
        + [(INSERT, t) for t in new[head : len(new) - tail]]
        + [(EQUAL, t) for t in old[len(old) - tail :]]
    )


def diff(old: str, new: str, *, ignore_space: bool = True) -> list[Op]:
    """Word-level ops from ``old`` to ``new``: (DELETE -1 | EQUAL 0 | INSERT 1, text), as diff-match-patch.

    EQUAL + DELETE texts rebuild ``old`` exactly, EQUAL + INSERT texts rebuild ``new``; no op
    starts or ends inside a Sudachi token; in a change DELETE comes before INSERT.
    With ``ignore_space`` (default) whitespace takes no part in matching (module docstring).
    """
    if old == new:
        return [(EQUAL, old)] if old else []
    a, b = tokens(old), tokens(new)
    if ignore_space:
        a_index = [i for i, t in enumerate(a) if not t.isspace()]
        b_index = [j for j, t in enumerate(b) if not t.isspace()]
    else:
        a_index, b_index = list(range(len(a))), list(range(len(b)))
    a_codes, b_codes = _encode([a[i] for i in a_index], [b[j] for j in b_index])
    pairs = _anchors(_code_ops(a_codes, b_codes), a_index, b_index)

    out: list[tuple[int, str]] = []  # (op, token), merged at the end
    i = j = 0
    for x, y in itertools.chain(pairs, [(len(a), len(b))]):
        out.extend(_gap(a[i:x], b[j:y], ignore_space))
        if x < len(a):
            out.append((EQUAL, a[x]))
        i, j = x + 1, y + 1
    return [(op, "".join(t for _, t in run)) for op, run in itertools.groupby(out, key=itemgetter(0))]


def spans(ops: list[Op], *, ignore_space: bool = True) -> tuple[list[Span], list[Span]]:
    """The changed [start, end) character spans: (deleted parts of old, inserted parts of new).

    Adjacent spans are merged. With ``ignore_space`` (default) each span is trimmed of
    whitespace at both ends and whitespace-only changes give no span.
    """
    sides: tuple[list[Span], list[Span]] = ([], [])
    pos = [0, 0]  # offsets into old, new
    for op, text in ops:
        if op == EQUAL:
            pos[0] += len(text)
            pos[1] += len(text)
            continue
        side = 0 if op == DELETE else 1
        start, end = pos[side], pos[side] + len(text)
        pos[side] = end
        if ignore_space:
            start += len(text) - len(text.lstrip())
            end -= len(text) - len(text.rstrip())
        if start >= end:
            continue
        found = sides[side]
        if found and found[-1][1] == start:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return sides

