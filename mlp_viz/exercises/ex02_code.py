"""Exercises of notebook 02 where you write the code: functions checked by running them."""

import numpy as np

from ..activations import get_activation, softmax
from . import Case, Mistake, function_exercise


# -------------------------------------------------- writing the activations yourself
def _relu_cases(function):
    """The cases of 02.5 and 02.6: `function` (mlp_viz's) gives each case's expected result."""
    rng = np.random.default_rng(2)

    def case(label, z):
        return Case(label, (z,), function(z))

    return [
        # First a vector with an exact 0, where every mistake gives an answer to name.
        case("a vector with an exact 0", np.array([-1.5, 0.0, 2.0, -0.2, 3.1, 0.0])),
        case("a batch of 4 samples and 3 neurons", rng.normal(size=(4, 3))),
        case("a batch of one", rng.normal(size=(1, 5))),
        case("zeros", np.zeros((3, 2))),
        case("large and negative values", np.array([[-1e300, 1e300, -7.0], [1e-300, -1e-300,
                                                                             5e8]])),
    ]


_ONE_AT_ZERO = ("mlp_viz takes it as 0 (the kink has no slope; 0 is the usual choice), so a "
                "neuron at exactly z = 0 passes no gradient back: use z > 0, strictly.")


@function_exercise(
    "02.5", "ReLU, entry by entry", name="relu", params=("z",), outputs=("a",),
    solution='''
def relu(z):
    """ReLU entry by entry: max(0, z). z: any shape -> a: the same shape."""
    # np.maximum compares entry by entry (np.max would reduce along an axis), and
    # it returns a new array, so the caller's z stays as it was.
    return np.maximum(z, 0)

answer = relu
''',
    mistakes=[
        Mistake("taking the absolute value of z", np.abs,
                "ReLU sets a negative z to 0; it does not flip its sign."),
        Mistake("using np.max(z, 0), which looks for the largest entry along axis 0",
                lambda z: np.max(z, 0),
                "Use np.maximum(z, 0): it compares every entry with 0."),
        Mistake("using a leaky ReLU, slope 0.01 below 0",
                lambda z: np.where(z > 0, z, 0.01 * np.asarray(z)),
                "Plain ReLU outputs exactly 0 for every z < 0."),
    ],
    hints=[
        "ReLU keeps a positive z and turns everything else into 0, one entry at a time.",
        "a = max(0, z) entry by entry: NumPy's np.maximum(z, 0) does that for an array of any "
        "shape and returns a new array (setting z[z < 0] = 0 would change the caller's z).",
        "def relu(z):\n    return np.____(z, ____)",
    ],
    explanation="Every hidden layer of the course's networks applies this to its z.")
def _():
    return _relu_cases(get_activation("relu"))


@function_exercise(
    "02.6", "ReLU's derivative", name="relu_derivative", params=("z",), outputs=("slope",),
    solution='''
def relu_derivative(z):
    """ReLU's slope entry by entry: 1 where z > 0, else 0. z: any shape -> the same shape."""
    # Strictly greater: at the kink z = 0 the slope is taken as 0, as mlp_viz does.
    return (z > 0).astype(float)

answer = relu_derivative
''',
    mistakes=[
        Mistake("taking ReLU's slope as 1 everywhere (the notes' slip)", np.ones_like,
                "Where z < 0 ReLU is flat, so its slope is 0: a neuron that is off passes no "
                "gradient back."),
        Mistake("taking the slope at z = 0 as 1", lambda z: (np.asarray(z) >= 0).astype(float),
                _ONE_AT_ZERO),
        Mistake("taking the slope at z = 0 as ½", lambda z: np.heaviside(z, 0.5),
                _ONE_AT_ZERO),
        Mistake("returning ReLU(z) itself, not its slope", lambda z: np.maximum(z, 0),
                "The slope of max(0, z) is 1 where z > 0 and 0 elsewhere, whatever the size "
                "of z."),
    ],
    hints=[
        "ReLU is a straight line of slope 1 for z > 0 and flat for z < 0. What is its slope at "
        "each entry? (At the kink, z = 0, mlp_viz takes 0.)",
        "ReLU'(z) = 1 where z > 0 and 0 where z <= 0: the comparison z > 0 gives True/False, "
        "and .astype(float) turns them into 1.0/0.0.",
        "def relu_derivative(z):\n    return (z ____ 0).astype(____)",
    ],
    explanation="The boolean array z > 0 itself is accepted too: NumPy multiplies True and "
                "False as 1 and 0, so dA * (Z > 0) is back-propagation's dZ for a ReLU layer.")
def _():
    return _relu_cases(get_activation("relu").derivative)


def _softmax_cases():
    rng = np.random.default_rng(3)

    def case(label, Z):
        return Case(label, (Z,), softmax(Z))

    return [
        # First a square batch of moderate scores: every mistake but the overflowing ones runs.
        case("a square batch of 3 samples and 3 classes", rng.normal(size=(3, 3))),
        case("scores of about 1000", 1000 + rng.normal(size=(3, 4))),
        case("rows on very different scales",
             np.array([[1000.0, 999.0, 997.0], [-1000.0, -1001.0, -1003.0], [0.0, 0.5, 1.0]])),
        case("a batch of one", rng.normal(size=(1, 5))),
        case("zeros, so every class is as likely", np.zeros((2, 4))),
    ]


_ROW = "Each row is one sample: subtract that row's largest score, Z.max(axis=1, keepdims=True)."


@function_exercise(
    "02.7", "a numerically stable softmax", name="softmax", params=("Z",), outputs=("P",),
    solution='''
def softmax(Z):
    """Softmax of each row: Z (n_samples, n_classes) -> P, same shape, rows summing to 1."""
    # Subtracting each row's largest score changes nothing mathematically (the
    # factor e^-max cancels), but the largest exponent is then e^0 = 1: exp
    # cannot overflow, and the row's sum is at least 1.
    shifted = Z - Z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)   # keepdims: one total per row, shape (n, 1)

answer = softmax
''',
    mistakes=[
        Mistake("forgetting to subtract each row's largest score",
                lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True),
                "e^1000 overflows to inf, and inf / inf is nan. Softmax does not change when "
                "the same number is subtracted from every score of a row: subtract the row's "
                "largest, so that the largest exponent is e^0 = 1."),
        Mistake("normalising each column instead of each row",
                lambda Z: np.exp(Z - Z.max(axis=0)) / np.exp(Z - Z.max(axis=0)).sum(axis=0),
                "A sample is a row, so its probabilities are a row: take the max and the sum "
                "with axis=1 (and keepdims=True)."),
        Mistake("dividing by the row sums without keepdims=True",
                lambda Z: _shifted_exp(Z) / _shifted_exp(Z).sum(axis=1),
                "e.sum(axis=1) has shape (n,), and NumPy lines it up with the columns, not the "
                "rows: keep it a column with keepdims=True, shape (n, 1)."),
        Mistake("dividing by the total of the whole batch",
                lambda Z: _shifted_exp(Z) / _shifted_exp(Z).sum(),
                "Each row must sum to 1 on its own: divide by each row's sum, "
                "e.sum(axis=1, keepdims=True)."),
        Mistake("subtracting the largest score of the whole batch instead of each row's",
                lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(axis=1, keepdims=True),
                "A row far below the batch's largest score underflows to all zeros, and 0 / 0 "
                "is nan. " + _ROW),
        Mistake("subtracting each column's largest score instead of each row's",
                lambda Z: np.exp(Z - Z.max(axis=0)) / np.exp(Z - Z.max(axis=0)).sum(
                    axis=1, keepdims=True),
                "Only a number that is the same for the whole row cancels. " + _ROW),
    ],
    hints=[
        "softmax(z)_k = e^{z_k} / Σ_j e^{z_j} for each row. Try it on scores of 1000: what is "
        "np.exp(1000.0)? Softmax gives the same result when one number is subtracted from "
        "every score of a row.",
        "Per row: subtract the row's largest score, exponentiate, divide by the row's sum. "
        "Z.max(axis=1, keepdims=True) and e.sum(axis=1, keepdims=True) have shape (n, 1), one "
        "number per row, which NumPy subtracts from (or divides) every entry of that row.",
        "def softmax(Z):\n    e = np.exp(Z - Z.max(axis=____, keepdims=True))\n"
        "    return e / e.sum(axis=____, keepdims=____)",
    ],
    explanation="mv.softmax, and the output layer of every classifier in this course, computes "
                "it this way.")
def _():
    return _softmax_cases()


def _shifted_exp(Z):
    """e^(Z - each row's max): the stable first step, for the mistakes that go wrong after it."""
    return np.exp(Z - Z.max(axis=1, keepdims=True))
