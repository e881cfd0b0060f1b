"""Time `kaitei parse` on a real law: the whole process, the text reader alone, and how time grows with size.

    .venv/bin/python benchmarks/parse_speed.py [--law FILE] [--runs N]

Default law: 電気通信事業法 (../shared/laws/359AC0000000086_20230616_504AC0000000070.txt, ~490 KB).
Linearity inputs repeat the law's body (everything between the 目次 and the first 附則) 1, 2
and 4 times between the same title and 附則, so each is still one valid document.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import median_time

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LAW = SHARED / "laws" / "359AC0000000086_20230616_504AC0000000070.txt"
LAWTEXT = "Lawtext (reference, not measured here): 0.57 s whole process, 114 MB peak RSS"
SCALES = (1, 2, 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--law", type=Path, default=LAW, help="a law in Lawtext plain-text form")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from corpus.readers.text import parse_text
    from corpus.source import decode

    text, _ = decode(args.law.read_bytes())
    size = args.law.stat().st_size
    print(f"kaitei parse speed: {args.law.name} ({size / 1000:.0f} KB, {text.count(chr(10))} lines)")
    print(f"median of {args.runs} runs; Python {sys.version.split()[0]}")
    print()

    with tempfile.TemporaryDirectory() as tmp:
        inputs = {k: Path(tmp) / f"law-x{k}.txt" for k in SCALES}
        for k, path in inputs.items():
            path.write_text(repeat_body(text, k), encoding="utf-8")
        out = Path(tmp) / "out.json"

        rows = []
        for k, path in inputs.items():
            whole = median_time(lambda: kaitei_parse(path, out), args.runs)
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB → MiB
            data = path.read_text(encoding="utf-8")
            reader = median_time(lambda: parse_text(data, source=path.name), args.runs)
            rows.append((k, path.stat().st_size, whole, rss, reader))

    k1, size1, whole1, rss1, reader1 = rows[0]
    print(f"{'':34}{'time':>9}{'peak RSS':>11}")
    print(f"{'kaitei parse --to json (process)':34}{whole1:>8.3f}s{rss1:>8.0f} MB")
    print(f"{'text reader alone (in-process)':34}{reader1:>8.3f}s")
    print(LAWTEXT)
    print()
    print("linearity (law body repeated)")
    print(f"{'input':>6}{'size':>10}{'process':>10}{'ratio':>7}{'reader':>10}{'ratio':>7}{'peak RSS':>10}")
    for k, size, whole, rss, reader in rows:
        print(
            f"{k:>5}×{size / 1000:>8.0f}KB{whole:>9.3f}s{whole / whole1:>7.2f}"
            f"{reader:>9.3f}s{reader / reader1:>7.2f}{rss:>7.0f} MB"
        )
    print("(a ratio near the input's multiple (2, 4) means linear time)")


def kaitei_parse(path: Path, out: Path) -> None:
    """One whole `kaitei parse` process, as a user runs it (the console script when installed)."""
    script = Path(sys.executable).with_name("kaitei")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "kaitei"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run(
        [*command, "parse", str(path), "--to", "json", "-o", str(out)], check=True, env=env
    )


def repeat_body(text: str, times: int) -> str:
    """The law with its body (after the 目次, before the first 附則) repeated ``times`` times."""
    lines = text.splitlines(keepends=True)
    start = 0
    if any(line.strip() == "目次" for line in lines):
        toc = next(i for i, line in enumerate(lines) if line.strip() == "目次")
        start = next(i for i in range(toc, len(lines)) if not lines[i].strip())
    end = next(
        (i for i in range(start, len(lines)) if lines[i].strip().startswith(("附　則", "附則"))),
        len(lines),
    )
    head, body, tail = lines[:start], lines[start:end], lines[end:]
    return "".join(head + body * times + tail)



if __name__ == "__main__":
    main()
