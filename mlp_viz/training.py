"""Training by mini-batch gradient descent.

One **iteration** is one forward and one backward pass on one mini-batch,
followed by one update of every parameter. One **epoch** is one pass over
the whole (shuffled) training set: ``ceil(N / B)`` iterations for ``N``
samples and batch size ``B``, the last batch holding what is left over.

:func:`train` is the loop; the helpers beside it check its arguments
(:func:`_plan`), deal out the mini-batches (:func:`_batches`), clip the
gradient (:func:`mlp_viz.clipping.clip_in_place`) and add weight decay (:func:`_add_weight_decay`).
What a run records, and how it stops when the loss blows up, is in
:mod:`mlp_viz.history`; the update rules are in :mod:`mlp_viz.optimizers`.
"""

from __future__ import annotations

import math
import warnings
from typing import NamedTuple

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
from .clipping import clip_in_place
from .history import (
    BLOW_UP_FACTOR,
    DIVERGENCE_FACTOR,
    DivergenceWarning,
    History,
    Recorder,
)
from .losses import get_loss
from .network import _Workspace
from .optimizers import SGD, get_optimizer

__all__ = ["BLOW_UP_FACTOR", "DIVERGENCE_FACTOR", "DivergenceWarning", "History", "Step",
           "accuracy", "confusion_matrix", "iterations_per_epoch", "train"]


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


def train(net, X, y, *, lr, epochs, batch_size=None, loss="mse", dropout=0.0, momentum=0.0,
          optimizer="sgd", weight_decay=0.0, clip_norm=None, seed=None, X_val=None,
          y_val=None, snapshot_every=None, callback=None, on_step=None, epoch_loss="full"):
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
        Shorthand for ``optimizer=SGD(momentum=momentum)``, in [0, 1).
    optimizer : str or Optimizer
        ``"sgd"`` (default), ``"adam"``, ``"rmsprop"``, or an object such as
        ``mlp_viz.SGD(momentum=0.9, nesterov=True)`` or
        ``mlp_viz.Adam(betas=(0.9, 0.999))`` (see :mod:`mlp_viz.optimizers`).
        Its state (velocities, running means) starts afresh in every call.
    weight_decay : float
        L2 regularisation strength ``lambda`` >= 0: ``lambda * W`` is added to
        every weight matrix's gradient (not the biases'), which is the
        gradient of ``lambda/2 * sum ||W||^2`` added to the loss. As
        ``weight_decay`` in ``torch.optim``, with a parameter group for the
        weights only.
    clip_norm : float or None
        If given (> 0), a gradient whose norm (every ``dW`` and ``db``
        together) exceeds it is scaled down to that norm before the weight
        decay is added, as ``torch.nn.utils.clip_grad_norm_`` does.
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
    on_step : callable, optional
        Called after every update as ``on_step(step)`` with a :class:`Step`:
        which samples the batch held and which neurons dropout kept, so that
        the step can be replayed exactly (as ``mlp_viz.playground`` does).
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

    Notes
    -----
    Each iteration: forward pass on the batch, its loss, back-propagation,
    clipping, weight decay, then the optimiser's step for every weight
    matrix and bias vector. With the default optimiser that step is
    ``p <- p - lr * dL/dp``.
    """
    plan = _plan(net, X, y, lr=lr, epochs=epochs, batch_size=batch_size, loss=loss,
                 dropout=dropout, momentum=momentum, optimizer=optimizer,
                 weight_decay=weight_decay, clip_norm=clip_norm, seed=seed, X_val=X_val,
                 y_val=y_val, snapshot_every=snapshot_every, callback=callback,
                 on_step=on_step, epoch_loss=epoch_loss)
    ws = _Workspace(net, plan.batch)  # arrays every step writes into (see mlp_viz.network)
    # every parameter array beside its gradient's view into the one flat ws.gradients
    pairs = [(p, g) for layer in zip(net.weights, net.biases, ws.dW, ws.db)
             for p, g in (layer[0::2], layer[1::2])]
    state = plan.optimizer.new_state(ws.gradients)
    decay = [np.empty_like(W) for W in net.weights] if plan.weight_decay else None
    # A blow-up is noticed and reported once (see Recorder), not warned about by NumPy at
    # every overflowing entry.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        record = Recorder(net, plan.loss_on, (plan.X, plan.Y), plan.val, epoch_loss,
                          plan.snapshot_every)  # the loss before training
        for epoch in range(1, plan.epochs + 1):
            record.start_epoch()
            for rows, Xb, Yb in _batches(plan, ws):
                run = net._run(Xb, True, plan.dropout, plan.rng, ws)  # forward
                batch_loss = plan.loss._value(run.z[-1], run.a[-1], Yb)  # loss
                grads = net._backward(run, Yb, plan.loss, ws)  # backward
                total_square = record.iteration(epoch, batch_loss, grads)
                if total_square is None:  # the loss or a gradient blew up: stop
                    break
                factor = clip_in_place(ws.gradients, total_square, plan.clip_norm)  # clip
                _add_weight_decay(grads, net.weights, plan.weight_decay, decay)  # L2
                plan.optimizer.step(ws.gradients, state, plan.lr)  # the step d, in place of g
                for p, d in pairs:  # p <- p - d
                    p -= d
                record.updated(factor)
                if plan.on_step is not None:
                    plan.on_step(Step(len(record.it_losses), epoch, rows, run.keep))
            if not record.end_epoch(epoch, plan.callback):  # blew up: rolled back
                break
    history = record.history(plan.per_epoch, plan.settings)
    if history.diverged is not None:
        _warn_divergence(history, plan.lr)
    return history


class Step(NamedTuple):
    """One update of a training run, as ``train(on_step=...)`` reports it.

    Attributes
    ----------
    iteration : int
        Counted from 1: the network before this update is the one after
        ``iteration - 1`` updates.
    epoch : int
        Counted from 1.
    rows : ndarray of int, or None
        The batch: ``X[rows]``, in the order the step used them; None for
        the full batch (all of ``X``, in order).
    keep_masks : list
        Dropout's keep-masks of the step, one entry per layer as
        ``Trace.keep`` (None where nothing was dropped); pass them to
        ``net.forward_trace(..., keep_masks=...)`` to replay the pass.
    """

    iteration: int
    epoch: int
    rows: np.ndarray | None
    keep_masks: list


class _Plan(NamedTuple):
    """The checked arguments of one :func:`train` call."""

    X: np.ndarray
    Y: np.ndarray
    val: tuple | None
    lr: float
    epochs: int
    batch: int  # samples per batch (n for the full batch)
    per_epoch: int
    loss: object  # a Loss
    loss_on: object  # loss_on(X, Y): the loss on checked data, at evaluation time
    dropout: float
    optimizer: object  # an Optimizer
    weight_decay: float
    clip_norm: float | None
    rng: np.random.Generator
    snapshot_every: int | None
    callback: object
    on_step: object
    settings: dict


def _plan(net, X, y, *, lr, epochs, batch_size, loss, dropout, momentum, optimizer,
          weight_decay, clip_norm, seed, X_val, y_val, snapshot_every, callback, on_step,
          epoch_loss):
    """Check every argument of :func:`train` (in its words); return a :class:`_Plan`."""
    check_net(net, "train")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be callable, as callback(epoch, loss, val_loss); got "
                        f"{type(callback).__name__} {callback!r}.")
    if on_step is not None and not callable(on_step):
        raise TypeError(f"on_step must be callable, as on_step(step); got "
                        f"{type(on_step).__name__} {on_step!r}.")
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
    opt = _optimizer(optimizer, momentum)
    weight_decay = check_number(weight_decay, "weight_decay", low=0, low_inclusive=True,
                                hint="It is the L2 strength lambda; 0 turns it off, 1e-4 is "
                                     "a usual value.")
    if clip_norm is not None:
        clip_norm = check_number(clip_norm, "clip_norm", low=0,
                                 hint="It is the largest gradient norm let through; use None "
                                      "for no clipping.")
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

    def loss_on(Xs, Ys):  # net.loss on data checked here, without checking it again
        run = net._run(Xs, False, 0.0, None)
        return loss_fn._value(run.z[-1], run.a[-1], Ys)

    B = n if batch_size is None else batch_size
    settings = dict(lr=lr, epochs=epochs, batch_size=batch_size, loss=loss_fn.name,
                    dropout=rate, momentum=getattr(opt, "momentum", 0.0), optimizer=opt,
                    weight_decay=weight_decay, clip_norm=clip_norm, epoch_loss=epoch_loss)
    return _Plan(X2, Y, val, lr, epochs, B, iterations_per_epoch(n, B), loss_fn, loss_on,
                 rate, opt, weight_decay, clip_norm,
                 net.rng if seed is None else as_generator(seed), snapshot_every, callback,
                 on_step, settings)


def _optimizer(optimizer, momentum):
    """The optimiser `train` steps with: `optimizer`, or SGD with the shorthand `momentum`."""
    momentum = check_number(momentum, "momentum", low=0, low_inclusive=True, high=1)
    if not momentum:
        return get_optimizer(optimizer)
    if isinstance(optimizer, str) and optimizer.lower() == "sgd":
        return SGD(momentum=momentum)
    raise ValueError(
        f"momentum={momentum:g} is a setting of SGD, but optimizer={optimizer!r} was given too. "
        f"Give the momentum inside the optimiser, e.g. optimizer=mlp_viz.SGD(momentum="
        f"{momentum:g}), and leave momentum out."
    )


def _batches(plan, ws):
    """The epoch's mini-batches ``(rows, X_b, Y_b)``: the rows shuffled once, then cut up.

    Batch ``i`` is rows ``order[i*B:(i+1)*B]`` of a fresh permutation; the
    full batch is the data themselves, unshuffled (the order cannot matter).
    """
    X, Y, B = plan.X, plan.Y, plan.batch
    if B == X.shape[0]:
        yield None, X, Y
        return
    order = plan.rng.permutation(X.shape[0])
    for i in range(plan.per_epoch):
        rows = order[i * B:(i + 1) * B]
        # X[rows] and Y[rows], copied into the workspace's arrays (mode="clip" only skips
        # re-checking indices known to be valid)
        yield (rows, X.take(rows, axis=0, out=ws.X[:rows.size], mode="clip"),
               Y.take(rows, axis=0, out=ws.Y[:rows.size], mode="clip"))


def _add_weight_decay(grads, weights, weight_decay, scratch):
    """L2 on the weights (not the biases): ``dW <- dW + weight_decay * W``.

    ``weight_decay * W`` is written into `scratch` (one array per weight
    matrix, made once per run) rather than into a new array at every step.
    """
    if weight_decay:
        for (dW, _), W, s in zip(grads, weights, scratch):
            np.multiply(W, weight_decay, out=s)
            dW += s


def _warn_divergence(history, lr):
    """The one warning of a run that blew up (pointing at the caller of train)."""
    warnings.warn(
        f"training diverged in epoch {history.diverged} (iteration "
        f"{history.diverged_iteration}): the loss blew up (to infinity, NaN, or over "
        f"{DIVERGENCE_FACTOR:g} times max(1, its starting value)), most likely because the "
        f"learning rate {lr:g} is too large. Training stopped; the network keeps its "
        f"parameters from the end of epoch {history.diverged - 1}. Try a smaller learning "
        "rate.",
        DivergenceWarning,
        stacklevel=3,
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
