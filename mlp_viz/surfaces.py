"""Loss surfaces of real networks: the loss over a plane through parameter space.

Every surface here is a plane through the space of all parameters,
``theta(alpha, beta) = origin + alpha * d1 + beta * d2``, and the loss of the
network at each point of an ``alpha`` × ``beta`` grid:

* **two chosen parameters** (:func:`parameter_surface`): ``d1`` and ``d2``
  are unit vectors along two parameters, so ``alpha`` and ``beta`` *are*
  those parameters' values while every other parameter stays fixed;
* **two random directions** (:func:`direction_surface`) around a trained
  network, filter-normalised as in Li et al. (2018), "Visualizing the Loss
  Landscape of Neural Nets": each neuron's slice of a random direction is
  rescaled to the norm of that neuron's weights, so that the picture does
  not depend on how the weights happen to be scaled.

The whole grid is evaluated at once. Layers before the first one the plane
moves are computed a single time. In the first moving layer, ``z`` is affine
in ``(alpha, beta)``: ``z = z0 + alpha z1 + beta z2``, three products in all.
Later moving layers build each grid point's own ``W0 + alpha dW1 + beta dW2``
and multiply all points' activations in one batched product, in chunks of
grid points that keep memory bounded; every chunk writes into the same
arrays, and with a fused loss (cross-entropy) the output's softmax is never
formed, as the loss needs only ``z``.

:func:`toy_surface` gives analytic surfaces, labelled as toys, for pictures a
real network would blur (the step that is too long, for one).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np

from ._validation import (
    as_float_array,
    as_generator,
    as_inputs,
    as_numeric_array,
    as_targets,
    check_finite,
    check_int,
    check_net,
    check_number,
    check_point,
    describe,
)
from .activations import get_activation
from .layers import STACK_CHUNK_ELEMENTS, _dense_forward
from .losses import get_loss

__all__ = [
    "LossSurface",
    "Trajectory",
    "direction_surface",
    "parameter_index",
    "parameter_surface",
    "path_directions",
    "random_directions",
    "toy_surface",
]

_CHUNK_ELEMENTS = STACK_CHUNK_ELEMENTS  # see mlp_viz.layers


@dataclass
class Trajectory:
    """A path of parameter points on a loss surface's plane.

    Attributes
    ----------
    alphas, betas : ndarray, shape (n_points,)
        Coordinates in the plane (for a projected path: of the projection).
    losses : ndarray, shape (n_points,)
        The true loss at each point of the path (not the surface's value at
        the projection).
    off_plane : ndarray, shape (n_points,)
        Distance of each point from the plane, relative to its distance from
        the surface's origin; 0 for a path that stays in the plane.
    """

    alphas: np.ndarray
    betas: np.ndarray
    losses: np.ndarray
    off_plane: np.ndarray

    @property
    def leaves_plane(self):
        """True if some point lies more than 1 % of its distance off the plane."""
        return bool(np.max(self.off_plane, initial=0.0) > 0.01)


@dataclass
class LossSurface:
    """The loss over a grid in a plane of parameter space.

    Attributes
    ----------
    alphas : ndarray, shape (n_alpha,)
        Grid coordinates along the first direction (the x axis).
    betas : ndarray, shape (n_beta,)
        Grid coordinates along the second direction (the y axis).
    losses : ndarray, shape (n_beta, n_alpha)
        ``losses[i, j]`` is the loss at ``(alphas[j], betas[i])``, the layout
        of ``np.meshgrid`` and matplotlib.
    labels : tuple of str
        Axis names, e.g. ``("W[1][0, 0]", "b[1][0]")``.
    kind : str
        "parameters", "directions" or "toy".
    title : str
    origin, d1, d2 : ndarray, shape (n_params,)
        The plane: ``theta = origin + alpha * d1 + beta * d2``.
    """

    alphas: np.ndarray
    betas: np.ndarray
    losses: np.ndarray
    labels: tuple
    kind: str
    title: str
    origin: np.ndarray
    d1: np.ndarray
    d2: np.ndarray
    _loss: object = field(default=None, repr=False)
    _grad: object = field(default=None, repr=False)

    def theta(self, alpha, beta):
        """The flat parameter vector at one point of the plane.

        Parameters
        ----------
        alpha, beta : float
            Finite numbers.

        Returns
        -------
        ndarray, shape (n_params,)
            ``origin + alpha * d1 + beta * d2``.
        """
        alpha, beta = _coordinates(alpha, beta)
        return self.origin + alpha * self.d1 + beta * self.d2

    def loss_at(self, alpha, beta):
        """The loss at one point of the plane, computed afresh.

        Parameters
        ----------
        alpha, beta : float
            Finite numbers.

        Returns
        -------
        float
        """
        return self._loss_at(*_coordinates(alpha, beta))

    def _loss_at(self, alpha, beta):
        return float(self._loss(np.array([alpha]), np.array([beta]))[0])

    def gradient_at(self, alpha, beta):
        """The gradient ``(dL/dalpha, dL/dbeta)`` at one point, by back-propagation.

        Parameters
        ----------
        alpha, beta : float
            Finite numbers.

        Returns
        -------
        ndarray, shape (2,)
            Its negative points downhill along the plane, fastest.
        """
        return self._grad(*_coordinates(alpha, beta))

    def descend(self, start, *, lr, steps):
        """Gradient descent inside the plane, from `start`.

        Parameters
        ----------
        start : tuple of float
            ``(alpha, beta)`` to start from.
        lr : float
            Learning rate (> 0).
        steps : int
            Number of updates (>= 1).

        Returns
        -------
        Trajectory
            ``steps + 1`` points, the start included, each with its true
            loss. A step whose loss or gradient stops being finite ends the
            path there.

        Raises
        ------
        ValueError
            If `start` is not two finite numbers, `lr` is not > 0 or
            `steps` not >= 1.
        """
        lr = check_number(lr, "learning rate", low=0)
        steps = check_int(steps, "steps", low=1)
        point = np.array(check_point(start, "start"), dtype=float)
        # The loop calls the unchecked evaluations: every point it makes is a pair of floats.
        path, losses = [point.copy()], [self._loss_at(*point)]
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(steps):
                point = point - lr * self._grad(*map(float, point))
                loss = self._loss_at(*point) if np.all(np.isfinite(point)) else np.inf
                if not np.isfinite(loss):
                    break
                path.append(point.copy())
                losses.append(loss)
        path = np.array(path)
        return Trajectory(path[:, 0], path[:, 1], np.array(losses), np.zeros(len(path)))

    def project(self, snapshots, losses):
        """Project parameter vectors (e.g. ``History.snapshots``) onto the plane.

        Parameters
        ----------
        snapshots : ndarray, shape (n_points, n_params)
        losses : array_like, shape (n_points,)
            The true loss at each snapshot.

        Returns
        -------
        Trajectory
            Least-squares coordinates in the plane, with how far each point
            lies off it (``off_plane``). Training moves every parameter, so
            a projected path usually leaves the plane: its points then sit
            above or below the drawn surface.

        Raises
        ------
        ValueError
            Unless there is at least one snapshot, each of this network's
            size, and one finite loss per snapshot.
        """
        snaps = _snapshots(snapshots)
        if snaps.shape[0] == 0:
            raise ValueError("snapshots is empty: there is no path to project.")
        if snaps.shape[1] != self.origin.size:
            raise ValueError(
                f"snapshots have {snaps.shape[1]} parameters, but this surface's network has "
                f"{self.origin.size}; pass History.snapshots of the same network."
            )
        losses = as_float_array(losses, "losses")
        if losses.shape != (snaps.shape[0],):
            raise ValueError(
                f"losses has {losses.size} entries, but there are {snaps.shape[0]} snapshots; "
                "give the true loss at each snapshot."
            )
        offsets = snaps - self.origin
        basis = np.column_stack([self.d1, self.d2])
        coords, *_ = np.linalg.lstsq(basis, offsets.T, rcond=None)
        residual = np.linalg.norm(offsets.T - basis @ coords, axis=0)
        scale = np.linalg.norm(offsets, axis=1)
        off = np.divide(residual, scale, out=np.zeros_like(residual), where=scale > 0)
        return Trajectory(coords[0], coords[1], np.asarray(losses, dtype=float), off)

    @property
    def minimum(self):
        """``(alpha, beta, loss)`` of the lowest grid point."""
        i, j = np.unravel_index(np.argmin(self.losses), self.losses.shape)
        return float(self.alphas[j]), float(self.betas[i]), float(self.losses[i, j])


# ------------------------------------------------------------ checks of arguments
def _coordinates(alpha, beta):
    """A point of the plane: two finite numbers, as floats."""
    return check_number(alpha, "alpha"), check_number(beta, "beta")


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


def _snapshots(snapshots):
    """Flat parameter vectors, one per row, as float64 (a 1-D vector is one snapshot)."""
    snaps = as_numeric_array(snapshots, "snapshots")
    check_finite(snaps, "snapshots")
    snaps = np.atleast_2d(np.asarray(snaps, dtype=float))
    if snaps.ndim != 2:
        raise ValueError(
            "snapshots must be 2-D, one flat parameter vector per row (n_points, n_params); got "
            f"shape {snaps.shape}."
        )
    return snaps


def _directions(directions, n_params):
    """Two flat direction vectors of a network with `n_params` parameters."""
    if not isinstance(directions, (tuple, list, np.ndarray)) or len(directions) != 2:
        raise ValueError(
            "directions must be a pair (d1, d2) of flat vectors with one entry per parameter "
            f"({n_params}), such as random_directions(net) gives; got {describe(directions)}."
        )
    out = []
    for i, d in enumerate(directions):
        d = as_float_array(d, f"directions[{i}]")
        if d.shape != (n_params,):
            raise ValueError(
                f"directions[{i}] has shape {d.shape}, but this network has {n_params} "
                f"parameters: give flat vectors of shape ({n_params},), laid out as "
                "net.get_flat_params()."
            )
        out.append(d)
    return out


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
    offset = sum(W.size + b.size for W, b in zip(net.weights[:layer - 1],
                                                 net.biases[:layer - 1]))
    shape = net.weights[layer - 1].shape if kind == "W" else net.biases[layer - 1].shape
    if any(not 0 <= k < n for k, n in zip(idx, shape)):
        raise ValueError(
            f"{_label(name)} does not exist: {kind}[{layer}] has shape {shape}."
        )
    if kind == "W":
        return offset + int(np.ravel_multi_index(idx, shape))
    return offset + net.weights[layer - 1].size + idx[0]


def _label(name):
    kind, layer, *idx = name
    return f"{kind}[{layer}][{', '.join(str(i) for i in idx)}]"


# ------------------------------------------------------------- batched evaluation
def _layer_slices(net):
    """Per layer, the (W, b) slices of the flat parameter vector."""
    out, i = [], 0
    for W, b in zip(net.weights, net.biases):
        out.append((slice(i, i + W.size), slice(i + W.size, i + W.size + b.size)))
        i += W.size + b.size
    return out


def _plane_evaluator(net, X, Y, loss_fn, origin, d1, d2):
    """A function (alphas, betas) -> losses for the plane origin + a d1 + b d2."""
    shapes = [(W.shape, b.shape) for W, b in zip(net.weights, net.biases)]
    slices = _layer_slices(net)

    def parts(vec, l):
        (ws, bs), (wshape, bshape) = slices[l], shapes[l]
        return vec[ws].reshape(wshape), vec[bs].reshape(bshape)

    moving = [np.any(d1[ws] != 0) or np.any(d1[bs] != 0) or np.any(d2[ws] != 0)
              or np.any(d2[bs] != 0) for ws, bs in slices]
    first = moving.index(True) if any(moving) else len(slices)
    acts = [get_activation(name) for name in net.activations]

    # Layers before the first moving one: the same for every grid point.
    A = X
    for l in range(first):
        W, b = parts(origin, l)
        A = acts[l].f(A @ W.T + b)
    # The first moving layer, z = z0 + alpha z1 + beta z2, computed once.
    W0, b0 = parts(origin, first)
    W1, b1 = parts(d1, first)
    W2, b2 = parts(d2, first)
    Z0, Z1, Z2 = A @ W0.T + b0, A @ W1.T + b1, A @ W2.T + b2
    width = max(net.layer_sizes)
    chunk = max(1, _CHUNK_ELEMENTS // (X.shape[0] * width))
    last = len(slices) - 1
    # With a fused loss (cross-entropy) the loss needs only the output z.
    skip_output = loss_fn.fused

    def layer(l, A_g, a, c, Z):
        """Layer l's z for every grid point of a chunk, written into Z."""
        W, b = parts(origin, l)
        if not moving[l]:  # the same W for every point: one product for the whole chunk
            _dense_forward(A_g.reshape(-1, A_g.shape[-1]), W, b, out=Z.reshape(-1, Z.shape[-1]))
            return Z
        Wa, ba = parts(d1, l)
        Wb, bb = parts(d2, l)
        b_g = b + a * ba + c * bb                                    # (G, 1, n_out)
        # Each grid point's own W and b, then one batched product:
        # the same work as a plain forward pass per point.
        W_g = W + a * Wa + c * Wb                                    # (G, n_out, n_in)
        np.matmul(A_g, W_g.transpose(0, 2, 1), out=Z)
        Z += b_g
        return Z

    def evaluate(alphas, betas):
        alphas, betas = np.ravel(alphas), np.ravel(betas)
        out = np.empty(alphas.size)
        rows = min(chunk, alphas.size)
        # One array per layer, reused by every chunk: fresh arrays of this size
        # cost more to allocate (new memory pages) than to fill.
        zbuf = {l: np.empty((rows, X.shape[0], net.layer_sizes[l + 1]))
                for l in range(first, len(slices))}
        abuf = {l: np.empty_like(zbuf[l]) for l in zbuf}
        tmp = np.empty_like(zbuf[first])

        def activate(l, Z):
            if l == last and skip_output:
                return None
            return acts[l].f(Z, out=abuf[l][:Z.shape[0]])

        for start in range(0, alphas.size, chunk):
            a = alphas[start:start + chunk, None, None]
            c = betas[start:start + chunk, None, None]
            g = a.shape[0]
            Z = np.multiply(a, Z1, out=zbuf[first][:g])  # z = z0 + alpha z1 + beta z2
            Z += Z0
            Z += np.multiply(c, Z2, out=tmp[:g])
            A_g = activate(first, Z)
            for l in range(first + 1, len(slices)):
                Z = layer(l, A_g, a, c, zbuf[l][:g])
                A_g = activate(l, Z)
            out[start:start + chunk] = loss_fn._value(Z, A_g, Y)
        return out

    return evaluate


def _plane_gradient(net, X, Y, loss_name, origin, d1, d2):
    probe = net.copy()

    def gradient(alpha, beta):
        probe.set_flat_params(origin + alpha * d1 + beta * d2)
        _, grads = probe.loss_and_gradients(X, Y, loss_name)
        g = np.concatenate([p.ravel() for pair in grads for p in pair])
        return np.array([g @ d1, g @ d2])  # the chain rule along each direction

    return gradient


def _surface(net, X, y, loss, origin, d1, d2, alphas, betas, labels, kind, title):
    loss_fn = get_loss(loss, net.output_activation)
    X2, _ = as_inputs(X, net.layer_sizes[0], np.float64)
    Y = as_targets(y, X2.shape[0], net.layer_sizes[-1], loss_fn.name, np.float64)
    origin, d1, d2 = (np.asarray(v, dtype=np.float64) for v in (origin, d1, d2))
    if not (np.any(d1) and np.any(d2)):
        raise ValueError("both directions of the plane must be non-zero.")
    if abs(d1 @ d2) >= (1 - 1e-12) * np.linalg.norm(d1) * np.linalg.norm(d2):
        raise ValueError(
            "the two directions are parallel: they span a line, not a plane. Choose two "
            "independent directions, e.g. random_directions(net)."
        )
    evaluate = _plane_evaluator(net, X2, Y, loss_fn, origin, d1, d2)
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
                       _plane_gradient(net, X2, Y, loss_fn.name, origin, d1, d2))


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


def random_directions(net, *, seed=0, filter_normalized=True):
    """Two random directions in parameter space.

    Parameters
    ----------
    net : MLP
    seed : int, numpy.random.Generator or None
    filter_normalized : bool
        Rescale each neuron's row of a direction's ``W`` to the norm of that
        neuron's row of the network's ``W`` (Li et al. 2018), and leave the
        biases out (their direction is 0).

    Returns
    -------
    d1, d2 : ndarray, shape (n_params,)
    """
    check_net(net, "random_directions")
    rng = as_generator(seed)
    directions = []
    for _ in range(2):
        parts = []
        for W, b in zip(net.weights, net.biases):
            d = rng.standard_normal(W.shape)
            if filter_normalized:
                d *= np.linalg.norm(W, axis=1, keepdims=True) / np.linalg.norm(
                    d, axis=1, keepdims=True)
                parts += [d.ravel(), np.zeros(b.size)]
            else:
                parts += [d.ravel(), rng.standard_normal(b.size)]
        directions.append(np.concatenate(parts))
    return directions[0], directions[1]


def path_directions(snapshots, centre):
    """The two directions along which a training path moved most (PCA).

    Random directions see almost none of a training path: it lies in a
    thin subspace of its own. Li et al. (2018) therefore draw paths on the
    plane of the path's two principal components, centred on its end.

    Parameters
    ----------
    snapshots : ndarray, shape (n_points, n_params)
        Flat parameter vectors along the path (``History.snapshots``).
    centre : ndarray, shape (n_params,)
        The plane's origin, usually the last snapshot (the trained network).

    Returns
    -------
    d1, d2 : ndarray, shape (n_params,)
        Orthonormal directions; ``alpha`` and ``beta`` along them are
        distances in parameter space.
    explained : float
        Share of the path's squared distance from `centre` that the plane
        captures (1 = the path lies in the plane).
    """
    snaps = _snapshots(snapshots)
    centre = as_float_array(centre, "centre")
    if centre.shape != snaps.shape[1:]:
        raise ValueError(
            f"centre has shape {centre.shape}, but each snapshot has {snaps.shape[1]} "
            f"parameters; pass a flat vector of shape ({snaps.shape[1]},), e.g. "
            "net.get_flat_params()."
        )
    offsets = snaps - np.asarray(centre, float)
    if offsets.shape[0] < 2:
        raise ValueError(
            f"a path needs at least 2 snapshots; got {offsets.shape[0]}. Train with "
            "snapshot_every set so that History.snapshots holds the path."
        )
    _, sing, vt = np.linalg.svd(offsets, full_matrices=False)
    if vt.shape[0] < 2 or sing[1] == 0:
        raise ValueError("the path moves along a single line; it spans no plane.")
    total = float(np.sum(sing**2))
    return vt[0], vt[1], float((sing[0] ** 2 + sing[1] ** 2) / total)


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
    d1, d2 = (_directions(directions, net.n_params) if directions is not None
              else random_directions(net, seed=seed))
    axis = np.linspace(-span, span, resolution)
    if title is None:
        title = ("Loss around the network, two filter-normalised random directions"
                 if directions is None else "Loss around the network, on two given directions")
    return _surface(net, X, y, loss, net.get_flat_params(), d1, d2, axis, axis,
                    ("direction 1 (α)", "direction 2 (β)"), "directions", title)


# -------------------------------------------------------------------- toy surfaces
_TOYS = {
    # name: (loss, gradient, default range, title)
    "bowl": (lambda a, b: 0.5 * (a**2 + 10 * b**2),
             lambda a, b: np.array([a, 10 * b]),
             ((-3, 3), (-3, 3)),
             "Toy surface: a long, narrow valley, L = ½(α² + 10 β²)"),
    "two_valleys": (lambda a, b: 0.1 * a**4 - a**2 + 0.3 * a + b**2,
                    lambda a, b: np.array([0.4 * a**3 - 2 * a + 0.3, 2 * b]),
                    ((-3, 3), (-2, 2)),
                    "Toy surface: two valleys of different depth"),
}


def toy_surface(name="bowl", *, resolution=81):
    """An analytic surface, for pictures a real network would blur.

    Parameters
    ----------
    name : str
        "bowl" (a narrow valley, where too long a step bounces from wall to
        wall and flies off) or "two_valleys".
    resolution : int
        Grid points along each axis.

    Returns
    -------
    LossSurface
        ``kind == "toy"``; its title says it is a toy.
    """
    if not isinstance(name, str):
        raise TypeError(
            f"name must be the name of a toy surface, a string; got {describe(name)}. Valid "
            f"names: {', '.join(_TOYS)}."
        )
    if name not in _TOYS:
        raise ValueError(f"unknown toy surface {name!r}; valid names are: {', '.join(_TOYS)}.")
    resolution = check_int(resolution, "resolution", low=2, high=401)
    f, grad, ((a0, a1), (b0, b1)), title = _TOYS[name]
    alphas, betas = np.linspace(a0, a1, resolution), np.linspace(b0, b1, resolution)
    aa, bb = np.meshgrid(alphas, betas)
    return LossSurface(alphas, betas, f(aa, bb), ("α", "β"), "toy", title,
                       np.zeros(2), np.array([1.0, 0.0]), np.array([0.0, 1.0]),
                       lambda a, b: f(np.asarray(a, float), np.asarray(b, float)),
                       lambda a, b: grad(a, b))
