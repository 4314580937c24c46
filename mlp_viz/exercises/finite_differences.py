"""Checking a gradient a learner's function returns against centred finite differences.

:func:`centred_differences` is the one place the exercises compute them (the
mistaken one-sided and h-divided differences of exercise 04.6 are variations
of it); :func:`gradient_against_finite_differences` is the ``extra`` check of
an exercise whose function returns a gradient (03.5, 07.6).
"""

from __future__ import annotations

import copy

import numpy as np

from .._validation import describe
from ..gradcheck import relative_error
from .implementing import as_floats, learner_call

__all__ = ["FD_AGREE", "FD_STEP", "centred_differences", "gradient_against_finite_differences"]

FD_STEP, FD_AGREE = 1e-5, 1e-7
"""The step of :func:`gradient_against_finite_differences` and the relative error below which
a gradient and the centred differences agree (float64, smooth functions, h = 1e-5)."""


def centred_differences(f, x, h, divisor=None):
    """``(f(x + h e_i) - f(x - h e_i)) / divisor`` for every entry i of `x` (a copy is nudged).

    Parameters
    ----------
    f : callable
        A scalar function of an array of `x`'s shape.
    x : array_like
    h : float
        The step.
    divisor : float, optional
        ``2 h`` by default, the centred difference; 04.6's slip divides by ``h``.

    Returns
    -------
    ndarray, the shape of `x`
    """
    x = np.array(x, dtype=float)
    divisor = 2 * h if divisor is None else divisor
    numeric = np.empty_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        down = f(x)
        x[i] = old
        numeric[i] = (up - down) / divisor
    return numeric


def gradient_against_finite_differences(function, args, f, x, *, who, name, where,
                                        pick=None):
    """``(ok, message)``: the gradient the learner's `function` returns, against finite differences.

    `function` is called on `args` (a copy) at another input than the cases';
    `pick` takes the gradient out of what it returns (all of it by default).
    Each entry is compared with :func:`centred_differences` of the scalar
    function `f` at `x`, by the score of :func:`mlp_viz.relative_error`
    (floor 1e-4 times the size of ``f(x)``). `who` names the function, `name`
    the gradient and `where` the input, in the message.
    """
    got, error = learner_call(function, copy.deepcopy(args))
    if error:
        return False, f"your {who} raised {error} {where}. Fix it and run the cell again."
    gradient = got if pick is None else pick(got)
    numeric = centred_differences(f, x, FD_STEP)
    values = as_floats(gradient, numeric.shape)
    if values is None:
        return False, (f"{name} {where} should have shape {numeric.shape}; got "
                       f"{describe(gradient)}.")
    worst = float(relative_error(values, numeric, 1e-4 * max(1.0, abs(f(x)))).max())
    if worst > FD_AGREE:
        return False, (f"your {name} agrees with mlp_viz on the cases, but {where} it differs "
                       f"from centred finite differences: the largest relative error is "
                       f"{worst:.1e} (below {FD_AGREE:g} means they agree).")
    return True, (f"{where[0].upper()}{where[1:]}, {name} agrees with centred finite differences "
                  f"(largest relative error {worst:.1e}), so the calculus is right.")
