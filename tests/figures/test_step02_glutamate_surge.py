"""Step 2 figures: the dimmer, the time course, the dose window and the jump-start (the contract tests do the rest)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from widgets.figures import FIGURES, make_figure
from widgets.figures import step02_glutamate_surge as step02
from widgets.models import circuit


@pytest.mark.parametrize(
    ("name", "n_traces"), [("dimmer", 8), ("glutamate_time", 3), ("dose_window", 2), ("jump_start", 4)]
)
def test_trace_count(name, n_traces):
    assert len(make_figure(FIGURES[name]).data) == n_traces


def _light(fig) -> float:
    return float(re.search(r"rgba\(255,214,110,([0-9.]+)\)", fig.layout.shapes[step02._LIGHT].fillcolor).group(1))


def test_the_room_is_as_bright_as_the_model_glutamate():
    dark, bright = (make_figure(FIGURES["dimmer"], time_surge_min=t) for t in (1, 30))
    assert _light(bright) > _light(dark)
    g = circuit.glutamate_time_course([30.0])["glutamate_pct"][0]
    assert _light(bright) == pytest.approx(step02._BASE_LIGHT + step02._LIGHT_PER_PCT * g, abs=1e-3)
    anesthetic = make_figure(FIGURES["dimmer"], time_surge_min=60, dose_range_mg_per_kg=5.0)
    assert _light(anesthetic) < _light(dark), "at anesthetic levels the room is darker than at baseline"


def test_the_hand_lets_go_as_the_interneurons_fall_silent():
    before, during = (make_figure(FIGURES["dimmer"], time_surge_min=t) for t in (1, 40))
    assert min(during.data[2].x) > min(before.data[2].x) + 0.5
    assert during.data[2].opacity < before.data[2].opacity, "the hand fades"
    assert during.data[1].y[0] > before.data[1].y[0], "the dimmer slides up"


def test_time_course_and_dose_window_are_the_model():
    fig = make_figure(FIGURES["glutamate_time"], dose_range_mg_per_kg=1.0, preference=4.0)
    want = circuit.glutamate_time_course(step02.T_COURSE_MIN, dose_mg_per_kg=1.0, preference=4.0)["glutamate_pct"]
    np.testing.assert_allclose(fig.data[0].y, want, atol=0.01)
    fig = make_figure(FIGURES["dose_window"], dose_range_mg_per_kg=2.0)
    curve = circuit.glutamate_dose_response(step02.DOSES_MG_PER_KG)
    np.testing.assert_allclose(fig.data[0].y, curve, atol=0.01)
    assert fig.data[1].y[0] == pytest.approx(float(np.interp(2.0, step02.DOSES_MG_PER_KG, curve)), abs=0.01)


def test_the_measurements_carry_their_error_bars():
    fig = make_figure(FIGURES["glutamate_time"])
    assert (fig.data[1].y[0], fig.data[1].error_y.value) == (37.8, 7.5)
    assert (fig.data[2].x[0], fig.data[2].error_y.value) == (193.0, 4.0)


def test_the_jump_start_hands_over_to_slower_steps():
    levels = step02.jump_levels()
    peaks = [step02._T_JUMP_MIN[int(np.argmax(levels[k]))] for k in ("glutamate", "bdnf", "spines")]
    assert peaks[0] < peaks[1] < peaks[2]
    assert peaks[2] > 12 * 60


def test_the_anesthetic_range_starts_where_the_effect_site_reaches_1200_ng_per_ml():
    dose = step02.anesthetic_dose_mg_per_kg()
    from widgets.models.pharmacokinetics import effect_site_concentration

    assert float(effect_site_concentration(np.arange(0, 121.0, 0.5), dose_mg_per_kg=dose).max()) == pytest.approx(
        1200.0
    )
    assert step02.TRIAL_DOSES[1] < step02.window_upper_dose_mg_per_kg() < dose
