"""Exercises of notebook 09 (capstone: hand-written digits)."""

import numpy as np

from ..network import MLP
from ..training import iterations_per_epoch
from . import compare_array, compare_number, exercise
from .counting import parameter_count_hint, update_count_hint

# The settings of the exercises; every expected answer is computed from them.
# A confusion matrix of a classifier for the digits 0 to 4: row = true digit,
# column = predicted digit (the notebook prints the same numbers as `cm_small`).
_CM = np.array([[50, 0, 1, 0, 1],
                [0, 47, 2, 1, 3],
                [1, 1, 45, 4, 0],
                [0, 0, 6, 43, 0],
                [0, 2, 0, 0, 49]])
_SIZES = (64, 128, 64, 10)
_N_SAMPLES, _BATCH, _EPOCHS = 1438, 64, 20


@exercise("09.1", "accuracy from a confusion matrix", solution="""
cm_small = np.array([[50,  0,  1,  0,  1],
                     [ 0, 47,  2,  1,  3],
                     [ 1,  1, 45,  4,  0],
                     [ 0,  0,  6, 43,  0],
                     [ 0,  2,  0,  0, 49]])
# The diagonal counts the right answers; the sum of all entries counts every test image.
answer = np.trace(cm_small) / cm_small.sum()
""")
def _(answer):
    right, total = int(np.trace(_CM)), int(_CM.sum())
    expected = right / total
    # The mean of the per-digit accuracies is within 3e-4 of the accuracy: a slip, not a rounding.
    per_digit = float(np.mean(np.diag(_CM) / _CM.sum(axis=1)))
    c = compare_number(answer, expected, name="the accuracy", slips=[per_digit])
    if c.correct:
        return c.right(f"{right} of the {total} test images lie on the diagonal, so the "
                       f"accuracy is {right}/{total} = {expected:.4f} ({expected:.1%}).")
    if c.settled:
        return c.feedback()
    if c.near(100 * expected):
        return False, ("that looks like a percentage: give the accuracy as a fraction between "
                       "0 and 1.")
    if c.near(1 - expected):
        return c.hint("That is the share of mistakes (the error rate); the accuracy is the share "
                      "of right answers, on the diagonal.")
    if c.near(per_digit):
        return c.hint("That is the mean of the five per-digit accuracies; the digits have "
                      "different numbers of images, so count all right answers together and "
                      "divide by all images.")
    return c.hint("Add up the diagonal (the right answers) and divide by the sum of all entries "
                  "(every test image).")


@exercise("09.2", "parameters of a digits network", solution="""
sizes = [64, 128, 64, 10]
# Each layer after the input has n_out * n_in weights and n_out biases.
answer = sum(n_out * n_in + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
# mv.MLP(sizes).n_params counts the same way.
""")
def _(answer):
    net = MLP(_SIZES, init="zeros")
    expected = net.n_params
    c = compare_number(answer, expected, name="the number of parameters", rounding=False)
    if c.correct:
        first = net.weights[0].size + net.biases[0].size
        return c.right(f"{expected} parameters: {first} in the first layer (one weight per "
                       f"pixel for each of its {_SIZES[1]} neurons, plus a bias each), "
                       f"{expected - first} in the two layers after it.")
    if c.settled:
        return c.feedback()
    return c.hint(parameter_count_hint(c.value, _SIZES))


@exercise("09.3", "parameter updates in a training run", solution="""
n_samples, batch_size, epochs = 1438, 64, 20
# One update per mini-batch; the last, smaller batch of each epoch counts too.
per_epoch = int(np.ceil(n_samples / batch_size))   # or mv.iterations_per_epoch(1438, 64)
answer = epochs * per_epoch
""")
def _(answer):
    per_epoch = iterations_per_epoch(_N_SAMPLES, _BATCH)
    expected = _EPOCHS * per_epoch
    c = compare_number(answer, expected, name="the number of updates", rounding=False)
    if c.correct:
        left = _N_SAMPLES - (per_epoch - 1) * _BATCH
        return c.right(f"{per_epoch} mini-batches per epoch ({per_epoch - 1} full ones of "
                       f"{_BATCH} and a last one of {left}), each giving one update: "
                       f"{_EPOCHS} · {per_epoch} = {expected}.")
    if c.settled:
        return c.feedback()
    return c.hint(update_count_hint(c.value, _N_SAMPLES, _BATCH, _EPOCHS)
                  or "Count the mini-batches in one epoch, ceil(N / B), then multiply by the "
                     "number of epochs.")


@exercise("09.4", "the most confused pair of digits", solution="""
cm_small = np.array([[50,  0,  1,  0,  1],
                     [ 0, 47,  2,  1,  3],
                     [ 1,  1, 45,  4,  0],
                     [ 0,  0,  6, 43,  0],
                     [ 0,  2,  0,  0, 49]])
off = cm_small - np.diag(np.diag(cm_small))   # the mistakes only: the diagonal set to 0
i, j = np.unravel_index(off.argmax(), off.shape)
answer = np.array([i, j])                     # row = true digit, column = predicted digit
""")
def _(answer):
    off = _CM - np.diag(np.diag(_CM))
    expected = np.array(np.unravel_index(off.argmax(), off.shape))
    true, predicted = (int(v) for v in expected)
    c = compare_array(answer, expected, name="the pair", rounding=False)
    if c.verdict == "shape":
        return False, ("give the pair as two numbers, [true digit, predicted digit], e.g. "
                       "np.array([1, 4]).")
    if c.correct:
        count = off[true, predicted]
        return c.right(f"cm_small[{true}, {predicted}] = {count}: {count} images of a {true} "
                       f"were taken for a {predicted}, the largest count off the diagonal. The "
                       f"other way round happened {off[predicted, true]} times: confusions "
                       "need not be symmetric.")
    if c.settled:
        return c.feedback()
    if c.near(expected[::-1]):
        return False, ("those are the right two digits in the wrong order: the row is the true "
                       "digit and the column the predicted one.")
    if c.value[0] == c.value[1]:
        return False, ("a pair on the diagonal counts right answers; the confusions are the "
                       "entries off the diagonal.")
    return c.hint("Set the diagonal to 0 and find the largest entry that is left; its row is "
                  "the true digit, its column the predicted one.")
