"""Steps 4 and 9: the default mode network and the balance between networks.

Human imaging, small samples:

* Acutely, during the infusion, connectivity of the default mode network
  (DMN), salience and auditory networks falls; midazolam does the same, so the
  acute change is not specific to ketamine (Adhikari 2020, PMC7267897).
* At 24 h, PCC (DMN) connectivity to the dorsal nexus and mPFC is lower
  (Scheidegger 2012, healthy volunteers); at day 2, insula-DMN connectivity in
  depression has moved toward healthy values, reversed by day 10 (Evans 2018);
  prefrontal global connectivity is normalized at 24 h in responders
  (Abdallah 2017).

Model (TEACHING CHOICES): the network balance index N moves toward healthy
values while the spine variable S is raised and relaxes with it,

    dN/dt = K_NETWORK·S·(1 − N) − N/TAU_NETWORK_H,

and the DMN shift combines the acute, direct effect of the drug with N.

The region model (step 4)
-------------------------
Seven regions of three networks (:data:`REGIONS`): default mode (medial
prefrontal cortex, posterior cingulate, angular gyrus), salience (anterior
insula, dorsal anterior cingulate) and executive (dorsolateral prefrontal,
posterior parietal).  Two functional connectivity matrices (correlations of
the regions' slow activity, as resting-state fMRI measures them) are the
anchors: :data:`HEALTHY_FC`, a healthy reference, and :data:`DEPRESSED_FC`, a
depressed baseline.  Both are TEACHING CHOICES, drawn by hand in the
directions most often reported (stronger coupling inside the DMN, weaker
coupling inside the executive network, Kaiser 2015; an altered insula-DMN link,
Evans 2018) with illustrative sizes; the DMN part is contested (a multi-site
meta-analysis found DMN core connectivity slightly *lower* in depression,
Tozzi 2021).  Both are valid correlation matrices (symmetric, unit diagonal,
positive semidefinite), and so is every matrix the model makes from them.

The cascade drives the matrix with two of its curves
(:func:`widgets.models.timeline.simulate`): the acute, direct effect of the
drug (its ``dissociation`` curve, a function of the effect-site
concentration) and the slow network balance index (its ``network`` curve):

    FC(t) = (1 − ACUTE_LOOSENING·acute(t)) · [D + network(t)·(H − D)]   (off the diagonal)

* ``network`` is the fraction of the way from the depressed baseline D to the
  healthy reference H: 0 before the dose, largest at 1-2 days, back toward 0
  over one to two weeks.
* ``acute`` loosens every coupling toward zero while the drug is present, a
  non-specific change: it lowers DMN coupling, but also the couplings that are
  already too weak in depression, so it does not move the pattern toward the
  reference (:func:`distance_from_reference`).

A balance index for step 9
--------------------------
:func:`balance_index` measures how far a matrix has moved from a baseline
toward a reference: 1 at the reference, 0 at the baseline, negative farther
away than the baseline.  With no acute term it equals the cascade's
``network`` curve exactly (``balance_index(connectivity(n, 0)) == n``), so
the region model and the cascade cannot disagree.  The functions take any
square matrices with their own :class:`Region` list, so a richer region set
(for example with limbic regions) is built by passing its own ``regions``,
``reference`` and ``baseline``.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from ._validate import check_array, check_choice

__all__ = [
    "ACUTE_DMN_WEIGHT",
    "ACUTE_LOOSENING",
    "DEPRESSED_FC",
    "HEALTHY_FC",
    "K_NETWORK_PER_H",
    "NETWORKS",
    "REGIONS",
    "TAU_NETWORK_H",
    "Region",
    "balance_index",
    "between_network_strength",
    "connectivity",
    "distance_from_reference",
    "dmn_shift",
    "network_share",
    "region_connectivity",
    "relative_distance_pct",
    "within_network_strength",
]

K_NETWORK_PER_H = 0.5
TAU_NETWORK_H = 8.0
#: Share of the acute, direct drug effect in the DMN shift.
ACUTE_DMN_WEIGHT = 0.5


def dmn_shift(acute, network) -> np.ndarray:
    """DMN connectivity shift (fraction of maximum) from its acute and slow parts.

    Combines the two as independent contributions, 1 − (1 − w·acute)(1 − network),
    so the result stays in [0, 1].

    Parameters
    ----------
    acute : array_like
        Direct drug effect in [0, 1] (the dissociation link).
    network : array_like
        Network balance index in [0, 1].

    Returns
    -------
    numpy.ndarray
        Shift in [0, 1].

    Examples
    --------
    >>> float(dmn_shift(0.0, 0.0))
    0.0
    """
    a = check_array("acute", acute, 0.0, 1.0)
    n = check_array("network", network, 0.0, 1.0)
    return 1.0 - (1.0 - ACUTE_DMN_WEIGHT * a) * (1.0 - n)


# --- the region model (step 4; the balance index for step 9) ------------------------------------------------------


class Region(NamedTuple):
    """One brain region of the region model.

    Parameters
    ----------
    abbrev : str
        Short label used in figures, e.g. ``"mPFC"``.
    name : str
        Full name, e.g. ``"medial prefrontal cortex"``.
    network : str
        The large-scale network it belongs to, one of :data:`NETWORKS` (or a
        caller's own network names when a caller passes its own regions).
    """

    abbrev: str
    name: str
    network: str


#: The three networks of the chapter, in matrix order.
NETWORKS = ("default mode", "salience", "executive")

#: The regions, in matrix order (rows and columns of the connectivity matrices).
REGIONS: tuple[Region, ...] = (
    Region("mPFC", "medial prefrontal cortex", "default mode"),
    Region("PCC", "posterior cingulate cortex", "default mode"),
    Region("AG", "angular gyrus", "default mode"),
    Region("insula", "anterior insula", "salience"),
    Region("dACC", "dorsal anterior cingulate cortex", "salience"),
    Region("dlPFC", "dorsolateral prefrontal cortex", "executive"),
    Region("PPC", "posterior parietal cortex", "executive"),
)

#: Share by which the acute drug effect (at its maximum, 1) pulls every coupling toward zero (TEACHING CHOICE:
#: large enough to show the acute, non-specific fall of DMN and salience connectivity of Adhikari 2020, small
#: enough to keep the region pattern recognizable).
ACUTE_LOOSENING = 0.5

#: Couplings of the healthy reference (TEACHING CHOICE): strong inside each network, the DMN anticorrelated with
#: the executive network, the salience network coupled to the executive network.  Pairs not listed are 0.
_HEALTHY_PAIRS = {
    ("mPFC", "PCC"): 0.55,
    ("mPFC", "AG"): 0.45,
    ("PCC", "AG"): 0.50,
    ("insula", "dACC"): 0.55,
    ("dlPFC", "PPC"): 0.50,
    ("insula", "mPFC"): 0.10,
    ("insula", "PCC"): 0.05,
    ("dACC", "mPFC"): 0.15,
    ("dACC", "AG"): -0.05,
    ("mPFC", "dlPFC"): -0.20,
    ("PCC", "dlPFC"): -0.25,
    ("AG", "dlPFC"): -0.10,
    ("mPFC", "PPC"): -0.15,
    ("PCC", "PPC"): -0.10,
    ("AG", "PPC"): 0.10,
    ("insula", "dlPFC"): 0.25,
    ("insula", "PPC"): 0.20,
    ("dACC", "dlPFC"): 0.35,
    ("dACC", "PPC"): 0.25,
}
#: Where the depressed baseline differs (TEACHING CHOICE, illustrative sizes): stronger coupling inside the DMN,
#: weaker inside the executive network (Kaiser 2015), a weaker, anticorrelated insula-DMN link (Evans 2018 reports
#: only that it differed and normalized), and less DMN-executive anticorrelation.
_DEPRESSED_CHANGES = {
    ("mPFC", "PCC"): 0.72,
    ("mPFC", "AG"): 0.62,
    ("PCC", "AG"): 0.68,
    ("dlPFC", "PPC"): 0.30,
    ("insula", "mPFC"): -0.10,
    ("insula", "PCC"): -0.15,
    ("insula", "AG"): -0.15,
    ("mPFC", "dlPFC"): 0.0,
    ("PCC", "dlPFC"): -0.05,
    ("AG", "dlPFC"): 0.05,
    ("mPFC", "PPC"): 0.0,
    ("insula", "dlPFC"): 0.15,
    ("dACC", "dlPFC"): 0.25,
}


def _matrix(pairs: dict[tuple[str, str], float]) -> np.ndarray:
    index = {r.abbrev: i for i, r in enumerate(REGIONS)}
    m = np.eye(len(REGIONS))
    for (a, b), value in pairs.items():
        m[index[a], index[b]] = m[index[b], index[a]] = value
    m.setflags(write=False)
    return m


#: Functional connectivity of the healthy reference (correlations, 7 × 7, in the order of :data:`REGIONS`).
HEALTHY_FC = _matrix(_HEALTHY_PAIRS)
#: Functional connectivity of the depressed baseline (7 × 7).
DEPRESSED_FC = _matrix({**_HEALTHY_PAIRS, **_DEPRESSED_CHANGES})


def _check_fc(name: str, fc) -> np.ndarray:
    """A stack of square connectivity matrices: finite correlations in [-1, 1], shape (..., n, n)."""
    arr = check_array(name, fc, -1.0, 1.0)
    if arr.ndim < 2 or arr.shape[-1] != arr.shape[-2] or arr.shape[-1] < 2:
        raise ValueError(f"{name} must be square connectivity matrices of shape (..., n, n); got shape {arr.shape}")
    return arr


def _check_regions(regions, n: int) -> tuple[Region, ...]:
    regions = tuple(regions)
    if len(regions) != n or not all(isinstance(r, Region) for r in regions):
        raise ValueError(f"regions must be {n} Region entries, one per row of the matrix; got {len(regions)}")
    return regions


def connectivity(network, acute=0.0, *, baseline=DEPRESSED_FC, reference=HEALTHY_FC) -> np.ndarray:
    """Region connectivity for a network balance index and an acute drug effect.

    Off the diagonal, ``(1 − ACUTE_LOOSENING·acute)·(baseline + network·(reference − baseline))``;
    the diagonal stays 1.  See the module docstring for the TEACHING CHOICES.

    Parameters
    ----------
    network : array_like
        Network balance index in [0, 1]: the fraction of the way from the baseline to the reference
        (the cascade's ``network`` curve).
    acute : array_like
        Acute, direct drug effect in [0, 1] (the cascade's ``dissociation`` curve); broadcast against
        ``network``.
    baseline, reference : array_like
        Connectivity matrices (n × n) at ``network = 0`` and ``network = 1``; default the depressed
        baseline and the healthy reference.

    Returns
    -------
    numpy.ndarray
        Matrices of shape ``broadcast(network, acute).shape + (n, n)``.

    Examples
    --------
    >>> bool(np.allclose(connectivity(1.0), HEALTHY_FC))
    True
    """
    n = check_array("network", network, 0.0, 1.0)
    a = check_array("acute", acute, 0.0, 1.0)
    base = _check_fc("baseline", baseline)
    ref = _check_fc("reference", reference)
    if base.ndim != 2 or base.shape != ref.shape:
        raise ValueError(f"baseline and reference must be two n × n matrices; got {base.shape} and {ref.shape}")
    n, a = np.broadcast_arrays(n, a)
    slow = base + n[..., None, None] * (ref - base)
    fc = (1.0 - ACUTE_LOOSENING * a)[..., None, None] * slow
    eye = np.eye(base.shape[0], dtype=bool)
    fc[..., eye] = 1.0
    return fc


def _upper(fc: np.ndarray) -> np.ndarray:
    """The couplings above the diagonal (each pair once), shape (..., n(n-1)/2)."""
    rows, cols = np.triu_indices(fc.shape[-1], k=1)
    return fc[..., rows, cols]


def distance_from_reference(fc, reference=HEALTHY_FC) -> np.ndarray:
    """How far connectivity lies from a reference: the root of the summed squared differences of all pairs.

    Each pair of regions counts once (the upper triangle), so the distance is the Euclidean distance
    between the two patterns of couplings.

    Parameters
    ----------
    fc : array_like
        Connectivity matrices, shape (..., n, n), values in [-1, 1].
    reference : array_like
        The reference matrix (n × n); default the healthy reference.

    Returns
    -------
    numpy.ndarray
        Distance (≥ 0), shape ``fc.shape[:-2]``.

    Examples
    --------
    >>> float(distance_from_reference(HEALTHY_FC))
    0.0
    """
    m = _check_fc("fc", fc)
    ref = _check_fc("reference", reference)
    if ref.ndim != 2 or ref.shape != m.shape[-2:]:
        raise ValueError(f"reference must be one matrix of shape {m.shape[-2:]}; got {ref.shape}")
    return np.sqrt(np.sum((_upper(m) - _upper(ref)) ** 2, axis=-1))


def balance_index(fc, *, reference=HEALTHY_FC, baseline=DEPRESSED_FC) -> np.ndarray:
    """How far connectivity has moved from a baseline toward a reference: 1 − d(fc)/d(baseline).

    1 at the reference, 0 at the baseline, below 0 when the pattern lies farther from the reference
    than the baseline does.  With no acute term it equals the network balance index that made the
    matrix (``balance_index(connectivity(n)) == n``).  Step 9 composes richer region sets by passing
    its own ``reference`` and ``baseline``.

    Parameters
    ----------
    fc : array_like
        Connectivity matrices, shape (..., n, n).
    reference, baseline : array_like
        Reference and baseline matrices (n × n), which must differ.

    Returns
    -------
    numpy.ndarray
        Index, shape ``fc.shape[:-2]``.

    Examples
    --------
    >>> round(float(balance_index(connectivity(0.4))), 6)
    0.4
    """
    d0 = float(distance_from_reference(baseline, reference))
    if d0 == 0.0:
        raise ValueError("baseline and reference must differ for a balance index; got two equal matrices")
    return 1.0 - distance_from_reference(fc, reference) / d0


def _members(regions: tuple[Region, ...], network: str) -> np.ndarray:
    names = tuple(dict.fromkeys(r.network for r in regions))
    check_choice("network", network, names)
    return np.array([i for i, r in enumerate(regions) if r.network == network])


def within_network_strength(fc, network: str, *, regions=REGIONS) -> np.ndarray:
    """Mean coupling between the regions of one network (each pair once).

    Parameters
    ----------
    fc : array_like
        Connectivity matrices, shape (..., n, n).
    network : str
        A network of ``regions``, e.g. ``"default mode"``; it needs at least two regions.
    regions : sequence of Region
        The regions of the matrix rows, default :data:`REGIONS`.

    Returns
    -------
    numpy.ndarray
        Mean correlation, shape ``fc.shape[:-2]``.

    Examples
    --------
    >>> round(float(within_network_strength(HEALTHY_FC, "default mode")), 3)
    0.5
    """
    m = _check_fc("fc", fc)
    idx = _members(_check_regions(regions, m.shape[-1]), network)
    if idx.size < 2:
        raise ValueError(f"network {network!r} needs at least two regions for a within-network strength")
    sub = m[..., idx[:, None], idx[None, :]]
    return _upper(sub).mean(axis=-1)


def between_network_strength(fc, first: str, second: str, *, regions=REGIONS) -> np.ndarray:
    """Mean coupling between every region of one network and every region of another.

    Parameters
    ----------
    fc : array_like
        Connectivity matrices, shape (..., n, n).
    first, second : str
        Two different networks of ``regions``.
    regions : sequence of Region
        The regions of the matrix rows, default :data:`REGIONS`.

    Returns
    -------
    numpy.ndarray
        Mean correlation, shape ``fc.shape[:-2]``.

    Examples
    --------
    >>> round(float(between_network_strength(HEALTHY_FC, "default mode", "executive")), 3)
    -0.117
    """
    m = _check_fc("fc", fc)
    regs = _check_regions(regions, m.shape[-1])
    a, b = _members(regs, first), _members(regs, second)
    if first == second:
        raise ValueError(f"first and second must be two different networks; got {first!r} twice")
    return m[..., a[:, None], b[None, :]].mean(axis=(-2, -1))


def network_share(fc, network: str = "default mode", other: str = "executive", *, regions=REGIONS) -> np.ndarray:
    """Share of one network's within-network strength in the sum with another's (0 to 1).

    The chapter's radio dial: 0.5 when the two networks are equally strong, toward 1 when
    ``network`` dominates.  Strengths below zero count as zero.

    Parameters
    ----------
    fc : array_like
        Connectivity matrices, shape (..., n, n).
    network, other : str
        Two different networks of ``regions``.
    regions : sequence of Region
        The regions of the matrix rows, default :data:`REGIONS`.

    Returns
    -------
    numpy.ndarray
        Share in [0, 1] (0.5 when both strengths are zero), shape ``fc.shape[:-2]``.

    Examples
    --------
    >>> round(float(network_share(HEALTHY_FC)), 3)
    0.5
    """
    if network == other:
        raise ValueError(f"network and other must be two different networks; got {network!r} twice")
    s = np.clip(within_network_strength(fc, network, regions=regions), 0.0, None)
    o = np.clip(within_network_strength(fc, other, regions=regions), 0.0, None)
    total = s + o
    return np.where(total > 0, s / np.where(total > 0, total, 1.0), 0.5)


def region_connectivity(t_h, **cascade) -> dict[str, np.ndarray]:
    """The region model over time, driven by the cascade's curves.

    Parameters
    ----------
    t_h : array_like
        Times (h) after the start of the first infusion, as for
        :func:`widgets.models.timeline.simulate`.
    **cascade
        Any keyword of :func:`widgets.models.timeline.simulate` (dose, schedule, route ...).

    Returns
    -------
    dict of str to numpy.ndarray
        ``fc`` (connectivity, shape (len(t_h), 7, 7)), ``network`` and ``acute`` (the two driving
        curves), ``distance`` (from the healthy reference), ``balance`` (:func:`balance_index`) and
        ``dmn`` (within-DMN strength).

    Examples
    --------
    >>> out = region_connectivity([0.0, 48.0])
    >>> out["fc"].shape
    (2, 7, 7)
    """
    # Imported here: the cascade imports this module for its network link.
    from .timeline import simulate

    curves = simulate(t_h, **cascade)
    network = np.clip(curves["network"], 0.0, 1.0)
    acute = np.clip(curves["dissociation"], 0.0, 1.0)
    fc = connectivity(network, acute)
    return {
        "fc": fc,
        "network": network,
        "acute": acute,
        "distance": distance_from_reference(fc),
        "balance": balance_index(fc),
        "dmn": within_network_strength(fc, "default mode"),
    }


def relative_distance_pct(fc) -> np.ndarray:
    """Distance from the healthy reference in % of the depressed baseline's distance (100% at baseline).

    Parameters
    ----------
    fc : array_like
        Connectivity matrices, shape (..., 7, 7).

    Returns
    -------
    numpy.ndarray
        Percentage (≥ 0).

    Examples
    --------
    >>> float(relative_distance_pct(DEPRESSED_FC))
    100.0
    """
    return 100.0 * distance_from_reference(fc) / float(distance_from_reference(DEPRESSED_FC))


# Sanity of the anchors at import: both are valid correlation matrices (a defect here would be a typo).
for _m in (HEALTHY_FC, DEPRESSED_FC):
    if not (np.allclose(_m, _m.T) and np.linalg.eigvalsh(_m).min() > 0 and math.isclose(_m[0, 0], 1.0)):
        raise ValueError("the anchor connectivity matrices must be valid correlation matrices")
del _m
