"""Step 2: the glutamate surge, through disinhibition.

Hypothesis (Moghaddam 1997; Homayoun & Moghaddam 2007): at subanesthetic
levels ketamine blocks NMDA receptors mostly on fast-spiking GABA
interneurons, which then inhibit pyramidal cells less, so the pyramidal cells
release more glutamate.  At anesthetic levels the block reaches the pyramidal
cells too and glutamate output falls: an inverted U (in rats, 10-30 mg/kg
raised prefrontal glutamate, 200 mg/kg lowered it).

The drive is a rising Hill function of the block (interneurons) times a
falling one (pyramidal cells), both TEACHING CHOICES shaped to the inverted U.
In people the rise is modest and brief: Glx +38% peaking ≈26 min into the
infusion (Milak 2016, n = 8) and mostly null 1-3 h later.  An adaptation
variable that follows the drive with a 20-min lag and is subtracted from it
(strength 0.8; a TEACHING CHOICE standing for the circuit's homeostatic
recruitment of inhibition) turns the sustained drive into a burst: the signal
rises while the block is climbing, peaks during the infusion and is gone soon
after it, even though some block remains for hours.

The chapter on step 2 looks inside the same mechanism with a two-population
rate model (:func:`glutamate_time_course`, :func:`glutamate_dose_response`):

* interneurons lose a share ``L_I`` of their firing as the block rises, a Hill
  function of the block with the cascade's constants (half at block 0.3,
  steepness 4) when the interneuron preference is at its default;
* pyramidal cells lose a share ``L_P`` of their own NMDA-driven output (half at
  block 0.8, steepness 8, the cascade's constants);
* the disinhibition ``D`` is the cascade's adapted signal computed from ``L_I``
  (5-min lag, minus 0.8 times the 20-min lag, never below zero), and the
  pyramidal output relative to baseline is ``E = (1 − L_P)·(1 + W·D)``;
* the glutamate signal is ``100·(E − 1)``, in % change from baseline.

TEACHING CHOICES, fitted by hand: the weight W = 1 puts the peak of the
standard infusion (0.5 mg/kg over 40 min) at about +37%, inside Milak 2016's
+37.8% ± 7.5%; the interneuron preference (how many times less free drug the
interneurons need than the pyramidal cells for the same effect) defaults to
the cascade's 28/3 ≈ 9.3 and is a slider in the chapter.  Where the cascade's
drive ``L_I·(1 − L_P)`` is a single positive burst, this view also keeps the
fall below baseline at anesthetic levels, which the cascade (a fraction of a
maximum effect) leaves out; the burst itself has the same timing in both.
"""

from __future__ import annotations

import numpy as np

from ._ode import lowpass_step
from ._validate import check_array, check_number, check_times
from .pharmacokinetics import MAX_DOSE_MG_PER_KG, MAX_DURATION_MIN
from .pharmacokinetics import effect_site_concentration as _effect_site
from .receptor import DEFAULT_K_UM, nmda_block

__all__ = [
    "ADAPTATION",
    "ADAPTATION_TAU_H",
    "DEFAULT_PREFERENCE",
    "GLUTAMATE_TAU_H",
    "HUMAN_PEAK_GLX_PCT",
    "MAX_CHAPTER_TIME_MIN",
    "PREFERENCE_RANGE",
    "W_DISINHIBITION",
    "adapted_glutamate",
    "circuit_losses",
    "glutamate_dose_response",
    "glutamate_drive",
    "glutamate_time_course",
    "interneuron_half_block",
]

#: Block at which the interneuron effect is half-maximal, and its steepness.
_B_HALF_INTERNEURON, _N_INTERNEURON = 0.3, 4.0
#: Block at which pyramidal cells are half-suppressed (anesthetic range), and its steepness.
_B_HALF_PYRAMIDAL, _N_PYRAMIDAL = 0.8, 8.0
#: Glutamate signal follows its drive with this time constant (h): 5 min.
GLUTAMATE_TAU_H = 5.0 / 60.0
#: Adaptation time constant (h) and strength (0-1).
ADAPTATION_TAU_H = 20.0 / 60.0
ADAPTATION = 0.8
#: Peak rise of Glx in human medial prefrontal cortex during the infusion (%, Milak 2016).
HUMAN_PEAK_GLX_PCT = 38.0


def glutamate_drive(block) -> np.ndarray:
    """Drive of the glutamate burst as a function of NMDA block (inverted U).

    Parameters
    ----------
    block : array_like
        Fraction of NMDA receptors blocked, in [0, 1].

    Returns
    -------
    numpy.ndarray
        Drive in [0, 1]: near 0 at low block, highest at subanesthetic block
        (≈0.4-0.6), lower again at anesthetic block (> 0.8).

    Examples
    --------
    >>> bool(glutamate_drive(0.5) > glutamate_drive(0.95))
    True
    """
    b = check_array("block", block, 0.0, 1.0)
    rise = b**_N_INTERNEURON / (_B_HALF_INTERNEURON**_N_INTERNEURON + b**_N_INTERNEURON)
    fall = 1.0 - b**_N_PYRAMIDAL / (_B_HALF_PYRAMIDAL**_N_PYRAMIDAL + b**_N_PYRAMIDAL)
    return rise * fall


def adapted_glutamate(g_raw: float, adaptation: float) -> float:
    """Glutamate signal (fraction of maximum) left after subtracting the adaptation.

    Parameters
    ----------
    g_raw : float
        Drive followed with the 5-min lag, in [0, 1].
    adaptation : float
        Drive followed with the 20-min lag, in [0, 1].

    Returns
    -------
    float
        ``max(0, g_raw − ADAPTATION·adaptation)``, in [0, 1]: large while the
        drive is rising, ``(1 − ADAPTATION)·drive`` when it holds steady, zero
        while it falls.

    Examples
    --------
    >>> adapted_glutamate(0.0, 0.0)
    0.0
    """
    return adapted(check_number("g_raw", g_raw, 0.0, 1.0), check_number("adaptation", adaptation, 0.0, 1.0))


def adapted(g_raw: float, adaptation: float) -> float:
    """:func:`adapted_glutamate` without the input checks, for the cascade's integration loop."""
    return max(0.0, g_raw - ADAPTATION * adaptation)


# --- the chapter's view: an interneuron-pyramidal rate model -----------------------------------------------------

#: Weight of disinhibition in the pyramidal output (TEACHING CHOICE: puts the standard infusion's peak at ≈ +37%).
W_DISINHIBITION = 1.0


def _odds(block: float) -> float:
    return block / (1.0 - block)


#: The cascade's interneuron preference: pyramidal cells need 28/3 ≈ 9.3 times more free drug than interneurons
#: for the same share of their effect (half effects at block 0.8 and 0.3 of a receptor with one constant K).
DEFAULT_PREFERENCE = _odds(_B_HALF_PYRAMIDAL) / _odds(_B_HALF_INTERNEURON)
#: Range of the preference (1 = no preference for interneurons).
PREFERENCE_RANGE = (1.0, 30.0)
#: Longest time the chapter's functions simulate (min): three days.
MAX_CHAPTER_TIME_MIN = 3 * 1440.0
#: Integration step of the chapter's functions (min).
_STEP_MIN = 0.5


def interneuron_half_block(preference: float = DEFAULT_PREFERENCE) -> float:
    """Receptor block at which interneurons have lost half of their firing.

    The pyramidal half point stays at block 0.8; a preference ``p`` puts the
    interneurons' half point where the free concentration is ``p`` times lower.

    Parameters
    ----------
    preference : float
        How many times less free drug interneurons need than pyramidal cells
        for the same effect (1-30; 1 = no preference).

    Returns
    -------
    float
        Block (fraction of receptors) in (0, 0.8].

    Examples
    --------
    >>> round(interneuron_half_block(), 3)
    0.3
    """
    p = check_number("preference", preference, *PREFERENCE_RANGE)
    odds = _odds(_B_HALF_PYRAMIDAL) / p
    return odds / (1.0 + odds)


def circuit_losses(block, *, preference: float = DEFAULT_PREFERENCE) -> tuple[np.ndarray, np.ndarray]:
    """Share of interneuron firing and of pyramidal output lost at a receptor block (steady state).

    Parameters
    ----------
    block : array_like
        Fraction of NMDA receptors blocked, in [0, 1].
    preference : float
        Interneuron preference (1-30), see :func:`interneuron_half_block`.

    Returns
    -------
    tuple of numpy.ndarray
        ``(interneuron_loss, pyramidal_loss)``, each in [0, 1]: Hill functions
        of the block (steepness 4 and 8, half at the interneuron half block and
        at 0.8).

    Examples
    --------
    >>> li, lp = circuit_losses([0.5])
    >>> bool(li[0] > 0.8 and lp[0] < 0.2)
    True
    """
    b = check_array("block", block, 0.0, 1.0)
    b_i = interneuron_half_block(preference)
    loss_i = b**_N_INTERNEURON / (b_i**_N_INTERNEURON + b**_N_INTERNEURON)
    loss_p = b**_N_PYRAMIDAL / (_B_HALF_PYRAMIDAL**_N_PYRAMIDAL + b**_N_PYRAMIDAL)
    return loss_i, loss_p


def _checked_course(dose_mg_per_kg, duration_min, preference, k_uM) -> tuple[float, float, float, float]:
    dose = check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, MAX_DOSE_MG_PER_KG, "mg/kg")
    dur = check_number("duration_min", duration_min, 0.0, MAX_DURATION_MIN, "min", lo_open=True)
    pref = check_number("preference", preference, *PREFERENCE_RANGE)
    k = check_number("k_uM", k_uM, 0.05, 20.0, "µM")
    return dose, dur, pref, k


def _simulate(end_min: float, dose: float, dur: float, pref: float, k: float) -> dict[str, np.ndarray]:
    """Every variable of the rate model on the integration grid from 0 to ``end_min``."""
    grid = np.arange(0.0, end_min + _STEP_MIN, _STEP_MIN)
    ce = _effect_site(grid, dose_mg_per_kg=dose, duration_min=dur)
    block = nmda_block(ce, k_uM=k)
    loss_i, loss_p = circuit_losses(block, preference=pref)
    dt_h = _STEP_MIN / 60.0
    n = grid.size
    disinhibition = np.zeros(n)
    pyr_lagged = np.zeros(n)
    fast = slow = pyr = 0.0
    li, lp = loss_i.tolist(), loss_p.tolist()
    for j in range(1, n):
        # The same lags and adaptation as the cascade's glutamate link (module docstring).
        fast = lowpass_step(fast, li[j - 1], GLUTAMATE_TAU_H, dt_h)
        slow = lowpass_step(slow, li[j - 1], ADAPTATION_TAU_H, dt_h)
        pyr = lowpass_step(pyr, lp[j - 1], GLUTAMATE_TAU_H, dt_h)
        disinhibition[j] = adapted(fast, slow)
        pyr_lagged[j] = pyr
    output = (1.0 - pyr_lagged) * (1.0 + W_DISINHIBITION * disinhibition)
    return {
        "t_min": grid,
        "glutamate_pct": 100.0 * (output - 1.0),
        "block": block,
        "interneuron_activity": 1.0 - loss_i,
        "pyramidal_capacity": 1.0 - loss_p,
        "disinhibition": disinhibition,
    }


def glutamate_time_course(
    t_min,
    *,
    dose_mg_per_kg: float = 0.5,
    duration_min: float = 40.0,
    preference: float = DEFAULT_PREFERENCE,
    k_uM: float = DEFAULT_K_UM,
) -> dict[str, np.ndarray]:
    """Prefrontal glutamate after one IV infusion, from the interneuron-pyramidal rate model.

    Parameters
    ----------
    t_min : array_like
        Times after the start of the infusion (min), 0 to 3 days.
    dose_mg_per_kg : float
        Dose of racemic ketamine (0-5 mg/kg), given over ``duration_min``.
    duration_min : float
        Length of the infusion (>0 to 1440 min).
    preference : float
        Interneuron preference (1-30), see :func:`interneuron_half_block`.
    k_uM : float
        Effective NMDA dissociation constant (0.05-20 µM), see :mod:`.receptor`.

    Returns
    -------
    dict of str to numpy.ndarray
        Each shaped like ``t_min``: ``glutamate_pct``, the change from baseline
        in % on the scale of human spectroscopy (positive: more glutamate);
        ``block``, the fraction of receptors blocked; ``interneuron_activity``
        and ``pyramidal_capacity``, the firing of interneurons and the NMDA-driven
        output of pyramidal cells as fractions of baseline (1 = untouched);
        ``disinhibition``, the adapted release from inhibition (0-1).

    Examples
    --------
    >>> out = glutamate_time_course([0.0, 30.0, 240.0])
    >>> [round(float(v)) for v in out["glutamate_pct"]]
    [0, 39, 0]
    """
    t = check_times("t_min", t_min, MAX_CHAPTER_TIME_MIN, "min")
    dose, dur, pref, k = _checked_course(dose_mg_per_kg, duration_min, preference, k_uM)
    sim = _simulate(float(t.max(initial=0.0)), dose, dur, pref, k)
    grid = sim.pop("t_min")
    return {key: np.interp(t, grid, values) for key, values in sim.items()}


def glutamate_dose_response(
    doses_mg_per_kg,
    *,
    window_min: float = 60.0,
    duration_min: float = 40.0,
    preference: float = DEFAULT_PREFERENCE,
    k_uM: float = DEFAULT_K_UM,
) -> np.ndarray:
    """Average change in glutamate over the first ``window_min`` minutes, dose by dose: the inverted U.

    A brain scan (or a rat's microdialysis samples) averages over minutes, so the
    dose window is drawn from the average over the first hour, not from the
    brief peak.

    Parameters
    ----------
    doses_mg_per_kg : array_like
        Doses of racemic ketamine (0-5 mg/kg), each given over ``duration_min``.
    window_min : float
        Averaging window from the start of the infusion (10-720 min).
    duration_min : float
        Length of the infusion (>0 to 1440 min).
    preference : float
        Interneuron preference (1-30), see :func:`interneuron_half_block`.
    k_uM : float
        Effective NMDA dissociation constant (0.05-20 µM).

    Returns
    -------
    numpy.ndarray
        Average change from baseline (%), one value per dose.

    Examples
    --------
    >>> rise, fall = glutamate_dose_response([0.5, 4.0])
    >>> bool(rise > 0 > fall)
    True
    """
    doses = np.atleast_1d(check_array("doses_mg_per_kg", doses_mg_per_kg, 0.0, MAX_DOSE_MG_PER_KG, "mg/kg"))
    window = check_number("window_min", window_min, 10.0, 720.0, "min")
    _, dur, pref, k = _checked_course(0.0, duration_min, preference, k_uM)
    out = np.empty(doses.shape)
    for i, dose in enumerate(doses.flat):
        sim = _simulate(window, float(dose), dur, pref, k)
        inside = sim["t_min"] <= window
        out.flat[i] = float(np.mean(sim["glutamate_pct"][inside]))
    return out
