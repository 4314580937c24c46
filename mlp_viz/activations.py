"""Activation functions, each with its derivative beside it.

Every activation is an :class:`Activation`: a name, the function ``f(z)`` and
its derivative ``f'(z)``. The derivative receives both ``z`` and ``a = f(z)``
because several derivatives are cheapest to write with the output
(``sigmoid'(z) = a (1 - a)``, ``tanh'(z) = 1 - a**2``).

Softmax is different: each output depends on every input of its row, so its
derivative is a Jacobian, not an element-wise factor. It is therefore allowed
only as an output activation, where :mod:`mlp_viz.network` applies its
Jacobian-vector product (or fuses it with cross-entropy, see
:mod:`mlp_viz.losses`).

ReLU's derivative at exactly ``z = 0`` is taken as 0 (the usual convention;
the kink has no derivative there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validation import as_float_array, check_finite

__all__ = [
    "ACTIVATIONS",
    "HIDDEN_ACTIVATIONS",
    "Activation",
    "get_activation",
    "softmax",
    "softmax_jacobian",
]

LEAKY_SLOPE = 0.01
"""Slope of leaky ReLU for negative inputs."""


@dataclass(frozen=True)
class Activation:
    """An activation function and its derivative.

    Attributes
    ----------
    name : str
        The name used in ``MLP(..., activation=name)``.
    f : callable
        ``f(z, out=None) -> a``, element-wise (row-wise for softmax).
    df : callable or None
        ``df(z, a, out=None) -> f'(z)``, element-wise. None for softmax,
        whose derivative is a Jacobian (see :func:`softmax_backward`).

    Both take an optional ``out``: an array of ``z``'s shape and dtype (not
    ``z`` itself) to write the result into instead of a new array (identity
    returns ``z`` itself). ``f`` and ``df`` are the raw arithmetic, run on
    every mini-batch, and take float arrays as they are; calling the
    activation, or :meth:`derivative`, checks its input first.
    """

    name: str
    f: Callable[..., np.ndarray]
    df: Callable[..., np.ndarray] | None

    def __call__(self, z):
        """Return ``f(z)`` for an array (or number) of pre-activations.

        Raises TypeError unless `z` holds real numbers, and ValueError for
        NaN or infinity. float32 stays float32.
        """
        return self.f(as_float_array(z, "z"))

    def derivative(self, z):
        """Return ``f'(z)`` for an array of pre-activations ``z``.

        Raises
        ------
        ValueError
            For softmax, whose derivative is a matrix per sample.
        """
        if self.df is None:
            raise ValueError(
                f"'{self.name}' has no element-wise derivative: each output depends on every "
                "input of its row. Use mlp_viz.softmax_jacobian(z) for its Jacobian."
            )
        z = as_float_array(z, "z")
        return self.df(z, self.f(z))


def _as_float(z):
    """Return `z` as a floating-point array, keeping float32 as float32."""
    z = np.asarray(z)
    return z if np.issubdtype(z.dtype, np.floating) else z.astype(float)


def _into(result, out):
    """Return `result`, or copy it into `out` when an array to fill was given."""
    if out is None:
        return result
    np.copyto(out, result)
    return out


# Each f(z, out=None) and df(z, a, out=None) returns a new array, or, given
# `out` (an array of z's shape and dtype, not z itself), writes the result
# there: training reuses the same arrays for every mini-batch (see
# mlp_viz.network._Workspace). The numbers are the same either way.
def _identity(z, out=None):
    return z  # nothing to compute or copy, even when `out` is offered


def _identity_df(z, a, out=None):
    return _into(np.ones_like(z), out)


def _relu(z, out=None):
    return np.maximum(z, 0, out=out)


def _relu_df(z, a, out=None):
    if out is None:
        return (z > 0).astype(z.dtype)
    return np.greater(z, 0, out=out)  # True/False land in `out` as 1.0/0.0


def _leaky_relu(z, out=None):
    return _into(np.where(z > 0, z, LEAKY_SLOPE * z), out)


def _leaky_relu_df(z, a, out=None):
    return _into(np.where(z > 0, 1.0, LEAKY_SLOPE).astype(z.dtype), out)


def _sigmoid(z, out=None):
    # Two branches so that exp never overflows: for z >= 0 use 1/(1+e^-z),
    # for z < 0 the equal form e^z/(1+e^z). With e = exp(-|z|) both read
    # (1 or e) / (1 + e).
    e = np.exp(-np.abs(z))
    return np.divide(np.where(z >= 0, 1.0, e), 1 + e, out=out)


def _sigmoid_df(z, a, out=None):
    slope = np.subtract(1, a, out=out)
    slope *= a  # a (1 - a)
    return slope


def _tanh(z, out=None):
    return np.tanh(z, out=out)


def _tanh_df(z, a, out=None):
    slope = np.multiply(a, a, out=out)
    return np.subtract(1, slope, out=slope)  # 1 - a^2


def row_max(z):
    """``z.max(axis=-1, keepdims=True)``, quicker for many short rows.

    NumPy reduces a short last axis one row at a time, which is slow when
    there are thousands of rows of a few classes (a loss surface evaluates
    millions). Comparing whole columns instead gives the same numbers.
    """
    k = z.shape[-1]
    if k < 2 or k > 16 or z.size < 256 * k:  # few rows: the plain reduction is quicker
        return z.max(axis=-1, keepdims=True)
    m = z[..., :1].copy()
    for j in range(1, k):
        np.maximum(m, z[..., j:j + 1], out=m)
    return m


def row_sum(e):
    """``e.sum(axis=-1, keepdims=True)``, quicker for many short rows.

    For fewer than 8 entries NumPy adds a row left to right, one entry after
    another; adding whole columns in that order gives the same numbers.
    """
    k = e.shape[-1]
    if k < 2 or k >= 8 or e.size < 256 * k:
        return e.sum(axis=-1, keepdims=True)
    total = e[..., :1] + e[..., 1:2]
    for j in range(2, k):
        total += e[..., j:j + 1]
    return total


def _scores(z):
    """Check the scores given to softmax: a vector, or one row per sample, of finite numbers."""
    z = as_float_array(z, "z", finite=False)
    if z.ndim == 0:
        raise ValueError(
            "softmax takes a vector of scores, shape (n_classes,), or one row of scores per "
            f"sample, shape (n_samples, n_classes); got the single number {z.item()!r}. Pass one "
            "score per class, e.g. [2.0, 1.0, 0.1]."
        )
    if z.shape[-1] == 0:
        raise ValueError(f"softmax needs at least one score per row; got shape {z.shape}.")
    check_finite(z, "z")
    return z


def softmax(z, out=None):
    """Row-wise softmax, numerically stable.

    Parameters
    ----------
    z : ndarray, shape (n_samples, n_classes) or (n_classes,)
        Scores (logits).
    out : ndarray, optional
        An array of `z`'s shape and dtype to write the result into.

    Returns
    -------
    ndarray, same shape and dtype as `z`
        Probabilities: each row is positive and sums to 1.

    Raises
    ------
    TypeError
        Unless `z` holds real numbers.
    ValueError
        For a single number, rows without scores, NaN or infinity.

    Notes
    -----
    ``softmax(z)_k = exp(z_k - max(z)) / sum_j exp(z_j - max(z))``. Subtracting
    the row maximum changes nothing mathematically but keeps ``exp`` from
    overflowing.
    """
    return _softmax(_scores(z), out)


def _softmax(z, out=None):
    """:func:`softmax` on scores known to be good: the output layer's ``f`` in training."""
    z = _as_float(z)
    shifted = np.subtract(z, row_max(z), out=out)
    e = np.exp(shifted, out=shifted)
    e /= row_sum(e)
    return e


def softmax_jacobian(z):
    """Jacobian of softmax for one sample.

    Parameters
    ----------
    z : ndarray, shape (n_classes,)

    Returns
    -------
    ndarray, shape (n_classes, n_classes)
        ``J[i, j] = d softmax_i / d z_j = s_i (delta_ij - s_j)``.
    """
    z = as_float_array(z, "z", finite=False)
    if z.ndim != 1:
        raise ValueError(
            f"softmax_jacobian takes one sample, a 1-D array; got shape {z.shape}. "
            "Pass one row, e.g. z[0]."
        )
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)


def softmax_backward(a, da):
    """Multiply the upstream gradient by softmax's Jacobian, row by row.

    Parameters
    ----------
    a : ndarray, shape (n_samples, n_classes)
        Softmax outputs.
    da : ndarray, shape (n_samples, n_classes)
        dL/da.

    Returns
    -------
    ndarray, shape (n_samples, n_classes)
        dL/dz, computed as ``a * (da - sum(da * a))`` per row, which equals
        ``J^T da`` without forming the Jacobian.
    """
    return a * (da - np.sum(da * a, axis=-1, keepdims=True))


ACTIVATIONS: dict[str, Activation] = {
    act.name: act
    for act in (
        Activation("identity", _identity, _identity_df),
        Activation("relu", _relu, _relu_df),
        Activation("leaky_relu", _leaky_relu, _leaky_relu_df),
        Activation("sigmoid", _sigmoid, _sigmoid_df),
        Activation("tanh", _tanh, _tanh_df),
        Activation("softmax", _softmax, None),
    )
}
"""Every activation by name."""

HIDDEN_ACTIVATIONS = tuple(name for name in ACTIVATIONS if name != "softmax")
"""The activations allowed in hidden layers (all but softmax)."""


def get_activation(name, *, hidden=False):
    """Look up an activation by name.

    Parameters
    ----------
    name : str
        One of ``ACTIVATIONS``.
    hidden : bool
        True when the activation is for a hidden layer, where softmax is not
        allowed.

    Returns
    -------
    Activation

    Raises
    ------
    TypeError
        If `name` is not a string.
    ValueError
        If `name` is unknown (the message lists the valid names), or is
        softmax for a hidden layer.
    """
    if not isinstance(name, str):
        raise TypeError(
            f"an activation is given by its name, a string; got {type(name).__name__} {name!r}. "
            f"Valid names: {', '.join(ACTIVATIONS)}."
        )
    if name not in ACTIVATIONS:
        raise ValueError(
            f"unknown activation {name!r}; valid names are: {', '.join(ACTIVATIONS)}."
        )
    if hidden and name == "softmax":
        raise ValueError(
            "softmax can only be the output activation (each of its outputs depends on the "
            "whole layer); for hidden layers use one of: " + ", ".join(HIDDEN_ACTIVATIONS) + "."
        )
    return ACTIVATIONS[name]
