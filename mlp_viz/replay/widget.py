"""The playground widget: settings that train once, and a transport that only redraws.

Changing a setting (data, network, learning rate, ...) trains once and
records the run (:func:`~mlp_viz.replay.recording.record_run`); the
iteration slider, the Play button and the step buttons only pick which
recorded iteration is drawn, so they never train.
"""

from __future__ import annotations

import asyncio
import time

import ipywidgets as widgets
import matplotlib as mpl

from .._validation import check_int
from ..activations import HIDDEN_ACTIVATIONS
from ..widgets._base import DRAWING, Explorer, _threadpools, control, named
from .drawing import FIGSIZE, Picture
from .frames import frame, input_grid
from .recording import DATA, OPTIMIZER_CHOICES, make_problem, record_run

__all__ = ["CONTROLS", "MAX_HIDDEN_LAYERS", "MAX_WIDTH", "Playground", "make_controls",
           "record_settings"]

MAX_HIDDEN_LAYERS, MAX_WIDTH = 4, 16
BATCH_SIZES = [("8", 8), ("16", 16), ("32", 32), ("full batch", None)]
WEIGHT_DECAYS = [("0 (none)", 0.0), ("1e-4", 1e-4), ("1e-3", 1e-3), ("1e-2", 1e-2),
                 ("1e-1", 1e-1)]
FRAMES = 80  # Play shows a whole run in about this many frames
INTERVAL_MS = 125  # 8 frames a second

CONTROLS = ("data", "noise", "seed", "hidden", "activation", "lr", "batch_size", "epochs",
            "optimizer", "weight_decay", "dropout", "iteration")
"""Every control's name: the keyword ``mlp_viz.playground`` takes for it."""


def check_hidden(hidden):
    """The hidden-layer widths as a tuple, within the playground's limits."""
    if isinstance(hidden, (str, bytes)) or not hasattr(hidden, "__iter__"):
        raise TypeError(f"hidden must be a tuple of layer widths such as (8, 8); got "
                        f"{type(hidden).__name__} {hidden!r}.")
    widths = tuple(check_int(w, "each hidden width", low=1, high=MAX_WIDTH) for w in hidden)
    if len(widths) > MAX_HIDDEN_LAYERS:
        raise ValueError(f"the playground draws at most {MAX_HIDDEN_LAYERS} hidden layers; got "
                         f"{len(widths)}: {widths}. Remove a layer.")
    return widths


def make_controls(v, own_data):
    """The playground's controls at the values `v`, each refusing a value it cannot show."""
    slider = {"continuous_update": False, "style": {"description_width": "initial"}}
    data_options = ["own"] if own_data else list(DATA)
    return [
        control(widgets.Dropdown, "data", v["data"], options=data_options,
                description="data", disabled=own_data),
        control(widgets.FloatSlider, "noise", v["noise"], min=0.0, max=0.5, step=0.05,
                description="noise", disabled=own_data, **slider),
        control(widgets.BoundedIntText, "seed", v["seed"], min=0, max=999,
                description="seed", layout=widgets.Layout(width="130px")),
        named(widgets.IntsInput(value=list(v["hidden"]), min=1, max=MAX_WIDTH,
                                description="hidden"), "hidden"),
        control(widgets.Dropdown, "activation", v["activation"],
                options=list(HIDDEN_ACTIVATIONS), description="activation"),
        control(widgets.FloatLogSlider, "lr", v["lr"], base=10, min=-3, max=1, step=0.1,
                description="learning rate", readout_format=".3g", **slider),
        control(widgets.Dropdown, "batch_size", v["batch_size"], options=BATCH_SIZES,
                description="batch size"),
        control(widgets.IntSlider, "epochs", v["epochs"], min=1, max=100,
                description="epochs", **slider),
        control(widgets.Dropdown, "optimizer", v["optimizer"],
                options=list(OPTIMIZER_CHOICES), description="optimizer"),
        control(widgets.Dropdown, "weight_decay", v["weight_decay"], options=WEIGHT_DECAYS,
                description="weight decay", style={"description_width": "initial"}),
        control(widgets.FloatSlider, "dropout", v["dropout"], min=0.0, max=0.6, step=0.05,
                description="dropout", **slider),
        named(widgets.IntSlider(value=0, min=0, max=max(1, v["iteration"] or 1),
                                description="iteration", continuous_update=True,
                                layout=widgets.Layout(width="420px")), "iteration"),
    ]


def record_settings(problem, *, seed, hidden, activation, lr, batch_size, epochs, optimizer,
                    weight_decay, dropout):
    """The run a playground shows for these settings on `problem`: a Recording."""
    if batch_size is not None and batch_size > len(problem.X):
        batch_size = None  # a batch larger than the data is the full batch
    # One BLAS thread: quicker on networks this small (see Explorer.refresh), and every
    # run of these settings, in a playground or not, is made the same way.
    with _threadpools().limit(limits=1, user_api="blas"):
        return record_run(problem, hidden=check_hidden(hidden), activation=activation, lr=lr,
                          epochs=epochs, batch_size=batch_size, optimizer=optimizer,
                          weight_decay=weight_decay, dropout=dropout, seed=seed)


class Playground(Explorer):
    """Train once per setting, then scrub, step or play through the recorded run."""

    def __init__(self, problem, *, own_data, hide, compare=None, **values):
        super().__init__("Playground: change a setting and the network trains once; then "
                         "play, step or drag the iteration", figsize=FIGSIZE)
        self.problem_of = {}  # (data, noise, seed) -> Problem, made once each
        self.own = problem if own_data else None
        self._grid_for = (None, None)  # (problem, its input grid), made once per problem
        self.picture = None
        self.recording = None
        self._settling = False
        self._initial_iteration = values["iteration"]
        self.compare = compare
        self.controls = make_controls(values, own_data)
        by_name = {c.description_name: c for c in self.controls}
        self.slider = by_name["iteration"]
        self.play = widgets.Play(min=0, max=1, step=1, interval=INTERVAL_MS,
                                 description="play", show_repeat=False)
        # Play's frames reach the kernel as messages; each only asks for a frame, and
        # the frame drawn is the newest asked for (see _on_play), so frames never queue.
        self.play.observe(self._on_play, names="value")
        self._wanted = None
        back = widgets.Button(description="◀ step", layout=widgets.Layout(width="80px"))
        forward = widgets.Button(description="step ▶", layout=widgets.Layout(width="80px"))
        back.on_click(lambda _: self.step(-1))
        forward.on_click(lambda _: self.step(+1))
        self.pin = widgets.ToggleButton(value=compare is not None, description="pin this run",
                                        tooltip="keep this run's loss curve and path for "
                                                "comparison with the next settings")
        self.pin.observe(self._on_pin, names="value")
        self.transport = widgets.HBox([self.play, back, forward, self.slider, self.pin])
        for name in hide:  # a teacher's fixed settings: kept, but not shown
            (self.transport if name == "iteration" else by_name[name]).layout.display = "none"
        self._start()

    # ------------------------------------------------------------------ values
    def values(self):
        values = super().values()
        values["hidden"] = tuple(values["hidden"])
        return values

    @property
    def settings(self):
        """Every setting, the iteration included: ``mv.playground(**pg.settings)`` draws the
        same picture (with data of one's own, pass X and y again)."""
        values = self.values()
        if self.own is not None:
            values.pop("data"), values.pop("noise")
        if self.compare is not None:
            values["compare"] = dict(self.compare)
        return values

    def _on_pin(self, change):
        if self._settling:
            return
        self.compare = ({k: v for k, v in self.values().items() if k != "iteration"}
                        if change.new else None)
        self.refresh()

    def _on_play(self, change):
        """A frame asked for by Play: draw the newest one asked for, once.

        In a kernel, drawing is left to the event loop, after the messages
        already waiting: when frames are asked for faster than they are
        drawn, the ones in between are skipped, not queued.
        """
        if self._settling:
            return
        self._wanted = change.new
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a script, a test): draw now
            self._draw_wanted()
            return
        loop.call_soon(self._draw_wanted)

    def _draw_wanted(self):
        if self._wanted is None:
            return
        k, self._wanted = self._wanted, None
        self.slider.value = min(k, self.slider.max)

    def step(self, by):
        """Move the iteration by `by` updates (within the run)."""
        n = 0 if self.recording is None else self.recording.n_iterations
        self.slider.value = min(n, max(0, self.slider.value + by))

    def at(self, k):
        """Reopen update `k` of the run shown (see :meth:`Recording.at`)."""
        return self.recording.at(k)

    # ----------------------------------------------------------------- updates
    def _on_change(self, change):
        if not self._settling:
            self.refresh(settings_changed=change.owner is not self.slider)
            if change.owner is self.slider:
                self._settling = True
                try:  # Play goes on from where the slider was dragged
                    self.play.value = self.slider.value
                finally:
                    self._settling = False

    def _start(self):
        for c in self.controls:
            c.observe(self._on_change, names="value")
        settings = widgets.HBox([c for c in self.controls if c is not self.slider],
                                layout=widgets.Layout(flex_flow="row wrap"))
        self.children = [widgets.HTML(f"<b>{self.title}</b>"), settings, self.transport,
                         self.image, self.error]
        self._first = True
        self._failure = None
        if not self.refresh():  # a playground that cannot draw its first picture is refused
            raise self._failure

    def refresh(self, settings_changed=False):
        """Train (for new settings) and draw the chosen iteration.

        Returns
        -------
        bool
            False if the update failed; the error is shown in the widget.
        """
        start = time.perf_counter()
        values = self.values()
        settings = {k: v for k, v in values.items() if k != "iteration"}
        key = tuple(settings.items())
        try:
            recording = self._remembered.get(key)
            reused = recording is not None
            if not reused:
                recording = self.compute(**settings)
            ghost = self._ghost()
            with mpl.rc_context(DRAWING):
                if (self.picture is None or self.picture.recording is not recording
                        or self.picture.ghost is not ghost):
                    self.picture = Picture(self.figure, recording, self._grid(recording),
                                           ghost, self._ghost_label(), before=self.picture)
                k = self._settle_iteration(recording, values["iteration"], settings_changed)
                png = self.picture.show(frame(recording, self.picture.grid,
                                              self.picture.ratios, k))
        except Exception as exc:  # shown to the learner, not swallowed
            self._failure = exc
            self.show_error(exc)
            return False
        self._remembered[key] = recording
        self._remembered.move_to_end(key)
        while len(self._remembered) > 8:
            self._remembered.popitem(last=False)
        self.recording, self.state = recording, recording
        self.state_values = self.values()
        self.image.value = png
        self.error.value = ""
        self.timings.append(time.perf_counter() - start)
        self.reused.append(reused)
        return True

    def _ghost(self):
        """The pinned run, trained (or remembered) for its settings; None when none is."""
        if self.compare is None:
            return None
        key = tuple(self.compare.items())
        if key not in self._remembered:
            self._remembered[key] = self.compute(**self.compare)
        return self._remembered[key]

    def _ghost_label(self):
        """The settings in which the pinned run differs from the one shown, in words."""
        if self.compare is None:
            return ""
        now = self.values()
        differ = [f"{k} {v}" for k, v in self.compare.items() if now.get(k) != v]
        return ", ".join(differ) or "the same settings"

    def _settle_iteration(self, recording, asked, settings_changed):
        """The iteration to draw: the end of a new run, else the one asked for."""
        n = recording.n_iterations
        first, self._first = self._first, False
        if first:
            k = n if self._initial_iteration is None else self._initial_iteration
            if k > n:
                raise ValueError(f"iteration must be between 0 and {n} (this run made {n} "
                                 f"updates); got {k}.")
        else:
            k = n if settings_changed else min(asked, n)
        self._settling = True
        try:  # the slider's range follows the run, without drawing again
            self.slider.max = max(n, 1)
            self.slider.value = k
            step = max(1, n // FRAMES)
            self.play.step = step
            # Play stops at its last multiple of the step, and starts again from 0 only if
            # that is its max: a max of whole steps, at or past the run's end (a frame past
            # the end shows the end).
            self.play.max = -(-max(n, 1) // step) * step
            self.play.value = k
            self.pin.value = self.compare is not None
        finally:
            self._settling = False
        return k

    def _grid(self, recording):
        # Keyed by the problem itself, which the pair keeps alive (an id could be reused).
        if self._grid_for[0] is not recording.problem:
            self._grid_for = (recording.problem, input_grid(recording.problem))
        return self._grid_for[1]

    def compute(self, data, noise, seed, hidden, activation, lr, batch_size, epochs, optimizer,
                weight_decay, dropout):
        problem = self.own
        if problem is None:
            where = (data, noise, seed)
            if where not in self.problem_of:
                self.problem_of = {where: make_problem(data, noise=noise, seed=seed)}
            problem = self.problem_of[where]
        return record_settings(problem, seed=seed, hidden=hidden, activation=activation, lr=lr,
                               batch_size=batch_size, epochs=epochs, optimizer=optimizer,
                               weight_decay=weight_decay, dropout=dropout)

    def draw(self, state):  # Explorer's interface; the playground draws through Picture
        raise NotImplementedError

    def describe(self, recording):
        h = recording.history
        k = self.slider.value
        loss = h.iteration_loss[k - 1] if k else h.loss[0]
        stop = (f"; training diverged in epoch {h.diverged}" if h.diverged is not None else "")
        return (f": iteration {k} of {recording.n_iterations}, that batch's loss {loss:.4f}, "
                f"final training loss {h.loss[-1]:.4f}{stop}")
