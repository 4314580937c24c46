"""What every benchmark shares: repeats, medians taken in turns, the measured figures."""

from __future__ import annotations

import statistics
import time

REPEATS = 5  # timed runs per figure (``python -m bench --quick`` lowers it)
MEASURED: dict = {}  # the figures the targets of issue 7 are judged on


def median_time(fn, repeats=None):
    """Median wall time of `fn()` over `repeats` runs, after one warm-up run."""
    fn()
    times = []
    for _ in range(repeats or REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_medians(*runs, repeats=None):
    """Median times of several runs, taken in turns so that drift hits them alike."""
    for run in runs:
        run()
    times = [[] for _ in runs]
    for _ in range(repeats or REPEATS + 2):
        for i, run in enumerate(runs):
            start = time.perf_counter()
            run()
            times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
