"""The notes' worked example (section 3), checked against a hand derivation.

Everything expected here is written out by hand with plain NumPy, one
formula per line, in the column-vector form the notes use; mlp_viz computes
the same things with batches and its own code. The notes print several
different numbers: each is named in a comment beside the correct value.
"""

import numpy as np
import pytest

import mlp_viz as mv

# The notes' input, target, learning rate, weights and biases.
A0 = np.array([1200.0, 3.0, 10.0])
Y = 1.0
LR = 0.1
W1 = np.array([[0.01, -0.02, 0.03], [0.04, 0.05, -0.06]])
B1 = np.array([0.001, -0.001])
W2 = np.array([[0.1, -0.1], [0.1, 0.1]])
B2 = np.array([0.01, 0.01])
W3 = np.array([[0.1, 0.1]])
B3 = np.array([0.01])


def relu(z):
    return np.where(z > 0, z, 0.0)


def relu_prime(z):
    return np.where(z > 0, 1.0, 0.0)


def hand_derivation():
    """Forward, loss, backward and one update, written out layer by layer."""
    v = {}
    v["z1"] = W1 @ A0 + B1                  # [12.241, 47.549]
    v["a1"] = relu(v["z1"])
    v["z2"] = W2 @ v["a1"] + B2             # [-3.5208, 5.989]; notes: [-3.5308, 5.979]
    v["a2"] = relu(v["z2"])                 # [0, 5.989]; notes: [0, 5.979]
    v["z3"] = W3 @ v["a2"] + B3             # [0.6089]; notes: 0.6079
    v["a3"] = relu(v["z3"])
    v["loss"] = 0.5 * np.sum((v["a3"] - Y) ** 2)  # 0.076480; notes: 0.0762

    # Backward with the true ReLU derivative at every layer, the output included
    # (z3 > 0, so there it is 1 and the notes' a3 = z3 shortcut happens to hold).
    dz3 = (v["a3"] - Y) * relu_prime(v["z3"])     # [-0.3911]; notes: -0.3921
    v["dW3"] = np.outer(dz3, v["a2"])             # [[0, -2.34230]]; notes: [0, -2.3443]
    v["db3"] = dz3
    da2 = W3.T @ dz3                              # [-0.03911, -0.03911]; notes: -0.03921
    # The notes skip this factor: relu'(z2) = [0, 1] because z2[0] < 0, so the
    # first neuron of layer 2 passes no gradient back.
    dz2 = da2 * relu_prime(v["z2"])               # [0, -0.03911]
    v["dW2"] = np.outer(dz2, v["a1"])             # [[0, 0], [-0.47875, -1.85964]]
    v["db2"] = dz2                                # notes: [[-0.4799, -1.8643], [same row]]
    da1 = W2.T @ dz2                              # [-0.003911, -0.003911]; notes: [-0.0078, 0]
    dz1 = da1 * relu_prime(v["z1"])
    v["dW1"] = np.outer(dz1, A0)                  # rows [-4.6932, -0.011733, -0.03911]
    v["db1"] = dz1                                # notes: [[-9.36, -0.0234, -0.078], [0, 0, 0]]

    v["W1_new"] = W1 - LR * v["dW1"]    # [[0.47932, -0.018827, 0.033911], [0.50932, ...]]
    v["b1_new"] = B1 - LR * v["db1"]    # notes: W1 row 1 [0.946, -0.01766, 0.0378], row 2 unchanged
    v["W2_new"] = W2 - LR * v["dW2"]    # [[0.1, -0.1], [0.147875, 0.285964]]
    v["b2_new"] = B2 - LR * v["db2"]    # notes: [[0.1479, 0.0864], [0.1479, 0.2864]], b [0.01392]*2
    v["W3_new"] = W3 - LR * v["dW3"]    # [[0.1, 0.334230]]; notes: [0.1, 0.3344]
    v["b3_new"] = B3 - LR * v["db3"]    # [0.04911]; notes: 0.04921
    return v


@pytest.fixture(scope="module")
def expected():
    return hand_derivation()


def test_example_data_are_the_notes():
    ex = mv.house_price_example()
    np.testing.assert_array_equal(ex.x, A0)
    np.testing.assert_array_equal(ex.y, [Y])
    for got, want in zip(ex.weights, (W1, W2, W3)):
        np.testing.assert_array_equal(got, want)
    for got, want in zip(ex.biases, (B1, B2, B3)):
        np.testing.assert_array_equal(got, want)
    assert ex.learning_rate == LR
    assert ex.activation == ex.output_activation == "relu"


def test_forward_pass_every_layer(expected):
    trace = mv.house_price_example().network().forward_trace(A0)
    np.testing.assert_array_equal(trace.a[0], A0)
    assert trace.z[0] is None
    for l in (1, 2, 3):
        np.testing.assert_allclose(trace.z[l], expected[f"z{l}"], rtol=1e-13)
        np.testing.assert_allclose(trace.a[l], expected[f"a{l}"], rtol=1e-13)


def test_rounded_values_the_course_prints(expected):
    # Independent of the code above: these are the values worked out on paper.
    np.testing.assert_allclose(expected["z1"], [12.241, 47.549], atol=1e-12)
    np.testing.assert_allclose(expected["z2"], [-3.5208, 5.989], atol=1e-12)
    np.testing.assert_allclose(expected["z3"], [0.6089], atol=1e-12)
    assert expected["loss"] == pytest.approx(0.5 * 0.3911**2, rel=1e-12)
    np.testing.assert_allclose(expected["dW3"], [[0.0, -0.3911 * 5.989]], atol=1e-12)
    np.testing.assert_allclose(expected["dW1"][0], [-0.003911 * 1200, -0.003911 * 3, -0.03911],
                               atol=1e-12)


def test_loss_and_gradients(expected):
    net = mv.house_price_example().network()
    loss, grads = net.loss_and_gradients(A0, [Y])
    assert loss == pytest.approx(expected["loss"], rel=1e-13)
    assert len(grads) == 3
    for l, (dW, db) in enumerate(grads, 1):
        assert dW.shape == net.weights[l - 1].shape
        assert db.shape == net.biases[l - 1].shape
        np.testing.assert_allclose(dW, expected[f"dW{l}"], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(db, expected[f"db{l}"], rtol=1e-12, atol=1e-15)


def test_dead_neuron_passes_no_gradient(expected):
    # The notes' simplification would give the first row of dW2 non-zero values.
    _, grads = mv.house_price_example().network().loss_and_gradients(A0, [Y])
    np.testing.assert_array_equal(grads[1][0][0], [0.0, 0.0])
    assert grads[1][1][0] == 0.0


def test_one_training_step_updates_every_parameter(expected):
    ex = mv.house_price_example()
    net = ex.network()
    history = mv.train(net, ex.x.reshape(1, -1), ex.y, lr=ex.learning_rate, epochs=1)
    assert history.n_iterations == 1
    assert history.iteration_loss[0] == pytest.approx(expected["loss"], rel=1e-13)
    for l in (1, 2, 3):
        np.testing.assert_allclose(net.weights[l - 1], expected[f"W{l}_new"], rtol=1e-12)
        np.testing.assert_allclose(net.biases[l - 1], expected[f"b{l}_new"], rtol=1e-12)


def test_gradient_check_on_the_example():
    ex = mv.house_price_example()
    assert mv.gradient_check(ex.network(), ex.x, ex.y) < 1e-7
