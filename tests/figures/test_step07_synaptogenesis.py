"""Step 7 figures: the town's new roads, spine density over weeks and the dendrite (the contract tests do the rest)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from widgets.figures import FIGURES, NUMBERS, make_figure
from widgets.figures import step07_synaptogenesis as s07
from widgets.models import road_network as rn
from widgets.models import spines as sp
from widgets.models.schedules import SCHEDULES


@pytest.mark.parametrize(("name", "n_traces"), [("roads", 10), ("spine_density", 9), ("dendrite", 12)])
def test_trace_count(name, n_traces):
    assert len(make_figure(FIGURES[name]).data) == n_traces


def _segments(trace) -> int:
    return sum(1 for v in trace.x if v is None)


@pytest.mark.parametrize("schedule", sorted(SCHEDULES))
@pytest.mark.parametrize("time_min", [1, 720, 1440, 7 * 1440, 12 * 1440, 35 * 1440])
def test_open_roads_follow_the_spines_and_travel_time_comes_from_shortest_paths(schedule, time_min):
    fig = make_figure(FIGURES["roads"], time_course_min=time_min, schedule=schedule)
    n_open = rn.links_open(s07.state(schedule, time_min)["new_pct"], s07.full_at_new_pct())
    assert _segments(fig.data[0]) + _segments(fig.data[1]) == n_open
    assert _segments(fig.data[2]) == len(rn.NEW_LINKS) - n_open
    assert fig.data[6].y[0] == pytest.approx(rn.mean_travel_time_min(n_open), rel=1e-3)
    assert f"{n_open} of {len(rn.NEW_LINKS)}" in fig.layout.annotations[0].text


def test_every_road_opens_at_the_course_s_peak_and_cars_leave_the_jammed_bridge():
    before = make_figure(FIGURES["roads"], time_course_min=1, schedule="course")
    peak = make_figure(FIGURES["roads"], time_course_min=12 * 1440, schedule="course")
    assert _segments(peak.data[2]) == 0
    assert len(before.data[3].x) > 0 and len(peak.data[3].x) == 0


def test_the_travel_time_curve_never_rises_while_spines_rise():
    """While the spines climb (the first day after one dose), trips only get shorter."""
    x, y = s07._trip_steps("course")
    assert y[0] == pytest.approx(rn.mean_travel_time_min(0))
    climbing = x <= 12.0
    assert all(b <= a + 1e-9 for a, b in itertools.pairwise(y[climbing][:3]))
    assert min(y) == pytest.approx(rn.mean_travel_time_min(len(rn.NEW_LINKS)))


@pytest.mark.parametrize("schedule", sorted(SCHEDULES))
@pytest.mark.parametrize("stress", [0.0, 20.0, 40.0])
def test_density_panel_stacks_the_model_s_baseline_stable_and_labile_spines(schedule, stress):
    fig = make_figure(FIGURES["spine_density"], schedule=schedule, stress_loss_pct=stress)
    out = sp.spine_course(s07._T_DENSITY_D * 24.0, infusion_days=SCHEDULES[schedule], stress_loss_pct=stress)
    np.testing.assert_allclose(fig.data[1].y, 100.0 - stress, atol=0.06)
    np.testing.assert_allclose(fig.data[3].y, out["density_pct"], atol=0.06)
    assert np.all(np.asarray(fig.data[2].y) <= np.asarray(fig.data[3].y) + 0.06)


@pytest.mark.parametrize("schedule", sorted(SCHEDULES))
@pytest.mark.parametrize("time_min", [1, 1440, 3 * 1440, 12 * 1440, 21 * 1440, 56 * 1440])
def test_the_dendrite_carries_as_many_spines_as_the_model_gives_with_the_new_ones_marked(schedule, time_min):
    fig = make_figure(FIGURES["dendrite"], time_course_min=time_min, schedule=schedule)
    counts = s07.spine_counts(schedule, time_min)
    heads = len(fig.data[1].x) + len(fig.data[2].x) + len(fig.data[3].x)
    assert heads == counts["total"] == _segments(fig.data[0])
    assert len(fig.data[4].x) == counts["new"] == len(fig.data[2].x) + len(fig.data[3].x)
    assert len(fig.data[3].x) == counts["stable"]
    density = s07.state(schedule, time_min)["density_pct"]
    assert counts["total"] == pytest.approx(density / 100.0 * s07.N_HEALTHY, abs=1.0)


def test_new_spines_come_back_where_stress_removed_them():
    """Ketamine selectively restored spines that stress had eliminated (Moda-Sava 2019)."""
    fig = make_figure(FIGURES["dendrite"], time_course_min=12 * 1440, schedule="course")
    lost = make_figure(FIGURES["dendrite"])
    lost_x = sorted(lost.data[11].x)
    new_x = sorted(list(fig.data[2].x) + list(fig.data[3].x))
    assert len(new_x) >= len(lost_x)
    for x in lost_x:
        assert any(abs(x - n) < 1e-6 for n in new_x)


def test_numbers_quoted_by_the_chapter_are_finite_and_tell_the_story():
    values = {k: v() for k, v in NUMBERS.items() if k.startswith("s07_")}
    assert all(np.isfinite(v) for v in values.values())
    assert values["s07_formation_6h_pct"] < 15 < values["s07_formation_12h_pct"]
    assert values["s07_course_peak_gain_pct"] > 2 * values["s07_single_peak_gain_pct"]
    assert values["s07_course_fade_d"] > values["s07_single_fade_d"]
    assert values["s07_trip_all_open_min"] < values["s07_trip_single_1d_min"] < values["s07_trip_before_min"]
