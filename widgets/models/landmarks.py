"""The overlapping timeline: when each step of the course is under way after one infusion.

One landmark per step: its title, colour, the kind of evidence behind it, what
the literature reports about its time course, and its citations.  Its times
come from the course's cascade model (:func:`widgets.models.timeline.simulate`,
one standard infusion: 0.5 mg/kg racemic ketamine IV over 40 min, t = 0 at its
start), so that the course map and the timeline strip can never disagree: a
step is *under way* while its model curve is at least :data:`UNDER_WAY` (half)
of its own peak.  The model is checked against the reported times in
``tests/models/test_landmarks.py``.

Where the model and the literature differ, the difference is real and is
taught, not hidden: the rodent measurements of NMDA block and of BDNF
signalling were made after injections that rodents clear within an hour, while
the model follows the human infusion's slower pharmacokinetics.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from ._validate import check_times
from .timeline import STEP_CURVES, simulate

__all__ = ["LANDMARKS", "UNDER_WAY", "Landmark", "active_steps", "landmark"]

#: A step is under way while its model curve is at least this fraction of its own peak (half its peak).
UNDER_WAY = 0.5
#: Times (h) at which the model is sampled to find the landmarks: one minute to eight weeks.
_T_H = np.geomspace(1.0, 56 * 1440.0, 2400) / 60.0


@lru_cache(maxsize=1)
def _curves() -> dict[str, np.ndarray]:
    return simulate(_T_H)


@dataclass(frozen=True)
class Landmark:
    """One step of the course on the timeline.

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
    evidence : str
        ``"human"``, ``"animal"``, ``"human, small studies"`` ...
    reported : str
        What the literature reports about the step's time course, in one sentence.
    citations : tuple of str
        Bibliography keys.
    """

    key: str
    step: int
    title: str
    concept: str
    evidence: str
    reported: str
    citations: tuple[str, ...]

    @property
    def curve(self) -> str:
        """Key of the model curve that stands for this step."""
        return STEP_CURVES[self.key]

    @property
    def intervals_min(self) -> tuple[tuple[float, float], ...]:
        """Spans (start, end; minutes) during which the model curve is at least half of its peak."""
        return _intervals(self.curve)

    @property
    def onset_min(self) -> float:
        """First time (min) the step is under way in the model."""
        return self.intervals_min[0][0]

    @property
    def offset_min(self) -> float:
        """Last time (min) the step is under way in the model."""
        return self.intervals_min[-1][1]

    @property
    def peak_min(self) -> float:
        """Time (min) of the model curve's peak."""
        return float(_T_H[int(np.argmax(_curves()[self.curve]))] * 60.0)


@cache
def _intervals(curve: str) -> tuple[tuple[float, float], ...]:
    values = _curves()[curve]
    on = values >= UNDER_WAY * values.max()
    edges = np.flatnonzero(np.diff(on.astype(int)))
    starts = [0] if on[0] else []
    ends = []
    for i in edges:
        if on[i + 1]:
            starts.append(i + 1)
        else:
            ends.append(i)
    if on[-1]:
        ends.append(on.size - 1)
    t_min = _T_H * 60.0
    return tuple((float(t_min[a]), float(t_min[b])) for a, b in zip(starts, ends, strict=True))


LANDMARKS: tuple[Landmark, ...] = (
    Landmark(
        "step01",
        1,
        "rapid brain entry",
        "drug",
        "human (blood), animal (brain)",
        "Plasma peaks as the 40-minute infusion ends, at about 185 ng/mL, then falls with a half-life of 2-3 hours.",
        ("cohen1973", "clements1981", "kamp2020"),
    ),
    Landmark(
        "step02",
        2,
        "glutamate surge",
        "glutamate",
        "human MRS, animal",
        "Glx peaked about 26 minutes into the infusion; most studies find no change 1-3 hours later.",
        ("milak2016", "moghaddam1997"),
    ),
    Landmark(
        "step03",
        3,
        "NMDA receptor blockade",
        "nmda",
        "animal; human inferred from blood levels",
        "In mice, block peaked 15 minutes after an injection and was gone by 1 hour; "
        "in people it follows the drug level.",
        ("lord2013", "ebert1997"),
    ),
    Landmark(
        "step04",
        4,
        "default mode network",
        "dmn",
        "human, small studies",
        "Changed during the infusion; insula-network links normalized by day 2 and reversed by day 10.",
        ("scheidegger2012", "evans2018"),
    ),
    Landmark(
        "step05",
        5,
        "psychedelic visions",
        "dissociation",
        "human",
        "Dissociation peaks at 40 minutes and is mostly gone 80-120 minutes after the infusion starts.",
        ("bowdle1998", "luckenbaugh2014"),
    ),
    Landmark(
        "step06",
        6,
        "BDNF signaling",
        "bdnf",
        "animal; human blood only",
        "In rodents, mTORC1 signaling peaks 30-60 minutes after an injection and is back by about 2 hours.",
        ("autry2011", "li2010", "haile2014"),
    ),
    Landmark(
        "step07",
        7,
        "new connections (spines)",
        "spines",
        "animal; human PET null at 24 h",
        "In mice, spine formation was unchanged at 3-6 hours and raised at 12-24 hours; "
        "density stayed up for up to 2 weeks.",
        ("modasava2019", "phoumthipphavong2016", "holmes2022"),
    ),
    Landmark(
        "step08",
        8,
        "inflammation",
        "inflammation",
        "animal strong, human weak",
        "In people, cytokine changes last hours to about 3 days and are inconsistent; "
        "in rodents, reductions are robust.",
        ("park2017", "kiraly2017", "walker2013"),
    ),
    Landmark(
        "step09",
        9,
        "network rebalancing",
        "network",
        "human, small studies",
        "Prefrontal connectivity normalized 24 hours after ketamine in responders; "
        "such shifts reversed within 10 days.",
        ("abdallah2017", "evans2018"),
    ),
    Landmark(
        "step10",
        10,
        "mood (the complete journey)",
        "mood",
        "human trials",
        "Improvement within about 2 hours, a peak near 24 hours, mostly lost between days 5 and 8 after one infusion.",
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
    """Boolean matrix (steps × times): is each step under way (at least half of its peak in the model)?

    Parameters
    ----------
    t_min : array_like
        Minutes after the start of the infusion (0 to 56 days).

    Returns
    -------
    numpy.ndarray
        Shape ``(len(LANDMARKS), len(t_min))``.

    Examples
    --------
    >>> bool(active_steps([40.0])[0, 0])
    True
    """
    t = check_times("t_min", t_min, 56 * 1440.0, "min")
    return np.array(
        [[any(a <= x <= b for a, b in lm.intervals_min) for x in t] for lm in LANDMARKS],
        dtype=bool,
    ).reshape(len(LANDMARKS), t.size)
