"""The pieces of a network diagram: where the neurons go, and what is drawn for them.

:func:`layout` places the columns of neurons (summarising a wide layer around
a "⋮ +N more" marker); the ``draw_*`` functions add the edges, the circles
with their values, the activation and dropout boxes and the legend, and
:func:`frame` sets the title, the limits and a new figure's size. Sizes are
in data units (a circle's radius is ``_R``) except text, which hangs below the
columns at distances in points. :func:`mlp_viz.plots.plot_network` puts them
together.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch
from matplotlib.transforms import offset_copy

from ._style import BLACK, GREY, NEGATIVE, POSITIVE
from ._text import ValueInCircle, value_labels

__all__ = ["default_title", "draw_edges", "draw_legend", "draw_neurons", "draw_stages",
           "edge_styles", "frame", "label_layer", "layout", "neuron_style"]

_NAMES = {"relu": "ReLU", "leaky_relu": "leaky ReLU"}
_DX, _DY, _R = 4.2, 1.2, 0.46  # column gap, neuron gap, circle radius (data units)
_INCH = 0.45  # inches per data unit in a new figure: a circle holds "-3.9e-3" in 7 pt
_VALUE_POINTS = 7.0
# Points below the lowest circles: the layer names (two lines of 9 points), then the legend.
_LABEL_DROP, _LEGEND_DROP = 8.0, 8.0 + 2 * 9 * 1.2 + 8.0
_STAGE_BOX = dict(boxstyle="round,pad=0.3", facecolor="#F2F2F2", edgecolor=GREY)


def _display(name):
    return _NAMES.get(name, name)


def _column(n, max_neurons):
    """Drawn neuron indices, their heights, and the marker's height and count for a layer."""
    if n <= max_neurons:
        idx, marker = list(range(n)), None
    else:
        head, tail = max_neurons // 2, max(1, max_neurons // 2 - 1)
        idx, marker = list(range(head)) + list(range(n - tail, n)), head
    slots = len(idx) + (marker is not None)
    heights = (slots - 1) / 2 * _DY - _DY * np.arange(slots)
    if marker is None:
        return idx, heights, None, 0
    return idx, np.delete(heights, marker), heights[marker], n - len(idx)


def layout(net, max_neurons):
    """Drawn neurons, their centres, the '+N more' markers, and the top of the columns."""
    shown, positions, more = [], [], []
    for l, n in enumerate(net.layer_sizes):
        idx, heights, marker_y, n_more = _column(n, max_neurons)
        shown.append(idx)
        positions.append(np.column_stack([np.full(len(idx), l * _DX), heights]))
        more.append((marker_y, n_more))
    top = max(max(p[0, 1], m[0] if m[0] is not None else -np.inf)
              for p, m in zip(positions, more)) + _R
    return shown, positions, more, top


def default_title(net):
    """E.g. "MLP 3-2-2-1 (ReLU hidden, ReLU output)"."""
    acts = [_display(a) for a in net.activations]
    hidden = list(dict.fromkeys(acts[:-1]))
    parts = ([f"{', '.join(hidden)} hidden"] if hidden else []) + [f"{acts[-1]} output"]
    return f"MLP {'-'.join(map(str, net.layer_sizes))} ({', '.join(parts)})"


def edge_styles(W, shown_in, shown_out, dropped_in, w_max):
    """The colours, widths and signs of the drawn edges of `W`, shape (n_out, n_in).

    Returns ``(rgba, widths, signs)``: one RGBA row and one width per segment,
    in the order :func:`draw_edges` lays them out, and the signs of the edges
    drawn in colour (an edge leaving a dropped neuron is grey whatever its
    weight). An explorer restyles a diagram's edges with them.
    """
    sub = W[np.ix_(shown_out, shown_in)]
    colours = np.where(sub > 0, POSITIVE, np.where(sub < 0, NEGATIVE, GREY))
    alpha = np.full(sub.shape, 0.85)
    off = np.isin(shown_in, dropped_in)
    colours[:, off], alpha[:, off] = GREY, 0.35  # a dropped neuron sends nothing on
    rgba = np.array([to_rgba(c, a) for c, a in zip(colours.ravel(), alpha.ravel())])
    widths = 0.4 + 3.2 * np.abs(sub).ravel() / w_max if w_max > 0 else np.full(sub.size, 0.4)
    return rgba, widths, set(np.sign(sub[:, ~off]).ravel())


def draw_edges(W, shown_in, shown_out, pos_in, pos_out, dropped_in, w_max):
    """One LineCollection for the drawn part of `W`, shape (n_out, n_in), and its signs."""
    shape = (len(shown_out), len(shown_in))
    start = np.broadcast_to(pos_in[None, :, :], shape + (2,))
    end = np.broadcast_to(pos_out[:, None, :], shape + (2,))
    segments = np.stack([start, end], axis=2).reshape(-1, 2, 2)
    rgba, widths, signs = edge_styles(W, shown_in, shown_out, dropped_in, w_max)
    lines = LineCollection(segments, colors=rgba, linewidths=widths, zorder=1,
                           capstyle="round")
    return lines, signs


def _below_columns(ax, points):
    """Data coordinates moved down by `points`: for text hung under the lowest circles.

    The layer names and the legend are text, sized in points: hung at fixed
    distances in points under the columns, they never run into each other
    however small the caller's axes make the diagram.
    """
    return offset_copy(ax.transData, fig=ax.figure, y=-points, units="points")


def neuron_style(dropped):
    """A neuron circle's colours: grey and hatched if dropout switched it off."""
    return dict(facecolor=GREY if dropped else "white",
                edgecolor="#555555" if dropped else BLACK, hatch="////" if dropped else None)


def draw_neurons(ax, positions, shown, dropped, layer_values):
    """The circles of one layer and, with `layer_values`, a value label in each."""
    circles, texts = [], []
    for i, (x, y) in zip(shown, positions):
        off = i in dropped
        circle = Circle((x, y), _R, linewidth=1.2, zorder=3, **neuron_style(off))
        circles.append(ax.add_patch(circle))
        if layer_values is not None:
            text = ValueInCircle(x, y, value_labels(layer_values[i]), _R, ha="center",
                                 va="center", fontsize=_VALUE_POINTS, zorder=4,
                                 color="#444444" if off else BLACK,
                                 bbox=dict(boxstyle="round,pad=0.15", facecolor="white",
                                           alpha=0.8, edgecolor="none"))
            texts.append(ax.add_artist(text))
    return circles, texts


def label_layer(ax, l, n, n_layers, more, top):
    """Layer `l`'s "⋮ +N more" marker, if it is summarised, and its name under its column.

    `more` is the layer's ``(marker height or None, N)`` from :func:`layout`.
    Returns the marker's Text, or None.
    """
    marker_y, n_more = more
    marker = None if marker_y is None else ax.text(
        l * _DX, marker_y, f"⋮ +{n_more} more", ha="center", va="center", fontsize=8,
        zorder=4, bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none"))
    name = "input" if l == 0 else "output" if l == n_layers else f"hidden {l}"
    ax.text(l * _DX, -top, f"{name}\n{n} neuron{'s' if n != 1 else ''}", ha="center",
            va="top", fontsize=9, transform=_below_columns(ax, _LABEL_DROP))
    return marker


def draw_stages(ax, net, trace, n_samples, top):
    """The activation box of each layer and, with dropout in the trace, its dropout box."""
    stage_texts = []
    for l in range(1, net.n_layers + 1):
        act = ax.text(l * _DX, top + 0.7, _display(net.activations[l - 1]), ha="center",
                      va="center", fontsize=8, bbox=_STAGE_BOX, zorder=4)
        stage_texts.append(act)
        if n_samples and trace.keep[l] is not None:
            stage_texts.append(ax.annotate(
                f"dropout rate {trace.rate:g}", xy=(1, 0.5), xycoords=act,
                xytext=((l + 0.5) * _DX, top + 0.7), textcoords="data", ha="center",
                va="center", fontsize=8, bbox=_STAGE_BOX, zorder=4,
                arrowprops=dict(arrowstyle="<|-", color="#555555", shrinkA=2, shrinkB=2)))
    return stage_texts


def draw_legend(ax, signs, any_dropped, edge_label, n_layers, top):
    """A legend of exactly what is drawn (the edge signs present, dropped neurons), centred
    under the columns of a network with `n_layers` layers of weights."""
    centre = n_layers * _DX / 2
    kinds = [(1.0, POSITIVE, 2.5, "positive"), (-1.0, NEGATIVE, 2.5, "negative"),
             (0.0, GREY, 0.8, "zero")]
    handles = [Line2D([], [], color=colour, lw=width, label=f"{word} {edge_label}")
               for sign, colour, width, word in kinds if sign in signs]
    if any_dropped:
        handles.append(Patch(facecolor=GREY, edgecolor="#555555", hatch="////",
                             label="dropped neuron"))
    if not handles:
        return None
    return ax.legend(handles=handles, loc="upper center", ncol=len(handles), fontsize=8,
                     frameon=False, title=f"edge width ∝ |{edge_label}|", title_fontsize=8,
                     bbox_to_anchor=(centre, -top), borderaxespad=0,
                     bbox_transform=_below_columns(ax, _LEGEND_DROP))


def frame(ax, net, lines, top, show_stages, new_figure):
    """Title, limits and, for a new figure, a size that keeps the circles' size in inches."""
    ax.set_title("\n".join(lines), fontsize=10)
    x_pad, bottom, y_top = 0.4 * _DX, -top - 2.7, top + (1.2 if show_stages else 0.3)
    ax.set_xlim(-x_pad, net.n_layers * _DX + x_pad)
    ax.set_ylim(bottom, y_top)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if new_figure:
        width = (net.n_layers * _DX + 2 * x_pad) * _INCH
        height = (y_top - bottom) * _INCH + 0.3 * len(lines) + 0.1
        ax.figure.set_size_inches(max(width, 5.0), height)
        ax.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.01,
                                  top=1 - (0.3 * len(lines) + 0.1) / height)
