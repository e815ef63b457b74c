"""Steps 4 and 9: the default mode network and the balance between networks.

Human imaging, small samples:

* Acutely, during the infusion, connectivity of the default mode network
  (DMN), salience and auditory networks falls; midazolam does the same, so the
  acute change is not specific to ketamine (PMC7267897).
* At 24 h, PCC (DMN) connectivity to the dorsal nexus and mPFC is lower
  (Scheidegger 2012, healthy volunteers); at day 2, insula-DMN connectivity in
  depression has moved toward healthy values, reversed by day 10 (Evans 2018);
  prefrontal global connectivity is normalized at 24 h in responders
  (Abdallah 2017).

Model (TEACHING CHOICES): the network balance index N moves toward healthy
values while the spine variable S is raised and relaxes with it,

    dN/dt = K_NETWORK·S·(1 − N) − N/TAU_NETWORK_H,

and the DMN shift combines the acute, direct effect of the drug with N.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_array

__all__ = ["ACUTE_DMN_WEIGHT", "K_NETWORK_PER_H", "TAU_NETWORK_H", "dmn_shift"]

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
