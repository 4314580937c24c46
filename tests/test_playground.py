"""The playground: a run trained once per setting, then scrubbed, stepped, played and reopened.

The picture rule (moving a control gives the pixels of a fresh playground
built there) is tested for every control in tests/test_explorer_pictures.py.
"""

import io
import warnings

import numpy as np
import pytest
from figure_checks import drawn_texts, text_problems
from PIL import Image

import mlp_viz as mv
from mlp_viz.replay import recording as recording_module
from mlp_viz.replay import widget as widget_module


def pixels(pg):
    assert pg.error.value == "", pg.error.value
    return np.asarray(Image.open(io.BytesIO(pg.image.value)).convert("RGB"))


def control(pg, name):
    (found,) = [c for c in pg.controls if c.description_name == name]
    return found


def every_text(pg):
    """text_problems and the words of the whole picture, the per-iteration text included."""
    changing = [a for a in pg.picture.animated if a.get_animated()]
    for artist in changing:
        artist.set_animated(False)
    try:
        return text_problems(pg.figure), " ".join(t.get_text()
                                                   for t in drawn_texts(pg.figure)[1])
    finally:
        for artist in changing:
            artist.set_animated(True)


@pytest.fixture(scope="module")
def pg():
    return mv.playground(epochs=10)


def test_scrubbing_stepping_and_playing_never_train(pg, monkeypatch):
    calls = []
    monkeypatch.setattr(recording_module, "train", lambda *a, **k: calls.append(1))
    n = pg.recording.n_iterations
    for k in (0, n // 2, 3, n):
        pg.slider.value = k
        assert pg.error.value == ""
    pg.step(-1)
    assert pg.slider.value == n - 1
    pg.step(+5)
    assert pg.slider.value == n  # not past the end
    pg.play.value = 7  # in a browser the Play widget moves the slider (jslink)
    assert calls == []


def test_a_new_setting_trains_once_and_shows_the_end_of_its_run(pg, monkeypatch):
    runs = []
    original = recording_module.train

    def counting(*args, **kwargs):
        runs.append(kwargs["lr"])
        return original(*args, **kwargs)

    monkeypatch.setattr(recording_module, "train", counting)
    pg.slider.value = 5
    control(pg, "lr").value = 0.1
    assert runs == [0.1]
    assert pg.slider.value == pg.recording.n_iterations == pg.slider.max
    control(pg, "lr").value = 0.3  # seen before: remembered, not trained again
    assert runs == [0.1]


def test_the_settings_round_trip_to_the_same_picture(pg):
    control(pg, "hidden").value = [4, 3, 2]
    pg.slider.value = 17
    settings = pg.settings
    assert settings["hidden"] == (4, 3, 2) and settings["iteration"] == 17
    assert set(settings) == set(mv.replay.CONTROLS)
    np.testing.assert_array_equal(pixels(mv.playground(**settings)), pixels(pg))
    control(pg, "hidden").value = [6, 6]


@pytest.mark.parametrize("settings", [dict(), dict(dropout=0.3, optimizer="adam"),
                                      dict(data="regression", batch_size=None,
                                           weight_decay=1e-2, optimizer="momentum")])
def test_a_reopened_step_is_the_step_that_was_taken(settings):
    pg = mv.playground(epochs=3, **settings)
    rec = pg.recording
    for k in (1, rec.n_iterations // 2, rec.n_iterations):
        step = pg.at(k)
        assert step.iteration == k and step.loss == rec.history.iteration_loss[k - 1]
        np.testing.assert_array_equal(step.net_before.get_flat_params(),
                                      rec.history.snapshots[k - 1])
        np.testing.assert_array_equal(step.net_after.get_flat_params(),
                                      rec.history.snapshots[k])
        np.testing.assert_allclose([np.linalg.norm(dW) for dW, _ in step.grads],
                                   rec.history.grad_norms[k - 1], rtol=1e-12)
        if settings.get("optimizer") is None and not settings:  # plain SGD: the update itself
            flat = np.concatenate([g.ravel() for pair in step.grads for g in pair])
            np.testing.assert_array_equal(step.net_after.get_flat_params(),
                                          step.net_before.get_flat_params() - 0.3 * flat)
        assert step.X.shape[0] == (16 if settings.get("batch_size", 16) else 150) or k == \
            rec.n_iterations
    assert step.trace.keep[1] is None if not settings.get("dropout") else \
        step.trace.keep[1].dtype == bool


def test_reopening_step_0_says_what_it_is(pg):
    with pytest.raises(ValueError, match=r"^k must be between 1 and \d+; got 0\. Updates are "
                                         r"counted from 1 to \d+; iteration 0 is the network "
                                         r"before training, which made no step\.$"):
        pg.at(0)


def test_the_picture_says_where_a_run_blew_up():
    pg = mv.playground(lr=10.0)
    problems, words = every_text(pg)
    assert "Training diverged in epoch" in words
    assert "the learning rate 10 is too large" in words
    assert problems == []


@pytest.mark.parametrize("settings", [dict(), dict(data="regression", iteration=0),
                                      dict(hidden=(), data="xor", iteration=1),
                                      dict(hidden=(16, 16, 16, 16), epochs=1)])
def test_every_text_can_be_read(settings):
    problems, words = every_text(mv.playground(**settings))
    assert problems == []
    assert "Iteration" in words and "This step, per layer" in words


def test_own_points_and_own_curves():
    X, y = mv.circles(80, seed=1)
    pg = mv.playground(X=X, y=y, epochs=2)
    assert pg.recording.problem.name == "own" and pg.recording.problem.classification
    assert "data" not in pg.settings
    np.testing.assert_array_equal(pixels(mv.playground(X=X, y=y, **pg.settings)), pixels(pg))
    x = np.linspace(-1, 1, 40)
    curve = mv.playground(X=x, y=x ** 2, epochs=2)
    assert not curve.recording.problem.classification


@pytest.mark.parametrize("X, y, match", [
    (np.zeros((20, 3)), np.zeros(20),
     r"^the playground draws 1-D inputs \(a curve\) or 2-D points \(a plane\); X has shape "
     r"\(20, 3\)\. Pass X of shape \(n, 2\) with labels 0/1, or \(n,\) with real targets\.$"),
    (np.zeros((20, 2)), np.arange(20) % 3,
     r"^2-D points need labels 0 and 1 \(two classes\); y holds \[0, 1, 2\]\. For "
     r"three or more classes use mv\.MLP with a softmax output and mv\.train instead\.$"),
    (np.zeros((20, 2)), np.zeros(19),
     r"^y must hold one target per row of X, shape \(20,\); got shape \(19,\)\.$"),
    (np.full((20, 2), np.nan), np.zeros(20), r"^X contains NaN or infinity \(40 of 40"),
    (np.zeros((4, 2)), np.zeros(4), r"^the playground needs at least 8 samples"),
])
def test_own_data_it_cannot_show_is_refused_with_the_reason(X, y, match):
    with pytest.raises(ValueError, match=match):
        mv.playground(X=X, y=y)
    with pytest.raises(ValueError, match=match):
        mv.playground_run(X=X, y=y)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(X=np.zeros((20, 2))), ValueError, r"^give both X and y for data of your own"),
    (dict(hidden=(8,) * 5), ValueError,
     r"^the playground draws at most 4 hidden layers; got 5: \(8, 8, 8, 8, 8\)\. Remove a "
     r"layer\.$"),
    (dict(hidden=(8, 40)), ValueError, r"^each hidden width must be between 1 and 16; got 40\."),
    (dict(hidden="8"), TypeError, r"^hidden must be a tuple of layer widths such as \(8, 8\)"),
    (dict(hide=("lr", "nope")), ValueError,
     r"^hide names controls; unknown: 'nope'\. Valid names: data, noise, seed, hidden, "),
    (dict(iteration=10_000), ValueError,
     r"iteration must be between 0 and 300 \(this run made 300 updates\); got 10000\."),
    (dict(lr=50.0), ValueError, r"^lr must be a number between 0\.001 and 10 \(the range of "
                                r"its slider\); got 50\.0\.$"),
    (dict(optimizer="rmsprop"), ValueError,
     r"^optimizer must be one of 'sgd', 'momentum', 'adam' \(the choices of its menu\)"),
])
def test_bad_settings_are_refused(kwargs, error, match):
    with pytest.raises(error, match=match):
        mv.playground(**kwargs)
    if not {"hide", "iteration"} & set(kwargs):  # settings of the widget alone
        with pytest.raises(error, match=match):
            mv.playground_run(**kwargs)


@pytest.mark.parametrize("settings", [
    dict(epochs=3),
    dict(data="circles", noise=0.1, hidden=(4,), activation="relu", lr=1.0, epochs=4,
         optimizer="adam", dropout=0.2, seed=3),
    dict(X=np.linspace(-1, 1, 40), y=np.linspace(-1, 1, 40) ** 2, hidden=(5,), epochs=5,
         batch_size=None, weight_decay=1e-3),
])
def test_playground_run_records_the_playgrounds_run_without_drawing(settings, monkeypatch):
    shown = mv.playground(**settings).recording

    def no_picture(*args, **kwargs):
        raise AssertionError("playground_run drew a picture")

    monkeypatch.setattr(widget_module, "Picture", no_picture)
    run = mv.playground_run(**settings)
    assert run.settings == shown.settings and run.problem.name == shown.problem.name
    np.testing.assert_array_equal(run.problem.X, shown.problem.X)
    np.testing.assert_array_equal(run.problem.X_val, shown.problem.X_val)
    for name in ["loss", "iteration_loss", "val_loss", "snapshots"]:
        np.testing.assert_array_equal(getattr(run.history, name), getattr(shown.history, name))
    np.testing.assert_array_equal(run.surface.losses, shown.surface.losses)
    np.testing.assert_array_equal(run.at(2).grads[0][0], shown.at(2).grads[0][0])


def test_a_teacher_hides_controls_and_fixes_their_values():
    pg = mv.playground(optimizer="adam", hide=("optimizer", "weight_decay", "iteration"),
                       epochs=2)
    assert control(pg, "optimizer").layout.display == "none"
    assert control(pg, "weight_decay").layout.display == "none"
    assert pg.transport.layout.display == "none"
    assert control(pg, "lr").layout.display != "none"
    assert pg.settings["optimizer"] == "adam"


def test_without_a_front_end_it_shows_its_picture_and_says_what_it_shows():
    pg = mv.playground(epochs=2, iteration=5)
    bundle = pg._repr_mimebundle_()
    assert bundle["image/png"]
    assert bundle["text/plain"].startswith("Playground(data=moons")
    assert "iteration 5 of 20" in bundle["text/plain"]


def test_a_run_that_stopped_shows_only_the_networks_it_kept():
    # Training stops in the epoch the loss blows up and puts the network back to the
    # end of the epoch before: the iterations after that have no network to show.
    X = np.linspace(-1, 1, 40)
    with warnings.catch_warnings():
        # the playground says it in the picture, it does not warn
        warnings.simplefilter("error", mv.DivergenceWarning)
        pg = mv.playground(X=X, y=1e4 * X, lr=10.0, epochs=20)
    h = pg.recording.history
    assert h.diverged is not None
    kept = (h.diverged - 1) * h.iterations_per_epoch
    assert pg.recording.n_iterations == kept == pg.slider.max
    assert h.n_iterations > kept  # the steps of the last epoch, before it blew up
    problems, words = every_text(pg)
    assert f"Training diverged in epoch {h.diverged}" in words and problems == []
    if kept:
        pg.at(kept)
    with pytest.raises(ValueError, match=r"^k must be between 1 and "):
        pg.at(kept + 1)


def test_a_pinned_run_stays_beside_the_next_ones_and_round_trips():
    pg = mv.playground(epochs=5)
    pg.pin.value = True
    control(pg, "lr").value = 1.0
    settings = pg.settings
    assert settings["compare"]["lr"] == 0.3 and "iteration" not in settings["compare"]
    _, words = every_text(pg)
    assert "pinned: lr 0.3" in words and "pinned run" in words
    np.testing.assert_array_equal(pixels(mv.playground(**settings)), pixels(pg))
    pg.pin.value = False
    assert "compare" not in pg.settings
    np.testing.assert_array_equal(pixels(mv.playground(**pg.settings)), pixels(pg))


def test_play_draws_the_newest_frame_asked_for_once():
    import asyncio

    pg = mv.playground(epochs=5)
    drawn = []
    original = pg.refresh

    def counting(*args, **kwargs):
        drawn.append(pg.slider.value)
        return original(*args, **kwargs)

    pg.refresh = counting

    async def frames_arrive_faster_than_they_are_drawn():
        for k in (3, 6, 9, 12):  # four messages waiting before the loop is free
            pg.play.value = k
        await asyncio.sleep(0)

    asyncio.run(frames_arrive_faster_than_they_are_drawn())
    assert drawn == [12] and pg.slider.value == 12
    np.testing.assert_array_equal(pixels(pg), pixels(mv.playground(epochs=5, iteration=12)))
    pg.play.value = 20  # no event loop: drawn at once
    assert drawn == [12, 20]


@pytest.mark.parametrize("epochs", [5, 29, 30])
def test_play_ends_on_a_whole_step_at_or_past_the_end(epochs):
    # The Play widget starts again from 0 only when it stands at its max, and it stops at
    # its last multiple of the step: so its max is a whole number of steps, >= the end.
    pg = mv.playground(epochs=epochs)
    n = pg.recording.n_iterations
    assert pg.play.max % pg.play.step == 0 and n <= pg.play.max < n + pg.play.step
    pg.play.value = pg.play.max
    assert pg.slider.value == n


@pytest.mark.parametrize("compare, error, match", [
    ("lr=1", TypeError, r"^compare must be the settings of another run, a dict such as "
                        r"pg\.settings; got str 'lr=1'\.$"),
    (dict(hidden=(99,)), ValueError, r"^each hidden width must be between 1 and 16"),
])
def test_a_bad_comparison_is_refused(compare, error, match):
    with pytest.raises(error, match=match):
        mv.playground(compare=compare)


def test_a_partial_comparison_takes_the_other_settings_from_the_playground():
    pg = mv.playground(epochs=4, compare=dict(lr=1.0))
    assert pg.settings["compare"] == {**{k: v for k, v in pg.settings.items()
                                         if k not in ("iteration", "compare")}, "lr": 1.0}
    with pytest.raises(ValueError, match=r"^compare holds settings; unknown: speed\. Valid "):
        mv.playground(compare=dict(speed=2))
