"""Every exercise: its worked solution passes its check, and wrong answers do not."""

import numpy as np
import pytest

import mlp_viz as mv
from mlp_viz import exercises

exercises._load()
KEYS = sorted(exercises.EXERCISES)


def run_solution(key):
    namespace = {"np": np, "mv": mv}
    exec(exercises.EXERCISES[key].solution, namespace)
    assert "answer" in namespace, f"the solution of {key} does not set `answer`"
    return namespace["answer"]


def test_there_are_exercises_for_every_notebook():
    for notebook in ("01", "02", "03", "04", "05", "06", "07", "08", "09"):
        n = sum(key.startswith(notebook + ".") for key in KEYS)
        assert 2 <= n <= 4, f"notebook {notebook} has {n} exercises"


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


def test_unknown_exercise():
    with pytest.raises(ValueError, match=r"there is no exercise '99\.1'; the exercises are: "):
        mv.check("99.1", 1)


def test_compare_array_messages():
    ok, msg = exercises.compare_array(np.zeros((3, 2)), np.zeros((2, 3)), name="W")
    assert not ok and msg == "W has shape (3, 2), but it should have shape (2, 3) (transposed?)."
    ok, msg = exercises.compare_array([1.0, 2.5], [1.0, 2.0], name="z")
    assert not ok and msg == ("z has the right shape, and 1 of 2 entries are right; the first "
                              "wrong one is at index 1 (you have 2.5).")
    assert exercises.compare_array([1.0, 2.0], [1.0, 2.0]) == (True, "")
