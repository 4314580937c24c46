"""How each loss punishes a prediction: the loss drawn against the prediction."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..losses import get_loss, loss_vs_prediction
from . import _style
from ._style import get_axes

__all__ = ["plot_loss_vs_prediction"]

class _Picture(NamedTuple):
    """How one loss is drawn: the predictions along x, and a curve per target."""

    predictions: tuple  # np.linspace's (start, stop, num)
    curves: tuple  # (target, legend label) for each curve
    xlabel: str
    title: str


_PICTURES = {
    "mse": _Picture((-1.0, 2.0, 301), ((1.0, "target y = 1"), (0.0, "target y = 0")),
                    "prediction a", "MSE: L = ½ (a − y)²"),
    "binary_cross_entropy": _Picture(
        (0.005, 0.995, 199), ((1.0, "true label y = 1"), (0.0, "true label y = 0")),
        "predicted probability of class 1, a = sigmoid(z)",
        "Binary cross-entropy: L = −[y log a + (1 − y) log(1 − a)]"),
    "cross_entropy": _Picture((0.005, 0.995, 199), ((0, "L = −log p(true class)"),),
                              "probability softmax gives the true class",
                              "Cross-entropy with softmax: L = −log p_true"),
}


def plot_loss_vs_prediction(loss, *, ax=None):
    """Draw a loss against the prediction, for each possible target.

    Parameters
    ----------
    loss : str
        ``"mse"``, ``"binary_cross_entropy"`` or ``"cross_entropy"``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    picture = _PICTURES[get_loss(loss).name]  # get_loss checks the name
    ax = get_axes(ax, figsize=(5.0, 3.8))
    x = np.linspace(*picture.predictions)
    for (target, label), colour in zip(picture.curves, (_style.BLUE, _style.ORANGE)):
        ax.plot(x, loss_vs_prediction(loss, target, x), color=colour, label=label)
    ax.set_xlabel(picture.xlabel)
    ax.set_title(picture.title)
    ax.set_ylabel("loss L")
    ax.set_ylim(bottom=0)
    ax.legend()
    ax.grid(alpha=0.3)
    return ax
