"""Plot helpers: the artists carry the computed numbers, labels and legends.

Assertions are on the returned Axes' artists, never on pixels; conftest.py
selects Agg and closes every figure.
"""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

import mlp_viz as mv
from mlp_viz.diagnostics import activation_stats, gradient_flow
from mlp_viz.plots.activations import FORMULAS, plot_activation, plot_softmax
from mlp_viz.plots.decision import (
    DecisionGrid,
    compute_decision_grid,
    plot_decision_boundary,
    plot_fit,
)
from mlp_viz.plots.training import (
    plot_activation_stats,
    plot_gradient_heatmap,
    plot_gradient_norms,
    plot_history,
    plot_layer_gradients,
)


def legend_texts(ax):
    legend = ax.get_legend()
    assert legend is not None, "no legend"
    return [t.get_text() for t in legend.get_texts()]


def labelled(ax, label):
    found = [c for c in ax.collections if c.get_label() == label]
    assert len(found) == 1, f"no single artist labelled {label!r}"
    return found[0]


@pytest.fixture(scope="module")
def moons_net():
    X, y = mv.moons(60, seed=0)
    net = mv.MLP([2, 8, 1], "tanh", "sigmoid", init="xavier", seed=0)
    mv.train(net, X, y, lr=0.5, epochs=20, loss="binary_cross_entropy")
    return net, X, y


@pytest.fixture(scope="module")
def history():
    X, y = mv.xor(40, seed=0)
    Xv, yv = mv.xor(20, seed=1)
    net = mv.MLP([2, 4, 4, 1], "tanh", "sigmoid", init="xavier", seed=0)
    return mv.train(net, X, y, lr=0.5, epochs=5, batch_size=10, loss="binary_cross_entropy",
                    X_val=Xv, y_val=yv)


def manual_history(loss, diverged=None, diverged_iteration=None):
    loss = np.asarray(loss, dtype=float)
    n = len(loss) - 1
    return mv.History(loss=loss, val_loss=None, iteration_loss=loss[:n],
                      grad_norms=np.ones((n, 2)), iterations_per_epoch=1,
                      diverged=diverged, diverged_iteration=diverged_iteration)


# ----------------------------------------------------------------- activations
@pytest.mark.parametrize("name", mv.HIDDEN_ACTIVATIONS)
def test_plot_activation_draws_function_and_derivative(name):
    ax = plot_activation(name, z_range=(-3, 2))
    act = mv.get_activation(name)
    f_line, df_line = ax.lines[:2]
    z = f_line.get_xdata()
    assert z[0] == -3 and z[-1] == 2
    np.testing.assert_allclose(f_line.get_ydata(), act(z))
    np.testing.assert_allclose(df_line.get_ydata(), act.derivative(z))
    assert df_line.get_linestyle() == "--" and f_line.get_linestyle() == "-"
    assert legend_texts(ax) == list(FORMULAS[name])
    assert ax.get_xlabel() == "z" and "f(z)" in ax.get_ylabel()
    assert "activation" in ax.get_title()


def test_plot_activation_relu_formulas_and_no_derivative():
    ax = plot_activation("relu")
    texts = legend_texts(ax)
    assert texts[0] == "ReLU(z) = max(0, z)" and texts[1].startswith("ReLU'(z)")
    ax = plot_activation("sigmoid", derivative=False)
    assert legend_texts(ax) == [FORMULAS["sigmoid"][0]]
    assert ax.get_ylabel() == "f(z)"


@pytest.mark.parametrize("args, match", [
    (("softmax",), r"no curve .* Use plot_softmax\(z\)"),
    (("swish",), r"unknown activation 'swish'; valid names are"),
    (("relu", (3, -3)), r"z_range must be finite with low < high; got \(3, -3\)\. Try"),
    (("relu", "ab"), r"z_range must be two numbers \(low, high\); got 'ab'"),
])
def test_plot_activation_rejects_bad_input(args, match):
    kwargs = {"z_range": args[1]} if len(args) > 1 else {}
    with pytest.raises(ValueError, match=match):
        plot_activation(args[0], **kwargs)


def test_plot_softmax_bars_and_value_labels():
    z = np.array([2.0, 1.0, 0.1, -1.5])
    ax = plot_softmax(z)
    scores, probs = ax.containers
    assert len(scores) == len(probs) == 4
    np.testing.assert_allclose([b.get_height() for b in scores], z)
    np.testing.assert_allclose([b.get_height() for b in probs], mv.softmax(z))
    texts = {t.get_text() for t in ax.texts}
    assert {"2.00", "-1.50", f"{mv.softmax(z)[0]:.2f}"} <= texts
    assert legend_texts(ax) == ["score z_k", "probability softmax(z)_k"]
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"class {k}" for k in range(4)]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


@pytest.mark.parametrize("z, match", [
    (np.ones((2, 3)), r"shape \(n_classes,\) with n_classes >= 2; got shape \(2, 3\)\. For a"),
    ([1.0], r"got shape \(1,\)"),
    (3.0, r"a vector of at least two scores; got the single number 3\.0\. Pass"),
    ([1.0, np.inf], r"z must be finite"),
])
def test_plot_softmax_rejects_bad_input(z, match):
    with pytest.raises(ValueError, match=match):
        plot_softmax(z)


# -------------------------------------------------------------------- training
def test_plot_history_per_epoch(history):
    ax = plot_history(history)
    train, val = ax.lines[:2]
    np.testing.assert_array_equal(train.get_xdata(), np.arange(history.epochs_run + 1))
    np.testing.assert_allclose(train.get_ydata(), history.loss)
    np.testing.assert_allclose(val.get_ydata(), history.val_loss)
    assert legend_texts(ax) == ["training loss", "validation loss"]
    assert ax.get_xlabel() == "epoch (0 = before training)"
    assert ax.get_ylabel() == "loss (binary cross entropy)"
    assert ax.get_yscale() == "linear"
    assert "lr = 0.5" in ax.get_title() and "batch = 10" in ax.get_title()


def test_plot_history_per_iteration(history):
    ax = plot_history(history, per="iteration")
    train, val = ax.lines[:2]
    np.testing.assert_array_equal(train.get_xdata(), np.arange(1, history.n_iterations + 1))
    np.testing.assert_allclose(train.get_ydata(), history.iteration_loss)
    np.testing.assert_array_equal(val.get_xdata(), np.arange(6) * 4)
    assert ax.get_xlabel().startswith("iteration")


def test_plot_history_log_scale_only_beyond_two_decades():
    assert plot_history(manual_history([100.0, 1.0, 0.5])).get_yscale() == "log"
    assert plot_history(manual_history([50.0, 1.0, 0.6])).get_yscale() == "linear"


def test_plot_history_marks_divergence():
    ax = plot_history(manual_history([1.0, 0.8, 0.9], diverged=3, diverged_iteration=3))
    assert any(t.get_text() == "diverged in epoch 3" for t in ax.texts)
    marker = [line for line in ax.lines if list(line.get_xdata()) == [3, 3]]
    assert len(marker) == 1
    assert "training stopped: the loss blew up" in legend_texts(ax)


def test_plot_history_of_a_real_divergence():
    X, y = mv.regression_1d(80, seed=0)
    net = mv.MLP([1, 32, 32, 1], "relu", seed=0)
    with pytest.warns(mv.DivergenceWarning):
        hist = mv.train(net, X, y, lr=5.0, epochs=20)
    ax = plot_history(hist, per="iteration")
    text = " ".join(t.get_text() for t in ax.texts)
    assert f"diverged in epoch {hist.diverged}" in text
    assert f"(iteration {hist.diverged_iteration})" in text
    assert ax.get_yscale() == "log"


def test_plot_history_rejects_bad_input(history):
    with pytest.raises(ValueError, match=r"per must be 'epoch' or 'iteration'; got 'batch'"):
        plot_history(history, per="batch")
    with pytest.raises(TypeError, match=r"takes the History returned by mlp_viz\.train"):
        plot_history(history.loss)


@pytest.mark.parametrize("as_array", [False, True])
def test_plot_gradient_norms(history, as_array):
    ax = plot_gradient_norms(history.grad_norms if as_array else history)
    norms = history.grad_norms
    assert len(ax.lines) == norms.shape[1] == 3
    for l, line in enumerate(ax.lines):
        np.testing.assert_array_equal(line.get_xdata(), np.arange(1, norms.shape[0] + 1))
        np.testing.assert_allclose(line.get_ydata(), norms[:, l])
    assert legend_texts(ax) == ["layer 1", "layer 2", "layer 3"]
    assert ax.get_yscale() == "log"
    assert ax.get_xlabel() == "iteration" and "‖dL/dW‖" in ax.get_ylabel()


def test_plot_gradient_norms_without_its_legend_for_panels_that_share_one(history):
    ax = plot_gradient_norms(history, legend=False)
    assert ax.get_legend() is None
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["layer 1", "layer 2", "layer 3"]   # still there for a shared legend


def test_plot_gradient_heatmap(history):
    norms = history.grad_norms
    ax = plot_gradient_heatmap(history)
    image = ax.images[0]
    np.testing.assert_allclose(image.get_array(), np.log10(norms.T))
    assert image.origin == "lower"  # layer 1 in the bottom row
    assert image.colorbar.ax.get_ylabel() == "log10 ‖dL/dW‖"
    assert "1 = next to the input, at the bottom" in ax.get_ylabel()
    assert ax.get_title()


@pytest.mark.parametrize("func", [plot_gradient_norms, plot_gradient_heatmap])
@pytest.mark.parametrize("bad", [np.ones(5), np.ones((0, 3))])
def test_gradient_plots_reject_bad_shapes(func, bad):
    with pytest.raises(ValueError, match=r"shape \(n_iterations, n_layers\) .* got shape"):
        func(bad)


def test_plot_layer_gradients_shows_vanishing():
    flow = gradient_flow(depth=10, activation="sigmoid", init="xavier")
    ax = plot_layer_gradients(flow)
    bars = ax.containers[0]
    assert len(bars) == 11
    np.testing.assert_allclose([b.get_height() for b in bars], flow.grad_norms)
    np.testing.assert_array_equal([b.get_x() + b.get_width() / 2 for b in bars],
                                  np.arange(1, 12))
    assert ax.get_yscale() == "log"
    title = ax.get_title()
    assert "depth 10" in title and "sigmoid" in title and "init xavier" in title
    assert "layer 1 / output layer = 4.9e-7" in title
    assert "output layer's norm, for comparison" in legend_texts(ax)
    assert "= output" in ax.get_xlabel()


def test_plot_layer_gradients_zero_norms_are_named():
    ax = plot_layer_gradients(gradient_flow(depth=3, activation="relu", init="zeros"))
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("0") == 4
    assert any("every gradient norm is 0" in t for t in texts)


def test_plot_activation_stats():
    flow = gradient_flow(depth=4, activation="relu", init="he")
    stats = flow.stats
    ax = plot_activation_stats(flow)
    mean_line = ax.lines[0]
    np.testing.assert_array_equal(mean_line.get_xdata(), [1, 2, 3, 4])
    np.testing.assert_allclose(mean_line.get_ydata(), stats.mean)
    twin = next(a for a in ax.figure.axes if a is not ax)
    np.testing.assert_allclose(twin.lines[0].get_ydata(), stats.dead_fraction)
    np.testing.assert_allclose(twin.lines[1].get_ydata(), stats.saturated_fraction)
    texts = legend_texts(ax)
    assert texts[0].startswith("mean ± std")
    assert texts[1].startswith("dead units") and texts[2].startswith("saturated entries")
    assert twin.get_ylabel() == "fraction (dead / saturated)"
    assert ax.get_xlabel() == "hidden layer l" and "(relu)" in ax.get_title()


def test_plot_activation_stats_symlog_for_exploding_values():
    flow = gradient_flow(depth=10, activation="relu", init="normal", weight_std=3.0)
    assert plot_activation_stats(flow.stats).get_yscale() == "symlog"


def test_training_plots_reject_wrong_objects():
    with pytest.raises(TypeError, match="takes a GradientFlow"):
        plot_layer_gradients(np.ones(3))
    with pytest.raises(TypeError, match="takes an ActivationStats"):
        plot_activation_stats(np.ones(3))
    with pytest.raises(ValueError, match=r"no hidden layers, .* e\.g\. MLP\(\[2, 16, 1\]\)"):
        plot_activation_stats(activation_stats(mv.MLP([2, 1]), np.ones((3, 2))))


# -------------------------------------------------------------------- decision
@pytest.mark.parametrize("sizes, out", [([2, 5, 1], "sigmoid"), ([2, 5, 3], "softmax")])
def test_decision_grid_equals_a_slow_loop(sizes, out):
    net = mv.MLP(sizes, "tanh", out, init="xavier", seed=1)
    X = np.array([[-1.0, 0.0], [2.0, 1.0], [0.5, -1.0]])
    grid = compute_decision_grid(net, X, resolution=6, margin=0.25)
    assert isinstance(grid, DecisionGrid)
    assert grid.xx.shape == grid.yy.shape == grid.classes.shape == grid.score.shape == (6, 6)
    np.testing.assert_allclose(grid.xx[0, [0, -1]], [-1.25, 2.25])
    np.testing.assert_allclose(grid.yy[[0, -1], 0], [-1.25, 1.25])
    assert grid.classes.dtype.kind == "i"
    for i in range(6):
        for j in range(6):
            point = np.array([grid.xx[i, j], grid.yy[i, j]])
            output = net.forward(point)
            assert grid.classes[i, j] == net.predict_classes(point)
            assert grid.score[i, j] == pytest.approx(output.max())


def test_decision_grid_is_evaluated_in_whole_batches(monkeypatch):
    net = mv.MLP([2, 4, 1], seed=0)
    batches = []
    forward = net.forward

    def counting(X, *args, **kwargs):
        batches.append(np.shape(X))
        return forward(X, *args, **kwargs)

    monkeypatch.setattr(net, "forward", counting)
    compute_decision_grid(net, np.zeros((3, 2)), resolution=50)
    assert batches and all(shape == (2500, 2) for shape in batches)
    assert len(batches) <= 2


@pytest.mark.parametrize("X, net, kwargs, match", [
    (np.ones((5, 3)), mv.MLP([2, 3, 1]), {}, r"X of shape \(n_samples, 2\); got shape \(5, 3\)"),
    (np.ones(5), mv.MLP([2, 3, 1]), {}, r"got shape \(5,\)\. For 1-D regression data use"),
    (np.ones((5, 2)), mv.MLP([3, 3, 1]), {}, r"this MLP expects 3 inputs.* 2 neurons"),
    (np.ones((5, 2)), mv.MLP([2, 3, 1]), {"resolution": 1},
     r"resolution must be between 2 and 2000; got 1\. It is"),
    (np.ones((5, 2)), mv.MLP([2, 3, 1]), {"margin": -1.0}, r"margin must be finite and >= 0"),
])
def test_decision_grid_rejects_bad_input(X, net, kwargs, match):
    with pytest.raises(ValueError, match=match):
        compute_decision_grid(net, X, **kwargs)


def test_plot_decision_boundary(moons_net):
    net, X, y = moons_net
    ax = plot_decision_boundary(net, X, y, resolution=40)
    predicted = net.predict_classes(X)
    wrong = predicted != y
    assert wrong.any(), "the test needs a misclassified point"
    for k in (0, 1):
        points = labelled(ax, f"class {k}")
        np.testing.assert_allclose(points.get_offsets(), X[y == k])
        assert to_hex(points.get_edgecolor()[0]) == "#000000"
    ring = labelled(ax, f"misclassified ({wrong.sum()})")
    np.testing.assert_allclose(ring.get_offsets(), X[wrong])
    texts = legend_texts(ax)
    assert texts[:2] == ["class 0", "class 1"]
    assert "decision boundary (output = 0.5)" in texts
    assert f"{100 * mv.accuracy(net, X, y):.1f} %" in ax.get_title()
    assert ax.get_xlabel() == "x₁" and ax.get_ylabel() == "x₂"


def test_plot_decision_boundary_several_classes_and_one_hot():
    X, y = mv.spirals(60, n_classes=3, seed=0)
    net = mv.MLP([2, 8, 3], "relu", "softmax", seed=0)
    one_hot = np.eye(3)[y]
    ax = plot_decision_boundary(net, X, one_hot, resolution=30)
    texts = legend_texts(ax)
    assert texts[:3] == ["class 0", "class 1", "class 2"]
    assert not any("output = 0.5" in t for t in texts)
    with pytest.raises(ValueError, match=r"y has 5 labels, but X has 60 samples"):
        plot_decision_boundary(net, X, y[:5])


def test_plot_fit():
    X, y = mv.regression_1d(30, seed=0)
    net = mv.MLP([1, 8, 1], "tanh", init="xavier", seed=0)
    ax = plot_fit(net, X, y)
    line = ax.lines[0]
    x = line.get_xdata()
    assert len(x) == 400 and x[0] < X.min() and x[-1] > X.max()
    np.testing.assert_allclose(line.get_ydata(), net.forward(x.reshape(-1, 1))[:, 0])
    np.testing.assert_allclose(ax.collections[0].get_offsets(), np.column_stack([X[:, 0], y]))
    assert legend_texts(ax) == ["data", "network prediction"]
    assert ax.get_xlabel() == "x" and ax.get_ylabel() == "y"
    assert f"{net.loss(X, y, 'mse'):.4f}" in ax.get_title()


@pytest.mark.parametrize("X, sizes, match", [
    (np.ones((5, 2)), [1, 4, 1], r"X of shape \(n_samples, 1\); got shape \(5, 2\)\. For 2-D"),
    (np.ones((5, 1)), [2, 4, 1],
     r"needs a network with 1 input and 1 output.*MLP\(\[1, \.\.\., 1\]\)"),
])
def test_plot_fit_rejects_bad_input(X, sizes, match):
    with pytest.raises(ValueError, match=match):
        plot_fit(mv.MLP(sizes), X, np.ones(5))


# ----------------------------------------------------------------- ax= contract
def all_plots(history, moons_net):
    net, X, y = moons_net
    Xr, yr = mv.regression_1d(20, seed=0)
    flow = gradient_flow(depth=2, width=4, n_samples=20)
    return [
        lambda ax: plot_activation("tanh", ax=ax),
        lambda ax: plot_softmax([1.0, 2.0], ax=ax),
        lambda ax: plot_history(history, ax=ax),
        lambda ax: plot_gradient_norms(history, ax=ax),
        lambda ax: plot_gradient_heatmap(history, ax=ax),
        lambda ax: plot_layer_gradients(flow, ax=ax),
        lambda ax: plot_activation_stats(flow.stats, ax=ax),
        lambda ax: plot_decision_boundary(net, X, y, ax=ax, resolution=20),
        lambda ax: plot_fit(mv.MLP([1, 4, 1], seed=0), Xr, yr, ax=ax),
    ]


def test_every_plot_draws_on_the_given_axes(history, moons_net):
    for draw in all_plots(history, moons_net):
        fig, ax = plt.subplots()
        before = plt.get_fignums()
        assert draw(ax) is ax
        assert plt.get_fignums() == before
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        plt.close(fig)


def test_every_plot_makes_its_own_figure_without_ax(history, moons_net):
    for draw in all_plots(history, moons_net):
        before = len(plt.get_fignums())
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ax = draw(None)
        assert len(plt.get_fignums()) == before + 1
        assert ax.figure.number == plt.get_fignums()[-1]
        plt.close(ax.figure)
