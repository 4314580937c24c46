"""mlp_viz: a NumPy multi-layer perceptron for the visual MLP course.

The notebooks use only the names listed in ``__all__``. Conventions (see
:mod:`mlp_viz.layers`): ``W^[l]`` has shape ``(n_out, n_in)`` as in the
course's notes, and data arrays hold one sample per row.

``import mlp_viz`` loads NumPy only. The plotting names (``plot_*``) and the
widget builders (``*_explorer``) load matplotlib and ipywidgets the first time
one of them is used.
"""

import importlib

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, get_activation, softmax, softmax_jacobian
from .datasets import (
    ValleyExample,
    WorkedExample,
    circles,
    digits,
    house_price_example,
    moons,
    regression_1d,
    spirals,
    split_data,
    standardize,
    two_valleys,
    xor,
)
from .decision import DecisionGrid, compute_decision_grid
from .diagnostics import ActivationStats, GradientFlow, activation_stats, gradient_flow
from .dropout import dropout, dropout_mask
from .exercises import check, solution
from .gradcheck import gradient_check, numerical_gradients
from .initializers import INITIALIZERS, Initializer, initializer
from .layers import dense_backward, dense_forward
from .losses import LOSSES, get_loss, loss_vs_prediction
from .network import MLP
from .storage import load, save
from .surfaces import (
    LossSurface,
    Trajectory,
    direction_surface,
    parameter_surface,
    path_directions,
    random_directions,
    toy_surface,
)
from .trace import Trace
from .training import (
    DivergenceWarning,
    History,
    accuracy,
    confusion_matrix,
    iterations_per_epoch,
    train,
)

__version__ = "0.1.0"

# Loaded on first use, so that `import mlp_viz` stays as light as NumPy.
_LAZY = {
    "mlp_viz.plots": (
        "NetworkDiagram", "plot_activation",
        "plot_activation_stats", "plot_contour", "plot_decision_boundary", "plot_fit",
        "plot_gradient_heatmap", "plot_gradient_norms", "plot_history", "plot_layer_gradients",
        "plot_loss_vs_prediction", "plot_confusion_matrix", "plot_images",
        "plot_network", "plot_softmax", "plot_surface_3d",
    ),
    "mlp_viz.widgets": (
        "activation_explorer", "dropout_explorer", "gradient_flow_explorer",
        "training_explorer", "progress_bar",
    ),
}
_LAZY_NAMES = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name):
    module = _LAZY_NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'mlp_viz' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)


__all__ = [
    "ACTIVATIONS",
    "HIDDEN_ACTIVATIONS",
    "INITIALIZERS",
    "LOSSES",
    "MLP",
    "ActivationStats",
    "DecisionGrid",
    "DivergenceWarning",
    "GradientFlow",
    "History",
    "Initializer",
    "LossSurface",
    "Trace",
    "Trajectory",
    "ValleyExample",
    "WorkedExample",
    "accuracy",
    "activation_stats",
    "check",
    "circles",
    "compute_decision_grid",
    "confusion_matrix",
    "dense_backward",
    "dense_forward",
    "digits",
    "direction_surface",
    "dropout",
    "dropout_mask",
    "get_activation",
    "get_loss",
    "gradient_check",
    "gradient_flow",
    "house_price_example",
    "initializer",
    "iterations_per_epoch",
    "load",
    "loss_vs_prediction",
    "moons",
    "numerical_gradients",
    "parameter_surface",
    "path_directions",
    "random_directions",
    "regression_1d",
    "save",
    "softmax",
    "softmax_jacobian",
    "solution",
    "spirals",
    "split_data",
    "standardize",
    "toy_surface",
    "train",
    "two_valleys",
    "xor",
    *_LAZY_NAMES,
]
