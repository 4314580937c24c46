"""Classification results: a confusion matrix and a gallery of small images."""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import as_float_array, as_numeric_array, check_finite, check_int, describe
from ._style import SEQUENTIAL_CMAP, VERMILLION, get_axes

__all__ = ["plot_confusion_matrix", "plot_images"]


def plot_confusion_matrix(cm, *, ax=None, labels=None):
    """Draw a confusion matrix with its counts.

    Parameters
    ----------
    cm : ndarray of int, shape (n_classes, n_classes)
        From :func:`mlp_viz.confusion_matrix`.
    ax : matplotlib Axes, optional
    labels : list of str, optional
        Class names; default 0, 1, 2, ...

    Returns
    -------
    matplotlib Axes
    """
    cm = _counts(cm)
    k = cm.shape[0]
    names = [str(i) for i in range(k)] if labels is None else _names(labels, k)
    ax = get_axes(ax, figsize=(6.0, 5.2))
    image = ax.imshow(cm, cmap=SEQUENTIAL_CMAP)
    ax.figure.colorbar(image, ax=ax, label="number of samples")
    for i in range(k):
        for j in range(k):
            if cm[i, j]:
                light = cm[i, j] < cm.max() / 2
                ax.text(j, i, str(cm[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if light else "black")
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    accuracy = np.trace(cm) / max(cm.sum(), 1)
    ax.set_title(f"Confusion matrix: {np.trace(cm)} of {cm.sum()} right ({accuracy:.1%})")
    return ax


def plot_images(images, titles=None, *, shape=(8, 8), n_cols=8, fig=None, highlight=None):
    """Draw a gallery of small grey images, one per row of `images`.

    Parameters
    ----------
    images : array_like, shape (n_images, height * width)
    titles : list of str, optional
        One caption per image.
    shape : tuple of int
        ``(height, width)`` of one image.
    n_cols : int
        Images per row of the gallery.
    fig : matplotlib Figure, optional
        Drawn on (its existing axes are left alone); a new one if None.
    highlight : array_like of bool, optional
        Images to frame in vermillion (say, the misclassified ones).

    Returns
    -------
    ndarray of matplotlib Axes
        One per image.
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import FigureBase

    images = np.asarray(as_float_array(images, "images"), dtype=float)
    if images.ndim not in (2, 3):
        raise ValueError(
            "images must hold one image per row, shape (n_images, height * width) or "
            f"(n_images, height, width); got shape {images.shape}. For a single image, pass "
            "images.reshape(1, -1)."
        )
    n = images.shape[0]
    if n == 0:
        raise ValueError("there are no images to draw; pass at least one row.")
    shape = _image_shape(shape)
    pixels = images[0].size
    if pixels != shape[0] * shape[1]:
        raise ValueError(
            f"each image has {pixels} pixels, but shape={shape} needs {shape[0] * shape[1]}; "
            "pass the shape of one image, e.g. shape=(8, 8) for mlp_viz.digits()."
        )
    n_cols = check_int(n_cols, "n_cols", low=1)
    if titles is not None:
        if isinstance(titles, str):
            raise TypeError(
                f"titles must be a list of captions, one per image; got {describe(titles)}."
            )
        titles = list(titles)
        if len(titles) != n:
            raise ValueError(
                f"titles has {len(titles)} entries, but there are {n} images; give one caption "
                "per image."
            )
    if highlight is not None:
        highlight = _flags(highlight, n)
    if fig is not None and not isinstance(fig, FigureBase):  # a Figure or a SubFigure
        raise TypeError(
            f"fig must be a matplotlib Figure, or None for a new one; got {describe(fig)}."
        )
    rows = -(-n // n_cols)
    if fig is None:
        fig = plt.figure(figsize=(1.3 * min(n, n_cols), 1.5 * rows))
    axes = np.array([fig.add_subplot(rows, n_cols, i + 1) for i in range(n)])
    for i, ax in enumerate(axes):
        ax.imshow(images[i].reshape(shape), cmap="gray_r", interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        if titles is not None:
            ax.set_title(titles[i], fontsize=8)
        if highlight is not None and highlight[i]:
            for spine in ax.spines.values():
                spine.set_color(VERMILLION)
                spine.set_linewidth(2)
    return axes


def _counts(cm):
    """A confusion matrix: square, of whole counts >= 0."""
    cm = as_numeric_array(cm, "cm")
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1] or cm.shape[0] == 0:
        raise ValueError(
            "cm must be a square matrix of counts, shape (n_classes, n_classes), as "
            f"mlp_viz.confusion_matrix returns it; got shape {cm.shape}."
        )
    check_finite(cm, "cm")
    bad = (cm < 0) | (cm != np.round(cm))
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        raise ValueError(
            f"cm must hold counts, whole numbers >= 0; got {cm[i, j]:g} in row {i}, column {j}."
        )
    return cm


def _names(labels, k):
    """Class names for the ticks, one per class."""
    if isinstance(labels, str) or not isinstance(labels, (list, tuple, np.ndarray)):
        raise TypeError(
            f"labels must be a list of class names, one per class; got {describe(labels)}."
        )
    if len(labels) != k:
        raise ValueError(
            f"labels has {len(labels)} names, but cm has {k} classes; give one name per class."
        )
    return list(labels)


def _image_shape(shape):
    """``(height, width)``: two whole numbers >= 1."""
    ok = (isinstance(shape, (tuple, list)) and len(shape) == 2
          and all(isinstance(d, numbers.Integral) and not isinstance(d, bool) and d >= 1
                  for d in shape))
    if not ok:
        raise ValueError(f"shape must be (height, width), two whole numbers >= 1; got {shape!r}.")
    return tuple(int(d) for d in shape)


def _flags(highlight, n):
    """One True/False per image."""
    flags = np.asarray(highlight)
    if flags.dtype != bool and flags.dtype.kind not in "iu":
        raise TypeError(
            f"highlight must hold True/False (or 1/0), one per image; got an array of dtype "
            f"{flags.dtype}."
        )
    if flags.shape != (n,):
        raise ValueError(
            f"highlight must hold one True/False per image, shape ({n},); got shape "
            f"{flags.shape}."
        )
    return flags
