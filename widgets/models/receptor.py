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
"""

from __future__ import annotations

import numpy as np

from ._validate import check_array, check_number
from .pharmacokinetics import MAX_CONCENTRATION_NG_PER_ML, MOLAR_MASS_G_PER_MOL

__all__ = ["DEFAULT_K_UM", "FREE_FRACTION", "K_RANGE_UM", "nmda_block", "ng_per_mL_to_uM"]

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
