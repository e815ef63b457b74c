"""Step 9: the balance between four brain networks, composed from the models of steps 4 and 7.

Nothing here is a new mechanism.  The chapter puts together two models the
course already has:

* the region model of step 4 (:mod:`widgets.models.networks`): connectivity
  matrices that move from a depressed baseline toward a healthy reference by
  the cascade's network balance index, loosened while the drug is in the brain
  (:func:`~widgets.models.networks.connectivity`), and the balance index
  (:func:`~widgets.models.networks.balance_index`);
* the spine model of step 7 (:mod:`widgets.models.spines`): the new spines
  that, in the cascade, drive that balance index, dN/dt = K_NETWORK·S·(1 − N)
  − N/TAU_NETWORK_H (:mod:`widgets.models.timeline`).

What this module adds is a fourth network.  Step 4 has seven regions in three
networks (default mode, salience, executive); step 9 adds two regions that
process emotion, the amygdala and the subgenual anterior cingulate cortex
(sgACC), as a **limbic** network (:data:`REGIONS`).  The 9 × 9 matrices
:data:`HEALTHY_FC` and :data:`DEPRESSED_FC` hold step 4's 7 × 7 matrices
unchanged in their upper-left block, so the two chapters agree on every
coupling they share.

The couplings of the limbic regions are TEACHING CHOICES, drawn by hand in
the direction of a common hypothesis (emotion regions too tightly coupled with
each other and with the default mode network, and too little held in check by
the lateral prefrontal cortex), with sizes chosen to be visible.  They are not
averages of any study; large studies disagree even about the couplings of
step 4 (Kaiser 2015; Tozzi 2021; Javaheripour 2021).

Measures of the orchestra (the chapter's metaphor), per network:

* **loudness** (:func:`section_loudness`): coupling inside the network, as a
  share of its coupling in the healthy reference (1 = healthy, above 1 too
  loud, below 1 too quiet);
* **timing** (:func:`section_timing`): how far the network's couplings with
  the other networks are from the healthy reference, in % of how far they are
  at the depressed baseline (0 = in time, 100 = as out of time as before the
  dose);
* **global connectivity** (:func:`global_connectivity`): for each region, the
  average strength (size, whatever the sign) of its couplings with all the
  others, a simplified stand-in for the global brain connectivity measured with
  fMRI (Abdallah 2017).

With no acute drug effect, the balance index of these matrices equals the
cascade's network balance index exactly, as in step 4: after one infusion it
peaks at one to two days and relaxes over one to two weeks; after a course it
rises higher and relaxes more slowly, because the course's spines last longer
(:mod:`widgets.models.plasticity`).
"""

from __future__ import annotations

import math

import numpy as np

from . import networks as nw
from . import spines as sp
from ._validate import check_array, check_choice, check_number, check_times
from .pharmacokinetics import MAX_DOSE_MG_PER_KG
from .timeline import MAX_DAYS, _check_schedule, simulate

__all__ = [
    "DEPRESSED_FC",
    "HEALTHY_FC",
    "NETWORKS",
    "REGIONS",
    "balance_course",
    "fade_days",
    "global_connectivity",
    "schedule_course",
    "section_loudness",
    "section_timing",
]

#: The four networks of the chapter, in matrix order.
NETWORKS = (*nw.NETWORKS, "limbic")

#: Step 4's seven regions, then the two limbic regions.
REGIONS: tuple[nw.Region, ...] = (
    *nw.REGIONS,
    nw.Region("AMY", "amygdala", "limbic"),
    nw.Region("sgACC", "subgenual anterior cingulate cortex", "limbic"),
)

#: Couplings of the limbic regions in the healthy reference (TEACHING CHOICE; pairs not listed are 0).
_HEALTHY_LIMBIC = {
    ("AMY", "sgACC"): 0.40,
    ("sgACC", "mPFC"): 0.30,
    ("sgACC", "PCC"): 0.10,
    ("sgACC", "AG"): 0.05,
    ("AMY", "mPFC"): 0.10,
    ("AMY", "insula"): 0.25,
    ("AMY", "dACC"): 0.15,
    ("sgACC", "insula"): 0.10,
    ("sgACC", "dACC"): 0.20,
    ("AMY", "dlPFC"): -0.15,
    ("sgACC", "dlPFC"): -0.15,
    ("AMY", "PPC"): -0.05,
    ("sgACC", "PPC"): -0.05,
}
#: Where the depressed baseline differs (TEACHING CHOICE, illustrative sizes): a tighter limbic pair, the sgACC
#: drawn into the default mode network, and the lateral prefrontal cortex no longer in opposition to the limbic
#: regions.
_DEPRESSED_LIMBIC = {
    ("AMY", "sgACC"): 0.55,
    ("sgACC", "mPFC"): 0.45,
    ("sgACC", "PCC"): 0.35,
    ("sgACC", "AG"): 0.20,
    ("AMY", "insula"): 0.35,
    ("AMY", "dlPFC"): 0.05,
    ("sgACC", "dlPFC"): 0.05,
}


def _extend(block: np.ndarray, pairs: dict[tuple[str, str], float]) -> np.ndarray:
    """Step 4's 7 × 7 matrix in the upper-left block, the limbic couplings around it."""
    index = {r.abbrev: i for i, r in enumerate(REGIONS)}
    m = np.eye(len(REGIONS))
    m[: block.shape[0], : block.shape[1]] = block
    for (a, b), value in pairs.items():
        m[index[a], index[b]] = m[index[b], index[a]] = value
    m.setflags(write=False)
    return m


#: Healthy reference, 9 × 9 (step 4's healthy matrix plus the limbic regions).
HEALTHY_FC = _extend(nw.HEALTHY_FC, _HEALTHY_LIMBIC)
#: Depressed baseline, 9 × 9 (step 4's depressed matrix plus the limbic regions).
DEPRESSED_FC = _extend(nw.DEPRESSED_FC, {**_HEALTHY_LIMBIC, **_DEPRESSED_LIMBIC})


def _check_fc(fc) -> np.ndarray:
    """Connectivity matrices of the nine regions: finite correlations in [-1, 1], shape (..., 9, 9)."""
    m = check_array("fc", fc, -1.0, 1.0)
    n = len(REGIONS)
    if m.ndim < 2 or m.shape[-2:] != (n, n):
        raise ValueError(
            f"fc must be {n} × {n} connectivity matrices, one row per region of REGIONS; got shape {m.shape}"
        )
    return m


def section_loudness(fc, network: str) -> np.ndarray:
    """Coupling inside one network as a share of its coupling in the healthy reference (1 = healthy).

    Parameters
    ----------
    fc : array_like
        Connectivity matrices, shape (..., 9, 9), in the order of :data:`REGIONS`.
    network : str
        One of :data:`NETWORKS`.

    Returns
    -------
    numpy.ndarray
        Loudness, shape ``fc.shape[:-2]``.

    Examples
    --------
    >>> float(section_loudness(HEALTHY_FC, "limbic"))
    1.0
    """
    check_choice("network", network, NETWORKS)
    healthy = float(nw.within_network_strength(HEALTHY_FC, network, regions=REGIONS))
    return nw.within_network_strength(_check_fc(fc), network, regions=REGIONS) / healthy


def _between_error(fc, network: str) -> np.ndarray:
    """Mean absolute difference from the healthy reference of one network's couplings with the other networks."""
    m = np.asarray(fc, dtype=float)
    inside = np.array([r.network == network for r in REGIONS])
    diff = np.abs(m - HEALTHY_FC)[..., inside, :][..., :, ~inside]
    return diff.mean(axis=(-2, -1))


def section_timing(fc, network: str) -> np.ndarray:
    """How far one network's couplings with the others are from healthy, in % of the depressed baseline's.

    0 means the network keeps time with the others as in the healthy reference; 100 means it is as far out
    of time as at the depressed baseline.

    Parameters
    ----------
    fc : array_like
        Connectivity matrices, shape (..., 9, 9).
    network : str
        One of :data:`NETWORKS`.

    Returns
    -------
    numpy.ndarray
        Timing error (%, >= 0), shape ``fc.shape[:-2]``.

    Examples
    --------
    >>> float(section_timing(DEPRESSED_FC, "salience"))
    100.0
    """
    check_choice("network", network, NETWORKS)
    m = _check_fc(fc)
    return 100.0 * _between_error(m, network) / float(_between_error(DEPRESSED_FC, network))


def global_connectivity(fc) -> np.ndarray:
    """Each region's average coupling strength (absolute value) with all the other regions.

    Parameters
    ----------
    fc : array_like
        Connectivity matrices, shape (..., 9, 9).

    Returns
    -------
    numpy.ndarray
        Shape ``fc.shape[:-1]``: one value per region, from 0 to 1.

    Examples
    --------
    >>> gc = global_connectivity(HEALTHY_FC)
    >>> bool(gc[5] > global_connectivity(DEPRESSED_FC)[5])  # dlPFC: lower in the depressed baseline
    True
    """
    m = _check_fc(fc)
    n = m.shape[-1]
    return (np.abs(m).sum(axis=-1) - 1.0) / (n - 1)


def balance_course(
    t_h,
    *,
    infusion_days=(0.0,),
    dose_mg_per_kg: float = 0.5,
    stress_loss_pct: float = sp.STRESS_LOSS_PCT,
) -> dict[str, np.ndarray]:
    """The four networks over time after a schedule of infusions.

    Parameters
    ----------
    t_h : array_like
        Times (h) after the start of the first infusion, 0 to 365 days.
    infusion_days : sequence of float
        Day of each infusion, as in :func:`widgets.models.timeline.simulate`.
    dose_mg_per_kg : float
        Dose of each 40-minute infusion (0-5 mg/kg).
    stress_loss_pct : float
        Spines lost to chronic stress before treatment (0-60 %), for the spine curves of step 7.

    Returns
    -------
    dict of str to numpy.ndarray
        ``fc`` (shape (len(t_h), 9, 9)); ``network`` and ``acute`` (the cascade's two driving curves);
        ``balance`` (the balance index of the four networks); ``loudness`` and ``timing`` (shape
        (len(t_h), 4), in the order of :data:`NETWORKS`); ``global`` (shape (len(t_h), 9)); and from step 7,
        ``new_spines_pct`` (new spines, % of healthy density) and ``restored_pct`` (share of the spines lost to
        stress that is back).

    Raises
    ------
    ValueError
        If a time, the schedule, the dose or the stress loss is out of range.

    Examples
    --------
    >>> out = balance_course([0.0, 48.0])
    >>> out["fc"].shape
    (2, 9, 9)
    """
    t = check_times("t_h", t_h, MAX_DAYS * 24.0, "h")
    dose = check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, MAX_DOSE_MG_PER_KG, "mg/kg")
    sp.room_pct(stress_loss_pct)  # validates before the simulation runs
    curves = simulate(t, infusion_days=infusion_days, dose_mg_per_kg=dose)
    spines = sp.spines_from_cascade(curves, stress_loss_pct)
    network = np.clip(curves["network"], 0.0, 1.0)
    acute = np.clip(curves["dissociation"], 0.0, 1.0)
    fc = nw.connectivity(network, acute, baseline=DEPRESSED_FC, reference=HEALTHY_FC)
    return {
        "fc": fc,
        "network": network,
        "acute": acute,
        "balance": nw.balance_index(fc, reference=HEALTHY_FC, baseline=DEPRESSED_FC),
        "loudness": np.stack([section_loudness(fc, k) for k in NETWORKS], axis=-1),
        "timing": np.stack([section_timing(fc, k) for k in NETWORKS], axis=-1),
        "global": global_connectivity(fc),
        "new_spines_pct": spines["new_pct"],
        "restored_pct": spines["restored_pct"],
    }


def schedule_course(
    t_h, *, infusion_days=(0.0,), dose_mg_per_kg: float = 0.5, share_of_peak: float = 0.5
) -> dict[str, np.ndarray | float]:
    """The balance index and the new spines at ``t_h``, and the fade after the last infusion, from one simulation.

    What step 9's schedule figure shows on every slider move: the same numbers as
    ``balance_course(t_h)["balance"]``, ``balance_course(t_h)["new_spines_pct"]`` and :func:`fade_days`, which
    would run the cascade three times.  The cascade's curves at a time do not depend on the other times asked
    for, so one run over both sets of times gives exactly the same values.

    Parameters
    ----------
    t_h : array_like
        Times (h) after the start of the first infusion, 0 to 365 days.
    infusion_days : sequence of float
        Day of each infusion.
    dose_mg_per_kg : float
        Dose of each 40-minute infusion (0-5 mg/kg; above 0).
    share_of_peak : float
        The threshold of the fade, as a share of the balance's peak (0-1, exclusive).

    Returns
    -------
    dict
        ``balance`` and ``new_spines_pct`` (arrays shaped like ``t_h``) and ``fade_days`` (a float).

    Examples
    --------
    >>> out = schedule_course([0.0, 48.0])
    >>> bool(out["fade_days"] == fade_days())
    True
    """
    t = check_times("t_h", t_h, MAX_DAYS * 24.0, "h")
    dose = check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, MAX_DOSE_MG_PER_KG, "mg/kg", lo_open=True)
    last_day = float(_check_schedule(infusion_days, 40.0)[-1])
    hourly = np.arange(0.0, min(last_day + sp.SEARCH_DAYS, MAX_DAYS) * 24.0, 1.0)
    t_all = np.union1d(t.ravel(), hourly)
    curves = simulate(t_all, infusion_days=infusion_days, dose_mg_per_kg=dose)
    network_hourly = curves["network"][np.searchsorted(t_all, hourly)]

    def network(t_search: np.ndarray) -> np.ndarray:
        if t_search.size == hourly.size:  # the first, 60-day search: already simulated
            return network_hourly
        return simulate(t_search, infusion_days=infusion_days, dose_mg_per_kg=dose)["network"]

    fade = sp.fade_after_last_dose(network, share_of_peak, infusion_days)
    at_t = {key: curve[np.searchsorted(t_all, t)] for key, curve in curves.items()}
    fc = nw.connectivity(
        np.clip(at_t["network"], 0.0, 1.0),
        np.clip(at_t["dissociation"], 0.0, 1.0),
        baseline=DEPRESSED_FC,
        reference=HEALTHY_FC,
    )
    return {
        "balance": nw.balance_index(fc, reference=HEALTHY_FC, baseline=DEPRESSED_FC),
        "new_spines_pct": sp.spines_from_cascade(at_t)["new_pct"],
        "fade_days": fade,
    }


def fade_days(share_of_peak: float = 0.5, *, infusion_days=(0.0,), dose_mg_per_kg: float = 0.5) -> float:
    """Days from the last infusion until the balance index falls below a share of its peak.

    Parameters
    ----------
    share_of_peak : float
        The threshold, as a share of the peak (between 0 and 1, exclusive).
    infusion_days : sequence of float
        Day of each infusion.
    dose_mg_per_kg : float
        Dose of each infusion (0-5 mg/kg; above 0).

    Returns
    -------
    float
        Days after the last infusion (to the hour), at most 365.

    Examples
    --------
    >>> 7.0 < fade_days() < 14.0
    True
    """
    dose = check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, MAX_DOSE_MG_PER_KG, "mg/kg", lo_open=True)
    return sp.fade_after_last_dose(
        lambda t_h: simulate(t_h, infusion_days=infusion_days, dose_mg_per_kg=dose)["network"],
        share_of_peak,
        infusion_days,
    )


# Sanity of the anchors at import: valid correlation matrices whose step-4 block is step 4's (a defect is a typo).
for _m, _block in ((HEALTHY_FC, nw.HEALTHY_FC), (DEPRESSED_FC, nw.DEPRESSED_FC)):
    _k = _block.shape[0]
    if not (
        np.allclose(_m, _m.T)
        and np.linalg.eigvalsh(_m).min() > 0
        and math.isclose(_m[0, 0], 1.0)
        and np.array_equal(_m[:_k, :_k], _block)
    ):
        raise ValueError("the step 9 anchor matrices must be valid correlation matrices that contain step 4's")
del _m, _block, _k
