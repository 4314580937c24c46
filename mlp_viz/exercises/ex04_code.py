"""Exercises of notebook 04 where you write the code: functions checked by running them."""

import copy
from itertools import pairwise

import numpy as np

from ..activations import get_activation
from ..gradcheck import numerical_gradients, relative_error
from ..losses import get_loss
from ..network import MLP
from . import Case, Mistake, function_exercise
from .finite_differences import centred_differences
from .implementing import learner_call


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
                      output_relu=False, back_through_transpose=False):
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
            dA = dZ @ weights[l].T if back_through_transpose else dZ @ weights[l]
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
        Mistake("going back through W transposed, dA_prev = dZ @ W.T",
                _backprop_mistake(back_through_transpose=True),
                "W is (n_out, n_in) and dZ is (n_samples, n_out), so dA_prev = dZ @ W, of shape "
                "(n_samples, n_in): the batch form of Wᵀ dz for one sample."),
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
        Mistake("dividing by h instead of 2h",
                lambda f, x, h=1e-5: centred_differences(f, x, h, divisor=h),
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
