"""``kaitei parse FILE``: one document read into its article tree and written as an outline, data or a page."""

from __future__ import annotations

import argparse
import sys

import corpus
import renderer
from corpus.source import MAX_BYTES
from kaitei.commands.common import Parser, emit, refuse_binary_to_terminal, report_notes


def input_options() -> argparse.ArgumentParser:
    """``--from`` and ``-o``, shared by parse and diff."""
    io = Parser(add_help=False)
    io.add_argument(
        "--from",
        dest="from_",
        choices=corpus.FORMATS,
        default="auto",
        help="input format (default: auto — by the file's signature and name: .md Markdown; .html/.htm and page"
        " sources .jsx/.tsx/.vue/.php/.ctp/.erb HTML; .json kaitei's own JSON or an i18n file's strings;"
        " .docx Word; .pdf PDF; .xml e-Gov XML; anything else plain text)",
    )
    io.add_argument("-o", "--output", metavar="OUT", help='output file (default, or "-": standard output)')
    return io


def add_parser(commands, parents: list[argparse.ArgumentParser]) -> None:
    parse = commands.add_parser(
        "parse",
        parents=parents,
        help="parse a document into its article tree",
        description="Read a document in any form kaitei reads (plain text, Markdown, HTML and page sources,"
        " JSON, Word, PDF, e-Gov XML) and write its article tree: an outline, JSON, e-Gov XML, or the terms"
        " as a page to publish (HTML, PDF, Word).",
    )
    parse.add_argument("file", metavar="FILE", help='the document; "-" reads standard input')
    parse.add_argument("--to", choices=renderer.FORMATS, default="outline", help="output format (default: outline)")
    parse.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    refuse_binary_to_terminal(args.to, args.output)
    if args.file == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)  # decoding reports a larger input
        doc = corpus.read(data, args.from_, source="-")
    else:
        doc = corpus.read(args.file, args.from_)
    report_notes(doc)
    emit(args.output, renderer.write(doc, args.to))
    return 0
