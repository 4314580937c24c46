"""The network diagram: columns, edges, values, dropout, summarised layers, errors."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb

import mlp_viz as mv
from mlp_viz.plots._style import GREY, NEGATIVE, POSITIVE
from mlp_viz.plots.network import NetworkDiagram, plot_network


@pytest.fixture
def example():
    ex = mv.house_price_example()
    return ex, ex.network()


def rgb(colour):
    return np.round(to_rgb(colour), 6)


def test_one_column_per_layer_and_every_neuron_drawn():
    net = mv.MLP([3, 2, 2, 1], seed=0)
    d = plot_network(net)
    assert isinstance(d, NetworkDiagram)
    assert d.layer_sizes == (3, 2, 2, 1)
    assert [len(c) for c in d.neurons] == [3, 2, 2, 1]
    assert d.shown == [[0, 1, 2], [0, 1], [0, 1], [0]]
    # each layer is one vertical column, and the columns go left to right
    xs = [{c.center[0] for c in column} for column in d.neurons]
    assert all(len(x) == 1 for x in xs)
    xs = [x.pop() for x in xs]
    assert xs == sorted(set(xs))
    labels = [t.get_text() for t in d.ax.texts]
    for label in ("input\n3 neurons", "hidden 1\n2 neurons", "hidden 2\n2 neurons",
                  "output\n1 neuron"):
        assert label in labels
    assert d.ax.get_title() == "MLP 3-2-2-1 (ReLU hidden, identity output)"
    assert d.value_texts == [[], [], [], []]
    assert d.dropped == [[], [], [], []]
    assert not d.ax.axison


def test_edges_show_every_weight_with_its_sign(example):
    _, net = example
    d = plot_network(net)
    assert len(d.edges) == net.n_layers
    for l, (W, lc) in enumerate(zip(net.weights, d.edges)):
        n_out, n_in = W.shape
        segments, colours = lc.get_segments(), lc.get_colors()
        assert len(segments) == n_in * n_out
        for i in range(n_out):
            for j in range(n_in):
                k = i * n_in + j  # the documented order: W.ravel()
                np.testing.assert_allclose(segments[k][0], d.positions[l][j])
                np.testing.assert_allclose(segments[k][1], d.positions[l + 1][i])
                want = POSITIVE if W[i, j] > 0 else NEGATIVE
                np.testing.assert_array_equal(np.round(colours[k][:3], 6), rgb(want))
    # both signs really occur in the example, so the test checks the mapping
    signs = np.concatenate([np.sign(W).ravel() for W in net.weights])
    assert {-1.0, 1.0} <= set(signs)


def test_edge_width_grows_with_the_size_of_the_weight(example):
    _, net = example
    d = plot_network(net)
    w = np.abs(net.weights[0]).ravel()
    widths = np.broadcast_to(d.edges[0].get_linewidths(), w.shape)
    assert np.all(np.diff(widths[np.argsort(w)]) >= 0)


def test_zero_weights_are_thin_and_grey():
    net = mv.MLP([2, 2, 1], init="zeros", seed=0)
    d = plot_network(net)
    for lc in d.edges:
        assert all(np.array_equal(np.round(c[:3], 6), rgb(GREY)) for c in lc.get_colors())


def test_activation_values_are_written_in_the_neurons(example):
    ex, net = example
    d = plot_network(net, trace=net.forward_trace(ex.x), values="a")
    texts = [[t.get_text() for t in layer] for layer in d.value_texts]
    assert texts == [["1.2e+03", "3", "10"], ["12.2", "47.5"], ["0", "5.99"], ["0.609"]]
    assert d.ax.get_title().endswith("\nnumbers: activations a for sample 0")


def test_pre_activation_values_show_the_input_for_layer_0(example):
    ex, net = example
    d = plot_network(net, trace=net.forward_trace(ex.x), values="z")
    texts = [[t.get_text() for t in layer] for layer in d.value_texts]
    assert texts == [["1.2e+03", "3", "10"], ["12.2", "47.5"], ["-3.52", "5.99"], ["0.609"]]


def test_a_batch_trace_shows_the_chosen_sample(example):
    ex, net = example
    X = np.stack([ex.x, 2 * ex.x])
    trace = net.forward_trace(X)
    d = plot_network(net, trace=trace, values="a", sample=1)
    for l, layer in enumerate(d.value_texts):
        assert [t.get_text() for t in layer] == [f"{v:.3g}" for v in trace.a[l][1] + 0.0]


def test_dropped_neurons_are_those_the_mask_switched_off():
    net = mv.MLP([4, 8, 8, 2], seed=0)
    X = np.random.default_rng(1).normal(size=(5, 4))
    trace = net.forward_trace(X, training=True, dropout=0.5, rng=0)
    sample = 2
    d = plot_network(net, trace=trace, values="a", sample=sample)
    for l, keep in enumerate(trace.keep):
        want = [] if keep is None else list(np.flatnonzero(~keep[sample]))
        assert d.dropped[l] == want
        for i, circle in zip(d.shown[l], d.neurons[l]):
            is_grey = np.array_equal(np.round(to_rgb(circle.get_facecolor()), 6), rgb(GREY))
            assert is_grey == (i in want)
    assert any(d.dropped)  # with p=0.5 and 16 hidden neurons some are dropped
    # a dropped neuron's outgoing edges are grey too
    n_in = len(d.shown[1])
    colours = d.edges[1].get_colors()
    for j in d.dropped[1]:
        for i in range(len(d.shown[2])):
            assert np.array_equal(np.round(colours[i * n_in + j][:3], 6), rgb(GREY))
    stages = [t.get_text() for t in d.stage_texts]
    assert stages == ["ReLU", "dropout rate 0.5", "ReLU", "dropout rate 0.5", "identity"]
    assert "dropped neuron" in [t.get_text() for t in d.legend.get_texts()]


def test_no_stage_boxes_when_asked(example):
    _, net = example
    assert plot_network(net, show_stages=False).stage_texts == []


def test_wide_layer_is_summarised():
    net = mv.MLP([64, 10, 3], seed=0)
    d = plot_network(net, max_neurons=10)
    assert len(d.neurons[0]) <= 10
    assert d.shown[0] == [0, 1, 2, 3, 4, 60, 61, 62, 63]
    assert d.more_texts[0].get_text() == "⋮ +55 more"
    assert d.more_texts[1] is None and len(d.neurons[1]) == 10
    assert len(d.edges[0].get_segments()) == 9 * 10
    # the marker sits between the first and the last drawn neurons
    y_marker = d.more_texts[0].get_position()[1]
    assert d.positions[0][4, 1] > y_marker > d.positions[0][5, 1]


def test_smallest_summary_keeps_one_neuron_at_each_end():
    d = plot_network(mv.MLP([7, 1], seed=0), max_neurons=3)
    assert d.shown[0] == [0, 6]
    assert d.more_texts[0].get_text() == "⋮ +5 more"


def test_draws_on_the_given_axes_without_a_new_figure(example):
    _, net = example
    _, ax = plt.subplots()
    n_figures = len(plt.get_fignums())
    d = plot_network(net, ax=ax, title="the notes' network")
    assert d.ax is ax
    assert len(plt.get_fignums()) == n_figures
    assert ax.get_title() == "the notes' network"
    assert len(ax.collections) == net.n_layers


@pytest.mark.parametrize("kwargs, match", [
    ({"values": "b"}, r"values must be one of None, 'a' or 'z'.*got 'b'"),
    ({"values": "a"}, r"no trace was given: pass trace=net\.forward_trace\(X\)"),
    ({"max_neurons": 2}, r"max_neurons must be >= 3; got 2"),
])
def test_bad_arguments(example, kwargs, match):
    _, net = example
    with pytest.raises(ValueError, match=match):
        plot_network(net, **kwargs)


@pytest.mark.parametrize("X, sample, match", [
    (np.ones(3), 1, r"sample must be between 0 and 0; got 1\. The trace holds 1 sample"),
    (np.ones((4, 3)), 4, r"sample must be between 0 and 3; got 4"),
    (np.ones((4, 3)), -1, r"sample must be between 0 and 3; got -1"),
])
def test_sample_out_of_range(example, X, sample, match):
    _, net = example
    with pytest.raises(ValueError, match=match):
        plot_network(net, trace=net.forward_trace(X), values="a", sample=sample)


def test_trace_from_another_network(example):
    _, net = example
    other = mv.MLP([3, 4, 1], seed=0)
    with pytest.raises(ValueError, match=r"from this same network"):
        plot_network(net, trace=other.forward_trace(np.ones(3)))


def test_wrong_types():
    with pytest.raises(TypeError, match=r"net must be an mlp_viz\.MLP"):
        plot_network([3, 2, 1])
    net = mv.MLP([3, 2, 1], seed=0)
    with pytest.raises(TypeError, match=r"trace must be an mlp_viz\.Trace"):
        plot_network(net, trace=np.ones(3))
