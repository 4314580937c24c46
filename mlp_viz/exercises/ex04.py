"""Exercises of notebook 04 (back-propagation)."""

import numpy as np

from ..datasets import house_price_example
from . import compare_array, compare_number, exercise
from . import is_number as _is

# The settings of the exercises; every expected answer is computed from them.
_NEW_TARGET = 2.0
_LR = 0.1
_W3_OTHER = np.array([[0.5, -0.2]])
_DZ3_OTHER = np.array([-0.4])


def _rounded(answer, expected):
    """True if `answer` is `expected` up to rounding of printed values."""
    return _is(answer, expected, rtol=1e-3)


_ROUNDED = (" It is very close: compute it from the unrounded values (the arrays themselves) "
            "rather than from the rounded numbers printed above.")


def _example_gradients(target=None):
    example = house_price_example()
    net = example.network()
    y = example.y if target is None else np.array([target])
    _, grads = net.loss_and_gradients(example.x, y)
    return example, net, grads


@exercise("04.1", "db[3] for another target", solution="""
example = mv.house_price_example()
net = example.network()
a3 = net.forward(example.x)        # the prediction, shape (1,); it does not depend on y
# dL/dz[3] = (a[3] - y) * ReLU'(z[3]); z[3] > 0, so ReLU'(z[3]) = 1, and db[3] = dL/dz[3].
answer = float(a3[0] - 2.0)
""")
def _(answer):
    _, _, grads = _example_gradients(_NEW_TARGET)
    expected = float(grads[2][1][0])
    ok, message = compare_number(answer, expected, name="db[3]")
    if ok:
        return True, (f"db[3] = dL/dz[3] = a[3] − y = {expected:.4f}. The prediction is now "
                      "further below the target, so the gradient is larger, and still negative: "
                      "a step against it raises b[3] and with it the prediction.")
    if _rounded(answer, expected):
        return False, message + _ROUNDED
    _, _, old = _example_gradients()
    if _is(answer, float(old[2][1][0])):
        return False, message + (" That is the value for the old target y = 1; redo it with "
                                 "y = 2.")
    if _is(answer, -expected):
        return False, message + (" Check the sign: dL/da[3] = a[3] − y, prediction minus "
                                 "target, which is negative when the prediction is too low.")
    return False, message + (" Start from dL/da[3] = a[3] − y with the prediction a[3] of the "
                             "forward pass; ReLU'(z[3]) is 1 here because z[3] > 0.")


@exercise("04.2", "one weight after one update", solution="""
example = mv.house_price_example()
net = example.network()
_, grads = net.loss_and_gradients(example.x, example.y)
dW1 = grads[0][0]                  # dL/dW[1], shape (2, 3) like W[1]
# new = old - learning rate * gradient, for that one entry (row 2, column 1 -> [1, 0]):
answer = float(net.weights[0][1, 0] - 0.1 * dW1[1, 0])
""")
def _(answer):
    _, net, grads = _example_gradients()
    old, grad = float(net.weights[0][1, 0]), float(grads[0][0][1, 0])
    expected = old - _LR * grad
    ok, message = compare_number(answer, expected, name="the new W[1][1, 0]")
    if ok:
        return True, (f"W[1][1, 0] goes from {old:g} to {old:g} − 0.1 · ({grad:.4f}) = "
                      f"{expected:.4f}. The notes leave this weight unchanged, because in their "
                      "working the gradient reaching the second neuron of layer 1 cancels out; "
                      "with the true ReLU derivative it does not.")
    if _rounded(answer, expected):
        return False, message + _ROUNDED
    if _is(answer, old):
        return False, message + (" That is the weight before the step. Its gradient is not 0: "
                                 "the second neuron of layer 1 gets gradient through the "
                                 "second neuron of layer 2.")
    if _is(answer, old + _LR * grad):
        return False, message + (" Check the sign: gradient descent subtracts the gradient, "
                                 "new = old − 0.1 · dW.")
    return False, message + (" Take the entry in row 2, column 1 (W[1][1, 0] in Python) of "
                             "both W[1] and dW[1], and use new = old − 0.1 · dW.")


@exercise("04.3", "dL/da[2] from dz[3] and W[3]", solution="""
W3 = np.array([[0.5, -0.2]])       # shape (1, 2): 1 output neuron, 2 inputs
dz3 = np.array([-0.4])             # shape (1,)
# Going back, the gradient flows from 1 neuron to 2 inputs: W[3]^T, shape (2, 1).
answer = W3.T @ dz3                # shape (2,)
""")
def _(answer):
    expected = _W3_OTHER.T @ _DZ3_OTHER
    got = np.asarray(answer, dtype=float) if not isinstance(answer, str) else None
    if got is not None and got.size == expected.size and got.shape != expected.shape:
        return False, (f"dL/da[2] has shape {got.shape}, but it should have shape "
                       f"{expected.shape}: one number per neuron of layer 2. W[3]^T @ dz[3] "
                       "gives that shape directly (or flatten yours with .ravel()).")
    ok, message = compare_array(answer, expected, name="dL/da[2]")
    if ok:
        return True, (f"dL/da[2] = W[3]^T dz[3] = {np.round(expected, 4)}: each neuron of "
                      "layer 2 receives the output's gradient times the weight it was "
                      "multiplied by on the way forward.")
    if got is not None and got.shape == expected.shape and np.allclose(got, -expected):
        return False, message + (" Check the sign: dz[3] is negative, so a positive weight "
                                 "gives a negative entry.")
    return False, message + (" Entry j is W[3][0, j] · dz[3][0]: the gradient flows back along "
                             "each weight, which is what W[3]^T dz[3] computes.")


@exercise("04.4", "gradient entries that are exactly zero", solution="""
example = mv.house_price_example()
_, grads = example.network().loss_and_gradients(example.x, example.y)
# Count the zeros in every dW and db:
answer = sum(int(np.sum(g == 0)) for dW, db in grads for g in (dW, db))
""")
def _(answer):
    _, _, grads = _example_gradients()
    expected = sum(int(np.sum(g == 0)) for dW, db in grads for g in (dW, db))
    dead = int(np.sum(grads[1][0] == 0) + np.sum(grads[1][1] == 0))
    ok, message = compare_number(answer, expected, name="the number of zeros")
    if ok:
        return True, (f"{dead} zeros belong to the dead neuron of layer 2 (its row of dW[2] "
                      f"and its entry of db[2]), and {expected - dead} more, in dW[3], for a "
                      "different reason: that weight multiplies a[2] = 0, so nudging it "
                      "changes nothing.")
    if _is(answer, dead):
        return False, message + (" You found the dead neuron's zeros. Look at dW[3] as well: "
                                 "a weight whose input activation is 0 also has a zero "
                                 "gradient.")
    return False, message + (" Count every entry equal to 0 in dW[1], db[1], dW[2], db[2], "
                             "dW[3] and db[3] (print the gradients, or use np.sum(g == 0)).")
