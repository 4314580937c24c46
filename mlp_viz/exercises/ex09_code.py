"""Exercises of notebook 09 where you write the code: functions checked by running them."""

import numpy as np

from ..datasets import standardize
from ..network import MLP
from ..training import confusion_matrix, train
from . import Case, Mistake, function_exercise
from .capstone import PARAMS, SEED, clusters, judge_on_moons


# -------------------------------------------------------- standardising, yourself
def _guarded(std):
    return np.where(std > 0, std, 1.0)


def _with(X_train, X_other, mean, std):
    """Both sets scaled with the given statistics (a std of 0 taken as 1, as mlp_viz does)."""
    return (X_train - mean) / _guarded(std), (X_other - mean) / _guarded(std)


@function_exercise(
    "09.5", "standardising with the training set's statistics", name="standardise",
    params=("X_train", "X_other"), outputs=("X_train_std", "X_other_std"),
    solution='''
def standardise(X_train, X_other):
    """Scale both sets with the training set's means and standard deviations.

    X_train: (n_train, n_features)   X_other: (n_other, n_features)
    -> (X_train_std, X_other_std), the same shapes
    """
    mean = X_train.mean(axis=0)               # one mean per feature (column), training set only
    std = X_train.std(axis=0)                 # ddof=0, as np.std and mv.standardize
    std = np.where(std > 0, std, 1.0)         # a constant feature is only centred
    return (X_train - mean) / std, (X_other - mean) / std   # new arrays, the inputs unchanged

answer = standardise
''',
    mistakes=[
        Mistake("scaling the other set with its own statistics",
                lambda X_train, X_other: (_with(X_train, X_train, X_train.mean(0),
                                                X_train.std(0))[0],
                                          _with(X_other, X_other, X_other.mean(0),
                                                X_other.std(0))[0]),
                "The other set stands for data the network has never seen: it must be scaled "
                "with the numbers learnt from the training set, X_train's mean and std, so "
                "that a pixel means the same thing in both."),
        Mistake("taking the statistics from the other set",
                lambda X_train, X_other: _with(X_train, X_other, X_other.mean(0),
                                               X_other.std(0)),
                "The statistics come from the training set only: the other set (validation, "
                "test) must not leak into what the network is trained with."),
        Mistake("taking the statistics from both sets pooled",
                lambda X_train, X_other: _with(X_train, X_other,
                                               np.vstack([X_train, X_other]).mean(0),
                                               np.vstack([X_train, X_other]).std(0)),
                "Pooling lets the other set leak into training: take the mean and the std of "
                "X_train alone."),
        Mistake("taking the standard deviation with ddof=1",
                lambda X_train, X_other: _with(X_train, X_other, X_train.mean(0),
                                               X_train.std(0, ddof=1)),
                "mlp_viz, like scikit-learn's StandardScaler, divides by n (np.std's default, "
                "ddof=0), not by n - 1."),
        Mistake("dividing a constant feature by its standard deviation, 0",
                lambda X_train, X_other: ((X_train - X_train.mean(0)) / X_train.std(0),
                                          (X_other - X_train.mean(0)) / X_train.std(0)),
                "A feature that never changes in the training set has std 0; take its std as "
                "1 (np.where(std > 0, std, 1.0)), so that it is only centred."),
        Mistake("adding a small number to the standard deviation, std + 1e-8",
                lambda X_train, X_other: ((X_train - X_train.mean(0)) / (X_train.std(0) + 1e-8),
                                          (X_other - X_train.mean(0)) / (X_train.std(0) + 1e-8)),
                "A feature constant in the training set has std 0; dividing by 1e-8 instead "
                "multiplies the other set's distance from the mean by 10⁸. Take its std as 1 "
                "(only centre it): np.where(std > 0, std, 1.0)."),
        Mistake("taking one mean and one standard deviation for the whole array",
                lambda X_train, X_other: _with(X_train, X_other, X_train.mean(),
                                               X_train.std()),
                "Each feature (column) gets its own mean and std: X_train.mean(axis=0) and "
                "X_train.std(axis=0), one number per column."),
        Mistake("leaving the other set unscaled",
                lambda X_train, X_other: (_with(X_train, X_train, X_train.mean(0),
                                                X_train.std(0))[0], X_other),
                "The other set must be scaled too, with the training set's mean and std, or "
                "the network sees numbers of another size than it was trained on."),
    ],
    hints=[
        "Compute one mean and one standard deviation per feature (per column), from the "
        "training set alone, and use those same numbers on both sets.",
        "μ = X_train.mean(axis=0), σ = X_train.std(axis=0) with σ taken as 1 where it is 0; "
        "then return ((X_train − μ) / σ, (X_other − μ) / σ).",
        "def standardise(X_train, X_other):\n"
        "    mean = X_train.mean(axis=____)\n"
        "    std = X_train.std(axis=____)\n"
        "    std = np.where(std > 0, std, ____)\n"
        "    return (X_train - mean) / std, (____ - mean) / std",
    ],
    explanation="This is mv.standardize(X_train, X_other): what the test set tells you stays "
                "out of training, as it should.")
def _standardise_cases():
    rng = np.random.default_rng(9)

    def case(label, X_train, X_other):
        return Case(label, (X_train, X_other), standardize(X_train, X_other))

    loc, scale = np.array([0.0, 5.0, -3.0]), np.array([1.0, 10.0, 0.1])
    constant = rng.normal(loc, scale, size=(30, 3))
    constant[:, 1] = 5.0   # a whole number, so that its std is exactly 0
    far = rng.normal(1e6, 1.0, size=(25, 2))
    return [
        # First two sets of other distributions: their own or pooled statistics, the
        # other set's, ddof=1 and one mean for the whole array all give other numbers.
        case("a training set of 40 and another set of 15, drawn differently",
             rng.normal(loc, scale, size=(40, 3)), rng.normal(loc + 1, 2 * scale, size=(15, 3))),
        case("another set of one sample", rng.normal(loc, scale, size=(20, 3)),
             rng.normal(loc, scale, size=(1, 3))),
        case("a feature constant in the training set", constant,
             rng.normal(loc, scale, size=(10, 3))),
        case("whole-number pixels from 0 to 16, as the digits",
             rng.integers(0, 17, size=(50, 6)), rng.integers(0, 17, size=(12, 6))),
        case("a feature near a million", far, rng.normal(1e6, 1.0, size=(5, 2))),
    ]


# --------------------------------------------------------- the confusion matrix, yourself
def _count(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


def _counted_once(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=int)
    cm[y_true, y_pred] += 1
    return cm


@function_exercise(
    "09.6", "a confusion matrix", name="confusion", params=("y_true", "y_pred", "n_classes"),
    outputs=("cm",),
    solution='''
def confusion(y_true, y_pred, n_classes):
    """Count how often each true class was predicted as each class.

    y_true, y_pred: (n_samples,) of ints from 0 to n_classes - 1
    -> cm: (n_classes, n_classes), cm[i, j] = samples of true class i predicted as j
    """
    cm = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1       # row = true class, column = predicted class
    return cm

answer = confusion
''',
    mistakes=[
        Mistake("putting the predicted class in the rows",
                lambda y_true, y_pred, n_classes: confusion_matrix(y_true, y_pred, n_classes).T,
                "Row i is the true class i and column j the predicted class j, as "
                "mv.confusion_matrix and scikit-learn have it: cm[t, p] += 1."),
        Mistake("counting only the correct predictions",
                lambda y_true, y_pred, n_classes: np.diag(np.diag(confusion_matrix(
                    y_true, y_pred, n_classes))),
                "Every sample counts once, right or wrong: the mistakes are the entries off "
                "the diagonal, and they are what the matrix is for."),
        Mistake("adding with cm[y_true, y_pred] += 1, which counts a repeated pair once",
                _counted_once,
                "With fancy indexing, += writes each (true, predicted) pair once however often "
                "it occurs. Count sample by sample (a loop over zip(y_true, y_pred)), or use "
                "np.add.at(cm, (y_true, y_pred), 1)."),
        Mistake("sizing the matrix by the largest label instead of n_classes",
                lambda y_true, y_pred, n_classes: _count(
                    y_true, y_pred, int(max(np.max(y_true), np.max(y_pred))) + 1),
                "A class may never occur in a small set; the matrix has n_classes rows and "
                "columns all the same: np.zeros((n_classes, n_classes))."),
        Mistake("counting the classes from 1",
                lambda y_true, y_pred, n_classes: np.roll(confusion_matrix(
                    y_true, y_pred, n_classes), (-1, -1), axis=(0, 1)),
                "The labels are already indices from 0 to n_classes - 1: cm[t, p], not "
                "cm[t - 1, p - 1] (which sends class 0 to the last row)."),
        Mistake("making the matrix one row and one column too big",
                lambda y_true, y_pred, n_classes: np.pad(confusion_matrix(
                    y_true, y_pred, n_classes), (0, 1)),
                "Labels run from 0 to n_classes - 1, so n_classes rows and columns hold them "
                "all: np.zeros((n_classes, n_classes))."),
    ],
    hints=[
        "Start from a square array of zeros, one row per true class and one column per "
        "predicted class, and add 1 in the right place for each sample.",
        "cm = zeros (n_classes, n_classes); for each sample, cm[y_true[n], y_pred[n]] += 1.",
        "def confusion(y_true, y_pred, n_classes):\n"
        "    cm = np.zeros((____, ____), dtype=int)\n"
        "    for t, p in zip(y_true, y_pred):\n"
        "        cm[____, ____] += 1\n"
        "    return cm",
    ],
    explanation="It is mv.confusion_matrix: the diagonal holds the right answers, each row "
                "adds up to the number of samples of its true class.")
def _confusion_cases():
    rng = np.random.default_rng(6)

    def case(label, y_true, y_pred, n_classes):
        y_true, y_pred = np.array(y_true), np.array(y_pred)
        return Case(label, (y_true, y_pred, n_classes),
                    confusion_matrix(y_true, y_pred, n_classes))

    digits = rng.integers(0, 10, size=300)
    guessed = np.where(rng.random(300) < 0.8, digits, rng.integers(0, 10, size=300))
    return [
        # First a matrix that is not symmetric, with repeated pairs and every class present:
        # the transposed, diagonal-only, fancy-indexed and shifted counts all differ.
        case("3 classes and 12 samples", [0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2],
             [0, 1, 0, 1, 1, 2, 0, 2, 2, 1, 2, 0], 3),
        case("5 classes, of which class 4 never occurs", [0, 1, 2, 3, 3, 1, 0, 2],
             [0, 1, 3, 3, 2, 1, 1, 2], 5),
        case("a single sample", [2], [1], 3),
        case("every prediction right", [3, 0, 1, 1, 2, 0, 3, 3, 2, 1],
             [3, 0, 1, 1, 2, 0, 3, 3, 2, 1], 4),
        case("10 classes and 300 samples, as for the digits", digits, guessed, 10),
    ]


# ------------------------------------------------------ the capstone: your own MLP
def _one_class(label):
    y_test = clusters()[0][3]
    right = int(np.sum(y_test == label))
    return Mistake(
        f"predicting class {label} for every point",
        lambda X_train, y_train, X_test, seed: np.full(len(X_test), label),
        f"That gets {right} of the {len(y_test)} points right ({right / len(y_test):.0%}), what "
        "a network that has learnt nothing gets. Print the loss every few hundred epochs: if "
        "it stays near ln 2 = 0.693 (p = 0.5 everywhere), the weights do not move; check the "
        "gradients and the update W = W - lr * dW, and that the output goes through the "
        "sigmoid before the threshold 0.5.")


@function_exercise(
    "09.7", "the capstone: your own MLP on the moons", name="fit_predict",
    params=PARAMS, outputs=("labels",), extra=judge_on_moons,
    solution='''
def dense(X, W, b):                  # notebook 01: one sample per row, W of shape (n_out, n_in)
    return X @ W.T + b


def relu(Z):                         # notebook 02
    return np.maximum(Z, 0.0)


def sigmoid(Z):                      # = 1 / (1 + e^-z), written so that it cannot overflow
    return 0.5 * (1.0 + np.tanh(0.5 * Z))


def forward(X, Ws, bs):
    """Every layer's output, the input first: ReLU hidden layers, a sigmoid output."""
    A = [X]
    for l, (W, b) in enumerate(zip(Ws, bs)):
        Z = dense(A[-1], W, b)
        A.append(sigmoid(Z) if l == len(Ws) - 1 else relu(Z))
    return A


def backward(A, Ws, Y):
    """(dW, db) of the mean binary cross-entropy for every layer (notebook 04)."""
    dZ = (A[-1] - Y) / len(Y)        # sigmoid + cross-entropy: dL/dz = (p - y) / n
    grads = []
    for l in range(len(Ws) - 1, -1, -1):
        grads.append((dZ.T @ A[l], dZ.sum(axis=0)))
        if l > 0:
            dZ = (dZ @ Ws[l]) * (A[l] > 0)   # back through W, then ReLU'
    return grads[::-1]


def fit_predict(X_train, y_train, X_test, seed):
    """Train a 2-16-16-1 network on (X_train, y_train); return its labels for X_test."""
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], 16, 16, 1]
    Ws = [rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_in)     # He, for ReLU
          for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    bs = [np.zeros(n_out) for n_out in sizes[1:]]
    Y = np.asarray(y_train, dtype=float).reshape(-1, 1)
    lr = 0.5
    for _ in range(800):             # full-batch gradient descent, notebook 06's SGD step
        grads = backward(forward(X_train, Ws, bs), Ws, Y)
        Ws = [W - lr * dW for W, (dW, _) in zip(Ws, grads)]
        bs = [b - lr * db for b, (_, db) in zip(bs, grads)]
    p = forward(X_test, Ws, bs)[-1][:, 0]
    return (p > 0.5).astype(int)

answer = fit_predict
''',
    mistakes=[_one_class(0), _one_class(1)],
    hints=[
        "Put together what you wrote in notebooks 01 to 06: a forward pass through dense "
        "layers (ReLU hidden, sigmoid output), the binary cross-entropy's gradient, "
        "back-propagation, and a loop of gradient-descent steps; then threshold the output.",
        "Layers 2-16-16-1, He initialisation with np.random.default_rng(seed), biases 0. Each "
        "step: forward, dZ = (p − y) / n at the output, dW = dZᵀ A_prev, db = Σ dZ, "
        "dZ_prev = (dZ W) ⊙ (A_prev > 0), W ← W − η dW. About 800 full-batch steps with "
        "η = 0.5; labels = (p > 0.5).",
        "def fit_predict(X_train, y_train, X_test, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    sizes = [2, 16, 16, 1]\n"
        "    Ws = [rng.standard_normal((n_out, n_in)) * np.sqrt(____) "
        "for n_in, n_out in zip(sizes[:-1], sizes[1:])]\n"
        "    bs = [np.zeros(n_out) for n_out in sizes[1:]]\n"
        "    Y = y_train.reshape(-1, 1)\n"
        "    for _ in range(800):\n"
        "        A = ____                     # every layer's output, X_train first\n"
        "        dZ = (A[-1] - Y) / len(Y)\n"
        "        for l in reversed(range(len(Ws))):\n"
        "            dW, db = ____, ____\n"
        "            if l > 0:\n"
        "                dZ = (dZ @ Ws[l]) * (A[l] > 0)\n"
        "            Ws[l], bs[l] = Ws[l] - 0.5 * dW, ____\n"
        "    return (____ > 0.5).astype(int)",
    ],
    explanation="Every piece of that network is yours: the course's MLP, written from scratch.",
    reference=("the true labels", "the true label is"))
def _capstone_cases():
    def case(label, data, fit):
        X_train, y_train, X_test, _ = data
        return Case(label, (X_train, y_train, X_test, SEED), fit(X_train, y_train, X_test))

    def mlp_viz_network(X_train, y_train, X_test):
        # What mlp_viz's own network predicts; on clusters this far apart, the true labels
        # (tests/test_implementing_09.py checks it).
        net = MLP([2, 8, 1], "relu", "sigmoid", seed=SEED)
        train(net, X_train, y_train, lr=0.5, epochs=50, loss="binary_cross_entropy", seed=SEED)
        return net.predict_classes(X_test)

    first, second, single = clusters()
    return [
        case("two clusters far apart", first, mlp_viz_network),
        case("two clusters, the classes the other way round", second, mlp_viz_network),
        case("one point to label", single, mlp_viz_network),
    ]
