"""Notebook 04's function exercises: each classic mistake, written as a learner would, is
named by the check (collected by test_implementing.py)."""

import numpy as np

import mlp_viz as mv


# ------------------------------------------------------------- 04.5, back-propagation
def _forward(weights, biases, X):
    """A learner's forward pass: ReLU hidden layers, an identity output; (A, Zs, As)."""
    A, Zs, As = X, [], [X]
    for l, (W, b) in enumerate(zip(weights, biases)):
        Z = A @ W.T + b
        A = Z if l == len(weights) - 1 else np.maximum(Z, 0)
        Zs.append(Z)
        As.append(A)
    return A, Zs, As


def _backprop(weights, biases, X, Y, *, slope_one=False, mean=True, transpose=False,
              sum_db=True):
    """A learner's loop, with one of the classic slips switched on."""
    A, Zs, As = _forward(weights, biases, X)
    dA = (A - Y) / len(X) if mean else A - Y
    dW, db = [], []
    for l in reversed(range(len(weights))):
        last = l == len(weights) - 1
        dZ = dA if last or slope_one else dA * (Zs[l] > 0)
        dW.insert(0, As[l].T @ dZ if transpose else dZ.T @ As[l])
        db.insert(0, dZ.sum(axis=0) if sum_db else dZ)
        dA = dZ @ weights[l]
    return dW, db


def backprop_back_through_transpose(weights, biases, X, Y):
    # the way back written as in the one-sample formula W^T dz, but on the batch's rows
    A, Zs, As = _forward(weights, biases, X)
    dA = (A - Y) / len(X)
    dW, db = [None] * len(weights), [None] * len(weights)
    for l in range(len(weights) - 1, -1, -1):
        dZ = dA if l == len(weights) - 1 else dA * (Zs[l] > 0)
        dW[l], db[l] = dZ.T @ As[l], dZ.sum(axis=0)
        dA = dZ @ weights[l].T
    return dW, db


def backprop_slope_one(weights, biases, X, Y):
    return _backprop(weights, biases, X, Y, slope_one=True)


def backprop_summed(weights, biases, X, Y):
    return _backprop(weights, biases, X, Y, mean=False)


def backprop_transposed(weights, biases, X, Y):
    return _backprop(weights, biases, X, Y, transpose=True)


def backprop_db_not_summed(weights, biases, X, Y):
    return _backprop(weights, biases, X, Y, sum_db=False)


def backprop_relu_at_the_output(weights, biases, X, Y):
    # The house network's output is a ReLU; this exercise's is the identity.
    A, Zs, As = X, [], [X]
    for W, b in zip(weights, biases):
        Z = A @ W.T + b
        A = np.maximum(Z, 0)
        Zs.append(Z)
        As.append(A)
    dA = (A - Y) / X.shape[0]
    dW, db = [None] * len(weights), [None] * len(weights)
    for l in range(len(weights) - 1, -1, -1):
        dZ = dA * (Zs[l] > 0)
        dW[l], db[l] = dZ.T @ As[l], dZ.sum(axis=0)
        dA = dZ @ weights[l]
    return dW, db


def backprop_returns_pairs(weights, biases, X, Y):
    dW, db = _backprop(weights, biases, X, Y)
    return list(zip(dW, db))   # net.loss_and_gradients' form, not (dW, db)


# --------------------------------------------------- 04.6, a finite-difference gradient
def gradient_one_sided(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old
        grad[i] = (up - f(x)) / h
    return grad


def gradient_over_h(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        down = f(x)
        x[i] = old
        grad[i] = (up - down) / h
    return grad


def gradient_all_at_once(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def gradient_not_restored(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += h
        up = f(x)
        x[i] -= 2 * h
        down = f(x)
        grad[i] = (up - down) / (2 * h)
    return grad


def gradient_restored_by_adding_back(f, x, h=1e-5):
    # x[i] + h - 2h + h is not always x[i] again in floating point
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += h
        up = f(x)
        x[i] -= 2 * h
        down = f(x)
        x[i] += h
        grad[i] = (up - down) / (2 * h)
    return grad


def gradient_of_copies(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for i in range(x.size):
        step = np.zeros(x.size)
        step[i] = h
        step = step.reshape(x.shape)
        grad.flat[i] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


MISTAKES = [
    ("04.5", backprop_back_through_transpose, "gives the result of going back through W "
                                              "transposed, dA_prev = dZ @ W.T. W is (n_out, "
                                              "n_in)"),
    ("04.5", backprop_slope_one, "gives the result of taking ReLU's slope as 1 everywhere (the "
                                 "notes' slip)."),
    ("04.5", backprop_summed, "gives the result of summing over the batch instead of taking "
                              "the mean."),
    ("04.5", backprop_transposed, "on square layers (weights, a list of 3 arrays, biases, a "
                                  "list of 3 arrays, X of shape (4, 3), Y of shape (4, 3)), "
                                  "your backprop gives the result of computing dW transposed, "
                                  "A_prev.T @ dZ."),
    ("04.5", backprop_db_not_summed, "gives the result of leaving db unsummed, one row per "
                                     "sample."),
    ("04.5", backprop_relu_at_the_output, "gives the result of putting a ReLU on the output "
                                          "layer too."),
    ("04.5", backprop_returns_pairs, "your backprop should return 2 things, `return dW, db`"),
    ("04.6", gradient_one_sided, "gives the result of taking the one-sided difference "
                                 "(f(x + h) − f(x)) / h."),
    ("04.6", gradient_over_h, "gives the result of dividing by h instead of 2h."),
    ("04.6", gradient_all_at_once, "gives the result of nudging every entry of x at once."),
    ("04.6", gradient_not_restored, "your numerical_gradient changed its input x in place"),
    ("04.6", gradient_restored_by_adding_back, "your numerical_gradient changed its input x "
                                               "in place"),
]


def test_a_learner_who_works_on_copies_passes():
    # No entry of x is ever written: nothing to restore.
    feedback = mv.check("04.6", gradient_of_copies)
    assert feedback.correct, str(feedback)


def test_the_backprop_check_reports_the_finite_difference_agreement():
    feedback = mv.check("04.5", _backprop)
    assert feedback.correct, str(feedback)
    assert "centred finite differences of the loss" in feedback.message
    assert "largest relative error" in feedback.message


def test_gradients_right_on_the_cases_but_not_against_finite_differences_are_not_yet(
        monkeypatch):
    from mlp_viz.exercises import ex04_code as ex04

    def off_on_the_extra(weights, biases, X, Y):
        dW, db = _backprop(weights, biases, X, Y)
        if len(X) == ex04._FD_SAMPLES:   # only on the finite-difference network's batch
            dW[0] = dW[0] * 1.001
        return dW, db

    feedback = mv.check("04.5", off_on_the_extra)
    assert not feedback.correct, str(feedback)
    assert "differ from centred finite differences of the loss" in feedback.message
