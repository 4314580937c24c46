"""Inverted dropout: the expectation is kept in training, and evaluation is untouched."""

import numpy as np
import pytest

import mlp_viz as mv


@pytest.mark.parametrize("rate", [0.1, 0.5, 0.8])
def test_inverted_dropout_keeps_the_expected_activation(rate):
    a = np.array([12.241, 47.549, 0.5, 3.0])
    rng = np.random.default_rng(0)
    draws = 20_000
    outs = np.array([mv.dropout(a, rate, rng=rng)[0] for _ in range(draws)])
    # Each entry is a * Bernoulli(keep) / keep: mean a, standard deviation
    # a * sqrt(rate / keep). The mean of `draws` of them lies within 5 standard
    # errors of a with probability 1 - 6e-7.
    keep = 1 - rate
    stderr = a * np.sqrt(rate / keep) / np.sqrt(draws)
    assert np.all(np.abs(outs.mean(axis=0) - a) < 5 * stderr)
    # and every single output is either 0 or a / keep
    assert np.all(np.isclose(outs, 0) | np.isclose(outs, a / keep))


def test_dropout_is_the_identity_at_evaluation():
    a = np.arange(6.0).reshape(2, 3)
    out, mask = mv.dropout(a, 0.5, rng=0, training=False)
    np.testing.assert_array_equal(out, a)
    assert mask.all()
    net = mv.MLP([3, 20, 20, 2], seed=0)
    X = np.random.default_rng(1).normal(size=(5, 3))
    np.testing.assert_array_equal(net.forward(X, dropout=0.5), net.forward(X))
    trace = net.forward_trace(X, dropout=0.5)
    assert all(k is None for k in trace.keep)


def test_the_notes_example_mask_computed_correctly():
    # Section 12.6: uniform draws [0.38298, 0.78923] and rate 0.5 drop the first
    # neuron. Inverted dropout *divides* by keep = 0.5; the notes multiply and
    # print 23.775 where the kept value is 95.098.
    a1 = np.array([12.241, 47.549])
    keep = np.array([0.38298, 0.78923]) >= 0.5
    out, mask = mv.dropout(a1, 0.5, keep_mask=keep)
    np.testing.assert_array_equal(mask, [False, True])
    np.testing.assert_allclose(out, [0.0, 95.098])


def test_masks_are_reproducible_from_the_seed():
    net = mv.MLP([3, 6, 6, 1], seed=0)
    X = np.ones((4, 3))
    t1 = net.forward_trace(X, training=True, dropout=0.5, rng=42)
    t2 = net.forward_trace(X, training=True, dropout=0.5, rng=42)
    for l in (1, 2):
        np.testing.assert_array_equal(t1.keep[l], t2.keep[l])
    assert t1.keep[0] is None and t1.keep[3] is None  # never on the input or output
    np.testing.assert_array_equal(mv.dropout_mask((3, 4), 0.3, 7), mv.dropout_mask((3, 4), 0.3, 7))


def test_dropped_neurons_send_nothing_forward():
    net = mv.MLP([2, 8, 1], seed=0)
    X = np.random.default_rng(0).normal(size=(3, 2))
    trace = net.forward_trace(X, training=True, dropout=0.5, rng=1)
    seen = trace.dropped(1)
    np.testing.assert_array_equal(seen[~trace.keep[1]], 0)
    np.testing.assert_allclose(seen[trace.keep[1]], trace.a[1][trace.keep[1]] / 0.5)
    np.testing.assert_allclose(trace.z[2], seen @ net.weights[1].T + net.biases[1])


def test_gradients_through_a_fixed_mask_match_finite_differences():
    # With the mask held fixed, the training loss is an ordinary function of the
    # weights, so back-propagation through dropout can be checked numerically.
    net = mv.MLP([3, 5, 4, 2], "tanh", seed=0)
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    _, grads = net.backward(net.forward_trace(X, training=True, dropout=0.4, rng=11), y)
    theta, h = net.get_flat_params(), 1e-5
    numeric = np.empty_like(theta)
    for i in range(theta.size):
        vals = []
        for step in (h, -h):
            t = theta.copy()
            t[i] += step
            net.set_flat_params(t)
            trace = net.forward_trace(X, training=True, dropout=0.4, rng=11)  # same mask
            vals.append(net.backward(trace, y)[0])
        numeric[i] = (vals[0] - vals[1]) / (2 * h)
    analytic = np.concatenate([p.ravel() for pair in grads for p in pair])
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-9)
