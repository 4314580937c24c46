"""Exercises of notebook 03 where you write the code: functions checked by running them."""

import numpy as np

from ..losses import get_loss
from . import Case, Mistake, function_exercise
from .finite_differences import gradient_against_finite_differences


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
                "from this dA.",
    extra=lambda function: _mse_gradient_check(function))
def _():
    return _mse_cases()


def _mse_gradient_check(mse_and_gradient):
    """The learner's dA against centred finite differences of the ½-MSE, on another batch."""
    rng = np.random.default_rng(15)
    A, Y = rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    mse = get_loss("mse")
    return gradient_against_finite_differences(
        mse_and_gradient, (A, Y), lambda a: mse.value(a, a, Y), A, who="mse_and_gradient",
        name="dA", where="on another batch (A and Y of shape (4, 2))", pick=lambda r: r[1])


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
        Mistake("computing an exponential such as e^−z directly, which overflows when the "
                "exponent is large",
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
