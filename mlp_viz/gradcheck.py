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

from ._validation import as_inputs, as_targets, check_net, check_number
from .activations import get_activation
from .layers import STACK_CHUNK_ELEMENTS, _dense_forward
from .losses import get_loss
from .params import flatten, unflatten

__all__ = ["gradient_check", "numerical_gradients", "relative_error"]

_STENCIL = ((-2, 1.0), (-1, -8.0), (1, 8.0), (2, -1.0))
_CHUNK_ELEMENTS = STACK_CHUNK_ELEMENTS  # see mlp_viz.layers


def numerical_gradients(net, X, y, loss="mse", *, h=1e-4, method="batched"):
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
    method : str
        ``"batched"`` (default) or ``"loop"``; both give the same numbers to
        rounding. ``"loop"`` is the plain recipe: nudge one parameter, run
        the whole network, put it back. ``"batched"`` evaluates many nudged
        networks at once: a nudge of a parameter of layer ``l`` changes
        nothing before ``z^[l]``, and changes ``z^[l]`` only in one column
        (by ``h`` times the weight's input), so the layers before are run
        once and the rest for a whole block of nudges in single products.

    Returns
    -------
    list of (dW, db)
        Shaped and typed like ``net.weights`` and ``net.biases`` (the
        batched differences are taken in float64 even for a float32 network,
        whose weights float64 holds exactly). The network is left exactly as
        it was.
    """
    check_net(net, "numerical_gradients")
    h = check_number(h, "h", low=0)
    if method not in ("batched", "loop"):
        raise ValueError(f"method must be 'batched' or 'loop'; got {method!r}.")
    if method == "loop":
        grad = _loop(net, X, y, loss, h)
    else:
        grad = _batched(net, X, y, loss, h)
    return [(dW.astype(W.dtype, copy=False), db.astype(b.dtype, copy=False))
            for (dW, db), W, b in zip(unflatten(grad, net), net.weights, net.biases)]


def _loop(net, X, y, loss, h):
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
    return grad


def _batched(net, X, y, loss, h):
    loss_fn = get_loss(loss, net.output_activation)
    X2, single = as_inputs(X, net.layer_sizes[0], np.float64)
    Y = as_targets(y, X2.shape[0], net.layer_sizes[-1], loss_fn, np.float64, single)
    weights = [W.astype(np.float64) for W in net.weights]
    biases = [b.astype(np.float64) for b in net.biases]
    acts = [get_activation(name) for name in net.activations]
    n = X2.shape[0]
    chunk_limit = max(1, _CHUNK_ELEMENTS // (n * max(net.layer_sizes)))

    def loss_from(layer, Z):
        """Losses of a stack of nudged networks, given layer `layer`'s z (G, n, n_out)."""
        A = acts[layer].f(Z)
        for l in range(layer + 1, len(weights)):
            Z = _dense_forward(A, weights[l], biases[l])
            A = acts[l].f(Z)
        return loss_fn._value(Z, A, Y)

    grad = np.empty(net.n_params)
    A_prev = X2
    last = len(weights) - 1
    for layer, (W, b, (dW, db)) in enumerate(zip(weights, biases, unflatten(grad, net))):
        n_out, n_in = W.shape
        Z = _dense_forward(A_prev, W, b)
        A = acts[layer].f(Z)
        # Parameter p (each W[i, j] row by row, then each b[i]) nudges column
        # rows[p] of Z by h times inputs[:, cols[p]]: its weight's input for
        # W[i, j], a constant 1 for the bias b[i].
        inputs = np.column_stack([A_prev, np.ones(n)])
        w_rows, w_cols = np.indices(W.shape).reshape(2, -1)
        rows = np.concatenate([w_rows, np.arange(n_out)])
        cols = np.concatenate([w_cols, np.full(n_out, n_in)])
        if layer < last:
            Z_next = _dense_forward(A, weights[layer + 1], biases[layer + 1])
        layer_grad = np.empty(rows.size)
        for start in range(0, rows.size, chunk_limit):
            r, c = rows[start:start + chunk_limit], cols[start:start + chunk_limit]
            G = r.size
            nudge = inputs[:, c].T  # (G, n)
            total = np.zeros(G)
            for k, weight in _STENCIL:
                if layer == last:  # the output layer: softmax needs the whole row
                    Zs = np.broadcast_to(Z, (G, n, n_out)).copy()
                    Zs[np.arange(G), :, r] += k * h * nudge
                    total += weight * loss_from(layer, Zs)
                    continue
                # Only neuron r's activation moves; the next layer's z moves by
                # that change times the column of W^[l+1] that reads neuron r.
                change = acts[layer].f(Z[:, r].T + k * h * nudge) - A[:, r].T  # (G, n)
                Zs = Z_next + change[:, :, None] * weights[layer + 1][:, r].T[:, None, :]
                total += weight * loss_from(layer + 1, Zs)
            layer_grad[start:start + G] = total / (12 * h)
        dW[...] = layer_grad[:W.size].reshape(W.shape)
        db[...] = layer_grad[W.size:]
        A_prev = A
    return grad


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
    check_net(net, "gradient_check")
    value, grads = net.loss_and_gradients(X, y, loss)
    if floor is None:
        floor = 1e-4 * max(1.0, abs(value))
    floor = check_number(floor, "floor", low=0)
    numeric = numerical_gradients(net, X, y, loss, h=h)
    return float(np.max(relative_error(flatten(grads), flatten(numeric), floor)))


def relative_error(analytic, numeric, floor):
    """Entry-by-entry relative error between two gradients, as :func:`gradient_check` scores it.

    Parameters
    ----------
    analytic, numeric : ndarray
        Two estimates of the same gradient, of one shape (back-propagation's
        and a finite difference's).
    floor : float
        Smallest denominator (see :func:`gradient_check`).

    Returns
    -------
    ndarray, the shape of the inputs
        ``|g - n| / max(|g| + |n|, floor)``, 0 where the two agree exactly.
    """
    g, n = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    return np.abs(g - n) / np.maximum(np.abs(g) + np.abs(n), floor)
