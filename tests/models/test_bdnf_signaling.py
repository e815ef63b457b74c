"""Step 6: the three steps of BDNF action (stimulate, increase, activate), taken apart from the cascade."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.figures import PARAMS
from widgets.models import bdnf_signaling
from widgets.models.bdnf_signaling import KEYS, VAL66MET_GAIN, peak_time_h, three_steps
from widgets.models.schedules import SCHEDULES
from widgets.models.timeline import simulate

T_H = np.concatenate([np.arange(0.0, 12.0, 1 / 60), np.arange(12.0, 21 * 24.0, 0.25)])


@pytest.fixture(scope="module")
def standard():
    return three_steps(T_H)


def at(curve, t_h):
    return float(np.interp(t_h, T_H, curve))


def test_returns_every_documented_curve_shaped_like_the_times(standard):
    assert tuple(standard) == KEYS
    assert all(v.shape == T_H.shape for v in standard.values())


def test_at_rest_nothing_has_moved(standard):
    assert standard["peef2_pct"][0] == pytest.approx(100.0)
    for key in KEYS[1:]:
        assert standard[key][0] == pytest.approx(0.0)


def test_each_curve_peaks_at_100_after_the_standard_infusion(standard):
    for key in KEYS[1:]:
        assert standard[key].max() == pytest.approx(100.0, rel=2e-3), key


def test_stimulate_and_increase_come_within_tens_of_minutes():
    """Ketamine lowered eEF2 phosphorylation and raised BDNF protein within about 30 minutes in mice
    (Autry 2011; the time read from its figures is approximate)."""
    out = three_steps([20 / 60, 0.5])
    assert out["peef2_pct"][1] < 75.0, "p-eEF2 has fallen by half an hour"
    assert out["bdnf_synthesis_pct"][1] > 50.0, "BDNF synthesis is past half of its peak by half an hour"
    assert peak_time_h("peef2_pct") < 1.0


def test_the_steps_come_in_the_article_s_order_while_they_rise():
    """Stimulate, then increase, then activate: early on, each step is further along than the next."""
    early = three_steps([15 / 60, 20 / 60])
    fall = 100.0 - early["peef2_pct"]
    fall_pct = 100.0 * fall / (100.0 - three_steps(T_H)["peef2_pct"].min())
    assert np.all(fall_pct > early["bdnf_synthesis_pct"])
    assert np.all(early["bdnf_synthesis_pct"] > early["mtorc1_pct"])


def test_mtorc1_activity_is_the_cascade_pulse(standard):
    pulse = simulate(T_H)["bdnf"]
    np.testing.assert_allclose(standard["mtorc1_pct"], 100.0 * pulse / pulse.max(), rtol=2e-3, atol=0.2)


def test_mtorc1_peaks_within_the_first_hour_after_the_infusion_and_is_back_by_three_hours(standard):
    """mTORC1 signaling peaked 30-60 min after ketamine and was back near baseline by about 2 h in rats
    (Li 2010; timing approximate).  The model follows a 40-minute human infusion, so its clock starts
    40 minutes earlier."""
    assert 0.5 <= peak_time_h("mtorc1_pct") <= 1.5
    assert at(standard["mtorc1_pct"], 3.0) < 10.0


def test_release_is_brief_and_rides_on_the_glutamate_burst(standard):
    burst = simulate(T_H)["glutamate"]
    np.testing.assert_allclose(standard["release_pct"], 100.0 * burst / burst.max(), rtol=2e-3, atol=0.2)
    assert at(standard["release_pct"], 2.0) < 5.0


def test_synaptic_proteins_rise_by_two_hours_and_are_still_raised_three_days_later(standard):
    """PSD-95, GluA1 and synapsin I were raised 2 h after ketamine and still raised at 72 h in rats
    (Li 2010; timing approximate)."""
    assert at(standard["synaptic_proteins_pct"], 2.0) > 50.0
    assert at(standard["synaptic_proteins_pct"], 72.0) > 25.0
    assert at(standard["synaptic_proteins_pct"], 14 * 24.0) < 5.0


def test_synthesis_outlasts_mtorc1_because_release_needs_the_burst(standard):
    assert at(standard["bdnf_synthesis_pct"], 3.0) > 3 * at(standard["mtorc1_pct"], 3.0)


def test_val66met_lowers_release_and_everything_downstream_but_not_synthesis():
    """Met carriers release less BDNF on activity (Egan 2003, cultured neurons); in Met/Met mice ketamine's
    synaptic and antidepressant-like effects were blunted (Liu 2012)."""
    val = three_steps(T_H)
    met = three_steps(T_H, val66met_gain=VAL66MET_GAIN["met carrier"])
    np.testing.assert_allclose(met["peef2_pct"], val["peef2_pct"])
    np.testing.assert_allclose(met["bdnf_synthesis_pct"], val["bdnf_synthesis_pct"])
    assert met["release_pct"].max() == pytest.approx(60.0, rel=1e-3)
    for key in ("mtorc1_pct", "synaptic_proteins_pct"):
        assert met[key].max() < 0.8 * val[key].max()


def test_lower_gain_never_gives_more_mtorc1():
    peaks = [three_steps(T_H, val66met_gain=g)["mtorc1_pct"].max() for g in (0.2, 0.4, 0.6, 0.8, 1.0, 1.2)]
    assert peaks == sorted(peaks)


def test_a_course_accumulates_synaptic_proteins_which_decay_after_it():
    course = three_steps(T_H, infusion_days=SCHEDULES["course"])["synaptic_proteins_pct"]
    single = three_steps(T_H)["synaptic_proteins_pct"]
    assert course.max() > 1.5 * single.max()
    last = SCHEDULES["course"][-1] * 24.0
    assert at(course, last + 14 * 24.0) < 0.25 * course.max()


@pytest.mark.parametrize("dose", PARAMS["dose_mg_per_kg"].grid())
@pytest.mark.parametrize("gain", [0.1, 0.6, 1.0, 1.5])
def test_every_slider_extreme_is_stable(dose, gain):
    out = three_steps(T_H, dose_mg_per_kg=dose, val66met_gain=gain, infusion_days=SCHEDULES["maintenance"])
    for key, value in out.items():
        assert np.all(np.isfinite(value)) and np.all(value >= -1e-9), key
    assert np.all(out["peef2_pct"] <= 100.0 + 1e-9)


@settings(max_examples=30, deadline=None)
@given(dose=st.floats(0.0, 5.0), gain=st.floats(0.1, 1.5), n=st.integers(1, 6), gap=st.floats(0.1, 10.0))
def test_any_valid_input_is_stable(dose, gain, n, gap):
    out = three_steps(
        np.linspace(0.0, 40 * 24.0, 120),
        dose_mg_per_kg=dose,
        val66met_gain=gain,
        infusion_days=tuple(i * gap for i in range(n)),
    )
    for value in out.values():
        assert np.all(np.isfinite(value)) and np.all(value >= -1e-9)
    assert np.all(out["peef2_pct"] <= 100.0 + 1e-9)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"t_h": [-1.0]}, r"t_h must contain finite times"),
        ({"t_h": [float("nan")]}, r"t_h must contain finite times"),
        ({"dose_mg_per_kg": -0.5}, r"dose_mg_per_kg must be a finite number at least 0 and at most 5 mg/kg"),
        ({"val66met_gain": 3.0}, r"val66met_gain must be a finite number at least 0.1 and at most 1.5"),
        ({"infusion_days": ()}, r"infusion_days must be a non-empty sequence"),
        ({"infusion_days": (3.0, 1.0)}, r"infusion_days must be sorted"),
    ],
)
def test_bad_input_raises_clear_value_errors(kwargs, message):
    args = {"t_h": [0.0, 1.0], **kwargs}
    with pytest.raises(ValueError, match=message):
        three_steps(args.pop("t_h"), **args)


def test_an_unknown_curve_is_rejected():
    with pytest.raises(ValueError, match="key must be one of"):
        peak_time_h("mtor")


def test_the_module_documents_its_teaching_choices_and_sources():
    doc = bdnf_signaling.__doc__
    for phrase in ("TEACHING CHOICES", "Autry 2011", "Li 2010", "Egan 2003", "Liu 2012"):
        assert phrase in doc
