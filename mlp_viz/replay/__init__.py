"""The playground: watch a network learn, step by step, and open any step (a run replayed).

``mv.playground()`` trains a small network once for its settings and records
every update; the iteration slider, Play and the step buttons then show any
iteration of that run: the network with a picture of what each neuron
computes, the output, the loss curves, the path on the loss surface and that
step's gradients. ``pg.at(k)`` reopens update ``k`` in numbers.
``mv.playground_run()`` makes the same run without the widget or its picture.
"""

from __future__ import annotations

from .recording import DATA, OPTIMIZER_CHOICES, Recording, StepRecord, make_problem, record_run
from .widget import CONTROLS, Playground, check_hidden, make_controls, record_settings

__all__ = ["CONTROLS", "DATA", "OPTIMIZER_CHOICES", "Playground", "Recording", "StepRecord",
           "make_problem", "playground", "playground_run", "record_run"]


def playground(data="moons", *, noise=0.2, seed=0, hidden=(6, 6), activation="tanh", lr=0.3,
               batch_size=16, epochs=30, optimizer="sgd", weight_decay=0.0, dropout=0.0,
               iteration=None, X=None, y=None, hide=(), compare=None):
    """A network that trains once per setting, and a run you can play, step and scrub.

    Parameters
    ----------
    data : str
        "xor", "moons", "circles", "spirals" (points in a plane, two classes)
        or "regression" (a curve). Ignored when `X` and `y` are given.
    noise : float
        Noise of the data set, 0 to 0.5.
    seed : int
        Seeds the data, the split, the starting weights, the shuffling and
        dropout (0 to 999).
    hidden : tuple of int
        Hidden-layer widths, at most 4 layers of 1 to 16 neurons; () for none.
    activation : str
        Hidden activation: relu, leaky_relu, sigmoid or tanh.
    lr : float
        Learning rate, 1e-3 to 10 (a log slider).
    batch_size : int or None
        8, 16, 32, or None for the full batch.
    epochs : int
        1 to 100.
    optimizer : str
        "sgd", "momentum" (SGD with momentum 0.9) or "adam".
    weight_decay : float
        0, 1e-4, 1e-3, 1e-2 or 1e-1 (L2 on the weights).
    dropout : float
        Drop probability of hidden neurons in training, 0 to 0.6.
    iteration : int or None
        The iteration shown first (updates made); None: the end of the run.
    X, y : array_like, optional
        Data of one's own: points ``(n, 2)`` with labels 0 and 1, or inputs
        ``(n,)`` with real targets.
    hide : tuple of str
        Controls not to show (their values stay as given), e.g.
        ``hide=("optimizer", "weight_decay")``; "iteration" hides the
        transport.
    compare : dict, optional
        The settings of a pinned run (as ``pg.settings`` gives them; its
        iteration is ignored), drawn beside this one: its loss curve, and
        its path on this run's loss surface. The "pin this run" button sets
        it to the run shown.

    Returns
    -------
    Playground
        An ``ipywidgets.VBox``: display it, or leave it last in a cell.
        ``pg.settings`` gives every setting (``mv.playground(**pg.settings)``
        draws the same picture); ``pg.at(k)`` reopens update ``k``.
    """
    hide = tuple(hide)
    unknown = [name for name in hide if name not in CONTROLS]
    if unknown:
        raise ValueError(f"hide names controls; unknown: {', '.join(map(repr, unknown))}. "
                         f"Valid names: {', '.join(CONTROLS)}.")
    own = X is not None or y is not None
    problem = make_problem(X=X, y=y) if own else None
    if iteration is not None:
        from .._validation import check_int

        iteration = check_int(iteration, "iteration", low=0)
    if compare is not None:
        if not isinstance(compare, dict):
            raise TypeError(f"compare must be the settings of another run, a dict such as "
                            f"pg.settings; got {type(compare).__name__} {compare!r}.")
        # settings it leaves out are this playground's own
        mine = dict(data="own" if own else data, noise=noise, seed=seed, hidden=hidden,
                    activation=activation, lr=lr, batch_size=batch_size, epochs=epochs,
                    optimizer=optimizer, weight_decay=weight_decay, dropout=dropout)
        unknown = sorted(set(compare) - set(mine) - {"iteration"})
        if unknown:
            raise ValueError(f"compare holds settings; unknown: {', '.join(unknown)}. Valid "
                             f"names: {', '.join(mine)}.")
        compare = {**mine, **{k: v for k, v in compare.items() if k != "iteration"}}
        compare["hidden"] = check_hidden(compare["hidden"])
    return Playground(problem, own_data=own, hide=hide, compare=compare,
                      data="own" if own else data,
                      noise=noise, seed=seed, hidden=check_hidden(hidden),
                      activation=activation, lr=lr, batch_size=batch_size, epochs=epochs,
                      optimizer=optimizer, weight_decay=weight_decay, dropout=dropout,
                      iteration=iteration)


def playground_run(data="moons", *, noise=0.2, seed=0, hidden=(6, 6), activation="tanh", lr=0.3,
                   batch_size=16, epochs=30, optimizer="sgd", weight_decay=0.0, dropout=0.0,
                   X=None, y=None):
    """The run ``mv.playground(...)`` would show for these settings, without drawing it.

    The same settings as :func:`playground`, checked the same way, and the
    same numbers: ``mv.playground_run(**s)`` records the run that
    ``mv.playground(**s).recording`` holds, without the widget and its
    picture (most of a playground's first second).

    Parameters
    ----------
    data, noise, seed, hidden, activation, lr, batch_size, epochs, optimizer, weight_decay, dropout
        As for :func:`playground`, within the same ranges.
    X, y : array_like, optional
        Data of one's own, as for :func:`playground`.

    Returns
    -------
    Recording
        ``run.network(k)`` is the network after ``k`` updates, ``run.history``
        the losses, ``run.problem`` the data and its split.
    """
    own = X is not None or y is not None
    values = dict(data="own" if own else data, noise=noise, seed=seed,
                  hidden=check_hidden(hidden), activation=activation, lr=lr,
                  batch_size=batch_size, epochs=epochs, optimizer=optimizer,
                  weight_decay=weight_decay, dropout=dropout, iteration=None)
    make_controls(values, own)  # a setting the playground could not show is refused alike
    problem = make_problem(data, noise=noise, seed=seed, X=X, y=y)  # X, y win when given
    return record_settings(problem, seed=seed, hidden=hidden, activation=activation, lr=lr,
                           batch_size=batch_size, epochs=epochs, optimizer=optimizer,
                           weight_decay=weight_decay, dropout=dropout)
