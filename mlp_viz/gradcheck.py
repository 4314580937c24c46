"""Checking back-propagation against finite differences.

Back-propagation is exact calculus done by hand; a finite difference is a
brute-force measurement of the same slope. If the two agree to many digits,
the hand calculus is right.

For each parameter ``theta_i`` the slope is measured with the centred
five-point stencil::

    dL/dtheta_i ~ [L(t - 2h) - 8 L(t - h) + 8 L(t + h) - L(t + 2h)] / (12 h)

whose truncation error shrinks like ``h**4`` (the plain centred difference
``[L(t + h) - L(t - h)] / 2h`` shrinks like ``h**2``). With ``h = 1e-4`` in
float64 the truncation error is negligible and what is left is rounding:
each loss carries an error of a few ``1e-16 * |L|``, which the division by
``h`` turns into about ``1e-12 * |L|`` on every estimate. That noise sets the
``floor`` of the relative error: a gradient entry far smaller than the loss
(``|g| < 1e-4 * |L|``) is compared on an absolute scale instead, where a
score of 1e-7 still means agreement to about ``1e-11 * |L|``.

Near a kink (ReLU at ``z = 0``) no finite difference is meaningful: keep
pre-activations away from 0 when checking.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_number

__all__ = ["gradient_check", "numerical_gradients"]

_STENCIL = ((-2, 1.0), (-1, -8.0), (1, 8.0), (2, -1.0))


def numerical_gradients(net, X, y, loss="mse", *, h=1e-4):
    """Finite-difference gradients of the loss for every parameter.

    Parameters
    ----------
    net : MLP
    X : array_like, shape (n_samples, n_features)
    y : array_like
        Targets, as for ``MLP.loss_and_gradients``.
    loss : str
    h : float
        Step of the finite difference (> 0).

    Returns
    -------
    list of (dW, db)
        Shaped like ``net.weights`` and ``net.biases``. The network is left
        exactly as it was.
    """
    h = check_number(h, "h", low=0)
    theta = net.get_flat_params()
    grad = np.empty(theta.shape, dtype=np.float64)
    try:
        for i in range(theta.size):
            total = 0.0
            for k, c in _STENCIL:
                shifted = theta.copy()
                shifted[i] += k * h
                net.set_flat_params(shifted)
                total += c * net.loss(X, y, loss)
            grad[i] = total / (12 * h)
    finally:
        net.set_flat_params(theta)
    out, i = [], 0
    for W, b in zip(net.weights, net.biases):
        dW = grad[i:i + W.size].reshape(W.shape)
        i += W.size
        db = grad[i:i + b.size]
        i += b.size
        out.append((dW, db))
    return out


def gradient_check(net, X, y, loss="mse", *, h=1e-4, floor=None):
    """Largest relative error between back-propagation and finite differences.

    Parameters
    ----------
    net : MLP
    X : array_like, shape (n_samples, n_features)
    y : array_like
    loss : str
    h : float
        Finite-difference step (see :func:`numerical_gradients`).
    floor : float, optional
        Smallest denominator; default ``1e-4 * max(1, |L|)``. Entries whose
        two estimates are both below it are compared on an absolute scale,
        since the relative error of two numbers that are both lost in
        rounding noise says nothing.

    Returns
    -------
    float
        ``max_i |g_i - n_i| / max(|g_i| + |n_i|, floor)`` over every
        parameter, where ``g`` is back-propagation's gradient and ``n`` the
        finite difference. Below 1e-7 in float64 means they agree.
    """
    value, grads = net.loss_and_gradients(X, y, loss)
    if floor is None:
        floor = 1e-4 * max(1.0, abs(value))
    floor = check_number(floor, "floor", low=0)
    numeric = numerical_gradients(net, X, y, loss, h=h)
    g = np.concatenate([p.ravel() for pair in grads for p in pair])
    n = np.concatenate([p.ravel() for pair in numeric for p in pair])
    return float(np.max(np.abs(g - n) / np.maximum(np.abs(g) + np.abs(n), floor)))
