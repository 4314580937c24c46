"""What a training run records, and how it notices a run that blew up.

:class:`History` is what :func:`mlp_viz.train` returns. :class:`Recorder`
builds it as training goes: the loss per epoch and per iteration, the
gradient norms, the parameter snapshots, and where the loss blew up (then
it puts the network back to its last sound parameters).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

__all__ = ["BLOW_UP_FACTOR", "DIVERGENCE_FACTOR", "DivergenceWarning", "History", "Recorder"]


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
        any), before that update. (Weight decay's penalty is not in it.)
    grad_norms : ndarray, shape (n_iterations, n_layers)
        Frobenius norm of ``dL/dW`` for each layer at each iteration, before
        clipping; column ``l`` is the course's layer ``l + 1``.
    total_grad_norms : ndarray, shape (n_iterations,)
        The norm of the whole gradient (every ``dW`` and ``db`` together),
        before clipping: what ``clip_norm`` compares.
    clip_factors : ndarray, shape (n_iterations,)
        What clipping multiplied the whole gradient by: 1 where it was not
        clipped (always, without ``clip_norm``).
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
    settings : dict
        The settings of the run (learning rate, optimiser, ...).
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
    total_grad_norms: np.ndarray | None = None
    clip_factors: np.ndarray | None = None

    @property
    def clipped_grad_norms(self):
        """Each layer's ``||dW||`` after clipping: `grad_norms` times `clip_factors`.

        Returns
        -------
        ndarray, shape (n_iterations, n_layers)
        """
        factors = np.ones(self.n_iterations) if self.clip_factors is None else self.clip_factors
        return self.grad_norms * factors[:, None]

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


def squared_norms(grads):
    """Each layer's ``||dW||^2``, and the squared norm of the whole gradient.

    The sums of squares are dot products, as ``np.linalg.norm`` computes
    them. A NaN or infinity anywhere in a ``dW`` or ``db`` makes the total
    non-finite (so does a gradient too large to square: a blow-up as well).
    """
    squares, total = [], 0.0
    for dW, db in grads:
        w = dW.ravel()
        square = np.dot(w, w)
        squares.append(square)
        total += square + np.dot(db, db)
    return squares, float(total)


class Recorder:
    """Builds a :class:`History` as training goes, and stops a run that blew up.

    Parameters
    ----------
    net : MLP
    loss_on : callable
        ``loss_on(X, Y)``: the loss on a whole data set at evaluation time.
    data, val : (X, Y), and (X_val, Y_val) or None
    epoch_loss : str
        "full" or "batches" (see :func:`mlp_viz.train`).
    snapshot_every : int or None
    """

    def __init__(self, net, loss_on, data, val, epoch_loss, snapshot_every):
        self.net, self.loss_on, self.data, self.val = net, loss_on, data, val
        self.full = epoch_loss == "full"
        self.every = snapshot_every
        self.limit = None
        if self.full:
            first = loss_on(*data)
            self.limit = _divergence_limit(first)
            self.losses = [first]
        else:  # loss[0] will be the first mini-batch's loss, which its step measures anyway
            self.losses = [None]
        self.val_losses = [loss_on(*val) if val else None]
        self.it_losses, self.norm_squares, self.totals, self.factors = [], [], [], []
        self.snaps = [net.get_flat_params()] if self.every else None
        self.snap_its = [0] if self.every else None
        self.diverged = self.diverged_it = None
        self.epoch_start = self.epoch_start_it = None

    def start_epoch(self):
        """Remember the parameters the epoch starts from (to go back to after a blow-up)."""
        self.epoch_start = self.net.get_flat_params()
        self.epoch_start_it = len(self.it_losses)

    def iteration(self, epoch, batch_loss, grads):
        """Record a mini-batch's loss and gradient norms, before its update.

        Returns
        -------
        total_square : float or None
            The squared norm of the whole gradient; None if the loss or a
            gradient blew up (the run then stops, and nothing is recorded).
        """
        if self.limit is None:  # epoch_loss="batches": this batch's loss is loss[0]
            self.limit = _divergence_limit(batch_loss)
            self.losses[0] = batch_loss
        squares, total = squared_norms(grads)
        if not (math.isfinite(total) and batch_loss <= self.limit):  # False for NaN too
            self.diverged, self.diverged_it = epoch, len(self.it_losses) + 1
            return None
        self.it_losses.append(batch_loss)
        self.norm_squares.append(squares)
        self.totals.append(total)
        return total

    def updated(self, clip_factor):
        """Record the update just made (and a snapshot, when one is due)."""
        self.factors.append(clip_factor)
        if self.every and len(self.it_losses) % self.every == 0:
            self.snaps.append(self.net.get_flat_params())
            self.snap_its.append(len(self.it_losses))

    def end_epoch(self, epoch, callback):
        """Record the epoch's losses; False if the run blew up (the network is put back)."""
        if self.diverged is None:
            if self.full:
                train_loss = self.loss_on(*self.data)
            else:
                train_loss = float(np.mean(self.it_losses[self.epoch_start_it:]))
            val_loss = self.loss_on(*self.val) if self.val else None
            if train_loss <= self.limit and (val_loss is None or np.isfinite(val_loss)):
                self.losses.append(train_loss)
                self.val_losses.append(val_loss)
                if callback is not None:
                    callback(epoch, train_loss, val_loss)
                return True
            self.diverged, self.diverged_it = epoch, len(self.it_losses)
        self._roll_back()
        return False

    def _roll_back(self):
        """Put the network back where the epoch started; the path ends there too."""
        self.net.set_flat_params(self.epoch_start)
        if self.every:
            while self.snap_its[-1] > self.epoch_start_it:
                self.snaps.pop()
                self.snap_its.pop()
            if self.snap_its[-1] != self.epoch_start_it:
                self.snaps.append(self.epoch_start)
                self.snap_its.append(self.epoch_start_it)

    def history(self, per_epoch, settings):
        """The :class:`History` of the run."""
        if self.every and self.diverged is None and self.snap_its[-1] != len(self.it_losses):
            # the path ends at the trained network (after a divergence it already ends
            # where the network was put back)
            self.snaps.append(self.net.get_flat_params())
            self.snap_its.append(len(self.it_losses))
        n = len(self.it_losses)
        return History(
            loss=np.array(self.losses),
            val_loss=np.array(self.val_losses) if self.val else None,
            iteration_loss=np.array(self.it_losses),
            grad_norms=np.sqrt(np.array(self.norm_squares)).reshape(-1, self.net.n_layers),
            total_grad_norms=np.sqrt(np.array(self.totals, dtype=float)),
            clip_factors=np.array(self.factors[:n], dtype=float),
            iterations_per_epoch=per_epoch,
            snapshots=np.array(self.snaps) if self.every else None,
            snapshot_iterations=np.array(self.snap_its) if self.every else None,
            diverged=self.diverged,
            diverged_iteration=self.diverged_it,
            settings=settings,
        )


def _divergence_limit(start_loss):
    """The loss above which a run counts as diverged, from the loss it starts at."""
    if not np.isfinite(start_loss):
        raise ValueError(
            f"the loss is already {start_loss} before training; the inputs or weights are "
            "too large for this network. Standardise X, or start from smaller weights."
        )
    return DIVERGENCE_FACTOR * max(1.0, start_loss)
