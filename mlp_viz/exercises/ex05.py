"""Exercises of notebook 05 (loss surfaces)."""

import numpy as np

from ..datasets import house_price_example, moons, two_valleys
from ..network import MLP
from ..surfaces import direction_surface, parameter_surface
from ..training import iterations_per_epoch, train
from . import compare_array, compare_number, exercise, update_count_hint
from . import is_number as _is
from . import same_array as _same

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
    ok, message = compare_number(answer, expected, name="the loss")
    if ok:
        net, example = _house_net(_W_VALUE, _B_VALUE)
        prediction = float(net.forward(example.x)[0])
        return True, (f"L = {expected:.4f}. The prediction is now {prediction:.4f}, a little "
                      f"above the target {example.y[0]:g}, so the loss is small; "
                      "surface.loss_at(0.3, -0.5) gives the same number.")
    if _is(answer, _house_loss()):
        return False, message + (" That is the loss with the network's own values: set both "
                                 "parameters on the copy before computing the loss.")
    if _is(answer, _house_loss(_B_VALUE, _W_VALUE)):
        return False, message + (" You swapped the two: the weight W[3][0, 1] is 0.3 and the "
                                 "bias b[3][0] is −0.5.")
    if _is(answer, _house_loss(_W_VALUE, _B_VALUE, entry=(0, 0))):
        return False, message + (" You changed W[3][0, 0], the weight from the first neuron of "
                                 "layer 2; the exercise asks for W[3][0, 1] (column 1).")
    if _is(answer, 2 * expected):
        return False, message + " Remember the ½ in the course's squared-error loss."
    return False, message + (" Copy the network, set weights[2][0, 1] and biases[2][0] (layer 3 "
                             "is index 2 in Python), then call loss(example.x, example.y).")


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
    if _same(answer, ends):
        return False, ("those are the final losses; turn each into 1 (below 0.1, the better "
                       "valley) or 0 (the poorer one).")
    ok, message = compare_array(answer, expected, name="your array")
    if ok:
        return True, (f"the final losses are {np.round(ends, 4)}. The starts (1, 1) and (2, 0) "
                      "lie close together, yet they end in different valleys: the ridge "
                      "between the two valleys runs between them, and each path goes down the "
                      "side it starts on.")
    if _same(answer, 1 - expected):
        return False, ("every entry is the wrong way round: 1 means the path ends in the better "
                       "valley, with a final loss below 0.1.")
    return False, message + (" Run surface.descend(start, lr=0.5, steps=150) from each start "
                             "and look at the last entry of its .losses.")


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
    if _same(answer, expected[::-1]) and not np.allclose(expected, expected[::-1]):
        return False, ("the two numbers are swapped: losses[i, j] is the loss at "
                       "(alphas[j], betas[i]), so the row index belongs to beta.")
    if _same(answer, (i, j)) or _same(answer, (j, i)):
        return False, ("those look like grid indices; give the coordinates there, "
                       "surface.alphas[j] and surface.betas[i].")
    ok, message = compare_array(answer, expected, name="(alpha, beta)", atol=1e-6)
    if ok:
        centre = surface.loss_at(0.0, 0.0)
        return True, (f"the lowest grid point is ({alpha:.4f}, {beta:.4f}) with loss {low:.4f}, "
                      f"a little below the trained network's {centre:.4f} at (0, 0): training "
                      "ended near the bottom of this bowl, not exactly at it (a fixed learning "
                      "rate and a limited number of epochs leave it slightly off).")
    if _same(answer, (0.0, 0.0)):
        return False, ("(0, 0) is the trained network itself; look for the smallest entry of "
                       "surface.losses instead of assuming it is there.")
    return False, message + (" Find the position of the smallest entry of surface.losses "
                             "(np.argmin with np.unravel_index) and read alphas and betas "
                             "there.")


@exercise("05.4", "updates in five epochs", solution="""
# One epoch makes ceil(N / B) updates; five epochs make five times as many.
answer = 5 * mv.iterations_per_epoch(1050, 100)
""")
def _(answer):
    per_epoch = iterations_per_epoch(_N, _B)
    expected = _EPOCHS * per_epoch
    ok, message = compare_number(answer, expected, name="the number of updates")
    if ok:
        return True, (f"{per_epoch} updates per epoch: {_N // _B} full batches of {_B} and one "
                      f"last batch of the {_N % _B} samples left over; {_EPOCHS} epochs make "
                      f"{expected}.")
    hint = update_count_hint(answer, _N, _B, _EPOCHS)
    return False, message + " " + (hint or "One epoch makes ceil(N / B) updates.")
