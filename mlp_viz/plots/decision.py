"""Drawing what a trained network computes over its input space.

:func:`plot_decision_boundary` draws :func:`mlp_viz.compute_decision_grid`
with the data, and :func:`plot_fit` draws a 1-D regression fit.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D

import mlp_viz as mv

from .._validation import as_class_labels, as_float_array, check_net
from ..decision import DecisionGrid, compute_decision_grid
from ._style import BLACK, BLUE, GREY, get_axes, layer_colour

__all__ = ["DecisionGrid", "compute_decision_grid", "plot_decision_boundary", "plot_fit"]


RING = dict(facecolors="none", edgecolors=BLACK, linewidths=1.5, s=120, zorder=4)
"""How a misclassified point is ringed."""


def draw_classes(ax, X, labels, colours):
    """The points of each class, as dots of its colour with black edges; their collections."""
    return [ax.scatter(X[labels == k, 0], X[labels == k, 1], color=colours[k], edgecolors=BLACK,
                       linewidths=0.6, s=28, label=f"class {k}", zorder=3)
            for k in np.unique(labels)]


def plot_decision_boundary(net, X, y, *, ax=None, resolution=200):
    """Draw the classes a network predicts over the plane, with the data on top.

    Parameters
    ----------
    net : MLP
        A classifier with 2 inputs.
    X : array_like, shape (n_samples, 2)
    y : array_like, shape (n_samples,) of class labels, or one-hot (n_samples, n_classes)
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    resolution : int
        Grid points per axis.

    Returns
    -------
    matplotlib Axes
        Light filled regions per predicted class; for one output the
        ``output = 0.5`` contour in black; the data as dots coloured by true
        class (class k in ``layer_colour(k)``) with black edges, one
        collection per class labelled "class k"; misclassified points circled
        in black. The title gives the accuracy on (X, y).
    """
    grid = compute_decision_grid(net, X, resolution=resolution)
    X = np.asarray(X, dtype=float)
    labels = as_class_labels(y, net, X.shape[0])  # the classes accuracy() accepts
    predicted = np.atleast_1d(net.predict_classes(X))
    acc = mv.accuracy(net, X, y)
    n_classes = max(net.layer_sizes[-1], 2, int(labels.max()) + 1, int(grid.classes.max()) + 1)
    colours = [layer_colour(k) for k in range(n_classes)]
    ax = get_axes(ax, figsize=(6.0, 5.0))
    ax.contourf(grid.xx, grid.yy, grid.classes, levels=np.arange(n_classes + 1) - 0.5,
                cmap=ListedColormap(colours), alpha=0.25)
    handles = []
    if net.layer_sizes[-1] == 1 and grid.score.min() < 0.5 < grid.score.max():
        ax.contour(grid.xx, grid.yy, grid.score, levels=[0.5], colors=BLACK, linewidths=1.5)
        handles.append(Line2D([], [], color=BLACK, linewidth=1.5,
                              label="decision boundary (output = 0.5)"))
    draw_classes(ax, X, labels, colours)
    wrong = predicted != labels
    if wrong.any():
        ax.scatter(X[wrong, 0], X[wrong, 1], label=f"misclassified ({wrong.sum()})", **RING)
    ax.set_xlim(grid.xx[0, 0], grid.xx[0, -1])
    ax.set_ylim(grid.yy[0, 0], grid.yy[-1, 0])
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_title(f"Decision regions (shading = predicted class)\n"
                 f"accuracy on these points: {100 * acc:.1f} %", fontsize="medium")
    points = ax.get_legend_handles_labels()
    ax.legend(points[0] + handles, points[1] + [h.get_label() for h in handles],
              loc="best", fontsize="small", framealpha=0.9)
    return ax


def plot_fit(net, X, y, *, ax=None):
    """Draw 1-D regression data and the network's prediction over a dense x range.

    Parameters
    ----------
    net : MLP
        A network with one input and one output.
    X : array_like, shape (n_samples, 1) or (n_samples,)
    y : array_like, shape (n_samples,) or (n_samples, 1)
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib Axes
        ``ax.collections[0]`` is the data, ``ax.lines[0]`` the prediction at
        400 points from 5 % below to 5 % above the data's x range. The title
        gives the training loss (mse, with the course's ½).
    """
    check_net(net, "plot_fit")
    X = np.asarray(as_float_array(X, "X"), dtype=float)  # drawn in float64, as ever
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2 or X.shape[1] != 1 or X.shape[0] == 0:
        raise ValueError(
            f"plot_fit draws 1-D regression, X of shape (n_samples, 1); got shape {X.shape}. "
            "For 2-D classification data use plot_decision_boundary."
        )
    if net.layer_sizes[0] != 1 or net.layer_sizes[-1] != 1:
        raise ValueError(
            f"plot_fit needs a network with 1 input and 1 output; this one has layer sizes "
            f"{list(net.layer_sizes)}. Build it as MLP([1, ..., 1])."
        )
    targets = np.asarray(as_float_array(y, "y"), dtype=float)
    if targets.ndim > 2 or (targets.ndim == 2 and targets.shape[1] != 1):
        raise ValueError(
            f"y must hold one target per sample, shape ({X.shape[0]},) or ({X.shape[0]}, 1); "
            f"got shape {targets.shape}."
        )
    targets = targets.reshape(-1)
    if targets.shape[0] != X.shape[0]:
        raise ValueError(
            f"y has {targets.shape[0]} values, but X has {X.shape[0]} samples; give one "
            "target per sample."
        )
    low, high = X.min(), X.max()
    pad = 0.05 * (high - low) if high > low else 1.0
    x_dense = np.linspace(low - pad, high + pad, 400)
    prediction = net.forward(x_dense.reshape(-1, 1))[:, 0]
    loss = net.loss(X, targets.reshape(-1, 1), "mse")
    ax = get_axes(ax)
    ax.scatter(X[:, 0], targets, color=GREY, edgecolors=BLACK, linewidths=0.4, s=22,
               label="data", zorder=2)
    ax.plot(x_dense, prediction, color=BLUE, linewidth=2.2, label="network prediction",
            zorder=3)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title(f"Network fit (training loss, mse: {loss:.4g})")
    ax.legend(loc="best")
    return ax
