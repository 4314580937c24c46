"""Each concept has one home: inverted dropout's scaling, the flat layout, each loss.

These tests check that the modules really go through the one home (so that
changing it changes every place), not only that the numbers are right: those
are checked where each concept is tested.
"""

import importlib

import numpy as np

import mlp_viz as mv

# import_module, since the package's name mlp_viz.dropout is the function.
dropout_module = importlib.import_module("mlp_viz.dropout")
network_module = importlib.import_module("mlp_viz.network")


def test_inverted_dropout_scaling_has_one_home(monkeypatch):
    rng = np.random.default_rng(0)
    for dtype in (np.float32, np.float64):
        a = rng.normal(size=(4, 5)).astype(dtype)
        mask = rng.random((4, 5)) >= 0.3
        expected = a * mask / (1 - 0.3)
        got = dropout_module.apply_keep_mask(a, mask, 0.3)
        assert got.dtype == dtype and got.tobytes() == expected.tobytes()
        in_place = a.copy()
        assert dropout_module.apply_keep_mask(in_place, mask, 0.3, out=in_place) is in_place
        assert in_place.tobytes() == expected.tobytes()

    # Every pass through a mask, forward and backward, goes through the helper.
    helper, calls = dropout_module.apply_keep_mask, []

    def spy(a, keep_mask, rate, out=None):
        calls.append(rate)
        return helper(a, keep_mask, rate, out=out)

    monkeypatch.setattr(network_module, "apply_keep_mask", spy)
    net = mv.MLP([3, 6, 5, 2], seed=0)
    X, y = rng.normal(size=(7, 3)), rng.normal(size=(7, 2))
    trace = net.forward_trace(X, training=True, dropout=0.3, rng=1)
    assert calls == [0.3, 0.3]  # one per hidden layer
    net.backward(trace, y)
    assert calls == [0.3] * 4  # and back through both masks
    # mv.dropout and the trace give what the network passed on, bit for bit.
    for l in (1, 2):
        passed = mv.dropout(trace.a[l], 0.3, keep_mask=trace.keep[l])[0]
        assert passed.tobytes() == trace.dropped(l).tobytes()
        W, b = net.weights[l], net.biases[l]
        np.testing.assert_array_equal(trace.z[l + 1], trace.dropped(l) @ W.T + b)
