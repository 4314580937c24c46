"""Directions for a loss surface's plane: random (filter-normalised) or along a path.

Random directions see the landscape around a network; filter normalisation
(Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets") rescales
each neuron's slice of a random direction to the norm of that neuron's
weights, so that the picture does not depend on how the weights happen to be
scaled. A training path, though, lies in a thin subspace of its own: its two
principal components give the plane it moves in most.
"""

from __future__ import annotations

import numpy as np

from .._validation import as_float_array, as_generator, check_net, describe
from ..params import flatten
from .records import as_snapshots

__all__ = ["path_directions", "random_directions"]


def random_directions(net, *, seed=0, filter_normalized=True):
    """Two random directions in parameter space.

    Parameters
    ----------
    net : MLP
    seed : int, numpy.random.Generator or None
    filter_normalized : bool
        Rescale each neuron's row of a direction's ``W`` to the norm of that
        neuron's row of the network's ``W`` (Li et al. 2018), and leave the
        biases out (their direction is 0).

    Returns
    -------
    d1, d2 : ndarray, shape (n_params,)
    """
    check_net(net, "random_directions")
    rng = as_generator(seed)
    directions = []
    for _ in range(2):
        pairs = []
        for W, b in zip(net.weights, net.biases):
            d = rng.standard_normal(W.shape)
            if filter_normalized:
                d *= np.linalg.norm(W, axis=1, keepdims=True) / np.linalg.norm(
                    d, axis=1, keepdims=True)
                pairs.append((d, np.zeros(b.size)))
            else:
                pairs.append((d, rng.standard_normal(b.size)))
        directions.append(flatten(pairs))
    return directions[0], directions[1]


def path_directions(snapshots, centre):
    """The two directions along which a training path moved most (PCA).

    Random directions see almost none of a training path: it lies in a
    thin subspace of its own. Li et al. (2018) therefore draw paths on the
    plane of the path's two principal components, centred on its end.

    Parameters
    ----------
    snapshots : ndarray, shape (n_points, n_params)
        Flat parameter vectors along the path (``History.snapshots``).
    centre : ndarray, shape (n_params,)
        The plane's origin, usually the last snapshot (the trained network).

    Returns
    -------
    d1, d2 : ndarray, shape (n_params,)
        Orthonormal directions; ``alpha`` and ``beta`` along them are
        distances in parameter space.
    explained : float
        Share of the path's squared distance from `centre` that the plane
        captures (1 = the path lies in the plane).
    """
    snaps = as_snapshots(snapshots)
    centre = as_float_array(centre, "centre")
    if centre.shape != snaps.shape[1:]:
        raise ValueError(
            f"centre has shape {centre.shape}, but each snapshot has {snaps.shape[1]} "
            f"parameters; pass a flat vector of shape ({snaps.shape[1]},), e.g. "
            "net.get_flat_params()."
        )
    offsets = snaps - np.asarray(centre, float)
    if offsets.shape[0] < 2:
        raise ValueError(
            f"a path needs at least 2 snapshots; got {offsets.shape[0]}. Train with "
            "snapshot_every set so that History.snapshots holds the path."
        )
    _, sing, vt = np.linalg.svd(offsets, full_matrices=False)
    if vt.shape[0] < 2 or sing[1] == 0:
        raise ValueError("the path moves along a single line; it spans no plane.")
    total = float(np.sum(sing**2))
    return vt[0], vt[1], float((sing[0] ** 2 + sing[1] ** 2) / total)


def as_directions(directions, n_params):
    """Two flat direction vectors of a network with `n_params` parameters."""
    if not isinstance(directions, (tuple, list, np.ndarray)) or len(directions) != 2:
        raise ValueError(
            "directions must be a pair (d1, d2) of flat vectors with one entry per parameter "
            f"({n_params}), such as random_directions(net) gives; got {describe(directions)}."
        )
    out = []
    for i, d in enumerate(directions):
        d = as_float_array(d, f"directions[{i}]")
        if d.shape != (n_params,):
            raise ValueError(
                f"directions[{i}] has shape {d.shape}, but this network has {n_params} "
                f"parameters: give flat vectors of shape ({n_params},), laid out as "
                "net.get_flat_params()."
            )
        out.append(d)
    return out
