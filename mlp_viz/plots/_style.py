"""Shared look of every figure: a colour-blind-safe palette and axes creation.

Colours are the Okabe-Ito palette, which stays distinguishable for the common
forms of colour blindness. Signs are always blue for positive and vermillion
for negative; sequential data use viridis, signed data the PuOr map.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from .._validation import describe

BLUE = "#0072B2"
VERMILLION = "#D55E00"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
PURPLE = "#CC79A7"
BLACK = "#000000"
GREY = "#999999"
WARNING_TEXT = "#B34E00"
"""Vermillion darkened for text: 5.2:1 against white (the palette's is 3.9:1)."""

POSITIVE, NEGATIVE = BLUE, VERMILLION
CYCLE = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK)
"""Line colours in order: layer 1, layer 2, ..."""

SEQUENTIAL_CMAP = "viridis"
DIVERGING_CMAP = "PuOr"

NOTE_POINTS = 8.0
"""Font size of a note written over a plot."""
NOTE_PAD = 0.4
"""Padding of a note's box, in units of its font size."""
NOTE_BOX = dict(boxstyle=f"round,pad={NOTE_PAD}", facecolor="white", edgecolor=GREY,
                alpha=1.0)
"""A note over a plot: dark text on an opaque light box, readable over any colour."""


def check_axes(ax, projection=None, *, new_figure=True):
    """Raise unless `ax` is a matplotlib Axes of the kind a plot draws on.

    Parameters
    ----------
    ax : object
    projection : str or None
        ``"3d"`` if the plot draws on 3-D axes, None for 2-D axes.
    new_figure : bool
        Whether the plot makes a new figure when `ax` is None (the message
        then says so).
    """
    three_d = projection == "3d"
    if not isinstance(ax, Axes):
        kind = ("a 3-D matplotlib Axes (e.g. from fig.add_subplot(projection='3d'))" if three_d
                else "a matplotlib Axes (e.g. from fig, ax = plt.subplots())")
        none = ", or None for a new figure" if new_figure else ""
        raise TypeError(f"ax must be {kind}{none}; got {describe(ax)}.")
    none = ", or pass ax=None" if new_figure else ""
    if three_d and ax.name != "3d":
        raise ValueError("this plot draws on 3-D axes; got 2-D axes. Create 3-D axes with "
                         f"fig.add_subplot(projection='3d'){none}.")
    if not three_d and ax.name == "3d":
        raise ValueError("this plot draws on 2-D axes; got 3-D axes (projection='3d'). Create "
                         f"2-D axes with fig.add_subplot(){none}.")


def get_axes(ax, figsize=(6.0, 4.0), projection=None):
    """Return `ax`, or a new figure's axes when `ax` is None.

    Parameters
    ----------
    ax : matplotlib Axes or None
        Checked by :func:`check_axes`.
    figsize : tuple of float
        Size of a new figure, in inches.
    projection : str or None
        ``"3d"`` for a 3-D axes.

    Returns
    -------
    matplotlib Axes
    """
    if ax is not None:
        check_axes(ax, projection)
        return ax
    fig = plt.figure(figsize=figsize)
    return fig.add_subplot(projection=projection)


def layer_colour(index):
    """The line colour of layer `index` (0-based), cycling through ``CYCLE``."""
    return CYCLE[index % len(CYCLE)]
