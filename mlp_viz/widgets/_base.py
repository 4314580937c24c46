"""What every explorer shares: a fixed-size figure, an error line, and a static fallback.

An explorer is an ``ipywidgets.VBox`` of controls above a picture. Moving a
control calls :meth:`Explorer.refresh`, which recomputes (plain functions,
tested without a browser), redraws one matplotlib figure that is made once
and reused, and puts its PNG into an ``Image`` widget of fixed size, so the
page does not jump. If anything fails, the message appears in red under the
picture instead of vanishing into a log.

Without a widget front end (nbval, a notebook rendered on GitHub), displaying
an explorer shows its current figure as a plain PNG and a one-line text
summary, so a static page still shows the default state.
"""

from __future__ import annotations

import base64
import collections
import functools
import html
import io
import time
import traceback

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image
from threadpoolctl import ThreadpoolController
from traitlets import TraitError

__all__ = ["Explorer", "control", "figure_png", "named"]

DPI = 80
REMEMBERED = 32
"""States an explorer keeps, so that settings seen before are only redrawn."""


DRAWING = {
    # A title placed at the top of its axes keeps matplotlib from measuring
    # every tick label, on every redraw, to see whether the title must dodge
    # them; these axes have nothing on top to dodge.
    "axes.titley": 1.0,
    # ... so the title keeps clear of a tick label at the very top of the y axis
    # (half of it stands above the axes) by its padding alone.
    "axes.titlepad": 9.0,
    # Text is most of a redraw, drawn glyph by glyph; unhinted glyphs skip
    # FreeType's hinting (a fifth of the drawing time) and look the same at
    # this size.
    "text.hinting": "none",
}
"""Settings under which the explorers draw."""


@functools.cache
def _threadpools():
    """The BLAS thread pools, looked up once (a lookup scans every loaded library)."""
    return ThreadpoolController()


def figure_png(fig, *, drawn=False):
    """Render a figure to PNG bytes, quickly.

    The canvas is drawn (unless `drawn`) and its pixels are compressed lightly
    by Pillow (which matplotlib itself depends on): a slider should answer at
    once, and a bigger file costs less than a slower one.
    """
    if not drawn:
        fig.canvas.draw()
    width, height = fig.canvas.get_width_height()
    pixels = Image.frombuffer("RGBA", (width, height), fig.canvas.buffer_rgba(), "raw", "RGBA",
                              0, 1)
    buffer = io.BytesIO()
    pixels.convert("RGB").save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def blit_png(figure, background, artists, *, on_top=()):
    """PNG of a cached `background` with the changing `artists` drawn over it.

    `background` is ``canvas.copy_from_bbox(figure.bbox)`` of the figure
    drawn without those artists (marked animated, matplotlib leaves them out
    of a full draw); drawing only them is what makes a step cheap. `on_top`
    holds regions copied from the background (``canvas.copy_from_bbox`` of a
    legend, say) that are put back over the artists.
    """
    canvas = figure.canvas
    canvas.restore_region(background)
    for artist in artists:
        if artist.axes is not None:
            artist.axes.draw_artist(artist)
        else:
            figure.draw_artist(artist)
    for region in on_top:
        canvas.restore_region(region)
    return figure_png(figure, drawn=True)


def _clear_keeping_ticks(ax):
    """``ax.clear()``, but the tick marks made for earlier drawings are reused.

    Clearing throws every tick object away, and making them again takes about
    a tenth of a redraw. A tick keeps nothing of the old picture (its place
    and label are set when it is drawn), so the cleared axes take the old
    ones back; the test that a redraw does not depend on earlier settings
    guards this.
    """
    kept = [(axis, vars(axis).get("majorTicks"), vars(axis).get("minorTicks"))
            for axis in (ax.xaxis, ax.yaxis)]
    ax.clear()
    for axis, major, minor in kept:
        if major:
            axis.majorTicks = major
        if minor:
            axis.minorTicks = minor


class Explorer(widgets.VBox):
    """Controls above a figure that is redrawn whenever a control moves.

    Subclasses set ``self.controls`` (a list of widgets), implement
    ``compute(**values)`` returning the state to draw and ``draw(state)``
    drawing it on ``self.figure``, then call ``self._start()``.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
        The one figure, reused on every update.
    image : ipywidgets.Image
        The current figure as PNG.
    error : ipywidgets.HTML
        Empty, or the error of the last update.
    state : object
        What ``compute`` returned for the current control values.
    timings : list of float
        Seconds each update took (compute plus draw plus PNG).
    reused : list of bool
        For each update, whether its state was remembered from before (then
        only drawn, not computed).
    """

    def __init__(self, title, figsize, **kwargs):
        super().__init__(**kwargs)
        self.title = title
        # No layout engine: a layout worked out from what is drawn would make
        # the picture depend on the first settings shown (and working it out
        # again costs as much as a redraw). The panels sit at margins fixed in
        # inches instead (see `row_of_axes`), wide enough for any labels.
        self.figure = Figure(figsize=figsize, dpi=DPI)
        FigureCanvasAgg(self.figure)
        width, height = (round(v * DPI) for v in figsize)
        self.image = widgets.Image(format="png", width=width, height=height,
                                   layout=widgets.Layout(width=f"{width}px",
                                                         height=f"{height}px"))
        self.error = widgets.HTML(value="")
        self.state = None
        self.state_values = {}
        self.timings = []
        self.reused = []
        self._remembered = collections.OrderedDict()
        # Partial redraws: axes that never change (drawn once, into a cached
        # background) and the artists a subclass draws over them each time.
        self.static_axes = []
        self.overlays = []
        self._background = None

    def row_of_axes(self, lefts, *, right, bottom, top, width_ratios=None):
        """Make a row of axes at fixed margins, the same whatever they will show.

        Parameters
        ----------
        lefts : sequence of float
            For each panel, the room (inches) to its left: for its y label
            and tick labels, and for whatever the panel before it has on its
            right (a colour bar, say).
        right, bottom, top : float
            Room (inches) right of the last panel, below and above the row.
        width_ratios : sequence of float, optional
            Relative widths of the panels; equal by default.

        Returns
        -------
        list of Axes
            Placed with ``add_axes``, so that axes a plot helper derives from
            one of them (a twin, a colour bar) take exactly its place.
        """
        width, height = self.figure.get_size_inches()
        ratios = np.ones(len(lefts)) if width_ratios is None else np.asarray(width_ratios, float)
        panel = (width - sum(lefts) - right) * ratios / ratios.sum()
        axes, x = [], 0.0
        for room, w in zip(lefts, panel):
            x += room
            axes.append(self.figure.add_axes((x / width, bottom / height, w / width,
                                              (height - bottom - top) / height)))
            x += w
        return axes

    def reset_axes(self, *axes):
        """Clear `axes` for a redraw, and remove axes a previous drawing added.

        Plot helpers may add axes of their own (a twin y axis, say); those
        must go, while axes made before the first drawing (a colour bar that
        belongs to a fixed background) stay.
        """
        for extra in self.figure.axes:
            if extra not in self._permanent_axes:
                extra.remove()
        for ax in axes:
            _clear_keeping_ticks(ax)

    def _start(self):
        self._permanent_axes = set(self.figure.axes)
        for control in self.controls:
            control.observe(self._on_change, names="value")
        box = widgets.HBox(self.controls, layout=widgets.Layout(flex_flow="row wrap"))
        # The error line goes under the picture, so that the picture never moves.
        self.children = [widgets.HTML(f"<b>{html.escape(self.title)}</b>"), box, self.image,
                         self.error]
        self.refresh()

    def forget(self):
        """Forget the states remembered from earlier settings (all but the one shown)."""
        shown = tuple(self.state_values.items())
        state = self._remembered.get(shown)
        self._remembered.clear()
        if state is not None:
            self._remembered[shown] = state

    def values(self):
        """The current value of every control, by its name."""
        return {c.description_name: c.value for c in self.controls}

    def _on_change(self, change):
        self.refresh()

    def refresh(self):
        """Recompute and redraw for the current control values.

        Settings seen before are not computed again: the last
        ``REMEMBERED`` states are kept, so moving a slider back to a value
        only redraws.

        Returns
        -------
        bool
            False if the update failed; the error is then shown in the widget.
        """
        start = time.perf_counter()
        values = self.values()
        key = tuple(values.items())
        try:
            state = self._remembered.get(key)
            reused = state is not None
            if not reused:
                # The explorers' networks are small: one BLAS thread is faster than
                # two taking turns on matrices of a few dozen rows, and it leaves
                # the other core to the browser.
                with _threadpools().limit(limits=1, user_api="blas"):
                    state = self.compute(**values)
            with mpl.rc_context(DRAWING):
                self.draw(state)
                png = self._render()
        except Exception as exc:  # shown to the learner, not swallowed
            self.show_error(exc)
            return False
        self._remembered[key] = state
        self._remembered.move_to_end(key)
        if len(self._remembered) > REMEMBERED:
            self._remembered.popitem(last=False)
        self.state, self.state_values = state, values
        self.image.value = png
        self.error.value = ""
        self.timings.append(time.perf_counter() - start)
        self.reused.append(reused)
        return True

    def show_error(self, exc):
        """Show `exc` in red under the picture (the picture stays as it was)."""
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        self.error.value = ("<pre style='color:#D55E00;white-space:pre-wrap'>Could not update: "
                            f"{html.escape(detail)}</pre>")

    def _render(self):
        """PNG of the figure; with static axes, only the parts that change are redrawn.

        Text is most of matplotlib's drawing time, so a panel that never
        changes (a loss surface and its colour bar) is drawn once into a
        cached background; each update restores it, draws the changing
        axes and the overlays on top, and encodes the result.
        """
        if not self.static_axes:
            return figure_png(self.figure)
        canvas = self.figure.canvas
        if self._background is None:
            hidden = [ax for ax in self.figure.axes if ax not in self.static_axes]
            hidden += self.overlays
            for artist in hidden:
                artist.set_visible(False)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            for artist in hidden:
                artist.set_visible(True)
        canvas.restore_region(self._background)
        renderer = canvas.get_renderer()
        for ax in self.figure.axes:
            if ax not in self.static_axes:
                ax.draw(renderer)
        for artist in self.overlays:
            artist.axes.draw_artist(artist)
        return figure_png(self.figure, drawn=True)

    def summary(self):
        """A one-line text description of what the picture shows (for static renders)."""
        if self.state is None:
            return f"{type(self).__name__}: no picture yet (the first update failed)"
        settings = ", ".join(f"{k}={v}" for k, v in self.state_values.items())
        text = f"{type(self).__name__}({settings})"
        if self.state_values != self.values():
            text += " [the last update failed; the picture shows these settings]"
        return text + self.describe(self.state)

    def describe(self, state):
        """What the state says in words, after the settings (subclasses add to it)."""
        return ""

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.summary()
        if self.image.value:
            data["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        return data


def named(widget, name):
    """Give a control the keyword name ``compute`` receives its value under."""
    widget.description_name = name
    return widget


def _choices(widget_class, options):
    """What a control of `widget_class` made with `options` can show, in words."""
    if "options" in options:
        values = [o[1] if isinstance(o, tuple) else o for o in options["options"]]
        return f"one of {', '.join(map(repr, values))} (the choices of its menu)"
    low, high = options["min"], options["max"]
    if issubclass(widget_class, widgets.FloatLogSlider):
        low, high = options.get("base", 10.0) ** low, options.get("base", 10.0) ** high
    kind = "a whole number" if issubclass(widget_class, widgets.IntSlider) else "a number"
    return f"{kind} between {low:g} and {high:g} (the range of its slider)"


def control(widget_class, name, value, **options):
    """A control made at `value`, named for the keyword ``compute`` receives it under.

    Raises
    ------
    ValueError
        If the control cannot show `value`: a slider would quietly clamp or
        round it, and the picture would show another setting than asked for.
    """
    try:
        widget = widget_class(value=value, **options)
    except TraitError:
        widget = None
    if widget is None or isinstance(value, bool) or widget.value != value:
        raise ValueError(f"{name} must be {_choices(widget_class, options)}; got {value!r}.")
    return named(widget, name)
