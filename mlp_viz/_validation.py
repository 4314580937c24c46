"""Checks at the public entry points, with messages that say how to fix things.

Every check raises ``ValueError`` for a bad value or shape and ``TypeError``
for a wrong type, and says what was expected, what came, and what to do.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_generator(seed):
    """Return a ``numpy.random.Generator`` for `seed`.

    `seed` may be None (fresh entropy), an int, or a Generator (used as it
    is, so that a caller can share one stream).
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, numbers.Integral) and not isinstance(seed, bool)):
        return np.random.default_rng(seed)
    raise TypeError(
        f"seed must be None, an int or a numpy.random.Generator; got {type(seed).__name__} "
        f"{seed!r}."
    )


def _as_numeric_array(values, name):
    try:
        arr = np.asarray(values)
    except Exception as exc:  # ragged lists and the like
        raise ValueError(f"{name} could not be read as an array of numbers: {exc}") from exc
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(
            f"{name} must hold numbers; got an array of dtype {arr.dtype}. "
            f"Convert it first, e.g. np.asarray({name}, dtype=float)."
        )
    return arr


def check_finite(arr, name):
    """Raise ValueError if `arr` holds NaN or infinity."""
    bad = ~np.isfinite(arr)
    if bad.any():
        first = [int(i) for i in np.argwhere(bad)[0]]
        if len(first) == 2:
            where = f"in row {first[0]}, column {first[1]}"
        else:
            where = f"at index {tuple(first) if len(first) > 1 else first[0]}"
        raise ValueError(
            f"{name} contains NaN or infinity ({int(bad.sum())} of {arr.size} entries, the "
            f"first {where}). Remove or impute those values before using the network."
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
    arr = _as_numeric_array(X, "X")
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


def as_targets(y, n_samples, n_outputs, loss_name, dtype, single=False):
    """Check targets and bring them to shape (n_samples, n_outputs).

    Parameters
    ----------
    y : array_like
        ``(n_samples, n_outputs)``; ``(n_samples,)`` when the network has
        one output; for ``loss="cross_entropy"`` also integer class labels
        of shape ``(n_samples,)``. One sample (`single`) may be given as
        ``(n_outputs,)``, a number, or one class label.
    n_samples, n_outputs : int
    loss_name : str
    dtype : numpy dtype
    single : bool
        True if the inputs were one 1-D sample.

    Returns
    -------
    ndarray, shape (n_samples, n_outputs)
    """
    arr = _as_numeric_array(y, "y")
    check_finite(arr, "y")
    if single and arr.ndim <= 1 and arr.size in (1, n_outputs):
        arr = arr.reshape(1, -1)
    labels = loss_name == "cross_entropy" and arr.ndim <= 1 and n_outputs > 1
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
    if loss_name in ("binary_cross_entropy", "cross_entropy") and (
        arr.min() < 0 or arr.max() > 1
    ):
        raise ValueError(
            f"{loss_name} needs targets between 0 and 1 (class labels or probabilities); got "
            f"values from {arr.min():g} to {arr.max():g}."
        )
    if loss_name == "cross_entropy" and not np.allclose(arr.sum(axis=1), 1.0, atol=1e-6):
        raise ValueError(
            "cross_entropy needs each row of y to be a probability distribution (one-hot rows "
            "sum to 1), or integer class labels of shape (n_samples,); some rows of y do not "
            "sum to 1."
        )
    return arr


def _one_hot(labels, n_classes, dtype):
    if not np.all(labels == np.round(labels)):
        raise ValueError(
            "with loss='cross_entropy', a 1-D y holds class labels, which must be whole "
            f"numbers 0..{n_classes - 1}; got non-integer values such as "
            f"{labels[labels != np.round(labels)][0]!r}."
        )
    idx = labels.astype(np.int64)
    if idx.min() < 0 or idx.max() >= n_classes:
        raise ValueError(
            f"class labels must lie in 0..{n_classes - 1} (this MLP has {n_classes} outputs); "
            f"got labels from {idx.min()} to {idx.max()}."
        )
    out = np.zeros((idx.shape[0], n_classes), dtype=dtype)
    out[np.arange(idx.shape[0]), idx] = 1
    return out


def check_number(value, name, *, low=None, low_inclusive=False, high=None,
                 high_inclusive=False, hint=""):
    """Check a real number against an interval and return it as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {type(value).__name__} {value!r}.")
    value = float(value)
    ok = np.isfinite(value)
    if ok and low is not None:
        ok = value >= low if low_inclusive else value > low
    if ok and high is not None:
        ok = value <= high if high_inclusive else value < high
    if not ok:
        parts = []
        if low is not None:
            parts.append(f"{'>=' if low_inclusive else '>'} {low:g}")
        if high is not None:
            parts.append(f"{'<=' if high_inclusive else '<'} {high:g}")
        want = " and ".join(parts) if parts else "finite"
        want = f"finite and {want}" if parts else want
        raise ValueError(f"{name} must be {want}; got {value!r}.{' ' + hint if hint else ''}")
    return value


def check_int(value, name, *, low=None, high=None, hint=""):
    """Check a whole number against inclusive bounds and return it as an int."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number; got {type(value).__name__} {value!r}.")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        if high is None:
            want = f">= {low}"
        elif low is None:
            want = f"<= {high}"
        else:
            want = f"between {low} and {high}"
        raise ValueError(f"{name} must be {want}; got {value}.{' ' + hint if hint else ''}")
    return value


def check_dropout_rate(rate):
    """Check a dropout rate (the probability of dropping a neuron)."""
    return check_number(
        rate, "dropout rate", low=0, low_inclusive=True, high=1,
        hint="It is the probability of dropping a neuron: 0 keeps every neuron, and 1 would "
             "drop them all.",
    )


def check_layer_sizes(layer_sizes):
    """Check ``MLP``'s layer sizes and return them as a tuple of int."""
    try:
        sizes = list(layer_sizes)
    except TypeError:
        raise TypeError(
            f"layer_sizes must be a list of whole numbers such as [2, 16, 1]; got "
            f"{type(layer_sizes).__name__} {layer_sizes!r}."
        ) from None
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
    """Check that weight matrices and bias vectors chain into a network."""
    for i, (W, b) in enumerate(zip(Ws, bs)):
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
