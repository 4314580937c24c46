"""Exercises of notebook 07 where you write the code: functions checked by running them."""

import copy

import numpy as np

from ..dropout import dropout, dropout_mask
from . import Case, Mistake, function_exercise
from .finite_differences import gradient_against_finite_differences


# -------------------------------------------------- writing inverted dropout yourself
def _forward_cases():
    rng = np.random.default_rng(10)

    def case(label, a, rate, seed):
        gen = np.random.default_rng(seed)
        out, mask = dropout(a, rate, rng=copy.deepcopy(gen))  # the case keeps gen unused
        return Case(label, (a, rate, gen), (out.copy(), mask))

    return [
        case("a batch of 4 samples and 6 neurons, rate 0.3", rng.normal(size=(4, 6)) + 1, 0.3,
             0),
        case("a batch of one, rate 0.2", rng.normal(size=(1, 5)), 0.2, 1),
        case("one layer's activations as a vector, rate 0.5", rng.random(8), 0.5, 2),
        case("rate 0: nothing is dropped", rng.normal(size=(3, 4)), 0.0, 3),
        case("large and negative activations, rate 0.8", -1e6 * rng.random((5, 3)), 0.8, 4),
    ]


def _forward_with(keep, scale):
    """A mistaken dropout forward: the mask from `keep(u, rate)`, the kept entries times `scale`."""
    def forward(a, rate, rng):
        mask = keep(rng.random(a.shape), rate)
        return a * mask * scale(rate), mask
    return forward


def _kept(u, rate):
    return u >= rate


@function_exercise(
    "07.5", "inverted dropout, forward", name="dropout_forward", params=("a", "rate", "rng"),
    outputs=("out", "mask"),
    solution='''
def dropout_forward(a, rate, rng):
    """Inverted dropout in training: drop each entry with probability rate, divide the rest.

    a: (n_samples, n_neurons) or (n_neurons,)   rate: the drop probability, in [0, 1)
    rng: a numpy.random.Generator
    ->   out: a's shape, a * mask / (1 - rate)   mask: a's shape, True where kept
    """
    # One uniform number per entry, kept where it is at least rate: as mlp_viz draws it.
    mask = rng.random(a.shape) >= rate
    # Dividing by the keep probability keeps the expected value: E[out] = a.
    out = a * mask / (1 - rate)
    return out, mask

answer = dropout_forward
''',
    mistakes=[
        Mistake("multiplying by the keep probability instead of dividing by it",
                _forward_with(_kept, lambda rate: 1 - rate),
                "Inverted dropout divides the kept activations by the keep probability 1 - rate "
                "(the notes' slip is to multiply): then the expected value of each entry is "
                "(1 - rate) * a / (1 - rate) = a, as at evaluation time."),
        Mistake("forgetting to scale the kept activations", _forward_with(_kept, lambda rate: 1),
                "Zeroing the dropped entries is half of it: divide the kept ones by the keep "
                "probability 1 - rate, so that on average the next layer receives a."),
        Mistake("keeping with probability rate (the mask flipped)",
                _forward_with(lambda u, rate: u < rate, lambda rate: 1 / (1 - rate)),
                "rate is the probability of dropping (as in PyTorch and Keras): keep where "
                "rng.random(a.shape) >= rate, so an entry is kept with probability 1 - rate."),
        Mistake("taking rate as the keep probability",
                _forward_with(lambda u, rate: u < rate, lambda rate: 1 / rate),
                "That is the convention of CS231n's p; in this course rate is the drop "
                "probability: keep where rng.random(a.shape) >= rate and divide by 1 - rate."),
        Mistake("dividing by rate instead of 1 - rate",
                _forward_with(_kept, lambda rate: 1 / rate),
                "Divide by the keep probability, 1 - rate; rate is the probability of "
                "dropping."),
        Mistake("returning the pair the other way round, (mask, out)",
                lambda a, rate, rng: _forward_with(_kept, lambda r: 1 / (1 - r))(a, rate,
                                                                                  rng)[::-1],
                "Return out first, then the mask: return out, mask."),
        Mistake("drawing the mask as u < 1 - rate",
                _forward_with(lambda u, rate: u < 1 - rate, lambda rate: 1 / (1 - rate)),
                "That keeps each entry with the right probability, but not the entries mlp_viz "
                "keeps, so the two cannot be compared entry by entry: draw one uniform number "
                "per entry, u = rng.random(a.shape), and keep where u >= rate."),
    ],
    hints=[
        "Two steps: draw a mask with one uniform number per entry of a, kept where the number "
        "is at least rate; then zero the dropped entries and rescale the kept ones so that the "
        "average stays a.",
        "mask = rng.random(a.shape) >= rate, and out = a * mask / (1 - rate): a kept entry is "
        "divided by the keep probability 1 - rate (not multiplied by it).",
        "def dropout_forward(a, rate, rng):\n"
        "    mask = rng.random(a.shape) >= ____\n"
        "    out = a * mask / ____\n"
        "    return out, mask",
    ],
    explanation="This is mv.dropout(a, rate, rng=rng), the dropout mv.train applies to every "
                "hidden layer at every training step; at evaluation time dropout is the "
                "identity.")
def _():
    return _forward_cases()


def _backward_cases():
    rng = np.random.default_rng(11)

    def case(label, shape, rate, scale=1.0):
        d_out = scale * rng.normal(size=shape)
        mask = dropout_mask(shape, rate, rng)
        return Case(label, (d_out, mask, rate), dropout(d_out, rate, keep_mask=mask)[0].copy())

    return [
        case("a batch of 4 samples and 6 neurons, rate 0.3", (4, 6), 0.3),
        case("a batch of one, rate 0.2", (1, 5), 0.2),
        case("one layer's gradient as a vector, rate 0.5", (8,), 0.5),
        case("rate 0: every entry kept", (3, 4), 0.0),
        case("large and negative gradients, rate 0.8", (5, 3), 0.8, scale=-1e6),
    ]


@function_exercise(
    "07.6", "inverted dropout, backward", name="dropout_backward",
    params=("d_out", "mask", "rate"), outputs=("d_a",),
    solution='''
def dropout_backward(d_out, mask, rate):
    """The gradient back through inverted dropout, with the mask of its forward pass.

    d_out: dL/d(out), the shape of the layer's activations   mask: the same shape, True
    where kept   rate: the drop probability, in [0, 1)
    ->   d_a: dL/da, the same shape
    """
    # out = a * mask / (1 - rate) is linear in a: each entry's derivative is
    # mask / (1 - rate), 0 for a dropped entry.
    return d_out * mask / (1 - rate)

answer = dropout_backward
''',
    mistakes=[
        Mistake("forgetting the scaling on the way back", lambda d_out, mask, rate: d_out * mask,
                "The forward pass divided the kept entries by 1 - rate, so its derivative does "
                "too: d_a = d_out * mask / (1 - rate)."),
        Mistake("multiplying by the keep probability instead of dividing by it",
                lambda d_out, mask, rate: d_out * mask * (1 - rate),
                "out = a * mask / (1 - rate), so d(out)/da = mask / (1 - rate): divide by the "
                "keep probability, as the forward pass does."),
        Mistake("forgetting the mask", lambda d_out, mask, rate: d_out / (1 - rate),
                "A dropped entry did not take part in the forward pass, so it gets no gradient: "
                "multiply by the mask, d_out * mask / (1 - rate)."),
        Mistake("flipping the mask", lambda d_out, mask, rate: d_out * ~mask / (1 - rate),
                "mask is True where the entry was kept: those are the entries whose gradient "
                "passes (divided by 1 - rate), and the dropped ones get 0."),
        Mistake("dividing by rate instead of 1 - rate",
                lambda d_out, mask, rate: d_out * mask / rate,
                "Divide by the keep probability, 1 - rate, as the forward pass did."),
    ],
    hints=[
        "The forward pass was out = a * mask / (1 - rate): each entry of a is multiplied by a "
        "number that does not depend on a. What is the derivative of out with respect to a, "
        "entry by entry?",
        "d(out)/da = mask / (1 - rate) for each entry, so by the chain rule d_a = d_out * mask "
        "/ (1 - rate): 0 for a dropped entry, d_out / (1 - rate) for a kept one. Use the same "
        "mask as the forward pass.",
        "def dropout_backward(d_out, mask, rate):\n"
        "    return d_out * ____ / ____",
    ],
    explanation="mlp_viz's back-propagation does exactly this at every hidden layer trained "
                "with dropout, with the masks of the forward pass (trace.keep).",
    extra=lambda function: _dropout_gradient_check(function))
def _():
    return _backward_cases()


def _dropout_gradient_check(dropout_backward):
    """The learner's d_a against centred finite differences of sum(d_out * dropout(a))."""
    rng = np.random.default_rng(16)
    a, d_out, rate = rng.normal(size=(2, 7)), rng.normal(size=(2, 7)), 0.4
    mask = dropout_mask(a.shape, rate, rng)

    def loss(x):  # a loss whose gradient with respect to dropout's output is d_out
        return float(np.sum(d_out * dropout(x, rate, keep_mask=mask)[0]))

    return gradient_against_finite_differences(
        dropout_backward, (d_out, mask, rate), loss, a, who="dropout_backward", name="d_a",
        where="at another layer (a of shape (2, 7), rate 0.4)")
