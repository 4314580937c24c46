"""A progress bar for training, fed by ``train(..., callback=bar.update)``."""

from __future__ import annotations

import ipywidgets as widgets

from .._validation import check_int, check_number, describe

__all__ = ["ProgressBar", "progress_bar"]


class ProgressBar(widgets.HBox):
    """A bar that fills as epochs complete, with the latest losses beside it."""

    def __init__(self, epochs, description):
        epochs = check_int(epochs, "epochs", low=1)
        if not isinstance(description, str):
            raise TypeError(f"description must be a string; got {describe(description)}.")
        self.epochs = epochs
        self.bar = widgets.IntProgress(value=0, min=0, max=epochs, description=description,
                                       style={"description_width": "initial"})
        self.label = widgets.Label(value=f"0 of {epochs} epochs")
        super().__init__([self.bar, self.label])

    def update(self, epoch, loss, val_loss=None):
        """Show that `epoch` finished with training loss `loss` (and `val_loss`).

        Parameters
        ----------
        epoch : int
            0 to the bar's `epochs`.
        loss : float
            Shown as it is, NaN or infinity too (a training loop of one's
            own may see its loss blow up; ``train`` stops before).
        val_loss : float or None
        """
        epoch = check_int(epoch, "epoch", low=0, high=self.epochs,
                          hint=f"This bar counts {self.epochs} epochs: make it with "
                               "progress_bar(epochs) for the epochs you train.")
        loss = check_number(loss, "loss", finite=False)
        if val_loss is not None:
            val_loss = check_number(val_loss, "val_loss", finite=False)
        self.bar.value = epoch
        text = f"{epoch} of {self.epochs} epochs, training loss {loss:.4f}"
        if val_loss is not None:
            text += f", validation loss {val_loss:.4f}"
        self.label.value = text

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = f"{self.bar.description}: {self.label.value}"
        return data


def progress_bar(epochs, description="training"):
    """A progress bar to pass to ``train``: ``train(..., callback=bar.update)``.

    Parameters
    ----------
    epochs : int
        The number of epochs the bar counts up to.
    description : str
        The bar's label.

    Returns
    -------
    ProgressBar
        An ``ipywidgets.HBox``; display it before training starts.
    """
    return ProgressBar(epochs, description)
