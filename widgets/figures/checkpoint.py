"""Step 1 metaphor: the blood-brain barrier as a security checkpoint.

Top: travelers (dots) of two drugs wait on the blood side or have passed to
the brain side; how many have passed is the model's brain level at the chosen
time.  Bottom: the two brain levels over time on the shared log axis, with the
usual time window of clinical benefit of each drug.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import brain_entry as be
from ..style import COLORS, TEXT_COLORS, band_fill, layout_defaults
from .axes import add_time_cursor, log_time_axis, log_time_grid_min
from .core import FigureSpec, Patch

__all__ = ["CHECKPOINT", "checkpoint_figure"]

#: Travelers per drug, drawn as two rows of five.
N_TRAVELERS = 10
_COLS = 5
_ROWS_Y = {"ketamine": 7.2, "ssri": 2.8}
_NAMES = {"ketamine": "ketamine (one IV infusion)", "ssri": "SSRI (citalopram, once daily)"}
_SHORT = {"ketamine": "ketamine", "ssri": "SSRI (citalopram)"}
_COLORS = {"ketamine": COLORS["drug"], "ssri": COLORS["ssri"]}
_SYMBOLS = {"ketamine": "circle", "ssri": "square"}
_T_MIN = log_time_grid_min(240)
#: Index of the first readout annotation (after the two benefit labels).
_READOUT = len(be.CLINICAL_WINDOWS_MIN)


def _levels(t_min) -> dict[str, np.ndarray]:
    return {"ketamine": be.ketamine_brain_level_pct(t_min), "ssri": be.citalopram_level_pct(t_min)}


def _traveler_xy(n_crossed: int, y_mid: float) -> tuple[np.ndarray, np.ndarray]:
    """Positions: waiting travelers queue on the left, crossed ones on the right."""
    i = np.arange(N_TRAVELERS)
    crossed = i < n_crossed
    slot = np.where(crossed, i, i - n_crossed)
    x = np.where(crossed, 6.0 + 0.75 * (slot % _COLS), 0.6 + 0.75 * (slot % _COLS))
    y = y_mid + np.where(slot < _COLS, 0.55, -0.55)
    return x, y


def checkpoint_figure(**_fixed) -> go.Figure:
    """The checkpoint drawing (traces 0-1, patched) above the time courses.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0-1 travelers of ketamine and the SSRI; 2-3 level curves.
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.36, 0.64], vertical_spacing=0.1)
    for drug in ("ketamine", "ssri"):
        x, y = _traveler_xy(0, _ROWS_Y[drug])
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="markers",
                name=_NAMES[drug],
                legendgroup=drug,
                showlegend=False,
                hoverinfo="skip",
                marker=dict(size=14, color=_COLORS[drug], symbol=_SYMBOLS[drug], line=dict(color="white", width=1)),
            ),
            row=1,
            col=1,
        )
    levels = _levels(_T_MIN)
    dashes = {"ketamine": "solid", "ssri": "dash"}
    for drug in ("ketamine", "ssri"):
        fig.add_trace(
            go.Scatter(
                x=_T_MIN,
                y=levels[drug],
                mode="lines",
                name=_NAMES[drug],
                legendgroup=drug,
                line=dict(color=_COLORS[drug], width=3, dash=dashes[drug]),
                hovertemplate="%{y:.0f}%<extra>" + _NAMES[drug] + "</extra>",
            ),
            row=2,
            col=1,
        )
    # Shapes: 0 the barrier, 1 the time cursor, 2-3 the clinical windows.
    fig.add_shape(
        type="rect",
        x0=4.6,
        x1=5.4,
        y0=0.6,
        y1=9.4,
        xref="x",
        yref="y",
        fillcolor="#D9D9D9",
        line=dict(color="#777777", width=1),
    )
    add_time_cursor(fig, 40.0, xref="x2", yref="y2 domain")
    for k, (drug, (lo, hi)) in enumerate(be.CLINICAL_WINDOWS_MIN.items()):
        y0 = 104 + 9 * k
        fig.add_shape(
            type="rect",
            x0=lo,
            x1=hi,
            y0=y0,
            y1=y0 + 7,
            xref="x2",
            yref="y2",
            fillcolor=band_fill(_COLORS[drug], 0.45),
            line=dict(width=0),
        )
        fig.add_annotation(
            x=np.log10(lo),
            y=y0 + 3.5,
            xref="x2",
            yref="y2",
            xanchor="right",
            showarrow=False,
            text=f"usual time of benefit, {_SHORT[drug]} ",
            font=dict(size=11),
        )
    # Annotations _READOUT and _READOUT + 1: the readouts the slider rewrites.
    for drug in ("ketamine", "ssri"):
        fig.add_annotation(
            x=0.0,
            y=_ROWS_Y[drug] + 1.6,
            xref="x",
            yref="y",
            xanchor="left",
            showarrow=False,
            text="",
            font=dict(size=12, color=TEXT_COLORS["drug" if drug == "ketamine" else "ssri"]),
        )
    for x, text in ((2.1, "blood side"), (7.6, "brain side")):
        fig.add_annotation(x=x, y=10.3, xref="x", yref="y", showarrow=False, text=f"<b>{text}</b>")
    fig.add_annotation(
        x=5.0,
        y=0.1,
        xref="x",
        yref="y",
        showarrow=False,
        text="blood–brain barrier",
        font=dict(size=11, color="#555555"),
    )
    fig.update_layout(**layout_defaults(height=600, margin=dict(t=40)))
    fig.update_layout(legend=dict(y=0.6, yanchor="bottom"))
    fig.update_xaxes(range=[0, 10], visible=False, row=1, col=1)
    fig.update_yaxes(range=[-0.3, 10.8], visible=False, row=1, col=1)
    fig.update_xaxes(**log_time_axis("time since the first dose (log scale)"), row=2, col=1)
    fig.update_yaxes(title_text="brain level (%)", range=[0, 124], tickvals=[0, 25, 50, 75, 100], row=2, col=1)
    return fig


def checkpoint_patch(*, time_since_dose_min, **_fixed) -> Patch:
    """Travelers and readouts at one time after the first dose."""
    levels = {k: float(v[0]) for k, v in _levels([time_since_dose_min]).items()}
    traces = {}
    layout = {"shapes[1].x0": time_since_dose_min, "shapes[1].x1": time_since_dose_min}
    for k, drug in enumerate(("ketamine", "ssri")):
        x, y = _traveler_xy(int(round(N_TRAVELERS * levels[drug] / 100.0)), _ROWS_Y[drug])
        traces[k] = {"x": x, "y": y}
        what = "of its peak" if drug == "ketamine" else "of its steady state"
        layout[f"annotations[{_READOUT + k}].text"] = f"{_SHORT[drug]}: brain level {levels[drug]:.0f}% {what}"
    return Patch(traces=traces, layout=layout)


def checkpoint_description(*, time_since_dose_min, **_fixed) -> str:
    """Text alternative: both brain levels at a few landmark times."""
    t = [40.0, 1440.0, 7 * 1440.0]
    lv = _levels(t)
    now = {k: float(v[0]) for k, v in _levels([time_since_dose_min]).items()}
    return (
        f"Both drugs cross the blood-brain barrier. At {time_since_dose_min:g} minutes after the first dose, "
        f"{round(N_TRAVELERS * now['ketamine'] / 100)} of 10 ketamine travelers and "
        f"{round(N_TRAVELERS * now['ssri'] / 100)} of 10 SSRI travelers have crossed. Ketamine's brain level is "
        f"{lv['ketamine'][0]:.0f}% of its peak at 40 minutes and {lv['ketamine'][1]:.1f}% at 1 day; citalopram's is "
        f"{lv['ssri'][1]:.0f}% of its steady state at 1 day and {lv['ssri'][2]:.0f}% at 1 week. The usual benefit of "
        f"ketamine runs from about 2 hours to a week; that of an SSRI starts in the first weeks of daily dosing, after "
        f"its brain level is already high."
    )


CHECKPOINT = FigureSpec(
    "checkpoint", ("time_since_dose_min",), checkpoint_figure, checkpoint_patch, describe=checkpoint_description
)
