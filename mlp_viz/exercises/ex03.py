"""Exercises of notebook 03 (the forward pass and the loss)."""

import numpy as np

from ..datasets import house_price_example
from ..losses import get_loss
from . import Case, Mistake, compare_array, compare_number, exercise, function_exercise

# The house and targets of the exercises; the expected answers are computed from them.
_OTHER_HOUSE = np.array([800.0, 2.0, 30.0])
_MSE_PREDICTION, _MSE_TARGET = 0.75, 1.1
_BCE_PROBABILITY, _BCE_LABEL = 0.2, 1.0
_BATCH = np.array([[1200.0, 3.0, 10.0], [800.0, 2.0, 30.0], [2000.0, 4.0, 5.0]])
_BATCH_TARGETS = np.array([1.0, 0.5, 1.5])


def _mse(a, y):
    a = np.array([[a]], dtype=float)
    return get_loss("mse").value(a, a, np.array([[y]], dtype=float))


def _bce(p, y):
    a = np.array([[p]], dtype=float)
    z = np.log(a) - np.log1p(-a)  # the logit whose sigmoid is p
    return get_loss("binary_cross_entropy").value(z, a, np.array([[y]], dtype=float))


@exercise("03.1", "z[1] for another house", solution="""
example = mv.house_price_example()
house = np.array([800.0, 2.0, 30.0])
W1, b1 = example.weights[0], example.biases[0]
# One row of W[1] per neuron, times the house, plus that neuron's bias:
answer = W1 @ house + b1
""")
def _(answer):
    example = house_price_example()
    W1, b1 = example.weights[0], example.biases[0]
    expected = W1 @ _OTHER_HOUSE + b1
    # b[1] is 0.001, too small to show at 4 significant digits: leaving it out is a slip,
    # not a rounding.
    c = compare_array(answer, expected, name="z[1]", slips=[W1 @ _OTHER_HOUSE])
    if c.correct:
        return c.right(f"z[1] = W[1] a[0] + b[1] = {np.round(expected, 4)}. Both entries are "
                       "positive, so ReLU leaves them alone: a[1] = z[1] for this house.")
    if c.settled:
        return c.feedback()
    if c.near(W1 @ _OTHER_HOUSE):
        return False, ("you have W[1] a[0] but not the bias: add b[1] (the notes made the same "
                       "slip in layer 2).")
    return c.hint("Each entry is one row of W[1] times the house [800, 2, 30], plus that "
                  "neuron's entry of b[1].")


@exercise("03.2", "the MSE loss of one prediction", solution="""
a, y = 0.75, 1.1
# The course's squared error has a factor 1/2 in front:
answer = 0.5 * (a - y) ** 2
""")
def _(answer):
    expected = _mse(_MSE_PREDICTION, _MSE_TARGET)
    c = compare_number(answer, expected, name="the loss")
    if c.correct:
        return c.right("L = ½ (a − y)² = ½ · (−0.35)². Its derivative dL/da = a − y = −0.35 "
                       "is the signal back-propagation starts from.")
    if c.settled:
        return c.feedback()
    error = _MSE_PREDICTION - _MSE_TARGET
    if c.near(2 * expected):
        return c.hint("Did you forget the ½ in front of the square?")
    if any(c.near(v) for v in (error, -error, 0.5 * error, -0.5 * error)):
        return c.hint("Square the error a − y before halving it.")
    return c.hint("Use L = ½ (a − y)² with a = 0.75 and y = 1.1.")


@exercise("03.3", "binary cross-entropy of a confident wrong answer", solution="""
p, y = 0.2, 1
# -[y log p + (1 - y) log(1 - p)], natural logarithm; with y = 1 only -log p is left:
answer = -(y * np.log(p) + (1 - y) * np.log(1 - p))
""")
def _(answer):
    expected = _bce(_BCE_PROBABILITY, _BCE_LABEL)
    c = compare_number(answer, expected, name="the loss")
    if c.correct:
        return c.right("with y = 1 only the term −log a is left, and a = 0.2 gives "
                       f"{expected:.4f}; MSE would give only {_mse(_BCE_PROBABILITY, 1.0):.4f} "
                       "for the same prediction.")
    if c.settled:
        return c.feedback()
    if c.near(-expected):
        return c.hint("A loss is never negative: mind the minus sign in front of the brackets "
                      "(log 0.2 is negative).")
    if c.near(expected / np.log(10)) or c.near(-expected / np.log(10)):
        return c.hint("Use the natural logarithm, np.log, not log10.")
    if c.near(expected / np.log(2)):
        return c.hint("Use the natural logarithm, np.log, not log2.")
    if c.near(_bce(_BCE_PROBABILITY, 0.0)):
        return c.hint("That is the loss for label 0; the true label here is 1, so the term "
                      "y log a is the one that counts.")
    return c.hint("Use L = −[y log a + (1 − y) log(1 − a)] with a = 0.2 and y = 1.")


@exercise("03.4", "the mean loss of a batch", solution="""
net = mv.house_price_example().network()
houses = np.array([[1200.0, 3.0, 10.0], [800.0, 2.0, 30.0], [2000.0, 4.0, 5.0]])
targets = np.array([1.0, 0.5, 1.5])
predictions = net.forward(houses)[:, 0]
# One 1/2 (a - y)^2 per house, then the mean over the houses:
answer = np.mean(0.5 * (predictions - targets) ** 2)
# The same number in one call: net.loss(houses, targets)
""")
def _(answer):
    net = house_price_example().network()
    expected = net.loss(_BATCH, _BATCH_TARGETS)
    c = compare_number(answer, expected, name="the mean loss")
    if c.correct:
        return c.right(f"the mean of the three houses' ½ (a − y)² is {expected:.4f}, the number "
                       "net.loss(houses, targets) returns.")
    if c.settled:
        return c.feedback()
    n = len(_BATCH)
    if c.near(n * expected):
        return c.hint(f"That looks like the sum over the {n} houses: the batch loss is their "
                      "mean.")
    if c.near(2 * expected):
        return c.hint("Did you forget the ½ in front of each square?")
    if c.near(2 * n * expected):
        return c.hint("Take the mean, not the sum, and keep the ½ of each square.")
    return c.hint("Run the three houses through the network (net.forward), take ½ (a − y)² for "
                  "each with its own target, then the mean.")


# ------------------------------------------------------ writing the losses yourself
def _mse_cases():
    rng = np.random.default_rng(5)
    mse = get_loss("mse")

    def case(label, A, Y):
        return Case(label, (A, Y), (mse.value(A, A, Y), mse.gradient(A, Y)))

    A = rng.normal(size=(3, 2))
    return [
        # First one output per sample, where the ½, the mean and the 1/N are all that differ.
        case("5 samples with one output each", rng.normal(size=(5, 1)), rng.normal(size=(5, 1))),
        case("5 samples with 3 outputs each", rng.normal(size=(5, 3)), rng.normal(size=(5, 3))),
        case("a batch of one", rng.normal(size=(1, 2)), rng.normal(size=(1, 2))),
        case("a perfect prediction, so the loss is 0", A, A.copy()),
        case("large and negative values", -1e6 * rng.random((4, 1)), 1e6 * rng.random((4, 1))),
    ]


def _mse_parts(A, Y):
    """(N, the ½-MSE, its gradient (A - Y) / N): what the mistakes change."""
    diff = np.asarray(A, dtype=float) - Y
    n = diff.shape[0]
    return n, 0.5 * np.sum(diff ** 2) / n, diff / n


def _mse_mistake(loss_factor, gradient_factor):
    """A mistake that scales the loss by ``loss_factor(A)`` and dA by ``gradient_factor(A)``."""
    def gives(A, Y):
        _, loss, dA = _mse_parts(A, Y)
        return loss * loss_factor(np.asarray(A)), dA * gradient_factor(np.asarray(A))
    return gives


def _one(A):
    return 1.0


def _batch(A):
    return A.shape[0]


def _outputs(A):
    return 1.0 / A.shape[1]


_MEAN_OVER_SAMPLES = ("The loss of a sample sums ½ (a − y)² over its outputs; the batch's loss is "
                      "the mean over the N samples only: np.sum(...) / N, with N = A.shape[0] "
                      "(np.mean over every entry also divides by the number of outputs).")


@function_exercise(
    "03.5", "the ½-MSE and its gradient", name="mse_and_gradient", params=("A", "Y"),
    outputs=("loss", "dA"),
    solution='''
def mse_and_gradient(A, Y):
    """The ½-MSE of a batch and its gradient with respect to the outputs.

    A, Y: (n_samples, n_outputs) -> loss: a number, dA = dL/dA: (n_samples, n_outputs)
    """
    N = A.shape[0]
    diff = A - Y                            # a new array: A itself stays as it was
    # ½ (a − y)² summed over each sample's outputs, then the mean over the N samples.
    loss = 0.5 * np.sum(diff ** 2) / N
    # Each entry appears in one square, ½ · 2 (a − y), and in the mean with 1/N.
    dA = diff / N
    return loss, dA

answer = mse_and_gradient
''',
    mistakes=[
        Mistake("leaving the ½ out of the loss", _mse_mistake(lambda A: 2.0, _one),
                "The course's loss is ½ (a − y)²: its ½ is what makes the gradient a − y."),
        Mistake("leaving out the ½, so that the loss and its gradient are both twice too large",
                _mse_mistake(lambda A: 2.0, lambda A: 2.0),
                "The course's loss is ½ (a − y)², and then the 2 of the derivative cancels: "
                "dL/da = (a − y) / N."),
        Mistake("summing over the batch instead of taking the mean", _mse_mistake(_batch, _batch),
                "The batch's loss is the mean of the samples' losses (divide by N = A.shape[0]), "
                "and so the gradient of each entry carries a 1/N."),
        Mistake("leaving the 1/N out of the gradient", _mse_mistake(_one, _batch),
                "The loss is a mean, so each entry's gradient is (a − y) / N, not a − y."),
        Mistake("turning the gradient's sign round, y − a for a − y",
                _mse_mistake(_one, lambda A: -1.0),
                "dL/da = (a − y) / N: positive when the prediction is too high, so that a step "
                "against the gradient lowers it."),
        Mistake("averaging over the outputs as well as the samples",
                _mse_mistake(_outputs, _outputs), _MEAN_OVER_SAMPLES),
        Mistake("averaging the loss over the outputs as well as the samples",
                _mse_mistake(_outputs, _one), _MEAN_OVER_SAMPLES),
    ],
    hints=[
        "For one sample with one output the loss is ½ (a − y)² and its derivative a − y. A batch "
        "of N samples takes the mean of the samples' losses: what does the 1/N do to the "
        "derivative of each entry?",
        "L = (1/N) Σ_n ½ Σ_k (a_nk − y_nk)², a sum over each sample's outputs and a mean over "
        "the N = A.shape[0] samples; then dL/da_nk = (a_nk − y_nk) / N, an array of A's shape.",
        "def mse_and_gradient(A, Y):\n    N = A.shape[____]\n    loss = 0.5 * np.sum((A - Y) ** "
        "2) / ____\n    dA = (A - Y) / ____\n    return loss, dA",
    ],
    explanation="mv.get_loss('mse') computes both, and the network's back-propagation starts "
                "from this dA.")
def _():
    return _mse_cases()


def _bce_cases():
    rng = np.random.default_rng(6)
    bce = get_loss("binary_cross_entropy")

    def case(label, Z, Y):
        return Case(label, (Z, Y), bce.value(Z, None, Y))

    def labels(n):
        return rng.integers(0, 2, size=(n, 1)).astype(float)

    return [
        # First moderate logits, where the formula from p is finite: the other slips show.
        case("6 samples with one output each", 2 * rng.normal(size=(6, 1)),
             np.array([[0.0], [1.0], [1.0], [0.0], [1.0], [0.0]])),
        case("logits whose sigmoid rounds to 0 or 1",
             np.array([[40.0], [-40.0], [800.0], [-800.0], [40.0], [-800.0]]),
             np.array([[1.0], [0.0], [1.0], [0.0], [0.0], [1.0]])),
        case("5 samples with 3 outputs each, and targets between 0 and 1",
             rng.normal(size=(5, 3)), rng.random((5, 3))),
        case("a batch of one", rng.normal(size=(1, 1)), labels(1)),
        case("zeros, so p = ½ everywhere", np.zeros((4, 1)), np.array([[0.0], [1.0], [1.0],
                                                                          [0.0]])),
    ]


def _bce_entries(Z, Y):
    """The loss of each entry, in the stable form (for the mistakes that go wrong after it)."""
    return np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))


def _batch_mean(per_entry):
    """Sum over each sample's outputs, mean over the samples."""
    return np.sum(per_entry) / per_entry.shape[0]


def _naive_bce(Z, Y, log=np.log):
    """-[y log p + (1 - y) log(1 - p)] with p = σ(z) computed first, per entry."""
    p = 1 / (1 + np.exp(-Z))
    return -(Y * log(p) + (1 - Y) * log(1 - p))


@function_exercise(
    "03.6", "binary cross-entropy that survives p = 0 and p = 1", name="binary_cross_entropy",
    params=("Z", "Y"), outputs=("loss",),
    solution='''
def binary_cross_entropy(Z, Y):
    """Binary cross-entropy from the logits, mean over the batch.

    Z: (n_samples, n_outputs), the output layer's z before the sigmoid;
    Y: the same shape, labels 0 or 1 (or probabilities) -> loss: a number
    """
    # -[y log σ(z) + (1 - y) log(1 - σ(z))] is, entry by entry, the same number as
    # max(z, 0) - z y + log(1 + e^-|z|): no log of a rounded 0, no exp that overflows.
    per_entry = np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))
    # Sum over each sample's outputs, mean over the samples.
    return np.sum(per_entry) / Z.shape[0]

answer = binary_cross_entropy
''',
    mistakes=[
        Mistake("taking the log of the probability p = σ(z), which rounds to 0 or 1",
                lambda Z, Y: _batch_mean(_naive_bce(Z, Y)),
                "In float64 σ(40) is exactly 1.0, so log(1 − p) = log 0 = −inf, and 0 · −inf "
                "is nan. Write the loss in z: max(z, 0) − z y + log(1 + e^−|z|) is the same "
                "number and never takes the log of 0."),
        Mistake("leaving out the minus sign", lambda Z, Y: -_batch_mean(_bce_entries(Z, Y)),
                "log p is negative for a probability below 1, so the loss −[y log p + (1 − y) "
                "log(1 − p)] is positive: a loss is never negative."),
        Mistake("using log10 instead of the natural logarithm",
                lambda Z, Y: _batch_mean(_naive_bce(Z, Y, np.log10)),
                "Cross-entropy uses the natural logarithm, np.log (np.log1p for log(1 + x))."),
        Mistake("summing over the batch instead of taking the mean",
                lambda Z, Y: np.sum(_bce_entries(Z, Y)),
                "The batch's loss is the mean over the samples: divide by N = Z.shape[0]."),
        Mistake("averaging over the outputs as well as the samples",
                lambda Z, Y: np.mean(_bce_entries(Z, Y)),
                "Each sample's loss sums over its outputs, and the batch's loss is the mean over "
                "the samples only: np.sum(...) / Z.shape[0]."),
        Mistake("computing log(1 + e^−z), which overflows for very negative z",
                lambda Z, Y: _batch_mean(np.log(1 + np.exp(-Z)) + (1 - Y) * Z),
                "e^800 is inf in float64. Use the form with |z|, max(z, 0) − z y + "
                "log(1 + e^−|z|), whose exponent is never positive (or np.logaddexp(0, −z))."),
        Mistake("leaving out the (1 − y) log(1 − p) term",
                lambda Z, Y: _batch_mean(Y * np.logaddexp(0, -Z)),
                "A sample with label 0 costs −log(1 − p): the second term is the only one "
                "left when y = 0."),
    ],
    hints=[
        "−[y log p + (1 − y) log(1 − p)] with p = σ(z) is right on paper, but try z = 40: "
        "1 / (1 + np.exp(-40.0)) is exactly 1.0 in float64, and log(1 − 1.0) is −inf. Write "
        "the loss in z, where no log of 0 can appear.",
        "With p = σ(z): −log p = log(1 + e^−z) and −log(1 − p) = z + log(1 + e^−z), so an "
        "entry's loss is log(1 + e^−z) + (1 − y) z. That overflows for very negative z; the "
        "same number, max(z, 0) − z y + log(1 + e^−|z|), never does (np.log1p(x) is "
        "log(1 + x)). Then sum over each sample's outputs and take the mean over the samples.",
        "def binary_cross_entropy(Z, Y):\n    per_entry = np.maximum(Z, ____) - Z * Y + "
        "np.log1p(np.exp(-np.abs(____)))\n    return np.sum(per_entry) / Z.shape[____]",
    ],
    explanation="This is how mlp_viz's binary_cross_entropy computes it, from the output "
                "layer's z, and why it pairs the loss with a sigmoid output.")
def _():
    return _bce_cases()
