"""Step 4: what only this chapter's figures must do (the contract tests do the rest)."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.figures import FIGURES, NUMBERS, make_figure
from widgets.figures import step04_default_mode as s04
from widgets.models import networks as nw


def test_the_radio_is_a_drawing_over_a_time_strip():
    fig = make_figure(FIGURES["dmn_radio"])
    assert len(fig.data) == 8
    assert fig.layout.yaxis.scaleanchor == "x", "the drawing keeps its proportions"
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis2.title.text.startswith("volume of the DMN")


def _shown(trace) -> int:
    return sum(v is not None for v in trace.y)


def test_the_radio_is_loud_before_the_dose_quieter_at_two_days_and_back_later():
    before = s04.radio_state(1.0)
    two_days = s04.radio_state(2880.0)
    six_weeks = s04.radio_state(60480.0)
    assert before["lit"] > s04.healthy_leds() and before["too_loud"] >= 1
    assert two_days["volume_pct"] < before["volume_pct"] and two_days["share"] < before["share"]
    assert six_weeks["volume_pct"] > two_days["volume_pct"]
    fig = make_figure(FIGURES["dmn_radio"], time_min=1)
    # The meter lights as many segments as the model says, and the radio plays one worry per segment too many.
    assert _shown(fig.data[2]) + _shown(fig.data[3]) == before["lit"]
    assert _shown(fig.data[3]) == before["too_loud"]
    assert _shown(fig.data[5]) == min(len(s04.WORRIES), before["too_loud"])
    # One needle is drawn (two points), and the knob's pointer and the strip's cursor are moved shapes.
    assert _shown(fig.data[6]) == 2
    assert fig.layout.shapes[1].x0 == 1


def test_the_needle_does_not_move_during_the_infusion_but_does_at_two_days():
    """The acute change turns everything down (non-specific); the day-2 change retunes toward healthy."""
    assert s04.radio_state(40.0)["share"] == pytest.approx(s04.radio_state(1.0)["share"])
    assert s04.radio_state(2880.0)["share"] < s04.radio_state(1.0)["share"] - 0.05
    needle = [list(make_figure(FIGURES["dmn_radio"], time_min=t).data[6].y) for t in (1, 40, 2880)]
    assert needle[0] == needle[1] != needle[2]


def test_the_radio_dose_slider_is_the_shared_dose_thinned_for_the_static_book():
    from widgets.params import DOSE

    assert s04.RADIO_DOSE.grid() == DOSE.grid()
    assert s04.RADIO_DOSE.static_grid() == [0.2, 0.5, 1.0]
    low, high = s04.radio_state(2880.0, 0.2), s04.radio_state(2880.0, 1.0)
    assert high["volume_pct"] < low["volume_pct"] < 100.0


def test_every_matrix_cell_is_drawn_once_in_its_class():
    fc = s04.state_at(2880.0)["fc"]
    fig = make_figure(FIGURES["dmn_matrix"], time_min=2880)
    for c, (i, j) in enumerate(s04._CELLS):
        classes = [k for k in range(len(s04.CLASSES)) if fig.data[k].y[c] is not None]
        assert classes == [s04.class_of(fc[i, j])]
        assert fig.data[classes[0]].y[c] == i and fig.data[classes[0]].x[c] == j


@pytest.mark.parametrize(("value", "text"), [(0.514, ".51"), (-0.07, "−.07"), (-0.001, "0"), (1.0, "1.00")])
def test_values_are_written_compactly(value, text):
    assert s04.cell_text(value) == text


def test_every_class_of_tiles_looks_different():
    """Color and size both tell the classes apart, so color is not the only cue."""
    fig = make_figure(FIGURES["dmn_matrix"])
    styles = [(fig.data[k].marker.color, fig.data[k].marker.size) for k in range(len(s04.CLASSES))]
    assert len(set(styles)) == len(styles)
    assert len({size for _, size in styles}) >= 4


def test_the_distance_curve_dips_at_two_days():
    fig = make_figure(FIGURES["dmn_matrix"])
    curve = fig.data[len(s04.CLASSES) + 1]
    y, t = np.asarray(curve.y), np.asarray(curve.x)
    assert 18 * 60 <= t[int(np.argmin(y))] <= 60 * 60
    assert y[0] == pytest.approx(100.0)


def test_the_patient_links_follow_the_matrix_and_the_left_brain_stays_healthy():
    fc = s04.state_at(2880.0)["fc"]
    for t in (1, 2880):
        fig = make_figure(FIGURES["dmn_regions"], time_min=t)
        fc = s04.state_at(float(t))["fc"]
        for e, (i, j) in enumerate(s04._PAIRS):
            drawn = [k for k in range(8) if fig.data[k].y[3 * e] is not None]
            expected = s04.edge_class(fc[i, j])
            assert drawn == ([] if expected is None else [expected])
            healthy = [k for k in range(8) if fig.data[8 + k].y[3 * e] is not None]
            expected_h = s04.edge_class(nw.HEALTHY_FC[i, j])
            assert healthy == ([] if expected_h is None else [expected_h])


def test_the_numbers_the_chapter_quotes():
    assert 18 <= NUMBERS["s04_peak_shift_h"]() <= 60
    assert NUMBERS["s04_distance_2d_pct"]() < NUMBERS["s04_distance_10d_pct"]() < 100
    assert NUMBERS["s04_dmn_healthy"]() < NUMBERS["s04_dmn_2d"]() < NUMBERS["s04_dmn_baseline"]()
    assert NUMBERS["s04_leds_healthy"]() < NUMBERS["s04_leds_baseline"]()
