"""What one forward pass computed, layer by layer: the record back-propagation uses."""

from __future__ import annotations

from dataclasses import dataclass, field

from ._validation import check_int
from .dropout import apply_keep_mask

__all__ = ["Trace"]


@dataclass
class Trace:
    """Every layer's values from one forward pass, indexed as in the course.

    ``net.forward_trace(X)`` records one; ``net.backward(trace, y)``
    differentiates exactly that pass, whatever else the network computed in
    between. The network itself keeps nothing of a forward pass.

    Attributes
    ----------
    z : list
        ``z[l]`` is the pre-activation of layer ``l`` for ``l = 1..L``, shape
        ``(n_samples, n_l)``. ``z[0]`` is None: the input layer computes
        nothing.
    a : list
        ``a[l]`` is the activation of layer ``l`` (before dropout); ``a[0]``
        is the input itself.
    keep : list
        ``keep[l]`` is the dropout keep-mask applied to ``a[l]`` (bool, True =
        kept), or None where no dropout acted (the input, the output, and
        every layer at evaluation time).
    rate : float
        The dropout rate of the pass (0 at evaluation time).
    network : MLP or None
        The network that recorded the pass (None for a trace built by hand,
        which :meth:`MLP.backward` does not take).

    For a 1-D input (one sample) every array is 1-D.
    """

    z: list
    a: list
    keep: list
    rate: float = 0.0
    network: object = field(default=None, repr=False, compare=False)

    def dropped(self, layer):
        """Activations after inverted dropout, as the next layer receives them.

        Parameters
        ----------
        layer : int
            Layer index as in the course (1 for the first hidden layer).

        Returns
        -------
        ndarray, shape of ``a[layer]``
            ``a[layer] * keep[layer] / (1 - rate)``, or ``a[layer]`` itself
            where no dropout acted.
        """
        last = len(self.a) - 1
        layer = check_int(layer, "layer", low=0, high=last,
                          hint=f"The trace holds layers 0 (the input) to {last} (the output).")
        if self.keep[layer] is None:
            return self.a[layer]
        return apply_keep_mask(self.a[layer], self.keep[layer], self.rate)
