"""Checks at the public entry points, with messages that say how to fix things.

Every check raises ``ValueError`` for a bad value or shape and ``TypeError``
for a wrong type, and says what was expected, what came, and what to do.
"""

from __future__ import annotations

import numbers

import numpy as np


def describe(value):
    """`value` for a message: its type, and its repr when that is short (``str 'x'``)."""
    text = repr(value)
    return f"{type(value).__name__} {text}" if len(text) <= 40 else type(value).__name__


def as_generator(seed, name="seed"):
    """Return a ``numpy.random.Generator`` for `seed`.

    `seed` may be None (fresh entropy), a whole number >= 0, or a Generator
    (used as it is, so that a caller can share one stream). `name` is the
    argument's name in messages.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, numbers.Integral) and not isinstance(seed, bool)):
        if seed is not None and seed < 0:  # NumPy's own words: "expected non-negative integer"
            raise ValueError(
                f"{name} must be a whole number >= 0, None or a numpy.random.Generator; got "
                f"{seed}."
            )
        return np.random.default_rng(seed)
    raise TypeError(
        f"{name} must be None, an int or a numpy.random.Generator; got {describe(seed)}."
    )


def check_net(net, caller):
    """Raise TypeError unless `net` is an :class:`mlp_viz.MLP`; `caller` names the function."""
    from .network import MLP  # here, not at the top: mlp_viz.network imports this module

    if not isinstance(net, MLP):
        raise TypeError(
            f"{caller} needs an mlp_viz.MLP as net; got {describe(net)}. Build one with "
            "mlp_viz.MLP(layer_sizes), e.g. mlp_viz.MLP([2, 16, 1])."
        )


def as_numeric_array(values, name):
    try:
        arr = np.asarray(values)
    except Exception as exc:  # ragged lists and the like
        raise ValueError(f"{name} could not be read as an array of numbers: {exc}") from exc
    if arr.dtype.kind not in "iuf":  # bool, complex, text, objects
        if values is None:
            got = "None."
        elif arr.dtype == object and not isinstance(values, (list, tuple, np.ndarray)):
            got = f"{describe(values)}."
        elif arr.dtype.kind == "c":
            got = (f"an array of dtype {arr.dtype} (complex numbers); keep the real part with "
                   f"np.real({name}) if the imaginary part is 0.")
        else:
            got = (f"an array of dtype {arr.dtype}. Convert it first, e.g. "
                   f"np.asarray({name}, dtype=float).")
        raise TypeError(f"{name} must hold numbers; got {got}")
    return arr


def as_float_array(values, name, *, finite=True):
    """Check that `values` are real numbers (finite ones, unless told) and return a float array.

    float32 and float64 arrays come back as they are (the same object for an
    ndarray); integers become float64. Raises TypeError for text, None, bool
    or complex values and ValueError for NaN or infinity.
    """
    arr = as_numeric_array(values, name)
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    if finite:
        check_finite(arr, name)
    return arr


def check_finite(arr, name, fix="Remove or impute those values before using the network."):
    """Raise ValueError if `arr` holds NaN or infinity; `fix` ends the message."""
    bad = ~np.isfinite(arr)
    if bad.ndim == 0 and bad:
        raise ValueError(f"{name} must be finite; got {arr.item()!r}.")
    if bad.any():
        first = [int(i) for i in np.argwhere(bad)[0]]
        if len(first) == 2:
            where = f"in row {first[0]}, column {first[1]}"
        else:
            where = f"at index {tuple(first) if len(first) > 1 else first[0]}"
        raise ValueError(
            f"{name} contains NaN or infinity ({int(bad.sum())} of {arr.size} entries, the "
            f"first {where}). {fix}"
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
    arr = as_numeric_array(y, "y")
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
    idx = check_labels(labels, "y", n_classes, f"this MLP has {n_classes} outputs")
    out = np.zeros((idx.shape[0], n_classes), dtype=dtype)
    out[np.arange(idx.shape[0]), idx] = 1
    return out


def check_number(value, name, *, low=None, low_inclusive=False, high=None,
                 high_inclusive=False, finite=True, hint=""):
    """Check a real number against an interval and return it as a float.

    With ``finite=False``, NaN and infinity pass too (a loss being shown, say).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {type(value).__name__} {value!r}.")
    value = float(value)
    if not finite and not np.isfinite(value):
        return value
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


def check_bool(value, name, *, allow_none=False):
    """Raise TypeError unless `value` is True or False (a bool or a NumPy bool).

    With `allow_none`, None (often "decide for me") passes and comes back as None.
    """
    if allow_none and value is None:
        return None
    if not isinstance(value, (bool, np.bool_)):
        want = "True, False or None" if allow_none else "True or False"
        raise TypeError(f"{name} must be {want}; got {describe(value)}.")
    return bool(value)


def check_point(point, name):
    """A point ``(alpha, beta)`` of a plane: two finite numbers, returned as a tuple."""
    try:
        values = tuple(point)
    except TypeError:
        values = ()
    if (isinstance(point, str) or len(values) != 2
            or not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in values)
            or not np.all(np.isfinite(values))):
        raise ValueError(
            f"{name} must be a point (alpha, beta), two finite numbers; got {point!r}."
        )
    return values


def check_shape(shape, name="shape"):
    """Check an array shape (a whole number, or a tuple of them, none negative)."""
    dims = (shape,) if isinstance(shape, numbers.Integral) else shape
    try:
        dims = tuple(dims)
    except TypeError:
        dims = None
    if dims is None or isinstance(shape, (str, bool)) or any(
            isinstance(d, bool) or not isinstance(d, numbers.Integral) for d in dims):
        raise TypeError(
            f"{name} must be a whole number or a tuple of whole numbers, such as (n_samples, "
            f"n_neurons); got {describe(shape)}."
        )
    if any(d < 0 for d in dims):
        raise ValueError(f"{name} must not hold negative sizes; got {shape!r}.")
    return tuple(int(d) for d in dims)


def check_float_dtype(dtype):
    """Check a network's dtype (float64 or float32) and return it as a numpy dtype."""
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be float64 or float32; got {describe(dtype)}.") from None
    if dt not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float64 or float32; got {dt}.")
    return dt


def check_batch_size(batch_size, n_samples):
    """Check a mini-batch size against the number of training samples."""
    return check_int(batch_size, "batch_size", low=1, high=n_samples,
                     hint=f"The training set has {n_samples} samples; use batch_size=None for "
                          "the full batch.")


def check_arrays(caller, arrays):
    """Raise unless every value of `arrays` is a NumPy array of finite numbers.

    The public layer and loss functions check their arguments with this;
    the network and training call the unchecked arithmetic behind them once
    per mini-batch, on arrays checked once at the start.

    Parameters
    ----------
    caller : str
        The function's name, for the message.
    arrays : dict
        The arguments that must be arrays, by name, in order.
    """
    for name, value in arrays.items():
        if not isinstance(value, np.ndarray):
            raise TypeError(
                f"{caller} takes NumPy arrays ({', '.join(arrays)}), as the network computes "
                f"them; {name} is {describe(value)}. Convert it with np.asarray({name}, "
                "dtype=float) first."
            )
    for name, value in arrays.items():
        if value.dtype.kind not in "iuf":
            raise TypeError(f"{caller} takes arrays of numbers; {name} has dtype {value.dtype}.")
    for name, value in arrays.items():
        check_finite(value, name)
