"""Every figure can be read: no text cut off, crowded, tiny or faint, values inside neurons.

The checks themselves are in ``figure_checks.py``; the first tests here show
that each of them finds what it is meant to find, the others hold every
figure of ``graphs/`` and the hard cases of the network diagram and the
off-plane note to them.
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from figure_checks import contrast_ratios, drawn_texts, text_problems
from matplotlib.colors import to_rgba
from matplotlib.text import Text

import mlp_viz as mv
from mlp_viz import graphs
from mlp_viz.plots.network import plot_network
from mlp_viz.plots.surfaces import draw_path

EXTREMES = [1234.5, -0.00391, 0.0, 1e-7, -5e6, float("nan")]


# ---------------------------------------------------------------- the checks find problems
def blank(figsize=(4, 3)):
    fig = plt.figure(figsize=figsize, dpi=100)
    return fig, fig.add_axes([0.1, 0.1, 0.8, 0.8])


def test_overlapping_text_is_found():
    fig, ax = blank()
    ax.text(0.5, 0.5, "first label")
    ax.text(0.52, 0.5, "second label")
    assert text_problems(fig) == ["'first label' overlaps 'second label'"]


def test_text_that_runs_into_its_neighbour_on_one_line_is_found():
    fig, ax = blank((8, 3))
    left = ax.text(0.1, 0.5, "a title of the left panel")
    fig.canvas.draw()
    right_edge = ax.transAxes.inverted().transform(
        [[left.get_window_extent().x1 + 4, 0]])[0, 0]  # a word space away
    ax.text(right_edge, 0.5, "a title of the right panel")
    assert text_problems(fig) == ["'a title of the left panel' runs into "
                                  "'a title of the right panel'"]


def test_text_an_em_apart_or_on_another_line_is_fine():
    fig, ax = blank((8, 3))
    left = ax.text(0.1, 0.5, "left")
    ax.text(0.1, 0.3, "below")
    fig.canvas.draw()
    x = ax.transAxes.inverted().transform([[left.get_window_extent().x1 + 15, 0]])[0, 0]
    ax.text(x, 0.5, "right")
    assert text_problems(fig) == []


def test_text_off_the_figure_and_cut_by_its_axes_is_found():
    fig, ax = blank()
    fig.text(0.95, 0.5, "too far right")
    ax.text(0.9, 0.2, "clipped at the edge", clip_on=True)
    ax.patch.set_visible(False)
    problems = text_problems(fig)
    assert "'too far right' runs off the figure" in problems
    assert any(p.startswith("'clipped at the edge'") and "cut off by its axes" in p
               for p in problems)


def test_tiny_type_is_found():
    fig, ax = blank()
    ax.text(0.1, 0.5, "small print", fontsize=6)
    assert text_problems(fig) == ["'small print' is set in 6-point type, smaller than 7"]


def test_faint_text_is_found_on_every_line():
    # The loss-plane note of issue 12: white type on viridis yellow-green. A text of
    # several lines reaches the renderer line by line, and must be judged too.
    fig, ax = blank()
    ax.set_facecolor("#B5DE2B")
    ax.text(0.05, 0.5, "white on yellow-green\nin two lines", color="white")
    ax.text(0.05, 0.2, "black on yellow-green", color="black")
    (problem,) = text_problems(fig)
    assert problem.startswith("'white on yellow-green\\nin two lines' has a contrast of 1.")
    assert problem.endswith("(at least 4.5:1 is needed)")


WHITE = np.full((1, 3), 255)


def test_contrast_ratio_follows_wcag():
    assert contrast_ratios("black", WHITE)[0] == pytest.approx(21.0)
    assert contrast_ratios("white", WHITE)[0] == pytest.approx(1.0)
    # #767676 is the classic grey that just reaches 4.5:1 against white
    grey = np.round(np.array(to_rgba("#767676")[:3]) * 255)
    assert contrast_ratios("white", grey[None])[0] == pytest.approx(4.54, abs=0.01)
    # half-transparent black on white is seen as mid grey
    assert contrast_ratios((0, 0, 0, 0.5), WHITE)[0] == pytest.approx(3.98, abs=0.02)


def test_slanted_text_is_judged_by_its_own_rectangle():
    fig, ax = blank((6, 6))
    ax.text(0.2, 0.2, "a long label at forty-five degrees", rotation=45)
    ax.text(0.22, 0.45, "corner")  # inside its extent's empty corner, far from the letters
    assert text_problems(fig) == []
    ax.text(0.4, 0.42, "across")  # on the slanted line itself
    assert text_problems(fig) == ["'a long label at forty-five degrees' overlaps 'across'"]


def test_an_annotation_is_judged_without_its_arrow():
    fig, ax = blank((6, 3))
    ax.set_axis_off()
    ax.text(0.1, 0.5, "box", bbox=dict(boxstyle="round", facecolor="white"))
    ax.annotate("note", xy=(0.16, 0.52), xytext=(0.6, 0.5),
                arrowprops=dict(arrowstyle="<|-"))
    _, texts = drawn_texts(fig)
    assert [t.get_text() for t in texts] == ["box", "note"]
    assert text_problems(fig) == []


# ------------------------------------------------------------------ every figure reads well
@pytest.mark.parametrize("name", list(graphs.FIGURES))
def test_every_figure_has_readable_text(name):
    fig = graphs.FIGURES[name]()
    fig.set_dpi(graphs.DPI)  # as render() saves it
    assert text_problems(fig) == []


# --------------------------------------------------------- network values stay in neurons
def extreme_trace(net):
    """A trace whose every layer holds the extreme values, in turn."""
    def layer(n, shift):
        return np.array([EXTREMES[(i + shift) % len(EXTREMES)] for i in range(n)])

    values = [layer(n, l) for l, n in enumerate(net.layer_sizes)]
    z = [None] + [-v for v in values[1:]]
    return mv.Trace(z=z, a=values, keep=[None] * len(values))


def labels_outside_their_circles(diagram):
    renderer = diagram.ax.figure.canvas.get_renderer()
    outside = []
    for circles, texts in zip(diagram.neurons, diagram.value_texts):
        for circle, text in zip(circles, texts):
            disc = circle.get_window_extent(renderer)
            centre, radius = np.array([disc.x0 + disc.x1, disc.y0 + disc.y1]) / 2, disc.width / 2
            box = Text.get_window_extent(text, renderer)
            corners = np.array([[box.x0, box.y0], [box.x0, box.y1], [box.x1, box.y0],
                                [box.x1, box.y1]])
            if np.hypot(*(corners - centre).T).max() > radius:
                outside.append(text.get_text())
    return outside


@pytest.mark.parametrize("values", ["a", "z"])
def test_extreme_values_fit_their_neurons_in_a_new_diagram(values):
    net = mv.MLP([6, 6, 6, 1], seed=0)
    d = plot_network(net, trace=extreme_trace(net), values=values)
    assert text_problems(d.ax.figure) == []
    assert labels_outside_their_circles(d) == []
    drawn = [t.get_text() for t in d.value_texts[0]]
    assert drawn == ["1234", "-3.9e-3", "0", "1.0e-7", "-5.0e6", "nan"]


def test_extreme_values_fit_their_neurons_in_the_notebooks_two_panel_layout():
    # Notebook 04 draws two diagrams side by side: smaller circles than a new figure's.
    net = mv.MLP([6, 6, 6, 1], seed=0)
    fig, axes = plt.subplots(1, 2, figsize=(13, 4.8))
    left = plot_network(net, trace=extreme_trace(net), values="z", ax=axes[0])
    right = plot_network(net, trace=extreme_trace(net), values="a", ax=axes[1])
    fig.tight_layout()
    problems = text_problems(fig)
    assert [p for p in problems if "overlaps" in p or "runs into" in p] == []
    assert labels_outside_their_circles(left) == []
    assert labels_outside_their_circles(right) == []


# ------------------------------------------------------------------------ the off-plane note
def off_plane_path(corner):
    """A path on the toy bowl from `corner` (axes fractions) to the middle, off the plane."""
    start = np.array(corner) * 5.6 - 2.8
    t = np.linspace(0, 1, 12)[:, None]
    points = start + t * (np.zeros(2) - start)
    return mv.Trajectory(points[:, 0], points[:, 1], 0.5 * (points ** 2).sum(1),
                         np.linspace(0, 0.3, 12))


def note_of(artists):
    notes = [a for a in artists if isinstance(a, Text)]
    assert len(notes) == 1
    return notes[0]


@pytest.mark.parametrize("corner", [(0, 0), (1, 0), (0, 1), (0.5, 0.02), (0.2, 0.5)])
def test_off_plane_note_is_readable_and_clear_of_the_path_and_legend(corner):
    surface = mv.toy_surface("bowl")
    path = off_plane_path(corner)
    ax = mv.plot_contour(surface)
    artists = draw_path(ax, path)
    legend = ax.legend(loc="upper right", fontsize=8)
    note = note_of(artists)
    assert text_problems(ax.figure) == []
    renderer = ax.figure.canvas.get_renderer()
    box = note.get_bbox_patch().get_window_extent(renderer)
    points = ax.transData.transform(np.column_stack([path.alphas, path.betas]))
    inside = ((points[:, 0] >= box.x0) & (points[:, 0] <= box.x1)
              & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1))
    assert not inside.any()
    assert not box.overlaps(legend.get_window_extent(renderer))
    assert ax.bbox.contains(box.x0, box.y0) and ax.bbox.contains(box.x1, box.y1)


def test_off_plane_note_is_dark_type_on_an_opaque_light_box():
    ax = mv.plot_contour(mv.toy_surface("bowl"))
    note = note_of(draw_path(ax, off_plane_path((0, 0))))
    assert "up to 30% of its distance lies off it" in note.get_text().replace("\n", " ")
    assert note.get_fontsize() >= 8
    assert contrast_ratios(note.get_color(), WHITE)[0] > 15
    patch = note.get_bbox_patch()
    assert patch.get_facecolor()[3] == 1.0 and min(patch.get_facecolor()[:3]) > 0.9


def test_draw_path_returns_every_artist_it_drew_for_the_caller_to_remove():
    ax = mv.plot_contour(mv.toy_surface("bowl"))
    before = (len(ax.lines), len(ax.texts))
    artists = draw_path(ax, off_plane_path((0, 0)))
    assert (len(ax.lines), len(ax.texts)) == (before[0] + 3, before[1] + 1)
    for artist in artists:
        artist.remove()
    assert (len(ax.lines), len(ax.texts)) == before


@pytest.mark.parametrize("settings", [{}, {"lr": 1.0, "epochs": 120}, {"lr": 0.01},
                                      {"data": "circles"}])
def test_the_training_explorers_note_is_readable(settings):
    explorer = mv.training_explorer(**settings)
    problems = text_problems(explorer.figure)
    assert [p for p in problems if "leaves this plane" in p] == []
