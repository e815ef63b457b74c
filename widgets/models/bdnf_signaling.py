"""Step 6: the article's three steps of BDNF action (stimulate, increase, activate), taken from the cascade.

The cascade (:func:`widgets.models.timeline.simulate`) lumps BDNF release, its
receptor TrkB and the growth switch mTORC1 into one signaling pulse P (its
``"bdnf"`` curve).  This module takes the same run apart into the three steps
the article names, without changing anything the cascade returns: every curve
here is computed from the cascade's own NMDA block, glutamate burst and pulse
P after the same schedule.

1. **Stimulate** (Autry 2011, mice): blocking NMDA receptors at rest switches
   off eEF2 kinase, so less eEF2 is phosphorylated (p-eEF2), and the brake on
   making BDNF protein comes off.  Here the phosphorylated share of eEF2, in %
   of its baseline, falls in proportion to the cascade's NMDA block, followed
   with a lag of EEF2_TAU_H:

       p-eEF2 = 100 · (1 − EEF2_FALL · B̃),   dB̃/dt = (block − B̃) / EEF2_TAU_H.

2. **Increase**: BDNF synthesis, the rate at which new BDNF protein is made,
   follows the released brake, 1 − p-eEF2/100, with a lag BDNF_TAU_H.
3. **Activate** (Li 2010, rats): BDNF acts only once it is *released*, and its
   release is activity-dependent.  Release follows the glutamate burst G of
   the cascade, scaled by ``val66met_gain`` (Met carriers release less BDNF on
   activity: Egan 2003 in cultured neurons; Liu 2012 in knock-in mice).
   Released BDNF binds TrkB and switches on mTORC1: mTORC1 activity *is* the
   cascade's pulse P, whose input is exactly that release,
   dP/dt = K_SIGNAL·gain·G·(1 − P) − P/TAU_SIGNAL (:mod:`plasticity`).

Synaptic proteins (PSD-95, GluA1, synapsin I in Li 2010) follow and last
longer: here a leaky running total of mTORC1 activity,
dY/dt = P − Y / SYNAPTIC_TAU_H.  It is a readout for the chapter (the garden
of step 6 grows with it); the cascade's own chain of building blocks in
:mod:`plasticity` is what drives spine formation.

Every output except p-eEF2 is in % of its own peak after the standard
infusion (0.5 mg/kg IV over 40 min, Val/Val), so a lower dose or a Met carrier
shows as a lower curve.

Rodent timing (the calibration targets; rodents were injected with 3-10 mg/kg
and clear ketamine within about an hour): p-eEF2 falls and BDNF protein rises
within about 30 minutes (Autry 2011); mTORC1 signaling peaks 30-60 minutes
after the dose and is back near baseline by about 2 hours, synaptic proteins
are up by 2 hours and still up at 72 hours (Li 2010).  These times were read
from the papers' figures by the course's fact sheet and are approximate.

TEACHING CHOICES (set by eye, not fitted): EEF2_FALL = 1 (p-eEF2 falls in
proportion to the block; the size of the fall is illustrative), EEF2_TAU_H
and BDNF_TAU_H (5 min each, so that synthesis rises within tens of minutes,
ahead of mTORC1) and SYNAPTIC_TAU_H (72 h, so that the proteins are still
raised 3 days later).

What the decomposition does not do: in the cascade, only release (the burst)
sets the height of the mTORC1 pulse.  The eEF2 and synthesis curves run
alongside it from the same NMDA block; they show when the first two steps
happen, not how much they add.  They stand for a second proposed route to
BDNF (block at rest, Autry 2011) beside the burst route (Li 2010); the two
are not exclusive, and the model does not weigh one against the other.  In people none of these curves has been
measured in the brain; only blood BDNF has (Haile 2014; Machado-Vieira 2009).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ._ode import lowpass_step
from ._validate import check_number, check_times
from .pharmacokinetics import MAX_DOSE_MG_PER_KG
from .plasticity import VAL66MET_GAIN
from .timeline import MAX_DAYS, _check_schedule, simulate

__all__ = [
    "BDNF_TAU_H",
    "EEF2_FALL",
    "EEF2_TAU_H",
    "KEYS",
    "SYNAPTIC_TAU_H",
    "VAL66MET_GAIN",
    "peak_time_h",
    "three_steps",
]

#: Fall of p-eEF2 per unit NMDA block (p-eEF2 = 100·(1 − EEF2_FALL·block)); illustrative.
EEF2_FALL = 1.0
#: Lag (h) with which p-eEF2 follows the block: 5 minutes.
EEF2_TAU_H = 5.0 / 60.0
#: Lag (h) with which BDNF synthesis follows the released brake: 5 minutes.
BDNF_TAU_H = 5.0 / 60.0
#: Decay time (h) of the synaptic proteins made during the pulse: 3 days.
SYNAPTIC_TAU_H = 72.0

#: Names of the returned curves, in the order of the steps.
KEYS = ("peef2_pct", "bdnf_synthesis_pct", "release_pct", "mtorc1_pct", "synaptic_proteins_pct")

#: Grid (h): every minute for 12 h after each infusion starts, every 15 minutes elsewhere.
_FINE_H = np.arange(0.0, 12.0, 1.0 / 60.0)
_COARSE_STEP_H = 0.25


def _grid_h(days: tuple[float, ...], end_h: float) -> np.ndarray:
    pieces = [np.arange(0.0, end_h + _COARSE_STEP_H, _COARSE_STEP_H)]
    pieces += [24.0 * d + _FINE_H for d in days]
    grid = np.unique(np.concatenate(pieces))
    return grid[grid <= end_h + _COARSE_STEP_H]


def _raw(days: tuple[float, ...], dose: float, gain: float, end_h: float) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The five curves in model units on the integration grid."""
    grid = _grid_h(days, end_h)
    cascade = simulate(grid, dose_mg_per_kg=dose, infusion_days=days, val66met_gain=gain)
    block, burst, pulse = cascade["nmda_block"], cascade["glutamate"], cascade["bdnf"]
    n = grid.size
    lagged = np.zeros(n)
    bdnf = np.zeros(n)
    proteins = np.zeros(n)
    for j in range(1, n):
        dt = grid[j] - grid[j - 1]
        lagged[j] = lowpass_step(lagged[j - 1], block[j - 1], EEF2_TAU_H, dt)
        released_brake = EEF2_FALL * lagged[j - 1]
        bdnf[j] = lowpass_step(bdnf[j - 1], released_brake, BDNF_TAU_H, dt)
        # dY/dt = P − Y/tau is a low-pass filter of P·tau.
        proteins[j] = lowpass_step(proteins[j - 1], pulse[j - 1] * SYNAPTIC_TAU_H, SYNAPTIC_TAU_H, dt)
    curves = {
        "peef2": 1.0 - EEF2_FALL * lagged,
        "bdnf_synthesis": bdnf,
        "release": gain * burst,
        "mtorc1": pulse,
        "synaptic_proteins": proteins,
    }
    return grid, curves


@lru_cache(maxsize=1)
def _reference_peaks() -> dict[str, float]:
    """Peaks of each curve after the standard infusion (0.5 mg/kg over 40 min, Val/Val)."""
    _, curves = _raw((0.0,), 0.5, 1.0, 7 * 24.0)
    return {k: float(v.max()) for k, v in curves.items() if k != "peef2"}


@lru_cache(maxsize=64)
def _cached(days: tuple[float, ...], dose: float, gain: float, end_h: float):
    return _raw(days, dose, gain, end_h)


def three_steps(
    t_h,
    *,
    dose_mg_per_kg: float = 0.5,
    infusion_days=(0.0,),
    val66met_gain: float = 1.0,
) -> dict[str, np.ndarray]:
    """The three steps of BDNF action, and the synaptic proteins that follow, over time.

    Parameters
    ----------
    t_h : array_like
        Times (h) after the start of the first infusion, 0 to 365 days.
    dose_mg_per_kg : float
        Dose of each 40-minute IV infusion (0-5 mg/kg).
    infusion_days : sequence of float
        Day of each infusion, as in :func:`widgets.models.timeline.simulate`.
    val66met_gain : float
        Activity-dependent BDNF release relative to Val/Val (0.1-1.5; the
        course's illustrative Met carrier is ``VAL66MET_GAIN["met carrier"]``).

    Returns
    -------
    dict of str to numpy.ndarray
        ``peef2_pct``: phosphorylated eEF2 in % of its baseline (100 at rest,
        lower while the brake is released); ``bdnf_synthesis_pct``: the rate
        of making new BDNF protein, ``release_pct``: activity-dependent BDNF release,
        ``mtorc1_pct``: mTORC1 activity (the cascade's pulse) and
        ``synaptic_proteins_pct``, each in % of its peak after the standard
        infusion in a Val/Val carrier.  Each shaped like ``t_h``.

    Raises
    ------
    ValueError
        If a time, the dose, the gain or the schedule is out of range.

    Examples
    --------
    >>> out = three_steps([0.0, 1.0])
    >>> round(float(out["peef2_pct"][0]))
    100
    """
    t = check_times("t_h", t_h, MAX_DAYS * 24.0, "h")
    dose = check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, MAX_DOSE_MG_PER_KG, "mg/kg")
    gain = check_number("val66met_gain", val66met_gain, 0.1, 1.5)
    days = tuple(float(d) for d in _check_schedule(infusion_days, 40.0))
    end_h = max(float(t.max(initial=0.0)), 24.0 * days[-1] + 12.0)
    # Round the horizon up to whole weeks so that nearby requests share one cached run.
    end_h = float(np.ceil(end_h / 168.0) * 168.0)
    grid, curves = _cached(days, dose, gain, end_h)
    ref = _reference_peaks()
    out = {"peef2_pct": 100.0 * np.interp(t, grid, curves["peef2"])}
    for key in KEYS[1:]:
        name = key.removesuffix("_pct")
        out[key] = 100.0 * np.interp(t, grid, curves[name]) / ref[name]
    return out


def peak_time_h(key: str, **kwargs) -> float:
    """Time (h after the start of the first infusion) at which a curve of :func:`three_steps` is furthest from rest.

    Parameters
    ----------
    key : str
        One of :data:`KEYS`; for ``"peef2_pct"`` the time of the lowest value.
    **kwargs
        Passed to :func:`three_steps` (dose, schedule, gain).

    Returns
    -------
    float
        Time (h), to the minute, within the first 3 days.

    Examples
    --------
    >>> 0.5 < peak_time_h("mtorc1_pct") < 1.5
    True
    """
    if key not in KEYS:
        raise ValueError(f"key must be one of {', '.join(map(repr, KEYS))}; got {key!r}")
    t = np.arange(0.0, 72.0, 1.0 / 60.0)
    curve = three_steps(t, **kwargs)[key]
    return float(t[np.argmin(curve) if key == "peef2_pct" else np.argmax(curve)])
