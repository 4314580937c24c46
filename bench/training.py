"""Training steps and epochs of mlp_viz beside PyTorch and scikit-learn, and the peak rate.

Used by ``python -m bench``; every figure is the median of runs timed in turns
(see :func:`bench.common.paired_medians`).
"""

from __future__ import annotations

import itertools
import statistics

import numpy as np
from threadpoolctl import threadpool_limits

import mlp_viz as mv
from bench.common import MEASURED, paired_medians

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
    """One digits epoch against scikit-learn, with 1 and with 2 BLAS threads."""
    rows = []
    for threads in (1, 2):
        with threadpool_limits(limits=threads, user_api="blas"):
            for dtype in (np.float64, np.float32):
                sizes, batch = [64, 128, 64, 10], 32
                ours, theirs = paired_medians(mlp_viz_epoch_run(sizes, batch, dtype),
                                              sklearn_epoch_run(sizes, batch, dtype))
                MEASURED[("sklearn", np.dtype(dtype).name, threads)] = theirs / ours
                rows.append((f"digits 64-128-64-10, batch {batch}, {np.dtype(dtype).name}",
                             threads, f"{ours * 1000:.1f}", f"{theirs * 1000:.1f}",
                             f"{theirs / ours:.2f}×"))
    return rows


def float32_row():
    sizes, batch = [784, 256, 128, 10], 128
    t32, t64 = paired_medians(mlp_viz_step_run(sizes, batch, np.float32),
                              mlp_viz_step_run(sizes, batch, np.float64))
    MEASURED["float32"] = t64 / t32
    return t64 / t32


def step_parts(sizes=(784, 256, 128, 10), batch=1024, dtype=np.float32, n_batches=20):
    """Where a training step's time goes beyond its matrix products (ms per step).

    Timed in turns: the whole step (``train``, as in the table); the step's
    matrix products alone (forward, dW, and dX except for the input), on
    arrays already in the cache; gathering one batch's rows from the shuffled
    data, as ``train`` does; and the peak product. Returns a dict of
    milliseconds per step and the peak rate in flop/s.
    """
    rng = np.random.default_rng(0)
    pairs = list(itertools.pairwise(sizes))
    acts = [rng.standard_normal((batch, n)).astype(dtype) for n in sizes]
    weights = [rng.standard_normal((o, i)).astype(dtype) for i, o in pairs]
    grads = [np.empty_like(W) for W in weights]
    outs = [np.empty((batch, n), dtype) for n in sizes]

    def products():
        for l, W in enumerate(weights):
            np.matmul(acts[l], W.T, out=outs[l + 1])  # forward
            np.matmul(acts[l + 1].T, acts[l], out=grads[l])  # dW = dZ.T @ A_prev
            if l:
                np.matmul(acts[l + 1], W, out=outs[l])  # dA_prev = dZ @ W

    X = data_for(list(sizes), batch * n_batches, dtype)[0]
    rows = np.empty((batch, sizes[0]), dtype)

    def gather():  # one epoch's batches, as train copies them
        order = rng.permutation(len(X))
        for i in range(n_batches):
            X.take(order[i * batch:(i + 1) * batch], axis=0, out=rows, mode="clip")

    step, prod, gath, gemm = paired_medians(mlp_viz_step_run(list(sizes), batch, dtype),
                                            products, gather, gemm_run(dtype))
    rate = 2 * GEMM_N**3 / gemm
    parts = {"step": step / STEPS * 1000, "products": prod * 1000,
             "gather": gath / n_batches * 1000, "rate": rate,
             "ideal": step_flops(list(sizes), batch) / rate * 1000}
    MEASURED["step parts"] = parts
    return parts
