"""mlp_viz: a NumPy multi-layer perceptron for the visual MLP course.

The notebooks use only the names listed in ``__all__``. Conventions (see
:mod:`mlp_viz.layers`): ``W^[l]`` has shape ``(n_out, n_in)`` as in the
course's notes, and data arrays hold one sample per row.
"""

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, get_activation, softmax, softmax_jacobian
from .datasets import (
    WorkedExample,
    circles,
    house_price_example,
    moons,
    regression_1d,
    spirals,
    split_data,
    xor,
)
from .dropout import dropout, dropout_mask
from .gradcheck import gradient_check, numerical_gradients
from .initializers import INITIALIZERS, Initializer, initializer
from .layers import dense_backward, dense_forward
from .losses import LOSSES, get_loss
from .network import MLP
from .storage import load, save
from .trace import Trace
from .training import DivergenceWarning, History, accuracy, iterations_per_epoch, train

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "HIDDEN_ACTIVATIONS",
    "INITIALIZERS",
    "LOSSES",
    "MLP",
    "DivergenceWarning",
    "History",
    "Initializer",
    "Trace",
    "WorkedExample",
    "accuracy",
    "circles",
    "dense_backward",
    "dense_forward",
    "dropout",
    "dropout_mask",
    "get_activation",
    "get_loss",
    "gradient_check",
    "house_price_example",
    "initializer",
    "iterations_per_epoch",
    "load",
    "moons",
    "numerical_gradients",
    "regression_1d",
    "save",
    "softmax",
    "softmax_jacobian",
    "spirals",
    "split_data",
    "train",
    "xor",
]
