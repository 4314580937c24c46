"""The dropout explorer: one slider for the dropout rate of an over-fitting network.

A wide network trained long on 40 noisy points learns their noise: its
training loss keeps falling while the loss on 400 held-out points rises.
Dropout makes that harder. The numbers come from :func:`make_dropout_problem`
and :func:`run_dropout`, plain functions.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from .. import datasets
from .._validation import check_int
from ..network import MLP
from ..trace import Trace
from ..training import History, accuracy, train
from ._base import Explorer, control
from .dropout_picture import DropoutPicture

__all__ = ["DropoutProblem", "DropoutRun", "dropout_explorer", "make_dropout_problem",
           "run_dropout"]


@dataclass
class DropoutProblem:
    """The data and the starting network, the same for every rate.

    Attributes
    ----------
    X, y : ndarray
        40 noisy training points of the moons data set, ``(40, 2)`` and ``(40,)``.
    X_val, y_val : ndarray
        400 fresh points from the same distribution.
    net : MLP
        A 2-48-48-1 ReLU network, far more capacity than 40 points need.
    lr, epochs, batch_size : training settings
    seed : int
    """

    X: np.ndarray
    y: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    net: MLP
    lr: float = 0.2
    epochs: int = 200
    batch_size: int = 10
    seed: int = 0


@dataclass
class DropoutRun:
    """One training run at one dropout rate.

    Attributes
    ----------
    rate : float
    net : MLP
        The trained copy.
    history : History
        With training and validation loss per epoch.
    trace : Trace
        A training-mode forward pass of the first training point, whose
        masks show which neurons one update would drop.
    val_accuracy : float
    """

    rate: float
    net: MLP
    history: History
    trace: Trace
    val_accuracy: float


def make_dropout_problem(seed=0, *, n_train=40, noise=0.3, width=48):
    """An over-fitting set-up: few noisy points and a wide network.

    Parameters
    ----------
    seed : int
        Seeds the data (training with `seed` + 1, validation with `seed` + 2)
        and the weights.
    n_train : int
        Training points.
    noise : float
        Noise of the moons.
    width : int
        Neurons in each of the two hidden layers.

    Returns
    -------
    DropoutProblem
    """
    # Checked first: the data sets are seeded with seed + 1 and seed + 2.
    seed = check_int(seed, "seed", low=0)
    X, y = datasets.moons(n_train, noise=noise, seed=seed + 1)
    X_val, y_val = datasets.moons(400, noise=noise, seed=seed + 2)
    net = MLP([2, width, width, 1], "relu", "sigmoid", seed=seed)
    return DropoutProblem(X, y, X_val, y_val, net, seed=seed)


def run_dropout(problem, rate):
    """Train a copy of the problem's network with dropout `rate`.

    Parameters
    ----------
    problem : DropoutProblem
    rate : float
        Drop probability of every hidden neuron in training, in [0, 1).

    Returns
    -------
    DropoutRun
    """
    net = problem.net.copy()
    history = train(net, problem.X, problem.y, lr=problem.lr, epochs=problem.epochs,
                    batch_size=problem.batch_size, loss="binary_cross_entropy", dropout=rate,
                    seed=problem.seed, X_val=problem.X_val, y_val=problem.y_val)
    trace = net.forward_trace(problem.X[:1], training=True, dropout=rate, rng=problem.seed)
    return DropoutRun(rate, net, history, trace, accuracy(net, problem.X_val, problem.y_val))


class DropoutExplorer(Explorer):
    """A dropout-rate slider over the masks, the loss curves and the decision boundary.

    A new rate retrains, then redraws only what the rate changes over a
    cached background (:class:`~mlp_viz.widgets.dropout_picture.DropoutPicture`).
    """

    def __init__(self, problem, rate):
        super().__init__("Dropout explorer: how much to drop while training",
                         figsize=(13.5, 4.4))
        self.problem = problem
        self.controls = [
            control(widgets.FloatSlider, "rate", rate, min=0.0, max=0.8, step=0.05,
                    description="dropout rate", readout_format=".2f", continuous_update=False,
                    style={"description_width": "initial"}),
        ]
        self.axes = self.row_of_axes([0.2, 0.85, 0.9], right=0.2, bottom=0.55, top=0.5,
                                     width_ratios=[1.2, 1, 1])
        self.picture = self.png = None
        self._start()

    def compute(self, rate):
        return run_dropout(self.problem, rate)

    def draw(self, run):
        if self.picture is None:
            self.picture = DropoutPicture(self.figure, self.axes, self.problem, run)
        self.png = self.picture.show(run)

    def _render(self):
        return self.png  # the picture draws only what a new rate changes (see DropoutPicture)

    def describe(self, run):
        h = run.history
        return (f": training loss {h.loss[-1]:.4f}, validation loss {h.val_loss[-1]:.4f}, "
                f"validation accuracy {run.val_accuracy:.1%}")


def dropout_explorer(rate=0.0, *, seed=0):
    """A slider for the dropout rate of an over-fitting network.

    Each change retrains the network with that rate and redraws which
    neurons one training step drops, the training and validation loss, and
    the decision boundary.

    Parameters
    ----------
    rate : float
        Starting dropout rate, 0 to 0.8.
    seed : int
        Seeds the data and the weights (>= 0).

    Returns
    -------
    DropoutExplorer
        An ``ipywidgets.VBox``; display it (or leave it last in a cell).
    """
    return DropoutExplorer(make_dropout_problem(seed), rate)
