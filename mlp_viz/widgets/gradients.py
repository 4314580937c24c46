"""Explorers for gradient flow through depth, and for the activation functions."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validation import check_int
from ..activations import HIDDEN_ACTIVATIONS, get_activation
from ..diagnostics import check_width, gradient_flow
from ._base import Explorer, control

__all__ = ["INIT_CHOICES", "activation_explorer", "gradient_flow_explorer"]

INIT_CHOICES = {
    "He (ReLU)": ("he", 1.0),
    "Xavier (tanh, sigmoid)": ("xavier", 1.0),
    "normal, std 0.01 (too small)": ("normal", 0.01),
    "normal, std 1 (too large)": ("normal", 1.0),
    "normal, std 3 (far too large)": ("normal", 3.0),
}
"""Initialisations offered by the gradient-flow explorer: label -> (name, std)."""

_ACTIVATION_CHOICES = [name for name in HIDDEN_ACTIVATIONS if name != "identity"]


class GradientFlowExplorer(Explorer):
    """Depth, activation and initialisation controls over per-layer gradient sizes."""

    def __init__(self, depth, activation, init, width, seed):
        super().__init__("Gradient flow: how big is each layer's gradient?",
                         figsize=(12.0, 4.2))
        self.width, self.seed = width, seed
        self.controls = [
            control(widgets.IntSlider, "depth", depth, min=2, max=30, description="depth",
                    continuous_update=False),
            control(widgets.Dropdown, "activation", activation, options=_ACTIVATION_CHOICES,
                    description="activation"),
            control(widgets.Dropdown, "init", init, options=list(INIT_CHOICES),
                    description="init", layout=widgets.Layout(width="330px")),
        ]
        self.axes = self.row_of_axes([0.85, 1.0], right=0.85, bottom=0.55, top=0.6)
        self._start()

    def compute(self, depth, activation, init):
        name, std = INIT_CHOICES[init]
        return gradient_flow(depth, self.width, activation, name, weight_std=std,
                             seed=self.seed)

    def draw(self, flow):
        from ..plots.training import plot_activation_stats, plot_layer_gradients

        self.reset_axes(*self.axes)
        plot_layer_gradients(flow, ax=self.axes[0])
        plot_activation_stats(flow.stats, ax=self.axes[1])

    def describe(self, flow):
        norms = flow.grad_norms
        return f": |dL/dW| of layer 1 is {norms[0]:.3g}, of the last layer {norms[-1]:.3g}"


def gradient_flow_explorer(depth=8, activation="sigmoid", init="Xavier (tanh, sigmoid)", *,
                           width=32, seed=0):
    """Controls for depth, activation and initialisation, over gradient sizes per layer.

    Deep sigmoid networks make the first layers' gradients vanish; weights
    drawn too large make them explode; He or Xavier initialisation with a
    matching activation keeps them level. Each change rebuilds the network
    and measures every layer's ``|dL/dW|`` on one batch.

    Parameters
    ----------
    depth : int
        Hidden layers, 2 to 30.
    activation : str
        Hidden activation: relu, leaky_relu, sigmoid or tanh.
    init : str
        A key of ``INIT_CHOICES``.
    width : int
        Neurons per hidden layer, 1 to 512.
    seed : int
        Seeds the data and the weights (>= 0).

    Returns
    -------
    GradientFlowExplorer
        An ``ipywidgets.VBox``; display it (or leave it last in a cell).
    """
    if init not in INIT_CHOICES:
        raise ValueError(f"unknown init {init!r}; choose one of: {', '.join(INIT_CHOICES)}.")
    # No control shows these two, so an error would only appear under the picture
    # at the first update: check them here, with gradient_flow's own bounds.
    width = check_width(width)
    seed = check_int(seed, "seed", low=0)
    return GradientFlowExplorer(depth, activation, init, width, seed)


class ActivationExplorer(Explorer):
    """Pick an activation and a point z: see f(z) and its slope f'(z)."""

    def __init__(self, activation, z):
        super().__init__("Activation functions and their derivatives", figsize=(7.5, 4.2))
        self.controls = [
            control(widgets.Dropdown, "activation", activation, options=_ACTIVATION_CHOICES,
                    description="activation"),
            control(widgets.FloatSlider, "z", z, min=-5.0, max=5.0, step=0.1, description="z",
                    continuous_update=False),
        ]
        (self.axes,) = self.row_of_axes([0.7], right=0.2, bottom=0.55, top=0.35)
        self._start()

    def compute(self, activation, z):
        act = get_activation(activation, hidden=True)
        value, slope = float(act(np.array([z]))[0]), float(act.derivative(np.array([z]))[0])
        return {"activation": activation, "z": z, "value": value, "slope": slope}

    def draw(self, state):
        from ..plots._style import BLACK, VERMILLION
        from ..plots.activations import plot_activation

        ax = self.axes
        self.reset_axes(ax)
        plot_activation(state["activation"], ax=ax)
        z, value, slope = state["z"], state["value"], state["slope"]
        zs = np.array([z - 1.5, z + 1.5])
        ax.plot(zs, value + slope * (zs - z), color=VERMILLION, linewidth=2,
                label=f"slope f'({z:.1f}) = {slope:.3g}")
        ax.plot([z], [value], "o", color=BLACK, label=f"f({z:.1f}) = {value:.3g}")
        ax.legend(loc="upper left", fontsize=8)

    def describe(self, s):
        return f": f({s['z']:.1f}) = {s['value']:.4f}, f'({s['z']:.1f}) = {s['slope']:.4f}"


def activation_explorer(activation="tanh", z=1.0):
    """Choose an activation and a point; see the function, its value and its slope.

    Parameters
    ----------
    activation : str
        relu, leaky_relu, sigmoid or tanh. The default, tanh at z = 1, shows
        the tangent touching the curve at one point and leaving it on either
        side (ReLU's tangent would lie on the line itself).
    z : float
        Starting point, -5 to 5.

    Returns
    -------
    ActivationExplorer
        An ``ipywidgets.VBox``; display it (or leave it last in a cell).
    """
    return ActivationExplorer(activation, z)
