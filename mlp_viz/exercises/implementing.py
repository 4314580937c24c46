"""Exercises whose answer is a function the learner writes.

The learner fills a skeleton (a signature, a docstring with shapes and
``...``) and passes the function itself: ``mv.check("01.5", dense)``. The
checker calls it on several cases, each computed by mlp_viz's own
implementation (random shapes from fixed seeds, a batch of one, zeros,
negative and large values), and says "not yet" at the first case where it
differs, with what most likely went wrong:

- an exception raised inside the function is shown with its type, message
  and the learner's line, never as a crash;
- an input changed in place is named;
- an output that equals what a classic mistake gives (the transposed weight
  matrix, the forgotten bias, ReLU' = 1 everywhere, ...) is told that
  mistake, because the checker runs each :class:`Mistake` on the same case;
- anything else is told the first entry that differs and by how much.

Register one with :func:`function_exercise`. Its `hints` are what
:func:`mlp_viz.exercises.hint` gives, one more each time it is called.
"""

from __future__ import annotations

import copy
import linecache
import os
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .._validation import describe
from .judging import compare_array

__all__ = ["Case", "Mistake", "as_floats", "function_exercise", "learner_call"]

RTOL, ATOL = 1e-6, 1e-9
"""A function's output is right when every entry is this close to mlp_viz's (``numpy.isclose``).

Far tighter than the 4 significant digits of a typed answer: the function
computes in full precision, so 0.1 % off is a wrong formula, not rounding.
"""

# Frames in these folders are not the learner's: mlp_viz, NumPy, the standard library.
_NOT_YOURS = tuple(str(Path(p).resolve()) + os.sep for p in (
    Path(__file__).parents[1], Path(np.__file__).parent, Path(os.__file__).parent))


@dataclass(frozen=True)
class Case:
    """One call of the learner's function, and what mlp_viz's implementation returns for it.

    Attributes
    ----------
    label : str
        What is special about the case, for messages: ``"a batch of one"``.
    args : tuple
        The positional arguments. Each call gets its own deep copy, so that a
        function that changes its inputs in place can be told so.
    expected : object
        mlp_viz's result: a number, an array, or a tuple or list of them.
    """

    label: str
    args: tuple
    expected: object = field(repr=False)


@dataclass(frozen=True)
class Mistake:
    """A classic mistake, as the function that makes it.

    Attributes
    ----------
    label : str
        What it does, to follow "gives the result of": ``"forgetting the bias"``.
    gives : callable
        Called with the case's arguments, returns what the mistaken
        implementation returns.
    advice : str
        How to put it right.
    """

    label: str
    gives: object = field(repr=False)
    advice: str


@dataclass(frozen=True)
class FunctionSpec:
    """What :func:`function_exercise` needs to judge a function (see there)."""

    name: str
    params: tuple
    outputs: tuple
    cases: object
    mistakes: tuple
    explanation: str
    rtol: float
    atol: float
    extra: object
    reference: tuple = ("mlp_viz's", "mlp_viz has")


# ------------------------------------------------------------ calling the learner
@dataclass(frozen=True)
class LearnerError:
    """An exception raised inside the learner's function: what it was and where."""

    kind: str
    message: str
    line: str

    def __str__(self):
        where = f" at {self.line}" if self.line else ""
        return f"{self.kind}{where}: {self.message}" if self.message else f"{self.kind}{where}"


def _is_yours(filename):
    if filename.startswith("<"):  # code typed at a prompt or run with exec
        return True
    if filename.endswith((".pyx", ".pxd")) or "site-packages" in filename:
        return False  # compiled NumPy (its Cython frames name a bare .pyx file) or a package
    return not str(Path(filename).resolve()).startswith(_NOT_YOURS)


def _where(exc):
    """The learner's line where `exc` came from: the deepest frame in the learner's code."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)[1:] if _is_yours(f.filename)]
    if not frames:
        return ""
    frame = frames[-1]
    text = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
    # A notebook cell's file is a temporary one whose name changes every run: name the line only.
    cell = "ipykernel_" in frame.filename or frame.filename.startswith("<")
    place = f"line {frame.lineno}" if cell else f"{Path(frame.filename).name}, line {frame.lineno}"
    return f"{place} (`{text}`)" if text else place


def learner_call(function, args):
    """Call the learner's `function` on `args`; returns ``(result, LearnerError or None)``.

    NumPy's warnings are silenced during the call (an overflow shows in the
    result, as nan or inf, and the checker says so); any exception is caught
    and described, since it is the learner's, not the checker's.
    """
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return function(*args), None
    except Exception as exc:  # the learner's own code: report it, never crash
        return None, LearnerError(type(exc).__name__, str(exc), _where(exc))


# ---------------------------------------------------------------- comparing outputs
def _pieces(got, expected, outputs):
    """(name, learner's part, mlp_viz's part) of a result: a tuple split by the output names."""
    if len(outputs) > 1:
        return list(zip(outputs, got, expected))
    return [(outputs[0], got, expected)]


def _pairs(got, expected, outputs):
    """(name, learner's array, mlp_viz's array) for each array of the result, in order.

    A list of arrays (one per layer) is split into ``name[0]``, ``name[1]``, ...
    """
    for name, have, want in _pieces(got, expected, outputs):
        if isinstance(want, list):
            yield from ((f"{name}[{i}]", h, w) for i, (h, w) in enumerate(zip(have, want)))
        else:
            yield name, have, want


def _what(value):
    """A value in a few words, saying how long a list or tuple is."""
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)}"
    return describe(value)


def _structure_problem(got, expected, spec):
    """Why `got` cannot be compared with `expected` part by part, or None."""
    returns = f"`return {', '.join(spec.outputs)}`"
    if got is None:
        return (f"your {spec.name} returned None: write its body in place of `...`, and end it "
                f"with {returns}.")
    n = len(spec.outputs)
    if n > 1 and (not isinstance(got, (tuple, list)) or len(got) != n):
        return f"your {spec.name} should return {n} things, {returns}; it returned {_what(got)}."
    for part, have, want in _pieces(got, expected, spec.outputs):
        if isinstance(want, list) and (not isinstance(have, (list, tuple))
                                       or len(have) != len(want)):
            return f"{part} should be a list of {len(want)} arrays; got {_what(have)}."
    return None


def as_floats(value, shape):
    """`value` as a float array if it is numbers of `shape` (nan and inf included), else None."""
    if isinstance(value, (str, bytes)):
        return None
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None
    return array if array.shape == shape else None


def _first_difference(got, want, spec):
    """Where `got` first differs from `want` (same shapes), as text."""
    off = ~np.isclose(got, want, rtol=spec.rtol, atol=spec.atol)
    index = tuple(int(i) for i in np.argwhere(off)[0]) if got.ndim else ()
    where = f" at index {index if len(index) > 1 else index[0]}" if index else ""
    have, right = float(got[index]), float(want[index])
    count = f" ({int(off.sum())} of {off.size} entries differ)" if got.ndim else ""
    theirs, they_have = spec.reference
    if not np.isfinite(have):
        return (f"is {have}{where}, where {they_have} {right:.6g}: a step overflowed, or "
                f"divided 0 by 0{count}")
    if np.all(got == np.round(got)) and np.all(want == np.round(want)):
        how_far = ""  # counts or labels: how far one is from another says nothing
    elif abs(right) <= spec.atol:
        how_far = f", off by {abs(have - right):.3g}"
    else:
        how_far = f", a relative error of {abs(have - right) / abs(right):.2g}"
    return (f"differs from {theirs}{where}: you have {have:.6g}, {they_have} {right:.6g}"
            f"{how_far}{count}")


def compare_output(got, expected, spec):
    """None if `got` equals `expected` (to the spec's tolerances), else what differs, as text."""
    problem = _structure_problem(got, expected, spec)
    if problem:
        return problem
    for name, have, want in _pairs(got, expected, spec.outputs):
        want = np.asarray(want, dtype=float)
        values = as_floats(have, want.shape)
        if values is None:  # not numbers, or the wrong shape: the shared reading says which
            return compare_array(have, want, name=name, rounding=False).message
        if not np.allclose(values, want, rtol=spec.rtol, atol=spec.atol):
            return f"{name} {_first_difference(values, want, spec)}."
    return None


def _same(a, b):
    """True if `a` and `b` hold the same numbers (nan equal to nan), part by part."""
    if isinstance(b, (tuple, list)):
        return (isinstance(a, (tuple, list)) and len(a) == len(b)
                and all(_same(x, y) for x, y in zip(a, b)))
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return False
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))


def _unchanged(before, after):
    """True if an argument is as it was: arrays (and lists of them) equal entry for entry."""
    if isinstance(before, (list, tuple)):
        return len(before) == len(after) and all(map(_unchanged, before, after))
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and before.shape == after.shape
                and bool(np.array_equal(before, after, equal_nan=True)))
    return True  # a number, a generator, ...: a call cannot change it for its caller


def _show_args(case, params):
    """The case's arguments in a few words: ``X of shape (5, 3), W of shape (4, 3), lr = 0.1``."""
    def one(name, value):
        if isinstance(value, np.ndarray):
            return f"{name} of shape {value.shape}"
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], np.ndarray):
            return f"{name}, a list of {len(value)} arrays"
        if isinstance(value, (int, float, np.number)):
            return f"{name} = {value:g}"
        if isinstance(value, str):
            return f"{name} = {value!r}"
        return name
    return ", ".join(one(n, v) for n, v in zip(params, case.args))


def _mistake_made(got, case, spec):
    """The first of the spec's mistakes whose result on `case` is `got`, or None.

    A mistake that cannot be made on this case (X @ W with a W that is not
    square raises) is not the one the learner made.
    """
    if got is None:
        return None
    for mistake in spec.mistakes:
        mistaken, error = learner_call(mistake.gives, copy.deepcopy(case.args))
        if error is None and _same(got, mistaken):
            return mistake
    return None


def judge_function(answer, spec):
    """``(correct, message)`` for the learner's function `answer` (see the module's docstring)."""
    if not callable(answer):
        return False, (f"pass your function itself, without calling it: `{spec.name}`, with no "
                       f"parentheses after its name; got {describe(answer)}.")
    cases = spec.cases()
    for case in cases:
        args = copy.deepcopy(case.args)
        got, error = learner_call(answer, args)
        on = f"on {case.label} ({_show_args(case, spec.params)})"
        if error:
            return False, (f"your {spec.name} raised {error}; that was {on}. Fix it and run the "
                           "cell again.")
        changed = [n for n, a, b in zip(spec.params, case.args, args) if not _unchanged(a, b)]
        if changed:
            return False, (f"your {spec.name} changed its input {changed[0]} in place (with `+=`, "
                           f"`[...] =` or `out=`) {on}. When it returns, the caller's arrays must "
                           "be as they were: compute into new arrays, work on a copy, or put "
                           "back each entry you change (save it first: x + h - 2h + h is not "
                           "always x again in floating point).")
        problem = compare_output(got, case.expected, spec)
        if problem:
            mistake = _mistake_made(got, case, spec)
            if mistake:
                return False, (f"{on}, your {spec.name} gives the result of {mistake.label}. "
                               + mistake.advice)
            return False, f"{on}, {problem}"
    said = ""
    if spec.extra is not None:
        ok, said = spec.extra(answer)
        if not ok:
            return False, said
    labels = "; ".join(case.label for case in cases)
    return True, " ".join(filter(None, [
        f"your {spec.name} agrees with {spec.reference[0]} on all {len(cases)} cases ({labels}), "
        "and leaves its inputs as they were.", said, spec.explanation]))


def function_exercise(key, title, solution, *, name, params, outputs, mistakes=(), hints=(),
                      explanation="", rtol=RTOL, atol=ATOL, extra=None,
                      reference=FunctionSpec.reference):
    """Register an exercise whose answer is a function; decorate the function that makes its cases.

    Parameters
    ----------
    key, title, solution : str
        As for :func:`mlp_viz.exercises.exercise`; the solution defines the
        function and assigns it to ``answer``.
    name : str
        The function's name in the skeleton, for messages.
    params : tuple of str
        Its parameters' names, for messages about the cases.
    outputs : tuple of str
        The names of what it returns (``("Z",)``, or ``("loss", "dA")`` for a
        pair); an output mlp_viz gives as a list is one array per layer.
    mistakes : sequence of Mistake
        The classic mistakes to recognise.
    hints : sequence of str
        Graded hints, from a nudge to a skeleton with blanks.
    explanation : str
        Said after a correct answer.
    rtol, atol : float
        Tolerances of a right entry.
    extra : callable, optional
        ``extra(function) -> (ok, message)``: a check after the cases pass,
        e.g. against finite differences or training to an accuracy.
    reference : (str, str)
        How messages name the expected values: ``("mlp_viz's", "mlp_viz has")``,
        or e.g. ``("the true labels", "the true label is")``.

    Returns
    -------
    callable
        The decorator; the decorated ``cases()`` returns the list of
        :class:`Case` (made afresh at each check, from fixed seeds).
    """
    from . import register  # the package imports this module first, so not at the top

    def decorate(cases):
        spec = FunctionSpec(name, tuple(params), tuple(outputs), cases, tuple(mistakes),
                            explanation, rtol, atol, extra, tuple(reference))

        def checker(answer):
            return judge_function(answer, spec)

        checker.__module__ = cases.__module__
        checker.spec = spec  # for the tests: every mistake of the spec is reached by one
        register(key, title, checker, solution, hints=hints, kind="function")
        return cases

    return decorate
