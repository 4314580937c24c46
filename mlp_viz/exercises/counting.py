"""Hints for the usual slips in counting parameters and updates, shared by several notebooks."""

import itertools

from . import is_number


def parameter_count_hint(answer, sizes):
    """A hint for a wrong count of an MLP's parameters.

    Parameters
    ----------
    answer : object
    sizes : sequence of int
        Layer sizes, input first.

    Returns
    -------
    str
        What the usual slip the answer matches missed, or else how to count.
    """
    weights = sum(n_in * n_out for n_in, n_out in itertools.pairwise(sizes))
    total = weights + sum(sizes[1:])
    if is_number(answer, weights):
        return "That counts the weights only: every neuron also has a bias."
    for l in range(1, len(sizes)):
        if is_number(answer, total - sizes[l]):
            layer = "the output layer" if l == len(sizes) - 1 else f"hidden layer {l}"
            return (f"That leaves out the {sizes[l]} biases of {layer}: every neuron after the "
                    "input layer has one.")
    if is_number(answer, total + sizes[0]):
        return ("One bias too many per input neuron: the input layer computes nothing, so it "
                "has no biases.")
    if is_number(answer, sum(sizes)) or is_number(answer, sum(sizes[1:])):
        return "That counts neurons, not parameters (weights and biases)."
    return "For each layer after the input, add n_out · n_in weights and n_out biases."


def update_count_hint(answer, n_samples, batch_size, epochs):
    """A hint for the usual slips in counting the updates of a training run, or None.

    Parameters
    ----------
    answer : object
    n_samples, batch_size, epochs : int

    Returns
    -------
    str or None
    """
    per_epoch = -(-n_samples // batch_size)
    if is_number(answer, epochs * n_samples / batch_size):
        return ("An update count is a whole number: round N / B up before multiplying by the "
                "number of epochs.")
    if is_number(answer, epochs * (n_samples // batch_size)):
        return ("The samples left over after the full batches form one more, smaller batch in "
                "every epoch, and it gets an update too.")
    if is_number(answer, per_epoch):
        return f"That is one epoch's updates; the run has {epochs} epochs."
    if is_number(answer, epochs):
        return ("One update per epoch would be full-batch training; here each epoch is split "
                f"into batches of {batch_size}.")
    if is_number(answer, epochs * n_samples):
        return "That is one update per sample; mini-batch training makes one per batch."
    return None
