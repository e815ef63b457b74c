"""Step 5: dissociative and psychedelic effects as a direct effect of concentration.

In 10 volunteers held at steady plasma levels of 50, 100, 150 and 200 ng/mL,
ratings of psychedelic and dissociative effects rose linearly with
concentration (Bowdle 1998).  The fact sheet's model: zero below ≈50 ng/mL,
rising over 50-250 ng/mL, driven by the effect-site concentration (no delay
beyond ke0).  The ceiling at 250 ng/mL (top of the dissociative band of Zanos
2018) is a TEACHING CHOICE: the score is a fraction of the maximum effect.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_array
from .pharmacokinetics import MAX_CONCENTRATION_NG_PER_ML

__all__ = ["DISSOCIATION_RANGE_NG_PER_ML", "dissociation"]

#: Effect-site concentrations (ng/mL) where the effect starts and where it saturates.
DISSOCIATION_RANGE_NG_PER_ML = (50.0, 250.0)


def dissociation(ce_ng_per_mL) -> np.ndarray:
    """Dissociative effect (fraction of maximum) at an effect-site concentration.

    Parameters
    ----------
    ce_ng_per_mL : array_like
        Effect-site concentration (ng/mL, 0 to 100,000).

    Returns
    -------
    numpy.ndarray
        Values in [0, 1]: 0 below 50 ng/mL, linear to 1 at 250 ng/mL.

    Examples
    --------
    >>> dissociation([0.0, 150.0, 400.0]).tolist()
    [0.0, 0.5, 1.0]
    """
    ce = check_array("ce_ng_per_mL", ce_ng_per_mL, 0.0, MAX_CONCENTRATION_NG_PER_ML, "ng/mL")
    lo, hi = DISSOCIATION_RANGE_NG_PER_ML
    # The score saturates by design (a fraction of the maximum effect); the input itself is checked above.
    return np.clip((ce - lo) / (hi - lo), 0.0, 1.0)
