"""Tools for a real data set: digits, standardising, progress, confusion matrix, images."""

import subprocess
import sys

import numpy as np
import pytest

import mlp_viz as mv


def test_digits_are_the_bundled_set():
    X, y = mv.digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.min() == 0 and X.max() == 16
    assert set(np.unique(y)) == set(range(10))


def test_digits_are_scikit_learns_own_arrays_read_without_importing_it():
    # Importing sklearn.datasets takes more than a second here; mv.digits reads the
    # file scikit-learn ships instead, so notebook 09's first cells stay quick.
    code = ("import sys, mlp_viz as mv; X, y = mv.digits(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
    from sklearn.datasets import load_digits

    X, y = mv.digits()
    reference = load_digits()
    np.testing.assert_array_equal(X, reference.data)
    np.testing.assert_array_equal(y, reference.target)
    assert X.dtype == np.float64 and y.dtype == np.int64


def test_digits_fall_back_to_load_digits_when_the_file_is_not_where_expected(monkeypatch):
    from mlp_viz import bundled

    monkeypatch.setattr(bundled, "_bundled_digits_file", lambda: None)
    X, y = mv.digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64 and y.dtype == np.int64
    assert (X[0, :8] == [0, 0, 5, 13, 9, 1, 0, 0]).all() and y[:10].tolist() == list(range(10))


def test_standardize_uses_training_statistics_only():
    rng = np.random.default_rng(0)
    train, test = rng.normal(5, 3, (200, 4)), rng.normal(0, 1, (50, 4))
    train[:, 2] = 7.0  # a constant feature
    s_train, s_test = mv.standardize(train, test)
    np.testing.assert_allclose(s_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(s_train.std(axis=0)[[0, 1, 3]], 1)
    np.testing.assert_array_equal(s_train[:, 2], 0)
    mean, std = train.mean(0), np.where(train.std(0) > 0, train.std(0), 1)
    np.testing.assert_allclose(s_test, (test - mean) / std)
    with pytest.raises(ValueError, match=r"every set must have 4 features like X_train"):
        mv.standardize(train, test[:, :3])


def test_a_constant_feature_whose_std_rounds_to_1e_17_is_only_centred():
    # 0.1 three times: the mean is not exactly 0.1, so std() is 1.4e-17, not 0; dividing
    # by it made the training column -1 and a new 0.3 about 1.4e16.
    train = np.column_stack([np.full(3, 0.1), [1.0, 2.0, 3.0]])
    assert 0 < train.std(axis=0)[0] < 1e-16
    s_train, s_other = mv.standardize(train, np.array([[0.3, 2.0]]))
    np.testing.assert_allclose(s_train[:, 0], 0, atol=1e-15)
    np.testing.assert_allclose(s_other, [[0.3 - train[:, 0].mean(), 0.0]], atol=1e-15)


def test_callback_sees_every_epoch_and_drives_the_progress_bar():
    X, y = mv.moons(60, seed=0)
    seen = []
    h = mv.train(mv.MLP([2, 4, 1], seed=0), X, y, lr=0.1, epochs=5, batch_size=20,
                 X_val=X[:10], y_val=y[:10], callback=lambda *a: seen.append(a))
    assert [s[0] for s in seen] == [1, 2, 3, 4, 5]
    np.testing.assert_allclose([s[1] for s in seen], h.loss[1:])
    np.testing.assert_allclose([s[2] for s in seen], h.val_loss[1:])
    bar = mv.progress_bar(5)
    assert bar._repr_mimebundle_()["text/plain"] == "training: 0 of 5 epochs"
    mv.train(mv.MLP([2, 4, 1], seed=0), X, y, lr=0.1, epochs=5, callback=bar.update)
    assert bar.bar.value == 5 and bar.label.value.startswith("5 of 5 epochs, training loss ")


def test_confusion_matrix_counts():
    cm = mv.confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2])
    np.testing.assert_array_equal(cm, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert mv.confusion_matrix([1], [1], n_classes=4).shape == (4, 4)
    ax = mv.plot_confusion_matrix(cm)
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["1", "1", "1", "1", "2"]
    assert ax.get_title() == "Confusion matrix: 4 of 6 right (66.7%)"


def test_plot_images_draws_one_axes_per_image():
    X, y = mv.digits()
    axes = mv.plot_images(X[:5], [str(v) for v in y[:5]], highlight=[False, True, False,
                                                                       False, False])
    assert len(axes) == 5
    np.testing.assert_array_equal(axes[0].images[0].get_array(), X[0].reshape(8, 8))
    assert axes[1].get_title() == str(y[1])
    with pytest.raises(ValueError, match="there are no images to draw"):
        mv.plot_images(np.zeros((0, 64)))
