"""Bad input at every public entry point: an error in the package's words, or the dtype kept.

Each case is one row of a table: the call, the exception it must raise, and the
distinctive part of its message. The probe that found them (every entry point
with wrong types, shapes, empty arrays, NaN, out-of-range values, bools for
numbers, floats for ints and float32 data) is described in the closing note of
issue 12.
"""

import math
import warnings
from dataclasses import replace

import matplotlib.pyplot as plt
import numpy as np
import pytest

import mlp_viz as mv

nan, inf = math.nan, math.inf

RNG = np.random.default_rng(0)
X = RNG.normal(size=(10, 2))
Y = (X[:, 0] > 0).astype(np.int64)  # labels 0/1
Y_REG = RNG.normal(size=10)
Y3 = np.arange(10) % 3
NET = mv.MLP([2, 4, 1], seed=0)
NET_SIGMOID = mv.MLP([2, 4, 1], output_activation="sigmoid", seed=0)
NET_SOFTMAX = mv.MLP([2, 4, 3], output_activation="softmax", seed=0)
NET_1D = mv.MLP([1, 3, 1], seed=0)
NET32 = mv.MLP([2, 4, 1], seed=0, dtype=np.float32)
HISTORY = mv.train(NET.copy(), X, Y_REG, lr=0.1, epochs=3, snapshot_every=1)
SURFACE = mv.parameter_surface(NET, X, Y_REG, ("W", 1, 0, 0), ("W", 1, 0, 1), resolution=5)
TOY = mv.toy_surface(resolution=5)
RELU, SIGMOID = mv.get_activation("relu"), mv.get_activation("sigmoid")
MSE = mv.get_loss("mse")
W = np.ones((3, 2))
B = np.zeros(3)
A = np.ones((4, 2))
DZ = np.ones((4, 3))


def case(name, call, error, match):
    return pytest.param(call, error, match, id=name)


def raises(call, error, match):
    with pytest.raises(error, match=match):
        call()


NOT_AN_MLP = [
    case("accuracy", lambda: mv.accuracy("x", X, Y), TypeError,
         r"^accuracy needs an mlp_viz\.MLP as net; got str 'x'\. Build one with "
         r"mlp_viz\.MLP\(layer_sizes\), e\.g\. mlp_viz\.MLP\(\[2, 16, 1\]\)\.$"),
    case("parameter_surface", lambda: mv.parameter_surface(
        "x", X, Y_REG, ("W", 1, 0, 0), ("W", 1, 0, 1)), TypeError,
         r"^parameter_surface needs an mlp_viz\.MLP as net; got str 'x'\."),
    case("direction_surface", lambda: mv.direction_surface("x", X, Y_REG), TypeError,
         r"^direction_surface needs an mlp_viz\.MLP as net; got str 'x'\."),
    case("random_directions", lambda: mv.random_directions(None), TypeError,
         r"^random_directions needs an mlp_viz\.MLP as net; got NoneType None\."),
    case("numerical_gradients", lambda: mv.numerical_gradients("x", X, Y_REG), TypeError,
         r"^numerical_gradients needs an mlp_viz\.MLP as net; got str 'x'\."),
    case("gradient_check", lambda: mv.gradient_check("x", X, Y_REG), TypeError,
         r"^gradient_check needs an mlp_viz\.MLP as net; got str 'x'\."),
    case("save", lambda: mv.save("net", "somewhere"), TypeError,
         r"^save needs an mlp_viz\.MLP as net; got str 'net'\."),
]


@pytest.mark.parametrize("call, error, match", NOT_AN_MLP)
def test_a_network_argument_must_be_an_mlp(call, error, match):
    raises(call, error, match)


NETWORKS = [
    case("layer_sizes dict", lambda: mv.MLP({2: "a", 3: "b"}), TypeError,
         r"^layer_sizes must be a list of whole numbers such as \[2, 16, 1\]; got dict "
         r"\{2: 'a', 3: 'b'\}\.$"),
    case("layer_sizes set", lambda: mv.MLP({2, 3}), TypeError,
         r"^layer_sizes must be a list of whole numbers such as \[2, 16, 1\]; got set"),
    case("layer_sizes str", lambda: mv.MLP("23"), TypeError,
         r"^layer_sizes must be a list of whole numbers such as \[2, 16, 1\]; got str '23'\.$"),
    case("NaN weight", lambda: mv.MLP.from_weights([[[nan, 1.0]]], [[0.0]]), ValueError,
         r"^weights\[0\] contains NaN or infinity \(1 of 2 entries, the first in row 0, column "
         r"0\)\."),
    case("infinite bias", lambda: mv.MLP.from_weights([[[1.0, 1.0]]], [[inf]]), ValueError,
         r"^biases\[0\] contains NaN or infinity \(1 of 1 entries, the first at index 0\)\."),
]


@pytest.mark.parametrize("call, error, match", NETWORKS)
def test_a_network_is_built_from_sound_sizes_and_weights(call, error, match):
    raises(call, error, match)


# ----------------------------------------------------------- accuracy and friends
LABELS = [
    case("the issue's example", lambda: mv.accuracy(NET, X[:3], [0.5, nan, 7]), ValueError,
         r"^y contains NaN or infinity \(1 of 3 entries, the first at index 1\)\."),
    case("fractions", lambda: mv.accuracy(NET, X, Y + 0.5), ValueError,
         r"^y holds class labels, which must be whole numbers 0\.\.1 \(this MLP has one "
         r"output: class 1 where it is >= 0\.5, else 0\); got non-integer values such as [01]\.5 "
         r"\(at index \d\)\.$"),
    case("negative", lambda: mv.accuracy(NET, X, Y - 1), ValueError,
         r"^class labels must lie in 0\.\.1 \(this MLP has one output: class 1 where it is "
         r">= 0\.5, else 0\); got labels from -1 to 0\.$"),
    case("too large, one output", lambda: mv.accuracy(NET, X, Y + 5), ValueError,
         r"^class labels must lie in 0\.\.1 .*; got labels from 5 to 6\.$"),
    case("too large, softmax", lambda: mv.accuracy(NET_SOFTMAX, X, Y3 + 1), ValueError,
         r"^class labels must lie in 0\.\.2 \(this MLP has 3 outputs\); got labels from 1 to "
         r"3\.$"),
    case("a string", lambda: mv.accuracy(NET, X, "abcdefghij"), TypeError,
         r"^y must hold numbers; got an array of dtype <U10\."),
    case("strings", lambda: mv.accuracy(NET, X, list("abcdefghij")), TypeError,
         r"^y must hold numbers; got an array of dtype <U1\."),
    case("None", lambda: mv.accuracy(NET, X, None), TypeError, r"^y must hold numbers; got None\."),
    case("dict", lambda: mv.accuracy(NET, X, {"a": 1}), TypeError,
         r"^y must hold numbers; got dict \{'a': 1\}\."),
    case("bool", lambda: mv.accuracy(NET, X, Y.astype(bool)), TypeError,
         r"^y must hold numbers; got an array of dtype bool\."),
    case("one-hot too wide", lambda: mv.accuracy(NET_SOFTMAX, X, np.eye(4)[Y3]), ValueError,
         r"^y has 4 columns, but this MLP has 3 outputs; give one-hot rows of shape \(10, 3\), "
         r"or class labels of shape \(10,\)\.$"),
    case("3-D", lambda: mv.accuracy(NET, X, np.zeros((10, 1, 1))), ValueError,
         r"^y must hold one class label per sample, shape \(10,\), or one-hot rows, shape "
         r"\(10, 2\); got shape \(10, 1, 1\)\.$"),
    case("confusion_matrix empty", lambda: mv.confusion_matrix([], []), ValueError,
         r"^confusion_matrix needs at least one sample; y_true and y_pred are empty\. Pass the "
         r"true and the predicted class of each sample, e\.g\. confusion_matrix\(y_test, "
         r"net\.predict_classes\(X_test\)\)\.$"),
    case("confusion_matrix None", lambda: mv.confusion_matrix(None, None), TypeError,
         r"^y_true must hold numbers; got None\."),
    case("confusion_matrix strings", lambda: mv.confusion_matrix(["a"], ["b"]), TypeError,
         r"^y_true must hold numbers; got an array of dtype <U1\."),
    case("confusion_matrix NaN", lambda: mv.confusion_matrix([0, 1], [0, nan]), ValueError,
         r"^y_pred contains NaN or infinity \(1 of 2 entries, the first at index 1\)\."),
    case("confusion_matrix fractions", lambda: mv.confusion_matrix([0.5, 1.7], [0, 1]),
         ValueError, r"^y_true holds class labels, which must be whole numbers >= 0 \(y_true\); "
                     r"got non-integer values such as 0\.5 \(at index 0\)\.$"),
    case("confusion_matrix negative", lambda: mv.confusion_matrix([0, -1], [0, 1]), ValueError,
         r"^class labels must be whole numbers >= 0 \(y_true\); got labels from -1 to 0\.$"),
    case("confusion_matrix label too large", lambda: mv.confusion_matrix([0, 5], [0, 1], 3),
         ValueError, r"^class labels must lie in 0\.\.2 \(y_true, with n_classes=3\); got labels "
                     r"from 0 to 5\.$"),
    case("confusion_matrix n_classes 0", lambda: mv.confusion_matrix([0], [0], n_classes=0),
         ValueError, r"^n_classes must be >= 1; got 0\."),
    case("confusion_matrix n_classes 2.5", lambda: mv.confusion_matrix([0], [0], n_classes=2.5),
         TypeError, r"^n_classes must be a whole number; got float 2\.5\.$"),
    case("confusion_matrix n_classes True", lambda: mv.confusion_matrix([0], [0], n_classes=True),
         TypeError, r"^n_classes must be a whole number; got bool True\.$"),
    case("confusion_matrix n_classes str", lambda: mv.confusion_matrix([0], [0], n_classes="x"),
         TypeError, r"^n_classes must be a whole number; got str 'x'\.$"),
    case("confusion_matrix bool", lambda: mv.confusion_matrix([True, False], [True, True]),
         TypeError, r"^y_true must hold numbers; got an array of dtype bool\."),
    case("iterations_per_epoch batch > n", lambda: mv.iterations_per_epoch(10, 20), ValueError,
         r"^batch_size must be between 1 and 10; got 20\. The training set has 10 samples; use "
         r"batch_size=None for the full batch\.$"),
]


@pytest.mark.parametrize("call, error, match", LABELS)
def test_labels_that_are_not_class_indices_are_refused(call, error, match):
    raises(call, error, match)


def test_valid_label_forms_still_give_the_same_accuracy():
    pred = NET.predict_classes(X)
    expected = float(np.mean(pred == Y))
    for labels in (Y, Y.astype(float), Y.reshape(-1, 1), np.eye(2)[Y], list(Y)):
        assert mv.accuracy(NET, X, labels) == expected
    assert mv.accuracy(NET_SOFTMAX, X, np.eye(3)[Y3]) == mv.accuracy(NET_SOFTMAX, X, Y3)
    np.testing.assert_array_equal(mv.confusion_matrix([0.0, 1.0, 1], [1, 1, 0]),
                                  [[0, 1], [1, 1]])


# ------------------------------------------------------------------------ dropout
DROPOUT = [
    case("a None", lambda: mv.dropout(None, 0.5, rng=0), TypeError,
         r"^a must hold numbers; got None\."),
    case("a str", lambda: mv.dropout("abc", 0.5, rng=0), TypeError,
         r"^a must hold numbers; got an array of dtype <U3\."),
    case("a dict", lambda: mv.dropout({"a": 1}, 0.5, rng=0), TypeError,
         r"^a must hold numbers; got dict"),
    case("a NaN", lambda: mv.dropout([nan, 1.0], 0.5, rng=0), ValueError,
         r"^a contains NaN or infinity \(1 of 2 entries, the first at index 0\)\."),
    case("a bool", lambda: mv.dropout(np.ones(3, bool), 0.5, rng=0), TypeError,
         r"^a must hold numbers; got an array of dtype bool\."),
    case("keep_mask fractions", lambda: mv.dropout(np.ones(3), 0.5, keep_mask=[0.3, 0.0, 2.0]),
         ValueError, r"^keep_mask must hold True/False \(True = keep\), or 1/0; got values such "
                     r"as 0\.3\.$"),
    case("keep_mask str", lambda: mv.dropout(np.ones(3), 0.5, keep_mask="abc"), TypeError,
         r"^keep_mask must hold True/False \(True = keep\), or 1/0; got an array of dtype "
         r"<U3\.$"),
    case("training str", lambda: mv.dropout(np.ones(3), 0.5, training="no", rng=0), TypeError,
         r"^training must be True or False; got str 'no'\.$"),
    case("rng str", lambda: mv.dropout(np.ones(3), 0.5, rng="x"), TypeError,
         r"^rng must be None, an int or a numpy\.random\.Generator; got str 'x'\.$"),
    case("mask shape None", lambda: mv.dropout_mask(None, 0.5, 0), TypeError,
         r"^shape must be a whole number or a tuple of whole numbers, such as \(n_samples, "
         r"n_neurons\); got NoneType None\.$"),
    case("mask shape str", lambda: mv.dropout_mask("ab", 0.5, 0), TypeError,
         r"^shape must be a whole number or a tuple .*; got str 'ab'\.$"),
    case("mask shape float", lambda: mv.dropout_mask(2.5, 0.5, 0), TypeError,
         r"^shape must be a whole number or a tuple .*; got float 2\.5\.$"),
    case("mask shape float entry", lambda: mv.dropout_mask((2.5, 2), 0.5, 0), TypeError,
         r"^shape must be a whole number or a tuple .*; got tuple \(2\.5, 2\)\.$"),
    case("mask shape negative", lambda: mv.dropout_mask((-1, 2), 0.5, 0), ValueError,
         r"^shape must not hold negative sizes; got \(-1, 2\)\.$"),
]


@pytest.mark.parametrize("call, error, match", DROPOUT)
def test_dropout_rejects_bad_input(call, error, match):
    raises(call, error, match)


@pytest.mark.parametrize("kwargs", [dict(rng=0), dict(rng=0, training=False), {},
                                    dict(keep_mask=[True, False, True, True])])
def test_dropout_keeps_float32(kwargs):
    rate = 0.0 if not kwargs else 0.5
    out, _ = mv.dropout(np.ones(4, np.float32), rate, **kwargs)
    assert out.dtype == np.float32


def test_dropout_of_float64_is_unchanged():
    a = np.arange(6, dtype=float).reshape(2, 3)
    out, mask = mv.dropout(a, 0.5, rng=3)
    np.testing.assert_array_equal(out, a * mask / 0.5)
    assert mv.dropout(a, 0.5, training=False)[0] is a


# -------------------------------------------------------------------- activations
ACTIVATIONS = [
    case("relu(None)", lambda: RELU(None), TypeError, r"^z must hold numbers; got None\."),
    case("relu(str)", lambda: RELU("a"), TypeError,
         r"^z must hold numbers; got an array of dtype <U1\."),
    case("relu(dict)", lambda: RELU({"a": 1}), TypeError, r"^z must hold numbers; got dict"),
    case("relu(bool)", lambda: RELU(np.array([True, False])), TypeError,
         r"^z must hold numbers; got an array of dtype bool\."),
    case("relu(complex)", lambda: RELU(np.array([1j])), TypeError,
         r"^z must hold numbers; got an array of dtype complex128 \(complex numbers\); keep "
         r"the real part with np\.real\(z\) if the imaginary part is 0\.$"),
    case("sigmoid(NaN)", lambda: SIGMOID(np.array([nan, 1.0])), ValueError,
         r"^z contains NaN or infinity \(1 of 2 entries, the first at index 0\)\."),
    case("sigmoid(inf)", lambda: SIGMOID(inf), ValueError, r"^z must be finite; got inf\.$"),
    case("derivative(None)", lambda: SIGMOID.derivative(None), TypeError,
         r"^z must hold numbers; got None\."),
    case("derivative(str)", lambda: SIGMOID.derivative("a"), TypeError,
         r"^z must hold numbers; got an array of dtype <U1\."),
    case("derivative(NaN)", lambda: SIGMOID.derivative(np.array([nan])), ValueError,
         r"^z contains NaN or infinity"),
    case("softmax(None)", lambda: mv.softmax(None), TypeError, r"^z must hold numbers; got None\."),
    case("softmax(str)", lambda: mv.softmax("abc"), TypeError,
         r"^z must hold numbers; got an array of dtype <U3\."),
    case("softmax(bool)", lambda: mv.softmax([True, False]), TypeError,
         r"^z must hold numbers; got an array of dtype bool\."),
    case("softmax(number)", lambda: mv.softmax(3.0), ValueError,
         r"^softmax takes a vector of scores, shape \(n_classes,\), or one row of scores per "
         r"sample, shape \(n_samples, n_classes\); got the single number 3\.0\. Pass one score "
         r"per class, e\.g\. \[2\.0, 1\.0, 0\.1\]\.$"),
    case("softmax([])", lambda: mv.softmax([]), ValueError,
         r"^softmax needs at least one score per row; got shape \(0,\)\.$"),
    case("softmax((2, 0))", lambda: mv.softmax(np.zeros((2, 0))), ValueError,
         r"^softmax needs at least one score per row; got shape \(2, 0\)\.$"),
    case("softmax(NaN)", lambda: mv.softmax([nan, 1.0]), ValueError,
         r"^z contains NaN or infinity \(1 of 2 entries, the first at index 0\)\."),
    case("softmax(inf)", lambda: mv.softmax([inf, 1.0]), ValueError,
         r"^z contains NaN or infinity"),
    case("softmax_jacobian([])", lambda: mv.softmax_jacobian([]), ValueError,
         r"^softmax needs at least one score per row; got shape \(0,\)\.$"),
    case("softmax_jacobian(str)", lambda: mv.softmax_jacobian("abc"), TypeError,
         r"^z must hold numbers"),
    case("softmax_jacobian(NaN)", lambda: mv.softmax_jacobian([nan, 1.0]), ValueError,
         r"^z contains NaN or infinity"),
    case("complex X into a network", lambda: NET.forward(np.ones((2, 2), complex)), TypeError,
         r"^X must hold numbers; got an array of dtype complex128 \(complex numbers\)"),
    case("None X into a network", lambda: NET.forward(None), TypeError,
         r"^X must hold numbers; got None\.$"),
]


@pytest.mark.parametrize("call, error, match", ACTIVATIONS)
def test_activations_reject_bad_input(call, error, match):
    raises(call, error, match)


def test_activations_and_softmax_keep_float32_and_their_numbers():
    z32 = np.linspace(-3, 3, 7, dtype=np.float32)
    assert mv.softmax(z32).dtype == np.float32
    z = np.array([[2.0, 1.0, 0.1], [0.0, -1.0, 3.0]])
    e = np.exp(z - z.max(axis=1, keepdims=True))
    np.testing.assert_array_equal(mv.softmax(z), e / e.sum(axis=1, keepdims=True))
    assert mv.softmax([1, 2]).dtype == np.float64
    assert SIGMOID(0.0) == 0.5


# ------------------------------------------------------------------------- losses
LOSSES = [
    case("get_loss output_activation int", lambda: mv.get_loss("cross_entropy", 3), TypeError,
         r"^an activation is given by its name, a string; got int 3\."),
    case("get_loss output_activation unknown", lambda: mv.get_loss("cross_entropy", "nope"),
         ValueError, r"^unknown activation 'nope'; valid names are"),
    case("Loss.value lists", lambda: MSE.value([[0.0]], [[0.0]], [[1.0]]), TypeError,
         r"^Loss\.value takes NumPy arrays \(z, a, y\), as the network computes them; z is "
         r"list \[\[0\.0\]\]\. Convert it with np\.asarray\(z, dtype=float\) first\.$"),
    case("Loss.value None", lambda: MSE.value(np.zeros((1, 1)), None, np.ones((1, 1))),
         TypeError, r"^Loss\.value takes NumPy arrays \(z, a, y\).*; a is NoneType None\."),
    case("Loss.gradient lists", lambda: MSE.gradient([[0.0]], [[1.0]]), TypeError,
         r"^Loss\.gradient takes NumPy arrays \(a, y\), as the network computes them; a is "
         r"list"),
    case("target str", lambda: mv.loss_vs_prediction("mse", "a", [0.5]), TypeError,
         r"^target must be a number; got str 'a'\.$"),
    case("target None", lambda: mv.loss_vs_prediction("mse", None, [0.5]), TypeError,
         r"^target must be a number; got NoneType None\.$"),
    case("target NaN", lambda: mv.loss_vs_prediction("mse", nan, [0.5]), ValueError,
         r"^target must be finite; got nan\.$"),
    case("bce target 2", lambda: mv.loss_vs_prediction("binary_cross_entropy", 2, [0.5]),
         ValueError, r"^target must be finite and >= 0 and <= 1; got 2\.0\. For "
                     r"binary_cross_entropy it is the true label, 0 or 1 \(or a probability "
                     r"between\)\.$"),
    case("predictions None", lambda: mv.loss_vs_prediction("mse", 1, None), TypeError,
         r"^predictions must hold numbers; got None\.$"),
    case("predictions str", lambda: mv.loss_vs_prediction("mse", 1, "ab"), TypeError,
         r"^predictions must hold numbers; got an array of dtype <U2\."),
    case("predictions NaN", lambda: mv.loss_vs_prediction("mse", 1, [nan]), ValueError,
         r"^predictions contains NaN or infinity"),
    case("predictions 2-D", lambda: mv.loss_vs_prediction("mse", 1, np.zeros((2, 2))),
         ValueError, r"^predictions must be 1-D, shape \(n,\); got shape \(2, 2\)\.$"),
    case("bce p = 0", lambda: mv.loss_vs_prediction("binary_cross_entropy", 1, [0.0, 0.5]),
         ValueError, r"^for binary_cross_entropy, predictions are probabilities strictly "
                     r"between 0 and 1; got values from 0 to 0\.5\.$"),
    case("bce p = 1.5", lambda: mv.loss_vs_prediction("binary_cross_entropy", 1, [1.5]),
         ValueError, r"^for binary_cross_entropy, predictions are probabilities strictly "
                     r"between 0 and 1; got values from 1\.5 to 1\.5\.$"),
    case("ce p = 0", lambda: mv.loss_vs_prediction("cross_entropy", 0, [0.0]), ValueError,
         r"^for cross_entropy, predictions are probabilities strictly between 0 and 1"),
    case("ce p = -1", lambda: mv.loss_vs_prediction("cross_entropy", 0, [-1.0]), ValueError,
         r"^for cross_entropy, predictions are probabilities strictly between 0 and 1"),
]


@pytest.mark.parametrize("call, error, match", LOSSES)
def test_losses_reject_bad_input(call, error, match):
    raises(call, error, match)


@pytest.mark.parametrize("loss", ["mse", "binary_cross_entropy", "cross_entropy"])
def test_loss_vs_prediction_keeps_float32(loss):
    p = np.linspace(0.1, 0.9, 5, dtype=np.float32)
    assert mv.loss_vs_prediction(loss, 1, p).dtype == np.float32


def test_loss_vs_prediction_numbers_are_unchanged():
    a = np.linspace(-1.0, 2.0, 301)
    np.testing.assert_array_equal(mv.loss_vs_prediction("mse", 1.0, a), 0.5 * (a - 1) * (a - 1))
    assert mv.loss_vs_prediction("mse", 1, 0.5).shape == (1,)


# ------------------------------------------------------------------- initialisers
INITIALIZERS = [
    case("Initializer unknown name", lambda: mv.Initializer("nope"), ValueError,
         r"^unknown init 'nope'; valid names are: zeros, constant, normal, xavier, glorot, "
         r"he\.$"),
    case("Initializer std < 0", lambda: mv.Initializer("normal", std=-1), ValueError,
         r"^std must be finite and > 0; got -1\.0\. It is the spread"),
    case("draw n_out 0", lambda: mv.initializer("he").draw(0, 2, RNG), ValueError,
         r"^n_out must be >= 1; got 0\.$"),
    case("draw n_in 0", lambda: mv.initializer("he").draw(2, 0, RNG), ValueError,
         r"^n_in must be >= 1; got 0\.$"),
    case("draw n_out -1", lambda: mv.initializer("he").draw(-1, 2, RNG), ValueError,
         r"^n_out must be >= 1; got -1\.$"),
    case("draw n_out 2.5", lambda: mv.initializer("he").draw(2.5, 2, RNG), TypeError,
         r"^n_out must be a whole number; got float 2\.5\.$"),
    case("draw n_out str", lambda: mv.initializer("he").draw("2", 2, RNG), TypeError,
         r"^n_out must be a whole number; got str '2'\.$"),
    case("draw n_out True", lambda: mv.initializer("he").draw(True, 2, RNG), TypeError,
         r"^n_out must be a whole number; got bool True\.$"),
    case("draw rng str", lambda: mv.initializer("he").draw(2, 2, "x"), TypeError,
         r"^rng must be None, an int or a numpy\.random\.Generator; got str 'x'\.$"),
    case("draw dtype int", lambda: mv.initializer("he").draw(2, 2, RNG, dtype=int), ValueError,
         r"^dtype must be float64 or float32; got int64\.$"),
    case("draw dtype str", lambda: mv.initializer("he").draw(2, 2, RNG, dtype="x"), TypeError,
         r"^dtype must be float64 or float32; got str 'x'\.$"),
    case("seed -1", lambda: mv.xor(10, seed=-1), ValueError,
         r"^seed must be a whole number >= 0, None or a numpy\.random\.Generator; got -1\.$"),
    case("seed -1 for moons", lambda: mv.moons(10, seed=np.int64(-1)), ValueError,
         r"^seed must be a whole number >= 0"),
]


@pytest.mark.parametrize("call, error, match", INITIALIZERS)
def test_initializers_and_seeds_reject_bad_input(call, error, match):
    raises(call, error, match)


def test_draw_accepts_a_seed_like_every_other_rng_argument():
    a = mv.initializer("he").draw(2, 3, 5)
    b = mv.initializer("he").draw(2, 3, np.random.default_rng(5))
    np.testing.assert_array_equal(a, b)


# ------------------------------------------------------------------------- layers
LAYERS = [
    case("forward lists", lambda: mv.dense_forward([[1.0, 2.0]], [[1.0, 1.0]], [0.0]), TypeError,
         r"^dense_forward takes NumPy arrays \(A_prev, W, b\), as the network computes them; "
         r"A_prev is list \[\[1\.0, 2\.0\]\]\. Convert it with np\.asarray\(A_prev, dtype=float\) "
         r"first\.$"),
    case("forward None", lambda: mv.dense_forward(None, W, B), TypeError,
         r"^dense_forward takes NumPy arrays \(A_prev, W, b\), .*; A_prev is NoneType None\."),
    case("forward text", lambda: mv.dense_forward(np.array([["a", "b"]]), W, B), TypeError,
         r"^dense_forward takes arrays of numbers; A_prev has dtype <U1\.$"),
    case("forward A_prev too wide", lambda: mv.dense_forward(np.ones((4, 3)), W, B), ValueError,
         r"^A_prev has 3 columns \(inputs per sample\), but W has shape \(3, 2\), so the layer "
         r"reads 2 inputs: give A_prev of shape \(n_samples, 2\)\.$"),
    case("forward b too short", lambda: mv.dense_forward(A, W, np.zeros(2)), ValueError,
         r"^b has shape \(2,\), but W has 3 rows \(neurons\), so b must have shape \(3,\)\.$"),
    case("forward b a column", lambda: mv.dense_forward(A, W, np.zeros((3, 1))), ValueError,
         r"^b has shape \(3, 1\), but W has 3 rows"),
    case("forward W 1-D", lambda: mv.dense_forward(A, np.ones(2), B), ValueError,
         r"^W must be 2-D, shape \(n_out, n_in\); got shape \(2,\)\.$"),
    case("forward out", lambda: mv.dense_forward(A, W, B, out=np.zeros((2, 2))), ValueError,
         r"^out has shape \(2, 2\), but Z has shape \(4, 3\)\.$"),
    case("backward lists", lambda: mv.dense_backward([[1.0, 1.0, 1.0]], [[1.0, 2.0]],
                                                     [[1.0, 1.0]] * 3), TypeError,
         r"^dense_backward takes NumPy arrays \(dZ, A_prev, W\), .*; dZ is list"),
    case("backward None", lambda: mv.dense_backward(None, A, W), TypeError,
         r"^dense_backward takes NumPy arrays \(dZ, A_prev, W\), .*; dZ is NoneType None\."),
    case("backward dZ too narrow", lambda: mv.dense_backward(np.ones((4, 2)), A, W), ValueError,
         r"^dZ has 2 columns, but W has 3 rows \(neurons\): dZ must have shape \(n_samples, "
         r"3\)\.$"),
    case("backward dZ rows", lambda: mv.dense_backward(np.ones((3, 3)), A, W), ValueError,
         r"^dZ has 3 rows \(samples\), but A_prev has 4: both must come from the same batch\.$"),
    case("backward 1-D", lambda: mv.dense_backward(np.ones(3), np.ones(2), W), ValueError,
         r"^dense_backward works on batches: dZ and A_prev must be 2-D \(n_samples, \.\.\.\); "
         r"got shapes \(3,\) and \(2,\)\. For one sample use dZ\.reshape\(1, -1\) and "
         r"A_prev\.reshape\(1, -1\)\.$"),
]


@pytest.mark.parametrize("call, error, match", LAYERS)
def test_dense_layers_reject_bad_input(call, error, match):
    raises(call, error, match)


# ----------------------------------------------------------------------- datasets
DATASETS = [
    case("split_data None", lambda: mv.split_data(None, None), TypeError,
         r"^split_data needs arrays X and y with one sample per row; X is NoneType None\.$"),
    case("split_data number", lambda: mv.split_data(3.0, 3.0), ValueError,
         r"^split_data needs X and y with one sample per row \(arrays of at least one "
         r"dimension\); X is a single value, float 3\.0\.$"),
    case("split_data text", lambda: mv.split_data("abc", "abc"), ValueError,
         r"^split_data needs X and y with one sample per row .*; X is a single value, str "
         r"'abc'\.$"),
    case("split_data empty", lambda: mv.split_data([], []), ValueError,
         r"^split_data needs at least 2 samples, one for each part; got 0\.$"),
    case("standardize text", lambda: mv.standardize("abc"), TypeError,
         r"^X_train must hold numbers; got an array of dtype <U3\."),
    case("standardize strings", lambda: mv.standardize([["a", "b"]]), TypeError,
         r"^X_train must hold numbers; got an array of dtype <U1\."),
    case("standardize bool", lambda: mv.standardize(np.ones((3, 2), bool)), TypeError,
         r"^X_train must hold numbers; got an array of dtype bool\."),
    case("standardize empty", lambda: mv.standardize(np.zeros((0, 2))), ValueError,
         r"^X_train has no samples \(0 rows\); its column means and standard deviations need "
         r"at least one\.$"),
    case("standardize NaN", lambda: mv.standardize([[nan, 1.0], [1.0, 2.0]]), ValueError,
         r"^X_train contains NaN or infinity \(1 of 4 entries, the first in row 0, column 0\)"),
    case("standardize inf", lambda: mv.standardize([[inf, 1.0], [1.0, 2.0]]), ValueError,
         r"^X_train contains NaN or infinity"),
    case("standardize other NaN", lambda: mv.standardize(X, np.full((2, 2), nan)), ValueError,
         r"^others\[0\] contains NaN or infinity \(4 of 4 entries"),
    case("standardize other None", lambda: mv.standardize(X, None), TypeError,
         r"^others\[0\] must hold numbers; got None\.$"),
]


@pytest.mark.parametrize("call, error, match", DATASETS)
def test_dataset_helpers_reject_bad_input(call, error, match):
    raises(call, error, match)


def test_standardize_keeps_float32_and_its_numbers():
    assert mv.standardize(X.astype(np.float32))[0].dtype == np.float32
    scaled, other = mv.standardize(X, X[:3])
    np.testing.assert_array_equal(scaled, (X - X.mean(axis=0)) / X.std(axis=0))
    np.testing.assert_array_equal(other, (X[:3] - X.mean(axis=0)) / X.std(axis=0))


# ------------------------------------------------------------------------ decision
DECISION = [
    case("grid X text", lambda: mv.compute_decision_grid(NET, "ab"), TypeError,
         r"^X must hold numbers; got an array of dtype <U2\."),
    case("grid X strings", lambda: mv.compute_decision_grid(NET, [["a", "b"]]), TypeError,
         r"^X must hold numbers; got an array of dtype <U1\."),
    case("grid X bool", lambda: mv.compute_decision_grid(NET, np.ones((3, 2), bool)), TypeError,
         r"^X must hold numbers; got an array of dtype bool\."),
]


@pytest.mark.parametrize("call, error, match", DECISION)
def test_decision_grid_rejects_bad_input(call, error, match):
    raises(call, error, match)


def test_decision_grid_keeps_the_data_dtype():
    grid = mv.compute_decision_grid(NET, X.astype(np.float32), resolution=5)
    assert grid.xx.dtype == grid.yy.dtype == np.float32
    assert mv.compute_decision_grid(NET32, X, resolution=5).score.dtype == np.float32


# ------------------------------------------------------------------------ surfaces
def surface(**kwargs):
    return mv.parameter_surface(NET, X, Y_REG, ("W", 1, 0, 0), ("W", 1, 0, 1), resolution=3,
                                **kwargs)


def around(directions, **kwargs):
    return mv.direction_surface(NET, X, Y_REG, directions=directions, resolution=3, **kwargs)


RANGES = r"^ranges must be two \(low, high\) pairs of finite numbers with low < high, one per " \
         r"parameter, e\.g\. \(\(-2, 2\), \(-1, 3\)\); got "
ONES = np.ones(NET.n_params)
START = r"^start must be a point \(alpha, beta\), two finite numbers; got "
SURFACES = [
    case("parameter None", lambda: mv.parameter_surface(NET, X, Y_REG, None, ("W", 1, 0, 1)),
         TypeError, r"^a parameter is named \('W', layer, i, j\) or \('b', layer, i\); got "
                    r"NoneType None\.$"),
    case("parameter str", lambda: mv.parameter_surface(NET, X, Y_REG, "W100", ("W", 1, 0, 1)),
         TypeError, r"^a parameter is named \('W', layer, i, j\) or \('b', layer, i\); got str "
                    r"'W100'\.$"),
    case("index float", lambda: mv.parameter_surface(NET, X, Y_REG, ("W", 1, 1.5, 0),
                                                     ("W", 1, 0, 1)),
         TypeError, r"^i must be a whole number; got float 1\.5\.$"),
    case("index str", lambda: mv.parameter_surface(NET, X, Y_REG, ("W", 1, 0, "0"),
                                                   ("W", 1, 0, 1)),
         TypeError, r"^j must be a whole number; got str '0'\.$"),
    case("ranges reversed", lambda: surface(ranges=((1, -1), (-1, 1))), ValueError,
         RANGES + r"\(\(1, -1\), \(-1, 1\)\)\.$"),
    case("ranges empty", lambda: surface(ranges=((1, 1), (-1, 1))), ValueError, RANGES),
    case("ranges NaN", lambda: surface(ranges=((nan, 1), (-1, 1))), ValueError, RANGES),
    case("ranges str", lambda: surface(ranges="ab"), ValueError, RANGES + r"'ab'\.$"),
    case("ranges one pair", lambda: surface(ranges=((0, 1),)), ValueError, RANGES),
    case("ranges None entries", lambda: surface(ranges=(None, None)), ValueError, RANGES),
    case("ranges of text", lambda: surface(ranges=(("0", "1"), (0, 1))), ValueError, RANGES),
    case("directions str", lambda: around("ab"), ValueError,
         r"^directions must be a pair \(d1, d2\) of flat vectors with one entry per parameter "
         r"\(17\), such as random_directions\(net\) gives; got str 'ab'\.$"),
    case("three directions", lambda: around((ONES, ONES, ONES)), ValueError,
         r"^directions must be a pair \(d1, d2\)"),
    case("directions too short", lambda: around((np.ones(3), np.ones(3))), ValueError,
         r"^directions\[0\] has shape \(3,\), but this network has 17 parameters: give flat "
         r"vectors of shape \(17,\), laid out as net\.get_flat_params\(\)\.$"),
    case("directions NaN", lambda: around((np.full(17, nan), ONES)), ValueError,
         r"^directions\[0\] contains NaN or infinity"),
    case("directions text", lambda: around((ONES, ["a"] * 17)), TypeError,
         r"^directions\[1\] must hold numbers; got an array of dtype <U1\."),
    case("directions parallel", lambda: around((ONES, -2 * ONES)), ValueError,
         r"^the two directions are parallel: they span a line, not a plane\. Choose two "
         r"independent directions, e\.g\. random_directions\(net\)\.$"),
    case("title int", lambda: around((ONES, np.arange(17.0)), title=3), TypeError,
         r"^title must be a string; got int 3\.$"),
    case("path None", lambda: mv.path_directions(None, np.zeros(3)), TypeError,
         r"^snapshots must hold numbers; got None\.$"),
    case("path text", lambda: mv.path_directions("ab", np.zeros(3)), TypeError,
         r"^snapshots must hold numbers; got an array of dtype <U2\."),
    case("path NaN", lambda: mv.path_directions(np.full((3, 3), nan), np.zeros(3)), ValueError,
         r"^snapshots contains NaN or infinity"),
    case("path 3-D", lambda: mv.path_directions(np.ones((3, 3, 1)), np.zeros(3)), ValueError,
         r"^snapshots must be 2-D, one flat parameter vector per row \(n_points, n_params\); got "
         r"shape \(3, 3, 1\)\.$"),
    case("path centre too short", lambda: mv.path_directions(np.eye(3), np.zeros(2)),
         ValueError, r"^centre has shape \(2,\), but each snapshot has 3 parameters; pass a flat "
                     r"vector of shape \(3,\), e\.g\. net\.get_flat_params\(\)\.$"),
    case("path centre None", lambda: mv.path_directions(np.eye(3), None), TypeError,
         r"^centre must hold numbers; got None\.$"),
    case("toy name list", lambda: mv.toy_surface([]), TypeError,
         r"^name must be the name of a toy surface, a string; got list \[\]\. Valid names: bowl, "
         r"two_valleys\.$"),
    case("toy name None", lambda: mv.toy_surface(None), TypeError,
         r"^name must be the name of a toy surface, a string; got NoneType None\."),
    case("theta str", lambda: SURFACE.theta("a", 0), TypeError,
         r"^alpha must be a number; got str 'a'\.$"),
    case("theta NaN", lambda: SURFACE.theta(nan, 0), ValueError,
         r"^alpha must be finite; got nan\."),
    case("theta array", lambda: SURFACE.theta(np.ones(2), 0), TypeError,
         r"^alpha must be a number; got ndarray"),
    case("loss_at str", lambda: SURFACE.loss_at("a", 0), TypeError,
         r"^alpha must be a number; got str 'a'\.$"),
    case("loss_at None", lambda: SURFACE.loss_at(0, None), TypeError,
         r"^beta must be a number; got NoneType None\.$"),
    case("loss_at NaN", lambda: SURFACE.loss_at(nan, 0), ValueError,
         r"^alpha must be finite; got nan\.$"),
    case("loss_at inf", lambda: SURFACE.loss_at(inf, 0), ValueError,
         r"^alpha must be finite; got inf\.$"),
    case("toy loss_at NaN", lambda: TOY.loss_at(0, nan), ValueError,
         r"^beta must be finite; got nan\.$"),
    case("loss_at array", lambda: SURFACE.loss_at(np.ones(2), 0), TypeError,
         r"^alpha must be a number; got ndarray"),
    case("gradient_at str", lambda: SURFACE.gradient_at("a", 0), TypeError,
         r"^alpha must be a number; got str 'a'\.$"),
    case("gradient_at NaN", lambda: SURFACE.gradient_at(nan, 0), ValueError,
         r"^alpha must be finite; got nan\.$"),
    case("toy gradient_at NaN", lambda: TOY.gradient_at(nan, 0), ValueError,
         r"^alpha must be finite; got nan\.$"),
    case("descend from text", lambda: TOY.descend("ab", lr=0.1, steps=2), ValueError,
         START + r"'ab'\.$"),
    case("descend from None", lambda: TOY.descend(None, lr=0.1, steps=2), ValueError,
         START + r"None\.$"),
    case("descend from 3 numbers", lambda: TOY.descend((1, 2, 3), lr=0.1, steps=2), ValueError,
         START + r"\(1, 2, 3\)\.$"),
    case("descend from a number", lambda: TOY.descend(1.0, lr=0.1, steps=2), ValueError,
         START + r"1\.0\.$"),
    case("descend from NaN", lambda: TOY.descend((nan, 1), lr=0.1, steps=2), ValueError,
         START + r"\(nan, 1\)\.$"),
    case("project None", lambda: SURFACE.project(None, [1.0]), TypeError,
         r"^snapshots must hold numbers; got None\.$"),
    case("project text", lambda: SURFACE.project("ab", [1.0]), TypeError,
         r"^snapshots must hold numbers; got an array of dtype <U2\."),
    case("project losses too few", lambda: SURFACE.project(HISTORY.snapshots, [1.0]), ValueError,
         r"^losses has 1 entries, but there are 4 snapshots; give the true loss at each "
         r"snapshot\.$"),
    case("project losses None", lambda: SURFACE.project(HISTORY.snapshots, None), TypeError,
         r"^losses must hold numbers; got None\.$"),
    case("project NaN", lambda: SURFACE.project(np.full_like(HISTORY.snapshots, nan),
                                                HISTORY.loss), ValueError,
         r"^snapshots contains NaN or infinity"),
    case("project nothing", lambda: SURFACE.project(np.zeros((0, NET.n_params)), []), ValueError,
         r"^snapshots is empty: there is no path to project\.$"),
    case("project 3-D", lambda: SURFACE.project(HISTORY.snapshots[:, :, None], HISTORY.loss),
         ValueError, r"^snapshots must be 2-D, one flat parameter vector per row"),
]


@pytest.mark.parametrize("call, error, match", SURFACES)
def test_surfaces_reject_bad_input(call, error, match):
    raises(call, error, match)


def test_surface_methods_keep_their_numbers():
    a, b = 0.3, -0.2
    np.testing.assert_array_equal(SURFACE.theta(a, b), SURFACE.origin + a * SURFACE.d1
                                  + b * SURFACE.d2)
    assert SURFACE.loss_at(np.float64(a), b) == SURFACE.loss_at(a, b)
    path = TOY.descend((1.0, 1.0), lr=0.1, steps=3)
    point = np.array([1.0, 1.0])
    for alpha, beta in zip(path.alphas[1:], path.betas[1:]):
        point = point - 0.1 * np.array([point[0], 10 * point[1]])
        assert (alpha, beta) == tuple(point)


# ----------------------------------------------------------- gradient checks, flow
def test_numerical_gradients_come_in_the_network_dtype():
    for method in ("batched", "loop"):
        grads = mv.numerical_gradients(NET32, X, Y_REG, method=method)
        assert all(g.dtype == np.float32 for pair in grads for g in pair)
    assert mv.numerical_gradients(NET, X, Y_REG)[0][0].dtype == np.float64


def test_gradient_flow_checks_weight_std_even_when_unused():
    with pytest.raises(TypeError, match=r"^weight_std must be a number; got str 'x'\.$"):
        mv.gradient_flow(2, 4, weight_std="x")


# ------------------------------------------------------------------------ storage
def test_save_and_load_reject_bad_paths(tmp_path):
    path_message = r"^path must be a file name, a str or a pathlib\.Path; got "
    for bad in (None, 3, {}):
        with pytest.raises(TypeError, match=path_message + type(bad).__name__):
            mv.save(NET, bad)
        with pytest.raises(TypeError, match=path_message + type(bad).__name__):
            mv.load(bad)
    with pytest.raises(FileNotFoundError, match=r"^cannot write '.*x\.npz': the folder '.*no' "
                                                r"does not exist; create it first, e\.g\. with "
                                                r"Path\(folder\)\.mkdir\(parents=True\)\.$"):
        mv.save(NET, tmp_path / "no" / "x")
    mv.save(NET, tmp_path / "good")
    with pytest.raises(FileNotFoundError, match=r"^no network file at '.*good'; there is one at "
                                                r"'.*good\.npz' \(save adds \.npz\): load that "
                                                r"path\.$"):
        mv.load(tmp_path / "good")
    with pytest.raises(FileNotFoundError, match=r"is a folder, not a network file"):
        mv.load(tmp_path)


# -------------------------------------------------------------------------- plots
IMAGES = np.zeros((2, 64))
PLOTS = [
    case("plot_softmax text", lambda: mv.plot_softmax("abc"), TypeError,
         r"^z must hold numbers; got an array of dtype <U3\."),
    case("plot_softmax strings", lambda: mv.plot_softmax(["a", "b"]), TypeError,
         r"^z must hold numbers; got an array of dtype <U1\."),
    case("plot_softmax dict", lambda: mv.plot_softmax({"a": 1}), TypeError,
         r"^z must hold numbers; got dict"),
    case("plot_softmax bool", lambda: mv.plot_softmax([True, False]), TypeError,
         r"^z must hold numbers; got an array of dtype bool\."),
    case("boundary y None", lambda: mv.plot_decision_boundary(NET_SIGMOID, X, None), TypeError,
         r"^y must hold numbers; got None\.$"),
    case("boundary y text", lambda: mv.plot_decision_boundary(NET_SIGMOID, X, "abcdefghij"),
         TypeError, r"^y must hold numbers; got an array of dtype <U10\."),
    case("boundary y strings", lambda: mv.plot_decision_boundary(NET_SIGMOID, X,
                                                                 list("abcdefghij")),
         TypeError, r"^y must hold numbers; got an array of dtype <U1\."),
    case("boundary y too large", lambda: mv.plot_decision_boundary(NET_SIGMOID, X, Y + 5),
         ValueError, r"^class labels must lie in 0\.\.1 \(this MLP has one output"),
    case("boundary y bool", lambda: mv.plot_decision_boundary(NET_SIGMOID, X, Y.astype(bool)),
         TypeError, r"^y must hold numbers; got an array of dtype bool\."),
    case("fit X text", lambda: mv.plot_fit(NET_1D, "abc", Y_REG), TypeError,
         r"^X must hold numbers; got an array of dtype <U3\."),
    case("fit y None", lambda: mv.plot_fit(NET_1D, X[:, :1], None), TypeError,
         r"^y must hold numbers; got None\.$"),
    case("fit y text", lambda: mv.plot_fit(NET_1D, X[:, :1], "abcdefghij"), TypeError,
         r"^y must hold numbers; got an array of dtype <U10\."),
    case("fit y 2-D", lambda: mv.plot_fit(NET_1D, X[:, :1], np.zeros((10, 2))), ValueError,
         r"^y must hold one target per sample, shape \(10,\) or \(10, 1\); got shape "
         r"\(10, 2\)\.$"),
    case("fit X NaN", lambda: mv.plot_fit(NET_1D, np.full((10, 1), nan), Y_REG), ValueError,
         r"^X contains NaN or infinity \(10 of 10 entries"),
    case("fit y NaN", lambda: mv.plot_fit(NET_1D, X[:, :1], np.full(10, nan)), ValueError,
         r"^y contains NaN or infinity \(10 of 10 entries, the first at index 0\)"),
    case("cm None", lambda: mv.plot_confusion_matrix(None), TypeError,
         r"^cm must hold numbers; got None\.$"),
    case("cm text", lambda: mv.plot_confusion_matrix("ab"), TypeError,
         r"^cm must hold numbers; got an array of dtype <U2\."),
    case("cm 1-D", lambda: mv.plot_confusion_matrix([1, 2]), ValueError,
         r"^cm must be a square matrix of counts, shape \(n_classes, n_classes\), as "
         r"mlp_viz\.confusion_matrix returns it; got shape \(2,\)\.$"),
    case("cm not square", lambda: mv.plot_confusion_matrix(np.ones((2, 3), int)), ValueError,
         r"^cm must be a square matrix of counts.*; got shape \(2, 3\)\.$"),
    case("cm empty", lambda: mv.plot_confusion_matrix(np.zeros((0, 0), int)), ValueError,
         r"^cm must be a square matrix of counts.*; got shape \(0, 0\)\.$"),
    case("cm 3-D", lambda: mv.plot_confusion_matrix(np.ones((2, 2, 2), int)), ValueError,
         r"^cm must be a square matrix of counts.*; got shape \(2, 2, 2\)\.$"),
    case("cm NaN", lambda: mv.plot_confusion_matrix([[nan, 1], [0, 1]]), ValueError,
         r"^cm contains NaN or infinity"),
    case("cm negative", lambda: mv.plot_confusion_matrix([[-1, 1], [0, 1]]), ValueError,
         r"^cm must hold counts, whole numbers >= 0; got -1 in row 0, column 0\.$"),
    case("cm fractions", lambda: mv.plot_confusion_matrix([[1, 0.5], [0, 1]]), ValueError,
         r"^cm must hold counts, whole numbers >= 0; got 0\.5 in row 0, column 1\.$"),
    case("cm labels too few", lambda: mv.plot_confusion_matrix(np.eye(3, dtype=int),
                                                               labels=["a"]),
         ValueError, r"^labels has 1 names, but cm has 3 classes; give one name per class\.$"),
    case("cm labels str", lambda: mv.plot_confusion_matrix(np.eye(3, dtype=int), labels="abc"),
         TypeError, r"^labels must be a list of class names, one per class; got str 'abc'\.$"),
    case("cm labels int", lambda: mv.plot_confusion_matrix(np.eye(3, dtype=int), labels=3),
         TypeError, r"^labels must be a list of class names, one per class; got int 3\.$"),
    case("images None", lambda: mv.plot_images(None), TypeError,
         r"^images must hold numbers; got None\.$"),
    case("images a number", lambda: mv.plot_images(3.0), ValueError,
         r"^images must hold one image per row, shape \(n_images, height \* width\) or "
         r"\(n_images, height, width\); got shape \(\)\."),
    case("images 1-D", lambda: mv.plot_images(np.zeros(64)), ValueError,
         r"^images must hold one image per row.*; got shape \(64,\)\. For a single image, pass "
         r"images\.reshape\(1, -1\)\.$"),
    case("images wrong size", lambda: mv.plot_images(np.zeros((2, 10))), ValueError,
         r"^each image has 10 pixels, but shape=\(8, 8\) needs 64; pass the shape of one "
         r"image, e\.g\. shape=\(8, 8\) for mlp_viz\.digits\(\)\.$"),
    case("images NaN", lambda: mv.plot_images(np.full((2, 64), nan)), ValueError,
         r"^images contains NaN or infinity"),
    case("images shape 1-D", lambda: mv.plot_images(IMAGES, shape=(64,)), ValueError,
         r"^shape must be \(height, width\), two whole numbers >= 1; got \(64,\)\.$"),
    case("images shape negative", lambda: mv.plot_images(IMAGES, shape=(-1, 8)), ValueError,
         r"^shape must be \(height, width\), two whole numbers >= 1; got \(-1, 8\)\.$"),
    case("images shape str", lambda: mv.plot_images(IMAGES, shape="ab"), ValueError,
         r"^shape must be \(height, width\), two whole numbers >= 1; got 'ab'\.$"),
    case("images n_cols 0", lambda: mv.plot_images(IMAGES, n_cols=0), ValueError,
         r"^n_cols must be >= 1; got 0\.$"),
    case("images n_cols -1", lambda: mv.plot_images(IMAGES, n_cols=-1), ValueError,
         r"^n_cols must be >= 1; got -1\.$"),
    case("images n_cols 2.5", lambda: mv.plot_images(IMAGES, n_cols=2.5), TypeError,
         r"^n_cols must be a whole number; got float 2\.5\.$"),
    case("images titles too few", lambda: mv.plot_images(IMAGES, titles=["a"]), ValueError,
         r"^titles has 1 entries, but there are 2 images; give one caption per image\.$"),
    case("images titles str", lambda: mv.plot_images(IMAGES, titles="ab"), TypeError,
         r"^titles must be a list of captions, one per image; got str 'ab'\.$"),
    case("images highlight too few", lambda: mv.plot_images(IMAGES, highlight=[True]),
         ValueError, r"^highlight must hold one True/False per image, shape \(2,\); got shape "
                     r"\(1,\)\.$"),
    case("images highlight scalar", lambda: mv.plot_images(IMAGES, highlight=True), ValueError,
         r"^highlight must hold one True/False per image, shape \(2,\); got shape \(\)\.$"),
    case("images highlight text", lambda: mv.plot_images(IMAGES, highlight=["a", "b"]),
         TypeError, r"^highlight must hold True/False \(or 1/0\), one per image; got an array "
                    r"of dtype <U1\.$"),
    case("images fig", lambda: mv.plot_images(IMAGES, fig="x"), TypeError,
         r"^fig must be a matplotlib Figure, or None for a new one; got str 'x'\.$"),
]


@pytest.mark.parametrize("call, error, match", PLOTS)
def test_plots_reject_bad_input(call, error, match):
    raises(call, error, match)


def test_plots_still_accept_what_the_notebooks_pass():
    X_digits = np.arange(3 * 64, dtype=float).reshape(3, 64)
    axes = mv.plot_images(X_digits, ["0", "1", "2"], highlight=np.array([True, False, True]))
    assert len(axes) == 3
    assert len(mv.plot_images(X_digits.reshape(3, 8, 8), n_cols=2)) == 3
    ax = mv.plot_confusion_matrix(mv.confusion_matrix([0, 1, 1], [0, 1, 0]), labels=["a", "b"])
    assert ax.get_title() == "Confusion matrix: 2 of 3 right (66.7%)"


# ------------------------------------------- axes, surface and training plots (part 2)
def axes_3d():
    return plt.figure().add_subplot(projection="3d")


def axes_2d():
    return plt.figure().add_subplot()


PATH = TOY.descend((1.0, 1.0), lr=0.1, steps=3)
NO_POINTS = mv.Trajectory(np.array([]), np.array([]), np.array([]), np.array([]))
AX_TYPE = (r"^ax must be a matplotlib Axes \(e\.g\. from fig, ax = plt\.subplots\(\)\), or None "
           r"for a new figure; got ")
AX_3D = (r"^this plot draws on 2-D axes; got 3-D axes \(projection='3d'\)\. Create 2-D axes "
         r"with fig\.add_subplot\(\), or pass ax=None\.$")
NOT_A_PATH = (r"^trajectory must be a Trajectory \(from surface\.descend\(\.\.\.\) or "
              r"surface\.project\(\.\.\.\)\); got ")
EMPTY_PATH = r"^trajectory has no points to draw; a Trajectory from surface\.descend"
GRADIENT_AT = r"^gradient_at must be a point \(alpha, beta\), two finite numbers; got "
SURFACE_TYPE = (r" takes a LossSurface \(from parameter_surface, direction_surface or "
                r"toy_surface\); got ")
AXES_AND_SURFACE_PLOTS = [
    case("history ax str", lambda: mv.plot_history(HISTORY, ax="x"), TypeError,
         AX_TYPE + r"str 'x'\.$"),
    case("contour ax list", lambda: mv.plot_contour(TOY, ax=[1]), TypeError,
         AX_TYPE + r"list \[1\]\.$"),
    case("history on 3-D axes", lambda: mv.plot_history(HISTORY, ax=axes_3d()), ValueError,
         AX_3D),
    case("contour on 3-D axes", lambda: mv.plot_contour(TOY, ax=axes_3d()), ValueError, AX_3D),
    case("network on 3-D axes", lambda: mv.plot_network(NET, ax=axes_3d()), ValueError, AX_3D),
    case("3-D plot ax str", lambda: mv.plot_surface_3d(TOY, ax="x"), TypeError,
         r"^ax must be a 3-D matplotlib Axes \(e\.g\. from fig\.add_subplot\(projection='3d'\)"
         r"\), or None for a new figure; got str 'x'\.$"),
    case("3-D plot on 2-D axes", lambda: mv.plot_surface_3d(TOY, ax=axes_2d()), ValueError,
         r"^this plot draws on 3-D axes; got 2-D axes\. Create 3-D axes with "
         r"fig\.add_subplot\(projection='3d'\), or pass ax=None\.$"),
    case("draw_path ax None", lambda: mv.plots.draw_path(None, PATH), TypeError,
         r"^ax must be a matplotlib Axes \(e\.g\. from fig, ax = plt\.subplots\(\)\); got "
         r"NoneType None\.$"),
    case("draw_path on 3-D axes", lambda: mv.plots.draw_path(axes_3d(), PATH), ValueError,
         r"^this plot draws on 2-D axes; got 3-D axes \(projection='3d'\)\. Create 2-D axes "
         r"with fig\.add_subplot\(\)\.$"),
    case("contour of None", lambda: mv.plot_contour(None), TypeError,
         r"^plot_contour" + SURFACE_TYPE + r"NoneType None\.$"),
    case("3-D plot of a str", lambda: mv.plot_surface_3d("x"), TypeError,
         r"^plot_surface_3d" + SURFACE_TYPE + r"str 'x'\.$"),
    case("contour trajectory str", lambda: mv.plot_contour(TOY, trajectory="x"), TypeError,
         NOT_A_PATH + r"str 'x'\.$"),
    case("3-D trajectory list", lambda: mv.plot_surface_3d(TOY, trajectory=[1, 2]), TypeError,
         NOT_A_PATH + r"list \[1, 2\]\.$"),
    case("draw_path trajectory str", lambda: mv.plots.draw_path(axes_2d(), "x"), TypeError,
         NOT_A_PATH + r"str 'x'\.$"),
    case("contour empty trajectory", lambda: mv.plot_contour(TOY, trajectory=NO_POINTS),
         ValueError, EMPTY_PATH),
    case("3-D empty trajectory", lambda: mv.plot_surface_3d(TOY, trajectory=NO_POINTS),
         ValueError, EMPTY_PATH),
    case("draw_path empty trajectory", lambda: mv.plots.draw_path(axes_2d(), NO_POINTS),
         ValueError, EMPTY_PATH),
    case("gradient_at a number", lambda: mv.plot_contour(TOY, gradient_at=1.0), ValueError,
         GRADIENT_AT + r"1\.0\.$"),
    case("gradient_at text", lambda: mv.plot_contour(TOY, gradient_at=("a", 1)), ValueError,
         GRADIENT_AT + r"\('a', 1\)\.$"),
    case("gradient_at NaN", lambda: mv.plot_contour(TOY, gradient_at=(nan, 0.0)), ValueError,
         GRADIENT_AT + r"\(nan, 0\.0\)\.$"),
    case("gradient_at three", lambda: mv.plot_contour(TOY, gradient_at=(0, 0, 0)), ValueError,
         GRADIENT_AT + r"\(0, 0, 0\)\.$"),
    case("levels 0", lambda: mv.plot_contour(TOY, levels=0), ValueError,
         r"^levels must be >= 2; got 0\.$"),
    case("levels 1", lambda: mv.plot_contour(TOY, levels=1), ValueError,
         r"^levels must be >= 2; got 1\.$"),
    case("levels 2.5", lambda: mv.plot_contour(TOY, levels=2.5), TypeError,
         r"^levels must be a whole number; got float 2\.5\.$"),
    case("levels True", lambda: mv.plot_contour(TOY, levels=True), TypeError,
         r"^levels must be a whole number; got bool True\.$"),
    case("contour log str", lambda: mv.plot_contour(TOY, log="yes"), TypeError,
         r"^log must be True, False or None; got str 'yes'\.$"),
    case("3-D log int", lambda: mv.plot_surface_3d(TOY, log=1), TypeError,
         r"^log must be True, False or None; got int 1\.$"),
    case("elev str", lambda: mv.plot_surface_3d(TOY, elev="x"), TypeError,
         r"^elev must be a number; got str 'x'\.$"),
    case("azim NaN", lambda: mv.plot_surface_3d(TOY, azim=nan), ValueError,
         r"^azim must be finite; got nan\.$"),
    case("azim None", lambda: mv.plot_surface_3d(TOY, azim=None), TypeError,
         r"^azim must be a number; got NoneType None\.$"),
]


@pytest.mark.parametrize("call, error, match", AXES_AND_SURFACE_PLOTS)
def test_axes_and_surface_plots_reject_bad_input(call, error, match):
    raises(call, error, match)


def test_surface_plots_still_accept_what_the_notebooks_pass():
    fig = plt.figure()
    ax = mv.plot_surface_3d(TOY, ax=fig.add_subplot(1, 2, 1, projection="3d"), azim=-120,
                            elev=np.float64(30), trajectory=PATH, log=np.bool_(False))
    assert ax.name == "3d"
    w0, b0 = np.float64(1.0), np.int64(1)
    ax = mv.plot_contour(TOY, ax=fig.add_subplot(1, 2, 2), gradient_at=(w0, b0), levels=2,
                         trajectory=PATH, log=True)
    assert len(ax.collections) >= 1
    assert ax.get_xlim() == (TOY.alphas[0], TOY.alphas[-1])


def flat_surface():
    """A real flat surface: with zero output weights, no first-layer weight matters."""
    net = mv.MLP([2, 4, 1], init="zeros")
    return mv.parameter_surface(net, X, np.ones(10), ("W", 1, 0, 0), ("W", 1, 0, 1),
                                resolution=5)


def test_a_flat_surface_is_drawn_in_one_colour_and_said_to_be_flat():
    flat = flat_surface()
    assert np.all(flat.losses == 0.5)
    for log in (None, True, False):
        ax = mv.plot_contour(flat, log=log, trajectory=flat.descend((0.0, 0.0), lr=0.1,
                                                                    steps=2))
        ax.figure.canvas.draw()
        assert ax.get_title().endswith(
            "\nflat: the loss is 0.5 at every grid point, so there are no contours")
        (mesh,) = [c for c in ax.collections if hasattr(c, "get_array")
                   and c.get_array() is not None]
        colours = mesh.get_facecolors()
        assert len(colours) == flat.losses.size and np.all(colours == colours[0])
        assert len(ax.figure.axes) == 1  # no colour bar: there is no scale to read
    ax = mv.plot_surface_3d(flat)
    ax.figure.canvas.draw()
    assert ax.get_zlim()[0] < 0.5 < ax.get_zlim()[1]


NORMS = r"^grad_norms contains NaN or infinity \(1 of 2 entries, the first in row 0, column "
STATS = mv.activation_stats(mv.MLP([2, 3, 3, 1], "tanh", seed=0), X)


def stats_with(**changes):
    return replace(STATS, **{k: np.asarray(v, dtype=float) for k, v in changes.items()})


TRAINING_PLOTS = [
    case("norms negative", lambda: mv.plot_gradient_norms([[1.0, -1.0]]), ValueError,
         r"^grad_norms are Frobenius norms, so they are >= 0; got -1 in row 0, column 1\.$"),
    case("heatmap negative", lambda: mv.plot_gradient_heatmap([[0.0, 1.0], [-0.5, 1.0]]),
         ValueError, r"^grad_norms are Frobenius norms, so they are >= 0; got -0\.5 in row 1, "
                     r"column 0\.$"),
    case("norms NaN", lambda: mv.plot_gradient_norms([[nan, 1.0]]), ValueError,
         NORMS + r"0\)\. mlp_viz\.train records the norms of finite steps only \(it stops at "
                 r"the first step that is not\): pass the History of a training run, or its "
                 r"grad_norms\.$"),
    case("heatmap inf", lambda: mv.plot_gradient_heatmap([[1.0, inf]]), ValueError,
         NORMS + r"1\)\."),
    case("stats std negative", lambda: mv.plot_activation_stats(stats_with(std=[1.0, -1.0])),
         ValueError, r"^stats\.std holds standard deviations, which are >= 0; got -1 for layer "
                     r"2\.$"),
    case("stats dead fraction 1.5", lambda: mv.plot_activation_stats(
        stats_with(dead_fraction=[1.5, 0.0])), ValueError,
         r"^stats\.dead_fraction holds shares of a layer, between 0 and 1; got 1\.5 for layer "
         r"1\.$"),
    case("stats saturated NaN", lambda: mv.plot_activation_stats(
        stats_with(saturated_fraction=[0.0, nan])), ValueError,
         r"^stats\.saturated_fraction holds shares of a layer, between 0 and 1; got nan for "
         r"layer 2\.$"),
    case("stats mean too long", lambda: mv.plot_activation_stats(stats_with(mean=[0, 0, 0])),
         ValueError, r"^stats\.mean has 3 entries, but stats\.layers has 2 hidden layers: give "
                     r"one value per hidden layer\.$"),
]


@pytest.mark.parametrize("call, error, match", TRAINING_PLOTS)
def test_training_plots_reject_bad_input(call, error, match):
    raises(call, error, match)


def test_zero_gradient_norms_are_still_drawn():
    ax = mv.plot_gradient_norms([[0.0, 1.0], [0.0, 2.0]])
    assert [list(line.get_ydata()) for line in ax.lines] == [[0.0, 0.0], [1.0, 2.0]]
    ax = mv.plot_gradient_heatmap([[0.0, 1.0]])
    assert ax.images[0].get_array().mask.tolist() == [[True], [False]]


@pytest.mark.parametrize("weight_std", [1e30, 1e100])
def test_activation_stats_of_an_overflowing_network_are_drawn(weight_std):
    """A huge init overflows on purpose; the finite layers are drawn, the others marked."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        flow = mv.gradient_flow(depth=30, width=64, activation="relu", init="normal",
                                weight_std=weight_std)
        broken = ~(np.isfinite(flow.stats.mean) & np.isfinite(flow.stats.std))
        assert 0 < broken.sum() < broken.size
        ax = mv.plot_activation_stats(flow)
        ax.figure.canvas.draw()
    marks = [t for t in ax.texts if t.get_text() == "overflow"]
    assert sorted(t.xy[0] for t in marks) == list(flow.stats.layers[broken])
    finite = flow.stats.mean[~broken] + flow.stats.std[~broken]
    assert ax.get_ylim()[1] >= finite.max()


@pytest.mark.parametrize("top, std", [(1e200, 1e100), (1e250, 0.0)])
def test_huge_finite_activations_stay_on_the_axes(top, std):
    """The legend's headroom above 1e200 overflowed ("Axis limits cannot be NaN or Inf")."""
    ax = mv.plot_activation_stats(stats_with(mean=[1.0, top], std=[1.0, std]))
    ax.figure.canvas.draw()
    assert ax.get_ylim()[1] >= top + std
    assert not [t for t in ax.texts if t.get_text() == "overflow"]


PROGRESS = [
    case("description int", lambda: mv.progress_bar(3, description=3), TypeError,
         r"^description must be a string; got int 3\.$"),
    case("loss None", lambda: mv.progress_bar(3).update(1, None), TypeError,
         r"^loss must be a number; got NoneType None\.$"),
    case("loss str", lambda: mv.progress_bar(3).update(1, "0.1"), TypeError,
         r"^loss must be a number; got str '0\.1'\.$"),
    case("val_loss str", lambda: mv.progress_bar(3).update(1, 0.1, "x"), TypeError,
         r"^val_loss must be a number; got str 'x'\.$"),
    case("epoch str", lambda: mv.progress_bar(3).update("a", 0.1), TypeError,
         r"^epoch must be a whole number; got str 'a'\.$"),
    case("epoch past the end", lambda: mv.progress_bar(3).update(5, 0.1), ValueError,
         r"^epoch must be between 0 and 3; got 5\. This bar counts 3 epochs: make it with "
         r"progress_bar\(epochs\) for the epochs you train\.$"),
    case("dropout explorer seed str", lambda: mv.dropout_explorer(seed="x"), TypeError,
         r"^seed must be a whole number; got str 'x'\.$"),
    case("dropout explorer seed -1", lambda: mv.dropout_explorer(seed=-1), ValueError,
         r"^seed must be >= 0; got -1\.$"),
    case("gradient explorer width 0", lambda: mv.gradient_flow_explorer(width=0), ValueError,
         r"^width must be between 1 and 512; got 0\. It is the number of neurons per hidden "
         r"layer, e\.g\. 32\.$"),
    case("gradient explorer width 2.5", lambda: mv.gradient_flow_explorer(width=2.5),
         TypeError, r"^width must be a whole number; got float 2\.5\.$"),
    case("gradient explorer seed str", lambda: mv.gradient_flow_explorer(seed="x"), TypeError,
         r"^seed must be a whole number; got str 'x'\.$"),
]


@pytest.mark.parametrize("call, error, match", PROGRESS)
def test_progress_bar_and_explorers_reject_bad_input(call, error, match):
    raises(call, error, match)


def test_explorers_check_seed_and_width_before_computing(monkeypatch):
    import mlp_viz.widgets.dropout as dropout_module
    import mlp_viz.widgets.gradients as gradients_module

    def computed(*args, **kwargs):
        raise AssertionError("computed before the settings were checked")

    monkeypatch.setattr(dropout_module.datasets, "moons", computed)
    monkeypatch.setattr(gradients_module, "gradient_flow", computed)
    with pytest.raises(TypeError, match=r"^seed must be a whole number"):
        mv.dropout_explorer(seed=1.5)
    with pytest.raises(ValueError, match=r"^width must be between 1 and 512"):
        mv.gradient_flow_explorer(width=513)


def test_progress_bar_shows_what_train_reports():
    bar = mv.progress_bar(np.int64(3))
    bar.update(np.int64(2), np.float64(0.25), 0.5)
    assert bar.label.value == "2 of 3 epochs, training loss 0.2500, validation loss 0.5000"
    bar.update(3, nan)  # a loop of one's own may see the loss blow up: the bar says so
    assert bar.label.value == "3 of 3 epochs, training loss nan"


KEY = r"^key is the exercise's name, a string such as '01\.2'; got "
NETWORK_PLOT_AND_REST = [
    case("plot_network str", lambda: mv.plot_network("x"), TypeError,
         r"^plot_network needs an mlp_viz\.MLP as net; got str 'x'\. Build one with "
         r"mlp_viz\.MLP\(layer_sizes\)"),
    case("plot_network NaN weight", lambda: mv.plot_network(nan_weight_net()), ValueError,
         r"^net\.weights\[1\] contains NaN or infinity \(1 of 4 entries, the first in row 0, "
         r"column 2\)\. A diagram of them shows nothing: give the network finite weights "
         r"\(e\.g\. net\.set_flat_params\(\.\.\.\)\)\.$"),
    case("plot_network weights inf", lambda: mv.plot_network(NET, weights=[
        np.ones((4, 2)), np.full((1, 4), inf)]), ValueError,
         r"^weights\[1\] contains NaN or infinity \(4 of 4 entries, the first in row 0, column "
         r"0\)\. A diagram of them shows nothing: pass finite arrays\.$"),
    case("plot_network weights text", lambda: mv.plot_network(NET, weights=[
        np.full((4, 2), "a"), np.ones((1, 4))]), TypeError,
         r"^weights\[0\] must hold numbers; got an array of dtype <U1\."),
    case("check key None", lambda: mv.check(None, 1), TypeError, KEY + r"NoneType None\.$"),
    case("check key int", lambda: mv.check(3, 1), TypeError, KEY + r"int 3\.$"),
    case("solution key float", lambda: mv.solution(1.2), TypeError, KEY + r"float 1\.2\.$"),
    case("forward rng str", lambda: NET.forward(X, rng="x"), TypeError,
         r"^rng must be None, an int or a numpy\.random\.Generator; got str 'x'\.$"),
    case("forward_trace rng -1", lambda: NET.forward_trace(X, rng=-1), ValueError,
         r"^rng must be a whole number >= 0, None or a numpy\.random\.Generator; got -1\.$"),
    case("from_weights None", lambda: mv.MLP.from_weights(None, None), TypeError,
         r"^from_weights needs a list of weight matrices, one per layer, each of shape "
         r"\(n_out, n_in\); weights is NoneType None\.$"),
    case("from_weights biases None", lambda: mv.MLP.from_weights([[[1.0]]], None), TypeError,
         r"^from_weights needs a list of bias vectors, one per layer, each of shape \(n_out,\); "
         r"biases is NoneType None\.$"),
    case("from_weights str", lambda: mv.MLP.from_weights("ab", [[0.0]]), TypeError,
         r"^from_weights needs a list of weight matrices, .*; weights is str 'ab'\.$"),
]


def nan_weight_net():
    net = NET.copy()
    net.weights[1][0, 2] = nan
    return net


@pytest.mark.parametrize("call, error, match", NETWORK_PLOT_AND_REST)
def test_network_plot_exercises_and_network_reject_bad_input(call, error, match):
    raises(call, error, match)
