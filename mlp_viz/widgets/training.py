"""The training explorer: learning rate, epochs and batch size, and what they do.

The numbers come from two plain functions, :func:`make_problem` (data, the
starting network and its loss surface, computed once) and
:func:`run_training` (one training run for one setting of the sliders).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from .. import datasets
from ..network import MLP
from ..surfaces import LossSurface, Trajectory, direction_surface, path_directions
from ..training import DivergenceWarning, History, accuracy, train
from ._base import Explorer, control

__all__ = ["PROBLEMS", "Problem", "TrainingRun", "divergence_note", "make_problem",
           "run_training", "training_explorer"]

PROBLEMS = ("moons", "xor", "circles", "spirals", "regression")
"""The data sets the explorer can train on."""

_MAX_SNAPSHOTS = 60


@dataclass
class Problem:
    """Everything that does not change while the sliders move.

    Attributes
    ----------
    name : str
    X, y, X_val, y_val : ndarray
        Training and validation data, ``(n, n_features)`` and ``(n,)``.
    loss : str
    net : MLP
        The starting network; every run trains a copy of it.
    surface : LossSurface
        The loss on the plane of a reference run's path (its two principal
        directions, centred on where it ended).
    classification : bool
    seed : int
    """

    name: str
    X: np.ndarray
    y: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    loss: str
    net: MLP
    surface: LossSurface
    classification: bool
    seed: int


@dataclass
class TrainingRun:
    """One training run and its path on the problem's loss surface.

    Attributes
    ----------
    net : MLP
        The trained copy.
    history : History
    trajectory : Trajectory
        The run's parameter snapshots projected on the surface's plane, with
        the true loss of each.
    accuracy : float or None
        Training accuracy for classification problems.
    """

    net: MLP
    history: History
    trajectory: Trajectory
    accuracy: float | None


def _snapshot_every(n_samples, batch_size, epochs):
    per_epoch = 1 if batch_size is None else -(-n_samples // batch_size)
    return max(1, per_epoch * epochs // _MAX_SNAPSHOTS)


def _quiet_train(net, problem, **kwargs):
    with warnings.catch_warnings():
        # The explorer shows divergence in its figure; a warning would only pile up.
        warnings.simplefilter("ignore", DivergenceWarning)
        return train(net, problem.X, problem.y, loss=problem.loss, seed=problem.seed,
                     X_val=problem.X_val, y_val=problem.y_val, **kwargs)


def make_problem(name="moons", *, hidden=(8, 8), activation="tanh", n_samples=200, noise=0.2,
                 seed=0, reference=None, resolution=41):
    """Data, a starting network and its loss surface for the training explorer.

    Parameters
    ----------
    name : str
        One of ``PROBLEMS``.
    hidden : tuple of int
        Hidden-layer widths.
    activation : str
        Hidden activation.
    n_samples : int
        Points in the data set; a quarter is held out for validation.
    noise : float
        Noise of the data set.
    seed : int
        Seeds the data, the split, the initial weights and the shuffling.
    reference : dict, optional
        ``lr``, ``epochs`` and ``batch_size`` of the reference run whose path
        defines the plane of the loss surface; the default is a steady run.
    resolution : int
        Grid points per axis of the surface.

    Returns
    -------
    Problem
    """
    if name not in PROBLEMS:
        raise ValueError(f"unknown problem {name!r}; valid names are: {', '.join(PROBLEMS)}.")
    if name == "regression":
        X, y = datasets.regression_1d(n_samples, noise=noise, seed=seed)
        sizes, out, loss = [1, *hidden, 1], "identity", "mse"
    else:
        X, y = getattr(datasets, name)(n_samples, noise=noise, seed=seed)
        sizes, out, loss = [2, *hidden, 1], "sigmoid", "binary_cross_entropy"
    X_tr, X_val, y_tr, y_val = datasets.split_data(X, y, 0.25, seed=seed)
    net = MLP(sizes, activation, out, init="xavier", seed=seed)
    problem = Problem(name, X_tr, y_tr, X_val, y_val, loss, net, None, name != "regression",
                      seed)
    ref = {"lr": 0.3, "epochs": 100, "batch_size": 16, **(reference or {})}
    run_net = net.copy()
    history = _quiet_train(run_net, problem, **ref,
                           snapshot_every=_snapshot_every(len(X_tr), ref["batch_size"],
                                                          ref["epochs"]))
    centre = run_net.get_flat_params()
    d1, d2, _ = path_directions(history.snapshots, centre)
    offsets = history.snapshots - centre
    span = 1.3 * float(np.max(np.abs(offsets @ np.column_stack([d1, d2]))))
    problem.surface = direction_surface(run_net, X_tr, y_tr, directions=(d1, d2), span=span,
                                        resolution=resolution, loss=loss,
                                        title="Loss on the plane of a training path")
    return problem


def run_training(problem, *, lr, epochs, batch_size=None):
    """Train a copy of the problem's network and place its path on the surface.

    Parameters
    ----------
    problem : Problem
    lr : float
    epochs : int
    batch_size : int or None

    Returns
    -------
    TrainingRun
    """
    net = problem.net.copy()
    history = _quiet_train(net, problem, lr=lr, epochs=epochs, batch_size=batch_size,
                           snapshot_every=_snapshot_every(len(problem.X), batch_size, epochs))
    probe = problem.net.copy()
    losses = []
    for theta in history.snapshots:
        probe.set_flat_params(theta)
        losses.append(probe.loss(problem.X, problem.y, problem.loss))
    trajectory = problem.surface.project(history.snapshots, losses)
    acc = accuracy(net, problem.X, problem.y) if problem.classification else None
    return TrainingRun(net, history, trajectory, acc)


def divergence_note(history):
    """What the picture says when a run blew up, or None for a sound run.

    Parameters
    ----------
    history : History

    Returns
    -------
    (int, str) or None
        The epoch in which training diverged (where it stopped, if it did;
        else where the loss first rose past ``BLOW_UP_FACTOR`` times its
        start), and the note, a few short lines.
    """
    lr = history.settings["lr"]
    because = [f"the learning rate {lr:g} is too large.", "Try a smaller one."]
    if history.diverged is not None:
        epoch = history.diverged
        lines = ["the loss grew too large to go on,", "so training stopped there, because"]
    else:
        epoch = history.blew_up()
        if epoch is None:
            return None
        start, then = history.loss[0], history.loss[epoch]
        lines = [f"the loss jumped from {start:.3g} to {then:.3g},",
                 f"{then / start:.0f} times where it started, because"]
    return epoch, "\n".join([f"Training diverged in epoch {epoch}:", *lines, *because])


class TrainingExplorer(Explorer):
    """Learning-rate, epochs and batch-size controls over loss curve, path and fit."""

    def __init__(self, problem, lr, epochs, batch_size):
        super().__init__("Training explorer: drag a slider and the network retrains",
                         figsize=(13.5, 4.2))
        self.problem = problem
        self.controls = [
            control(widgets.FloatLogSlider, "lr", lr, base=10, min=-3, max=1, step=0.1,
                    description="learning rate", readout_format=".3g",
                    continuous_update=False, style={"description_width": "initial"}),
            control(widgets.IntSlider, "epochs", epochs, min=1, max=200, description="epochs",
                    continuous_update=False),
            control(widgets.Dropdown, "batch_size", batch_size,
                    options=[("1", 1), ("8", 8), ("16", 16), ("32", 32), ("64", 64),
                             ("full batch", None)], description="batch size"),
        ]
        # Room for the widest labels any setting draws (tests/test_explorer_pictures.py
        # checks that no text is cut off or overlaps, over the range of every control).
        self.axes = self.row_of_axes([0.85, 0.95, 1.2], right=0.2, bottom=0.55, top=0.5,
                                     width_ratios=[1, 1.15, 1])
        self._draw_surface()
        # The surface panel and its colour bar never change: drawn once, reused.
        self.static_axes = [ax for ax in self.figure.axes if ax not in (self.axes[0],
                                                                        self.axes[2])]
        self._start()

    def _draw_surface(self):
        from ..plots.surfaces import plot_contour

        plot_contour(self.problem.surface, ax=self.axes[1])

    def compute(self, lr, epochs, batch_size):
        return run_training(self.problem, lr=lr, epochs=epochs, batch_size=batch_size)

    def draw(self, run):
        from ..plots._style import BLACK, VERMILLION
        from ..plots.decision import plot_decision_boundary, plot_fit
        from ..plots.surfaces import draw_path
        from ..plots.training import plot_history

        loss_ax, surface_ax, data_ax = self.axes
        self.reset_axes(loss_ax, data_ax)
        plot_history(run.history, ax=loss_ax)
        for artist in self.overlays:
            artist.remove()
        self.overlays = draw_path(surface_ax, run.trajectory)
        self.overlays.append(surface_ax.legend(loc="upper right", fontsize=7, framealpha=0.85))
        if self.problem.classification:
            plot_decision_boundary(run.net, self.problem.X, self.problem.y, ax=data_ax,
                                   resolution=80)
        else:
            plot_fit(run.net, self.problem.X, self.problem.y, ax=data_ax)
        note = divergence_note(run.history)
        if note is not None:  # over the flat picture a blown-up run leaves
            data_ax.text(0.5, 0.5, note[1], transform=data_ax.transAxes, ha="center",
                         va="center", fontsize=10, color=BLACK, zorder=10,
                         bbox=dict(boxstyle="round,pad=0.5", facecolor="white", alpha=0.95,
                                   edgecolor=VERMILLION, linewidth=2))

    def describe(self, run):
        h = run.history
        note = divergence_note(h)
        end = (f"diverged in epoch {note[0]} (the learning rate is too large)" if note
               else f"final training loss {h.loss[-1]:.4f}")
        acc = f", training accuracy {run.accuracy:.1%}" if run.accuracy is not None else ""
        return f": {end}{acc}"


def training_explorer(data="moons", *, lr=0.3, epochs=50, batch_size=16, hidden=(8, 8),
                      activation="tanh", seed=0):
    """Sliders for learning rate (log scale), epochs and batch size.

    Every change retrains a small MLP from the same starting weights and
    redraws its loss curve, its path on the loss surface (computed once, on
    the plane of a reference run's path) and its decision boundary or fit.

    Parameters
    ----------
    data : str
        One of ``PROBLEMS``.
    lr : float
        Starting learning rate (1e-3 to 10).
    epochs : int
        Starting number of epochs (1 to 200).
    batch_size : int or None
        Starting batch size: 1, 8, 16, 32, 64, or None for the full batch.
    hidden : tuple of int
        Hidden-layer widths.
    activation : str
        Hidden activation.
    seed : int

    Returns
    -------
    TrainingExplorer
        An ``ipywidgets.VBox``; display it (or leave it last in a cell).
    """
    problem = make_problem(data, hidden=hidden, activation=activation, seed=seed)
    return TrainingExplorer(problem, lr, epochs, batch_size)
