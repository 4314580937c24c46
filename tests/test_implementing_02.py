"""Notebook 02's function exercises: each classic mistake, written as a learner would, is
named by the check (collected by test_implementing.py)."""

import numpy as np

import mlp_viz as mv


# ------------------------------------------------------------------ 02.5, ReLU
def relu_absolute(z):
    return np.abs(z)


def relu_with_np_max(z):
    return np.max(z, 0)   # the largest entry along axis 0, not max(z, 0) entry by entry


def relu_leaky(z):
    return np.where(z > 0, z, 0.01 * z)


def relu_in_place(z):
    z[z < 0] = 0
    return z


# --------------------------------------------------------- 02.6, ReLU's derivative
def relu_slope_one(z):
    return np.ones_like(z)


def relu_slope_one_at_zero(z):
    return (z >= 0).astype(float)


def relu_slope_half_at_zero(z):
    return np.heaviside(z, 0.5)


def relu_slope_is_the_value(z):
    return np.maximum(z, 0)


def relu_slope_in_place(z):
    z[z > 0] = 1.0
    z[z <= 0] = 0.0
    return z


# ------------------------------------------------------------------ 02.7, softmax
def softmax_naive(Z):
    e = np.exp(Z)
    return e / e.sum(axis=1, keepdims=True)


def softmax_columns(Z):
    e = np.exp(Z - Z.max(axis=0))
    return e / e.sum(axis=0)


def softmax_without_keepdims(Z):
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1)


def softmax_whole_batch(Z):
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / np.sum(e)


def softmax_global_max(Z):
    e = np.exp(Z - np.max(Z))
    return e / e.sum(axis=1, keepdims=True)


def softmax_column_max(Z):
    e = np.exp(Z - Z.max(axis=0))
    return e / e.sum(axis=1, keepdims=True)


MISTAKES = [
    ("02.5", relu_absolute, "gives the result of taking the absolute value of z. ReLU sets"),
    ("02.5", relu_with_np_max, "gives the result of using np.max(z, 0), which looks for the "
                               "largest entry along axis 0. Use np.maximum(z, 0)"),
    ("02.5", relu_leaky, "gives the result of using a leaky ReLU, slope 0.01 below 0."),
    ("02.5", relu_in_place, "your relu changed its input z in place"),
    ("02.6", relu_slope_one, "gives the result of taking ReLU's slope as 1 everywhere (the "
                             "notes' slip)."),
    ("02.6", relu_slope_one_at_zero, "gives the result of taking the slope at z = 0 as 1. "
                                     "mlp_viz takes it as 0"),
    ("02.6", relu_slope_half_at_zero, "gives the result of taking the slope at z = 0 as ½."),
    ("02.6", relu_slope_is_the_value, "gives the result of returning ReLU(z) itself, not its "
                                      "slope."),
    ("02.6", relu_slope_in_place, "your relu_derivative changed its input z in place"),
    ("02.7", softmax_naive, "on scores of about 1000 (Z of shape (3, 4)), your softmax gives "
                            "the result of forgetting to subtract each row's largest score."),
    ("02.7", softmax_columns, "gives the result of normalising each column instead of each "
                              "row."),
    ("02.7", softmax_without_keepdims, "gives the result of dividing by the row sums without "
                                       "keepdims=True."),
    ("02.7", softmax_whole_batch, "gives the result of dividing by the total of the whole "
                                  "batch."),
    ("02.7", softmax_global_max, "gives the result of subtracting the largest score of the "
                                 "whole batch instead of each row's."),
    ("02.7", softmax_column_max, "gives the result of subtracting each column's largest "
                                 "score instead of each row's."),
]


def test_a_boolean_relu_derivative_is_accepted():
    # z > 0 itself (True/False) multiplies like 1/0 in dA * relu_derivative(Z): accepted.
    feedback = mv.check("02.6", lambda z: z > 0)
    assert feedback.correct, str(feedback)

