"""Exercises of notebook 02 (activation functions)."""

import numpy as np

from ..activations import get_activation, softmax
from . import compare_array, compare_number, exercise

# The inputs each exercise states in the notebook; the expected answers are
# computed from them below, never written down.
RELU_Z = np.array([-1.5, 0.0, 2.0, -0.2, 3.1])
SIGMOID_Z = 1.0   # not a z of the notebook's sigmoid table, which prints its slope
SOFTMAX_Z = np.array([2.0, 0.5, -1.0])
COLLAPSE_W1 = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]])
COLLAPSE_W2 = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])


@exercise("02.1", "ReLU of a vector", solution="""
z = np.array([-1.5, 0.0, 2.0, -0.2, 3.1])
# ReLU keeps positive entries and turns everything else into 0.
answer = np.maximum(z, 0)
""")
def _(answer):
    expected = get_activation("relu")(RELU_Z)
    c = compare_array(answer, expected, name="ReLU(z)")
    if c.correct:
        return c.right("ReLU keeps the positive entries and sets the others to 0.")
    if c.settled:
        return c.feedback()
    if np.any(c.value < 0):
        return c.hint("ReLU never outputs a negative number.")
    if c.near(np.abs(RELU_Z)):
        return c.hint("ReLU does not flip the sign of a negative z: it sets it to 0.")
    return c.hint("ReLU(z) = max(0, z), entry by entry.")


@exercise("02.2", "the sigmoid's slope at a point", solution="""
z = 1.0
s = 1 / (1 + np.exp(-z))   # sigmoid(1)
answer = s * (1 - s)       # sigmoid'(z) = sigmoid(z) (1 - sigmoid(z))
""")
def _(answer):
    sigmoid = get_activation("sigmoid")
    expected = float(sigmoid.derivative(SIGMOID_Z))
    at = f"({SIGMOID_Z:g})"
    c = compare_number(answer, expected, name=f"σ'{at}")
    if c.correct:
        return c.right(f"σ{at} = {float(sigmoid(SIGMOID_Z)):.4f}, so σ'{at} = σ{at} (1 − σ{at}) "
                       f"= {expected:.4f}: already below the sigmoid's largest slope, 0.25 at "
                       "z = 0, and the table above shows how fast it falls further out.")
    if c.settled:
        return c.feedback()
    if c.near(float(sigmoid(SIGMOID_Z))):
        return c.hint(f"That is σ{at} itself, the value, not the slope.")
    if c.value > 0.25:
        return c.hint("The sigmoid's slope is never larger than 0.25.")
    return c.hint(f"Compute s = σ{at} first, then the slope is s (1 − s).")


@exercise("02.3", "softmax of a score vector", solution="""
z = np.array([2.0, 0.5, -1.0])
e = np.exp(z)              # make every score positive
answer = e / e.sum()       # then divide by the total, so they sum to 1
""")
def _(answer):
    expected = softmax(SOFTMAX_Z)
    c = compare_array(answer, expected, name="softmax(z)", rtol=1e-5)
    if c.correct:
        return c.right("three positive probabilities that sum to 1, largest for the largest "
                       "score.")
    if c.settled:
        return c.feedback()
    # Entries rounded to 4 digits may sum to 1 ± a few 1e-4: that is not the slip meant here.
    if not np.isclose(c.value.sum(), 1.0, rtol=0.0, atol=1e-3):
        return c.hint(f"Your entries sum to {c.value.sum():.4g}, not to 1.")
    if c.near(SOFTMAX_Z / SOFTMAX_Z.sum()):
        return c.hint("Exponentiate the scores before dividing by the total.")
    return c.hint("softmax(z)_k = exp(z_k) / (exp(z_1) + exp(z_2) + exp(z_3)).")


@exercise("02.4", "collapse two linear layers into one", solution="""
W1 = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]])   # layer 1: 2 inputs -> 3 neurons
W2 = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])     # layer 2: 3 neurons -> 2 outputs
# W2 (W1 x) = (W2 W1) x: the layer that acts first stands on the right.
answer = W2 @ W1
""")
def _(answer):
    expected = COLLAPSE_W2 @ COLLAPSE_W1
    c = compare_array(answer, expected, name="W")
    if c.verdict == "shape" and c.value.shape == (3, 3):
        return False, ("W has shape (3, 3), but it should have shape (2, 2): the network maps 2 "
                       "inputs to 2 outputs. Did you multiply W1 @ W2? The layer that acts first "
                       "stands on the right.")
    if c.correct:
        return c.right("W2 (W1 x) = (W2 W1) x, so one 2×2 matrix does the work of both layers: "
                       "without an activation, the hidden layer adds nothing.")
    if c.settled:
        return c.feedback()
    if c.near(expected.T):
        return c.hint("That is the transpose of W: compute W2 @ W1, not W1.T @ W2.T.")
    return c.hint("Apply W1 first, then W2: the single matrix is their product W2 W1.")
