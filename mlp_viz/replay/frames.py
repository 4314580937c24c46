"""What the playground shows at one iteration of a recorded run, as numbers.

:func:`frame` computes, for the network after ``k`` updates: every hidden
neuron's output over the input plane (or along the input line), the
network's output there, which points it gets wrong, its place on the loss
surface, and that step's gradient norms and update-to-weight ratios. The
drawing (:mod:`mlp_viz.replay.drawing`) only draws these.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..params import layer_slices

__all__ = ["Frame", "InputGrid", "frame", "input_grid", "update_ratios"]

GRID = 36  # points per axis of the input plane's pictures


@dataclass
class InputGrid:
    """Where the pictures sample the input: a G × G grid, or G·G points on a line.

    Attributes
    ----------
    points : ndarray, shape (n_points, n_features)
    extent : tuple
        (x1 low, x1 high, x2 low, x2 high) of the plane, or (low, high) of
        the line.
    shape : tuple
        (G, G) for the plane, (n_points,) for the line.
    """

    points: np.ndarray
    extent: tuple
    shape: tuple


def input_grid(problem, n=GRID):
    """The grid covering the problem's data (training and validation), with a margin."""
    X = np.vstack([problem.X, problem.X_val])
    low, high = X.min(axis=0), X.max(axis=0)
    pad = 0.1 * np.maximum(high - low, 1e-9)
    low, high = low - pad, high + pad
    if X.shape[1] == 1:
        line = np.linspace(low[0], high[0], n * 4)
        return InputGrid(line[:, None], (low[0], high[0]), (line.size,))
    xs, ys = np.linspace(low[0], high[0], n), np.linspace(low[1], high[1], n)
    xx, yy = np.meshgrid(xs, ys)
    return InputGrid(np.column_stack([xx.ravel(), yy.ravel()]),
                     (low[0], high[0], low[1], high[1]), (n, n))


def update_ratios(recording):
    """Per iteration and layer, ``||W_after - W_before|| / ||W_before||``: how far a step moves
    each weight matrix, relative to its size.

    Returns
    -------
    ndarray, shape (n_iterations, n_layers)
    """
    snaps = recording.history.snapshots
    ratios = []
    for s in layer_slices(recording.start):
        W = snaps[:, s.W]
        step = np.linalg.norm(np.diff(W, axis=0), axis=1)
        size = np.linalg.norm(W[:-1], axis=1)
        ratios.append(step / np.where(size > 0, size, np.inf))
    return np.column_stack(ratios) if ratios else np.zeros((0, 0))


@dataclass
class Frame:
    """The numbers of one iteration.

    Attributes
    ----------
    iteration, epoch : int
        Updates made so far, and the epoch they belong to (0 before training).
    net : MLP
        The network after those updates.
    hidden : list of ndarray
        Per hidden layer, shape (n_neurons, *grid.shape): each neuron's output
        over the grid.
    output : ndarray, shape grid.shape
        The network's output over the grid (a probability for two classes).
    wrong_train, wrong_val : ndarray of bool
        Classification: the points predicted wrongly; regression: all False.
    loss : float
        The training loss over the whole training set at this iteration.
    position : (float, float)
        Where the parameters project on the surface's plane.
    grad_norms, ratios : ndarray or None
        The step that led here (None at iteration 0): ``||dL/dW||`` per
        layer, before clipping, and the update-to-weight ratio per layer.
    """

    iteration: int
    epoch: int
    net: object
    hidden: list
    output: np.ndarray
    wrong_train: np.ndarray
    wrong_val: np.ndarray
    loss: float
    position: tuple
    grad_norms: np.ndarray | None
    ratios: np.ndarray | None


def frame(recording, grid, ratios, k):
    """The numbers the playground draws at iteration `k` (after `k` updates)."""
    p, h = recording.problem, recording.history
    net = recording.network(k)
    trace = net.forward_trace(grid.points)
    hidden = [trace.a[l].T.reshape(-1, *grid.shape) for l in range(1, net.n_layers)]
    output = trace.a[-1][:, 0].reshape(grid.shape)
    if p.classification:
        wrong_train = net.predict_classes(p.X) != p.y
        wrong_val = net.predict_classes(p.X_val) != p.y_val
    else:
        wrong_train = np.zeros(len(p.X), bool)
        wrong_val = np.zeros(len(p.X_val), bool)
    loss = net.loss(p.X, p.y, p.loss)
    here = recording.surface.project(h.snapshots[k:k + 1], [loss])
    epoch = 0 if k == 0 else recording.steps[k - 1].epoch
    step = None if k == 0 else (h.grad_norms[k - 1], ratios[k - 1])
    return Frame(k, epoch, net, hidden, output, wrong_train, wrong_val, loss,
                 (float(here.alphas[0]), float(here.betas[0])), *(step or (None, None)))
