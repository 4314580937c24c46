"""Text that settles its wording or its place when it is drawn.

A label's room in pixels is known only at drawing time: a caller's axes, a
layout engine or a saved figure's dpi change it after the plot function has
returned. :class:`ValueInCircle` writes a neuron's value as precisely as its
circle has room for; :class:`CornerNote` puts a note at the edge of its axes
where it covers the least of a path and none of the legend. Both are plain
``matplotlib.text.Text`` artists otherwise (``remove()``, ``get_text()``...).
"""

from __future__ import annotations

import numpy as np
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ._style import BLACK, NOTE_BOX, NOTE_PAD, NOTE_POINTS


def value_labels(value):
    """Ways to write a value, from the most precise to the shortest.

    In fixed point, three significant digits (every digit of a whole part
    up to 9999), then two; below 0.01 and from 1000 on, where fixed point
    needs many zeros or digits, also a mantissa of two digits and of one
    digit with a power of ten (``1.2e3``, ``-4e-3``: no "+" and no leading
    zeros, to save room).

    Parameters
    ----------
    value : float

    Returns
    -------
    list of str
        Distinct labels; ``["0"]``, ``["nan"]``, ``["inf"]`` or ``["-inf"]``
        alone for those values.
    """
    value = float(value) + 0.0  # -0.0 is written 0
    if value == 0 or not np.isfinite(value):
        return [f"{value:g}"]
    size, labels = abs(value), []
    if 99.95 <= size < 1e4:
        labels.append(f"{value:.0f}")
    elif 1e-3 <= size < 99.95:
        labels += [f"{value:.3g}", f"{value:.2g}"]
    if size < 1e-2 or size >= 999.5:
        for digits in (1, 0):
            mantissa, exponent = f"{value:.{digits}e}".split("e")
            labels.append(f"{mantissa}e{int(exponent)}")
    return list(dict.fromkeys(label for label in labels if "e+" not in label))


def _size(text, label, renderer, points=None):
    """Width and height in pixels of `label` set in `text`'s font (at `points` if given)."""
    probe = Text(0, 0, label, fontproperties=text.get_fontproperties(), figure=text.figure)
    if points is not None:
        probe.set_fontsize(points)
    box = probe.get_window_extent(renderer)
    return box.width, box.height


def _settle(text, label, points=None, position=None):
    """Set what changed only: each change marks the figure stale, to be drawn again."""
    if label != text.get_text():
        text.set_text(label)
    if points is not None and points != text.get_fontsize():
        text.set_fontsize(points)
    if position is not None and not np.allclose(position, text.get_position()):
        text.set_position(tuple(position))


class ValueInCircle(Text):
    """A value written inside a circle of data radius `radius`, centred at ``(x, y)``.

    Each drawing writes the first of `labels` whose box fits inside the
    circle (less its outline); if none does, the last one, in a font scaled
    down until it fits.
    """

    def __init__(self, x, y, labels, radius, **kwargs):
        super().__init__(x, y, labels[0], **kwargs)
        self._labels, self._radius, self._points = list(labels), radius, self.get_fontsize()

    def _fit(self, renderer):
        x, y = self.get_position()
        centre, right, top = self.axes.transData.transform(
            [(x, y), (x + self._radius, y), (x, y + self._radius)])
        room = min(right[0] - centre[0], top[1] - centre[1]) - renderer.points_to_pixels(1.2)
        for label in self._labels:
            half_diagonal = np.hypot(*_size(self, label, renderer, self._points)) / 2
            if half_diagonal <= room:
                _settle(self, label, self._points)
                return
        # Text scales with its size, so one measurement gives the size that fits.
        _settle(self, label, self._points * max(room, 1.0) / half_diagonal)

    def draw(self, renderer):
        if self.get_visible() and self.axes is not None:
            self._fit(renderer)
        super().draw(renderer)


class CornerNote(Text):
    """A boxed note at the edge of `ax` where it covers least of `points` and no legend.

    Parameters
    ----------
    ax : matplotlib Axes
    text : str
    points : ndarray, shape (n, 2)
        Data coordinates to keep clear (a path, densely sampled).
    clearance : float
        Points of room to leave around each of `points` (a marker's radius).
    """

    PLACES = ((0, 0), (1, 0), (0.5, 0), (0, 1), (1, 1), (0.5, 1),
              (0, 0.5), (1, 0.5), (0, 0.25), (1, 0.25), (0, 0.75), (1, 0.75))
    """Where the note may go along the axes' edges, in axes fractions (0: left or
    bottom, 1: right or top), in order of preference on a tie."""

    def __init__(self, ax, text, points, *, clearance=7.0):
        super().__init__(0, 0, text, transform=ax.transAxes, fontsize=NOTE_POINTS,
                         color=BLACK, bbox=NOTE_BOX, ha="left", va="bottom",
                         multialignment="left", zorder=6)
        self.set_in_layout(False)  # it lives inside the axes
        self._points = np.asarray(points, dtype=float).reshape(-1, 2)
        self._clearance = clearance

    def _boxes(self, renderer):
        """The note's box (text plus padding) at each of ``PLACES``, in pixels."""
        width, height = _size(self, self.get_text(), renderer)
        pad = renderer.points_to_pixels(NOTE_PAD * self.get_fontsize() + 1)
        margin = renderer.points_to_pixels(4)
        w, h = width + 2 * pad, height + 2 * pad
        area = self.axes.bbox
        for fx, fy in self.PLACES:
            x0 = area.x0 + margin + fx * (area.width - 2 * margin - w)
            y0 = area.y0 + margin + fy * (area.height - 2 * margin - h)
            yield Bbox.from_bounds(x0, y0, w, h), (x0 + pad, y0 + pad)

    def _place(self, renderer):
        points = self.axes.transData.transform(self._points)
        reach = renderer.points_to_pixels(self._clearance)
        legend = self.axes.get_legend()
        legend_box = (legend.get_window_extent(renderer)
                      if legend is not None and legend.get_visible() else None)
        best = None
        for order, (box, anchor) in enumerate(self._boxes(renderer)):
            wide = box.padded(reach)
            covered = np.count_nonzero((points[:, 0] >= wide.x0) & (points[:, 0] <= wide.x1)
                                       & (points[:, 1] >= wide.y0) & (points[:, 1] <= wide.y1))
            blocked = legend_box is not None and box.overlaps(legend_box)
            score = (blocked, covered, order)
            if best is None or score < best[0]:
                best = (score, anchor)
        where = self.axes.transAxes.inverted().transform(best[1])
        _settle(self, self.get_text(), position=where)

    def draw(self, renderer):
        if self.get_visible() and self.axes is not None:
            self._place(renderer)
        super().draw(renderer)
