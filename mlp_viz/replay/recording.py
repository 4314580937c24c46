"""A training run recorded step by step, and any of its steps reopened exactly.

:func:`record_run` trains once and keeps what an exact replay needs: the
parameters after every update (``History.snapshots``) and, for every update,
the rows of its batch and dropout's masks (``train(on_step=...)``). Then
:meth:`Recording.at` reopens step ``k``: the network before it, its batch,
its forward pass and its gradients, recomputed from those records with the
same arithmetic, and checked against the update that was made.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from .. import datasets
from .._validation import as_float_array, as_numeric_array, check_finite, check_int
from ..network import MLP
from ..optimizers import SGD, Adam
from ..surfaces import LossSurface, Trajectory, direction_surface, path_directions
from ..trace import Trace
from ..training import DivergenceWarning, History, train

__all__ = ["DATA", "OPTIMIZER_CHOICES", "Problem", "Recording", "StepRecord", "make_problem",
           "record_run"]

DATA = ("xor", "moons", "circles", "spirals", "regression")
"""The data sets a playground can train on; "own" data come as X and y."""

OPTIMIZER_CHOICES = {"sgd": SGD(), "momentum": SGD(momentum=0.9), "adam": Adam()}
"""The optimiser menu: names a learner picks, and what each one means."""

SURFACE_RESOLUTION = 21
PATH_POINTS = 80  # points of the path whose true loss is computed for the surface panel


@dataclass
class Problem:
    """The data a playground trains on, split into training and validation sets.

    Attributes
    ----------
    name : str
        One of ``DATA``, or "own" for data passed in.
    X, y, X_val, y_val : ndarray
        ``(n, n_features)`` inputs and ``(n,)`` targets.
    classification : bool
        Two classes (labels 0 and 1) or a regression (real targets).
    """

    name: str
    X: np.ndarray
    y: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    classification: bool

    @property
    def loss(self):
        """The loss the problem trains with."""
        return "binary_cross_entropy" if self.classification else "mse"

    @property
    def n_features(self):
        """Inputs per sample: 2 (points in a plane) or 1 (a curve)."""
        return self.X.shape[1]


def make_problem(data="moons", *, noise=0.2, seed=0, X=None, y=None, n_samples=200):
    """The data of a playground: a named data set, or X and y of one's own.

    Parameters
    ----------
    data : str
        One of ``DATA``; ignored when `X` and `y` are given.
    noise : float
        Noise of the named data set.
    seed : int
        Seeds the data and the split (a quarter is held out for validation).
    X, y : array_like, optional
        Own data: 2-D points ``(n, 2)`` with labels 0 and 1, or 1-D inputs
        ``(n,)`` or ``(n, 1)`` with real targets.
    n_samples : int
        Points of a named data set.

    Returns
    -------
    Problem
    """
    if (X is None) != (y is None):
        raise ValueError("give both X and y for data of your own, or neither.")
    if X is None:
        if data not in DATA:
            raise ValueError(f"unknown data {data!r}; valid names are: {', '.join(DATA)} (or "
                             "pass X and y of your own).")
        if data == "regression":
            X, y = datasets.regression_1d(n_samples, noise=noise, seed=seed)
        elif data == "spirals":
            X, y = datasets.spirals(n_samples, noise=noise, n_classes=2, seed=seed)
        else:
            X, y = getattr(datasets, data)(n_samples, noise=noise, seed=seed)
        name = data
    else:
        X, y, name = *_own_data(X, y), "own"
    classification = X.shape[1] == 2
    X_tr, X_val, y_tr, y_val = datasets.split_data(X, y, 0.25, seed=seed)
    return Problem(name, X_tr, y_tr.astype(float), X_val, y_val.astype(float), classification)


def _own_data(X, y):
    """Check data of one's own: what the playground can show, in words, or an error."""
    X = as_float_array(X, "X")
    y = as_numeric_array(y, "y")
    check_finite(y, "y")
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2 or X.shape[1] not in (1, 2):
        raise ValueError(
            f"the playground draws 1-D inputs (a curve) or 2-D points (a plane); X has shape "
            f"{X.shape}. Pass X of shape (n, 2) with labels 0/1, or (n,) with real targets."
        )
    y = y.reshape(-1) if y.ndim == 2 and y.shape[1] == 1 else y
    if y.ndim != 1 or len(y) != len(X):
        raise ValueError(f"y must hold one target per row of X, shape ({len(X)},); got shape "
                         f"{y.shape}.")
    if len(X) < 8:
        raise ValueError(f"the playground needs at least 8 samples (a quarter is held out for "
                         f"validation); got {len(X)}.")
    if X.shape[1] == 2:
        labels = np.unique(y)
        if not set(labels.tolist()) <= {0.0, 1.0}:
            shown = ", ".join(f"{v:g}" for v in labels[:5]) + (", ..." if labels.size > 5
                                                                else "")
            raise ValueError(
                f"2-D points need labels 0 and 1 (two classes); y holds [{shown}]. For three "
                "or more classes use mv.MLP with a softmax output and mv.train instead."
            )
    return X, y


@dataclass
class StepRecord:
    """One update of a recorded run, reopened (see :meth:`Recording.at`).

    Attributes
    ----------
    iteration, epoch : int
        Counted from 1.
    net_before, net_after : MLP
        The network before and after the update.
    X, y : ndarray
        The batch, in the order the step used it.
    trace : Trace
        The step's forward pass (with its dropout masks).
    loss : float
        The batch's loss, as the update saw it.
    grads : list of (dW, db)
        The gradients of that loss (before clipping and weight decay).
    """

    iteration: int
    epoch: int
    net_before: MLP
    net_after: MLP
    X: np.ndarray
    y: np.ndarray
    trace: Trace
    loss: float
    grads: list


@dataclass
class Recording:
    """A training run recorded at every update.

    Attributes
    ----------
    problem : Problem
    start : MLP
        The network before training.
    history : History
        With ``snapshots[k]``: the parameters after ``k`` updates.
    steps : list of Step
        What each update used (its batch's rows, dropout's masks).
    settings : dict
        lr, epochs, batch_size, optimizer, weight_decay, dropout.
    surface : LossSurface
        The loss on the plane of the path (its two principal directions,
        centred on where it ended).
    path : Trajectory
        Up to ``PATH_POINTS`` points of the path on that plane, with their
        true losses; ``path_iterations`` says which iteration each one is.
    """

    problem: Problem
    start: MLP
    history: History
    steps: list
    settings: dict
    surface: LossSurface
    path: Trajectory
    path_iterations: np.ndarray
    _nets: dict = field(default_factory=dict, repr=False)

    @property
    def n_iterations(self):
        """The last iteration that can be shown: updates made and kept.

        When the loss blows up, training stops and puts the network back to
        the end of the last sound epoch; the updates after it are in the
        history's losses, but there is no network to show for them.
        """
        return len(self.history.snapshots) - 1

    def network(self, k):
        """The network after `k` updates (0: before training), a fresh copy."""
        k = check_int(k, "iteration", low=0, high=self.n_iterations,
                      hint=f"This run made {self.n_iterations} updates.")
        net = self.start.copy()
        net.set_flat_params(self.history.snapshots[k])
        return net

    def at(self, k):
        """Reopen update `k` (1 .. n_iterations) in numbers.

        Returns
        -------
        StepRecord
            The network before and after, the batch, the forward pass with
            its dropout masks, the loss and the gradients: recomputed from
            the recorded parameters, rows and masks, exactly as training
            computed them.
        """
        k = check_int(k, "k", low=1, high=max(1, self.n_iterations),
                      hint=f"Updates are counted from 1 to {self.n_iterations}; iteration 0 "
                           "is the network before training, which made no step.")
        if self.n_iterations == 0:
            raise ValueError("this run made no update (its loss blew up at once).")
        step = self.steps[k - 1]
        before = self.network(k - 1)
        p = self.problem
        rows = np.arange(len(p.X)) if step.rows is None else step.rows
        rate = self.settings["dropout"]
        trace = before.forward_trace(p.X[rows], training=rate > 0, dropout=rate,
                                     keep_masks=step.keep_masks if rate > 0 else None)
        loss, grads = before.backward(trace, p.y[rows], p.loss)
        return StepRecord(k, step.epoch, before, self.network(k), p.X[rows], p.y[rows], trace,
                          loss, grads)


def record_run(problem, *, hidden, activation, lr, epochs, batch_size, optimizer,
               weight_decay, dropout, seed):
    """Train once, recording every update, and place the path on a loss surface.

    Returns
    -------
    Recording
    """
    sizes = [problem.n_features, *hidden, 1]
    out = "sigmoid" if problem.classification else "identity"
    start = MLP(sizes, activation, out, init="xavier", seed=seed)
    net, steps = start.copy(), []
    with warnings.catch_warnings():
        # The playground shows a blow-up in its figure; a warning would only pile up.
        warnings.simplefilter("ignore", DivergenceWarning)
        history = train(net, problem.X, problem.y, lr=lr, epochs=epochs, batch_size=batch_size,
                        loss=problem.loss, optimizer=OPTIMIZER_CHOICES[optimizer],
                        weight_decay=weight_decay, dropout=dropout, seed=seed,
                        X_val=problem.X_val, y_val=problem.y_val, snapshot_every=1,
                        on_step=steps.append)
    settings = dict(lr=lr, epochs=epochs, batch_size=batch_size, optimizer=optimizer,
                    weight_decay=weight_decay, dropout=dropout)
    surface, path, its = _surface_and_path(start, net, history, problem)
    return Recording(problem, start, history, steps, settings, surface, path, its)


def _surface_and_path(start, net, history, problem):
    """The loss on the plane of the path, and the path's points with their true losses."""
    snapshots = history.snapshots
    centre = net.get_flat_params()
    if len(snapshots) < 3 or np.ptp(snapshots, axis=0).max() == 0:
        d1, d2 = _fallback_directions(net.n_params)
        span = 1.0
    else:
        d1, d2, _ = path_directions(snapshots, centre)
        offsets = (snapshots - centre) @ np.column_stack([d1, d2])
        span = max(1e-3, 1.3 * float(np.max(np.abs(offsets))))
    surface = direction_surface(net, problem.X, problem.y, directions=(d1, d2), span=span,
                                resolution=SURFACE_RESOLUTION, loss=problem.loss,
                                title="Loss on the plane of this run's path")
    its = np.unique(np.linspace(0, len(snapshots) - 1, min(PATH_POINTS, len(snapshots)))
                    .round().astype(int))
    probe = start.copy()
    losses = []
    for k in its:
        probe.set_flat_params(snapshots[k])
        losses.append(probe.loss(problem.X, problem.y, problem.loss))
    return surface, surface.project(snapshots[its], losses), its


def _fallback_directions(n):
    """Two orthonormal directions for a path too short to have its own plane."""
    d1, d2 = np.zeros(n), np.zeros(n)
    d1[0] = 1.0
    d2[min(1, n - 1)] = 1.0
    return d1, d2

