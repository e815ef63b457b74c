"""Step 9: what only this chapter's figures must do (the contract tests do the rest)."""

from __future__ import annotations

import pytest

from widgets.figures import FIGURES, NUMBERS, make_figure
from widgets.figures import step09_network_rebalancing as s09
from widgets.models import rebalancing as rb


def _shown(trace) -> int:
    return sum(v is not None for v in trace.y)


def test_the_orchestra_is_a_drawing_over_a_time_strip():
    fig = make_figure(FIGURES["orchestra"])
    assert fig.layout.yaxis.scaleanchor == "x", "the drawing keeps its proportions"
    assert fig.layout.xaxis.visible is False
    assert [a.text for a in fig.layout.annotations[5:9]] == [f"<b>{k}</b>" for k in rb.NETWORKS]


def test_before_the_dose_some_sections_are_too_loud_and_all_are_out_of_time():
    st = s09.orchestra_state(1, "single")
    assert st["marks"] == ["ff", "mf", "p", "ff"]
    assert st["offsets"] == [4] * 4, "100% out of time"


def test_during_the_infusion_every_section_is_quieter_and_two_fall_further_out_of_time():
    before, now = s09.orchestra_state(1, "single"), s09.orchestra_state(40, "single")
    assert all(b > n for b, n in zip(before["loudness"], now["loudness"], strict=True))
    assert now["marks"][2] == "pp" and now["offsets"][1] == now["offsets"][2] == s09.N_OFFSETS - 1


def test_the_orchestra_moves_toward_balance_after_a_course_and_back_after_one_infusion():
    course = s09.orchestra_state(12 * 1440, "course")
    assert course["balance"] > 0.6 and max(course["offsets"]) <= 2
    assert all(m in ("mf", "f", "mp") for m in course["marks"])
    assert s09.orchestra_state(42 * 1440, "single")["offsets"] == [4] * 4


def test_the_drawing_shows_one_note_per_beat_and_the_waves_of_each_mark():
    st = s09.orchestra_state(2 * 1440, "single")
    fig = make_figure(FIGURES["orchestra"], orchestra_time_min=2 * 1440, schedule="single")
    assert _shown(fig.data[0]) == _shown(fig.data[1]) == 4 * len(rb.NETWORKS)
    assert _shown(fig.data[2]) == 5 * sum(st["waves"]), "each wave is drawn with 5 points"
    assert [a.text for a in fig.layout.annotations[1:5]] == [f"<b><i>{m}</i></b>" for m in st["marks"]]
    assert fig.layout.shapes[0].x0 == 2.0


def test_loudness_and_timing_map_onto_marks_and_offsets():
    assert s09.dynamic_mark(1.0) == ("mf", 2)
    assert s09.dynamic_mark(1.4) == ("ff", 4) and s09.dynamic_mark(0.6) == ("p", 1)
    assert s09.dynamic_mark(0.3) == ("pp", 0)
    assert s09.offset_level(0.0) == 0 and s09.offset_level(100.0) == 4 and s09.offset_level(125.0) == 5


def test_global_connectivity_figure_follows_the_model():
    fig = make_figure(FIGURES["global_connectivity"], time_min=1440)
    st = s09.global_state(1440)
    assert list(fig.data[0].x) == pytest.approx(list(st["global"]), abs=1e-3)
    assert fig.data[1].x[0] == 1440 and fig.data[1].y[0] == pytest.approx(st["focus_pct"], abs=0.1)
    assert st["focus_pct"] > 0.0 > s09.global_state(40)["focus_pct"], "away from healthy during the infusion"


@pytest.mark.parametrize(("n", "per_week"), [(1, 1), (6, 3), (8, 1)])
def test_the_schedule_figure_draws_the_chosen_infusions(n, per_week):
    fig = make_figure(FIGURES["balance_schedules"], course_infusions=n, course_per_week=per_week)
    assert _shown(fig.data[2]) == n
    st = s09.schedule_state(n, per_week)
    assert max(fig.data[0].y) == pytest.approx(st["peak_pct"], abs=0.5)


def test_quoted_numbers():
    assert 1.0 <= NUMBERS["s09_single_peak_day"]() <= 2.0
    assert NUMBERS["s09_course_peak_pct"]() > NUMBERS["s09_single_peak_pct"]()
    assert NUMBERS["s09_course_fade_d"]() > NUMBERS["s09_weekly6_fade_d"]() > NUMBERS["s09_single_fade_d"]()
    assert NUMBERS["s09_dlpfc_depressed"]() < NUMBERS["s09_dlpfc_healthy"]()
