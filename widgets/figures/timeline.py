"""The overlapping timeline strip, drawn by the cascade model.

Shown in the introduction and in every step chapter's "On the timeline"
section: every process after one standard infusion, each as a percentage of
its own peak, on one log time axis, with the chapter's own process
highlighted; the slider moves "now" along the curves.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..models.landmarks import UNDER_WAY, landmark
from ..models.timeline import STEP_CURVES, simulate
from ..params import TIME
from ..style import COLORS, layout_defaults
from .axes import add_readout, add_time_cursor, log_time_axis
from .core import FigureSpec, Patch
from .curves import CURVES, DASH

__all__ = ["TIMELINE", "strip_levels", "timeline_figure"]

#: Fine sampling (h) for the single standard infusion: log-spaced from 1 min to 6 weeks.
_T_STRIP_H = np.geomspace(1.0, 60480.0, 320) / 60.0
_STRIP_LEVELS: dict[str, np.ndarray] | None = None


def strip_levels() -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Times (min) and every curve of one standard infusion as % of its own peak (computed once)."""
    global _STRIP_LEVELS
    if _STRIP_LEVELS is None:
        out = simulate(_T_STRIP_H)
        _STRIP_LEVELS = {k: 100.0 * v / v.max() for k, v in out.items()}
    return _T_STRIP_H * 60.0, _STRIP_LEVELS


def _focus(highlight: str | None) -> str | None:
    return STEP_CURVES[landmark(highlight).key] if highlight is not None else None


def timeline_figure(*, highlight: str | None = None) -> go.Figure:
    """Every process of the cascade after one infusion, % of its own peak, log time.

    Parameters
    ----------
    highlight : str, optional
        Step key whose process is emphasised (e.g. ``"step01"``).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0-9 the curves, trace 10 the "now" markers (patched).
    """
    focus = _focus(highlight)
    t_min, levels = strip_levels()
    fig = go.Figure()
    for key, (name, concept) in CURVES.items():
        on = focus is None or key == focus
        fig.add_trace(
            go.Scatter(
                x=t_min,
                y=levels[key],
                mode="lines",
                name=name,
                line=dict(
                    color=COLORS[concept] if on else COLORS["muted"],
                    width=4 if key == focus else (2 if on else 1.2),
                    dash=DASH.get(key, "solid"),
                ),
                opacity=1.0 if on else 0.55,
                showlegend=on,
                hovertemplate="%{y:.0f}% of its peak<extra>" + name + "</extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[],
            y=[],
            mode="markers",
            name="now",
            showlegend=False,
            hoverinfo="skip",
            marker=dict(size=8, color="white", line=dict(color="#222222", width=2)),
        )
    )
    add_time_cursor(fig, 40.0)
    add_readout(fig)
    fig.update_layout(**layout_defaults(height=400 if focus else 460, margin=dict(t=90 if focus else 120)))
    fig.update_layout(legend=dict(y=1.09))
    fig.update_xaxes(**log_time_axis())
    fig.update_yaxes(title_text="level (% of its own peak)", range=[0, 105], tickvals=[0, 25, 50, 75, 100])
    return fig


def timeline_patch(*, time_min, highlight: str | None = None) -> Patch:
    """Markers on every visible curve at ``time_min``, and a readout."""
    focus = _focus(highlight)
    t_min, levels = strip_levels()
    keys = [focus] if focus else list(CURVES)
    ys = [float(np.interp(np.log(time_min), np.log(t_min), levels[k])) for k in keys]
    label = TIME.label_of(time_min)
    if focus:
        text = f"at {label}: {CURVES[focus][0].split('. ', 1)[-1]} at {ys[0]:.0f}% of its peak"
    else:
        under_way = sum(y >= 100.0 * UNDER_WAY for y in ys)
        text = f"at {label}: {under_way} of {len(ys)} processes at half of their peak or more"
    return Patch(
        traces={len(CURVES): {"x": [time_min] * len(ys), "y": ys}},
        layout={"shapes[0].x0": time_min, "shapes[0].x1": time_min, "annotations[0].text": text},
    )


def _when(t_h: float) -> str:
    if t_h < 1.5:
        return f"{t_h * 60:.0f} minutes"
    if t_h < 48:
        return f"{t_h:.0f} hours"
    return f"{t_h / 24:.0f} days"


def timeline_description(*, time_min, highlight: str | None = None) -> str:
    """Text alternative: when each process of one infusion peaks."""
    focus = _focus(highlight)
    t_min, levels = strip_levels()
    parts = [f"{name} peaks at about {_when(t_min[np.argmax(levels[key])] / 60)}" for key, (name, _) in CURVES.items()]
    emphasis = f" Highlighted: {CURVES[focus][0]}." if focus else ""
    return (
        "Model of one research infusion (0.5 mg/kg over 40 minutes), each process as a percentage of its own peak. "
        + "; ".join(parts)
        + ". The fast processes are over within hours; the slow ones last for days to weeks."
        + emphasis
    )


TIMELINE = FigureSpec(
    "timeline",
    (TIME,),
    timeline_figure,
    timeline_patch,
    timeline_description,
    options={"highlight": None},
)

FIGURES = (TIMELINE,)
