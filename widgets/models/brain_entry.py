"""Step 1, the "security checkpoint": ketamine beside an ordinary antidepressant.

The article claims that ordinary antidepressants struggle to cross the
blood-brain barrier.  They do not: PET shows that SSRIs occupy ≈77-83% of
serotonin transporters at minimum therapeutic doses (Meyer 2001), and
fluoxetine and fluvoxamine accumulate in the brain above plasma levels
(Renshaw 1992; Karson 1993; Strauss 1997).  What differs is timing.

This module compares the modeled brain level of one standard ketamine
infusion (as a percentage of its peak) with that of daily oral citalopram (as
a percentage of its steady state), and gives the typical time window of clinical benefit of each.

Citalopram: one-compartment oral model with an elimination half-life of
≈35 h and a peak ≈4 h after a dose (Bezchlibnyk-Butler 2000; approximate
values).  TEACHING CHOICE: the brain level is taken to follow plasma
instantly, which is reasonable on a scale of days for a drug whose
brain:plasma ratio exceeds one, but is not a fitted brain model.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_number, check_times
from .pharmacokinetics import MAX_TIME_MIN, effect_site_concentration

__all__ = [
    "CITALOPRAM_HALF_LIFE_H",
    "CLINICAL_WINDOWS_MIN",
    "SERT_OCCUPANCY_CITALOPRAM_20MG",
    "citalopram_level_pct",
    "ketamine_brain_level_pct",
]

#: Elimination half-life of citalopram (h), approximate (Bezchlibnyk-Butler 2000).
CITALOPRAM_HALF_LIFE_H = 35.0
#: Absorption rate constant (1/h); gives a peak ≈4 h after each dose.
CITALOPRAM_KA_PER_H = 1.0
#: Serotonin-transporter occupancy on citalopram 20 mg/day, PET (Meyer 2001).
SERT_OCCUPANCY_CITALOPRAM_20MG = 0.77

#: When clinical benefit typically appears and peaks (min after the first dose).
#: Ketamine: significant by ≈110 min (Zarate 2006), peak ≈24 h, fading over
#: days 3-7 (Shiroma 2020).  SSRIs: some improvement in weeks 1-2 (Taylor
#: 2006), full response usually over 4-6 weeks or more (approximate).
CLINICAL_WINDOWS_MIN = {
    "ketamine": (110.0, 7 * 1440.0),
    "ssri": (7 * 1440.0, 42 * 1440.0),
}


def ketamine_brain_level_pct(t_min, *, dose_mg_per_kg: float = 0.5, duration_min: float = 40.0) -> np.ndarray:
    """Ketamine brain (effect-site) level after one IV infusion, % of its peak.

    Parameters
    ----------
    t_min : array_like
        Minutes after the start of the infusion (0 to 90 days).
    dose_mg_per_kg : float
        Infusion dose (>0 to 5 mg/kg).
    duration_min : float
        Infusion length (>0 to 1440 min).

    Returns
    -------
    numpy.ndarray
        Level in percent of the peak effect-site concentration (0-100).
    """
    t = check_times("t_min", t_min, MAX_TIME_MIN, "min")
    check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, 5.0, "mg/kg", lo_open=True)
    ce = effect_site_concentration(t, dose_mg_per_kg=dose_mg_per_kg, duration_min=duration_min)
    fine = np.linspace(0.0, duration_min + 60.0, 601)
    peak = effect_site_concentration(fine, dose_mg_per_kg=dose_mg_per_kg, duration_min=duration_min).max()
    return 100.0 * ce / peak


def citalopram_level_pct(t_min) -> np.ndarray:
    """Average citalopram level on once-daily oral dosing, % of steady state.

    With one dose a day, the level rises in a daily saw-tooth toward a steady
    state.  This function returns the day-averaged level, which is that of
    the same amount given as a constant input absorbed with first-order
    kinetics: ``1 - (ka·exp(-ke·t) - ke·exp(-ka·t)) / (ka - ke)``.  It reaches
    about 94% of steady state after four half-lives (≈6 days).

    Parameters
    ----------
    t_min : array_like
        Minutes after the first dose (0 to 90 days).

    Returns
    -------
    numpy.ndarray
        Level in percent of the steady-state average (0-100).
    """
    t_h = check_times("t_min", t_min, MAX_TIME_MIN, "min") / 60.0
    ke = np.log(2) / CITALOPRAM_HALF_LIFE_H
    ka = CITALOPRAM_KA_PER_H
    frac = 1.0 - (ka * np.exp(-ke * t_h) - ke * np.exp(-ka * t_h)) / (ka - ke)
    return 100.0 * np.clip(frac, 0.0, 1.0)
