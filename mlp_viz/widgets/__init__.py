"""Interactive explorers (ipywidgets). Each builder returns its widget, undisplayed.

Importing this package imports ipywidgets and matplotlib; ``import mlp_viz``
alone does not.
"""

from ._base import Explorer
from .dropout import dropout_explorer
from .gradients import activation_explorer, gradient_flow_explorer
from .progress import progress_bar
from .training import training_explorer

__all__ = [
    "Explorer",
    "activation_explorer",
    "dropout_explorer",
    "gradient_flow_explorer",
    "progress_bar",
    "training_explorer",
]
