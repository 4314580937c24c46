"""The records of a loss surface: the grid of losses on a plane, and paths on it.

A :class:`LossSurface` holds the loss over an ``alpha`` × ``beta`` grid of the
plane ``theta(alpha, beta) = origin + alpha * d1 + beta * d2`` and can
evaluate that plane afresh at any point (:meth:`LossSurface.loss_at`,
:meth:`LossSurface.gradient_at`), descend on it, or project a training path
onto it; a :class:`Trajectory` is such a path. How a surface is computed is
in :mod:`mlp_viz.surfaces` (from a network) and :mod:`mlp_viz.surfaces.toys`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._validation import (
    as_float_array,
    as_numeric_array,
    check_finite,
    check_int,
    check_number,
    check_point,
)
from ..optimizers import get_optimizer

__all__ = ["LossSurface", "Trajectory"]


@dataclass
class Trajectory:
    """A path of parameter points on a loss surface's plane.

    Attributes
    ----------
    alphas, betas : ndarray, shape (n_points,)
        Coordinates in the plane (for a projected path: of the projection).
    losses : ndarray, shape (n_points,)
        The true loss at each point of the path (not the surface's value at
        the projection).
    off_plane : ndarray, shape (n_points,)
        Distance of each point from the plane, relative to its distance from
        the surface's origin; 0 for a path that stays in the plane.
    """

    alphas: np.ndarray
    betas: np.ndarray
    losses: np.ndarray
    off_plane: np.ndarray

    @property
    def leaves_plane(self):
        """True if some point lies more than 1 % of its distance off the plane."""
        return bool(np.max(self.off_plane, initial=0.0) > 0.01)


@dataclass
class LossSurface:
    """The loss over a grid in a plane of parameter space.

    Attributes
    ----------
    alphas : ndarray, shape (n_alpha,)
        Grid coordinates along the first direction (the x axis).
    betas : ndarray, shape (n_beta,)
        Grid coordinates along the second direction (the y axis).
    losses : ndarray, shape (n_beta, n_alpha)
        ``losses[i, j]`` is the loss at ``(alphas[j], betas[i])``, the layout
        of ``np.meshgrid`` and matplotlib.
    labels : tuple of str
        Axis names, e.g. ``("W[1][0, 0]", "b[1][0]")``.
    kind : str
        "parameters", "directions" or "toy".
    title : str
    origin, d1, d2 : ndarray, shape (n_params,)
        The plane: ``theta = origin + alpha * d1 + beta * d2``.
    """

    alphas: np.ndarray
    betas: np.ndarray
    losses: np.ndarray
    labels: tuple
    kind: str
    title: str
    origin: np.ndarray
    d1: np.ndarray
    d2: np.ndarray
    _loss: object = field(default=None, repr=False)
    _grad: object = field(default=None, repr=False)

    def theta(self, alpha, beta):
        """The flat parameter vector at one point of the plane.

        Parameters
        ----------
        alpha, beta : float
            Finite numbers.

        Returns
        -------
        ndarray, shape (n_params,)
            ``origin + alpha * d1 + beta * d2``.
        """
        alpha, beta = _coordinates(alpha, beta)
        return self.origin + alpha * self.d1 + beta * self.d2

    def loss_at(self, alpha, beta):
        """The loss at one point of the plane, computed afresh.

        Parameters
        ----------
        alpha, beta : float
            Finite numbers.

        Returns
        -------
        float
        """
        return self._loss_at(*_coordinates(alpha, beta))

    def _loss_at(self, alpha, beta):
        return float(self._loss(np.array([alpha]), np.array([beta]))[0])

    def gradient_at(self, alpha, beta):
        """The gradient ``(dL/dalpha, dL/dbeta)`` at one point, by back-propagation.

        Parameters
        ----------
        alpha, beta : float
            Finite numbers.

        Returns
        -------
        ndarray, shape (2,)
            Its negative points downhill along the plane, fastest.
        """
        return self._grad(*_coordinates(alpha, beta))

    def descend(self, start, *, lr, steps, optimizer="sgd"):
        """Gradient descent inside the plane, from `start`.

        Parameters
        ----------
        start : tuple of float
            ``(alpha, beta)`` to start from.
        lr : float
            Learning rate (> 0).
        steps : int
            Number of updates (>= 1).
        optimizer : str or Optimizer
            The update rule, as for :func:`mlp_viz.train`: ``"sgd"`` (the
            default, ``p <- p - lr g``), ``"adam"``, ``"rmsprop"``, or an
            object such as ``mlp_viz.SGD(momentum=0.9)``. Its state starts
            afresh at `start`.

        Returns
        -------
        Trajectory
            ``steps + 1`` points, the start included, each with its true
            loss. A step whose loss or gradient stops being finite ends the
            path there.

        Raises
        ------
        ValueError
            If `start` is not two finite numbers, `lr` is not > 0 or
            `steps` not >= 1.
        """
        lr = check_number(lr, "learning rate", low=0)
        steps = check_int(steps, "steps", low=1)
        rule = get_optimizer(optimizer)
        point = np.array(check_point(start, "start"), dtype=float)
        state = rule.new_state(point)
        # The loop calls the unchecked evaluations: every point it makes is a pair of floats.
        path, losses = [point.copy()], [self._loss_at(*point)]
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(steps):
                gradient = np.array(self._grad(*map(float, point)), dtype=float)
                rule.update(point, gradient, state, lr)  # point moves in place
                loss = self._loss_at(*point) if np.all(np.isfinite(point)) else np.inf
                if not np.isfinite(loss):
                    break
                path.append(point.copy())
                losses.append(loss)
        path = np.array(path)
        return Trajectory(path[:, 0], path[:, 1], np.array(losses), np.zeros(len(path)))

    def project(self, snapshots, losses):
        """Project parameter vectors (e.g. ``History.snapshots``) onto the plane.

        Parameters
        ----------
        snapshots : ndarray, shape (n_points, n_params)
        losses : array_like, shape (n_points,)
            The true loss at each snapshot.

        Returns
        -------
        Trajectory
            Least-squares coordinates in the plane, with how far each point
            lies off it (``off_plane``). Training moves every parameter, so
            a projected path usually leaves the plane: its points then sit
            above or below the drawn surface.

        Raises
        ------
        ValueError
            Unless there is at least one snapshot, each of this network's
            size, and one finite loss per snapshot.
        """
        snaps = as_snapshots(snapshots)
        if snaps.shape[0] == 0:
            raise ValueError("snapshots is empty: there is no path to project.")
        if snaps.shape[1] != self.origin.size:
            raise ValueError(
                f"snapshots have {snaps.shape[1]} parameters, but this surface's network has "
                f"{self.origin.size}; pass History.snapshots of the same network."
            )
        losses = as_float_array(losses, "losses")
        if losses.shape != (snaps.shape[0],):
            raise ValueError(
                f"losses has {losses.size} entries, but there are {snaps.shape[0]} snapshots; "
                "give the true loss at each snapshot."
            )
        offsets = snaps - self.origin
        basis = np.column_stack([self.d1, self.d2])
        coords, *_ = np.linalg.lstsq(basis, offsets.T, rcond=None)
        residual = np.linalg.norm(offsets.T - basis @ coords, axis=0)
        scale = np.linalg.norm(offsets, axis=1)
        off = np.divide(residual, scale, out=np.zeros_like(residual), where=scale > 0)
        return Trajectory(coords[0], coords[1], np.asarray(losses, dtype=float), off)

    @property
    def minimum(self):
        """``(alpha, beta, loss)`` of the lowest grid point."""
        i, j = np.unravel_index(np.argmin(self.losses), self.losses.shape)
        return float(self.alphas[j]), float(self.betas[i]), float(self.losses[i, j])


# ------------------------------------------------------------ checks of arguments
def _coordinates(alpha, beta):
    """A point of the plane: two finite numbers, as floats."""
    return check_number(alpha, "alpha"), check_number(beta, "beta")


def as_snapshots(snapshots):
    """Flat parameter vectors, one per row, as float64 (a 1-D vector is one snapshot)."""
    snaps = as_numeric_array(snapshots, "snapshots")
    check_finite(snaps, "snapshots")
    snaps = np.atleast_2d(np.asarray(snaps, dtype=float))
    if snaps.ndim != 2:
        raise ValueError(
            "snapshots must be 2-D, one flat parameter vector per row (n_points, n_params); got "
            f"shape {snaps.shape}."
        )
    return snaps
