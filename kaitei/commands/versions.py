"""The corpus commands: init, add, log, live, check, regress — each one call of kaitei.workflow, printed."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from typing import TYPE_CHECKING

from diffing.findings import LEVELS
from kaitei.commands.common import PROG, corpus_of, dates_line, parse_date_arg, warn

if TYPE_CHECKING:
    from kaitei.workflow import Report

CHECKS = ("effective_date", "notice_period", "references", "numbering")
CHANGES_SHOWN = 50  # lines of a regression shown per version


def add_parsers(commands, parents: list[argparse.ArgumentParser], where: argparse.ArgumentParser) -> None:
    corpus_parents = parents + [where]
    init = commands.add_parser(
        "init", parents=parents, help="create a corpus folder",
        description="Create a corpus folder with a kaitei.toml policy file (every rule commented out).",
    )
    init.add_argument("dir", metavar="DIR")
    init.set_defaults(run=run_init)

    add = commands.add_parser(
        "add", parents=corpus_parents, help="store a version of a document",
        description="Store FILE (bytes kept) as a version of DOC with its dates and parse. Dates default to"
        " what the document says (附則, 制定日, 改定日, 「…現在」); DATE is ISO (2025-10-01) or Japanese"
        " (令和7年10月1日). A published version is never overwritten; a draft of the same id is replaced.",
    )
    add.add_argument("doc", metavar="DOC", help="the document's name in the corpus (a folder name)")
    add.add_argument("file", metavar="FILE")
    add.add_argument("--version", dest="version_id", metavar="ID", help="version id (default: the effective date)")
    add.add_argument("--announced", type=parse_date_arg, metavar="DATE", help="announcement date (告知日)")
    add.add_argument("--effective", type=parse_date_arg, metavar="DATE", help="effective date (効力発生日)")
    add.add_argument("--publish", action="store_true", help="mark the version published (default: draft)")
    add.add_argument("--unfavorable", action="store_true", help="the change is unfavourable to users (不利益変更)")
    add.add_argument("--from", dest="from_", default="auto", help="input format (as for kaitei parse)")
    add.add_argument("--title", help="the document's title when it is created (default: the file's title)")
    add.set_defaults(run=run_add)

    log = commands.add_parser(
        "log", parents=corpus_parents, help="list the versions of a document",
        description="List the versions of DOC with their dates and status, marking the one live today"
        " (or on --on DATE) and any stored source edited since it was added.",
    )
    log.add_argument("doc", metavar="DOC")
    log.add_argument("--on", type=parse_date_arg, metavar="DATE", help="mark the version live on DATE (default: today)")
    log.add_argument("--to", choices=("text", "json"), default="text")
    log.set_defaults(run=run_log)

    live = commands.add_parser(
        "live", parents=corpus_parents, help="the version in force on a date",
        description="Print the id of the latest published version of DOC effective on or before DATE"
        " (default: today). Exit code 1 when none is.",
    )
    live.add_argument("doc", metavar="DOC")
    live.add_argument("--on", type=parse_date_arg, metavar="DATE")
    live.set_defaults(run=run_live)

    check = commands.add_parser(
        "check", parents=corpus_parents, help="check a version's dates, notice period, references, numbering",
        description="Check VERSION of DOC (default: the newest draft, else the newest version): effective"
        " date, notice period (民法第548条の4, the change clause in force, kaitei.toml policy), references"
        " and numbering. Exit code 1 when any finding is an error.",
    )
    check.add_argument("doc", metavar="DOC")
    check.add_argument("version", metavar="VERSION", nargs="?")
    check.add_argument("--to", choices=("text", "json"), default="text")
    check.set_defaults(run=run_check)

    regress = commands.add_parser(
        "regress", parents=corpus_parents, help="re-parse stored sources against their tree.xml",
        description="Re-parse every stored source (of DOC, or of every document) and show each node that"
        " differs from the stored tree.xml; --update accepts the new parses. Exit code 1 when any differs.",
    )
    regress.add_argument("doc", metavar="DOC", nargs="?")
    regress.add_argument("--update", action="store_true", help="store the new parses as tree.xml")
    regress.set_defaults(run=run_regress)


def run_init(args: argparse.Namespace) -> int:
    from kaitei.workflow import open_corpus

    store = open_corpus(args.dir, create=True)
    print(f"created corpus {store.root.resolve()} (edit kaitei.toml to set the notice policy)")
    return 0


def run_add(args: argparse.Namespace) -> int:
    store = corpus_of(args)
    v = store.add(
        args.doc,
        args.file,
        announced=args.announced,
        effective=args.effective,
        publish=args.publish,
        unfavorable=args.unfavorable,
        version=args.version_id,
        fmt=args.from_,
        title=args.title,
    )
    print(f"{v.doc}/{v.id} ({v.status}): " + dates_line(v))
    for key in store.missing_dates(v):
        warn(f"no {key} date in the text; give --{key} DATE")
    return 0


def run_log(args: argparse.Namespace) -> int:
    store = corpus_of(args)
    on = args.on or datetime.date.today()
    live = store.live(args.doc, on)
    rows = [
        {
            "id": v.id,
            "status": v.status,
            "announced": str(v.announced) if v.announced else None,
            "effective": str(v.effective) if v.effective else None,
            "unfavorable": v.unfavorable,
            "live": live is not None and v.id == live.id,
            "modified": v.modified(),
            "source": v.original_name,
        }
        for v in store.versions(args.doc)
    ]
    title = store.title(args.doc)
    if args.to == "json":
        print(json.dumps({"document": args.doc, "title": title, "on": str(on), "versions": rows}, ensure_ascii=False, indent=2))
    else:
        print(f"{args.doc}: {title}")
        for row in rows:
            mark = "*" if row["live"] else " "
            flags = ("  live on " + str(on)) if row["live"] else ""
            flags += "  unfavorable" if row["unfavorable"] else ""
            flags += "  !! SOURCE MODIFIED since it was added (ソースが変更されています)" if row["modified"] else ""
            print(
                f"{mark} {row['id']:<12} {row['status']:<9} announced {row['announced'] or '—':<10}"
                f"  effective {row['effective'] or '—':<10}  {row['source']}{flags}"
            )
    for row in rows:
        if row["modified"]:
            warn(f"{args.doc}/{row['id']}: the stored source no longer matches its sha256")
    return 0


def run_live(args: argparse.Namespace) -> int:
    on = args.on or datetime.date.today()
    live = corpus_of(args).live(args.doc, on)
    if live is None:
        warn(f"{args.doc}: no published version is in force on {on} (施行中の版がありません)")
        return 1
    print(f"{live.id}\t{dates_line(live)}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    report = corpus_of(args).check(args.doc, args.version)
    for note in report.notes:
        print(f"{PROG}: note: {note}", file=sys.stderr)
    if args.to == "json":
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    return 1 if report.errors else 0


def run_regress(args: argparse.Namespace) -> int:
    result = corpus_of(args).regress(args.doc, update=args.update)
    for r in result.differing:
        v = r.version
        print(f"{v.doc}/{v.id}: {len(r.changes)} node(s) differ from tree.xml" + (" — updated" if result.updated else ""))
        for line in r.changes[:CHANGES_SHOWN]:
            print("  " + line)
        if len(r.changes) > CHANGES_SHOWN:
            print(f"  … {len(r.changes) - CHANGES_SHOWN} more")
    differing = len(result.differing)
    print(f"{result.checked} version(s) re-parsed, {differing} differ" + (" (accepted)" if result.updated and differing else ""))
    return 1 if differing and not result.updated else 0


def format_report(report: Report) -> str:
    """Findings grouped by check, for a terminal."""
    target, previous, in_force = report.version, report.previous, report.in_force
    counts = report.counts
    lines = [
        f"{report.doc}/{target.id} ({target.status}): {dates_line(target)}",
        f"  compared with: {previous.id if previous else '—'}; rules in force: {in_force.id if in_force else (previous.id if previous else '—')}",
        f"  {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} note(s)",
    ]
    for check in CHECKS:
        group = [f for f in report.findings if f.check == check]
        if not group:
            continue
        lines += ["", f"[{check}]"]
        for f in sorted(group, key=lambda f: LEVELS.index(f.level)):
            lines.append(f"  {f.level.upper():<7} {f.place}: {f.message_ja}")
            lines.append(f"          {f.message_en}")
            if f.basis:
                lines.append(f"          根拠 basis: {f.basis}")
            if f.suggestion:
                lines.append(f"          修正案 suggestion: {f.suggestion}")
    return "\n".join(lines)
