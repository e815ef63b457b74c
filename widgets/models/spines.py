"""Step 7: dendritic spine density after ketamine, on a baseline lowered by chronic stress.

The cascade (:func:`widgets.models.timeline.simulate`) follows new spines as a
fraction of the *room for new spines*: ``"spines"`` (labile and stable
together), ``"spines_stable"`` and ``"spine_formation"`` (see
:mod:`plasticity`: formation lags the BDNF/mTORC1 pulse by about half a day,
labile spines last days, a later pulse stabilizes them, stable spines last
weeks).  This module turns those fractions into a spine density, in % of the
density of an unstressed brain, without changing the cascade:

    density = 100 − stress_loss + room · S(t),    room = RESERVE_PCT + stress_loss,

where S is the cascade's new-spine fraction and ``stress_loss`` the share of
spines that chronic stress removed before treatment.

What sets the picture (mouse evidence; every number below is a TEACHING
CHOICE unless it carries a citation):

* Chronic stress, or the stress hormone corticosterone, removed spines on
  prefrontal neurons in a branch-specific way, and ketamine *selectively
  restored eliminated spines* (Moda-Sava 2019).  So the room for new spines
  is mostly the sites that stress emptied, plus a small reserve
  (RESERVE_PCT) that lets an unstressed brain gain spines too, as healthy
  mice did after one dose (Phoumthipphavong 2016).  The size of the stress
  loss is a slider (default STRESS_LOSS_PCT, illustrative).
* Formation is not raised 3-6 h after a dose and markedly raised at 12-24 h
  (Moda-Sava 2019); density stays raised for up to 2 weeks after one dose,
  driven by formation, and some new spines persist (Phoumthipphavong 2016).
  Both come from the cascade's timing, which
  ``tests/models/test_timeline.py`` holds to those papers.
* Over a course of doses, spines accumulate and part of them is stabilized
  (the cascade's two pools), so density rises higher and falls more slowly
  after the course than after one dose; daily doses in mice shifted spines
  toward formation for days (Pryazhnikov 2018).  That later doses stabilize
  the spines of earlier ones is a TEACHING CHOICE of :mod:`plasticity`.

In people, synaptic density has been measured only with a PET tracer for the
synaptic protein SV2A, which showed no change 24 h after one dose
(Holmes 2022).  Every density here is a mouse-calibrated teaching model.

Step 9 (network rebalancing) can reuse :func:`spine_course` for the spine
input of its networks: ``new_pct`` is the spine gain in % of healthy density
and ``restored_pct`` the share of stress-lost spines that is back.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ._validate import check_number, check_times
from .pharmacokinetics import MAX_DOSE_MG_PER_KG
from .timeline import MAX_DAYS, _check_schedule, simulate

__all__ = [
    "KEYS",
    "MAX_STRESS_LOSS_PCT",
    "RESERVE_PCT",
    "STRESS_LOSS_PCT",
    "fade_after_last_dose",
    "gain_fade_days",
    "room_pct",
    "spine_course",
    "spines_from_cascade",
]

#: Room for new spines in an unstressed brain, % of healthy density (illustrative).
RESERVE_PCT = 10.0
#: Spines removed by chronic stress before treatment, % of healthy density (illustrative default).
STRESS_LOSS_PCT = 20.0
#: Largest stress loss the model accepts (%).
MAX_STRESS_LOSS_PCT = 60.0
#: How far after the last infusion :func:`fade_after_last_dose` looks first (days), before the whole year.
SEARCH_DAYS = 60.0

#: Names of the returned curves.
KEYS = (
    "density_pct",
    "baseline_pct",
    "new_pct",
    "new_stable_pct",
    "new_labile_pct",
    "restored_pct",
    "formation_pct",
)


def room_pct(stress_loss_pct: float = STRESS_LOSS_PCT) -> float:
    """Room for new spines (% of healthy density): the sites that stress emptied plus the reserve.

    Parameters
    ----------
    stress_loss_pct : float
        Spines removed by chronic stress, % of healthy density (0-60).

    Returns
    -------
    float
        ``RESERVE_PCT + stress_loss_pct``.

    Examples
    --------
    >>> room_pct(20.0)
    30.0
    """
    return RESERVE_PCT + check_number("stress_loss_pct", stress_loss_pct, 0.0, MAX_STRESS_LOSS_PCT, "%")


@lru_cache(maxsize=1)
def _formation_reference() -> float:
    """Peak formation rate after one standard infusion (the 100% of ``formation_pct``)."""
    t = np.arange(0.0, 72.0, 0.25)
    return float(simulate(t)["spine_formation"].max())


def spine_course(
    t_h,
    *,
    infusion_days=(0.0,),
    stress_loss_pct: float = STRESS_LOSS_PCT,
    dose_mg_per_kg: float = 0.5,
    val66met_gain: float = 1.0,
) -> dict[str, np.ndarray]:
    """Spine density over time for a schedule of infusions, on a stress-lowered baseline.

    Parameters
    ----------
    t_h : array_like
        Times (h) after the start of the first infusion, 0 to 365 days.
    infusion_days : sequence of float
        Day of each infusion, as in :func:`widgets.models.timeline.simulate`.
    stress_loss_pct : float
        Spines removed by chronic stress before the first dose, % of healthy
        density (0-60).
    dose_mg_per_kg : float
        Dose of each 40-minute IV infusion (0-5 mg/kg).
    val66met_gain : float
        BDNF release relative to Val/Val (0.1-1.5).

    Returns
    -------
    dict of str to numpy.ndarray
        Each shaped like ``t_h``:

        * ``density_pct``: spine density, % of an unstressed brain's;
        * ``baseline_pct``: the density before treatment, ``100 − stress_loss_pct``;
        * ``new_pct``, ``new_stable_pct``, ``new_labile_pct``: new spines (all,
          stable, labile), % of healthy density;
        * ``restored_pct``: share of the stress-lost spines that is back
          (0-100; 0 when stress removed none);
        * ``formation_pct``: the formation rate, % of its peak after one
          standard infusion.

    Raises
    ------
    ValueError
        If a time, the stress loss, the dose, the gain or the schedule is out of range.

    Examples
    --------
    >>> out = spine_course([0.0, 24.0])
    >>> float(out["density_pct"][0])
    80.0
    """
    t = check_times("t_h", t_h, MAX_DAYS * 24.0, "h")
    room_pct(stress_loss_pct)  # validates before the simulation runs
    dose = check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, MAX_DOSE_MG_PER_KG, "mg/kg")
    gain = check_number("val66met_gain", val66met_gain, 0.1, 1.5)
    out = simulate(t, infusion_days=infusion_days, dose_mg_per_kg=dose, val66met_gain=gain)
    return spines_from_cascade(out, stress_loss_pct)


def spines_from_cascade(cascade: dict[str, np.ndarray], stress_loss_pct: float = STRESS_LOSS_PCT) -> dict:
    """The spine curves of :func:`spine_course` from a cascade already simulated.

    For a model that needs both the spines and other curves of the cascade
    (:mod:`widgets.models.rebalancing`), or the spines at several stress losses
    for one schedule: the stress loss only scales the curves, so one
    simulation serves them all.

    Parameters
    ----------
    cascade : dict of str to numpy.ndarray
        The output of :func:`widgets.models.timeline.simulate` (``spines``,
        ``spines_stable`` and ``spine_formation`` are read).
    stress_loss_pct : float
        Spines removed by chronic stress before the first dose (0-60 %).

    Returns
    -------
    dict of str to numpy.ndarray
        As :func:`spine_course`.

    Examples
    --------
    >>> out = spines_from_cascade(simulate([0.0, 24.0]), 20.0)
    >>> float(out["baseline_pct"][0])
    80.0
    """
    room = room_pct(stress_loss_pct)
    loss = room - RESERVE_PCT
    out = cascade
    new = room * out["spines"]
    stable = room * out["spines_stable"]
    restored = np.minimum(new, loss) / loss * 100.0 if loss > 0 else np.zeros_like(new)
    return {
        "density_pct": 100.0 - loss + new,
        "baseline_pct": np.full_like(new, 100.0 - loss),
        "new_pct": new,
        "new_stable_pct": stable,
        "new_labile_pct": np.clip(new - stable, 0.0, None),
        "restored_pct": restored,
        "formation_pct": 100.0 * out["spine_formation"] / _formation_reference(),
    }


def gain_fade_days(
    share_of_peak: float = 0.5, *, infusion_days=(0.0,), stress_loss_pct: float = STRESS_LOSS_PCT
) -> float:
    """Days from the last infusion until the spine gain falls below a share of its peak.

    Parameters
    ----------
    share_of_peak : float
        The threshold, as a share of the peak gain (0-1, exclusive).
    infusion_days : sequence of float
        Day of each infusion.
    stress_loss_pct : float
        Spines removed by stress (%); the gain scales with it, the days do not.

    Returns
    -------
    float
        Days after the last infusion (to the hour), at most 365.

    Examples
    --------
    >>> 5.0 < gain_fade_days() < 14.0
    True
    """
    return fade_after_last_dose(
        lambda t_h: spine_course(t_h, infusion_days=infusion_days, stress_loss_pct=stress_loss_pct)["new_pct"],
        share_of_peak,
        infusion_days,
    )


def fade_after_last_dose(course, share_of_peak: float, infusion_days) -> float:
    """Days from the last infusion until a curve falls below a share of its peak, to the hour.

    Shared by the fades of this module and of :mod:`widgets.models.rebalancing`.

    Parameters
    ----------
    course : callable
        Maps times (h, a numpy array by the hour from 0 to at most 365 days) to the curve at those times; the
        curve at a time must not depend on how far the times run (true of the cascade's curves), and must
        only fall once it has fallen below the threshold after the last infusion.
    share_of_peak : float
        The threshold, as a share of the curve's peak (0-1, exclusive).
    infusion_days : sequence of float
        Day of each infusion; the result counts from the last.

    Returns
    -------
    float
        Days after the last infusion, or 365 if the curve never falls below the threshold.

    Examples
    --------
    >>> fade_after_last_dose(lambda t_h: np.exp(-t_h / 24.0), 0.5, (0.0,))  # ln 2 days, to the hour
    0.7083333333333334
    """
    share = check_number("share_of_peak", share_of_peak, 0.0, 1.0, lo_open=True)
    if share >= 1.0:
        raise ValueError(f"share_of_peak must be below 1; got {share_of_peak!r}")
    days = _check_schedule(infusion_days, 0.0)
    # Search the 60 days after the last infusion first (a course's curves fall below half within them), then
    # the whole year.  The cascade's curves at a time do not depend on how far the simulation runs past it, so
    # the shorter search gives the same day, about four times faster (this runs on every slider move).
    for horizon_days in (min(float(days[-1]) + SEARCH_DAYS, MAX_DAYS), MAX_DAYS):
        t = np.arange(0.0, horizon_days * 24.0, 1.0)
        curve = np.asarray(course(t), dtype=float)
        peak = int(np.argmax(curve))
        below = np.flatnonzero(curve[peak:] < share * curve[peak])
        if below.size:
            return float(t[peak + below[0]] / 24.0 - days[-1])
    return MAX_DAYS
