"""Notebook 01's function exercises: each classic mistake, written as a learner would, is
named by the check (collected by test_implementing.py)."""

import numpy as np


def dense_transposed(X, W, b):
    return np.dot(X, W) + b


def dense_without_bias(X, W, b):
    Z = X @ W.T
    return Z


MISTAKES = [
    ("01.5", dense_transposed, "gives the result of multiplying by W where its transpose "
                               "belongs. W has one row per neuron"),
    ("01.5", dense_without_bias, "gives the result of forgetting the bias. Add b to every row"),
]
