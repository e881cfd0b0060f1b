"""``kaitei publish``: the command that turns a corpus into a website-ready folder (renderer.site)."""

from __future__ import annotations

import argparse
import datetime
import os
import sys

from corpus.errors import SourceError


def add_command(commands, common: argparse.ArgumentParser, where: argparse.ArgumentParser) -> None:
    from kaitei.versions import parse_date_arg

    publish = commands.add_parser(
        "publish", parents=[common, where], help="write the website folder of a document (or of all)",
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
    publish.set_defaults(run=run_publish)


def run_publish(args: argparse.Namespace) -> int:
    from kaitei.cli import UsageError
    from kaitei.versions import _corpus, _read
    from renderer.output import sync_folder
    from renderer.site import PublishError, Settings, collect, site_files

    if bool(args.doc) == bool(args.all):
        raise UsageError("publish: name one DOC, or --all")
    store = _corpus(args)
    names = store.documents() if args.all else [args.doc]
    if not names:
        raise SourceError(f"{store.root}: no documents yet (kaitei add DOC FILE --publish)")
    on = args.on or datetime.date.today()
    try:
        settings = Settings.of(store)
        publications = [collect(store, name, on, _read) for name in names]
        files = site_files(publications, settings, listing=args.all, jobs=max(1, args.jobs))
    except PublishError as e:
        raise SourceError(str(e)) from None
    try:
        done = sync_folder(args.output, files)
    except OSError as e:
        raise SourceError(f"{e.filename or args.output}: {e.strerror or e}") from None
    print(
        f"{args.output}: {len(files)} files as of {on} — {len(done.written)} written,"
        f" {len(done.unchanged)} unchanged, {len(done.removed)} removed",
        file=sys.stderr,
    )
    return 0
