"""The corpus commands of the command line: init, add, log, live, check, regress (and corpus-mode diff).

Each command finds the corpus (``--corpus DIR``, ``$KAITEI_CORPUS``, or the nearest kaitei.toml
above the working directory), calls corpus.store and diffing.checks, and prints what they return.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from dataclasses import asdict

from corpus.errors import SourceError


def add_commands(commands, common: argparse.ArgumentParser, parser_class) -> None:
    """Add the corpus commands to the ``commands`` subparsers."""
    where = parser_class(add_help=False)
    where.add_argument("--corpus", metavar="DIR", help="the corpus (default: $KAITEI_CORPUS, else the nearest kaitei.toml above here)")

    init = commands.add_parser(
        "init", parents=[common], help="create a corpus folder",
        description="Create a corpus folder with a kaitei.toml policy file (every rule commented out).",
    )
    init.add_argument("dir", metavar="DIR")
    init.set_defaults(run=run_init)

    add = commands.add_parser(
        "add", parents=[common, where], help="store a version of a document",
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
        "log", parents=[common, where], help="list the versions of a document",
        description="List the versions of DOC with their dates and status, marking the one live today"
        " (or on --on DATE) and any stored source edited since it was added.",
    )
    log.add_argument("doc", metavar="DOC")
    log.add_argument("--on", type=parse_date_arg, metavar="DATE", help="mark the version live on DATE (default: today)")
    log.add_argument("--to", choices=("text", "json"), default="text")
    log.set_defaults(run=run_log)

    live = commands.add_parser(
        "live", parents=[common, where], help="the version in force on a date",
        description="Print the id of the latest published version of DOC effective on or before DATE"
        " (default: today). Exit code 1 when none is.",
    )
    live.add_argument("doc", metavar="DOC")
    live.add_argument("--on", type=parse_date_arg, metavar="DATE")
    live.set_defaults(run=run_live)

    check = commands.add_parser(
        "check", parents=[common, where], help="check a version's dates, notice period, references, numbering",
        description="Check VERSION of DOC (default: the newest draft, else the newest version): effective"
        " date, notice period (民法第548条の4, the change clause in force, kaitei.toml policy), references"
        " and numbering. Exit code 1 when any finding is an error.",
    )
    check.add_argument("doc", metavar="DOC")
    check.add_argument("version", metavar="VERSION", nargs="?")
    check.add_argument("--to", choices=("text", "json"), default="text")
    check.set_defaults(run=run_check)

    regress = commands.add_parser(
        "regress", parents=[common, where], help="re-parse stored sources against their tree.xml",
        description="Re-parse every stored source (of DOC, or of every document) and show each node that"
        " differs from the stored tree.xml; --update accepts the new parses. Exit code 1 when any differs.",
    )
    regress.add_argument("doc", metavar="DOC", nargs="?")
    regress.add_argument("--update", action="store_true", help="store the new parses as tree.xml")
    regress.set_defaults(run=run_regress)

    from kaitei.publish import add_command

    add_command(commands, common, where)


def parse_date_arg(text: str) -> datetime.date:
    """A command-line date: 2025-10-01, 2025/10/1, 2025年10月1日, 令和7年10月1日, R7.10.1."""
    from corpus.dates import parse_date

    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        pass
    date = parse_date(text)
    if date is None:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use 2025-10-01 or 令和7年10月1日)")
    return date


# -- commands ---------------------------------------------------------------------------------


def run_init(args: argparse.Namespace) -> int:
    from corpus.store import init

    corpus = init(args.dir)
    print(f"created corpus {corpus.root.resolve()} (edit kaitei.toml to set the notice policy)")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from pathlib import Path

    import corpus
    import renderer
    from corpus.dates import version_dates
    from corpus.source import read_bytes
    from corpus.store import Version

    store = _corpus(args)
    data = read_bytes(args.file)
    name = Path(args.file).name
    doc = corpus.read(data, args.from_, source=name)
    stated = version_dates(doc)
    dates, dates_from = {}, {}
    for key in ("announced", "effective"):
        given = getattr(args, key)
        if given is not None:
            dates[key], dates_from[key] = given, f"--{key}"
        elif key in stated:
            dates[key], dates_from[key] = stated[key]
    version_id = args.version_id or (str(dates["effective"]) if "effective" in dates else _next_id(store, args.doc))
    version = Version(
        doc=args.doc,
        id=version_id,
        status="published" if args.publish else "draft",
        announced=dates.get("announced"),
        effective=dates.get("effective"),
        unfavorable=args.unfavorable,
        source="source" + (Path(name).suffix.lower() or ".txt"),
        original_name=name,
        format=args.from_,
        dates_from=dates_from,
    )
    first = args.doc not in store.documents()
    store.add_version(version, data, renderer.write(doc, "xml"), title=args.title or doc.title)
    print(f"{args.doc}/{version.id} ({version.status}): " + _dates_line(version))
    for key in ("effective",) if first else ("announced", "effective"):  # a first version announces no change
        if key not in dates:
            print(f"kaitei: warning: no {key} date in the text; give --{key} DATE", file=sys.stderr)
    return 0


def run_log(args: argparse.Namespace) -> int:
    store = _corpus(args)
    on = args.on or datetime.date.today()
    versions = store.versions(args.doc)
    live = store.live(args.doc, on)
    rows = []
    for v in versions:
        rows.append(
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
        )
    if args.to == "json":
        out = {"document": args.doc, "title": store.document(args.doc).get("title", ""), "on": str(on), "versions": rows}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(f"{args.doc}: {store.document(args.doc).get('title', '')}")
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
            print(f"kaitei: warning: {args.doc}/{row['id']}: the stored source no longer matches its sha256", file=sys.stderr)
    return 0


def run_live(args: argparse.Namespace) -> int:
    store = _corpus(args)
    on = args.on or datetime.date.today()
    live = store.live(args.doc, on)
    if live is None:
        print(f"kaitei: {args.doc}: no published version is in force on {on} (施行中の版がありません)", file=sys.stderr)
        return 1
    print(f"{live.id}\t{_dates_line(live)}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from diffing.checks import check_version

    store = _corpus(args)
    versions = store.versions(args.doc)
    if not versions:
        raise SourceError(f"{args.doc}: no versions yet (kaitei add {args.doc} FILE)")
    if args.version:
        target = store.version(args.doc, args.version)
    else:
        target = store.newest_draft(args.doc) or versions[-1]
    previous = _previous(versions, target)
    in_force = store.live(args.doc, target.announced, exclude=target.id) if target.announced else None
    stated = {v.id: _stated(v) for v in (target, previous, in_force) if v is not None}  # each parsed once
    findings = check_version(
        stated[target.id],
        previous=stated[previous.id] if previous else None,
        in_force=stated[in_force.id] if in_force else None,
        policy=store.policy,
    )
    errors = sum(f.level == "error" for f in findings)
    if args.to == "json":
        out = {
            "document": args.doc,
            "version": target.id,
            "previous": previous.id if previous else None,
            "in_force": in_force.id if in_force else None,
            "counts": {level: sum(f.level == level for f in findings) for level in ("error", "warning", "info")},
            "findings": [asdict(f) for f in findings],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(format_findings(args.doc, target, previous, in_force, findings))
    return 1 if errors else 0


def run_regress(args: argparse.Namespace) -> int:
    import renderer
    from corpus.readers.egov_xml import parse_egov_xml
    from diffing.snapshot import tree_changes

    store = _corpus(args)
    docs = [args.doc] if args.doc else store.documents()
    differing = 0
    checked = 0
    for doc_id in docs:
        for v in store.versions(doc_id):
            checked += 1
            new_xml = renderer.write(_read(v), "xml")
            old_xml = (v.path / "tree.xml").read_bytes() if (v.path / "tree.xml").is_file() else b""
            if new_xml == old_xml:
                continue
            differing += 1
            old_tree = parse_egov_xml(old_xml, source="tree.xml") if old_xml else None
            changes = tree_changes(old_tree, parse_egov_xml(new_xml, source="parse"))
            print(f"{doc_id}/{v.id}: {len(changes)} node(s) differ from tree.xml" + (" — updated" if args.update else ""))
            for line in changes[:50]:
                print("  " + line)
            if len(changes) > 50:
                print(f"  … {len(changes) - 50} more")
            if args.update:
                store.update_tree(v, new_xml)
    print(f"{checked} version(s) re-parsed, {differing} differ" + (" (accepted)" if args.update and differing else ""))
    return 1 if differing and not args.update else 0


# -- corpus-mode diff ---------------------------------------------------------------------------


def corpus_diff_versions(args: argparse.Namespace, names: list[str]):
    """``(old Document, new Document, table options)`` for ``kaitei diff DOC [A] [B]``."""
    store = _corpus(args)
    doc_id = names[0]
    versions = store.versions(doc_id)
    if not versions:
        raise SourceError(f"{doc_id}: no versions yet (kaitei add {doc_id} FILE)")
    if len(names) > 1:
        old = store.version(doc_id, names[1])
    else:
        old = store.live(doc_id, datetime.date.today())
        if old is None:
            raise SourceError(f"{doc_id}: no version is live today; name the versions: kaitei diff {doc_id} A B")
    if len(names) > 2:
        new = store.version(doc_id, names[2])
    else:
        new = store.newest_draft(doc_id)
        if new is None or new.id == old.id:
            raise SourceError(f"{doc_id}: no draft to compare with {old.id}; name the versions: kaitei diff {doc_id} A B")
    return _read(old), _read(new), dict(store.table_options)


# -- helpers ----------------------------------------------------------------------------------


def format_findings(doc_id, target, previous, in_force, findings) -> str:
    """Findings grouped by check, for a terminal."""
    from diffing.findings import LEVELS

    counts = {level: sum(f.level == level for f in findings) for level in LEVELS}
    lines = [
        f"{doc_id}/{target.id} ({target.status}): {_dates_line(target)}",
        f"  compared with: {previous.id if previous else '—'}; rules in force: {in_force.id if in_force else (previous.id if previous else '—')}",
        f"  {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} note(s)",
    ]
    for check in ("effective_date", "notice_period", "references", "numbering"):
        group = [f for f in findings if f.check == check]
        if not group:
            continue
        lines.append("")
        lines.append(f"[{check}]")
        for f in sorted(group, key=lambda f: LEVELS.index(f.level)):
            lines.append(f"  {f.level.upper():<7} {f.place}: {f.message_ja}")
            lines.append(f"          {f.message_en}")
            if f.basis:
                lines.append(f"          根拠 basis: {f.basis}")
            if f.suggestion:
                lines.append(f"          修正案 suggestion: {f.suggestion}")
    return "\n".join(lines)


def _corpus(args: argparse.Namespace):
    from corpus.store import find_corpus

    return find_corpus(getattr(args, "corpus", None))


def _read(version):
    import corpus

    if version.modified():
        print(
            f"kaitei: warning: {version.doc}/{version.id}: the stored source was edited since it was added",
            file=sys.stderr,
        )
    return corpus.read(version.source_path, version.format, source=version.original_name or version.source)


def _stated(version):
    from diffing.checks import Stated

    return Stated(version, _read(version))


def _previous(versions, target):
    """The published version ``target`` follows: the last one effective before it (or listed before it)."""
    before = None
    for v in versions:
        if v.id == target.id:
            break
        if v.published:
            before = v
    return before


def _next_id(store, doc_id: str) -> str:
    try:
        taken = {v.id for v in store.versions(doc_id)}
    except SourceError:
        taken = set()
    n = len(taken) + 1
    while f"v{n}" in taken:
        n += 1
    return f"v{n}"


def _dates_line(v) -> str:
    def one(key: str) -> str:
        value = getattr(v, key)
        origin = v.dates_from.get(key, "")
        return f"{key} {value or '—'}" + (f" ({origin})" if origin and value else "")

    return ", ".join((one("announced"), one("effective")))
