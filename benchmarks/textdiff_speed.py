"""Time the word-level text diff on every same-numbered article pair of two 電気通信事業法 revisions.

    .venv/bin/python benchmarks/textdiff_speed.py [--runs N] [--old FILE --new FILE]

Compares, over the same pairs: diffing.textdiff (diff + spans; cold = first call with empty
token caches, Sudachi's dictionary already loaded), its two stages (Sudachi tokenizing; the diff
engine on the encoded strings), Python's difflib.SequenceMatcher at character level, and
pure-Python diff-match-patch against fast-diff-match-patch (C++) on the same encoded strings,
when the latter is installed.
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OLD = SHARED / "laws" / "359AC0000000086_20230614_505AC0000000053.txt"
NEW = SHARED / "laws" / "359AC0000000086_20230616_504AC0000000070.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old", type=Path, default=OLD, help="older revision, Lawtext plain text")
    parser.add_argument("--new", type=Path, default=NEW, help="newer revision, Lawtext plain text")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from diffing import textdiff

    old, new = articles(args.old), articles(args.new)
    pairs = [(old[num], new[num]) for num in old if num in new]
    changed = [(a, b) for a, b in pairs if a != b]
    chars = sum(len(a) + len(b) for a, b in pairs)
    print(f"text diff speed: {args.old.name} vs {args.new.name}")
    print(
        f"{len(pairs)} same-numbered article pairs ({len(changed)} changed), {chars / 1000:.0f}k characters;"
        f" median of {args.runs} runs; Python {sys.version.split()[0]}"
    )
    print()

    def clear() -> None:
        textdiff.tokens.cache_clear()
        textdiff._piece_tokens.cache_clear()

    def word_diff() -> None:
        for a, b in pairs:
            textdiff.spans(textdiff.diff(a, b))

    def cold_word_diff() -> None:
        clear()
        word_diff()

    def tokenize() -> None:
        clear()
        for a, b in changed:
            textdiff.tokens(a), textdiff.tokens(b)

    textdiff._tokenizer()  # load the dictionary outside the timings
    load = timed(lambda: textdiff.Dictionary(dict="core").tokenizer(mode=textdiff.SPLIT_MODE))
    encoded = [textdiff._encode(list(textdiff.tokens(a)), list(textdiff.tokens(b))) for a, b in changed]

    rows = [
        ("textdiff.diff + spans, cold caches", median_time(cold_word_diff, args.runs)),
        ("textdiff.diff + spans, warm caches", median_time(word_diff, args.runs)),
        ("  of which Sudachi tokenizing", median_time(tokenize, args.runs)),
        ("  of which diff-match-patch (Python)", median_time(lambda: dmp_python(encoded), args.runs)),
        ("difflib.SequenceMatcher, characters", median_time(lambda: sequence_matcher(pairs), args.runs)),
    ]
    fast = dmp_fast()
    if fast:
        rows.append(("fast-diff-match-patch (C++), same input", median_time(lambda: fast(encoded), args.runs)))
    else:
        rows.append(("fast-diff-match-patch (C++)", None))

    print(f"{'':42}{'time':>9}")
    for name, seconds in rows:
        print(f"{name:42}" + (f"{seconds:>8.3f}s" if seconds is not None else f"{'not installed':>14}"))
    print(f"{'(Sudachi dictionary load, once per process)':42}{load:>8.3f}s")
    print()


def articles(path: Path) -> dict[str, str]:
    """Main-body articles by canonical number: the text of everything under each, concatenated."""
    from corpus.readers.text import parse_text
    from corpus.source import decode

    text, _ = decode(path.read_bytes())
    doc = parse_text(text, source=path.name)
    return {a.num: "".join(n.text for n in a.walk()) for a in doc.articles()}


def dmp_python(encoded: list[tuple[str, str]]) -> None:
    from diffing import textdiff

    for a, b in encoded:
        textdiff._code_ops(a, b)


def dmp_fast():
    """fast-diff-match-patch with the settings textdiff uses, or None when it is not installed."""
    try:
        import fast_diff_match_patch
    except ImportError:
        return None

    def run(encoded: list[tuple[str, str]]) -> None:
        for a, b in encoded:
            fast_diff_match_patch.diff(a, b, timelimit=0, checklines=False, cleanup="Semantic", counts_only=False)

    return run


def sequence_matcher(pairs: list[tuple[str, str]]) -> None:
    for a, b in pairs:
        difflib.SequenceMatcher(None, a, b).get_opcodes()


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def median_time(fn, runs: int) -> float:
    return statistics.median(timed(fn) for _ in range(runs))


if __name__ == "__main__":
    main()
