"""Step 5: dissociation as a direct effect of the effect-site concentration, its time course and the EEG."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.models import dissociation as ds
from widgets.models.dissociation import DISSOCIATION_RANGE_NG_PER_ML, dissociation


def test_zero_below_fifty_and_linear_to_the_ceiling():
    """Ratings rose linearly over 50-200 ng/mL in volunteers (Bowdle 1998); the ceiling at 250 is a teaching choice."""
    lo, hi = DISSOCIATION_RANGE_NG_PER_ML
    assert dissociation([0.0, lo, (lo + hi) / 2, hi, 2 * hi]).tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]
    c = np.linspace(lo, hi, 9)
    assert np.allclose(np.diff(dissociation(c)), np.diff(dissociation(c))[0])


@pytest.mark.parametrize("bad", [np.nan, -5.0, np.inf])
def test_bad_input_raises_instead_of_returning_nan(bad):
    with pytest.raises(ValueError, match="ce_ng_per_mL must hold finite numbers from 0"):
        dissociation([bad])


# --- the chapter's views (step 5) --------------------------------------------------------------------------------

T_MIN = np.arange(0.0, 361.0, 1.0)


def test_dissociation_peaks_near_the_end_of_the_infusion_and_is_mostly_gone_within_two_hours():
    """CADSS peaks at the end of the 40-minute infusion (scored at 40 min, Luckenbaugh 2014, n = 108) and is
    largely back to baseline by 80-120 minutes (Zarate 2006)."""
    d = ds.dissociation_time_course(T_MIN)["dissociation"]
    assert 35 <= T_MIN[int(np.argmax(d))] <= 50
    assert d[120] < 0.15 * d.max()
    assert d[180] == 0.0


def test_esketamine_peaks_within_the_first_hour_and_is_resolved_by_about_two_hours():
    """After the nasal spray, dissociation peaked at about 40 minutes and generally resolved by 1.5 hours
    (TRANSFORM-2, Popova 2019; manufacturer's medical information): the model peaks earlier than 45 minutes and is
    below a fifth of its peak by 2 hours."""
    for dose in (56 / 70, 84 / 70):
        d = ds.dissociation_time_course(T_MIN, dose_mg_per_kg=dose, route="intranasal")["dissociation"]
        assert 15 <= T_MIN[int(np.argmax(d))] <= 45
        assert d[120] < 0.2 * d.max()


def test_most_esketamine_doses_cross_the_cadss_threshold_the_trials_used():
    """61-84% of esketamine-treated patients passed a CADSS total of 4 points (manufacturer's medical information):
    the teaching scale puts the usual doses above it and the lowest IV dose of the dose-finding trial below it."""
    for dose, route in ((56 / 70, "intranasal"), (84 / 70, "intranasal"), (0.5, "iv")):
        pts = ds.dissociation_time_course(T_MIN, dose_mg_per_kg=dose, route=route)["cadss_points"]
        assert pts.max() > ds.CADSS_THRESHOLD_POINTS
    low = ds.dissociation_time_course(T_MIN, dose_mg_per_kg=0.1)["cadss_points"]
    assert low.max() < ds.CADSS_THRESHOLD_POINTS
    assert ds.CADSS_POINTS_AT_FULL_EFFECT < ds.CADSS_MAX_POINTS


def test_dissociation_is_monotonic_in_concentration_and_dose():
    """Ratings rose linearly with steady plasma levels of 50-200 ng/mL (Bowdle 1998)."""
    c = np.linspace(0.0, 400.0, 81)
    assert np.all(np.diff(ds.dissociation(c)) >= 0.0)
    peaks = [ds.dissociation_time_course(T_MIN, dose_mg_per_kg=x)["dissociation"].max() for x in (0.1, 0.3, 0.5, 0.7)]
    assert np.all(np.diff(peaks) > 0.0)


def test_the_spectrum_is_positive_and_moves_in_the_reported_directions():
    """Gamma power rose and delta fell with subanesthetic ketamine (Hong 2010, n = 10); resting delta/theta and alpha
    fell and gamma rose (de la Salle 2016, n = 21); alpha fell by about 1.8 dB over occipital cortex during the
    standard infusion (Vlisides 2018, n = 15)."""
    f = np.geomspace(1.0, 80.0, 200)
    ce = np.linspace(0.0, 500.0, 26)
    p = ds.eeg_power_spectrum(f, ce)
    assert p.shape == (26, 200) and np.all(p > 0.0)
    gamma = [ds.band_power("gamma", c) for c in ce]
    delta = [ds.band_power("delta", c) for c in ce]
    alpha = [ds.band_power("alpha", c) for c in ce]
    assert np.all(np.diff(gamma) > 0) and np.all(np.diff(delta) < 0) and np.all(np.diff(alpha) < 0)
    center = np.sqrt(8.0 * 13.0)
    p0, p1 = ds.eeg_power_spectrum([center], [0.0, 168.0])[:, 0]
    assert 10 * np.log10(p1 / p0) == pytest.approx(-ds.ALPHA_FALL_DB_AT_STANDARD, abs=0.01)


def test_the_spectrum_returns_to_baseline_when_the_drug_is_gone():
    ce = ds.dissociation_time_course([24 * 60.0])["ce_ng_per_mL"]
    assert abs(float(ds.band_power_change_pct("gamma", ce[0]))) < 2.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ds.dissociation_time_course([10.0], dose_mg_per_kg=-1.0), "dose_mg_per_kg must be a finite number"),
        (lambda: ds.dissociation_time_course([10.0], route="rectal"), "route must be one of"),
        (lambda: ds.dissociation_time_course([-1.0]), "t_min must contain finite times"),
        (lambda: ds.cadss_points([1.5]), "score must hold finite numbers from 0 to 1"),
        (lambda: ds.eeg_power_spectrum([0.5], 0.0), "freq_hz must hold finite numbers from 1 to 80"),
        (lambda: ds.eeg_power_spectrum([[10.0]], 0.0), "freq_hz must be a 1-D array"),
        (lambda: ds.eeg_power_spectrum([10.0], -3.0), "ce_ng_per_mL must hold finite numbers from 0"),
        (lambda: ds.band_power("kappa", 0.0), "band must be one of"),
    ],
)
def test_bad_input_of_the_chapter_views_raises_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
