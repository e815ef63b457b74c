"""Step 3: NMDA receptor blockade.

Occupancy of the NMDA receptor channel by ketamine follows simple binding:

    block = C_free / (C_free + K)

with C_free the unbound effect-site concentration in µM.  K is uncertain: the
binding constant at the PCP site is ≈0.3 µM for S-ketamine and 1.4 µM for
R-ketamine (Ebert 1997); functional IC50s in the presence of physiological
Mg2+ are several µM.  The default K = 0.53 µM gives ≈50% block at the end of
the standard infusion; the fact sheet recommends teaching a range (roughly
10-70% at the peak) with K as a slider from 0.3 to 5 µM.  The unbound
fraction 0.7 is a TEACHING CHOICE inside the reported plasma protein binding
of 12-47%.

The chapter on step 3 adds two views of the same receptor:

* :func:`occupancy`, the equilibrium curve against the free concentration,
  for racemic ketamine, its two enantiomers or norketamine.  The binding
  constants at the channel site in rat brain (Ki against [3H]MK-801; Ebert
  1997) are S-ketamine 0.30 µM, R-ketamine 1.4 µM, S-norketamine 1.7 µM and
  R-norketamine 13 µM.  A 50:50 mixture binds with 1/Ki = 0.5/Ki_S + 0.5/Ki_R,
  which gives 0.49 µM for racemic ketamine, close to the default K.  Each
  compound's K is the racemic K times its Ki ratio to the racemate: the
  ratios come from binding data, the absolute K stays the uncertain slider.
* :func:`trapping_block`, a use-dependent ("trapping") block.  Ketamine can
  enter and leave the channel only while it is open (Mealing 1999; Ma 2023),
  so with an open probability p the blocked fraction B follows

      dB/dt = p·(k_on·C_free·(1 − B) − k_off·B),   k_on = k_off / K,

  whose equilibrium is the occupancy C_free/(C_free + K).  Blocked channels
  that close are trapped: the trapped fraction is B·(1 − p).  When the drug
  falls, the block can only leave as fast as channels open, so it outlasts
  the fall of the drug in the blood, the more so the quieter the cell.
  TEACHING CHOICES: the unblocking rate of an open channel (2/3 per minute of
  open time) and the three activity levels (open probability 0.003, 0.03 and
  0.3), chosen so that a busy cell follows the drug within minutes and a
  quiet one keeps its block for many hours, the range between the mouse
  hippocampus (occupancy gone by 1 h; Lord 2013) and the mouse lateral
  habenula (block for up to 24 h; Ma 2023).  No escape from closed channels
  is modeled: in cultured neurons 86% of the block stayed trapped for the
  2 minutes tested (Mealing 1999).
"""

from __future__ import annotations

import math

import numpy as np

from ._validate import check_array, check_choice, check_number, check_times
from .pharmacokinetics import MAX_CONCENTRATION_NG_PER_ML, MAX_DOSE_MG_PER_KG, MAX_DURATION_MIN, MOLAR_MASS_G_PER_MOL
from .pharmacokinetics import effect_site_concentration as _effect_site

__all__ = [
    "ACTIVITY_OPEN_PROBABILITY",
    "COMPOUNDS",
    "DEFAULT_K_UM",
    "FREE_FRACTION",
    "KI_UM",
    "K_OFF_OPEN_PER_MIN",
    "K_RANGE_UM",
    "MAX_CHAPTER_TIME_MIN",
    "block_after_infusion",
    "compound_k_uM",
    "nmda_block",
    "ng_per_mL_to_uM",
    "occupancy",
    "racemate_ki_uM",
    "trapping_block",
]

#: Default effective dissociation constant (µM).
DEFAULT_K_UM = 0.53
#: Range of plausible K values (µM), for the uncertainty slider.
K_RANGE_UM = (0.3, 5.0)
#: Unbound fraction of ketamine in plasma (TEACHING CHOICE within 0.53-0.88).
FREE_FRACTION = 0.7


def ng_per_mL_to_uM(c_ng_per_mL) -> np.ndarray:
    """Convert a ketamine concentration from ng/mL to µM (molar mass 237.7 g/mol).

    Parameters
    ----------
    c_ng_per_mL : array_like
        Concentration (ng/mL, 0 to 100,000).

    Returns
    -------
    numpy.ndarray
        Concentration in µM.

    Examples
    --------
    >>> round(float(ng_per_mL_to_uM(237.7)), 6)
    1.0
    """
    c = check_array("c_ng_per_mL", c_ng_per_mL, 0.0, MAX_CONCENTRATION_NG_PER_ML, "ng/mL")
    return c / MOLAR_MASS_G_PER_MOL


def nmda_block(ce_ng_per_mL, *, k_uM: float = DEFAULT_K_UM, free_fraction: float = FREE_FRACTION) -> np.ndarray:
    """Fraction of NMDA receptor channels blocked at an effect-site concentration.

    Parameters
    ----------
    ce_ng_per_mL : array_like
        Total effect-site concentration (ng/mL, 0 to 100,000).
    k_uM : float
        Effective dissociation constant (0.05-20 µM).
    free_fraction : float
        Unbound fraction (0.1-1).

    Returns
    -------
    numpy.ndarray
        Fraction blocked, in [0, 1).

    Examples
    --------
    >>> round(float(nmda_block(180.0)), 2)
    0.5
    """
    k = check_number("k_uM", k_uM, 0.05, 20.0, "µM")
    fu = check_number("free_fraction", free_fraction, 0.1, 1.0)
    c = ng_per_mL_to_uM(check_array("ce_ng_per_mL", ce_ng_per_mL, 0.0, MAX_CONCENTRATION_NG_PER_ML, "ng/mL")) * fu
    return c / (c + k)


# --- the chapter's views: occupancy by compound, and use-dependent (trapping) block ------------------------------

#: Binding constants (µM) at the channel site, rat brain, [3H]MK-801 displacement (Ebert 1997).
KI_UM = {"S-ketamine": 0.30, "R-ketamine": 1.4, "S-norketamine": 1.7, "R-norketamine": 13.0}
#: Compounds of :func:`occupancy`.
COMPOUNDS = ("racemic", "esketamine", "arketamine", "norketamine")
#: Highest free concentration the occupancy accepts (µM).
MAX_FREE_UM = 1000.0
#: Unbinding rate of ketamine from an open channel, per minute of open time (TEACHING CHOICE).
K_OFF_OPEN_PER_MIN = 2.0 / 3.0
#: Open probability of the receptors' channels at three levels of cell activity (TEACHING CHOICE).
ACTIVITY_OPEN_PROBABILITY = {"low": 0.003, "medium": 0.03, "high": 0.3}
#: Longest time the chapter's functions simulate (min): three days.
MAX_CHAPTER_TIME_MIN = 3 * 1440.0
_STEP_MIN = 1.0


def racemate_ki_uM(ki_a_uM: float, ki_b_uM: float) -> float:
    """Binding constant of a 50:50 mixture of two enantiomers that compete for one site.

    Parameters
    ----------
    ki_a_uM, ki_b_uM : float
        Binding constants of the two enantiomers (0.001-1000 µM).

    Returns
    -------
    float
        ``1 / (0.5 / ki_a + 0.5 / ki_b)`` in µM.

    Examples
    --------
    >>> round(racemate_ki_uM(0.30, 1.4), 2)
    0.49
    """
    a = check_number("ki_a_uM", ki_a_uM, 0.001, 1000.0, "µM")
    b = check_number("ki_b_uM", ki_b_uM, 0.001, 1000.0, "µM")
    return 1.0 / (0.5 / a + 0.5 / b)


def compound_k_uM(compound: str = "racemic", *, k_uM: float = DEFAULT_K_UM) -> float:
    """Effective constant of a compound, from the racemic ketamine constant and the binding ratios of Ebert 1997.

    Parameters
    ----------
    compound : {"racemic", "esketamine", "arketamine", "norketamine"}
        Racemic ketamine, S-ketamine, R-ketamine or racemic norketamine.
    k_uM : float
        Effective constant of racemic ketamine (0.05-20 µM).

    Returns
    -------
    float
        The compound's effective constant (µM).

    Examples
    --------
    >>> round(compound_k_uM("esketamine", k_uM=0.49), 2)
    0.3
    """
    check_choice("compound", compound, COMPOUNDS)
    k = check_number("k_uM", k_uM, 0.05, 20.0, "µM")
    ketamine = racemate_ki_uM(KI_UM["S-ketamine"], KI_UM["R-ketamine"])
    ki = {
        "racemic": ketamine,
        "esketamine": KI_UM["S-ketamine"],
        "arketamine": KI_UM["R-ketamine"],
        "norketamine": racemate_ki_uM(KI_UM["S-norketamine"], KI_UM["R-norketamine"]),
    }[compound]
    return k * ki / ketamine


def occupancy(c_free_uM, *, k_uM: float = DEFAULT_K_UM, compound: str = "racemic") -> np.ndarray:
    """Fraction of NMDA receptor channels occupied at equilibrium, against the free concentration.

    Parameters
    ----------
    c_free_uM : array_like
        Unbound concentration of the compound at the receptors (0-1000 µM).
    k_uM : float
        Effective constant of racemic ketamine (0.05-20 µM); the compound's
        own constant follows from it (:func:`compound_k_uM`).
    compound : {"racemic", "esketamine", "arketamine", "norketamine"}
        The blocker.

    Returns
    -------
    numpy.ndarray
        ``C / (C + K_compound)``, in [0, 1).

    Examples
    --------
    >>> round(float(occupancy(0.53)), 2)
    0.5
    """
    c = check_array("c_free_uM", c_free_uM, 0.0, MAX_FREE_UM, "µM")
    k = compound_k_uM(compound, k_uM=k_uM)
    return c / (c + k)


def trapping_block(
    t_min,
    ce_ng_per_mL,
    *,
    k_uM: float = DEFAULT_K_UM,
    open_probability: float = ACTIVITY_OPEN_PROBABILITY["medium"],
    free_fraction: float = FREE_FRACTION,
) -> dict[str, np.ndarray]:
    """Use-dependent block: channels must open for ketamine to enter or leave them.

    The effect-site concentration is held constant between the given times,
    and the block is advanced exactly over each interval (the equation of the
    module docstring is linear in B), so any time step is stable and B stays
    in [0, 1).

    Parameters
    ----------
    t_min : array_like
        Increasing times (min) from 0 to 3 days, starting with the drug-free state.
    ce_ng_per_mL : array_like
        Total effect-site concentration at those times (ng/mL, 0 to 100,000).
    k_uM : float
        Effective dissociation constant (0.05-20 µM).
    open_probability : float
        Share of the time a channel is open (0.0001-1).
    free_fraction : float
        Unbound fraction (0.1-1).

    Returns
    -------
    dict of str to numpy.ndarray
        ``block`` (all blocked channels), ``open_blocked``, ``trapped`` (blocked
        and closed), ``open`` and ``closed`` (unblocked) as fractions of all
        channels, which sum to 1; and ``equilibrium``, the occupancy the
        concentration would give if the block kept up with it.

    Examples
    --------
    >>> out = trapping_block([0.0, 600.0, 1200.0], [200.0, 0.0, 0.0])
    >>> bool(out["block"][2] > out["equilibrium"][2])
    True
    """
    t = check_times("t_min", t_min, MAX_CHAPTER_TIME_MIN, "min")
    if np.any(np.diff(t) < 0):
        raise ValueError(f"t_min must be increasing; got {t_min!r}")
    ce = np.atleast_1d(check_array("ce_ng_per_mL", ce_ng_per_mL, 0.0, MAX_CONCENTRATION_NG_PER_ML, "ng/mL"))
    if ce.shape != t.shape:
        raise ValueError(f"ce_ng_per_mL must hold one value per time: {ce.size} values for {t.size} times")
    k = check_number("k_uM", k_uM, 0.05, 20.0, "µM")
    p = check_number("open_probability", open_probability, 0.0001, 1.0)
    fu = check_number("free_fraction", free_fraction, 0.1, 1.0)
    c = ng_per_mL_to_uM(ce) * fu
    equilibrium = c / (c + k)
    rate = p * K_OFF_OPEN_PER_MIN * (1.0 + c / k)
    block = np.zeros_like(c)
    b = 0.0
    for j in range(1, t.size):
        # Exact step with the concentration of the interval's start held constant.
        target = float(equilibrium[j - 1])
        b = target + (b - target) * math.exp(-float(rate[j - 1]) * (t[j] - t[j - 1]))
        block[j] = b
    return {
        "block": block,
        "open_blocked": block * p,
        "trapped": block * (1.0 - p),
        "open": (1.0 - block) * p,
        "closed": (1.0 - block) * (1.0 - p),
        "equilibrium": equilibrium,
    }


def block_after_infusion(
    t_min,
    *,
    dose_mg_per_kg: float = 0.5,
    duration_min: float = 40.0,
    k_uM: float = DEFAULT_K_UM,
    activity: str = "medium",
) -> dict[str, np.ndarray]:
    """Use-dependent block after one IV infusion (Clements model, ke0 0.24 /min), at any times.

    Parameters
    ----------
    t_min : array_like
        Times after the start of the infusion (min), 0 to 3 days, any order.
    dose_mg_per_kg : float
        Dose of racemic ketamine (0-5 mg/kg).
    duration_min : float
        Length of the infusion (>0 to 1440 min).
    k_uM : float
        Effective dissociation constant (0.05-20 µM).
    activity : {"low", "medium", "high"}
        How often the receptors' channels open (:data:`ACTIVITY_OPEN_PROBABILITY`).

    Returns
    -------
    dict of str to numpy.ndarray
        The fields of :func:`trapping_block`, each shaped like ``t_min``, plus
        ``free_uM``, the unbound effect-site concentration.

    Examples
    --------
    >>> out = block_after_infusion([40.0, 720.0], activity="low")
    >>> bool(out["trapped"][1] > out["equilibrium"][1])
    True
    """
    t = check_times("t_min", t_min, MAX_CHAPTER_TIME_MIN, "min")
    dose = check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, MAX_DOSE_MG_PER_KG, "mg/kg")
    dur = check_number("duration_min", duration_min, 0.0, MAX_DURATION_MIN, "min", lo_open=True)
    k = check_number("k_uM", k_uM, 0.05, 20.0, "µM")
    check_choice("activity", activity, tuple(ACTIVITY_OPEN_PROBABILITY))
    grid = np.arange(0.0, float(t.max(initial=0.0)) + _STEP_MIN, _STEP_MIN)
    ce = _effect_site(grid, dose_mg_per_kg=dose, duration_min=dur)
    sim = trapping_block(grid, ce, k_uM=k, open_probability=ACTIVITY_OPEN_PROBABILITY[activity])
    sim["free_uM"] = ng_per_mL_to_uM(ce) * FREE_FRACTION
    return {key: np.interp(t, grid, values) for key, values in sim.items()}
