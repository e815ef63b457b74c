"""Step 7: spine density after one dose and after a course, on a baseline lowered by chronic stress."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.models import spines
from widgets.models.schedules import SCHEDULES
from widgets.models.spines import KEYS, RESERVE_PCT, STRESS_LOSS_PCT, gain_fade_days, room_pct, spine_course
from widgets.models.timeline import simulate

T_H = np.concatenate([np.arange(0.0, 72.0, 0.25), np.arange(72.0, 70 * 24.0, 2.0)])
COURSE = SCHEDULES["course"]


@pytest.fixture(scope="module")
def single():
    return spine_course(T_H)


@pytest.fixture(scope="module")
def course():
    return spine_course(T_H, infusion_days=COURSE)


def at(curve, t_h):
    return float(np.interp(t_h, T_H, curve))


def test_returns_every_documented_curve(single):
    assert tuple(single) == KEYS and all(v.shape == T_H.shape for v in single.values())


def test_before_the_dose_density_is_the_stress_lowered_baseline(single):
    assert single["density_pct"][0] == pytest.approx(100.0 - STRESS_LOSS_PCT)
    assert np.all(single["baseline_pct"] == 100.0 - STRESS_LOSS_PCT)


def test_the_spines_are_the_cascade_s_spines_in_units_of_density(single):
    out = simulate(T_H)
    np.testing.assert_allclose(single["new_pct"], room_pct() * out["spines"])
    np.testing.assert_allclose(single["new_stable_pct"] + single["new_labile_pct"], single["new_pct"])


def test_formation_is_not_raised_at_3_to_6_hours_and_is_raised_at_12_to_24_hours(single):
    """Two-photon imaging of mouse prefrontal cortex: spine formation unchanged 3-6 h after ketamine,
    markedly raised at 12-24 h (Moda-Sava 2019)."""
    f = single["formation_pct"]
    early = (T_H >= 3.0) & (T_H <= 6.0)
    window = (T_H >= 12.0) & (T_H <= 24.0)
    assert f[early].max() < 15.0
    assert f[window].min() > 30.0 and f.max() == pytest.approx(100.0, rel=0.01)


def test_density_stays_raised_for_one_to_two_weeks_after_one_dose(single):
    """Spine density stayed higher than after saline for up to 2 weeks after one injection (Phoumthipphavong 2016)."""
    gain = single["new_pct"]
    assert 1.0 <= T_H[np.argmax(gain)] / 24.0 <= 3.0
    assert at(gain, 7 * 24.0) > 0.4 * gain.max()
    assert at(gain, 14 * 24.0) > 0.1 * gain.max()
    assert at(gain, 28 * 24.0) < 0.1 * gain.max()
    assert single["new_stable_pct"].max() < 0.05, "one dose makes labile spines only"


def test_a_course_accumulates_stable_spines_and_its_gain_decays_more_slowly_after_it(single, course):
    """Repeated daily doses shifted spines toward formation for days in mice (Pryazhnikov 2018); after six
    infusions over 12 days, responders relapsed a median of 18 days after the last one (Murrough 2013), against
    about a week after one infusion (Shiroma 2020)."""
    assert course["new_pct"].max() > 2 * single["new_pct"].max()
    assert course["new_stable_pct"].max() > 0.5 * course["new_pct"].max()
    last = COURSE[-1] * 24.0
    assert at(course["new_pct"], last + 42 * 24.0) < 0.5 * course["new_pct"].max(), "the course decays too"
    assert gain_fade_days(infusion_days=COURSE) > 1.5 * gain_fade_days()


def test_a_course_restores_more_of_what_stress_removed_than_one_dose(single, course):
    """Ketamine selectively restored spines that stress had eliminated (Moda-Sava 2019)."""
    assert 0 < single["restored_pct"].max() < 60.0
    assert course["restored_pct"].max() > 80.0
    assert np.all(course["restored_pct"] <= 100.0)


def test_stress_lowers_the_baseline_and_an_unstressed_brain_still_gains_spines():
    """Healthy mice gained spines after one dose too (Phoumthipphavong 2016): the reserve."""
    calm = spine_course(T_H, stress_loss_pct=0.0)
    hard = spine_course(T_H, stress_loss_pct=40.0)
    assert calm["baseline_pct"][0] == 100.0 and hard["baseline_pct"][0] == 60.0
    assert calm["new_pct"].max() > 0.0 and np.all(calm["restored_pct"] == 0.0)
    assert hard["new_pct"].max() == pytest.approx(calm["new_pct"].max() * (RESERVE_PCT + 40.0) / RESERVE_PCT)


def test_val66met_lowers_the_spine_response():
    """Met/Met knock-in mice showed a markedly impaired synaptogenic response to ketamine (Liu 2012)."""
    met = spine_course(T_H, val66met_gain=0.6)["new_pct"].max()
    val = spine_course(T_H)["new_pct"].max()
    assert met < 0.85 * val


@pytest.mark.parametrize("loss", [0.0, 10.0, 20.0, 30.0, 40.0, 60.0])
@pytest.mark.parametrize("schedule", sorted(SCHEDULES))
def test_every_slider_extreme_is_stable(loss, schedule):
    out = spine_course(T_H, infusion_days=SCHEDULES[schedule], stress_loss_pct=loss)
    for key, value in out.items():
        assert np.all(np.isfinite(value)) and np.all(value >= -1e-9), key
    assert np.all(out["density_pct"] <= 100.0 + RESERVE_PCT + 1e-9)


@settings(max_examples=30, deadline=None)
@given(loss=st.floats(0.0, 60.0), dose=st.floats(0.0, 5.0), gain=st.floats(0.1, 1.5), n=st.integers(1, 8))
def test_any_valid_input_stays_between_the_baseline_and_the_room(loss, dose, gain, n):
    out = spine_course(
        np.linspace(0.0, 60 * 24.0, 100),
        infusion_days=tuple(2.0 * i for i in range(n)),
        stress_loss_pct=loss,
        dose_mg_per_kg=dose,
        val66met_gain=gain,
    )
    assert np.all(out["density_pct"] >= 100.0 - loss - 1e-9)
    assert np.all(out["density_pct"] <= 100.0 + RESERVE_PCT + 1e-9)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"stress_loss_pct": -1.0}, r"stress_loss_pct must be a finite number at least 0 and at most 60 %"),
        ({"stress_loss_pct": float("nan")}, r"stress_loss_pct must be a finite number"),
        ({"dose_mg_per_kg": 6.0}, r"dose_mg_per_kg must be"),
        ({"val66met_gain": 0.0}, r"val66met_gain must be"),
        ({"infusion_days": (-2.0,)}, r"infusion_days must be finite days"),
    ],
)
def test_bad_input_raises_clear_value_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        spine_course([0.0, 24.0], **kwargs)


def test_bad_times_and_thresholds_raise():
    with pytest.raises(ValueError, match="t_h must"):
        spine_course([-3.0])
    with pytest.raises(ValueError, match="share_of_peak must be"):
        gain_fade_days(1.0)
    with pytest.raises(ValueError, match="share_of_peak must be"):
        gain_fade_days(0.0)


def test_the_module_documents_its_teaching_choices_and_sources():
    doc = spines.__doc__
    for phrase in ("TEACHING CHOICE", "Moda-Sava 2019", "Phoumthipphavong 2016", "Holmes 2022", "Step 9"):
        assert phrase in doc


def test_fade_after_last_dose_counts_from_the_last_infusion_and_rejects_bad_shares():
    decay = lambda t_h: np.exp(-np.maximum(t_h - 48.0, 0.0) / 24.0)  # noqa: E731 (flat until day 2, then fades)
    # Below half of the peak ln(2) days after the fade starts, counted from the last infusion (day 1).
    assert spines.fade_after_last_dose(decay, 0.5, (0.0, 1.0)) == pytest.approx(1.0 + np.log(2.0), abs=1 / 24)
    assert spines.fade_after_last_dose(lambda t_h: np.ones_like(t_h), 0.5, (0.0,)) == 365.0
    for bad in (0.0, 1.0, -0.1, float("nan")):
        with pytest.raises(ValueError, match="share_of_peak"):
            spines.fade_after_last_dose(decay, bad, (0.0,))


def test_spines_from_cascade_is_spine_course_for_any_stress_loss():
    t_h = np.arange(0.0, 30 * 24.0, 3.0)
    run = simulate(t_h, infusion_days=SCHEDULES["course"])
    for loss in (0.0, 20.0, 60.0):
        a = spines.spines_from_cascade(run, loss)
        b = spine_course(t_h, infusion_days=SCHEDULES["course"], stress_loss_pct=loss)
        assert all(np.array_equal(a[k], b[k]) for k in b)
    with pytest.raises(ValueError, match="stress_loss_pct"):
        spines.spines_from_cascade(run, 61.0)
