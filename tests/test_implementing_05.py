"""Notebook 05's function exercises: each classic mistake, written as a learner would, is
named by the check (collected by test_implementing.py)."""

import numpy as np


def line_of_losses(theta_0, theta_1, loss_at, ts):
    # mixes the two ends' losses, not their parameters
    loss_0, loss_1 = loss_at(theta_0), loss_at(theta_1)
    return np.array([loss_0 + t * (loss_1 - loss_0) for t in ts])


def line_backwards(theta_0, theta_1, loss_at, ts):
    return np.array([loss_at((1 - t) * theta_1 + t * theta_0) for t in ts])


def line_without_minus_theta_0(theta_0, theta_1, loss_at, ts):
    return np.array([loss_at(theta_0 + t * theta_1) for t in ts])


def line_in_place(theta_0, theta_1, loss_at, ts):
    losses = []
    for t in ts:
        theta = theta_0          # not a copy: the next line changes theta_0 itself
        theta += t * (theta_1 - theta_0)
        losses.append(loss_at(theta))
    return np.array(losses)


def line_all_at_once(theta_0, theta_1, loss_at, ts):
    return loss_at(theta_0 + ts[:, None] * (theta_1 - theta_0))


MISTAKES = [
    ("05.5", line_of_losses, "gives the result of interpolating the two losses instead of the "
                             "parameters. The loss along the line is not a straight line"),
    ("05.5", line_backwards, "gives the result of going from theta_1 to theta_0. At t = 0"),
    ("05.5", line_without_minus_theta_0, "gives the result of stepping along theta_1 instead "
                                         "of theta_1 - theta_0."),
    ("05.5", line_in_place, "your loss_along_line changed its input theta_0 in place"),
    ("05.5", line_all_at_once, "raised ValueError at test_implementing_05.py, line "),
    ("05.5", line_all_at_once, "(`return loss_at(theta_0 + ts[:, None] * (theta_1 - "
                               "theta_0))`): loss_at takes one parameter vector of shape (9,), "
                               "the parameters of one network; got shape (11, 9). Call it once "
                               "for each t."),
]
