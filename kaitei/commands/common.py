"""What every command shares: the usage error, the argument parser class and shared options, dates on the
command line, the corpus a command works on, and writing output (standard output or a file, atomically)."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.atomic import write_file

if TYPE_CHECKING:
    from corpus.model import Document
    from corpus.store import Version
    from kaitei.workflow import Corpus

PROG = "kaitei"
DEBUG_HELP = "show the traceback of an internal error"
BINARY_FORMATS = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel"}


class UsageError(Exception):
    """Wrong arguments: reported like bad input (exit code 2)."""


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing the usage and exiting, so main() reports it."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def shared_options() -> tuple[Parser, Parser]:
    """The parent parsers of the commands: ``--debug`` (accepted after the command too), and ``--corpus``."""
    debug = Parser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)
    where = Parser(add_help=False)
    where.add_argument(
        "--corpus", metavar="DIR", help="the corpus (default: $KAITEI_CORPUS, else the nearest kaitei.toml above here)"
    )
    return debug, where


def parse_date_arg(text: str) -> datetime.date:
    """A command-line date: 2025-10-01, 2025/10/1, 2025年10月1日, 令和7年10月1日, R7.10.1."""
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        pass
    from corpus.dates import parse_date  # (its grammar is compiled on import)

    date = parse_date(text)
    if date is None:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use 2025-10-01 or 令和7年10月1日)")
    return date


def corpus_of(args: argparse.Namespace) -> Corpus:
    """The corpus a command works on: ``--corpus DIR``, else $KAITEI_CORPUS, else the nearest kaitei.toml."""
    from kaitei.workflow import open_corpus  # the whole library: loaded only by the commands that use it

    return open_corpus(getattr(args, "corpus", None))


def report_notes(doc: Document) -> None:
    """What the reader did to the input (tracked changes accepted, page headers removed …), on stderr."""
    for note in doc.notes:
        print(f"{PROG}: note: {doc.source}: {note}", file=sys.stderr)


def warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def dates_line(v: Version) -> str:
    """「announced 2025-09-24 (附則), effective 2025-10-01 (附則)」: a version's dates and where each came from."""

    def one(key: str) -> str:
        value = getattr(v, key)
        origin = v.dates_from.get(key, "")
        return f"{key} {value or '—'}" + (f" ({origin})" if origin and value else "")

    return ", ".join((one("announced"), one("effective")))


def refuse_binary_to_terminal(fmt: str, output: str | None) -> None:
    """PDF, Word and Excel bytes are no use on a terminal: ask for -o before doing the work."""
    if fmt in BINARY_FORMATS and output in (None, "-") and sys.stdout.isatty():
        raise UsageError(f"{BINARY_FORMATS[fmt]} output needs -o FILE (or a pipe)")


def emit(output: str | None, data: bytes) -> None:
    """``data`` to standard output (no -o, or "-") or atomically to the file ``output``."""
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_file(output, data)
    except OSError as e:
        raise UsageError(f"{output}: cannot write: {e.strerror or e}") from None


def format_from_extension(path: str | None, formats: tuple[str, ...]) -> str | None:
    """The output format an -o file's name asks for (table.pdf → pdf, .htm → html), if one of ``formats``."""
    suffix = Path(path).suffix.lower().lstrip(".") if path and path != "-" else ""
    return "html" if suffix == "htm" else suffix if suffix in formats else None
