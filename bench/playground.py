"""The playground's latency: scrubbing a recorded run, and training a new one.

    .venv/bin/python -m bench.playground          writes bench/PLAYGROUND.md

Timed inside the widget (``Explorer.timings``: training when the settings
are new, drawing and PNG encoding; not the browser's part), at the default
settings, medians and 90th percentiles. Scrubbing moves the iteration slider
to positions spread over the run, in a fixed shuffled order (as a learner
drags back and forth); Play asks for the same frames one after another. A new
setting moves the learning rate through values the playground has not seen.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path

import numpy as np

import mlp_viz as mv

OUT = Path(__file__).resolve().parent / "PLAYGROUND.md"
TARGETS = {"scrub": 80.0, "play": 80.0, "new setting": 400.0}
"""Issue 15's medians (ms): a recorded iteration in at most 80 ms, a new setting in 400."""


def _control(pg, name):
    return next(c for c in pg.controls if c.description_name == name)


def measure(scrubs=40, rates=(0.1, 1.0, 0.03, 0.5, 0.05, 2.0, 0.01, 0.2)):
    """Milliseconds of each kind of step: a dict of arrays."""
    pg = mv.playground()
    n = pg.recording.n_iterations
    order = np.random.default_rng(0).permutation(np.linspace(0, n, scrubs).round().astype(int))
    times = {}
    for kind, moves in (("scrub", order), ("play", range(0, n + 1, max(1, n // 80)))):
        pg.timings.clear()
        for k in moves:
            if kind == "play":
                pg.play.value = int(k)  # no event loop here: each frame is drawn at once
            else:
                pg.slider.value = int(k)
        times[kind] = np.array(pg.timings) * 1000
    pg.timings.clear()
    for lr in rates:
        _control(pg, "lr").value = lr
    times["new setting"] = np.array(pg.timings) * 1000
    return times


def main():
    times = measure()
    lines = ["# Playground latency", "",
             "Measured by `.venv/bin/python -m bench.playground` at the default settings "
             "(moons, 6-6 tanh, 300 recorded updates); each step is timed inside the widget "
             "(training when new, drawing, PNG encoding).", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
             f"{platform.python_version()}, NumPy {np.__version__}.", "",
             "| step | steps | median (ms) | 90th percentile (ms) | target (median) | verdict |",
             "|---|---|---|---|---|---|"]
    for kind, t in times.items():
        med, goal = float(np.median(t)), TARGETS[kind]
        lines.append(f"| {kind} | {t.size} | {med:.0f} | {np.percentile(t, 90):.0f} | "
                     f"≤ {goal:.0f} ms | {'met' if med <= goal else 'not met'} |")
    text = "\n".join(lines) + "\n"
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
