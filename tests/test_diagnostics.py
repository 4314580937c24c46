"""Activation statistics and gradient flow: hand-checked cases and the
vanishing/exploding experiments the course shows."""

import subprocess
import sys
import warnings

import numpy as np
import pytest

import mlp_viz as mv
from mlp_viz.diagnostics import (
    ActivationStats,
    GradientFlow,
    activation_stats,
    gradient_flow,
)

X4 = np.array([[0.0, 0.0], [1.0, -1.0], [-2.0, 0.5], [0.3, 3.0]])


def test_numbers_modules_do_not_import_matplotlib():
    code = ("import sys, mlp_viz.diagnostics; "
            "assert 'matplotlib' not in sys.modules, 'matplotlib was imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_activation_stats_by_hand_relu():
    # Unit 2 of layer 1 has zero weights and bias -1: relu(-1) = 0 for every
    # sample, so it is dead; units 1 and 3 are alive.
    W1 = [[1.0, 0.0], [0.0, 0.0], [0.5, 0.5]]
    b1 = [0.0, -1.0, 0.1]
    W2, b2 = [[1.0, 1.0, 1.0]], [0.0]
    net = mv.MLP.from_weights([W1, W2], [b1, b2], "relu", "identity")
    stats = activation_stats(net, X4)
    a1 = np.maximum(X4 @ np.array(W1).T + b1, 0)
    assert isinstance(stats, ActivationStats)
    np.testing.assert_array_equal(stats.layers, [1])
    assert stats.activations == ("relu",)
    np.testing.assert_allclose(stats.mean, [a1.mean()])
    np.testing.assert_allclose(stats.std, [a1.std()])
    np.testing.assert_allclose(stats.dead_fraction, [1 / 3])
    np.testing.assert_array_equal(stats.saturated_fraction, [0.0])


@pytest.mark.parametrize("name, limit", [("sigmoid", 0.025), ("tanh", 0.1)])
def test_saturated_fraction_by_hand(name, limit):
    W1 = [[4.0, 0.0], [0.0, 1.0], [2.0, 2.0]]
    b1 = [0.0, 0.0, 0.0]
    net = mv.MLP.from_weights([W1, [[1.0, 1.0, 1.0]]], [b1, [0.0]], name, "identity")
    stats = activation_stats(net, X4)
    z = X4 @ np.array(W1).T
    act = mv.get_activation(name)
    expected = np.mean(act.derivative(z) < limit)
    assert 0 < expected < 1  # the case mixes saturated and unsaturated entries
    np.testing.assert_allclose(stats.saturated_fraction, [expected])
    np.testing.assert_array_equal(stats.dead_fraction, [0.0])


@pytest.mark.parametrize("name", ["identity", "leaky_relu"])
def test_activations_that_cannot_die_or_saturate(name):
    # A unit with zero weights and bias gives identity a == 0 for every sample:
    # still not "dead", because its derivative is 1.
    W1, b1 = [[0.0, 0.0], [50.0, 50.0]], [0.0, 0.0]
    net = mv.MLP.from_weights([W1, [[1.0, 1.0]]], [b1, [0.0]], name, "identity")
    stats = activation_stats(net, X4)
    np.testing.assert_array_equal(stats.dead_fraction, [0.0])
    np.testing.assert_array_equal(stats.saturated_fraction, [0.0])


def test_activation_stats_per_layer_activations_and_numbering():
    net = mv.MLP([2, 5, 4, 3, 1], ["relu", "tanh", "sigmoid"], seed=0)
    stats = activation_stats(net, X4)
    np.testing.assert_array_equal(stats.layers, [1, 2, 3])
    assert stats.activations == ("relu", "tanh", "sigmoid")
    trace = net.forward_trace(X4)
    np.testing.assert_allclose(stats.mean, [trace.a[l].mean() for l in (1, 2, 3)])
    for field in ("mean", "std", "dead_fraction", "saturated_fraction"):
        assert getattr(stats, field).shape == (3,)


def test_activation_stats_one_sample_and_no_hidden_layer():
    net = mv.MLP([2, 3, 1], "relu", seed=0)
    one = activation_stats(net, X4[1])
    assert one.dead_fraction.shape == (1,)
    flat = activation_stats(mv.MLP([2, 1], seed=0), X4)
    assert flat.layers.size == 0 and flat.mean.size == 0


def test_activation_stats_rejects_other_objects():
    with pytest.raises(TypeError, match=r"needs an mlp_viz\.MLP"):
        activation_stats("net", X4)
    with pytest.raises(ValueError, match="X has 3 features"):
        activation_stats(mv.MLP([2, 3, 1]), np.ones((4, 3)))


def test_gradient_flow_matches_a_direct_computation():
    flow = gradient_flow(depth=3, width=8, activation="tanh", init="xavier", n_samples=50,
                         seed=3)
    net = mv.MLP([2, 8, 8, 8, 1], "tanh", "sigmoid", init="xavier", seed=3)
    X, y = mv.moons(50, seed=3)
    loss, grads = net.loss_and_gradients(X, y, "binary_cross_entropy")
    assert isinstance(flow, GradientFlow)
    assert flow.layer_sizes == (2, 8, 8, 8, 1)
    assert flow.depth == 3
    assert (flow.activation, flow.init, flow.weight_std) == ("tanh", "xavier", None)
    np.testing.assert_allclose(flow.grad_norms, [np.linalg.norm(dW) for dW, _ in grads])
    assert flow.loss == pytest.approx(loss)
    np.testing.assert_allclose(flow.stats.mean, activation_stats(net, X).mean)


def test_gradient_flow_is_reproducible_and_records_normal_std():
    a = gradient_flow(depth=4, init="normal", weight_std=0.5)
    b = gradient_flow(depth=4, init="normal", weight_std=0.5)
    np.testing.assert_array_equal(a.grad_norms, b.grad_norms)
    assert (a.init, a.weight_std, a.init_label) == ("normal", 0.5, "normal(std=0.5)")


@pytest.mark.parametrize("init, std, below", [("normal", 0.1, 1e-6), ("xavier", 1.0, 1e-4)])
def test_deep_sigmoid_gradients_vanish(init, std, below):
    # Measured (seed 0): first/last = 5.2e-9 for normal(0.1), 4.9e-7 for xavier.
    flow = gradient_flow(depth=10, activation="sigmoid", init=init, weight_std=std)
    assert flow.first_to_last < below
    # ... and they shrink layer by layer towards the input.
    assert np.all(np.diff(np.log10(flow.grad_norms)) > 0)


@pytest.mark.parametrize("activation, init", [("relu", "he"), ("tanh", "xavier")])
def test_matched_initialisation_keeps_gradients_level(activation, init):
    # Measured (seed 0): max/min = 4.9 for relu + he, 1.6 for tanh + xavier.
    flow = gradient_flow(depth=10, activation=activation, init=init)
    norms = flow.grad_norms
    assert norms.max() / norms.min() < 10
    assert 1e-2 < norms.min() and norms.max() < 10


def test_large_weights_with_tanh_explode_towards_the_input():
    # Measured (seed 0): 1.1e3 at layer 1 down to 0.61 at the output.
    flow = gradient_flow(depth=10, activation="tanh", init="normal", weight_std=3.0)
    assert flow.first_to_last > 100
    assert np.all(np.diff(flow.grad_norms[:-1]) < 0)
    # Nearly every unit past the first layer sits on a flat part of tanh.
    assert np.all(flow.stats.saturated_fraction[1:] > 0.8)


def test_large_weights_with_relu_explode_everywhere():
    # ReLU is positively homogeneous: the forward values grow by the same factor
    # per layer as the backward ones, so dW = dZ.T @ A_prev is huge in *every*
    # layer (1e9..1e10 at seed 0) rather than growing towards the input.
    flow = gradient_flow(depth=10, activation="relu", init="normal", weight_std=3.0)
    healthy = gradient_flow(depth=10, activation="relu", init="he")
    assert flow.grad_norms.min() > 1e6 * healthy.grad_norms.max()
    assert flow.stats.std[-1] > 1e6 * flow.stats.std[0]


def test_extreme_settings_stay_quiet_and_finite():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        flow = gradient_flow(depth=50, width=512, activation="relu", init="normal",
                             weight_std=3.0, n_samples=64)
    assert flow.grad_norms.shape == (51,)
    assert np.all(np.isfinite(flow.grad_norms))


def test_zero_init_gives_zero_gradients_and_dead_units():
    flow = gradient_flow(depth=3, activation="relu", init="zeros")
    np.testing.assert_array_equal(flow.grad_norms, 0.0)
    np.testing.assert_array_equal(flow.stats.dead_fraction, 1.0)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(depth=0), ValueError, r"depth must be between 1 and 50; got 0\. It is the number"),
    (dict(depth=51), ValueError, r"depth must be between 1 and 50; got 51"),
    (dict(width=0), ValueError, r"width must be between 1 and 512; got 0\. It is the number"),
    (dict(width=1000), ValueError, r"width must be between 1 and 512; got 1000"),
    (dict(depth=2.5), TypeError, r"depth must be a whole number; got float 2\.5"),
    (dict(init="unknown"), ValueError, r"unknown init 'unknown'; valid names are"),
    (dict(init=mv.initializer("he")), TypeError, r"init is given by its name here"),
    (dict(init="normal", weight_std=-1.0), ValueError, r"std must be finite and > 0; got -1"),
    (dict(activation="softmax"), ValueError, r"softmax can only be the output activation"),
    (dict(n_samples=1), ValueError, r"n_samples must be >= 2; got 1"),
])
def test_gradient_flow_rejects_bad_settings(kwargs, error, match):
    with pytest.raises(error, match=match):
        gradient_flow(**kwargs)
