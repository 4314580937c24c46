"""Notebook 06's function exercises: each classic mistake, written as a learner would, is
named by the check (collected by test_implementing.py)."""

import numpy as np


# ------------------------------------------------------------------------ 06.6, sgd_step
def sgd_uphill(params, grads, lr):
    return [p + lr * g for p, g in zip(params, grads)]


def sgd_without_lr(params, grads, lr):
    return [p - g for p, g in zip(params, grads)]


def sgd_lr_twice(params, grads, lr):
    steps = [lr * g for g in grads]
    return [p - lr * s for p, s in zip(params, steps)]


def sgd_the_steps(params, grads, lr):
    return [-lr * g for g in grads]


def sgd_in_place(params, grads, lr):
    for p, g in zip(params, grads):
        p -= lr * g
    return params


# --------------------------------------------------------------------- 06.7, minibatches
def batches_in_order(n, batch_size, rng):
    return [np.arange(start, min(start + batch_size, n)) for start in range(0, n, batch_size)]


def batches_full_only(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[i * batch_size:(i + 1) * batch_size] for i in range(n // batch_size)]


def batches_reshuffled(n, batch_size, rng):
    batches = []
    for start in range(0, n, batch_size):
        order = rng.permutation(n)
        batches.append(order[start:start + batch_size])
    return batches


def batches_with_replacement(n, batch_size, rng):
    order = rng.integers(0, n, size=n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def batches_with_choice(n, batch_size, rng):
    order = rng.choice(n, size=n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


# ------------------------------------------------------------------- 06.8, momentum_step
def momentum_other_convention(w, g, v, lr, mu):
    v = mu * v - lr * g
    return w + v, v


def momentum_forgotten_v(w, g, v, lr, mu):
    new_v = mu * v + g
    return w - lr * new_v, v


def momentum_step_first(w, g, v, lr, mu):
    w = w - lr * v
    v = mu * v + g
    return w, v


def momentum_averaged(w, g, v, lr, mu):
    v = mu * v + (1 - mu) * g
    return w - lr * v, v


def momentum_in_place(w, g, v, lr, mu):
    v *= mu
    v += g
    return w - lr * v, v


MISTAKES = [
    ("06.6", sgd_uphill, "gives the result of adding the gradient instead of subtracting it. "
                         "The gradient points uphill"),
    ("06.6", sgd_without_lr, "gives the result of forgetting the learning rate. Each step is "
                             "lr times the gradient"),
    ("06.6", sgd_lr_twice, "gives the result of multiplying by the learning rate twice."),
    ("06.6", sgd_the_steps, "gives the result of returning the steps instead of the new "
                            "parameters."),
    ("06.6", sgd_in_place, "your sgd_step changed its input params in place"),
    ("06.7", batches_in_order, "gives the result of not shuffling. One epoch takes the rows"),
    ("06.7", batches_full_only, "gives the result of dropping the last, smaller batch."),
    ("06.7", batches_reshuffled, "gives the result of shuffling again for every batch."),
    ("06.7", batches_with_replacement, "gives the result of drawing the rows with replacement."),
    ("06.7", batches_with_choice, "gives the result of drawing the rows with replacement."),
    ("06.8", momentum_other_convention, "gives the result of using the other convention, "
                                        "v = mu * v - lr * g and w = w + v."),
    ("06.8", momentum_forgotten_v, "gives the result of returning the old velocity."),
    ("06.8", momentum_step_first, "gives the result of stepping with the old velocity, before "
                                  "updating it."),
    ("06.8", momentum_averaged, "gives the result of averaging, v = mu * v + (1 - mu) * g."),
    ("06.8", momentum_in_place, "your momentum_step changed its input v in place"),
]
