"""The shared rule by which every exercise checker judges a numeric answer.

:func:`compare_number` and :func:`compare_array` first read the answer as
numbers (a string, a bool, NaN, a ragged list, None in a list, ... are told
so, and so is a wrong shape), then grade it against the expected value:

- equal to it (to the checker's tolerance): correct;
- agreeing to 4 significant digits, what the notebooks print: correct, and
  told that it is right up to rounding;
- agreeing to 3 significant digits: very close, and told to use the
  unrounded values (not correct, and no hint on the method);
- further off: the checker adds its hints about the method.

Arrays are graded entry by entry, and take the verdict of their worst entry.
"""

from dataclasses import dataclass
from functools import partial

import numpy as np

__all__ = ["CLOSE_RTOL", "ROUNDING_RTOL", "Comparison", "compare_array", "compare_number",
           "is_number", "same_array"]

ROUNDING_RTOL = 5e-4
"""Rounding a number to 4 significant digits moves it by at most this fraction of itself.

So an answer this close to the right one agrees with it to 4 significant digits,
the precision the notebooks print their results with (``:.4f``, ``:.4g`` and
``np.set_printoptions(precision=4)``), and it is right up to rounding.
"""

CLOSE_RTOL = 5e-3
"""The same for 3 significant digits: an answer this close is very close, but not right."""


# --------------------------------------------------- reading an answer as numbers
def _where(index):
    """How to name the entry at `index` in a message."""
    return f"entry {index[0] if len(index) == 1 else index}"


def _entry_problem(value):
    """Why one entry of an object array is not a number, or None if it is one."""
    if value is None:
        return "None"
    if isinstance(value, (str, bytes, bool, np.bool_)):
        return f"{value!r}, not a number"
    try:
        float(value)
    except OverflowError:
        return "too large for a floating-point number"
    except (TypeError, ValueError):
        return f"an object of type {type(value).__name__}, not a number"
    return None


def _as_numbers(answer, name, what, bools=False):
    """The answer as a float array, or None and a message saying why it is not one.

    Parameters
    ----------
    answer : object
        What the learner gave.
    name : str
        How to call the answer in messages.
    what : str
        What it should be, for messages: "a number" or "an array of numbers".
    bools : bool
        Whether True/False entries are accepted (as 1 and 0).

    Returns
    -------
    (ndarray or None, str or None)
    """
    if isinstance(answer, (str, bytes)):
        return None, (f"{name} should be {what}, not a string ({answer!r}): write the "
                      "number(s) without quotes.")
    try:
        raw = np.asarray(answer)
    except Exception as exc:  # the learner's own object failed to convert: say what it said
        if "inhomogeneous" in str(exc):
            return None, (f"{name} could not be read as an array: its rows have different "
                          "lengths, and every row must have as many numbers as the others.")
        return None, (f"{name} could not be read as numbers ({type(exc).__name__}: {exc}); "
                      f"it should be {what}.")
    kind = raw.dtype.kind
    if kind == "b" and not bools:
        shown = "True or False" if raw.ndim == 0 else "True/False values"
        return None, f"{name} is {shown}, but it should be {what}."
    if kind in "US":
        return None, (f"{name} holds text ({str(raw.ravel()[0])!r}, ...), but it should be {what}: "
                      "write the numbers without quotes.")
    if kind == "c":
        return None, (f"{name} holds complex numbers, but the answer is real: drop the "
                      "imaginary part (or find where a complex number came from).")
    if kind == "O":
        for index in np.ndindex(raw.shape):
            problem = _entry_problem(raw[index])
            if problem and raw.ndim == 0:
                return None, f"{name} should be {what}; got {problem}."
            if problem:
                return None, (f"{_where(index)} of {name} is {problem}: every entry must be a "
                              "number.")
    elif kind not in "biuf":
        return None, f"{name} should be {what}; got values of type {raw.dtype}."
    got = raw.astype(float)
    bad = ~np.isfinite(got)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        which = name if got.ndim == 0 else f"{_where(index)} of {name}"
        if np.isnan(got[index]):
            return None, (f"{which} is nan (not a number): a step of the computation went wrong, "
                          "e.g. 0 / 0, or the log or square root of a negative number.")
        return None, (f"{which} is infinite: a step of the computation overflowed or divided "
                      "by 0.")
    return got, None


# ------------------------------------------------------------------ the shared rule
_EXACT, _ROUNDED, _CLOSE, _OFF = range(4)


def _grade(got, want, rtol, atol, rounding):
    """Per entry: 0 equal (to rtol, atol), 1 right up to rounding, 2 very close, 3 off."""
    diff, scale = np.abs(got - want), np.abs(want)
    grade = np.full(np.shape(want), _OFF)
    if rounding:
        grade[diff <= CLOSE_RTOL * scale + atol] = _CLOSE
        grade[diff <= ROUNDING_RTOL * scale + atol] = _ROUNDED
    grade[np.isclose(got, want, rtol=rtol, atol=atol)] = _EXACT
    return grade


def _is_slip(got, slips, rtol, atol):
    """True if `got` equals one of the `slips` (to rtol, atol): then it is off, not rounded."""
    return any(np.shape(slip) == np.shape(got) and np.allclose(got, slip, rtol=rtol, atol=atol)
               for slip in slips)


_UNROUNDED = ("Compute it from the unrounded values (the variables themselves, not numbers "
              "copied from a printout).")


@dataclass(frozen=True)
class Comparison:
    """How an answer compares with the expected value, under the shared rule.

    Attributes
    ----------
    verdict : str
        ``"exact"``, ``"rounded"`` (right up to rounding to 4 significant
        digits), ``"close"`` (agrees to 3), ``"off"``, ``"shape"`` (numbers
        of the wrong shape) or ``"invalid"`` (not numbers).
    message : str
        What to tell the learner about it (empty when exact).
    value : float or ndarray or None
        The answer as float(s); None when invalid.
    rtol, atol : float
        The tolerances of an exact answer.
    rounding : bool
        Whether rounded answers count (and slips are recognised up to rounding
        too, see :meth:`near`).
    """

    verdict: str
    message: str
    value: object = None
    rtol: float = 1e-6
    atol: float = 1e-9
    rounding: bool = True

    @property
    def correct(self):
        """True if the answer counts as right (exactly or up to rounding)."""
        return self.verdict in ("exact", "rounded")

    @property
    def settled(self):
        """True if nothing is left to hint at: right, very close, not numbers or the wrong shape."""
        return self.verdict != "off"

    def right(self, explanation):
        """``(True, message)`` for a correct answer; a rounded one is told so first."""
        if not self.correct:
            raise RuntimeError(f"right() called for a {self.verdict!r} answer.")
        return True, f"{self.message} {explanation}".strip()

    def feedback(self):
        """``(False, message)`` for a settled answer that is not right."""
        if not self.settled or self.correct:
            raise RuntimeError(f"feedback() called for a {self.verdict!r} answer.")
        return False, self.message

    def hint(self, text):
        """``(False, message)`` for an answer that is off, with a hint on the method."""
        return False, f"{self.message} {text}".strip()

    def near(self, value):
        """True if the answer is `value` (a typical slip) up to rounding to 4 digits.

        Parameters
        ----------
        value : float or array_like
            What the slip gives, computed by the checker.

        Returns
        -------
        bool
            False when the answer is not numbers or has another shape.
        """
        want = np.asarray(value, dtype=float)
        if self.value is None or np.shape(self.value) != want.shape:
            return False
        # A slip is recognised as far from its value as a right answer may be from the right one.
        rtol = max(self.rtol, ROUNDING_RTOL) if self.rounding else self.rtol
        return bool(np.all(np.abs(self.value - want) <= rtol * np.abs(want) + self.atol))


def _show(value):
    """A value in full (10 significant digits), for telling a rounded answer what it rounds."""
    return np.array2string(np.asarray(value, dtype=float), separator=", ",
                           formatter={"float_kind": lambda v: f"{v:.10g}"})


def compare_number(answer, expected, *, name="your answer", rtol=1e-6, atol=1e-9,
                   rounding=True, slips=()):
    """Compare a single number with the expected one, under the shared rule.

    Parameters
    ----------
    answer : object
        The learner's answer.
    expected : float
    name : str
        How to call the answer in messages.
    rtol, atol : float
        Tolerances of an exact answer, as in ``numpy.isclose``.
    rounding : bool
        False for answers that are counts or indices: those have no rounding.
    slips : sequence of float
        What typical slips give, when one of them is so near the right value
        that it would pass for a rounding of it: an answer equal to a slip is
        off (and gets the checker's hint), not right up to rounding.

    Returns
    -------
    Comparison
        Its ``message`` says, when off, the answer and whether it is too large
        or too small.
    """
    expected = float(expected)
    got, problem = _as_numbers(answer, name, "a number")
    if problem:
        return Comparison("invalid", problem)
    if got.ndim != 0:
        what = "an array holding one number" if got.size == 1 else f"shape {got.shape}"
        take = " Take the number out with float(...)." if got.size == 1 else ""
        return Comparison("invalid", f"{name} should be a single number; got {what}.{take}")
    got = float(got)
    verdict = partial(Comparison, value=got, rtol=rtol, atol=atol, rounding=rounding)
    grade = int(_grade(got, expected, rtol, atol, rounding))
    if grade in (_ROUNDED, _CLOSE) and _is_slip(got, slips, rtol, atol):
        grade = _OFF
    if grade == _EXACT:
        return verdict("exact", "")
    if grade == _ROUNDED:
        return verdict("rounded", f"right up to rounding (unrounded, {name} is "
                                  f"{_show(expected)});")
    if grade == _CLOSE:
        return verdict("close", f"{name} is {got:.6g}: very close, but further from the right "
                                "value than rounding to 4 significant digits would take it. "
                       + _UNROUNDED)
    direction = "too large" if got > expected else "too small"
    return verdict("off", f"{name} is {got:.6g}, which is {direction}.")


def compare_array(answer, expected, *, name="your answer", rtol=1e-6, atol=1e-9, rounding=True,
                  bools=False, slips=()):
    """Compare an array answer with the expected one, entry by entry, under the shared rule.

    Parameters
    ----------
    answer : object
        The learner's answer.
    expected : array_like
    name : str
        How to call the answer in messages.
    rtol, atol : float
        Tolerances of an exact entry, as in ``numpy.isclose``.
    rounding : bool
        False for arrays of counts, indices or 0/1 flags: those have no rounding.
    bools : bool
        Whether True/False entries count as 1 and 0.
    slips : sequence of array_like
        As for :func:`compare_number`: arrays that typical slips give and that
        would pass for a rounding of the right one.

    Returns
    -------
    Comparison
        The verdict is the worst of the entries'. Its message names the shape
        that was expected when the shapes differ, and otherwise how many
        entries are right and where the first wrong one is (without giving its
        value away).
    """
    want = np.asarray(expected, dtype=float)
    got, problem = _as_numbers(answer, name, "an array of numbers", bools=bools)
    if problem:
        return Comparison("invalid", problem)
    verdict = partial(Comparison, value=got, rtol=rtol, atol=atol, rounding=rounding)
    if got.shape != want.shape:
        if got.ndim == 0:
            return verdict("shape", f"{name} is a single number, but it should be an array of "
                                    f"shape {want.shape}.")
        hint = " (transposed?)" if got.shape == want.shape[::-1] and got.ndim == 2 else ""
        return verdict("shape", f"{name} has shape {got.shape}, but it should have shape "
                                f"{want.shape}{hint}.")
    grade = _grade(got, want, rtol, atol, rounding)
    if grade.max(initial=_EXACT) in (_ROUNDED, _CLOSE) and _is_slip(got, slips, rtol, atol):
        grade[grade != _EXACT] = _OFF
    worst = int(grade.max(initial=_EXACT))
    if worst == _EXACT:
        return verdict("exact", "")
    if worst == _ROUNDED:
        return verdict("rounded", f"right up to rounding (unrounded, {name} is {_show(want)});")
    idx = tuple(int(i) for i in np.argwhere(grade == worst)[0])
    where = f" at index {idx if len(idx) > 1 else idx[0]}" if idx else ""
    if worst == _CLOSE:
        return verdict("close", f"{name} is very close: every entry agrees with the right one to "
                                f"3 significant digits, but the one{where} (you have "
                                f"{got[idx]:.6g}) is further off than rounding to 4 significant "
                                "digits would take it. " + _UNROUNDED)
    right = int(np.sum(grade <= _ROUNDED))
    return verdict("off", f"{name} has the right shape, and {right} of {grade.size} entries are "
                          f"right; the first wrong one is{where} (you have {got[idx]:.6g}).")


# ------------------------------------------------- helpers for recognising slips
def is_number(answer, value, rtol=1e-6, atol=1e-9):
    """True if `answer` is a number close to `value` (checkers use it to spot a typical slip).

    Parameters
    ----------
    answer : object
        The learner's answer; anything that is not one finite number gives False.
    value : float
        Computed by the checker (an error here is the checker's, and raises).
    rtol, atol : float
        Tolerances, as in ``numpy.isclose``.

    Returns
    -------
    bool
    """
    value = float(value)
    got, problem = _as_numbers(answer, "the answer", "a number")
    if problem or got.ndim != 0:
        return False
    return bool(np.isclose(got, value, rtol=rtol, atol=atol))


def same_array(answer, value):
    """True if `answer` has the shape of `value` and the same entries (to spot a slip).

    Parameters
    ----------
    answer : object
        The learner's answer; anything that is not numbers gives False.
    value : array_like
        Computed by the checker.

    Returns
    -------
    bool
    """
    want = np.asarray(value, dtype=float)
    got, problem = _as_numbers(answer, "the answer", "an array of numbers")
    return problem is None and got.shape == want.shape and bool(np.allclose(got, want))
