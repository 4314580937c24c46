"""graphs/: every figure is what `python -m mlp_viz.graphs` draws, and drawing is byte-stable."""

from pathlib import Path

import matplotlib
import pytest
from matplotlib.testing.compare import compare_images

from mlp_viz import graphs

ROOT = Path(__file__).resolve().parents[1]
NOTES_FIGURES = [
    "relu.png", "loss_surface_gpt_generated.png", "loss_surface.png",
    "gradient_descent_visual_single.png", "gradient_descent_visual_two_peaks.png",
    "gradient_vector.png", "gradient_descent_visual_single_arrow.png", "gradient_vanish.png",
    "loss_surface_exp.png",
]


def test_every_figure_the_notes_reference_is_generated():
    assert set(NOTES_FIGURES) <= set(graphs.FIGURES)


def test_drawing_twice_gives_the_same_bytes():
    for name in ("relu.png", "network_house_price.png"):
        assert graphs.render(name) == graphs.render(name)


def test_png_carries_no_software_or_date():
    png = graphs.render("relu.png")
    assert b"Software" not in png and b"tIME" not in png


def locked_version(package):
    """The version of `package` that constraints.txt pins (what the tests last passed with)."""
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        name, _, version = line.partition("==")
        if name.strip().lower() == package:
            return version.strip()
    return None


@pytest.mark.parametrize("name", list(graphs.FIGURES))
def test_committed_figure_matches_the_generator(name, tmp_path):
    # graphs/ is drawn with the tested matplotlib; another release draws text a
    # little differently everywhere, so only that one can redraw it exactly.
    locked = locked_version("matplotlib")
    if matplotlib.__version__ != locked:
        pytest.skip(f"graphs/ is drawn with matplotlib {locked} (constraints.txt); this is "
                    f"{matplotlib.__version__}")
    committed = ROOT / "graphs" / name
    assert committed.exists(), f"graphs/{name} is missing; run python -m mlp_viz.graphs"
    fresh = tmp_path / name
    fresh.write_bytes(graphs.render(name))
    if fresh.read_bytes() == committed.read_bytes():
        return
    # Another matplotlib or FreeType release may move a few pixels of text; a
    # changed picture moves many. Anything beyond that means: regenerate.
    diff = compare_images(str(committed), str(fresh), tol=2)
    assert diff is None, f"graphs/{name} is stale ({diff}); run python -m mlp_viz.graphs"


def test_check_mode_reports_stale_figures(tmp_path):
    (tmp_path / "relu.png").write_bytes(b"not a picture")
    assert graphs.write(["relu.png"], tmp_path, check=True) == ["relu.png"]
    assert (tmp_path / "relu.png").read_bytes() == b"not a picture"
    assert graphs.write(["relu.png"], tmp_path) == ["relu.png"]
    assert graphs.write(["relu.png"], tmp_path, check=True) == []


def test_unknown_figure():
    with pytest.raises(ValueError, match=r"unknown figure 'x\.png'; valid names are: relu\.png"):
        graphs.render("x.png")


def test_arrow_figure_draws_the_negative_gradient_at_each_step():
    import re

    import numpy as np
    from matplotlib.text import Annotation

    import mlp_viz as mv

    ax = graphs.descent_single_arrow().axes[0]
    arrows = [t for t in ax.texts if isinstance(t, Annotation) and t.arrow_patch is not None]
    assert len(arrows) >= 5
    starts = np.array([a.xyann for a in arrows])
    ends = np.array([a.xy for a in arrows])
    np.testing.assert_allclose(starts[1:], ends[:-1])  # one path, step after step
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    lr = float(re.search(r"−lr·∇L, lr = ([0-9.]+)", legend).group(1))
    # Each arrow is -lr times the true gradient at its start, in the plane the axes name.
    net, X, y = graphs._moons_net()
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("W[2][0, 2]", "b[2][0]")
    plane = mv.parameter_surface(net, X, y, ("W", 2, 0, 2), ("b", 2, 0), resolution=3,
                                 loss="binary_cross_entropy")
    for start, end in zip(starts, ends):
        np.testing.assert_allclose(end - start, -lr * plane.gradient_at(*start), rtol=1e-9)
    title = ax.get_title()
    assert "negative gradient" in title
    assert "2-16-1 tanh network trained on 200 moons points" in title
    assert "W[2][0, 2] and b[2][0] (all other parameters fixed)" in title


def test_the_command_writes_where_it_is_told(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # not the repository
    assert graphs.main(["relu.png", "--out", str(tmp_path / "figures")]) == 0
    assert (tmp_path / "figures" / "relu.png").read_bytes() == graphs.render("relu.png")
    assert capsys.readouterr().out == "1 of 1 figures written: relu.png\n"


def test_outside_the_repository_it_asks_for_a_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit, match=r"this folder is not the mlp-viz repository \(it has no "
                                         r"graphs/README\.md\), so say where the figures go: "
                                         r"python -m mlp_viz\.graphs --out FOLDER"):
        graphs.main(["relu.png"])
    assert list(tmp_path.iterdir()) == []


def test_in_the_repository_it_defaults_to_graphs(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert graphs.default_folder() == Path("graphs")
