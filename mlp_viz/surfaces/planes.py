"""The loss of a network at every point of a plane's grid, evaluated in one go.

A plane ``origin + alpha * d1 + beta * d2`` through parameter space is a stack
of networks, one per grid point. The whole grid is evaluated at once. Layers
before the first one the plane moves are computed a single time. In the first
moving layer, ``z`` is affine in ``(alpha, beta)``: ``z = z0 + alpha z1 + beta
z2``, three products in all. Later moving layers build each grid point's own
``W0 + alpha dW1 + beta dW2`` and multiply all points' activations in one
batched product, in chunks of grid points that keep memory bounded; every
chunk writes into the same arrays, and with a fused loss (cross-entropy) the
output's softmax is never formed, as the loss needs only ``z``.
"""

from __future__ import annotations

import numpy as np

from ..activations import get_activation
from ..layers import _dense_forward
from ..params import flatten, unflatten

__all__ = ["plane_evaluator", "plane_gradient"]


def plane_evaluator(net, X, Y, loss_fn, origin, d1, d2, chunk_elements):
    """A function (alphas, betas) -> losses for the plane origin + a d1 + b d2.

    Grid points are evaluated in chunks of at most about `chunk_elements`
    activations per layer (see ``mlp_viz.layers.STACK_CHUNK_ELEMENTS``).
    """
    # Per layer, the (W, b) of the origin and of each direction.
    at_origin, along_1, along_2 = (unflatten(v, net) for v in (origin, d1, d2))
    moving = [np.any(W1 != 0) or np.any(b1 != 0) or np.any(W2 != 0) or np.any(b2 != 0)
              for (W1, b1), (W2, b2) in zip(along_1, along_2)]
    n_layers = len(moving)
    first = moving.index(True) if any(moving) else n_layers
    acts = [get_activation(name) for name in net.activations]

    # Layers before the first moving one: the same for every grid point.
    A = X
    for l in range(first):
        W, b = at_origin[l]
        A = acts[l].f(A @ W.T + b)
    # The first moving layer, z = z0 + alpha z1 + beta z2, computed once.
    (W0, b0), (W1, b1), (W2, b2) = at_origin[first], along_1[first], along_2[first]
    Z0, Z1, Z2 = A @ W0.T + b0, A @ W1.T + b1, A @ W2.T + b2
    width = max(net.layer_sizes)
    chunk = max(1, chunk_elements // (X.shape[0] * width))
    last = n_layers - 1
    # With a fused loss (cross-entropy) the loss needs only the output z.
    skip_output = loss_fn.fused

    def layer(l, A_g, a, c, Z):
        """Layer l's z for every grid point of a chunk, written into Z."""
        W, b = at_origin[l]
        if not moving[l]:  # the same W for every point: one product for the whole chunk
            _dense_forward(A_g.reshape(-1, A_g.shape[-1]), W, b, out=Z.reshape(-1, Z.shape[-1]))
            return Z
        (Wa, ba), (Wb, bb) = along_1[l], along_2[l]
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
                for l in range(first, n_layers)}
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
            for l in range(first + 1, n_layers):
                Z = layer(l, A_g, a, c, zbuf[l][:g])
                A_g = activate(l, Z)
            out[start:start + chunk] = loss_fn._value(Z, A_g, Y)
        return out

    return evaluate


def plane_gradient(net, X, Y, loss_name, origin, d1, d2):
    """A function (alpha, beta) -> (dL/dalpha, dL/dbeta) for the same plane, by back-propagation."""
    probe = net.copy()

    def gradient(alpha, beta):
        probe.set_flat_params(origin + alpha * d1 + beta * d2)
        _, grads = probe.loss_and_gradients(X, Y, loss_name)
        g = flatten(grads)
        return np.array([g @ d1, g @ d2])  # the chain rule along each direction

    return gradient
