"""Exercises of notebook 03 (the forward pass and the loss)."""

import numpy as np

from ..datasets import house_price_example
from ..losses import get_loss
from . import compare_array, compare_number, exercise

# The house and targets of the exercises; the expected answers are computed from them.
_OTHER_HOUSE = np.array([800.0, 2.0, 30.0])
_MSE_PREDICTION, _MSE_TARGET = 0.75, 1.1
_BCE_PROBABILITY, _BCE_LABEL = 0.2, 1.0
_BATCH = np.array([[1200.0, 3.0, 10.0], [800.0, 2.0, 30.0], [2000.0, 4.0, 5.0]])
_BATCH_TARGETS = np.array([1.0, 0.5, 1.5])


def _mse(a, y):
    a = np.array([[a]], dtype=float)
    return get_loss("mse").value(a, a, np.array([[y]], dtype=float))


def _bce(p, y):
    a = np.array([[p]], dtype=float)
    z = np.log(a) - np.log1p(-a)  # the logit whose sigmoid is p
    return get_loss("binary_cross_entropy").value(z, a, np.array([[y]], dtype=float))


@exercise("03.1", "z[1] for another house", solution="""
example = mv.house_price_example()
house = np.array([800.0, 2.0, 30.0])
W1, b1 = example.weights[0], example.biases[0]
# One row of W[1] per neuron, times the house, plus that neuron's bias:
answer = W1 @ house + b1
""")
def _(answer):
    example = house_price_example()
    W1, b1 = example.weights[0], example.biases[0]
    expected = W1 @ _OTHER_HOUSE + b1
    # b[1] is 0.001, too small to show at 4 significant digits: leaving it out is a slip,
    # not a rounding.
    c = compare_array(answer, expected, name="z[1]", slips=[W1 @ _OTHER_HOUSE])
    if c.correct:
        return c.right(f"z[1] = W[1] a[0] + b[1] = {np.round(expected, 4)}. Both entries are "
                       "positive, so ReLU leaves them alone: a[1] = z[1] for this house.")
    if c.settled:
        return c.feedback()
    if c.near(W1 @ _OTHER_HOUSE):
        return False, ("you have W[1] a[0] but not the bias: add b[1] (the notes made the same "
                       "slip in layer 2).")
    return c.hint("Each entry is one row of W[1] times the house [800, 2, 30], plus that "
                  "neuron's entry of b[1].")


@exercise("03.2", "the MSE loss of one prediction", solution="""
a, y = 0.75, 1.1
# The course's squared error has a factor 1/2 in front:
answer = 0.5 * (a - y) ** 2
""")
def _(answer):
    expected = _mse(_MSE_PREDICTION, _MSE_TARGET)
    c = compare_number(answer, expected, name="the loss")
    if c.correct:
        return c.right("L = ½ (a − y)² = ½ · (−0.35)². Its derivative dL/da = a − y = −0.35 "
                       "is the signal back-propagation starts from.")
    if c.settled:
        return c.feedback()
    error = _MSE_PREDICTION - _MSE_TARGET
    if c.near(2 * expected):
        return c.hint("Did you forget the ½ in front of the square?")
    if any(c.near(v) for v in (error, -error, 0.5 * error, -0.5 * error)):
        return c.hint("Square the error a − y before halving it.")
    return c.hint("Use L = ½ (a − y)² with a = 0.75 and y = 1.1.")


@exercise("03.3", "binary cross-entropy of a confident wrong answer", solution="""
p, y = 0.2, 1
# -[y log p + (1 - y) log(1 - p)], natural logarithm; with y = 1 only -log p is left:
answer = -(y * np.log(p) + (1 - y) * np.log(1 - p))
""")
def _(answer):
    expected = _bce(_BCE_PROBABILITY, _BCE_LABEL)
    c = compare_number(answer, expected, name="the loss")
    if c.correct:
        return c.right("with y = 1 only the term −log a is left, and a = 0.2 gives "
                       f"{expected:.4f}; MSE would give only {_mse(_BCE_PROBABILITY, 1.0):.4f} "
                       "for the same prediction.")
    if c.settled:
        return c.feedback()
    if c.near(-expected):
        return c.hint("A loss is never negative: mind the minus sign in front of the brackets "
                      "(log 0.2 is negative).")
    if c.near(expected / np.log(10)) or c.near(-expected / np.log(10)):
        return c.hint("Use the natural logarithm, np.log, not log10.")
    if c.near(expected / np.log(2)):
        return c.hint("Use the natural logarithm, np.log, not log2.")
    if c.near(_bce(_BCE_PROBABILITY, 0.0)):
        return c.hint("That is the loss for label 0; the true label here is 1, so the term "
                      "y log a is the one that counts.")
    return c.hint("Use L = −[y log a + (1 − y) log(1 − a)] with a = 0.2 and y = 1.")


@exercise("03.4", "the mean loss of a batch", solution="""
net = mv.house_price_example().network()
houses = np.array([[1200.0, 3.0, 10.0], [800.0, 2.0, 30.0], [2000.0, 4.0, 5.0]])
targets = np.array([1.0, 0.5, 1.5])
predictions = net.forward(houses)[:, 0]
# One 1/2 (a - y)^2 per house, then the mean over the houses:
answer = np.mean(0.5 * (predictions - targets) ** 2)
# The same number in one call: net.loss(houses, targets)
""")
def _(answer):
    net = house_price_example().network()
    expected = net.loss(_BATCH, _BATCH_TARGETS)
    c = compare_number(answer, expected, name="the mean loss")
    if c.correct:
        return c.right(f"the mean of the three houses' ½ (a − y)² is {expected:.4f}, the number "
                       "net.loss(houses, targets) returns.")
    if c.settled:
        return c.feedback()
    n = len(_BATCH)
    if c.near(n * expected):
        return c.hint(f"That looks like the sum over the {n} houses: the batch loss is their "
                      "mean.")
    if c.near(2 * expected):
        return c.hint("Did you forget the ½ in front of each square?")
    if c.near(2 * n * expected):
        return c.hint("Take the mean, not the sum, and keep the ½ of each square.")
    return c.hint("Run the three houses through the network (net.forward), take ½ (a − y)² for "
                  "each with its own target, then the mean.")
