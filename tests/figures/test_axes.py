"""The shared log time axis, the time cursor and the readout line."""

from __future__ import annotations

import plotly.graph_objects as go

from widgets.figures.axes import LOG_TIME_TICK_TEXT, LOG_TIME_TICKS_MIN, add_readout, add_time_cursor, log_time_axis


def test_log_time_axis_spans_minutes_to_weeks_with_readable_ticks():
    axis = log_time_axis("time (log scale)")
    assert axis["type"] == "log"
    assert axis["tickvals"] == list(LOG_TIME_TICKS_MIN) and axis["ticktext"] == list(LOG_TIME_TICK_TEXT)
    assert axis["range"][0] < 0 < 4.7 < axis["range"][1]


def test_cursor_and_readout_are_the_first_shape_and_annotation():
    fig = go.Figure()
    add_time_cursor(fig, 40.0)
    add_readout(fig)
    assert fig.layout.shapes[0].x0 == fig.layout.shapes[0].x1 == 40.0
    assert fig.layout.annotations[0].text == ""
