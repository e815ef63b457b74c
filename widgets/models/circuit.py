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
"""

from __future__ import annotations

import numpy as np

from ._validate import check_array, check_number

__all__ = [
    "ADAPTATION",
    "adapted_glutamate",
    "ADAPTATION_TAU_H",
    "GLUTAMATE_TAU_H",
    "HUMAN_PEAK_GLX_PCT",
    "glutamate_drive",
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
