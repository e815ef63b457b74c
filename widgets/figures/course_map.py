"""The course map: every step as an onset-to-offset bar on one log time axis."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..models.landmarks import LANDMARKS, active_steps, landmark
from ..params import get
from ..style import COLORS, layout_defaults
from .axes import add_time_cursor, log_time_axis
from .core import FigureSpec, Patch

__all__ = ["COURSE_MAP", "course_map_figure"]

_FADED = 0.22


def _label(lm) -> str:
    return f"{lm.step}. {lm.title}" if lm.step < 10 else lm.title


def course_map_figure(*, highlight: str | None = None) -> go.Figure:
    """One bar per step from onset to return to baseline, a diamond at the peak.

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
        fig.add_trace(
            go.Scatter(
                x=[lm.onset_min, lm.offset_min],
                y=[_label(lm)] * 2,
                mode="lines",
                showlegend=False,
                line=dict(
                    color=COLORS[lm.concept] if emphasised else COLORS["muted"], width=16 if lm.key == highlight else 11
                ),
                name=_label(lm),
                hovertemplate=f"<b>{_label(lm)}</b><br>evidence: {lm.evidence}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[lm.peak_min for lm in LANDMARKS],
            y=[_label(lm) for lm in LANDMARKS],
            mode="markers",
            name="approximate peak",
            marker=dict(symbol="diamond", size=11, color="white", line=dict(color="#222222", width=2)),
            hovertemplate="peak ≈ %{x:.0f} min<extra></extra>",
        )
    )
    add_time_cursor(fig, 40.0)
    fig.add_annotation(
        x=np.log10(40),
        y=1.0,
        yref="y domain",
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
    spec = get("time_min")
    i = spec.index(time_min)
    label = spec.grid_labels()[i] if i is not None else f"{time_min:g} min"
    text = f"at {label}: {int(active.sum())} of {len(LANDMARKS)} processes under way"
    return Patch(
        traces=traces,
        layout={
            "shapes[0].x0": time_min,
            "shapes[0].x1": time_min,
            "annotations[0].x": float(np.log10(time_min)),
            "annotations[0].text": text,
        },
    )


def _minutes_text(m: float) -> str:
    if m < 90:
        return f"{m:.0f} min"
    if m < 2 * 1440:
        return f"{m / 60:.0f} h"
    return f"{m / 1440:.0f} days"


def course_map_description(*, time_min, highlight: str | None = None) -> str:
    """Text alternative: onset, peak and offset of every step."""
    parts = [
        f"{_label(lm)}: from about {_minutes_text(lm.onset_min)} to {_minutes_text(lm.offset_min)}, "
        f"peak near {_minutes_text(lm.peak_min)} ({lm.evidence})"
        for lm in LANDMARKS
    ]
    return "Reported time course after one research infusion. " + "; ".join(parts) + "."


COURSE_MAP = FigureSpec(
    "course_map", ("time_min",), course_map_figure, course_map_patch, describe=course_map_description
)
