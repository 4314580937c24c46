"""The network diagram: neurons, weighted edges and the values of one forward pass.

:func:`plot_network` draws an :class:`~mlp_viz.MLP` as the course notes do: one
column of neurons per layer, input on the left, and every weight ``W^[l][i, j]``
as an edge from neuron ``j`` of layer ``l-1`` to neuron ``i`` of layer ``l``,
coloured by its sign and as wide as its size (or any other arrays of the
weights' shapes, such as the gradients dL/dW). Given a :class:`~mlp_viz.Trace`,
it writes each neuron's value for one sample, as precisely as its circle has
room for, and greys out the neurons that dropout switched off.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch
from matplotlib.transforms import offset_copy

from .._validation import as_float_array, check_finite, check_int, check_net
from ..trace import Trace
from ._style import BLACK, GREY, NEGATIVE, POSITIVE, get_axes
from ._text import ValueInCircle, value_labels

__all__ = ["NetworkDiagram", "plot_network"]

VALUE_CHOICES = (None, "a", "z")
_NAMES = {"relu": "ReLU", "leaky_relu": "leaky ReLU"}
_DX, _DY, _R = 4.2, 1.2, 0.46  # column gap, neuron gap, circle radius (data units)
_INCH = 0.45  # inches per data unit in a new figure: a circle holds "-3.9e-3" in 7 pt
_VALUE_POINTS = 7.0
# Points below the lowest circles: the layer names (two lines of 9 points), then the legend.
_LABEL_DROP, _LEGEND_DROP = 8.0, 8.0 + 2 * 9 * 1.2 + 8.0
_STAGE_BOX = dict(boxstyle="round,pad=0.3", facecolor="#F2F2F2", edgecolor=GREY)


@dataclass
class NetworkDiagram:
    """The artists of a network diagram drawn by :func:`plot_network`.

    Layers are indexed as in the course: 0 is the input layer, ``L`` the output.

    Attributes
    ----------
    ax : matplotlib Axes
    layer_sizes : tuple of int
        Neurons per layer, input first (``net.layer_sizes``).
    shown : list of list of int
        ``shown[l]``: indices of the neurons drawn in layer ``l`` (all of them
        unless the layer is wider than ``max_neurons``).
    positions : list of ndarray
        ``positions[l]``, shape ``(len(shown[l]), 2)``: the circles' centres.
    neurons : list of list of matplotlib.patches.Circle
        ``neurons[l][k]`` is the circle of neuron ``shown[l][k]``.
    edges : list of matplotlib.collections.LineCollection
        ``edges[l]`` joins layer ``l`` to layer ``l + 1``. Segment
        ``i * len(shown[l]) + j`` runs from neuron ``shown[l][j]`` to neuron
        ``shown[l + 1][i]`` and shows entry ``[shown[l+1][i], shown[l][j]]`` of
        ``weights[l]`` (the network's weights unless others were given); with
        every neuron drawn, the segments follow ``weights[l].ravel()``.
    value_texts : list of list of matplotlib.text.Text
        ``value_texts[l][k]`` is the value written in neuron ``shown[l][k]``;
        every list is empty when no values are shown. Its text is the most
        precise of :func:`~mlp_viz.plots._text.value_labels` that fits in
        the circle, settled when the figure is drawn.
    dropped : list of list of int
        ``dropped[l]``: the drawn neurons of layer ``l`` that dropout switched
        off for the sample (empty without dropout).
    more_texts : list of matplotlib.text.Text or None
        ``more_texts[l]`` is the "⋮ +N more" marker of a summarised layer, else None.
    stage_texts : list of matplotlib.text.Text
        The activation and dropout boxes, left to right.
    legend : matplotlib.legend.Legend or None
        One entry per kind of edge drawn (positive, negative, zero) and for
        dropped neurons if there are any; None if there is nothing to explain.
    """

    ax: object
    layer_sizes: tuple
    shown: list
    positions: list
    neurons: list
    edges: list
    value_texts: list
    dropped: list
    more_texts: list
    stage_texts: list
    legend: object = None


def _display(name):
    return _NAMES.get(name, name)


def _check_weights(net, weights):
    """The arrays to draw on the edges: `weights` checked against the net, or its weights.

    Edge widths are relative to the largest entry, so a single NaN or
    infinity would leave nothing to see: both kinds are refused.
    """
    if weights is None:
        for l, W in enumerate(net.weights):
            check_finite(W, f"net.weights[{l}]",
                         fix="A diagram of them shows nothing: give the network finite weights "
                             "(e.g. net.set_flat_params(...)).")
        return list(net.weights)
    if not isinstance(weights, (list, tuple)):
        raise TypeError(
            f"weights must be a list of arrays, one per layer (like net.weights); got "
            f"{type(weights).__name__}."
        )
    if len(weights) != net.n_layers:
        raise ValueError(
            f"weights has {len(weights)} arrays, but this network has {net.n_layers} layers of "
            "weights: pass one array per layer, e.g. [dW for dW, db in grads]."
        )
    arrays = [as_float_array(w, f"weights[{l}]", finite=False).astype(float, copy=False)
              for l, w in enumerate(weights)]
    for l, (w, W) in enumerate(zip(arrays, net.weights), start=1):
        if w.shape != W.shape:
            raise ValueError(
                f"weights[{l - 1}] has shape {w.shape}, but layer {l}'s weights have shape "
                f"{W.shape} (n_out, n_in): pass arrays shaped like net.weights."
            )
        check_finite(w, f"weights[{l - 1}]",
                     fix="A diagram of them shows nothing: pass finite arrays.")
    return arrays


def _check(net, trace, values, sample, max_neurons, edge_label):
    """Validate the arguments of plot_network; return the number of samples in `trace`."""
    check_net(net, "plot_network")
    if not isinstance(edge_label, str) or not edge_label:
        raise TypeError(
            f"edge_label must be a non-empty str naming what the edges show, such as "
            f"'weight' or 'dL/dW'; got {edge_label!r}."
        )
    if values not in VALUE_CHOICES:
        raise ValueError(
            f"values must be one of None, 'a' or 'z' (which trace values to write in the "
            f"neurons); got {values!r}."
        )
    max_neurons = check_int(
        max_neurons, "max_neurons", low=3,
        hint="A summarised layer needs room for its first neurons, the '+N more' marker "
             "and its last neuron; use 10 for a readable diagram.",
    )
    if trace is None:
        if values is not None:
            raise ValueError(
                f"values={values!r} writes the values of a forward pass, but no trace was "
                "given: pass trace=net.forward_trace(X) as well."
            )
        return 0
    if not isinstance(trace, Trace):
        raise TypeError(
            f"trace must be an mlp_viz.Trace, as net.forward_trace(X) returns; got "
            f"{type(trace).__name__}."
        )
    sizes = tuple(np.shape(a)[-1] for a in trace.a)
    if sizes != net.layer_sizes:
        raise ValueError(
            f"the trace has layers of sizes {sizes}, but this network has {net.layer_sizes}: "
            "pass trace=net.forward_trace(X) from this same network."
        )
    n = 1 if np.ndim(trace.a[0]) == 1 else np.shape(trace.a[0])[0]
    check_int(sample, "sample", low=0, high=n - 1,
              hint=f"The trace holds {n} sample(s), numbered 0 to {n - 1}.")
    return n


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


def _default_title(net):
    acts = [_display(a) for a in net.activations]
    hidden = list(dict.fromkeys(acts[:-1]))
    parts = ([f"{', '.join(hidden)} hidden"] if hidden else []) + [f"{acts[-1]} output"]
    return f"MLP {'-'.join(map(str, net.layer_sizes))} ({', '.join(parts)})"


def _edges(W, shown_in, shown_out, pos_in, pos_out, dropped_in, w_max):
    """One LineCollection for the drawn part of `W`, shape (n_out, n_in), and its signs.

    The signs are those of the edges drawn in colour: an edge leaving a
    dropped neuron is grey whatever its weight.
    """
    sub = W[np.ix_(shown_out, shown_in)]
    start = np.broadcast_to(pos_in[None, :, :], sub.shape + (2,))
    end = np.broadcast_to(pos_out[:, None, :], sub.shape + (2,))
    segments = np.stack([start, end], axis=2).reshape(-1, 2, 2)
    colours = np.where(sub > 0, POSITIVE, np.where(sub < 0, NEGATIVE, GREY))
    alpha = np.full(sub.shape, 0.85)
    off = np.isin(shown_in, dropped_in)
    colours[:, off], alpha[:, off] = GREY, 0.35  # a dropped neuron sends nothing on
    rgba = [to_rgba(c, a) for c, a in zip(colours.ravel(), alpha.ravel())]
    widths = 0.4 + 3.2 * np.abs(sub).ravel() / w_max if w_max > 0 else 0.4
    lines = LineCollection(segments, colors=rgba, linewidths=widths, zorder=1,
                           capstyle="round")
    return lines, set(np.sign(sub[:, ~off]).ravel())


def _below_columns(ax, points):
    """Data coordinates moved down by `points`: for text hung under the lowest circles.

    The layer names and the legend are text, sized in points: hung at fixed
    distances in points under the columns, they never run into each other
    however small the caller's axes make the diagram.
    """
    return offset_copy(ax.transData, fig=ax.figure, y=-points, units="points")


def _legend(ax, signs, any_dropped, edge_label, centre, top):
    """A legend of exactly what is drawn: the edge signs present, dropped neurons."""
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


def _draw_neurons(ax, positions, shown, dropped, layer_values):
    """The circles of one layer and, with `layer_values`, a value label in each."""
    circles, texts = [], []
    for i, (x, y) in zip(shown, positions):
        off = i in dropped
        circle = Circle((x, y), _R, facecolor=GREY if off else "white",
                        edgecolor="#555555" if off else BLACK, linewidth=1.2,
                        hatch="////" if off else None, zorder=3)
        circles.append(ax.add_patch(circle))
        if layer_values is not None:
            text = ValueInCircle(x, y, value_labels(layer_values[i]), _R, ha="center",
                                 va="center", fontsize=_VALUE_POINTS, zorder=4,
                                 color="#444444" if off else BLACK,
                                 bbox=dict(boxstyle="round,pad=0.15", facecolor="white",
                                           alpha=0.8, edgecolor="none"))
            texts.append(ax.add_artist(text))
    return circles, texts


def _draw_stages(ax, net, trace, n_samples, top):
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


def _layout(net, max_neurons):
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


def _frame(ax, net, lines, top, show_stages, new_figure):
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


def plot_network(net, *, ax=None, trace=None, values=None, sample=0, max_neurons=10,
                 show_stages=True, title=None, weights=None, edge_label="weight"):
    """Draw a network's neurons and weights, and optionally one forward pass through it.

    Parameters
    ----------
    net : mlp_viz.MLP
        The network; its layers are ``net.layer_sizes`` (input first) and
        ``net.weights[l]`` has shape ``(n_out, n_in)``.
    ax : matplotlib Axes or None
        Where to draw; None makes a new figure sized to the network.
    trace : mlp_viz.Trace or None
        A forward pass from ``net.forward_trace(X)``: arrays of shape
        ``(n_samples, n_l)``, or ``(n_l,)`` for one sample. Its dropout masks
        (``trace.keep``) grey out the neurons dropped for `sample`.
    values : {None, "a", "z"}
        Which values of `trace` to write in the neurons: activations ``a`` or
        pre-activations ``z`` (the input layer always shows ``a[0]``, the input).
        A dropped neuron shows its ``a`` before dropout; the next layer gets 0.
        Each value is written as precisely as its circle has room for (see
        :func:`~mlp_viz.plots._text.value_labels`).
    sample : int
        Row of the trace to show, from 0 to ``n_samples - 1``.
    max_neurons : int
        Widest layer drawn in full (at least 3). A wider layer shows its first
        ``max_neurons // 2`` and last ``max_neurons // 2 - 1`` neurons (at least
        one) around a "⋮ +N more" marker, and only their edges.
    show_stages : bool
        Label each layer's activation, and dropout when the trace has it, in
        rounded boxes above the columns: layer → activation → dropout → next layer.
        They describe the forward pass; turn them off for a diagram of
        something else, such as gradients.
    title : str or None
        The title; None gives e.g. "MLP 3-2-2-1 (ReLU hidden, ReLU output)".
    weights : list of array_like or None
        What the edges show, one array per layer shaped like ``net.weights``
        (e.g. ``[dW for dW, db in grads]``); None shows the network's weights.
    edge_label : str
        The name of what the edges show, in the legend ("positive dL/dW",
        "edge width ∝ |dL/dW|").

    Returns
    -------
    NetworkDiagram
        The axes and every artist drawn, per layer.

    Raises
    ------
    ValueError
        If `values` is not None, "a" or "z", if `values` is given without a
        trace, if `sample` is outside the trace, if `max_neurons` < 3, if the
        trace comes from a network of other layer sizes, or if `weights` does
        not match the network's layers.
    TypeError
        If `net`, `trace`, `weights` or `edge_label` is of the wrong type.

    Notes
    -----
    Edge ``(j -> i)`` between layers ``l-1`` and ``l`` shows ``W^[l]_ij``, the
    weight in ``z^[l]_i = sum_j W^[l]_ij a^[l-1]_j + b^[l]_i``. Blue is
    positive, vermillion negative, grey zero; the width grows with ``|W_ij|``
    relative to the largest ``|W|`` in the whole network. The legend lists
    only the kinds of edge that are drawn.
    """
    n_samples = _check(net, trace, values, sample, max_neurons, edge_label)
    arrays = _check_weights(net, weights)
    shown, positions, more, top = _layout(net, max_neurons)

    def row(arr):
        arr = np.asarray(arr)
        return arr if arr.ndim == 1 else arr[sample]

    dropped = [[] for _ in shown]
    if n_samples:
        for l, keep in enumerate(trace.keep):
            if keep is not None:
                kept = row(keep)
                dropped[l] = [i for i in shown[l] if not kept[i]]

    new_figure = ax is None
    ax = get_axes(ax, figsize=(7.0, 4.0))
    w_max = max(float(np.nanmax(np.abs(W), initial=0.0)) for W in arrays)
    edges, signs = [], set()
    for l, W in enumerate(arrays):
        lines, drawn = _edges(W, shown[l], shown[l + 1], positions[l], positions[l + 1],
                              dropped[l], w_max)
        edges.append(ax.add_collection(lines))
        signs |= drawn

    neurons, value_texts, more_texts = [], [], []
    for l, n in enumerate(net.layer_sizes):
        layer_values = None
        if values is not None:
            layer_values = row(trace.a[l] if l == 0 or values == "a" else trace.z[l])
        circles, texts = _draw_neurons(ax, positions[l], shown[l], dropped[l], layer_values)
        neurons.append(circles)
        value_texts.append(texts)
        marker_y, n_more = more[l]
        more_texts.append(None if marker_y is None else ax.text(
            l * _DX, marker_y, f"⋮ +{n_more} more", ha="center", va="center", fontsize=8,
            zorder=4, bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none")))
        name = "input" if l == 0 else "output" if l == net.n_layers else f"hidden {l}"
        ax.text(l * _DX, -top, f"{name}\n{n} neuron{'s' if n != 1 else ''}", ha="center",
                va="top", fontsize=9, transform=_below_columns(ax, _LABEL_DROP))

    stage_texts = _draw_stages(ax, net, trace, n_samples, top) if show_stages else []
    legend = _legend(ax, signs, any(dropped), edge_label, net.n_layers * _DX / 2, top)

    lines = [title if title is not None else _default_title(net)]
    if title is None and (values is not None or any(dropped)):
        what = {"a": "numbers: activations a", "z": "numbers: pre-activations z (input: x)",
                None: "grey: neurons dropped"}[values]
        lines.append(f"{what} for sample {sample}")
    _frame(ax, net, lines, top, show_stages, new_figure)
    return NetworkDiagram(ax, net.layer_sizes, shown, positions, neurons, edges, value_texts,
                          dropped, more_texts, stage_texts, legend)
