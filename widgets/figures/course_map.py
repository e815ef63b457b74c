"""The course map: when each step is under way after one infusion, as bars on one log time axis.

A bar spans the time during which the step's curve in the course's model is at
least half of its own peak (:mod:`widgets.models.landmarks`); a step with two
such spans (the default mode network changes during the infusion and again a
day later) has two bars.  The hover text of each bar says what the literature
reports, and from which kind of evidence.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import plotly.graph_objects as go

from ..models.landmarks import LANDMARKS, active_steps, landmark
from ..params import TIME
from ..style import COLORS, layout_defaults
from .axes import TIMELINE_RANGE_MIN, add_time_cursor, log_time_axis
from .core import FigureSpec, Patch

__all__ = ["COURSE_MAP", "course_map_figure", "spans_text"]

_FADED = 0.22


def _label(lm) -> str:
    return f"{lm.step}. {lm.title}" if lm.step < 10 else lm.title


def course_map_figure(*, highlight: str | None = None) -> go.Figure:
    """One bar per span in which a step is under way, a diamond at its peak.

    Parameters
    ----------
    highlight : str, optional
        Key of the step to emphasise (e.g. ``"step01"``).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0-9 the bars (opacity patched), trace 10 the peaks.
    """
    if highlight is not None:
        landmark(highlight)
    fig = go.Figure()
    for lm in LANDMARKS:
        emphasised = highlight is None or lm.key == highlight
        xs: list = []
        for a, b in lm.intervals_min:
            xs += [a, b, None]
        fig.add_trace(
            go.Scatter(
                x=xs[:-1],
                y=[_label(lm)] * (len(xs) - 1),
                mode="lines",
                showlegend=False,
                line=dict(
                    color=COLORS[lm.concept] if emphasised else COLORS["muted"], width=16 if lm.key == highlight else 11
                ),
                name=_label(lm),
                hovertemplate=f"<b>{_label(lm)}</b><br>{_wrap(lm.reported)}<br>evidence: {lm.evidence}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[lm.peak_min for lm in LANDMARKS],
            y=[_label(lm) for lm in LANDMARKS],
            mode="markers",
            name="peak",
            marker=dict(symbol="diamond", size=11, color="white", line=dict(color="#222222", width=2)),
            hovertemplate="peak at about %{x:.0f} min<extra></extra>",
        )
    )
    add_time_cursor(fig, 40.0)
    fig.add_annotation(
        x=np.log10(40),
        y=1.0,
        yref="y domain",
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        text="",
        bgcolor="rgba(255,255,255,0.85)",
        font=dict(size=12),
    )
    fig.update_layout(**layout_defaults(height=480, margin=dict(l=210, t=64), legend=dict(x=1, xanchor="right")))
    fig.update_xaxes(**log_time_axis())
    fig.update_yaxes(autorange="reversed", title_text="", showgrid=False)
    return fig


def course_map_patch(*, time_min, highlight: str | None = None) -> Patch:
    """Fade the steps that are not under way at ``time_min``."""
    active = active_steps([time_min])[:, 0]
    traces = {i: {"opacity": 1.0 if a else _FADED} for i, a in enumerate(active)}
    label = TIME.label_of(time_min)
    text = f"at {label}: {int(active.sum())} of {len(LANDMARKS)} processes under way"
    return Patch(
        traces=traces,
        layout={
            "shapes[0].x0": time_min,
            "shapes[0].x1": time_min,
            "annotations[0].x": float(np.log10(time_min)),
            # The readout sits beside the cursor, on the side with room: it never runs off the figure.
            "annotations[0].xanchor": "left"
            if time_min < math.sqrt(TIMELINE_RANGE_MIN[0] * TIMELINE_RANGE_MIN[1])
            else "right",
            "annotations[0].text": text,
        },
    )


def _wrap(text: str, width: int = 60) -> str:
    """Hover text on several lines (Plotly does not wrap it)."""
    return "<br>".join(textwrap.wrap(text, width))


def _minutes_text(m: float) -> str:
    if m < 90:
        return f"{m:.0f} min"
    if m < 2 * 1440:
        return f"{m / 60:.0f} h"
    return f"{m / 1440:.0f} days"


def spans_text(lm) -> str:
    """When a step is under way, in words: "15 min to 1 h", or two spans joined by "and"."""
    return " and ".join(f"{_minutes_text(a)} to {_minutes_text(b)}" for a, b in lm.intervals_min)


def course_map_description(*, time_min, highlight: str | None = None) -> str:
    """Text alternative: when every step is under way, and what the literature reports."""
    parts = []
    for lm in LANDMARKS:
        parts.append(
            f"{_label(lm)}: at least half of its peak from {spans_text(lm)}, peak near {_minutes_text(lm.peak_min)} "
            f"(reported: {lm.reported.rstrip('.')}; evidence: {lm.evidence})"
        )
    return "When each step is under way after one research infusion, in the course's model. " + "; ".join(parts) + "."


COURSE_MAP = FigureSpec(
    "course_map",
    (TIME,),
    course_map_figure,
    course_map_patch,
    course_map_description,
    options={"highlight": None},
    # On a phone the step names take less of the width.
    narrow={"margin.l": 40, "yaxis.tickfont.size": 11},
)

FIGURES = (COURSE_MAP,)


def _fast_end_min() -> float:
    return max(lm.offset_min for lm in LANDMARKS if lm.step in (1, 2, 3, 5))


NUMBERS = {
    "intro_fast_steps_end_h": lambda: _fast_end_min() / 60.0,
    "intro_mood_end_d": lambda: landmark("step10").offset_min / 1440.0,
    "intro_mood_outlasts_fast_d": lambda: (landmark("step10").offset_min - _fast_end_min()) / 1440.0,
    "intro_mood_onset_min": lambda: landmark("step10").onset_min,
    "intro_steps_at_40min": lambda: int(active_steps([40.0])[:, 0].sum()),
    "intro_steps_at_1d": lambda: int(active_steps([1440.0])[:, 0].sum()),
}
