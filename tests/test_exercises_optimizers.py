"""Exercise 06.5, two momentum steps on the toy bowl: the worked solution passes, each
likely slip gets its own hint, and other wrong answers are not accepted.

The points are worked out here in plain NumPy from the bowl's formula,
L = ½(α² + 10 β²) with gradient (α, 10 β), and the update rule as the
notebook states it (v ← μ v + ∇L, θ ← θ − η v), not taken from mlp_viz.
"""

import numpy as np
import pytest

import mlp_viz as mv
from mlp_viz import exercises

START, LR, MU = np.array([2.0, 1.0]), 0.05, 0.9


def gradient(point):
    return np.array([1.0, 10.0]) * point


def two_steps(velocity, *, sign=-1.0, stale=False):
    """Two steps from START; `velocity(v, g)` is the rule used to update v."""
    point, v = START.copy(), np.zeros(2)
    for _ in range(2):
        v = velocity(v, gradient(START if stale else point))
        point = point + sign * LR * v
    return point, v


RIGHT, RIGHT_VELOCITY = two_steps(lambda v, g: MU * v + g)

SLIPS = {
    "plain gradient descent": (two_steps(lambda v, g: g)[0], "forgot the velocity"),
    "one step only": (START - LR * gradient(START), "where the first step lands"),
    "the old gradient again": (two_steps(lambda v, g: MU * v + g, stale=True)[0],
                               "at the point where you stand after the first step"),
    "uphill": (two_steps(lambda v, g: MU * v + g, sign=1.0)[0], "You stepped uphill"),
    "lr in v and in the step": (two_steps(lambda v, g: MU * v + LR * g)[0],
                                "The learning rate enters once"),
    "a running mean": (two_steps(lambda v, g: MU * v + (1 - MU) * g)[0],
                       "SGD's momentum adds the whole gradient"),
    "the velocity": (RIGHT_VELOCITY, "That is the velocity after two steps"),
}


def test_the_right_point_worked_out_by_hand():
    # step 1: v = (2, 10), point (1.9, 0.5); step 2: v = 0.9 (2, 10) + (1.9, 5) = (3.7, 14)
    assert np.allclose(RIGHT, [1.715, -0.2])
    assert mv.check("06.5", RIGHT).correct
    assert mv.check("06.5", [1.715, -0.2]).correct


def test_the_worked_solution_passes():
    namespace = {"np": np, "mv": mv}
    exec(exercises.EXERCISES["06.5"].solution, namespace)
    feedback = mv.check("06.5", namespace["answer"])
    assert feedback.correct, str(feedback)
    assert str(feedback).startswith("✓ Correct (06.5): ")


def test_the_slips_are_all_different_from_the_answer_and_each_other():
    points = [RIGHT] + [point for point, _ in SLIPS.values()]
    for i, p in enumerate(points):
        for q in points[i + 1:]:
            assert not np.allclose(p, q, rtol=1e-2)


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_each_slip_gets_its_hint(slip):
    point, hint = SLIPS[slip]
    for answer in (point, np.round(point, 4)):  # as computed and as printed
        feedback = mv.check("06.5", answer)
        assert not feedback.correct, str(feedback)
        assert hint in feedback.message, str(feedback)


@pytest.mark.parametrize("answer", [[0.0, 0.0], RIGHT + 0.5, RIGHT * [1.0, -1.0]])
def test_a_wrong_answer_is_not_accepted(answer):
    feedback = mv.check("06.5", answer)
    assert not feedback.correct, str(feedback)
    assert "v ← μ v + ∇L" in feedback.message, str(feedback)
    for _, hint in SLIPS.values():
        assert hint not in feedback.message


def test_an_answer_of_the_wrong_shape_is_told_so():
    feedback = mv.check("06.5", 1.715)
    assert not feedback.correct
    assert "should be an array of shape (2,)" in feedback.message
