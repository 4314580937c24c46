"""Exercises of notebook 08 (vanishing and exploding gradients)."""

import numpy as np

from ..activations import get_activation
from ..clipping import clip_grad_norm
from ..diagnostics import gradient_flow
from ..network import MLP
from . import compare_array, compare_number, exercise

# The settings of the exercises; every expected answer is computed from them.
_N_SIGMOID = 6
_FLOW = dict(depth=12, width=32, activation="tanh", init="normal", weight_std=1.0, seed=0)
_W3 = np.array([[3.0, 3.0]])
_B3 = np.array([0.01])
_A2 = np.array([5.0, 5.0])
_Y = np.array([1.0])
_N_IN = 50
# 08.5: a two-layer network's gradient in one step, and the clip norm.
_DW1, _DB1 = np.array([[1.0, -2.0], [2.0, 0.0]]), np.array([0.0, 1.0])
_DW2, _DB2 = np.array([[4.0, -2.0]]), np.array([1.0])
_CLIP = 4.0


def _sigmoid_best():
    """The sigmoid's largest derivative, at z = 0."""
    return float(get_activation("sigmoid").derivative(np.array([0.0]))[0])


@exercise("08.1", "the largest product of 6 sigmoid derivatives", solution="""
sigmoid = mv.get_activation("sigmoid")
best = sigmoid.derivative(np.array([0.0]))[0]   # the largest slope, at z = 0: 0.25
# One factor per layer, each at most 0.25, multiplied together:
answer = float(best ** 6)
""")
def _(answer):
    best = _sigmoid_best()
    expected = best ** _N_SIGMOID
    # No absolute tolerance: the answer is tiny.
    c = compare_number(answer, expected, name="the product", atol=0.0)
    if c.correct:
        return c.right(f"At most {best:g}^{_N_SIGMOID} = {expected:.6g}: even in the best case "
                       f"(every unit at z = 0) six sigmoid layers pass back about "
                       f"1/{1 / expected:,.0f} of the gradient.")
    if c.settled:
        return c.feedback()
    if c.near(best * _N_SIGMOID):
        return c.hint("You multiplied the largest derivative by 6. The chain multiplies six "
                      "factors together: a power, not a product with 6.")
    if c.near(0.5 ** _N_SIGMOID):
        return c.hint("0.5 is the sigmoid's value at z = 0, not its slope. Use its derivative, "
                      "f'(z) = f(z)(1 − f(z)).")
    for n in (_N_SIGMOID - 1, _N_SIGMOID + 1):
        if c.near(best ** n):
            return c.hint("Count the factors again: one derivative per sigmoid layer, six "
                          "layers.")
    if c.near(1.0):
        return c.hint("1 is the largest slope of tanh or ReLU. The sigmoid's largest slope is "
                      "smaller: look at its derivative at z = 0.")
    return c.hint("Find the sigmoid's largest derivative (at z = 0, e.g. with "
                  "mv.get_activation('sigmoid').derivative), then multiply six of them.")


@exercise("08.2", "first/last ratio of a tanh network with large weights", solution="""
flow = mv.gradient_flow(12, 32, "tanh", "normal", weight_std=1.0, seed=0)
# grad_norms[0] is layer 1, grad_norms[-1] the output layer:
answer = float(flow.grad_norms[0] / flow.grad_norms[-1])   # the same as flow.first_to_last
""")
def _(answer):
    flow = gradient_flow(**_FLOW)
    norms = flow.grad_norms
    expected = float(norms[0] / norms[-1])
    c = compare_number(answer, expected, name="first / last", atol=0.0)
    if c.correct:
        verdict = "explodes" if expected > 1 else "vanishes"
        return c.right(f"first / last = {expected:.4g}: the gradient {verdict} on its way "
                       f"back, about {expected ** (1 / flow.depth):.2f} per layer. Weights "
                       f"of std 1 are too large for tanh; Xavier would keep it level.")
    if c.settled:
        return c.feedback()
    if c.near(1 / expected):
        return c.hint("That is last / first, the ratio inverted. Divide the first layer's norm "
                      "(grad_norms[0]) by the last layer's (grad_norms[-1]).")
    for i, j in ((1, -1), (0, -2), (1, -2)):
        if c.near(norms[i] / norms[j]):
            return c.hint("Check the indices: layer 1 is grad_norms[0] and the output layer is "
                          "grad_norms[-1].")
    return c.hint("Build the flow with exactly the settings given (seed=0 included) and divide "
                  "grad_norms[0] by grad_norms[-1].")


def _explosion_gradient():
    layer = MLP.from_weights([_W3.copy()], [_B3.copy()], output_activation="relu")
    _, grads = layer.loss_and_gradients(_A2, _Y)
    a3 = float(layer.forward(_A2)[0])
    return grads[0][0][0], a3


@exercise("08.3", "dW[3] in an explosion scenario", solution="""
W3 = np.array([[3.0, 3.0]])
b3 = np.array([0.01])
a2 = np.array([5.0, 5.0])
z3 = W3 @ a2 + b3                  # 3*5 + 3*5 + 0.01 = 30.01
a3 = np.maximum(0, z3)             # ReLU output
dz3 = (a3 - 1.0) * (z3 > 0)        # dL/da[3] = a[3] - y, times ReLU'(z[3]) = 1
answer = dz3[0] * a2               # dW[3] = dz[3] a[2]^T, as shape (2,)
# The same with mlp_viz:
# layer = mv.MLP.from_weights([W3], [b3], output_activation="relu")
# answer = layer.loss_and_gradients(a2, np.array([1.0]))[1][0][0][0]
""")
def _(answer):
    expected, a3 = _explosion_gradient()
    c = compare_array(answer, expected, name="dW[3]")
    if c.verdict == "shape" and c.value.shape == (1, 2):   # the shape of W[3]: fine too
        c = compare_array(c.value.ravel(), expected, name="dW[3]")
    if c.correct:
        return c.right(f"a[3] = {a3:.2f}, so dL/da[3] = {a3 - _Y[0]:.2f} and dW[3] = "
                       f"{a3 - _Y[0]:.2f} · a[2] = {np.round(expected, 2)}. With learning "
                       f"rate 0.1 each weight would move by {-0.1 * expected[0]:.2f} in one "
                       "step: large weights and activations make a large gradient.")
    if c.settled:
        return c.feedback()
    if any(c.near(old * _A2) for old in (-0.3921, -0.3911)):
        return c.hint("That uses the old example's dL/da[3]. The gradient comes from this "
                      "forward pass: compute a[3] with these weights first.")
    if c.near(-expected):
        return c.hint("Check the sign: dL/da[3] = a[3] − y, and the prediction is far above "
                      "the target.")
    if c.near((a3 - _Y[0]) * _W3[0]):
        return c.hint("That is W[3]^T dz[3], the gradient for a[2]. The weights' gradient "
                      "multiplies dz[3] by the inputs a[2].")
    return c.hint("Run the forward pass (z[3] = W[3] a[2] + b[3], then ReLU), take "
                  "dL/da[3] = a[3] − y, and multiply it by a[2].")


@exercise("08.4", "He initialisation's standard deviation", solution="""
n_in = 50
# He draws W from N(0, 2 / n_in): the variance is 2 / n_in, the std its square root.
answer = float(np.sqrt(2 / n_in))
""")
def _(answer):
    expected = float(np.sqrt(2.0 / _N_IN))
    c = compare_number(answer, expected, name="the standard deviation")
    if c.correct:
        flow = gradient_flow(10, _N_IN, "relu", "normal", weight_std=expected, seed=0)
        big = gradient_flow(10, _N_IN, "relu", "normal", weight_std=1.0, seed=0)
        return c.right(f"std = √(2/{_N_IN}) = {expected:.4g}. With it, 10 ReLU layers of "
                       f"{_N_IN} keep every gradient norm between {flow.grad_norms.min():.3g} "
                       f"and {flow.grad_norms.max():.3g}; with std 1 they reach "
                       f"{big.grad_norms.max():.3g}.")
    if c.settled:
        return c.feedback()
    if c.near(2.0 / _N_IN):
        return c.hint("That is the variance, 2 / n_in. The standard deviation is its square "
                      "root.")
    # For a square layer Xavier's √(2 / (n_in + n_out)) is √(1 / n_in): one slip, one message.
    if c.near(np.sqrt(1.0 / _N_IN)):
        return c.hint("That is √(1 / n_in), which is also Xavier's √(2 / (n_in + n_out)) for a "
                      "square layer. He puts a 2 over n_in alone: it makes up for ReLU setting "
                      "about half of the entries to 0.")
    return c.hint("He initialisation draws W from a normal distribution with variance "
                  "2 / n_in; see the table in mlp_viz/initializers.py.")


def _clipped_dW1():
    """dW[1] clipped as train clips (the whole gradient, flat), and the factor."""
    clipped, factor = clip_grad_norm([_DW1, _DB1, _DW2, _DB2], _CLIP)
    return clipped[0], factor


def _norm(*arrays):
    return float(np.sqrt(sum(np.sum(a ** 2) for a in arrays)))


@exercise("08.5", "dW[1] after clipping the whole gradient", solution="""
dW1, db1 = np.array([[1.0, -2.0], [2.0, 0.0]]), np.array([0.0, 1.0])
dW2, db2 = np.array([[4.0, -2.0]]), np.array([1.0])
clip_norm = 4.0
# The norm of the whole gradient: every entry of every dW and db, squared and added up.
norm = np.sqrt(sum(np.sum(g ** 2) for g in (dW1, db1, dW2, db2)))
factor = min(1.0, clip_norm / (norm + 1e-6))   # as torch.nn.utils.clip_grad_norm_
answer = dW1 * factor                           # every layer is scaled by the same factor
""")
def _(answer):
    expected, factor = _clipped_dW1()
    layer_1, layer_2 = _norm(_DW1, _DB1), _norm(_DW2, _DB2)
    total = _norm(_DW1, _DB1, _DW2, _DB2)
    c = compare_array(answer, expected, name="your dW[1]")
    if c.correct:
        return c.right(f"the whole gradient has norm √({total ** 2:g}) = {total:.4g} > {_CLIP:g}, "
                       f"so every dW and db is multiplied by {_CLIP:g} / {total:.4g} = "
                       f"{factor:.4f}, layer 1 too, although its own part (norm {layer_1:.4g}) "
                       f"is shorter than {_CLIP:g}. The direction stays the same, and so does "
                       "the ratio between the layers. (The 1e-6 only guards against dividing "
                       "by 0; here it changes the factor in the 7th digit.)")
    if c.settled:
        return c.feedback()
    if c.near(_DW1):
        return False, (f"layer 1's own part has norm {layer_1:.4g}, below clip_norm, but "
                       "clip_norm is compared with the norm of the whole gradient (all layers "
                       "together); when that is too long, every layer is scaled by the same "
                       "factor.")
    if any(c.near(_DW1 * _CLIP / n) for n in (layer_1, _norm(_DW1))):
        return False, ("clipping never makes a gradient longer (a gradient shorter than "
                       "clip_norm is left as it is), and the norm it compares is that of the "
                       "whole gradient, all layers together, not layer 1's alone.")
    if c.near(_DW1 * _CLIP / _norm(_DW1, _DW2)):
        return False, ("the norm of the whole gradient includes the biases' gradients db "
                       "as well as every dW.")
    if c.near(_DW1 * _CLIP / (layer_1 + layer_2)):
        return False, ("the norm of the whole gradient is the square root of the sum of all "
                       "its squared entries, √(‖g[1]‖² + ‖g[2]‖²), not the sum of the layers' "
                       "norms.")
    if c.near(_DW1 * total / _CLIP):
        return False, ("that makes the gradient longer: the factor is clip_norm / norm, below "
                       "1 when the gradient is too long.")
    return c.hint("Add up the squares of every entry of dW[1], db[1], dW[2] and db[2], take the "
                  "square root, and if it is above clip_norm multiply dW[1] by "
                  "clip_norm / (norm + 1e-6).")
