"""Exercises of notebook 02 (activation functions)."""

import numpy as np

from ..activations import get_activation, softmax
from . import compare_array, compare_number, exercise

# The inputs each exercise states in the notebook; the expected answers are
# computed from them below, never written down.
RELU_Z = np.array([-1.5, 0.0, 2.0, -0.2, 3.1])
SIGMOID_Z = 2.0
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
    ok, message = compare_array(answer, expected, name="ReLU(z)")
    if ok:
        return True, "ReLU keeps the positive entries and sets the others to 0."
    got = np.asarray(answer, dtype=float)
    if got.shape == expected.shape:
        if np.any(got < 0):
            return False, message + " ReLU never outputs a negative number."
        if np.allclose(got, np.abs(RELU_Z)):
            return False, message + " ReLU does not flip the sign of a negative z: it sets it to 0."
    return False, message + " ReLU(z) = max(0, z), entry by entry."


@exercise("02.2", "the sigmoid's slope at a point", solution="""
z = 2.0
s = 1 / (1 + np.exp(-z))   # sigmoid(2)
answer = s * (1 - s)       # sigmoid'(z) = sigmoid(z) (1 - sigmoid(z))
""")
def _(answer):
    sigmoid = get_activation("sigmoid")
    expected = float(sigmoid.derivative(SIGMOID_Z))
    ok, message = compare_number(answer, expected, name="σ'(2)")
    if ok:
        return True, (f"σ(2) = {float(sigmoid(SIGMOID_Z)):.4f}, so σ'(2) = σ(2) (1 − σ(2)) = "
                      f"{expected:.4f}: already well below the sigmoid's largest slope, 0.25.")
    if not message.startswith("σ'(2) is "):
        return False, message
    got = float(answer)
    if np.isclose(got, float(sigmoid(SIGMOID_Z))):
        return False, message + " That is σ(2) itself, the value, not the slope."
    if got > 0.25:
        return False, message + " The sigmoid's slope is never larger than 0.25."
    return False, message + " Compute s = σ(2) first, then the slope is s (1 − s)."


@exercise("02.3", "softmax of a score vector", solution="""
z = np.array([2.0, 0.5, -1.0])
e = np.exp(z)              # make every score positive
answer = e / e.sum()       # then divide by the total, so they sum to 1
""")
def _(answer):
    expected = softmax(SOFTMAX_Z)
    ok, message = compare_array(answer, expected, name="softmax(z)", rtol=1e-5)
    if ok:
        return True, ("three positive probabilities that sum to 1, largest for the largest "
                      "score.")
    got = np.asarray(answer, dtype=float)
    if got.shape == expected.shape:
        if not np.isclose(got.sum(), 1.0, rtol=1e-5):
            return False, message + f" Your entries sum to {got.sum():.4g}, not to 1."
        if np.allclose(got, SOFTMAX_Z / SOFTMAX_Z.sum()):
            return False, message + " Exponentiate the scores before dividing by the total."
    return False, message + " softmax(z)_k = exp(z_k) / (exp(z_1) + exp(z_2) + exp(z_3))."


@exercise("02.4", "collapse two linear layers into one", solution="""
W1 = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]])   # layer 1: 2 inputs -> 3 neurons
W2 = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])     # layer 2: 3 neurons -> 2 outputs
# W2 (W1 x) = (W2 W1) x: the layer that acts first stands on the right.
answer = W2 @ W1
""")
def _(answer):
    expected = COLLAPSE_W2 @ COLLAPSE_W1
    got = np.asarray(answer, dtype=float) if np.ndim(answer) else None
    if got is not None and got.shape == (3, 3):
        return False, ("W has shape (3, 3), but it should have shape (2, 2): the network maps 2 "
                       "inputs to 2 outputs. Did you multiply W1 @ W2? The layer that acts first "
                       "stands on the right.")
    ok, message = compare_array(answer, expected, name="W")
    if ok:
        return True, ("W2 (W1 x) = (W2 W1) x, so one 2×2 matrix does the work of both layers: "
                      "without an activation, the hidden layer adds nothing.")
    if got is not None and got.shape == expected.shape and np.allclose(got, expected.T):
        return False, message + " That is the transpose of W: compute W2 @ W1, not W1.T @ W2.T."
    return False, message + " Apply W1 first, then W2: the single matrix is their product W2 W1."
