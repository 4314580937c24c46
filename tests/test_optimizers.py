"""Optimisers, weight decay and clipping, against their published equations.

The reference below is written from the update rules as published (and as
``torch.optim`` documents them), in plain NumPy on the flat parameter vector,
with the gradients of ``net.loss_and_gradients``; it shares no code with
mlp_viz.optimizers. mlp_viz must take the same steps.
"""

import math
import warnings

import numpy as np
import pytest

import mlp_viz as mv

LR, EPOCHS, BATCH, SEED = 0.05, 3, 10, 7


def flat(grads):
    return np.concatenate([p.ravel() for pair in grads for p in pair])


def weight_mask(net):
    """1 at the entries of the flat vector that are weights, 0 at the biases."""
    return np.concatenate([np.r_[np.ones(W.size), np.zeros(b.size)]
                           for W, b in zip(net.weights, net.biases)])


class Reference:
    """One optimiser's rule, from the published equations, on flat vectors."""

    def __init__(self, kind, n, **settings):
        self.kind, self.s, self.t = kind, settings, 0
        self.buf, self.m, self.v = np.zeros(n), np.zeros(n), np.zeros(n)

    def step(self, theta, g, lr):
        self.t += 1
        s = self.s
        if self.kind == "sgd":
            mu = s.get("momentum", 0.0)
            if not mu:
                return theta - lr * g
            self.buf = mu * self.buf + g  # b_t = mu b_{t-1} + g_t, b_0 = 0
            d = g + mu * self.buf if s.get("nesterov") else self.buf
            return theta - lr * d
        if self.kind == "adam":
            b1, b2 = s.get("betas", (0.9, 0.999))
            self.m = b1 * self.m + (1 - b1) * g
            self.v = b2 * self.v + (1 - b2) * g ** 2
            m_hat = self.m / (1 - b1 ** self.t)
            v_hat = self.v / (1 - b2 ** self.t)
            return theta - lr * m_hat / (np.sqrt(v_hat) + s.get("eps", 1e-8))
        alpha = s.get("alpha", 0.99)  # rmsprop
        self.v = alpha * self.v + (1 - alpha) * g ** 2
        return theta - lr * g / (np.sqrt(self.v) + s.get("eps", 1e-8))


def reference_run(net, X, y, kind, settings, weight_decay=0.0, clip_norm=None):
    """Train a copy of `net` step by step; return it, the batch losses and the clip factors."""
    net = net.copy()
    ref = Reference(kind, net.n_params, **settings)
    is_weight = weight_mask(net)
    gen = np.random.default_rng(SEED)
    losses, factors = [], []
    for _ in range(EPOCHS):
        order = gen.permutation(len(X))
        for i in range(0, len(X), BATCH):
            rows = order[i:i + BATCH]
            value, grads = net.loss_and_gradients(X[rows], y[rows])
            g = flat(grads)
            factor = 1.0
            if clip_norm is not None:  # torch.nn.utils.clip_grad_norm_
                factor = min(1.0, clip_norm / (np.sqrt(np.sum(g ** 2)) + 1e-6))
                g = g * factor
            theta = net.get_flat_params()
            g = g + weight_decay * is_weight * theta  # L2 on the weights only
            net.set_flat_params(ref.step(theta, g, LR))
            losses.append(value)
            factors.append(factor)
    return net, np.array(losses), np.array(factors)


CASES = [
    ("sgd", {}, "sgd"),
    ("sgd", dict(momentum=0.9), mv.SGD(momentum=0.9)),
    ("sgd", dict(momentum=0.8, nesterov=True), mv.SGD(momentum=0.8, nesterov=True)),
    ("adam", {}, "adam"),
    ("adam", dict(betas=(0.5, 0.9), eps=1e-3), mv.Adam(betas=(0.5, 0.9), eps=1e-3)),
    ("rmsprop", {}, "rmsprop"),
    ("rmsprop", dict(alpha=0.9, eps=1e-4), mv.RMSprop(alpha=0.9, eps=1e-4)),
]
OPTIONS = [dict(), dict(weight_decay=0.01), dict(clip_norm=0.5),
           dict(weight_decay=0.01, clip_norm=0.5)]


@pytest.fixture(scope="module")
def problem():
    X, y = mv.moons(46, noise=0.2, seed=0)  # batches of 10, 10, 10, 10 and 6
    return mv.MLP([2, 6, 5, 1], "tanh", seed=3), X, y.reshape(-1, 1).astype(float)


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: "-".join(o) or "plain")
@pytest.mark.parametrize("kind, settings, optimizer", CASES,
                         ids=[f"{k}-{'-'.join(s) or 'defaults'}" for k, s, _ in CASES])
def test_each_optimiser_takes_the_published_steps(problem, kind, settings, optimizer, options):
    net, X, y = problem
    expected, losses, factors = reference_run(net, X, y, kind, settings, **options)
    trained = net.copy()
    h = mv.train(trained, X, y, lr=LR, epochs=EPOCHS, batch_size=BATCH, seed=SEED,
                 optimizer=optimizer, **options)
    np.testing.assert_allclose(h.iteration_loss, losses, rtol=1e-10)
    np.testing.assert_allclose(trained.get_flat_params(), expected.get_flat_params(),
                               rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(h.clip_factors, factors, rtol=1e-12)
    if "clip_norm" in options:  # the clip really acted on some steps, and not on others
        assert (factors < 1).any() and (factors == 1).any()


def test_the_momentum_shorthand_is_sgd_with_momentum(problem):
    net, X, y = problem
    a, b = net.copy(), net.copy()
    mv.train(a, X, y, lr=LR, epochs=2, batch_size=BATCH, seed=1, momentum=0.9)
    h = mv.train(b, X, y, lr=LR, epochs=2, batch_size=BATCH, seed=1,
                 optimizer=mv.SGD(momentum=0.9))
    np.testing.assert_array_equal(a.get_flat_params(), b.get_flat_params())
    assert h.settings["optimizer"] == mv.SGD(momentum=0.9) and h.settings["momentum"] == 0.9


def test_an_optimiser_object_keeps_no_state_between_runs(problem):
    # Adam's moments live in the run, not in the object: a second run with the same
    # object is the first run again.
    net, X, y = problem
    adam = mv.Adam()
    first, second = net.copy(), net.copy()
    mv.train(first, X, y, lr=LR, epochs=2, batch_size=BATCH, seed=1, optimizer=adam)
    mv.train(second, X, y, lr=LR, epochs=2, batch_size=BATCH, seed=1, optimizer=adam)
    np.testing.assert_array_equal(first.get_flat_params(), second.get_flat_params())


def test_adams_first_step_moves_every_parameter_by_about_lr(problem):
    # m_hat / sqrt(v_hat) = g / |g| at t = 1: each parameter moves by lr (up to eps),
    # whatever the size of its own gradient.
    net, X, y = problem
    trained = net.copy()
    mv.train(trained, X, y, lr=0.01, epochs=1, optimizer="adam")
    _, grads = net.loss_and_gradients(X, y)
    g = flat(grads)
    step = trained.get_flat_params() - net.get_flat_params()
    moving = np.abs(g) > 1e-2  # eps / |g| < 1e-6
    np.testing.assert_allclose(step[moving], -0.01 * np.sign(g[moving]), rtol=1e-5)


def test_the_history_records_the_norms_before_and_after_clipping(problem):
    net, X, y = problem
    trained = net.copy()
    h = mv.train(trained, X, y, lr=LR, epochs=1, clip_norm=0.05)
    _, grads = net.loss_and_gradients(X, y)
    total = np.linalg.norm(flat(grads))
    assert total > 0.05  # so the first (full-batch) step is clipped
    np.testing.assert_allclose(h.total_grad_norms, [total], rtol=1e-12)
    np.testing.assert_allclose(h.grad_norms[0], [np.linalg.norm(dW) for dW, _ in grads],
                               rtol=1e-12)
    np.testing.assert_allclose(h.clip_factors, [0.05 / (total + 1e-6)], rtol=1e-12)
    np.testing.assert_allclose(h.clipped_grad_norms[0],
                               [np.linalg.norm(dW) * 0.05 / (total + 1e-6) for dW, _ in grads],
                               rtol=1e-12)
    # the clipped whole gradient has norm clip_norm (up to the 1e-6): the step's length / lr
    step = trained.get_flat_params() - net.get_flat_params()
    assert np.linalg.norm(step) / LR == pytest.approx(0.05, rel=1e-4)


def test_without_clipping_the_factors_are_one_and_the_norms_unchanged(problem):
    net, X, y = problem
    h = mv.train(net.copy(), X, y, lr=LR, epochs=2, batch_size=BATCH)
    np.testing.assert_array_equal(h.clip_factors, np.ones(h.n_iterations))
    np.testing.assert_array_equal(h.clipped_grad_norms, h.grad_norms)


def test_weight_decay_pulls_weights_but_not_biases_towards_zero():
    # With a zero gradient (targets equal to the outputs of a network that is exactly
    # linear), one SGD step of weight decay is W <- (1 - lr wd) W; biases stay put.
    net = mv.MLP.from_weights([[[2.0, -1.0]]], [[0.5]], output_activation="identity")
    X = np.array([[1.0, 2.0], [0.0, 1.0]])
    y = net.forward(X)
    mv.train(net, X, y, lr=0.1, epochs=1, weight_decay=0.5)
    np.testing.assert_allclose(net.weights[0], [[2.0 * 0.95, -1.0 * 0.95]], rtol=1e-15)
    np.testing.assert_array_equal(net.biases[0], [0.5])


def test_a_blown_up_adam_run_still_stops_and_says_so():
    X, y = mv.regression_1d(40, seed=0)
    net = mv.MLP([1, 16, 16, 1], "relu", seed=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        h = mv.train(net, X, y * 1e4, lr=1e3, epochs=30, optimizer="rmsprop")
    assert h.diverged is not None
    assert [w.category for w in caught] == [mv.DivergenceWarning]
    assert np.isfinite(net.get_flat_params()).all()


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(optimizer="adagrad"), ValueError,
     r"^unknown optimizer 'adagrad'; valid names are: sgd, adam, rmsprop \(or an object such as "
     r"mlp_viz\.Adam\(betas=\(0\.9, 0\.999\)\)\)\.$"),
    (dict(optimizer=3), TypeError,
     r"^optimizer must be a name \('sgd', 'adam', 'rmsprop'\) or an optimiser object such as "
     r"mlp_viz\.SGD\(momentum=0\.9\); got a number\.$"),
    (dict(optimizer=mv.Adam), TypeError,
     r"^optimizer must be an optimiser object or a name; got the class Adam\. Make one: "
     r"optimizer=Adam\(\)\.$"),
    (dict(weight_decay=-0.1), ValueError,
     r"^weight_decay must be finite and >= 0; got -0\.1\. It is the L2 strength lambda; 0 turns "
     r"it off, 1e-4 is a usual value\.$"),
    (dict(clip_norm=-1), ValueError,
     r"^clip_norm must be finite and > 0; got -1\.0\. It is the largest gradient norm let "
     r"through; use None for no clipping\.$"),
    (dict(clip_norm=0), ValueError, r"^clip_norm must be finite and > 0; got 0\.0\."),
    (dict(clip_norm="1"), TypeError, r"^clip_norm must be a number; got str '1'\.$"),
    (dict(momentum=0.9, optimizer="adam"), ValueError,
     r"^momentum=0\.9 is a setting of SGD, but optimizer='adam' was given too\. Give the "
     r"momentum inside the optimiser, e\.g\. optimizer=mlp_viz\.SGD\(momentum=0\.9\), and leave "
     r"momentum out\.$"),
])
def test_train_refuses_bad_optimiser_settings(problem, kwargs, error, match):
    net, X, y = problem
    with pytest.raises(error, match=match):
        mv.train(net.copy(), X, y, lr=0.1, epochs=1, **kwargs)


@pytest.mark.parametrize("make, error, match", [
    (lambda: mv.Adam(betas=(1.0, 0.999)), ValueError,
     r"^betas\[0\] must be finite and >= 0 and < 1; got 1\.0\. Each beta is a forgetting "
     r"factor, such as 0\.9 or 0\.999\.$"),
    (lambda: mv.Adam(betas=(0.9, -0.1)), ValueError,
     r"^betas\[1\] must be finite and >= 0 and < 1; got -0\.1\."),
    (lambda: mv.Adam(betas=0.9), TypeError,
     r"^betas must be a pair \(beta1, beta2\), e\.g\. \(0\.9, 0\.999\); got float 0\.9\.$"),
    (lambda: mv.Adam(eps=0), ValueError,
     r"^eps must be finite and > 0; got 0\.0\. It only keeps a division finite; the usual "
     r"value is 1e-8\.$"),
    (lambda: mv.RMSprop(eps=-1e-8), ValueError, r"^eps must be finite and > 0; got -1e-08\."),
    (lambda: mv.RMSprop(alpha=1), ValueError,
     r"^alpha must be finite and >= 0 and < 1; got 1\.0\. It is a forgetting factor, such as "
     r"0\.99\.$"),
    (lambda: mv.SGD(momentum=1.5), ValueError,
     r"^momentum must be finite and >= 0 and < 1; got 1\.5\.$"),
    (lambda: mv.SGD(nesterov=True), ValueError,
     r"^Nesterov momentum needs a momentum > 0; got momentum=0\. Use SGD\(momentum=0\.9, "
     r"nesterov=True\), or nesterov=False\.$"),
    (lambda: mv.SGD(momentum=0.9, nesterov="yes"), TypeError,
     r"^nesterov must be True or False; got str 'yes'\.$"),
])
def test_optimisers_refuse_bad_settings(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_optimiser_names_and_objects():
    assert list(mv.OPTIMIZERS) == ["sgd", "adam", "rmsprop"]
    assert mv.get_optimizer("Adam") == mv.Adam()
    sgd = mv.SGD(momentum=0.5)
    assert mv.get_optimizer(sgd) is sgd
    assert math.isclose(mv.RMSprop().alpha, 0.99)


@pytest.mark.parametrize("kind, settings, optimizer", CASES[:4] + CASES[5:6],
                         ids=[k + "-" + ("-".join(s) or "defaults")
                              for k, s, _ in CASES[:4] + CASES[5:6]])
def test_descent_on_the_toy_bowl_follows_the_same_rules(kind, settings, optimizer):
    # L = (alpha^2 + 10 beta^2) / 2 has the gradient (alpha, 10 beta): the reference needs
    # no network at all.
    ref, point = Reference(kind, 2, **settings), np.array([-2.5, 1.5])
    expected = [point]
    for _ in range(30):
        point = ref.step(point, point * [1.0, 10.0], 0.05)
        expected.append(point)
    path = mv.toy_surface("bowl").descend((-2.5, 1.5), lr=0.05, steps=30, optimizer=optimizer)
    np.testing.assert_allclose(np.column_stack([path.alphas, path.betas]), expected,
                               rtol=1e-12, atol=1e-15)


def test_descent_refuses_an_unknown_optimiser():
    with pytest.raises(ValueError, match=r"^unknown optimizer 'nope'; valid names are: sgd, "):
        mv.toy_surface("bowl").descend((1, 1), lr=0.1, steps=2, optimizer="nope")


@pytest.mark.parametrize("optimizer, label", [
    (mv.SGD(), "SGD"), (mv.SGD(momentum=0.9), "SGD, momentum 0.9"),
    (mv.SGD(momentum=0.5, nesterov=True), "SGD, Nesterov momentum 0.5"), (mv.Adam(), "Adam"),
    (mv.Adam(betas=(0.5, 0.9)), "Adam, betas (0.5, 0.9)"),
    (mv.RMSprop(eps=1e-4), "RMSprop, eps 0.0001"),
])
def test_an_optimiser_says_what_it_is(optimizer, label):
    assert optimizer.label == label


def test_the_loss_plot_names_the_optimiser_decay_and_clipping(problem):
    import matplotlib.pyplot as plt

    net, X, y = problem
    h = mv.train(net.copy(), X, y, lr=0.1, epochs=2, optimizer=mv.SGD(momentum=0.9),
                 weight_decay=1e-3, clip_norm=0.5)
    assert mv.plot_history(h).get_title() == ("Loss per epoch (lr = 0.1, batch = full, SGD, "
                                              "momentum 0.9, weight decay 0.001, clip 0.5)")
    plain = mv.train(net.copy(), X, y, lr=0.1, epochs=2)
    assert mv.plot_history(plain).get_title() == "Loss per epoch (lr = 0.1, batch = full)"
    plt.close("all")
