"""Notebook 08's function exercises: each classic mistake, written as a learner would, is
named by the check (collected by test_implementing.py)."""

import numpy as np

import mlp_viz as mv


# ------------------------------------------------------------ 08.6 He and Xavier
def _std(n_in, n_out, scheme):
    return np.sqrt(2 / n_in) if scheme == "he" else np.sqrt(2 / (n_in + n_out))


def init_variance_as_std(n_in, n_out, scheme, rng):
    var = 2 / n_in if scheme == "he" else 2 / (n_in + n_out)
    return var * rng.standard_normal((n_out, n_in))


def init_he_over_n_out(n_in, n_out, scheme, rng):
    std = np.sqrt(2 / n_out) if scheme == "he" else np.sqrt(2 / (n_in + n_out))
    return std * rng.standard_normal((n_out, n_in))


def init_transposed(n_in, n_out, scheme, rng):
    return _std(n_in, n_out, scheme) * rng.standard_normal((n_in, n_out))


def init_drawn_transposed_then_flipped(n_in, n_out, scheme, rng):
    W = rng.normal(0.0, _std(n_in, n_out, scheme), size=(n_in, n_out))
    return W.T


def init_xavier_with_hes_factor(n_in, n_out, scheme, rng):
    return np.sqrt(2 / n_in) * rng.standard_normal((n_out, n_in))


def init_xavier_without_the_2(n_in, n_out, scheme, rng):
    std = np.sqrt(2 / n_in) if scheme == "he" else np.sqrt(1 / (n_in + n_out))
    return std * rng.standard_normal((n_out, n_in))


def init_xavier_over_n_in(n_in, n_out, scheme, rng):
    std = np.sqrt(2 / n_in) if scheme == "he" else np.sqrt(1 / n_in)
    return std * rng.standard_normal((n_out, n_in))


# ----------------------------------------------------- 08.7 clipping by the global norm
def _global(grads):
    return np.sqrt(sum(np.sum(g ** 2) for g in grads))


def clip_each_array_alone(grads, max_norm):
    return [g * min(1.0, max_norm / (np.linalg.norm(g) + 1e-6)) for g in grads]


def clip_scaling_up_too(grads, max_norm):
    factor = max_norm / (_global(grads) + 1e-6)
    return [g * factor for g in grads]


def clip_without_the_epsilon(grads, max_norm):
    factor = min(1.0, max_norm / _global(grads))
    return [g * factor for g in grads]


def clip_summing_the_norms(grads, max_norm):
    total = sum(np.linalg.norm(g) for g in grads)
    factor = min(1.0, max_norm / (total + 1e-6))
    return [g * factor for g in grads]


def clip_in_place(grads, max_norm):
    factor = min(1.0, max_norm / (_global(grads) + 1e-6))
    for g in grads:
        g *= factor
    return grads


MISTAKES = [
    ("08.6", init_variance_as_std, "gives the result of using the variance as the standard "
                                   "deviation. The variance is"),
    ("08.6", init_he_over_n_out, "gives the result of dividing by n_out where He divides by "
                                 "n_in. He keeps"),
    ("08.6", init_transposed, "gives the result of drawing the shape (n_in, n_out). W has one "
                              "row per neuron"),
    ("08.6", init_drawn_transposed_then_flipped, "gives the result of drawing (n_in, n_out) "
                                                 "and transposing it."),
    ("08.6", init_xavier_with_hes_factor, "gives the result of using He's factor for Xavier. "
                                          "Xavier's variance is 2 / (n_in + n_out)"),
    ("08.6", init_xavier_without_the_2, "gives the result of leaving out Xavier's 2."),
    ("08.6", init_xavier_over_n_in, "gives the result of using 1 / n_in for Xavier."),
    ("08.7", clip_each_array_alone, "gives the result of clipping each array by its own norm. "
                                    "The global norm"),
    ("08.7", clip_scaling_up_too, "gives the result of scaling up a gradient shorter than "
                                  "max_norm. Clipping only ever shortens"),
    ("08.7", clip_without_the_epsilon, "gives the result of leaving out the 1e-6."),
    ("08.7", clip_summing_the_norms, "gives the result of adding up the arrays' norms."),
    ("08.7", clip_in_place, "your clip_by_global_norm changed its input grads in place"),
]


def test_the_global_norm_clip_matches_trains_clip_on_a_whole_gradient():
    # 08.7's reference is train's own clip, applied to the flat gradient of every layer.
    from mlp_viz import clip_grad_norm

    grads = [np.array([[3.0, 0.0]]), np.array([4.0])]   # norm 5
    clipped, factor = clip_grad_norm(grads, 1.0)
    assert factor == 1.0 / (5.0 + 1e-6)
    assert np.allclose(clipped[0], [[0.6, 0.0]], rtol=1e-6) and clipped[1].shape == (1,)
    assert grads[0][0, 0] == 3.0                         # the caller's arrays stay as they were
    assert clip_grad_norm(grads, 10.0)[1] == 1.0


def test_the_initialisation_check_draws_as_mlp_viz_draws():
    # The skeleton tells the learner to scale one rng.standard_normal((n_out, n_in)); that is
    # exactly what mlp_viz's He initialiser does with the same generator.
    W = mv.initializer("he").draw(5, 3, np.random.default_rng(0))
    assert np.array_equal(W, np.sqrt(2 / 3) * np.random.default_rng(0).standard_normal((5, 3)))
