"""mlp_viz.gradcheck.relative_error: the score gradient_check takes the largest of."""

import numpy as np

import mlp_viz as mv
from mlp_viz.gradcheck import relative_error


def test_relative_error_entry_by_entry_with_its_floor():
    g = np.array([[1.0, -2.0], [0.0, 1e-9]])
    n = np.array([[1.0, -2.2], [0.0, 3e-9]])
    error = relative_error(g, n, floor=1e-6)
    assert error.shape == (2, 2)
    assert error[0, 0] == 0.0 and error[1, 0] == 0.0          # equal, even both 0
    assert np.isclose(error[0, 1], 0.2 / 4.2)                  # |g - n| / (|g| + |n|)
    assert np.isclose(error[1, 1], 2e-9 / 1e-6)                # both below the floor


def test_gradient_check_is_the_largest_relative_error():
    net = mv.MLP([3, 4, 2], activation="tanh", seed=0)
    X = np.random.default_rng(1).normal(size=(5, 3))
    y = np.random.default_rng(2).normal(size=(5, 2))
    value, grads = net.loss_and_gradients(X, y)
    numeric = mv.numerical_gradients(net, X, y)
    floor = 1e-4 * max(1.0, value)
    largest = max(float(relative_error(g, n, floor).max())
                  for pair, pair_n in zip(grads, numeric) for g, n in zip(pair, pair_n))
    assert mv.gradient_check(net, X, y) == largest
