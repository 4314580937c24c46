"""Loss-against-prediction curves are mlp_viz's own losses."""

import numpy as np
import pytest

import mlp_viz as mv


def test_values_are_the_losses_of_one_sample():
    np.testing.assert_allclose(mv.loss_vs_prediction("mse", 1.0, [0.6089, 3.0]),
                               [0.5 * 0.3911**2, 2.0])
    np.testing.assert_allclose(mv.loss_vs_prediction("binary_cross_entropy", 1.0, [0.8]),
                               [-np.log(0.8)])
    np.testing.assert_allclose(mv.loss_vs_prediction("binary_cross_entropy", 0.0, [0.8]),
                               [-np.log(0.2)])
    np.testing.assert_allclose(mv.loss_vs_prediction("cross_entropy", 0, [0.7, 0.1]),
                               -np.log([0.7, 0.1]))


@pytest.mark.parametrize("loss, n_lines", [("mse", 2), ("binary_cross_entropy", 2),
                                           ("cross_entropy", 1)])
def test_plot_draws_one_curve_per_target(loss, n_lines):
    ax = mv.plot_loss_vs_prediction(loss)
    assert len(ax.lines) == n_lines
    x, y = ax.lines[0].get_data()
    target = 1.0 if loss != "cross_entropy" else 0
    np.testing.assert_allclose(y, mv.loss_vs_prediction(loss, target, x))
    assert ax.get_ylabel() == "loss L" and ax.get_title()
    assert len(ax.get_legend().get_texts()) == n_lines


def test_unknown_loss():
    with pytest.raises(ValueError, match=r"unknown loss 'mae'"):
        mv.plot_loss_vs_prediction("mae")
