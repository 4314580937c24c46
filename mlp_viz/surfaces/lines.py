"""The loss at given parameter vectors, and along the straight line between two networks.

:func:`losses_at` evaluates a network's architecture at any list of flat
parameter vectors (the snapshots of a training path, the points of a line).
:func:`line_losses` is the one-dimensional view of notebook 05 (Goodfellow et
al., 2015): with ``theta_0`` and ``theta_1``
two flat parameter vectors of the same network (``net.get_flat_params()``),
the line is ``theta(t) = (1 - t) theta_0 + t theta_1``, the first network at
``t = 0``, the second at ``t = 1``, and beyond them outside [0, 1].
"""

from __future__ import annotations

import numpy as np

from .._validation import as_float_array, check_net

__all__ = ["line_losses", "losses_at"]


def _vector(theta, name, n_params):
    theta = as_float_array(theta, name)
    if theta.shape != (n_params,):
        raise ValueError(
            f"{name} must have shape ({n_params},), one entry per parameter of the network; got "
            f"{theta.shape}. Take it from net.get_flat_params()."
        )
    return theta


def losses_at(net, X, y, thetas, *, loss="mse"):
    """The loss of `net`'s architecture with each of the flat parameter vectors `thetas`.

    Parameters
    ----------
    net : MLP
        Gives the architecture (and is left unchanged): each vector is loaded
        into a copy of it.
    X : array_like, shape (n_samples, n_features)
    y : array_like
        Targets, as for ``MLP.loss``.
    thetas : array_like, shape (n_points, n_params)
        One parameter vector per row, laid out as ``net.get_flat_params()``
        returns them (e.g. ``History.snapshots``).
    loss : str
        mse, binary_cross_entropy or cross_entropy.

    Returns
    -------
    ndarray, shape (n_points,)
        ``losses[k]`` is the loss with the parameters ``thetas[k]``.
    """
    check_net(net, "losses_at")
    thetas = as_float_array(thetas, "thetas")
    if thetas.ndim != 2 or thetas.shape[1] != net.n_params or thetas.shape[0] == 0:
        raise ValueError(
            f"thetas must have shape (n_points, {net.n_params}): one row per point, one entry "
            f"per parameter of the network; got {thetas.shape}. Stack vectors from "
            "net.get_flat_params() (or pass History.snapshots)."
        )
    return _losses(net, X, y, thetas, loss)


def _losses(net, X, y, thetas, loss):
    probe = net.copy()
    losses = np.empty(len(thetas))
    for k, theta in enumerate(thetas):
        probe.set_flat_params(theta)
        losses[k] = probe.loss(X, y, loss)
    return losses


def line_losses(net, X, y, theta_0, theta_1, ts, *, loss="mse"):
    """The network's loss at each point ``theta(t) = (1 - t) theta_0 + t theta_1`` of a line.

    Parameters
    ----------
    net : MLP
        Gives the architecture (and is left unchanged): each point is a copy
        of it with the parameters ``theta(t)``.
    X : array_like, shape (n_samples, n_features)
    y : array_like
        Targets, as for ``MLP.loss``.
    theta_0, theta_1 : array_like, shape (n_params,)
        The two ends, laid out as ``net.get_flat_params()`` returns them.
    ts : array_like, shape (n_points,)
        Where to evaluate: 0 is `theta_0`, 1 is `theta_1`; values outside
        [0, 1] follow the line beyond its ends.
    loss : str
        mse, binary_cross_entropy or cross_entropy.

    Returns
    -------
    ndarray, shape (n_points,)
        ``losses[k]`` is the loss at ``theta(ts[k])``.

    Notes
    -----
    The parameters are mixed, not the losses: the loss at ``t = 0.5`` is the
    loss of the network halfway between the two, which is in general not
    the mean of the two ends' losses.
    """
    check_net(net, "line_losses")
    theta_0 = _vector(theta_0, "theta_0", net.n_params)
    theta_1 = _vector(theta_1, "theta_1", net.n_params)
    ts = as_float_array(ts, "ts")
    if ts.ndim != 1 or ts.size == 0:
        raise ValueError(f"ts must be a 1-D array of at least one t; got shape {ts.shape}, e.g. "
                         "np.linspace(-0.5, 1.5, 41).")
    return _losses(net, X, y, [(1 - t) * theta_0 + t * theta_1 for t in ts], loss)
