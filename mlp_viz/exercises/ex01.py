"""Exercises of notebook 01 (layers and neurons)."""

import numpy as np

from ..network import MLP
from . import compare_array, compare_number, exercise
from .counting import parameter_count_hint

# The architecture of exercises 01.2 and 01.3, and the small batch of 01.4; the
# expected answers are computed from them.
_SIZES = (784, 128, 64, 10)
_X = np.array([[1, 2, 0], [0, 1, 3], [2, -1, 1]], dtype=float)
_W = np.array([[2, -1, 1], [1, 0, -2]], dtype=float)
_B = np.array([1, 3], dtype=float)


@exercise("01.1", "input neurons for a colour image", solution="""
# One input neuron per number the sample is made of: every pixel of every colour channel.
answer = 64 * 64 * 3
""")
def _(answer):
    c = compare_number(answer, 64 * 64 * 3, name="the number of input neurons", rounding=False)
    if c.correct:
        return c.right("one input neuron per pixel and colour channel: 64 · 64 · 3 = 12288.")
    if c.settled:
        return c.feedback()
    if c.near(64 * 64):
        return False, ("that counts every pixel once, but a colour pixel is three numbers "
                       "(red, green, blue), and each number needs its own input neuron.")
    return c.hint("Count one neuron for every pixel of every colour channel.")


@exercise("01.2", "the shape of a weight matrix", solution="""
# W[2] sits between layer 1 (the first hidden layer) and layer 2 (the second):
# one row per neuron of layer 2, one column per neuron of layer 1.
sizes = [784, 128, 64, 10]
answer = (sizes[2], sizes[1])
""")
def _(answer):
    net = MLP(_SIZES, init="zeros")
    sizes, expected = net.layer_sizes, net.weights[1].shape
    c = compare_array(answer, expected, name="the shape", rounding=False)
    if c.correct:
        return c.right(f"W[2] has shape {expected}: one row for each of the {expected[0]} "
                       f"neurons of layer 2, one column for each of the {expected[1]} "
                       "outputs of layer 1 that every one of them reads.")
    if c.verdict == "shape":
        return False, ("give the shape as two numbers, (rows, columns), e.g. a tuple like "
                       "the one `W.shape` returns.")
    if c.settled:
        return c.feedback()
    if c.near(expected[::-1]):
        return False, ("those are the right two numbers in the wrong order: W has one row per "
                       "neuron of its own layer and one column per neuron of the layer before.")
    for l in (1, 3):
        if c.near((sizes[l], sizes[l - 1])):
            return False, (f"that is the shape of W[{l}]. W[l] connects layer l-1 to layer l, "
                           "and the input layer is layer 0.")
    return False, ("not yet. W[2] connects layer 1 to layer 2 (the input layer is layer 0): "
                   "one row per neuron of layer 2, one column per neuron of layer 1.")


@exercise("01.3", "the number of parameters of a network", solution="""
sizes = [784, 128, 64, 10]
# Each layer after the input has n_out * n_in weights and n_out biases.
answer = sum(n_out * n_in + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
# mv.MLP(sizes).n_params counts the same way and gives the same number.
""")
def _(answer):
    net = MLP(_SIZES, init="zeros")
    expected = net.n_params
    c = compare_number(answer, expected, name="the number of parameters", rounding=False)
    if c.correct:
        n_weights = sum(W.size for W in net.weights)
        n_biases = sum(b.size for b in net.biases)
        return c.right(f"{n_weights} weights and {n_biases} biases make {expected} parameters; "
                      f"{net.weights[0].size + net.biases[0].size} of them belong to the first "
                      f"layer, between the {_SIZES[0]} inputs and the {_SIZES[1]} neurons of "
                       "the first hidden layer.")
    if c.settled:
        return c.feedback()
    return c.hint(parameter_count_hint(c.value, _SIZES))


@exercise("01.4", "one layer's z for a batch", solution="""
X = np.array([[1, 2, 0], [0, 1, 3], [2, -1, 1]])
W = np.array([[2, -1, 1], [1, 0, -2]])
b = np.array([1, 3])
# One row per sample: row n is W @ X[n] + b.
answer = X @ W.T + b
""")
def _(answer):
    # The layer as mlp_viz runs it: a one-layer network with these weights, no activation.
    net = MLP.from_weights([_W], [_B], output_activation="identity")
    expected = net.forward_trace(_X).z[1]
    c = compare_array(answer, expected, name="Z")
    if c.correct:
        return c.right("row n of Z is W @ x_n + b for sample n, and column j holds what "
                       "neuron j computes for each of the three samples.")
    if c.settled:
        return c.feedback()
    if c.near(_X @ _W.T):
        return False, "close: you left out the bias b, which is added to every row."
    if c.near(np.maximum(expected, 0)):
        return False, ("you applied ReLU: z is the weighted sum plus bias, before any "
                       "activation, so it may be negative.")
    return c.hint("Row n is sample n: each of its two entries is one row of W times X[n], "
                  "plus that neuron's bias.")
