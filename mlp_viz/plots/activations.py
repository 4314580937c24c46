"""Pictures of activation functions: each with its derivative, and softmax.

The numbers come from :func:`mlp_viz.get_activation` and
:func:`mlp_viz.softmax`; this module only draws them.
"""

from __future__ import annotations

import numbers

import numpy as np

import mlp_viz as mv

from .._validation import as_float_array
from ._style import BLUE, GREY, ORANGE, get_axes

__all__ = ["FORMULAS", "plot_activation", "plot_softmax"]


def _leaky_slope():
    # Read the slope off the function itself, so the label cannot drift from the code.
    return -float(mv.get_activation("leaky_relu")(-1.0))


FORMULAS = {
    "identity": ("identity(z) = z", "identity'(z) = 1"),
    "relu": ("ReLU(z) = max(0, z)", "ReLU'(z) = 1 if z > 0, else 0"),
    "leaky_relu": (f"LeakyReLU(z) = max({_leaky_slope():g}z, z)",
                   f"LeakyReLU'(z) = 1 if z > 0, else {_leaky_slope():g}"),
    "sigmoid": ("σ(z) = 1 / (1 + exp(−z))", "σ'(z) = σ(z) (1 − σ(z))"),
    "tanh": ("tanh(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ)", "tanh'(z) = 1 − tanh²(z)"),
}
"""Legend labels per activation: (function, derivative)."""

_TITLES = {"identity": "Identity", "relu": "ReLU", "leaky_relu": "Leaky ReLU",
           "sigmoid": "Sigmoid", "tanh": "Tanh"}


def _check_range(z_range):
    try:
        low, high = (float(v) for v in z_range)
    except (TypeError, ValueError):
        raise ValueError(
            f"z_range must be two numbers (low, high); got {z_range!r}. Try z_range=(-5, 5)."
        ) from None
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(
            f"z_range must be finite with low < high; got {z_range!r}. Try z_range=(-5, 5)."
        )
    return low, high


def plot_activation(name, *, ax=None, z_range=(-5, 5), derivative=True):
    """Draw an activation function ``f(z)`` and, dashed, its derivative ``f'(z)``.

    Parameters
    ----------
    name : str
        identity, relu, leaky_relu, sigmoid or tanh.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    z_range : tuple of float
        ``(low, high)``: the interval of ``z`` shown.
    derivative : bool
        Also draw ``f'(z)``.

    Returns
    -------
    matplotlib Axes
        ``ax.lines[0]`` is ``f``, ``ax.lines[1]`` is ``f'`` (when drawn);
        each has 501 points over `z_range` (the grey z = 0 and f = 0 reference
        lines come after them).

    Raises
    ------
    ValueError
        For softmax (use :func:`plot_softmax`), an unknown name or a bad
        `z_range`.
    """
    if name == "softmax":
        raise ValueError(
            "softmax maps a whole vector of scores to probabilities, so it has no curve "
            "f(z) of one number z to draw. Use plot_softmax(z) with a vector z instead."
        )
    act = mv.get_activation(name, hidden=True)
    low, high = _check_range(z_range)
    z = np.linspace(low, high, 501)
    f_label, df_label = FORMULAS[act.name]
    ax = get_axes(ax)
    ax.plot(z, act(z), color=BLUE, linewidth=2, label=f_label)
    if derivative:
        ax.plot(z, act.derivative(z), color=ORANGE, linewidth=2, linestyle="--",
                label=df_label)
    ax.axhline(0, color=GREY, linewidth=0.8, zorder=0)
    ax.axvline(0, color=GREY, linewidth=0.8, zorder=0)
    ax.set_xlim(low, high)
    ax.set_xlabel("z")
    ax.set_ylabel("f(z) and f'(z)" if derivative else "f(z)")
    what = " and its derivative" if derivative else ""
    ax.set_title(f"{_TITLES[act.name]} activation{what}")
    # Headroom above the curves, so the legend never hides a peak such as tanh'(0) = 1.
    low_y, high_y = ax.get_ylim()
    ax.set_ylim(low_y, high_y + 0.3 * (high_y - low_y))
    ax.legend(loc="upper left")
    return ax


def plot_softmax(z, *, ax=None):
    """Grouped bars of one score vector ``z`` and its probabilities ``softmax(z)``.

    Parameters
    ----------
    z : array_like, shape (n_classes,)
        Scores (logits) of one sample.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib Axes
        ``ax.containers[0]`` holds the score bars, ``ax.containers[1]`` the
        probability bars; every bar is labelled with its value.

    Raises
    ------
    TypeError
        If `z` does not hold real numbers.
    ValueError
        If `z` is not one finite 1-D vector of at least two scores.
    """
    if isinstance(z, numbers.Number):
        raise ValueError(
            f"softmax needs a vector of at least two scores; got the single number {z!r}. "
            "Pass one score per class, e.g. z=[2.0, 1.0, 0.1]."
        )
    scores = np.asarray(as_float_array(z, "z", finite=False), dtype=float)
    if scores.ndim != 1 or scores.size < 2:
        raise ValueError(
            f"z must be one vector of scores, shape (n_classes,) with n_classes >= 2; got "
            f"shape {scores.shape}. For a batch, pass one row, e.g. z[0]."
        )
    if not np.all(np.isfinite(scores)):
        raise ValueError(f"z must be finite; got {scores}. Replace inf/NaN scores.")
    probs = mv.softmax(scores)
    k = np.arange(scores.size)
    width = 0.38
    ax = get_axes(ax, figsize=(max(6.0, 0.9 * scores.size + 2), 4.0))
    bars_z = ax.bar(k - width / 2, scores, width, color=BLUE, label="score z_k")
    bars_p = ax.bar(k + width / 2, probs, width, color=ORANGE,
                    label="probability softmax(z)_k")
    ax.bar_label(bars_z, fmt="%.2f", padding=2, fontsize=8)
    ax.bar_label(bars_p, fmt="%.2f", padding=2, fontsize=8)
    ax.axhline(0, color=GREY, linewidth=0.8)
    ax.set_xticks(k, [f"class {i}" for i in k])
    ax.set_xlabel("class k")
    ax.set_ylabel("score or probability")
    # Room above (and below) the bars for their value labels and the legend.
    top, bottom = max(scores.max(), 1.0), min(scores.min(), 0.0)
    span = top - bottom
    ax.set_ylim(bottom - (0.12 * span if bottom < 0 else 0), top + 0.3 * span)
    ax.set_title("Softmax turns scores into probabilities (they sum to 1)")
    ax.legend(loc="upper right")
    return ax
