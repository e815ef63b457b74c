"""Axis and overlay helpers shared by the figure builders."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

#: Tick positions (min) and labels of the logarithmic time axis.
LOG_TIME_TICKS_MIN = (1, 10, 60, 360, 1440, 10080, 60480)
LOG_TIME_TICK_TEXT = ("1 min", "10 min", "1 h", "6 h", "1 day", "1 week", "6 weeks")
#: Full extent of the course's timeline: one minute to six weeks.
TIMELINE_RANGE_MIN = (1.0, 60480.0)


def log_time_axis(title: str = "time since the infusion started (log scale)") -> dict:
    """Axis properties of the shared minutes-to-weeks logarithmic time axis."""
    lo, hi = TIMELINE_RANGE_MIN
    return dict(
        type="log",
        range=[np.log10(lo) - 0.03, np.log10(hi) + 0.03],
        tickvals=list(LOG_TIME_TICKS_MIN),
        ticktext=list(LOG_TIME_TICK_TEXT),
        title=dict(text=title),
    )


def log_time_grid_min(n: int = 240) -> np.ndarray:
    """Log-spaced times over the timeline range, for smooth curves."""
    lo, hi = TIMELINE_RANGE_MIN
    return np.geomspace(lo, hi, n)


def time_cursor_shape(x_min: float, *, xref: str = "x", yref: str = "y domain") -> dict:
    """The dotted vertical "now" line that a time slider moves, as a layout shape ``dict``.

    For figures that set their shapes as one list; :func:`add_time_cursor` adds it to a figure.
    """
    return dict(
        type="line",
        x0=x_min,
        x1=x_min,
        y0=0,
        y1=1,
        xref=xref,
        yref=yref,
        line=dict(color="#222222", width=2, dash="dot"),
    )


def add_time_cursor(fig, x_min: float, *, xref: str = "x", yref: str = "y domain") -> None:
    """Add the dotted vertical "now" line that a time slider moves (a layout shape)."""
    fig.add_shape(**time_cursor_shape(x_min, xref=xref, yref=yref))


def now_dot() -> go.Scatter:
    """The dot that marks the chosen time on a curve (empty; a time slider's patch sets its ``x`` and ``y``)."""
    return go.Scatter(
        x=[], y=[], mode="markers", marker=dict(size=10, color="#222222"), showlegend=False, hoverinfo="skip"
    )


def add_readout(fig, *, size: int = 12) -> None:
    """Add an empty text line above the plot, rewritten by a slider (a layout annotation)."""
    fig.add_annotation(
        x=0.0,
        y=1.0,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        text="",
        font=dict(size=size),
        bgcolor="rgba(255,255,255,0.85)",
    )
