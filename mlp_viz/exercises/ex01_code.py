"""Exercises of notebook 01 where you write the code: functions checked by running them."""

import numpy as np

from ..layers import dense_forward
from . import Case, Mistake, function_exercise


# ------------------------------------------------------- writing the layer yourself
def _dense_cases():
    rng = np.random.default_rng(1)

    def case(label, X, W, b):
        return Case(label, (X, W, b), dense_forward(X, W, b))

    return [
        # First a square W, where X @ W (the transposed slip) runs and can be named.
        case("a square W", rng.normal(size=(6, 3)), rng.normal(size=(3, 3)),
             rng.normal(size=3)),
        case("a batch of 5 samples, 3 inputs and 4 neurons",
             rng.normal(size=(5, 3)), rng.normal(size=(4, 3)), rng.normal(size=4)),
        case("a batch of one", rng.normal(size=(1, 7)), rng.normal(size=(2, 7)),
             rng.normal(size=2)),
        case("zeros in, so Z is the bias", np.zeros((4, 3)), rng.normal(size=(2, 3)),
             rng.normal(size=2)),
        case("large and negative values", -1e6 * rng.random((3, 4)), rng.normal(size=(5, 4)),
             -1e3 * rng.random(5)),
    ]


@function_exercise(
    "01.5", "a dense layer on a batch", name="dense", params=("X", "W", "b"), outputs=("Z",),
    solution='''
def dense(X, W, b):
    """One dense layer's linear part on a batch: Z = X Wᵀ + b.

    X: (n_samples, n_in), W: (n_out, n_in), b: (n_out,) -> Z: (n_samples, n_out)
    """
    # Row n of Z is W @ X[n] + b; X @ W.T does that for every row at once, and
    # b is added to every row by broadcasting.
    return X @ W.T + b

answer = dense
''',
    mistakes=[
        Mistake("multiplying by W where its transpose belongs", lambda X, W, b: X @ W + b,
                "W has one row per neuron, shape (n_out, n_in), and each sample (a row of X) "
                "meets every row of W: X @ W.T, not X @ W."),
        Mistake("forgetting the bias", lambda X, W, b: X @ W.T,
                "Add b to every row of the product (broadcasting does it: X @ W.T + b)."),
    ],
    hints=[
        "Write the layer for one sample first, z = W x + b, the way the notes do. A batch puts "
        "one sample in each row of X; what does row n of Z have to be?",
        "Row n of Z is W @ X[n] + b. Transposed, W @ x is x @ W.T, so all rows at once are "
        "Z = X @ W.T + b (NumPy adds the bias to every row).",
        "def dense(X, W, b):\n    return X @ ____ + ____",
    ],
    explanation="Every layer of every network in this course computes exactly this, before its "
                "activation.")
def _():
    return _dense_cases()
