"""The loss along the straight line from one network to another (Goodfellow et al., 2015).

The one-dimensional view of notebook 05: with ``theta_0`` and ``theta_1``
two flat parameter vectors of the same network (``net.get_flat_params()``),
the line is ``theta(t) = (1 - t) theta_0 + t theta_1``, the first network at
``t = 0``, the second at ``t = 1``, and beyond them outside [0, 1].
"""

from __future__ import annotations

import numpy as np

from .._validation import as_float_array, check_net

__all__ = ["line_losses"]


def _vector(theta, name, n_params):
    theta = as_float_array(theta, name)
    if theta.shape != (n_params,):
        raise ValueError(
            f"{name} must have shape ({n_params},), one entry per parameter of the network; got "
            f"{theta.shape}. Take it from net.get_flat_params()."
        )
    return theta


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
    probe = net.copy()
    losses = np.empty(ts.size)
    for k, t in enumerate(ts):
        probe.set_flat_params((1 - t) * theta_0 + t * theta_1)
        losses[k] = probe.loss(X, y, loss)
    return losses
