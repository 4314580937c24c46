"""Exercises of notebook 04 (back-propagation)."""

import numpy as np

from ..datasets import house_price_example
from ..training import train
from . import compare_array, compare_number, exercise

# The settings of the exercises; every expected answer is computed from them.
_NEW_TARGET = 2.0
_LR, _NOTEBOOK_LR = 0.001, 0.1      # 04.2's step, and the one the notebook takes and prints
_W3_OTHER = np.array([[0.5, -0.2]])
_DZ3_OTHER = np.array([-0.4])
_CABIN, _CABIN_PRICE = np.array([150.0, 1.0, 110.0]), np.array([0.3])   # 04.4


def _example_gradients(x=None, target=None):
    """The house network, and its gradients for house `x` and `target` (None: the example's)."""
    example = house_price_example()
    net = example.network()
    x = example.x if x is None else x
    y = example.y if target is None else np.array([target]).ravel()
    _, grads = net.loss_and_gradients(x, y)
    return example, net, grads


def _zeros_per_layer(grads):
    """How many entries of each layer's dW and db together are exactly 0."""
    return [int(np.sum(dW == 0) + np.sum(db == 0)) for dW, db in grads]


@exercise("04.1", "db[3] for another target", solution="""
example = mv.house_price_example()
net = example.network()
a3 = net.forward(example.x)        # the prediction, shape (1,); it does not depend on y
# dL/dz[3] = (a[3] - y) * ReLU'(z[3]); z[3] > 0, so ReLU'(z[3]) = 1, and db[3] = dL/dz[3].
answer = float(a3[0] - 2.0)
""")
def _(answer):
    _, _, grads = _example_gradients(target=_NEW_TARGET)
    expected = float(grads[2][1][0])
    c = compare_number(answer, expected, name="db[3]")
    if c.correct:
        return c.right(f"db[3] = dL/dz[3] = a[3] − y = {expected:.4f}. The prediction is now "
                       "further below the target, so the gradient is larger, and still "
                       "negative: a step against it raises b[3] and with it the prediction.")
    if c.settled:
        return c.feedback()
    _, _, old = _example_gradients()
    if c.near(float(old[2][1][0])):
        return c.hint("That is the value for the old target y = 1; redo it with y = 2.")
    if c.near(-expected):
        return c.hint("Check the sign: dL/da[3] = a[3] − y, prediction minus target, which is "
                      "negative when the prediction is too low.")
    return c.hint("Start from dL/da[3] = a[3] − y with the prediction a[3] of the forward pass; "
                  "ReLU'(z[3]) is 1 here because z[3] > 0.")


@exercise("04.2", "one weight after a shorter step", solution="""
example = mv.house_price_example()
net = example.network()
_, grads = net.loss_and_gradients(example.x, example.y)
dW1 = grads[0][0]                  # dL/dW[1], shape (2, 3) like W[1]
# new = old - learning rate * gradient, for that one entry (row 1, column 0):
answer = float(net.weights[0][1, 0] - 0.001 * dW1[1, 0])
""")
def _(answer):
    example, net, grads = _example_gradients()
    old, grad = float(net.weights[0][1, 0]), float(grads[0][0][1, 0])
    expected = old - _LR * grad
    c = compare_number(answer, expected, name="the new W[1][1, 0]")
    if c.correct:
        after = train(net.copy(), example.x.reshape(1, -1), example.y, lr=_LR, epochs=1).loss[1]
        return c.right(f"W[1][1, 0] goes from {old:g} to {old:g} − {_LR:g} · ({grad:.4f}) = "
                       f"{expected:.7g}. The notes leave this weight unchanged, because in "
                       "their working the gradient reaching the second neuron of layer 1 "
                       "cancels out; with the true ReLU derivative it does not. With every "
                       f"parameter stepped this way the loss falls to {after:.4f}.")
    if c.settled:
        return c.feedback()
    if c.near(old):
        return c.hint("That is the weight before the step. Its gradient is not 0: the second "
                      "neuron of layer 1 gets gradient through the second neuron of layer 2.")
    if c.near(old + _LR * grad):
        return c.hint(f"Check the sign: gradient descent subtracts the gradient, new = old − "
                      f"{_LR:g} · dW.")
    if c.near(old - _NOTEBOOK_LR * grad):
        return c.hint(f"That is the step with learning rate {_NOTEBOOK_LR:g}, the one printed "
                      f"above; this step has learning rate {_LR:g}.")
    if c.near(-_LR * grad):
        return c.hint(f"That is the change, −{_LR:g} · dW; add it to the weight's old value.")
    if c.near(float(net.weights[0][0, 0] - _LR * grads[0][0][0, 0])):
        return c.hint("That is the first neuron's size weight, W[1][0, 0] in Python; the "
                      "exercise asks for the second neuron's, row 1, column 0: W[1][1, 0].")
    return c.hint(f"Take the entry in row 1, column 0 (counted from 0: W[1][1, 0]) of both "
                  f"W[1] and dW[1], and use new = old − {_LR:g} · dW.")


@exercise("04.3", "dL/da[2] from dz[3] and W[3]", solution="""
W3 = np.array([[0.5, -0.2]])       # shape (1, 2): 1 output neuron, 2 inputs
dz3 = np.array([-0.4])             # shape (1,)
# Going back, the gradient flows from 1 neuron to 2 inputs: W[3]^T, shape (2, 1).
answer = W3.T @ dz3                # shape (2,)
""")
def _(answer):
    expected = _W3_OTHER.T @ _DZ3_OTHER
    c = compare_array(answer, expected, name="dL/da[2]")
    if c.verdict == "shape" and c.value.size == expected.size:
        return False, (f"dL/da[2] has shape {c.value.shape}, but it should have shape "
                       f"{expected.shape}: one number per neuron of layer 2. W[3]^T @ dz[3] "
                       "gives that shape directly (or flatten yours with .ravel()).")
    if c.correct:
        return c.right(f"dL/da[2] = W[3]^T dz[3] = {np.round(expected, 4)}: each neuron of "
                       "layer 2 receives the output's gradient times the weight it was "
                       "multiplied by on the way forward.")
    if c.settled:
        return c.feedback()
    if c.near(-expected):
        return c.hint("Check the sign: dz[3] is negative, so a positive weight gives a negative "
                      "entry.")
    return c.hint("Entry j is W[3][0, j] · dz[3][0]: the gradient flows back along each weight, "
                  "which is what W[3]^T dz[3] computes.")


@exercise("04.4", "zero gradients for another house", solution="""
net = mv.house_price_example().network()
cabin, price = np.array([150.0, 1.0, 110.0]), np.array([0.3])
_, grads = net.loss_and_gradients(cabin, price)
# Count the zeros in every dW and db:
answer = sum(int(np.sum(g == 0)) for dW, db in grads for g in (dW, db))
""")
def _(answer):
    _, net, grads = _example_gradients(_CABIN, _CABIN_PRICE)
    per_layer = _zeros_per_layer(grads)
    expected = sum(per_layer)
    trace = net.forward_trace(_CABIN)
    layer, unit = next((l, int(np.flatnonzero(trace.z[l] <= 0)[0]))
                       for l in range(1, net.n_layers) if np.any(trace.z[l] <= 0))
    own, leaving = per_layer[layer - 1], int(np.sum(grads[layer][0] == 0))
    _, _, house_grads = _example_gradients()
    c = compare_number(answer, expected, name="the number of zeros", rounding=False)
    if c.correct:
        return c.right(f"for this cabin, neuron {unit + 1} of layer {layer} is off "
                       f"(z[{layer}] = {trace.z[layer][unit]:.4f} < 0): its own weights and bias "
                       f"give {own} zeros (a row of dW[{layer}] and an entry of db[{layer}]), and "
                       f"the {leaving} weights of dW[{layer + 1}] that read its output, "
                       f"a[{layer}] = 0, give {leaving} more. The dead neuron of the notebook's "
                       "house is on for the cabin, so its zeros are gone.")
    if c.settled:
        return c.feedback()
    # The notebook's house has 4 zeros, and so do the cabin's dead neuron's own parameters:
    # one answer, two likely reasons, one message naming both.
    if c.near(own) or c.near(sum(_zeros_per_layer(house_grads))):
        return c.hint(f"{c.value:g} is the count for the notebook's house, printed above, and "
                      "also what the cabin's dead neuron has in its own weights and bias. Look "
                      "also at the weights that leave that neuron: their input is 0.")
    if c.near(leaving):
        return c.hint(f"You found the zeros of dW[{layer + 1}], the weights that read the dead "
                      f"neuron's output. The neuron's own weights and bias, in dW[{layer}] and "
                      f"db[{layer}], have zero gradient too.")
    return c.hint("Compute the cabin's gradients with net.loss_and_gradients(cabin, price) and "
                  "count every entry equal to 0 in dW[1], db[1], dW[2], db[2], dW[3] and db[3] "
                  "(print them, or use np.sum(g == 0)).")
