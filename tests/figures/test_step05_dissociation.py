"""Step 5: what only this chapter's figures must do (the contract tests do the rest)."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.figures import FIGURES, NUMBERS, make_figure
from widgets.figures import step05_dissociation as s05
from widgets.models import dissociation as ds


def _count(fig) -> tuple[int, int]:
    """Guests in the queue and on the dance floor, read off the drawing."""
    queue = floor = 0
    for k in range(len(s05.GUEST_KINDS)):
        ys = fig.data[k].y
        half = len(ys) // 2
        queue += sum(v is not None for v in ys[:half])
        floor += sum(v is not None for v in ys[half:])
    return queue, floor


def test_every_guest_is_drawn_once_and_the_door_lets_in_more_as_dissociation_rises():
    for t in (1, 20, 40, 90, 1440):
        fig = make_figure(FIGURES["bouncer"], time_min=t)
        queue, floor = _count(fig)
        assert queue + floor == s05.N_GUESTS
        assert floor == s05.guests_inside(s05.state_at(t, "iv_0.5")["dissociation"])
    assert (
        _count(make_figure(FIGURES["bouncer"], time_min=40))[1] > _count(make_figure(FIGURES["bouncer"], time_min=1))[1]
    )


def test_the_bouncer_is_on_duty_without_the_drug_and_on_a_break_at_the_peak():
    duty = make_figure(FIGURES["bouncer"], time_min=1)
    peak = make_figure(FIGURES["bouncer"], time_min=40)
    standing, sitting = 4, 5
    assert any(v is not None for v in duty.data[standing].y) and all(v is None for v in duty.data[sitting].y)
    assert all(v is None for v in peak.data[standing].y) and any(v is not None for v in peak.data[sitting].y)
    label = 10
    assert list(duty.data[label].y).index(None) == 1 and list(peak.data[label].y).index(None) == 0


def test_the_door_opens_with_dissociation():
    assert s05.door_position(0.0) == 0 and s05.door_position(1.0) == s05.N_DOOR - 1
    closed = make_figure(FIGURES["bouncer"], time_min=1).layout.shapes[0].x1
    opened = make_figure(FIGURES["bouncer"], time_min=40).layout.shapes[0].x1
    assert opened < closed


@pytest.mark.parametrize("regimen", list(s05.REGIMENS))
def test_the_course_is_the_model_on_the_cadss_teaching_scale(regimen):
    fig = make_figure(FIGURES["dissociation_course"], regimen=regimen)
    route, dose, _ = s05.REGIMENS[regimen]
    expected = ds.dissociation_time_course(s05.T_COURSE_MIN, dose_mg_per_kg=dose, route=route)["cadss_points"]
    assert np.allclose(fig.data[0].y, expected, atol=0.01)
    assert max(fig.data[0].y) <= ds.CADSS_POINTS_AT_FULL_EFFECT


def test_the_spectrum_is_the_baseline_without_the_drug_and_moves_at_the_peak():
    fig0 = make_figure(FIGURES["eeg_spectrum"], time_min=1)
    fig40 = make_figure(FIGURES["eeg_spectrum"], time_min=40)
    assert np.allclose(fig0.data[0].y, fig0.data[2].y, atol=0.05), "within 0.05 dB before the drug arrives"
    f = np.asarray(fig40.data[0].x)
    change_db = np.asarray(fig40.data[0].y) - np.asarray(fig40.data[2].y)
    assert change_db[f > 40].min() > 0.0
    assert change_db[(f > 8) & (f < 13)].max() < 0.0
    assert change_db[f < 4].max() < 0.0


def test_the_gamma_strip_follows_the_regimen_at_every_time():
    """Moving the dose and route changes the plotted data even when the drug is long gone (the strip)."""
    late = [make_figure(FIGURES["eeg_spectrum"], time_min=40320, regimen=r).data[1].y for r in s05.REGIMENS]
    assert len({tuple(y) for y in late}) == len(s05.REGIMENS)


def test_the_regimens_are_the_trials_doses():
    assert s05.REGIMENS["spray_56"][1] * 70 == pytest.approx(56.0)
    assert s05.REGIMENS["spray_84"][1] * 70 == pytest.approx(84.0)
    assert [s05.REGIMENS[k][1] for k in ("iv_0.2", "iv_0.5", "iv_1.0")] == [0.2, 0.5, 1.0]


def test_the_numbers_the_chapter_quotes():
    assert 35 <= NUMBERS["s05_peak_min_iv"]() <= 50
    assert NUMBERS["s05_points_iv_0_2"]() < ds.CADSS_THRESHOLD_POINTS < NUMBERS["s05_points_spray_56"]()
    assert NUMBERS["s05_iv_2h_pct_of_peak"]() < 15
    assert NUMBERS["s05_gamma_40min_pct"]() > 0 > NUMBERS["s05_alpha_40min_pct"]()
    assert NUMBERS["s05_guests_2h"]() < NUMBERS["s05_guests_40min"]()
