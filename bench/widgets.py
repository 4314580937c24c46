"""Slider latency of every explorer: retrain (or recompute) + redraw + PNG, per step.

    .venv/bin/python -m bench.widgets        prints a table and writes bench/WIDGETS.md

Each explorer is built at its default settings; then each main control is
moved through a fixed list of values, back and forth, and every update is
timed inside the widget (``Explorer.timings``: computation, drawing and
PNG encoding; not the browser's part). Medians and 90th percentiles.
"""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

import mlp_viz as mv
from bench.common import paired_medians

OUT = Path(__file__).resolve().parent / "WIDGETS.md"

MOVES = {
    "training_explorer": (mv.training_explorer, [
        ("learning rate", 0, [0.1, 1.0, 0.03, 0.5, 0.05, 0.3]),
        ("epochs", 1, [20, 80, 30, 100, 50]),
        ("batch size", 2, [32, None, 8, 64, 16]),
    ]),
    "dropout_explorer": (mv.dropout_explorer, [
        ("dropout rate", 0, [0.3, 0.5, 0.1, 0.2, 0.4, 0.6, 0.05, 0.15, 0.0]),
    ]),
    "gradient_flow_explorer": (mv.gradient_flow_explorer, [
        ("depth", 0, [12, 4, 16, 6, 8]),
        ("activation", 1, ["relu", "tanh", "leaky_relu", "sigmoid"]),
        ("init", 2, ["He (ReLU)", "normal, std 1 (too large)", "normal, std 0.01 (too small)",
                     "Xavier (tanh, sigmoid)"]),
    ]),
    "activation_explorer": (mv.activation_explorer, [
        ("activation", 0, ["sigmoid", "tanh", "leaky_relu", "relu"]),
        ("z", 1, [-2.0, 3.0, -0.5, 2.0, 1.0]),
    ]),
}


def plain_numpy_dropout_training(problem, rate):
    """The dropout explorer's training written out in plain NumPy: the peer of ``train``.

    The same 2-48-48-1 ReLU/sigmoid network, binary cross-entropy, mini-batches
    of a fresh permutation every epoch, inverted dropout on both hidden
    layers, plain SGD, and the loss on the training and validation sets after
    every epoch, drawing from the generator in the same order as
    :func:`mlp_viz.train`, so that both do the same work (and end at the same
    weights: ``tests/test_bench.py``). Returns the weights, biases and the two
    lists of losses.
    """
    rng = np.random.default_rng(problem.seed)
    Ws = [W.copy() for W in problem.net.weights]
    bs = [b.copy() for b in problem.net.biases]
    X, y = problem.X, problem.y.reshape(-1, 1).astype(float)
    Xv, yv = problem.X_val, problem.y_val.reshape(-1, 1).astype(float)
    keep, B, n = 1.0 - rate, problem.batch_size, len(problem.X)

    def loss(A, Y):
        for W, b in zip(Ws[:-1], bs[:-1]):
            A = np.maximum(A @ W.T + b, 0.0)
        z = A @ Ws[-1].T + bs[-1]
        return float(np.mean(np.maximum(z, 0) - z * Y + np.log1p(np.exp(-np.abs(z)))))

    losses, val_losses = [loss(X, y)], [loss(Xv, yv)]
    for _ in range(problem.epochs):
        order = rng.permutation(n)
        for start in range(0, n, B):
            rows = order[start:start + B]
            A, Y = X[rows], y[rows]
            zs, passed, masks = [], [A], []
            for W, b in zip(Ws[:-1], bs[:-1]):
                z = passed[-1] @ W.T + b
                mask = rng.random(z.shape) >= rate
                zs.append(z)
                masks.append(mask)
                passed.append(np.maximum(z, 0.0) * mask / keep)
            a = 1.0 / (1.0 + np.exp(-(passed[-1] @ Ws[-1].T + bs[-1])))
            dz = (a - Y) / len(rows)
            for l in range(len(Ws) - 1, -1, -1):
                dW, db = dz.T @ passed[l], dz.sum(axis=0)
                if l:
                    dz = (dz @ Ws[l]) * masks[l - 1] / keep * (zs[l - 1] > 0)
                Ws[l] -= problem.lr * dW
                bs[l] -= problem.lr * db
        losses.append(loss(X, y))
        val_losses.append(loss(Xv, yv))
    return Ws, bs, losses, val_losses


def dropout_training_ratio(rate=0.3):
    """Median seconds of the dropout explorer's training by ``train`` and by plain NumPy.

    Timed in turns with one BLAS thread, as the explorer computes.
    """
    from mlp_viz.widgets.dropout import make_dropout_problem

    problem = make_dropout_problem(0)

    def ours():
        mv.train(problem.net.copy(), problem.X, problem.y, lr=problem.lr,
                 epochs=problem.epochs, batch_size=problem.batch_size,
                 loss="binary_cross_entropy", dropout=rate, seed=problem.seed,
                 X_val=problem.X_val, y_val=problem.y_val)

    with threadpool_limits(limits=1, user_api="blas"):
        return paired_medians(ours, lambda: plain_numpy_dropout_training(problem, rate))


def _timed(compute, seconds):
    """`compute`, appending the seconds of each call to the list `seconds`."""
    def timed(**values):
        start = time.perf_counter()
        state = compute(**values)
        seconds.append(time.perf_counter() - start)
        return state

    return timed


def text_share(explorer, repeats=7):
    """How much of drawing an explorer's whole figure is text.

    Returns the number of text lines one drawing renders, and the median
    milliseconds of drawing the figure as it is and with its text hidden,
    under the settings the explorers draw with. (For an explorer without
    fixed panels this is the drawing part of a step.)
    """
    import matplotlib as mpl
    from matplotlib.text import Text

    from mlp_viz.widgets._base import DRAWING

    canvas = explorer.figure.canvas

    def draw_ms():
        canvas.draw()
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            canvas.draw()
            times.append(time.perf_counter() - start)
        return float(np.median(times)) * 1000

    with mpl.rc_context(DRAWING):
        renderer = canvas.get_renderer()
        drawn, plain = [], renderer.draw_text
        renderer.draw_text = lambda *args, **kwargs: (drawn.append(1), plain(*args, **kwargs))
        try:
            canvas.draw()  # counts the lines of text the renderer is asked to draw
        finally:
            del renderer.draw_text
        with_text = draw_ms()
        texts = [t for t in explorer.figure.findobj(Text) if t.get_visible()]
        for t in texts:
            t.set_visible(False)
        try:
            without = draw_ms()
        finally:
            for t in texts:
                t.set_visible(True)
    return len(drawn), with_text, without


def measure(repeats=2):
    """Per explorer: name, then for settings new to it: steps, median and 90th percentile
    (ms) and the median of its computing share (ms); then for settings seen before
    (remembered, only redrawn): steps and median (ms).

    The computing share (``explorer.compute``: retraining, gradient norms) is
    timed apart; the rest of a step is matplotlib's redraw and the PNG. The
    controls go through their values `repeats` times, so later rounds revisit.
    """
    rows = []
    for name, (build, controls) in MOVES.items():
        explorer = build()
        explorer.timings.clear()
        explorer.reused.clear()
        computing = []
        explorer.compute = _timed(explorer.compute, computing)
        for _ in range(repeats):
            for _, index, values in controls:
                for value in values:
                    explorer.controls[index].value = value
        t = np.array(explorer.timings) * 1000
        seen = np.array(explorer.reused)
        new, again = t[~seen], t[seen]
        rows.append((name, len(new), float(np.median(new)), float(np.percentile(new, 90)),
                     float(np.median(computing)) * 1000, len(again),
                     float(np.median(again)) if len(again) else float("nan")))
    return rows


TEXT_HEADER = ["explorer", "lines of text", "drawing the figure (ms)", "without its text (ms)",
               "text (ms)"]


def text_rows():
    """By explorer, at its default settings: table cells, and (lines, ms, ms without text)."""
    rows = {}
    for name, (build, _) in MOVES.items():
        lines, drawing, bare = text_share(build())
        rows[name] = ([f"`{name}`", str(lines), f"{drawing:.0f}", f"{bare:.0f}",
                       f"{drawing - bare:.0f}"], (lines, drawing, bare))
    return rows


HEADER = ["explorer", "new settings: steps", "median (ms)", "90th percentile (ms)",
          "of which computing (ms)", "settings seen before: steps", "median (ms)"]


def row_cells(row):
    name, k, med, p90, comp, k_again, med_again = row
    return [f"`{name}`", str(k), f"{med:.0f}", f"{p90:.0f}", f"{comp:.0f}", str(k_again),
            f"{med_again:.0f}"]


def main():
    rows = measure()
    lines = [
        "# Slider latency of the explorers",
        "",
        "Measured by `.venv/bin/python -m bench.widgets`: each step is one control moved, "
        "timed inside the widget (recompute + redraw + PNG encoding), at default settings. "
        "An explorer remembers the states it computed, so a setting seen before is only "
        "redrawn; the two kinds of step are shown apart.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, NumPy {np.__version__}.",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + " --- |" * len(HEADER),
    ]
    lines += ["| " + " | ".join(row_cells(row)) + " |" for row in rows]
    trained, plain = dropout_training_ratio()
    lines += ["", "The dropout explorer's computing is its training: `train` takes "
              f"{trained * 1000:.0f} ms for its 800 steps and 400 loss evaluations, and the same "
              f"training written out in plain NumPy ({plain * 1000:.0f} ms, timed in turns; "
              "`plain_numpy_dropout_training`, which ends at the same weights) is "
              f"{trained / plain:.2f}× as fast; `train` also records every step's gradient "
              "norms and watches for a blow-up."]
    text = "\n".join(lines) + "\n"
    OUT.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
