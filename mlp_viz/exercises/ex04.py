"""Exercises of notebook 04 (back-propagation)."""

import copy
from itertools import pairwise

import numpy as np

from ..activations import get_activation
from ..datasets import house_price_example
from ..gradcheck import numerical_gradients, relative_error
from ..losses import get_loss
from ..network import MLP
from ..training import train
from . import Case, Mistake, compare_array, compare_number, exercise, function_exercise
from .implementing import learner_call

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


# ------------------------------------------------ writing back-propagation yourself
def _network(rng, sizes):
    """Random weights and biases of a network with these layer sizes."""
    weights = [rng.normal(size=(n_out, n_in)) for n_in, n_out in pairwise(sizes)]
    biases = [rng.normal(size=n_out) for n_out in sizes[1:]]
    return weights, biases


def _backprop_gradients(weights, biases, X, Y):
    """mlp_viz's gradients of the ½-MSE for a ReLU network with an identity output, as (dW, db)."""
    net = MLP.from_weights(weights, biases, activation="relu", output_activation="identity")
    _, grads = net.loss_and_gradients(X, Y)
    return [dW for dW, _ in grads], [db for _, db in grads]


def _backprop_cases():
    # Seed 8 keeps some neurons of each square layer on and some off in the first case (with
    # seed 7 its second layer is off for every sample, and every dW is 0).
    rng = np.random.default_rng(8)

    def case(label, sizes, n, *, hidden_bias=0.0):
        weights, biases = _network(rng, sizes)
        for b in biases[:-1]:
            b += hidden_bias
        X, Y = rng.normal(size=(n, sizes[0])), rng.normal(size=(n, sizes[-1]))
        return Case(label, (weights, biases, X, Y), _backprop_gradients(weights, biases, X, Y))

    return [
        # First square layers and a batch of 4, where every slip gives arrays to name.
        case("square layers", (3, 3, 3, 3), 4),
        case("a 2-5-4-1 network and 6 samples", (2, 5, 4, 1), 6),
        case("a batch of one", (3, 4, 2), 1),
        case("a single layer, with no hidden ReLU", (3, 2), 5),
        # Biases of -50 sink every hidden z below 0: no gradient reaches the first layer.
        case("a hidden layer that is off for every sample", (3, 4, 2), 5, hidden_bias=-50.0),
    ]


_FD_SIZES, _FD_SAMPLES = (3, 4, 2), 7   # the finite-difference check's network and batch
_FD_AGREE = 1e-7


def _finite_difference_check(backprop):
    """The learner's gradients against mlp_viz's centred finite differences of the loss."""
    rng = np.random.default_rng(9)
    weights, biases = _network(rng, _FD_SIZES)
    X, Y = rng.normal(size=(_FD_SAMPLES, _FD_SIZES[0])), rng.normal(size=(_FD_SAMPLES, 2))
    net = MLP.from_weights(weights, biases, activation="relu", output_activation="identity")
    where = (f"on another network ({'-'.join(map(str, _FD_SIZES))}, {_FD_SAMPLES} samples, no "
             "z near ReLU's kink)")
    got, error = learner_call(backprop, copy.deepcopy((weights, biases, X, Y)))
    if error:
        return False, f"your backprop raised {error} {where}. Fix it and run the cell again."
    numeric = numerical_gradients(net, X, Y)
    floor = 1e-4 * max(1.0, net.loss(X, Y))
    worst, at = 0.0, ""
    for part, arrays in zip(("dW", "db"), got):
        for l, array in enumerate(arrays):
            score = relative_error(array, numeric[l][part == "db"], floor)
            if score.max() > worst:
                index = np.unravel_index(np.argmax(score), score.shape)
                worst, at = float(score.max()), f"{part}[{l}][{', '.join(map(str, index))}]"
    if worst > _FD_AGREE:
        return False, (f"your backprop agrees with mlp_viz on the cases, but its gradients "
                       f"differ from centred finite differences of the loss {where}: the "
                       f"largest relative error is {worst:.1e}, at {at} (below {_FD_AGREE:g} "
                       "means they agree).")
    return True, (f"Against centred finite differences of the loss (mv.numerical_gradients) "
                  f"{where}, the largest relative error is {worst:.1e}: below {_FD_AGREE:g}, "
                  "so the calculus is right.")


def _backprop_mistake(*, slope_one=False, mean=True, transpose=False, sum_db=True,
                      output_relu=False):
    """The mistaken back-propagation with one slip switched on."""
    def gives(weights, biases, X, Y):
        A, Zs, As = X, [], [X]
        for l, (W, b) in enumerate(zip(weights, biases)):
            Z = A @ W.T + b
            A = np.maximum(Z, 0) if output_relu or l < len(weights) - 1 else Z
            Zs.append(Z)
            As.append(A)
        dA = (A - Y) / X.shape[0] if mean else A - Y
        dW, db = [None] * len(weights), [None] * len(weights)
        for l in reversed(range(len(weights))):
            relu_here = output_relu or l < len(weights) - 1
            dZ = dA * (Zs[l] > 0) if relu_here and not slope_one else dA
            dW[l] = As[l].T @ dZ if transpose else dZ.T @ As[l]
            db[l] = dZ.sum(axis=0) if sum_db else dZ
            dA = dZ @ weights[l]
        return dW, db
    return gives


@function_exercise(
    "04.5", "back-propagation through a ReLU network", name="backprop",
    params=("weights", "biases", "X", "Y"), outputs=("dW", "db"),
    solution='''
def backprop(weights, biases, X, Y):
    """Gradients of the ½-MSE (mean over the batch) of a ReLU network with an identity output.

    weights[l]: (n_out, n_in), biases[l]: (n_out,), X: (n_samples, n_inputs),
    Y: (n_samples, n_outputs) -> dW, db: lists, dW[l] shaped like weights[l], db[l] like biases[l]
    """
    # Forward, keeping every layer's input A_prev and its Z for the way back.
    A, inputs, Zs = X, [], []
    for l, (W, b) in enumerate(zip(weights, biases)):
        inputs.append(A)
        Z = A @ W.T + b
        Zs.append(Z)
        A = Z if l == len(weights) - 1 else np.maximum(Z, 0)   # identity output
    # Backward: dL/dA of the output, then each layer from the last to the first.
    dA = (A - Y) / X.shape[0]
    dW, db = [None] * len(weights), [None] * len(weights)
    for l in reversed(range(len(weights))):
        # ReLU's slope is 0 where z <= 0; the identity output's is 1.
        dZ = dA if l == len(weights) - 1 else dA * (Zs[l] > 0)
        dW[l] = dZ.T @ inputs[l]        # shape (n_out, n_in), like W
        db[l] = dZ.sum(axis=0)          # every sample's share, added up
        dA = dZ @ weights[l]            # to the layer before
    return dW, db

answer = backprop
''',
    mistakes=[
        Mistake("taking ReLU's slope as 1 everywhere (the notes' slip)",
                _backprop_mistake(slope_one=True),
                "A hidden neuron with z <= 0 is off: its slope is 0, so dZ = dA * (Z > 0), and it "
                "passes no gradient back."),
        Mistake("summing over the batch instead of taking the mean",
                _backprop_mistake(mean=False),
                "The loss is the mean over the N samples, so the gradient starts from "
                "dA = (A − Y) / N, with N = X.shape[0]."),
        Mistake("computing dW transposed, A_prev.T @ dZ", _backprop_mistake(transpose=True),
                "dW has W's shape (n_out, n_in): dW = dZ.T @ A_prev, one row per neuron."),
        Mistake("leaving db unsummed, one row per sample", _backprop_mistake(sum_db=False),
                "A bias is shared by every sample of the batch, so its gradient adds up their "
                "shares: db = dZ.sum(axis=0), shape (n_out,)."),
        Mistake("putting a ReLU on the output layer too", _backprop_mistake(output_relu=True),
                "This network's output is the identity (no activation): the last layer's "
                "a is its z, and dZ = dA there."),
    ],
    hints=[
        "Run the forward pass first and keep, for every layer, its input A_prev and its Z. Then "
        "go back from the last layer to the first, with the four formulas of the section 'The "
        "same formulas for a batch'. Where does the gradient start?",
        "dA = (A − Y) / N at the output (½-MSE, mean over N samples). Per layer, from the last: "
        "dZ = dA ⊙ ReLU'(Z), with ReLU'(Z) = (Z > 0) (the identity output's slope is 1); "
        "dW = dZ.T @ A_prev; db = dZ.sum(axis=0); dA_prev = dZ @ W.",
        "def backprop(weights, biases, X, Y):\n    A, inputs, Zs = X, [], []\n"
        "    for l, (W, b) in enumerate(zip(weights, biases)):\n        inputs.append(A)\n"
        "        Z = A @ W.T + b\n        Zs.append(Z)\n"
        "        A = Z if l == len(weights) - 1 else np.maximum(Z, 0)\n"
        "    dA = (A - Y) / ____\n    dW, db = [None] * len(weights), [None] * len(weights)\n"
        "    for l in reversed(range(len(weights))):\n"
        "        dZ = dA if l == len(weights) - 1 else dA * (____ > 0)\n"
        "        dW[l] = ____ @ inputs[l]\n        db[l] = dZ.sum(axis=____)\n"
        "        dA = dZ @ ____\n    return dW, db",
    ],
    explanation="net.loss_and_gradients runs the same steps for every network of the course.",
    extra=_finite_difference_check)
def _():
    return _backprop_cases()


# ---------------------------------------------- writing the finite difference yourself
def _numerical_gradient_cases():
    """Scalar functions of an array, each with its exact gradient from mlp_viz's calculus."""
    rng = np.random.default_rng(10)
    mse, ce, bce = get_loss("mse"), get_loss("cross_entropy"), get_loss("binary_cross_entropy")
    sigmoid, softmax = get_activation("sigmoid"), get_activation("softmax")

    A, Y = rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    Z, labels = rng.normal(size=(3, 4)), np.eye(4)[[2, 0, 3]]
    zeros, two_classes = np.zeros((2, 3)), np.eye(3)[[1, 2]]
    W1, W2 = rng.normal(size=(4, 3)), rng.normal(size=(2, 4))
    b1, b2 = rng.normal(size=4), rng.normal(size=2)
    X, T = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    z, y = 3 * rng.normal(size=6), rng.integers(0, 2, size=(6, 1)).astype(float)

    def net_loss(W):
        net = MLP.from_weights([W, W2], [b1, b2], activation="tanh")
        return net.loss(X, T)

    net = MLP.from_weights([W1, W2], [b1, b2], activation="tanh")
    return [
        # First a quadratic with a large step, where the one-sided difference is clearly off.
        Case("the ½-MSE as a function of the outputs A", (lambda a: mse.value(a, a, Y), A, 1e-4),
             mse.gradient(A, Y)),
        Case("softmax cross-entropy as a function of the logits",
             (lambda s: ce.value(s, None, labels), Z, 1e-5),
             ce.gradient(softmax(Z), labels)),
        Case("the loss of a tanh network as a function of its W[1]", (net_loss, W1, 1e-5),
             net.loss_and_gradients(X, T)[1][0][0]),
        Case("a vector x, with negative entries: binary cross-entropy of the logits",
             (lambda v: bce.value(v.reshape(-1, 1), None, y), z, 1e-5),
             bce.gradient(sigmoid(z.reshape(-1, 1)), y).ravel()),
        Case("zeros: the logits where every class is as likely",
             (lambda s: ce.value(s, None, two_classes), zeros, 1e-5),
             ce.gradient(softmax(zeros), two_classes)),
    ]


def _one_sided(f, x, h):
    """(f(x + h e_i) − f(x)) / h for every entry i, on a copy of x."""
    x = np.array(x, dtype=float)
    grad, fx = np.zeros_like(x), f(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = h
        grad[i] = (f(x + step) - fx) / h
    return grad


def _centred(f, x, h, divisor):
    """(f(x + h e_i) − f(x − h e_i)) / divisor for every entry i, on a copy of x."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = h
        grad[i] = (f(x + step) - f(x - step)) / divisor
    return grad


@function_exercise(
    "04.6", "a centred finite-difference gradient", name="numerical_gradient",
    params=("f", "x", "h"), outputs=("grad",),
    solution='''
def numerical_gradient(f, x, h=1e-5):
    """df/dx by centred differences, for a function f of an array that returns a number.

    x: any shape -> grad: the shape of x, grad[i] ~ (f(x + h e_i) - f(x - h e_i)) / 2h
    """
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):      # every index of x, whatever its number of axes
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        down = f(x)
        x[i] = old                      # put the entry back exactly, as it was
        grad[i] = (up - down) / (2 * h)
    return grad

answer = numerical_gradient
''',
    mistakes=[
        Mistake("taking the one-sided difference (f(x + h) − f(x)) / h",
                lambda f, x, h=1e-5: _one_sided(f, x, h),
                "Its error shrinks only like h; the centred difference (f(x + h) − f(x − h)) / 2h "
                "is off by about h², far less."),
        Mistake("dividing by h instead of 2h", lambda f, x, h=1e-5: _centred(f, x, h, h),
                "x + h and x − h are 2h apart: divide the change in f by 2h."),
        Mistake("nudging every entry of x at once",
                lambda f, x, h=1e-5: (f(x + h) - f(x - h)) / (2 * h),
                "That is one number, the sum of every entry's slope. Nudge one entry at a time "
                "(for i in np.ndindex(x.shape)), the others left as they are: one slope per "
                "entry, an array of x's shape."),
    ],
    hints=[
        "For each entry of x on its own: nudge it up by h and compute f, nudge it down by h and "
        "compute f again, and put it back. Write into a new array of x's shape, and leave x as "
        "it was (save the old value; x[i] + h − 2h + h need not be x[i] again in floating "
        "point).",
        "grad[i] = (f(x + h e_i) − f(x − h e_i)) / (2h), where e_i is 1 at entry i and 0 "
        "elsewhere; np.ndindex(x.shape) gives every index i of an array with any number of "
        "axes.",
        "def numerical_gradient(f, x, h=1e-5):\n    grad = np.zeros(x.shape)\n"
        "    for i in np.ndindex(x.shape):\n        old = x[i]\n        x[i] = old + h\n"
        "        up = f(x)\n        x[i] = old - ____\n        down = f(x)\n        x[i] = ____\n"
        "        grad[i] = (up - down) / ____\n    return grad",
    ],
    explanation="Your numerical gradient agrees with mlp_viz's calculus (back-propagation and "
                "the losses' gradients) on every case: that is a gradient check, run the other "
                "way round. mv.numerical_gradients does the same for every parameter of a "
                "network, with a five-point formula.")
def _():
    return _numerical_gradient_cases()
