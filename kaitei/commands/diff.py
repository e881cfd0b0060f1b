"""``kaitei diff OLD NEW`` (two files) or ``kaitei diff DOC [A] [B]`` (two versions of a corpus): the 新旧対照表."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import corpus
import renderer
from corpus.config import TableOptions
from kaitei.commands.common import (
    UsageError,
    corpus_of,
    emit,
    format_from_extension,
    refuse_binary_to_terminal,
    report_notes,
)


def add_parser(commands, parents: list[argparse.ArgumentParser]) -> None:
    diff = commands.add_parser(
        "diff",
        parents=parents,
        help="compare two versions into a 新旧対照表",
        description="Compare two versions of a document and write the comparison table (新旧対照表).",
    )
    diff.add_argument(
        "names",
        nargs="+",
        metavar="OLD NEW | DOC [A] [B]",
        help="two files: the current version (現行) and the revised one (改正後); or a document of the"
        " corpus and two of its version ids (default: the version live today, the newest draft)",
    )
    diff.add_argument("--to", choices=renderer.TABLE_FORMATS, help="output format (default: from -o's extension, else json)")
    diff.add_argument("--layout", choices=("old-left", "new-left"), help="which version on the left (default: old-left)")
    diff.add_argument("--old-label", help="header of the old column (default: ~<day before effective date>, or 現行)")
    diff.add_argument("--new-label", help="header of the new column (default: <effective date>~, or 改正後)")
    diff.add_argument("--title", help="title of the table (default: <文書名>【現改比較表】)")
    diff.add_argument("--elision", help="token for elided unchanged wording (default: （略）; e.g. (省略))")
    diff.add_argument("--full", action="store_true", help="show unchanged 項/号 of changed articles in full, not elided")
    diff.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    fmt = args.to or format_from_extension(args.output, renderer.TABLE_FORMATS) or "json"
    refuse_binary_to_terminal(fmt, args.output)
    names = args.names
    from diffing.compare import compare  # loaded by the command that uses it (Sudachi)
    from kaitei.workflow import read_version

    if len(names) == 2 and Path(names[0]).is_file():  # two files, not a document of the corpus
        old = read_version(names[0], args.from_)  # an empty old file: everything is 新設
        new = corpus.read(names[1], args.from_)
        comparison = compare(old, new, elide=not args.full)
        base = TableOptions()
    elif len(names) <= 3:
        store = corpus_of(args)
        comparison = store.compare(*names, elide=not args.full)
        base = store.table_options
    else:
        raise UsageError("diff takes OLD NEW (two files) or DOC [A] [B]")
    report_notes(comparison.old)
    report_notes(comparison.new)
    given = {key: getattr(args, key) for key in ("layout", "old_label", "new_label", "title", "elision")}
    options = dataclasses.replace(base, **{key: value for key, value in given.items() if value is not None})
    emit(args.output, renderer.write(comparison, fmt, options))
    return 0
