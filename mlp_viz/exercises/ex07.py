"""Exercises of notebook 07 (dropout, and L2 regularisation beside it)."""

import numpy as np

from ..dropout import dropout
from ..network import MLP
from ..training import train
from . import compare_array, compare_number, exercise

# The settings of the exercises; every expected answer is computed from them.
_A = np.array([0.8, 2.4, 0.0, 1.6, 3.2])
_KEEP = np.array([True, False, True, True, False])
_RATE = 0.4
_N_NEURONS, _RATE_2 = 256, 0.2
_W = np.array([[0.5, -1.0, 0.25], [1.0, 0.5, -1.0], [-0.5, 2.0, 0.5]])
_B = np.array([0.1, 0.2, -0.3])
_A_PREV = np.array([2.0, 0.5, 4.0])
_RATE_3 = 0.5
# 07.4: one SGD step with weight decay on a one-layer network (identity output, MSE).
_W_4, _B_4 = np.array([[0.5, -1.0]]), np.array([1.0])
_X_4, _Y_4 = np.array([[1.0, 2.0]]), np.array([0.0])
_LR_4, _LAMBDA_4 = 0.1, 0.2


@exercise("07.1", "inverted dropout with a given mask", solution="""
a = np.array([0.8, 2.4, 0.0, 1.6, 3.2])
mask = np.array([True, False, True, True, False])
rate = 0.4
# Zero the dropped neurons, then divide the kept ones by the keep probability 1 - rate.
answer = a * mask / (1 - rate)
# mv.dropout(a, rate, keep_mask=mask)[0] gives the same.
""")
def _(answer):
    expected, _ = dropout(_A, _RATE, keep_mask=_KEEP)
    keep = 1 - _RATE
    c = compare_array(answer, expected, name="your array")
    if c.correct:
        return c.right(f"the dropped neurons pass on 0 and the kept ones are divided by "
                       f"1 − {_RATE} = {keep:.1f}, so on average the next layer receives what it "
                       "would without dropout. (The third neuron is kept, but its activation "
                       "is 0 anyway.)")
    if c.settled:
        return c.feedback()
    if c.near(_A * _KEEP * keep):
        return False, ("you multiplied the kept activations by the keep probability, as the "
                       "course notes do; inverted dropout divides by it, so that the expected "
                       "value stays the same.")
    if c.near(_A * _KEEP):
        return False, ("the mask is applied, but the kept activations are not rescaled: "
                       "inverted dropout also divides them by the keep probability 1 − rate.")
    if c.near(_A * _KEEP / _RATE):
        return False, ("you divided by the rate; divide by the keep probability, 1 − rate. "
                       "The rate is the probability of dropping a neuron.")
    if c.near(_A * ~_KEEP / keep):
        return False, ("the mask is the wrong way round: True means kept, so the neurons "
                       "with False pass on 0.")
    if c.near(_A / keep):
        return False, "you rescaled every neuron, but forgot to zero the dropped ones (mask False)."
    return c.hint("Each entry is a[i] · mask[i] / (1 − rate): 0 where the mask is False.")


@exercise("07.2", "the expected number of kept neurons", solution="""
n_neurons, rate = 256, 0.2
# Each neuron is kept with probability 1 - rate, independently: the average count is
answer = n_neurons * (1 - rate)
""")
def _(answer):
    expected = _N_NEURONS * (1 - _RATE_2)
    # A whole count next to the mean is a slip (rounding the mean), not a rounding of it.
    whole = (np.floor(expected), np.ceil(expected))
    c = compare_number(answer, expected, name="the expected number of kept neurons", slips=whole)
    if c.correct:
        return c.right(f"each neuron is kept with probability 1 − {_RATE_2} = "
                       f"{1 - _RATE_2:.1f}, so on average {expected:g} of {_N_NEURONS} are "
                       "kept. In a given step the count is a whole number near it, different "
                       "each time.")
    if c.settled:
        return c.feedback()
    if any(c.near(count) for count in whole):
        return False, ("close, but do not round: an average need not be a whole number, "
                       "give the exact expected value.")
    if c.near(_N_NEURONS * _RATE_2):
        return False, ("that is the expected number of *dropped* neurons: the rate is the "
                       "probability of dropping, and a neuron is kept with probability 1 − rate.")
    if c.near(_N_NEURONS):
        return False, ("all neurons take part only at evaluation time; in a training step each "
                       "is dropped with probability equal to the rate.")
    if c.near(1 - _RATE_2):
        return False, ("that is the keep probability of one neuron; multiply it by the number "
                       "of neurons.")
    return c.hint("Each neuron is kept with probability 1 − rate, independently of the others; "
                  "add that up over the neurons.")


@exercise("07.3", "a layer's output at evaluation time", solution="""
W = np.array([[0.5, -1.0, 0.25], [1.0, 0.5, -1.0], [-0.5, 2.0, 0.5]])
b = np.array([0.1, 0.2, -0.3])
a_prev = np.array([2.0, 0.5, 4.0])
# At evaluation time dropout does nothing: no mask, no scaling, just the layer itself.
answer = np.maximum(W @ a_prev + b, 0)
""")
def _(answer):
    # The layer as mlp_viz runs it at evaluation time (training=False).
    layer = MLP.from_weights([_W], [_B], activation="relu", output_activation="relu")
    expected = layer.forward(_A_PREV)
    keep = 1 - _RATE_3
    c = compare_array(answer, expected, name="your array")
    if c.correct:
        return c.right("at evaluation time every neuron takes part and nothing is rescaled: "
                       "the layer computes ReLU(W a_prev + b), exactly as without dropout. The "
                       "division by the keep probability during training is what makes this "
                       "possible.")
    if c.settled:
        return c.feedback()
    if c.near(expected * keep):
        return False, ("you multiplied by the keep probability. With inverted dropout the "
                       "correction already happened in training (the division), so at "
                       "evaluation time nothing is scaled.")
    if c.near(expected / keep):
        return False, ("you divided by the keep probability, but that belongs to training "
                       "only: at evaluation time no neuron is dropped and none is rescaled.")
    if c.near(_W @ _A_PREV + _B):
        return False, "that is z; the layer passes on ReLU(z), so negative entries become 0."
    if c.near(_W @ _A_PREV):
        return False, "you left out the bias b, and ReLU comes after adding it."
    return c.hint("Compute ReLU(W @ a_prev + b) with no mask and no scaling: dropout is "
                  "switched off at evaluation time.")


def _decay_step():
    """The parameters after the step as train takes it, flat: [w_1, w_2, b]; and the gradient."""
    net = MLP.from_weights([_W_4.copy()], [_B_4.copy()], output_activation="identity")
    _, grads = net.loss_and_gradients(_X_4, _Y_4)
    train(net, _X_4, _Y_4, lr=_LR_4, epochs=1, loss="mse", weight_decay=_LAMBDA_4)
    return np.append(net.weights[0], net.biases[0]), grads[0]


@exercise("07.4", "one SGD step with weight decay", solution="""
W, b = np.array([0.5, -1.0]), 1.0           # the layer's two weights and its bias
x, y = np.array([1.0, 2.0]), 0.0
lr, lam = 0.1, 0.2
dz = W @ x + b - y                          # identity output, loss 1/2 (a - y)^2: dL/dz = a - y
dW, db = dz * x, dz
W_new = W - lr * (dW + lam * W)             # weight decay adds lam * W to the weights' gradient
b_new = b - lr * db                         # ... and nothing to the bias's
answer = np.append(W_new, b_new)
# With mlp_viz: net = mv.MLP.from_weights([W[None]], [np.array([b])])
# mv.train(net, x[None], np.array([y]), lr=lr, epochs=1, weight_decay=lam)
""")
def _(answer):
    expected, (dW, db) = _decay_step()
    w, b = _W_4[0], _B_4[0]
    after_step = np.append((1 - _LR_4 * _LAMBDA_4) * (w - _LR_4 * dW[0]), b - _LR_4 * db[0])
    # Decaying after the gradient step lands within 3 significant digits: a slip, not rounding.
    c = compare_array(answer, expected, name="your array", slips=[after_step])
    if c.correct:
        return c.right(f"the weights' gradient gets λW added, so each step shrinks every weight "
                       f"by the fraction lr·λ = {_LR_4 * _LAMBDA_4:g} before the gradient moves "
                       f"it: W ← (1 − lr·λ) W − lr·dW. The bias has no decay and takes the plain "
                       f"step to {expected[-1]:g}.")
    if c.settled:
        return c.feedback()
    no_decay = np.append(w - _LR_4 * dW[0], b - _LR_4 * db[0])
    if c.near(np.append(w - _LR_4 * (dW[0] + _LAMBDA_4 * w), b - _LR_4 * (db[0] + _LAMBDA_4 * b))):
        return False, ("the weights are right, but the bias is not decayed: weight decay adds "
                       "λW to the weights' gradients only, and the bias takes the plain step "
                       "b − lr·db.")
    if c.near(no_decay - _LAMBDA_4 * np.append(w, 0.0)):
        return False, ("the decay term λW is part of the gradient, so it is multiplied by the "
                       "learning rate too: W − lr·(dW + λW), not W − lr·dW − λW.")
    if c.near(np.append(w - _LR_4 * (dW[0] - _LAMBDA_4 * w), b - _LR_4 * db[0])):
        return False, ("check the sign: the penalty (λ/2)‖W‖² has gradient +λW, and the step "
                       "goes against the gradient, so the weights shrink towards 0.")
    if c.near(no_decay):
        return False, ("that is the step with no weight decay: add λW to the weights' gradient "
                       "before the step.")
    if c.near(after_step):
        return False, ("you shrank the weights after the gradient step, (1 − lr·λ)(W − lr·dW). "
                       "The decay is added to the gradient, so it shrinks the weights from "
                       "before the step: W − lr·(dW + λW).")
    return c.hint("Compute the gradient (dL/dz = a − y, dW = dz·x, db = dz), add λW to dW only, "
                  "then step every parameter by −lr times its gradient; give [w_1, w_2, b].")
