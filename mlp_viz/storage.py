"""Saving and loading networks as ``.npz`` files, without pickle.

A file holds ``format`` (``"mlp_viz.MLP/1"``), ``activations`` (one name per
layer) and the arrays ``W1, b1, W2, b2, ...`` numbered as in the course.
Loading uses ``allow_pickle=False``, so a file can carry only arrays, never
code.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ._validation import check_net, describe

__all__ = ["FORMAT", "load", "save"]

FORMAT = "mlp_viz.MLP/1"


def _path(path):
    """`path` as a Path: a file name given as a str or an os.PathLike."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"path must be a file name, a str or a pathlib.Path; got {describe(path)}."
        )
    return Path(path)


def save(net, path):
    """Write `net` to `path` (``.npz`` is appended if missing, as NumPy does).

    Parameters
    ----------
    net : MLP
    path : str or Path

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    TypeError
        If `net` is not an MLP or `path` is not a file name.
    FileNotFoundError
        If the folder of `path` does not exist.
    """
    check_net(net, "save")
    path = _path(path)
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")
    if not path.parent.is_dir():
        raise FileNotFoundError(
            f"cannot write {str(path)!r}: the folder {str(path.parent)!r} does not exist; create "
            "it first, e.g. with Path(folder).mkdir(parents=True)."
        )
    arrays = {"format": np.array(FORMAT), "activations": np.array(net.activations)}
    for l, (W, b) in enumerate(zip(net.weights, net.biases), 1):
        arrays[f"W{l}"] = W
        arrays[f"b{l}"] = b
    np.savez(path, **arrays)
    return path


def load(path):
    """Read a network written by :func:`save`.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    MLP

    Raises
    ------
    TypeError
        If `path` is not a file name.
    FileNotFoundError
        If there is no file at `path` (the message names ``path + ".npz"`` when
        that one exists: :func:`save` adds the suffix).
    ValueError
        If the file is not a readable ``.npz`` (corrupt, truncated, or of
        another kind), or is a ``.npz`` that does not hold an mlp_viz network.
    """
    import zipfile  # here, not at the top: only loading needs it (import time)

    from .network import MLP

    path = _path(path)
    if not path.is_file():
        with_suffix = path.with_name(path.name + ".npz")
        if path.suffix != ".npz" and with_suffix.is_file():
            hint = (f"there is one at {str(with_suffix)!r} (save adds .npz): load that path.")
        elif path.is_dir():
            hint = "that is a folder, not a network file: give the path of the .npz file."
        else:
            hint = "check the path, or save a network there first with net.save(path)."
        raise FileNotFoundError(f"no network file at {str(path)!r}; {hint}")
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, KeyError) as exc:
        raise ValueError(
            f"{str(path)!r} could not be read as a .npz file ({type(exc).__name__}: {exc}); it "
            "is corrupt or of another kind. Save the network again with net.save(path)."
        ) from exc
    fmt = arrays.get("format")
    if fmt is None or fmt.shape != () or str(fmt) != FORMAT:
        found = "no 'format' entry" if fmt is None else repr(str(fmt))
        raise ValueError(
            f"{str(path)!r} is not an mlp_viz network file (expected format {FORMAT!r}, found "
            f"{found}). Save networks with net.save(path); read other .npz files with "
            "numpy.load."
        )
    activations = [str(a) for a in arrays.get("activations", [])]
    n_layers = len(activations)
    missing = [key for l in range(1, n_layers + 1) for key in (f"W{l}", f"b{l}")
               if key not in arrays]
    if n_layers == 0 or missing:
        raise ValueError(
            f"{str(path)!r} is an incomplete mlp_viz network file: it lacks "
            f"{', '.join(missing) or 'the activations'}. Save the network again with "
            "net.save(path)."
        )
    weights = [arrays[f"W{l}"] for l in range(1, n_layers + 1)]
    biases = [arrays[f"b{l}"] for l in range(1, n_layers + 1)]
    dtype = weights[0].dtype if weights[0].dtype in (np.float32, np.float64) else np.float64
    try:
        return MLP.from_weights(weights, biases, activations[:-1], activations[-1], dtype=dtype)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{str(path)!r} holds an inconsistent network: {exc}") from exc
