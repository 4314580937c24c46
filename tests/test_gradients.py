"""Back-propagation against finite differences, over many random networks."""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import mlp_viz as mv

# Output activation and loss pairs that make sense together.
PAIRINGS = [
    ("identity", "mse"),
    ("relu", "mse"),
    ("leaky_relu", "mse"),
    ("sigmoid", "mse"),
    ("tanh", "mse"),
    ("softmax", "mse"),
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "cross_entropy"),
]
KINKED = ("relu", "leaky_relu")
HIDDEN = list(mv.HIDDEN_ACTIVATIONS)

# derandomize: the same examples on every run, so CI cannot flake.
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])


@st.composite
def problems(draw, hidden=None, pairing=None):
    out_act, loss = pairing if pairing else draw(st.sampled_from(PAIRINGS))
    act = hidden if hidden else draw(st.sampled_from(HIDDEN))
    n_in = draw(st.integers(1, 4))
    widths = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3))
    n_out = draw(st.integers(2 if out_act == "softmax" else 1, 3))
    n = draw(st.integers(1, 5))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    net = mv.MLP([n_in, *widths, n_out], act, out_act, init="xavier", seed=rng)
    for b in net.biases:
        b[:] = rng.normal(0, 0.5, b.shape)
    X = rng.normal(size=(n, n_in)) * draw(st.sampled_from([0.5, 1.0, 2.0]))
    if loss == "mse":
        y = rng.normal(size=(n, n_out))
    elif loss == "binary_cross_entropy":
        y = rng.integers(0, 2, size=(n, n_out)).astype(float)
    else:
        y = rng.integers(0, n_out, size=n)
    # Away from the kink: finite differences mean nothing where z crosses 0.
    trace = net.forward_trace(X)
    for l, name in enumerate(net.activations, 1):
        if name in KINKED:
            assume(np.abs(trace.z[l]).min() > 0.05)
    return net, X, y, loss


@pytest.mark.parametrize("hidden", HIDDEN)
@SETTINGS
@given(data=st.data())
def test_gradient_check_every_hidden_activation(hidden, data):
    net, X, y, loss = data.draw(problems(hidden=hidden))
    assert mv.gradient_check(net, X, y, loss) < 1e-7


@pytest.mark.parametrize("pairing", PAIRINGS, ids=["-".join(p) for p in PAIRINGS])
@SETTINGS
@given(data=st.data())
def test_gradient_check_every_output_and_loss(pairing, data):
    net, X, y, loss = data.draw(problems(pairing=pairing))
    assert mv.gradient_check(net, X, y, loss) < 1e-7


def test_gradient_check_catches_a_wrong_gradient(monkeypatch):
    """The check must fail when back-propagation is wrong (here: a lost factor of 2)."""
    net = mv.MLP([3, 4, 2], "tanh", seed=0)
    X = np.random.default_rng(1).normal(size=(4, 3))
    y = np.zeros((4, 2))
    assert mv.gradient_check(net, X, y) < 1e-7
    original = mv.MLP._backward  # what backward and loss_and_gradients both run

    def halved(self, *args, **kwargs):
        return [(dW / 2, db) for dW, db in original(self, *args, **kwargs)]

    monkeypatch.setattr(mv.MLP, "_backward", halved)
    assert mv.gradient_check(net, X, y) > 0.1


def test_numerical_gradients_leave_the_network_unchanged():
    net = mv.MLP([2, 3, 1], "sigmoid", seed=3)
    before = net.get_flat_params()
    mv.numerical_gradients(net, np.ones((2, 2)), np.zeros(2))
    np.testing.assert_array_equal(net.get_flat_params(), before)


@pytest.mark.parametrize("name", HIDDEN)
def test_activation_derivatives_match_finite_differences(name):
    act = mv.get_activation(name)
    z = np.linspace(-3, 3, 61)
    z = z[np.abs(z) > 1e-3]  # not at the kink
    h = 1e-6
    numeric = (act(z + h) - act(z - h)) / (2 * h)
    np.testing.assert_allclose(act.derivative(z), numeric, rtol=1e-7, atol=1e-9)


def test_softmax_jacobian_matches_finite_differences():
    z = np.array([0.3, -1.2, 2.0, 0.1])
    h = 1e-6
    numeric = np.column_stack([(mv.softmax(z + h * e) - mv.softmax(z - h * e)) / (2 * h)
                               for e in np.eye(4)])
    np.testing.assert_allclose(mv.softmax_jacobian(z), numeric, rtol=1e-7, atol=1e-10)


def test_softmax_is_stable_and_normalised():
    p = mv.softmax(np.array([[1000.0, 1000.0, -1000.0], [0.0, 0.0, 0.0]]))
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p, [[0.5, 0.5, 0.0], [1 / 3, 1 / 3, 1 / 3]])


def test_relu_derivative_is_zero_at_the_kink_and_below():
    np.testing.assert_array_equal(mv.get_activation("relu").derivative([-1.0, 0.0, 2.0]),
                                  [0, 0, 1])


def test_cross_entropy_stays_finite_for_confident_wrong_answers():
    net = mv.MLP.from_weights([[[50.0], [-50.0]]], [[0.0, 0.0]], output_activation="softmax")
    loss, grads = net.loss_and_gradients(np.array([[10.0]]), [1], "cross_entropy")
    assert loss == pytest.approx(1000.0)  # -log softmax = z0 - z1 = 500 - (-500)
    assert all(np.all(np.isfinite(g)) for pair in grads for g in pair)
    bce = mv.MLP.from_weights([[[100.0]]], [[0.0]], output_activation="sigmoid")
    loss, _ = bce.loss_and_gradients(np.array([[10.0]]), [0.0], "binary_cross_entropy")
    assert loss == pytest.approx(1000.0)


def test_batch_rows_equal_w_times_x_plus_b():
    rng = np.random.default_rng(0)
    net = mv.MLP([4, 5, 3, 2], "tanh", seed=1)
    for b in net.biases:
        b[:] = rng.normal(size=b.shape)
    X = rng.normal(size=(6, 4))
    trace = net.forward_trace(X)
    for l in range(1, 4):
        W, b = net.weights[l - 1], net.biases[l - 1]
        for n in range(len(X)):
            np.testing.assert_allclose(trace.z[l][n], W @ trace.a[l - 1][n] + b, rtol=1e-14)
    # and one 1-D sample gives exactly the corresponding row
    np.testing.assert_allclose(net.forward(X[2]), net.forward(X)[2], rtol=1e-14)
    assert net.forward(X[2]).shape == (2,)


def test_gradients_of_a_batch_are_the_mean_of_per_sample_gradients():
    rng = np.random.default_rng(2)
    net = mv.MLP([3, 4, 2], "sigmoid", seed=5)
    X, y = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    loss, grads = net.loss_and_gradients(X, y)
    singles = [net.loss_and_gradients(X[n], y[n]) for n in range(5)]
    assert loss == pytest.approx(np.mean([s[0] for s in singles]), rel=1e-13)
    for l in range(2):
        for k in range(2):
            np.testing.assert_allclose(grads[l][k], np.mean([s[1][l][k] for s in singles], 0),
                                       rtol=1e-12, atol=1e-15)


def test_mse_follows_the_half_convention():
    net = mv.MLP.from_weights([[[1.0]]], [[0.0]], activation=[], output_activation="identity")
    loss, grads = net.loss_and_gradients(np.array([3.0]), [1.0])
    assert loss == pytest.approx(0.5 * (3.0 - 1.0) ** 2)
    # dL/da = a - y = 2, so dL/dW = 2 * x = 6 and dL/db = 2
    assert grads[0][0][0, 0] == pytest.approx(6.0)
    assert grads[0][1][0] == pytest.approx(2.0)


@pytest.mark.parametrize("pairing", PAIRINGS, ids=["-".join(p) for p in PAIRINGS])
def test_batched_finite_differences_equal_the_plain_loop(pairing):
    rng = np.random.default_rng(7)
    out, loss = pairing
    n_out = 3 if out == "softmax" else 2
    net = mv.MLP([3, 5, 4, n_out], "tanh", out, seed=2)
    X = rng.normal(size=(6, 3))
    y = {"mse": rng.normal(size=(6, n_out)),
         "binary_cross_entropy": rng.integers(0, 2, (6, n_out)).astype(float),
         "cross_entropy": rng.integers(0, n_out, 6)}[loss]
    loop = mv.numerical_gradients(net, X, y, loss, method="loop")
    batched = mv.numerical_gradients(net, X, y, loss)
    for (a, b), (c, d) in zip(loop, batched):
        np.testing.assert_allclose(c, a, rtol=1e-8, atol=1e-10)
        np.testing.assert_allclose(d, b, rtol=1e-8, atol=1e-10)
    with pytest.raises(ValueError, match=r"method must be 'batched' or 'loop'; got 'fast'"):
        mv.numerical_gradients(net, X, y, loss, method="fast")
