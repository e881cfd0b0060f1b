"""``kaitei demo``: the bundled example end to end (kaitei.demo) written into a new folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from kaitei.commands.common import UsageError

DEMO_DIR = "kaitei-demo"


def add_parser(commands, parents: list[argparse.ArgumentParser]) -> None:
    demo = commands.add_parser(
        "demo",
        parents=parents,
        help="parse the bundled examples and compare the Smart Me revision, into a new folder",
        description="Parse the bundled example documents and write their trees (outline, JSON,"
        " e-Gov XML), the Smart Me revision's 新旧対照表 (HTML, PDF, JSON, Word, Excel), the revised"
        " terms as a web page and the website kaitei publish makes of the revision (site/) into a new folder;"
        " print the folder's path.",
    )
    demo.add_argument(
        "-o", "--output", metavar="DIR", help=f"folder to create (default: ./{DEMO_DIR}, or ./{DEMO_DIR}-2 … if taken)"
    )
    demo.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kaitei.demo import demo_files  # the whole library: loaded by the command that uses it
    from renderer.output import write_folder

    folder = Path(args.output) if args.output else _free_folder(Path.cwd() / DEMO_DIR)
    taken = UsageError(f"{folder}: already exists and is not empty; choose another -o DIR")
    if folder.exists() and not (folder.is_dir() and not any(folder.iterdir())):
        raise taken
    try:
        write_folder(folder, demo_files())
    except FileExistsError:
        raise taken from None
    except OSError as e:
        raise UsageError(f"{folder}: cannot create the folder: {e.strerror}") from None
    print(folder.resolve())
    return 0


def _free_folder(base: Path) -> Path:
    """``base``, or ``base-2``, ``base-3`` … : the first that does not exist yet."""
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate
