"""The flat parameter vector: every weight and bias of a network in one array.

Loss surfaces, gradient checks, training snapshots and the training loop's
one-operation updates all see a network's parameters (or their gradients, or
a direction among them) as one vector. Its layout is::

    W^[1] row by row, then b^[1], then W^[2] row by row, then b^[2], ...

that is ``weights[0].ravel()``, ``biases[0]``, ``weights[1].ravel()``, ...
This module is the one place that knows it: everything else goes from
per-layer ``(W, b)`` pairs to the vector with :func:`flatten`, back with
:func:`unflatten`, and finds a layer's entries with :func:`layer_slices`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["LayerSlices", "flatten", "layer_slices", "unflatten"]


class LayerSlices(NamedTuple):
    """Where one layer's weights and biases lie in the flat vector."""

    W: slice  # W^[l] row by row: entry (i, j) at W.start + i * n_in + j
    b: slice  # then b^[l]


def layer_slices(net):
    """Per layer, the slices of its ``W`` and ``b`` in the flat vector.

    Parameters
    ----------
    net : MLP

    Returns
    -------
    list of LayerSlices
        One per layer, input side first.
    """
    out, start = [], 0
    for W, b in zip(net.weights, net.biases):
        middle = start + W.size
        out.append(LayerSlices(slice(start, middle), slice(middle, middle + b.size)))
        start = middle + b.size
    return out


def flatten(pairs):
    """One flat vector from per-layer ``(W, b)`` pairs.

    Parameters
    ----------
    pairs : iterable of (ndarray, ndarray)
        Per layer, an array of ``W``'s shape and one of ``b``'s: the
        parameters, their gradients, or a direction among them.

    Returns
    -------
    ndarray, shape (n_params,)
        A new array, in the arrays' common dtype.
    """
    return np.concatenate([p.ravel() for pair in pairs for p in pair])


def unflatten(vector, net):
    """Per-layer ``(W, b)`` views of a flat vector, shaped like `net`'s parameters.

    Parameters
    ----------
    vector : ndarray, shape (n_params,)
        Laid out as :func:`flatten` makes it (checked by the caller).
    net : MLP
        Gives the shapes.

    Returns
    -------
    list of (ndarray, ndarray)
        Views of `vector` (for a contiguous one): writing into them writes
        into `vector`, which is how one array can hold every gradient.
    """
    return [(vector[s.W].reshape(W.shape), vector[s.b].reshape(b.shape))
            for s, W, b in zip(layer_slices(net), net.weights, net.biases)]
