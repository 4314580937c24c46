"""Drawing: every function takes computed numbers and an optional ``ax``.

Importing this package imports matplotlib; ``import mlp_viz`` alone does not
(its plot names load this package the first time one is used).
"""

from .activations import plot_activation, plot_softmax
from .decision import plot_decision_boundary, plot_fit
from .dropout import plot_dropout
from .images import plot_confusion_matrix, plot_images
from .losses import plot_loss_vs_prediction
from .network import NetworkDiagram, plot_network
from .surfaces import draw_path, plot_contour, plot_surface_3d
from .training import (
    plot_activation_stats,
    plot_gradient_heatmap,
    plot_gradient_norms,
    plot_history,
    plot_layer_gradients,
)

__all__ = [
    "NetworkDiagram",
    "draw_path",
    "plot_activation",
    "plot_activation_stats",
    "plot_confusion_matrix",
    "plot_contour",
    "plot_decision_boundary",
    "plot_dropout",
    "plot_fit",
    "plot_gradient_heatmap",
    "plot_gradient_norms",
    "plot_history",
    "plot_images",
    "plot_layer_gradients",
    "plot_loss_vs_prediction",
    "plot_network",
    "plot_softmax",
    "plot_surface_3d",
]
