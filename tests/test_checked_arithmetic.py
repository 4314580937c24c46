"""The arithmetic a notebook may call directly checks its arrays; training's own copy does not.

``dense_forward``, ``dense_backward`` and a loss's ``value`` and ``gradient``
are public, so a learner calling them gets a clear error for arrays that
would broadcast into a quietly wrong answer or carry NaN. The network and
training call unchecked private versions of the same arithmetic once per
mini-batch (same numbers; see tests/test_training.py).
"""

import numpy as np
import pytest

import mlp_viz as mv

A, W, B = np.ones((4, 2)), np.ones((3, 2)), np.zeros(3)
MSE, BCE = mv.get_loss("mse"), mv.get_loss("binary_cross_entropy", "sigmoid")
nan = float("nan")


@pytest.mark.parametrize("call, error, match", [
    (lambda: mv.dense_forward(A, W, np.zeros(1)), ValueError,
     r"^b has shape \(1,\), but W has 3 rows \(neurons\), so b must have shape \(3,\)\.$"),
    (lambda: mv.dense_forward(np.array([[nan, 1.0]]), W, B), ValueError,
     r"^A_prev contains NaN or infinity \(1 of 2 entries, the first in row 0, column 0\)"),
    (lambda: mv.dense_forward(A, np.full((3, 2), np.inf), B), ValueError,
     r"^W contains NaN or infinity"),
    (lambda: mv.dense_forward(A, W, B, out=np.zeros((4, 3), np.float32)), ValueError,
     r"^out has dtype float32, but Z is float64: give out=np\.empty\(\(4, 3\), float64\)\.$"),
    (lambda: mv.dense_backward(np.ones((4, 3)), np.ones((4, 5)), W), ValueError,
     r"^A_prev has 5 columns \(inputs per sample\), but W has shape \(3, 2\), so the layer "
     r"reads 2 inputs: give A_prev of shape \(n_samples, 2\)\.$"),
    (lambda: mv.dense_backward(np.full((4, 3), nan), A, W), ValueError,
     r"^dZ contains NaN or infinity"),
    (lambda: MSE.value(np.zeros((4, 1)), np.zeros((4, 1)), np.zeros(4)), ValueError,
     r"^y has shape \(4,\), but the outputs have shape \(4, 1\): give y the outputs' shape, "
     r"e\.g\. y\.reshape\(-1, 1\)\.$"),
    (lambda: MSE.value(np.zeros((4, 1)), np.zeros((4, 2)), np.zeros((4, 1))), ValueError,
     r"^a has shape \(4, 2\), but z has shape \(4, 1\): both are the output layer's values for "
     r"the same batch\.$"),
    (lambda: BCE.value(np.array([[nan]]), None, np.zeros((1, 1))), ValueError,
     r"^z contains NaN or infinity"),
    (lambda: MSE.gradient(np.zeros((4, 1)), np.zeros(4)), ValueError,
     r"^y has shape \(4,\), but the outputs have shape \(4, 1\)"),
    (lambda: MSE.value(np.zeros((4, 1)), None, np.zeros((4, 1))), TypeError,
     r"^Loss\.value takes NumPy arrays \(z, a, y\), as the network computes them; a is "
     r"NoneType None"),
])
def test_public_arithmetic_refuses_arrays_that_do_not_fit(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_fused_losses_still_take_no_activations():
    z, y = np.array([[0.3], [-1.2]]), np.array([[1.0], [0.0]])
    assert BCE.value(z, None, y) == BCE.value(z, 1 / (1 + np.exp(-z)), y)


def test_one_sample_through_dense_forward():
    np.testing.assert_array_equal(mv.dense_forward(np.ones(2), W, B), W @ np.ones(2) + B)
