"""Optimisers: what momentum, Adam and RMSprop cost beside plain SGD, and beside PyTorch.

    .venv/bin/python -m bench.optimizers            writes bench/OPTIMIZERS.md
    .venv/bin/python -m bench.optimizers --quick    fewer repeats (a smoke test)

Every figure is a ratio of runs timed in turns in this process (medians, one
BLAS thread): an optimiser's training step against plain SGD's on the same
network and batches, and mlp_viz's step against the same step in PyTorch
(eager, CPU; ``torch.optim``, with ``torch.nn.utils.clip_grad_norm_`` for
clipping). Before timing, both libraries train the same network from the
same weights on the same batches, and the table gives how far apart their
parameters end: the two take the same steps. PyTorch is optional; without
it those columns say so.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

import mlp_viz as mv
from bench import common
from bench.common import paired_medians, table
from bench.training import data_for, have_torch

OUT = Path(__file__).resolve().parent / "OPTIMIZERS.md"
BATCHES, EPOCHS = 20, 2  # 40 steps per timed run

# name shown, mlp_viz's train arguments, and how to build the same in torch.optim
SETTINGS = [
    ("SGD", dict(optimizer="sgd"), ("SGD", {})),
    ("SGD, momentum 0.9", dict(optimizer=mv.SGD(momentum=0.9)), ("SGD", dict(momentum=0.9))),
    ("SGD, Nesterov 0.9", dict(optimizer=mv.SGD(momentum=0.9, nesterov=True)),
     ("SGD", dict(momentum=0.9, nesterov=True))),
    ("Adam", dict(optimizer="adam"), ("Adam", {})),
    ("RMSprop", dict(optimizer="rmsprop"), ("RMSprop", {})),
    ("Adam, weight decay 1e-4, clip 1", dict(optimizer="adam", weight_decay=1e-4, clip_norm=1.0),
     ("Adam", {})),
]
NETWORKS = [((784, 256, 128, 10), 128), ((64, 128, 64, 10), 32)]
LR = 0.01
REPEATS = 15  # timed runs of each, in turns: the overheads sought are a few per cent


def mlp_viz_run(sizes, batch, dtype, train_kw, data=None):
    """A training run of EPOCHS epochs of BATCHES mini-batches in mlp_viz, as a closure.

    Runs timed against each other share their `data` (the same arrays in
    memory), so that only the optimiser differs between them.
    """
    X, y = data_for(sizes, batch * BATCHES, dtype) if data is None else data
    net = mv.MLP(list(sizes), "relu", "softmax", seed=0, dtype=dtype)

    def run():
        mv.train(net, X, y, lr=LR, epochs=EPOCHS, batch_size=batch, loss="cross_entropy",
                 seed=0, epoch_loss="batches", **train_kw)

    return run, net, X, y


def torch_model(net):
    """A torch.nn.Sequential with the weights of the mlp_viz network `net`."""
    import torch

    layers = []
    for i, (W, b) in enumerate(zip(net.weights, net.biases)):
        linear = torch.nn.Linear(W.shape[1], W.shape[0], dtype=torch.from_numpy(W).dtype)
        with torch.no_grad():  # nn.Linear stores W as (n_out, n_in), as mlp_viz does
            linear.weight.copy_(torch.from_numpy(W))
            linear.bias.copy_(torch.from_numpy(b))
        layers.append(linear)
        if i < net.n_layers - 1:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def torch_optimizer(model, kind, options, train_kw):
    """The torch.optim optimiser for mlp_viz's settings: decay on the weights only."""
    import torch

    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    biases = [p for name, p in model.named_parameters() if name.endswith("bias")]
    groups = [dict(params=weights, weight_decay=train_kw.get("weight_decay", 0.0)),
              dict(params=biases, weight_decay=0.0)]
    return getattr(torch.optim, kind)(groups, lr=LR, **options)


def torch_step(model, opt, loss_fn, xb, yb, clip_norm):
    """One training step in PyTorch: forward, loss, backward, clip, step."""
    import torch

    opt.zero_grad()
    loss = loss_fn(model(xb), yb)
    loss.backward()
    if clip_norm is not None:
        torch.nn.utils.clip_grad_norm_(model.parameters(), clip_norm)
    opt.step()


def torch_run(net, X, y, batch, kind, options, train_kw):
    """The same run in PyTorch (shuffled every epoch with torch.randperm), as a closure."""
    import torch

    model = torch_model(net)
    opt = torch_optimizer(model, kind, options, train_kw)
    loss_fn = torch.nn.CrossEntropyLoss()
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    clip = train_kw.get("clip_norm")

    def run():
        for _ in range(EPOCHS):
            order = torch.randperm(len(Xt))
            for i in range(BATCHES):
                rows = order[i * batch:(i + 1) * batch]
                torch_step(model, opt, loss_fn, Xt[rows], yt[rows], clip)

    return run


def agreement(sizes, batch, kind, options, train_kw, dtype=np.float64):
    """Largest relative difference between the parameters of mlp_viz and PyTorch after
    two epochs on the same batches (mlp_viz's shuffle, replayed in PyTorch), in float64."""
    import torch

    _, net, X, y = mlp_viz_run(sizes, batch, dtype, train_kw)
    model = torch_model(net)
    opt = torch_optimizer(model, kind, options, train_kw)
    loss_fn = torch.nn.CrossEntropyLoss()
    gen = np.random.default_rng(0)  # the generator train(seed=0) shuffles with
    for _ in range(EPOCHS):
        order = gen.permutation(len(X))
        for i in range(BATCHES):
            rows = order[i * batch:(i + 1) * batch]
            torch_step(model, opt, loss_fn, torch.from_numpy(X[rows]),
                       torch.from_numpy(y[rows]), train_kw.get("clip_norm"))
    mv.train(net, X, y, lr=LR, epochs=EPOCHS, batch_size=batch, loss="cross_entropy", seed=0,
             epoch_loss="batches", **train_kw)
    ours = net.get_flat_params()
    theirs = np.concatenate([p.detach().numpy().ravel() for p in model.parameters()])
    return float(np.max(np.abs(ours - theirs)) / np.max(np.abs(ours)))


def rows_for(sizes, batch, dtype=np.float32):
    """One table row per optimiser setting: step time, cost over SGD, against PyTorch."""
    torch_ok = have_torch()
    if torch_ok:
        import torch

        torch.set_num_threads(1)
    data = data_for(sizes, batch * BATCHES, dtype)
    sgd_run = mlp_viz_run(sizes, batch, dtype, {}, data)[0]
    rows = []
    for label, train_kw, (kind, options) in SETTINGS:
        run, net, X, y = mlp_viz_run(sizes, batch, dtype, train_kw, data)
        runs = [run, sgd_run]
        if torch_ok:
            runs.append(torch_run(net.copy(), X, y, batch, kind, options, train_kw))
        medians = paired_medians(*runs, repeats=REPEATS)
        ms = medians[0] / (BATCHES * EPOCHS) * 1e3
        over_sgd = medians[0] / medians[1] - 1
        if torch_ok:
            vs = f"{medians[2] / medians[0]:.2f}×"
            same = f"{agreement(sizes, batch, kind, options, train_kw):.0e}"
        else:
            vs = same = "torch not installed"
        rows.append([label, f"{ms:.3f}", f"{over_sgd:+.0%}", vs, same])
        common.MEASURED[("optimizer", sizes[0], batch, label)] = (over_sgd, medians)
    # PyTorch's own cost of each optimiser over its plain SGD (from the runs above)
    torch_sgd = common.MEASURED[("optimizer", sizes[0], batch, "SGD")][1][2:]
    for row in rows:
        theirs = common.MEASURED[("optimizer", sizes[0], batch, row[0])][1][2:]
        row.insert(3, f"{theirs[0] / torch_sgd[0] - 1:+.0%}" if theirs else "torch not installed")
    return [tuple(row) for row in rows]


def report(quick=False):
    """The text of bench/OPTIMIZERS.md."""
    from bench.__main__ import machine_facts

    global REPEATS
    if quick:
        REPEATS = 2
    out = ["# Optimisers", "", "Made by `.venv/bin/python -m bench.optimizers` on this machine:",
           ""]
    out += [f"- {fact}" for fact in machine_facts()]
    out += ["", "Each row: `mlp_viz.train` for 40 steps (2 epochs of 20 shuffled mini-batches, "
            "cross-entropy, ReLU, float32, one BLAS thread), timed in turns with plain SGD's "
            "run and the same run in PyTorch (eager, `torch.optim`; medians). 'over SGD' is "
            "the extra time per step, and 'PyTorch: over its SGD' the same for PyTorch's "
            "optimiser; 'vs PyTorch' is PyTorch's time over mlp_viz's (above 1: mlp_viz is "
            "faster). 'same steps' is the largest difference between the two "
            "libraries' parameters after the 40 steps from the same weights on the same "
            "batches, in float64, relative to the largest parameter."]
    with threadpool_limits(limits=1, user_api="blas"):
        for sizes, batch in NETWORKS:
            out += ["", f"## {'-'.join(map(str, sizes))}, batch {batch}", "",
                    table(["optimiser", "ms per step", "over SGD", "PyTorch: over its SGD",
                           "vs PyTorch eager", "same steps"], rows_for(sizes, batch))]
        costs = update_costs()
    out += ["", "## The update alone", "",
            "Each optimiser's `step` on a flat float32 gradient of the 784-256-128-10 "
            f"network's {N_PARAMS:,} parameters (medians of {UPDATE_REPEATS} runs, one BLAS "
            "thread), and one element-wise operation over the same array for scale:", "",
            table(["operation", "µs"], [(name, f"{us:.0f}") for name, us in costs])]
    out += ["", "## Targets (issue 14)", "", table(["target", "measured", "verdict"],
                                                   targets())]
    return "\n".join(out) + "\n"


N_PARAMS = 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10
UPDATE_REPEATS = 200


def update_costs():
    """Microseconds of each optimiser's step on N_PARAMS float32 entries, and of single ops."""
    rng = np.random.default_rng(0)
    gradient = rng.standard_normal(N_PARAMS).astype(np.float32) * 1e-3
    g, out = gradient.copy(), np.empty_like(gradient)

    def timed(fn):
        times = []
        for _ in range(UPDATE_REPEATS):
            np.copyto(g, gradient)  # every step starts from the same gradient
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times) * 1e6

    rows = []
    for label, train_kw, _ in SETTINGS[:5]:
        rule = mv.get_optimizer(train_kw["optimizer"])
        state = rule.new_state(g)
        rows.append((f"{label}: step",
                     timed(lambda rule=rule, state=state: rule.step(g, state, LR))))
    rows.append(("one multiplication, g *= c", timed(lambda: np.multiply(g, 0.5, out=g))))
    np.abs(gradient, out=gradient)  # a square root of positive numbers
    rows.append(("one square root, sqrt(g) into another array",
                 timed(lambda: np.sqrt(g, out=out))))
    return rows


def targets():
    """The issue's targets, judged on the rows just measured."""
    rows = []
    for label in ("SGD, momentum 0.9", "Adam"):
        over, _ = common.MEASURED[("optimizer", 784, 128, label)]
        rows.append((f"{label} step: at most 15 % over plain SGD, 784-256-128-10, batch 128, "
                     "float32", f"{over:+.1%}", "met" if over <= 0.15 else "not met"))
    for sizes, batch, goal in ((784, 128, 1.2), (64, 32, 2.0)):
        _, medians = common.MEASURED[("optimizer", sizes, batch, "SGD")]
        shown = "torch not installed"
        verdict = shown
        if len(medians) == 3:
            ratio = medians[2] / medians[0]
            shown, verdict = f"{ratio:.2f}×", "met" if ratio >= goal else "not met"
        network = "784-256-128-10" if sizes == 784 else "64-128-64-10"
        rows.append((f"SGD step: at least {goal:g}× PyTorch eager, {network}, batch {batch}, "
                     "float32", shown, verdict))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.optimizers", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args(argv)
    text = report(args.quick)
    OUT.write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
