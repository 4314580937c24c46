"""Regenerate every figure of the course into ``graphs/``.

    python -m mlp_viz.graphs                 write all figures to graphs/
    python -m mlp_viz.graphs --check         only compare: list figures that are stale
    python -m mlp_viz.graphs relu.png        write some of them
    python -m mlp_viz.graphs --out FOLDER    write them somewhere else

Run from the repository, the figures go to its ``graphs/``; anywhere else
(an installed mlp_viz, say), ``--out`` says where.

The notes' file names are kept (``relu.png``, ``loss_surface.png``, ...), but
every picture is drawn from a real, seeded network; the two that a real
network would blur are analytic surfaces and say "Toy surface" in their
title. Files carry no date or software version, so running the command twice
changes no byte.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.legend_handler import HandlerPatch
from matplotlib.patches import FancyArrow, Patch

import mlp_viz as mv

from .plots import _style

__all__ = ["FIGURES", "render", "write"]

DPI = 100


def default_folder():
    """``graphs/`` when run from the repository (the folder that holds graphs/README.md)."""
    folder = Path("graphs")
    if not (folder / "README.md").is_file():
        raise SystemExit("this folder is not the mlp-viz repository (it has no "
                         "graphs/README.md), so say where the figures go: python -m "
                         "mlp_viz.graphs --out FOLDER")
    return folder


def _moons_net():
    """A 2-16-1 tanh network trained on moons: the 'real network' of several figures."""
    X, y = mv.moons(200, noise=0.2, seed=0)
    net = mv.MLP([2, 16, 1], "tanh", "sigmoid", init="xavier", seed=0)
    mv.train(net, X, y, lr=0.5, epochs=100, batch_size=32, loss="binary_cross_entropy")
    return net, X, y


def _moons_name(net, X):
    """Which network a figure shows, in words, from the network itself."""
    sizes = "-".join(map(str, net.layer_sizes))
    return f"The {sizes} {net.activations[0]} network trained on {len(X)} moons points"


def _two_views(surface, paths=(), labels=(), title=None):
    """The surface in 3-D and from above, side by side, with descent paths.

    The surface's own title (what the plane is) goes under the figure's
    title once, not over each panel.
    """
    fig = plt.figure(figsize=(12, 5.4))
    ax3 = fig.add_subplot(1, 2, 1, projection="3d")
    ax2 = fig.add_subplot(1, 2, 2)
    mv.plot_surface_3d(surface, ax=ax3, trajectory=paths[0] if paths else None)
    mv.plot_contour(surface, ax=ax2, trajectory=paths[0] if paths else None)
    for extra, label in zip(paths[1:], labels):
        ax3.plot(extra.alphas, extra.betas, extra.losses, color=_style.SKY, marker="o",
                 markersize=3, label=label)
        ax2.plot(extra.alphas, extra.betas, color=_style.SKY, marker="o", markersize=3,
                 label=f"{label} (ends at L = {extra.losses[-1]:.3g})")
        ax2.legend(loc="upper right", fontsize=8)
        ax3.legend(loc="upper left")
    ax3.set_title("the loss as a landscape", fontsize=10)
    ax2.set_title("seen from above: contours of equal loss", fontsize=10)
    heading = "\n".join(filter(None, (title, surface.title)))
    fig.suptitle(heading)
    # Room above the panels for the heading's lines and the panels' own titles.
    top = 1 - (0.25 * (heading.count("\n") + 1) + 0.4) / fig.get_figheight()
    fig.subplots_adjust(left=0.02, right=0.95, wspace=0.3, top=top)
    return fig


def relu():
    ax = mv.plot_activation("relu")
    return ax.figure


def activations():
    fig, axes = plt.subplots(2, 2, figsize=(10, 7))
    for ax, name in zip(axes.flat, ("relu", "leaky_relu", "sigmoid", "tanh")):
        mv.plot_activation(name, ax=ax)
    fig.tight_layout()
    return fig


def _moons_plane(net, X, y):
    """The loss around the moons network on two filter-normalised random directions."""
    return mv.direction_surface(net, X, y, span=1.0, resolution=61, loss="binary_cross_entropy",
                                title=f"{_moons_name(net, X)}: its loss on two\n"
                                      "filter-normalised random directions through it")


def loss_surface_real():
    net, X, y = _moons_net()
    s = _moons_plane(net, X, y)
    ax = mv.plot_surface_3d(s)
    return ax.figure


def loss_surface_valleys():
    ex = mv.two_valleys()
    s = mv.parameter_surface(ex.net, ex.X, ex.y, *ex.params, ranges=ex.ranges, resolution=81)
    return _two_views(s, title="A real 1-2-1 network: a poorer and a better valley")


def descent_single():
    net, X, y = _moons_net()
    s = _moons_plane(net, X, y)
    path = s.descend((0.8, -0.8), lr=0.1, steps=40)
    return _two_views(s, [path], title="Gradient descent into a single valley")


def descent_two_valleys():
    ex = mv.two_valleys()
    s = mv.parameter_surface(ex.net, ex.X, ex.y, *ex.params, ranges=ex.ranges, resolution=81)
    stuck = s.descend(ex.local_start, lr=0.5, steps=150)
    better = s.descend(ex.global_start, lr=0.5, steps=150)
    return _two_views(s, [stuck, better], ["a start above the better valley"],
                      title="Gradient descent stops in the valley it starts above")


def gradient_vector():
    ex = mv.two_valleys()
    s = mv.parameter_surface(ex.net, ex.X, ex.y, *ex.params, ranges=ex.ranges, resolution=81)
    a, b = 2.5, -1.5
    ax = mv.plot_contour(s)
    g = s.gradient_at(a, b)
    # One scale for the vector and its two components, so that they add up.
    scale = 0.35 * np.ptp(s.alphas) / np.hypot(*g)
    arrows = [(-g[0], -g[1], _style.ORANGE, f"−∇L = ({-g[0]:.3f}, {-g[1]:.3f})"),
              (-g[0], 0.0, _style.SKY, f"−∂L/∂{s.labels[0]} = {-g[0]:.3f}"),
              (0.0, -g[1], _style.GREEN, f"−∂L/∂{s.labels[1]} = {-g[1]:.3f}")]
    for dx, dy, colour, label in arrows:
        ax.quiver([a], [b], [dx * scale], [dy * scale], angles="xy", scale_units="xy", scale=1,
                  color=colour, width=0.01, label=label, zorder=5)
    ax.plot(a, b, "o", color="black", markersize=6, label=f"the point ({a}, {b})")
    ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    ax.set_title("The gradient is the vector of the partial derivatives\n" + s.title,
                 fontsize=10)
    return ax.figure


def _arrow_handle(legend, orig_handle, xdescent, ydescent, width, height, fontsize):
    """A legend key drawn as an arrow, for arrows drawn as annotations."""
    return FancyArrow(-xdescent, height / 2 - ydescent, width, 0, width=0.15 * height,
                      head_width=0.7 * height, head_length=0.3 * width,
                      length_includes_head=True, color=orig_handle.get_facecolor())


def descent_single_arrow():
    net, X, y = _moons_net()
    s = mv.parameter_surface(net, X, y, ("W", 2, 0, 2), ("b", 2, 0), span=3.0, resolution=61,
                             loss="binary_cross_entropy")
    lr = 6.0
    path = s.descend((s.alphas[5], s.betas[55]), lr=lr, steps=8)
    ax = mv.plot_contour(s)
    # Equal units on both axes, so that each arrow meets the contours at a right angle.
    ax.set_aspect("equal")
    starts = np.column_stack([path.alphas[:-1], path.betas[:-1]])
    grads = np.array([s.gradient_at(a, b) for a, b in starts])
    for start, g in zip(starts, grads):  # the step is -lr * gradient, drawn from its start
        ax.annotate("", xy=start - lr * g, xytext=start, zorder=5,
                    arrowprops=dict(arrowstyle="-|>", color=_style.ORANGE, lw=2,
                                    mutation_scale=14, shrinkA=0, shrinkB=0))
    ax.plot(path.alphas[0], path.betas[0], "o", color="black", markersize=6, zorder=6,
            label=f"start (L = {path.losses[0]:.3g})")
    ax.plot(path.alphas[-1], path.betas[-1], "*", color=_style.YELLOW, markersize=13,
            markeredgecolor="black", zorder=6,
            label=f"after {len(starts)} steps (L = {path.losses[-1]:.3g})")
    norms = np.hypot(*grads.T)
    step = Patch(color=_style.ORANGE,
                 label=f"a step: −lr·∇L, lr = {lr:g}\n(|∇L| falls from {norms[0]:.3f} "
                       f"to {norms[-1]:.3f})")
    handles = [step] + ax.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="lower right", fontsize=8, framealpha=0.9,
              handler_map={Patch: HandlerPatch(patch_func=_arrow_handle)})
    ax.set_title(f"Each step of gradient descent follows the negative gradient\n"
                 f"{_moons_name(net, X)}\n{s.title}", fontsize=10)
    return ax.figure


def gradient_vanish():
    flow = mv.gradient_flow(10, 32, "sigmoid", "xavier", seed=0)
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    mv.plot_activation_stats(flow.stats, ax=left)
    mv.plot_layer_gradients(flow, ax=right)
    fig.tight_layout()
    return fig


def loss_surface_exploding():
    s = mv.toy_surface("bowl")
    too_long, steady = 0.21, 0.09
    path = s.descend((2.5, 0.5), lr=too_long, steps=8)
    calm = s.descend((2.5, 0.5), lr=steady, steps=8)
    return _two_views(s, [path, calm], [f"learning rate {steady:g}"],
                      title=f"With learning rate {too_long:g} each step overshoots the valley "
                            "and lands higher")


def network_house_price():
    ex = mv.house_price_example()
    net = ex.network()
    return mv.plot_network(net, trace=net.forward_trace(ex.x), values="a").ax.figure


def network_dropout():
    ex = mv.house_price_example()
    net = ex.network()
    trace = net.forward_trace(np.tile(ex.x, (4, 1)), training=True, dropout=0.5, rng=1)
    return mv.plot_network(net, trace=trace, values="a").ax.figure


def loss_functions():
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
    for ax, loss in zip(axes, ("mse", "binary_cross_entropy", "cross_entropy")):
        mv.plot_loss_vs_prediction(loss, ax=ax)
    fig.tight_layout()
    return fig


def network_gradients():
    ex = mv.house_price_example()
    net = ex.network()
    _, grads = net.loss_and_gradients(ex.x, ex.y)
    # The network's own layout with dL/dW on its edges; no activation boxes, since
    # they describe the forward pass and the edges here are the backward pass's.
    title = ("dL/dW of the house-price network after one forward and backward pass\n"
             "edge colour = sign of the gradient, width = its size; the dead neuron's are 0")
    return mv.plot_network(net, weights=[dW for dW, _ in grads], edge_label="dL/dW",
                           title=title, show_stages=False).ax.figure


def digits_confusion():
    X, y = mv.digits()
    X_train, X_test, y_train, y_test = mv.split_data(X, y, 0.2, seed=0)
    X_train, X_test = mv.standardize(X_train, X_test)
    net = mv.MLP([64, 64, 10], "relu", "softmax", seed=0)
    mv.train(net, X_train, y_train, lr=0.1, epochs=30, batch_size=32, loss="cross_entropy",
             seed=0)
    cm = mv.confusion_matrix(y_test, net.predict_classes(X_test), 10)
    return mv.plot_confusion_matrix(cm).figure


def training_explorer():
    # The explorer's own figure at its default settings, as notebook 00 shows it.
    return mv.training_explorer().figure


FIGURES = {
    "relu.png": relu,
    "loss_surface_gpt_generated.png": loss_surface_real,
    "loss_surface.png": loss_surface_valleys,
    "gradient_descent_visual_single.png": descent_single,
    "gradient_descent_visual_two_peaks.png": descent_two_valleys,
    "gradient_vector.png": gradient_vector,
    "gradient_descent_visual_single_arrow.png": descent_single_arrow,
    "gradient_vanish.png": gradient_vanish,
    "loss_surface_exp.png": loss_surface_exploding,
    "activations.png": activations,
    "network_house_price.png": network_house_price,
    "network_dropout.png": network_dropout,
    "loss_functions.png": loss_functions,
    "network_gradients.png": network_gradients,
    "training_explorer.png": training_explorer,
    "digits_confusion.png": digits_confusion,
}
"""File name -> function that draws it (the notes' names first, then the course's own)."""


def render(name):
    """Draw one figure and return its PNG bytes (no date or version in them).

    Parameters
    ----------
    name : str
        A key of ``FIGURES``.

    Returns
    -------
    bytes
    """
    if name not in FIGURES:
        raise ValueError(f"unknown figure {name!r}; valid names are: {', '.join(FIGURES)}.")
    fig = FIGURES[name]()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def write(names, out, *, check=False):
    """Write figures (all by default) to `out`; with `check`, only list stale ones.

    Parameters
    ----------
    names : list of str or None
        None for every figure.
    out : path
        The folder to write to (made if need be).
    check : bool

    Returns
    -------
    list of str
        The figures that were (or, with `check`, would be) rewritten.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name in names or FIGURES:
        png = render(name)
        path = out / name
        if not path.exists() or path.read_bytes() != png:
            changed.append(name)
            if not check:
                path.write_bytes(png)
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m mlp_viz.graphs", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="figures to draw (default: all)")
    parser.add_argument("--out", help="folder to write to (default: graphs/, run from the "
                                      "repository)")
    parser.add_argument("--check", action="store_true", help="only report stale figures")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else default_folder()
    matplotlib.use("Agg")  # files only, no windows
    changed = write(args.names, out, check=args.check)
    verb = "stale" if args.check else "written"
    print(f"{len(changed)} of {len(args.names or FIGURES)} figures {verb}"
          + (": " + ", ".join(changed) if changed else ""))
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
