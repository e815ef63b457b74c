"""The overlapping timeline as reported in the literature (no simulation).

Onset, peak and return to baseline of each step after one standard
infusion (0.5 mg/kg racemic ketamine IV over 40 min, t = 0 at its start),
read from the evidence summary of the course (step 12 of the fact sheet).
Where the literature gives a range, the middle of the range is used and the
page says the times are approximate.  Rodent time courses are labeled
``"animal"``; they were measured after injections that reach the brain
differently from a human infusion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import check_times

__all__ = ["LANDMARKS", "Landmark", "active_steps", "landmark"]


@dataclass(frozen=True)
class Landmark:
    """Onset, peak and offset of one step (minutes after the infusion starts).

    Parameters
    ----------
    key : str
        Identifier, e.g. ``"step01"``; also the chapter file stem prefix.
    step : int
        Step number in the course (10 = the complete journey).
    title : str
        Short title.
    concept : str
        Color key in :mod:`widgets.style`.
    onset_min, peak_min, offset_min : float
        Approximate times of onset, peak and return to baseline.
    evidence : str
        ``"human"``, ``"animal"``, ``"human, small studies"`` ...
    citations : tuple of str
        Bibliography keys.
    """

    key: str
    step: int
    title: str
    concept: str
    onset_min: float
    peak_min: float
    offset_min: float
    evidence: str
    citations: tuple[str, ...]


_H = 60.0
_D = 1440.0

LANDMARKS: tuple[Landmark, ...] = (
    Landmark(
        "step01",
        1,
        "rapid brain entry",
        "drug",
        1.0,
        40.0,
        100.0,
        "human (blood), animal (brain)",
        ("cohen1973", "clements1981", "kamp2020"),
    ),
    Landmark(
        "step02",
        2,
        "glutamate surge",
        "glutamate",
        5.0,
        26.0,
        2 * _H,
        "human MRS, animal",
        ("milak2016", "moghaddam1997"),
    ),
    Landmark(
        "step03",
        3,
        "NMDA receptor blockade",
        "nmda",
        2.0,
        40.0,
        1.5 * _H,
        "animal; human inferred from blood levels",
        ("lord2013", "ebert1997"),
    ),
    Landmark(
        "step04",
        4,
        "default mode network",
        "dmn",
        2 * _H,
        36 * _H,
        10 * _D,
        "human, small studies",
        ("scheidegger2012", "evans2018"),
    ),
    Landmark(
        "step05", 5, "psychedelic visions", "dissociation", 5.0, 40.0, 100.0, "human", ("bowdle1998", "luckenbaugh2014")
    ),
    Landmark(
        "step06",
        6,
        "BDNF signaling",
        "bdnf",
        20.0,
        45.0,
        4 * _H,
        "animal; human blood only",
        ("autry2011", "li2010", "haile2014"),
    ),
    Landmark(
        "step07",
        7,
        "new connections (spines)",
        "spines",
        9 * _H,
        24 * _H,
        14 * _D,
        "animal; human PET null at 24 h",
        ("modasava2019", "phoumthipphavong2016", "holmes2022"),
    ),
    Landmark(
        "step08",
        8,
        "inflammation",
        "inflammation",
        4 * _H,
        12 * _H,
        2 * _D,
        "animal strong, human weak",
        ("park2017", "kiraly2017", "walker2013"),
    ),
    Landmark(
        "step09",
        9,
        "network rebalancing",
        "network",
        4 * _H,
        36 * _H,
        10 * _D,
        "human, small studies",
        ("abdallah2017", "evans2018"),
    ),
    Landmark(
        "step10",
        10,
        "mood (the complete journey)",
        "mood",
        80.0,
        24 * _H,
        5 * _D,
        "human trials",
        ("zarate2006", "murrough2013ajp", "shiroma2020"),
    ),
)


def landmark(key: str) -> Landmark:
    """The landmark with this key (``ValueError`` lists the known keys)."""
    for lm in LANDMARKS:
        if lm.key == key:
            return lm
    raise ValueError(f"highlight must be one of {', '.join(lm.key for lm in LANDMARKS)}; got {key!r}")


def active_steps(t_min) -> np.ndarray:
    """Boolean matrix (steps × times): is each step between onset and offset?

    Parameters
    ----------
    t_min : array_like
        Minutes after the start of the infusion.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(LANDMARKS), len(t_min))``.
    """
    t = check_times("t_min", t_min, 1e9, "min")
    onset = np.array([lm.onset_min for lm in LANDMARKS])[:, None]
    offset = np.array([lm.offset_min for lm in LANDMARKS])[:, None]
    return (t[None, :] >= onset) & (t[None, :] <= offset)
