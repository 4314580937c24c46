"""Checks that a figure's text can be read: nothing cut off, nothing drawn over other text.

A figure that explains itself must show every title, label and number whole.
:func:`text_problems` draws a figure once, records every piece of text the
renderer really drew (tick labels outside the view, empty strings and hidden
artists are never drawn, so they are never judged), and reports text that
runs off the figure, text cut by the axes it is clipped to, and pairs of texts
that overlap.
"""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

TOLERANCE = 1.0
"""Pixels of slack: antialiased edges of neighbours may touch."""


def drawn_texts(fig):
    """Draw `fig` and return ``(renderer, texts)``: every Text artist the renderer drew."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    drawn = []
    original = RendererAgg.draw_text

    def record(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if mtext is not None and s.strip() and mtext not in drawn:
            drawn.append(mtext)
        return original(self, gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    RendererAgg.draw_text = record
    try:
        fig.canvas.draw()
    finally:
        RendererAgg.draw_text = original
    return fig.canvas.get_renderer(), drawn


def _describe(text):
    owner = text.axes.get_title() if text.axes is not None else ""
    where = f" in the axes titled {owner!r}" if owner else ""
    return f"{text.get_text()!r}{where}"


def _shrunk(bbox):
    return bbox.expanded(1, 1).padded(-TOLERANCE)


def text_problems(fig, *, allow_overlap=()):
    """List what makes the figure's text hard to read; an empty list means all is well.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    allow_overlap : collection of str
        Strings whose texts may overlap others (for text meant to sit over
        other text); none by default.

    Returns
    -------
    list of str
        One line per text that runs off the figure or out of its clipping
        box, and per pair of texts that overlap.
    """
    renderer, texts = drawn_texts(fig)
    figure_box = _shrunk(fig.bbox).padded(2 * TOLERANCE)  # back to the figure, plus slack
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]
    problems = []
    for text, box in boxes:
        if not figure_box.contains(box.x0, box.y0) or not figure_box.contains(box.x1, box.y1):
            problems.append(f"{_describe(text)} runs off the figure")
        clip = text.get_clip_box() if text.get_clip_on() else None
        if clip is not None and text.get_clip_path() is None:
            room = clip.padded(TOLERANCE)
            if not (room.contains(box.x0, box.y0) and room.contains(box.x1, box.y1)):
                problems.append(f"{_describe(text)} is cut off by its axes")
    for i, (first, a) in enumerate(boxes):
        for second, b in boxes[i + 1:]:
            if first.get_text() in allow_overlap or second.get_text() in allow_overlap:
                continue
            if _shrunk(a).overlaps(_shrunk(b)):
                problems.append(f"{_describe(first)} overlaps {_describe(second)}")
    return problems
