"""Training by mini-batch gradient descent, and what it records.

One **iteration** is one forward and one backward pass on one mini-batch,
followed by one update of every parameter. One **epoch** is one pass over
the whole (shuffled) training set: ``ceil(N / B)`` iterations for ``N``
samples and batch size ``B``, the last batch holding what is left over.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np

from ._validation import (
    as_class_labels,
    as_generator,
    as_inputs,
    as_numeric_array,
    as_targets,
    check_batch_size,
    check_dropout_rate,
    check_finite,
    check_int,
    check_labels,
    check_net,
    check_number,
)
from .losses import get_loss
from .network import _Workspace

__all__ = ["BLOW_UP_FACTOR", "DIVERGENCE_FACTOR", "DivergenceWarning", "History", "accuracy",
           "confusion_matrix", "iterations_per_epoch", "train"]


class DivergenceWarning(RuntimeWarning):
    """Training stopped because the loss blew up (see :data:`DIVERGENCE_FACTOR`)."""


BLOW_UP_FACTOR = 10.0
"""A training loss this many times its value before training counts as blown up
(see :meth:`History.blew_up`): the steps make the network worse, not better."""

DIVERGENCE_FACTOR = 1e6
"""Training counts as diverged when a loss or gradient is infinite or NaN, or a
loss exceeds this many times ``max(1, loss before training)``: by then the
run is lost, and a few more steps would overflow anyway."""


@dataclass
class History:
    """What one call of :func:`train` recorded.

    Attributes
    ----------
    loss : ndarray, shape (epochs_run + 1,)
        Training loss over the whole training set at evaluation time (no
        dropout): ``loss[0]`` before training, ``loss[e]`` after epoch ``e``.
        With ``epoch_loss="batches"``, ``loss[e]`` is instead the mean of
        epoch ``e``'s mini-batch losses (what most libraries report), and
        ``loss[0]`` the first mini-batch's loss before its update.
    val_loss : ndarray, shape (epochs_run + 1,), or None
        The same on the validation set, when one was given.
    iteration_loss : ndarray, shape (n_iterations,)
        The loss of each mini-batch as the update saw it (with dropout, if
        any), before that update.
    grad_norms : ndarray, shape (n_iterations, n_layers)
        Frobenius norm of ``dL/dW`` for each layer at each iteration;
        column ``l`` is the course's layer ``l + 1``.
    iterations_per_epoch : int
        ``ceil(N / B)``.
    snapshots : ndarray, shape (n_snapshots, n_params), or None
        Flat parameter vectors (see ``MLP.get_flat_params``) at the
        iterations in `snapshot_iterations`, when ``snapshot_every`` was set.
        The last one is always the network's final parameters (after a
        divergence, those of the last completed epoch).
    snapshot_iterations : ndarray of int, or None
        Iteration count at each snapshot (0 = before training).
    diverged : int or None
        None if training finished; otherwise the epoch (counted from 1) in
        which the loss blew up (see ``DIVERGENCE_FACTOR``). Training stopped
        there and the network was reset to its parameters at the end of the
        epoch before, the last ones known to be sound. `iteration_loss` and
        `grad_norms` still hold the steps of that epoch before the blow-up.
    diverged_iteration : int or None
        The iteration (counted from 1) at which that happened.
    """

    loss: np.ndarray
    val_loss: np.ndarray | None
    iteration_loss: np.ndarray
    grad_norms: np.ndarray
    iterations_per_epoch: int
    snapshots: np.ndarray | None = None
    snapshot_iterations: np.ndarray | None = None
    diverged: int | None = None
    diverged_iteration: int | None = None
    settings: dict = field(default_factory=dict)

    def blew_up(self, factor=BLOW_UP_FACTOR):
        """The epoch in which the training loss blew up, or None.

        Parameters
        ----------
        factor : float
            A loss more than `factor` times the loss before training
            (``loss[0]``) counts as blown up.

        Returns
        -------
        int or None
            The first epoch whose loss exceeds ``factor * loss[0]``, else the
            epoch in which training diverged and stopped (`diverged`), else
            None. A run can blow up without diverging: with a sigmoid output
            and cross-entropy the loss stays finite, and training goes on.
        """
        worse = np.flatnonzero(self.loss[1:] > factor * self.loss[0])
        return int(worse[0]) + 1 if worse.size else self.diverged

    @property
    def epochs_run(self):
        """Number of epochs that completed."""
        return len(self.loss) - 1

    @property
    def n_iterations(self):
        """Number of parameter updates that were made."""
        return len(self.iteration_loss)


def iterations_per_epoch(n_samples, batch_size=None):
    """Number of mini-batches (parameter updates) in one epoch.

    Parameters
    ----------
    n_samples : int
        Training samples ``N``.
    batch_size : int or None
        ``B``; None means the full batch.

    Returns
    -------
    int
        ``ceil(N / B)``; e.g. 1050 samples in batches of 100 give 11.
    """
    n = check_int(n_samples, "n_samples", low=1)
    if batch_size is None:
        return 1
    b = check_batch_size(batch_size, n)
    return math.ceil(n / b)


def _finite_squares(grads):
    """Each layer's ``||dW||^2``, and whether every gradient is finite.

    The sums of squares are dot products, as ``np.linalg.norm`` computes
    them; a NaN or infinity anywhere in a ``dW`` or ``db`` makes their total
    non-finite (so does a gradient too large to square: a blow-up as well).
    """
    squares, total = [], 0.0
    for dW, db in grads:
        w = dW.ravel()
        square = np.dot(w, w)
        squares.append(square)
        total += square + np.dot(db, db)
    return squares, math.isfinite(total)


def train(net, X, y, *, lr, epochs, batch_size=None, loss="mse", dropout=0.0, momentum=0.0,
          seed=None, X_val=None, y_val=None, snapshot_every=None, callback=None,
          epoch_loss="full"):
    """Train `net` in place by mini-batch gradient descent.

    Parameters
    ----------
    net : MLP
    X : array_like, shape (n_samples, n_features)
    y : array_like
        Targets, as for ``MLP.loss_and_gradients``.
    lr : float
        Learning rate (step size), > 0.
    epochs : int
        Passes over the training set, >= 1.
    batch_size : int or None
        Samples per update, 1..n_samples; None = the full batch.
    loss : str
        mse, binary_cross_entropy or cross_entropy.
    dropout : float
        Drop probability for hidden neurons during training, in [0, 1).
    momentum : float
        Classical momentum ``mu`` in [0, 1): ``v = mu v - lr g``, ``p += v``.
        0 is plain gradient descent, ``p -= lr g``.
    seed : int, numpy.random.Generator or None
        Source of the shuffling and dropout masks; None uses ``net.rng``, so
        a network built with a seed trains reproducibly.
    X_val, y_val : array_like, optional
        A validation set, evaluated after every epoch.
    snapshot_every : int, optional
        Record the flat parameter vector before training, after every
        `snapshot_every` iterations, and at the end (for trajectories on a
        loss surface).
    callback : callable, optional
        Called after every completed epoch as ``callback(epoch, loss,
        val_loss)`` (``val_loss`` None without a validation set), e.g. the
        ``update`` of :func:`mlp_viz.progress_bar`.
    epoch_loss : str
        ``"full"`` (default): after every epoch, measure the loss on the
        whole training set with the epoch's final weights, which costs one
        forward pass over the data (about a third of an epoch's work).
        ``"batches"``: record the mean of the epoch's mini-batch losses
        instead, at no cost; they were measured while the weights moved (and
        with dropout, if any), so they run a little behind and above. The
        loss before training is then the first mini-batch's, before its
        update, which also saves the forward pass over the data at the start.

    Returns
    -------
    History

    Warns
    -----
    DivergenceWarning
        Once, if the loss or a gradient becomes infinite or NaN, or the loss
        grows past ``DIVERGENCE_FACTOR`` times its starting value. Training
        stops, nothing is raised, and the network keeps finite parameters.
    """
    check_net(net, "train")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be callable, as callback(epoch, loss, val_loss); got "
                        f"{type(callback).__name__} {callback!r}.")
    loss_fn = get_loss(loss, net.output_activation)
    X2, _ = as_inputs(X, net.layer_sizes[0], net.dtype)
    n = X2.shape[0]
    Y = as_targets(y, n, net.layer_sizes[-1], loss_fn.name, net.dtype)
    lr = check_number(lr, "learning rate", low=0,
                      hint="It is the step size of each update; try a value such as 0.1.")
    epochs = check_int(epochs, "epochs", low=1, hint="An epoch is one pass over the data.")
    if batch_size is not None:
        check_int(batch_size, "batch_size", low=1, high=n,
                  hint=f"The training set has {n} samples; use batch_size=None for the full "
                       "batch.")
    rate = check_dropout_rate(dropout)
    momentum = check_number(momentum, "momentum", low=0, low_inclusive=True, high=1)
    if epoch_loss not in ("full", "batches"):
        raise ValueError(f"epoch_loss must be 'full' or 'batches'; got {epoch_loss!r}.")
    if (X_val is None) != (y_val is None):
        raise ValueError("give both X_val and y_val for a validation set, or neither.")
    val = None
    if X_val is not None:
        Xv, _ = as_inputs(X_val, net.layer_sizes[0], net.dtype)
        val = (Xv, as_targets(y_val, Xv.shape[0], net.layer_sizes[-1], loss_fn.name, net.dtype))
    if snapshot_every is not None:
        snapshot_every = check_int(snapshot_every, "snapshot_every", low=1)
    gen = net.rng if seed is None else as_generator(seed)
    B = n if batch_size is None else batch_size
    per_epoch = iterations_per_epoch(n, B)

    def loss_on(Xs, Ys):  # net.loss on data checked above, without checking it again
        run = net._run(Xs, False, 0.0, None)
        return loss_fn._value(run.z[-1], run.a[-1], Ys)

    def eval_losses():
        return loss_on(X2, Y), (loss_on(*val) if val else None)

    def divergence_limit(start_loss):
        if not np.isfinite(start_loss):
            raise ValueError(
                f"the loss is already {start_loss} before training; the inputs or weights are "
                "too large for this network. Standardise X, or start from smaller weights."
            )
        return DIVERGENCE_FACTOR * max(1.0, start_loss)

    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        if epoch_loss == "full":
            first = eval_losses()
        else:  # loss[0] will be the first mini-batch's loss, which its step measures anyway
            first = (None, loss_on(*val) if val else None)
    limit = None if first[0] is None else divergence_limit(first[0])
    losses, val_losses = [first[0]], [first[1]]
    it_losses, norm_squares = [], []
    snaps = [net.get_flat_params()] if snapshot_every else None
    snap_its = [0] if snapshot_every else None
    velocity = [(np.zeros_like(W), np.zeros_like(b)) for W, b in zip(net.weights, net.biases)]
    ws = _Workspace(net, B)  # arrays every step writes into (see mlp_viz.network)
    diverged = diverged_it = None

    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for epoch in range(1, epochs + 1):
            start, start_it = net.get_flat_params(), len(it_losses)
            # Shuffle once per epoch: batch i is rows order[i*B:(i+1)*B].
            order = None if B == n else gen.permutation(n)
            for i in range(per_epoch):
                if order is None:
                    Xb, Yb = X2, Y
                else:  # copy the batch's rows into the workspace (mode="clip" only skips
                    rows = order[i * B:(i + 1) * B]  # re-checking indices known to be valid)
                    Xb = X2.take(rows, axis=0, out=ws.X[:rows.size], mode="clip")
                    Yb = Y.take(rows, axis=0, out=ws.Y[:rows.size], mode="clip")
                # The data were checked once above; the private calls skip re-checking
                # every batch (same arithmetic as net.forward and net.backward).
                run = net._run(Xb, True, rate, gen, ws)
                batch_loss = loss_fn._value(run.z[-1], run.a[-1], Yb)
                if limit is None:  # epoch_loss="batches": this batch's loss is loss[0]
                    limit = divergence_limit(batch_loss)
                    losses[0] = batch_loss
                grads = net._backward(run, Yb, loss_fn, ws)
                squares, finite = _finite_squares(grads)
                if not (finite and batch_loss <= limit):  # False for NaN too
                    diverged, diverged_it = epoch, len(it_losses) + 1
                    break
                it_losses.append(batch_loss)
                norm_squares.append(squares)
                # The step, lr * gradient, in place: every dW and db at once (they
                # are views of ws.gradients), without a new array.
                ws.gradients *= lr
                for (W, b), (dW, db), (vW, vb) in zip(zip(net.weights, net.biases), grads,
                                                      velocity):
                    if momentum:
                        vW *= momentum
                        vW -= dW
                        vb *= momentum
                        vb -= db
                        W += vW
                        b += vb
                    else:
                        W -= dW
                        b -= db
                if snapshot_every and len(it_losses) % snapshot_every == 0:
                    snaps.append(net.get_flat_params())
                    snap_its.append(len(it_losses))
            if diverged is None:
                if epoch_loss == "full":
                    train_loss, val_loss = eval_losses()
                else:
                    train_loss = float(np.mean(it_losses[start_it:]))
                    val_loss = loss_on(*val) if val else None
                if train_loss <= limit and (val_loss is None or np.isfinite(val_loss)):
                    losses.append(train_loss)
                    val_losses.append(val_loss)
                    if callback is not None:
                        callback(epoch, train_loss, val_loss)
                    continue
                diverged, diverged_it = epoch, len(it_losses)
            net.set_flat_params(start)
            if snapshot_every:  # the path ends where the network now stands
                while snap_its[-1] > start_it:
                    snaps.pop()
                    snap_its.pop()
                if snap_its[-1] != start_it:
                    snaps.append(start)
                    snap_its.append(start_it)
            break
    if snapshot_every and diverged is None and snap_its[-1] != len(it_losses):
        # the path ends at the trained network (after a divergence it already ends where
        # the network was put back)
        snaps.append(net.get_flat_params())
        snap_its.append(len(it_losses))

    if diverged is not None:
        warnings.warn(
            f"training diverged in epoch {diverged} (iteration {diverged_it}): the loss blew "
            f"up (to infinity, NaN, or over {DIVERGENCE_FACTOR:g} times max(1, its starting "
            f"value)), most likely because the learning rate {lr:g} is too large. Training "
            "stopped; the network "
            f"keeps its parameters from the end of epoch {diverged - 1}. Try a smaller "
            "learning rate.",
            DivergenceWarning,
            stacklevel=2,
        )
    n_layers = net.n_layers
    return History(
        loss=np.array(losses),
        val_loss=np.array(val_losses) if val else None,
        iteration_loss=np.array(it_losses),
        grad_norms=np.sqrt(np.array(norm_squares)).reshape(-1, n_layers),
        iterations_per_epoch=per_epoch,
        snapshots=np.array(snaps) if snaps is not None else None,
        snapshot_iterations=np.array(snap_its) if snap_its is not None else None,
        diverged=diverged,
        diverged_iteration=diverged_it,
        settings=dict(lr=lr, epochs=epochs, batch_size=batch_size, loss=loss_fn.name,
                      dropout=rate, momentum=momentum, epoch_loss=epoch_loss),
    )


def accuracy(net, X, y):
    """Fraction of samples whose predicted class is the true one.

    Parameters
    ----------
    net : MLP
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,) of class labels, or one-hot (n_samples, n_classes)

    Returns
    -------
    float
        Between 0 and 1. See ``MLP.predict_classes`` for how outputs become
        classes.

    Raises
    ------
    ValueError
        If `y` holds anything but the network's classes: NaN, fractions, or
        labels outside ``0 .. n_outputs - 1`` (0 and 1 for one output).
    """
    check_net(net, "accuracy")
    pred = np.atleast_1d(net.predict_classes(X))
    labels = as_class_labels(y, net, pred.shape[0])
    return float(np.mean(pred == labels))


def confusion_matrix(y_true, y_pred, n_classes=None):
    """Count how often each true class was predicted as each class.

    Parameters
    ----------
    y_true, y_pred : array_like of int, shape (n_samples,)
    n_classes : int, optional
        Defaults to one more than the largest label.

    Returns
    -------
    ndarray of int, shape (n_classes, n_classes)
        ``cm[i, j]`` = number of samples of true class ``i`` predicted as ``j``;
        the diagonal holds the correct predictions.

    Raises
    ------
    ValueError
        For empty labels, or labels that are not class indices (NaN,
        fractions, negative, or ``>= n_classes``).
    """
    k = None if n_classes is None else check_int(n_classes, "n_classes", low=1)
    t, p = (as_numeric_array(v, name) for v, name in ((y_true, "y_true"), (y_pred, "y_pred")))
    if t.shape != p.shape or t.ndim != 1:
        raise ValueError(
            f"y_true and y_pred must be 1-D and of equal length; got shapes {t.shape} and "
            f"{p.shape}."
        )
    if t.size == 0:
        raise ValueError(
            "confusion_matrix needs at least one sample; y_true and y_pred are empty. Pass the "
            "true and the predicted class of each sample, e.g. confusion_matrix(y_test, "
            "net.predict_classes(X_test))."
        )
    labels = []
    for values, name in ((t, "y_true"), (p, "y_pred")):
        check_finite(values, name)
        labels.append(check_labels(values, name, k,
                                   name if k is None else f"{name}, with n_classes={k}"))
    t, p = labels
    if k is None:
        k = int(max(t.max(), p.max()) + 1)
    cm = np.zeros((k, k), dtype=np.int64)
    np.add.at(cm, (t, p), 1)
    return cm
