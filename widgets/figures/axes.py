"""Axis helpers shared by the figure builders."""

from __future__ import annotations

import numpy as np

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
