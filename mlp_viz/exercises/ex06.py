"""Exercises of notebook 06 (gradient descent)."""

import copy

import numpy as np

from ..datasets import two_valleys
from ..network import MLP
from ..optimizers import SGD
from ..surfaces import parameter_surface, toy_surface
from ..training import iterations_per_epoch, train
from . import Case, Mistake, compare_array, compare_number, exercise, function_exercise
from .counting import update_count_hint

# The settings each exercise states in the notebook; the expected answers are
# computed from them below, never written down.
_N, _B, _EPOCHS = 2500, 64, 12
_BOWL_START, _BOWL_LR = (2.0, 1.0), 0.15
_POINT = (-2.0, 0.0)
_DIAGONAL = np.array([1.0, 1.0])
_MOMENTUM_LR, _MU = 0.05, 0.9


def _valley_gradient():
    """The gradient of the two-valley network's loss at `_POINT`, by back-propagation."""
    ex = two_valleys()
    # The gradient does not depend on the grid, so a 2 x 2 grid is enough (and quick).
    surface = parameter_surface(ex.net, ex.X, ex.y, *ex.params, ranges=ex.ranges, resolution=2)
    return surface.gradient_at(*_POINT)


@exercise("06.1", "parameter updates in a training run", solution="""
# One epoch splits the 2500 samples into batches of 64: 2500 / 64 = 39.06..., rounded up,
# because the 4 samples left over form a last, smaller batch. One update per batch.
per_epoch = mv.iterations_per_epoch(2500, 64)     # the same as int(np.ceil(2500 / 64))
answer = per_epoch * 12
""")
def _(answer):
    per_epoch = iterations_per_epoch(_N, _B)
    expected = per_epoch * _EPOCHS
    c = compare_number(answer, expected, name="the number of updates", rounding=False)
    if c.correct:
        return c.right(f"each epoch takes ⌈{_N}/{_B}⌉ = {per_epoch} iterations (the last batch "
                       f"holds only {_N - (per_epoch - 1) * _B} samples), and every iteration "
                       f"updates the parameters once: {per_epoch} · {_EPOCHS} = {expected}.")
    if c.settled:
        return c.feedback()
    return c.hint(update_count_hint(c.value, _N, _B, _EPOCHS)
                  or "Count the batches in one epoch (the division N / B rounded up), then "
                     "multiply by the number of epochs.")


@exercise("06.2", "one gradient step on the toy bowl", solution="""
point = np.array([2.0, 1.0])
# L = (alpha^2 + 10 beta^2) / 2 has the gradient (alpha, 10 beta);
# mv.toy_surface("bowl").gradient_at(2.0, 1.0) gives the same.
gradient = np.array([point[0], 10 * point[1]])
answer = point - 0.15 * gradient                  # step against the gradient
""")
def _(answer):
    bowl = toy_surface("bowl", resolution=2)
    path = bowl.descend(_BOWL_START, lr=_BOWL_LR, steps=1)
    expected = np.array([path.alphas[-1], path.betas[-1]])
    start = np.array(_BOWL_START)
    grad = bowl.gradient_at(*_BOWL_START)
    c = compare_array(answer, expected, name="the new point")
    if c.correct:
        shown = f"({grad[0]:g}, {grad[1]:g})"
        return c.right(f"the gradient at (2, 1) is {shown}, so the step is −{_BOWL_LR} · "
                       f"{shown}. α shrinks by the factor 1 − {_BOWL_LR} = {1 - _BOWL_LR:g}, and "
                       f"β is multiplied by 1 − 10 · {_BOWL_LR} = {1 - 10 * _BOWL_LR:g}: it "
                       "overshoots the valley floor and lands on the other side, a bounce, "
                       "though a shrinking one, since the learning rate is below 2/10.")
    if c.settled:
        return c.feedback()
    if c.near(start + _BOWL_LR * grad):
        return c.hint("You stepped uphill: gradient descent subtracts the step, "
                      "new = old − η ∇L.")
    if c.near(start - _BOWL_LR * start):
        return c.hint("The β entry of the gradient is 10 β, not β: the bowl is ten times "
                      "steeper across β.")
    if c.near(grad):
        return c.hint("That is the gradient at the start, not the point after the step.")
    if c.near(_BOWL_LR * grad) or c.near(-_BOWL_LR * grad):
        return c.hint("That is the step itself; add it to the starting point.")
    return c.hint("The gradient of ½(α² + 10β²) is (α, 10β); subtract 0.15 times it from "
                  "(2, 1).")


@exercise("06.3", "the gradient's length at a point", solution="""
ex = mv.two_valleys()
surface = mv.parameter_surface(ex.net, ex.X, ex.y, *ex.params, ranges=ex.ranges)
g = surface.gradient_at(-2.0, 0.0)                # (dL/dalpha, dL/dbeta)
answer = float(np.linalg.norm(g))                 # sqrt(g[0]**2 + g[1]**2)
""")
def _(answer):
    grad = _valley_gradient()
    expected = float(np.linalg.norm(grad))
    c = compare_number(answer, expected, name="the gradient's length")
    if c.correct:
        return c.right(f"the gradient at (−2, 0) is ({grad[0]:.4f}, {grad[1]:.4f}), and its "
                       f"length √(g₁² + g₂²) = {expected:.4f} is the steepest slope of the loss "
                       "there: no direction rises faster.")
    if c.settled:
        return c.feedback()
    if c.near(float(grad @ grad)):
        return c.hint("That is the squared length; take its square root.")
    if c.near(float(np.sum(grad))) or c.near(float(np.sum(np.abs(grad)))):
        return c.hint("The length of a vector is not the sum of its entries: it is "
                      "√(g₁² + g₂²) (np.linalg.norm).")
    if c.value < 0:
        return c.hint("A length is never negative.")
    return c.hint("Ask the surface for the gradient at (-2.0, 0.0) with gradient_at, then take "
                  "its length with np.linalg.norm.")


@exercise("06.4", "the slope along a diagonal", solution="""
ex = mv.two_valleys()
surface = mv.parameter_surface(ex.net, ex.X, ex.y, *ex.params, ranges=ex.ranges)
g = surface.gradient_at(-2.0, 0.0)
u = np.array([1.0, 1.0]) / np.sqrt(2)              # a unit vector: length 1
answer = float(g @ u)                              # D_u L = grad . u
# Check with finite differences: (L(p + h u) - L(p - h u)) / (2 h) gives the same.
""")
def _(answer):
    grad = _valley_gradient()
    u = _DIAGONAL / np.linalg.norm(_DIAGONAL)
    expected = float(grad @ u)
    length = float(np.linalg.norm(grad))
    c = compare_number(answer, expected, name="the slope along u")
    trend = "rises" if expected > 0 else "falls"
    if c.correct:
        angle = np.degrees(np.arccos(expected / length))
        return c.right(f"∇L · u = {expected:.4f}: along u the loss {trend}. The diagonal is "
                       f"{angle:.1f} degrees away from the gradient, so the slope is the "
                       f"gradient's length, {length:.4f}, times cos({angle:.1f}°), smaller in "
                       "size than the steepest slope.")
    if c.settled:
        return c.feedback()
    if c.near(float(grad @ _DIAGONAL)):
        return c.hint("The direction must have length 1: divide (1, 1) by √2 first, or the "
                      "slope comes out √2 times too large.")
    if c.near(length):
        return c.hint("That is the slope along the gradient itself, the steepest one; the "
                      "diagonal is a different direction.")
    if c.near(-expected):
        return c.hint(f"Check the sign: moving along +u, with both weights growing, the loss "
                      f"{trend} here.")
    return c.hint("The slope along a unit vector u is the dot product ∇L · u, with "
                  "u = (1, 1)/√2.")


def _momentum_slip(*, weight=1.0, lr_in_velocity=False, stale=False, uphill=False):
    """Two momentum steps of 06.5 from `_BOWL_START`, made with one of the likely slips.

    Parameters
    ----------
    weight : float
        What multiplies the gradient in the velocity (``1 - mu`` for a running mean).
    lr_in_velocity : bool
        Multiply the gradient by the learning rate in the velocity as well as in the step.
    stale : bool
        Use the gradient at the start for both steps.
    uphill : bool
        Add the step instead of subtracting it.

    Returns
    -------
    ndarray, shape (2,)
        Where the two steps land.
    """
    bowl = toy_surface("bowl", resolution=2)
    point, v = np.array(_BOWL_START), np.zeros(2)
    first_gradient = bowl.gradient_at(*point)
    for _ in range(2):
        g = first_gradient if stale else bowl.gradient_at(*point)
        v = _MU * v + weight * (_MOMENTUM_LR if lr_in_velocity else 1.0) * g
        point = point + (1.0 if uphill else -1.0) * _MOMENTUM_LR * v
    return point


@exercise("06.5", "two steps with momentum on the toy bowl", solution="""
lr, mu = 0.05, 0.9
point, v = np.array([2.0, 1.0]), np.zeros(2)      # the velocity starts at 0
for _ in range(2):
    gradient = np.array([point[0], 10 * point[1]]) # the gradient of ½(α² + 10β²), where we are
    v = mu * v + gradient                          # v ← μ v + ∇L
    point = point - lr * v                         # θ ← θ − η v
answer = point
# The same with mlp_viz:
# mv.toy_surface("bowl").descend((2.0, 1.0), lr=0.05, steps=2, optimizer=mv.SGD(momentum=0.9))
""")
def _(answer):
    bowl = toy_surface("bowl", resolution=2)
    path = bowl.descend(_BOWL_START, lr=_MOMENTUM_LR, steps=2, optimizer=SGD(momentum=_MU))
    expected = np.array([path.alphas[-1], path.betas[-1]])
    first = np.array([path.alphas[1], path.betas[1]])
    plain = bowl.descend(_BOWL_START, lr=_MOMENTUM_LR, steps=2)
    plain_end = np.array([plain.alphas[-1], plain.betas[-1]])
    g0, g1 = bowl.gradient_at(*_BOWL_START), bowl.gradient_at(*first)
    velocity = _MU * g0 + g1
    c = compare_array(answer, expected, name="the point after two steps")
    if c.correct:
        return c.right(
            f"the velocity starts at 0, so the first step is plain descent's: v = ∇L = "
            f"({g0[0]:g}, {g0[1]:g}) and θ = ({first[0]:g}, {first[1]:g}). The second adds the "
            f"new gradient ({g1[0]:g}, {g1[1]:g}) to {_MU} v: v = ({velocity[0]:g}, "
            f"{velocity[1]:g}), θ = ({expected[0]:g}, {expected[1]:g}). Plain descent would be at "
            f"({plain_end[0]:g}, {plain_end[1]:g}): along α, where the two gradients agree, "
            "momentum went further; along β it has already crossed the floor, carried by the "
            "first gradient. (Written v ← μ v − η ∇L, θ ← θ + v, the rule gives the same points.)")
    if c.settled:
        return c.feedback()
    if c.near(plain_end):
        return c.hint("That is plain gradient descent: you forgot the velocity. At the second "
                      "step v is μ times the first step's v plus the new gradient.")
    if c.near(first):
        return c.hint("That is where the first step lands (the same as plain descent's, as v "
                      "starts at 0); take the second step from there.")
    if c.near(_momentum_slip(stale=True)):
        return c.hint("The second gradient is taken at the point where you stand after the first "
                      "step, not at the start.")
    if c.near(_momentum_slip(uphill=True)):
        return c.hint("You stepped uphill: θ ← θ − η v (or, with v ← μ v − η ∇L, θ ← θ + v).")
    if c.near(_momentum_slip(lr_in_velocity=True)):
        return c.hint("The learning rate enters once: v ← μ v + ∇L and θ ← θ − η v (or "
                      "v ← μ v − η ∇L and θ ← θ + v), not in both.")
    if c.near(_momentum_slip(weight=1 - _MU)):
        return c.hint("That is v ← μ v + (1 − μ) ∇L, a running mean like Adam's m; SGD's "
                      "momentum adds the whole gradient: v ← μ v + ∇L.")
    if c.near(velocity):
        return c.hint("That is the velocity after two steps; the point moves by −η v at each "
                      "step.")
    return c.hint("Start with v = 0 at (2, 1). At each step: the gradient (α, 10β) where you "
                  "stand, then v ← μ v + ∇L, then θ ← θ − η v, with η = 0.05 and μ = 0.9.")


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
