"""Notebook 07's function exercises: each classic mistake, written as a learner would, is
named by the check (collected by test_implementing.py)."""

import numpy as np


# --------------------------------------------------------------- 07.5, dropout_forward
def forward_times_keep(a, rate, rng):
    mask = rng.random(a.shape) >= rate
    return a * mask * (1 - rate), mask


def forward_unscaled(a, rate, rng):
    mask = rng.random(a.shape) >= rate
    return a * mask, mask


def forward_flipped(a, rate, rng):
    mask = rng.random(a.shape) < rate
    return a * mask / (1 - rate), mask


def forward_rate_as_keep(a, rate, rng):
    mask = (rng.random(a.shape) < rate).astype(float)
    return a * mask / rate, mask


def forward_divided_by_rate(a, rate, rng):
    mask = rng.random(a.shape) >= rate
    return a * mask / rate, mask


def forward_other_draw(a, rate, rng):
    mask = rng.random(a.shape) < 1 - rate
    return a * mask / (1 - rate), mask


def forward_in_place(a, rate, rng):
    mask = rng.random(a.shape) >= rate
    a *= mask
    a /= 1 - rate
    return a, mask


# -------------------------------------------------------------- 07.6, dropout_backward
def backward_unscaled(d_out, mask, rate):
    return d_out * mask


def backward_times_keep(d_out, mask, rate):
    return d_out * mask * (1 - rate)


def backward_without_mask(d_out, mask, rate):
    return d_out / (1 - rate)


def backward_flipped(d_out, mask, rate):
    return d_out * ~mask / (1 - rate)


def backward_divided_by_rate(d_out, mask, rate):
    return np.where(mask, d_out / rate, 0.0)


def backward_in_place(d_out, mask, rate):
    d_out[~mask] = 0
    d_out /= 1 - rate
    return d_out


def forward_the_other_way_round(a, rate, rng):
    mask = rng.random(a.shape) >= rate
    return mask, a * mask / (1 - rate)


MISTAKES = [
    ("07.5", forward_the_other_way_round, "gives the result of returning the pair the other "
                                          "way round, (mask, out). Return out first"),
    ("07.5", forward_times_keep, "gives the result of multiplying by the keep probability "
                                 "instead of dividing by it."),
    ("07.5", forward_unscaled, "gives the result of forgetting to scale the kept activations."),
    ("07.5", forward_flipped, "gives the result of keeping with probability rate (the mask "
                              "flipped)."),
    ("07.5", forward_rate_as_keep, "gives the result of taking rate as the keep probability."),
    ("07.5", forward_divided_by_rate, "gives the result of dividing by rate instead of 1 - "
                                      "rate."),
    ("07.5", forward_other_draw, "gives the result of drawing the mask as u < 1 - rate."),
    ("07.5", forward_in_place, "your dropout_forward changed its input a in place"),
    ("07.6", backward_unscaled, "gives the result of forgetting the scaling on the way back."),
    ("07.6", backward_times_keep, "gives the result of multiplying by the keep probability "
                                  "instead of dividing by it."),
    ("07.6", backward_without_mask, "gives the result of forgetting the mask."),
    ("07.6", backward_flipped, "gives the result of flipping the mask."),
    ("07.6", backward_divided_by_rate, "gives the result of dividing by rate instead of 1 - "
                                       "rate."),
    ("07.6", backward_in_place, "your dropout_backward changed its input d_out in place"),
]
