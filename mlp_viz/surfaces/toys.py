"""Analytic loss surfaces, labelled as toys, for pictures a real network would blur."""

from __future__ import annotations

import numpy as np

from .._validation import check_int, describe
from .records import LossSurface

__all__ = ["toy_surface"]

_TOYS = {
    # name: (loss, gradient, default range, title)
    "bowl": (lambda a, b: 0.5 * (a**2 + 10 * b**2),
             lambda a, b: np.array([a, 10 * b]),
             ((-3, 3), (-3, 3)),
             "Toy surface: a long, narrow valley, L = ½(α² + 10 β²)"),
    "two_valleys": (lambda a, b: 0.1 * a**4 - a**2 + 0.3 * a + b**2,
                    lambda a, b: np.array([0.4 * a**3 - 2 * a + 0.3, 2 * b]),
                    ((-3, 3), (-2, 2)),
                    "Toy surface: two valleys of different depth"),
}


def toy_surface(name="bowl", *, resolution=81):
    """An analytic surface, for pictures a real network would blur.

    Parameters
    ----------
    name : str
        "bowl" (a narrow valley, where too long a step bounces from wall to
        wall and flies off) or "two_valleys".
    resolution : int
        Grid points along each axis.

    Returns
    -------
    LossSurface
        ``kind == "toy"``; its title says it is a toy.
    """
    if not isinstance(name, str):
        raise TypeError(
            f"name must be the name of a toy surface, a string; got {describe(name)}. Valid "
            f"names: {', '.join(_TOYS)}."
        )
    if name not in _TOYS:
        raise ValueError(f"unknown toy surface {name!r}; valid names are: {', '.join(_TOYS)}.")
    resolution = check_int(resolution, "resolution", low=2, high=401)
    f, grad, ((a0, a1), (b0, b1)), title = _TOYS[name]
    alphas, betas = np.linspace(a0, a1, resolution), np.linspace(b0, b1, resolution)
    aa, bb = np.meshgrid(alphas, betas)
    return LossSurface(alphas, betas, f(aa, bb), ("α", "β"), "toy", title,
                       np.zeros(2), np.array([1.0, 0.0]), np.array([0.0, 1.0]),
                       lambda a, b: f(np.asarray(a, float), np.asarray(b, float)),
                       lambda a, b: grad(a, b))
