"""mlp_viz: a NumPy multi-layer perceptron for the visual MLP course.

The notebooks use only the names listed in ``__all__``. Conventions (see
:mod:`mlp_viz.layers`): ``W^[l]`` has shape ``(n_out, n_in)`` as in the
course's notes, and data arrays hold one sample per row.

``import mlp_viz`` loads NumPy and the network itself (layers, activations,
losses, training). The rest (data sets, loss surfaces, diagnostics, gradient
checks, exercises) loads the first time one of its names is used, and the
plotting names (``plot_*``) and widget builders (``*_explorer``) load
matplotlib and ipywidgets only then.
"""

import importlib

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, get_activation, softmax, softmax_jacobian
from .clipping import clip_grad_norm
from .dropout import dropout, dropout_mask
from .initializers import INITIALIZERS, Initializer, initializer
from .layers import dense_backward, dense_forward
from .losses import LOSSES, get_loss, loss_vs_prediction
from .network import MLP
from .optimizers import OPTIMIZERS, SGD, Adam, Optimizer, RMSprop, get_optimizer
from .storage import load, save
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

# Loaded on first use, so that `import mlp_viz` costs little more than NumPy.
_LAZY = {
    "mlp_viz.datasets": (
        "ValleyExample", "WorkedExample", "circles", "house_price_example", "moons",
        "regression_1d", "spirals", "split_data", "standardize", "two_valleys", "xor",
    ),
    "mlp_viz.bundled": ("digits",),
    "mlp_viz.decision": ("DecisionGrid", "compute_decision_grid"),
    "mlp_viz.diagnostics": ("ActivationStats", "GradientFlow", "activation_stats",
                            "gradient_flow"),
    "mlp_viz.exercises": ("check", "hint", "solution"),
    "mlp_viz.gradcheck": ("gradient_check", "numerical_gradients", "relative_error"),
    "mlp_viz.surfaces": (
        "LossSurface", "Trajectory", "direction_surface", "line_losses", "losses_at",
        "parameter_surface",
        "path_directions", "random_directions", "toy_surface",
    ),
    "mlp_viz.plots": (
        "NetworkDiagram", "plot_activation",
        "plot_activation_stats", "plot_contour", "plot_decision_boundary", "plot_dropout",
        "plot_fit",
        "plot_gradient_heatmap", "plot_gradient_norms", "plot_history", "plot_layer_gradients",
        "plot_loss_vs_prediction", "plot_confusion_matrix", "plot_images",
        "plot_network", "plot_softmax", "plot_surface_3d",
    ),
    "mlp_viz.widgets": (
        "activation_explorer", "dropout_explorer", "gradient_flow_explorer",
        "training_explorer", "progress_bar",
    ),
    "mlp_viz.replay": ("playground", "playground_run"),
    "mlp_viz.tables": ("format_table", "print_table"),
}
_LAZY_NAMES = {name: module for module, names in _LAZY.items() for name in names}


_SUBMODULES = {module.rsplit(".", 1)[1] for module in _LAZY}


def __getattr__(name):
    if name in _SUBMODULES:  # mlp_viz.surfaces and the like, before anything imported them
        return importlib.import_module(f"mlp_viz.{name}")
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
    "OPTIMIZERS",
    "Optimizer",
    "RMSprop",
    "SGD",
    "Adam",
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
    "clip_grad_norm",
    "compute_decision_grid",
    "confusion_matrix",
    "dense_backward",
    "dense_forward",
    "digits",
    "direction_surface",
    "dropout",
    "dropout_mask",
    "format_table",
    "get_activation",
    "get_loss",
    "get_optimizer",
    "gradient_check",
    "gradient_flow",
    "hint",
    "house_price_example",
    "initializer",
    "iterations_per_epoch",
    "load",
    "loss_vs_prediction",
    "moons",
    "numerical_gradients",
    "parameter_surface",
    "path_directions",
    "print_table",
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
