"""Training: iterations, learning, divergence, and what History records."""

import math
import warnings

import numpy as np
import pytest

import mlp_viz as mv


def test_1050_samples_in_batches_of_100_take_11_iterations_per_epoch():
    assert mv.iterations_per_epoch(1050, 100) == 11 == math.ceil(1050 / 100)
    X, y = mv.regression_1d(1050, seed=0)
    net = mv.MLP([1, 4, 1], "tanh", seed=0)
    history = mv.train(net, X, y, lr=0.01, epochs=3, batch_size=100)
    assert history.iterations_per_epoch == 11
    assert history.n_iterations == 33
    assert history.iteration_loss.shape == (33,)
    assert history.grad_norms.shape == (33, 2)
    assert history.loss.shape == (4,)  # before training and after each of 3 epochs


@pytest.mark.parametrize("n, batch, expected", [(10, None, 1), (10, 10, 1), (10, 3, 4),
                                                (1, 1, 1), (100, 1, 100)])
def test_iterations_per_epoch(n, batch, expected):
    assert mv.iterations_per_epoch(n, batch) == expected


def test_every_sample_is_seen_once_per_epoch(monkeypatch):
    seen = []
    original = mv.MLP._run  # what train runs for each mini-batch

    def spy(self, X, training, *args, **kw):
        if training:
            seen.append(np.asarray(X)[:, 0].copy())
        return original(self, X, training, *args, **kw)

    monkeypatch.setattr(mv.MLP, "_run", spy)
    X = np.arange(23, dtype=float).reshape(-1, 1)
    mv.train(mv.MLP([1, 2, 1], seed=0), X, np.zeros(23), lr=0.01, epochs=2, batch_size=5)
    assert [len(b) for b in seen] == [5, 5, 5, 5, 3] * 2
    for epoch in (seen[:5], seen[5:]):
        assert sorted(np.concatenate(epoch)) == list(range(23))
    assert not np.array_equal(np.concatenate(seen[:5]), np.concatenate(seen[5:]))  # reshuffled


@pytest.mark.parametrize("make", [mv.xor, mv.moons])
def test_small_net_learns_xor_and_moons(make):
    X, y = make(200, seed=0)  # each set with its default noise
    net = mv.MLP([2, 16, 16, 1], seed=0)
    history = mv.train(net, X, y, lr=0.1, epochs=300, batch_size=32)
    assert history.diverged is None
    assert history.loss[-1] < history.loss[0]
    assert mv.accuracy(net, X, y) >= 0.95


def test_softmax_cross_entropy_learns_spirals():
    X, y = mv.spirals(300, noise=0.05, n_classes=3, seed=1)
    net = mv.MLP([2, 32, 32, 3], "tanh", "softmax", init="xavier", seed=0)
    mv.train(net, X, y, lr=0.5, epochs=300, batch_size=32, loss="cross_entropy")
    assert mv.accuracy(net, X, y) >= 0.95


def test_training_is_reproducible_from_the_seed():
    X, y = mv.moons(100, seed=0)
    runs = []
    for _ in range(2):
        net = mv.MLP([2, 8, 1], seed=4)
        h = mv.train(net, X, y, lr=0.1, epochs=5, batch_size=10, dropout=0.2)
        runs.append((net.get_flat_params(), h.iteration_loss))
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    np.testing.assert_array_equal(runs[0][1], runs[1][1])


def test_a_too_large_learning_rate_diverges_with_one_warning_and_no_exception():
    X, y = mv.regression_1d(100, seed=0)
    net = mv.MLP([1, 16, 16, 1], seed=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = mv.train(net, X * 10, y, lr=10.0, epochs=50, batch_size=10)
    assert len(caught) == 1
    assert issubclass(caught[0].category, mv.DivergenceWarning)
    message = str(caught[0].message)
    assert f"training diverged in epoch {history.diverged} " in message
    assert "learning rate 10 is too large" in message
    assert history.diverged is not None and 1 <= history.diverged < 50
    assert history.epochs_run == history.diverged - 1
    # No NaN or inf anywhere that later code reads.
    for arr in (history.loss, history.iteration_loss, history.grad_norms):
        assert np.all(np.isfinite(arr))
    assert np.all(np.isfinite(net.get_flat_params()))
    assert np.isfinite(net.loss(X * 10, y))


def test_a_sane_learning_rate_does_not_warn():
    X, y = mv.regression_1d(100, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = mv.train(mv.MLP([1, 8, 1], "tanh", seed=0), X, y, lr=0.05, epochs=20)
    assert history.diverged is None and history.diverged_iteration is None


def test_plain_gradient_descent_step_is_minus_lr_times_gradient():
    X, y = mv.moons(20, seed=0)
    net = mv.MLP([2, 3, 1], "sigmoid", seed=1)
    before = net.get_flat_params()
    _, grads = net.loss_and_gradients(X, y)
    flat_grad = np.concatenate([p.ravel() for pair in grads for p in pair])
    mv.train(net, X, y, lr=0.3, epochs=1)
    np.testing.assert_allclose(net.get_flat_params(), before - 0.3 * flat_grad, rtol=1e-13)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("hidden, output, loss", [("relu", "softmax", "cross_entropy"),
                                                  ("tanh", "sigmoid", "mse"),
                                                  ("leaky_relu", "identity", "mse")])
def test_training_steps_equal_the_public_forward_and_backward(dtype, hidden, output, loss):
    # train writes every step into reused arrays; the numbers must be exactly
    # those of net.loss_and_gradients on the same shuffled mini-batches.
    X, labels = mv.spirals(46, n_classes=2, seed=0)
    y = labels if loss == "cross_entropy" else labels.reshape(-1, 1).astype(float)
    sizes = [2, 7, 5, 2 if loss == "cross_entropy" else 1]
    net = mv.MLP(sizes, hidden, output, seed=3, dtype=dtype)
    manual = net.copy()
    h = mv.train(net, X, y, lr=0.2, epochs=2, batch_size=10, loss=loss, seed=5)
    gen = np.random.default_rng(5)
    batch_losses = []
    for _ in range(2):
        order = gen.permutation(len(X))
        for i in range(0, len(X), 10):  # 10, 10, 10, 10 and a last batch of 6
            rows = order[i:i + 10]
            value, grads = manual.loss_and_gradients(X[rows], y[rows], loss)
            batch_losses.append(value)
            for W, b, (dW, db) in zip(manual.weights, manual.biases, grads):
                W -= 0.2 * dW
                b -= 0.2 * db
    np.testing.assert_array_equal(h.iteration_loss, batch_losses)
    np.testing.assert_array_equal(net.get_flat_params(), manual.get_flat_params())


def test_momentum_accumulates_velocity():
    X, y = mv.moons(20, seed=0)
    plain, heavy = mv.MLP([2, 3, 1], "sigmoid", seed=1), mv.MLP([2, 3, 1], "sigmoid", seed=1)
    start = plain.get_flat_params()
    g1 = np.concatenate([p.ravel() for pair in plain.loss_and_gradients(X, y)[1] for p in pair])
    mv.train(heavy, X, y, lr=0.1, epochs=2, momentum=0.9)
    probe = plain.copy()
    probe.set_flat_params(start - 0.1 * g1)
    g2 = np.concatenate([p.ravel() for pair in probe.loss_and_gradients(X, y)[1] for p in pair])
    # v1 = -lr g1; v2 = 0.9 v1 - lr g2; theta2 = theta0 + v1 + v2
    expected = start - 0.1 * g1 + (0.9 * -0.1 * g1 - 0.1 * g2)
    np.testing.assert_allclose(heavy.get_flat_params(), expected, rtol=1e-12)


def test_validation_loss_and_snapshots():
    X, y = mv.moons(120, seed=0)
    Xtr, Xva, ytr, yva = mv.split_data(X, y, 0.25, seed=0)
    net = mv.MLP([2, 8, 1], seed=0)
    h = mv.train(net, Xtr, ytr, lr=0.1, epochs=4, batch_size=30, X_val=Xva, y_val=yva,
                 snapshot_every=2)
    assert h.val_loss.shape == (5,)
    assert h.val_loss[-1] == pytest.approx(net.loss(Xva, yva))
    assert h.loss[-1] == pytest.approx(net.loss(Xtr, ytr))
    assert h.iterations_per_epoch == 3 and h.n_iterations == 12
    np.testing.assert_array_equal(h.snapshot_iterations, [0, 2, 4, 6, 8, 10, 12])
    assert h.snapshots.shape == (7, net.n_params)
    np.testing.assert_array_equal(h.snapshots[-1], net.get_flat_params())


def test_grad_norms_are_the_layer_gradient_norms():
    X, y = mv.xor(50, seed=0)
    net = mv.MLP([2, 5, 4, 1], "tanh", seed=0)
    _, grads = net.copy().loss_and_gradients(X, y)
    h = mv.train(net, X, y, lr=0.1, epochs=1)
    np.testing.assert_allclose(h.grad_norms[0], [np.linalg.norm(dW) for dW, _ in grads])


def test_dropout_is_used_in_training_and_masks_are_inspectable(monkeypatch):
    X, y = mv.moons(40, seed=0)
    records = []
    original = mv.MLP._run  # what train runs for each mini-batch

    def spy(self, *args, **kw):
        records.append(original(self, *args, **kw))
        return records[-1]

    monkeypatch.setattr(mv.MLP, "_run", spy)
    net = mv.MLP([2, 50, 50, 1], seed=0)
    mv.train(net, X, y, lr=0.01, epochs=1, dropout=0.5, epoch_loss="batches")
    (step,) = records  # one full-batch update, and no pass over the data after it
    assert step.keep[0] is None and step.keep[-1] is None  # input and output: never dropped
    for mask in step.keep[1:-1]:
        assert mask.dtype == bool and mask.shape == (40, 50)
        assert 0.35 < mask.mean() < 0.65
    trace = mv.MLP([2, 50, 50, 1], seed=0).forward_trace(X, training=True, dropout=0.5)
    assert [mask.shape for mask in trace.keep[1:-1]] == [(40, 50), (40, 50)]


def test_a_loss_far_above_its_start_counts_as_divergence():
    X, y = mv.regression_1d(100, seed=0)
    net = mv.MLP([1, 16, 16, 1], "tanh", seed=0)
    start_loss = net.loss(X, y)
    with pytest.warns(mv.DivergenceWarning,
                      match=r"over 1e\+06 times max\(1, its starting value\)"):
        h = mv.train(net, X, y, lr=1.0, epochs=50, batch_size=8, snapshot_every=5)
    limit = mv.training.DIVERGENCE_FACTOR * max(1.0, start_loss)
    assert h.diverged is not None
    assert np.all(h.iteration_loss <= limit) and np.all(h.loss <= limit)
    # the recorded path ends where the network was put back
    np.testing.assert_array_equal(h.snapshots[-1], net.get_flat_params())
    assert h.snapshot_iterations[-1] == (h.diverged - 1) * h.iterations_per_epoch
    assert net.loss(X, y) == pytest.approx(h.loss[-1])


def test_epoch_loss_from_the_batches_costs_no_extra_pass():
    X, y = mv.moons(100, seed=0)
    full = mv.train(mv.MLP([2, 8, 1], seed=0), X, y, lr=0.1, epochs=3, batch_size=20)
    net = mv.MLP([2, 8, 1], seed=0)
    quick = mv.train(net, X, y, lr=0.1, epochs=3, batch_size=20, epoch_loss="batches",
                     X_val=X[:10], y_val=y[:10])
    # the same training; only what is recorded per epoch differs
    np.testing.assert_array_equal(quick.iteration_loss, full.iteration_loss)
    assert full.loss[0] == mv.MLP([2, 8, 1], seed=0).loss(X, y)  # the whole set, untrained
    assert quick.loss[0] == quick.iteration_loss[0]  # the first batch, before its update
    np.testing.assert_allclose(quick.loss[1:], quick.iteration_loss.reshape(3, 5).mean(axis=1))
    assert quick.val_loss[-1] == pytest.approx(net.loss(X[:10], y[:10]))
    with pytest.raises(ValueError, match=r"epoch_loss must be 'full' or 'batches'; got 'x'"):
        mv.train(net, X, y, lr=0.1, epochs=1, epoch_loss="x")


@pytest.mark.parametrize("every", [3, 4, 7, 40])
def test_the_snapshots_end_at_the_trained_network(every):
    # 4 epochs of 3 batches: 12 updates, which 3 and 4 divide and 7 and 40 do not
    X, y = mv.moons(60, seed=0)
    net = mv.MLP([2, 5, 1], "tanh", seed=0)
    h = mv.train(net, X, y, lr=0.1, epochs=4, batch_size=20, snapshot_every=every)
    expected = sorted({*range(0, 12, every), 12})
    np.testing.assert_array_equal(h.snapshot_iterations, expected)
    np.testing.assert_array_equal(h.snapshots[-1], net.get_flat_params())


def test_a_loss_ten_times_its_start_counts_as_blown_up():
    X, y = mv.moons(80, seed=0)
    calm = mv.train(mv.MLP([2, 8, 1], "tanh", "sigmoid", seed=0), X, y, lr=0.5, epochs=20,
                    loss="binary_cross_entropy")
    wild = mv.train(mv.MLP([2, 8, 1], "tanh", "sigmoid", seed=0), X, y, lr=30.0, epochs=20,
                    loss="binary_cross_entropy")
    assert calm.blew_up() is None and wild.diverged is None  # finite: not stopped
    first = int(np.argmax(wild.loss > mv.training.BLOW_UP_FACTOR * wild.loss[0]))
    assert first >= 1 and wild.blew_up() == first
    assert wild.blew_up(factor=1e9) is None


def test_a_stopped_run_has_blown_up_where_it_stopped():
    X, y = mv.regression_1d(100, seed=0)
    with pytest.warns(mv.DivergenceWarning):
        h = mv.train(mv.MLP([1, 16, 16, 1], "tanh", seed=0), X, y, lr=1.0, epochs=50,
                     batch_size=8)
    assert h.diverged is not None
    assert h.blew_up() == min(h.diverged,
                              next((e for e, v in enumerate(h.loss) if v > 10 * h.loss[0]),
                                   h.diverged))


@pytest.mark.parametrize("net, msg", [
    ("x", r"train needs an mlp_viz\.MLP as net; got str 'x'\. Build one with "
          r"mlp_viz\.MLP\(layer_sizes\), e\.g\. mlp_viz\.MLP\(\[2, 16, 1\]\)\."),
    (None, r"train needs an mlp_viz\.MLP as net; got NoneType None"),
])
def test_train_needs_a_network(net, msg):
    X, y = mv.moons(20, seed=0)
    with pytest.raises(TypeError, match=msg):
        mv.train(net, X, y, lr=0.1, epochs=1)


def test_train_callback_must_be_callable():
    X, y = mv.moons(20, seed=0)
    with pytest.raises(TypeError, match=r"callback must be callable, as callback\(epoch, loss, "
                                        r"val_loss\); got int 3"):
        mv.train(mv.MLP([2, 3, 1], seed=0), X, y, lr=0.1, epochs=1, callback=3)


def test_each_reported_step_replays_exactly():
    # on_step says which rows and which dropout masks each update used: the network
    # before it, that batch and those masks give exactly the gradients train stepped with.
    X, y = mv.moons(46, seed=0)
    net = mv.MLP([2, 6, 5, 1], "tanh", "sigmoid", seed=2)
    steps = []
    h = mv.train(net.copy(), X, y, lr=0.2, epochs=2, batch_size=10, dropout=0.3, seed=4,
                 loss="binary_cross_entropy", snapshot_every=1, on_step=steps.append)
    assert [s.iteration for s in steps] == list(range(1, 11))
    assert [s.epoch for s in steps] == [1] * 5 + [2] * 5
    assert sorted(np.concatenate([s.rows for s in steps[:5]])) == list(range(46))
    probe = net.copy()
    for step in steps:
        probe.set_flat_params(h.snapshots[step.iteration - 1])
        trace = probe.forward_trace(X[step.rows], training=True, dropout=0.3,
                                    keep_masks=step.keep_masks)
        loss, grads = probe.backward(trace, y[step.rows], "binary_cross_entropy")
        assert loss == h.iteration_loss[step.iteration - 1]
        flat = np.concatenate([g.ravel() for pair in grads for g in pair])
        np.testing.assert_array_equal(h.snapshots[step.iteration], probe.get_flat_params()
                                      - 0.2 * flat)


def test_a_full_batch_step_reports_no_rows():
    X, y = mv.xor(20, seed=0)
    steps = []
    mv.train(mv.MLP([2, 4, 1], seed=0), X, y, lr=0.1, epochs=2, on_step=steps.append)
    assert [(s.iteration, s.rows, s.keep_masks[1]) for s in steps] == [(1, None, None),
                                                                      (2, None, None)]


def test_on_step_must_be_callable():
    X, y = mv.xor(20, seed=0)
    with pytest.raises(TypeError, match=r"^on_step must be callable, as on_step\(step\); got "
                                        r"int 3\.$"):
        mv.train(mv.MLP([2, 4, 1], seed=0), X, y, lr=0.1, epochs=1, on_step=3)


@pytest.mark.parametrize("masks, error, match", [
    (None, None, None),
    ("x", TypeError, r"^keep_masks must be a list with one entry per layer"),
    ([None, None], ValueError, r"^keep_masks needs one entry per layer, 3 for this MLP"),
    ([np.ones((4, 2), bool), None, None], ValueError, r"^keep_masks\[0\] must be None"),
    ([None, np.ones((4, 3), bool), None], ValueError,
     r"^keep_masks\[1\] must be a boolean array of shape \(4, 5\) \(True = kept\)"),
])
def test_keep_masks_are_checked(masks, error, match):
    net = mv.MLP([2, 5, 1], seed=0)
    X = np.ones((4, 2))
    if masks is None:
        with pytest.raises(ValueError, match=r"^keep_masks replays the masks of a pass with "
                                             r"dropout: give training=True"):
            net.forward_trace(X, keep_masks=[None, np.ones((4, 5), bool), None])
        return
    with pytest.raises(error, match=match):
        net.forward_trace(X, training=True, dropout=0.5, keep_masks=masks)
