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

from ._validation import as_generator, check_dropout_rate

__all__ = ["dropout", "dropout_mask"]


def dropout_mask(shape, rate, rng):
    """Draw a keep-mask.

    Parameters
    ----------
    shape : tuple of int
        Usually ``(n_samples, n_neurons)``: one mask entry per activation.
    rate : float
        Drop probability in [0, 1).
    rng : numpy.random.Generator or int or None

    Returns
    -------
    ndarray of bool, shape `shape`
        True where the neuron is kept.
    """
    return keep_mask_from(as_generator(rng), shape, check_dropout_rate(rate))


def keep_mask_from(gen, shape, rate):
    """:func:`dropout_mask` for a generator and a rate already checked (training's path)."""
    return gen.random(shape) >= rate


def dropout(a, rate, *, rng=None, training=True, keep_mask=None):
    """Apply inverted dropout to activations.

    Parameters
    ----------
    a : array_like, shape (n_samples, n_neurons) or (n_neurons,)
        Activations of one layer.
    rate : float
        Drop probability in [0, 1).
    rng : numpy.random.Generator or int or None
        Where the mask comes from (ignored when `keep_mask` is given).
    training : bool
        If False, dropout is the identity and `a` is returned unchanged.
    keep_mask : array_like of bool, optional
        A mask to use instead of drawing one (True = keep), same shape as `a`.

    Returns
    -------
    out : ndarray, same shape as `a`
        ``a * keep_mask / (1 - rate)``.
    keep_mask : ndarray of bool, same shape as `a`
        The mask used (all True when not training).
    """
    rate = check_dropout_rate(rate)
    a = np.asarray(a, dtype=float)
    if not training or rate == 0:
        return a, np.ones(a.shape, dtype=bool)
    if keep_mask is None:
        keep_mask = dropout_mask(a.shape, rate, rng)
    else:
        keep_mask = np.asarray(keep_mask, dtype=bool)
        if keep_mask.shape != a.shape:
            raise ValueError(
                f"keep_mask has shape {keep_mask.shape}, but the activations have shape "
                f"{a.shape}; give one mask entry per activation."
            )
    return a * keep_mask / (1 - rate), keep_mask
