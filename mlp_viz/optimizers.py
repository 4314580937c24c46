"""Optimisers: how a gradient becomes a step.

Each optimiser is a small class that holds its settings and writes its
update as the maths: from the gradient ``g`` it computes the step ``d`` of
``p <- p - d`` (:func:`mlp_viz.train` calls it after every mini-batch, on
every weight and bias at once). The names and the arithmetic are PyTorch's
(``torch.optim.SGD``, ``torch.optim.Adam``, ``torch.optim.RMSprop``), so
what a learner writes here carries over.

An optimiser object holds only its settings. What it remembers between
steps (a velocity, running averages, the step count) lives in a *state*
that :meth:`Optimizer.new_state` makes and the caller keeps: every call of
``train`` starts from fresh state, so one optimiser object can be passed to
several runs and each run is the same as with a new one. (``torch.optim``
keeps the state inside the optimiser object instead.)

Weight decay and gradient clipping are not part of the optimisers here:
``train`` applies them to the gradient before the step (see its
``weight_decay`` and ``clip_norm``), so they work the same with every rule.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, fields

import numpy as np

from ._validation import check_bool, check_number, describe

__all__ = ["OPTIMIZERS", "SGD", "Adam", "Optimizer", "RMSprop", "get_optimizer"]


class Optimizer:
    """The interface every optimiser follows.

    Every rule has the form ``p <- p - d``: the optimiser turns the gradient
    ``g`` into the step ``d`` (:meth:`step`), remembering what it needs in a
    state (:meth:`new_state`). ``train`` calls :meth:`step` once per
    iteration on the whole gradient, every ``dW`` and ``db`` in one flat
    array, so each line of the maths is one operation over all the
    parameters; :meth:`update` does both halves for one array.
    """

    name = "optimizer"

    @property
    def label(self):
        """The optimiser and any setting that differs from its default, in words."""
        changed = [f"{f.name} {getattr(self, f.name):g}" if isinstance(getattr(self, f.name), float)
                   else f"{f.name} {getattr(self, f.name)}"
                   for f in fields(self) if getattr(self, f.name) != f.default]
        return ", ".join([type(self).__name__, *changed])

    def new_state(self, g):
        """What the optimiser remembers between steps, for gradients shaped like `g`.

        Parameters
        ----------
        g : ndarray
            A gradient (for ``train``: all of them in one flat array).

        Returns
        -------
        dict
            Arrays of `g`'s shape and dtype, starting at 0 (and a step count),
            as the optimiser needs them; ``{}`` for plain SGD.
        """
        return {}

    def step(self, g, state, lr):
        """Turn the gradient `g` into the step ``d`` of ``p <- p - d``, in place.

        Parameters
        ----------
        g : ndarray
            The gradient ``dL/dp`` (after clipping and weight decay); it is
            overwritten with the step.
        state : dict
            From :meth:`new_state`; updated in place.
        lr : float
            The learning rate.

        Returns
        -------
        ndarray
            `g`, now holding the step ``d``.
        """
        raise NotImplementedError

    def update(self, p, g, state, lr):
        """Move the parameter array `p` by one step: ``p <- p - step(g)``.

        Parameters
        ----------
        p : ndarray
            A parameter array (or a point on a loss surface), changed in place.
        g : ndarray, shape of `p`
            Its gradient; overwritten with the step.
        state : dict
            From ``new_state(p)``; updated in place.
        lr : float
            The learning rate.
        """
        p -= self.step(g, state, lr)


@dataclass(frozen=True)
class SGD(Optimizer):
    r"""Stochastic gradient descent, with optional (Nesterov) momentum.

    Parameters
    ----------
    momentum : float
        ``mu`` in [0, 1). 0 is plain gradient descent.
    nesterov : bool
        Look ahead along the velocity (needs ``momentum > 0``).

    Notes
    -----
    Plain: ``p <- p - lr g``.

    With momentum (``v`` starts at 0)::

        v <- mu v + g
        p <- p - lr v                 (classical)
        p <- p - lr (g + mu v)        (Nesterov)

    The velocity sums past gradients with weights ``1, mu, mu^2, ...``:
    along a valley, where successive gradients agree, the step grows to
    about ``lr / (1 - mu)``; across it, where they alternate in sign, they
    cancel.
    """

    momentum: float = 0.0
    nesterov: bool = False
    name = "sgd"

    def __post_init__(self):
        _set(self, "momentum", check_number(self.momentum, "momentum", low=0,
                                            low_inclusive=True, high=1))
        _set(self, "nesterov", check_bool(self.nesterov, "nesterov"))
        if self.nesterov and self.momentum == 0:
            raise ValueError("Nesterov momentum needs a momentum > 0; got momentum=0. Use "
                             "SGD(momentum=0.9, nesterov=True), or nesterov=False.")

    @property
    def label(self):
        """The optimiser in words, e.g. "SGD, Nesterov momentum 0.9"."""
        if not self.momentum:
            return "SGD"
        return f"SGD, {'Nesterov momentum' if self.nesterov else 'momentum'} {self.momentum:g}"

    def new_state(self, g):
        if not self.momentum:
            return {}
        # (the scratch array only saves allocating one at every step)
        return {"v": np.zeros_like(g)} | ({"scratch": np.empty_like(g)} if self.nesterov else {})

    def step(self, g, state, lr):
        mu = self.momentum
        if not mu:
            g *= lr  # d = lr g
            return g
        v = state["v"]
        v *= mu  # v = mu v + g
        v += g
        if self.nesterov:  # d = lr (g + mu v): the step looks ahead along the velocity
            g += np.multiply(v, mu, out=state["scratch"])
            g *= lr
        else:  # d = lr v
            np.multiply(v, lr, out=g)
        return g


@dataclass(frozen=True)
class Adam(Optimizer):
    r"""Adam: momentum on the gradient, each parameter's step scaled by its own size.

    Parameters
    ----------
    betas : (float, float)
        ``(beta1, beta2)``, each in [0, 1): how slowly the running means of
        ``g`` and ``g^2`` forget.
    eps : float
        > 0; keeps the division finite where ``v`` is 0.

    Notes
    -----
    At step ``t = 1, 2, ...`` (``m`` and ``v`` start at 0)::

        m <- beta1 m + (1 - beta1) g            running mean of g
        v <- beta2 v + (1 - beta2) g^2          running mean of g^2
        m_hat = m / (1 - beta1^t)               bias corrections: m and v
        v_hat = v / (1 - beta2^t)               start at 0, not at g
        p <- p - lr m_hat / (sqrt(v_hat) + eps)

    ``m_hat / sqrt(v_hat)`` is about ``+-1`` for a parameter whose
    gradient keeps its sign, whatever the gradient's size: every parameter
    moves by about ``lr`` per step, however steep or flat its own direction.
    (Weight decay, given to ``train``, is added to ``g`` first: L2 as in
    ``torch.optim.Adam``, not AdamW's decoupled decay.)
    """

    betas: tuple = (0.9, 0.999)
    eps: float = 1e-8
    name = "adam"

    def __post_init__(self):
        betas = self.betas
        if isinstance(betas, (str, bytes)) or not hasattr(betas, "__len__") or len(betas) != 2:
            raise TypeError(f"betas must be a pair (beta1, beta2), e.g. (0.9, 0.999); got "
                            f"{describe(betas)}.")
        _set(self, "betas", tuple(
            check_number(b, f"betas[{i}]", low=0, low_inclusive=True, high=1,
                         hint="Each beta is a forgetting factor, such as 0.9 or 0.999.")
            for i, b in enumerate(betas)))
        _set(self, "eps", _check_eps(self.eps))

    def new_state(self, g):
        # The state keeps the sums behind m and v: m = (1 - beta1) m_sum, with
        # m_sum <- beta1 m_sum + g (momentum's velocity), and v = (1 - beta2) v_sum. The
        # factors (1 - beta) then join the step's numbers instead of costing a pass over
        # the arrays each. (The scratch array only saves allocating one at every step.)
        return {"t": 0, "m_sum": np.zeros_like(g), "v_sum": np.zeros_like(g),
                "scratch": np.empty_like(g)}

    def step(self, g, state, lr):
        beta1, beta2 = self.betas
        state["t"] += 1
        t, m_sum, v_sum, s = state["t"], state["m_sum"], state["v_sum"], state["scratch"]
        # v = beta2 v + (1 - beta2) g^2, kept as v_sum = beta2 v_sum + g^2
        v_sum *= beta2
        v_sum += np.multiply(g, g, out=s)
        # m = beta1 m + (1 - beta1) g, kept as m_sum = beta1 m_sum + g
        m_sum *= beta1
        m_sum += g
        # d = lr m_hat / (sqrt(v_hat) + eps), with m_hat = (1 - beta1) m_sum / (1 - beta1^t)
        # and v_hat = (1 - beta2) v_sum / (1 - beta2^t). With r = sqrt(v_hat / v_sum) that
        # is (lr (1 - beta1) / ((1 - beta1^t) r)) m_sum / (sqrt(v_sum) + eps / r): the
        # bias corrections become two numbers.
        r = math.sqrt((1 - beta2) / (1 - beta2 ** t))
        np.sqrt(v_sum, out=s)
        s += self.eps / r
        np.divide(m_sum, s, out=g)
        g *= lr * (1 - beta1) / ((1 - beta1 ** t) * r)
        return g


@dataclass(frozen=True)
class RMSprop(Optimizer):
    r"""RMSprop: each parameter's step divided by its recent gradient size.

    Parameters
    ----------
    alpha : float
        In [0, 1): how slowly the running mean of ``g^2`` forgets.
    eps : float
        > 0; keeps the division finite where ``v`` is 0.

    Notes
    -----
    With ``v`` starting at 0::

        v <- alpha v + (1 - alpha) g^2
        p <- p - lr g / (sqrt(v) + eps)

    There is no bias correction (as in ``torch.optim.RMSprop``), so the
    first steps are large: ``v`` starts at only ``(1 - alpha) g^2``, and the
    first step is ``lr / sqrt(1 - alpha)`` (10 lr for alpha 0.99).
    """

    alpha: float = 0.99
    eps: float = 1e-8
    name = "rmsprop"

    def __post_init__(self):
        _set(self, "alpha", check_number(self.alpha, "alpha", low=0, low_inclusive=True, high=1,
                                         hint="It is a forgetting factor, such as 0.99."))
        _set(self, "eps", _check_eps(self.eps))

    def new_state(self, g):
        # the scratch array only saves allocating one at every step
        return {"v": np.zeros_like(g), "scratch": np.empty_like(g)}

    def step(self, g, state, lr):
        v, s = state["v"], state["scratch"]
        # v = alpha v + (1 - alpha) g^2
        v *= self.alpha
        np.multiply(g, g, out=s)
        s *= 1 - self.alpha
        v += s
        # d = lr g / (sqrt(v) + eps)
        np.sqrt(v, out=s)
        s += self.eps
        g /= s
        g *= lr
        return g


def _set(obj, name, value):
    """Store a checked setting on a frozen dataclass."""
    object.__setattr__(obj, name, value)


def _check_eps(eps):
    return check_number(eps, "eps", low=0,
                        hint="It only keeps a division finite; the usual value is 1e-8.")


OPTIMIZERS = {cls.name: cls for cls in (SGD, Adam, RMSprop)}
"""Every optimiser by the name ``train(optimizer=name)`` accepts."""


def get_optimizer(optimizer):
    """An optimiser from its name or an optimiser object.

    Parameters
    ----------
    optimizer : str or Optimizer
        ``"sgd"``, ``"adam"`` or ``"rmsprop"`` (with default settings), or an
        object such as ``SGD(momentum=0.9)``.

    Returns
    -------
    Optimizer
    """
    if isinstance(optimizer, Optimizer):
        return optimizer
    if isinstance(optimizer, type) and issubclass(optimizer, Optimizer):
        raise TypeError(f"optimizer must be an optimiser object or a name; got the class "
                        f"{optimizer.__name__}. Make one: optimizer={optimizer.__name__}().")
    if not isinstance(optimizer, str):
        kind = "a number" if isinstance(optimizer, numbers.Number) else describe(optimizer)
        raise TypeError(f"optimizer must be a name ({', '.join(map(repr, OPTIMIZERS))}) or an "
                        f"optimiser object such as mlp_viz.SGD(momentum=0.9); got {kind}.")
    key = optimizer.lower()
    if key not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {optimizer!r}; valid names are: "
                         f"{', '.join(OPTIMIZERS)} (or an object such as "
                         "mlp_viz.Adam(betas=(0.9, 0.999))).")
    return OPTIMIZERS[key]()
