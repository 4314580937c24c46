"""The exercises on L2 regularisation (07.4) and gradient clipping (08.5).

Each slip is worked out here in plain NumPy from the question's settings, as a
learner would compute it, not taken from the checkers; the right answers too, so
that a checker computing the wrong thing fails.
"""

import numpy as np
import pytest

import mlp_viz as mv
from mlp_viz import exercises

# ---------------------------------------------------------------- 07.4's settings
# One layer, identity output, loss 1/2 (a - y)^2 on one sample; one SGD step.
W = np.array([0.5, -1.0])
B = 1.0
X = np.array([1.0, 2.0])
Y = 0.0
LR, LAM = 0.1, 0.2

DZ = W @ X + B - Y          # dL/dz = a - y for the identity output
DW, DB = DZ * X, DZ


def step(w, b, dw, db):
    return np.append(w - LR * dw, b - LR * db)


RIGHT_07 = step(W, B, DW + LAM * W, DB)                        # decay on the weights only
SLIPS_07 = [
    (step(W, B, DW + LAM * W, DB + LAM * B), "the bias is not decayed"),
    (step(W, B, DW, DB) - LAM * np.append(W, 0.0), "multiplied by the learning rate too"),
    (step(W, B, DW - LAM * W, DB), "sign"),
    (step(W, B, DW, DB), "no weight decay"),
    (np.append((1 - LR * LAM) * (W - LR * DW), B - LR * DB), "before the step"),
]

# ---------------------------------------------------------------- 08.5's settings
DW1 = np.array([[1.0, -2.0], [2.0, 0.0]])
DB1 = np.array([0.0, 1.0])
DW2 = np.array([[4.0, -2.0]])
DB2 = np.array([1.0])
CLIP = 4.0

LAYER_1 = np.sqrt(np.sum(DW1 ** 2) + np.sum(DB1 ** 2))
LAYER_2 = np.sqrt(np.sum(DW2 ** 2) + np.sum(DB2 ** 2))
TOTAL = np.sqrt(LAYER_1 ** 2 + LAYER_2 ** 2)
RIGHT_08 = DW1 * CLIP / (TOTAL + 1e-6)                        # torch.nn.utils.clip_grad_norm_
SLIPS_08 = [
    (DW1, "every layer is scaled by the same factor"),   # per layer: layer 1 is short
    (DW1 * CLIP / LAYER_1, "never makes a gradient longer"),    # per layer, and scaled up
    (DW1 * CLIP / np.sqrt(np.sum(DW1 ** 2)), "never makes a gradient longer"),
    (DW1 * CLIP / np.sqrt(np.sum(DW1 ** 2) + np.sum(DW2 ** 2)), "the biases' gradients"),
    (DW1 * CLIP / (LAYER_1 + LAYER_2), "not the sum of the layers' norms"),
    (DW1 * TOTAL / CLIP, "the factor is clip_norm / norm"),
]


def test_the_settings_make_the_slips_distinct():
    # Layer 1 alone is shorter than clip_norm and the whole gradient longer: that is what
    # tells clipping the whole gradient from clipping each layer.
    assert LAYER_1 < CLIP < TOTAL
    for slips, right in ((SLIPS_07, RIGHT_07), (SLIPS_08, RIGHT_08)):
        for value, _ in slips:
            assert not np.allclose(value, right, rtol=1e-3)


@pytest.mark.parametrize(("key", "right"), [("07.4", RIGHT_07), ("08.5", RIGHT_08)])
def test_the_worked_solution_and_the_right_answer_pass(key, right):
    exercises._load()
    namespace = {"np": np, "mv": mv}
    exec(exercises.EXERCISES[key].solution, namespace)
    np.testing.assert_allclose(namespace["answer"], right, rtol=1e-12)
    feedback = mv.check(key, namespace["answer"])
    assert feedback.correct, str(feedback)
    assert mv.check(key, right).correct


def test_forgetting_the_1e_6_is_right_too():
    # It only guards against dividing by 0: here it moves the factor in the 7th digit.
    assert mv.check("08.5", DW1 * CLIP / TOTAL).correct


@pytest.mark.parametrize(("key", "answer", "hint"),
                         [("07.4", *slip) for slip in SLIPS_07]
                         + [("08.5", *slip) for slip in SLIPS_08])
def test_each_slip_gets_its_hint(key, answer, hint):
    feedback = mv.check(key, answer)
    assert not feedback.correct, str(feedback)
    assert hint in feedback.message, str(feedback)


@pytest.mark.parametrize(("key", "wrong"), [
    ("07.4", RIGHT_07 + np.array([0.0, 0.3, 0.0])),
    ("07.4", np.array([0.5, -1.0, 1.0])),           # the parameters before the step
    ("08.5", RIGHT_08 * 1.3),
    ("08.5", np.zeros((2, 2))),
])
def test_a_wrong_answer_is_not_accepted(key, wrong):
    feedback = mv.check(key, wrong)
    assert not feedback.correct, str(feedback)
    assert len(feedback.message) > 10


def test_the_wrong_shape_is_named():
    assert "shape (3,)" in mv.check("07.4", np.array([[0.54, -0.88]])).message
    assert "shape (2, 2)" in mv.check("08.5", DW1.ravel()).message
