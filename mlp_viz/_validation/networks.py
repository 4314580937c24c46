"""Checks of a network and of what it is given.

The network itself, its layer sizes and weights, its inputs and targets,
class labels and mini-batch sizes. Each raises ``ValueError`` for a bad
value or shape and ``TypeError`` for a wrong type, and says what was
expected, what came, and what to do, in the network's terms ("this MLP
expects 3 features").
"""

from __future__ import annotations

import numbers

import numpy as np

from .values import as_numeric_array, check_finite, check_int, describe

__all__ = [
    "as_class_labels", "as_inputs", "as_targets", "check_batch_size", "check_labels",
    "check_layer_sizes", "check_net", "check_weight_shapes", "output_classes",
]


def check_net(net, caller):
    """Raise TypeError unless `net` is an :class:`mlp_viz.MLP`; `caller` names the function."""
    from ..network import MLP  # here, not at the top: mlp_viz.network imports this module

    if not isinstance(net, MLP):
        raise TypeError(
            f"{caller} needs an mlp_viz.MLP as net; got {describe(net)}. Build one with "
            "mlp_viz.MLP(layer_sizes), e.g. mlp_viz.MLP([2, 16, 1])."
        )


def check_layer_sizes(layer_sizes):
    """Check ``MLP``'s layer sizes and return them as a tuple of int."""
    message = (f"layer_sizes must be a list of whole numbers such as [2, 16, 1]; got "
               f"{type(layer_sizes).__name__} {layer_sizes!r}.")
    # Text, mappings and sets iterate, but not into an ordered list of sizes.
    if isinstance(layer_sizes, (str, bytes, dict, set, frozenset)):
        raise TypeError(message)
    try:
        sizes = list(layer_sizes)
    except TypeError:
        raise TypeError(message) from None
    if len(sizes) < 2:
        raise ValueError(
            f"layer_sizes needs at least an input and an output size, e.g. [3, 1]; got {sizes}."
        )
    for s in sizes:
        if isinstance(s, bool) or not isinstance(s, numbers.Integral) or s < 1:
            raise ValueError(
                f"every layer size must be a whole number >= 1; got {s!r} in {sizes}."
            )
    return tuple(int(s) for s in sizes)


def check_weight_shapes(Ws, bs):
    """Check that weight matrices and bias vectors chain into a network of finite numbers."""
    for i, (W, b) in enumerate(zip(Ws, bs)):
        check_finite(W, f"weights[{i}]")
        check_finite(b, f"biases[{i}]")
        if W.ndim != 2:
            raise ValueError(
                f"weights[{i}] has shape {W.shape}, but a weight matrix must be 2-D "
                f"(n_out, n_in); for a single neuron write it as one row, e.g. "
                f"[{W.ravel().tolist()}]."
            )
        if b.shape != (W.shape[0],):
            raise ValueError(
                f"biases[{i}] has shape {b.shape}, but weights[{i}] has {W.shape[0]} rows "
                f"(neurons), so the bias must have shape ({W.shape[0]},); e.g. write a "
                "single bias as [0.01]."
            )
        if i > 0 and W.shape[1] != Ws[i - 1].shape[0]:
            raise ValueError(
                f"weights[{i}] has {W.shape[1]} columns, but weights[{i - 1}] has "
                f"{Ws[i - 1].shape[0]} rows: each layer must read as many inputs as the "
                "layer before it has neurons."
            )


def as_inputs(X, n_features, dtype):
    """Check a batch (or one sample) of inputs.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features) or (n_features,)
    n_features : int
        The size of the network's input layer.
    dtype : numpy dtype

    Returns
    -------
    X2 : ndarray, shape (n_samples, n_features)
    single : bool
        True if `X` was one sample (1-D).
    """
    arr = as_numeric_array(X, "X")
    if arr.ndim not in (1, 2):
        raise ValueError(
            f"X must be 1-D (one sample) or 2-D (n_samples, n_features); got a {arr.ndim}-D "
            f"array of shape {arr.shape}. Flatten each sample first, e.g. "
            "X.reshape(len(X), -1)."
        )
    single = arr.ndim == 1
    arr2 = arr.reshape(1, -1) if single else arr
    if arr2.shape[1] != n_features:
        raise ValueError(
            f"X has {arr2.shape[1]} features, but this MLP expects {n_features} (the size of "
            "its input layer). Pass samples as rows of shape (n_samples, n_features), or build "
            f"the MLP with layer_sizes[0] = {arr2.shape[1]}."
        )
    if arr2.shape[0] == 0:
        raise ValueError("X has no samples (0 rows); pass at least one sample.")
    check_finite(arr2, "X")
    return np.ascontiguousarray(arr2, dtype=dtype), single


def as_targets(y, n_samples, n_outputs, loss, dtype, single=False):
    """Check targets and bring them to shape (n_samples, n_outputs).

    Parameters
    ----------
    y : array_like
        ``(n_samples, n_outputs)``; ``(n_samples,)`` when the network has
        one output; for a loss that takes labels (``loss="cross_entropy"``)
        also integer class labels of shape ``(n_samples,)``. One sample
        (`single`) may be given as ``(n_outputs,)``, a number, or one class
        label.
    n_samples, n_outputs : int
    loss : Loss or str
        The loss (or its name), which says what values its targets may hold.
    dtype : numpy dtype
    single : bool
        True if the inputs were one 1-D sample.

    Returns
    -------
    ndarray, shape (n_samples, n_outputs)
    """
    if isinstance(loss, str):
        from ..losses import get_loss  # here, not at the top: mlp_viz.losses imports this module

        loss = get_loss(loss)
    arr = as_numeric_array(y, "y")
    check_finite(arr, "y")
    if single and arr.ndim <= 1 and arr.size in (1, n_outputs):
        arr = arr.reshape(1, -1)
    labels = loss.takes_labels and arr.ndim <= 1 and n_outputs > 1
    if labels:
        arr = arr.reshape(-1)
        if arr.shape[0] != n_samples:
            raise ValueError(
                f"y has {arr.shape[0]} labels, but X has {n_samples} samples; give one target "
                "per sample."
            )
        return _one_hot(arr, n_outputs, dtype)
    if arr.ndim == 1 and n_outputs == 1:
        arr = arr.reshape(-1, 1)
    if arr.ndim != 2:
        raise ValueError(
            f"y must have shape (n_samples, n_outputs) = ({n_samples}, {n_outputs}); got shape "
            f"{arr.shape}."
            + (" With loss='cross_entropy' it may also be integer class labels of shape "
               f"({n_samples},)." if n_outputs > 1 else "")
        )
    if arr.shape[0] != n_samples:
        raise ValueError(
            f"y has {arr.shape[0]} rows, but X has {n_samples} samples; give one target per "
            "sample."
        )
    if arr.shape[1] != n_outputs:
        raise ValueError(
            f"y has {arr.shape[1]} columns, but this MLP has {n_outputs} output(s); give y of "
            f"shape ({n_samples}, {n_outputs})."
        )
    arr = arr.astype(dtype, copy=False)
    loss.check_targets(arr)
    return arr


def _one_hot(labels, n_classes, dtype):
    idx = check_labels(labels, "y", n_classes, f"this MLP has {n_classes} outputs")
    out = np.zeros((idx.shape[0], n_classes), dtype=dtype)
    out[np.arange(idx.shape[0]), idx] = 1
    return out


def check_labels(labels, name, n_classes=None, why=None):
    """Check that a 1-D array of numbers holds class labels; return them as int64.

    Parameters
    ----------
    labels : ndarray, shape (n,)
        Finite numbers (checked by the caller).
    name : str
        The argument's name in messages.
    n_classes : int, optional
        Labels must then lie in ``0 .. n_classes - 1``; otherwise only be >= 0.
    why : str, optional
        Where the classes come from, for the message (default: `name`).
    """
    why = name if why is None else why
    span = f"0..{n_classes - 1}" if n_classes is not None else ">= 0"
    if labels.dtype.kind == "f":
        fractional = labels != np.round(labels)
        if fractional.any():
            i = int(np.argmax(fractional))
            raise ValueError(
                f"{name} holds class labels, which must be whole numbers {span} ({why}); got "
                f"non-integer values such as {labels[i]:g} (at index {i})."
            )
    if labels.size:
        low, high = labels.min(), labels.max()
        if n_classes is not None and (low < 0 or high >= n_classes):
            raise ValueError(
                f"class labels must lie in {span} ({why}); got labels from {low:g} to {high:g}."
            )
        if low < 0:
            raise ValueError(
                f"class labels must be whole numbers >= 0 ({why}); got labels from {low:g} to "
                f"{high:g}."
            )
    return labels.astype(np.int64)


def output_classes(net):
    """How many classes `net` predicts, and a phrase saying why, for messages."""
    k = net.layer_sizes[-1]
    if k == 1:
        return 2, "this MLP has one output: class 1 where it is >= 0.5, else 0"
    return k, f"this MLP has {k} outputs"


def as_class_labels(y, net, n_samples, name="y"):
    """The true classes for `net`'s predictions of `n_samples` samples.

    Parameters
    ----------
    y : array_like
        Class labels, shape ``(n_samples,)`` (or a column ``(n_samples, 1)``),
        or one-hot (or probability) rows, shape ``(n_samples, n_classes)``,
        whose largest entry is the class.
    net : MLP
        Gives the classes: ``0 .. n_outputs - 1``, or 0 and 1 for one output.
    n_samples : int
    name : str

    Returns
    -------
    ndarray of int64, shape (n_samples,)
    """
    n_classes, why = output_classes(net)
    arr = as_numeric_array(y, name)
    check_finite(arr, name)
    if arr.ndim == 2 and arr.shape[1] > 1:
        if arr.shape[1] != n_classes:
            raise ValueError(
                f"{name} has {arr.shape[1]} columns, but {why}; give one-hot rows of shape "
                f"({n_samples}, {n_classes}), or class labels of shape ({n_samples},)."
            )
        arr = arr.argmax(axis=1)
    elif arr.ndim == 2 or arr.ndim == 0:  # a column of labels, or one sample's label
        arr = arr.reshape(-1)
    elif arr.ndim != 1:
        raise ValueError(
            f"{name} must hold one class label per sample, shape ({n_samples},), or one-hot "
            f"rows, shape ({n_samples}, {n_classes}); got shape {arr.shape}."
        )
    if arr.shape[0] != n_samples:
        raise ValueError(
            f"{name} has {arr.shape[0]} labels, but X has {n_samples} samples; give one label "
            "per sample."
        )
    return check_labels(arr, name, n_classes, why)


def check_batch_size(batch_size, n_samples):
    """Check a mini-batch size against the number of training samples."""
    return check_int(batch_size, "batch_size", low=1, high=n_samples,
                     hint=f"The training set has {n_samples} samples; use batch_size=None for "
                          "the full batch.")


def check_keep_masks(keep_masks, layer_sizes, n_samples, dropping):
    """Dropout masks to replay in a forward pass: one entry per layer, as ``Trace.keep``."""
    if not dropping:
        raise ValueError("keep_masks replays the masks of a pass with dropout: give "
                         "training=True and the dropout rate the masks were drawn with.")
    if isinstance(keep_masks, (str, bytes, dict)) or not hasattr(keep_masks, "__len__"):
        raise TypeError(f"keep_masks must be a list with one entry per layer, as trace.keep "
                        f"holds them; got {describe(keep_masks)}.")
    if len(keep_masks) != len(layer_sizes):
        raise ValueError(f"keep_masks needs one entry per layer, {len(layer_sizes)} for this "
                         f"MLP (None for the input and the output layer); got "
                         f"{len(keep_masks)}.")
    masks = [None]
    for l, (mask, width) in enumerate(zip(keep_masks, layer_sizes)):
        if l in (0, len(layer_sizes) - 1):
            if mask is not None:
                raise ValueError(f"keep_masks[{l}] must be None: dropout never drops the "
                                 "input or the output layer.")
            continue
        arr = np.asarray(mask)
        if arr.dtype != bool or arr.shape != (n_samples, width):
            raise ValueError(f"keep_masks[{l}] must be a boolean array of shape "
                             f"({n_samples}, {width}) (True = kept), one row per sample of X; "
                             f"got {describe(mask)}.")
        masks.append(arr)
    return masks + [None]
