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
    assert 0 < lm.onset_min <= lm.peak_min < lm.offset_min


@pytest.mark.parametrize("lm", LANDMARKS, ids=lambda lm: lm.key)
def test_every_landmark_cites_works_in_the_bibliography(lm):
    assert lm.citations
    for key in lm.citations:
        assert re.search(rf"@\w+\{{{re.escape(key)},", BIB), f"{key} missing from book/references.bib"


def test_fast_steps_are_over_before_slow_steps_peak():
    # Step 12 of the fact sheet: the acute effects are gone within hours, spines peak near 24 h.
    assert landmark("step05").offset_min < landmark("step07").onset_min
    assert landmark("step01").offset_min < landmark("step10").peak_min
    assert landmark("step07").offset_min >= 7 * 1440


def test_active_steps_at_forty_minutes_and_at_one_week():
    act = active_steps([40.0, 7 * 1440.0])
    keys = [lm.key for lm in LANDMARKS]
    at_40 = {k for k, a in zip(keys, act[:, 0], strict=True) if a}
    at_week = {k for k, a in zip(keys, act[:, 1], strict=True) if a}
    assert {"step01", "step02", "step03", "step05", "step06"} <= at_40
    assert "step07" in at_week and "step01" not in at_week


def test_unknown_highlight_is_rejected():
    with pytest.raises(ValueError, match="highlight must be one of step01"):
        landmark("step99")
    assert active_steps(np.array([1.0])).shape == (len(LANDMARKS), 1)
