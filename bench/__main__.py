"""Benchmarks: mlp_viz beside PyTorch (CPU, eager) and scikit-learn, in one process.

    .venv/bin/python -m bench            all of it; writes bench/RESULTS.md
    .venv/bin/python -m bench --quick    fewer repeats (a smoke test)

Every figure is a ratio of two things measured side by side in this process,
the median of repeated runs, with 1 and with 2 BLAS threads (threadpoolctl
for NumPy, ``torch.set_num_threads`` for PyTorch). PyTorch is optional:
``pip install torch==2.13.0`` installs the CPU build on these machines;
without it those rows say so. The machine's environment (OPENBLAS_CORETYPE
and the like) is left as it is; the BLAS kernel in use is reported.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

import mlp_viz as mv
from bench.widgets import HEADER, label_cost, measure, row_cells

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "RESULTS.md"
REPEATS = 5
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


def machine_facts():
    blas = [f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')})"
            for i in threadpool_info() if i.get("user_api") == "blas"]
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    env = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ}
    return [f"CPU: {cpu}, {os.cpu_count()} cores", f"BLAS kernel: {', '.join(blas)}",
            f"Python {platform.python_version()}, NumPy {np.__version__}",
            f"environment: {env or 'no OPENBLAS_* settings'}"]


GEMM_N = 1024  # the matrix-multiply peak: an n × n product, 2 n^3 flop


def gemm_run(dtype, n=GEMM_N):
    """One n × n matrix product, timed in turns with a training run for its peak rate."""
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((n, n)).astype(dtype), rng.standard_normal((n, n)).astype(dtype)
    return lambda: a @ b


def step_flops(sizes, batch):
    """Multiply-adds ×2 of one training step: forward, dW, and dX except for the input."""
    pairs = list(itertools.pairwise(sizes))
    return 2 * batch * (3 * sum(i * o for i, o in pairs) - sizes[0] * sizes[1])


# ------------------------------------------------------------------ training step
def data_for(sizes, n, dtype, seed=0):
    rng = np.random.default_rng(seed)
    if sizes[0] == 64:
        X, y = mv.digits()
        X = mv.standardize(X)[0]
        reps = -(-n // len(X))
        return np.tile(X, (reps, 1))[:n].astype(dtype), np.tile(y, reps)[:n]
    return rng.standard_normal((n, sizes[0])).astype(dtype), rng.integers(0, sizes[-1], n)


STEPS = 40  # training steps per timed run: 2 epochs of 20 mini-batches


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


def mlp_viz_step_run(sizes, batch, dtype, n_batches=20, epochs=2):
    X, y = data_for(sizes, batch * n_batches, dtype)
    net = mv.MLP(sizes, "relu", "softmax", seed=0, dtype=dtype)

    def run():  # the epoch's loss from its batches: the same work as the PyTorch loop
        mv.train(net, X, y, lr=0.01, epochs=epochs, batch_size=batch, loss="cross_entropy",
                 seed=0, epoch_loss="batches")

    return run


def torch_step_run(sizes, batch, dtype, n_batches=20, epochs=2):
    import torch

    X, y = data_for(sizes, batch * n_batches, dtype)
    tdtype = torch.float32 if dtype == np.float32 else torch.float64
    torch.manual_seed(0)
    layers = []
    for i, (a, b) in enumerate(itertools.pairwise(sizes)):
        layers.append(torch.nn.Linear(a, b, dtype=tdtype))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)

    def run():  # shuffled every epoch, as mlp_viz.train and scikit-learn do
        for _ in range(epochs):
            order = torch.randperm(len(Xt))
            for i in range(n_batches):
                rows = order[i * batch:(i + 1) * batch]
                xb, yb = Xt[rows], yt[rows]
                opt.zero_grad()
                loss = loss_fn(model(xb), yb)
                loss.backward()
                opt.step()

    return run


def sklearn_epoch_run(sizes, batch, dtype):
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    X, y = data_for(sizes, 1797, dtype)
    clf = MLPClassifier(hidden_layer_sizes=tuple(sizes[1:-1]), activation="relu",
                        solver="sgd", batch_size=batch, learning_rate_init=0.01,
                        momentum=0.0, nesterovs_momentum=False, alpha=0.0, max_iter=1,
                        shuffle=True, random_state=0)
    classes = np.arange(sizes[-1])

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf.partial_fit(X, y, classes=classes)

    return run


def mlp_viz_epoch_run(sizes, batch, dtype):
    X, y = data_for(sizes, 1797, dtype)
    net = mv.MLP(sizes, "relu", "softmax", seed=0, dtype=dtype)
    return lambda: mv.train(net, X, y, lr=0.01, epochs=1, batch_size=batch,
                            loss="cross_entropy", seed=0, epoch_loss="batches")


def have_torch():
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def training_rows(threads):
    rows = []
    rates = {np.float32: [], np.float64: []}
    configs = [([64, 128, 64, 10], 32), ([64, 128, 64, 10], 128),
               ([784, 256, 128, 10], 128), ([784, 256, 128, 10], 1024)]
    for sizes, batch in configs:
        for dtype in (np.float32, np.float64):
            # The matrix-multiply peak is timed in turns with the training steps,
            # so that the fraction of it compares like with like.
            runs = [mlp_viz_step_run(sizes, batch, dtype), gemm_run(dtype)]
            if have_torch():
                import torch

                torch.set_num_threads(threads)
                runs.append(torch_step_run(sizes, batch, dtype))
            medians = paired_medians(*runs)
            t = medians[0] / STEPS
            rate = 2 * GEMM_N**3 / medians[1]
            rates[dtype].append(rate)
            name = f"{'-'.join(map(str, sizes))}, batch {batch}, {np.dtype(dtype).name}"
            peak = step_flops(sizes, batch) / t / rate
            if have_torch():
                tt = medians[2] / STEPS
                vs = f"{tt / t:.2f}×"
            else:
                vs = "torch not installed"
            rows.append((name, f"{batch / t:,.0f}", vs, f"{peak:.0%}"))
            MEASURED[(threads, sizes[0], batch, np.dtype(dtype).name, "peak")] = peak
            if have_torch():
                MEASURED[(threads, sizes[0], batch, np.dtype(dtype).name, "torch")] = tt / t
    return rows, {dtype: statistics.median(r) for dtype, r in rates.items()}


def sklearn_rows():
    rows = []
    for dtype in (np.float64, np.float32):
        sizes, batch = [64, 128, 64, 10], 32
        ours, theirs = paired_medians(mlp_viz_epoch_run(sizes, batch, dtype),
                                      sklearn_epoch_run(sizes, batch, dtype))
        MEASURED[("sklearn", np.dtype(dtype).name)] = theirs / ours
        rows.append((f"digits 64-128-64-10, batch {batch}, {np.dtype(dtype).name}",
                     f"{ours * 1000:.1f}", f"{theirs * 1000:.1f}", f"{theirs / ours:.2f}×"))
    return rows


def float32_row():
    sizes, batch = [784, 256, 128, 10], 128
    t32, t64 = paired_medians(mlp_viz_step_run(sizes, batch, np.float32),
                              mlp_viz_step_run(sizes, batch, np.float64))
    MEASURED["float32"] = t64 / t32
    return t64 / t32


# ------------------------------------------------------------ surfaces, gradcheck
def surface_rows():
    rows = []
    X, y = mv.moons(200, seed=0)
    net = mv.MLP([2, 16, 2], "relu", "softmax", seed=0)
    mv.train(net, X, y, lr=0.5, epochs=20, batch_size=32, loss="cross_entropy")
    rows.append(_surface_row("2-16-2, 200 points, 101 × 101", "surface small", net, X, y, 101))
    Xd, yd = mv.digits()
    Xd = mv.standardize(Xd)[0]
    dnet = mv.MLP([64, 128, 64, 10], "relu", "softmax", seed=0)
    mv.train(dnet, Xd, yd, lr=0.1, epochs=10, batch_size=32, loss="cross_entropy", seed=0)
    rows.append(_surface_row("digits 64-128-64-10, 1797 points, 41 × 41 (filter-normalised)",
                             "surface digits", dnet, Xd, yd, 41))
    return rows


def _surface_row(label, key, net, X, y, resolution):
    """The vectorised surface and the loop over its grid points, timed in turns."""
    surface = mv.direction_surface(net, X, y, resolution=resolution, loss="cross_entropy")
    fast, slow = paired_medians(
        lambda: mv.direction_surface(net, X, y, resolution=resolution, loss="cross_entropy"),
        lambda: _loop_surface(net, X, y, surface, "cross_entropy"), repeats=3)
    MEASURED[key] = slow / fast
    return label, f"{fast * 1000:.0f}", f"{slow * 1000:.0f}", f"{slow / fast:.1f}×"


def _loop_surface(net, X, y, surface, loss):
    probe = net.copy()
    out = np.empty(surface.losses.shape)
    for i, b in enumerate(surface.betas):
        for j, a in enumerate(surface.alphas):
            probe.set_flat_params(surface.theta(a, b))
            out[i, j] = probe.loss(X, y, loss)
    return out


def gradcheck_row():
    X, y = mv.digits()
    X = mv.standardize(X)[0][:200]
    net = mv.MLP([64, 32, 10], "relu", "softmax", seed=0)
    batched, loop = paired_medians(
        lambda: mv.numerical_gradients(net, X, y[:200], "cross_entropy"),
        lambda: mv.numerical_gradients(net, X, y[:200], "cross_entropy", method="loop"),
        repeats=3)
    MEASURED["gradcheck"] = loop / batched
    return ("64-32-10, 200 samples, 2410 parameters", f"{batched * 1000:.0f}",
            f"{loop * 1000:.0f}", f"{loop / batched:.1f}×")


# ---------------------------------------------------------- imports and notebooks
def import_ratio():
    def run(code):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        return time.perf_counter() - start

    # Start-up times jitter by tens of milliseconds: medians of many runs.
    base = statistics.median(run("pass") for _ in range(15))
    numpy = statistics.median(run("import numpy") for _ in range(15)) - base
    ours = statistics.median(run("import mlp_viz") for _ in range(15)) - base
    return numpy, ours


def notebook_rows():
    import nbformat
    from nbclient import NotebookClient

    rows, total = [], 0.0
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        seconds = time.perf_counter() - start
        total += seconds
        rows.append((path.name, f"{seconds:.1f}"))
    rows.append(("the whole course", f"{total:.1f}"))
    return rows


def capstone():
    """Epochs and seconds of training to 97 % test accuracy on the digits (≤ 50 epochs)."""
    X, y = mv.digits()
    X_tr, X_te, y_tr, y_te = mv.split_data(X, y, 0.2, seed=0)
    X_tr, X_te = mv.standardize(X_tr, X_te)
    reached = {}
    net = mv.MLP([64, 64, 10], "relu", "softmax", seed=0)

    def note(epoch, loss, val_loss):
        if "epoch" not in reached and mv.accuracy(net, X_te, y_te) >= 0.97:
            reached["epoch"] = epoch

    mv.train(net, X_tr, y_tr, lr=0.1, epochs=50, batch_size=32, loss="cross_entropy", seed=0,
             callback=note)
    epochs = reached.get("epoch", 50)

    def run():  # the same training, timed alone, up to the epoch that reached 97 %
        mv.train(mv.MLP([64, 64, 10], "relu", "softmax", seed=0), X_tr, y_tr, lr=0.1,
                 epochs=epochs, batch_size=32, loss="cross_entropy", seed=0)

    return median_time(run, repeats=3), reached.get("epoch")


def targets_table():
    m = MEASURED
    rows = []

    def row(target, value, goal, fmt="{:.2f}×"):
        if value is None:
            rows.append((target, "not measured (torch not installed)", "—"))
            return
        met = value >= goal
        rows.append((target, fmt.format(value), "met" if met else
                     f"not met: {fmt.format(value)} of {fmt.format(goal)}"))

    row("1 thread, float32, 784-256-128-10, batch 128: ≥ 1.2× PyTorch",
        m.get((1, 784, 128, "float32", "torch")), 1.2)
    row("1 thread, float32, digits, batch 32: ≥ 2× PyTorch",
        m.get((1, 64, 32, "float32", "torch")), 2.0)
    row("1 thread, float32, batch 1024: ≥ 85 % of the matmul peak",
        m.get((1, 784, 1024, "float32", "peak")), 0.85, "{:.1%}")
    row("≥ 2× scikit-learn, float64", m.get(("sklearn", "float64")), 2.0)
    row("≥ 1.3× scikit-learn, float32", m.get(("sklearn", "float32")), 1.3)
    row("float32 ≥ 1.8× float64 (784 network)", m.get("float32"), 1.8)
    row("loss surface 2-16-2, 101 × 101: ≥ 7× the loop", m.get("surface small"), 7.0)
    row("loss surface, digits slice: ≥ 1.5× the loop", m.get("surface digits"), 1.5)
    row("batched gradient check: ≥ 3× the loop", m.get("gradcheck"), 3.0)
    return rows


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv=None):
    global REPEATS
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args(argv)
    if args.quick:
        REPEATS = 2
    out = ["# Benchmarks", "", "Made by `.venv/bin/python -m bench` on this machine:", ""]
    out += [f"- {fact}" for fact in machine_facts()]
    for threads in (1, 2):
        with threadpool_limits(limits=threads, user_api="blas"):
            rows, peaks = training_rows(threads)
            out += ["", f"## Training step, {threads} thread{'s' * (threads > 1)}", "",
                    f"Matrix-multiply peak of this process ({GEMM_N} × {GEMM_N} products, "
                    f"timed in turns with each row): {peaks[np.float32] / 1e9:.0f} GFLOP/s "
                    f"(float32), {peaks[np.float64] / 1e9:.0f} GFLOP/s (float64), medians.",
                    "Samples per second through forward, backward and the SGD update "
                    "(`train` with `epoch_loss=\"batches\"`); 'vs PyTorch' is PyTorch's time "
                    "per step over mlp_viz's (above 1: mlp_viz is faster).", "",
                    table(["network, batch, dtype", "samples/s", "vs PyTorch eager",
                           "of matmul peak"], rows)]
            if threads == 1:
                out += ["", f"float32 against float64, 784-256-128-10, batch 128: "
                        f"{float32_row():.2f}× faster."]
    with threadpool_limits(limits=1, user_api="blas"):
        out += ["", "## One epoch against scikit-learn (1 thread)", "",
                "`MLPClassifier(solver='sgd')`, one `partial_fit` over the 1797 digits, "
                "against `mlp_viz.train(epochs=1)`, same layers and batch size.", "",
                table(["set-up", "mlp_viz (ms)", "scikit-learn (ms)", "speed-up"],
                      sklearn_rows())]
        out += ["", "## Loss surface: the vectorised grid against a loop over grid points", "",
                table(["surface", "vectorised (ms)", "loop (ms)", "speed-up"],
                      surface_rows())]
        out += ["", "## Gradient check: batched finite differences against a loop", "",
                table(["network", "batched (ms)", "loop (ms)", "speed-up"],
                      [gradcheck_row()])]
    widget_rows = measure()
    out += ["", "## Explorers: one slider step (recompute + redraw + PNG)", "",
            "A setting new to the explorer is computed and drawn; a setting seen before is "
            "remembered and only drawn. The target is judged on new settings.", "",
            table(HEADER, [row_cells(row) for row in widget_rows])]
    import matplotlib

    label_ms = label_cost()
    out += ["", f"matplotlib {matplotlib.__version__} draws one short text label in "
            f"{label_ms:.2f} ms here (50 labels drawn, the empty figure's time taken off)."]
    slider = {row[0]: row[2] for row in widget_rows}
    seconds, reached = capstone()  # reached: the epoch of 97 %, or None
    numpy_s, ours_s = import_ratio()
    rows = targets_table()
    for name, med in slider.items():
        rows.append((f"{name}: slider step median < 150 ms (new settings)", f"{med:.0f} ms",
                     "met" if med < 150 else f"not met: {med:.0f} ms"))
    rows.append(("digits: 97 % test accuracy within 50 epochs in < 0.3 s of training",
                 f"97 % at epoch {reached} after {seconds:.2f} s" if reached else
                 "97 % not reached in 50 epochs",
                 "met" if reached and seconds < 0.3 else "not met"))
    ratio = ours_s / numpy_s
    rows.append(("`import mlp_viz` ≤ 1.5× `import numpy`", f"{ratio:.2f}×",
                 "met" if ratio <= 1.5 else "not met"))
    out += ["", "## Targets (issue 7)", "", table(["target", "measured", "verdict"], rows),
            "", "How the rows are measured: the training rows run `mlp_viz.train(..., "
            "epoch_loss=\"batches\")`, which shuffles the data every epoch and records each "
            "epoch's loss from its mini-batches; the PyTorch loop also shuffles every epoch "
            "(`torch.randperm`, then indexing) and scikit-learn's `partial_fit` shuffles too, "
            "so each side does the same work. By default `train` also measures the loss on the "
            "whole training set before training and after every epoch, one more forward pass "
            "over the data each time (about a third of an epoch's work).",
            "", "Where a target is not met, the causes measured so far:",
            "", "- Explorers: matplotlib's redraw and PNG of a three-panel figure take about "
            "100 to 130 ms by themselves here (a step's median minus its computing column). "
            "A third or more of that is text: a step draws some 40 to 50 labels (ticks, titles, "
            "legends), and matplotlib 3.11 shapes each one anew (the cost of a short one is "
            "above); clearing the panels and drawing them again takes most of the rest. "
            "The dropout explorer also retrains for 800 steps of a 2-48-48-1 network, about "
            "0.1 s, where each step is some sixty NumPy calls on 10 × 48 arrays: Python's call "
            "overhead, not arithmetic, sets that time.",
            "- Training steps: at batch 128 on the 784 network the matrix products alone take "
            "about 85 % of a step and run at the peak rate; the element-wise work and the "
            "Python around them make the rest, so the ratio to PyTorch moves by a tenth from "
            "run to run.",
            "- scikit-learn, float64: one digits epoch is 57 steps of 32 samples, where the "
            "fixed cost per NumPy call weighs as much as the arithmetic."]
    out += ["", "## Import time", "",
            f"`import numpy` {numpy_s * 1000:.0f} ms, `import mlp_viz` {ours_s * 1000:.0f} ms "
            f"(interpreter start-up subtracted): {ours_s / numpy_s:.2f}× numpy's."]
    out += ["", "## Notebooks, executed from a fresh kernel", "",
            table(["notebook", "seconds"], notebook_rows())]
    text = "\n".join(out) + "\n"
    OUT.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
