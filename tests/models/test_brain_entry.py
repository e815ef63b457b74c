"""The checkpoint comparison: ketamine and an SSRI both reach the brain; timing differs."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.models import brain_entry as be


def test_ketamine_brain_level_peaks_at_end_of_infusion_and_is_gone_within_a_day():
    t = np.arange(0.0, 1441.0, 1.0)
    level = be.ketamine_brain_level_pct(t)
    assert 40.0 <= t[np.argmax(level)] <= 45.0
    assert level.max() == pytest.approx(100.0, abs=0.5)
    assert level[-1] < 1.0


def test_ssri_level_builds_to_steady_state_within_about_a_week():
    # Four to five half-lives of ≈35 h.
    days = np.array([1, 3, 7, 14]) * 1440.0
    level = be.citalopram_level_pct(days)
    assert np.all(np.diff(level) > 0)
    assert level[0] < 50.0
    assert level[2] > 90.0
    assert level[3] == pytest.approx(100.0, abs=0.5)


def test_ssri_benefit_comes_after_its_brain_level_is_high():
    # The point of the figure: the delay is not a failure to reach the brain.
    start_benefit = be.CLINICAL_WINDOWS_MIN["ssri"][0]
    assert be.citalopram_level_pct([start_benefit])[0] > 90.0
    assert be.SERT_OCCUPANCY_CITALOPRAM_20MG >= 0.75


def test_levels_stay_in_percent_range():
    t = np.geomspace(1.0, 90 * 1440.0, 300)
    for level in (be.ketamine_brain_level_pct(t), be.citalopram_level_pct(t)):
        assert np.all(np.isfinite(level)) and np.all(level >= 0.0) and np.all(level <= 100.0 + 1e-9)


def test_bad_input_raises():
    with pytest.raises(ValueError, match="t_min must"):
        be.citalopram_level_pct([-5.0])
    with pytest.raises(ValueError, match="dose_mg_per_kg must"):
        be.ketamine_brain_level_pct([1.0], dose_mg_per_kg=0.0)
