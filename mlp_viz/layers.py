"""The dense (fully connected) layer: the one computation an MLP repeats.

Conventions, used everywhere in mlp_viz
---------------------------------------
The course writes one layer for one sample as a column vector::

    z[l] = W[l] @ a[l-1] + b[l]          a[l] = f(z[l])

with ``W[l]`` of shape ``(n_out, n_in)``: **one row per neuron** of layer
``l``, one column per neuron of the layer before. mlp_viz stores weights in
exactly that shape, so the code reads like the notes.

Data, however, comes as a batch with **one row per sample**: ``A_prev`` of
shape ``(n_samples, n_in)``. Transposing the column formula for every
sample at once gives the batch form used in code::

    Z = A_prev @ W.T + b                 shape (n_samples, n_out)

Row ``n`` of ``Z`` is exactly ``W @ A_prev[n] + b``; nothing about the maths
changes, only the layout.

Backward, given ``dZ = dL/dZ`` of shape ``(n_samples, n_out)``::

    dW = dZ.T @ A_prev                   shape (n_out, n_in), like W
    db = dZ.sum(axis=0)                  shape (n_out,), like b
    dA_prev = dZ @ W                     shape (n_samples, n_in)

``dW`` sums every sample's outer product ``dz_n a_prev_n^T``; the loss
already carries the ``1/N`` of the mean, so nothing is divided here.
``dA_prev = dZ @ W`` is the batch form of ``W^T dz``: the weights are
*transposed* going backwards because the gradient flows from the ``n_out``
neurons back to the ``n_in`` inputs they read.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_arrays

__all__ = ["dense_backward", "dense_forward"]

STACK_CHUNK_ELEMENTS = 131_072
"""Stacks of networks (the points of a loss surface, the nudged copies of a
finite-difference check) are evaluated a chunk at a time, about this many
array elements per layer: arrays of about 1 MB, which stay in the cache and
are cheap to allocate again. Far bigger chunks turn out slower, not faster."""


def dense_forward(A_prev, W, b, out=None):
    """Linear part of one layer for a batch.

    Parameters
    ----------
    A_prev : ndarray, shape (n_samples, n_in) or (n_in,)
        Activations of the previous layer (the inputs for the first layer).
    W : ndarray, shape (n_out, n_in)
    b : ndarray, shape (n_out,)
    out : ndarray, shape (n_samples, n_out), optional
        An array to write ``Z`` into instead of a new one (2-D input only).

    Returns
    -------
    Z : ndarray, shape (n_samples, n_out)
        ``Z[n] = W @ A_prev[n] + b`` for every sample ``n``.

    Raises
    ------
    TypeError, ValueError
        If the arrays are not arrays of finite numbers, or do not fit
        together (a `b` of shape ``(1,)`` would broadcast: it is refused).

    Notes
    -----
    A stack of batches, ``A_prev`` of shape ``(G, n_samples, n_in)`` (one
    batch per network variant, as loss surfaces and gradient checks use),
    gives ``(G, n_samples, n_out)``, computed as one large product.
    """
    check_arrays("dense_forward", dict(A_prev=A_prev, W=W, b=b))
    problem = _forward_mismatch(A_prev, W, b, out)
    if problem is not None:
        raise problem
    return _dense_forward(A_prev, W, b, out)


def _dense_forward(A_prev, W, b, out=None):
    """:func:`dense_forward` without its checks: what every training step runs."""
    if A_prev.ndim == 2:
        Z = np.matmul(A_prev, W.T, out=out)
        Z += b
        return Z
    flat = A_prev.reshape(-1, A_prev.shape[-1]) @ W.T + b
    return flat.reshape(*A_prev.shape[:-1], W.shape[0])


def dense_backward(dZ, A_prev, W, *, need_dA_prev=True, out=None):
    """Gradients of one layer's linear part.

    Parameters
    ----------
    dZ : ndarray, shape (n_samples, n_out)
        Gradient of the loss with respect to this layer's ``Z``.
    A_prev : ndarray, shape (n_samples, n_in)
        The layer's input from the forward pass.
    W : ndarray, shape (n_out, n_in)
    need_dA_prev : bool
        False for the first layer, whose input is the data (no gradient
        needed).
    out : tuple of ndarray, optional
        ``(dW, db, dA_prev)`` arrays to write the results into instead of
        new ones (``dA_prev`` may be None when it is not needed).

    Returns
    -------
    dW : ndarray, shape (n_out, n_in)
    db : ndarray, shape (n_out,)
    dA_prev : ndarray, shape (n_samples, n_in), or None

    Raises
    ------
    TypeError, ValueError
        If the arrays are not arrays of finite numbers, or do not fit
        together (an `A_prev` of the wrong width would give a `dW` of the
        wrong shape: it is refused).
    """
    check_arrays("dense_backward", dict(dZ=dZ, A_prev=A_prev, W=W))
    problem = _backward_mismatch(dZ, A_prev, W)
    if problem is not None:
        raise problem
    return _dense_backward(dZ, A_prev, W, need_dA_prev=need_dA_prev, out=out)


def _dense_backward(dZ, A_prev, W, *, need_dA_prev=True, out=None):
    """:func:`dense_backward` without its checks: what every training step runs."""
    dW_out, db_out, dA_out = (None, None, None) if out is None else out
    dW = np.matmul(dZ.T, A_prev, out=dW_out)
    db = dZ.sum(axis=0, out=db_out)
    dA_prev = np.matmul(dZ, W, out=dA_out) if need_dA_prev else None
    return dW, db, dA_prev


def _forward_mismatch(A_prev, W, b, out):
    """Why dense_forward's arrays do not fit together (None if they seem to)."""
    if W.ndim != 2:
        return ValueError(f"W must be 2-D, shape (n_out, n_in); got shape {W.shape}.")
    n_out, n_in = W.shape
    if A_prev.ndim == 0 or A_prev.shape[-1] != n_in:
        return ValueError(
            f"A_prev has {A_prev.shape[-1] if A_prev.ndim else 0} columns (inputs per sample), "
            f"but W has shape {W.shape}, so the layer reads {n_in} inputs: give A_prev of shape "
            f"(n_samples, {n_in})."
        )
    if b.shape != (n_out,):
        return ValueError(
            f"b has shape {b.shape}, but W has {n_out} rows (neurons), so b must have shape "
            f"({n_out},)."
        )
    shape = A_prev.shape[:-1] + (n_out,)
    if out is not None and out.shape != shape:
        return ValueError(f"out has shape {out.shape}, but Z has shape {shape}.")
    dtype = np.result_type(A_prev, W, b)
    if out is not None and out.dtype != dtype:
        return ValueError(f"out has dtype {out.dtype}, but Z is {dtype}: give "
                          f"out=np.empty({shape}, {dtype}).")
    return None


def _backward_mismatch(dZ, A_prev, W):
    """Why dense_backward's arrays do not fit together (None if they seem to)."""
    if dZ.ndim != 2 or A_prev.ndim != 2:
        return ValueError(
            "dense_backward works on batches: dZ and A_prev must be 2-D (n_samples, ...); got "
            f"shapes {dZ.shape} and {A_prev.shape}. For one sample use dZ.reshape(1, -1) and "
            "A_prev.reshape(1, -1)."
        )
    if W.ndim != 2:
        return ValueError(f"W must be 2-D, shape (n_out, n_in); got shape {W.shape}.")
    if dZ.shape[1] != W.shape[0]:
        return ValueError(
            f"dZ has {dZ.shape[1]} columns, but W has {W.shape[0]} rows (neurons): dZ must have "
            f"shape (n_samples, {W.shape[0]})."
        )
    if A_prev.shape[1] != W.shape[1]:
        return ValueError(
            f"A_prev has {A_prev.shape[1]} columns (inputs per sample), but W has shape "
            f"{W.shape}, so the layer reads {W.shape[1]} inputs: give A_prev of shape "
            f"(n_samples, {W.shape[1]})."
        )
    if dZ.shape[0] != A_prev.shape[0]:
        return ValueError(
            f"dZ has {dZ.shape[0]} rows (samples), but A_prev has {A_prev.shape[0]}: both must "
            "come from the same batch."
        )
    return None
