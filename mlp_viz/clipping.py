"""Clipping by the global norm, as ``torch.nn.utils.clip_grad_norm_`` does.

With ``n = ||g||`` over every ``dW`` and ``db`` together, the whole gradient is
scaled by ``min(1, max_norm / (n + 1e-6))``: its direction is kept, and only a
gradient longer than ``max_norm`` is shortened. :func:`mlp_viz.train` clips
with :func:`clip_in_place` at every step (``clip_norm=``);
:func:`clip_grad_norm` does the same to a list of arrays, for a notebook.
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import as_float_array, check_number, describe

__all__ = ["CLIP_EPS", "clip_grad_norm", "clip_in_place"]

CLIP_EPS = 1e-6
"""Added to the gradient's norm before dividing by it, as ``torch.nn.utils.clip_grad_norm_``
does: a gradient of norm ``n > max_norm`` is scaled by ``max_norm / (n + 1e-6)``."""


def clip_in_place(gradient, total_square, max_norm):
    """Scale the whole `gradient` (one flat array) to norm `max_norm` if it is longer.

    Parameters
    ----------
    gradient : ndarray
        Every parameter's gradient in one flat array, changed in place.
    total_square : float
        Its squared norm, already computed by the caller.
    max_norm : float or None
        None clips nothing.

    Returns
    -------
    float
        The factor used (1 when nothing was clipped).
    """
    if max_norm is None:
        return 1.0
    factor = max_norm / (math.sqrt(total_square) + CLIP_EPS)
    if factor >= 1.0:
        return 1.0
    gradient *= factor
    return factor


def clip_grad_norm(grads, max_norm):
    """A list of gradient arrays clipped together by their global norm.

    Parameters
    ----------
    grads : list of array_like
        E.g. ``[dW[1], db[1], dW[2], db[2]]``; left unchanged.
    max_norm : float
        The longest gradient allowed (> 0).

    Returns
    -------
    (list of ndarray, float)
        Clipped copies, each shaped like its array, and the factor they were
        scaled by (1 when the gradient was no longer than `max_norm`).
    """
    max_norm = check_number(max_norm, "max_norm", low=0)
    if not isinstance(grads, (list, tuple)) or not grads:
        raise TypeError(f"grads must be a non-empty list of gradient arrays, such as "
                        f"[dW1, db1, dW2, db2]; got {describe(grads)}.")
    arrays = [as_float_array(g, f"grads[{i}]") for i, g in enumerate(grads)]
    flat = np.concatenate([a.ravel() for a in arrays])
    factor = clip_in_place(flat, float(flat @ flat), max_norm)
    pieces = np.split(flat, np.cumsum([a.size for a in arrays])[:-1])
    return [p.reshape(a.shape) for p, a in zip(pieces, arrays)], factor
