"""The shared log time axis, the time cursor and the readout line."""

from __future__ import annotations

import plotly.graph_objects as go

from widgets.figures.axes import (
    LOG_TIME_TICK_TEXT,
    LOG_TIME_TICKS_MIN,
    add_readout,
    add_time_cursor,
    log_time_axis,
    now_dot,
    time_cursor_shape,
)


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


def test_time_cursor_shape_is_what_add_time_cursor_adds():
    fig = go.Figure()
    add_time_cursor(fig, 40.0, xref="x2", yref="y2 domain")
    shape = time_cursor_shape(40.0, xref="x2", yref="y2 domain")
    assert fig.layout.shapes[0].to_plotly_json() == go.layout.Shape(**shape).to_plotly_json()
    assert (shape["x0"], shape["x1"], shape["y0"], shape["y1"]) == (40.0, 40.0, 0, 1)


def test_now_dot_is_an_empty_unlabelled_marker_for_a_patch_to_place():
    dot = now_dot()
    assert dot.mode == "markers" and len(dot.x) == 0 and len(dot.y) == 0
    assert dot.showlegend is False and dot.hoverinfo == "skip"
