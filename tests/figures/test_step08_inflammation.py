"""Step 8: what only this chapter's figures must do (the contract tests do the rest)."""

from __future__ import annotations

import pytest

from widgets.figures import FIGURES, NUMBERS, make_figure
from widgets.figures import step08_inflammation as s08
from widgets.models import inflammation as inf


def _shown(trace) -> int:
    return sum(v is not None for v in trace.y)


def test_the_phone_is_a_drawing_over_a_time_strip():
    fig = make_figure(FIGURES["phone"])
    assert len(fig.data) == 10
    assert fig.layout.yaxis.scaleanchor == "x", "the drawing keeps its proportions"
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis2.title.text.startswith("tone")


def test_the_phone_overheats_before_the_dose_and_cools_only_with_rodent_evidence():
    before = s08.phone_state(1.0)
    assert before["hot"] and before["slowed"] == 6 and before["waves"] >= 2
    rodent, human = s08.phone_state(360, "rodent"), s08.phone_state(360, "human")
    assert not rodent["hot"] and rodent["slowed"] <= 1
    assert human["hot"] and human["temperature_c"] < before["temperature_c"]
    assert s08.phone_state(4320, "rodent")["hot"], "three days later the rodent picture is hot again"


def test_the_drawing_shows_what_the_state_says():
    for evidence in ("rodent", "human"):
        st = s08.phone_state(360, evidence)
        fig = make_figure(FIGURES["phone"], phone_time_min=360, evidence=evidence)
        assert _shown(fig.data[0]) == 6 - st["slowed"] and _shown(fig.data[1]) == st["slowed"] == _shown(fig.data[2])
        banner = fig.data[4].y
        assert (banner[0] is not None) == st["hot"] and (banner[1] is not None) != st["hot"]
        assert _shown(fig.data[9]) == 1, "one 'now' marker on the strip"
        assert f"{st['temperature_c']:.0f} °C" in fig.layout.annotations[1].text


def test_the_evidence_switch_changes_the_time_course_figure():
    rodent = make_figure(FIGURES["cytokine_course"], evidence="rodent").data[2].y
    human = make_figure(FIGURES["cytokine_course"], evidence="human").data[2].y
    assert min(rodent) < 3 * min(human) < 0


@pytest.mark.parametrize("marker", inf.MARKERS)
def test_the_time_course_shows_only_the_chosen_markers_findings(marker):
    fig = make_figure(FIGURES["cytokine_course"], marker=marker)
    wanted = [f for f in inf.FINDINGS if f.marker == marker]
    assert sum(_shown(fig.data[k]) for k in (6, 7, 8)) == len(wanted)
    labels = [a.text for a in fig.layout.annotations[1:] if a.text]
    assert sorted(labels) == sorted(f.label for f in wanted)


def test_the_course_schedule_shows_six_infusions():
    one = make_figure(FIGURES["cytokine_course"], cytokine_schedule="single")
    six = make_figure(FIGURES["cytokine_course"], cytokine_schedule="course")
    assert _shown(one.data[4]) == 1 and _shown(six.data[4]) == 6


@pytest.mark.parametrize(("highlight", "count"), [("all", 9), ("rodent", 3), ("human", 6), ("tested", 6)])
def test_the_study_chart_highlights_the_chosen_studies(highlight, count):
    fig = make_figure(FIGURES["inflammation_studies"], highlight=highlight)
    assert sum(_shown(fig.data[k]) for k in range(3)) == count
    assert sum(_shown(fig.data[k]) for k in range(6)) == len(inf.STUDIES), "every study is drawn, faded or not"


def test_quoted_numbers():
    assert NUMBERS["s08_baseline_temp_c"]() > inf.OVERHEAT_C > NUMBERS["s08_rodent_6h_temp_c"]()
    assert NUMBERS["s08_human_6h_temp_c"]() > inf.OVERHEAT_C
    assert 3.0 < NUMBERS["s08_peak_h"]() < 8.0
    assert NUMBERS["s08_below_half_h"]() < 24.0 < NUMBERS["s08_below_tenth_h"]() < 72.0
