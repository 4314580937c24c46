"""Exercises where the learner writes a function (issue 17): the checker runs it on several
cases against mlp_viz's own implementation, names the classic mistakes, shows the learner's
own exception with its line, and gives graded hints; a teacher can turn the solutions off.

Each notebook's mistaken implementations are in tests/test_implementing_NN.py (a list
``MISTAKES`` of (key, the mistaken function, what the message must say)); this file checks
that every mistake an exercise knows is reached by one of them.
"""

import importlib.util
import linecache
from pathlib import Path

import numpy as np
import pytest

import mlp_viz as mv
from mlp_viz import exercises

HERE = Path(__file__).resolve().parent
exercises._load()
FUNCTION_KEYS = sorted(k for k, ex in exercises.EXERCISES.items() if ex.kind == "function")


def solution_function(key):
    namespace = {"np": np, "mv": mv}
    exec(exercises.EXERCISES[key].solution, namespace)
    assert callable(namespace["answer"]), f"the solution of {key} does not assign a function"
    return namespace["answer"]


def spec(key):
    return exercises.EXERCISES[key].checker.spec


def scaled(value, factor):
    """`value` (an output: a number, an array, or a tuple or list of them) times `factor`."""
    if isinstance(value, (tuple, list)):
        return type(value)(scaled(v, factor) for v in value)
    return np.asarray(value, dtype=float) * factor


def _mistake_tables():
    """Every (key, function, message) row of the MISTAKES lists in test_implementing_*.py."""
    rows = []
    for path in sorted(HERE.glob("test_implementing_*.py")):
        loaded = importlib.util.spec_from_file_location(f"_mistakes_{path.stem}", path)
        module = importlib.util.module_from_spec(loaded)
        loaded.loader.exec_module(module)
        rows += module.MISTAKES
    return rows


# ------------------------------------------------------------------- every exercise
def test_there_are_function_exercises():
    assert len(FUNCTION_KEYS) >= 1   # the count per notebook is tested in test_exercises.py


@pytest.mark.parametrize("key", FUNCTION_KEYS)
def test_the_solution_is_right_and_says_what_it_was_checked_on(key):
    feedback = mv.check(key, solution_function(key))
    assert feedback.correct, str(feedback)
    assert f"on all {len(spec(key).cases())} cases" in feedback.message
    assert mv.check(key, solution_function(key)) == feedback   # no state kept between checks


@pytest.mark.parametrize("key", FUNCTION_KEYS)
def test_a_function_returning_none_is_told_to_return(key):
    feedback = mv.check(key, lambda *args: None)
    assert not feedback.correct
    assert f"your {spec(key).name} returned None: write its body in place of `...`" \
        in feedback.message


@pytest.mark.parametrize("key", FUNCTION_KEYS)
def test_numbers_off_by_a_tenth_of_a_percent_are_not_yet(key):
    right = solution_function(key)
    feedback = mv.check(key, lambda *args: scaled(right(*args), 1.001))
    assert not feedback.correct, str(feedback)


@pytest.mark.parametrize("key", FUNCTION_KEYS)
def test_the_wrong_shape_is_named(key):
    right = solution_function(key)
    outputs = spec(key).outputs

    def one_axis_more(*args):
        result = right(*args)
        if len(outputs) > 1:
            return (np.asarray(result[0])[None], *result[1:])
        return [np.asarray(r)[None] for r in result] if isinstance(result, list) \
            else np.asarray(result)[None]

    feedback = mv.check(key, one_axis_more)
    assert not feedback.correct
    assert "shape" in feedback.message, str(feedback)


def _first_array(args):
    """(index, the array to spoil) of the first argument that is an array or a list of them."""
    for i, arg in enumerate(args):
        if isinstance(arg, np.ndarray):
            return i, arg
        if isinstance(arg, (list, tuple)) and arg and isinstance(arg[0], np.ndarray):
            return i, arg[0]
    return None, None


WITH_ARRAYS = [key for key in FUNCTION_KEYS if _first_array(spec(key).cases()[0].args)[0]
               is not None]


def test_most_function_exercises_take_arrays():
    # The ones that do not (minibatches(n, batch_size, rng), init_weights(n_in, n_out, ...))
    # have nothing a learner could change in place.
    assert len(WITH_ARRAYS) >= len(FUNCTION_KEYS) - 3


@pytest.mark.parametrize("key", WITH_ARRAYS)
def test_an_input_changed_in_place_is_named(key):
    right = solution_function(key)
    index, _ = _first_array(spec(key).cases()[0].args)
    name = spec(key).params[index]

    def spoils_its_input(*args):
        result = right(*args)
        _first_array(args)[1][...] = 7.0
        return result

    feedback = mv.check(key, spoils_its_input)
    assert not feedback.correct
    assert f"changed its input {name} in place" in feedback.message, str(feedback)


def _cell_function(source, filename):
    """Define a function from `source` as a notebook cell would (its file in linecache)."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {"np": np}
    exec(compile(source, filename, "exec"), namespace)
    return namespace["f"]


@pytest.mark.parametrize("key", FUNCTION_KEYS)
def test_the_learners_exception_is_shown_with_its_line(key):
    cell = "/tmp/ipykernel_4242/3141592653.py"
    f = _cell_function("def f(*args):\n    scale = 0\n    return 1 / scale\n", cell)
    feedback = mv.check(key, f)
    assert not feedback.correct
    assert (f"your {spec(key).name} raised ZeroDivisionError at line 3 (`return 1 / scale`): "
            "division by zero; that was on ") in feedback.message, str(feedback)
    assert "ipykernel" not in feedback.message   # the cell's file name changes every run


def test_an_exception_in_a_module_names_the_file(tmp_path):
    path = tmp_path / "mine.py"
    source = "import numpy as np\n\ndef f(X, W, b):\n    return np.zeros(3)[5]\n"
    path.write_text(source, encoding="utf-8")
    f = _cell_function(source, str(path))
    feedback = mv.check(FUNCTION_KEYS[0], f)
    assert "raised IndexError at mine.py, line 4 (`return np.zeros(3)[5]`): index 5 is out of " \
           "bounds" in feedback.message, str(feedback)


@pytest.mark.parametrize("key", FUNCTION_KEYS)
def test_a_result_instead_of_a_function_is_told_to_pass_the_function(key):
    feedback = mv.check(key, np.zeros(3))
    assert not feedback.correct
    assert feedback.message.startswith(
        f"pass your function itself, without calling it: `{spec(key).name}`, with no "
        "parentheses after its name; got ndarray")


def test_numpy_warnings_in_the_learners_function_are_silenced_and_the_result_judged(recwarn):
    feedback = mv.check(FUNCTION_KEYS[0], lambda X, W, b: np.log(-np.ones((X.shape[0],
                                                                          W.shape[0]))))
    assert not feedback.correct and "is nan" in feedback.message, str(feedback)
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


# --------------------------------------------------------------------- the mistakes
MISTAKES = _mistake_tables()


@pytest.mark.parametrize(("key", "function", "message"), MISTAKES,
                         ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(MISTAKES)])
def test_every_mistake_is_named(key, function, message):
    feedback = mv.check(key, function)
    assert not feedback.correct, str(feedback)
    assert message in feedback.message, str(feedback)


def test_every_mistake_an_exercise_knows_is_reached_by_a_test():
    reached = {(key, m.label) for key in FUNCTION_KEYS for m in spec(key).mistakes
               for k, function, _ in MISTAKES
               if k == key and f"gives the result of {m.label}." in mv.check(k, function).message}
    known = {(key, m.label) for key in FUNCTION_KEYS for m in spec(key).mistakes}
    assert known - reached == set()


# ------------------------------------------------------------------------ the hints
@pytest.fixture
def fresh_hints(monkeypatch):
    monkeypatch.setattr(exercises, "_HINTS_GIVEN", {})


@pytest.mark.parametrize("key", FUNCTION_KEYS)
def test_each_call_gives_the_next_hint_then_the_last_again(key, capsys, fresh_hints):
    hints = exercises.EXERCISES[key].hints
    assert len(hints) >= 3, "a nudge, the formula, a skeleton with blanks"
    assert "____" in hints[-1], "the last hint is a skeleton with blanks"
    for level in [1, 2, 3][: len(hints)] + [len(hints)] * 2:
        mv.hint(key)
        out = capsys.readouterr().out
        assert out.startswith(f"Hint {min(level, len(hints))} of {len(hints)} for exercise {key}:"
                              f"\n{hints[min(level, len(hints)) - 1]}\n")


def test_a_hint_by_its_level_and_a_bad_level(capsys, fresh_hints):
    key = FUNCTION_KEYS[0]
    mv.hint(key, 2)
    assert capsys.readouterr().out.startswith(f"Hint 2 of 3 for exercise {key}:")
    mv.hint(key)
    assert capsys.readouterr().out.startswith(f"Hint 3 of 3 for exercise {key}:")
    for bad, error in [(0, ValueError), (4, ValueError), (1.5, TypeError), (True, TypeError)]:
        with pytest.raises(error, match=rf"^level must be a whole number from 1 to 3 "
                                        rf"\(exercise {key} has 3 hints\); got "):
            mv.hint(key, bad)


def test_the_last_hint_does_not_offer_a_solution_that_is_turned_off(monkeypatch, capsys,
                                                                    fresh_hints):
    key = FUNCTION_KEYS[0]
    monkeypatch.setenv("MLP_VIZ_SOLUTIONS", "off")
    mv.hint(key, 3)
    out = capsys.readouterr().out
    assert out.endswith("\n(That is the last hint.)\n") and "mv.solution" not in out


def test_an_exercise_without_graded_hints_says_where_help_is(capsys):
    mv.hint("01.1")
    assert capsys.readouterr().out == (
        "Exercise 01.1 has no graded hints: the feedback of mv.check('01.1', ...) on a wrong "
        "answer points at the method.\n")


# -------------------------------------------------------------- the teacher's switch
@pytest.mark.parametrize("value", ["off", "OFF", "0", "no", "false", " off "])
def test_a_teacher_can_turn_the_solutions_off(monkeypatch, capsys, value):
    monkeypatch.setenv("MLP_VIZ_SOLUTIONS", value)
    mv.solution(FUNCTION_KEYS[0])
    assert capsys.readouterr().out == (
        "The worked solutions are turned off for this class (MLP_VIZ_SOLUTIONS=off). Ask your "
        f"teacher, or run mv.hint('{FUNCTION_KEYS[0]}') for the next hint.\n")


@pytest.mark.parametrize("value", ["on", "1", ""])
def test_solutions_are_shown_unless_turned_off(monkeypatch, capsys, value):
    monkeypatch.setenv("MLP_VIZ_SOLUTIONS", value)
    mv.solution(FUNCTION_KEYS[0])
    assert capsys.readouterr().out.startswith(f"# Solution to exercise {FUNCTION_KEYS[0]}:")


def test_a_misspelt_switch_is_an_error_not_solutions_shown(monkeypatch):
    monkeypatch.setenv("MLP_VIZ_SOLUTIONS", "of")
    with pytest.raises(ValueError, match=r"^the environment variable MLP_VIZ_SOLUTIONS is 'of', "
                                         r"but it must be 'on' or 'off'"):
        mv.solution(FUNCTION_KEYS[0])


# ------------------------------------------------------- how a difference is told
def test_a_difference_from_zero_is_told_how_far_not_a_relative_error():
    feedback = mv.check("02.5", lambda z: z + 0.0)   # ReLU that forgets to cut the negatives
    assert "you have -1.5, mlp_viz has 0, off by 1.5" in feedback.message, str(feedback)
    assert "relative error" not in feedback.message


def test_counts_and_labels_that_differ_get_no_relative_error():
    def one_off(y_true, y_pred, n_classes):
        cm = np.zeros((n_classes, n_classes), dtype=int)
        for t, p in zip(y_true, y_pred):
            cm[t, p] += 1
        cm[0, 0] += 1
        return cm

    feedback = mv.check("09.6", one_off)
    assert "differs from mlp_viz's at index (0, 0)" in feedback.message, str(feedback)
    assert "relative error" not in feedback.message


def test_a_single_number_that_differs_is_not_told_it_differs_twice():
    def half_the_loss(Z, Y):
        return 0.5 * np.mean(np.logaddexp(0, Z) - Z * Y)

    feedback = mv.check("03.6", half_the_loss)
    assert "a relative error of 0.5." in feedback.message, str(feedback)
    assert "(it differs)" not in feedback.message


def test_the_capstone_names_the_true_labels_it_compares_with():
    feedback = mv.check("09.7", lambda X_train, y_train, X_test, seed: 1 - (X_test[:, 0] < 0))
    assert "differs from the true labels at index" in feedback.message, str(feedback)
    assert "the true label is" in feedback.message


def test_an_error_inside_numpy_points_at_the_learners_line_not_numpy():
    cell = "/tmp/ipykernel_4242/2718281828.py"
    f = _cell_function("def f(a, rate, rng):\n    u = rng.random(*a.shape)\n    return u\n", cell)
    feedback = mv.check("07.5", f)
    assert "raised TypeError at line 2 (`u = rng.random(*a.shape)`)" in feedback.message, \
        str(feedback)


def test_a_list_of_the_wrong_length_is_told_its_length():
    feedback = mv.check("06.7", lambda n, batch_size, rng: [np.arange(n)])
    assert "batches should be a list of 3 arrays; got a list of 1." in feedback.message, \
        str(feedback)


# ------------------------------------------- gradients against finite differences
def _right_but_on(shape, right, scale):
    """`right`, except that on inputs of `shape` its gradient output is scaled by `scale`."""
    def function(*args):
        result = right(*args)
        if np.shape(args[0]) != shape:
            return result
        if isinstance(result, tuple):
            return (result[0], result[1] * scale)
        return result * scale
    return function


@pytest.mark.parametrize(("key", "shape", "name"), [("03.5", (4, 2), "dA"),
                                                    ("07.6", (2, 7), "d_a")])
def test_a_gradient_is_also_checked_against_finite_differences(key, shape, name):
    right = solution_function(key)
    feedback = mv.check(key, right)
    assert f"{name} agrees with centred finite differences (largest relative error " \
        in feedback.message, str(feedback)
    wrong_elsewhere = _right_but_on(shape, right, 1.001)   # right on every case, not there
    feedback = mv.check(key, wrong_elsewhere)
    assert not feedback.correct
    assert "differs from centred finite differences: the largest relative error is" \
        in feedback.message, str(feedback)
