"""The benchmark's own pieces, on tiny inputs: no timing is asserted here.

``python -m bench`` takes minutes and needs PyTorch for some rows, so the
suite does not run it; these tests keep the parts it is built from working.
"""

import io
import os
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pytest
from PIL import Image

import mlp_viz as mv
from mlp_viz.widgets._base import DRAWING, figure_png

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def bench(monkeypatch):
    """``bench.common`` (the package lives beside mlp_viz, not installed), one repeat."""
    monkeypatch.syspath_prepend(str(ROOT))
    from bench import common

    monkeypatch.setattr(common, "REPEATS", 1)
    saved = dict(common.MEASURED)
    yield common
    common.MEASURED.clear()
    common.MEASURED.update(saved)


def test_a_verdict_just_under_its_goal_shows_the_digit_that_decides(bench, monkeypatch):
    import bench.__main__ as main

    measured = {("sklearn", "float64", 1): 1.996, ("sklearn", "float32", 1): 1.31,
                ("gradcheck", 1): 2.5}
    monkeypatch.setattr(main, "MEASURED", measured)
    verdicts = {target: (shown, verdict) for target, shown, verdict in main.targets_table()}
    assert verdicts["1 thread: ≥ 2× scikit-learn, float64"] == ("1.996×",
                                                               "not met: 1.996× of 2.000×")
    assert verdicts["1 thread: ≥ 1.3× scikit-learn, float32"] == ("1.31×", "met")
    assert verdicts["1 thread: batched gradient check: ≥ 3× the loop"] == (
        "2.50×", "not met: 2.50× of 3.00×")


def test_step_parts_reports_every_part_of_a_small_step(bench):
    from bench.training import step_flops, step_parts

    sizes = (16, 8, 4)
    parts = step_parts(sizes=sizes, batch=32, n_batches=4)
    assert set(parts) == {"step", "products", "gather", "rate", "ideal"}
    assert all(np.isfinite(v) and v > 0 for v in parts.values())
    # The ideal is the step's flop count at the measured peak rate, in ms.
    assert parts["ideal"] == pytest.approx(step_flops(list(sizes), 32) / parts["rate"] * 1000)
    assert step_flops([16, 8, 4], 32) == 2 * 32 * (3 * (16 * 8 + 8 * 4) - 16 * 8)
    assert bench.MEASURED["step parts"] is parts


def test_measuring_the_text_leaves_the_figure_as_it_was(bench):
    from bench.widgets import text_share

    explorer = mv.activation_explorer()
    shown = np.asarray(Image.open(io.BytesIO(explorer.image.value)))
    lines, with_text, without = text_share(explorer, repeats=1)
    assert lines >= 10  # ticks, axis labels, title and legend
    assert with_text > 0 and without > 0
    with mpl.rc_context(DRAWING):  # drawn again as the explorer draws: text and all
        again = np.asarray(Image.open(io.BytesIO(figure_png(explorer.figure))))
    np.testing.assert_array_equal(shown, again)


def test_the_setup_benchmark_starts_from_the_committed_files(tmp_path):
    from bench.setup import committed_copy, folder_size

    committed_copy(tmp_path)
    assert (tmp_path / "course.py").is_file() and (tmp_path / "requirements.txt").is_file()
    assert not (tmp_path / ".venv").exists()
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a").write_bytes(b"12345")
    assert folder_size(tmp_path / "x") == 5


def test_the_optimiser_rows_time_every_setting_against_sgd(bench, monkeypatch):
    from bench import optimizers

    monkeypatch.setattr(optimizers, "REPEATS", 1)
    rows = optimizers.rows_for((16, 8, 4), 8)
    assert [row[0] for row in rows] == [label for label, _, _ in optimizers.SETTINGS]
    for label, ms, over_sgd, torch_over, vs, same in rows:
        assert float(ms) > 0 and over_sgd.endswith("%")
        over, medians = bench.MEASURED[("optimizer", 16, 8, label)]
        assert over == pytest.approx(medians[0] / medians[1] - 1)
        if not optimizers.have_torch():
            assert torch_over == vs == same == "torch not installed"


def test_the_optimiser_targets_are_judged_on_the_measured_rows(bench):
    from bench import optimizers

    bench.MEASURED.update({
        ("optimizer", 784, 128, "SGD, momentum 0.9"): (0.05, [1.05, 1.0]),
        ("optimizer", 784, 128, "Adam"): (0.16, [1.16, 1.0]),
        ("optimizer", 784, 128, "SGD"): (0.0, [1.0, 1.0, 1.19]),
        ("optimizer", 64, 32, "SGD"): (0.0, [1.0, 1.0, 2.5]),
    })
    assert [row[1:] for row in optimizers.targets()] == [
        ("+5.0%", "met"), ("+16.0%", "not met"), ("1.19×", "not met"), ("2.50×", "met")]


def test_the_update_costs_cover_every_optimiser_and_two_single_operations(bench, monkeypatch):
    from bench import optimizers

    monkeypatch.setattr(optimizers, "UPDATE_REPEATS", 2)
    costs = optimizers.update_costs()
    assert [name for name, _ in costs] == [f"{label}: step" for label, _, _ in
                                           optimizers.SETTINGS[:5]] + [
        "one multiplication, g *= c", "one square root, sqrt(g) into another array"]
    assert all(us > 0 for _, us in costs)
    assert optimizers.N_PARAMS == mv.MLP([784, 256, 128, 10]).n_params


def test_the_plain_numpy_peer_of_the_dropout_explorer_does_the_same_work(bench):
    """The peer that ``train`` is timed against ends at the same weights and losses."""
    from bench.widgets import plain_numpy_dropout_training
    from mlp_viz.widgets.dropout import make_dropout_problem

    problem = make_dropout_problem(0)
    problem.epochs = 6
    Ws, bs, losses, val_losses = plain_numpy_dropout_training(problem, 0.3)
    net = problem.net.copy()
    history = mv.train(net, problem.X, problem.y, lr=problem.lr, epochs=problem.epochs,
                       batch_size=problem.batch_size, loss="binary_cross_entropy",
                       dropout=0.3, seed=problem.seed, X_val=problem.X_val, y_val=problem.y_val)
    for mine, theirs in zip(Ws + bs, net.weights + net.biases):
        np.testing.assert_allclose(mine, theirs, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(losses, history.loss, rtol=1e-10)
    np.testing.assert_allclose(val_losses, history.val_loss, rtol=1e-10)
    assert not np.allclose(Ws[0], problem.net.weights[0])  # it trained


def test_a_notebook_is_timed_with_its_pictures_and_without_drawing(bench, tmp_path,
                                                                   monkeypatch):
    import nbformat

    from bench import notebooks

    path = tmp_path / "one.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\n_ = plt.plot([0, 1])"),
        nbformat.v4.new_markdown_cell("## Going further"),
        nbformat.v4.new_code_cell("_ = plt.plot([1, 0])"),
        nbformat.v4.new_markdown_cell("## Summary")]), path)
    monkeypatch.setenv("MPLBACKEND", "svg")
    seconds, pictures = notebooks.run(path)
    assert seconds > 0 and pictures == 2
    assert notebooks.run(path, main_only=True)[1] == 1  # the cells before "Going further"
    assert os.environ["MPLBACKEND"] == "svg"  # the caller's, restored
    assert notebooks.run(path, draw=False)[1] == 0  # the Agg kernel shows no picture
    monkeypatch.setattr(notebooks, "run", lambda p, draw=True, main_only=False: (
        1.3 if main_only else 2.0 if draw else 0.5, 3))
    monkeypatch.setattr(notebooks, "notebooks", lambda: [path, tmp_path / "two.ipynb"])
    assert notebooks.rows(notebooks.measure(repeats=2)) == [
        ("one.ipynb", "2.0", 3, "0.5", "1.5", "1.3"), ("two.ipynb", "2.0", 3, "0.5", "1.5", "1.3"),
        ("the whole course", "4.0", 6, "1.0", "3.0", "2.6")]
