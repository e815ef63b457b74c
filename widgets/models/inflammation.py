"""Step 8: inflammatory tone, a weak and uncertain modulator.

Rodents: ketamine lowers IL-1β, IL-6 and TNF-α raised by stress or LPS
(Kopra 2021 review), but in LPS mice it worked without changing cytokines
(Walker 2013).  People: changes are transient (hours to ≈3 days) and
inconsistent (IL-6 even rose in Park 2017) and did not track or predict mood
(Park 2017; Kiraly 2017).

Model (rodent-based, TEACHING CHOICE): a transient fall in inflammatory tone
driven by the signalling pulse after the first delay stage M1 of
:mod:`plasticity` (a 7-h lag), peaking within a day and gone in ≈3 days:

    dI/dt = K_INFLAMMATION·M1·(1 − I) − I/TAU_INFLAMMATION_H.

By default it does not feed into mood (weight 0): no human study has shown
that it mediates the antidepressant effect.

The chapter view (step 8)
-------------------------
The chapter turns the cascade's curve I(t) into inflammatory tone for three
markers (:data:`MARKERS`): the cytokines IL-6 and TNF-α, and the kynurenine
pathway, followed through its first enzyme, indoleamine 2,3-dioxygenase (IDO),
which inflammation switches on.  Tone is measured in standard deviations (SD)
above the average of healthy people, the unit of the meta-analyses, so that
0 is a healthy average.

* **A stress-raised baseline** (:data:`BASELINE_SD`).  In a cumulative
  meta-analysis, people with depression had higher IL-6 (d = 0.54) and TNF-α
  (d = 0.40) than controls (Haapakoski 2015).  For the kynurenine pathway the
  baseline is a TEACHING CHOICE: stress raised IDO and the kynurenine to
  tryptophan ratio in rats (Wang 2015), but in people kynurenine itself is
  lower, not higher, in depression on average (Ogyu 2018).
* **The change after ketamine** has the cascade's time course: the shape
  ``I(t)`` divided by its peak after one standard infusion
  (:func:`response_shape`).  Its size depends on the evidence setting:

  - ``"rodent"``: robust reductions (Kopra 2021; Wang 2015), a saturating fall
    that removes RODENT_REDUCTION_SHARE of the stress-raised excess at the
    shape's peak and never more than all of it (TEACHING CHOICE);
  - ``"human"``: small, transient and mixed.  The studies report directions
    and p values, not sizes we could use, so each marker gets a *range* at the
    shape's peak (:data:`HUMAN_RANGE_SD`, TEACHING CHOICE) that spans the
    directions reported: IL-6 rose after one infusion (Park 2017) and fell after
    a course of six (Zhan 2020); TNF-α fell within hours (Chen 2018), rose with
    two infusions in a week (Chen 2021) and fell after a course (Zhan 2020); IDO
    fell for three days while kynurenine rose (Kadriu 2019).  The central curve
    is the middle of the range.

:func:`tone_sd` averages the three markers into one inflammatory tone, and
:func:`phone_temperature_c` maps it onto the chapter's overheating phone.
:data:`STUDIES` lists the studies the chapter's chart draws, with their
species, sample size, direction and whether they tested a link with mood.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from ._validate import check_array, check_choice, check_number, check_times

__all__ = [
    "BASELINE_SD",
    "EVIDENCE",
    "FINDINGS",
    "HEALTHY_TEMPERATURE_C",
    "HUMAN_RANGE_SD",
    "K_INFLAMMATION_PER_H",
    "MARKERS",
    "MARKER_LABELS",
    "OVERHEAT_C",
    "RODENT_REDUCTION_SHARE",
    "STUDIES",
    "TAU_INFLAMMATION_H",
    "Finding",
    "Study",
    "marker_change_sd",
    "phone_temperature_c",
    "response_shape",
    "tone_sd",
]

K_INFLAMMATION_PER_H = 2.0
TAU_INFLAMMATION_H = 16.0

#: The markers of the chapter: two cytokines and the first enzyme of the kynurenine pathway.
MARKERS = ("il6", "tnf", "ido")
#: How the figures and the text name each marker.
MARKER_LABELS = {"il6": "IL-6", "tnf": "TNF-α", "ido": "kynurenine pathway (IDO)"}
#: The two evidence settings of the chapter's switch.
EVIDENCE = ("rodent", "human")

#: Stress-raised baseline, SD above the healthy average: IL-6 and TNF-α from a meta-analysis of people with
#: depression (Haapakoski 2015); IDO a TEACHING CHOICE (raised by stress in rats, Wang 2015; not shown in people).
BASELINE_SD = {"il6": 0.54, "tnf": 0.40, "ido": 0.40}
#: Share of the stress-raised excess that ketamine removes at the peak of its effect in rodents (TEACHING CHOICE:
#: "robust reductions", Kopra 2021; stress-raised cytokines and IDO "attenuated", Wang 2015).
RODENT_REDUCTION_SHARE = 0.8
#: Range of changes (SD) the human studies point to at the peak of the model's time course, per marker
#: (TEACHING CHOICE: the directions are reported, the sizes are illustrative; see the module docstring).
HUMAN_RANGE_SD = {"il6": (-0.15, 0.15), "tnf": (-0.20, 0.10), "ido": (-0.15, 0.05)}

#: The overheating phone: temperature at the healthy average, degrees per SD of tone, and the warning threshold.
HEALTHY_TEMPERATURE_C = 30.0
DEGREES_PER_SD = 24.0
OVERHEAT_C = 38.0

#: Largest dose and time the chapter functions accept (those of the cascade).
_MAX_DAYS = 365.0
_MAX_DOSE_MG_PER_KG = 5.0


@lru_cache(maxsize=1)
def _reference_peak() -> float:
    """Peak of the cascade's inflammation curve after one standard infusion (the shape's 1)."""
    from .timeline import simulate  # the cascade imports this module for its inflammation link

    t_h = np.arange(0.0, 72.0, 0.1)
    return float(simulate(t_h)["inflammation"].max())


def response_shape(t_h, *, infusion_days=(0.0,), dose_mg_per_kg: float = 0.5) -> np.ndarray:
    """Time course of ketamine's effect on inflammatory tone: 1 at its peak after one standard infusion.

    The cascade's inflammation curve (:func:`widgets.models.timeline.simulate`) divided by its peak after
    one 0.5 mg/kg, 40-minute infusion: it rises about 2 hours after the infusion starts, peaks at about 5
    hours and is gone within 3 days (rodent-based timing, TEACHING CHOICE).

    Parameters
    ----------
    t_h : array_like
        Times (h) after the start of the first infusion, 0 to 365 days.
    infusion_days : sequence of float
        Day of each infusion, as in :func:`widgets.models.timeline.simulate`.
    dose_mg_per_kg : float
        Dose of each 40-minute infusion (0-5 mg/kg).

    Returns
    -------
    numpy.ndarray
        Shape (>= 0), shaped like ``t_h``.

    Examples
    --------
    >>> float(response_shape([0.0])[0])
    0.0
    """
    from .timeline import simulate

    t = check_times("t_h", t_h, _MAX_DAYS * 24.0, "h")
    dose = check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, _MAX_DOSE_MG_PER_KG, "mg/kg")
    return simulate(t, infusion_days=infusion_days, dose_mg_per_kg=dose)["inflammation"] / _reference_peak()


def _rodent_change(shape: np.ndarray, marker: str) -> np.ndarray:
    """A saturating fall: RODENT_REDUCTION_SHARE of the excess at shape 1, never more than the whole excess."""
    k = -math.log(1.0 - RODENT_REDUCTION_SHARE)
    return -BASELINE_SD[marker] * (1.0 - np.exp(-k * shape))


def marker_change_sd(
    t_h, marker: str = "tnf", evidence: str = "human", *, infusion_days=(0.0,), dose_mg_per_kg: float = 0.5
) -> dict[str, np.ndarray]:
    """Change of one marker after ketamine, in SD of the healthy population, under one evidence setting.

    Parameters
    ----------
    t_h : array_like
        Times (h) after the start of the first infusion, 0 to 365 days.
    marker : {"il6", "tnf", "ido"}
        IL-6, TNF-α, or IDO for the kynurenine pathway.
    evidence : {"rodent", "human"}
        What the change follows: robust rodent reductions, or the small, mixed human findings.
    infusion_days : sequence of float
        Day of each infusion.
    dose_mg_per_kg : float
        Dose of each 40-minute infusion (0-5 mg/kg).

    Returns
    -------
    dict of str to numpy.ndarray
        ``change`` (the central curve), ``low`` and ``high`` (the range the studies point to; equal to
        ``change`` for the rodent setting), in SD, each shaped like ``t_h``; negative means less inflammation.

    Raises
    ------
    ValueError
        If the marker, the evidence setting, a time, the dose or the schedule is not allowed.

    Examples
    --------
    >>> out = marker_change_sd([5.0], "tnf", "rodent")
    >>> bool(out["change"][0] < 0)
    True
    """
    check_choice("marker", marker, MARKERS)
    check_choice("evidence", evidence, EVIDENCE)
    shape = response_shape(t_h, infusion_days=infusion_days, dose_mg_per_kg=dose_mg_per_kg)
    if evidence == "rodent":
        change = _rodent_change(shape, marker)
        return {"change": change, "low": change.copy(), "high": change.copy()}
    lo, hi = HUMAN_RANGE_SD[marker]
    return {"change": 0.5 * (lo + hi) * shape, "low": lo * shape, "high": hi * shape}


def tone_sd(
    t_h, evidence: str = "human", *, infusion_days=(0.0,), dose_mg_per_kg: float = 0.5
) -> dict[str, np.ndarray]:
    """Inflammatory tone: the three markers' stress-raised baseline plus their change, averaged (SD above healthy).

    Parameters
    ----------
    t_h : array_like
        Times (h) after the start of the first infusion, 0 to 365 days.
    evidence : {"rodent", "human"}
        The evidence setting (see :func:`marker_change_sd`).
    infusion_days : sequence of float
        Day of each infusion.
    dose_mg_per_kg : float
        Dose of each 40-minute infusion (0-5 mg/kg).

    Returns
    -------
    dict of str to numpy.ndarray
        ``tone`` (central), ``low``, ``high`` and ``baseline`` (the tone before the dose), in SD above the
        healthy average, each shaped like ``t_h``.

    Examples
    --------
    >>> round(float(tone_sd([0.0])["tone"][0]), 3)
    0.447
    """
    parts = [
        marker_change_sd(t_h, m, evidence, infusion_days=infusion_days, dose_mg_per_kg=dose_mg_per_kg) for m in MARKERS
    ]
    base = float(np.mean([BASELINE_SD[m] for m in MARKERS]))
    mean = {k: np.mean([p[k] for p in parts], axis=0) for k in ("change", "low", "high")}
    return {
        "tone": base + mean["change"],
        "low": base + mean["low"],
        "high": base + mean["high"],
        "baseline": np.full_like(mean["change"], base),
    }


def phone_temperature_c(tone) -> np.ndarray:
    """The overheating phone's temperature for an inflammatory tone (TEACHING CHOICE, a picture only).

    30 °C at the healthy average, 24 °C more per SD of tone, so that the depressed baseline (about 0.45 SD)
    is above the warning threshold :data:`OVERHEAT_C` (38 °C).

    Parameters
    ----------
    tone : array_like
        Inflammatory tone, SD above the healthy average (-1 to 2).

    Returns
    -------
    numpy.ndarray
        Temperature (°C).

    Examples
    --------
    >>> float(phone_temperature_c(0.0))
    30.0
    """
    return HEALTHY_TEMPERATURE_C + DEGREES_PER_SD * check_array("tone", tone, -1.0, 2.0, "SD")


# --- the studies of the chapter's chart ---------------------------------------------------------------------------


class Study(NamedTuple):
    """One study of ketamine and inflammation, as the chapter's chart draws it.

    Parameters
    ----------
    key : str
        Bibliography key.
    label : str
        Short label, e.g. ``"Park 2017"``.
    species : {"rodent", "human"}
        Who was studied.
    n : int or None
        Sample size: people treated with ketamine, or animals in the study; None when the abstract does not
        give it.
    direction : {"lower", "mixed", "higher"}
        Direction of the inflammation markers after ketamine: lower, mixed or no clear change, higher.
    mood_link : {"linked", "not linked", "not tested"}
        Whether the change went with the antidepressant (or antidepressant-like) effect.
    what : str
        What was measured and found, in one phrase.
    """

    key: str
    label: str
    species: str
    n: int | None
    direction: str
    mood_link: str
    what: str


#: The studies of the chart, rodents first, then people (abstracts; see the chapter for the citations).
STUDIES: tuple[Study, ...] = (
    Study(
        "wang2015",
        "Wang 2015",
        "rodent",
        48,
        "lower",
        "linked",
        "rats under chronic mild stress: IL-1β, IL-6, TNF-α, IDO and the kynurenine to tryptophan ratio lowered",
    ),
    Study(
        "clarke2017",
        "Clarke 2017",
        "rodent",
        None,
        "lower",
        "not tested",
        "rodents given bacterial toxin (LPS): the rise of IL-1β and TNF-α reversed, dose-dependently",
    ),
    Study(
        "walker2013",
        "Walker 2013",
        "rodent",
        None,
        "mixed",
        "not linked",
        "mice given LPS: depression-like behavior prevented with no change in cytokines or IDO",
    ),
    Study(
        "chen2018",
        "Chen 2018",
        "human",
        71,
        "lower",
        "linked",
        "one infusion: TNF-α lower at 40 and 240 minutes; the early fall went with improvement",
    ),
    Study(
        "park2017",
        "Park 2017",
        "human",
        80,
        "mixed",
        "not linked",
        "one infusion, blood from 230 minutes to day 3: IL-6 higher, sTNFR1 lower; no link with mood",
    ),
    Study(
        "kiraly2017",
        "Kiraly 2017",
        "human",
        33,
        "mixed",
        "not linked",
        "one infusion: 41 markers at 4 and 24 hours; some changed briefly, none tracked response",
    ),
    Study(
        "kadriu2019",
        "Kadriu 2019",
        "human",
        39,
        "mixed",
        "not tested",
        "one infusion, bipolar depression: IDO lower, kynurenine and kynurenic acid higher on days 1 and 3",
    ),
    Study(
        "chen2021",
        "Chen 2021",
        "human",
        78,
        "higher",
        "not tested",
        "two infusions in a week: TNF-α higher than after one infusion or placebo",
    ),
    Study(
        "zhan2020",
        "Zhan 2020",
        "human",
        60,
        "lower",
        "linked",
        "six infusions over 12 days: 14 of 19 cytokines lower after the course; IL-6 change weakly linked",
    ),
)


class Finding(NamedTuple):
    """One human measurement of one marker after ketamine, for the chapter's time-course figure.

    Parameters
    ----------
    key : str
        Bibliography key.
    label : str
        Short label, e.g. ``"Chen 2018"``.
    marker : str
        One of :data:`MARKERS`.
    from_h, to_h : float
        Sampling window (h after the first infusion started; 0 when the abstract gives no earlier time).
    direction : {"fell", "no clear change", "rose"}
        What the marker did after ketamine.
    n : int
        Patients treated.
    design : str
        The schedule, in a few words.
    what : str
        The finding, in one phrase.
    label_above : bool
        Whether the figure writes the label above the symbol (else below), so that labels in one row do not
        collide.
    """

    key: str
    label: str
    marker: str
    from_h: float
    to_h: float
    direction: str
    n: int
    design: str
    what: str
    label_above: bool


#: What human studies reported, marker by marker (abstracts).  Zhan 2020 sampled blood 1 and 14 days after the
#: sixth infusion ("days 13 and 26" in the paper), days 12 and 25 of the course's schedule here; its abstract
#: reports the fall after the course without separating the two days.
FINDINGS: tuple[Finding, ...] = (
    Finding("park2017", "Park 2017", "il6", 230 / 60, 72.0, "rose", 80, "one infusion", "IL-6 higher", True),
    Finding("zhan2020", "Zhan 2020", "il6", 12 * 24.0, 25 * 24.0, "fell", 60, "six infusions", "IL-6 lower", False),
    Finding("chen2018", "Chen 2018", "tnf", 40 / 60, 4.0, "fell", 71, "one infusion", "TNF-α lower", True),
    Finding(
        "park2017",
        "Park 2017",
        "tnf",
        230 / 60,
        72.0,
        "fell",
        80,
        "one infusion",
        "sTNFR1, a TNF-α receptor, lower",
        False,
    ),
    Finding("chen2021", "Chen 2021", "tnf", 0.0, 6 * 24.0, "rose", 78, "two infusions", "TNF-α higher", True),
    Finding("zhan2020", "Zhan 2020", "tnf", 12 * 24.0, 25 * 24.0, "fell", 60, "six infusions", "TNF-α lower", True),
    Finding("kadriu2019", "Kadriu 2019", "ido", 230 / 60, 72.0, "fell", 39, "one infusion", "IDO lower", False),
    Finding(
        "kadriu2019",
        "Kadriu 2019",
        "ido",
        24.0,
        72.0,
        "rose",
        39,
        "one infusion",
        "kynurenine and kynurenic acid higher",
        True,
    ),
)
