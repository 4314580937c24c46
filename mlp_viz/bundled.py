"""Data that ships with a library: scikit-learn's hand-written digits (nothing is downloaded)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

__all__ = ["digits"]


def digits():
    """scikit-learn's bundled hand-written digits (nothing is downloaded).

    The same arrays as ``sklearn.datasets.load_digits()``, read from the file
    scikit-learn ships, without importing scikit-learn (which takes over a
    second on this course's test machine).

    Returns
    -------
    X : ndarray, shape (1797, 64)
        8 × 8 grey images, one row per image, pixel values 0 to 16.
    y : ndarray of int, shape (1797,)
        The digit, 0 to 9.
    """
    path = _bundled_digits_file()
    if path is None:  # a scikit-learn that keeps its data elsewhere
        from sklearn.datasets import load_digits

        data = load_digits()
        return data.data.astype(np.float64), data.target.astype(np.int64)
    table = np.loadtxt(path, delimiter=",")  # 64 pixels, then the digit, per row
    return table[:, :-1], table[:, -1].astype(np.int64)


def _bundled_digits_file():
    """Where scikit-learn keeps ``digits.csv.gz``, or None."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None:
        raise ModuleNotFoundError("mv.digits needs scikit-learn, which ships the digits; "
                                  "install it with `python3 -m pip install scikit-learn`.")
    for folder in spec.submodule_search_locations or ():
        path = Path(folder, "datasets", "data", "digits.csv.gz")
        if path.is_file():
            return path
    return None
