"""Self-checking exercises: ``check`` gives immediate, specific feedback.

In a notebook an exercise looks like this::

    answer = None  # replace None with your answer
    mv.check("01.2", answer)

``check`` compares the answer with a value mlp_viz computes itself and says
what is right, or what is off and where to look. Worked solutions are shown
only when asked for, with ``mv.solution("01.2")``; the tests run every
solution through its check.

Each notebook's exercises live in a module ``exNN.py`` beside this one,
which registers them with :func:`exercise`.
"""

from __future__ import annotations

import importlib
import itertools
from dataclasses import dataclass, field

import numpy as np

__all__ = ["EXERCISES", "Exercise", "Feedback", "check", "exercise", "is_number",
           "parameter_count_hint", "same_array", "solution", "update_count_hint"]

EXERCISES: dict = {}
"""Every exercise by key, e.g. ``"01.2"`` (notebook 01, exercise 2)."""

_MODULES = ("ex01", "ex02", "ex03", "ex04", "ex05", "ex06", "ex07", "ex08", "ex09")


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    Attributes
    ----------
    key : str
    correct : bool
    message : str
        What was right, or what is off and a hint where to look.
    """

    key: str
    correct: bool
    message: str

    def __str__(self):
        mark = "✓ Correct" if self.correct else "✗ Not yet"
        return f"{mark} ({self.key}): {self.message}"

    __repr__ = __str__


@dataclass(frozen=True)
class Exercise:
    """One exercise: its check and its worked solution.

    Attributes
    ----------
    key : str
    title : str
    checker : callable
        ``checker(answer) -> (bool, str)``, the answer's verdict and message.
        It is only called with an answer that is not None.
    solution : str
        Python code that sets ``answer``; run with ``np`` and ``mv`` defined.
    """

    key: str
    title: str
    checker: object = field(repr=False)
    solution: str = field(repr=False)


def exercise(key, title, solution):
    """Register the decorated function as the checker of exercise `key`.

    Parameters
    ----------
    key : str
        ``"NN.k"``: notebook NN, exercise k.
    title : str
        A few words naming the exercise.
    solution : str
        Worked solution, Python code that assigns ``answer``.

    Returns
    -------
    callable
        The decorator.
    """

    def register(checker):
        if key in EXERCISES:
            raise ValueError(f"exercise {key!r} is registered twice.")
        EXERCISES[key] = Exercise(key, title, checker, solution.strip() + "\n")
        return checker

    return register


def _load():
    for name in _MODULES:
        importlib.import_module(f"{__name__}.{name}")


def _get(key):
    _load()
    if key not in EXERCISES:
        raise ValueError(
            f"there is no exercise {key!r}; the exercises are: {', '.join(sorted(EXERCISES))}."
        )
    return EXERCISES[key]


def check(key, answer):
    """Check an answer to an exercise and say why it is right or not.

    Parameters
    ----------
    key : str
        The exercise, e.g. ``"01.2"``.
    answer : object
        Your answer; None means not answered yet.

    Returns
    -------
    Feedback
        Shown as one line: ``✓ Correct (01.2): ...`` or ``✗ Not yet (01.2): ...``.
    """
    ex = _get(key)
    if answer is None:
        return Feedback(key, False, "no answer yet: replace None with your answer and run the "
                                    "cell again.")
    try:
        correct, message = ex.checker(answer)
    except (TypeError, ValueError, IndexError) as exc:
        correct, message = False, f"this answer could not be checked ({exc})."
    return Feedback(key, bool(correct), message)


def solution(key):
    """Print the worked solution of an exercise (only when you ask for it).

    Parameters
    ----------
    key : str
        The exercise, e.g. ``"01.2"``.

    Returns
    -------
    None
    """
    ex = _get(key)
    print(f"# Solution to exercise {key}: {ex.title}\n{ex.solution}")


# ------------------------------------------------------------ helpers for checkers
def is_number(answer, value, rtol=1e-6, atol=1e-9):
    """True if `answer` is a number close to `value` (checkers use it to spot a typical slip).

    Parameters
    ----------
    answer : object
    value : float
    rtol, atol : float
        Tolerances, as in ``numpy.isclose``.

    Returns
    -------
    bool
    """
    try:
        return bool(np.isclose(float(answer), value, rtol=rtol, atol=atol))
    except (TypeError, ValueError):
        return False


def parameter_count_hint(answer, sizes):
    """A hint for a wrong count of an MLP's parameters.

    Parameters
    ----------
    answer : object
    sizes : sequence of int
        Layer sizes, input first.

    Returns
    -------
    str
        What the usual slip the answer matches missed, or else how to count.
    """
    weights = sum(n_in * n_out for n_in, n_out in itertools.pairwise(sizes))
    total = weights + sum(sizes[1:])
    if is_number(answer, weights):
        return "That counts the weights only: every neuron also has a bias."
    if is_number(answer, total + sizes[0]):
        return ("One bias too many per input neuron: the input layer computes nothing, so it "
                "has no biases.")
    if is_number(answer, sum(sizes)) or is_number(answer, sum(sizes[1:])):
        return "That counts neurons, not parameters (weights and biases)."
    return "For each layer after the input, add n_out · n_in weights and n_out biases."


def update_count_hint(answer, n_samples, batch_size, epochs):
    """A hint for the usual slips in counting the updates of a training run, or None.

    Parameters
    ----------
    answer : object
    n_samples, batch_size, epochs : int

    Returns
    -------
    str or None
    """
    per_epoch = -(-n_samples // batch_size)
    if is_number(answer, epochs * n_samples / batch_size):
        return ("An update count is a whole number: round N / B up before multiplying by the "
                "number of epochs.")
    if is_number(answer, epochs * (n_samples // batch_size)):
        return ("The samples left over after the full batches form one more, smaller batch in "
                "every epoch, and it gets an update too.")
    if is_number(answer, per_epoch):
        return f"That is one epoch's updates; the run has {epochs} epochs."
    if is_number(answer, epochs):
        return ("One update per epoch would be full-batch training; here each epoch is split "
                f"into batches of {batch_size}.")
    if is_number(answer, epochs * n_samples):
        return "That is one update per sample; mini-batch training makes one per batch."
    return None


def same_array(answer, value):
    """True if `answer` has the shape of `value` and the same entries (to spot a slip).

    Parameters
    ----------
    answer : object
    value : array_like

    Returns
    -------
    bool
    """
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == np.shape(value) and bool(np.allclose(got, value))


def compare_array(answer, expected, *, name="your answer", rtol=1e-6, atol=1e-9):
    """Compare an array answer with the expected one; return ``(ok, message)``.

    Parameters
    ----------
    answer : array_like
    expected : array_like
    name : str
        How to call the answer in messages.
    rtol, atol : float
        Tolerances, as in ``numpy.allclose``.

    Returns
    -------
    (bool, str)
        The message names the shape that was expected when the shapes
        differ, and otherwise how many entries are right and where the first
        wrong one is (without giving its value away).
    """
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False, f"{name} should be numbers (an array); got {type(answer).__name__}."
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape:
        hint = " (transposed?)" if got.shape == want.shape[::-1] and got.ndim == 2 else ""
        return False, f"{name} has shape {got.shape}, but it should have shape {want.shape}{hint}."
    close = np.isclose(got, want, rtol=rtol, atol=atol)
    if close.all():
        return True, ""
    idx = tuple(int(i) for i in np.argwhere(~close)[0])
    where = f" at index {idx if len(idx) > 1 else idx[0]}" if idx else ""
    right = int(close.sum())
    return False, (f"{name} has the right shape, and {right} of {close.size} entries are "
                   f"right; the first wrong one is{where} (you have {got[idx]:.6g}).")


def compare_number(answer, expected, *, name="your answer", rtol=1e-6, atol=1e-9):
    """Compare a single number with the expected one; return ``(ok, message)``.

    Parameters
    ----------
    answer : number
    expected : number
    name : str
    rtol, atol : float

    Returns
    -------
    (bool, str)
    """
    if isinstance(answer, bool) or (not np.isscalar(answer) and np.ndim(answer) != 0):
        return False, f"{name} should be a single number; got {type(answer).__name__}."
    try:
        got = float(answer)
    except (TypeError, ValueError):
        return False, f"{name} should be a number; got {type(answer).__name__}."
    if np.isclose(got, expected, rtol=rtol, atol=atol):
        return True, ""
    direction = "too large" if got > expected else "too small"
    return False, f"{name} is {got:.6g}, which is {direction}."
