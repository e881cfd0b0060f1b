"""The benchmarks' one way to time a call: the median wall-clock time of several runs."""

from __future__ import annotations

import statistics
import time


def median_time(fn, runs: int) -> float:
    """Median seconds of ``runs`` calls of ``fn()``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
