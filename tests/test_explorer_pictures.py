"""An explorer's picture depends only on its settings, and its text can always be read.

For every control of every explorer: moving the control to a value, after
having shown another, gives exactly the pixels of a fresh explorer built at
that value (``builder(**{name: value})``). A partial redraw, a layout frozen
at the first settings shown, or a helper's axes left from an earlier drawing
would all break it. And at every setting tried, no text runs off the figure
or into other text (``figure_checks.text_problems``).
"""

import io

import numpy as np
import pytest
from figure_checks import drawn_texts, text_problems
from PIL import Image

import mlp_viz as mv

# builder -> control name -> values to move to; the first value of each list
# is also shown before every other one, so each move comes from elsewhere.
SWEEPS = {
    "training_explorer": {
        "lr": [10.0, 0.001, 0.3],
        "epochs": [1, 200],
        "batch_size": [None, 1],
    },
    "dropout_explorer": {"rate": [0.8, 0.35, 0.0]},
    "gradient_flow_explorer": {
        "depth": [30, 2],
        "activation": ["relu", "tanh"],
        "init": ["normal, std 3 (far too large)", "He (ReLU)", "normal, std 0.01 (too small)"],
    },
    "activation_explorer": {
        "activation": ["relu", "leaky_relu", "sigmoid"],
        "z": [-5.0, 0.0, 5.0],
    },
    "playground": {
        "data": ["regression", "xor"],
        "noise": [0.5, 0.0],
        "seed": [7, 0],
        "hidden": [[3], [16, 16, 16, 16], [6, 6]],
        "activation": ["relu", "sigmoid"],
        "lr": [10.0, 0.001],
        "batch_size": [None, 8],
        "epochs": [1, 100],
        "optimizer": ["adam", "momentum"],
        "weight_decay": [0.1, 0.0],
        "dropout": [0.6, 0.0],
        "iteration": [0, 150, 1900],
    },
}

CASES = [(builder, name, value) for builder, controls in SWEEPS.items()
         for name, values in controls.items() for value in values]


def pixels(explorer):
    assert explorer.error.value == "", explorer.error.value
    return np.asarray(Image.open(io.BytesIO(explorer.image.value)).convert("RGB"))


def control(explorer, name):
    (found,) = [c for c in explorer.controls if c.description_name == name]
    return found


@pytest.fixture(scope="module")
def moved():
    """One explorer per builder, kept across the tests, so each starts from elsewhere."""
    return {builder: getattr(mv, builder)() for builder in SWEEPS}


@pytest.mark.parametrize("builder, name, value", CASES)
def test_moving_a_control_gives_the_picture_of_a_fresh_explorer(moved, builder, name, value):
    explorer = moved[builder]
    detour = next(v for v in SWEEPS[builder][name] if v != value)
    control(explorer, name).value = detour
    control(explorer, name).value = value
    got = pixels(explorer)
    settings = {**explorer.values()}
    fresh = getattr(mv, builder)(**settings)
    expected = pixels(fresh)
    assert got.shape == expected.shape
    differ = np.any(got != expected, axis=-1)
    assert not differ.any(), (
        f"{builder}: after moving {name} to {value!r} (settings {settings}), "
        f"{int(differ.sum())} pixels differ from a fresh explorer built there, in rows "
        f"{np.flatnonzero(differ.any(axis=1))[[0, -1]]} and columns "
        f"{np.flatnonzero(differ.any(axis=0))[[0, -1]]}")
    assert text_problems(fresh.figure) == []


def test_several_controls_at_once():
    # The settings of the frozen-layout report: wider tick labels on the loss axis.
    explorer = mv.training_explorer()
    control(explorer, "epochs").value = 1
    control(explorer, "batch_size").value = None
    fresh = mv.training_explorer(epochs=1, batch_size=None)
    np.testing.assert_array_equal(pixels(explorer), pixels(fresh))
    assert text_problems(explorer.figure) == []


def figure_words(explorer):
    """Every piece of text the figure shows, as one string."""
    return " ".join(t.get_text() for t in drawn_texts(explorer.figure)[1])


@pytest.mark.parametrize("settings, epoch", [
    (dict(lr=10.0), 1),                                   # moons: flat, one class, finite
    (dict(data="regression", lr=10.0, batch_size=1, epochs=5), 1),  # stopped: infinite loss
])
def test_a_run_that_blows_up_says_so_in_the_picture(settings, epoch):
    explorer = mv.training_explorer(**settings)
    history = explorer.state.history
    assert history.blew_up() == epoch
    words = figure_words(explorer)
    assert f"Training diverged in epoch {epoch}" in words
    assert f"the learning rate {settings['lr']:g} is too large" in words
    assert f"diverged in epoch {epoch}" in explorer.summary()
    assert text_problems(explorer.figure) == []


def test_a_sound_run_says_nothing_of_divergence():
    explorer = mv.training_explorer(lr=0.3)
    assert explorer.state.history.blew_up() is None
    assert "diverged" not in figure_words(explorer).lower()


def test_the_path_on_the_surface_ends_at_the_trained_network():
    # 8 batches x 50 epochs = 400 updates, and a snapshot every 6: the last
    # multiple of 6 is 396, four updates before the end.
    explorer = mv.training_explorer()
    run = explorer.state
    assert run.history.n_iterations % run.history.snapshot_iterations[1] != 0
    np.testing.assert_array_equal(run.history.snapshots[-1], run.net.get_flat_params())
    assert run.trajectory.losses[-1] == pytest.approx(run.history.loss[-1], rel=1e-12)
    surface_ax = explorer.axes[1]
    labels = [t.get_text() for t in surface_ax.get_legend().get_texts()]
    assert f"end (L = {run.history.loss[-1]:.3g})" in labels
