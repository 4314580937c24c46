"""Weight initialisers.

An initialiser draws one layer's weight matrix ``W`` of shape
``(n_out, n_in)`` from a ``numpy.random.Generator``. Biases always start at
zero: breaking symmetry is the weights' job.

========== ===================================== ================================
name       W drawn from                          suits
========== ===================================== ================================
zeros      all 0                                 showing why symmetry must break
constant   all ``value``                         the same lesson, with a value
normal     N(0, std²)                            experiments with the scale
xavier     N(0, 2 / (n_in + n_out))              tanh, sigmoid (Glorot & Bengio)
glorot     the same as xavier
he         N(0, 2 / n_in)                        ReLU and leaky ReLU (He et al.)
========== ===================================== ================================
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import as_generator, check_float_dtype, check_int, check_number

__all__ = ["INITIALIZERS", "Initializer", "initializer"]

INITIALIZERS = ("zeros", "constant", "normal", "xavier", "glorot", "he")
"""The names an initialiser can be given by."""


@dataclass(frozen=True)
class Initializer:
    """A weight initialiser: a name and, for two of them, a parameter.

    Make one with :func:`initializer`, or pass a plain name to ``MLP``.

    Attributes
    ----------
    name : str
        One of ``INITIALIZERS``.
    std : float
        Standard deviation for ``"normal"``.
    value : float
        The constant for ``"constant"``.
    """

    name: str
    std: float = 0.01
    value: float = 0.1

    def __post_init__(self):
        # Made directly, as well as by initializer(): the same checks either way.
        _check(self.name, self.std, self.value)

    def draw(self, n_out, n_in, rng, dtype=np.float64):
        """Draw one weight matrix.

        Parameters
        ----------
        n_out, n_in : int
            Neurons in this layer and in the previous one, >= 1.
        rng : numpy.random.Generator, int or None
            Where the weights come from (an int seeds a new generator).
        dtype : numpy dtype
            float64 or float32.

        Returns
        -------
        ndarray, shape (n_out, n_in)
        """
        shape = (check_int(n_out, "n_out", low=1), check_int(n_in, "n_in", low=1))
        n_out, n_in = shape
        dtype = check_float_dtype(dtype)
        rng = as_generator(rng, "rng")
        if self.name == "zeros":
            return np.zeros(shape, dtype=dtype)
        if self.name == "constant":
            return np.full(shape, self.value, dtype=dtype)
        if self.name == "normal":
            std = self.std
        elif self.name in ("xavier", "glorot"):
            std = np.sqrt(2.0 / (n_in + n_out))
        else:  # he
            std = np.sqrt(2.0 / n_in)
        return (std * rng.standard_normal(shape)).astype(dtype, copy=False)

    def __str__(self):
        if self.name == "normal":
            return f"normal(std={self.std:g})"
        if self.name == "constant":
            return f"constant(value={self.value:g})"
        return self.name


def initializer(name, *, std=0.01, value=0.1):
    """Make an initialiser, checking its name and parameter.

    Parameters
    ----------
    name : str or Initializer
        One of ``INITIALIZERS``; an ``Initializer`` is returned as it is.
    std : float
        Standard deviation for ``"normal"`` (> 0).
    value : float
        The constant for ``"constant"``.

    Returns
    -------
    Initializer

    Raises
    ------
    TypeError
        If `name` is neither a string nor an ``Initializer``.
    ValueError
        If `name` is unknown (the message lists the valid names) or `std`
        is not a positive finite number.

    Examples
    --------
    >>> MLP([2, 8, 1], init=initializer("normal", std=1.0))  # doctest: +SKIP
    """
    if isinstance(name, Initializer):
        return name
    return Initializer(*_check(name, std, value))


def _check(name, std, value):
    """Check an initialiser's name and parameters; return them (the numbers as float)."""
    if not isinstance(name, str):
        raise TypeError(
            f"init is given by its name or by mlp_viz.initializer(...); got "
            f"{type(name).__name__} {name!r}. Valid names: {', '.join(INITIALIZERS)}."
        )
    if name not in INITIALIZERS:
        raise ValueError(f"unknown init {name!r}; valid names are: {', '.join(INITIALIZERS)}.")
    std = check_number(std, "std", low=0, hint="It is the spread of the initial weights.")
    value = check_number(value, "value")
    return name, std, value
