"""Time the corpus commands on a real law revision: `kaitei add` of both versions and `kaitei check`.

    .venv/bin/python benchmarks/corpus_speed.py [--runs N]

The pair is 電気通信事業法 as of 2023-06-14 and 2023-06-16 (../shared/laws/359AC…), stored in a fresh
corpus as a published version and a draft; `kaitei check` then runs every check (effective date,
notice period, references against the previous version, numbering). Whole processes, median of N.
"""

from __future__ import annotations

import argparse
import os
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


def kaitei(*args: str, cwd: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "kaitei", *args], cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"kaitei {' '.join(args)} failed: {result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"add (published)": [], "add (draft)": [], "check": [], "log": []}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "corpus"
            kaitei("init", str(root), cwd=Path(tmp))
            times["add (published)"].append(
                kaitei("add", "denki", str(OLD), "--effective", "2023-06-14", "--publish", cwd=root)
            )
            times["add (draft)"].append(
                kaitei("add", "denki", str(NEW), "--announced", "2023-06-01", "--effective", "2023-06-16", cwd=root)
            )
            times["check"].append(kaitei("check", "denki", cwd=root))
            times["log"].append(kaitei("log", "denki", cwd=root))
    print(f"電気通信事業法 {OLD.stat().st_size // 1024} KB → {NEW.stat().st_size // 1024} KB, median of {args.runs}")
    for name, values in times.items():
        print(f"  kaitei {name:<16} {statistics.median(values):6.2f} s")


if __name__ == "__main__":
    main()
