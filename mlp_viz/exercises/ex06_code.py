"""Exercises of notebook 06 where you write the code: functions checked by running them."""

import copy

import numpy as np

from ..network import MLP
from ..optimizers import SGD
from ..training import train
from . import Case, Mistake, function_exercise


# ------------------------------------------------------ writing the SGD step yourself
def _sgd_expected(params, grads, lr):
    """mlp_viz's plain SGD step on each array: p <- p - lr g, on copies."""
    rule, new = SGD(), []
    for p, g in zip(params, grads):
        p = p.copy()
        rule.update(p, g.copy(), rule.new_state(g), lr)
        new.append(p)
    return new


def _params_and_grads(sizes, seed, scale=1.0):
    """A network's arrays [W[1], b[1], W[2], ...] and its gradients on a random batch."""
    rng = np.random.default_rng(seed)
    net = MLP(sizes, "tanh", seed=seed)
    X, Y = rng.normal(size=(6, sizes[0])), rng.normal(size=(6, sizes[-1]))
    _, grads = net.loss_and_gradients(X, Y)
    params = [a for W, b in zip(net.weights, net.biases) for a in (W, b)]
    return params, [scale * g for pair in grads for g in pair]


def _sgd_cases():
    def case(label, params, grads, lr):
        return Case(label, (params, grads, lr), _sgd_expected(params, grads, lr))

    two, three = _params_and_grads([2, 3, 1], 0), _params_and_grads([4, 5, 3, 2], 1)
    one, large = _params_and_grads([3, 2], 2), _params_and_grads([2, 4, 1], 3, scale=1e4)
    return [
        case("a 2-3-1 network's four arrays, lr 0.1", *two, 0.1),
        case("a 4-5-3-2 network's six arrays, lr 0.5", *three, 0.5),
        case("a single layer, lr 2", *one, 2.0),
        case("zero gradients, so nothing moves", two[0], [np.zeros_like(g) for g in two[1]],
             0.3),
        case("large gradients and a tiny learning rate", *large, 1e-3),
    ]


@function_exercise(
    "06.6", "one step of gradient descent", name="sgd_step", params=("params", "grads", "lr"),
    outputs=("params",),
    solution='''
def sgd_step(params, grads, lr):
    """One step of gradient descent, theta <- theta - lr * gradient, on every array.

    params: a list of arrays [W[1], b[1], W[2], b[2], ...]
    grads: the list of their gradients, the same shapes   lr: the learning rate
    ->   the new parameters, a new list of new arrays
    """
    # p - lr * g makes a new array: the caller's params stay as they were.
    return [p - lr * g for p, g in zip(params, grads)]

answer = sgd_step
''',
    mistakes=[
        Mistake("adding the gradient instead of subtracting it",
                lambda params, grads, lr: [p + lr * g for p, g in zip(params, grads)],
                "The gradient points uphill, the way the loss grows fastest; descent steps "
                "against it: p - lr * g."),
        Mistake("forgetting the learning rate",
                lambda params, grads, lr: [p - g for p, g in zip(params, grads)],
                "Each step is lr times the gradient: p - lr * g."),
        Mistake("multiplying by the learning rate twice",
                lambda params, grads, lr: [p - lr * lr * g for p, g in zip(params, grads)],
                "The learning rate enters once: p - lr * g. (If you scaled the gradients by lr "
                "first, do not scale the step again.)"),
        Mistake("returning the steps instead of the new parameters",
                lambda params, grads, lr: [-lr * g for g in grads],
                "Return where each array lands, p - lr * g, not only how far it moves."),
    ],
    hints=[
        "The notebook's rule is theta <- theta - eta * gradient, for every parameter. The "
        "parameters come as a list of arrays, and grads holds one gradient of the same shape "
        "for each.",
        "For each pair (p, g) of zip(params, grads), the new array is p - lr * g. Build a new "
        "list of them: writing p -= lr * g would change the caller's arrays.",
        "def sgd_step(params, grads, lr):\n"
        "    return [____ for p, g in zip(params, grads)]",
    ],
    explanation="mv.train makes exactly this step after every batch (with optimizer='sgd'); "
                "notebook 06 checked one of them with pg.at(k).")
def _():
    return _sgd_cases()


# ----------------------------------------------------- dealing the batches yourself
def _batches_of_train(n, batch_size, rng):
    """The rows of each batch of one epoch of mv.train, shuffled by (a copy of) `rng`."""
    rows = []
    net = MLP([1, 1], seed=0)
    train(net, np.zeros((n, 1)), np.zeros(n), lr=0.1, epochs=1, batch_size=batch_size,
          seed=copy.deepcopy(rng), on_step=lambda step: rows.append(np.array(step.rows)))
    return rows


def _batch_cases():
    def case(label, n, batch_size, seed):
        rng = np.random.default_rng(seed)
        return Case(label, (n, batch_size, rng), _batches_of_train(n, batch_size, rng))

    return [
        case("10 samples in batches of 4, a last batch of 2", 10, 4, 0),
        case("12 samples in batches of 3, nothing left over", 12, 3, 1),
        case("single samples, batches of 1", 7, 1, 2),
        case("5 samples in batches of 4, a last batch of one", 5, 4, 3),
        case("the notebook's 150 points in batches of 16", 150, 16, 4),
    ]


def _rows_in_order(n, batch_size, rng):
    return [np.arange(start, min(start + batch_size, n)) for start in range(0, n, batch_size)]


def _full_batches_only(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[i * batch_size:(i + 1) * batch_size] for i in range(n // batch_size)]


def _rows_with_replacement(n, batch_size, rng):
    # rng.choice(n, size=n) draws these same numbers
    order = rng.integers(0, n, size=n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


@function_exercise(
    "06.7", "shuffled mini-batches for one epoch", name="minibatches",
    params=("n", "batch_size", "rng"), outputs=("batches",),
    solution='''
def minibatches(n, batch_size, rng):
    """The rows of each mini-batch of one epoch, as mv.train deals them.

    n: the number of training samples   batch_size: from 1 to n - 1
    rng: a numpy.random.Generator
    ->   a list of index arrays: every row 0 .. n-1 once, in batches of batch_size,
         the last batch holding what is left over
    """
    order = rng.permutation(n)          # one shuffle per epoch, each row exactly once
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]

answer = minibatches
''',
    mistakes=[
        Mistake("not shuffling", _rows_in_order,
                "One epoch takes the rows in a new random order: order = rng.permutation(n), "
                "then cut order into batches. In a fixed order every epoch sees the same "
                "batches."),
        Mistake("dropping the last, smaller batch", _full_batches_only,
                "An epoch uses every sample once: when n is not a multiple of batch_size, the "
                "samples left over form one last, smaller batch (ceil(n / batch_size) batches "
                "in all)."),
        Mistake("shuffling again for every batch",
                lambda n, batch_size, rng: [rng.permutation(n)[start:start + batch_size]
                                            for start in range(0, n, batch_size)],
                "Shuffle once per epoch and cut that one order into batches: with a new "
                "permutation for each batch, a row can land in two batches of the epoch and "
                "another in none."),
        Mistake("drawing the rows with replacement", _rows_with_replacement,
                "rng.integers and rng.choice(n, size=n) may draw a row twice and miss another; "
                "an epoch needs every row exactly once: rng.permutation(n)."),
    ],
    hints=[
        "Shuffle once, then cut: put the row numbers 0 .. n-1 in a random order, each exactly "
        "once, and take them batch_size at a time. How many batches does an epoch have when n "
        "is not a multiple of batch_size?",
        "order = rng.permutation(n); batch k is order[k * batch_size:(k + 1) * batch_size], "
        "for k = 0, 1, ... up to ceil(n / batch_size) - 1; the last one is shorter when "
        "something is left over.",
        "def minibatches(n, batch_size, rng):\n"
        "    order = ____\n"
        "    return [order[start:____] for start in range(0, n, batch_size)]",
    ],
    explanation="With these batches, X[rows] and y[rows] for each rows in turn, one epoch of "
                "your loop feeds the network what an epoch of mv.train(..., seed=rng) does. "
                "(For batch_size = n, mv.train takes the data in order: shuffling cannot change "
                "a full batch's gradient.)")
def _():
    return _batch_cases()


# ---------------------------------------------------- writing the momentum step yourself
def _momentum_expected(w, g, v, lr, mu):
    """mlp_viz's SGD(momentum=mu) step on copies: (the new w, the new velocity)."""
    w, state = w.copy(), {"v": v.copy()}
    SGD(momentum=mu).update(w, g.copy(), state, lr)
    return w, state["v"]


def _momentum_cases():
    rng = np.random.default_rng(6)

    def case(label, w, g, v, lr, mu):
        return Case(label, (w, g, v, lr, mu), _momentum_expected(w, g, v, lr, mu))

    return [
        # v = 0 first: the other convention then gives the right w and only v differs.
        case("a first step, v = 0", rng.normal(size=(3, 4)), rng.normal(size=(3, 4)),
             np.zeros((3, 4)), 0.1, 0.9),
        case("a later step, v from the steps before", rng.normal(size=(2, 5)),
             rng.normal(size=(2, 5)), rng.normal(size=(2, 5)), 0.05, 0.9),
        case("a bias vector, mu 0.5", rng.normal(size=4), rng.normal(size=4),
             rng.normal(size=4), 0.3, 0.5),
        case("a zero gradient: the velocity alone moves w", rng.normal(size=(2, 2)),
             np.zeros((2, 2)), rng.normal(size=(2, 2)), 0.1, 0.9),
        case("large and negative values", -1e3 * rng.random((3, 2)), 1e4 * rng.normal(size=(3, 2)),
             -1e2 * rng.random((3, 2)), 1e-4, 0.99),
    ]


@function_exercise(
    "06.8", "one step of gradient descent with momentum", name="momentum_step",
    params=("w", "g", "v", "lr", "mu"), outputs=("w", "v"),
    solution='''
def momentum_step(w, g, v, lr, mu):
    """One step with momentum, as mv.SGD(momentum=mu) (and PyTorch) make it.

    w: a parameter array   g: its gradient, same shape   v: the velocity, same shape
    lr: the learning rate   mu: the momentum, in [0, 1)
    ->   (the new w, the new v)
    """
    v = mu * v + g        # the velocity: the gradients so far, each older one times mu more
    w = w - lr * v        # then the step along the velocity
    return w, v

answer = momentum_step
''',
    mistakes=[
        Mistake("using the other convention, v = mu * v - lr * g and w = w + v",
                lambda w, g, v, lr, mu: (w + (mu * v - lr * g), mu * v - lr * g),
                "That convention (CS231n's) makes the same steps as long as lr stays fixed, but "
                "its v is -lr times the course's. The course, mlp_viz and PyTorch keep the "
                "velocity as a sum of gradients: v = mu * v + g, then w = w - lr * v."),
        Mistake("returning the old velocity",
                lambda w, g, v, lr, mu: (w - lr * (mu * v + g), v),
                "Return the new velocity v = mu * v + g with the new w: the next step starts "
                "from it, and without it momentum is plain gradient descent."),
        Mistake("stepping with the old velocity, before updating it",
                lambda w, g, v, lr, mu: (w - lr * v, mu * v + g),
                "Update the velocity first, v = mu * v + g, then step along the new one: "
                "w = w - lr * v. The step must include this step's gradient."),
        Mistake("averaging, v = mu * v + (1 - mu) * g",
                lambda w, g, v, lr, mu: (w - lr * (mu * v + (1 - mu) * g),
                                         mu * v + (1 - mu) * g),
                "That is a running mean, like Adam's m (and another course's momentum); the "
                "course's momentum adds the whole gradient: v = mu * v + g."),
    ],
    hints=[
        "Two lines, in this order: first the new velocity from the old one and the gradient, "
        "then the step along the new velocity. Return both: the next step needs v.",
        "v = mu * v + g, then w = w - lr * v (notebook 06: v ← μ v + ∇L, θ ← θ − η v). Write "
        "them with new arrays, not with *= or +=, which would change the caller's v.",
        "def momentum_step(w, g, v, lr, mu):\n"
        "    v = ____\n"
        "    w = ____\n"
        "    return w, v",
    ],
    explanation="This is mv.SGD(momentum=mu)'s step, the one notebook 06's momentum runs take "
                "for every parameter; with v starting at 0, its first step is plain descent's.")
def _():
    return _momentum_cases()
