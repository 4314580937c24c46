"""Bad input to the network's own entry points: a clear error, never a quiet wrong answer."""

import numpy as np
import pytest

import mlp_viz as mv


@pytest.fixture
def net():
    return mv.MLP([2, 3, 1], seed=0)


@pytest.mark.parametrize("dtype, error, msg", [
    ("x", TypeError, r"dtype must be float64 or float32; got str 'x'\."),
    (int, ValueError, r"dtype must be float64 or float32; got int64\."),
    (np.float16, ValueError, r"dtype must be float64 or float32; got float16\."),
])
def test_dtype(dtype, error, msg):
    with pytest.raises(error, match=msg):
        mv.MLP([2, 3, 1], dtype=dtype)


def test_from_weights_needs_numbers():
    with pytest.raises(TypeError, match=r"weights\[0\] must hold numbers; got an array of dtype "
                                        r"<U32\. Convert it first"):
        mv.MLP.from_weights([[["a", 1.0]]], [[0.0]])
    with pytest.raises(TypeError, match=r"biases\[0\] must hold numbers; got an array of dtype "
                                        r"object"):
        mv.MLP.from_weights([[[0.5, 1.0]]], [[None]])


@pytest.mark.parametrize("training", ["yes", 1, None, np.array([True, False])])
def test_training_must_be_a_bool(net, training):
    with pytest.raises(TypeError, match=r"training must be True or False; got "):
        net.forward(np.zeros((2, 2)), training=training)
    with pytest.raises(TypeError, match=r"training must be True"):
        net.forward_trace(np.zeros((2, 2)), training=training)


def test_numpy_bools_are_bools(net):
    assert net.forward(np.zeros((2, 2)), training=np.bool_(False)).shape == (2, 1)


@pytest.mark.parametrize("theta, error, msg", [
    (np.full(13, np.nan), ValueError, r"theta contains NaN or infinity \(13 of 13 entries, the "
                                      r"first at index 0\)"),
    (["a"] * 13, TypeError, r"theta must hold numbers; got an array of dtype <U1"),
    (np.zeros((13, 1)), ValueError, r"theta must have shape \(13,\), one entry per parameter; "
                                    r"got \(13, 1\)"),
])
def test_set_flat_params(net, theta, error, msg):
    before = net.get_flat_params()
    with pytest.raises(error, match=msg):
        net.set_flat_params(theta)
    np.testing.assert_array_equal(net.get_flat_params(), before)  # nothing half-set


@pytest.mark.parametrize("layer, msg", [
    (5, r"layer must be between 0 and 2; got 5\. The trace holds layers 0 \(the input\) to 2 "
        r"\(the output\)\."),
    (-1, r"layer must be between 0 and 2; got -1\."),
    (1.5, r"layer must be a whole number; got float 1\.5\."),
])
def test_trace_dropped_layer(net, layer, msg):
    trace = net.forward_trace(np.zeros((2, 2)), training=True, dropout=0.5, rng=0)
    with pytest.raises((ValueError, TypeError), match=msg):
        trace.dropped(layer)
