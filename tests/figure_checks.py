"""Checks that a figure's text can be read: whole, apart, large enough, and in contrast.

A figure that explains itself must show every title, label and number whole.
:func:`text_problems` draws a figure, records every piece of text the
renderer really drew (tick labels outside the view, empty strings and hidden
artists are never drawn, so they are never judged), and reports text that

- runs off the figure, or is cut by the axes it is clipped to;
- overlaps other text, or runs into text beside it on the same line (two
  titles a word space apart read as one line);
- is set smaller than ``MIN_POINTS``;
- stands out too little from what is behind it: the figure is drawn a second
  time without any glyphs (boxes behind text stay), and the text's colour must
  have a WCAG contrast ratio of at least ``MIN_CONTRAST`` against almost all
  of the background under it.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.text import Text

TOLERANCE = 1.0
"""Pixels of slack: antialiased edges of neighbours may touch."""

MIN_GAP_EM = 1.0
"""Texts side by side on one line need this gap, in ems of the larger font."""

MIN_POINTS = 7.0
"""Smallest font size, in points, that counts as readable at the course's 100 dpi."""

MIN_CONTRAST = 4.5
"""WCAG 2 level AA for normal-size text."""

BACKGROUND_SHARE = 0.95
"""Share of the background under a text that must reach ``MIN_CONTRAST``."""


def _hook_draw_text(action):
    """Replace ``RendererAgg.draw_text`` by ``action(original, *args)``; return the undo."""
    original = RendererAgg.draw_text

    def hooked(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        return action(original, self, gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    RendererAgg.draw_text = hooked
    return lambda: setattr(RendererAgg, "draw_text", original)


def drawn_texts(fig):
    """Draw `fig` and return ``(renderer, texts)``: every Text artist the renderer drew."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    drawn = []
    original = Text.draw

    def record(self, renderer):
        # Text.draw itself skips hidden and empty texts; record only what it draws.
        if self.get_visible() and self.get_text().strip() and self not in drawn:
            drawn.append(self)
        return original(self, renderer)

    Text.draw = record  # also reached by Annotation.draw, which calls Text.draw
    try:
        fig.canvas.draw()
    finally:
        Text.draw = original
    return fig.canvas.get_renderer(), drawn


def background_pixels(fig):
    """The figure's RGB pixels drawn without any glyphs: what lies behind its text.

    Boxes behind text (a legend's frame, a text's bbox patch) are drawn as
    usual; only the glyphs themselves are skipped.
    """
    undo = _hook_draw_text(lambda original, *args, **kwargs: None)
    try:
        fig.canvas.draw()
        pixels = np.asarray(fig.canvas.buffer_rgba())[:, :, :3].copy()
    finally:
        undo()
    fig.canvas.draw()  # leave the figure drawn as it really is
    return pixels


def _luminance(rgb):
    """WCAG 2 relative luminance of sRGB colours in 0..1, shape (..., 3)."""
    rgb = np.asarray(rgb, dtype=float)
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast_ratios(colour, pixels):
    """WCAG 2 contrast ratio of a text colour against each background pixel.

    A translucent colour is first blended over each pixel, as it is drawn.
    """
    r, g, b, alpha = to_rgba(colour)
    behind = np.asarray(pixels, dtype=float).reshape(-1, 3) / 255.0
    shown = alpha * np.array([r, g, b]) + (1 - alpha) * behind
    lighter = np.maximum(_luminance(shown), _luminance(behind))
    darker = np.minimum(_luminance(shown), _luminance(behind))
    return (lighter + 0.05) / (darker + 0.05)


def _describe(text):
    owner = text.axes.get_title() if text.axes is not None else ""
    where = f" in the axes titled {owner!r}" if owner else ""
    return f"{text.get_text()!r}{where}"


def _shrunk(bbox):
    return bbox.expanded(1, 1).padded(-TOLERANCE)


def _outline(text, box, renderer):
    """The corners of the text's own rectangle, shape (4, 2), shrunk by ``TOLERANCE``.

    Text at a slant (a 3-D axis label) has a window extent much larger than
    its letters; its rectangle is the upright one turned about the extent's
    centre, which both share.
    """
    angle = np.deg2rad(text.get_rotation())
    if np.isclose(np.sin(2 * angle), 0):
        width, height = box.width, box.height
        angle = 0.0
    else:
        upright = Text(0, 0, text.get_text(), fontproperties=text.get_fontproperties(),
                       linespacing=text._linespacing, figure=text.figure)
        flat = upright.get_window_extent(renderer)
        width, height = flat.width, flat.height
    half = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * (
        np.maximum([width / 2 - TOLERANCE, height / 2 - TOLERANCE], 0))
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return half @ turn.T + [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]


def _outlines_overlap(a, b):
    """Whether two convex outlines overlap (no edge direction separates them)."""
    for corners in (a, b):
        for edge in np.diff(np.vstack([corners, corners[:1]]), axis=0):
            normal = np.array([-edge[1], edge[0]])
            pa, pb = a @ normal, b @ normal
            if pa.max() <= pb.min() or pb.max() <= pa.min():
                return False
    return True


def _upright(text):
    """0 for horizontal text, 1 for text read bottom to top or top to bottom, else None."""
    angle = text.get_rotation() % 180
    return 0 if np.isclose(angle, 0) else 1 if np.isclose(angle, 90) else None


def _crowded(first, a, second, b, renderer):
    """Whether two texts sit side by side on one line with less than ``MIN_GAP_EM`` between."""
    axis = _upright(first)
    if axis is None or axis != _upright(second):
        return False
    along, across = (("x0", "x1"), ("y0", "y1")) if axis == 0 else (("y0", "y1"), ("x0", "x1"))
    low = max(getattr(a, across[0]), getattr(b, across[0]))
    high = min(getattr(a, across[1]), getattr(b, across[1]))
    thinner = min(getattr(a, across[1]) - getattr(a, across[0]),
                  getattr(b, across[1]) - getattr(b, across[0]))
    if thinner <= 0 or high - low < 0.5 * thinner:  # not on the same line
        return False
    gap = max(getattr(b, along[0]) - getattr(a, along[1]),
              getattr(a, along[0]) - getattr(b, along[1]))
    em = renderer.points_to_pixels(max(first.get_fontsize(), second.get_fontsize()))
    return 0 <= gap < MIN_GAP_EM * em - TOLERANCE


def _low_contrast(text, box, pixels):
    """The contrast most of the text's background reaches, if it is below the minimum."""
    height = pixels.shape[0]
    x0, x1 = int(max(np.floor(box.x0), 0)), int(min(np.ceil(box.x1), pixels.shape[1]))
    top, bottom = int(max(np.floor(height - box.y1), 0)), int(min(np.ceil(height - box.y0),
                                                                  height))
    if x1 <= x0 or bottom <= top:
        return None
    ratios = contrast_ratios(text.get_color() if text.get_alpha() is None
                             else to_rgba(text.get_color(), text.get_alpha()),
                             pixels[top:bottom, x0:x1])
    reached = float(np.quantile(ratios, 1.0 - BACKGROUND_SHARE))
    return reached if reached < MIN_CONTRAST else None


def text_problems(fig, *, allow_overlap=()):
    """List what makes the figure's text hard to read; an empty list means all is well.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    allow_overlap : collection of str
        Strings whose texts may overlap or touch others (for text meant to
        sit over other text); none by default.

    Returns
    -------
    list of str
        One line per text that runs off the figure or out of its clipping
        box, is too small or too faint against its background, and per pair
        of texts that overlap or run into each other.
    """
    renderer, texts = drawn_texts(fig)
    figure_box = _shrunk(fig.bbox).padded(2 * TOLERANCE)  # back to the figure, plus slack
    # The text's own box: an annotation's extent would also hold its arrow.
    boxes = [(t, Text.get_window_extent(t, renderer)) for t in texts]
    problems = []
    for text, box in boxes:
        if not figure_box.contains(box.x0, box.y0) or not figure_box.contains(box.x1, box.y1):
            problems.append(f"{_describe(text)} runs off the figure")
        clip = text.get_clip_box() if text.get_clip_on() else None
        if clip is not None and text.get_clip_path() is None:
            room = clip.padded(TOLERANCE)
            if not (room.contains(box.x0, box.y0) and room.contains(box.x1, box.y1)):
                problems.append(f"{_describe(text)} is cut off by its axes")
        if text.get_fontsize() < MIN_POINTS:
            problems.append(f"{_describe(text)} is set in {text.get_fontsize():.3g}-point "
                            f"type, smaller than {MIN_POINTS:g}")
    outlines = [_outline(text, box, renderer) for text, box in boxes]
    for i, (first, a) in enumerate(boxes):
        for k, (second, b) in enumerate(boxes[i + 1:], start=i + 1):
            if first.get_text() in allow_overlap or second.get_text() in allow_overlap:
                continue
            if _shrunk(a).overlaps(_shrunk(b)) and _outlines_overlap(outlines[i], outlines[k]):
                problems.append(f"{_describe(first)} overlaps {_describe(second)}")
            elif _crowded(first, a, second, b, renderer):
                problems.append(f"{_describe(first)} runs into {_describe(second)}")
    pixels = background_pixels(fig)
    for text, box in boxes:
        reached = _low_contrast(text, box, pixels)
        if reached is not None:
            problems.append(f"{_describe(text)} has a contrast of {reached:.2g}:1 with its "
                            f"background (at least {MIN_CONTRAST:g}:1 is needed)")
    return problems
