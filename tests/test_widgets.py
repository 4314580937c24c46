"""Explorers (ipywidgets): move a control, then check the state, the picture and the text.

No browser: each test sets a control's ``.value`` as a front end would and
asserts on what the explorer computed (against an independent call of the
plain functions), on its PNG, its error line and its static fallback.

Each explorer is built once per module; the function-scoped fixtures of the
same name put every control back to its starting value after each test, so
the tests do not depend on their order.
"""

import base64
import contextlib
import io
import re
import struct
import warnings

import IPython.core.display_functions
import IPython.display
import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
import pytest

import mlp_viz as mv
import mlp_viz.surfaces
import mlp_viz.widgets.training as training_module
from mlp_viz.widgets import Explorer
from mlp_viz.widgets._base import DRAWING
from mlp_viz.widgets.dropout import run_dropout
from mlp_viz.widgets.gradients import INIT_CHOICES
from mlp_viz.widgets.training import PROBLEMS, run_training

PNG_MAGIC = b"\x89PNG"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# ------------------------------------------------------------------ helpers
def control(explorer, name):
    """The control whose value ``compute`` receives as `name`."""
    (found,) = [c for c in explorer.controls if c.description_name == name]
    return found


def png_size(data):
    """(width, height) from a PNG's IHDR chunk."""
    assert data[:4] == PNG_MAGIC
    return struct.unpack(">II", data[16:24])


def artist_counts(ax):
    """How many artists of each kind an Axes holds (to spot pile-ups)."""
    return {
        "lines": len(ax.lines),
        "collections": len(ax.collections),
        "texts": len(ax.texts),
        "images": len(ax.images),
        "patches": len(ax.patches),
        "legend": ax.get_legend() is not None,
    }


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def restore(explorer, values):
    """Put every control back at `values` and redraw once, for the final values only.

    Redrawing for each control in turn would pass through settings no test
    asked for (a learning rate of 10 with the old batch size, say).
    """
    if explorer.values() == values and not explorer.error.value:
        return
    explorer.refresh = lambda: True  # shadows the method while the values change
    try:
        for c in explorer.controls:
            c.value = values[c.description_name]
    finally:
        del explorer.refresh
    assert explorer.refresh() is True
    assert explorer.error.value == ""


BUILT = {}
"""What building each module-scoped explorer displayed and printed."""


def build(builder, *args):
    """Call a builder as a notebook cell would, recording display() calls and output."""
    calls = []

    def spy(*objs, **kwargs):
        calls.append(objs)

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        for module in (IPython.display, IPython.core.display_functions):
            mp.setattr(module, "display", spy)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            explorer = getattr(mv, builder)(*args)
    BUILT[builder, args] = {"display": calls, "stdout": out.getvalue(),
                            "stderr": err.getvalue()}
    return explorer


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def training_module_explorer():
    return build("training_explorer")


@pytest.fixture(scope="module")
def regression_module_explorer():
    return build("training_explorer", "regression")


@pytest.fixture(scope="module")
def dropout_module_explorer():
    return build("dropout_explorer")


@pytest.fixture(scope="module")
def flow_module_explorer():
    return build("gradient_flow_explorer")


@pytest.fixture(scope="module")
def activation_module_explorer():
    return build("activation_explorer")


def _restoring(explorer):
    before = explorer.values()
    explorer.forget()  # each test computes the settings it moves to
    yield explorer
    restore(explorer, before)


@pytest.fixture
def training(training_module_explorer):
    yield from _restoring(training_module_explorer)


@pytest.fixture
def regression(regression_module_explorer):
    yield from _restoring(regression_module_explorer)


@pytest.fixture
def dropout(dropout_module_explorer):
    yield from _restoring(dropout_module_explorer)


@pytest.fixture
def flow(flow_module_explorer):
    yield from _restoring(flow_module_explorer)


@pytest.fixture
def activation(activation_module_explorer):
    yield from _restoring(activation_module_explorer)


EXPLORERS = ["training", "dropout", "flow", "activation"]


# ------------------------------------------- 1. builders return, never display
@pytest.mark.parametrize("which, builder", [
    ("training", "training_explorer"),
    ("dropout", "dropout_explorer"),
    ("flow", "gradient_flow_explorer"),
    ("activation", "activation_explorer"),
])
def test_builder_returns_an_undisplayed_vbox(which, builder, request, capsys):
    assert getattr(mv, builder) is getattr(mv.widgets, builder)
    explorer = request.getfixturevalue(which)
    # Built by `build` above, with IPython's display replaced by a spy.
    assert BUILT[builder, ()] == {"display": [], "stdout": "", "stderr": ""}
    assert isinstance(explorer, widgets.VBox)
    assert isinstance(explorer, Explorer)
    # Built and drawn once, without errors: title, controls, error line, picture.
    assert explorer.children[2:] == (explorer.image, explorer.error)
    assert list(explorer.children[1].children) == explorer.controls
    assert explorer.error.value == ""
    assert explorer.image.value[:4] == PNG_MAGIC
    assert explorer.state is not None
    # Redrawing and the static fallback print nothing either.
    assert explorer.refresh() is True
    explorer._repr_mimebundle_()
    assert capsys.readouterr() == ("", "")


# ------------------------------------- 2. each control updates state and picture
def check_training(explorer):
    values = explorer.values()
    state, problem = explorer.state, explorer.problem
    again = run_training(problem, lr=values["lr"], epochs=values["epochs"],
                         batch_size=values["batch_size"])
    np.testing.assert_array_equal(state.history.loss, again.history.loss)
    assert state.history.loss[-1] == again.history.loss[-1]
    for coord in ("alphas", "betas", "losses", "off_plane"):
        np.testing.assert_array_equal(getattr(state.trajectory, coord),
                                      getattr(again.trajectory, coord))
    assert state.accuracy == again.accuracy

    # Straight from mlp_viz.train, without the explorer's helpers.
    net = problem.net.copy()
    history = mv.train(net, problem.X, problem.y, lr=values["lr"], epochs=values["epochs"],
                       batch_size=values["batch_size"], loss="binary_cross_entropy",
                       seed=problem.seed, X_val=problem.X_val, y_val=problem.y_val)
    np.testing.assert_array_equal(state.history.loss, history.loss)
    np.testing.assert_array_equal(state.history.val_loss, history.val_loss)
    assert len(state.history.loss) == values["epochs"] + 1
    assert state.history.settings["lr"] == values["lr"]
    assert state.history.settings["batch_size"] == values["batch_size"]
    assert state.accuracy == mv.accuracy(net, problem.X, problem.y)
    # Every run starts from the same weights: the problem's network is never trained.
    start = mv.MLP([2, 8, 8, 1], "tanh", "sigmoid", init="xavier", seed=0)
    np.testing.assert_array_equal(problem.net.get_flat_params(), start.get_flat_params())
    assert f"final training loss {state.history.loss[-1]:.4f}" in explorer.summary()


def check_dropout(explorer):
    rate = explorer.values()["rate"]
    state, problem = explorer.state, explorer.problem
    assert state.rate == rate
    again = run_dropout(problem, rate)
    np.testing.assert_array_equal(state.history.loss, again.history.loss)
    np.testing.assert_array_equal(state.history.val_loss, again.history.val_loss)
    np.testing.assert_array_equal(state.net.get_flat_params(), again.net.get_flat_params())
    assert state.val_accuracy == again.val_accuracy

    X, y = mv.moons(40, noise=0.3, seed=1)
    np.testing.assert_array_equal(problem.X, X)
    np.testing.assert_array_equal(problem.y, y)
    net = problem.net.copy()
    history = mv.train(net, problem.X, problem.y, lr=0.2, epochs=200, batch_size=10,
                       loss="binary_cross_entropy", dropout=rate, seed=0,
                       X_val=problem.X_val, y_val=problem.y_val)
    np.testing.assert_array_equal(state.history.loss, history.loss)
    np.testing.assert_array_equal(state.history.val_loss, history.val_loss)
    assert state.history.settings["dropout"] == rate
    assert state.val_accuracy == mv.accuracy(net, problem.X_val, problem.y_val)
    assert f"validation loss {history.val_loss[-1]:.4f}" in explorer.summary()


def check_flow(explorer):
    values = explorer.values()
    name, std = INIT_CHOICES[values["init"]]
    flow = mv.gradient_flow(values["depth"], 32, values["activation"], name, weight_std=std,
                            seed=0)
    state = explorer.state
    np.testing.assert_array_equal(state.grad_norms, flow.grad_norms)
    assert state.depth == values["depth"]
    assert len(state.grad_norms) == values["depth"] + 1
    assert state.activation == values["activation"]
    assert state.init == name
    assert f"|dL/dW| of layer 1 is {flow.grad_norms[0]:.3g}" in explorer.summary()


def check_activation(explorer):
    values = explorer.values()
    act, z = mv.get_activation(values["activation"]), values["z"]
    value, slope = float(act(z)), float(act.derivative(np.array([z]))[0])
    state = explorer.state
    assert state["activation"] == values["activation"]
    assert state["z"] == z
    assert state["value"] == value
    assert state["slope"] == slope
    # The picture shows them: the legend names the point and the tangent's slope.
    texts = legend_texts(explorer.axes)
    assert f"f({z:.1f}) = {value:.3g}" in texts
    assert f"slope f'({z:.1f}) = {slope:.3g}" in texts


CHECKS = {"training": check_training, "dropout": check_dropout, "flow": check_flow,
          "activation": check_activation}


@pytest.mark.parametrize("which, name, value", [
    ("training", "lr", 0.1),
    ("training", "epochs", 20),
    ("training", "batch_size", 32),
    ("dropout", "rate", 0.3),
    ("flow", "depth", 4),
    ("flow", "activation", "tanh"),
    ("flow", "init", "He (ReLU)"),
    ("activation", "activation", "sigmoid"),
    ("activation", "z", 2.5),
], ids=lambda v: str(v))
def test_moving_a_control_recomputes_and_redraws(which, name, value, request):
    explorer = request.getfixturevalue(which)
    png, state, n_timings = explorer.image.value, explorer.state, len(explorer.timings)
    assert control(explorer, name).value != value

    control(explorer, name).value = value

    assert explorer.values()[name] == value
    assert explorer.error.value == ""
    assert explorer.image.value[:4] == PNG_MAGIC
    assert explorer.image.value != png
    # The same size as before, so the page does not jump.
    assert png_size(explorer.image.value) == png_size(png)
    assert explorer.state is not state
    assert len(explorer.timings) == n_timings + 1
    assert explorer.timings[-1] > 0
    CHECKS[which](explorer)


@pytest.mark.parametrize("which", EXPLORERS)
def test_starting_state_matches_independent_computation(which, request):
    CHECKS[which](request.getfixturevalue(which))


# -------------------------------------------------- 3. slider types and sizes
def test_learning_rate_is_a_log_slider(training):
    lr = control(training, "lr")
    assert isinstance(lr, widgets.FloatLogSlider)
    assert lr.base == 10
    assert 10.0 ** lr.min <= 1e-3 and 10.0 ** lr.max >= 10


@pytest.mark.parametrize("which, names", [
    ("training", ["lr", "epochs"]),
    ("dropout", ["rate"]),
    ("flow", ["depth"]),
    ("activation", ["z"]),
])
def test_sliders_update_only_on_release(which, names, request):
    explorer = request.getfixturevalue(which)
    sliders = [c for c in explorer.controls if c.has_trait("continuous_update")]
    assert sorted(c.description_name for c in sliders) == sorted(names)
    assert all(c.continuous_update is False for c in sliders)


@pytest.mark.parametrize("which", EXPLORERS)
def test_picture_has_a_fixed_size(which, request):
    explorer = request.getfixturevalue(which)
    image = explorer.image
    width, height = png_size(image.value)
    assert image.layout.width == f"{width}px"
    assert image.layout.height == f"{height}px"
    assert (int(image.width), int(image.height)) == (width, height)


# ------------------------------------------- 4. a failing update shows its error
@pytest.mark.parametrize("which, name, value, target", [
    ("training", "lr", 0.1, "compute"),
    ("training", "epochs", 20, "run_training"),
    ("dropout", "rate", 0.3, "compute"),
    ("flow", "depth", 4, "compute"),
    ("activation", "z", 2.5, "compute"),
], ids=lambda v: str(v))
def test_failing_update_is_shown_and_keeps_the_picture(which, name, value, target, request):
    explorer = request.getfixturevalue(which)
    start = control(explorer, name).value
    png, state, n_timings = explorer.image.value, explorer.state, len(explorer.timings)

    def boom(*args, **kwargs):
        raise ValueError("boom")

    # A context, not the monkeypatch fixture: the explorer's fixture, requested
    # inside the test, would otherwise be torn down while `boom` is still in place.
    with pytest.MonkeyPatch.context() as mp:
        if target == "compute":
            mp.setattr(explorer, "compute", boom)
        else:
            mp.setattr(training_module, target, boom)

        control(explorer, name).value = value
        assert "Could not update" in explorer.error.value
        assert "ValueError: boom" in explorer.error.value
        assert explorer.refresh() is False
        assert explorer.image.value == png
        assert explorer.state is state
        assert len(explorer.timings) == n_timings

    control(explorer, name).value = start
    assert explorer.error.value == ""
    # Back at the start: the state computed there before is drawn again.
    assert explorer.state is state
    assert explorer.reused[-1] is True
    assert len(explorer.timings) == n_timings + 1
    CHECKS[which](explorer)


@pytest.mark.parametrize("which, name, value", [
    ("training", "lr", 0.1),
    ("dropout", "rate", 0.3),
    ("flow", "depth", 4),
    ("activation", "z", 2.5),
], ids=lambda v: str(v))
def test_settings_seen_before_are_redrawn_not_recomputed(which, name, value, request):
    explorer = request.getfixturevalue(which)
    start, png = control(explorer, name).value, explorer.image.value
    calls = []
    compute = explorer.compute

    def counted(**values):
        calls.append(values)
        return compute(**values)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(explorer, "compute", counted)
        control(explorer, name).value = value
        moved_png, moved_state = explorer.image.value, explorer.state
        control(explorer, name).value = start
        assert explorer.image.value == png  # the same picture as the first time
        control(explorer, name).value = value
        assert explorer.image.value == moved_png
        assert explorer.state is moved_state
    assert [c[name] for c in calls] == [value]  # computed once, for the new value only
    assert explorer.reused[-3:] == [False, True, True]
    CHECKS[which](explorer)


# ------------------------------------------------------ 5. the static fallback
@pytest.mark.parametrize("which, settings", [
    ("training", ["lr=0.3", "epochs=50", "batch_size=16"]),
    ("dropout", ["rate=0.0"]),
    ("flow", ["depth=8", "activation=sigmoid", "init=Xavier (tanh, sigmoid)"]),
    ("activation", ["activation=tanh", "z=1.0"]),
])
def test_static_fallback_shows_picture_and_summary(which, settings, request):
    explorer = request.getfixturevalue(which)
    bundle = explorer._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == explorer.image.value
    assert explorer.image.value[:4] == PNG_MAGIC
    assert bundle["text/plain"] == explorer.summary()
    for setting in settings:
        assert setting in bundle["text/plain"]
    assert bundle[WIDGET_VIEW]["model_id"] == explorer.model_id
    # Stable: no memory address or timing, and the same on a second call.
    assert " at 0x" not in bundle["text/plain"]
    assert explorer._repr_mimebundle_()["text/plain"] == bundle["text/plain"]


def test_static_fallback_follows_the_controls(training):
    control(training, "epochs").value = 20
    bundle = training._repr_mimebundle_()
    assert "epochs=20" in bundle["text/plain"]
    assert base64.b64decode(bundle["image/png"]) == training.image.value


# ------------------------------------------------- 6. the surface is made once
def test_loss_surface_is_computed_once(training, monkeypatch):
    surface = training.problem.surface
    losses = surface.losses
    saved = losses.copy()
    surface_ax = training.axes[1]
    contours = list(surface_ax.collections)

    def recomputed(*args, **kwargs):
        raise RuntimeError("the loss surface was computed again")

    for module in (mv, mlp_viz.surfaces, training_module):
        monkeypatch.setattr(module, "direction_surface", recomputed)

    n_timings = len(training.timings)
    control(training, "lr").value = 0.1
    control(training, "batch_size").value = 32
    assert training.error.value == ""
    assert len(training.timings) == n_timings + 2
    assert training.problem.surface is surface
    assert training.problem.surface.losses is losses
    np.testing.assert_array_equal(losses, saved)
    # The contour artists are the very same ones, not redrawn.
    assert list(surface_ax.collections) == contours


# ------------------------------------------- 7. redraws do not pile up artists
MOVES = {
    "training": [("lr", 0.1), ("epochs", 20), ("batch_size", 32), ("lr", 1.0),
                 ("batch_size", None)],
    "dropout": [("rate", 0.3), ("rate", 0.6), ("rate", 0.1), ("rate", 0.8), ("rate", 0.5)],
    "flow": [("depth", 4), ("activation", "relu"), ("init", "He (ReLU)"), ("depth", 12),
             ("init", "normal, std 3 (far too large)")],
    "activation": [("z", -2.0), ("activation", "tanh"), ("z", 0.5),
                   ("activation", "leaky_relu"), ("z", -4.0)],
}


@pytest.mark.parametrize("which", EXPLORERS)
def test_redraws_do_not_pile_up(which, request):
    explorer = request.getfixturevalue(which)
    start = explorer.values()
    panels = list(np.ravel(explorer.axes))
    n_axes = len(explorer.figure.axes)
    counts = [artist_counts(ax) for ax in explorer.figure.axes]
    for name, value in MOVES[which]:
        control(explorer, name).value = value
        assert explorer.error.value == ""
        assert len(explorer.figure.axes) == n_axes
        assert all(ax in explorer.figure.axes for ax in panels)
        if which == "training":
            check_only_this_path_on_the_surface(explorer, counts[1])
    restore(explorer, start)
    # Back at the start: the same number of artists of each kind on every axes
    # (a helper's twin axis is made anew on each drawing, so compare by position).
    assert [artist_counts(ax) for ax in explorer.figure.axes] == counts


FRESH = {"training": "training_explorer", "dropout": "dropout_explorer",
         "flow": "gradient_flow_explorer", "activation": "activation_explorer"}


@pytest.mark.parametrize("which", EXPLORERS)
def test_a_redraw_does_not_depend_on_the_settings_before(which, request):
    # Redraws reuse one figure (laid out at the first drawing). After many moves
    # the picture must be exactly that of a new explorer moved straight to the
    # same settings: nothing of an earlier state may leak into it.
    explorer = request.getfixturevalue(which)
    start = explorer.values()
    for name, value in MOVES[which]:
        control(explorer, name).value = value
    assert explorer.error.value == ""
    fresh = getattr(mv, FRESH[which])(**start)
    restore(fresh, explorer.values())
    assert explorer.image.value == fresh.image.value


def check_only_this_path_on_the_surface(explorer, counts):
    """The surface's contours stay; the previous run's path has been removed."""
    surface_ax = explorer.axes[1]
    assert explorer.figure.axes[1] is surface_ax
    assert artist_counts(surface_ax)["collections"] == counts["collections"]
    # One path, one start, one end; one legend, naming this run's end only.
    assert artist_counts(surface_ax)["lines"] == counts["lines"] == 3
    assert sum(t.startswith("end (L = ") for t in legend_texts(surface_ax)) == 1
    path = explorer.state.trajectory
    np.testing.assert_array_equal(surface_ax.lines[0].get_xdata(), path.alphas)
    np.testing.assert_array_equal(surface_ax.lines[0].get_ydata(), path.betas)


# ----------------------------------------------- 8. regression and bad arguments
def test_regression_problem(regression):
    assert regression.error.value == ""
    assert regression.problem.classification is False
    assert regression.problem.loss == "mse"
    assert regression.state.accuracy is None
    summary = regression.summary()
    assert "final training loss" in summary
    assert "accuracy" not in summary
    png = regression.image.value
    control(regression, "epochs").value = 20
    assert regression.error.value == ""
    assert regression.image.value != png
    assert "accuracy" not in regression.summary()
    assert len(regression.state.history.loss) == 21


def test_unknown_problem_lists_the_valid_names():
    with pytest.raises(ValueError, match=re.escape("valid names are: " + ", ".join(PROBLEMS))):
        mv.training_explorer("mooons")


def test_unknown_init_lists_the_choices():
    with pytest.raises(ValueError, match=r"unknown init 'bogus'; choose one of: "
                                         + re.escape(", ".join(INIT_CHOICES))):
        mv.gradient_flow_explorer(init="bogus")


# ----------------------------------------------- 9. divergence is shown, not raised
def test_diverging_learning_rate_is_shown_in_the_summary(regression):
    # The moons problem never diverges (tanh and a sigmoid output keep every loss
    # finite, even at lr=10 with batches of 1); the regression problem does.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # Few epochs on batches of 1 first (cheap), then the step that diverges.
        control(regression, "epochs").value = 5
        control(regression, "batch_size").value = 1
        control(regression, "lr").value = 10.0
    assert [str(w.message) for w in caught] == []
    assert regression.error.value == ""
    assert regression.state.history.diverged == 1
    assert "diverged in epoch 1" in regression.summary()
    assert "diverged in epoch 1" in regression._repr_mimebundle_()["text/plain"]
    assert regression.image.value[:4] == PNG_MAGIC
    # The same run outside the explorer does warn: the explorer silences it on purpose.
    problem = regression.problem
    with pytest.warns(mv.DivergenceWarning, match="diverged in epoch 1"):
        mv.train(problem.net.copy(), problem.X, problem.y, lr=10.0, epochs=5, batch_size=1,
                 loss="mse", seed=problem.seed)


def test_late_divergence_is_shown_in_the_summary(regression):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        control(regression, "batch_size").value = 8
        control(regression, "lr").value = 1.0
    assert regression.error.value == ""
    diverged = regression.state.history.diverged
    assert diverged is not None and diverged > 1
    assert f"diverged in epoch {diverged}" in regression.summary()
    assert [str(w.message) for w in caught] == []
    # the path ends where the network was put back, at the end of the last sound epoch
    run = regression.state
    np.testing.assert_array_equal(run.history.snapshots[-1], run.net.get_flat_params())
    assert np.all(np.isfinite(run.trajectory.losses))



def test_partial_redraw_equals_a_full_redraw():
    """The training explorer redraws only what changes; the picture must not differ."""
    from PIL import Image

    explorer = mv.training_explorer(epochs=20)
    assert explorer.static_axes  # the surface panel and its colour bar
    for lr in (1.0, 0.05):
        control(explorer, "lr").value = lr
        fast = np.asarray(Image.open(io.BytesIO(explorer.image.value)))
        with mpl.rc_context(DRAWING):  # the settings the explorer draws with
            explorer.figure.canvas.draw()
        full = np.asarray(explorer.figure.canvas.buffer_rgba())[:, :, :3]
        np.testing.assert_array_equal(fast, full)


def test_dropout_explorer_draws_only_what_a_rate_changes(monkeypatch):
    """A new rate retrains, then draws over the cached background: no full redraw."""
    explorer = mv.dropout_explorer(rate=0.2)
    full_draws = []
    canvas = explorer.figure.canvas
    plain = canvas.draw
    monkeypatch.setattr(canvas, "draw", lambda *a, **k: (full_draws.append(1), plain(*a, **k)))
    for rate in (0.4, 0.6):
        control(explorer, "rate").value = rate
        assert explorer.error.value == ""
        assert explorer.state.rate == rate and not explorer.reused[-1]
    assert full_draws == []
    # The loss axis runs from 0 to the largest loss rounded up to a quarter.
    h = explorer.state.history
    top = explorer.picture.loss_ax.get_ylim()
    largest = max(h.loss.max(), h.val_loss.max())
    assert top[0] == 0 and top[1] - 0.25 < largest <= top[1]
    assert top[1] / 0.25 == round(top[1] / 0.25)


def test_dropout_explorer_blit_equals_a_full_drawing():
    """Drawn in parts (a background, the changing artists, the legends put back on top),
    the picture is the full drawing of the same artists, apart from the pixels on the
    rim of a legend or a marker, whose antialiased edges were drawn over the background."""
    from PIL import Image

    explorer = mv.dropout_explorer(rate=0.0)
    control(explorer, "rate").value = 0.5
    fast = np.asarray(Image.open(io.BytesIO(explorer.image.value)).convert("RGB"))
    figure = explorer.figure
    for artist in figure.findobj():
        artist.set_animated(False)
    with mpl.rc_context(DRAWING):
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        rims = [s.get_window_extent(renderer) for s in explorer.picture.stickers]
    full = np.asarray(figure.canvas.buffer_rgba())[:, :, :3]
    height = full.shape[0]
    rim = np.zeros(full.shape[:2], bool)
    for box in rims:  # 3 pixels either side of each edge (pixel rows count from the top)
        x0, x1 = int(box.x0), int(np.ceil(box.x1))
        y0, y1 = height - int(np.ceil(box.y1)), height - int(box.y0)
        rim[max(0, y0 - 3):y1 + 3, max(0, x0 - 3):x1 + 3] = True
        rim[y0 + 3:y1 - 3, x0 + 3:x1 - 3] = False
    differ = np.any(fast != full, axis=2)
    assert not np.any(differ & ~rim), np.argwhere(differ & ~rim)[:5]


def test_dropout_explorer_shows_a_run_that_blows_up():
    from mlp_viz.widgets.dropout import DropoutExplorer, make_dropout_problem

    problem = make_dropout_problem(0)
    problem.lr = 200.0
    with pytest.warns(mv.DivergenceWarning):
        explorer = DropoutExplorer(problem, 0.0)
    assert explorer.state.history.diverged is not None
    words = [t.get_text() for t in explorer.picture.loss_ax.texts]
    assert words == [f"diverged in epoch {explorer.state.history.diverged}"]
    with pytest.warns(mv.DivergenceWarning):
        control(explorer, "rate").value = 0.3
    # One mark, this run's: the last run's went with it.
    assert [t.get_text() for t in explorer.picture.loss_ax.texts] == [
        f"diverged in epoch {explorer.state.history.diverged}"]
    assert len(explorer.picture.loss_ax.lines) == 3  # training, validation, the mark


# ------------------------------------- 10. a starting value the controls cannot show
@pytest.mark.parametrize("builder, kwargs, msg", [
    ("training_explorer", dict(lr=100.0), r"lr must be a number between 0\.001 and 10 \(the "
                                          r"range of its slider\); got 100\.0\."),
    ("training_explorer", dict(lr=0.0), r"lr must be a number between 0\.001 and 10 .*; got 0\.0"),
    ("training_explorer", dict(epochs=0), r"epochs must be a whole number between 1 and 200 "
                                          r"\(the range of its slider\); got 0\."),
    ("training_explorer", dict(epochs=2.5), r"epochs must be a whole number .*; got 2\.5\."),
    ("training_explorer", dict(epochs=True), r"epochs must be a whole number .*; got True\."),
    ("training_explorer", dict(batch_size=7), r"batch_size must be one of 1, 8, 16, 32, 64, "
                                              r"None \(the choices of its menu\); got 7\."),
    ("dropout_explorer", dict(rate=0.9), r"rate must be a number between 0 and 0\.8 \(the range "
                                         r"of its slider\); got 0\.9\."),
    ("dropout_explorer", dict(rate="high"), r"rate must be a number between 0 and 0\.8 .*; got "
                                            r"'high'\."),
    ("gradient_flow_explorer", dict(depth=40), r"depth must be a whole number between 2 and 30 "
                                               r".*; got 40\."),
    ("gradient_flow_explorer", dict(activation="softmax"),
     r"activation must be one of 'relu', 'leaky_relu', 'sigmoid', 'tanh' \(the choices of its "
     r"menu\); got 'softmax'\."),
    ("activation_explorer", dict(z=7.0), r"z must be a number between -5 and 5 .*; got 7\.0\."),
    ("activation_explorer", dict(activation="identity"), r"activation must be one of 'relu', "),
])
def test_a_starting_value_outside_the_controls_is_refused(builder, kwargs, msg):
    # A slider would quietly clamp it, and the picture would show another setting.
    with pytest.raises(ValueError, match=msg):
        getattr(mv, builder)(**kwargs)
