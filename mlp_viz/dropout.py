"""Inverted dropout.

``rate`` is the probability of *dropping* a neuron (as in PyTorch and Keras),
so ``keep = 1 - rate``. During training each activation is kept with
probability ``keep`` and, if kept, divided by ``keep``::

    a_dropped = a * mask / keep        mask_i ~ Bernoulli(keep)

Dividing by ``keep`` keeps the expected value unchanged,
``E[a_dropped] = keep * a / keep = a``, so at evaluation time the network
uses every neuron with no rescaling at all: dropout is then the identity.

A mask is drawn the way the course's notes describe it: one uniform number
``u`` in [0, 1) per neuron, and the neuron is dropped where ``u < rate``.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, as_generator, check_bool, check_dropout_rate, check_shape

__all__ = ["dropout", "dropout_mask"]


def dropout_mask(shape, rate, rng):
    """Draw a keep-mask.

    Parameters
    ----------
    shape : int or tuple of int
        Usually ``(n_samples, n_neurons)``: one mask entry per activation.
    rate : float
        Drop probability in [0, 1).
    rng : numpy.random.Generator or int or None

    Returns
    -------
    ndarray of bool, shape `shape`
        True where the neuron is kept.
    """
    shape = check_shape(shape)
    return keep_mask_from(as_generator(rng, "rng"), shape, check_dropout_rate(rate))


def keep_mask_from(gen, shape, rate):
    """:func:`dropout_mask` for a generator and a rate already checked (training's path)."""
    return gen.random(shape) >= rate


def apply_keep_mask(a, keep_mask, rate, out=None):
    """Inverted dropout's scaling, ``a * keep_mask / (1 - rate)``, for checked arguments.

    The one place that scales by ``1 / keep``: forward passes scale the
    activations with it, and back-propagation the gradient flowing back
    through the same mask.

    Parameters
    ----------
    a : ndarray
        Activations (or the gradient with respect to them).
    keep_mask : ndarray of bool, shape of `a`
    rate : float
        Drop probability in [0, 1).
    out : ndarray, optional
        An array of `a`'s shape and dtype to write into; it may be `a`
        itself (in place). Training's fast path passes one, to make no new
        array.

    Returns
    -------
    ndarray
        ``a * keep_mask / (1 - rate)``: multiplied first, then divided, in
        this order wherever it is computed, so every path gives the same bits.
    """
    if out is None:
        return a * keep_mask / (1 - rate)
    np.multiply(a, keep_mask, out=out)
    out /= 1 - rate
    return out


def dropout(a, rate, *, rng=None, training=True, keep_mask=None):
    """Apply inverted dropout to activations.

    Parameters
    ----------
    a : array_like, shape (n_samples, n_neurons) or (n_neurons,)
        Activations of one layer: finite real numbers. float32 stays float32
        (and float64 float64); integers become float64.
    rate : float
        Drop probability in [0, 1).
    rng : numpy.random.Generator or int or None
        Where the mask comes from (ignored when `keep_mask` is given).
    training : bool
        If False, dropout is the identity and `a` is returned unchanged.
    keep_mask : array_like of bool, optional
        A mask to use instead of drawing one (True = keep; 1/0 will do), same
        shape as `a`.

    Returns
    -------
    out : ndarray, same shape and dtype as `a`
        ``a * keep_mask / (1 - rate)``.
    keep_mask : ndarray of bool, same shape as `a`
        The mask used (all True when not training).
    """
    rate = check_dropout_rate(rate)
    training = check_bool(training, "training")
    a = as_float_array(a, "a")
    if not training or rate == 0:
        return a, np.ones(a.shape, dtype=bool)
    if keep_mask is None:
        keep_mask = dropout_mask(a.shape, rate, rng)
    else:
        keep_mask = _as_mask(keep_mask)
        if keep_mask.shape != a.shape:
            raise ValueError(
                f"keep_mask has shape {keep_mask.shape}, but the activations have shape "
                f"{a.shape}; give one mask entry per activation."
            )
    return apply_keep_mask(a, keep_mask, rate), keep_mask


def _as_mask(keep_mask):
    """A keep-mask given by the caller, as bool: True/False, or 1/0."""
    mask = np.asarray(keep_mask)
    if mask.dtype == bool:
        return mask
    message = "keep_mask must hold True/False (True = keep), or 1/0; got "
    if mask.dtype.kind not in "iuf":
        raise TypeError(f"{message}an array of dtype {mask.dtype}.")
    other = (mask != 0) & (mask != 1)
    if other.any():
        raise ValueError(f"{message}values such as {mask[other].flat[0]:g}.")
    return mask.astype(bool)
