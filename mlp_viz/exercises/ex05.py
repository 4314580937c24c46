"""Exercises of notebook 05 (loss surfaces)."""

import numpy as np

from ..datasets import house_price_example, moons, two_valleys
from ..network import MLP
from ..surfaces import direction_surface, parameter_surface
from ..training import iterations_per_epoch, train
from . import ROUNDING_RTOL, compare_array, compare_number, exercise
from .counting import update_count_hint

# The settings of the exercises; every expected answer is computed from them.
_W_VALUE, _B_VALUE = 0.3, -0.5            # 05.1: W[3][0, 1] and b[3][0] of the house network
_STARTS = ((1.0, 1.0), (2.0, 0.0), (3.5, 1.0), (-0.5, -1.5))   # 05.2
_LR, _STEPS = 0.5, 150
_BETTER = 0.1        # 05.2: a path ends in the better valley if its last loss is below this
_N, _B, _EPOCHS = 1050, 100, 5             # 05.4


def _house_net(w=None, b=None, entry=(0, 1)):
    """The house network with W[3][entry] = w and b[3][0] = b (None: unchanged)."""
    example = house_price_example()
    net = example.network()
    if w is not None:
        net.weights[2][entry] = w
    if b is not None:
        net.biases[2][0] = b
    return net, example


def _house_loss(w=None, b=None, entry=(0, 1)):
    """The house network's loss with W[3][entry] = w and b[3][0] = b (None: unchanged)."""
    net, example = _house_net(w, b, entry)
    return net.loss(example.x, example.y)


def _valley_ends():
    """Final loss of gradient descent from each start on the two-valley surface."""
    ex = two_valleys()
    surface = parameter_surface(ex.net, ex.X, ex.y, *ex.params, ranges=ex.ranges,
                                resolution=41)
    return np.array([surface.descend(s, lr=_LR, steps=_STEPS).losses[-1] for s in _STARTS])


def _moons_surface():
    """The notebook's trained moons network and its random-direction surface."""
    X, y = moons(200, noise=0.2, seed=0)
    net = MLP([2, 16, 1], "tanh", "sigmoid", init="xavier", seed=0)
    train(net, X, y, lr=0.5, epochs=100, batch_size=32, loss="binary_cross_entropy")
    return direction_surface(net, X, y, loss="binary_cross_entropy", span=1.0, resolution=61)


@exercise("05.1", "the loss at one point of the house-price surface", solution="""
example = mv.house_price_example()
probe = example.network().copy()
probe.weights[2][0, 1] = 0.3       # W[3][0, 1]: layer 3 is weights[2]
probe.biases[2][0] = -0.5          # b[3][0]
answer = probe.loss(example.x, example.y)
""")
def _(answer):
    expected = _house_loss(_W_VALUE, _B_VALUE)
    c = compare_number(answer, expected, name="the loss")
    if c.correct:
        net, example = _house_net(_W_VALUE, _B_VALUE)
        prediction = float(net.forward(example.x)[0])
        return c.right(f"L = {expected:.4f}. The prediction is now {prediction:.4f}, a little "
                       f"above the target {example.y[0]:g}, so the loss is small; "
                       "surface.loss_at(0.3, -0.5) gives the same number.")
    if c.settled:
        return c.feedback()
    if c.near(_house_loss()):
        return c.hint("That is the loss of the unchanged network, with its own values: set both "
                      "parameters on the copy before computing the loss.")
    if c.near(_house_loss(_B_VALUE, _W_VALUE)):
        return c.hint("You swapped the two: the weight W[3][0, 1] is 0.3 and the bias b[3][0] "
                      "is −0.5.")
    # W[3][0, 0] multiplies the dead neuron's a[2] = 0, so changing it instead of W[3][0, 1]
    # gives the same loss as changing the bias alone: one message for both slips.
    if c.near(_house_loss(b=_B_VALUE)):
        return c.hint("That is the loss with only the bias changed: either W[3][0, 1] was left "
                      "as it is, or you changed W[3][0, 0], the weight from the first neuron of "
                      "layer 2, whose output is 0 here. The exercise asks for W[3][0, 1] "
                      "(column 1) = 0.3 as well.")
    if c.near(_house_loss(_W_VALUE)):
        return c.hint("That is the loss with only the weight changed: set b[3][0] = −0.5 on the "
                      "copy too.")
    if c.near(2 * expected):
        return c.hint("Remember the ½ in the course's squared-error loss.")
    return c.hint("Copy the network, set weights[2][0, 1] and biases[2][0] (layer 3 is index 2 "
                  "in Python), then call loss(example.x, example.y).")


@exercise("05.2", "which starts end in the better valley", solution="""
ex = mv.two_valleys()
surface = mv.parameter_surface(ex.net, ex.X, ex.y, *ex.params, ranges=ex.ranges, resolution=41)
starts = [(1.0, 1.0), (2.0, 0.0), (3.5, 1.0), (-0.5, -1.5)]
ends = [surface.descend(start, lr=0.5, steps=150).losses[-1] for start in starts]
answer = np.array([1 if loss < 0.1 else 0 for loss in ends])
""")
def _(answer):
    ends = _valley_ends()
    expected = (ends < _BETTER).astype(float)
    # True/False for "ends in the better valley" is as good as 1/0.
    c = compare_array(answer, expected, name="your array", rounding=False, bools=True)
    if c.correct:
        return c.right(f"the final losses are {np.round(ends, 4)}. The starts (1, 1) and (2, 0) "
                       "lie close together, yet they end in different valleys: the ridge "
                       "between the two valleys runs between them, and each path goes down the "
                       "side it starts on.")
    if c.settled:
        return c.feedback()
    # The final losses themselves, unrounded or as printed with 4 decimals:
    if np.allclose(c.value, ends, rtol=ROUNDING_RTOL, atol=5e-5):
        return False, ("those are the final losses; turn each into 1 (below 0.1, the better "
                       "valley) or 0 (the poorer one).")
    if c.near(1 - expected):
        return False, ("every entry is the wrong way round: 1 means the path ends in the better "
                       "valley, with a final loss below 0.1.")
    return c.hint("Run surface.descend(start, lr=0.5, steps=150) from each start and look at "
                  "the last entry of its .losses.")


@exercise("05.3", "the lowest grid point of the random-direction surface", solution="""
X, y = mv.moons(200, noise=0.2, seed=0)
net = mv.MLP([2, 16, 1], "tanh", "sigmoid", init="xavier", seed=0)
mv.train(net, X, y, lr=0.5, epochs=100, batch_size=32, loss="binary_cross_entropy")
surface = mv.direction_surface(net, X, y, loss="binary_cross_entropy", span=1.0, resolution=61)
# losses[i, j] sits at (alphas[j], betas[i]): the row is beta, the column alpha.
i, j = np.unravel_index(np.argmin(surface.losses), surface.losses.shape)
answer = np.array([surface.alphas[j], surface.betas[i]])
# (surface.minimum gives the same two numbers, and the loss there.)
""")
def _(answer):
    surface = _moons_surface()
    alpha, beta, low = surface.minimum
    expected = np.array([alpha, beta])
    i = int(np.argmin(np.abs(surface.betas - beta)))
    j = int(np.argmin(np.abs(surface.alphas - alpha)))
    c = compare_array(answer, expected, name="(alpha, beta)", atol=1e-6)
    if c.correct:
        centre = surface.loss_at(0.0, 0.0)
        return c.right(f"the lowest grid point is ({alpha:.4f}, {beta:.4f}) with loss {low:.4f}, "
                       f"a little below the trained network's {centre:.4f} at (0, 0): training "
                       "ended near the bottom of this bowl, not exactly at it (a fixed learning "
                       "rate and a limited number of epochs leave it slightly off).")
    if c.settled:
        return c.feedback()
    if c.near(expected[::-1]):
        return False, ("the two numbers are swapped: losses[i, j] is the loss at "
                       "(alphas[j], betas[i]), so the row index belongs to beta.")
    if c.near((i, j)) or c.near((j, i)):
        return False, ("those look like grid indices; give the coordinates there, "
                       "surface.alphas[j] and surface.betas[i].")
    if c.near((0.0, 0.0)):
        return False, ("(0, 0) is the trained network itself; look for the smallest entry of "
                       "surface.losses instead of assuming it is there.")
    return c.hint("Find the position of the smallest entry of surface.losses (np.argmin with "
                  "np.unravel_index) and read alphas and betas there.")


@exercise("05.4", "updates in five epochs", solution="""
# One epoch makes ceil(N / B) updates; five epochs make five times as many.
answer = 5 * mv.iterations_per_epoch(1050, 100)
""")
def _(answer):
    per_epoch = iterations_per_epoch(_N, _B)
    expected = _EPOCHS * per_epoch
    c = compare_number(answer, expected, name="the number of updates", rounding=False)
    if c.correct:
        return c.right(f"{per_epoch} updates per epoch: {_N // _B} full batches of {_B} and one "
                       f"last batch of the {_N % _B} samples left over; {_EPOCHS} epochs make "
                       f"{expected}.")
    if c.settled:
        return c.feedback()
    return c.hint(update_count_hint(c.value, _N, _B, _EPOCHS)
                  or "One epoch makes ceil(N / B) updates.")
