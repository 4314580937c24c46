"""Each concept has one home: inverted dropout's scaling, the flat layout, each loss.

These tests check that the modules really go through the one home (so that
changing it changes every place), not only that the numbers are right: those
are checked where each concept is tested.
"""

import importlib

import numpy as np
import pytest

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


def test_the_flat_layout_has_one_home():
    from mlp_viz.network import _Workspace
    from mlp_viz.params import flatten, layer_slices, unflatten
    from mlp_viz.surfaces import parameter_index

    net = mv.MLP([3, 4, 5, 2], seed=0)
    theta = net.get_flat_params()
    slices = layer_slices(net)
    # W^[1], b^[1], W^[2], b^[2], W^[3], b^[3]: back to back, covering the vector.
    bounds = [(s.start, s.stop) for pair in slices for s in pair]
    assert [start for start, _ in bounds] == [0] + [stop for _, stop in bounds[:-1]]
    assert bounds[-1][1] == net.n_params == theta.size
    for s, W, b in zip(slices, net.weights, net.biases):
        np.testing.assert_array_equal(theta[s.W], W.ravel())
        np.testing.assert_array_equal(theta[s.b], b)
    pairs = unflatten(theta, net)
    assert all(np.shares_memory(p, theta) for pair in pairs for p in pair)
    np.testing.assert_array_equal(flatten(pairs), theta)

    # The training workspace's one array of gradients has the same layout.
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    _, grads = net.loss_and_gradients(X, y)
    ws = _Workspace(net, 6)
    for (dW, db), ws_dW, ws_db in zip(grads, ws.dW, ws.db):
        ws_dW[...], ws_db[...] = dW, db
    np.testing.assert_array_equal(ws.gradients, flatten(grads))
    # So do set_flat_params, the finite differences and parameter_index.
    twin = net.copy()
    twin.set_flat_params(np.arange(net.n_params, dtype=float))
    for (W, b), s in zip(zip(twin.weights, twin.biases), slices):
        np.testing.assert_array_equal(W.ravel(), np.arange(s.W.start, s.W.stop))
        np.testing.assert_array_equal(b, np.arange(s.b.start, s.b.stop))
    numeric = mv.numerical_gradients(net, X, y)
    np.testing.assert_allclose(flatten(numeric), flatten(grads), rtol=1e-7, atol=1e-10)
    assert parameter_index(net, ("W", 2, 3, 1)) == slices[1].W.start + 3 * 4 + 1
    assert parameter_index(net, ("b", 3, 1)) == slices[2].b.start + 1
    d1, _ = mv.random_directions(net)  # filter-normalised: biases do not move
    assert all(not db.any() and dW.all() for dW, db in unflatten(d1, net))


def test_each_loss_is_one_object_that_checks_its_own_targets():
    from mlp_viz._validation import as_targets
    from mlp_viz.losses import LOSSES, Loss
    from mlp_viz.plots.losses import _PICTURES

    seen = []

    class Watched(Loss):
        name = "watched"

        def check_targets(self, y):
            seen.append(y.copy())

    class Labelled(Watched):
        takes_labels = True

    Y = as_targets([[0.5, 2.0]], 1, 2, Watched(), np.float64)
    assert len(seen) == 1 and seen[0].tobytes() == Y.tobytes()
    # Integer labels stand for one-hot rows only for a loss that says it takes them.
    with pytest.raises(ValueError, match=r"^y must have shape \(n_samples, n_outputs\) = \(2, 2\)"):
        as_targets([1, 0], 2, 2, Watched(), np.float64)
    np.testing.assert_array_equal(as_targets([1, 0], 2, 2, Labelled(), np.float64),
                                  [[0, 1], [1, 0]])
    # The library's losses: by name or as the object, the same check.
    for name, loss in LOSSES.items():
        for y in ([[0.2, 0.8]], [[0.5, 0.6]], [[-1.0, 2.0]], [1, 0]):
            outcomes = []
            for given in (name, loss):
                try:
                    outcomes.append(as_targets(y, len(y), 2, given, np.float64).tolist())
                except ValueError as error:
                    outcomes.append(str(error))
            assert outcomes[0] == outcomes[1]
    assert set(_PICTURES) == set(LOSSES)  # every loss can be drawn
