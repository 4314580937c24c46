"""Small data sets made with NumPy from a seed: nothing is downloaded.

The classification sets return ``X`` of shape ``(n_samples, 2)`` and
integer labels ``y`` of shape ``(n_samples,)``; ``noise`` is the standard
deviation of Gaussian noise added to every coordinate. The same seed always
gives the same data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import as_float_array, as_generator, check_int, check_number, describe

__all__ = [
    "WorkedExample",
    "circles",
    "house_price_example",
    "moons",
    "regression_1d",
    "spirals",
    "split_data",
    "standardize",
    "two_valleys",
    "xor",
]


@dataclass(frozen=True)
class WorkedExample:
    """The course notes' house-price network: 3 inputs, 2 hidden layers of 2, 1 output.

    Attributes
    ----------
    x : ndarray, shape (3,)
        One house: size, number of bedrooms, age in years.
    y : ndarray, shape (1,)
        The target price (in the notes' made-up unit).
    weights : tuple of ndarray
        ``W^[1]`` (2, 3), ``W^[2]`` (2, 2), ``W^[3]`` (1, 2).
    biases : tuple of ndarray
        ``b^[1]`` (2,), ``b^[2]`` (2,), ``b^[3]`` (1,).
    activation, output_activation : str
        ReLU on every layer, the output included (a price is not negative).
    learning_rate : float
        The step size the notes use for their one update.
    feature_names : tuple of str
    """

    x: np.ndarray
    y: np.ndarray
    weights: tuple
    biases: tuple
    activation: str = "relu"
    output_activation: str = "relu"
    learning_rate: float = 0.1
    feature_names: tuple = ("size (sq ft)", "bedrooms", "age (years)")

    def network(self):
        """A fresh ``MLP`` holding the example's weights and biases."""
        from .network import MLP

        return MLP.from_weights(self.weights, self.biases, self.activation,
                                self.output_activation)


def house_price_example():
    """The worked example of the course notes (section 3).

    Returns
    -------
    WorkedExample
        Input ``[1200, 3, 10]``, target 1, learning rate 0.1, and the notes'
        initial weights and biases.
    """
    return WorkedExample(
        x=np.array([1200.0, 3.0, 10.0]),
        y=np.array([1.0]),
        weights=(
            np.array([[0.01, -0.02, 0.03], [0.04, 0.05, -0.06]]),
            np.array([[0.1, -0.1], [0.1, 0.1]]),
            np.array([[0.1, 0.1]]),
        ),
        biases=(np.array([0.001, -0.001]), np.array([0.01, 0.01]), np.array([0.01])),
    )


@dataclass(frozen=True)
class ValleyExample:
    """A network whose loss, over two of its weights, has two valleys.

    Attributes
    ----------
    net : MLP
        A 1-2-1 tanh network at its best weights (the ones that made `y`).
    X : ndarray, shape (60, 1)
    y : ndarray, shape (60,)
    params : tuple
        The two weights to vary, ``W^[1][0, 0]`` and ``W^[1][1, 0]``: the
        input weights of the two hidden neurons.
    ranges : tuple
        A window that holds both valleys.
    local_start, global_start : tuple of float
        Starting points from which gradient descent ends in the poorer and
        in the better valley.
    """

    net: object
    X: np.ndarray
    y: np.ndarray
    params: tuple = (("W", 1, 0, 0), ("W", 1, 1, 0))
    ranges: tuple = ((-4.0, 4.0), (-4.0, 4.0))
    local_start: tuple = (1.5, -3.0)
    global_start: tuple = (2.0, 2.0)


def two_valleys():
    """A real network with a poorer and a better minimum over two weights.

    The targets are made by the network itself, so its own weights (-3.0
    and 0.7 for the two varied ones) give loss 0: the better valley. Its
    hidden neurons have different biases and output weights, so giving
    each neuron roughly the other's role fits the data only partly: a
    second, higher valley, in which gradient descent can stop.

    Returns
    -------
    ValleyExample
    """
    from .network import MLP

    net = MLP.from_weights([[[-3.0], [0.7]], [[1.0, 0.6]]], [[-1.0, 0.6], [0.0]],
                           activation="tanh")
    X = np.linspace(-2, 2, 60).reshape(-1, 1)
    return ValleyExample(net, X, net.forward(X)[:, 0])


def _check(n_samples, noise, minimum=2):
    n = check_int(n_samples, "n_samples", low=minimum)
    noise = check_number(noise, "noise", low=0, low_inclusive=True)
    return n, noise


def xor(n_samples=200, noise=0.05, seed=None):
    """Points in the square [-1, 1]², labelled 1 where x1 and x2 differ in sign.

    Parameters
    ----------
    n_samples : int
        Number of points.
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate.
    seed : int, numpy.random.Generator or None
        The same seed gives the same data.

    Returns
    -------
    X : ndarray, shape (n_samples, 2)
    y : ndarray of int, shape (n_samples,)
        The label is taken before the noise is added, so noise blurs the
        border along the axes. No straight line separates the classes.
    """
    n, noise = _check(n_samples, noise)
    rng = as_generator(seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    y = (X[:, 0] * X[:, 1] < 0).astype(np.int64)
    return X + noise * rng.standard_normal(X.shape), y


def moons(n_samples=200, noise=0.1, seed=None):
    """Two interleaving half circles.

    Parameters
    ----------
    n_samples : int
        Number of points.
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate.
    seed : int, numpy.random.Generator or None
        The same seed gives the same data.

    Returns
    -------
    X : ndarray, shape (n_samples, 2)
    y : ndarray of int, shape (n_samples,)
        Class 0 is the upper moon (centre (0, 0)), class 1 the lower one
        (centre (1, 0.5)); the halves hold ``ceil(n/2)`` and ``floor(n/2)``
        points.
    """
    n, noise = _check(n_samples, noise)
    rng = as_generator(seed)
    n0 = (n + 1) // 2
    t0 = np.linspace(0, np.pi, n0)
    t1 = np.linspace(0, np.pi, n - n0)
    X = np.concatenate([
        np.column_stack([np.cos(t0), np.sin(t0)]),
        np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)]),
    ])
    y = np.repeat([0, 1], [n0, n - n0])
    perm = rng.permutation(n)
    return X[perm] + noise * rng.standard_normal((n, 2)), y[perm]


def circles(n_samples=200, noise=0.05, factor=0.5, seed=None):
    """A small circle (class 1) inside a larger one (class 0).

    Parameters
    ----------
    n_samples : int
        Number of points.
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate.
    factor : float
        Radius of the inner circle relative to the outer one (radius 1), in (0, 1).
    seed : int, numpy.random.Generator or None
        The same seed gives the same data.

    Returns
    -------
    X : ndarray, shape (n_samples, 2)
    y : ndarray of int, shape (n_samples,)
    """
    n, noise = _check(n_samples, noise)
    factor = check_number(factor, "factor", low=0, high=1)
    rng = as_generator(seed)
    n_out = (n + 1) // 2
    angles = rng.uniform(0, 2 * np.pi, size=n)
    radius = np.where(np.arange(n) < n_out, 1.0, factor)
    X = np.column_stack([radius * np.cos(angles), radius * np.sin(angles)])
    y = (np.arange(n) >= n_out).astype(np.int64)
    perm = rng.permutation(n)
    return X[perm] + noise * rng.standard_normal((n, 2)), y[perm]


def spirals(n_samples=300, noise=0.1, n_classes=2, turns=1.0, seed=None):
    """Interleaved spiral arms, one per class.

    Parameters
    ----------
    n_samples : int
        Number of points.
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate.
    n_classes : int
        Number of arms (classes), >= 2.
    turns : float
        Full turns each arm makes around the centre (> 0).
    seed : int, numpy.random.Generator or None
        The same seed gives the same data.

    Returns
    -------
    X : ndarray, shape (n_samples, 2)
    y : ndarray of int, shape (n_samples,)
        Labels 0..n_classes-1, in turn, so the classes are equally large.
    """
    k = check_int(n_classes, "n_classes", low=2)
    n, noise = _check(n_samples, noise, minimum=k)
    turns = check_number(turns, "turns", low=0)
    rng = as_generator(seed)
    y = np.arange(n) % k
    t = rng.uniform(0.05, 1, size=n)  # position along the arm, from centre to tip
    angle = 2 * np.pi * (turns * t + y / k)
    X = np.column_stack([t * np.cos(angle), t * np.sin(angle)])
    return X + noise * rng.standard_normal((n, 2)), y.astype(np.int64)


def regression_1d(n_samples=100, noise=0.1, seed=None):
    """A 1-D curve to fit: ``y = sin(2x) + 0.3 x`` on [-2, 2], plus noise.

    Parameters
    ----------
    n_samples : int
        Number of points.
    noise : float
        Standard deviation of the Gaussian noise added to each target.
    seed : int, numpy.random.Generator or None
        The same seed gives the same data.

    Returns
    -------
    X : ndarray, shape (n_samples, 1), sorted
    y : ndarray, shape (n_samples,)
    """
    n, noise = _check(n_samples, noise)
    rng = as_generator(seed)
    x = np.sort(rng.uniform(-2, 2, size=n))
    y = np.sin(2 * x) + 0.3 * x + noise * rng.standard_normal(n)
    return x.reshape(-1, 1), y


def split_data(X, y, test_fraction=0.25, seed=None):
    """Shuffle and split into a training and a held-out part.

    Parameters
    ----------
    X : ndarray, shape (n_samples, ...)
    y : ndarray, shape (n_samples, ...)
    test_fraction : float
        Share of samples held out, in (0, 1).
    seed : int, numpy.random.Generator or None

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarray
    """
    for name, values in (("X", X), ("y", y)):
        if values is None:
            raise TypeError(
                f"split_data needs arrays X and y with one sample per row; {name} is "
                f"{describe(values)}."
            )
        if np.ndim(values) == 0:
            raise ValueError(
                "split_data needs X and y with one sample per row (arrays of at least one "
                f"dimension); {name} is a single value, {describe(values)}."
            )
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(
            f"X has {len(X)} samples but y has {len(y)}; give one target per sample."
        )
    test_fraction = check_number(test_fraction, "test_fraction", low=0, high=1)
    if len(X) < 2:
        raise ValueError(
            f"split_data needs at least 2 samples, one for each part; got {len(X)}."
        )
    n_test = round(test_fraction * len(X))
    if not 0 < n_test < len(X):
        raise ValueError(
            f"test_fraction={test_fraction:g} of {len(X)} samples leaves an empty part; choose "
            "a fraction that keeps at least one sample on each side."
        )
    perm = as_generator(seed).permutation(len(X))
    test, tr = perm[:n_test], perm[n_test:]
    return X[tr], X[test], y[tr], y[test]


def standardize(X_train, *others):
    """Scale every feature to mean 0 and standard deviation 1, using the training set.

    Parameters
    ----------
    X_train : array_like, shape (n_samples, n_features)
        Its column means and standard deviations are the ones used.
    *others : array_like, shape (m, n_features)
        Further sets (validation, test), scaled with the *training* statistics,
        so that nothing about them leaks into training.

    Returns
    -------
    tuple of ndarray
        ``(X_train_scaled, *others_scaled)``, float32 for float32 data and
        float64 otherwise. A feature that is constant in the training set is
        only centred (its standard deviation is taken as 1).

    Raises
    ------
    TypeError
        Unless every set holds real numbers.
    ValueError
        For NaN or infinity, an empty training set, or sets of other widths.
    """
    X_train = as_float_array(X_train, "X_train")
    if X_train.ndim != 2:
        raise ValueError(
            f"X_train must be 2-D (n_samples, n_features); got shape {X_train.shape}."
        )
    if X_train.shape[0] == 0:
        raise ValueError(
            "X_train has no samples (0 rows); its column means and standard deviations need at "
            "least one."
        )
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    # A feature whose training values are all equal is constant, even where rounding leaves
    # its computed standard deviation at 1e-17 instead of 0: dividing by that would blow it up.
    std = np.where(np.ptp(X_train, axis=0) > 0, std, 1.0)
    scaled = []
    for i, X in enumerate((X_train, *others)):
        X = X if i == 0 else as_float_array(X, f"others[{i - 1}]")
        if X.ndim != 2 or X.shape[1] != X_train.shape[1]:
            raise ValueError(
                f"every set must have {X_train.shape[1]} features like X_train; got shape "
                f"{X.shape}."
            )
        scaled.append((X - mean) / std)
    return tuple(scaled)
