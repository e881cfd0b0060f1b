"""The ``kaitei`` command line: builds the parser from kaitei/commands/, runs the command, reports errors.

Exit codes (DESIGN §6): 0 success; 2 bad input or usage, with one line "kaitei: <message>" on
stderr and no traceback; 1 for check findings at error level, or a bug in kaitei itself, with a
one-line message (``--debug`` shows the traceback). An output file is either written whole or not at all.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from corpus.errors import SourceError
from kaitei import __version__
from kaitei.commands import demo, diff, parse, publish, versions
from kaitei.commands.common import DEBUG_HELP, PROG, Parser, UsageError, shared_options


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description="kaitei (改定): parse, compare and publish Japanese terms documents and laws.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    debug, where = shared_options()
    io = parse.input_options()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    parse.add_parser(commands, [debug, io])
    diff.add_parser(commands, [debug, io, where])
    demo.add_parser(commands, [debug])
    versions.add_parsers(commands, [debug], where)
    publish.add_parser(commands, [debug, where])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
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


def _fail(message: str, code: int) -> int:
    """Report ``message`` as one line on stderr and return ``code``."""
    print(f"{PROG}: {' '.join(message.split())}", file=sys.stderr)
    return code


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit flush does not complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
