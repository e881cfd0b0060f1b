"""Time `kaitei publish` of a real law revision, as a whole process: a fresh folder, then again with nothing changed.

    .venv/bin/python benchmarks/publish_speed.py [--runs N] [--on DATE]

A fresh corpus holds 電気通信事業法 as of 2023-06-14 and 2023-06-16 (../shared/laws/359AC…), both
published. Their dates are given on the command line: read from the text, both would be 2019-04-01
(the last 附則's 施行日, not the revision's). The second version is announced 2022-06-17 (令和4年法律第70号)
and effective 2023-06-16, so ``--on 2023-06-15`` (the default) publishes the older version in force with
the notice of the coming one (every page kaitei writes); ``--on 2023-06-16`` or later the newer version in
force and no notice. Prints the files written with their sizes and PDF pages (pdfinfo), then the median
of N runs of: publish into a new folder (default --jobs, and --jobs 1), and publish again into the
same folder (nothing changes, nothing is written).
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAWS = ROOT.parent / "shared" / "laws"
OLD = LAWS / "359AC0000000086_20230614_505AC0000000053.txt"
NEW = LAWS / "359AC0000000086_20230616_504AC0000000070.txt"
ANNOUNCED, EFFECTIVE = datetime.date(2022, 6, 17), datetime.date(2023, 6, 16)


def kaitei(*args: str, cwd: Path) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds (user + system, its PDF workers included) of one whole `kaitei`
    process, and what it printed."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "kaitei", *args], cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"kaitei {' '.join(args)} failed: {result.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu, result.stdout + result.stderr


def pages(pdf: Path) -> str:
    if not shutil.which("pdfinfo"):
        return "?"
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return m.group(1) if m else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--on", default="2023-06-15", help="publish as of this date (default: 2023-06-15)")
    args = parser.parse_args()
    on = datetime.date.fromisoformat(args.on)
    state = (
        "2023-06-16 announced, not yet in force: old version live + 改定のお知らせ"
        if ANNOUNCED <= on < EFFECTIVE
        else "2023-06-16 in force: new version live, no notice"
        if on >= EFFECTIVE
        else "before the announcement: old version live, no notice"
    )
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        root = tmp_path / "corpus"
        kaitei("init", str(root), cwd=tmp_path)
        kaitei("add", "denki", str(OLD), "--effective", "2023-06-14", "--publish", cwd=root)
        kaitei("add", "denki", str(NEW), "--announced", str(ANNOUNCED), "--effective", str(EFFECTIVE), "--publish", cwd=root)

        def publish(site: Path, *extra: str) -> tuple[float, float, str]:
            return kaitei("publish", "denki", "-o", str(site), "--on", args.on, *extra, cwd=root)

        names = ("new folder, default --jobs", "new folder, --jobs 1", "same folder again")
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
        for run in range(args.runs):
            site = tmp_path / f"site{run}"
            *seconds, out = publish(site)
            times["new folder, default --jobs"].append(seconds)
            *seconds, again = publish(site)
            times["same folder again"].append(seconds)
            times["new folder, --jobs 1"].append(publish(tmp_path / f"site{run}-j1", "--jobs", "1")[:2])

        site = tmp_path / "site0"
        files = sorted(p for p in site.rglob("*") if p.is_file() and not p.name.startswith("."))
        print(f"電気通信事業法 {OLD.stat().st_size // 1024} KB → {NEW.stat().st_size // 1024} KB; --on {args.on} ({state})")
        print(f"  {out.strip().splitlines()[-1].split(': ', 1)[-1]}")
        for path in files:
            pdf = f"{pages(path):>5} pages" if path.suffix == ".pdf" else ""
            print(f"    {str(path.relative_to(site)):<34}{path.stat().st_size:>10,} B  {pdf}")
        print(f"    {len(files)} files, {sum(p.stat().st_size for p in files):,} B")
        print(f"  kaitei publish, median of {args.runs} (CPUs: {os.cpu_count()}){'wall':>13}{'CPU':>9}")
        for name, values in times.items():
            wall, cpu = statistics.median(v[0] for v in values), statistics.median(v[1] for v in values)
            print(f"    {name:<40}{wall:7.2f} s{cpu:7.2f} s")
        print(f"    (again: {again.strip().splitlines()[-1].split('—')[-1].strip()})")


if __name__ == "__main__":
    main()
