"""Saving and loading networks as .npz, and the errors for bad files."""

import re

import numpy as np
import pytest

import mlp_viz as mv


def test_round_trip_keeps_everything(tmp_path):
    net = mv.MLP([3, 5, 4, 2], ["tanh", "leaky_relu"], "softmax", seed=0)
    path = net.save(tmp_path / "net")
    assert path.name == "net.npz"
    back = mv.MLP.load(path)
    assert back.layer_sizes == net.layer_sizes
    assert back.activations == net.activations
    np.testing.assert_array_equal(back.get_flat_params(), net.get_flat_params())
    X = np.random.default_rng(0).normal(size=(4, 3))
    np.testing.assert_array_equal(back.forward(X), net.forward(X))
    assert mv.load(path).activations == ("tanh", "leaky_relu", "softmax")


def test_float32_round_trip(tmp_path):
    net = mv.MLP([2, 3, 1], seed=0, dtype=np.float32)
    back = mv.load(mv.save(net, tmp_path / "small.npz"))
    assert back.dtype == np.float32


def test_file_holds_no_pickle(tmp_path):
    path = mv.MLP([2, 2, 1], seed=0).save(tmp_path / "n.npz")
    with np.load(path, allow_pickle=False) as data:
        assert set(data.files) == {"format", "activations", "W1", "b1", "W2", "b2"}


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.npz"
    with pytest.raises(FileNotFoundError, match=re.escape(
            f"no network file at '{missing}'; check the path, or save a network there first "
            "with net.save(path).")):
        mv.load(missing)


def test_corrupt_file(tmp_path):
    path = mv.MLP([2, 2, 1], seed=0).save(tmp_path / "n.npz")
    path.write_bytes(path.read_bytes()[:100])  # truncated
    with pytest.raises(ValueError, match=r"could not be read as a \.npz file \(.*\); it is "
                                         r"corrupt or of another kind\. Save the network again"):
        mv.load(path)
    text = tmp_path / "notes.npz"
    text.write_text("just some text")
    with pytest.raises(ValueError, match=r"could not be read as a \.npz file"):
        mv.load(text)


def test_npz_that_is_not_a_network(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, a=np.arange(3))
    with pytest.raises(ValueError, match=r"is not an mlp_viz network file \(expected format "
                                         r"'mlp_viz\.MLP/1', found no 'format' entry\)\. Save "
                                         r"networks with net\.save\(path\)"):
        mv.load(path)


def test_incomplete_network_file(tmp_path):
    path = mv.MLP([2, 2, 1], seed=0).save(tmp_path / "n.npz")
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files if k != "b2"}
    np.savez(path, **arrays)
    with pytest.raises(ValueError, match=r"is an incomplete mlp_viz network file: it lacks b2\."):
        mv.load(path)


def test_inconsistent_shapes_in_a_file(tmp_path):
    path = mv.MLP([2, 2, 1], seed=0).save(tmp_path / "n.npz")
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["W2"] = np.zeros((1, 3))
    np.savez(path, **arrays)
    with pytest.raises(ValueError, match=r"holds an inconsistent network: weights\[1\] has 3 "
                                         r"columns"):
        mv.load(path)
