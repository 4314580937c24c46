"""Classification results: a confusion matrix and a gallery of small images."""

from __future__ import annotations

import numpy as np

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
    cm = np.asarray(cm)
    k = cm.shape[0]
    ax = get_axes(ax, figsize=(6.0, 5.2))
    image = ax.imshow(cm, cmap=SEQUENTIAL_CMAP)
    ax.figure.colorbar(image, ax=ax, label="number of samples")
    for i in range(k):
        for j in range(k):
            if cm[i, j]:
                light = cm[i, j] < cm.max() / 2
                ax.text(j, i, str(cm[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if light else "black")
    names = [str(i) for i in range(k)] if labels is None else list(labels)
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

    images = np.asarray(images, dtype=float)
    n = images.shape[0]
    if n == 0:
        raise ValueError("there are no images to draw; pass at least one row.")
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
