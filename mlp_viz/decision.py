"""A network's predictions over a 2-D input space, as numbers (no drawing).

:func:`compute_decision_grid` evaluates a network on a regular grid covering
the data; :func:`mlp_viz.plot_decision_boundary` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import as_float_array, check_int, check_net, check_number
from .network import classes_from_outputs

__all__ = ["DecisionGrid", "compute_decision_grid"]


@dataclass
class DecisionGrid:
    """A network's predictions on a regular grid over a 2-D input space.

    Attributes
    ----------
    xx, yy : ndarray, shape (resolution, resolution)
        Grid coordinates as ``numpy.meshgrid`` makes them: ``xx[i, j]`` is
        the j-th x1 value, ``yy[i, j]`` the i-th x2 value; float32 for
        float32 data, else float64.
    classes : ndarray of int, shape (resolution, resolution)
        ``net.predict_classes`` at each grid point.
    score : ndarray, shape (resolution, resolution)
        One output: the output itself (a probability with a sigmoid output;
        its 0.5 level is the decision boundary). Several outputs: the largest
        output (the predicted class's probability with a softmax output).
    """

    xx: np.ndarray
    yy: np.ndarray
    classes: np.ndarray
    score: np.ndarray


def compute_decision_grid(net, X, *, resolution=200, margin=0.5):
    """Evaluate a network with two inputs on a grid covering the data.

    Parameters
    ----------
    net : MLP
        A network with 2 inputs.
    X : array_like, shape (n_samples, 2)
        The data whose extent (plus `margin` on every side) the grid covers.
    resolution : int
        Grid points per axis, 2..2000.
    margin : float
        Extra space around the data, in input units, >= 0.

    Returns
    -------
    DecisionGrid

    Notes
    -----
    All ``resolution**2`` grid points go through the network as one batch of
    shape ``(resolution**2, 2)``, a single ``forward``; there is no loop over
    points.
    """
    check_net(net, "compute_decision_grid")
    X = as_float_array(X, "X", finite=False)  # non-finite data get their own message below
    if X.ndim != 2 or X.shape[1] != 2 or X.shape[0] == 0:
        raise ValueError(
            f"a decision grid needs 2-D inputs, X of shape (n_samples, 2); got shape "
            f"{X.shape}. For 1-D regression data use plot_fit; for more features, pick two "
            "columns, e.g. X[:, :2], and a network with 2 inputs."
        )
    if net.layer_sizes[0] != 2:
        raise ValueError(
            f"this MLP expects {net.layer_sizes[0]} inputs, but a decision grid is 2-D; use "
            "a network whose input layer has 2 neurons."
        )
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains inf or NaN; the grid's extent needs finite data.")
    resolution = check_int(resolution, "resolution", low=2, high=2000,
                           hint="It is the number of grid points per axis; 200 is plenty.")
    margin = check_number(margin, "margin", low=0, low_inclusive=True,
                          hint="It is the space around the data, e.g. 0.5.")
    low, high = X.min(axis=0) - margin, X.max(axis=0) + margin
    xx, yy = np.meshgrid(np.linspace(low[0], high[0], resolution, dtype=X.dtype),
                         np.linspace(low[1], high[1], resolution, dtype=X.dtype))
    points = np.column_stack([xx.ravel(), yy.ravel()])
    out = net.forward(points)
    classes = classes_from_outputs(out)
    score = out[:, 0] if out.shape[1] == 1 else out.max(axis=1)
    shape = xx.shape
    return DecisionGrid(xx, yy, classes.reshape(shape).astype(np.int64), score.reshape(shape))
