"""Exercises of notebook 08 where you write the code: functions checked by running them."""

import numpy as np

from ..clipping import clip_grad_norm
from ..initializers import initializer
from . import Case, Mistake, function_exercise


# ------------------------------------------------------ writing the initialisers yourself
def _draw(std, n_in, n_out, rng, shape=None):
    return std * rng.standard_normal(shape or (n_out, n_in))


def _scheme_slip(he, xavier):
    """A mistaken initialiser: `he` and `xavier` give the std from (n_in, n_out)."""
    def gives(n_in, n_out, scheme, rng):
        std = he(n_in, n_out) if scheme == "he" else xavier(n_in, n_out)
        return _draw(std, n_in, n_out, rng)
    return gives


def _he(n_in, n_out):
    return np.sqrt(2 / n_in)


def _xavier(n_in, n_out):
    return np.sqrt(2 / (n_in + n_out))


def _std(n_in, n_out, scheme):
    return (_he if scheme == "he" else _xavier)(n_in, n_out)


@function_exercise(
    "08.6", "He and Xavier initialisation", name="init_weights",
    params=("n_in", "n_out", "scheme", "rng"), outputs=("W",),
    solution='''
def init_weights(n_in, n_out, scheme, rng):
    """One layer's weights for scheme "he" or "xavier": W of shape (n_out, n_in).

    n_in: inputs of the layer, n_out: its neurons, rng: a numpy.random.Generator.
    """
    if scheme == "he":
        std = np.sqrt(2 / n_in)               # He: variance 2 / n_in, for ReLU
    else:
        std = np.sqrt(2 / (n_in + n_out))     # Xavier: variance 2 / (n_in + n_out)
    # One row per neuron, as W is stored; the variance's square root scales the draws.
    return std * rng.standard_normal((n_out, n_in))

answer = init_weights
''',
    mistakes=[
        Mistake("using the variance as the standard deviation",
                lambda n_in, n_out, scheme, rng: _draw(_std(n_in, n_out, scheme) ** 2, n_in,
                                                       n_out, rng),
                "The variance is 2 / n_in (He) or 2 / (n_in + n_out) (Xavier); the standard "
                "deviation that scales standard_normal is its square root, np.sqrt(...)."),
        Mistake("dividing by n_out where He divides by n_in",
                _scheme_slip(lambda n_in, n_out: np.sqrt(2 / n_out), _xavier),
                "He keeps the signal's size on the way forward, where each neuron adds up "
                "n_in inputs: its variance is 2 / n_in."),
        Mistake("drawing the shape (n_in, n_out)",
                lambda n_in, n_out, scheme, rng: _draw(_std(n_in, n_out, scheme), n_in, n_out,
                                                       rng, (n_in, n_out)),
                "W has one row per neuron and one column per input, shape (n_out, n_in), so "
                "that the layer computes W @ x + b."),
        Mistake("drawing (n_in, n_out) and transposing it",
                lambda n_in, n_out, scheme, rng: _draw(_std(n_in, n_out, scheme), n_in, n_out,
                                                       rng, (n_in, n_out)).T,
                "The shape is right, but the draws land in other places: draw the shape "
                "(n_out, n_in) directly, rng.standard_normal((n_out, n_in)), as mlp_viz does, "
                "so that the same generator gives the same weights."),
        Mistake("using He's factor for Xavier", _scheme_slip(_he, _he),
                "Xavier's variance is 2 / (n_in + n_out), the inputs and the neurons together "
                "(it keeps the signal's size forward and the gradient's size backward); "
                "2 / n_in is He's, for ReLU."),
        Mistake("leaving out Xavier's 2",
                _scheme_slip(_he, lambda n_in, n_out: np.sqrt(1 / (n_in + n_out))),
                "Xavier's variance is 2 / (n_in + n_out): one over the mean of n_in and n_out, "
                "1 / ((n_in + n_out) / 2)."),
        Mistake("using 1 / n_in for Xavier",
                _scheme_slip(_he, lambda n_in, n_out: np.sqrt(1 / n_in)),
                "1 / n_in is LeCun's variance; Xavier's, 2 / (n_in + n_out), takes the number "
                "of neurons into account as well."),
    ],
    hints=[
        "Both schemes draw W from a normal distribution with mean 0; only the spread differs. "
        "Work out the variance for the scheme, take its square root, and scale one call of "
        "rng.standard_normal of the shape of W.",
        "He: std = √(2 / n_in). Xavier: std = √(2 / (n_in + n_out)). W = std · N(0, 1) draws "
        "of shape (n_out, n_in): one row per neuron.",
        "def init_weights(n_in, n_out, scheme, rng):\n"
        "    if scheme == \"he\":\n"
        "        std = np.sqrt(____)\n"
        "    else:\n"
        "        std = np.sqrt(____)\n"
        "    return std * rng.standard_normal((____, ____))",
    ],
    explanation="Your weights are mlp_viz's own, draw for draw: mv.MLP(..., init=\"he\") and "
                "init=\"xavier\" start from exactly these.")
def _init_cases():
    def case(label, n_in, n_out, scheme, seed):
        # The learner's function and mlp_viz's each get a generator in the same state, so one
        # standard_normal draw of shape (n_out, n_in), scaled, is the same entry for entry.
        expected = initializer(scheme).draw(n_out, n_in, np.random.default_rng(seed))
        return Case(label, (n_in, n_out, scheme, np.random.default_rng(seed)), expected)

    return [
        # First He on a layer that is not square: the slips on n_in, n_out, the shape and the
        # square root all give other numbers, and can be named.
        case("He, 3 inputs and 5 neurons", 3, 5, "he", 0),
        case("Xavier, 4 inputs and 2 neurons", 4, 2, "xavier", 1),
        case("He, one input and one neuron", 1, 1, "he", 2),
        case("Xavier, a wide first layer of 128 neurons reading 784 pixels", 784, 128,
             "xavier", 3),
        case("He, 64 inputs and 10 neurons", 64, 10, "he", 4),
    ]


# ------------------------------------------------------- writing the clipping yourself
def _norm_of_all(grads):
    return np.sqrt(sum(np.sum(np.square(g)) for g in grads))


def _scaled(grads, factor):
    return [g * factor for g in grads]


@function_exercise(
    "08.7", "clipping by the global norm", name="clip_by_global_norm",
    params=("grads", "max_norm"), outputs=("clipped",),
    solution='''
def clip_by_global_norm(grads, max_norm):
    """Clip a list of gradient arrays (every dW and db) by their global norm.

    grads: list of arrays of any shapes; max_norm > 0 -> a list of new arrays, same shapes
    """
    # The global norm: every entry of every array, squared, added up, square-rooted.
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    # As torch.nn.utils.clip_grad_norm_: never more than 1, so a short gradient stays as it
    # is; the 1e-6 keeps a zero gradient from dividing by 0.
    factor = min(1.0, max_norm / (norm + 1e-6))
    return [g * factor for g in grads]   # new arrays: the caller's stay as they were

answer = clip_by_global_norm
''',
    mistakes=[
        Mistake("clipping each array by its own norm",
                lambda grads, max_norm: [g * min(1.0, max_norm / (_norm_of_all([g]) + 1e-6))
                                         for g in grads],
                "The global norm is the norm of all the arrays together, √(Σ of every squared "
                "entry), and one factor scales every array: the gradient keeps its direction."),
        Mistake("scaling up a gradient shorter than max_norm",
                lambda grads, max_norm: _scaled(grads, max_norm / (_norm_of_all(grads) + 1e-6)),
                "Clipping only ever shortens: the factor is min(1, max_norm / (norm + 1e-6)), "
                "so a gradient already shorter than max_norm is left as it is."),
        Mistake("leaving out the 1e-6",
                lambda grads, max_norm: _scaled(grads, min(1.0, max_norm / _norm_of_all(grads))),
                "PyTorch divides by norm + 1e-6 (it keeps a zero gradient from dividing by 0); "
                "for a gradient as small as this one, the 1e-6 changes the factor visibly."),
        Mistake("adding up the arrays' norms",
                lambda grads, max_norm: _scaled(grads, min(1.0, max_norm / (
                    sum(_norm_of_all([g]) for g in grads) + 1e-6))),
                "Norms do not add: the global norm is √(‖g₁‖² + ‖g₂‖² + ...), the square root "
                "of the sum of the squared norms."),
    ],
    hints=[
        "Think of all the arrays as one long vector: measure its length, and if it is longer "
        "than max_norm, shrink every array by the same factor.",
        "norm = √(Σ over every array of Σ g²); factor = min(1, max_norm / (norm + 1e-6)); "
        "return [g · factor for each g], new arrays.",
        "def clip_by_global_norm(grads, max_norm):\n"
        "    norm = np.sqrt(sum(np.sum(____) for g in grads))\n"
        "    factor = min(1.0, ____ / (norm + 1e-6))\n"
        "    return [____ for g in grads]",
    ],
    explanation="This is mv.train's clip_norm, and torch.nn.utils.clip_grad_norm_: one factor "
                "for the whole gradient, so the step is shorter but points the same way.")
def _clip_cases():
    rng = np.random.default_rng(8)

    def gradient(*shapes, scale=1.0):
        return [scale * rng.normal(size=shape) for shape in shapes]

    def case(label, grads, max_norm):
        return Case(label, (grads, max_norm), clip_grad_norm(grads, max_norm)[0])

    layers = ((4, 3), (4,), (2, 4), (2,))
    return [
        # First a gradient longer than max_norm, some arrays of it shorter and some longer than
        # max_norm on their own: clipping array by array gives other numbers there.
        case("a gradient longer than max_norm", gradient(*layers), 2.5),
        case("a gradient shorter than max_norm, left as it is", gradient(*layers), 100.0),
        case("a tiny gradient, where the 1e-6 counts", gradient(*layers, scale=1e-4), 1e-5),
        case("a single array", gradient((3, 3)), 1.0),
        case("a zero gradient", [np.zeros((2, 2)), np.zeros(2)], 1.0),
        case("very large values", gradient((5, 2), (5,), scale=1e8), 5.0),
    ]
