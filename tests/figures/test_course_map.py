"""The course map of the introduction."""

from __future__ import annotations

import pytest

from widgets.figures import FIGURES, make_figure

COURSE_MAP = FIGURES["course_map"]


def test_trace_count():
    assert len(make_figure(COURSE_MAP).data) == 11


def test_highlight_widens_one_bar():
    fig = make_figure(COURSE_MAP.with_fixed(highlight="step01"))
    widths = [t.line.width for t in fig.data[:10]]
    assert widths[0] > max(widths[1:])


def test_steps_not_under_way_are_faded():
    fig = make_figure(COURSE_MAP, time_min=40)
    late = make_figure(COURSE_MAP, time_min=10080)
    assert [t.opacity for t in fig.data[:10]] != [t.opacity for t in late.data[:10]]


def test_unknown_highlight_is_rejected():
    with pytest.raises(ValueError, match="highlight must be one of"):
        make_figure(COURSE_MAP.with_fixed(highlight="nope"))
