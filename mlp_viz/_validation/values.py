"""Checks of plain values: numbers, whole numbers, flags, points, shapes, dtypes, seeds, arrays.

Each raises ``ValueError`` for a bad value and ``TypeError`` for a wrong type,
and says what was expected, what came, and what to do.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_float_array", "as_generator", "as_numeric_array", "check_arrays", "check_bool",
    "check_dropout_rate", "check_finite", "check_float_dtype", "check_int", "check_number",
    "check_point", "check_shape", "describe",
]


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


def check_dropout_rate(rate):
    """Check a dropout rate (the probability of dropping a neuron)."""
    return check_number(
        rate, "dropout rate", low=0, low_inclusive=True, high=1,
        hint="It is the probability of dropping a neuron: 0 keeps every neuron, and 1 would "
             "drop them all.",
    )
