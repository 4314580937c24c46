"""The capstone of notebook 09 (exercise 09.7): the learner's own MLP, judged on the moons.

Its cases (:func:`clusters`) are two clusters far apart, which any network that trains
labels right; :func:`judge_on_moons` then trains the learner's network on 140 points of the
moons and asks for at least 95 % of 60 held-out points, with mlp_viz's own MLP and train
switched off (:func:`own_network_only`), so that the network is the learner's.
"""

import copy
from contextlib import contextmanager

import numpy as np

from .._validation import describe
from ..datasets import moons, split_data
from ..network import MLP
from .implementing import Case, _show_args, learner_call

PARAMS = ("X_train", "y_train", "X_test", "seed")
"""The parameters of the learner's fit_predict."""

ENOUGH = 0.95       # the held-out accuracy the capstone asks for on the moons
SEED = 0


def clusters():
    """The capstone's cases: (X_train, y_train, X_test, y_test), two clusters far apart.

    Each test set holds 10 points of each class; the last has one point to label.
    """
    rng = np.random.default_rng(5)

    def points(n, centres):
        y = np.repeat([0, 1], n // 2) if n > 1 else np.array([1])
        X = rng.normal(scale=0.5, size=(len(y), 2)) + np.asarray(centres)[y]
        order = rng.permutation(len(y))
        return X[order], y[order]

    layouts = [(([-2.0, -2.0], [2.0, 2.0]), 20),     # class 0 low on the left
               (([2.5, -1.0], [-2.5, 1.0]), 20),     # the classes the other way round
               (([0.0, 3.0], [0.0, -3.0]), 1)]       # one point to label
    return [(*points(40, centres), *points(n_test, centres)) for centres, n_test in layouts]


def moons_split():
    """The moons the capstone is judged on: 140 points to train on, 60 held out."""
    X, y = moons(200, noise=0.1, seed=SEED)
    return split_data(X, y, 0.3, seed=SEED)


class OwnNetworkOnly(Exception):
    """Raised by mlp_viz's MLP and train while the capstone checks the learner's network."""


@contextmanager
def own_network_only():
    """mv.MLP (built, or any of its passes) and mv.train raise while this lasts; then restored.

    The MLP class itself is changed, not only the name mv.MLP, so that a network imported
    or built before the check is caught too.
    """
    import mlp_viz

    from .. import training

    def refuse(*args, **kwargs):
        raise OwnNetworkOnly("mv.MLP and mv.train are switched off during the capstone's check")

    methods = ("__init__", "forward", "forward_trace", "backward", "loss_and_gradients", "loss",
               "predict_classes", "_run", "_backward")
    saved = [(MLP, name, vars(MLP)[name]) for name in methods]
    saved += [(module, "train", module.train) for module in (mlp_viz, training)]
    try:
        for owner, name, _ in saved:
            setattr(owner, name, refuse)
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)




def judge_on_moons(fit_predict):
    """The capstone's extra check: the learner's network, on its own, on the held-out moons."""
    X_train, X_test, y_train, y_test = moons_split()
    args = (X_train, y_train, X_test, SEED)
    on = f"on the moons ({_show_args(Case('', args, None), PARAMS)})"
    with own_network_only():
        labels, error = learner_call(fit_predict, copy.deepcopy(args))
    if error and error.kind == OwnNetworkOnly.__name__:
        return False, ("your fit_predict uses mlp_viz's own network (mv.MLP or mv.train); the "
                       "capstone asks for yours, built from your own functions: the dense "
                       "layer, ReLU, the sigmoid and its loss, back-propagation and the SGD "
                       f"step. ({error.message}.)")
    if error:
        return False, f"{on}, your fit_predict raised {error}. Fix it and run the cell again."
    labels = np.asarray(labels) if labels is not None else None
    if labels is None or labels.shape != y_test.shape:
        return False, (f"{on}, your fit_predict should return one label per point of X_test, "
                       f"shape {y_test.shape}; it returned {describe(labels)}.")
    right = int(np.sum(labels == y_test))
    accuracy = right / len(y_test)
    if accuracy < ENOUGH:
        labels_only = "" if np.isin(labels, (0, 1)).all() else (
            " Return labels, 0 or 1 ((p > 0.5).astype(int)), not probabilities.")
        return False, (f"your fit_predict labels the clusters right, but on the moons it gets "
                       f"{accuracy:.1%} of the {len(y_test)} held-out points right ({right}); "
                       f"it needs at least {ENOUGH:.0%}.{labels_only} Print the training loss "
                       "as it trains: it should fall well below 0.1; if it is still falling, "
                       "train longer or with a larger learning rate. The moons need hidden "
                       "layers with ReLU (16 and 16 neurons are plenty) and He initialisation: "
                       "a straight line cannot separate them.")
    return True, (f"Trained on the {len(y_train)} moons points, your own network gets {right} "
                  f"of the {len(y_test)} held-out moons points right ({accuracy:.1%}; the check "
                  f"asks for at least {ENOUGH:.0%}).")
