"""The dropout explorer's picture: drawn once, then brought to each new rate.

What the rate does not change (where the neurons sit, the layer names, the
axes, their ticks and labels, the network's legend) is drawn once into a
cached background. A rate then restyles the edges and the neurons, sets the
loss curves, the class regions, the boundary and the ringed points, and draws
only those over the background: a fraction of a full redraw. The loss axis
runs from 0 to the run's largest loss rounded up to a multiple of
``LOSS_STEP``, and there is one background per such height. A picture at a
rate is the same whatever rate was shown before
(``tests/test_explorer_pictures.py`` compares the pixels).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..decision import compute_decision_grid
from ..plots._diagram import draw_legend, edge_styles, layout, neuron_style
from ..plots._style import BLACK, BLUE, ORANGE, layer_colour
from ..plots.decision import RING, draw_classes
from ..plots.network import dropped_neurons, plot_network
from ..plots.training import mark_divergence
from ._base import blit_png

__all__ = ["LOSS_STEP", "DropoutPicture"]

MAX_NEURONS = 8  # the widest layer drawn in full; wider ones are summarised
RESOLUTION = 100  # grid points per axis of the class regions
LOSS_STEP = 0.25


class DropoutPicture:
    """The three panels of the dropout explorer, for the runs of one problem.

    Parameters
    ----------
    figure : matplotlib Figure
    axes : (Axes, Axes, Axes)
        The network, loss and data panels.
    problem : DropoutProblem
    run : DropoutRun
        Any run of the problem: the network's layout comes from it (it is the
        same for every run); nothing else of it stays in the picture.
    """

    def __init__(self, figure, axes, problem, run):
        self.figure, self.problem = figure, problem
        self.net_ax, self.loss_ax, self.data_ax = axes
        self.backgrounds = {}  # by the loss axis' height
        self.marks, self.boundary = [], []  # made for one run only: removed at the next
        self.height = None
        self._network_panel(run)
        self._loss_panel()
        self._data_panel(run)
        # Left out of a full draw: they are drawn over the background at every rate.
        for artist in self.network_artists + self.loss_artists + [self.regions] + self.data_artists:
            artist.set_animated(True)

    # ------------------------------------------------------------------ building
    def _network_panel(self, run):
        net = run.net
        # The rate is in the loss panel's title: this one stays in the background.
        diagram = plot_network(net, ax=self.net_ax, trace=run.trace, max_neurons=MAX_NEURONS,
                               show_stages=False, title="Which neurons one training step drops")
        if diagram.legend is not None:
            diagram.legend.remove()
        # Every kind of edge and the dropped neuron, whatever one run happens to draw.
        top = layout(net, MAX_NEURONS)[3]
        draw_legend(self.net_ax, {1.0, -1.0}, True, "weight", net.n_layers, top)
        self.diagram = diagram
        self.network_artists = (list(diagram.edges)
                                + [c for layer in diagram.neurons for c in layer])
        # The "+N more" markers sit on the edges: their pixels go back on top.
        self.stickers = [t.get_bbox_patch() for t in diagram.more_texts if t is not None]

    def _loss_panel(self):
        ax, epochs = self.loss_ax, self.problem.epochs
        self.train_line, = ax.plot([], [], color=BLUE, label="training loss")
        self.val_line, = ax.plot([], [], color=ORANGE, linestyle="--", label="validation loss")
        ax.set_xlim(-0.05 * epochs, 1.05 * epochs)
        ax.xaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))
        ax.set_xlabel("epoch (0 = before training)")
        ax.set_ylabel("loss (binary cross entropy)")
        self.stickers.append(ax.legend(loc="upper right", framealpha=1))
        self.loss_artists = [self.train_line, self.val_line, ax.title]

    def _data_panel(self, run):
        ax, p = self.data_ax, self.problem
        grid = compute_decision_grid(run.net, p.X, resolution=RESOLUTION)  # placed by X alone
        x, y = grid.xx[0], grid.yy[:, 0]
        dx, dy = (x[1] - x[0]) / 2, (y[1] - y[0]) / 2  # the cells are centred on the grid
        colours = [layer_colour(0), layer_colour(1)]
        self.regions = ax.imshow(grid.classes, origin="lower", aspect="auto",
                                 extent=(x[0] - dx, x[-1] + dx, y[0] - dy, y[-1] + dy),
                                 cmap=ListedColormap(colours), vmin=-0.5, vmax=1.5, alpha=0.25,
                                 interpolation="nearest", zorder=0)
        points = draw_classes(ax, p.X, p.y, colours)
        self.rings = ax.scatter(np.empty(0), np.empty(0), **RING)
        ax.set_xlim(x[0], x[-1])
        ax.set_ylim(y[0], y[-1])
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")
        # No tick marks: the regions, drawn over the background, would cut their inner ends.
        ax.tick_params(length=0, pad=4)
        handles = points + [
            Line2D([], [], linestyle="none", marker="o", markersize=11, markerfacecolor="none",
                   markeredgecolor=BLACK, markeredgewidth=1.5, label="misclassified (ringed)"),
            Line2D([], [], color=BLACK, linewidth=1.5, label="decision boundary (output = 0.5)")]
        # Square and opaque: its pixels, put back over the regions, show nothing else.
        self.stickers.append(ax.legend(handles=handles, loc="lower left", fontsize="small",
                                       framealpha=1, fancybox=False))
        # Drawn over the regions (and the boundary): the frame, the points, the rings.
        self.data_artists = [*ax.spines.values(), *points, self.rings, ax.title]

    # ------------------------------------------------------------------ a run
    def show(self, run):
        """Bring every changing artist to `run` and return the picture as PNG bytes."""
        for artist in self.marks + self.boundary:
            artist.remove()
        self._set_network(run)
        self._set_losses(run)
        self._set_data(run)
        animated = (self.network_artists + self.loss_artists + self.marks
                    + [self.regions] + self.boundary + self.data_artists)
        canvas = self.figure.canvas
        if self.height not in self.backgrounds:  # drawn without the animated artists
            # matplotlib 3.9 (the lowest supported) draws an animated image in a full draw:
            # hidden, the regions cannot shine through their own translucent redraw.
            self.regions.set_visible(False)
            try:
                canvas.draw()
            finally:
                self.regions.set_visible(True)
            renderer = canvas.get_renderer()
            self.backgrounds[self.height] = (
                canvas.copy_from_bbox(self.figure.bbox),
                [canvas.copy_from_bbox(s.get_window_extent(renderer)) for s in self.stickers])
        background, stickers = self.backgrounds[self.height]
        # the legends and markers go back over what was drawn under them
        return blit_png(self.figure, background, animated, on_top=stickers)

    def _set_network(self, run):
        d, net = self.diagram, run.net
        dropped = dropped_neurons(run.trace, d.shown)
        w_max = max(float(np.max(np.abs(W))) for W in net.weights)
        for l, (W, lines) in enumerate(zip(net.weights, d.edges)):
            rgba, widths, _ = edge_styles(W, d.shown[l], d.shown[l + 1], dropped[l], w_max)
            lines.set_color(rgba)
            lines.set_linewidth(widths)
        for shown, circles, off in zip(d.shown, d.neurons, dropped):
            for i, circle in zip(shown, circles):
                circle.set(**neuron_style(i in off))

    def _set_losses(self, run):
        h, ax = run.history, self.loss_ax
        epochs = np.arange(len(h.loss))
        self.train_line.set_data(epochs, h.loss)
        self.val_line.set_data(epochs, h.val_loss)
        largest = max(float(np.max(h.loss)), float(np.max(h.val_loss)))
        self.height = LOSS_STEP * max(1, math.ceil(largest / LOSS_STEP))
        ax.set_ylim(0, self.height)
        ax.set_title(f"Training vs validation loss, dropout {run.rate:.2f}")
        self.marks = [] if h.diverged is None else list(mark_divergence(ax, h))
        for artist in self.marks:
            artist.set_animated(True)

    def _set_data(self, run):
        ax, p = self.data_ax, self.problem
        grid = compute_decision_grid(run.net, p.X, resolution=RESOLUTION)
        self.regions.set_data(grid.classes)
        self.boundary = []
        if grid.score.min() < 0.5 < grid.score.max():
            self.boundary = [ax.contour(grid.xx, grid.yy, grid.score, levels=[0.5],
                                        colors=BLACK, linewidths=1.5)]
            self.boundary[0].set_animated(True)
        wrong = run.net.predict_classes(p.X) != p.y
        self.rings.set_offsets(p.X[wrong])
        ax.set_title(f"{len(p.y)} training points ({wrong.sum()} misclassified, ringed)\n"
                     f"accuracy on {len(p.y_val)} new ones: {run.val_accuracy:.1%}", fontsize=10)
