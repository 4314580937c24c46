"""How each loss punishes a prediction: the loss drawn against the prediction."""

from __future__ import annotations

import numpy as np

from ..losses import get_loss, loss_vs_prediction
from . import _style
from ._style import get_axes

__all__ = ["plot_loss_vs_prediction"]

_TARGETS = {"mse": (1.0, 0.0), "binary_cross_entropy": (1.0, 0.0), "cross_entropy": (1.0,)}


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
    get_loss(loss)  # checks the name
    ax = get_axes(ax, figsize=(5.0, 3.8))
    colours = (_style.BLUE, _style.ORANGE)
    if loss == "mse":
        a = np.linspace(-1.0, 2.0, 301)
        for target, colour in zip(_TARGETS[loss], colours):
            ax.plot(a, loss_vs_prediction(loss, target, a), color=colour,
                    label=f"target y = {target:g}")
        ax.set_xlabel("prediction a")
        ax.set_title("MSE: L = ½ (a − y)²")
    elif loss == "binary_cross_entropy":
        p = np.linspace(0.005, 0.995, 199)
        for target, colour in zip(_TARGETS[loss], colours):
            ax.plot(p, loss_vs_prediction(loss, target, p), color=colour,
                    label=f"true label y = {target:g}")
        ax.set_xlabel("predicted probability of class 1, a = sigmoid(z)")
        ax.set_title("Binary cross-entropy: L = −[y log a + (1 − y) log(1 − a)]")
    else:
        p = np.linspace(0.005, 0.995, 199)
        ax.plot(p, loss_vs_prediction(loss, 0, p), color=colours[0],
                label="L = −log p(true class)")
        ax.set_xlabel("probability softmax gives the true class")
        ax.set_title("Cross-entropy with softmax: L = −log p_true")
    ax.set_ylabel("loss L")
    ax.set_ylim(bottom=0)
    ax.legend()
    ax.grid(alpha=0.3)
    return ax
