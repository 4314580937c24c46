"""The data sets: seeded, shaped as documented, and what their names promise."""

import numpy as np
import pytest

import mlp_viz as mv

SETS = [mv.xor, mv.moons, mv.circles, mv.spirals]


@pytest.mark.parametrize("make", SETS)
def test_classification_sets_are_seeded_and_shaped(make):
    X, y = make(101, seed=3)
    assert X.shape == (101, 2) and y.shape == (101,)
    assert y.dtype.kind == "i" and set(np.unique(y)) == {0, 1}
    X2, y2 = make(101, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, make(101, seed=4)[0])
    assert abs(np.mean(y) - 0.5) < 0.1


def test_noise_free_sets_have_their_shapes():
    X, y = mv.xor(400, noise=0.0, seed=0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))
    X, y = mv.circles(200, noise=0.0, factor=0.3, seed=0)
    np.testing.assert_allclose(np.hypot(*X.T), np.where(y == 1, 0.3, 1.0))
    X, y = mv.moons(200, noise=0.0, seed=0)
    np.testing.assert_allclose(np.hypot(X[y == 0, 0], X[y == 0, 1]), 1.0)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1.0)


def test_spirals_with_more_classes():
    _, y = mv.spirals(90, n_classes=3, seed=0)
    np.testing.assert_array_equal(np.bincount(y), [30, 30, 30])


def test_regression_1d():
    X, y = mv.regression_1d(50, noise=0.0, seed=0)
    assert X.shape == (50, 1) and y.shape == (50,)
    assert np.all(np.diff(X[:, 0]) >= 0)
    np.testing.assert_allclose(y, np.sin(2 * X[:, 0]) + 0.3 * X[:, 0])


def test_split_data():
    X, y = np.arange(20).reshape(10, 2), np.arange(10)
    Xtr, Xte, ytr, yte = mv.split_data(X, y, 0.3, seed=0)
    assert len(Xte) == 3 and len(Xtr) == 7
    np.testing.assert_array_equal(Xtr[:, 0] // 2, ytr)
    assert sorted(np.concatenate([ytr, yte])) == list(range(10))
    with pytest.raises(ValueError, match=r"X has 10 samples but y has 9"):
        mv.split_data(X, y[:9])


def test_bad_data_set_arguments():
    with pytest.raises(ValueError, match=r"n_samples must be >= 2; got 1\."):
        mv.moons(1)
    with pytest.raises(ValueError, match=r"noise must be finite and >= 0; got -0\.1\."):
        mv.xor(10, noise=-0.1)
