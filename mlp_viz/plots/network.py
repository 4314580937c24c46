"""The network diagram: neurons, weighted edges and the values of one forward pass.

:func:`plot_network` draws an :class:`~mlp_viz.MLP` as the course notes do: one
column of neurons per layer, input on the left, and every weight ``W^[l][i, j]``
as an edge from neuron ``j`` of layer ``l-1`` to neuron ``i`` of layer ``l``,
coloured by its sign and as wide as its size. Given a :class:`~mlp_viz.Trace`,
it writes each neuron's value for one sample and greys out the neurons that
dropout switched off.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch

from .._validation import check_int
from ..network import MLP
from ..trace import Trace
from ._style import BLACK, GREY, NEGATIVE, POSITIVE, get_axes

__all__ = ["NetworkDiagram", "plot_network"]

VALUE_CHOICES = (None, "a", "z")
_NAMES = {"relu": "ReLU", "leaky_relu": "leaky ReLU"}
_DX, _DY, _R = 4.2, 1.1, 0.42  # column gap, neuron gap, circle radius (data units)
_INCH = 0.42  # inches per data unit in a new figure
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
        ``shown[l + 1][i]`` and shows ``net.weights[l][shown[l+1][i], shown[l][j]]``;
        with every neuron drawn, the segments follow ``net.weights[l].ravel()``.
    value_texts : list of list of matplotlib.text.Text
        ``value_texts[l][k]`` is the value written in neuron ``shown[l][k]``;
        every list is empty when no values are shown.
    dropped : list of list of int
        ``dropped[l]``: the drawn neurons of layer ``l`` that dropout switched
        off for the sample (empty without dropout).
    more_texts : list of matplotlib.text.Text or None
        ``more_texts[l]`` is the "⋮ +N more" marker of a summarised layer, else None.
    stage_texts : list of matplotlib.text.Text
        The activation and dropout boxes, left to right.
    legend : matplotlib.legend.Legend
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


def _check(net, trace, values, sample, max_neurons):
    """Validate the arguments of plot_network; return the number of samples in `trace`."""
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an mlp_viz.MLP; got {type(net).__name__}.")
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
    """One LineCollection for the drawn part of `W`, shape (n_out, n_in)."""
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
    return LineCollection(segments, colors=rgba, linewidths=widths, zorder=1,
                          capstyle="round")


def plot_network(net, *, ax=None, trace=None, values=None, sample=0, max_neurons=10,
                 show_stages=True, title=None):
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
    sample : int
        Row of the trace to show, from 0 to ``n_samples - 1``.
    max_neurons : int
        Widest layer drawn in full (at least 3). A wider layer shows its first
        ``max_neurons // 2`` and last ``max_neurons // 2 - 1`` neurons (at least
        one) around a "⋮ +N more" marker, and only their edges.
    show_stages : bool
        Label each layer's activation, and dropout when the trace has it, in
        rounded boxes above the columns: layer → activation → dropout → next layer.
    title : str or None
        The title; None gives e.g. "MLP 3-2-2-1 (ReLU hidden, ReLU output)".

    Returns
    -------
    NetworkDiagram
        The axes and every artist drawn, per layer.

    Raises
    ------
    ValueError
        If `values` is not None, "a" or "z", if `values` is given without a
        trace, if `sample` is outside the trace, if `max_neurons` < 3, or if the
        trace comes from a network of other layer sizes.

    Notes
    -----
    Edge ``(j -> i)`` between layers ``l-1`` and ``l`` shows ``W^[l]_ij``, the
    weight in ``z^[l]_i = sum_j W^[l]_ij a^[l-1]_j + b^[l]_i``. Blue is
    positive, vermillion negative, grey zero; the width grows with ``|W_ij|``
    relative to the largest ``|W|`` in the whole network.
    """
    n_samples = _check(net, trace, values, sample, max_neurons)
    sizes, L = net.layer_sizes, net.n_layers
    shown, positions, more = [], [], []
    for l, n in enumerate(sizes):
        idx, heights, marker_y, n_more = _column(n, max_neurons)
        shown.append(idx)
        positions.append(np.column_stack([np.full(len(idx), l * _DX), heights]))
        more.append((marker_y, n_more))
    top = max(max(p[0, 1], m[0] if m[0] is not None else -np.inf)
              for p, m in zip(positions, more)) + _R

    def row(arr):
        arr = np.asarray(arr)
        return arr if arr.ndim == 1 else arr[sample]

    dropped = [[] for _ in sizes]
    if n_samples:
        for l, keep in enumerate(trace.keep):
            if keep is not None:
                kept = row(keep)
                dropped[l] = [i for i in shown[l] if not kept[i]]

    new_figure = ax is None
    ax = get_axes(ax, figsize=(7.0, 4.0))
    w_max = max(float(np.abs(W).max()) for W in net.weights)
    edges = [ax.add_collection(_edges(W, shown[l], shown[l + 1], positions[l],
                                      positions[l + 1], dropped[l], w_max))
             for l, W in enumerate(net.weights)]

    neurons, value_texts, more_texts = [], [], []
    for l in range(L + 1):
        layer_values = None
        if values is not None:
            layer_values = row(trace.a[l] if l == 0 or values == "a" else trace.z[l])
        circles, texts = [], []
        for i, (x, y) in zip(shown[l], positions[l]):
            off = i in dropped[l]
            circle = Circle((x, y), _R, facecolor=GREY if off else "white",
                            edgecolor="#555555" if off else BLACK, linewidth=1.2,
                            hatch="////" if off else None, zorder=3)
            circles.append(ax.add_patch(circle))
            if layer_values is not None:
                texts.append(ax.text(
                    x, y, f"{float(layer_values[i]) + 0.0:.3g}", ha="center", va="center",
                    fontsize=7, zorder=4, color="#444444" if off else BLACK,
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", alpha=0.8,
                              edgecolor="none")))
        neurons.append(circles)
        value_texts.append(texts)
        marker_y, n_more = more[l]
        more_texts.append(None if marker_y is None else ax.text(
            l * _DX, marker_y, f"⋮ +{n_more} more", ha="center", va="center", fontsize=8,
            zorder=4, bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none")))
        name = "input" if l == 0 else "output" if l == L else f"hidden {l}"
        count = f"{sizes[l]} neuron{'s' if sizes[l] != 1 else ''}"
        ax.text(l * _DX, -top - 0.3, f"{name}\n{count}", ha="center", va="top", fontsize=9)

    stage_texts = []
    if show_stages:
        for l in range(1, L + 1):
            act = ax.text(l * _DX, top + 0.7, _display(net.activations[l - 1]), ha="center",
                          va="center", fontsize=8, bbox=_STAGE_BOX, zorder=4)
            stage_texts.append(act)
            if n_samples and trace.keep[l] is not None:
                stage_texts.append(ax.annotate(
                    f"dropout rate {trace.rate:g}", xy=(1, 0.5), xycoords=act,
                    xytext=((l + 0.5) * _DX, top + 0.7), textcoords="data", ha="center",
                    va="center", fontsize=8, bbox=_STAGE_BOX, zorder=4,
                    arrowprops=dict(arrowstyle="<|-", color="#555555", shrinkA=2, shrinkB=2)))

    handles = [Line2D([], [], color=POSITIVE, lw=2.5, label="positive weight"),
               Line2D([], [], color=NEGATIVE, lw=2.5, label="negative weight")]
    if any(dropped):
        handles.append(Patch(facecolor=GREY, edgecolor="#555555", hatch="////",
                             label="dropped neuron"))
    legend = ax.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=8,
                       frameon=False, title="edge width ∝ |weight|", title_fontsize=8)

    lines = [title if title is not None else _default_title(net)]
    if title is None and (values is not None or any(dropped)):
        what = {"a": "numbers: activations a", "z": "numbers: pre-activations z (input: x)",
                None: "grey: neurons dropped"}[values]
        lines.append(f"{what} for sample {sample}")
    ax.set_title("\n".join(lines), fontsize=10)
    x_pad, bottom, y_top = 0.4 * _DX, -top - 2.7, top + (1.2 if show_stages else 0.3)
    ax.set_xlim(-x_pad, L * _DX + x_pad)
    ax.set_ylim(bottom, y_top)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if new_figure:
        width = (L * _DX + 2 * x_pad) * _INCH
        height = (y_top - bottom) * _INCH + 0.3 * len(lines) + 0.1
        ax.figure.set_size_inches(max(width, 5.0), height)
        ax.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.01,
                                  top=1 - (0.3 * len(lines) + 0.1) / height)
    return NetworkDiagram(ax, sizes, shown, positions, neurons, edges, value_texts, dropped,
                          more_texts, stage_texts, legend)
