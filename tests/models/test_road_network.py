"""Step 7's metaphor: new roads and bridges around a jammed one, with travel times from shortest paths."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.models import road_network as rn

N_LINKS = len(rn.NEW_LINKS)


def test_travel_times_are_symmetric_positive_and_zero_on_the_diagonal():
    for n in range(N_LINKS + 1):
        times = rn.travel_times_min(n)
        assert np.all(np.isfinite(times)), "every district is reachable"
        np.testing.assert_allclose(times, times.T)
        assert np.all(np.diag(times) == 0.0)
        assert np.all(times[~np.eye(len(rn.DISTRICTS), dtype=bool)] > 0.0)


def test_travel_time_never_increases_as_links_are_added():
    """Adding a road can only shorten or keep a shortest path: every pair and the mean."""
    means = [rn.mean_travel_time_min(n) for n in range(N_LINKS + 1)]
    assert all(b <= a for a, b in itertools.pairwise(means))
    for n in range(N_LINKS):
        assert np.all(rn.travel_times_min(n + 1) <= rn.travel_times_min(n) + 1e-9)


def test_new_links_relieve_the_gridlock():
    assert rn.mean_travel_time_min(N_LINKS) < 0.5 * rn.mean_travel_time_min(0)
    assert rn.route(0) == [0, 1, 6, 7], "before any new link, the only way across is the jammed bridge"
    assert tuple(sorted((1, 6))) not in {tuple(sorted(p)) for p in itertools.pairwise(rn.route(N_LINKS))}


def test_the_jammed_bridge_is_slower_than_any_open_road_of_its_length():
    a, b = rn.JAM
    assert rn.road_minutes(a, b) == pytest.approx(rn.JAM_FACTOR * rn.road_minutes(a, b) / rn.JAM_FACTOR)
    assert rn.road_minutes(a, b) > max(rn.road_minutes(x, y) for x, y in rn.NEW_LINKS)


def test_every_route_follows_open_roads_from_start_to_end():
    for n in range(N_LINKS + 1):
        open_roads = {tuple(sorted(p)) for p in rn.HELD + rn.NEW_LINKS[:n]}
        for start, end in ((0, 7), (3, 4), (2, 5)):
            path = rn.route(n, start, end)
            assert path[0] == start and path[-1] == end
            assert all(tuple(sorted(p)) in open_roads for p in itertools.pairwise(path))
            minutes = sum(rn.road_minutes(a, b) for a, b in itertools.pairwise(path))
            assert minutes == pytest.approx(rn.travel_times_min(n)[start, end])


def test_bridges_are_the_links_that_cross_the_river():
    for a, b in rn.HELD + rn.NEW_LINKS:
        west = {i for i, (_, x, _) in enumerate(rn.DISTRICTS) if x < 5.0}
        crosses = (a in west) != (b in west)
        assert crosses == (tuple(sorted((a, b))) in rn.BRIDGES)


@given(level=st.floats(0.0, 10.0), full=st.floats(0.01, 10.0))
def test_links_open_grows_with_spines_from_none_to_all(level, full):
    n = rn.links_open(level, full)
    assert 0 <= n <= N_LINKS
    assert rn.links_open(level + 0.1, full) >= n
    assert rn.links_open(0.0, full) == 0 and rn.links_open(full, full) == N_LINKS


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: rn.travel_times_min(-1), r"n_open must be a finite number at least 0 and at most 8"),
        (lambda: rn.travel_times_min(2.5), r"n_open must be a whole number from 0 to 8"),
        (lambda: rn.mean_travel_time_min(9), r"n_open must be"),
        (lambda: rn.route(3, start=8), r"a must be a district index from 0 to 7"),
        (lambda: rn.road_minutes(0, -1), r"b must be a district index"),
        (lambda: rn.links_open(float("nan"), 1.0), r"new_spines must be a finite number"),
        (lambda: rn.links_open(0.5, 0.0), r"full_at must be a finite number greater than 0"),
    ],
)
def test_bad_input_raises_clear_value_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_the_module_says_it_is_a_teaching_choice():
    assert "TEACHING CHOICE" in rn.__doc__ and "shortest_path" in rn.__doc__
