"""plot_dropout: the bars are the trace's own values, before dropout and as passed on."""

import numpy as np
import pytest

import mlp_viz as mv


def test_the_bars_are_the_values_before_and_after_inverted_dropout():
    house = mv.house_price_example()
    trace = house.network().forward_trace(house.x, training=True, dropout=0.5, rng=8)
    ax = mv.plot_dropout(trace)
    before, after = ax.containers
    a = np.concatenate([trace.a[1], trace.a[2]])
    keep = np.concatenate([trace.keep[1], trace.keep[2]])
    np.testing.assert_array_equal([bar.get_height() for bar in before], a)
    np.testing.assert_allclose([bar.get_height() for bar in after], np.where(keep, 2 * a, 0.0))
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "layer 1, neuron 0", "layer 1, neuron 1", "layer 2, neuron 0", "layer 2, neuron 1"]
    assert "a kept value ×2, a dropped one 0" in ax.get_title()


def test_one_sample_of_a_batch_and_another_rate():
    net = mv.MLP([3, 4, 5, 1], seed=0)
    X = np.random.default_rng(0).normal(size=(6, 3))
    trace = net.forward_trace(X, training=True, dropout=0.25, rng=1)
    ax = mv.plot_dropout(trace, sample=4)
    heights = [bar.get_height() for bar in ax.containers[1]]
    np.testing.assert_allclose(heights, np.concatenate([trace.dropped(1)[4], trace.dropped(2)[4]]))
    assert "×1.33" in ax.get_title()


def test_a_trace_without_dropout_or_not_a_trace_is_refused():
    net = mv.MLP([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match=r"^this trace has no dropout in it: record it with "):
        mv.plot_dropout(net.forward_trace(np.ones(2)))
    with pytest.raises(TypeError, match=r"^plot_dropout takes the Trace of a forward pass"):
        mv.plot_dropout(np.ones(3))
