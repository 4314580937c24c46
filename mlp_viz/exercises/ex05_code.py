"""Exercises of notebook 05 where you write the code: functions checked by running them."""

import numpy as np

from ..datasets import moons
from ..network import MLP
from ..surfaces.lines import line_losses
from ..training import train
from . import (
    Case,
    Mistake,
    function_exercise,
)


# ------------------------------------------------- writing the line yourself
def _loss_function(net, X, y, loss):
    """``loss_at(theta)``: the loss of `net`'s architecture with the flat parameters `theta`."""
    probe = net.copy()   # the case's network stays as it is

    def loss_at(theta):
        theta = np.asarray(theta, dtype=float)
        if theta.shape != (probe.n_params,):
            raise ValueError(
                f"loss_at takes one parameter vector of shape ({probe.n_params},), the "
                f"parameters of one network; got shape {theta.shape}. Call it once for each t."
            )
        probe.set_flat_params(theta)
        return probe.loss(X, y, loss)

    return loss_at


def _line_case(label, net, X, y, loss, theta_0, theta_1, ts):
    ts = np.asarray(ts, dtype=float)
    return Case(label, (theta_0, theta_1, _loss_function(net, X, y, loss), ts),
                line_losses(net, X, y, theta_0, theta_1, ts, loss=loss))


def _line_cases():
    rng = np.random.default_rng(5)
    bce = "binary_cross_entropy"
    X, y = moons(50, noise=0.2, seed=3)
    start = MLP([2, 2, 1], "tanh", "sigmoid", init="xavier", seed=1)
    trained = start.copy()
    train(trained, X, y, lr=0.5, epochs=30, loss=bce)
    X_r, Y_r = rng.normal(size=(20, 3)), rng.normal(size=(20, 2))
    reg = MLP([3, 4, 2], "tanh", seed=2)
    small = MLP([1, 3, 1], "relu", seed=3)
    X_s, y_s = rng.normal(size=(8, 1)), rng.normal(size=8)

    def random_theta(net):
        return rng.normal(size=net.n_params)

    return [
        # The notebook's line: from a start to the trained network, a little beyond both ends.
        _line_case("a 2-2-1 network from its start to 30 epochs of training, t from -0.5 to "
                   "1.5", trained, X, y, bce, start.get_flat_params(),
                   trained.get_flat_params(), np.linspace(-0.5, 1.5, 11)),
        _line_case("a 3-4-2 regression network between two random points, the ½-MSE", reg,
                   X_r, Y_r, "mse", random_theta(reg), random_theta(reg), np.linspace(0, 1, 5)),
        _line_case("a single t", small, X_s, y_s, "mse", random_theta(small),
                   random_theta(small), [0.3]),
        _line_case("only the two ends, t = 0 and t = 1", reg, X_r, Y_r, "mse",
                   random_theta(reg), random_theta(reg), [0.0, 1.0]),
        _line_case("from the all-zero network, far beyond both ends", small, X_s, y_s, "mse",
                   np.zeros(small.n_params), random_theta(small), [-5.0, 0.5, 6.0]),
    ]


def _losses_mixed(theta_0, theta_1, loss_at, ts):
    loss_0, loss_1 = loss_at(theta_0), loss_at(theta_1)
    return np.array([loss_0 + t * (loss_1 - loss_0) for t in ts])


@function_exercise(
    "05.5", "the loss along the line between two networks", name="loss_along_line",
    params=("theta_0", "theta_1", "loss_at", "ts"), outputs=("losses",),
    solution='''
def loss_along_line(theta_0, theta_1, loss_at, ts):
    """The loss at theta(t) = (1 - t) theta_0 + t theta_1 for each t of ts.

    theta_0, theta_1: (n_params,)   loss_at: theta -> a number   ts: (n_points,)
    ->   losses: (n_points,)
    """
    # Each t is one network: mix the two ends' parameters, then compute that
    # network's loss. (A new array for each t: theta_0 itself stays as it is.)
    return np.array([loss_at((1 - t) * theta_0 + t * theta_1) for t in ts])

answer = loss_along_line
''',
    mistakes=[
        Mistake("interpolating the two losses instead of the parameters", _losses_mixed,
                "The loss along the line is not a straight line between the two ends' losses: "
                "mix the parameters, theta(t) = (1 - t) theta_0 + t theta_1, and compute the "
                "loss of that network with loss_at(theta(t))."),
        Mistake("going from theta_1 to theta_0",
                lambda theta_0, theta_1, loss_at, ts: np.array(
                    [loss_at((1 - t) * theta_1 + t * theta_0) for t in ts]),
                "At t = 0 the line is at theta_0 and at t = 1 at theta_1: theta(t) = "
                "(1 - t) theta_0 + t theta_1 (or theta_0 + t (theta_1 - theta_0))."),
        Mistake("stepping along theta_1 instead of theta_1 - theta_0",
                lambda theta_0, theta_1, loss_at, ts: np.array(
                    [loss_at(theta_0 + t * theta_1) for t in ts]),
                "The direction of the line is the difference of its ends: theta_0 + "
                "t (theta_1 - theta_0), so that t = 1 lands exactly on theta_1."),
    ],
    hints=[
        "Each t is one network on the line. Work out its parameters first, then ask loss_at "
        "for its loss. Which parameters must t = 0 give, and which t = 1?",
        "theta(t) = (1 - t) theta_0 + t theta_1, the same as theta_0 + t (theta_1 - theta_0); "
        "the loss at t is loss_at(theta(t)), one call for each t. Mix the parameters, not the "
        "two losses.",
        "def loss_along_line(theta_0, theta_1, loss_at, ts):\n"
        "    return np.array([loss_at(____) for t in ts])",
    ],
    explanation="mv.line_losses computes the same line; the loss at t = 0.5 is the loss of the "
                "network halfway between the two, not the mean of the two ends' losses.")
def _():
    return _line_cases()
