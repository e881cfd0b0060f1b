"""Time `kaitei diff` of the 電気通信事業法 revisions as a whole process, to JSON and to PDF, at 1×, 2×, 4× size.

Run: .venv/bin/python benchmarks/diff_speed.py [--no-pdf]
Targets (issue 3): JSON under 2 s, PDF under 10 s, growth close to linear.
"""

from __future__ import annotations

import resource
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
KAITEI = [sys.executable, "-m", "kaitei"]


def scaled(path: Path, times: int, folder: Path) -> Path:
    """The law with its body repeated ``times`` times (a valid, larger document)."""
    text = path.read_text(encoding="utf-8")
    out = folder / f"{path.stem}x{times}.txt"
    out.write_text("\n".join([text] * times), encoding="utf-8")
    return out


def run(old: Path, new: Path, out: Path, runs: int) -> tuple[float, int]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*KAITEI, "diff", str(old), str(new), "-o", str(out)], check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), peak_kb // 1024


def main() -> None:
    formats = ["json"] if "--no-pdf" in sys.argv else ["json", "pdf"]
    print(f"kaitei diff {OLD.name} → {NEW.name}")
    print(f"{'size':>5} {'format':>6} {'time (median)':>14} {'ratio':>6} {'peak RSS (max so far)':>22}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for fmt in formats:
            base = None
            for times in (1, 2, 4):
                old, new = (scaled(OLD, times, folder), scaled(NEW, times, folder)) if times > 1 else (OLD, NEW)
                seconds, peak = run(old, new, folder / f"out.{fmt}", runs=3 if times == 1 else 1)
                base = base or seconds
                print(f"{times:>4}× {fmt:>6} {seconds:>13.2f}s {seconds / base:>6.2f} {peak:>19} MB")


if __name__ == "__main__":
    main()
