"""Loss functions, each one object: its value, its gradient and the targets it accepts.

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

Each loss is a small subclass of :class:`Loss` (:class:`MeanSquaredError`,
:class:`BinaryCrossEntropy`, :class:`CrossEntropy`) holding its value beside
its target check, as :class:`~mlp_viz.activations.Activation` holds a
function beside its derivative; :data:`LOSSES` has one of each by name.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_arrays, check_number
from .activations import get_activation, row_max, row_sum

__all__ = [
    "LOSSES", "BinaryCrossEntropy", "CrossEntropy", "Loss", "MeanSquaredError", "get_loss",
    "loss_vs_prediction",
]


class Loss:
    """A loss function: its value, its gradient and the targets it accepts, side by side.

    Each loss is a subclass with one instance in :data:`LOSSES`; look one up
    with :func:`get_loss`.

    Attributes
    ----------
    name : str
        The name used in ``loss=name``.
    output_activation : str or None
        The output activation this loss is fused with, or None if any
        output activation works.
    takes_labels : bool
        True if integer class labels may stand for one-hot target rows.
    """

    name: str
    output_activation: str | None = None
    takes_labels = False

    def __repr__(self):
        return f"{type(self).__name__}(name={self.name!r})"

    @property
    def fused(self):
        """True if the loss is fused with its output activation."""
        return self.output_activation is not None

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
        arrays = dict(z=z, a=a, y=y) if not self.fused or a is not None else dict(z=z, y=y)
        check_arrays("Loss.value", arrays)
        if z.ndim not in (2, 3):
            raise ValueError(f"z must be 2-D (n_samples, n_outputs), or 3-D for a stack of "
                             f"networks; got shape {z.shape}.")
        if a is not None and a.shape != z.shape:
            raise ValueError(f"a has shape {a.shape}, but z has shape {z.shape}: both are the "
                             "output layer's values for the same batch.")
        _check_target_shape(y, z.shape[-2:])
        return self._value(z, a, y)

    def _value(self, z, a, y):
        """:meth:`value` without its checks: what every training step runs."""
        raise NotImplementedError

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
        _check_target_shape(y, a.shape)
        if out is not None and (not isinstance(out, np.ndarray) or out.shape != a.shape):
            raise ValueError(f"out must be an array of a's shape {a.shape}; got "
                             f"{getattr(out, 'shape', type(out).__name__)}.")
        return self._gradient(a, y, out)

    def _gradient(self, a, y, out=None):
        """:meth:`gradient` without its checks: what every training step runs."""
        g = np.subtract(a, y, out=out)
        g /= a.shape[0]
        return g

    def check_targets(self, y):
        """Raise ValueError unless `y` holds values this loss can learn from.

        Parameters
        ----------
        y : ndarray, shape (n_samples, n_outputs)
            Finite targets of the right shape (checked before).
        """

    def _one_sample(self, p, target):
        """``(z, a, y)`` of one-sample batches whose prediction is each of `p`.

        `p` has shape ``(n, 1, 1)``; see :func:`loss_vs_prediction` for what
        the prediction and the target mean for each loss.
        """
        raise NotImplementedError


class MeanSquaredError(Loss):
    """``L = 1/N sum_n 1/2 sum_k (a_nk - y_nk)**2``; any output activation."""

    name = "mse"

    def _value(self, z, a, y):
        diff = a - y
        return _batch_mean(0.5 * diff * diff, z.shape[-2])

    def _one_sample(self, p, target):
        return p, p, np.array([[check_number(target, "target")]], dtype=p.dtype)


class BinaryCrossEntropy(Loss):
    """``L = -1/N sum_n sum_k [y log a + (1 - y) log(1 - a)]``, ``a = sigmoid(z)``."""

    name = "binary_cross_entropy"
    output_activation = "sigmoid"

    def _value(self, z, a, y):
        # -[y log s(z) + (1-y) log(1-s(z))] = max(z, 0) - z y + log(1 + e^-|z|)
        per_entry = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
        return _batch_mean(per_entry, z.shape[-2])

    def check_targets(self, y):
        _check_probabilities(self.name, y)

    def _one_sample(self, p, target):
        target = check_number(target, "target", low=0, low_inclusive=True, high=1,
                              high_inclusive=True,
                              hint="For binary_cross_entropy it is the true label, 0 or 1 (or a "
                                   "probability between).")
        z = np.log(p) - np.log1p(-p)  # the logit whose sigmoid is p
        return z, p, np.array([[target]], dtype=p.dtype)


class CrossEntropy(Loss):
    """``L = -1/N sum_n sum_k y_nk log softmax(z_n)_k``, through log-sum-exp."""

    name = "cross_entropy"
    output_activation = "softmax"
    takes_labels = True

    def _value(self, z, a, y):
        n = z.shape[-2]
        shifted = z - row_max(z)
        log_p = shifted - np.log(row_sum(np.exp(shifted)))
        # -sum(y log p), with the sign taken once at the end (the same number)
        return _mean(-(y * log_p).sum(axis=(-2, -1)) / n)

    def check_targets(self, y):
        _check_probabilities(self.name, y)
        if not np.allclose(y.sum(axis=1), 1.0, atol=1e-6):
            raise ValueError(
                "cross_entropy needs each row of y to be a probability distribution (one-hot "
                "rows sum to 1), or integer class labels of shape (n_samples,); some rows of y "
                "do not sum to 1."
            )

    def _one_sample(self, p, target):
        # three classes, the true one first: p, then (1 - p) / 2 twice
        probs = np.concatenate([p, (1 - p) / 2, (1 - p) / 2], axis=2)
        true = np.array([[1.0, 0.0, 0.0]], dtype=p.dtype)
        return np.log(probs), probs, true  # softmax(log p) = p


def _check_target_shape(y, shape):
    """Raise unless the targets `y` have the outputs' `shape`."""
    if y.shape != tuple(shape):
        hint = " e.g. y.reshape(-1, 1)." if y.ndim == 1 and shape[-1] == 1 else ""
        raise ValueError(f"y has shape {y.shape}, but the outputs have shape {tuple(shape)}: "
                         f"give y the outputs' shape,{hint or ' one target per output.'}")


def _check_probabilities(name, y):
    """Raise unless every target lies in [0, 1], as the cross-entropies need."""
    if y.min() < 0 or y.max() > 1:
        raise ValueError(
            f"{name} needs targets between 0 and 1 (class labels or probabilities); got "
            f"values from {y.min():g} to {y.max():g}."
        )


def _batch_mean(per_entry, n):
    """Sum over each sample's outputs, mean over the `n` samples of the batch."""
    return _mean(per_entry.sum(axis=(-2, -1)) / n)


def _mean(total):
    """A float for one batch, or the array of one value per network for a stack."""
    return float(total) if total.ndim == 0 else total


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (MeanSquaredError(), BinaryCrossEntropy(), CrossEntropy())
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
    return fn.value(*fn._one_sample(a.reshape(-1, 1, 1), target))  # one 1-sample batch each
