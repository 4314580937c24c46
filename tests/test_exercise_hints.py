"""Every hint of every exercise: an answer that makes the slip it is about gets that hint.

The answers are what a learner would type for each slip, worked out here with
NumPy and mlp_viz's public names, not taken from the checkers.
"""

from functools import cache

import numpy as np
import pytest

import mlp_viz as mv


def sig4(value):
    """`value` rounded to 4 significant digits, as the notebooks print it."""
    value = np.asarray(value, dtype=float)
    digits = 3 - np.floor(np.log10(np.abs(np.where(value == 0, 1.0, value))))
    return np.vectorize(lambda v, d: round(float(v), int(d)))(value, digits)


@cache
def house():
    example = mv.house_price_example()
    return example, example.network()


def house_loss(w=None, b=None, entry=(0, 1)):
    example, net = house()
    probe = net.copy()
    if w is not None:
        probe.weights[2][entry] = w
    if b is not None:
        probe.biases[2][0] = b
    return probe.loss(example.x, example.y)


def house_grads(x=None, y=None):
    example, net = house()
    return net.loss_and_gradients(example.x if x is None else x,
                                  example.y if y is None else y)[1]


@cache
def valley_gradient():
    ex = mv.two_valleys()
    surface = mv.parameter_surface(ex.net, ex.X, ex.y, *ex.params, ranges=ex.ranges)
    return surface.gradient_at(-2.0, 0.0)


@cache
def valley_ends():
    ex = mv.two_valleys()
    surface = mv.parameter_surface(ex.net, ex.X, ex.y, *ex.params, ranges=ex.ranges,
                                   resolution=41)
    starts = [(1.0, 1.0), (2.0, 0.0), (3.5, 1.0), (-0.5, -1.5)]
    return np.array([surface.descend(s, lr=0.5, steps=150).losses[-1] for s in starts])


@cache
def moons_minimum():
    X, y = mv.moons(200, noise=0.2, seed=0)
    net = mv.MLP([2, 16, 1], "tanh", "sigmoid", init="xavier", seed=0)
    mv.train(net, X, y, lr=0.5, epochs=100, batch_size=32, loss="binary_cross_entropy")
    surface = mv.direction_surface(net, X, y, loss="binary_cross_entropy", span=1.0,
                                   resolution=61)
    i, j = np.unravel_index(np.argmin(surface.losses), surface.losses.shape)
    return np.array([surface.alphas[j], surface.betas[i]]), (int(i), int(j))


@cache
def flow_norms():
    return mv.gradient_flow(12, 32, "tanh", "normal", weight_std=1.0, seed=0).grad_norms


SIGMOID = mv.get_activation("sigmoid")
RELU_Z = np.array([-1.5, 0.0, 2.0, -0.2, 3.1])
SCORES = np.array([2.0, 0.5, -1.0])
W1_COLLAPSE = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]])
W2_COLLAPSE = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])
X_01, W_01, B_01 = (np.array([[1, 2, 0], [0, 1, 3], [2, -1, 1]], dtype=float),
                    np.array([[2, -1, 1], [1, 0, -2]], dtype=float), np.array([1.0, 3.0]))
OTHER_HOUSE = np.array([800.0, 2.0, 30.0])
BCE = -np.log(0.2)
CABIN, CABIN_PRICE = np.array([150.0, 1.0, 110.0]), np.array([0.3])
DROP_A = np.array([0.8, 2.4, 0.0, 1.6, 3.2])
DROP_KEEP = np.array([True, False, True, True, False])
EVAL_W = np.array([[0.5, -1.0, 0.25], [1.0, 0.5, -1.0], [-0.5, 2.0, 0.5]])
EVAL_B, EVAL_A = np.array([0.1, 0.2, -0.3]), np.array([2.0, 0.5, 4.0])
CM = np.array([[50, 0, 1, 0, 1], [0, 47, 2, 1, 3], [1, 1, 45, 4, 0], [0, 0, 6, 43, 0],
               [0, 2, 0, 0, 49]])


def _mean_batch_loss():
    _, net = house()
    houses = np.array([[1200.0, 3.0, 10.0], [800.0, 2.0, 30.0], [2000.0, 4.0, 5.0]])
    return np.mean(0.5 * (net.forward(houses)[:, 0] - np.array([1.0, 0.5, 1.5])) ** 2)


def _db3(target):
    example, net = house()
    return float(net.forward(example.x)[0] - target)


def _w1_after(lr, row=1):
    _, net = house()
    return float(net.weights[0][row, 0] - lr * house_grads()[0][0][row, 0])


def _zeros(grads):
    return [int(np.sum(dW == 0) + np.sum(db == 0)) for dW, db in grads]


def _eval_layer():
    return np.maximum(EVAL_W @ EVAL_A + EVAL_B, 0)


def _bowl_step():
    return np.array([2.0, 1.0]) - 0.15 * np.array([2.0, 10.0])


def _bowl_descent(steps, mu):
    """`steps` steps of SGD with momentum `mu` (0: plain) on the bowl from (2, 1), lr 0.05."""
    point, v = np.array([2.0, 1.0]), np.zeros(2)
    for _ in range(steps):
        v = mu * v + point * [1.0, 10.0]  # the bowl's gradient is (alpha, 10 beta)
        point = point - 0.05 * v
    return point


# 07.4: one neuron, identity output, W = (0.5, -1), b = 1, x = (1, 2), y = 0, lr 0.1, lambda 0.2
DECAY_W, DECAY_X = np.array([0.5, -1.0]), np.array([1.0, 2.0])
DECAY_DZ = DECAY_W @ DECAY_X + 1.0        # dL/dz = a - y for the squared error
# 08.5: the gradient to clip to norm 4; CLIP_REST is db[1], then dW[2] and db[2]
CLIP_DW1, CLIP_REST = np.array([[1.0, -2.0], [2.0, 0.0]]), np.array([0.0, 1.0, 4.0, -2.0, 1.0])
CLIP_NORM = np.sqrt(np.sum(CLIP_DW1 ** 2) + np.sum(CLIP_REST ** 2))


# (key, answer: a value or a function computing it, the hint's distinctive words)
HINTS = [
    ("01.1", 64 * 64, "that counts every pixel once, but a colour pixel is three numbers"),
    ("01.1", 12000, "is 12000, which is too small. Count one neuron for every pixel of every"),
    ("01.1", 12290, "is 12290, which is too large. Count"),   # a count has no rounding
    ("01.2", (128, 64), "those are the right two numbers in the wrong order"),
    ("01.2", (128, 784), "that is the shape of W[1]. W[l] connects layer l-1 to layer l"),
    ("01.2", (10, 64), "that is the shape of W[3]."),
    ("01.2", (64, 128, 10), "give the shape as two numbers, (rows, columns)"),
    ("01.2", (64, 64), "not yet. W[2] connects layer 1 to layer 2"),
    ("01.3", 109184, "That counts the weights only: every neuron also has a bias."),
    ("01.3", 109376, "That leaves out the 10 biases of the output layer"),
    ("01.3", 109322, "That leaves out the 64 biases of hidden layer 2"),
    ("01.3", 109258, "That leaves out the 128 biases of hidden layer 1"),
    ("01.3", 109386 + 784, "One bias too many per input neuron"),
    ("01.3", 986, "That counts neurons, not parameters"),
    ("01.3", 202, "That counts neurons, not parameters"),
    ("01.3", 100000, "For each layer after the input, add n_out · n_in weights"),
    ("01.4", lambda: X_01 @ W_01.T, "close: you left out the bias b"),
    ("01.4", lambda: np.maximum(X_01 @ W_01.T + B_01, 0), "you applied ReLU"),
    ("01.4", lambda: X_01 @ W_01.T + B_01 + 1, "Row n is sample n"),
    ("01.4", lambda: (X_01 @ W_01.T + B_01).T, "should have shape (3, 2) (transposed?)"),
    ("02.1", RELU_Z, "ReLU never outputs a negative number."),
    ("02.1", np.abs(RELU_Z), "ReLU does not flip the sign of a negative z"),
    ("02.1", [0, 0, 2, 0, 3], "ReLU(z) = max(0, z), entry by entry."),
    ("02.2", lambda: float(SIGMOID(1.0)), "That is σ(1) itself, the value, not the slope."),
    ("02.2", lambda: float(sig4(SIGMOID(1.0))), "That is σ(1) itself"),
    ("02.2", 0.3, "The sigmoid's slope is never larger than 0.25."),
    ("02.2", 0.1, "Compute s = σ(1) first"),
    ("02.3", np.exp(SCORES), "Your entries sum to"),
    ("02.3", SCORES / SCORES.sum(), "Exponentiate the scores before dividing by the total."),
    ("02.3", [0.5, 0.3, 0.2], "softmax(z)_k = exp(z_k) /"),
    ("02.4", W1_COLLAPSE @ W2_COLLAPSE, "Did you multiply W1 @ W2?"),
    ("02.4", (W2_COLLAPSE @ W1_COLLAPSE).T, "That is the transpose of W"),
    ("02.4", W2_COLLAPSE @ W1_COLLAPSE + 1, "Apply W1 first, then W2"),
    ("03.1", lambda: house()[1].weights[0] @ OTHER_HOUSE, "but not the bias: add b[1]"),
    ("03.1", lambda: house()[1].weights[0] @ OTHER_HOUSE + house()[1].biases[0] + 1,
     "Each entry is one row of W[1] times the house"),
    ("03.2", 0.1225, "Did you forget the ½ in front of the square?"),
    ("03.2", -0.35, "Square the error a − y before halving it."),
    ("03.2", 0.175, "Square the error a − y before halving it."),
    ("03.2", 0.5, "Use L = ½ (a − y)² with a = 0.75"),
    ("03.3", -BCE, "A loss is never negative"),
    ("03.3", BCE / np.log(10), "not log10"),
    ("03.3", -BCE / np.log(10), "not log10"),
    ("03.3", BCE / np.log(2), "not log2"),
    ("03.3", -np.log(0.8), "That is the loss for label 0"),
    ("03.3", 1.0, "Use L = −[y log a + (1 − y) log(1 − a)]"),
    ("03.4", lambda: 3 * _mean_batch_loss(), "That looks like the sum over the 3 houses"),
    ("03.4", lambda: 2 * _mean_batch_loss(), "forget the ½ in front of each square?"),
    ("03.4", lambda: 6 * _mean_batch_loss(), "Take the mean, not the sum, and keep the ½"),
    ("03.4", 1.0, "Run the three houses through the network"),
    ("04.1", lambda: _db3(1.0), "That is the value for the old target y = 1"),
    ("04.1", lambda: -_db3(2.0), "Check the sign: dL/da[3] = a[3] − y"),
    ("04.1", 0.5, "Start from dL/da[3] = a[3] − y"),
    ("04.2", 0.04, "That is the weight before the step."),
    ("04.2", lambda: 0.04 + 0.001 * house_grads()[0][0][1, 0], "Check the sign: gradient"),
    ("04.2", 0.5093, "That is the step with learning rate 0.1, the one printed above"),
    ("04.2", lambda: -0.001 * house_grads()[0][0][1, 0], "That is the change, −0.001 · dW"),
    ("04.2", lambda: _w1_after(0.001, row=0), "That is the first neuron's size weight"),
    ("04.2", 0.3, "Take the entry in row 1, column 0"),
    ("04.3", [[-0.2], [0.08]], "gives that shape directly (or flatten yours with .ravel())"),
    ("04.3", [0.2, -0.08], "Check the sign: dz[3] is negative"),
    ("04.3", [1.0, 2.0], "Entry j is W[3][0, j] · dz[3][0]"),
    ("04.4", lambda: _zeros(house_grads())[1] + _zeros(house_grads())[2],
     "is the count for the notebook's house, printed above"),
    ("04.4", lambda: _zeros(house_grads(CABIN, CABIN_PRICE))[0], "is the count for the"),
    ("04.4", lambda: int(np.sum(house_grads(CABIN, CABIN_PRICE)[1][0] == 0)),
     "You found the zeros of dW[2], the weights that read the dead neuron's output"),
    ("04.4", 7, "Compute the cabin's gradients with net.loss_and_gradients(cabin, price)"),
    ("05.1", 0.0765, "That is the loss of the unchanged network"),
    ("05.1", lambda: house_loss(), "That is the loss of the unchanged network"),
    ("05.1", lambda: house_loss(-0.5, 0.3), "You swapped the two"),
    ("05.1", lambda: house_loss(b=-0.5), "either W[3][0, 1] was left as it is, or you changed"),
    ("05.1", lambda: house_loss(0.3, -0.5, entry=(0, 0)), "or you changed W[3][0, 0]"),
    ("05.1", lambda: house_loss(0.3), "only the weight changed: set b[3][0] = −0.5"),
    ("05.1", lambda: 2 * house_loss(0.3, -0.5), "Remember the ½"),
    ("05.1", 1.0, "Copy the network, set weights[2][0, 1] and biases[2][0]"),
    ("05.2", valley_ends, "those are the final losses; turn each into 1"),
    ("05.2", lambda: np.round(valley_ends(), 4), "those are the final losses"),
    ("05.2", lambda: (valley_ends() >= 0.1).astype(int), "every entry is the wrong way round"),
    ("05.2", [1, 1, 1, 1], "Run surface.descend(start, lr=0.5, steps=150)"),
    ("05.3", lambda: moons_minimum()[0][::-1], "the two numbers are swapped"),
    ("05.3", lambda: moons_minimum()[1], "those look like grid indices"),
    ("05.3", lambda: moons_minimum()[1][::-1], "those look like grid indices"),
    ("05.3", (0.0, 0.0), "(0, 0) is the trained network itself"),
    ("05.3", (0.5, 0.5), "Find the position of the smallest entry of surface.losses"),
    ("05.4", 52.5, "round N / B up before multiplying"),
    ("05.4", 50, "form one more, smaller batch in every epoch"),
    ("05.4", 11, "That is one epoch's updates; the run has 5 epochs."),
    ("05.4", 5, "One update per epoch would be full-batch training"),
    ("05.4", 5250, "That is one update per sample"),
    ("05.4", 60, "One epoch makes ceil(N / B) updates."),
    ("06.1", 12 * 2500 / 64, "round N / B up before multiplying"),
    ("06.1", 12 * 39, "form one more, smaller batch in every epoch"),
    ("06.1", 40, "That is one epoch's updates; the run has 12 epochs."),
    ("06.1", 12, "One update per epoch would be full-batch training"),
    ("06.1", 30000, "That is one update per sample"),
    ("06.1", 500, "Count the batches in one epoch (the division N / B rounded up)"),
    ("06.2", [2.3, 2.5], "You stepped uphill"),
    ("06.2", [1.7, 0.85], "The β entry of the gradient is 10 β, not β"),
    ("06.2", [2.0, 10.0], "That is the gradient at the start"),
    ("06.2", [0.3, 1.5], "That is the step itself"),
    ("06.2", [-0.3, -1.5], "That is the step itself"),
    ("06.2", [0.0, 0.0], "The gradient of ½(α² + 10β²) is (α, 10β)"),
    ("06.3", lambda: float(valley_gradient() @ valley_gradient()), "the squared length"),
    ("06.3", lambda: float(np.sum(valley_gradient())), "not the sum of its entries"),
    ("06.3", lambda: float(np.sum(np.abs(valley_gradient()))), "not the sum of its entries"),
    ("06.3", lambda: -float(np.linalg.norm(valley_gradient())), "A length is never negative."),
    ("06.3", 1.0, "Ask the surface for the gradient at (-2.0, 0.0)"),
    ("06.4", lambda: float(valley_gradient() @ [1.0, 1.0]), "must have length 1"),
    ("06.4", lambda: float(np.linalg.norm(valley_gradient())),
     "the slope along the gradient itself"),
    ("06.4", lambda: -float(valley_gradient() @ [1.0, 1.0]) / np.sqrt(2),
     "Check the sign: moving along +u"),
    ("06.4", 1.0, "the dot product ∇L · u"),
    ("07.1", DROP_A * DROP_KEEP * 0.6, "multiplied the kept activations by the keep probability"),
    ("07.1", DROP_A * DROP_KEEP, "the kept activations are not rescaled"),
    ("07.1", DROP_A * DROP_KEEP / 0.4, "you divided by the rate"),
    ("07.1", DROP_A * ~DROP_KEEP / 0.6, "the mask is the wrong way round"),
    ("07.1", DROP_A / 0.6, "forgot to zero the dropped ones"),
    ("07.1", np.zeros(5), "Each entry is a[i] · mask[i] / (1 − rate)"),
    ("07.2", 204, "close, but do not round"),
    ("07.2", 205, "close, but do not round"),
    ("07.2", 256 * 0.2, "that is the expected number of *dropped* neurons"),
    ("07.2", 256, "all neurons take part only at evaluation time"),
    ("07.2", 0.8, "that is the keep probability of one neuron"),
    ("07.2", 100, "Each neuron is kept with probability 1 − rate, independently"),
    ("07.3", lambda: _eval_layer() * 0.5, "you multiplied by the keep probability"),
    ("07.3", lambda: _eval_layer() / 0.5, "you divided by the keep probability"),
    ("07.3", EVAL_W @ EVAL_A + EVAL_B, "that is z; the layer passes on ReLU(z)"),
    ("07.3", EVAL_W @ EVAL_A, "you left out the bias b"),
    ("07.3", np.zeros(3), "Compute ReLU(W @ a_prev + b) with no mask and no scaling"),
    ("08.1", 6 * 0.25, "a power, not a product with 6"),
    ("08.1", 0.5 ** 6, "0.5 is the sigmoid's value at z = 0"),
    ("08.1", 0.25 ** 5, "Count the factors again"),
    ("08.1", 0.25 ** 7, "Count the factors again"),
    ("08.1", 1.0, "1 is the largest slope of tanh or ReLU"),
    ("08.1", 0.01, "Find the sigmoid's largest derivative"),
    ("08.2", lambda: float(flow_norms()[-1] / flow_norms()[0]), "the ratio inverted"),
    ("08.2", lambda: float(sig4(flow_norms()[-1] / flow_norms()[0])), "the ratio inverted"),
    ("08.2", lambda: float(flow_norms()[1] / flow_norms()[-1]), "Check the indices"),
    ("08.2", lambda: float(flow_norms()[0] / flow_norms()[-2]), "Check the indices"),
    ("08.2", lambda: float(flow_norms()[1] / flow_norms()[-2]), "Check the indices"),
    ("08.2", 1.0, "Build the flow with exactly the settings given"),
    ("08.3", -0.3921 * np.array([5.0, 5.0]), "That uses the old example's dL/da[3]"),
    ("08.3", -0.3911 * np.array([5.0, 5.0]), "That uses the old example's dL/da[3]"),
    ("08.3", [-145.05, -145.05], "Check the sign: dL/da[3] = a[3] − y"),
    ("08.3", 29.01 * np.array([3.0, 3.0]), "That is W[3]^T dz[3], the gradient for a[2]"),
    ("08.3", [1.0, 1.0], "Run the forward pass (z[3] = W[3] a[2] + b[3], then ReLU)"),
    ("08.4", 2 / 50, "That is the variance, 2 / n_in"),
    ("08.4", np.sqrt(1 / 50), "which is also Xavier's"),
    ("08.4", np.sqrt(2 / 100), "which is also Xavier's"),
    ("08.4", 0.5, "He initialisation draws W from a normal distribution"),
    ("09.1", 100 * 234 / 256, "that looks like a percentage"),
    ("09.1", 1 - 234 / 256, "the share of mistakes (the error rate)"),
    ("09.1", lambda: float(np.mean(np.diag(CM) / CM.sum(axis=1))),
     "the mean of the five per-digit accuracies"),
    ("09.1", 0.5, "Add up the diagonal (the right answers)"),
    ("09.2", 17216, "That leaves out the 10 biases of the output layer"),
    ("09.2", 17024, "That counts the weights only"),
    ("09.2", 17226 + 64, "One bias too many per input neuron"),
    ("09.2", 266, "That counts neurons, not parameters"),
    ("09.2", 17000, "For each layer after the input, add n_out · n_in weights"),
    ("09.3", 20 * 1438 / 64, "round N / B up before multiplying"),
    ("09.3", 20 * 22, "form one more, smaller batch in every epoch"),
    ("09.3", 23, "That is one epoch's updates; the run has 20 epochs."),
    ("09.3", 20, "One update per epoch would be full-batch training"),
    ("06.5", lambda: _bowl_descent(2, 0.0), "That is plain gradient descent"),
    ("06.5", lambda: _bowl_descent(1, 0.9), "That is where the first step lands"),
    ("06.5", [0.0, 0.0], "Start with v = 0 at (2, 1)"),
    ("07.4", np.append(DECAY_W - 0.1 * (DECAY_DZ * DECAY_X + 0.2 * DECAY_W),
                       1.0 - 0.1 * (DECAY_DZ + 0.2)), "but the bias is not decayed"),
    ("07.4", np.append(DECAY_W - 0.1 * DECAY_DZ * DECAY_X, 1.0 - 0.1 * DECAY_DZ),
     "that is the step with no weight decay"),
    ("07.4", [0.0, 0.0, 0.0], "add λW to dW only"),
    ("08.5", CLIP_DW1, "below clip_norm, but clip_norm is compared with the norm of the whole"),
    ("08.5", CLIP_DW1 * 4 / (np.linalg.norm(np.r_[CLIP_DW1.ravel(), CLIP_REST[:2]])
                             + np.linalg.norm(CLIP_REST[2:])),  # layer 1's norm + layer 2's
     "not the sum of the layers' norms"),
    ("08.5", CLIP_DW1 * CLIP_NORM / 4, "that makes the gradient longer"),
    ("09.3", 20 * 1438, "That is one update per sample"),
    ("09.3", 400, "Count the mini-batches in one epoch, ceil(N / B)"),
    ("09.4", [2, 3], "those are the right two digits in the wrong order"),
    ("09.4", [2, 2], "a pair on the diagonal counts right answers"),
    ("09.4", [1, 4], "Set the diagonal to 0 and find the largest entry"),
    ("09.4", [3], "give the pair as two numbers, [true digit, predicted digit]"),
]


def _value(answer):
    return answer() if callable(answer) else answer


@pytest.mark.parametrize(("key", "answer", "hint"), HINTS,
                         ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(HINTS)])
def test_every_hint_is_reached_by_its_slip(key, answer, hint):
    feedback = mv.check(key, _value(answer))
    assert not feedback.correct, str(feedback)
    assert hint in feedback.message, str(feedback)


def test_every_exercise_has_its_hints_tested():
    from mlp_viz import exercises

    exercises._load()
    values = {key for key, ex in exercises.EXERCISES.items() if ex.kind == "value"}
    untested = sorted(values - {key for key, _, _ in HINTS})
    assert not untested, f"exercises without a hint test: {untested}"


@pytest.mark.parametrize(("key", "answer"), [
    ("08.3", [[145.05, 145.05]]),             # the shape of W[3], (1, 2), is fine too
    ("05.2", lambda: valley_ends() < 0.1),    # True/False for the valleys is fine too
    ("04.2", 0.0446932),
    ("04.4", 6),
])
def test_answers_of_another_form_or_new_question_count(key, answer):
    feedback = mv.check(key, _value(answer))
    assert feedback.correct, str(feedback)


def test_the_new_questions_answers_come_from_the_network():
    # 04.2: one step with learning rate 0.001; 04.4: the cabin's zero gradient entries.
    assert mv.check("04.2", _w1_after(0.001)).correct
    zeros = _zeros(house_grads(CABIN, CABIN_PRICE))
    assert zeros == [4, 2, 0]
    assert mv.check("04.4", sum(zeros)).correct
