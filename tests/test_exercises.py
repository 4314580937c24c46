"""Every exercise: its worked solution passes its check, wrong answers do not, every checker
judges by the same rule (exact, right up to rounding, very close, off), and an answer of the
wrong type or shape is told so plainly, while a checker's own bug raises.

The hints of each checker are tested in test_exercise_hints.py.
"""

import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

import mlp_viz as mv
from mlp_viz import exercises

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHECKED = re.compile(r"""mv\.check\(["'](\d\d\.\d+)["']""")

exercises._load()
KEYS = sorted(exercises.EXERCISES)
# Exercises answered with a number or an array; the others take a function (test_implementing.py).
VALUE_KEYS = [key for key in KEYS if exercises.EXERCISES[key].kind == "value"]
FUNCTION_KEYS = [key for key in KEYS if exercises.EXERCISES[key].kind == "function"]
CLOSE_ADVICE = ("Compute it from the unrounded values (the variables themselves, not numbers "
                "copied from a printout).")


def run_solution(key):
    namespace = {"np": np, "mv": mv}
    exec(exercises.EXERCISES[key].solution, namespace)
    assert "answer" in namespace, f"the solution of {key} does not set `answer`"
    return namespace["answer"]


def sig4(value):
    """`value` rounded to 4 significant digits, as the notebooks print it."""
    value = np.asarray(value, dtype=float)
    digits = 3 - np.floor(np.log10(np.abs(np.where(value == 0, 1.0, value))))
    return np.vectorize(lambda v, d: round(float(v), int(d)))(value, digits)


def changed(rounded, right):
    """True if rounding moved the answer beyond the checkers' exact tolerance."""
    return not np.allclose(rounded, right, rtol=1e-6, atol=1e-9)


def is_whole(value):
    value = np.asarray(value, dtype=float)
    return bool(np.all(value == np.round(value)))


def notebook_cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def checked_keys(path):
    """The exercises a notebook's code cells check."""
    return {key for cell in notebook_cells(path) if cell["cell_type"] == "code"
            for key in CHECKED.findall("".join(cell["source"]))}


def printed_text(path):
    return "".join("".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
                   for cell in notebook_cells(path) for out in cell.get("outputs", []))


# ------------------------------------------------------------------ the registry
def test_there_are_exercises_for_every_notebook():
    numbers = {path.name[:2] for path in NOTEBOOKS}
    assert {key[:2] for key in KEYS} <= numbers, "an exercise without its notebook"
    with_exercises = 0
    for path in NOTEBOOKS:
        number = path.name[:2]
        registered = {key for key in KEYS if key.startswith(number + ".")}
        assert registered == checked_keys(path), f"{path.name} checks other exercises"
        if registered:
            with_exercises += 1
            assert 2 <= len(registered) <= 8, f"notebook {number} has {len(registered)}"
            # issue 17: in every notebook with exercises, at least one where you write code
            assert registered & set(FUNCTION_KEYS), f"notebook {number}: no function to write"
    assert with_exercises >= len(NOTEBOOKS) - 1   # every notebook but the start page
    assert len(FUNCTION_KEYS) >= 12


def test_each_module_registers_its_notebooks_exercises():
    folder = Path(exercises.__file__).parent
    files = {p.stem for pattern in ("ex[0-9][0-9].py", "ex[0-9][0-9]_code.py")
             for p in folder.glob(pattern)}
    modules = {ex.checker.__module__.rsplit(".", 1)[1] for ex in exercises.EXERCISES.values()}
    assert modules == files
    for key, ex in exercises.EXERCISES.items():
        # the values in exNN, the functions to write in exNN_code
        suffix = "_code" if ex.kind == "function" else ""
        assert ex.checker.__module__ == f"mlp_viz.exercises.ex{key[:2]}{suffix}"


def test_a_new_module_is_found_without_a_list(tmp_path, monkeypatch):
    (tmp_path / "ex98.py").write_text(
        "from mlp_viz.exercises import exercise\n"
        "@exercise('98.1', 'a test exercise', solution='answer = 1')\n"
        "def _(answer):\n"
        "    return answer == 1, 'checked'\n", encoding="utf-8")
    monkeypatch.setattr(exercises, "__path__", [*exercises.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "mlp_viz.exercises.ex98", raising=False)
    try:
        assert mv.check("98.1", 1).correct
    finally:
        exercises.EXERCISES.pop("98.1", None)
        sys.modules.pop("mlp_viz.exercises.ex98", None)


@pytest.mark.parametrize("key", KEYS)
def test_solution_passes_its_check(key):
    feedback = mv.check(key, run_solution(key))
    assert feedback.correct, str(feedback)
    assert str(feedback).startswith(f"✓ Correct ({key})")


@pytest.mark.parametrize("key", KEYS)
def test_no_answer_yet(key):
    feedback = mv.check(key, None)
    assert not feedback.correct
    assert str(feedback) == (f"✗ Not yet ({key}): no answer yet: replace None with your answer "
                             "and run the cell again.")


@pytest.mark.parametrize("key", KEYS)
def test_a_wrong_answer_fails_with_a_message(key):
    right = run_solution(key)
    if isinstance(right, (bool, str)) or not np.issubdtype(np.asarray(right).dtype, np.number):
        wrong = "certainly not this"
    else:
        wrong = np.asarray(right, dtype=float) + 1.0
    feedback = mv.check(key, wrong)
    assert not feedback.correct
    assert len(feedback.message) > 10


def test_solution_prints_code(capsys):
    mv.solution(KEYS[0])
    out = capsys.readouterr().out
    assert out.startswith(f"# Solution to exercise {KEYS[0]}:") and "answer" in out


def test_an_exercise_registered_twice_is_refused():
    key = KEYS[0]
    with pytest.raises(ValueError, match=rf"exercise '{re.escape(key)}' is registered twice\."):
        exercises.exercise(key, "again", solution="answer = 1")(lambda answer: (True, ""))
    assert exercises.EXERCISES[key].title != "again"


def test_unknown_exercise():
    with pytest.raises(ValueError, match=r"there is no exercise '99\.1'; the exercises are: "):
        mv.check("99.1", 1)


# ------------------------------------------------------------- the shared rule
# The exercises the issue found rejecting an answer rounded as the notebooks print it.
ISSUE_ROUNDED = ("02.2", "02.3", "03.1", "03.3", "05.1", "05.3", "07.1", "08.3")


@pytest.mark.parametrize("key", ISSUE_ROUNDED)
def test_the_rounded_answers_of_the_issue_are_right_up_to_rounding(key):
    right = np.asarray(run_solution(key), dtype=float)
    rounded = sig4(right)
    assert changed(rounded, right), "the rounding must change the answer"
    feedback = mv.check(key, rounded)
    assert feedback.correct, str(feedback)
    assert feedback.message.startswith("right up to rounding (unrounded, ")


@pytest.mark.parametrize("key", VALUE_KEYS)
def test_an_answer_rounded_to_4_digits(key):
    right = np.asarray(run_solution(key), dtype=float)
    rounded = sig4(right)
    feedback = mv.check(key, rounded)
    if not changed(rounded, right):
        assert feedback.correct and not feedback.message.startswith("right up to rounding")
    elif is_whole(right):
        # A count rounded to 4 digits (12290 for 12288) is a wrong count: no rounding there.
        assert not feedback.correct, str(feedback)
        assert "rounding" not in feedback.message
    else:
        assert feedback.correct, str(feedback)
        assert feedback.message.startswith("right up to rounding (unrounded, ")


@pytest.mark.parametrize("key", VALUE_KEYS)
def test_an_answer_right_to_3_digits_only_is_very_close(key):
    right = np.asarray(run_solution(key), dtype=float)
    feedback = mv.check(key, right * (1 + 2e-3) + 0.0)
    assert not feedback.correct, str(feedback)
    if not is_whole(right):
        assert "very close" in feedback.message
        assert feedback.message.endswith(CLOSE_ADVICE), "no hint on the method after it"


@pytest.mark.parametrize("key", VALUE_KEYS)
def test_an_answer_that_is_really_off_is_not_called_close(key):
    right = np.asarray(run_solution(key), dtype=float)
    feedback = mv.check(key, right * 1.3 + 0.7)
    assert not feedback.correct, str(feedback)
    assert "very close" not in feedback.message and "rounding" not in feedback.message


def test_the_sigmoid_table_value_of_the_old_exercise_is_judged_by_the_rule():
    # The issue's example: σ'(2) printed as 0.104994 and answered with "too large. Compute s".
    assert exercises.compare_number(0.104994, 0.10499358540350662).verdict == "rounded"
    assert exercises.compare_number(0.1050, 0.10499358540350662).verdict == "rounded"


def test_compare_number_verdicts_and_messages():
    c = exercises.compare_number(0.25, 0.25, name="x")
    assert (c.verdict, c.correct, c.settled, c.message) == ("exact", True, True, "")
    c = exercises.compare_number(1.609, np.log(5), name="the loss")
    assert c.verdict == "rounded" and c.correct
    assert c.right("well done.") == (True, "right up to rounding (unrounded, the loss is "
                                           "1.609437912); well done.")
    c = exercises.compare_number(1.608, np.log(5), name="the loss")
    assert (c.verdict, c.correct, c.settled) == ("close", False, True)
    assert c.feedback() == (False, "the loss is 1.608: very close, but further from the right "
                                   "value than rounding to 4 significant digits would take it. "
                            + CLOSE_ADVICE)
    c = exercises.compare_number(1.7, np.log(5), name="the loss")
    assert (c.verdict, c.settled) == ("off", False)
    assert c.hint("Use np.log.") == (False, "the loss is 1.7, which is too large. Use np.log.")
    assert exercises.compare_number(12290, 12288, rounding=False).verdict == "off"
    assert exercises.compare_number(12290, 12288).verdict == "rounded"


def test_a_slip_near_the_right_value_is_not_taken_for_a_rounding():
    assert exercises.compare_number(0.9138, 0.9140625).verdict == "rounded"
    c = exercises.compare_number(0.9138, 0.9140625, slips=[0.9138])
    assert c.verdict == "off" and c.near(0.9138)
    c = exercises.compare_array([8.86, 30.3], [8.861, 30.299], slips=[[8.86, 30.3]])
    assert c.verdict == "off" and c.message.startswith("your answer has the right shape, and 0 ")


def test_compare_array_judges_entry_by_entry():
    want = np.array([1.0, 0.039112573, 200.0])
    assert exercises.compare_array(want, want).verdict == "exact"
    c = exercises.compare_array([1.0, 0.0391, 200.0], want)
    assert c.verdict == "rounded" and c.correct
    c = exercises.compare_array([1.0, 0.0391, 200.4], want, name="p")
    assert c.verdict == "close"
    assert c.message == ("p is very close: every entry agrees with the right one to 3 "
                         "significant digits, but the one at index 2 (you have 200.4) is further "
                         "off than rounding to 4 significant digits would take it. "
                         + CLOSE_ADVICE)
    c = exercises.compare_array([1.0, 0.0391, 250.0], want, name="p")
    assert c.verdict == "off" and c.message == ("p has the right shape, and 2 of 3 entries are "
                                                "right; the first wrong one is at index 2 (you "
                                                "have 250).")
    assert exercises.compare_array([3, 2], [3.001, 2], rounding=False).verdict == "off"


def test_compare_array_messages():
    c = exercises.compare_array(np.zeros((3, 2)), np.zeros((2, 3)), name="W")
    assert c.verdict == "shape" and not c.correct
    assert c.message == "W has shape (3, 2), but it should have shape (2, 3) (transposed?)."
    c = exercises.compare_array([1.0, 2.5], [1.0, 2.0], name="z")
    assert not c.correct and c.message == ("z has the right shape, and 1 of 2 entries are "
                                           "right; the first wrong one is at index 1 (you have "
                                           "2.5).")
    c = exercises.compare_array([1.0, 2.0], [1.0, 2.0])
    assert c.correct and c.message == ""
    c = exercises.compare_array(1.0, [1.0, 2.0], name="z")
    assert c.message == "z is a single number, but it should be an array of shape (2,)."


def test_a_verdict_asked_for_the_wrong_answer_is_a_checker_bug():
    off = exercises.compare_number(2.0, 1.0)
    with pytest.raises(RuntimeError, match=r"right\(\) called for a 'off' answer"):
        off.right("well done")
    with pytest.raises(RuntimeError, match=r"feedback\(\) called for a 'off' answer"):
        off.feedback()


def test_slip_helpers_judge_the_answer_but_not_the_checker():
    assert not exercises.is_number("0.5", 0.5) and not exercises.is_number([0.5], 0.5)
    assert exercises.is_number(np.float32(0.5), 0.5)
    assert not exercises.same_array([1, None], [1, 2])
    assert not exercises.compare_number("x", 1.0).near(1.0)
    assert not exercises.compare_array([1.0, 2.0], [1.0, 2.5]).near([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="could not convert string to float"):
        exercises.is_number(0.5, "not a value")      # the checker's mistake raises


# ------------------------------------------------- the learner's type and shape mistakes
class TensorLike:
    """Like a torch tensor that requires grad: NumPy conversion refuses."""

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("Can't call numpy() on Tensor that requires grad.")


class FloatLike:
    """A number type NumPy does not know, but which converts with float()."""

    def __init__(self, value):
        self.value = value

    def __float__(self):
        return float(self.value)


class Opaque:
    pass


BAD_ANSWERS = [
    ("a string", "0.5", "not a string ('0.5'): write the number(s) without quotes."),
    ("a bool", True, "is True or False, but it should be"),
    ("a bool array", np.array([True, False]), "is True/False values, but it should be"),
    ("nan", float("nan"), "is nan (not a number)"),
    ("inf", -np.inf, "is infinite"),
    ("a complex number", 1 + 2j, "holds complex numbers, but the answer is real"),
    ("None in a list", [0.5, None], "entry 1 of "),
    ("text in a list", [0.5, "a"], "holds text ('0.5', ...)"),
    ("nan in a list", [0.5, np.nan], "entry 1 of "),
    ("ragged lists", [[1.0, 2.0], [3.0]], "its rows have different lengths"),
    ("a dict", {"a": 1}, "got an object of type dict, not a number."),
    ("a huge int", 10**400, "too large for a floating-point number"),
    ("a tensor that refuses", TensorLike(), "(RuntimeError: Can't call numpy() on Tensor"),
    ("an unknown object", Opaque(), "got an object of type Opaque, not a number."),
    ("objects in an array", np.array([Opaque(), 1.0], dtype=object), "entry 0 of "),
    ("text among objects", np.array([0.5, "a"], dtype=object), "is 'a', not a number"),
    ("dates", np.array(["2020-01-01"], dtype="datetime64[D]"),
     "got values of type datetime64[D]."),
]


@pytest.mark.parametrize("key", VALUE_KEYS)
@pytest.mark.parametrize(("kind", "answer", "message"), BAD_ANSWERS,
                         ids=[kind for kind, _, _ in BAD_ANSWERS])
def test_an_answer_that_is_not_numbers_is_told_so(key, kind, answer, message):
    if kind.startswith("a bool") and key == "05.2":
        pytest.skip("05.2 asks which paths end well: True/False is a fine answer there")
    feedback = mv.check(key, answer)
    assert not feedback.correct
    if key not in ("01.2", "09.4") or kind != "a bool array":   # those two say "two numbers"
        assert message in feedback.message, str(feedback)


@pytest.mark.parametrize(("key", "answer", "message"), [
    ("02.2", [0.2], "σ'(1) should be a single number; got an array holding one number. Take "
                    "the number out with float(...)."),
    ("02.2", [[0.2, 0.3]], "σ'(1) should be a single number; got shape (1, 2)."),
    ("02.3", [[0.7, 0.2, 0.1]], "softmax(z) has shape (1, 3), but it should have shape (3,)."),
    ("02.3", [0.7, 0.3], "softmax(z) has shape (2,), but it should have shape (3,)."),
    ("02.3", 0.7, "softmax(z) is a single number, but it should be an array of shape (3,)."),
    ("02.3", [0.7, None, 0.1], "entry 1 of softmax(z) is None: every entry must be a number."),
    ("02.3", [0.7, np.inf, 0.1], "entry 1 of softmax(z) is infinite"),
    ("01.4", [[1, 4], [3, np.nan], [7, 3]], "entry (1, 1) of Z is nan"),
])
def test_a_wrong_shape_or_entry_is_named(key, answer, message):
    feedback = mv.check(key, answer)
    assert not feedback.correct and feedback.message.startswith(message), str(feedback)


@pytest.mark.parametrize(("key", "answer"), [
    ("02.2", lambda right: FloatLike(right)),
    ("02.3", lambda right: np.array(list(right), dtype=object)),
    ("02.3", lambda right: list(right)),
    ("02.2", lambda right: np.float32(right)),
])
def test_numbers_in_other_clothes_are_numbers(key, answer):
    feedback = mv.check(key, answer(run_solution(key)))
    assert feedback.correct, str(feedback)


@pytest.mark.parametrize("error", [TypeError, ValueError, IndexError])
def test_a_checker_bug_is_not_taken_for_a_wrong_answer(monkeypatch, error):
    def buggy(answer):
        raise error("a bug in the checker")

    monkeypatch.setitem(exercises.EXERCISES, "97.1",
                        exercises.Exercise("97.1", "a buggy checker", buggy, "answer = 1\n"))
    with pytest.raises(error, match="a bug in the checker"):
        mv.check("97.1", 1.0)


# ------------------------------------------------------- answers not on the page
@pytest.mark.parametrize("key", ["02.2", "04.2"])
def test_the_answer_is_not_printed_on_its_page(key):
    # "The precision the notebook prints": no number printed on the page agrees with the answer
    # to 4 significant digits (02.2's was in the sigmoid table, 04.2's in the update cell).
    right = float(run_solution(key))
    path = next(p for p in NOTEBOOKS if p.name.startswith(key[:2]))
    printed = [float(m) for m in re.findall(r"-?\d+\.\d+", printed_text(path))]
    assert not [v for v in printed if abs(v - right) <= exercises.ROUNDING_RTOL * abs(right)]


def test_the_zero_count_of_04_4_is_not_the_one_printed():
    path = next(p for p in NOTEBOOKS if p.name.startswith("04"))
    printed = {int(n) for n in re.findall(r"zero: (\d+)", printed_text(path))}
    assert printed, "notebook 04 prints the zero count of its house"
    assert int(run_solution("04.4")) not in printed


def test_every_solution_is_clean_python(tmp_path):
    # "Solutions are real code, linted": each one, with the names a notebook gives it (np, mv),
    # passes the repository's ruff rules. Left out: F401 and I001, which would judge the two
    # imports put in front here, and RUF007, since zip(sizes[:-1], sizes[1:]) reads as the
    # pairs of layers it is, where itertools.pairwise would send a learner to the docs.
    import shutil
    import subprocess

    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed; the test tools bring it")
    for key in KEYS:
        (tmp_path / f"solution_{key.replace('.', '_')}.py").write_text(
            "import numpy as np\n\nimport mlp_viz as mv\n\n" + exercises.EXERCISES[key].solution,
            encoding="utf-8")
    result = subprocess.run([ruff, "check", "--output-format", "concise", "--config",
                             str(ROOT / "pyproject.toml"), "--ignore", "F401,I001,RUF007",
                             str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_counts_the_exercises_right():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    total = re.search(r"exercises that check themselves, (\d+) in all", readme)
    functions = re.search(r"The other (\d+), one to three in each notebook", readme)
    assert total and functions, "the README's Exercises section counts them"
    assert int(total.group(1)) == len(KEYS)
    assert int(functions.group(1)) == len(FUNCTION_KEYS)
    per_notebook = {key[:2] for key in FUNCTION_KEYS}
    assert all(1 <= sum(k.startswith(n) for k in FUNCTION_KEYS) <= 3 for n in per_notebook)
