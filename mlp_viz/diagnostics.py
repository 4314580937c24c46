"""Numbers that show whether a network can learn: activation and gradient health.

Two questions come up as soon as networks get deep:

* Do the hidden layers still carry a signal? :func:`activation_stats` gives
  each hidden layer's mean and spread, the share of *dead* ReLUs (units that
  output 0 for every sample, so no gradient ever reaches their weights) and
  the share of *saturated* sigmoid/tanh entries (where the derivative is
  almost 0).
* Does the gradient reach the first layers? :func:`gradient_flow` builds a
  deep network on the moons data and measures ``||dL/dW^[l]||`` for every
  layer once, at initialisation. Deep sigmoid networks show **vanishing**
  gradients (the first layers' norms are orders of magnitude below the
  last); weights that are too large show **exploding** ones; ReLU with He
  initialisation (or tanh with Xavier) keeps them level.

Only NumPy: the pictures are in :mod:`mlp_viz.plots.training`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import mlp_viz as mv
from mlp_viz._validation import check_int, check_net, check_number

__all__ = ["MAX_WIDTH", "SATURATION_THRESHOLD", "ActivationStats", "GradientFlow",
           "activation_stats", "gradient_flow"]

SATURATION_THRESHOLD = 0.1
"""An entry is saturated where ``f'(z)`` is below this share of its maximum."""

_MAX_DERIVATIVE = {"sigmoid": 0.25, "tanh": 1.0}
"""Largest derivative of the activations that saturate (at ``z = 0``)."""


@dataclass
class ActivationStats:
    """Health of every hidden layer's activations on one batch.

    Attributes
    ----------
    layers : ndarray of int, shape (n_hidden,)
        Hidden layer numbers as the course counts them: ``1 .. L-1``.
    activations : tuple of str, length n_hidden
        Each hidden layer's activation name.
    mean, std : ndarray, shape (n_hidden,)
        Mean and standard deviation of ``a^[l]`` over every sample and unit
        of the layer.
    dead_fraction : ndarray, shape (n_hidden,)
        Share of the layer's units that output exactly 0 for every sample
        (dead ReLUs). 0 for activations that cannot die (all but relu).
    saturated_fraction : ndarray, shape (n_hidden,)
        Share of (sample, unit) entries where ``f'(z)`` is below 10 % of its
        maximum (sigmoid: 0.025 of 0.25; tanh: 0.1 of 1). 0 for relu,
        leaky_relu and identity, which do not saturate.
    """

    layers: np.ndarray
    activations: tuple
    mean: np.ndarray
    std: np.ndarray
    dead_fraction: np.ndarray
    saturated_fraction: np.ndarray


def activation_stats(net, X):
    """Measure each hidden layer's activations on a batch (evaluation mode).

    Parameters
    ----------
    net : MLP
    X : array_like, shape (n_samples, n_features)
        Inputs, one sample per row.

    Returns
    -------
    ActivationStats
        One entry per hidden layer; empty arrays for a network without
        hidden layers.

    Notes
    -----
    Runs ``net.forward_trace(X)`` without dropout. For layer ``l`` with
    ``A = a^[l]`` of shape ``(n_samples, n_l)``: a unit ``j`` is dead when
    ``A[:, j] == 0`` for every sample (relu only); an entry is saturated
    when ``f'(Z[n, j]) < 0.1 * max f'``.
    """
    check_net(net, "activation_stats")
    trace = net.forward_trace(X)
    names = net.activations[:-1]
    n_hidden = len(names)
    mean, std = np.zeros(n_hidden), np.zeros(n_hidden)
    dead, saturated = np.zeros(n_hidden), np.zeros(n_hidden)
    with np.errstate(over="ignore", invalid="ignore"):
        for i, name in enumerate(names):
            # A single 1-D sample comes back as 1-D arrays: make it one row.
            a = np.asarray(trace.a[i + 1]).reshape(-1, net.layer_sizes[i + 1])
            z = np.asarray(trace.z[i + 1]).reshape(a.shape)
            mean[i], std[i] = a.mean(), a.std()
            if name == "relu":
                dead[i] = np.mean(np.all(a == 0, axis=0))
            if name in _MAX_DERIVATIVE:
                df = mv.get_activation(name).df(z, a)
                saturated[i] = np.mean(df < SATURATION_THRESHOLD * _MAX_DERIVATIVE[name])
    return ActivationStats(np.arange(1, n_hidden + 1), tuple(names), mean, std, dead,
                           saturated)


@dataclass
class GradientFlow:
    """Per-layer gradient norms of a deep network at initialisation.

    Attributes
    ----------
    layer_sizes : tuple of int, length L + 1
        ``(2, width, ..., width, 1)``.
    activation : str
        The hidden layers' activation.
    init : str
        The initialiser's name (``"normal"``, ``"xavier"``, ``"he"``, ...).
    grad_norms : ndarray, shape (L,)
        Frobenius norm of ``dL/dW`` per layer; entry ``l`` is the course's
        layer ``l + 1`` (the last is the output layer). ``inf`` or ``nan``
        where the values overflowed float64.
    stats : ActivationStats
        The hidden layers' activations on the same batch.
    loss : float
        Binary cross-entropy of the untrained network on the batch.
    weight_std : float or None
        The standard deviation of ``init="normal"``; None for other inits.
    """

    layer_sizes: tuple
    activation: str
    init: str
    grad_norms: np.ndarray
    stats: ActivationStats
    loss: float
    weight_std: float | None = None

    @property
    def depth(self):
        """Number of hidden layers."""
        return len(self.layer_sizes) - 2

    @property
    def init_label(self):
        """The initialiser as text, e.g. ``"xavier"`` or ``"normal(std=3)"``."""
        return self.init if self.weight_std is None else f"{self.init}(std={self.weight_std:g})"

    @property
    def first_to_last(self):
        """``grad_norms[0] / grad_norms[-1]``: far below 1 vanishes, far above explodes."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return float(self.grad_norms[0] / self.grad_norms[-1])


MAX_WIDTH = 512
"""The widest hidden layer a gradient flow is measured for (a second or so at depth 50)."""


def check_width(width):
    """Check the width of a gradient flow's hidden layers (1 to ``MAX_WIDTH``)."""
    return check_int(width, "width", low=1, high=MAX_WIDTH,
                     hint="It is the number of neurons per hidden layer, e.g. 32.")


def gradient_flow(depth=6, width=32, activation="sigmoid", init="xavier", *, weight_std=1.0,
                  n_samples=256, seed=0):
    """Build a deep MLP on the moons data and measure every layer's gradient once.

    Parameters
    ----------
    depth : int
        Number of hidden layers, 1..50.
    width : int
        Neurons per hidden layer, 1..MAX_WIDTH (512).
    activation : str
        Hidden activation: identity, relu, leaky_relu, sigmoid or tanh.
    init : str
        Initialiser name (see ``mlp_viz.INITIALIZERS``).
    weight_std : float
        Standard deviation of the weights when ``init="normal"`` (> 0);
        checked, but not used, otherwise.
    n_samples : int
        Size of the ``mlp_viz.moons`` batch, >= 2.
    seed : int
        Seeds both the data and the weights.

    Returns
    -------
    GradientFlow

    Notes
    -----
    The network is ``MLP([2] + [width] * depth + [1], activation, "sigmoid")``
    and the loss binary cross-entropy. Back-propagation multiplies by
    ``W^T`` and ``f'(z)`` once per layer, so the gradient reaching layer 1
    is a product of ``depth`` such factors: below 1 on average (sigmoid's
    ``f' <= 0.25``) it shrinks geometrically, above 1 (large weights) it
    grows.
    """
    depth = check_int(depth, "depth", low=1, high=50,
                      hint="It is the number of hidden layers; 2..20 shows the effect well.")
    width = check_width(width)
    if not isinstance(init, str):
        raise TypeError(
            f"init is given by its name here, a string; got {type(init).__name__} {init!r}. "
            f"Valid names: {', '.join(mv.INITIALIZERS)}; set the spread of 'normal' with "
            "weight_std=."
        )
    check_number(weight_std, "weight_std", low=0,
                 hint="It is the spread of the weights for init='normal'.")
    if init == "normal":
        weights = mv.initializer("normal", std=weight_std)
        std = weights.std
    else:
        weights, std = mv.initializer(init), None
    X, y = mv.moons(n_samples, seed=seed)
    net = mv.MLP([2] + [width] * depth + [1], activation, "sigmoid", init=weights, seed=seed)
    # Exploding cases overflow on purpose: the inf/nan norms are the result, not an error.
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        loss, grads = net.loss_and_gradients(X, y, "binary_cross_entropy")
        norms = np.array([np.linalg.norm(dW) for dW, _ in grads])
    return GradientFlow(
        layer_sizes=net.layer_sizes,
        activation=net.activations[0],
        init=weights.name,
        grad_norms=norms,
        stats=activation_stats(net, X),
        loss=float(loss),
        weight_std=std,
    )
