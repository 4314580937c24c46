"""What inverted dropout passes on: each hidden neuron's value before and after."""

from __future__ import annotations

import numpy as np

from ..trace import Trace
from ._style import BLUE, ORANGE, get_axes

__all__ = ["plot_dropout"]


def plot_dropout(trace, *, sample=0, ax=None):
    """Bars of every hidden neuron's activation before dropout and what the next layer receives.

    With inverted dropout a kept neuron passes on ``a / (1 - rate)`` and a
    dropped one 0; the two bars side by side show both, with their values.

    Parameters
    ----------
    trace : Trace
        A training-mode pass with dropout (``net.forward_trace(X,
        training=True, dropout=rate, rng=...)``).
    sample : int
        Which sample of the batch, for a trace of several.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib Axes
        ``ax.containers[0]`` holds the bars before dropout and
        ``ax.containers[1]`` those passed on, one per hidden neuron, layer by
        layer, in the order of the x-axis labels.
    """
    if not isinstance(trace, Trace):
        raise TypeError(f"plot_dropout takes the Trace of a forward pass "
                        f"(net.forward_trace(X, training=True, dropout=...)); got "
                        f"{type(trace).__name__}.")
    layers = [l for l, keep in enumerate(trace.keep) if keep is not None]
    if not layers:
        raise ValueError("this trace has no dropout in it: record it with "
                         "net.forward_trace(X, training=True, dropout=rate, rng=seed), rate > 0.")

    def row(values):
        return values if values.ndim == 1 else values[sample]

    before = np.concatenate([row(trace.a[l]) for l in layers])
    after = np.concatenate([row(trace.dropped(l)) for l in layers])
    names = [f"layer {l}, neuron {j}" for l in layers for j in range(row(trace.a[l]).size)]
    ax = get_axes(ax, figsize=(6.0, 4.5))
    spots = np.arange(before.size)
    keep = 1 - trace.rate
    for shift, heights, colour, label in [
            (-0.2, before, BLUE, "a, before dropout"),
            (0.2, after, ORANGE, f"passed on: a · mask / (1 − {trace.rate:g}), ×{1 / keep:.3g} "
                                 "or 0")]:
        bars = ax.bar(spots + shift, heights, 0.4, color=colour, label=label)
        ax.bar_label(bars, fmt="%.4g", fontsize=9)
    ax.set_xticks(spots, names)
    ax.set_ylabel("value of the neuron")
    top = max(before.max(), after.max())
    if top > 0:
        # Room above the tallest bar for its value and, above that, for the legend.
        ax.set_ylim(min(0.0, before.min(), after.min()) * 1.15, 1.45 * top)
    ax.axhline(0, color="#999999", linewidth=0.8)
    ax.set_title(f"What the next layer receives with dropout {trace.rate:g}:\n"
                 f"a kept value ×{1 / keep:.3g}, a dropped one 0")
    ax.legend(loc="upper center")
    return ax
