"""The ``kaitei`` command line: parses arguments, calls corpus/ and renderer/, reports errors.

Exit codes (DESIGN §6): 0 success; 2 bad input or usage, with one line "kaitei: <message>" on
stderr and no traceback; 1 for a bug in kaitei itself, with a one-line message (``--debug``
shows the traceback). An output file is either written whole or not at all.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from corpus import FORMATS as READ_FORMATS
from kaitei import __version__
from renderer import FORMATS as WRITE_FORMATS
from renderer import TABLE_FORMATS

PROG = "kaitei"
DEMO_DIR = "kaitei-demo"
DEBUG_HELP = "show the traceback of an internal error"
ELISION = "（略）"
DEMO_FORMATS = {"outline": ".outline.txt", "json": ".json", "xml": ".xml"}


class UsageError(Exception):
    """Wrong arguments: reported like bad input (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing the usage and exiting, so main() reports it."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="kaitei (改定): parse, compare and publish Japanese terms documents and laws.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    # Accepted after the command too (kaitei parse FILE --debug); main() looks for it in argv.
    common = _Parser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)
    # Input format and output file, shared by parse and diff.
    io = _Parser(add_help=False)
    io.add_argument(
        "--from",
        dest="from_",
        choices=READ_FORMATS,
        default="auto",
        help="input format (default: auto — by the file's signature and extension: .md, .html/.jsx/.tsx/.vue,"
        " .docx, .pdf, .xml, else text)",
    )
    io.add_argument("-o", "--output", metavar="OUT", help='output file (default, or "-": standard output)')
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    parse = commands.add_parser(
        "parse",
        parents=[common, io],
        help="parse a document into its article tree",
        description="Parse a document (plain text or e-Gov XML) and write its article tree.",
    )
    parse.add_argument("file", metavar="FILE", help='the document; "-" reads standard input')
    parse.add_argument(
        "--to",
        choices=WRITE_FORMATS,
        default="outline",
        help="output format (default: outline)",
    )
    parse.set_defaults(run=run_parse)

    diff = commands.add_parser(
        "diff",
        parents=[common, io],
        help="compare two versions into a 現改比較表",
        description="Compare two versions of a document and write the comparison table (現改比較表).",
    )
    diff.add_argument(
        "names",
        nargs="+",
        metavar="OLD NEW | DOC [A] [B]",
        help="two files: the current version (現行) and the revised one (改正後); or a document of the"
        " corpus and two of its version ids (default: the version live today, the newest draft)",
    )
    diff.add_argument("--corpus", metavar="DIR", help="the corpus, for DOC [A] [B] (default: $KAITEI_CORPUS or the nearest kaitei.toml)")
    diff.add_argument(
        "--to", choices=TABLE_FORMATS, help="output format (default: from -o's extension, else json)"
    )
    diff.add_argument("--layout", choices=("old-left", "new-left"), default="old-left", help="which version on the left")
    diff.add_argument("--old-label", help="header of the old column (default: ~<day before effective date>, or 現行)")
    diff.add_argument("--new-label", help="header of the new column (default: <effective date>~, or 改正後)")
    diff.add_argument("--title", help="title of the table (default: <文書名>【現改比較表】)")
    diff.add_argument("--elision", default=ELISION, help="token for elided unchanged wording (default: （略）; e.g. (省略))")
    diff.add_argument("--full", action="store_true", help="show unchanged 項/号 of changed articles in full, not elided")
    diff.set_defaults(run=run_diff)

    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="parse the bundled examples and compare the Smart Me revision, into a new folder",
        description="Parse the bundled example documents and write their trees (outline, JSON,"
        " e-Gov XML), the Smart Me revision's 現改比較表 (HTML, PDF, JSON, Word, Excel), the revised"
        " terms as a web page and the website kaitei publish makes of the revision (site/) into a new folder;"
        " print the folder's path.",
    )
    demo.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help=f"folder to create (default: ./{DEMO_DIR}, or ./{DEMO_DIR}-2 … if taken)",
    )
    demo.set_defaults(run=run_demo)

    from kaitei.versions import add_commands

    add_commands(commands, common, _Parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    from corpus.errors import SourceError

    try:
        args = build_parser().parse_args(args_list)
        return args.run(args)
    except SystemExit as e:  # --help, --version
        return e.code if isinstance(e.code, int) else 0
    except (UsageError, SourceError) as e:
        return _fail(str(e), 2)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # kaitei parse … | head
        _silence_stdout()
        return 0
    except Exception as e:
        if debug:
            raise
        return _fail(
            f"internal error: {type(e).__name__}: {e} (a bug in kaitei; run with --debug"
            " for the traceback)",
            1,
        )


def run_parse(args: argparse.Namespace) -> int:
    import corpus
    import renderer
    from corpus.source import MAX_BYTES

    _refuse_binary_to_terminal(args.to, args.output)
    if args.file == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)  # decoding reports a larger input
        doc = corpus.read(data, args.from_, source="-")
    else:
        doc = corpus.read(args.file, args.from_)
    _report_notes(doc)
    _emit(args.output, renderer.write(doc, args.to))
    return 0


def run_diff(args: argparse.Namespace) -> int:
    import corpus
    import renderer
    from diffing.compare import compare

    fmt = args.to or _format_from_extension(args.output) or "json"
    _refuse_binary_to_terminal(fmt, args.output)
    names = args.names
    if len(names) == 2 and Path(names[0]).is_file():  # two files, not a document of the corpus
        old = _read_version(names[0], args.from_)
        new = corpus.read(names[1], args.from_)
        defaults = {}
    elif len(names) <= 3:
        from kaitei.versions import corpus_diff_versions

        old, new, defaults = corpus_diff_versions(args, names)
    else:
        raise UsageError("diff takes OLD NEW (two files) or DOC [A] [B]")
    _report_notes(old)
    _report_notes(new)
    comparison = compare(old, new, elide=not args.full)
    options = {
        "layout": args.layout,
        "old_label": args.old_label or defaults.get("old_label"),
        "new_label": args.new_label or defaults.get("new_label"),
        "title": args.title,
        "elision": args.elision if args.elision != ELISION else defaults.get("elision", ELISION),
    }
    _emit(args.output, renderer.write_comparison(comparison, fmt, **({} if fmt == "json" else options)))
    return 0


def _read_version(path: str, fmt: str):
    """The old version; an empty file is a document with no provisions yet (everything is 新設)."""
    import corpus
    from corpus.model import Document

    file = Path(path)
    if file.is_file() and not file.read_bytes().strip():
        return Document(source=file.name)
    return corpus.read(path, fmt)


def _report_notes(doc) -> None:
    """What the reader did to the input (tracked changes accepted, page headers removed …), on stderr."""
    for note in doc.notes:
        print(f"{PROG}: note: {doc.source}: {note}", file=sys.stderr)


def _format_from_extension(path: str | None) -> str | None:
    suffix = Path(path).suffix.lower().lstrip(".") if path and path != "-" else ""
    return "html" if suffix == "htm" else suffix if suffix in TABLE_FORMATS else None


def run_demo(args: argparse.Namespace) -> int:
    import corpus
    import renderer
    from renderer.output import write_folder

    folder = Path(args.output) if args.output else _free_folder(Path.cwd() / DEMO_DIR)
    if folder.exists() and not (folder.is_dir() and not any(folder.iterdir())):
        raise UsageError(f"{folder}: already exists and is not empty; choose another -o DIR")
    from diffing.compare import compare

    files: dict[str, bytes] = {}
    docs = {}
    for example in examples():
        doc = docs[example.name] = corpus.read(example)
        stem = example.name.removesuffix(".txt")
        for fmt, suffix in DEMO_FORMATS.items():
            files[stem + suffix] = renderer.write(doc, fmt)
    # The Smart Me revision as its 現改比較表 (the published table this project started from).
    table = compare(docs["smartme-old.txt"], docs["smartme-new.txt"])
    for fmt in ("html", "pdf", "json", "docx", "xlsx"):
        files[f"smartme-table.{fmt}"] = renderer.write_comparison(table, fmt)
    # The revised terms as a document to publish, and the website of the revision a day after its notice.
    files["smartme-new.html"] = renderer.write(docs["smartme-new.txt"], "html")
    files.update({f"site/{name}": data for name, data in _demo_site(docs).items()})
    try:
        write_folder(folder, files)
    except FileExistsError:
        raise UsageError(
            f"{folder}: already exists and is not empty; choose another -o DIR"
        ) from None
    except OSError as e:
        raise UsageError(f"{folder}: cannot create the folder: {e.strerror}") from None
    print(folder.resolve())
    return 0


def _demo_site(docs: dict) -> dict[str, bytes]:
    """What ``kaitei publish`` writes for the Smart Me pair on 2025-09-25: the revision is announced
    (2025-09-24, its 附則) and takes effect on 2025-10-01. The old version states no date of its own;
    the demo takes 2025-04-01."""
    import datetime

    from corpus.store import Version
    from renderer.site import Settings, publication, site_files

    versions = {
        "smartme-old.txt": Version("smartme", "2025-04-01", "published", effective=datetime.date(2025, 4, 1)),
        "smartme-new.txt": Version(
            "smartme", "2025-10-01", "published", announced=datetime.date(2025, 9, 24), effective=datetime.date(2025, 10, 1)
        ),
    }
    by_id = {v.id: docs[name] for name, v in versions.items()}
    pub = publication("smartme", "", list(versions.values()), datetime.date(2025, 9, 25), lambda v: by_id[v.id])
    return site_files([pub], Settings(), listing=False, jobs=os.cpu_count() or 1)


def examples() -> list[Path]:
    """The bundled example documents (kaitei/examples/*.txt), in name order."""
    folder = Path(__file__).parent / "examples"
    return sorted(folder.glob("*.txt"))


BINARY_FORMATS = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel"}


def _refuse_binary_to_terminal(fmt: str, output: str | None) -> None:
    """PDF, Word and Excel bytes are no use on a terminal: ask for -o before doing the work."""
    if fmt in BINARY_FORMATS and output in (None, "-") and sys.stdout.isatty():
        raise UsageError(f"{BINARY_FORMATS[fmt]} output needs -o FILE (or a pipe)")


def _emit(output: str | None, data: bytes) -> None:
    """``data`` to standard output (no -o, or "-") or atomically to the file ``output``."""
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from renderer.output import write_file

    try:
        write_file(output, data)
    except OSError as e:
        raise UsageError(f"{output}: cannot write: {e.strerror or e}") from None


def _free_folder(base: Path) -> Path:
    """``base``, or ``base-2``, ``base-3`` … : the first that does not exist yet."""
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def _fail(message: str, code: int) -> int:
    """Report ``message`` as one line on stderr and return ``code``."""
    print(f"{PROG}: {' '.join(message.split())}", file=sys.stderr)
    return code


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit flush does not complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
