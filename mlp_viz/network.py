"""The multi-layer perceptron.

An :class:`MLP` is a list of dense layers (see :mod:`mlp_viz.layers` for the
shape conventions), an activation per layer, and a random generator for its
initial weights and dropout masks. Layers are numbered as in the course:
``weights[0]`` is ``W^[1]``, the matrix between the input layer ``a^[0]``
and the first hidden layer.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

import numpy as np

from . import params, storage
from ._validation import (
    as_float_array,
    as_generator,
    as_inputs,
    as_targets,
    check_bool,
    check_dropout_rate,
    check_float_dtype,
    check_keep_masks,
    check_layer_sizes,
    check_weight_shapes,
    describe,
)
from .activations import get_activation, softmax_backward
from .dropout import apply_keep_mask, keep_mask_from
from .initializers import initializer
from .layers import _dense_backward, _dense_forward
from .losses import get_loss
from .trace import Trace

__all__ = ["MLP", "classes_from_outputs"]


def _as_list(arrays, name, what, shape):
    """`arrays` (one per layer) as a list, for ``MLP.from_weights``."""
    message = (f"from_weights needs a list of {what}, one per layer, each of shape {shape}; "
               f"{name} is {describe(arrays)}.")
    # Text and mappings iterate, but not into arrays of numbers per layer.
    if isinstance(arrays, (str, bytes, dict)):
        raise TypeError(message)
    try:
        return list(arrays)
    except TypeError:
        raise TypeError(message) from None


def classes_from_outputs(out):
    """Turn network outputs into class labels (see :meth:`MLP.predict_classes`).

    Parameters
    ----------
    out : ndarray, shape (n_samples, n_outputs)

    Returns
    -------
    ndarray of int, shape (n_samples,)
    """
    if out.shape[1] > 1:
        return out.argmax(axis=1)
    return (out[:, 0] >= 0.5).astype(np.int64)


class _Workspace:
    """Arrays that training reuses for every mini-batch.

    A fresh array of a few hundred kilobytes costs more to allocate (the
    operating system hands over new, zeroed memory pages) than to fill, and a
    training step needs a dozen of them. So :func:`mlp_viz.train` makes these
    once and each step writes into them through ``out=`` arguments. The
    arithmetic is exactly that of :meth:`MLP.forward` and :meth:`MLP.backward`.

    ``z[l]``, ``a[l]``, ``dz[l]`` and ``df[l]`` hold layer ``l``'s ``z``,
    ``a``, ``dL/dz`` and ``f'(z)`` for up to `rows` samples, and
    ``passed[l]`` what it passes on after dropout; ``dW`` and ``db`` hold
    the gradients, all of them in the one array ``gradients``; ``X`` and
    ``Y`` hold the batch itself.
    """

    def __init__(self, net, rows):
        sizes, dtype = net.layer_sizes, net.dtype

        def per_layer():
            return [None] + [np.empty((rows, size), dtype) for size in sizes[1:]]

        self.z, self.a, self.dz, self.df = per_layer(), per_layer(), per_layer(), per_layer()
        self.passed = per_layer()
        # Every dW and db is a view of one flat array, so that one operation
        # can scale all the gradients at once.
        self.gradients = np.empty(net.n_params, dtype)
        views = params.unflatten(self.gradients, net)
        self.dW, self.db = [dW for dW, _ in views], [db for _, db in views]
        self.X = np.empty((rows, sizes[0]), dtype)
        self.Y = np.empty((rows, sizes[-1]), dtype)
        self._cuts = {}

    def cut(self, rows):
        """The arrays to write a batch of `rows` samples into (their first rows)."""
        if rows not in self._cuts:  # an epoch has at most two batch sizes: keep both
            per_layer = ([None if arr is None else arr[:rows] for arr in arrays]
                         for arrays in (self.z, self.a, self.dz, self.df, self.passed))
            self._cuts[rows] = _Outs(*per_layer, self.dW, self.db)
        return self._cuts[rows]


class _Outs(NamedTuple):
    """Where a forward and backward pass write each array (None: a new array)."""

    z: Sequence
    a: Sequence
    dz: Sequence
    df: Sequence
    passed: Sequence
    dW: Sequence
    db: Sequence


class _Nones:
    def __getitem__(self, layer):
        return None


_NEW_ARRAYS = _Outs(*[_Nones()] * 7)  # without a workspace every result is a new array


class _Pass(NamedTuple):
    """One forward pass, as back-propagation needs it (lists indexed by layer)."""

    a: list  # a[l]; a[0] is the input
    z: list  # z[l]; z[0] is None
    keep: list  # dropout keep-mask of layer l, or None
    passed: list  # what layer l passed on to the next: a[l], or a[l] * mask / keep
    rate: float  # the dropout rate used (0 at evaluation)
    single: bool  # the input was one sample (1-D)


class MLP:
    """A fully connected feed-forward network in NumPy.

    Parameters
    ----------
    layer_sizes : sequence of int
        Neurons per layer, input first and output last, e.g. ``[2, 16, 16, 1]``.
    activation : str or list of str
        Hidden-layer activation, or one name per hidden layer. One of
        identity, relu, leaky_relu, sigmoid, tanh.
    output_activation : str
        Output-layer activation: one of the above, or softmax.
    init : str or Initializer
        Weight initialiser: zeros, constant, normal, xavier (glorot), he, or
        ``mlp_viz.initializer("normal", std=...)``. Biases start at zero.
    seed : int, numpy.random.Generator or None
        Seeds the generator used for the initial weights and, unless another
        is given, for dropout masks and for shuffling in ``train``.
    dtype : numpy dtype
        float64 (the default, needed for gradient checks) or float32.

    Attributes
    ----------
    weights : list of ndarray
        ``weights[l]`` has shape ``(n_out, n_in)``: the course's ``W^[l+1]``.
    biases : list of ndarray
        ``biases[l]`` has shape ``(n_out,)``: the course's ``b^[l+1]``.
    rng : numpy.random.Generator

    A network holds its parameters and nothing of the passes it computed: a
    forward pass that back-propagation needs is recorded by
    :meth:`forward_trace` and handed to :meth:`backward`.

    Examples
    --------
    >>> net = MLP([2, 16, 16, 1], seed=0)
    >>> net.forward(np.zeros((5, 2))).shape
    (5, 1)
    """

    def __init__(self, layer_sizes, activation="relu", output_activation="identity",
                 init="he", seed=None, *, dtype=np.float64):
        sizes = check_layer_sizes(layer_sizes)
        self._set_activations(activation, output_activation, len(sizes) - 2)
        self.dtype = check_float_dtype(dtype)
        self.rng = as_generator(seed)
        self.init = initializer(init)
        self.weights = [self.init.draw(n_out, n_in, self.rng, self.dtype)
                        for n_in, n_out in pairwise(sizes)]
        self.biases = [np.zeros(n_out, dtype=self.dtype) for n_out in sizes[1:]]

    @classmethod
    def from_weights(cls, weights, biases, activation="relu", output_activation="identity",
                     *, seed=None, dtype=np.float64):
        """Build a network from given weights and biases.

        Parameters
        ----------
        weights : list of array_like
            ``weights[l]`` of shape ``(n_out, n_in)``, exactly as the course
            writes ``W^[l+1]``.
        biases : list of array_like
            ``biases[l]`` of shape ``(n_out,)``.
        activation, output_activation, seed, dtype
            As for ``MLP``.

        Returns
        -------
        MLP

        Raises
        ------
        ValueError
            If the shapes do not chain: each ``W`` must be 2-D, each bias
            1-D with one entry per row of its ``W``, and each ``W`` must have
            as many columns as the previous one has rows.
        """
        weights = _as_list(weights, "weights", "weight matrices", "(n_out, n_in)")
        biases = _as_list(biases, "biases", "bias vectors", "(n_out,)")
        if len(weights) != len(biases) or not weights:
            raise ValueError(
                f"from_weights needs one bias vector per weight matrix (at least one); got "
                f"{len(weights)} weight matrices and {len(biases)} bias vectors."
            )
        dtype = check_float_dtype(dtype)
        Ws = [np.array(as_float_array(W, f"weights[{l}]", finite=False), dtype=dtype)
              for l, W in enumerate(weights)]
        bs = [np.array(as_float_array(b, f"biases[{l}]", finite=False), dtype=dtype)
              for l, b in enumerate(biases)]
        check_weight_shapes(Ws, bs)
        sizes = [Ws[0].shape[1]] + [W.shape[0] for W in Ws]
        net = cls(sizes, activation, output_activation, init="zeros", seed=seed, dtype=dtype)
        net.weights, net.biases = Ws, bs
        return net

    # ------------------------------------------------------------------ structure
    def _set_activations(self, activation, output_activation, n_hidden):
        if isinstance(activation, (list, tuple)):
            if len(activation) != n_hidden:
                raise ValueError(
                    f"activation lists one name per hidden layer: this MLP has {n_hidden} "
                    f"hidden layer(s), but {len(activation)} names came: {list(activation)}."
                )
            hidden = [get_activation(name, hidden=True).name for name in activation]
        else:
            hidden = [get_activation(activation, hidden=True).name] * n_hidden
        self.activations = tuple(hidden) + (get_activation(output_activation).name,)
        self._acts = tuple(get_activation(name) for name in self.activations)

    @property
    def layer_sizes(self):
        """Neurons per layer, input first: a tuple of int."""
        return (self.weights[0].shape[1],) + tuple(W.shape[0] for W in self.weights)

    @property
    def n_layers(self):
        """Number of layers with weights (hidden layers + output layer)."""
        return len(self.weights)

    @property
    def output_activation(self):
        """Name of the output layer's activation."""
        return self.activations[-1]

    @property
    def n_params(self):
        """Number of trainable parameters (every weight and bias)."""
        return sum(W.size + b.size for W, b in zip(self.weights, self.biases))

    def __repr__(self):
        hidden = set(self.activations[:-1])
        act = hidden.pop() if len(hidden) == 1 else list(self.activations[:-1])
        return (f"MLP({list(self.layer_sizes)}, activation={act!r}, "
                f"output_activation={self.output_activation!r})")

    def copy(self):
        """An independent copy: weights, biases and generator state."""
        return copy.deepcopy(self)

    def get_flat_params(self):
        """All parameters in one vector.

        Returns
        -------
        ndarray, shape (n_params,)
            ``W^[1]`` row by row, then ``b^[1]``, then ``W^[2]``, ``b^[2]``, ...
        """
        return params.flatten(zip(self.weights, self.biases))

    def set_flat_params(self, theta):
        """Set all parameters from one vector.

        Parameters
        ----------
        theta : array_like, shape (n_params,)
            Laid out as :meth:`get_flat_params` returns it.
        """
        theta = as_float_array(theta, "theta")
        if theta.shape != (self.n_params,):
            raise ValueError(
                f"theta must have shape ({self.n_params},), one entry per parameter; got "
                f"{theta.shape}."
            )
        for W, b, (W_new, b_new) in zip(self.weights, self.biases,
                                        params.unflatten(theta, self)):
            W[...] = W_new
            b[...] = b_new

    # -------------------------------------------------------------------- forward
    def _run(self, X, training, rate, rng, ws=None, single=False, masks=None):
        """Forward pass on a checked 2-D batch; returns its record, a :class:`_Pass`.

        Nothing is kept on the network: whoever needs the pass for
        back-propagation holds the record and hands it to :meth:`_backward`.
        With a workspace `ws` (training), each z and a is written into the
        workspace's array for that layer instead of a new one. With `masks`
        (checked keep-masks per layer, as ``Trace.keep``), dropout uses them
        instead of drawing new ones.
        """
        z, a, keep, passed = [None], [X], [None], [X]
        last = self.n_layers
        outs = _NEW_ARRAYS if ws is None else ws.cut(X.shape[0])
        for l, (W, b, act) in enumerate(zip(self.weights, self.biases, self._acts), 1):
            zl = _dense_forward(passed[-1], W, b, out=outs.z[l])
            al = act.f(zl, out=outs.a[l])
            z.append(zl)
            a.append(al)
            if training and rate > 0 and l < last:
                mask = keep_mask_from(rng, al.shape, rate) if masks is None else masks[l]
                keep.append(mask)
                passed.append(apply_keep_mask(al, mask, rate, out=outs.passed[l]))
            else:
                keep.append(None)
                passed.append(al)
        return _Pass(a, z, keep, passed, rate if training else 0.0, single)

    def _checked_run(self, X, training=False, dropout=0.0, rng=None, keep_masks=None):
        """Check the arguments of a public forward pass, then run it."""
        X2, single = as_inputs(X, self.layer_sizes[0], self.dtype)
        training = check_bool(training, "training")
        rate = check_dropout_rate(dropout)
        gen = self.rng if rng is None else as_generator(rng, "rng")
        masks = None
        if keep_masks is not None:
            masks = check_keep_masks(keep_masks, self.layer_sizes, X2.shape[0],
                                     training and rate > 0)
        return self._run(X2, training, rate, gen, single=single, masks=masks)

    def forward(self, X, training=False, *, dropout=0.0, rng=None):
        """Compute the network's output.

        Parameters
        ----------
        X : array_like, shape (n_samples, n_features) or (n_features,)
            Inputs, one sample per row; a 1-D array is one sample.
        training : bool
            If True, apply dropout (when `dropout` > 0) to every hidden layer.
            At evaluation (False) every neuron takes part and nothing is
            rescaled.
        dropout : float
            Drop probability for hidden neurons, in [0, 1).
        rng : numpy.random.Generator, int or None
            Source of dropout masks; None uses the network's own ``rng``.

        Returns
        -------
        ndarray, shape (n_samples, n_outputs), or (n_outputs,) for one sample

        Notes
        -----
        For each layer ``l``: ``Z = A_prev @ W.T + b``, ``A = f(Z)``; for one
        sample that is the course's ``z = W a_prev + b``. Nothing is kept:
        for back-propagation, record the pass with :meth:`forward_trace`.
        """
        run = self._checked_run(X, training, dropout, rng)
        return run.a[-1][0] if run.single else run.a[-1]

    def forward_trace(self, X, training=False, *, dropout=0.0, rng=None, keep_masks=None):
        """Run a forward pass and return its record: every layer's ``z`` and ``a``.

        Parameters
        ----------
        X, training, dropout, rng
            As for :meth:`forward`.
        keep_masks : list, optional
            Replay a pass with given dropout masks instead of drawing new
            ones: one entry per layer, as ``Trace.keep`` holds them (None for
            the input and the output layer, a boolean array of shape
            ``(n_samples, n_neurons)`` for each hidden layer), e.g. those of
            a training step that ``train(on_step=...)`` reported. Needs
            ``training=True`` and ``dropout > 0``.

        Returns
        -------
        Trace
            ``trace.z[l]``, ``trace.a[l]`` and ``trace.keep[l]``, indexed as
            the course numbers layers (``a[0]`` is the input).
            ``net.backward(trace, y)`` back-propagates through this pass.
        """
        run = self._checked_run(X, training, dropout, rng, keep_masks)

        def unbatch(arr):
            return arr[0] if (run.single and arr is not None) else arr

        trace = Trace([unbatch(v) for v in run.z], [unbatch(v) for v in run.a],
                      [unbatch(v) for v in run.keep], run.rate, network=self)
        trace._record = run  # the batched arrays, as back-propagation needs them
        return trace

    # ------------------------------------------------------------------- backward
    def backward(self, trace, y=None, loss="mse"):
        """Back-propagate through the forward pass recorded in `trace`.

        Parameters
        ----------
        trace : Trace
            From ``net.forward_trace(X, ...)`` on this network. Its values
            (and its dropout masks, if any) are the ones differentiated,
            whatever the network computed since; the weights are the
            network's current ones, so record a new trace after changing them.
        y : array_like, shape (n_samples, n_outputs)
            Targets for the samples of that forward pass (see
            :meth:`loss_and_gradients` for the accepted forms).
        loss : str
            mse, binary_cross_entropy (sigmoid output) or cross_entropy
            (softmax output).

        Returns
        -------
        loss_value : float
        grads : list of (dW, db)
            One pair per layer, with the shapes of ``weights[l]`` and
            ``biases[l]``.

        Raises
        ------
        TypeError
            If `trace` is not a Trace (the targets passed first, say).
        ValueError
            If the trace was recorded by another network, or built by hand.

        Notes
        -----
        Per layer, from the output back: ``dZ = dA * f'(Z)`` (the true
        derivative; for ReLU it is 0 wherever ``z <= 0``), ``dW = dZ.T @
        A_prev``, ``db = dZ.sum(0)``, ``dA_prev = dZ @ W`` (the batch form
        of ``W^T dz``). Dropout's mask and ``1/keep`` scale the gradient
        exactly as they scaled the activation.
        """
        run = self._record_of(trace)
        if y is None:
            raise TypeError("backward(trace, y) needs the targets y of the samples in the trace.")
        loss_fn, Y, value = self._loss_on(run, y, loss)
        return value, self._backward(run, Y, loss_fn)

    def _record_of(self, trace):
        """The batched record inside `trace`, once it is known to be this network's."""
        if not isinstance(trace, Trace):
            raise TypeError(
                f"backward(trace, y) differentiates the forward pass recorded in `trace`; got "
                f"{type(trace).__name__} instead of a Trace. Record the pass with trace = "
                "net.forward_trace(X), then call net.backward(trace, y), or get both at once "
                "with net.loss_and_gradients(X, y)."
            )
        record = getattr(trace, "_record", None)
        if trace.network is not self and trace.network is not None:
            raise ValueError(
                f"this trace was recorded by another network ({trace.network!r}), so its values "
                "say nothing about this one's gradients. Record the pass on this network: "
                "trace = net.forward_trace(X)."
            )
        if record is None or trace.network is None:
            raise ValueError(
                "this trace was not recorded by net.forward_trace, so it lacks what "
                "back-propagation needs (the batch as the layers saw it). Record the pass with "
                "trace = net.forward_trace(X)."
            )
        return record

    def _backward(self, run, Y, loss_fn, ws=None):
        """Back-propagate through the record `run` on checked targets; return the gradients.

        With a workspace `ws` (training), every gradient is written into the
        workspace's arrays: the same numbers, without new arrays.
        """
        a, z, keep, passed, rate, _ = run
        L = self.n_layers
        outs = _NEW_ARRAYS if ws is None else ws.cut(a[0].shape[0])
        out = self._acts[-1]
        g = loss_fn._gradient(a[L], Y, out=outs.dz[L])
        if loss_fn.fused:
            dZ = g
        elif out.name == "softmax":
            dZ = softmax_backward(a[L], g)
        else:
            g *= out.df(z[L], a[L], out=outs.df[L])  # dL/dz = dL/da * f'(z)
            dZ = g

        grads = [None] * L
        for l in range(L, 0, -1):
            mask = keep[l - 1]
            into = (outs.dW[l - 1], outs.db[l - 1], outs.dz[l - 1] if l > 1 else None)
            # The layer's input is what the layer before passed on (after dropout).
            dW, db, dA_prev = _dense_backward(dZ, passed[l - 1], self.weights[l - 1],
                                             need_dA_prev=l > 1, out=into)
            grads[l - 1] = (dW, db)
            if l > 1:
                if mask is not None:  # back through dropout: the same mask and 1/keep
                    apply_keep_mask(dA_prev, mask, rate, out=dA_prev)
                dA_prev *= self._acts[l - 2].df(z[l - 1], a[l - 1],
                                                 out=outs.df[l - 1])
                dZ = dA_prev  # dL/dz of layer l - 1: dL/da * f'(z), computed in place
        return grads

    def loss_and_gradients(self, X, y, loss="mse"):
        """Loss and every gradient for a batch, at evaluation time (no dropout).

        Parameters
        ----------
        X : array_like, shape (n_samples, n_features) or (n_features,)
        y : array_like
            ``(n_samples, n_outputs)``; ``(n_samples,)`` for one output; for
            ``loss="cross_entropy"`` also integer labels ``(n_samples,)``.
            For one 1-D sample, ``(n_outputs,)`` or a number.
        loss : str
            mse, binary_cross_entropy or cross_entropy.

        Returns
        -------
        loss_value : float
            The mean loss over the batch. For mse,
            ``1/N sum_n 1/2 ||a_n - y_n||^2``.
        grads : list of (dW, db)
            ``grads[l]`` has the shapes of ``weights[l]`` and ``biases[l]``.
        """
        run = self._checked_run(X)
        loss_fn, Y, value = self._loss_on(run, y, loss)
        return value, self._backward(run, Y, loss_fn)

    def loss(self, X, y, loss="mse"):
        """Mean loss over a batch at evaluation time (no dropout, no gradients).

        Parameters
        ----------
        X : array_like, shape (n_samples, n_features) or (n_features,)
        y : array_like
            Targets, as for :meth:`loss_and_gradients`.
        loss : str
            mse, binary_cross_entropy or cross_entropy.

        Returns
        -------
        float
        """
        return self._loss_on(self._checked_run(X), y, loss)[2]

    def _loss_on(self, run, y, loss):
        """Check `y` against the forward pass `run`; return (loss_fn, Y, value)."""
        loss_fn = get_loss(loss, self.output_activation)
        Y = as_targets(y, run.a[0].shape[0], self.layer_sizes[-1], loss_fn, self.dtype, run.single)
        return loss_fn, Y, loss_fn._value(run.z[-1], run.a[-1], Y)

    def predict_classes(self, X):
        """Class predictions.

        Parameters
        ----------
        X : array_like, shape (n_samples, n_features)

        Returns
        -------
        ndarray of int, shape (n_samples,)
            With several outputs, the index of the largest. With one output,
            1 where the output is at least 0.5 (a sigmoid's probability, or a
            regression output trained on 0/1 targets), else 0.
        """
        out = self.forward(X)
        labels = classes_from_outputs(out.reshape(-1, out.shape[-1]))
        return labels[0] if out.ndim == 1 else labels

    # ------------------------------------------------------------------- storage
    # net.save(path) and MLP.load(path) are the functions of mlp_viz.storage.
    save = storage.save
    load = staticmethod(storage.load)
