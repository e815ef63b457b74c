"""Steps 6 and 7: BDNF/mTORC1 signalling, and new dendritic spines that are first labile, then stable.

What the model follows (rodent evidence sets the clock; rodents were given
3-10 mg/kg by injection and clear ketamine far faster than people):

* BDNF translation and mTORC1 signalling rise within 30-60 min and are back
  near baseline by about 2 h (Autry 2011; Li 2010); synaptic proteins rise by
  2 h and last at least 72 h (Li 2010).
* New spines: formation is unchanged 3-6 h after ketamine and markedly
  raised at 12-24 h (Moda-Sava 2019); density stays raised for up to 2 weeks
  after one dose, and a fraction of the new spines persists
  (Phoumthipphavong 2016).  Repeated doses shift spines toward formation for
  days (Pryazhnikov 2018).  In people, synaptic density (SV2A PET) showed no
  change at 24 h (Holmes 2022).
* A course of infusions lasts longer than one infusion: after six infusions
  over 12 days, responders relapsed a median of 18 days after the last
  infusion (Murrough 2013, Biol Psychiatry; 18-19 days in aan het Rot 2010,
  as summarized by Phillips 2019), while the benefit of one infusion is mostly
  gone within a week (Shiroma 2020; Phillips 2019).

Model:

* signalling P:  dP/dt = K_SIGNAL·val66met·G·(1 − P) − P/TAU_SIGNAL_H,
  driven by the glutamate burst G;
* synaptic building blocks: a chain of N_STAGES first-order stages with
  TAU_STAGE_H each, driven by P (transcription, translation, transport and
  assembly, lumped).  A chain delays sharply: the last stage, the drive F of
  spine formation, is still near zero 6 h after the infusion and peaks in the
  12-24 h window, as formation did in the mouse study;
* labile new spines L and stable spines S, both fractions of the room for new
  spines (L + S <= 1):

      dL/dt = K_FORM·F·(1 − L − S) − L/TAU_LABILE_H − K_STABILIZE·P·L
      dS/dt = K_STABILIZE·P·L − S/TAU_STABLE_H

  A new spine is labile and is lost within days.  A labile spine that is
  present when a *later* infusion's signalling pulse arrives may be
  stabilized, and a stable spine lasts weeks.  One infusion makes only labile
  spines (its own pulse is over before they form), so its benefit fades as
  they do; a course stabilizes part of each infusion's spines with the next
  infusion's pulse, so its benefit outlasts it.  This two-pool mechanism is
  a TEACHING CHOICE: the persistence of some new spines (Phoumthipphavong
  2016; Moda-Sava 2019) and the sustained shift with repeated doses
  (Pryazhnikov 2018) support it, but no study has shown that repeated ketamine
  stabilizes the spines of earlier doses.

Fitted, one number to one landmark each (by hand, to the precision shown in
the tests of ``tests/models/test_plasticity.py`` and ``test_timeline.py``):
TAU_LABILE_H to the fade of one infusion (mood below half of its peak about
6 days after it; Shiroma 2020), and K_STABILIZE with TAU_STABLE_H to the
course (mood below half of its peak about 18 days after the last of six
infusions; Murrough 2013).  The other constants are TEACHING CHOICES set by
eye to the rodent time course above.

``val66met`` scales the signalling gain: 1 for Val/Val; Met carriers respond
less in mice and in some human studies (Laje 2012), and the 0.6 used for "Met
carrier" in the course is illustrative, not measured.
"""

from __future__ import annotations

import math

from ._validate import check_number

__all__ = [
    "K_FORM_PER_H",
    "K_SIGNAL_PER_H",
    "K_STABILIZE_PER_H",
    "N_STAGES",
    "TAU_LABILE_H",
    "TAU_SIGNAL_H",
    "TAU_STABLE_H",
    "TAU_STAGE_H",
    "VAL66MET_GAIN",
    "formation_rate_per_h",
    "spine_step",
]

#: Signalling gain (1/h per unit glutamate) and decay time (h).
K_SIGNAL_PER_H = 4.0
TAU_SIGNAL_H = 0.5
#: Stages between signalling and spine formation, and the time constant (h) of each: a mean delay of 16 h.
N_STAGES = 8
TAU_STAGE_H = 2.0
#: Spine formation gain (1/h per unit drive).
K_FORM_PER_H = 0.7
#: Lifetime (h) of a labile new spine: fitted to the fade of one infusion.
TAU_LABILE_H = 7.5 * 24.0
#: Stabilization rate (1/h per unit signalling) and lifetime (h) of a stable spine: fitted to the course.
K_STABILIZE_PER_H = 1.0
TAU_STABLE_H = 30.0 * 24.0
#: Signalling gain by BDNF genotype (illustrative).
VAL66MET_GAIN = {"val/val": 1.0, "met carrier": 0.6}


def formation_rate_per_h(drive: float, labile: float, stable: float) -> float:
    """Rate of new spine formation, K_FORM·F·(1 − L − S) (fraction of the room per hour).

    Parameters
    ----------
    drive : float
        Formation drive F, the last stage of the building-block chain, in [0, 1].
    labile, stable : float
        Labile and stable spines, fractions with ``labile + stable <= 1``.

    Returns
    -------
    float
        Formation rate (1/h).

    Examples
    --------
    >>> formation_rate_per_h(0.0, 0.0, 0.0)
    0.0
    """
    f = check_number("drive", drive, 0.0, 1.0)
    lab = check_number("labile", labile, 0.0, 1.0)
    stb = check_number("stable", stable, 0.0, 1.0 - lab + 1e-12)
    return K_FORM_PER_H * f * max(0.0, 1.0 - lab - stb)


def spine_step(labile: float, stable: float, drive: float, signal: float, dt_h: float) -> tuple[float, float]:
    """Advance the labile and stable spines by ``dt_h`` hours, with drive and signal held constant.

    The step is split in three exact parts: formation and loss of labile
    spines with the stable ones held (an exponential step toward
    ``a·(1 − S)/(a + 1/TAU_LABILE)``), stabilization of labile spines by the
    signal (a transfer from L to S), and loss of stable spines.  Each part keeps
    ``0 <= L, S`` and ``L + S <= 1``, for any step length.

    Parameters
    ----------
    labile, stable : float
        Current fractions (``labile + stable <= 1``).
    drive : float
        Formation drive F in [0, 1].
    signal : float
        Signalling pulse P in [0, 1].
    dt_h : float
        Step length (h), >= 0.

    Returns
    -------
    tuple of float
        ``(labile, stable)`` after the step.

    Examples
    --------
    >>> spine_step(0.0, 0.0, 0.0, 0.0, 1.0)
    (0.0, 0.0)
    """
    a = K_FORM_PER_H * drive
    b = a + 1.0 / TAU_LABILE_H
    target = a * (1.0 - stable) / b
    labile = target + (labile - target) * math.exp(-b * dt_h)
    moved = labile * (1.0 - math.exp(-K_STABILIZE_PER_H * signal * dt_h))
    labile -= moved
    stable = (stable + moved) * math.exp(-dt_h / TAU_STABLE_H)
    return labile, stable
