"""Notebook 03's function exercises: each classic mistake, written as a learner would, is
named by the check (collected by test_implementing.py)."""

import numpy as np


# ------------------------------------------------------ 03.5, the ½-MSE and its gradient
def mse_without_half(A, Y):
    loss = np.mean(np.sum((A - Y) ** 2, axis=1))
    dA = (A - Y) / len(A)
    return loss, dA


def mse_without_half_anywhere(A, Y):
    N = A.shape[0]
    loss = np.sum((A - Y) ** 2) / N
    dA = 2 * (A - Y) / N
    return loss, dA


def mse_summed(A, Y):
    loss = 0.5 * np.sum((A - Y) ** 2)
    dA = A - Y
    return loss, dA


def mse_gradient_without_n(A, Y):
    loss = 0.5 * np.sum((A - Y) ** 2) / A.shape[0]
    dA = A - Y
    return loss, dA


def mse_gradient_sign(A, Y):
    N = len(A)
    return 0.5 * np.sum((A - Y) ** 2) / N, (Y - A) / N


def mse_mean_over_everything(A, Y):
    return 0.5 * np.mean((A - Y) ** 2), (A - Y) / A.size


def mse_loss_mean_over_everything(A, Y):
    return 0.5 * ((A - Y) ** 2).mean(), (A - Y) / A.shape[0]


def mse_in_place(A, Y):
    A -= Y   # the difference, without a new array
    return 0.5 * np.sum(A ** 2) / len(A), A / len(A)


# ----------------------------------------------------- 03.6, binary cross-entropy
def bce_naive(Z, Y):
    p = 1 / (1 + np.exp(-Z))
    return -np.mean(np.sum(Y * np.log(p) + (1 - Y) * np.log(1 - p), axis=1))


def bce_sign(Z, Y):
    return np.mean(np.sum(np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z))), axis=1)) * -1


def bce_log10(Z, Y):
    p = 1 / (1 + np.exp(-Z))
    return -np.mean(Y * np.log10(p) + (1 - Y) * np.log10(1 - p))


def bce_summed(Z, Y):
    return np.sum(np.maximum(Z, 0) - Z * Y + np.log(1 + np.exp(-np.abs(Z))))


def bce_mean_over_everything(Z, Y):
    return np.mean(np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z))))


def bce_overflowing_softplus(Z, Y):
    # log(1 + e^-z) + (1 - y) z is right, but e^-z overflows for very negative z
    return np.mean(np.sum(np.log(1 + np.exp(-Z)) + (1 - Y) * Z, axis=1))


def bce_label_one_only(Z, Y):
    return np.mean(np.sum(Y * np.logaddexp(0, -Z), axis=1))


MISTAKES = [
    ("03.5", mse_without_half, "gives the result of leaving the ½ out of the loss."),
    ("03.5", mse_without_half_anywhere, "gives the result of leaving out the ½, so that the "
                                        "loss and its gradient are both twice too large."),
    ("03.5", mse_summed, "gives the result of summing over the batch instead of taking the "
                         "mean."),
    ("03.5", mse_gradient_without_n, "gives the result of leaving the 1/N out of the "
                                     "gradient."),
    ("03.5", mse_gradient_sign, "gives the result of turning the gradient's sign round, y − a "
                                "for a − y."),
    ("03.5", mse_mean_over_everything, "on 5 samples with 3 outputs each (A of shape (5, 3), "
                                       "Y of shape (5, 3)), your mse_and_gradient gives the "
                                       "result of averaging over the outputs as well as the "
                                       "samples."),
    ("03.5", mse_loss_mean_over_everything, "gives the result of averaging the loss over the "
                                            "outputs as well as the samples."),
    ("03.5", mse_in_place, "your mse_and_gradient changed its input A in place"),
    ("03.6", bce_naive, "your binary_cross_entropy gives the result of taking the log of the "
                        "probability p = σ(z), which rounds to 0 or 1."),
    ("03.6", bce_sign, "gives the result of leaving out the minus sign."),
    ("03.6", bce_log10, "gives the result of using log10 instead of the natural logarithm."),
    ("03.6", bce_summed, "gives the result of summing over the batch instead of taking the "
                         "mean."),
    ("03.6", bce_mean_over_everything, "gives the result of averaging over the outputs as "
                                       "well as the samples."),
    ("03.6", bce_overflowing_softplus, "gives the result of computing an exponential such as "
                                       "e^−z directly, which overflows when the exponent is "
                                       "large."),
    ("03.6", bce_label_one_only, "gives the result of leaving out the (1 − y) log(1 − p) "
                                 "term."),
]

