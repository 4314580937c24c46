"""mv.clip_grad_norm: the clipping train does at every step (clip_norm=), for a list of arrays."""

import numpy as np
import pytest

import mlp_viz as mv


def test_a_long_gradient_is_scaled_to_max_norm_as_pytorch_does():
    grads = [np.array([[3.0, 0.0]]), np.array([4.0])]   # global norm 5
    clipped, factor = mv.clip_grad_norm(grads, 1.0)
    assert factor == 1.0 / (5.0 + 1e-6)                  # torch.nn.utils.clip_grad_norm_'s eps
    np.testing.assert_allclose(clipped[0], [[3.0 * factor, 0.0]], rtol=1e-15)
    np.testing.assert_allclose(clipped[1], [4.0 * factor], rtol=1e-15)
    assert [c.shape for c in clipped] == [(1, 2), (1,)]
    assert grads[0][0, 0] == 3.0 and grads[1][0] == 4.0  # the caller's arrays stay as they were


def test_a_short_gradient_is_left_alone():
    grads = [np.array([0.3, -0.4])]
    clipped, factor = mv.clip_grad_norm(grads, 1.0)
    assert factor == 1.0
    np.testing.assert_array_equal(clipped[0], grads[0])
    assert clipped[0] is not grads[0]


def test_it_is_the_clipping_train_records():
    X, y = mv.moons(40, seed=0)
    net = mv.MLP([2, 8, 1], "tanh", "sigmoid", init=mv.initializer("normal", std=3.0), seed=0)
    _, grads = net.loss_and_gradients(X, y, "binary_cross_entropy")
    history = mv.train(net.copy(), X, y, lr=0.1, epochs=1, loss="binary_cross_entropy",
                       clip_norm=0.5)
    _, factor = mv.clip_grad_norm([g for pair in grads for g in pair], 0.5)
    assert factor < 1.0
    assert history.clip_factors[0] == pytest.approx(factor, rel=1e-12)


def test_bad_arguments_say_what_to_pass():
    with pytest.raises(ValueError, match=r"^max_norm must be"):
        mv.clip_grad_norm([np.ones(2)], 0.0)
    with pytest.raises(TypeError, match=r"^grads must be a non-empty list of gradient arrays, "
                                        r"such as \[dW1, db1, dW2, db2\]; got "):
        mv.clip_grad_norm(np.ones(3), 1.0)
    with pytest.raises(TypeError, match=r"^grads must be a non-empty list"):
        mv.clip_grad_norm([], 1.0)
