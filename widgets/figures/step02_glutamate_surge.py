"""Step 2, the glutamate surge: the figures of the chapter.

* ``dimmer``, the metaphor: a room lit by one bulb on a dimmer.  The bulb is
  the pyramidal cells' glutamate, the hand holding the dimmer down is the GABA
  interneurons, a spring pulls the dimmer back (the circuit's slower
  compensation) and the wire is the pyramidal cells' own NMDA-driven power.
  Every part is set by the chapter's rate model (:func:`.circuit.glutamate_time_course`)
  at the chosen time and dose.
* ``glutamate_time``: glutamate change over the first four hours for a dose
  and an interneuron preference, with the human spectroscopy measurements.
* ``dose_window``: the average change over the first hour against the dose,
  the inverted U, with the doses of depression trials and the anesthetic range.
* ``jump_start``: the burst handing over to the slower steps of the cascade
  (BDNF signaling, new spines) on the course's shared log time axis.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import circuit
from ..models import pharmacokinetics as pk
from ..models.timeline import simulate
from ..params import DOSE, TIME, UNITLESS, ParamSpec, time_labels
from ..style import COLORS, TEXT_COLORS, band_fill, layout_defaults
from .axes import add_readout, add_time_cursor, log_time_axis, log_time_grid_min, now_dot
from .core import FigureSpec, Patch
from .curves import CURVES, curve_line, curve_name

__all__ = [
    "DIMMER",
    "DOSE_WINDOW",
    "GLUTAMATE_TIME",
    "JUMP_START",
    "dimmer_figure",
    "dose_window_figure",
    "glutamate_time_figure",
    "jump_start_figure",
]

#: Dose of one 40-minute infusion, from research doses up to anesthetic ones (a wider copy of the shared dose).
DOSE_RANGE = replace(
    DOSE,
    name="dose_range_mg_per_kg",
    label="dose over 40 minutes",
    max=5.0,
    static_values=(0.1, 0.2, 0.5, 1.0, 2.0, 3.0, 5.0),
)
#: How many times less free drug the interneurons need than the pyramidal cells for the same effect.
PREFERENCE = ParamSpec(
    "preference",
    "interneuron preference",
    UNITLESS,
    default=circuit.DEFAULT_PREFERENCE,
    scale="values",
    values=(1.0, 2.0, 4.0, circuit.DEFAULT_PREFERENCE),
    labels=("none", "2-fold", "4-fold", "9-fold"),
)
_SURGE_TIMES_MIN = (1, 5, 10, 20, 30, 40, 60, 90, 120, 180, 240, 480, 720, 1440)
#: Time since the infusion started, over the first day (the rate model's own span).
TIME_SURGE = replace(
    TIME,
    name="time_surge_min",
    values=_SURGE_TIMES_MIN,
    labels=time_labels(_SURGE_TIMES_MIN),
    static_values=(1, 10, 20, 30, 40, 60, 90, 120, 240, 480),
)

PARAMS = (DOSE_RANGE, PREFERENCE, TIME_SURGE)

#: Measured changes in human brain glutamate, as (minutes, % change, ± %, label, source).
MILAK = (26.0, 37.8, 7.5)
PCC_NULL = (193.0, 0.0, 4.0)
#: Effect-site level (ng/mL) where the anesthetic range begins (Zanos 2018, Table 1).
ANESTHETIC_NG_PER_ML = pk.BANDS_NG_PER_ML["anesthetic"][0]
#: Doses tested in a dose-finding trial in depression (mg/kg over 40 min; Fava 2020).
TRIAL_DOSES = (0.1, 1.0)

_GLU = COLORS["glutamate"]
_GLU_TEXT = TEXT_COLORS["glutamate"]


def anesthetic_dose_mg_per_kg() -> float:
    """Smallest 40-minute dose whose effect-site peak reaches the anesthetic range (1,200 ng/mL), in the model."""
    t = np.arange(0.0, 121.0, 0.5)
    per_mg = float(pk.effect_site_concentration(t, dose_mg_per_kg=1.0).max())
    return ANESTHETIC_NG_PER_ML / per_mg


# --- the dimmer (the metaphor) -----------------------------------------------------------------------------------

_KNOB_X, _KNOB_LOW, _KNOB_HIGH = 6.9, 3.7, 5.7
_BULB = (3.4, 7.4)
#: Brightness of the room (overlay opacity) at baseline glutamate, and its change per % of glutamate.
_BASE_LIGHT, _LIGHT_PER_PCT = 0.3, 0.009
_N_RAYS = 12
#: The hand (pointing left, fingertips at the origin), drawn as one outline.
_HAND = np.array(
    [
        (0.0, 0.02),
        (0.05, 0.18),
        (0.18, 0.25),
        (0.65, 0.25),
        (0.8, 0.32),
        (1.25, 0.32),
        (1.8, 0.28),
        (1.8, -0.28),
        (1.25, -0.32),
        (0.8, -0.32),
        (0.62, -0.52),
        (0.42, -0.5),
        (0.45, -0.25),
        (0.18, -0.2),
        (0.05, -0.14),
        (0.0, 0.02),
    ]
)


@lru_cache(maxsize=512)
def _state(time_min: float, dose: float) -> dict[str, float]:
    out = circuit.glutamate_time_course([float(time_min)], dose_mg_per_kg=dose)
    return {k: float(v[0]) for k, v in out.items()}


def _light(glutamate_pct: float) -> float:
    return float(np.clip(_BASE_LIGHT + _LIGHT_PER_PCT * glutamate_pct, 0.02, 0.95))


def _rays(light: float) -> tuple[list, list]:
    """Rays around the bulb: more and longer as the light grows (so brightness is not shown by color alone)."""
    n = int(round(_N_RAYS * min(1.0, light / 0.8)))
    xs, ys = [], []
    length = 0.35 + 0.9 * light
    for k in range(n):
        a = 2 * np.pi * k / _N_RAYS + np.pi / _N_RAYS
        x0, y0 = _BULB[0] + 0.55 * np.cos(a), _BULB[1] + 0.55 * np.sin(a)
        xs += [round(x0, 3), round(x0 + length * np.cos(a), 3), None]
        ys += [round(y0, 3), round(y0 + length * np.sin(a), 3), None]
    return xs, ys


def _hand(grip_lost: float) -> tuple[list, list]:
    """The hand's outline: on the knob at full grip, lifted away and up as the interneurons fall silent."""
    knob_y = _KNOB_LOW
    dx, dy = 0.1 + 0.9 * grip_lost, 1.0 * grip_lost
    return list(_KNOB_X + 0.12 + dx + _HAND[:, 0]), list(knob_y + 0.15 + dy + _HAND[:, 1])


def _spring(knob_y: float) -> tuple[list, list]:
    """A zigzag spring from the bottom of the slot to the knob: the circuit's slower compensation."""
    y = np.linspace(3.3, knob_y - 0.2, 11)
    x = _KNOB_X + np.where(np.arange(11) % 2 == 0, -0.12, 0.12)
    x[0] = x[-1] = _KNOB_X
    return list(np.round(x, 3)), list(np.round(y, 3))


#: Times (min) of the dimmer's lower panel: log-spaced over the first day.
_T_DIMMER_MIN = np.geomspace(1.0, 1440.0, 60)
#: Layout shapes the patch rewrites.
_LIGHT, _GLOW, _WIRE, _CURSOR = 2, 3, 4, 13


def dimmer_figure() -> go.Figure:
    """The room, its bulb, the dimmer, the hand, the spring and the wire, above the glutamate curve.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0 the rays, 1 the knob, 2 the hand, 3 the spring, 4 the glutamate
        curve, 5 its "now" marker (all patched); 6 the bulb; 7 the wire's legend
        entry.  Shapes 2 (room light), 3 (glow), 4 (wire) and 13 (time cursor)
        are patched.
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.66, 0.34], vertical_spacing=0.1)
    # Patched traces first, all with the same properties (x, y).
    fig.add_trace(
        go.Scatter(x=[], y=[], mode="lines", line=dict(color="#F2C14E", width=3), hoverinfo="skip", showlegend=False),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[_KNOB_X],
            y=[_KNOB_LOW],
            mode="markers",
            marker=dict(symbol="square", size=20, color="#FAFAFA", line=dict(color="#333333", width=2)),
            hoverinfo="skip",
            name="dimmer",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[],
            y=[],
            mode="lines",
            fill="toself",
            fillcolor="#E8B894",
            line=dict(color="#7A4E2D", width=2),
            hoverinfo="skip",
            name="hand: GABA interneurons",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[], y=[], mode="lines", line=dict(color="#555555", width=2), hoverinfo="skip", name="spring: compensation"
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=_T_DIMMER_MIN,
            y=np.zeros_like(_T_DIMMER_MIN),
            mode="lines",
            line=dict(color=_GLU, width=3),
            showlegend=False,
            name="glutamate",
            hovertemplate="%{y:+.0f}%<extra>glutamate</extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(now_dot(), row=2, col=1)
    fig.add_trace(
        go.Scatter(
            x=[_BULB[0]],
            y=[_BULB[1]],
            mode="markers",
            marker=dict(symbol="circle", size=30, color="#FFF4D6", line=dict(color="#8A6D1F", width=2)),
            hoverinfo="skip",
            name="bulb: glutamate",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            line=dict(color="#E69F00", width=4),
            hoverinfo="skip",
            name="wire: own NMDA drive",
        ),
        row=1,
        col=1,
    )
    room = dict(x0=0.2, x1=9.8, y0=0.6, y1=9.7, xref="x", yref="y")
    # Shapes: 0 the dark room, 1 the floor, 2 the light in the room, 3 the glow, 4 the wire, 5-12 fittings, 13 cursor.
    fig.add_shape(type="rect", **room, fillcolor="#2E3440", line=dict(color="#222222", width=2), layer="below")
    fig.add_shape(type="rect", x0=0.2, x1=9.8, y0=0.6, y1=1.8, fillcolor="#4C3B2A", line=dict(width=0), layer="below")
    fig.add_shape(type="rect", **room, fillcolor="rgba(255,214,110,0.3)", line=dict(width=0), layer="below")
    fig.add_shape(
        type="circle",
        x0=_BULB[0] - 1.4,
        x1=_BULB[0] + 1.4,
        y0=_BULB[1] - 1.4,
        y1=_BULB[1] + 1.4,
        fillcolor="rgba(255,236,170,0.3)",
        line=dict(width=0),
        layer="below",
    )
    fig.add_shape(
        type="path",
        path=f"M {_KNOB_X} 6.0 L {_KNOB_X} 9.3 L {_BULB[0]} 9.3 L {_BULB[0]} {_BULB[1] + 0.5}",
        line=dict(color="#E69F00", width=4),
        layer="below",
    )
    fig.add_shape(
        type="rect",
        x0=_KNOB_X - 0.55,
        x1=_KNOB_X + 0.55,
        y0=3.0,
        y1=6.1,
        fillcolor="#D9D9D9",
        line=dict(color="#777777"),
        layer="below",
    )
    fig.add_shape(
        type="line", x0=_KNOB_X, x1=_KNOB_X, y0=3.3, y1=5.9, line=dict(color="#555555", width=3), layer="below"
    )
    # A table with two legs and a window on the night outside, so that the room reads as a room.
    for x0, x1, y0, y1 in ((1.2, 4.6, 3.0, 3.3), (1.5, 1.75, 1.8, 3.0), (4.05, 4.3, 1.8, 3.0)):
        fig.add_shape(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, fillcolor="#7A5C3E", line=dict(width=0), layer="below")
    fig.add_shape(
        type="rect",
        x0=8.2,
        x1=9.4,
        y0=6.0,
        y1=8.6,
        fillcolor="#1B2440",
        line=dict(color="#8C8C8C", width=3),
        layer="below",
    )
    fig.add_shape(type="line", x0=8.8, x1=8.8, y0=6.0, y1=8.6, line=dict(color="#8C8C8C", width=2), layer="below")
    fig.add_shape(type="circle", x0=8.35, x1=8.65, y0=7.9, y1=8.3, fillcolor="#F5F0D0", line=dict(width=0))
    add_time_cursor(fig, 40.0, xref="x2", yref="y2 domain")
    add_readout(fig, size=13)
    fig.update_xaxes(range=[0, 10], visible=False, fixedrange=True, row=1, col=1)
    fig.update_yaxes(range=[0.4, 10], visible=False, fixedrange=True, row=1, col=1)
    axis = log_time_axis()
    axis.update(
        range=[-0.03, np.log10(1440.0) + 0.03],
        tickvals=[1, 10, 60, 360, 1440],
        ticktext=["1 min", "10 min", "1 h", "6 h", "1 day"],
    )
    fig.update_xaxes(**axis, row=2, col=1)
    fig.update_yaxes(title_text="glutamate (%)", range=[-70, 50], tickvals=[-50, 0, 50], row=2, col=1)
    fig.update_layout(**layout_defaults(height=620, margin=dict(t=110, l=56, r=16)))
    fig.update_layout(legend=dict(y=1.06))
    return fig


def dimmer_patch(*, time_surge_min, dose_range_mg_per_kg) -> Patch:
    """The room at one time after an infusion of one dose, and the glutamate curve of that dose."""
    s = _state(time_surge_min, dose_range_mg_per_kg)
    light = _light(s["glutamate_pct"])
    rx, ry = _rays(light)
    knob_y = _KNOB_LOW + (_KNOB_HIGH - _KNOB_LOW) * min(1.0, s["disinhibition"] / 0.6)
    hx, hy = _hand(1.0 - s["interneuron_activity"])
    sx, sy = _spring(knob_y)
    curve = dimmer_curve(dose_range_mg_per_kg)
    wire = band_fill("#E69F00", round(0.15 + 0.85 * s["pyramidal_capacity"], 3))
    when = TIME_SURGE.label_of(time_surge_min)
    text = (
        f"<b>{when}, {dose_range_mg_per_kg:g} mg/kg</b>: glutamate {s['glutamate_pct']:+.0f}%, "
        f"interneurons firing at {100 * s['interneuron_activity']:.0f}%"
    )
    return Patch(
        # Every patched trace carries its opacity; only the hand's changes: it fades as the interneurons fall silent.
        traces={
            0: {"x": rx, "y": ry, "opacity": 1.0},
            1: {"x": [_KNOB_X], "y": [round(knob_y, 3)], "opacity": 1.0},
            2: {"x": hx, "y": hy, "opacity": round(0.25 + 0.75 * s["interneuron_activity"], 3)},
            3: {"x": sx, "y": sy, "opacity": 1.0},
            4: {"x": _T_DIMMER_MIN, "y": curve, "opacity": 1.0},
            5: {"x": [float(time_surge_min)], "y": [s["glutamate_pct"]], "opacity": 1.0},
        },
        layout={
            f"shapes[{_LIGHT}].fillcolor": f"rgba(255,214,110,{light:.3f})",
            f"shapes[{_GLOW}].fillcolor": f"rgba(255,236,170,{min(0.95, 0.2 + light):.3f})",
            f"shapes[{_WIRE}].line.color": wire,
            f"shapes[{_CURSOR}].x0": float(time_surge_min),
            f"shapes[{_CURSOR}].x1": float(time_surge_min),
            "annotations[0].text": text,
        },
    )


@lru_cache(maxsize=64)
def dimmer_curve(dose: float) -> np.ndarray:
    """Glutamate change (%) over the first day for one dose, at the dimmer's times (cached)."""
    return circuit.glutamate_time_course(_T_DIMMER_MIN, dose_mg_per_kg=dose)["glutamate_pct"]


def dimmer_description(*, time_surge_min, dose_range_mg_per_kg) -> str:
    """Text alternative: what the room shows, with the model's numbers."""
    s = _state(time_surge_min, dose_range_mg_per_kg)
    when = TIME_SURGE.label_of(time_surge_min)
    return (
        f"A room lit by one bulb on a dimmer (teaching model). {when} after the start of a {dose_range_mg_per_kg:g} "
        f"mg/kg infusion over 40 minutes, {100 * s['block']:.0f}% of NMDA receptors are blocked. The hand on the "
        f"dimmer, the GABA interneurons, fires at {100 * s['interneuron_activity']:.0f}% of its usual rate, so the "
        f"dimmer slides up; a spring, the circuit's slower compensation, pulls it back. The bulb's glutamate is "
        f"{s['glutamate_pct']:+.0f}% from baseline, and the pyramidal cells keep "
        f"{100 * s['pyramidal_capacity']:.0f}% of their own NMDA-driven power."
    )


DIMMER = FigureSpec(
    "dimmer",
    (TIME_SURGE, DOSE_RANGE),
    dimmer_figure,
    dimmer_patch,
    dimmer_description,
    # On a phone the legend (the key to the room) takes more lines.
    narrow={"margin.t": 150, "legend.y": 1.1, "height": 660},
)


# --- glutamate over time -----------------------------------------------------------------------------------------

#: Times (min) of the time-course figure: every 2 minutes for 4 hours.
T_COURSE_MIN = np.arange(0.0, 241.0, 2.0)


def glutamate_time_figure() -> go.Figure:
    """Glutamate change (% of baseline) over 4 hours, with the human measurements.

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 the model (patched); 1 the peak in depressed patients (Milak 2016);
        2 the null result about 3 hours after an infusion (healthy men).
    """
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=T_COURSE_MIN,
            y=np.zeros_like(T_COURSE_MIN),
            mode="lines",
            name="model, prefrontal glutamate",
            line=dict(color=_GLU, width=3),
            hovertemplate="%{x:.0f} min: %{y:+.0f}%<extra>model</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[MILAK[0]],
            y=[MILAK[1]],
            error_y=dict(type="constant", value=MILAK[2], thickness=2, width=6, color="#222222"),
            mode="markers",
            marker=dict(symbol="diamond", size=11, color="white", line=dict(color="#222222", width=2)),
            name="peak measured in depression (n = 8)",
            hovertemplate="Glx +37.8% ± 7.5% at about 26 min<extra>medial prefrontal cortex</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[PCC_NULL[0]],
            y=[PCC_NULL[1]],
            error_y=dict(type="constant", value=PCC_NULL[2], thickness=2, width=6, color="#555555"),
            error_x=dict(type="constant", value=4.0, thickness=1, width=3, color="#555555"),
            mode="markers",
            marker=dict(symbol="square", size=9, color="white", line=dict(color="#555555", width=2)),
            name="no change about 3 h later (n = 12)",
            hovertemplate="no change at 193 ± 4 min; smallest detectable ±4%<extra>posterior cingulate</extra>",
        )
    )
    fig.add_vrect(x0=0, x1=40, fillcolor=band_fill(COLORS["muted"], 0.15), line_width=0, layer="below")
    fig.add_hline(y=0, line=dict(color="#777777", width=1))
    fig.add_annotation(
        x=20, y=1.0, xref="x", yref="paper", yanchor="top", showarrow=False, text="infusion", font=dict(size=11)
    )
    fig.update_layout(**layout_defaults(height=440, margin=dict(t=96)))
    fig.update_layout(legend=dict(y=1.03))
    fig.update_xaxes(title_text="time since the infusion started (min)", range=[0, 240], dtick=30)
    fig.update_yaxes(title_text="change in glutamate (% of baseline)", range=[-80, 60], dtick=20)
    return fig


def glutamate_time_patch(*, dose_range_mg_per_kg, preference) -> Patch:
    """The model's time course for one dose and one interneuron preference."""
    out = circuit.glutamate_time_course(T_COURSE_MIN, dose_mg_per_kg=dose_range_mg_per_kg, preference=preference)
    return Patch(traces={0: {"y": out["glutamate_pct"]}})


def glutamate_time_description(*, dose_range_mg_per_kg, preference) -> str:
    """Text alternative: peak, timing and what remains later, against the measurements."""
    g = circuit.glutamate_time_course(T_COURSE_MIN, dose_mg_per_kg=dose_range_mg_per_kg, preference=preference)[
        "glutamate_pct"
    ]
    hi, lo = int(np.argmax(g)), int(np.argmin(g))
    at = {m: float(np.interp(m, T_COURSE_MIN, g)) for m in (90, 193)}
    low = f" and falls to {g[lo]:+.0f}% at {T_COURSE_MIN[lo]:.0f} minutes" if g[lo] < -1 else ""
    return (
        f"Change in prefrontal glutamate over 4 hours after {dose_range_mg_per_kg:g} mg/kg over 40 minutes, with an "
        f"interneuron preference of {PREFERENCE.label_of(preference)} (teaching model). The model rises to "
        f"{g[hi]:+.0f}% at {T_COURSE_MIN[hi]:.0f} minutes{low}; it is at {at[90]:+.0f}% at 90 minutes and "
        f"{at[193]:+.0f}% at 193 minutes. Measured in people: a peak of +37.8% ± 7.5% about 26 minutes into the "
        f"standard infusion in 8 depressed patients, and no change 193 minutes after an infusion in 12 healthy men."
    )


GLUTAMATE_TIME = FigureSpec(
    "glutamate_time",
    (DOSE_RANGE, PREFERENCE),
    glutamate_time_figure,
    glutamate_time_patch,
    glutamate_time_description,
    narrow={"margin.t": 120, "legend.y": 1.02},
)


# --- the dose window (the inverted U) -----------------------------------------------------------------------------

#: Doses (mg/kg over 40 min) of the dose-window curve.
DOSES_MG_PER_KG = np.round(np.arange(0.0, 5.01, 0.1), 1)


@lru_cache(maxsize=8)
def dose_curve(preference: float) -> np.ndarray:
    """Average glutamate change over the first hour (%) at every dose of :data:`DOSES_MG_PER_KG` (cached)."""
    return circuit.glutamate_dose_response(DOSES_MG_PER_KG, preference=preference)


def window_upper_dose_mg_per_kg(preference: float = circuit.DEFAULT_PREFERENCE) -> float:
    """Largest dose, above the rise, at which the first-hour average is still above baseline (model)."""
    curve = dose_curve(preference)
    top = int(np.argmax(curve))
    below = np.flatnonzero(curve[top:] <= 0.0)
    return float(DOSES_MG_PER_KG[top + below[0] - 1]) if below.size else float(DOSES_MG_PER_KG[-1])


def dose_window_figure() -> go.Figure:
    """First-hour glutamate change against dose, with the trial doses and the anesthetic range.

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 the curve, trace 1 the chosen dose (both patched).
    """
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=DOSES_MG_PER_KG,
            y=np.zeros_like(DOSES_MG_PER_KG),
            mode="lines",
            name="model",
            line=dict(color=_GLU, width=3),
            hovertemplate="%{x:.1f} mg/kg: %{y:+.0f}%<extra>first-hour average</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[0.5],
            y=[0.0],
            mode="markers",
            marker=dict(size=13, color=_GLU, line=dict(color="#222222", width=2)),
            name="chosen dose",
            hovertemplate="%{x:.1f} mg/kg: %{y:+.0f}%<extra>chosen dose</extra>",
        )
    )
    lo, hi = TRIAL_DOSES
    fig.add_vrect(x0=lo, x1=hi, fillcolor=band_fill(COLORS["dissociative"], 0.14), line_width=0, layer="below")
    fig.add_vrect(
        x0=anesthetic_dose_mg_per_kg(),
        x1=5.0,
        fillcolor=band_fill(COLORS["anesthetic"], 0.14),
        line_width=0,
        layer="below",
    )
    fig.add_hline(y=0, line=dict(color="#777777", width=1))
    for x, text, color, anchor in (
        (lo + 0.05, "doses in<br>depression trials", TEXT_COLORS["dissociative"], "left"),
        (4.95, "anesthetic<br>levels", TEXT_COLORS["anesthetic"], "right"),
    ):
        fig.add_annotation(
            x=x,
            y=0.98,
            xref="x",
            yref="paper",
            xanchor=anchor,
            yanchor="top",
            align=anchor,
            showarrow=False,
            text=text,
            font=dict(size=11, color=color),
        )
    fig.update_layout(**layout_defaults(height=420, showlegend=False, margin=dict(t=40)))
    fig.update_xaxes(title_text="dose over 40 minutes (mg/kg)", range=[0, 5], dtick=0.5)
    fig.update_yaxes(title_text="first-hour change in glutamate (%)", range=[-45, 35], dtick=10)
    return fig


def dose_window_patch(*, dose_range_mg_per_kg, preference) -> Patch:
    """The curve for one interneuron preference and the point of one dose."""
    curve = dose_curve(preference)
    y = float(np.interp(dose_range_mg_per_kg, DOSES_MG_PER_KG, curve))
    return Patch(
        traces={
            0: {"x": DOSES_MG_PER_KG, "y": curve},
            1: {"x": [dose_range_mg_per_kg], "y": [y]},
        }
    )


def dose_window_description(*, dose_range_mg_per_kg, preference) -> str:
    """Text alternative: the inverted U in numbers."""
    curve = dose_curve(preference)
    top = int(np.argmax(curve))
    y = float(np.interp(dose_range_mg_per_kg, DOSES_MG_PER_KG, curve))
    return (
        f"Average change in prefrontal glutamate over the first hour against the dose given over 40 minutes, with "
        f"an interneuron preference of {PREFERENCE.label_of(preference)} (teaching model). The curve rises to "
        f"{curve[top]:+.0f}% at {DOSES_MG_PER_KG[top]:.1f} mg/kg, stays above baseline up to "
        f"{window_upper_dose_mg_per_kg(preference):.1f} mg/kg and falls to {curve[-1]:+.0f}% at 5 mg/kg. Doses of "
        f"depression trials span 0.1 to 1 mg/kg; anesthetic levels begin near {anesthetic_dose_mg_per_kg():.1f} "
        f"mg/kg. At the chosen {dose_range_mg_per_kg:g} mg/kg the change is {y:+.0f}%."
    )


DOSE_WINDOW = FigureSpec(
    "dose_window",
    (DOSE_RANGE, PREFERENCE),
    dose_window_figure,
    dose_window_patch,
    dose_window_description,
)


# --- the jump-start: the burst hands over to slower steps --------------------------------------------------------

_JUMP_KEYS = ("glutamate", "bdnf", "spines")
_T_JUMP_MIN = log_time_grid_min(240)


@lru_cache(maxsize=1)
def jump_levels() -> dict[str, np.ndarray]:
    """The cascade's glutamate, BDNF and spine curves after one standard infusion, % of each peak."""
    out = simulate(_T_JUMP_MIN / 60.0)
    return {k: 100.0 * out[k] / out[k].max() for k in _JUMP_KEYS}


def _at(key: str, t_min: float) -> float:
    return float(np.interp(np.log(t_min), np.log(_T_JUMP_MIN), jump_levels()[key]))


def jump_start_figure() -> go.Figure:
    """Glutamate, BDNF signaling and new spines after one infusion, % of their peaks, log time.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0-2 the curves; trace 3 the "now" markers (patched).
    """
    fig = go.Figure()
    levels = jump_levels()
    for key in _JUMP_KEYS:
        name = curve_name(key)
        fig.add_trace(
            go.Scatter(
                x=_T_JUMP_MIN,
                y=levels[key],
                mode="lines",
                name=name,
                line=curve_line(key, 3),
                hovertemplate="%{y:.0f}% of its peak<extra>" + name + "</extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[],
            y=[],
            mode="markers",
            marker=dict(size=10, color="#222222"),
            showlegend=False,
            name="now",
            hoverinfo="skip",
        )
    )
    add_time_cursor(fig, 40.0)
    add_readout(fig)
    # Labels beside each peak: the jump-start to the left, the engine to the right, the running engine above.
    for key, text, anchor in (
        ("glutamate", "jump-start ", "right"),
        ("bdnf", " engine catches", "left"),
        ("spines", "running on its own", "center"),
    ):
        i = int(np.argmax(levels[key]))
        fig.add_annotation(
            x=np.log10(_T_JUMP_MIN[i]),
            y=levels[key][i],
            xref="x",
            yref="y",
            xanchor=anchor,
            yanchor="bottom",
            showarrow=False,
            text=text,
            font=dict(size=11, color=TEXT_COLORS[CURVES[key][1]]),
        )
    fig.update_layout(**layout_defaults(height=440, margin=dict(t=110)))
    fig.update_layout(legend=dict(y=1.12))
    fig.update_xaxes(**log_time_axis())
    fig.update_yaxes(title_text="level (% of its own peak)", range=[0, 118], tickvals=[0, 25, 50, 75, 100])
    return fig


def jump_start_patch(*, time_min) -> Patch:
    """Markers on the three curves and the readout at one time."""
    values = [_at(k, time_min) for k in _JUMP_KEYS]
    lead = max(range(3), key=lambda i: values[i])
    text = (
        f"at {TIME.label_of(time_min)}: glutamate burst {values[0]:.0f}%, BDNF {values[1]:.0f}%, "
        f"spines {values[2]:.0f}% of their peaks; in front: {curve_name(_JUMP_KEYS[lead], numbered=False)}"
    )
    return Patch(
        traces={3: {"x": [time_min] * 3, "y": values}},
        layout={"shapes[0].x0": time_min, "shapes[0].x1": time_min, "annotations[0].text": text},
    )


def jump_start_description(*, time_min) -> str:
    """Text alternative: when each process peaks and where they are at the chosen time."""
    levels = jump_levels()
    peaks = {k: _T_JUMP_MIN[int(np.argmax(levels[k]))] for k in _JUMP_KEYS}
    values = [_at(k, time_min) for k in _JUMP_KEYS]
    return (
        f"Three processes of the cascade after one standard infusion, each in % of its own peak, on a log time axis "
        f"from 1 minute to 6 weeks (teaching model). The glutamate burst peaks at about {peaks['glutamate']:.0f} "
        f"minutes, BDNF signaling at about {peaks['bdnf']:.0f} minutes and new spines at about "
        f"{peaks['spines'] / 1440:.1f} days. At {TIME.label_of(time_min)}, they are at {values[0]:.0f}%, "
        f"{values[1]:.0f}% and {values[2]:.0f}% of their peaks."
    )


JUMP_START = FigureSpec(
    "jump_start",
    (TIME,),
    jump_start_figure,
    jump_start_patch,
    jump_start_description,
    # On a phone the labels of the peaks are broken over two lines, so that they keep apart.
    narrow={
        "margin.t": 150,
        "legend.y": 1.2,
        "annotations[1].text": "jump-<br>start ",
        "annotations[2].text": " engine<br> catches",
        "annotations[3].text": "running<br>on its own",
    },
)

FIGURES = (DIMMER, GLUTAMATE_TIME, DOSE_WINDOW, JUMP_START)


# --- numbers the chapter quotes from the model ------------------------------------------------------------------------

_T_FINE_MIN = np.arange(0.0, 481.0, 0.5)


@lru_cache(maxsize=16)
def course(dose: float = 0.5, preference: float = circuit.DEFAULT_PREFERENCE) -> dict[str, np.ndarray]:
    """The rate model over 8 hours at 30-s steps (cached)."""
    return circuit.glutamate_time_course(_T_FINE_MIN, dose_mg_per_kg=dose, preference=preference)


def _peak(dose: float = 0.5, preference: float = circuit.DEFAULT_PREFERENCE) -> float:
    return float(course(dose, preference)["glutamate_pct"].max())


def _peak_min(dose: float = 0.5) -> float:
    return float(_T_FINE_MIN[int(np.argmax(course(dose)["glutamate_pct"]))])


def _at_min(key: str, t_min: float, dose: float = 0.5) -> float:
    return float(np.interp(t_min, _T_FINE_MIN, course(dose)[key]))


def _first_below_min(level_pct: float) -> float:
    g = course()["glutamate_pct"]
    after = (_T_FINE_MIN > _T_FINE_MIN[int(np.argmax(g))]) & (g < level_pct)
    return float(_T_FINE_MIN[np.flatnonzero(after)[0]])


def _curve_at(dose: float, preference: float = circuit.DEFAULT_PREFERENCE) -> float:
    return float(np.interp(dose, DOSES_MG_PER_KG, dose_curve(preference)))


def _best_dose(preference: float = circuit.DEFAULT_PREFERENCE) -> float:
    return float(DOSES_MG_PER_KG[int(np.argmax(dose_curve(preference)))])


NUMBERS = {
    "s02_peak_pct": lambda: _peak(),
    "s02_peak_min": lambda: _peak_min(),
    "s02_at_60_pct": lambda: _at_min("glutamate_pct", 60.0),
    "s02_at_90_pct": lambda: _at_min("glutamate_pct", 90.0),
    "s02_at_193_pct": lambda: _at_min("glutamate_pct", 193.0),
    "s02_below_5_min": lambda: _first_below_min(5.0),
    "s02_block_at_peak_pct": lambda: 100.0 * _at_min("block", _peak_min()),
    "s02_block_at_40_pct": lambda: 100.0 * _at_min("block", 40.0),
    "s02_block_at_193_pct": lambda: 100.0 * _at_min("block", 193.0),
    "s02_interneurons_at_40_pct": lambda: 100.0 * _at_min("interneuron_activity", 40.0),
    "s02_pyramidal_at_40_pct": lambda: 100.0 * _at_min("pyramidal_capacity", 40.0),
    "s02_at_40_pct": lambda: _at_min("glutamate_pct", 40.0),
    "s02_peak_01_pct": lambda: _peak(0.1),
    "s02_peak_02_pct": lambda: _peak(0.2),
    "s02_peak_10_pct": lambda: _peak(1.0),
    "s02_peak_pref1_pct": lambda: _peak(0.5, 1.0),
    "s02_peak_pref4_pct": lambda: _peak(0.5, 4.0),
    "s02_preference": lambda: circuit.DEFAULT_PREFERENCE,
    "s02_half_interneuron_pct": lambda: 100.0 * circuit.interneuron_half_block(),
    "s02_half_pyramidal_pct": lambda: 100.0 * circuit.interneuron_half_block(1.0),
    "s02_compensation_min": lambda: 60.0 * circuit.ADAPTATION_TAU_H,
    "s02_compensation_pct": lambda: 100.0 * circuit.ADAPTATION,
    "s02_first_hour_05_pct": lambda: _curve_at(0.5),
    "s02_first_hour_best_pct": lambda: float(dose_curve(circuit.DEFAULT_PREFERENCE).max()),
    "s02_best_dose": lambda: _best_dose(),
    "s02_window_upper_dose": lambda: window_upper_dose_mg_per_kg(),
    "s02_anesthetic_dose": lambda: anesthetic_dose_mg_per_kg(),
    "s02_first_hour_4mg_pct": lambda: _curve_at(4.0),
    "s02_first_hour_5mg_pct": lambda: _curve_at(5.0),
    "s02_min_5mg_pct": lambda: float(course(5.0)["glutamate_pct"].min()),
    "s02_peak_5mg_min": lambda: _peak_min(5.0),
    "s02_rebound_5mg_pct": lambda: float(course(5.0)["glutamate_pct"][_T_FINE_MIN >= 180.0].max()),
    "s02_rebound_5mg_h": lambda: float(
        _T_FINE_MIN[_T_FINE_MIN >= 180.0][int(np.argmax(course(5.0)["glutamate_pct"][_T_FINE_MIN >= 180.0]))] / 60.0
    ),
    "s02_bdnf_peak_min": lambda: float(_T_JUMP_MIN[int(np.argmax(jump_levels()["bdnf"]))]),
    "s02_spines_peak_d": lambda: float(_T_JUMP_MIN[int(np.argmax(jump_levels()["spines"]))] / 1440.0),
    **{
        f"s02_{what}_pref{int(p)}": fn
        for p in (1.0, 2.0, 4.0)
        for what, fn in (
            ("best_dose", lambda p=p: _best_dose(p)),
            ("best_pct", lambda p=p: float(dose_curve(p).max())),
            ("upper_dose", lambda p=p: window_upper_dose_mg_per_kg(p)),
        )
    },
    "s02_glutamate_peak_cascade_min": lambda: float(_T_JUMP_MIN[int(np.argmax(jump_levels()["glutamate"]))]),
}
