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

from .._validation import as_float_array, check_finite, check_int, check_net
from ..trace import Trace
from ._diagram import (
    default_title,
    draw_edges,
    draw_legend,
    draw_neurons,
    draw_stages,
    frame,
    label_layer,
    layout,
)
from ._style import get_axes

__all__ = ["NetworkDiagram", "plot_network"]

VALUE_CHOICES = (None, "a", "z")


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


def dropped_neurons(trace, shown, sample=0):
    """Per layer, the drawn neurons (of ``shown[l]``) that dropout switched off for `sample`."""
    dropped = [[] for _ in shown]
    for l, keep in enumerate(trace.keep):
        if keep is not None:
            kept = keep if np.ndim(keep) == 1 else keep[sample]
            dropped[l] = [i for i in shown[l] if not kept[i]]
    return dropped


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
    shown, positions, more, top = layout(net, max_neurons)

    def row(arr):
        arr = np.asarray(arr)
        return arr if arr.ndim == 1 else arr[sample]

    dropped = dropped_neurons(trace, shown, sample) if n_samples else [[] for _ in shown]

    new_figure = ax is None
    ax = get_axes(ax, figsize=(7.0, 4.0))
    w_max = max(float(np.nanmax(np.abs(W), initial=0.0)) for W in arrays)
    edges, signs = [], set()
    for l, W in enumerate(arrays):
        lines, drawn = draw_edges(W, shown[l], shown[l + 1], positions[l], positions[l + 1],
                                  dropped[l], w_max)
        edges.append(ax.add_collection(lines))
        signs |= drawn

    neurons, value_texts, more_texts = [], [], []
    for l, n in enumerate(net.layer_sizes):
        layer_values = None
        if values is not None:
            layer_values = row(trace.a[l] if l == 0 or values == "a" else trace.z[l])
        circles, texts = draw_neurons(ax, positions[l], shown[l], dropped[l], layer_values)
        neurons.append(circles)
        value_texts.append(texts)
        more_texts.append(label_layer(ax, l, n, net.n_layers, more[l], top))

    stage_texts = draw_stages(ax, net, trace, n_samples, top) if show_stages else []
    legend = draw_legend(ax, signs, any(dropped), edge_label, net.n_layers, top)

    lines = [title if title is not None else default_title(net)]
    if title is None and (values is not None or any(dropped)):
        what = {"a": "numbers: activations a", "z": "numbers: pre-activations z (input: x)",
                None: "grey: neurons dropped"}[values]
        lines.append(f"{what} for sample {sample}")
    frame(ax, net, lines, top, show_stages, new_figure)
    return NetworkDiagram(ax, net.layer_sizes, shown, positions, neurons, edges, value_texts,
                          dropped, more_texts, stage_texts, legend)
