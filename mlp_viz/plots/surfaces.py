"""Drawing loss surfaces, gradient-descent paths on them, and the gradient."""

from __future__ import annotations

import numpy as np
from matplotlib import colors, ticker

from .._validation import check_bool, check_int, check_number, check_point, describe
from ..surfaces import LossSurface, Trajectory
from . import _style
from ._style import check_axes, get_axes
from ._text import CornerNote

__all__ = ["draw_path", "plot_contour", "plot_surface_3d"]


def _norm(losses, log):
    """Colour scale: logarithmic when asked, or when the loss spans > 2 decades.

    A log scale starts at most four decades below the highest loss, so that a
    minimum of (almost) exactly 0 does not stretch it over thirty decades.
    """
    low, high = float(np.min(losses)), float(np.max(losses))
    if log is None:
        log = high > 0 and high > 100 * max(low, 0.0)
    if log and high > 0:
        return colors.LogNorm(vmin=max(low, high * 1e-4), vmax=high, clip=True)
    return colors.Normalize(vmin=low, vmax=high)


def _check_surface(surface, caller):
    if not isinstance(surface, LossSurface):
        raise TypeError(
            f"{caller} takes a LossSurface (from parameter_surface, direction_surface or "
            f"toy_surface); got {describe(surface)}."
        )


def _check_trajectory(trajectory):
    if not isinstance(trajectory, Trajectory):
        raise TypeError(
            "trajectory must be a Trajectory (from surface.descend(...) or "
            f"surface.project(...)); got {describe(trajectory)}."
        )
    if np.size(trajectory.alphas) == 0:
        raise ValueError(
            "trajectory has no points to draw; a Trajectory from surface.descend(...) or "
            "surface.project(...) has at least one."
        )


def _off_plane_note(trajectory):
    worst = float(np.max(trajectory.off_plane))
    return (f"The path leaves this plane:\nup to {worst:.0%} of its distance\nlies off it. "
            "Dots show the\ntrue loss at each step, not\nthe surface below them.")


def _densified(alphas, betas, per_segment=8):
    """Points along a path's segments, shape (n, 2): what a note must not cover."""
    points = np.column_stack([alphas, betas])
    if len(points) < 2:
        return points
    t = np.linspace(0, 1, per_segment, endpoint=False)[None, :, None]
    inner = points[:-1, None, :] + t * np.diff(points, axis=0)[:, None, :]
    return np.vstack([inner.reshape(-1, 2), points[-1:]])


def draw_path(ax, trajectory):
    """Draw a descent path on 2-D axes; return the artists (to remove them later).

    A path that leaves the plane gets a note saying so, in dark type on an
    opaque box, at the edge of the axes where it covers least of the path
    and none of the legend (decided each time the figure is drawn).

    Parameters
    ----------
    ax : matplotlib Axes
    trajectory : Trajectory

    Returns
    -------
    list of matplotlib artists
        The path's lines, then the note if there is one.
    """
    check_axes(ax, new_figure=False)
    _check_trajectory(trajectory)
    artists = ax.plot(trajectory.alphas, trajectory.betas, color=_style.VERMILLION, marker="o",
                      markersize=3, linewidth=1.5, label="gradient-descent steps")
    artists += ax.plot(trajectory.alphas[0], trajectory.betas[0], marker="o", markersize=9,
                       color=_style.VERMILLION, markeredgecolor="black", linestyle="none",
                       label="start")
    artists += ax.plot(trajectory.alphas[-1], trajectory.betas[-1], marker="*", markersize=13,
                       color=_style.YELLOW, markeredgecolor="black", linestyle="none",
                       label=f"end (L = {trajectory.losses[-1]:.3g})")
    if trajectory.leaves_plane:
        points = _densified(trajectory.alphas, trajectory.betas)
        artists.append(ax.add_artist(CornerNote(ax, _off_plane_note(trajectory), points)))
    return artists


def plot_surface_3d(surface, *, ax=None, trajectory=None, cmap=_style.SEQUENTIAL_CMAP,
                    log=None, elev=35, azim=-60):
    """The loss surface as a 3-D landscape, optionally with a descent path.

    Parameters
    ----------
    surface : LossSurface
    ax : 3-D matplotlib Axes, optional
        Made with ``fig.add_subplot(projection="3d")``; a new figure if None.
    trajectory : Trajectory, optional
        Drawn as dots at the true loss of each step, joined by a line, the
        start marked. A path that leaves the plane is said to do so.
    cmap : str
        Colour map of the surface.
    log : bool or None
        Colour the loss on a log scale; None decides from its range.
    elev, azim : float
        Viewing angles in degrees.

    Returns
    -------
    matplotlib Axes (3-D)
    """
    _check_surface(surface, "plot_surface_3d")
    if trajectory is not None:
        _check_trajectory(trajectory)
    log = check_bool(log, "log", allow_none=True)
    elev, azim = check_number(elev, "elev"), check_number(azim, "azim")
    ax = get_axes(ax, figsize=(7.0, 5.5), projection="3d")
    aa, bb = np.meshgrid(surface.alphas, surface.betas)
    norm = _norm(surface.losses, log)
    # Colour follows height, so the z axis is the scale: no colour bar needed.
    ax.plot_surface(aa, bb, surface.losses, cmap=cmap, norm=norm, linewidth=0,
                    antialiased=True, alpha=0.85, rcount=60, ccount=60)
    if trajectory is not None:
        ax.plot(trajectory.alphas, trajectory.betas, trajectory.losses, color=_style.VERMILLION,
                marker="o", markersize=3, linewidth=1.5, label="gradient-descent steps",
                zorder=10)
        ax.scatter([trajectory.alphas[0]], [trajectory.betas[0]], [trajectory.losses[0]],
                   color=_style.VERMILLION, s=60, edgecolor="black", label="start", zorder=11)
        ax.legend(loc="upper left")
        if trajectory.leaves_plane:  # inside the axes, clear of the axis labels
            ax.text2D(0.0, 0.0, _off_plane_note(trajectory), transform=ax.transAxes,
                      fontsize=_style.NOTE_POINTS, va="bottom", bbox=_style.NOTE_BOX)
    # A 3-D axis is drawn foreshortened: a few round ticks keep their labels apart.
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(ticker.MaxNLocator(4, steps=[1, 2, 5, 10]))
    ax.zaxis.set_major_locator(ticker.MaxNLocator(5, steps=[1, 2, 5, 10]))
    ax.set_xlabel(surface.labels[0], labelpad=12)
    ax.set_ylabel(surface.labels[1], labelpad=15)
    ax.set_zlabel("loss L")
    ax.set_title(surface.title, fontsize=10)
    ax.view_init(elev=elev, azim=azim)
    return ax


def plot_contour(surface, *, ax=None, trajectory=None, gradient_at=None, levels=30,
                 cmap=_style.SEQUENTIAL_CMAP, log=None):
    """The loss surface seen from above, as filled contours.

    Parameters
    ----------
    surface : LossSurface
    ax : matplotlib Axes, optional
    trajectory : Trajectory, optional
        Drawn as a line of dots from its start (large marker) to its end.
    gradient_at : tuple of float, optional
        ``(alpha, beta)``: draw the negative gradient there, the direction of
        steepest descent in this plane, scaled to a tenth of the axis range.
    levels : int
        Number of contour levels (>= 2).
    cmap : str
    log : bool or None
        Log-spaced levels; None decides from the loss's range.

    Returns
    -------
    matplotlib Axes
        A surface that is flat (the same loss at every grid point, to float
        precision) has no contours: it is filled in one colour, without a
        colour bar, and its title says that it is flat and at which loss.
    """
    _check_surface(surface, "plot_contour")
    if trajectory is not None:
        _check_trajectory(trajectory)
    if gradient_at is not None:
        gradient_at = check_point(gradient_at, "gradient_at")
    levels = check_int(levels, "levels", low=2)
    log = check_bool(log, "log", allow_none=True)
    ax = get_axes(ax, figsize=(6.0, 5.0))
    norm = _norm(surface.losses, log)
    if isinstance(norm, colors.LogNorm):
        lv = np.geomspace(norm.vmin, norm.vmax, levels)
    else:
        lv = np.linspace(norm.vmin, norm.vmax, levels)
    title = surface.title
    if np.all(np.diff(lv) > 0):
        _draw_contours(ax, surface, lv, cmap, norm)
    else:  # equal levels: the loss does not change over the grid
        low = float(np.min(surface.losses))
        ax.pcolormesh(surface.alphas, surface.betas, surface.losses, shading="nearest",
                      cmap=cmap, norm=colors.Normalize(vmin=low - 1, vmax=low + 1))
        title += f"\nflat: the loss is {low:.4g} at every grid point, so there are no contours"
    if trajectory is not None:
        draw_path(ax, trajectory)
    if gradient_at is not None:
        a, b = gradient_at
        g = surface.gradient_at(a, b)
        span = max(np.ptp(surface.alphas), np.ptp(surface.betas))
        length = np.hypot(*g)
        step = -g / length * 0.1 * span if length > 0 else np.zeros(2)
        ax.quiver([a], [b], [step[0]], [step[1]], angles="xy", scale_units="xy", scale=1,
                  color=_style.ORANGE, width=0.012, label="−∇L (steepest descent)",
                  zorder=5)
        ax.plot(a, b, marker="o", color="black", markersize=5, linestyle="none")
    if trajectory is not None or gradient_at is not None:
        ax.legend(loc="upper right", fontsize=8, framealpha=0.85)
    # Round steps, at most six: tick labels such as "-0.75" stay apart along the x axis.
    ax.xaxis.set_major_locator(ticker.MaxNLocator(6, steps=[1, 2, 5, 10]))
    ax.set_xlabel(surface.labels[0])
    ax.set_ylabel(surface.labels[1])
    ax.set_title(title, fontsize=10)
    ax.set_xlim(surface.alphas[0], surface.alphas[-1])
    ax.set_ylim(surface.betas[0], surface.betas[-1])
    return ax


def _draw_contours(ax, surface, lv, cmap, norm):
    """Filled contours at the levels `lv`, white lines at every third, and a colour bar."""
    # On a log scale, losses below its floor (a minimum at exactly 0) take the lowest colour.
    shown = np.maximum(surface.losses, lv[0])
    filled = ax.contourf(surface.alphas, surface.betas, shown, levels=lv, cmap=cmap, norm=norm)
    ax.contour(surface.alphas, surface.betas, shown, levels=lv[::3], colors="white",
               linewidths=0.4, alpha=0.6)
    bar = ax.figure.colorbar(filled, ax=ax, label="loss L")
    if isinstance(norm, colors.LogNorm):
        bar.ax.yaxis.set_major_locator(ticker.LogLocator(base=10))
        bar.ax.yaxis.set_major_formatter(ticker.LogFormatterSciNotation())
        bar.ax.yaxis.set_minor_locator(ticker.NullLocator())
    else:
        bar.ax.yaxis.set_major_locator(ticker.MaxNLocator(6))
        bar.ax.yaxis.set_major_formatter(ticker.FormatStrFormatter("%.3g"))
