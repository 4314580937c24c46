"""Loss surfaces: the vectorised grid is the network's own loss, point by point."""

import numpy as np
import pytest

import mlp_viz as mv


def slow_surface(net, X, y, surface, loss):
    """Reference: set every grid point's parameters and ask the network for its loss."""
    probe = net.copy()
    out = np.empty((len(surface.betas), len(surface.alphas)))
    for i, b in enumerate(surface.betas):
        for j, a in enumerate(surface.alphas):
            probe.set_flat_params(surface.theta(a, b))
            out[i, j] = probe.loss(X, y, loss)
    return out


@pytest.fixture(scope="module")
def trained():
    X, y = mv.moons(80, seed=0)
    net = mv.MLP([2, 6, 5, 1], "tanh", "sigmoid", seed=0)
    mv.train(net, X, y, lr=0.5, epochs=30, batch_size=16, loss="binary_cross_entropy")
    return net, X, y


@pytest.mark.parametrize("params", [
    (("W", 1, 0, 0), ("b", 1, 2)),        # both in the first layer
    (("W", 2, 4, 1), ("b", 3, 0)),        # a middle and the output layer
    (("W", 3, 0, 4), ("W", 3, 0, 0)),     # only the output layer moves
])
def test_parameter_surface_equals_slow_loop(trained, params):
    net, X, y = trained
    s = mv.parameter_surface(net, X, y, *params, span=1.5, resolution=7,
                             loss="binary_cross_entropy")
    np.testing.assert_allclose(s.losses, slow_surface(net, X, y, s, "binary_cross_entropy"),
                               rtol=1e-12)
    assert s.labels == tuple(f"{p[0]}[{p[1]}][{', '.join(map(str, p[2:]))}]" for p in params)


def test_parameter_surface_axes_are_the_parameter_values(trained):
    net, X, y = trained
    s = mv.parameter_surface(net, X, y, ("W", 2, 1, 3), ("b", 2, 0), span=1.0, resolution=5,
                             loss="binary_cross_entropy")
    w, b = net.weights[1][1, 3], net.biases[1][0]
    np.testing.assert_allclose(s.alphas, np.linspace(w - 1, w + 1, 5))
    np.testing.assert_allclose(s.betas, np.linspace(b - 1, b + 1, 5))
    # the centre of the grid is the network as it is
    assert s.losses[2, 2] == pytest.approx(net.loss(X, y, "binary_cross_entropy"), rel=1e-12)
    probe = net.copy()
    probe.weights[1][1, 3], probe.biases[1][0] = s.alphas[4], s.betas[1]
    assert s.losses[1, 4] == pytest.approx(probe.loss(X, y, "binary_cross_entropy"), rel=1e-12)


def test_direction_surface_equals_slow_loop_for_every_loss():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 3))
    for out, loss, y in [("identity", "mse", rng.normal(size=(30, 2))),
                         ("softmax", "cross_entropy", rng.integers(0, 2, 30)),
                         ("sigmoid", "binary_cross_entropy", rng.integers(0, 2, (30, 2)))]:
        net = mv.MLP([3, 4, 4, 2], "relu", out, seed=1)
        s = mv.direction_surface(net, X, y, span=0.8, resolution=6, loss=loss)
        np.testing.assert_allclose(s.losses, slow_surface(net, X, y, s, loss), rtol=1e-12)
        assert s.losses[np.abs(s.betas).argmin(), np.abs(s.alphas).argmin()] != 0


def test_large_grids_are_chunked_and_still_exact(trained, monkeypatch):
    net, X, y = trained
    import mlp_viz.surfaces as surfaces

    monkeypatch.setattr(surfaces, "_CHUNK_ELEMENTS", 500)  # force many small chunks
    s = mv.direction_surface(net, X, y, span=1.0, resolution=9, loss="binary_cross_entropy")
    np.testing.assert_allclose(s.losses, slow_surface(net, X, y, s, "binary_cross_entropy"),
                               rtol=1e-12)


def test_filter_normalised_directions(trained):
    net = trained[0]
    d1, d2 = mv.random_directions(net, seed=3)
    probe = net.copy()
    for d in (d1, d2):
        probe.set_flat_params(d)
        for W_dir, b_dir, W in zip(probe.weights, probe.biases, net.weights):
            np.testing.assert_allclose(np.linalg.norm(W_dir, axis=1), np.linalg.norm(W, axis=1))
            assert np.all(b_dir == 0)
    assert not np.allclose(d1, d2)
    np.testing.assert_array_equal(mv.random_directions(net, seed=3)[0], d1)


def test_gradient_at_is_the_directional_derivative(trained):
    net, X, y = trained
    s = mv.direction_surface(net, X, y, span=1.0, resolution=3, loss="binary_cross_entropy")
    a, b, h = 0.3, -0.2, 1e-5
    numeric = [(s.loss_at(a + h, b) - s.loss_at(a - h, b)) / (2 * h),
               (s.loss_at(a, b + h) - s.loss_at(a, b - h)) / (2 * h)]
    np.testing.assert_allclose(s.gradient_at(a, b), numeric, rtol=1e-6)


def test_descent_in_a_parameter_plane_is_gradient_descent_on_those_two_parameters(trained):
    net, X, y = trained
    params = (("W", 1, 0, 1), ("b", 2, 3))
    s = mv.parameter_surface(net, X, y, *params, loss="binary_cross_entropy")
    start = (s.alphas[3], s.betas[30])
    path = s.descend(start, lr=0.5, steps=5)
    # the same by hand: only these two parameters move
    probe = net.copy()
    ia, ib = (mv.surfaces.parameter_index(net, p) for p in params)
    theta = probe.get_flat_params()
    theta[[ia, ib]] = start
    for step in range(1, 6):
        probe.set_flat_params(theta)
        _, grads = probe.loss_and_gradients(X, y, "binary_cross_entropy")
        g = np.concatenate([p.ravel() for pair in grads for p in pair])
        theta[[ia, ib]] -= 0.5 * g[[ia, ib]]
        assert (path.alphas[step], path.betas[step]) == pytest.approx(tuple(theta[[ia, ib]]))
    probe.set_flat_params(theta)
    assert path.losses[-1] == pytest.approx(probe.loss(X, y, "binary_cross_entropy"))
    assert np.all(np.diff(path.losses) < 0)
    assert not path.leaves_plane


def test_projected_training_path_reports_leaving_the_plane(trained):
    net, X, y = trained
    start = net.copy()
    h = mv.train(start, X, y, lr=0.5, epochs=5, batch_size=16, loss="binary_cross_entropy",
                 snapshot_every=1)
    losses = np.zeros(len(h.snapshots))
    s_random = mv.direction_surface(start, X, y, resolution=3, loss="binary_cross_entropy")
    assert s_random.project(h.snapshots, losses).leaves_plane
    d1, d2, explained = mv.path_directions(h.snapshots, h.snapshots[-1])
    assert 0 < explained <= 1
    assert d1 @ d2 == pytest.approx(0, abs=1e-12)
    plane = mv.direction_surface(start, X, y, directions=(d1, d2), resolution=3,
                                 loss="binary_cross_entropy")
    path = plane.project(h.snapshots, losses)
    # the residual left off the plane is exactly what PCA did not explain
    off = np.linalg.norm(h.snapshots - h.snapshots[-1], axis=1) * path.off_plane
    total = np.sum(np.linalg.norm(h.snapshots - h.snapshots[-1], axis=1) ** 2)
    assert np.sum(off**2) == pytest.approx((1 - explained) * total, rel=1e-6)
    # a path made of plane points projects onto itself
    pts = np.array([plane.theta(a, b) for a, b in [(0.1, 0.2), (-0.3, 0.05)]])
    back = plane.project(pts, [0, 0])
    np.testing.assert_allclose(back.alphas, [0.1, -0.3], atol=1e-12)
    np.testing.assert_allclose(back.off_plane, 0, atol=1e-12)


def test_two_valleys_has_a_poorer_and_a_better_minimum():
    ex = mv.two_valleys()
    s = mv.parameter_surface(ex.net, ex.X, ex.y, *ex.params, ranges=ex.ranges, resolution=81)
    L = s.losses
    interior = [(i, j) for i in range(1, 80) for j in range(1, 80)
                if L[i, j] <= L[i - 1:i + 2, j - 1:j + 2].min()]
    assert len(interior) == 2
    depths = sorted(L[i, j] for i, j in interior)
    assert depths[0] < 1e-6 < 0.1 < depths[1]
    poor = s.descend(ex.local_start, lr=0.5, steps=200)
    good = s.descend(ex.global_start, lr=0.5, steps=200)
    assert poor.losses[-1] > 0.2 and good.losses[-1] < 0.01


def test_toy_surfaces_say_they_are_toys():
    bowl = mv.toy_surface("bowl")
    assert bowl.kind == "toy" and bowl.title.startswith("Toy surface")
    # too long a step in the narrow direction (lr above 2/10) makes the path blow up
    path = bowl.descend((2.5, 0.5), lr=0.21, steps=30)
    assert abs(path.betas[-1]) > abs(path.betas[0])
    steady = bowl.descend((2.5, 0.5), lr=0.09, steps=30)
    assert steady.losses[-1] < steady.losses[0]
    with pytest.raises(ValueError, match=r"unknown toy surface 'x'; valid names are: bowl"):
        mv.toy_surface("x")


def test_bad_surface_arguments(trained):
    net, X, y = trained
    with pytest.raises(ValueError,
                       match=r"choose two different parameters; both are W\[1\]\[0, 0\]"):
        mv.parameter_surface(net, X, y, ("W", 1, 0, 0), ("W", 1, 0, 0))
    with pytest.raises(ValueError,
                       match=r"W\[1\]\[9, 0\] does not exist: W\[1\] has shape \(6, 2\)"):
        mv.parameter_surface(net, X, y, ("W", 1, 9, 0), ("b", 1, 0))
    with pytest.raises(ValueError, match=r"layer must be between 1 and 3; got 4"):
        mv.parameter_surface(net, X, y, ("W", 4, 0, 0), ("b", 1, 0))
    with pytest.raises(ValueError, match=r"a parameter is named \('W', layer, i, j\)"):
        mv.parameter_surface(net, X, y, ("V", 1, 0), ("b", 1, 0))
    s = mv.direction_surface(net, X, y, resolution=3, loss="binary_cross_entropy")
    with pytest.raises(ValueError, match=r"snapshots have 3 parameters, but this surface's "
                                         r"network has 59"):
        s.project(np.zeros((2, 3)), [0, 0])
