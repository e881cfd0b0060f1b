"""``kaitei publish``: a corpus as a website-ready folder (kaitei.workflow.Corpus.publish, renderer.site)."""

from __future__ import annotations

import argparse
import datetime
import os
import sys

from kaitei.commands.common import UsageError, corpus_of, parse_date_arg


def add_parser(commands, parents: list[argparse.ArgumentParser]) -> None:
    publish = commands.add_parser(
        "publish", parents=parents, help="write the website folder of a document (or of all)",
        description="Write a static folder for DOC (or every document with --all): the terms in force as"
        " a web page and PDF, every published version with its 新旧対照表 (HTML, PDF), the revision"
        " history, and 「<文書名>改定のお知らせ」 (HTML, PDF) while a version is announced but not yet in"
        " force. The same corpus and date give the same bytes; files kaitei wrote before and no longer"
        " needs are removed, other files in the folder are left alone. Templates: the corpus's templates/"
        " folder overrides the package's; kaitei.toml [site] sets publisher, footer, accent, logo, dates.",
    )
    publish.add_argument("doc", metavar="DOC", nargs="?", help="the document (omit with --all)")
    publish.add_argument("--all", action="store_true", help="every document, each in a folder of its own, with an index")
    publish.add_argument("-o", "--output", metavar="SITE", required=True, help="the folder to write (created if missing)")
    publish.add_argument("--on", type=parse_date_arg, metavar="DATE", help="publish as of DATE (default: today)")
    publish.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="PDFs typeset in parallel (default: CPUs)")
    publish.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if bool(args.doc) == bool(args.all):
        raise UsageError("publish: name one DOC, or --all")
    on = args.on or datetime.date.today()
    done = corpus_of(args).publish(args.output, on=on, docs=None if args.all else [args.doc], jobs=args.jobs)
    total = len(done.written) + len(done.unchanged)
    print(
        f"{args.output}: {total} files as of {on} — {len(done.written)} written,"
        f" {len(done.unchanged)} unchanged, {len(done.removed)} removed",
        file=sys.stderr,
    )
    return 0
