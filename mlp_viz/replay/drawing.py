"""The playground's picture: five panels, drawn once per run and updated per iteration.

A :class:`Picture` is built for one recorded run: the axes, their labels and
everything that is the same at every iteration are drawn once into a cached
background. Showing an iteration then restores that background and draws
only the artists that change (the neuron pictures, the edges, the output,
the cursor, the path so far, the gradient bars), so scrubbing costs a
fraction of a full redraw. A picture is built the same way whatever was shown
before, so an iteration's pixels depend only on the run and the iteration.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap, Normalize
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from ..plots._style import BLACK, BLUE, GREY, ORANGE, VERMILLION
from ..plots.surfaces import plot_contour
from ..widgets._base import _clear_keeping_ticks, blit_png
from ..widgets.training import divergence_note

__all__ = ["Picture"]

FIGSIZE = (14.0, 7.6)
CLASS_COLOURS = (ORANGE, BLUE)
# The output's probability of class 1, from class 0's colour through white to class 1's.
PROBABILITY_CMAP = LinearSegmentedColormap.from_list("class_probability",
                                                     ["#F5C46B", "#FFFFFF", "#7FB2DA"])
NEURON_CMAP = LinearSegmentedColormap.from_list("neuron", [VERMILLION, "#FFFFFF", BLUE])


def _inches(fig, left, bottom, width, height):
    w, h = fig.get_size_inches()
    return fig.add_axes((left / w, bottom / h, width / w, height / h))


def _panels(figure):
    """The five panels, made once per figure (and their places)."""
    panels = getattr(figure, "_playground_panels", None)
    if panels is None:
        figure.clear()
        panels = (_inches(figure, 0.25, 3.95, 8.3, 2.85), _inches(figure, 9.0, 3.95, 3.2, 2.75),
                  _inches(figure, 0.85, 0.6, 3.75, 2.55), _inches(figure, 5.75, 0.6, 2.85, 2.55),
                  _inches(figure, 10.15, 0.6, 3.6, 2.55))
        figure._playground_panels = panels
        figure._playground_places = {ax: ax.get_position() for ax in panels}
    return panels


def _clear(figure, axes):
    """Clear `axes` for a new run, and remove the axes the run before added (a colour bar).

    Making axes (and their ticks) costs a third of drawing a new run, so the
    panels are kept; a cleared panel keeps nothing of the run before
    (``tests/test_explorer_pictures.py`` compares a moved playground's
    pixels with a fresh one's).
    """
    for extra in [ax for ax in figure.axes if ax not in figure._playground_panels]:
        extra.remove()
    for ax in axes:
        _clear_keeping_ticks(ax)
        ax.set_position(figure._playground_places[ax])  # a colour bar took room: give it back


class Picture:
    """The figure of one recorded run, ready to show any of its iterations.

    The top row (the network and the output) shows what the data and the
    architecture fix, the bottom row (loss, surface, gradients) what the run
    itself fixes. A new run on the same data and network keeps the top row's
    artists and its drawing (the `top` layer) from the picture before, and
    builds only the bottom row; a fresh picture composes its background the
    same way (the top layer, then the bottom panels drawn over it), so both
    give the same pixels.

    Parameters
    ----------
    figure : matplotlib Figure
        Filled with this run's panels.
    recording : Recording
    grid : InputGrid
    ghost : Recording, optional
        A pinned run to draw beside this one, described by `ghost_label`.
    before : Picture, optional
        The picture shown until now, whose top row may be reused.
    """

    def __init__(self, figure, recording, grid, ghost=None, ghost_label="", before=None):
        self.figure, self.recording, self.grid = figure, recording, grid
        self.ghost, self.ghost_label = ghost, ghost_label
        problem = recording.problem
        self.plane = problem.n_features == 2
        self.net_ax, self.out_ax, self.loss_ax, self.surface_ax, self.grad_ax = _panels(figure)
        self.bottom_axes = (self.loss_ax, self.surface_ax, self.grad_ax)
        net = recording.start
        self.animated = []
        if (before is not None and before.recording.problem is problem and before.grid is grid
                and before.recording.start.layer_sizes == net.layer_sizes
                and before.recording.start.activations == net.activations):
            self._take_top(before)
            _clear(figure, self.bottom_axes)
        else:
            _clear(figure, figure._playground_panels)
            for text in list(figure.texts):
                text.remove()
            self._top_row()
        self.top_animated, self.animated = self.animated, []
        self._run_note()
        self._loss_panel()
        self._surface_panel()
        self._gradient_panel()
        self.animated = self.top_animated + self.animated
        w_max = np.max(np.abs(recording.history.snapshots))  # the run's largest parameter
        self.w_scale = 3.0 / max(w_max, 1e-12)
        self.background = self._compose()

    def _top_row(self):
        """Build the network and output panels, and draw what stays of them (the top layer)."""
        self.title = self.figure.text(0.3, 0.975, "", ha="center", va="top", fontsize=12,
                                      fontweight="bold")
        self._animate(self.title)
        self._network_panel()
        self._output_panel()
        canvas = self.figure.canvas
        for ax in self.bottom_axes:
            ax.set_visible(False)
        try:
            canvas.draw()
        finally:
            for ax in self.bottom_axes:
                ax.set_visible(True)
        self.top = canvas.copy_from_bbox(self.figure.bbox)

    def _take_top(self, before):
        """Keep the top row of the picture before: its artists and its drawing."""
        for name in ("title", "edges", "pictures", "output", "rings", "out_title", "top"):
            setattr(self, name, getattr(before, name, None))
        if before.note is not None:
            before.note.remove()
        self.animated = list(before.top_animated)

    def _compose(self):
        """The background: the top layer, with the bottom row drawn over it."""
        canvas = self.figure.canvas
        canvas.restore_region(self.top)
        renderer = canvas.get_renderer()
        for ax in self.figure.axes:
            if ax not in (self.net_ax, self.out_ax):
                ax.draw(renderer)  # the bottom panels and the surface's colour bar
        return canvas.copy_from_bbox(self.figure.bbox)

    def _animate(self, artist):
        """Mark `artist` as one that changes with the iteration (drawn over the background)."""
        artist.set_animated(True)
        self.animated.append(artist)
        return artist

    # ------------------------------------------------------------------ network
    def _network_panel(self):
        ax, net = self.net_ax, self.recording.start
        sizes = net.layer_sizes
        tallest = max(sizes)
        ax.set_xlim(-0.5, len(sizes) - 0.5)
        ax.set_ylim(-0.6, tallest - 0.4)
        ax.axis("off")
        width_in, height_in = 8.3, 2.85
        box_in = min(0.85 * height_in / tallest, 0.62)
        self.box = (box_in / (width_in / len(sizes)), box_in / (height_in / tallest))
        self.positions = [np.column_stack([np.full(n, l), (tallest - 1) / 2 - np.arange(n)
                                           + (n - 1) / 2]) for l, n in enumerate(sizes)]
        # the edges, one collection per pair of layers, under the pictures
        self.edges = []
        for l in range(1, len(sizes)):
            start, end = self.positions[l - 1], self.positions[l]
            segments = [((x0 + self.box[0] / 2, y0), (x1 - self.box[0] / 2, y1))
                        for x1, y1 in end for x0, y0 in start]
            self.edges.append(self._animate(ax.add_collection(
                LineCollection(segments, zorder=1))))
        self.pictures = []
        for l in range(len(sizes)):
            layer = []
            for x, y in self.positions[l]:
                extent = (x - self.box[0] / 2, x + self.box[0] / 2, y - self.box[1] / 2,
                          y + self.box[1] / 2)
                layer.append(self._neuron(ax, extent, fixed=l == 0))
            self.pictures.append(layer)
        self._input_pictures()
        names = ["input"] + [f"hidden layer {l}" for l in range(1, len(sizes) - 1)] + ["output"]
        for l, (name, n) in enumerate(zip(names, sizes)):
            ax.text(l, tallest - 0.45, f"{name}\n{n} neuron{'s' * (n > 1)}", ha="center",
                    va="bottom", fontsize=8.5)
        act = (f"{net.activations[0]} hidden layers" if len(sizes) > 2 else
               "no hidden layer")
        shows = ("Pictures: each neuron's output over the input plane (blue > 0, red < 0, "
                 "own scale)" if self.plane else
                 "Curves: each neuron's output along the input line (own scale)")
        self.figure.text(0.02, 3.55 / FIGSIZE[1], f"{shows}; {act}. Edges: weights, "
                         "blue > 0, red < 0, width = size.", fontsize=8, va="bottom",
                         color="#333333")

    def _neuron(self, ax, extent, fixed):
        """One neuron's picture: an image over the plane, or a curve over the line."""
        ax.add_patch(_frame_patch(extent))
        if self.plane:
            image = ax.imshow(np.zeros(self.grid.shape), extent=extent, origin="lower",
                              cmap=NEURON_CMAP, norm=Normalize(-1, 1), aspect="auto",
                              interpolation="bilinear", zorder=2)
            return image if fixed else self._animate(image)
        (line,) = ax.plot([], [], color=BLACK, linewidth=1.0, zorder=2)
        line.box = extent
        return line if fixed else self._animate(line)

    def _input_pictures(self):
        """The input neurons show the inputs themselves (they never change)."""
        points = self.grid.points
        for j, picture in enumerate(self.pictures[0]):
            self._set_picture(picture, points[:, j].reshape(self.grid.shape))

    def _set_picture(self, picture, values):
        """A neuron's picture, scaled to its own range (white is 0, blue > 0, red < 0)."""
        if self.plane:
            scale = float(np.max(np.abs(values))) or 1.0
            picture.set_data(values)
            picture.set_norm(Normalize(-scale, scale))
            return
        x0, x1, y0, y1 = picture.box
        low, high = float(values.min()), float(values.max())
        span = (high - low) or 1.0
        t = np.linspace(x0 + 0.05 * (x1 - x0), x1 - 0.05 * (x1 - x0), values.size)
        picture.set_data(t, y0 + (y1 - y0) * (0.1 + 0.8 * (values - low) / span))

    # ------------------------------------------------------------------- output
    def _output_panel(self):
        ax, p = self.out_ax, self.recording.problem
        ext = self.grid.extent
        if self.plane:
            self.output = self._animate(ax.imshow(np.zeros(self.grid.shape), extent=ext,
                                                  origin="lower", cmap=PROBABILITY_CMAP,
                                                  norm=Normalize(0, 1), aspect="auto",
                                                  interpolation="bilinear"))
            for k, colour in enumerate(CLASS_COLOURS):
                train, val = p.y == k, p.y_val == k
                self._animate(ax.scatter(*p.X[train].T, s=16, color=colour, edgecolors=BLACK,
                                         linewidths=0.5, label=f"class {k}, training"))
                self._animate(ax.scatter(*p.X_val[val].T, s=18, facecolors="none",
                                         edgecolors=colour, linewidths=1.3,
                                         label=f"class {k}, validation"))
            self.rings = self._animate(ax.scatter([], [], s=70, facecolors="none",
                                                  edgecolors=BLACK, linewidths=1.2,
                                                  label="misclassified"))
            ax.set_xlim(ext[0], ext[1])
            ax.set_ylim(ext[2], ext[3])
            ax.set(xlabel="x₁", ylabel="x₂")
            for axis in (ax.xaxis, ax.yaxis):
                axis.set_major_locator(MaxNLocator(5))
        else:
            ax.scatter(p.X[:, 0], p.y, s=12, color=BLUE, label="training")
            ax.scatter(p.X_val[:, 0], p.y_val, s=14, facecolors="none", edgecolors=ORANGE,
                       label="validation")
            (self.output,) = ax.plot([], [], color=BLACK, linewidth=2, label="network")
            self._animate(self.output)
            ys = np.concatenate([p.y, p.y_val])
            pad = 0.15 * (np.ptp(ys) or 1.0)
            ax.set_xlim(*ext)
            ax.set_ylim(ys.min() - pad, ys.max() + pad)
            ax.set(xlabel="x", ylabel="y")
        self.out_title = self._animate(ax.set_title("", fontsize=9.5))
        # Beside the panel, so that it stays in the background (drawn once per run).
        legend = ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7,
                           borderaxespad=0.0, frameon=False)
        for handle in legend.legend_handles:
            handle.set_animated(False)

    def _run_note(self):
        """Over the output, a run that blew up says where and why (drawn last)."""
        note = divergence_note(self.recording.history)
        self.note = None
        if note is not None:
            ax = self.out_ax
            self.note = self._animate(ax.text(0.5, 0.5, note[1], transform=ax.transAxes,
                                              ha="center", va="center", fontsize=8.5,
                                              color=BLACK, zorder=10,
                                              bbox=dict(boxstyle="round,pad=0.4",
                                                        facecolor="white", alpha=0.95,
                                                        edgecolor=VERMILLION, linewidth=2)))

    # --------------------------------------------------------------------- loss
    def _loss_panel(self):
        ax, h = self.loss_ax, self.recording.history
        n, per = h.n_iterations, h.iterations_per_epoch
        ax.plot(np.arange(1, n + 1), h.iteration_loss, color=GREY, linewidth=0.8,
                label="each batch")
        epochs = np.arange(len(h.loss)) * per
        ax.plot(epochs, h.loss, color=BLUE, linewidth=1.8, label="training (epoch end)")
        ax.plot(epochs, h.val_loss, color=ORANGE, linewidth=1.8, linestyle="--",
                label="validation (epoch end)")
        shown = [h.loss, h.val_loss, h.iteration_loss]
        if self.ghost is not None:  # the pinned run, for comparison
            g = self.ghost.history
            ax.plot(np.arange(len(g.loss)) * g.iterations_per_epoch, g.loss, color=BLACK,
                    linewidth=1.2, linestyle=":", label=f"pinned: {self.ghost_label}")
            shown.append(g.loss)
        shown = np.concatenate(shown)
        if shown.min() > 0 and shown.max() > 100 * shown.min():
            ax.set_yscale("log")
        ax.set_xlim(0, max(n, 1))
        # fewer labels: each one costs drawing time (a log axis keeps its powers of ten)
        ax.xaxis.set_major_locator(MaxNLocator(5))
        if ax.get_yscale() == "linear":
            ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.set(xlabel="iteration (updates made)",
               ylabel=f"loss ({self.recording.problem.loss.replace('_', ' ')})",
               title="Loss during training")
        ax.legend(loc="upper right", fontsize=7, framealpha=0.9)
        self.cursor = self._animate(ax.axvline(0, color=BLACK, linewidth=1.2))
        (self.loss_dot,) = ax.plot([], [], "o", color=BLACK, markersize=5)
        self._animate(self.loss_dot)

    # ------------------------------------------------------------------ surface
    def _surface_panel(self):
        ax = self.surface_ax
        plot_contour(self.recording.surface, ax=ax)
        for axis in (ax.xaxis, ax.yaxis):  # a narrow panel: few ticks leave room for labels
            axis.set_major_locator(MaxNLocator(4))
        ax.set_title("Loss on the plane of this run's path", fontsize=9.5)
        ghost = self.ghost
        if ghost is not None and ghost.start.n_params == self.recording.start.n_params:
            # the pinned run's path, projected on this run's plane
            seen = ghost.history.snapshots[ghost.path_iterations]
            path = self.recording.surface.project(seen, ghost.path.losses)
            ax.plot(path.alphas, path.betas, color=BLACK, linestyle=":", linewidth=1.2,
                    marker="o", markersize=1.5, label="pinned run")
            ax.legend(loc="upper right", fontsize=6.5, framealpha=0.85)
        (self.path_line,) = ax.plot([], [], color=VERMILLION, marker="o", markersize=2.5,
                                    linewidth=1.3)
        (self.here,) = ax.plot([], [], marker="*", markersize=12, color="#F0E442",
                               markeredgecolor=BLACK, linestyle="none")
        self._animate(self.path_line)
        self._animate(self.here)

    # ---------------------------------------------------------------- gradients
    def _gradient_panel(self):
        ax, h = self.grad_ax, self.recording.history
        layers = np.arange(1, h.grad_norms.shape[1] + 1 if h.n_iterations else
                           self.recording.start.n_layers + 1)
        self.norm_bars = [self._animate(bar) for bar in ax.bar(
            layers - 0.2, np.ones(layers.size), width=0.38, color=BLUE,
            label="‖dL/dW‖ (the gradient)")]
        self.ratio_bars = [self._animate(bar) for bar in ax.bar(
            layers + 0.2, np.ones(layers.size), width=0.38, color=ORANGE,
            label="‖ΔW‖ / ‖W‖ (the step, relative)")]
        from .frames import update_ratios

        self.ratios = update_ratios(self.recording)
        values = np.concatenate([h.grad_norms.ravel(), self.ratios.ravel()])
        values = values[np.isfinite(values) & (values > 0)]
        low, high = (values.min(), values.max()) if values.size else (1e-3, 1.0)
        ax.set_yscale("log")
        ax.set_ylim(low / 3, high * 3 * (high / low * 9) ** 0.35)  # room above for the legend
        # a few powers of ten, written with superscripts (mathtext labels draw slowly)
        ax.yaxis.set_major_locator(LogLocator(numticks=6))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_major_formatter(FuncFormatter(_power_of_ten))
        ax.set_xticks(layers, [f"layer {l}" for l in layers], fontsize=8)
        ax.set_xlim(0.4, layers.size + 0.6)
        ax.set(ylabel="size (log scale)", title="This step, per layer")
        ax.legend(loc="upper right", fontsize=7)
        self.grad_note = self._animate(ax.text(0.5, 0.5, "", transform=ax.transAxes,
                                               ha="center", va="center", fontsize=9))

    # -------------------------------------------------------------------- frame
    def show(self, fr):
        """Draw the frame `fr` (a :class:`~mlp_viz.replay.frames.Frame`); return PNG bytes."""
        self._update(fr)
        return blit_png(self.figure, self.background, self.animated)

    def _update(self, fr):
        rec, h = self.recording, self.recording.history
        n = h.n_iterations
        where = (f"epoch {fr.epoch} of {rec.settings['epochs']}" if fr.iteration
                 else "before training")
        self.title.set_text(f"Iteration {fr.iteration} of {n} ({where}): training loss "
                            f"{fr.loss:.4f}")
        for collection, W in zip(self.edges, fr.net.weights):
            w = W.ravel()
            collection.set_linewidths(0.2 + np.abs(w) * self.w_scale)
            collection.set_colors(np.where(w[:, None] >= 0, _rgba(BLUE), _rgba(VERMILLION)))
        for layer, values in zip(self.pictures[1:-1], fr.hidden):
            for picture, v in zip(layer, values):
                self._set_picture(picture, v)
        self._set_output(fr)
        self.cursor.set_xdata([fr.iteration, fr.iteration])
        self.loss_dot.set_data([fr.iteration], [fr.loss])
        upto = rec.path_iterations <= fr.iteration
        self.path_line.set_data(np.append(rec.path.alphas[upto], fr.position[0]),
                                np.append(rec.path.betas[upto], fr.position[1]))
        self.here.set_data([fr.position[0]], [fr.position[1]])
        if fr.grad_norms is None:
            heights = (np.full(len(self.norm_bars), 1e-30),) * 2
            self.grad_note.set_text("iteration 0: no step yet")
        else:
            heights = (fr.grad_norms, fr.ratios)
            self.grad_note.set_text("")
        for bars, values in zip((self.norm_bars, self.ratio_bars), heights):
            for bar, value in zip(bars, values):
                bar.set_height(value if np.isfinite(value) and value > 0 else 1e-30)

    def _set_output(self, fr):
        p = self.recording.problem
        if self.plane:
            self._set_picture(self.pictures[-1][0], fr.output * 2 - 1)
            self.output.set_data(fr.output)
            wrong = np.vstack([p.X[fr.wrong_train], p.X_val[fr.wrong_val]])
            self.rings.set_offsets(wrong if wrong.size else np.empty((0, 2)))
            right = 1 - fr.wrong_val.mean()
            self.out_title.set_text(f"Output: probability of class 1\nvalidation accuracy "
                                    f"{right:.1%} ({fr.wrong_val.sum()} of {len(p.y_val)} "
                                    "wrong)")
        else:
            self._set_picture(self.pictures[-1][0], fr.output)
            self.output.set_data(self.grid.points[:, 0], fr.output)
            self.out_title.set_text("Output: the fitted curve")


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_of_ten(value, _position):
    """A log axis's tick label, e.g. 10⁻⁴ (for powers of ten; others are not labelled)."""
    exponent = float(np.log10(value)) if value > 0 else float("nan")
    if not np.isfinite(exponent) or abs(exponent - round(exponent)) > 1e-9:
        return ""
    return "10" + str(round(exponent)).translate(_SUPERSCRIPTS)


def _frame_patch(extent):
    from matplotlib.patches import Rectangle

    x0, x1, y0, y1 = extent
    return Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor="white", edgecolor=GREY,
                     linewidth=0.8, zorder=1.5)


def _rgba(colour):
    from matplotlib.colors import to_rgba

    return np.array(to_rgba(colour))
