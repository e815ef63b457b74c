"""The city after the storm: a picture whose every element comes from the model."""

from __future__ import annotations

import pytest

from widgets.figures import FIGURES, city, make_figure
from widgets.figures.city import city_state

CITY = FIGURES["city"]


def _repaired(fig) -> int:
    return sum(x is None for x in (fig.data[0].x or ()))


def test_trace_count():
    assert len(make_figure(CITY).data) == 8


def test_no_road_is_repaired_while_the_drug_is_in_the_blood():
    fig = make_figure(CITY, schedule="single", time_course_min=40)
    assert _repaired(fig) == 0
    assert len(fig.data[4].x) > 0, "the strange lights (dissociation) are on"


def test_roads_follow_the_spines_and_the_sun_the_mood():
    for t in (1440, 12 * 1440, 56 * 1440):
        fig = make_figure(CITY, schedule="course", time_course_min=t)
        state = city_state("course", t)
        assert _repaired(fig) == round(len(city._DAMAGED) * min(1.0, state["spines"] / city.spines_for_all_roads()))
        assert (len(fig.data[3].x or ()) > 0) == (state["mood"] >= 0.25)


@pytest.mark.parametrize("schedule", ["single", "course", "maintenance"])
def test_dashboard_bars_are_the_model_values(schedule):
    fig = make_figure(CITY, schedule=schedule, time_course_min=7 * 1440)
    state = city_state(schedule, 7 * 1440)
    keys = ("mood", "network", "spines", "bdnf", "dissociation")
    assert list(fig.data[5].x) == pytest.approx([100 * state[k] for k in keys], abs=0.05)


def test_every_road_is_repaired_at_the_peak_of_the_course_and_none_after_one_infusion_fades():
    assert city.roads_repaired(city.spines_for_all_roads()) == len(city._DAMAGED)
    assert city.roads_repaired(city_state("single", 40)["spines"]) == 0
