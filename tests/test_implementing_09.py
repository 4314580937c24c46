"""Notebook 09's function exercises: each classic mistake, written as a learner would, is
named by the check (collected by test_implementing.py); the capstone trains the learner's own
network on the moons and refuses mlp_viz's."""

import numpy as np
import pytest

import mlp_viz as mv
from mlp_viz import exercises


# ------------------------------------------------------------ 09.5 standardising
def _scale(X, mean, std):
    return (X - mean) / np.where(std > 0, std, 1.0)


def standardise_each_by_its_own(X_train, X_other):
    return (_scale(X_train, X_train.mean(0), X_train.std(0)),
            _scale(X_other, X_other.mean(0), X_other.std(0)))


def standardise_with_the_other_sets_statistics(X_train, X_other):
    mean, std = X_other.mean(axis=0), X_other.std(axis=0)
    return _scale(X_train, mean, std), _scale(X_other, mean, std)


def standardise_pooled(X_train, X_other):
    both = np.vstack([X_train, X_other])
    mean, std = both.mean(axis=0), both.std(axis=0)
    return _scale(X_train, mean, std), _scale(X_other, mean, std)


def standardise_ddof_1(X_train, X_other):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
    return _scale(X_train, mean, std), _scale(X_other, mean, std)


def standardise_unguarded(X_train, X_other):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_other - mean) / std


def standardise_whole_array(X_train, X_other):
    mean, std = X_train.mean(), X_train.std()
    return (X_train - mean) / std, (X_other - mean) / std


def standardise_train_only(X_train, X_other):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return _scale(X_train, mean, std), X_other


def standardise_in_place(X_train, X_other):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std[std == 0] = 1.0
    X_train -= mean
    X_train /= std
    return X_train, (X_other - mean) / std


# -------------------------------------------------------------- 09.6 confusion matrix
def confusion_transposed(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[p, t] += 1
    return cm


def confusion_correct_only(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        if t == p:
            cm[t, t] += 1
    return cm


def confusion_fancy_index(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=int)
    cm[y_true, y_pred] += 1
    return cm


def confusion_sized_by_the_labels(y_true, y_pred, n_classes):
    k = max(y_true.max(), y_pred.max()) + 1
    cm = np.zeros((k, k), dtype=int)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


def confusion_counted_from_1(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[t - 1, p - 1] += 1
    return cm


def confusion_one_too_many(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes + 1, n_classes + 1), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1
    return cm


# ------------------------------------------------------------------- 09.7 the capstone
def never_trains_class_0(X_train, y_train, X_test, seed):
    rng = np.random.default_rng(seed)
    W1, b1 = np.zeros((8, 2)), np.zeros(8)
    W2, b2 = 0.01 * rng.standard_normal((1, 8)), np.zeros(1)
    p = 1 / (1 + np.exp(-(np.maximum(X_test @ W1.T + b1, 0) @ W2.T + b2)))
    return (p[:, 0] > 0.5).astype(int)


def never_trains_class_1(X_train, y_train, X_test, seed):
    return np.ones(len(X_test), dtype=int)


def standardise_with_an_epsilon(X_train, X_other):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / (std + 1e-8), (X_other - mean) / (std + 1e-8)


MISTAKES = [
    ("09.5", standardise_with_an_epsilon, "gives the result of adding a small number to the "
                                          "standard deviation, std + 1e-8. A feature constant"),
    ("09.5", standardise_each_by_its_own, "gives the result of scaling the other set with its "
                                          "own statistics."),
    ("09.5", standardise_with_the_other_sets_statistics, "gives the result of taking the "
                                                         "statistics from the other set."),
    ("09.5", standardise_pooled, "gives the result of taking the statistics from both sets "
                                 "pooled."),
    ("09.5", standardise_ddof_1, "gives the result of taking the standard deviation with "
                                 "ddof=1."),
    ("09.5", standardise_unguarded, "gives the result of dividing a constant feature by its "
                                    "standard deviation, 0."),
    ("09.5", standardise_whole_array, "gives the result of taking one mean and one standard "
                                      "deviation for the whole array."),
    ("09.5", standardise_train_only, "gives the result of leaving the other set unscaled."),
    ("09.5", standardise_in_place, "your standardise changed its input X_train in place"),
    ("09.6", confusion_transposed, "gives the result of putting the predicted class in the "
                                   "rows."),
    ("09.6", confusion_correct_only, "gives the result of counting only the correct "
                                     "predictions."),
    ("09.6", confusion_fancy_index, "gives the result of adding with cm[y_true, y_pred] += 1, "
                                    "which counts a repeated pair once."),
    ("09.6", confusion_sized_by_the_labels, "gives the result of sizing the matrix by the "
                                            "largest label instead of n_classes."),
    ("09.6", confusion_counted_from_1, "gives the result of counting the classes from 1."),
    ("09.6", confusion_one_too_many, "gives the result of making the matrix one row and one "
                                     "column too big."),
    ("09.7", never_trains_class_0, "gives the result of predicting class 0 for every point. "
                                   "That gets 10 of the 20 points right (50%)"),
    ("09.7", never_trains_class_1, "gives the result of predicting class 1 for every point. "
                                   "That gets 10 of the 20 points right (50%)"),
]


def _solution(key):
    exercises._load()   # the registry fills when an exercise is first checked: not yet, alone
    namespace = {"np": np, "mv": mv}
    exec(exercises.EXERCISES[key].solution, namespace)
    return namespace


def test_the_capstone_solution_reaches_95_percent_on_the_held_out_moons():
    feedback = mv.check("09.7", _solution("09.7")["answer"])
    assert feedback.correct, str(feedback)
    assert "of the 60 held-out moons points right" in feedback.message, str(feedback)
    assert "at least 95%" in feedback.message


def test_the_capstone_cases_are_what_mlp_viz_own_network_predicts_and_the_true_labels():
    # "mlp_viz has 1" in a message is true: its own network, trained, labels every case's
    # points, and labels them right.
    from mlp_viz.exercises.capstone import clusters
    from mlp_viz.exercises.ex09_code import _capstone_cases

    for case, (_, _, _, y_test) in zip(_capstone_cases(), clusters(), strict=True):
        assert np.array_equal(case.expected, y_test)


def test_a_network_that_does_not_learn_the_moons_is_told_its_accuracy():
    def linear(X_train, y_train, X_test, seed):
        # One sigmoid neuron, trained well: right on the clusters, not on the moons.
        w, b = np.zeros(X_train.shape[1]), 0.0
        for _ in range(500):
            p = 1 / (1 + np.exp(-(X_train @ w + b)))
            w = w - 0.5 * X_train.T @ (p - y_train) / len(p)
            b = b - 0.5 * np.mean(p - y_train)
        return (X_test @ w + b > 0).astype(int)

    feedback = mv.check("09.7", linear)
    assert not feedback.correct
    assert str(feedback).startswith("✗ Not yet (09.7): your fit_predict labels the clusters "
                                    "right, but on the moons it gets ")
    assert "% of the 60 held-out points right (" in feedback.message
    assert "it needs at least 95%" in feedback.message, str(feedback)


def _calls_mlp_viz(X_train, y_train, X_test, seed):
    net = mv.MLP([2, 16, 16, 1], "relu", "sigmoid", seed=seed)
    mv.train(net, X_train, y_train, lr=0.5, epochs=300, loss="binary_cross_entropy", seed=seed)
    return net.predict_classes(X_test)


_BUILT_BEFORE = mv.MLP([2, 16, 16, 1], "relu", "sigmoid", seed=0)   # before any check


def _trains_a_network_made_outside(X_train, y_train, X_test, seed):
    net = _BUILT_BEFORE.copy()
    mv.train(net, X_train, y_train, lr=0.5, epochs=300, loss="binary_cross_entropy", seed=seed)
    return net.predict_classes(X_test)


@pytest.mark.parametrize("function", [_calls_mlp_viz, _trains_a_network_made_outside])
def test_a_solution_calling_mlp_viz_own_network_is_refused_and_nothing_is_left_patched(
        function):
    before = (mv.MLP.__init__, mv.MLP.forward, mv.MLP._run, mv.MLP._backward, mv.train)
    assert function(*_moons_arguments()).shape == (60,)   # it works outside the check
    feedback = mv.check("09.7", function)
    assert not feedback.correct
    assert ("your fit_predict uses mlp_viz's own network (mv.MLP or mv.train); the capstone "
            "asks for yours") in feedback.message, str(feedback)
    after = (mv.MLP.__init__, mv.MLP.forward, mv.MLP._run, mv.MLP._backward, mv.train)
    assert after == before
    assert function(*_moons_arguments()).shape == (60,)   # and works again after it


def _moons_arguments():
    from mlp_viz.exercises.capstone import moons_split

    X_train, X_test, y_train, _ = moons_split()
    return X_train, y_train, X_test, 0


def test_an_exception_on_the_moons_is_shown_with_its_line():
    def fails_on_larger_sets(X_train, y_train, X_test, seed):
        if len(X_train) > 100:
            raise ValueError("too many points for my network")
        return _solution("09.7")["answer"](X_train, y_train, X_test, seed)

    feedback = mv.check("09.7", fails_on_larger_sets)
    assert not feedback.correct
    assert ("on the moons (X_train of shape (140, 2), y_train of shape (140,), X_test of shape "
            "(60, 2), seed = 0), your fit_predict raised ValueError at test_implementing_09.py, "
            "line ") in feedback.message, str(feedback)
    assert "too many points for my network" in feedback.message


def test_the_capstone_trains_fast():
    import time

    namespace = _solution("09.7")
    start = time.perf_counter()
    namespace["answer"](*_moons_arguments())
    assert time.perf_counter() - start < 1.0
