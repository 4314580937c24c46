"""The network diagram: columns, edges, values, dropout, summarised layers, errors."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb

import mlp_viz as mv
from mlp_viz.plots._style import GREY, NEGATIVE, POSITIVE
from mlp_viz.plots._text import value_labels
from mlp_viz.plots.network import NetworkDiagram, plot_network


@pytest.fixture
def example():
    ex = mv.house_price_example()
    return ex, ex.network()


def rgb(colour):
    return np.round(to_rgb(colour), 6)


def drawn_values(diagram):
    """The value labels as drawn: each settles its wording when the figure is drawn."""
    diagram.ax.figure.canvas.draw()
    return [[t.get_text() for t in layer] for layer in diagram.value_texts]


def legend_texts(diagram):
    return [t.get_text() for t in diagram.legend.get_texts()]


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
    assert drawn_values(d) == [["1200", "3", "10"], ["12.2", "47.5"], ["0", "5.99"], ["0.609"]]
    assert d.ax.get_title().endswith("\nnumbers: activations a for sample 0")


def test_pre_activation_values_show_the_input_for_layer_0(example):
    ex, net = example
    d = plot_network(net, trace=net.forward_trace(ex.x), values="z")
    assert drawn_values(d) == [["1200", "3", "10"], ["12.2", "47.5"], ["-3.52", "5.99"],
                               ["0.609"]]


def test_a_batch_trace_shows_the_chosen_sample(example):
    ex, net = example
    X = np.stack([ex.x, 2 * ex.x])
    trace = net.forward_trace(X)
    d = plot_network(net, trace=trace, values="a", sample=1)
    # sample 1 is twice the house: a = [2400, 6, 20], [24.481, 95.099], [0, 11.968], [1.2068]
    assert drawn_values(d) == [["2400", "6", "20"], ["24.5", "95.1"], ["0", "12"], ["1.21"]]


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
    with pytest.raises(TypeError, match=r"^plot_network needs an mlp_viz\.MLP as net; got list"):
        plot_network([3, 2, 1])
    net = mv.MLP([3, 2, 1], seed=0)
    with pytest.raises(TypeError, match=r"trace must be an mlp_viz\.Trace"):
        plot_network(net, trace=np.ones(3))


@pytest.mark.parametrize("value, labels", [
    (0.609, ["0.609", "0.61"]),
    (-3.52, ["-3.52", "-3.5"]),
    (1200.0, ["1200", "1.2e3", "1e3"]),
    (1234.5, ["1234", "1.2e3", "1e3"]),
    (-0.00391, ["-0.00391", "-0.0039", "-3.9e-3", "-4e-3"]),
    (1e-7, ["1.0e-7", "1e-7"]),
    (-5e6, ["-5.0e6", "-5e6"]),
    (99.96, ["100"]),
    (99.7, ["99.7"]),  # never "1e+02"
    (0.0, ["0"]),
    (-0.0, ["0"]),
    (float("nan"), ["nan"]),
    (float("-inf"), ["-inf"]),
])
def test_value_labels_go_from_precise_to_short(value, labels):
    assert value_labels(value) == labels


@pytest.mark.parametrize("value, drawn", [
    (1234.5, "1234"), (-0.00391, "-3.9e-3"), (1e-7, "1.0e-7"), (-5e6, "-5.0e6"),
    (-1.5e-12, "-2e-12"), (float("nan"), "nan"),
])
def test_each_value_gets_the_most_precise_label_that_fits_in_7_points(value, drawn):
    net = mv.MLP([1, 1], seed=0)
    trace = mv.Trace(z=[None, np.array([value])], a=[np.array([value]), np.array([value])],
                     keep=[None, None])
    d = plot_network(net, trace=trace, values="a")
    assert drawn_values(d) == [[drawn], [drawn]]
    assert [t.get_fontsize() for t in d.value_texts[0]] == [7]


def test_a_crowded_axes_shrinks_the_shortest_label_to_fit():
    net = mv.MLP([1, 1], seed=0)
    trace = mv.Trace(z=[None, np.array([-0.00391])], a=[np.array([-0.00391])] * 2,
                     keep=[None, None])
    _, ax = plt.subplots(figsize=(1.5, 1.0))
    d = plot_network(net, trace=trace, values="a", ax=ax)
    assert drawn_values(d)[0] == ["-4e-3"]
    assert d.value_texts[0][0].get_fontsize() < 7


def test_legend_lists_only_the_signs_drawn(example):
    _, net = example
    assert legend_texts(plot_network(net)) == ["positive weight", "negative weight"]
    positive = mv.MLP.from_weights([np.abs(W) + 0.1 for W in net.weights], net.biases, "relu",
                                   "relu")
    assert legend_texts(plot_network(positive)) == ["positive weight"]
    zeros = mv.MLP([2, 2, 1], init="zeros", seed=0)
    d = plot_network(zeros)
    assert legend_texts(d) == ["zero weight"]
    assert d.legend.get_title().get_text() == "edge width ∝ |weight|"


def test_edges_from_dropped_neurons_do_not_count_as_signs():
    # Every weight leaving the one hidden neuron is positive, and it is dropped.
    net = mv.MLP.from_weights([np.array([[-1.0]]), np.array([[2.0]])], [np.zeros(1)] * 2,
                              "relu", "identity")
    trace = mv.Trace(z=[None, np.array([[1.0]]), np.array([[0.0]])],
                     a=[np.array([[-1.0]]), np.array([[1.0]]), np.array([[0.0]])],
                     keep=[None, np.array([[False]]), None], rate=0.5)
    d = plot_network(net, trace=trace)
    assert legend_texts(d) == ["negative weight", "dropped neuron"]


def test_gradient_diagram_shows_dL_dW_and_only_what_is_drawn(example):
    ex, net = example
    _, grads = net.loss_and_gradients(ex.x, ex.y)
    dW = [g for g, _ in grads]
    assert not any((g > 0).any() for g in dW)  # this example has no positive gradient
    d = plot_network(net, weights=dW, edge_label="dL/dW", show_stages=False)
    assert legend_texts(d) == ["negative dL/dW", "zero dL/dW"]
    assert d.legend.get_title().get_text() == "edge width ∝ |dL/dW|"
    assert d.stage_texts == []
    assert not {"ReLU", "identity"} & {t.get_text() for t in d.ax.texts}
    # the edges show the gradients, in the documented order
    for g, lc in zip(dW, d.edges):
        for k, value in enumerate(g.ravel()):
            want = GREY if value == 0 else NEGATIVE
            np.testing.assert_array_equal(np.round(lc.get_colors()[k][:3], 6), rgb(want))


def test_the_graphs_gradient_figure_has_no_forward_pass_labels():
    from mlp_viz import graphs

    ax = graphs.network_gradients().axes[0]
    texts = {t.get_text() for t in ax.texts}
    assert not {"ReLU", "identity"} & texts
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["negative dL/dW",
                                                                   "zero dL/dW"]


@pytest.mark.parametrize("weights, error, match", [
    (np.ones(3), TypeError, r"weights must be a list of arrays, one per layer"),
    ([np.ones((2, 3))], ValueError, r"weights has 1 arrays, but this network has 3 layers"),
    ([np.ones((3, 2)), np.ones((2, 2)), np.ones((1, 2))], ValueError,
     r"weights\[0\] has shape \(3, 2\), but layer 1's weights have shape \(2, 3\)"),
])
def test_bad_weights(example, weights, error, match):
    _, net = example
    with pytest.raises(error, match=match):
        plot_network(net, weights=weights)


def test_bad_edge_label(example):
    _, net = example
    with pytest.raises(TypeError, match=r"edge_label must be a non-empty str.*got 3"):
        plot_network(net, edge_label=3)
