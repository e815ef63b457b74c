"""The whole cascade, from dose to mood: the overlapping timeline of the course.

One model links every step; each link is a small function or ODE term in the
module of its step, and the step chapters call the same code::

    dose, route, schedule
      -> plasma and effect-site ketamine            pharmacokinetics (step 1)
      -> NMDA receptor block                        receptor (step 3)
      -> glutamate burst, with fast adaptation      circuit (step 2)
      -> dissociation (direct effect)               dissociation (step 5)
      -> BDNF/mTORC1 signalling pulse               plasticity (step 6)
      -> synaptic building blocks -> labile spines,
         stabilized by a later pulse                plasticity (step 7)
      -> inflammatory tone (weak, optional)         inflammation (step 8)
      -> network balance, DMN shift                 networks (steps 4, 9)
      -> mood: an acute term carried by signalling
         plus a sustained term carried by spines    here (step 10)

Mood follows Moda-Sava 2019 (mice): the first hours of benefit do not need new
spines, but keeping the benefit for days does.  It is

    mood = 1 − exp(−(W_ACUTE·Q + W_SPINES·S + inflammation_weight·I)),

where S is all new spines, labile and stable (:mod:`plasticity`), and Q is an
acute term driven by the signalling pulse (dQ/dt = K_ACUTE·P·(1 − Q) −
Q/TAU_ACUTE_H).  What was set to what, by hand:

* the acute term (K_ACUTE, W_ACUTE, TAU_ACUTE) to the early benefit: clear
  improvement within hours (significant from about 110 min against placebo,
  Zarate 2006; MADRS 18.9 points lower 2 h after a first infusion in an
  open-label series, Murrough 2013, Biol Psychiatry), which the model puts at
  about half of the benefit at 24 h, a TEACHING CHOICE, since no trial reports
  the 2-4 h and 24 h effects against one control;
* W_SPINES to the peak near 24 h (Shiroma 2020);
* the spine lifetimes and the stabilization rate of :mod:`plasticity` to the
  fade of one infusion (below half of its peak about 6 days after it; Shiroma
  2020) and of a course (about 18 days after the last of six infusions; the
  median time to relapse, Murrough 2013, Biol Psychiatry).

These are TEACHING CHOICES fitted by hand to those human landmarks, not
estimated from patient data.  Every output is a fraction of that process's
maximum effect, not a clinical score.

Numerics: pharmacokinetics is solved exactly (matrix exponentials); the slow
links use an exponential integrator (:mod:`widgets.models._ode`) on a grid of
1 min for 3 h after each infusion starts, 5 min to 12 h and 30 min elsewhere,
then interpolated to the requested times.  Stable at any step and inside [0, 1].
"""

from __future__ import annotations

import math

import numpy as np

from . import circuit, inflammation, networks, plasticity
from ._ode import saturating_step
from ._validate import check_number, check_times
from .dissociation import dissociation
from .pharmacokinetics import MAX_DOSE_MG_PER_KG, MAX_DURATION_MIN, ROUTES
from .pharmacokinetics import simulate as pk_simulate
from .receptor import DEFAULT_K_UM, nmda_block

__all__ = ["KEYS", "MAX_DAYS", "STEP_CURVES", "W_ACUTE", "W_SPINES", "simulate"]

#: Names of the returned curves, in cascade order.
KEYS = (
    "plasma",
    "nmda_block",
    "glutamate",
    "dmn",
    "dissociation",
    "bdnf",
    "spine_formation",
    "spines",
    "spines_stable",
    "inflammation",
    "network",
    "mood",
)
#: The curve that stands for each step of the course on the timeline.
STEP_CURVES = {
    "step01": "plasma",
    "step02": "glutamate",
    "step03": "nmda_block",
    "step04": "dmn",
    "step05": "dissociation",
    "step06": "bdnf",
    "step07": "spines",
    "step08": "inflammation",
    "step09": "network",
    "step10": "mood",
}
#: Longest simulated time (days).
MAX_DAYS = 365.0
#: Most infusions in one schedule.
MAX_INFUSIONS = 60

#: Acute mood term: gain (1/h per unit signalling) and decay time (h).
K_ACUTE_PER_H = 2.7
TAU_ACUTE_H = 45.0
#: Weights of the acute and the spine-carried terms in mood.
W_ACUTE = 0.5
W_SPINES = 1.8

#: PK is computed exactly on this grid after each infusion start (min) and
#: extended by its terminal decay beyond it.
_PK_FINE_MIN = np.concatenate([np.arange(0.0, 360.0, 1.0), np.geomspace(360.0, 2880.0, 60)])


def _integration_grid_min(starts_min: np.ndarray, end_min: float) -> np.ndarray:
    pieces = [np.arange(0.0, end_min + 30.0, 30.0)]
    for s in starts_min:
        pieces.append(s + np.arange(0.0, 180.0, 1.0))
        pieces.append(s + np.arange(180.0, 720.0, 5.0))
    grid = np.unique(np.concatenate(pieces))
    return grid[grid <= end_min + 30.0]


def _single_profile(grid_rel_min: np.ndarray, **pk_kwargs) -> tuple[np.ndarray, np.ndarray]:
    """Plasma and effect-site profile of one dose at relative times (0 before the dose)."""
    cp_fine, ce_fine = pk_simulate(_PK_FINE_MIN, **pk_kwargs)
    t_last = _PK_FINE_MIN[-1]
    # Beyond 48 h extend with the terminal slope (both curves decay in parallel by then).
    slope = math.log(max(cp_fine[-2], 1e-300) / max(cp_fine[-1], 1e-300)) / (t_last - _PK_FINE_MIN[-2])
    tail = np.exp(-max(slope, 0.0) * np.clip(grid_rel_min - t_last, 0.0, None))
    inside = (grid_rel_min >= 0) & (grid_rel_min <= t_last)
    cp = np.where(inside, np.interp(grid_rel_min, _PK_FINE_MIN, cp_fine), cp_fine[-1] * tail)
    ce = np.where(inside, np.interp(grid_rel_min, _PK_FINE_MIN, ce_fine), ce_fine[-1] * tail)
    before = grid_rel_min < 0
    cp[before] = 0.0
    ce[before] = 0.0
    return cp, ce


def _check_schedule(infusion_days, duration_min: float) -> np.ndarray:
    try:
        days = np.asarray(infusion_days, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"infusion_days must be a sequence of days (numbers); got {infusion_days!r}") from None
    if days.ndim != 1 or days.size == 0:
        raise ValueError(f"infusion_days must be a non-empty sequence of days, e.g. (0.0,); got {infusion_days!r}")
    if days.size > MAX_INFUSIONS:
        raise ValueError(f"infusion_days may hold at most {MAX_INFUSIONS} infusions; got {days.size}")
    if not np.all(np.isfinite(days)) or np.any(days < 0) or np.any(days > MAX_DAYS):
        raise ValueError(f"infusion_days must be finite days from 0 to {MAX_DAYS:g}; got {infusion_days!r}")
    gaps_min = np.diff(days) * 1440.0
    if np.any(gaps_min < duration_min):
        raise ValueError(
            "infusion_days must be sorted, with each infusion starting after the previous one ends "
            f"(gaps of at least duration_min = {duration_min:g} min); got {infusion_days!r}"
        )
    return days


def simulate(
    t_h,
    *,
    dose_mg_per_kg: float = 0.5,
    infusion_days=(0.0,),
    duration_min: float = 40.0,
    route: str = "iv",
    k_uM: float = DEFAULT_K_UM,
    val66met_gain: float = 1.0,
    inflammation_weight: float = 0.0,
) -> dict[str, np.ndarray]:
    """Every process of the course over time, for a dose schedule.

    Parameters
    ----------
    t_h : array_like
        Times (h) after the start of the first infusion, 0 to 365 days.
    dose_mg_per_kg : float
        Dose of each infusion (0-5 mg/kg).
    infusion_days : sequence of float
        Day of each infusion (sorted, 0-365, non-overlapping), e.g. ``(0, 2, 4,
        7, 9, 11)`` for six infusions over about two weeks.
    duration_min : float
        Length of each IV infusion (>0-1440 min).
    route : {"iv", "im", "oral", "intranasal"}
        Route of every dose.
    k_uM : float
        Effective NMDA dissociation constant (0.05-20 µM), see :mod:`receptor`.
    val66met_gain : float
        Scale of the signalling response (0.1-1.5; 1 = Val/Val).
    inflammation_weight : float
        Weight of the inflammation term in mood (0-2; 0 = no causal link).

    Returns
    -------
    dict of str to numpy.ndarray
        ``plasma`` in ng/mL, and ``nmda_block``, ``glutamate``, ``dmn``,
        ``dissociation``, ``bdnf``, ``spine_formation`` (the formation rate as
        a fraction of its maximum), ``spines`` (labile and stable),
        ``spines_stable``, ``inflammation``, ``network`` and ``mood`` as
        fractions in [0, 1] of each process's maximum effect, each shaped like
        ``t_h``.

    Examples
    --------
    >>> out = simulate([0.0, 24.0])
    >>> sorted(out) == sorted(KEYS)
    True
    """
    t = check_times("t_h", t_h, MAX_DAYS * 24.0, "h")
    dose = check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, MAX_DOSE_MG_PER_KG, "mg/kg")
    dur = check_number("duration_min", duration_min, 0.0, MAX_DURATION_MIN, "min", lo_open=True)
    if route not in ROUTES:
        raise ValueError(f"route must be one of {', '.join(map(repr, ROUTES))}; got {route!r}")
    k = check_number("k_uM", k_uM, 0.05, 20.0, "µM")
    gain = check_number("val66met_gain", val66met_gain, 0.1, 1.5)
    w_inf = check_number("inflammation_weight", inflammation_weight, 0.0, 2.0)
    days = _check_schedule(infusion_days, dur)

    starts = days * 1440.0
    end = max(float(t.max(initial=0.0)) * 60.0, starts[-1] + 60.0)
    grid = _integration_grid_min(starts, end)
    cp = np.zeros_like(grid)
    ce = np.zeros_like(grid)
    for s in starts:
        p, e = _single_profile(grid - s, dose_mg_per_kg=dose, duration_min=dur, route=route)
        cp += p
        ce += e

    block = nmda_block(ce, k_uM=k)
    drive = circuit.glutamate_drive(block)
    diss = dissociation(ce)
    states = _integrate(grid / 60.0, drive, gain, w_inf)
    network = states["network"]
    curves = {
        "plasma": cp,
        "nmda_block": block,
        "glutamate": states["glutamate"],
        "dmn": networks.dmn_shift(diss, network),
        "dissociation": diss,
        "bdnf": states["bdnf"],
        "spine_formation": states["spine_formation"],
        "spines": states["spines"],
        "spines_stable": states["spines_stable"],
        "inflammation": states["inflammation"],
        "network": network,
        "mood": states["mood"],
    }
    t_min = t * 60.0
    return {key: np.clip(np.interp(t_min, grid, curves[key]), 0.0, None) for key in KEYS}


def _integrate(grid_h: np.ndarray, drive: np.ndarray, gain: float, w_inf: float) -> dict[str, np.ndarray]:
    """Step the slow links through the grid (exponential integrator; see module docstring)."""
    names = ("glutamate", "bdnf", "spines", "spines_stable", "spine_formation", "inflammation", "network", "mood")
    rows = {key: [0.0] for key in names}
    g_raw = h = p = lab = stb = i_ = net = q = 0.0
    n_stages = plasticity.N_STAGES
    stages = [0.0] * n_stages
    # Constants are read once per call (not at import), so a changed module constant still takes effect.
    k_sig, tau_sig = plasticity.K_SIGNAL_PER_H * gain, plasticity.TAU_SIGNAL_H
    k_inf, tau_inf = inflammation.K_INFLAMMATION_PER_H, inflammation.TAU_INFLAMMATION_H
    k_net, tau_net = networks.K_NETWORK_PER_H, networks.TAU_NETWORK_H
    w_acute, w_spines = W_ACUTE, W_SPINES
    adapted, spine_step = circuit.adapted, plasticity.spine_step
    grid = grid_h.tolist()
    drive_list = drive.tolist()
    # The low-pass links have fixed time constants and the grid has few distinct step lengths, so their decay
    # factors exp(-dt/tau) are computed once per step length: the same arithmetic as ``lowpass_step``, inlined
    # because this loop runs for every slider move.
    decay: dict[float, tuple[float, float, float]] = {}
    for j in range(1, len(grid)):
        dt = grid[j] - grid[j - 1]
        u = drive_list[j - 1]
        factors = decay.get(dt)
        if factors is None:
            factors = decay[dt] = (
                math.exp(-dt / circuit.GLUTAMATE_TAU_H),
                math.exp(-dt / circuit.ADAPTATION_TAU_H),
                math.exp(-dt / plasticity.TAU_STAGE_H),
            )
        f_glu, f_adapt, f_stage = factors
        g_raw = u + (g_raw - u) * f_glu
        h = u + (h - u) * f_adapt
        g = adapted(g_raw, h)
        p_before = p
        p = saturating_step(p, g, k_sig, tau_sig, dt)
        upstream = p_before
        for k in range(n_stages):
            before = stages[k]
            stages[k] = upstream + (before - upstream) * f_stage
            upstream = before
        formation = stages[-1]
        lab, stb = spine_step(lab, stb, formation, p_before, dt)
        s = lab + stb
        i_ = saturating_step(i_, stages[0], k_inf, tau_inf, dt)
        net = saturating_step(net, s, k_net, tau_net, dt)
        q = saturating_step(q, p, K_ACUTE_PER_H, TAU_ACUTE_H, dt)
        rows["glutamate"].append(g)
        rows["bdnf"].append(p)
        rows["spines"].append(s)
        rows["spines_stable"].append(stb)
        rows["spine_formation"].append(formation * max(0.0, 1.0 - s))
        rows["inflammation"].append(i_)
        rows["network"].append(net)
        rows["mood"].append(1.0 - math.exp(-(w_acute * q + w_spines * s + w_inf * i_)))
    return {key: np.array(values[: grid_h.size]) for key, values in rows.items()}
