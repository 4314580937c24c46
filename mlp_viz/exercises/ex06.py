"""Exercises of notebook 06 (gradient descent)."""

import numpy as np

from ..datasets import two_valleys
from ..optimizers import SGD
from ..surfaces import parameter_surface, toy_surface
from ..training import iterations_per_epoch
from . import compare_array, compare_number, exercise
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
