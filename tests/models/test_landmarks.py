"""The literature timeline behind the course map."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from widgets.models.landmarks import LANDMARKS, active_steps, landmark

BIB = (Path(__file__).resolve().parents[2] / "book" / "references.bib").read_text()


def test_every_step_of_the_course_has_one_landmark():
    assert [lm.step for lm in LANDMARKS] == list(range(1, 11))
    assert len({lm.key for lm in LANDMARKS}) == len(LANDMARKS)


@pytest.mark.parametrize("lm", LANDMARKS, ids=lambda lm: lm.key)
def test_onset_before_peak_before_offset(lm):
    assert 0 < lm.onset_min <= lm.peak_min <= lm.offset_min
    for (a, b), (c, _) in zip(lm.intervals_min, lm.intervals_min[1:], strict=False):
        assert a < b < c


@pytest.mark.parametrize("lm", LANDMARKS, ids=lambda lm: lm.key)
def test_every_landmark_cites_works_in_the_bibliography(lm):
    assert lm.citations and lm.reported.endswith(".")
    for key in lm.citations:
        assert re.search(rf"@\w+\{{{re.escape(key)},", BIB), f"{key} missing from book/references.bib"


H, D = 60.0, 1440.0
#: What the literature reports, as (earliest, latest) windows in minutes for the model's times; each with its source.
REPORTED = {
    # Plasma peaks at the end of the 40-min infusion (Zarate 2006 via Zanos 2018; Clements 1981).
    "step01": {"peak": (35, 45)},
    # Glx peaked about 26 min into the infusion; null 1-3 h later (Milak 2016).
    "step02": {"peak": (15, 40), "offset": (0, 2 * H)},
    # Dissociation peaks at 40 min, mostly gone by 80-120 min (Luckenbaugh 2014; Zarate 2006).
    "step05": {"peak": (35, 50), "offset": (0, 2 * H)},
    # mTORC1 signalling peaks 30-60 min after a dose, back by about 2 h (Li 2010; Autry 2011).
    "step06": {"peak": (30, 90), "offset": (0, 3 * H)},
    # Spine formation raised at 12-24 h, density up to 2 weeks (Moda-Sava 2019; Phoumthipphavong 2016).
    "step07": {"onset": (6 * H, 24 * H), "peak": (24 * H, 3 * D), "offset": (3 * D, 14 * D)},
    # Cytokine changes transient: hours to about 3 days (Park 2017; Kiraly 2017).
    "step08": {"peak": (2 * H, 24 * H), "offset": (0, 3 * D)},
    # Connectivity normalized at 24-48 h, reversed by about 10 days (Abdallah 2017; Evans 2018).
    "step04": {"peak": (18 * H, 3 * D), "offset": (5 * D, 12 * D)},
    "step09": {"peak": (18 * H, 3 * D), "offset": (5 * D, 12 * D)},
    # Improvement within about 2 h, peak near 24 h, lost between days 5 and 8 (Zarate 2006; Shiroma 2020).
    "step10": {"onset": (40, 2 * H), "peak": (20 * H, 36 * H), "offset": (5 * D, 8 * D)},
}


@pytest.mark.parametrize("key", sorted(REPORTED))
def test_the_model_times_agree_with_the_reported_time_course(key):
    """The course map is drawn from the model; here the model is held to the literature (sources above)."""
    lm = landmark(key)
    times = {"onset": lm.onset_min, "peak": lm.peak_min, "offset": lm.offset_min}
    for what, (lo, hi) in REPORTED[key].items():
        assert lo <= times[what] <= hi, f"{key} {what} at {times[what]:.0f} min, reported {lo:.0f}-{hi:.0f} min"


def test_fast_steps_are_over_before_slow_steps_begin():
    for fast in ("step01", "step02", "step03", "step05", "step06"):
        assert landmark(fast).offset_min < landmark("step07").onset_min
    assert landmark("step01").offset_min < landmark("step10").peak_min


def test_active_steps_at_forty_minutes_and_at_five_days():
    act = active_steps([40.0, 5 * D])
    keys = [lm.key for lm in LANDMARKS]
    at_40 = {k for k, a in zip(keys, act[:, 0], strict=True) if a}
    at_5d = {k for k, a in zip(keys, act[:, 1], strict=True) if a}
    assert {"step01", "step02", "step03", "step05", "step06"} <= at_40
    assert {"step07", "step09", "step10"} <= at_5d and "step01" not in at_5d


def test_the_course_map_and_the_timeline_strip_agree():
    """Both maps come from one model: a step is under way on the map exactly when the strip shows it at half its
    peak."""
    from widgets.figures.timeline import strip_levels
    from widgets.models.landmarks import UNDER_WAY

    t_min, levels = strip_levels()
    sample = t_min[::7]
    act = active_steps(sample)
    for row, lm in zip(act, LANDMARKS, strict=True):
        strip = np.interp(np.log(sample), np.log(t_min), levels[lm.curve]) >= 100 * UNDER_WAY
        disagree = np.flatnonzero(row != strip)
        # Sampling differs between the two; they may differ only next to an edge of a bar.
        for i in disagree:
            assert any(abs(np.log(sample[i] / edge)) < 0.05 for span in lm.intervals_min for edge in span), lm.key


def test_unknown_highlight_is_rejected():
    with pytest.raises(ValueError, match="highlight must be one of step01"):
        landmark("step99")
    assert active_steps(np.array([1.0])).shape == (len(LANDMARKS), 1)
