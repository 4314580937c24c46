"""Back-propagation differentiates the forward pass it is given, never "the last one".

A network that kept its last forward pass let ``net.forward(X1);
net.loss(X2, y2); net.backward(y1)`` return the gradients of X2 without a
word. Now a forward pass that back-propagation needs is a record the caller
holds (``trace = net.forward_trace(X)``) and hands back
(``net.backward(trace, y)``); evaluating the network keeps nothing.
"""

import numpy as np
import pytest

import mlp_viz as mv


@pytest.fixture
def setting():
    rng = np.random.default_rng(0)
    net = mv.MLP([3, 5, 4, 2], "tanh", seed=0)
    X1, X2 = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    y1, y2 = rng.normal(size=(6, 2)), rng.normal(size=(6, 2))
    return net, X1, y1, X2, y2


def flat(grads):
    return np.concatenate([p.ravel() for pair in grads for p in pair])


def test_evaluating_the_network_keeps_nothing(setting):
    net, X1, y1, X2, y2 = setting
    before = {name: id(value) for name, value in vars(net).items()}
    net.forward(X1)
    net.loss(X2, y2)
    net.loss_and_gradients(X1, y1)
    net.predict_classes(X2)
    mv.accuracy(net, X2, (y2[:, 0] > 0).astype(int))
    net.forward_trace(X2, training=True, dropout=0.5, rng=1)
    assert {name: id(value) for name, value in vars(net).items()} == before


@pytest.mark.parametrize("between", [
    lambda net, X2, y2: net.forward(X2),
    lambda net, X2, y2: net.loss(X2, y2),
    lambda net, X2, y2: net.loss_and_gradients(X2, y2),
    lambda net, X2, y2: net.predict_classes(X2),
    lambda net, X2, y2: net.forward_trace(X2),
])
def test_backward_differentiates_the_trace_it_is_given(setting, between):
    net, X1, y1, X2, y2 = setting
    trace = net.forward_trace(X1)
    between(net, X2, y2)  # another batch in between changes nothing
    value, grads = net.backward(trace, y1)
    expected_value, expected = net.loss_and_gradients(X1, y1)
    assert value == expected_value
    np.testing.assert_array_equal(flat(grads), flat(expected))


def test_backward_without_a_trace_says_what_to_call(setting):
    net, X1, y1, _, _ = setting
    net.forward(X1)
    with pytest.raises(TypeError, match=(
            r"backward\(trace, y\) differentiates the forward pass recorded in `trace`; got "
            r"ndarray instead of a Trace\. Record the pass with trace = net\.forward_trace\(X\), "
            r"then call net\.backward\(trace, y\), or get both at once with "
            r"net\.loss_and_gradients\(X, y\)\.")):
        net.backward(y1)


def test_backward_refuses_a_trace_of_another_network(setting):
    net, X1, y1, _, _ = setting
    trace = net.copy().forward_trace(X1)
    with pytest.raises(ValueError, match=(
            r"this trace was recorded by another network \(MLP\(\[3, 5, 4, 2\], "
            r"activation='tanh', output_activation='identity'\)\), so its values say nothing "
            r"about this one's gradients\. Record the pass on this network: "
            r"trace = net\.forward_trace\(X\)\.")):
        net.backward(trace, y1)
    hand_made = mv.Trace(trace.z, trace.a, trace.keep)
    with pytest.raises(ValueError, match=r"this trace was not recorded by net\.forward_trace"):
        net.backward(hand_made, y1)


def test_backward_checks_the_targets_against_the_trace(setting):
    net, X1, _, _, _ = setting
    trace = net.forward_trace(X1)
    with pytest.raises(ValueError, match=r"y has 5 rows, but X has 6 samples"):
        net.backward(trace, np.zeros((5, 2)))


def test_one_sample_trace(setting):
    net, X1, y1, _, _ = setting
    value, grads = net.backward(net.forward_trace(X1[0]), y1[0])
    expected_value, expected = net.loss_and_gradients(X1[0], y1[0])
    assert value == expected_value
    np.testing.assert_array_equal(flat(grads), flat(expected))


def test_a_training_trace_carries_its_dropout_masks(setting):
    net, X1, y1, X2, _ = setting
    trace = net.forward_trace(X1, training=True, dropout=0.5, rng=3)
    net.forward_trace(X2, training=True, dropout=0.5, rng=4)  # other masks in between
    value, grads = net.backward(trace, y1)
    again = net.forward_trace(X1, training=True, dropout=0.5, rng=3)  # the same masks
    assert [None if k is None else k.tolist() for k in again.keep] == \
           [None if k is None else k.tolist() for k in trace.keep]
    expected_value, expected = net.backward(again, y1)
    assert value == expected_value
    np.testing.assert_array_equal(flat(grads), flat(expected))
    # and they differ from the gradients without dropout
    assert not np.allclose(flat(grads), flat(net.loss_and_gradients(X1, y1)[1]))
