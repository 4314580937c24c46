"""mlp_viz.surfaces.lines.line_losses: the loss along the straight line between two networks."""

import re

import numpy as np
import pytest

import mlp_viz as mv
from mlp_viz.surfaces.lines import line_losses


@pytest.fixture
def setting():
    X, y = mv.moons(60, noise=0.2, seed=0)
    start = mv.MLP([2, 5, 1], "tanh", "sigmoid", init="xavier", seed=0)
    end = start.copy()
    mv.train(end, X, y, lr=0.5, epochs=20, loss="binary_cross_entropy")
    return start, end, X, y


def test_each_t_is_the_loss_of_the_mixed_parameters(setting):
    start, end, X, y = setting
    theta_0, theta_1 = start.get_flat_params(), end.get_flat_params()
    ts = np.array([-0.5, 0.0, 0.25, 1.0, 1.5])
    losses = line_losses(end, X, y, theta_0, theta_1, ts, loss="binary_cross_entropy")
    for t, got in zip(ts, losses):
        probe = mv.MLP.from_weights(
            [(1 - t) * W0 + t * W1 for W0, W1 in zip(start.weights, end.weights)],
            [(1 - t) * b0 + t * b1 for b0, b1 in zip(start.biases, end.biases)],
            activation="tanh", output_activation="sigmoid")
        assert got == pytest.approx(probe.loss(X, y, "binary_cross_entropy"), rel=1e-12)
    # the two ends are the two networks themselves, and the line is not the straight line
    # between their losses
    assert losses[1] == pytest.approx(start.loss(X, y, "binary_cross_entropy"), rel=1e-12)
    assert losses[3] == pytest.approx(end.loss(X, y, "binary_cross_entropy"), rel=1e-12)
    assert losses[2] != pytest.approx(0.75 * losses[1] + 0.25 * losses[3], rel=1e-3)


def test_the_network_and_the_vectors_are_left_as_they_were(setting):
    start, end, X, y = setting
    theta_0, theta_1 = start.get_flat_params(), end.get_flat_params()
    before = end.get_flat_params()
    line_losses(end, X, y, theta_0, theta_1, np.linspace(0, 1, 3), loss="binary_cross_entropy")
    assert np.array_equal(end.get_flat_params(), before)
    assert np.array_equal(theta_0, start.get_flat_params())


def test_a_vector_of_the_wrong_length_is_refused(setting):
    start, end, X, y = setting
    with pytest.raises(ValueError, match=r"^theta_1 must have shape \(21,\), one entry per "
                                         r"parameter of the network; got \(20,\)"):
        line_losses(end, X, y, start.get_flat_params(), np.zeros(20), [0.5])


@pytest.mark.parametrize(("ts", "error", "message"), [
    ([], ValueError, r"^ts must be a 1-D array of at least one t; got shape \(0,\)"),
    ([[0.5]], ValueError, r"^ts must be a 1-D array of at least one t; got shape \(1, 1\)"),
    ([0.5, np.nan], ValueError, r"^ts contains NaN or infinity"),
    (["a"], TypeError, r"^ts must hold numbers"),
])
def test_bad_ts_are_refused(setting, ts, error, message):
    start, end, X, y = setting
    with pytest.raises(error, match=message):
        line_losses(end, X, y, start.get_flat_params(), end.get_flat_params(), ts)


def test_not_a_network_is_refused():
    with pytest.raises(TypeError, match="line_losses"):
        line_losses("net", np.zeros((2, 2)), np.zeros(2), np.zeros(3), np.zeros(3), [0.0])


def test_losses_at_is_the_loss_of_each_snapshot_and_leaves_the_network(setting):
    start, end, X, y = setting
    history = mv.train(start.copy(), X, y, lr=0.5, epochs=5, loss="binary_cross_entropy",
                       snapshot_every=1)
    before = end.get_flat_params()
    losses = mv.losses_at(end, X, y, history.snapshots, loss="binary_cross_entropy")
    np.testing.assert_array_equal(losses, history.loss)   # the same numbers, not just close
    np.testing.assert_array_equal(end.get_flat_params(), before)


@pytest.mark.parametrize("thetas", [np.zeros(3), np.zeros((2, 4)), np.zeros((0, 21))])
def test_losses_at_says_what_shape_it_takes(setting, thetas):
    start, _, X, y = setting
    with pytest.raises(ValueError, match=r"^thetas must have shape \(n_points, 21\): one row "
                                         r"per point, one entry per parameter of the network; "
                                         + re.escape(f"got {thetas.shape}.")):
        mv.losses_at(start, X, y, thetas)
