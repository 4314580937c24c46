"""Bad input: each error says what was expected, what came, and how to fix it."""

import re

import numpy as np
import pytest

import mlp_viz as mv


@pytest.fixture
def net():
    return mv.MLP([3, 4, 1], seed=0)


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    return rng.normal(size=(10, 3)), rng.normal(size=10)


def test_wrong_feature_count(net):
    with pytest.raises(ValueError, match=re.escape(
            "X has 4 features, but this MLP expects 3 (the size of its input layer).")):
        net.forward(np.zeros((2, 4)))


def test_three_dimensional_input(net):
    with pytest.raises(ValueError, match=r"X must be 1-D \(one sample\) or 2-D \(n_samples, "
                                         r"n_features\); got a 3-D array of shape \(2, 3, 1\)\. "
                                         r"Flatten each sample first"):
        net.forward(np.zeros((2, 3, 1)))


def test_y_length_differs_from_x(net, data):
    X, _ = data
    with pytest.raises(ValueError, match=r"y has 9 rows, but X has 10 samples; give one target "
                                         r"per sample\."):
        net.loss_and_gradients(X, np.zeros(9))
    with pytest.raises(ValueError, match=r"y has 9 rows, but X has 10 samples"):
        mv.train(net, X, np.zeros(9), lr=0.1, epochs=1)


def test_y_with_the_wrong_number_of_outputs(data):
    X, _ = data
    net = mv.MLP([3, 4, 2], seed=0)
    with pytest.raises(ValueError, match=r"y has 3 columns, but this MLP has 2 output\(s\); "
                                         r"give y of shape \(10, 2\)\."):
        net.loss_and_gradients(X, np.zeros((10, 3)))


@pytest.mark.parametrize("where", ["X", "y"])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_in_data(net, data, where, bad):
    X, y = data[0].copy(), data[1].copy()
    if where == "X":
        X[3, 1] = bad
        msg = r"X contains NaN or infinity \(1 of 30 entries, the first in row 3, column 1\)\. "
    else:
        y[3] = bad
        msg = r"y contains NaN or infinity \(1 of 10 entries, the first at index 3\)\. "
    msg += r"Remove or impute those values before using the network\."
    with pytest.raises(ValueError, match=msg):
        net.loss_and_gradients(X, y)
    with pytest.raises(ValueError, match=msg):
        mv.train(net, X, y, lr=0.1, epochs=1)


def test_unknown_activation_lists_the_valid_names():
    with pytest.raises(ValueError, match=r"unknown activation 'relu6'; valid names are: "
                                         r"identity, relu, leaky_relu, sigmoid, tanh, softmax\."):
        mv.MLP([2, 3, 1], activation="relu6")
    with pytest.raises(ValueError, match=r"unknown activation 'soft'"):
        mv.MLP([2, 3, 1], output_activation="soft")


def test_softmax_is_only_for_the_output_layer():
    with pytest.raises(ValueError, match=r"softmax can only be the output activation"):
        mv.MLP([2, 3, 1], activation="softmax")


def test_activation_list_must_match_hidden_layers():
    with pytest.raises(ValueError, match=r"this MLP has 2 hidden layer\(s\), but 1 names came"):
        mv.MLP([2, 3, 3, 1], activation=["relu"])


def test_unknown_loss_lists_the_valid_names(net, data):
    with pytest.raises(ValueError, match=r"unknown loss 'mae'; valid names are: mse, "
                                         r"binary_cross_entropy, cross_entropy\."):
        net.loss_and_gradients(*data, loss="mae")


def test_loss_needs_its_output_activation(net, data):
    with pytest.raises(ValueError, match=r"loss 'cross_entropy' needs output_activation="
                                         r"'softmax', but this MLP's output activation is "
                                         r"'identity'\. Build the MLP with"):
        net.loss_and_gradients(*data, loss="cross_entropy")


def test_unknown_initialiser_lists_the_valid_names():
    with pytest.raises(ValueError, match=r"unknown init 'lecun'; valid names are: zeros, "
                                         r"constant, normal, xavier, glorot, he\."):
        mv.MLP([2, 3, 1], init="lecun")
    with pytest.raises(ValueError, match=r"std must be finite and > 0; got -1\.0\. It is the "):
        mv.initializer("normal", std=-1)


@pytest.mark.parametrize("lr", [0, -0.1, np.nan, np.inf])
def test_learning_rate_must_be_positive_and_finite(net, data, lr):
    with pytest.raises(ValueError, match=rf"learning rate must be finite and > 0; got "
                                         rf"{re.escape(repr(float(lr)))}\. It is the step size"):
        mv.train(net, *data, lr=lr, epochs=1)


@pytest.mark.parametrize("epochs", [0, -3])
def test_epochs_at_least_one(net, data, epochs):
    with pytest.raises(ValueError, match=rf"epochs must be >= 1; got {epochs}\."):
        mv.train(net, *data, lr=0.1, epochs=epochs)


def test_epochs_must_be_whole(net, data):
    with pytest.raises(TypeError, match=r"epochs must be a whole number; got float 2\.5\."):
        mv.train(net, *data, lr=0.1, epochs=2.5)


@pytest.mark.parametrize("batch_size", [0, 11])
def test_batch_size_between_one_and_n(net, data, batch_size):
    with pytest.raises(ValueError, match=rf"batch_size must be between 1 and 10; got "
                                         rf"{batch_size}\. The training set has 10 samples; use "
                                         r"batch_size=None for the full batch\."):
        mv.train(net, *data, lr=0.1, epochs=1, batch_size=batch_size)


@pytest.mark.parametrize("rate", [-0.1, 1.0, 1.5])
def test_dropout_rate_in_zero_one(net, data, rate):
    msg = rf"dropout rate must be finite and >= 0 and < 1; got {re.escape(repr(rate))}\. It is "
    with pytest.raises(ValueError, match=msg):
        mv.train(net, *data, lr=0.1, epochs=1, dropout=rate)
    with pytest.raises(ValueError, match=msg):
        net.forward(data[0], training=True, dropout=rate)
    with pytest.raises(ValueError, match=msg):
        mv.dropout(np.ones(3), rate)


def test_mismatched_shapes_in_from_weights():
    W1, b1 = np.zeros((2, 3)), np.zeros(2)
    with pytest.raises(ValueError, match=r"weights\[1\] has 3 columns, but weights\[0\] has 2 "
                                         r"rows: each layer must read as many inputs"):
        mv.MLP.from_weights([W1, np.zeros((1, 3))], [b1, np.zeros(1)])
    with pytest.raises(ValueError, match=r"biases\[0\] has shape \(3,\), but weights\[0\] has 2 "
                                         r"rows \(neurons\), so the bias must have shape \(2,\)"):
        mv.MLP.from_weights([W1], [np.zeros(3)])
    with pytest.raises(ValueError, match=r"weights\[0\] has shape \(2,\), but a weight matrix "
                                         r"must be 2-D \(n_out, n_in\); for a single neuron "
                                         r"write it as one row, e\.g\. \[\[0\.1, 0\.1\]\]\."):
        mv.MLP.from_weights([[0.1, 0.1]], [[0.01]])
    with pytest.raises(ValueError, match=r"one bias vector per weight matrix .* got 2 weight "
                                         r"matrices and 1 bias vectors"):
        mv.MLP.from_weights([W1, np.zeros((1, 2))], [b1])


def test_backward_without_a_recorded_forward_pass():
    # (the network keeps no forward pass: tests/test_records.py has the details)
    net = mv.MLP([2, 2, 1], seed=0)
    with pytest.raises(TypeError, match=r"backward\(trace, y\) differentiates the forward pass "
                                        r"recorded in `trace`; got ndarray instead of a Trace"):
        net.backward(np.zeros(1))


@pytest.mark.parametrize("sizes, msg", [
    ([3], r"layer_sizes needs at least an input and an output size, e\.g\. \[3, 1\]; got \[3\]"),
    ([3, 0, 1], r"every layer size must be a whole number >= 1; got 0 in \[3, 0, 1\]"),
    ([3, 2.5, 1], r"every layer size must be a whole number >= 1; got 2\.5"),
])
def test_bad_layer_sizes(sizes, msg):
    with pytest.raises(ValueError, match=msg):
        mv.MLP(sizes)


def test_class_labels_out_of_range():
    net = mv.MLP([2, 3], output_activation="softmax", seed=0)
    with pytest.raises(ValueError, match=r"class labels must lie in 0\.\.2 \(this MLP has 3 "
                                         r"outputs\); got labels from 0 to 3\."):
        net.loss_and_gradients(np.zeros((2, 2)), [0, 3], "cross_entropy")


def test_binary_cross_entropy_needs_targets_in_zero_one():
    net = mv.MLP([2, 1], output_activation="sigmoid", seed=0)
    with pytest.raises(ValueError, match=r"binary_cross_entropy needs targets between 0 and 1"):
        net.loss_and_gradients(np.zeros((2, 2)), [0, 2], "binary_cross_entropy")


def test_non_numeric_input(net):
    with pytest.raises(TypeError, match=r"X must hold numbers; got an array of dtype <U1"):
        net.forward([["a", "b", "c"]])


def test_validation_set_needs_both_parts(net, data):
    with pytest.raises(ValueError, match=r"give both X_val and y_val"):
        mv.train(net, *data, lr=0.1, epochs=1, X_val=data[0])
