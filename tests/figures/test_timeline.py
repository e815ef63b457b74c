"""The timeline strip shown in every chapter."""

from __future__ import annotations

import pytest

from widgets.figures import FIGURES, make_figure
from widgets.figures.curves import curve_name
from widgets.models.landmarks import LANDMARKS
from widgets.models.timeline import STEP_CURVES

TIMELINE = FIGURES["timeline"]


def test_trace_count():
    assert len(make_figure(TIMELINE).data) == 11


@pytest.mark.parametrize("lm", LANDMARKS, ids=lambda lm: lm.key)
def test_highlight_emphasises_the_step_curve_only(lm):
    fig = make_figure(TIMELINE.with_fixed(highlight=lm.key))
    widest = max(fig.data[:10], key=lambda t: t.line.width)
    assert widest.name == curve_name(STEP_CURVES[lm.key])
    assert [t.name for t in fig.data[:10] if t.showlegend is not False] == [widest.name]


def test_unknown_highlight_is_rejected():
    with pytest.raises(ValueError, match="highlight must be one of"):
        make_figure(TIMELINE.with_fixed(highlight="step99"))
