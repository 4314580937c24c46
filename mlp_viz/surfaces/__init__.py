"""Loss surfaces of real networks: the loss over a plane through parameter space.

Every surface here is a plane through the space of all parameters,
``theta(alpha, beta) = origin + alpha * d1 + beta * d2``, and the loss of the
network at each point of an ``alpha`` × ``beta`` grid:

* **two chosen parameters** (:func:`parameter_surface`): ``d1`` and ``d2``
  are unit vectors along two parameters, so ``alpha`` and ``beta`` *are*
  those parameters' values while every other parameter stays fixed;
* **two random directions** (:func:`direction_surface`) around a trained
  network, filter-normalised as in Li et al. (2018), "Visualizing the Loss
  Landscape of Neural Nets" (see :mod:`mlp_viz.surfaces.directions`).

This module builds surfaces from a network; the pieces live beside it:

* :mod:`~mlp_viz.surfaces.records`: :class:`LossSurface` and
  :class:`Trajectory`, with the surface's own evaluations, descent and
  projection;
* :mod:`~mlp_viz.surfaces.directions`: :func:`random_directions` and
  :func:`path_directions`;
* :mod:`~mlp_viz.surfaces.planes`: the whole grid evaluated at once, a
  stack of networks in batched products;
* :mod:`~mlp_viz.surfaces.toys`: :func:`toy_surface`, analytic surfaces
  labelled as toys, for pictures a real network would blur (the step that is
  too long, for one).

Every name is importable from here, ``mlp_viz.surfaces``.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import (
    as_inputs,
    as_targets,
    check_int,
    check_net,
    check_number,
    describe,
)
from ..layers import STACK_CHUNK_ELEMENTS
from ..losses import get_loss
from ..params import layer_slices
from .directions import as_directions, path_directions, random_directions
from .lines import line_losses, losses_at
from .planes import plane_evaluator, plane_gradient
from .records import LossSurface, Trajectory
from .toys import toy_surface

__all__ = [
    "LossSurface",
    "Trajectory",
    "direction_surface",
    "line_losses",
    "losses_at",
    "parameter_index",
    "parameter_surface",
    "path_directions",
    "random_directions",
    "toy_surface",
]

_CHUNK_ELEMENTS = STACK_CHUNK_ELEMENTS  # see mlp_viz.layers; tests make it small


# ------------------------------------------------------------ checks of arguments
def _is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _ranges(ranges):
    """Two ``(low, high)`` pairs of finite numbers with low < high, as floats."""
    try:
        pairs = [tuple(pair) for pair in ranges]
    except TypeError:
        pairs = []
    if (isinstance(ranges, str) or len(pairs) != 2
            or not all(len(pair) == 2 and all(map(_is_number, pair)) for pair in pairs)
            or not all(np.isfinite(lo) and np.isfinite(hi) and lo < hi for lo, hi in pairs)):
        raise ValueError(
            "ranges must be two (low, high) pairs of finite numbers with low < high, one per "
            f"parameter, e.g. ((-2, 2), (-1, 3)); got {ranges!r}."
        )
    return [(float(lo), float(hi)) for lo, hi in pairs]


# ---------------------------------------------------------------- parameter index
def parameter_index(net, name):
    """Position of one parameter in ``net.get_flat_params()``.

    Parameters
    ----------
    net : MLP
    name : tuple
        ``("W", l, i, j)`` for ``W^[l][i, j]`` or ``("b", l, i)`` for
        ``b^[l][i]``; ``l`` counts layers as the course does (1 = first
        hidden layer), ``i`` and ``j`` count from 0 as NumPy does.

    Returns
    -------
    int
    """
    check_net(net, "parameter_index")
    if not isinstance(name, (tuple, list)):
        raise TypeError(
            f"a parameter is named ('W', layer, i, j) or ('b', layer, i); got {describe(name)}."
        )
    kind, layer, *idx = name
    if kind not in ("W", "b") or len(idx) != (2 if kind == "W" else 1):
        raise ValueError(
            f"a parameter is named ('W', layer, i, j) or ('b', layer, i); got {name!r}."
        )
    layer = check_int(layer, "layer", low=1, high=net.n_layers,
                      hint="Layers are numbered as in the course, from 1.")
    idx = [check_int(k, index_name) for k, index_name in zip(idx, "ij")]
    where = layer_slices(net)[layer - 1]
    shape = net.weights[layer - 1].shape if kind == "W" else net.biases[layer - 1].shape
    if any(not 0 <= k < n for k, n in zip(idx, shape)):
        raise ValueError(
            f"{_label(name)} does not exist: {kind}[{layer}] has shape {shape}."
        )
    if kind == "W":
        return where.W.start + int(np.ravel_multi_index(idx, shape))
    return where.b.start + idx[0]


def _label(name):
    kind, layer, *idx = name
    return f"{kind}[{layer}][{', '.join(str(i) for i in idx)}]"


# ------------------------------------------------------------------ the surfaces
def _surface(net, X, y, loss, origin, d1, d2, alphas, betas, labels, kind, title):
    loss_fn = get_loss(loss, net.output_activation)
    X2, _ = as_inputs(X, net.layer_sizes[0], np.float64)
    Y = as_targets(y, X2.shape[0], net.layer_sizes[-1], loss_fn, np.float64)
    origin, d1, d2 = (np.asarray(v, dtype=np.float64) for v in (origin, d1, d2))
    if not (np.any(d1) and np.any(d2)):
        raise ValueError("both directions of the plane must be non-zero.")
    if abs(d1 @ d2) >= (1 - 1e-12) * np.linalg.norm(d1) * np.linalg.norm(d2):
        raise ValueError(
            "the two directions are parallel: they span a line, not a plane. Choose two "
            "independent directions, e.g. random_directions(net)."
        )
    evaluate = plane_evaluator(net, X2, Y, loss_fn, origin, d1, d2, _CHUNK_ELEMENTS)
    aa, bb = np.meshgrid(alphas, betas)
    with np.errstate(over="ignore", invalid="ignore"):
        losses = evaluate(aa, bb).reshape(aa.shape)
    if not np.all(np.isfinite(losses)):
        raise ValueError(
            "the loss is not finite on part of this grid (the parameters there make the network "
            "overflow); choose a smaller span."
        )
    return LossSurface(np.asarray(alphas, float), np.asarray(betas, float), losses, labels,
                       kind, title, origin, d1, d2, evaluate,
                       plane_gradient(net, X2, Y, loss_fn.name, origin, d1, d2))


def _grid(centre, span, resolution):
    return np.linspace(centre - span, centre + span, resolution)


def parameter_surface(net, X, y, param_a, param_b, *, span=2.0, ranges=None, resolution=41,
                      loss="mse"):
    """The loss as two chosen parameters vary and all others stay fixed.

    Parameters
    ----------
    net : MLP
        Left unchanged.
    X : array_like, shape (n_samples, n_features)
    y : array_like
        Targets, as for ``MLP.loss_and_gradients``.
    param_a, param_b : tuple
        ``("W", l, i, j)`` or ``("b", l, i)``, see :func:`parameter_index`.
    span : float
        Half-width of the grid around each parameter's current value.
    ranges : ((float, float), (float, float)), optional
        Explicit ``(low, high)`` for each parameter instead of `span`.
    resolution : int
        Grid points along each axis (2..401).
    loss : str

    Returns
    -------
    LossSurface
        ``alphas`` and ``betas`` are the two parameters' values.
    """
    check_net(net, "parameter_surface")
    resolution = check_int(resolution, "resolution", low=2, high=401)
    ia, ib = parameter_index(net, param_a), parameter_index(net, param_b)
    if ia == ib:
        raise ValueError(f"choose two different parameters; both are {_label(param_a)}.")
    theta = net.get_flat_params().astype(np.float64)
    if ranges is None:
        span = check_number(span, "span", low=0)
        axes = [_grid(theta[i], span, resolution) for i in (ia, ib)]
    else:
        axes = [np.linspace(lo, hi, resolution) for lo, hi in _ranges(ranges)]
    origin = theta.copy()
    origin[[ia, ib]] = 0.0
    d1, d2 = np.zeros_like(theta), np.zeros_like(theta)
    d1[ia], d2[ib] = 1.0, 1.0
    labels = (_label(param_a), _label(param_b))
    return _surface(net, X, y, loss, origin, d1, d2, axes[0], axes[1], labels, "parameters",
                    f"Loss over {labels[0]} and {labels[1]} (all other parameters fixed)")


def direction_surface(net, X, y, *, directions=None, seed=0, span=1.0, resolution=41,
                      loss="mse", title=None):
    """The loss in a plane through ``net``'s parameters along two directions.

    Parameters
    ----------
    net : MLP
        Usually a trained network; it is the centre (0, 0) of the plane.
    X : array_like, shape (n_samples, n_features)
    y : array_like
    directions : (ndarray, ndarray), optional
        Two flat directions; by default :func:`random_directions` with `seed`.
    seed : int
    span : float
        The grid runs from -span to span along both directions.
    resolution : int
        Grid points along each axis (2..401).
    loss : str
    title : str, optional
        The surface's title; by default it names filter-normalised random
        directions, or "given directions" when `directions` are passed.

    Returns
    -------
    LossSurface
    """
    check_net(net, "direction_surface")
    resolution = check_int(resolution, "resolution", low=2, high=401)
    span = check_number(span, "span", low=0)
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string; got {describe(title)}.")
    d1, d2 = (as_directions(directions, net.n_params) if directions is not None
              else random_directions(net, seed=seed))
    axis = np.linspace(-span, span, resolution)
    if title is None:
        title = ("Loss around the network, two filter-normalised random directions"
                 if directions is None else "Loss around the network, on two given directions")
    return _surface(net, X, y, loss, net.get_flat_params(), d1, d2, axis, axis,
                    ("direction 1 (α)", "direction 2 (β)"), "directions", title)
