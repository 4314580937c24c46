"""Building networks: shapes, initialisers, copies, parameters, predictions."""

import numpy as np
import pytest

import mlp_viz as mv
from mlp_viz.activations import row_max, row_sum


def test_shapes_follow_the_course_convention():
    net = mv.MLP([2, 16, 16, 1], seed=0)
    assert [W.shape for W in net.weights] == [(16, 2), (16, 16), (1, 16)]
    assert [b.shape for b in net.biases] == [(16,), (16,), (1,)]
    assert net.layer_sizes == (2, 16, 16, 1)
    assert net.n_layers == 3
    assert net.n_params == 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1
    assert net.activations == ("relu", "relu", "identity")
    assert repr(net) == "MLP([2, 16, 16, 1], activation='relu', output_activation='identity')"


def test_forward_shapes():
    net = mv.MLP([3, 4, 2], seed=0)
    assert net.forward(np.zeros((5, 3))).shape == (5, 2)
    assert net.forward(np.zeros(3)).shape == (2,)
    assert net.forward([[1, 2, 3]]).shape == (1, 2)  # lists and ints are fine


def test_same_seed_same_weights_different_seed_different_weights():
    a, b, c = (mv.MLP([3, 8, 1], seed=s) for s in (1, 1, 2))
    np.testing.assert_array_equal(a.get_flat_params(), b.get_flat_params())
    assert not np.array_equal(a.get_flat_params(), c.get_flat_params())


@pytest.mark.parametrize("init, std", [("he", lambda n_in, n_out: np.sqrt(2 / n_in)),
                                       ("xavier", lambda n_in, n_out: np.sqrt(2 / (n_in + n_out))),
                                       ("glorot", lambda n_in, n_out: np.sqrt(2 / (n_in + n_out)))])
def test_initialiser_spread(init, std):
    net = mv.MLP([400, 300, 1], init=init, seed=0)
    W = net.weights[0]
    # 120 000 draws: the sample std is within 1 % of the target with near certainty.
    assert W.std() == pytest.approx(std(400, 300), rel=0.01)
    assert abs(W.mean()) < 0.01 * std(400, 300)
    assert np.all(net.biases[0] == 0)


def test_zeros_constant_and_normal_initialisers():
    assert np.all(mv.MLP([3, 4, 1], init="zeros").weights[0] == 0)
    net = mv.MLP([3, 4, 1], init=mv.initializer("constant", value=0.5))
    assert np.all(net.weights[1] == 0.5)
    big = mv.MLP([300, 400, 1], init=mv.initializer("normal", std=2.0), seed=0)
    assert big.weights[0].std() == pytest.approx(2.0, rel=0.01)
    assert str(mv.initializer("normal", std=2.0)) == "normal(std=2)"


def test_from_weights_copies_and_keeps_the_convention():
    W1 = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    net = mv.MLP.from_weights([W1, [[1.0, -1.0]]], [[0.5, -0.5], [0.0]], activation="identity")
    W1[0, 0] = 99.0  # the network holds its own copy
    assert net.weights[0][0, 0] == 1.0
    x = np.array([1.0, 0.0, -1.0])
    z1 = np.array([1 - 3 + 0.5, 4 - 6 - 0.5])
    assert net.forward(x)[0] == pytest.approx(z1[0] - z1[1])


def test_activation_per_hidden_layer():
    net = mv.MLP([2, 3, 3, 1], activation=["tanh", "sigmoid"], output_activation="sigmoid")
    assert net.activations == ("tanh", "sigmoid", "sigmoid")
    trace = net.forward_trace(np.ones(2))
    np.testing.assert_allclose(trace.a[1], np.tanh(trace.z[1]))
    np.testing.assert_allclose(trace.a[2], 1 / (1 + np.exp(-trace.z[2])))


def test_copy_is_independent():
    net = mv.MLP([2, 3, 1], seed=0)
    twin = net.copy()
    twin.weights[0][0, 0] += 1
    assert twin.weights[0][0, 0] != net.weights[0][0, 0]


def test_flat_params_round_trip():
    net = mv.MLP([3, 4, 2], seed=0)
    theta = np.arange(net.n_params, dtype=float)
    net.set_flat_params(theta)
    np.testing.assert_array_equal(net.weights[0].ravel(), theta[:12])
    np.testing.assert_array_equal(net.biases[0], theta[12:16])
    np.testing.assert_array_equal(net.get_flat_params(), theta)
    with pytest.raises(ValueError, match=r"theta must have shape \(26,\)"):
        net.set_flat_params(theta[:-1])


def test_float32_networks_compute_in_float32():
    net = mv.MLP([3, 4, 1], seed=0, dtype=np.float32)
    out = net.forward(np.ones((2, 3)))
    assert out.dtype == np.float32
    _, grads = net.loss_and_gradients(np.ones((2, 3)), np.zeros(2))
    assert all(g.dtype == np.float32 for pair in grads for g in pair)


def test_predict_classes_and_accuracy():
    net = mv.MLP.from_weights([[[1.0]]], [[0.0]], activation=[], output_activation="identity")
    np.testing.assert_array_equal(net.predict_classes([[0.2], [0.5], [0.9]]), [0, 1, 1])
    assert mv.accuracy(net, [[0.2], [0.5], [0.9]], [0, 0, 1]) == pytest.approx(2 / 3)
    multi = mv.MLP.from_weights([np.eye(3)], [np.zeros(3)], [], "softmax")
    np.testing.assert_array_equal(multi.predict_classes(np.diag([1.0, 3.0, 2.0])), [0, 1, 2])
    assert mv.accuracy(multi, np.eye(3), np.eye(3)) == 1.0  # one-hot labels too


def test_loss_matches_loss_and_gradients():
    X, y = mv.moons(30, seed=0)
    net = mv.MLP([2, 4, 1], "sigmoid", "sigmoid", seed=0)
    for loss in ("mse", "binary_cross_entropy"):
        assert net.loss(X, y, loss) == net.loss_and_gradients(X, y, loss)[0]


def test_cross_entropy_accepts_labels_or_one_hot():
    X, y = mv.spirals(30, n_classes=3, seed=0)
    net = mv.MLP([2, 5, 3], output_activation="softmax", seed=0)
    by_label = net.loss_and_gradients(X, y, "cross_entropy")
    by_onehot = net.loss_and_gradients(X, np.eye(3)[y], "cross_entropy")
    assert by_label[0] == by_onehot[0]
    # mean of -log p(true class)
    p = net.forward(X)
    assert by_label[0] == pytest.approx(-np.mean(np.log(p[np.arange(30), y])))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape", [(3, 2), (300, 2), (40, 200, 2), (600, 5), (600, 7),
                                   (1797, 10), (50, 30)])
def test_row_max_and_row_sum_give_numpys_numbers(shape, dtype):
    # softmax and the cross-entropy take row maxima and sums column by column for
    # many short rows; the numbers must be exactly those of NumPy's reductions.
    z = (np.random.default_rng(0).standard_normal(shape) * 5).astype(dtype)
    e = np.exp(z)
    np.testing.assert_array_equal(row_max(z), z.max(axis=-1, keepdims=True))
    np.testing.assert_array_equal(row_sum(e), e.sum(axis=-1, keepdims=True))
    z[1, 0] = np.nan  # NaN propagates as in NumPy
    assert np.isnan(row_max(z)[1, 0])
