"""Loss functions, each with the gradient it sends back into the network.

All losses are averaged over the samples of a batch, and summed over the
outputs of one sample:

``mse``
    ``L = 1/N * sum_n 1/2 * sum_k (a_nk - y_nk)**2``. The ½ is the course's
    convention: it cancels the 2 of the derivative, so for one sample
    ``dL/da = a - y``.
``binary_cross_entropy``
    ``L = -1/N * sum_n sum_k [y log a + (1 - y) log(1 - a)]`` with
    ``a = sigmoid(z)``. Computed from the logits ``z`` (never from a rounded
    ``a``) so that it stays finite when ``a`` is 0 or 1 in floating point.
``cross_entropy``
    ``L = -1/N * sum_n sum_k y_nk log softmax(z_n)_k``, fused with softmax
    through log-sum-exp.

Cross-entropy needs its matching output activation (sigmoid or softmax), and
then the gradient with respect to the logits is simply ``(a - y) / N``: the
activation's derivative cancels. For MSE the network multiplies ``dL/da`` by
the output activation's derivative itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import as_float_array, check_arrays, check_number
from .activations import get_activation, row_max, row_sum

__all__ = ["LOSSES", "Loss", "get_loss", "loss_vs_prediction"]


@dataclass(frozen=True)
class Loss:
    """A loss function.

    Attributes
    ----------
    name : str
        The name used in ``loss=name``.
    output_activation : str or None
        The output activation this loss is fused with, or None if any
        output activation works.
    """

    name: str
    output_activation: str | None

    def value(self, z, a, y):
        """Mean loss over the batch.

        Parameters
        ----------
        z : ndarray, shape (n_samples, n_outputs) or (n_nets, n_samples, n_outputs)
            Output-layer pre-activations (logits). A leading axis holds the
            outputs of several networks (say, every point of a loss surface)
            on the same batch.
        a : ndarray, shape of `z`, or None
            Output-layer activations (the predictions). The fused losses
            (binary_cross_entropy, cross_entropy) work from `z` alone and
            accept None.
        y : ndarray, shape (n_samples, n_outputs)
            Targets.

        Returns
        -------
        float, or ndarray of shape (n_nets,) for 3-D input

        Raises
        ------
        TypeError, ValueError
            If the arguments are not arrays of finite numbers, or their
            shapes differ (a ``(n_samples,)`` `y` against ``(n_samples, 1)``
            outputs would broadcast into a wrong number: it is refused).
        """
        arrays = dict(z=z, a=a, y=y) if self.name == "mse" or a is not None else dict(z=z, y=y)
        check_arrays("Loss.value", arrays)
        if z.ndim not in (2, 3):
            raise ValueError(f"z must be 2-D (n_samples, n_outputs), or 3-D for a stack of "
                             f"networks; got shape {z.shape}.")
        if a is not None and a.shape != z.shape:
            raise ValueError(f"a has shape {a.shape}, but z has shape {z.shape}: both are the "
                             "output layer's values for the same batch.")
        _check_targets(y, z.shape[-2:])
        return self._value(z, a, y)

    def _value(self, z, a, y):
        """:meth:`value` without its checks: what every training step runs."""
        n = z.shape[-2]
        if self.name == "mse":
            diff = a - y
            per_entry = 0.5 * diff * diff
        elif self.name == "binary_cross_entropy":
            # -[y log s(z) + (1-y) log(1-s(z))] = max(z, 0) - z y + log(1 + e^-|z|)
            per_entry = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
        else:  # cross_entropy: log softmax through log-sum-exp
            shifted = z - row_max(z)
            log_p = shifted - np.log(row_sum(np.exp(shifted)))
            # -sum(y log p), with the sign taken once at the end (the same number)
            return _mean(-(y * log_p).sum(axis=(-2, -1)) / n)
        total = per_entry.sum(axis=(-2, -1)) / n
        return _mean(total)

    @property
    def fused(self):
        """True if the loss is fused with its output activation."""
        return self.output_activation is not None

    def gradient(self, a, y, out=None):
        """The gradient this loss sends back into the network.

        Parameters
        ----------
        a, y : ndarray, shape (n_samples, n_outputs)
            Predictions and targets.
        out : ndarray, optional
            An array of `a`'s shape to write the result into.

        Returns
        -------
        ndarray, shape (n_samples, n_outputs)
            ``(a - y) / N``. For MSE this is dL/da (the network still
            multiplies it by the output activation's derivative). For the
            fused cross-entropies it is already dL/dz: the derivative of
            sigmoid or softmax cancels against the loss's.
        """
        check_arrays("Loss.gradient", dict(a=a, y=y))
        _check_targets(y, a.shape)
        if out is not None and (not isinstance(out, np.ndarray) or out.shape != a.shape):
            raise ValueError(f"out must be an array of a's shape {a.shape}; got "
                             f"{getattr(out, 'shape', type(out).__name__)}.")
        return self._gradient(a, y, out)

    def _gradient(self, a, y, out=None):
        """:meth:`gradient` without its checks: what every training step runs."""
        g = np.subtract(a, y, out=out)
        g /= a.shape[0]
        return g


def _check_targets(y, shape):
    """Raise unless the targets `y` have the outputs' `shape`."""
    if y.shape != tuple(shape):
        hint = " e.g. y.reshape(-1, 1)." if y.ndim == 1 and shape[-1] == 1 else ""
        raise ValueError(f"y has shape {y.shape}, but the outputs have shape {tuple(shape)}: "
                         f"give y the outputs' shape,{hint or ' one target per output.'}")


def _mean(total):
    """A float for one batch, or the array of one value per network for a stack."""
    return float(total) if total.ndim == 0 else total


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss("mse", None),
        Loss("binary_cross_entropy", "sigmoid"),
        Loss("cross_entropy", "softmax"),
    )
}
"""Every loss by name."""


def get_loss(name, output_activation=None):
    """Look up a loss by name, checking it suits the output activation.

    Parameters
    ----------
    name : str
        One of ``LOSSES``.
    output_activation : str, optional
        The network's output activation (a name of ``ACTIVATIONS``); if
        given, it must be the one the loss is fused with.

    Returns
    -------
    Loss

    Raises
    ------
    TypeError
        If `name` is not a string.
    ValueError
        If `name` is unknown (the message lists the valid names) or does not
        suit the output activation.
    """
    if not isinstance(name, str):
        raise TypeError(
            f"a loss is given by its name, a string; got {type(name).__name__} {name!r}. "
            f"Valid names: {', '.join(LOSSES)}."
        )
    if name not in LOSSES:
        raise ValueError(f"unknown loss {name!r}; valid names are: {', '.join(LOSSES)}.")
    loss = LOSSES[name]
    if output_activation is not None:
        get_activation(output_activation)  # a known name, or a message that lists them
    needed = loss.output_activation
    if needed is not None and output_activation is not None and output_activation != needed:
        raise ValueError(
            f"loss {name!r} needs output_activation={needed!r}, but this MLP's output "
            f"activation is {output_activation!r}. Build the MLP with "
            f"output_activation={needed!r}, or use loss='mse'."
        )
    return loss


def loss_vs_prediction(loss, target, predictions):
    """The loss of one sample for a range of predictions, computed by mlp_viz's losses.

    Parameters
    ----------
    loss : str
        ``"mse"`` (prediction: the output ``a``), ``"binary_cross_entropy"``
        (prediction: the probability ``a = sigmoid(z)`` of class 1) or
        ``"cross_entropy"`` (prediction: the probability given to the true
        class, the rest shared equally by two other classes).
    target : float
        ``y`` for mse; the true label 0 or 1 (or a probability between) for
        binary cross-entropy; unused for cross-entropy (the true class is
        class 0).
    predictions : array_like, shape (n,)
        Finite numbers; for the cross-entropies, probabilities strictly
        between 0 and 1.

    Returns
    -------
    ndarray, shape (n,)
        In the dtype of `predictions` (float64 for integers).
    """
    fn = get_loss(loss)
    a = as_float_array(predictions, "predictions")
    if a.ndim > 1:
        raise ValueError(f"predictions must be 1-D, shape (n,); got shape {a.shape}.")
    if fn.fused and a.size and not (a.min() > 0 and a.max() < 1):
        raise ValueError(
            f"for {loss}, predictions are probabilities strictly between 0 and 1; got values "
            f"from {a.min():g} to {a.max():g}."
        )
    a = a.reshape(-1, 1, 1)  # one 1-sample batch each
    if loss == "mse":
        return fn.value(a, a, np.array([[check_number(target, "target")]], dtype=a.dtype))
    if loss == "binary_cross_entropy":
        target = check_number(target, "target", low=0, low_inclusive=True, high=1,
                              high_inclusive=True,
                              hint="For binary_cross_entropy it is the true label, 0 or 1 (or a "
                                   "probability between).")
        z = np.log(a) - np.log1p(-a)  # the logit whose sigmoid is a
        return fn.value(z, a, np.array([[target]], dtype=a.dtype))
    # three classes, the true one first: p, then (1 - p) / 2 twice
    probs = np.concatenate([a, (1 - a) / 2, (1 - a) / 2], axis=2)
    true = np.array([[1.0, 0.0, 0.0]], dtype=a.dtype)
    return fn.value(np.log(probs), probs, true)  # softmax(log p) = p
