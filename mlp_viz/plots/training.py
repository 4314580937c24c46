"""Pictures of training: loss curves, gradient norms, activation health.

The numbers come from :func:`mlp_viz.train` (a :class:`mlp_viz.History`) and
from :mod:`mlp_viz.diagnostics`; this module only draws them.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import LogLocator, MaxNLocator

import mlp_viz as mv
from mlp_viz._validation import as_float_array, check_finite
from mlp_viz.diagnostics import ActivationStats, GradientFlow

from ._style import (
    BLUE,
    CYCLE,
    GREY,
    ORANGE,
    SEQUENTIAL_CMAP,
    VERMILLION,
    WARNING_TEXT,
    get_axes,
    layer_colour,
)

__all__ = ["plot_activation_stats", "plot_gradient_heatmap", "plot_gradient_norms",
           "plot_history", "plot_layer_gradients"]

NORM_LABEL = "‖dL/dW‖"


def _spans_decades(values, decades=2):
    """True if the positive finite `values` span more than `decades` powers of ten."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    return v.size > 0 and v.min() > 0 and v.max() / v.min() > 10.0 ** decades


def _short(value):
    """A number in short scientific notation: 1.4e10, 2.6e-4."""
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def _as_norms(history_or_norms, caller):
    """Return gradient norms as a float array of shape (n_iterations, n_layers)."""
    if isinstance(history_or_norms, mv.History):
        norms = history_or_norms.grad_norms
    else:
        try:
            norms = np.asarray(history_or_norms, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"{caller} takes a History (from mlp_viz.train) or an array of "
                            f"norms; got {type(history_or_norms).__name__}.") from None
    if norms.ndim != 2 or 0 in norms.shape:
        raise ValueError(f"{caller} needs gradient norms of shape (n_iterations, n_layers) with "
                         f"at least one iteration; got shape {norms.shape}. Pass history (or "
                         "history.grad_norms) from a training run that made at least one update.")
    # A run that diverges stops before the step whose gradient is not finite, so a
    # History holds finite norms only; NaN here did not come from training.
    check_finite(norms, "grad_norms",
                 fix="mlp_viz.train records the norms of finite steps only (it stops at the "
                     "first step that is not): pass the History of a training run, or its "
                     "grad_norms.")
    negative = np.argwhere(norms < 0)
    if negative.size:
        row, column = negative[0]
        raise ValueError(f"grad_norms are Frobenius norms, so they are >= 0; got "
                         f"{norms[row, column]:g} in row {row}, column {column}.")
    return norms


def _mark_undrawn(ax, xs, labels):
    """Say at the foot of each x why no value is drawn there ("0" on a log scale, "overflow")."""
    for x, label in zip(xs, labels):
        ax.annotate(label, xy=(x, 0.02), ha="center", va="bottom",
                    xycoords=("data", "axes fraction"), rotation=0 if label == "0" else 90,
                    color=WARNING_TEXT, fontsize="small")


def _activation_arrays(stats, layers):
    """An ActivationStats' four arrays as floats, checked against what activation_stats makes.

    A network whose activations overflow float64 gives NaN or infinite means
    and spreads (the plot marks those layers), but never a negative spread, a
    share outside 0..1, or a number of values other than one per hidden layer.
    """
    arrays = {}
    for name in ("mean", "std", "dead_fraction", "saturated_fraction"):
        values = as_float_array(getattr(stats, name), f"stats.{name}", finite=False)
        if values.shape != layers.shape:
            size = f"{values.size} entries" if values.ndim == 1 else f"shape {values.shape}"
            raise ValueError(f"stats.{name} has {size}, but stats.layers has {layers.size} "
                             "hidden layers: give one value per hidden layer.")
        arrays[name] = values
    wrong = [("std", arrays["std"] < 0, "standard deviations, which are >= 0")] + [
        (name, ~((arrays[name] >= 0) & (arrays[name] <= 1)), "shares of a layer, between 0 "
         "and 1") for name in ("dead_fraction", "saturated_fraction")]
    for name, bad, what in wrong:
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(f"stats.{name} holds {what}; got {arrays[name][i]:g} for layer "
                             f"{layers[i]}.")
    return arrays


def mark_divergence(ax, history, per="epoch"):
    """The dotted line and the words "diverged in epoch k" where a run stopped.

    Returns the line and the text (an explorer draws them over a cached background).
    """
    at = history.diverged if per == "epoch" else history.diverged_iteration
    text = f"diverged in epoch {history.diverged}" + (
        f"\n(iteration {history.diverged_iteration})" if per == "iteration" else "")
    line = ax.axvline(at, color=VERMILLION, linestyle=":", linewidth=2,
                      label="training stopped: the loss blew up")
    # Upright along the line's lower end: a diverging loss ends high, not low.
    words = ax.annotate(text, xy=(at, 0.03), xycoords=("data", "axes fraction"),
                        xytext=(-4, 0), textcoords="offset points", ha="right", va="bottom",
                        rotation=90, color=WARNING_TEXT)
    return line, words


def plot_history(history, *, ax=None, per="epoch"):
    """Draw the loss during training, with the point where it diverged.

    Parameters
    ----------
    history : History
        As returned by :func:`mlp_viz.train`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    per : {"epoch", "iteration"}
        ``"epoch"``: ``history.loss`` (and ``history.val_loss``) at
        x = 0 .. epochs_run, where 0 is before training. ``"iteration"``:
        ``history.iteration_loss`` at x = 1 .. n_iterations, with the
        validation loss (if any) at the end of each epoch, x = e *
        iterations_per_epoch.

    Returns
    -------
    matplotlib Axes
        ``ax.lines[0]`` is the training loss, ``ax.lines[1]`` the validation
        loss when there is one. The y-axis is logarithmic when the losses
        span more than two powers of ten. If training diverged, a dashed
        vertical line and the text "diverged in epoch k" mark where.
    """
    if not isinstance(history, mv.History):
        raise TypeError(f"plot_history takes the History returned by mlp_viz.train; got "
                        f"{type(history).__name__}.")
    if per not in ("epoch", "iteration"):
        raise ValueError(f"per must be 'epoch' or 'iteration'; got {per!r}.")
    ax = get_axes(ax)
    val = history.val_loss
    if per == "epoch":
        x = np.arange(len(history.loss))
        marker = "o" if len(x) <= 30 else None
        ax.plot(x, history.loss, color=BLUE, marker=marker, label="training loss")
        if val is not None:
            ax.plot(x, val, color=ORANGE, marker=marker, linestyle="--",
                    label="validation loss")
        ax.set_xlabel("epoch (0 = before training)")
        shown = history.loss
    else:
        x = np.arange(1, history.n_iterations + 1)
        ax.plot(x, history.iteration_loss, color=BLUE, linewidth=1,
                label="training loss (each mini-batch)")
        if val is not None:
            ax.plot(np.arange(len(val)) * history.iterations_per_epoch, val, color=ORANGE,
                    marker="o", markersize=4 if len(val) > 20 else 6, linestyle="--",
                    label="validation loss (end of epoch)")
        ax.set_xlabel("iteration (parameter update)")
        shown = history.iteration_loss
    # As many whole-number ticks as the axis has room for (10 three-digit labels
    # would crowd a narrow panel).
    ax.xaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))
    if _spans_decades(np.concatenate([shown, [] if val is None else val])):
        ax.set_yscale("log")
    loss_name = history.settings.get("loss")
    ax.set_ylabel(f"loss ({loss_name.replace('_', ' ')})" if loss_name else "loss")
    if history.diverged is not None:
        mark_divergence(ax, history, per)
    shown = {"lr": lambda v: f"lr = {v:.3g}",
             "batch_size": lambda v: f"batch = {v if v else 'full'}",
             # plain SGD, no decay and no clipping are the defaults, and say nothing
             "optimizer": lambda v: "" if v.label == "SGD" else v.label,
             "weight_decay": lambda v: f"weight decay {v:g}" if v else "",
             "clip_norm": lambda v: "" if v is None else f"clip {v:g}"}
    detail = ", ".join(filter(None, (fmt(history.settings[k]) for k, fmt in shown.items()
                                     if k in history.settings)))
    ax.set_title(f"Loss per {per}" + (f" ({detail})" if detail else ""))
    ax.legend(loc="best")
    return ax


def plot_gradient_norms(history_or_norms, *, ax=None, legend=True):
    """Draw each layer's gradient norm over the iterations, on a log scale.

    Parameters
    ----------
    history_or_norms : History or array_like, shape (n_iterations, n_layers)
        A training history, or its ``grad_norms``: column ``l`` is layer
        ``l + 1``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    legend : bool
        False draws no legend, e.g. for panels that share one
        (``fig.legend(*ax.get_legend_handles_labels())``).

    Returns
    -------
    matplotlib Axes
        ``ax.lines[l]`` is layer ``l + 1`` at x = 1 .. n_iterations,
        labelled "layer l+1".
    """
    norms = _as_norms(history_or_norms, "plot_gradient_norms")
    n_it, n_layers = norms.shape
    ax = get_axes(ax)
    x = np.arange(1, n_it + 1)
    marker = "o" if n_it <= 20 else None
    for l in range(n_layers):
        # The palette has 8 colours; deeper layers repeat them with a dashed line.
        ax.plot(x, norms[:, l], color=layer_colour(l), marker=marker, linewidth=1.5,
                linestyle="-" if l < len(CYCLE) else "--", label=f"layer {l + 1}")
    if np.any(norms > 0):
        ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(xlabel="iteration", ylabel=f"{NORM_LABEL} (Frobenius norm)")
    ax.set_title("Gradient norm of each layer's weights during training")
    if legend:
        ax.legend(loc="best", ncol=1 + (n_layers - 1) // 6, fontsize="small")
    return ax


def plot_gradient_heatmap(history_or_norms, *, ax=None):
    """Draw log10 of the gradient norms as a layer × iteration heatmap.

    Parameters
    ----------
    history_or_norms : History or array_like, shape (n_iterations, n_layers)
        A training history, or its ``grad_norms``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib Axes
        ``ax.images[0]`` holds ``log10(norms).T`` (layer 1 in the bottom row,
        as the input sits at the bottom of a network drawn upwards);
        ``ax.images[0].colorbar`` is its colorbar. Zero norms are left blank.
    """
    norms = _as_norms(history_or_norms, "plot_gradient_heatmap")
    n_it, n_layers = norms.shape
    with np.errstate(divide="ignore", invalid="ignore"):
        log_norms = np.ma.masked_invalid(np.log10(norms.T))
    ax = get_axes(ax, figsize=(7.0, 4.0))
    image = ax.imshow(log_norms, aspect="auto", origin="lower", cmap=SEQUENTIAL_CMAP,
                      interpolation="nearest", extent=(0.5, n_it + 0.5, 0.5, n_layers + 0.5))
    colorbar = ax.figure.colorbar(image, ax=ax)
    colorbar.set_label(f"log10 {NORM_LABEL}")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=min(n_layers, 10)))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(xlabel="iteration", ylabel="layer (1 = next to the input, at the bottom)",
           title="Gradient norms per layer and iteration")
    return ax


def plot_layer_gradients(flow, *, ax=None):
    """Bar chart (log scale) of a :class:`GradientFlow`'s per-layer gradient norms.

    Parameters
    ----------
    flow : GradientFlow
        From :func:`mlp_viz.diagnostics.gradient_flow`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib Axes
        ``ax.containers[0]`` holds one bar per layer (x = 1 .. L, the last
        the output layer); a dotted line marks the output layer's norm, so
        vanishing (bars far below it at the left) and exploding (far above)
        show at a glance. Zero or non-finite norms get no bar but a text
        "0" or "overflow".
    """
    if not isinstance(flow, GradientFlow):
        raise TypeError(f"plot_layer_gradients takes a GradientFlow from mlp_viz.diagnostics."
                        f"gradient_flow(...); got {type(flow).__name__}.")
    norms = np.asarray(flow.grad_norms, dtype=float)
    layers = np.arange(1, norms.size + 1)
    ok = np.isfinite(norms) & (norms > 0)
    ax = get_axes(ax, figsize=(max(6.0, 0.25 * norms.size + 3), 4.0))
    bars = ax.bar(layers, np.where(ok, norms, np.nan), color=BLUE,
                  label=f"{NORM_LABEL} of layer l at initialisation")
    if ok.any():
        ax.set_yscale("log")
        # Minor ticks only at powers of ten the labels skip: the bars are read by
        # their order of magnitude, and 2..9 x 10^k ticks cost redraw time.
        ax.yaxis.set_minor_locator(LogLocator(subs=(1.0,)))
        # The range always holds 0.1 .. 10, so a level profile looks level and
        # norms of 1e10 tower over the axis instead of being zoomed into.
        bottom = np.floor(np.log10(min(norms[ok].min(), 0.1)) - 0.5)
        top = np.log10(max(norms[ok].max(), 10.0))
        # A quarter of the span again above the bars: room for their labels and the legend.
        ax.set_ylim(10.0 ** bottom, 10.0 ** np.ceil(top + 0.25 * (top - bottom)))
        if ok[-1]:
            ax.axhline(norms[-1], color=GREY, linestyle=":", linewidth=1.5,
                       label="output layer's norm, for comparison")
        if norms.size <= 12:
            ax.bar_label(bars, labels=[_short(v) if good else "" for v, good in
                                       zip(norms, ok)], padding=2, fontsize=7)
    else:
        ax.set_yticks([])
        ax.text(0.5, 0.5, "every gradient norm is 0 or not finite:\nno bar to draw",
                transform=ax.transAxes, ha="center", va="center", color=WARNING_TEXT)
    _mark_undrawn(ax, layers[~ok], ["0" if v == 0 else "overflow" for v in norms[~ok]])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=min(norms.size, 12)))
    ax.set_xlim(0.4, norms.size + 0.6)
    ax.set_xlabel(f"layer l (1 = first hidden layer, {norms.size} = output)")
    ax.set_ylabel(f"{NORM_LABEL} (log scale)")
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = _short(flow.first_to_last) if ok[0] and ok[-1] else "undefined"
    ax.set_title(f"Gradient norm per layer: depth {flow.depth}, width "
                 f"{flow.layer_sizes[1]}, {flow.activation}, init {flow.init_label}\n"
                 f"layer 1 / output layer = {ratio}", fontsize="medium")
    ax.legend(loc="best", fontsize="small")
    return ax


def _activation_scale(ax, mean, std):
    """The left scale, labelled: symlog when the activations exceed 1000, else linear."""
    spread = np.abs(mean) + std
    if np.any(np.isfinite(spread)) and np.nanmax(spread) > 1e3:
        ax.set_yscale("symlog", linthresh=1.0)
        ax.set_ylabel("activation $a^{[l]}$ (symlog scale)")
        if np.nanmin(mean) >= 0:
            # Non-negative activations: the std bar below 0 is not worth half the axis.
            ax.set_ylim(bottom=max(np.nanmin(mean - std), -1.0))
    else:
        ax.set_ylabel("activation $a^{[l]}$")


def _raise_top(ax, share):
    """Raise the top of `ax`'s y range by `share` of its height, as its scale draws it."""
    scale = ax.yaxis.get_transform()
    low, high = scale.transform(np.array(ax.get_ylim()))
    with np.errstate(over="ignore"):  # activations near 1e300 leave no headroom in float64
        top = scale.inverted().transform(np.array([high + share * (high - low)]))[0]
    ax.set_ylim(top=min(top, np.finfo(float).max))


def plot_activation_stats(stats, *, ax=None):
    """Draw each hidden layer's activation mean ± std and its dead/saturated shares.

    Parameters
    ----------
    stats : ActivationStats or GradientFlow
        From :func:`mlp_viz.diagnostics.activation_stats` (or the ``stats``
        of a gradient flow).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib Axes
        On it, ``ax.containers[0]`` is the mean ± std error bar. The dead
        and saturated fractions (0..1) are lines on a twin axes
        (``ax.twinx()``, right-hand scale) labelled "dead units" and
        "saturated entries"; the legend on `ax` lists all three. The left
        scale is symlog when the activations exceed 1000. A layer whose mean
        or spread overflowed float64 (NaN or infinite) gets no point but the
        text "overflow".
    """
    if isinstance(stats, GradientFlow):
        stats = stats.stats
    if not isinstance(stats, ActivationStats):
        raise TypeError(f"plot_activation_stats takes an ActivationStats from mlp_viz."
                        f"diagnostics.activation_stats(net, X); got {type(stats).__name__}.")
    layers = np.asarray(stats.layers)
    if layers.size == 0:
        raise ValueError("the network has no hidden layers, so there are no activations to "
                         "describe; build it with at least one, e.g. MLP([2, 16, 1]).")
    arrays = _activation_arrays(stats, layers)
    overflow = ~(np.isfinite(arrays["mean"]) & np.isfinite(arrays["std"]))
    mean = np.where(overflow, np.nan, arrays["mean"])
    std = np.where(overflow, np.nan, arrays["std"])
    ax = get_axes(ax)
    ax.errorbar(layers, mean, yerr=std, fmt="o-", color=BLUE, capsize=3,
                label="mean ± std of $a^{[l]}$ (left scale)")
    _activation_scale(ax, mean, std)
    right = ax.twinx()
    _mark_undrawn(ax, layers[overflow], ["overflow"] * int(overflow.sum()))
    right.plot(layers, arrays["dead_fraction"], color=VERMILLION, marker="v", linestyle=":",
               label="dead units: 0 for every sample (right scale)")
    right.plot(layers, arrays["saturated_fraction"], color=ORANGE, marker="s", linestyle=":",
               label="saturated entries: f'(z) < 10 % of max (right scale)")
    # Both scales leave the top ~40 % free for the legend, which lists the
    # artists of both axes (loc="best" would only avoid those of `ax`).
    right.set_ylim(-0.03, 1.65)
    right.set_yticks([0, 0.25, 0.5, 0.75, 1])
    right.set_ylabel("fraction (dead / saturated)")
    _raise_top(ax, 0.6)
    # Draw `ax` (and so its legend) above the twin axes.
    ax.set_zorder(right.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=min(layers.size, 12)))
    ax.set_xlabel("hidden layer l")
    names = sorted(set(stats.activations))
    ax.set_title(f"Hidden-layer activations ({', '.join(names)})")
    (h1, l1), (h2, l2) = ax.get_legend_handles_labels(), right.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper center", fontsize="small")
    return ax
