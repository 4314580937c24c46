"""Self-checking exercises: ``check`` gives immediate, specific feedback.

In a notebook an exercise looks like this::

    answer = None  # replace None with your answer
    mv.check("01.2", answer)

``check`` compares the answer with a value mlp_viz computes itself and says
what is right, or what is off and where to look. Worked solutions are shown
only when asked for, with ``mv.solution("01.2")``; the tests run every
solution through its check.

Each notebook's exercises live beside this module (NN is the notebook's
number): ``exNN.py`` registers those answered with a value (:func:`exercise`),
``exNN_code.py`` those where the learner writes a function
(:func:`function_exercise`, see :mod:`.implementing`). The modules are found
by their names, so a new notebook needs only new files.

Every numeric checker judges with one rule, the one of
:mod:`mlp_viz.exercises.judging` (:func:`compare_number`, :func:`compare_array`):
an answer equal to the right one (to the checker's tolerance) is correct; one
that agrees to 4 significant digits, the precision the notebooks print, is
correct up to rounding and told so; one that agrees to 3 significant digits is
very close, and told to use the unrounded values; only an answer that is
further off gets the checker's hints about the method. An answer of the wrong
type or shape is told so before any of this.
"""

from __future__ import annotations

import importlib
import numbers
import os
import pkgutil
import re
from dataclasses import dataclass, field

from .._validation import describe
from .implementing import Case, Mistake, function_exercise
from .judging import (
    CLOSE_RTOL,
    ROUNDING_RTOL,
    Comparison,
    compare_array,
    compare_number,
    is_number,
    same_array,
)

__all__ = ["CLOSE_RTOL", "EXERCISES", "ROUNDING_RTOL", "SOLUTIONS_VARIABLE", "Case",
           "Comparison", "Exercise", "Feedback", "Mistake", "check", "compare_array",
           "compare_number", "exercise", "function_exercise", "hint", "is_number", "register",
           "same_array", "solution", "solutions_allowed"]

EXERCISES: dict = {}
"""Every exercise by key, e.g. ``"01.2"`` (notebook 01, exercise 2)."""

_MODULE_NAME = re.compile(r"ex\d\d(_code)?")


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
        For a function exercise it defines the function and assigns it.
    hints : tuple of str
        Graded hints, given one at a time by :func:`hint`.
    kind : str
        ``"value"`` (the answer is a number or an array) or ``"function"``
        (a function the learner writes, see :mod:`.implementing`).
    """

    key: str
    title: str
    checker: object = field(repr=False)
    solution: str = field(repr=False)
    hints: tuple = field(default=(), repr=False)
    kind: str = "value"


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

    def decorate(checker):
        register(key, title, checker, solution)
        return checker

    return decorate


def register(key, title, checker, solution, *, hints=(), kind="value"):
    """Add an exercise to :data:`EXERCISES` (the one place that does)."""
    if key in EXERCISES:
        raise ValueError(f"exercise {key!r} is registered twice.")
    EXERCISES[key] = Exercise(key, title, checker, solution.strip() + "\n", tuple(hints), kind)


def _load():
    """Import every ``exNN`` module of this package (each registers its exercises)."""
    for info in pkgutil.iter_modules(__path__):
        if _MODULE_NAME.fullmatch(info.name):
            importlib.import_module(f"{__name__}.{info.name}")


def _get(key):
    if not isinstance(key, str):
        raise TypeError(
            f"key is the exercise's name, a string such as '01.2'; got {describe(key)}."
        )
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

    Notes
    -----
    The checkers report an answer of the wrong type or shape themselves (through
    :func:`compare_number` and :func:`compare_array`), so an exception raised
    inside a checker is a bug of the checker, and it is not caught here.
    """
    ex = _get(key)
    if answer is None:
        return Feedback(key, False, "no answer yet: replace None with your answer and run the "
                                    "cell again.")
    correct, message = ex.checker(answer)
    return Feedback(key, bool(correct), message)


SOLUTIONS_VARIABLE = "MLP_VIZ_SOLUTIONS"
"""The environment variable by which a teacher turns the worked solutions off (``off``)."""

_SWITCH = {"on": True, "1": True, "yes": True, "true": True,
           "off": False, "0": False, "no": False, "false": False}


def solutions_allowed():
    """Whether :func:`solution` shows solutions: False when ``MLP_VIZ_SOLUTIONS=off``.

    Read at every call, so a teacher's setting holds from the start of the
    kernel (``MLP_VIZ_SOLUTIONS=off python3 course.py lab``).

    Returns
    -------
    bool
        True when the variable is unset or empty, or ``on``; False when it is
        ``off`` (also ``0``, ``no``, ``false``).
    """
    value = os.environ.get(SOLUTIONS_VARIABLE, "").strip().lower()
    if not value:
        return True
    if value not in _SWITCH:
        raise ValueError(
            f"the environment variable {SOLUTIONS_VARIABLE} is {value!r}, but it must be 'on' or "
            "'off' (or 1/0, yes/no, true/false); set it to 'off' to hide the worked solutions."
        )
    return _SWITCH[value]


def solution(key):
    """Print the worked solution of an exercise (only when you ask for it).

    A teacher can turn the solutions off for a class by starting the course
    with the environment variable ``MLP_VIZ_SOLUTIONS=off``; this then says so
    instead (the hints of :func:`hint` stay available).

    Parameters
    ----------
    key : str
        The exercise, e.g. ``"01.2"``.

    Returns
    -------
    None
    """
    ex = _get(key)
    if not solutions_allowed():
        print(f"The worked solutions are turned off for this class ({SOLUTIONS_VARIABLE}=off). "
              f"Ask your teacher, or run mv.hint({key!r}) for the next hint.")
        return
    print(f"# Solution to exercise {key}: {ex.title}\n{ex.solution}")


_HINTS_GIVEN: dict = {}
"""How many hints of each exercise :func:`hint` has given in this session (key -> count)."""


def hint(key, level=None):
    """Print the next hint of an exercise: a nudge first, then the formula, then a skeleton.

    Parameters
    ----------
    key : str
        The exercise, e.g. ``"04.6"``.
    level : int, optional
        Which hint to show, from 1. Without it, each call shows the next one
        (counted per exercise in this Python session; the last one repeats).

    Returns
    -------
    None
    """
    ex = _get(key)
    n = len(ex.hints)
    if not n:
        print(f"Exercise {key} has no graded hints: the feedback of mv.check({key!r}, ...) on a "
              "wrong answer points at the method.")
        return
    if level is None:
        level = min(_HINTS_GIVEN.get(key, 0) + 1, n)
    elif isinstance(level, bool) or not isinstance(level, numbers.Integral):
        raise TypeError(f"level must be a whole number from 1 to {n} (exercise {key} has {n} "
                        f"hints); got {describe(level)}.")
    elif not 1 <= level <= n:
        raise ValueError(f"level must be a whole number from 1 to {n} (exercise {key} has {n} "
                         f"hints); got {level}.")
    _HINTS_GIVEN[key] = level
    if level < n:
        after = f"(mv.hint({key!r}) again gives hint {level + 1}.)"
    elif solutions_allowed():
        after = f"(That is the last hint; mv.solution({key!r}) shows a worked solution.)"
    else:
        after = "(That is the last hint.)"
    print(f"Hint {level} of {n} for exercise {key}:\n{ex.hints[level - 1]}\n{after}")

