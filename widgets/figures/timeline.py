"""The overlapping timeline drawn by the cascade model.

Three figures share :func:`widgets.models.timeline.simulate`:

* ``timeline``: the strip shown in the introduction and in every step chapter's
  "On the timeline" section: every process after one standard infusion, each
  as a percentage of its own peak, on one log time axis, with the chapter's
  own process highlighted; the slider moves "now" along the curves.
* ``journey``: the complete journey (step 10): a schedule of infusions, with
  the drug in the blood above and the slow processes below; sliders for the
  dose, the number of infusions, the days between them and maintenance.
* ``city``: the city after the storm, whose roads, weather and lights are set
  by the model at the chosen time, beside the model values themselves.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models.landmarks import landmark
from ..models.timeline import STEP_CURVES, simulate
from ..params import get
from ..style import COLORS, layout_defaults
from .axes import add_readout, add_time_cursor, log_time_axis
from .core import FigureSpec, Patch

__all__ = ["CITY", "JOURNEY", "TIMELINE", "city_figure", "journey_figure", "schedule_days", "timeline_figure"]

#: Display name and colour key of every curve, in the order of the steps.
CURVES = {
    "plasma": ("1. ketamine in blood", "drug"),
    "glutamate": ("2. glutamate burst", "glutamate"),
    "nmda_block": ("3. NMDA receptor block", "nmda"),
    "dmn": ("4. default mode network shift", "dmn"),
    "dissociation": ("5. dissociation", "dissociation"),
    "bdnf": ("6. BDNF signaling", "bdnf"),
    "spines": ("7. new spines", "spines"),
    "inflammation": ("8. inflammation change", "inflammation"),
    "network": ("9. network balance", "network"),
    "mood": ("mood benefit", "mood"),
}
_DASH = {"spines": "dash", "network": "dot", "dmn": "dashdot", "inflammation": "longdash", "mood": "solid"}

#: Fine sampling (h) for the single standard infusion: log-spaced from 1 min to 6 weeks.
_T_STRIP_H = np.geomspace(1.0, 60480.0, 320) / 60.0
_STRIP_LEVELS: dict[str, np.ndarray] | None = None


def _strip_levels() -> dict[str, np.ndarray]:
    """Every curve of one standard infusion as % of its own peak (computed once)."""
    global _STRIP_LEVELS
    if _STRIP_LEVELS is None:
        out = simulate(_T_STRIP_H)
        _STRIP_LEVELS = {k: 100.0 * v / v.max() for k, v in out.items()}
    return _STRIP_LEVELS


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
    focus = STEP_CURVES[landmark(highlight).key] if highlight else None
    levels = _strip_levels()
    t_min = _T_STRIP_H * 60.0
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
                    dash=_DASH.get(key, "solid"),
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
    focus = STEP_CURVES[landmark(highlight).key] if highlight else None
    levels = _strip_levels()
    t_min = _T_STRIP_H * 60.0
    keys = [focus] if focus else list(CURVES)
    ys = [float(np.interp(np.log(time_min), np.log(t_min), levels[k])) for k in keys]
    spec = get("time_min")
    i = spec.index(time_min)
    label = spec.grid_labels()[i] if i is not None else f"{time_min:g} min"
    if focus:
        text = f"at {label}: {CURVES[focus][0].split('. ', 1)[-1]} at {ys[0]:.0f}% of its peak"
    else:
        under_way = sum(y >= 10.0 for y in ys)
        text = f"at {label}: {under_way} of {len(ys)} processes above 10% of their peak"
    return Patch(
        traces={len(CURVES): {"x": [time_min] * len(ys), "y": ys}},
        layout={"shapes[0].x0": time_min, "shapes[0].x1": time_min, "annotations[0].text": text},
    )


# --- the complete journey ------------------------------------------------------------------------------------------

#: Last day drawn by the journey and the city (eight weeks).
_HORIZON_DAYS = 56.0
_MAINTENANCE_GAP_DAYS = {"none": None, "weekly": 7.0, "fortnightly": 14.0}
_JOURNEY_KEYS = ("dissociation", "bdnf", "spines", "network", "mood")
#: Plot bins of the journey (log-spaced edges, minutes).
_EDGES_MIN = np.geomspace(1.0, _HORIZON_DAYS * 1440.0, 141)


def schedule_days(n_infusions: int, interval_days: float, maintenance: str = "none") -> tuple[float, ...]:
    """Days of the infusions: a course, then optional maintenance up to eight weeks.

    Parameters
    ----------
    n_infusions : int
        Infusions in the course (>= 1).
    interval_days : float
        Days between course infusions.
    maintenance : {"none", "weekly", "fortnightly"}
        Maintenance infusions after the course.

    Returns
    -------
    tuple of float
        Sorted days, starting at 0.
    """
    if maintenance not in _MAINTENANCE_GAP_DAYS:
        raise ValueError(
            f"maintenance must be one of {', '.join(map(repr, _MAINTENANCE_GAP_DAYS))}; got {maintenance!r}"
        )
    days = [i * float(interval_days) for i in range(int(n_infusions))]
    gap = _MAINTENANCE_GAP_DAYS[maintenance]
    while gap and days[-1] + gap <= _HORIZON_DAYS - 1:
        days.append(days[-1] + gap)
    return tuple(days)


def _binned(days: tuple[float, ...], dose_mg_per_kg: float) -> dict[str, np.ndarray]:
    """Simulate finely, then keep each plot bin's maximum so that no brief peak is lost."""
    fine = [np.geomspace(1.0, _HORIZON_DAYS * 1440.0, 700)]
    for d in days:
        fine.append(d * 1440.0 + np.arange(0.0, 720.0, 4.0))
    t_min = np.unique(np.concatenate(fine))
    t_min = t_min[t_min <= _HORIZON_DAYS * 1440.0]
    out = simulate(t_min / 60.0, dose_mg_per_kg=dose_mg_per_kg, infusion_days=days)
    bins = np.clip(np.searchsorted(_EDGES_MIN, t_min, side="right") - 1, 0, _EDGES_MIN.size - 2)
    binned = {}
    for key, values in out.items():
        peak = np.zeros(_EDGES_MIN.size - 1)
        np.maximum.at(peak, bins, values)
        binned[key] = peak
    return binned


def _bin_centres_min() -> np.ndarray:
    return np.sqrt(_EDGES_MIN[:-1] * _EDGES_MIN[1:])


def journey_figure(**_fixed) -> go.Figure:
    """The drug in the blood (top) and the slow processes (bottom) for a schedule.

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 plasma, traces 1-5 dissociation, BDNF, spines, network,
        mood (all patched); trace 6 the mood after one infusion, for reference.
    """
    x = _bin_centres_min()
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.3, 0.7], vertical_spacing=0.06)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=np.zeros_like(x),
            mode="lines",
            name=CURVES["plasma"][0],
            line=dict(color=COLORS["drug"], width=2),
            hovertemplate="%{y:.0f} ng/mL<extra>ketamine in blood</extra>",
        ),
        row=1,
        col=1,
    )
    for key in _JOURNEY_KEYS:
        name, concept = CURVES[key]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=np.zeros_like(x),
                mode="lines",
                name=name,
                line=dict(color=COLORS[concept], width=3.5 if key == "mood" else 2, dash=_DASH.get(key, "solid")),
                hovertemplate="%{y:.0f}%<extra>" + name + "</extra>",
            ),
            row=2,
            col=1,
        )
    single = _binned((0.0,), 0.5)["mood"]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=100.0 * single,
            mode="lines",
            name="mood benefit, one infusion (reference)",
            line=dict(color=COLORS["muted"], width=2, dash="dot"),
            hovertemplate="%{y:.0f}%<extra>one infusion</extra>",
        ),
        row=2,
        col=1,
    )
    lo, hi = _EDGES_MIN[0], _EDGES_MIN[-1]
    axis = log_time_axis("time since the first infusion (log scale)")
    axis.update(
        range=[np.log10(lo) - 0.03, np.log10(hi) + 0.03],
        tickvals=[1, 60, 1440, 10080, 40320],
        ticktext=["1 min", "1 h", "1 day", "1 week", "4 weeks"],
        tickangle=0,
    )
    fig.update_xaxes(**axis, row=2, col=1)
    fig.update_xaxes(type="log", range=axis["range"], showticklabels=False, row=1, col=1)
    fig.update_yaxes(title_text="blood (ng/mL)", range=[0, 420], tickvals=[0, 200, 400], row=1, col=1)
    fig.update_yaxes(title_text="effect (% of maximum)", range=[0, 100], row=2, col=1)
    fig.update_layout(**layout_defaults(height=560, margin=dict(t=110)))
    fig.update_layout(legend=dict(y=1.04))
    return fig


def journey_patch(*, dose_mg_per_kg, n_infusions, interval_days, maintenance, **_fixed) -> Patch:
    """Binned curves for one schedule."""
    out = _binned(schedule_days(n_infusions, interval_days, maintenance), dose_mg_per_kg)
    traces = {0: {"y": out["plasma"]}}
    for i, key in enumerate(_JOURNEY_KEYS, start=1):
        traces[i] = {"y": 100.0 * out[key]}
    return Patch(traces=traces)


# --- the city after the storm ----------------------------------------------------------------------------------------

#: Six infusions over 12 days, three a week (Murrough 2013), then weekly maintenance to eight weeks.
_COURSE_DAYS = (0.0, 2.0, 4.0, 7.0, 9.0, 11.0)
_SCHEDULES = {
    "single": (0.0,),
    "course": _COURSE_DAYS,
    "maintenance": _COURSE_DAYS + tuple(11.0 + 7.0 * k for k in range(1, 7)),
}
#: Districts of the city (x, y, name) and the roads between them (indices).
_DISTRICTS = (
    (1.5, 7.5, "memory"),
    (5.0, 8.6, "planning"),
    (8.5, 7.3, "attention"),
    (1.8, 2.6, "senses"),
    (5.0, 1.6, "self"),
    (8.3, 2.8, "feelings"),
    (5.0, 5.0, "center"),
)
#: Roads intact even in the storm, then the damaged ones in the order they are repaired.
_INTACT = ((0, 3), (3, 4), (4, 5))
_DAMAGED = ((6, 0), (6, 2), (6, 4), (0, 1), (1, 2), (2, 5), (6, 1), (6, 5), (6, 3))
#: Spine level at which every damaged road is repaired (the six-infusion course reaches ≈0.46).
_SPINES_FOR_ALL_ROADS = 0.45
_CLOUD_SLOTS = ((2.0, 10.2), (3.2, 10.6), (4.4, 10.1), (5.6, 10.6), (6.8, 10.2), (8.0, 10.6), (9.0, 10.1), (2.6, 9.7))
_LIGHT_SLOTS = ((3.4, 6.0), (6.6, 6.2), (3.6, 3.8), (6.4, 3.9), (5.0, 6.9), (5.0, 3.2))
_DASHBOARD = ("mood", "network", "spines", "bdnf", "dissociation")


def _segments(pairs) -> tuple[list, list]:
    xs, ys = [], []
    for a, b in pairs:
        xs += [_DISTRICTS[a][0], _DISTRICTS[b][0], None]
        ys += [_DISTRICTS[a][1], _DISTRICTS[b][1], None]
    return xs, ys


def _city_state(schedule: str, time_min: float) -> dict[str, float]:
    out = simulate([time_min / 60.0], infusion_days=_SCHEDULES[schedule])
    return {k: float(v[0]) for k, v in out.items()}


def city_figure(**_fixed) -> go.Figure:
    """The city (left) and the model values it is drawn from (right).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0 repaired roads, 1 damaged roads, 2 clouds, 3 sun, 4 lights,
        5 the dashboard bars (all patched); 6 intact roads; 7 districts.
    """
    fig = make_subplots(rows=1, cols=2, column_widths=[0.58, 0.42], horizontal_spacing=0.16)
    specs = (
        ("repaired road", dict(mode="lines", line=dict(color=COLORS["spines"], width=5))),
        ("damaged road", dict(mode="lines", line=dict(color="#B0B0B0", width=2, dash="dot"))),
        (
            "storm clouds (low mood)",
            dict(mode="markers", marker=dict(symbol="circle", size=26, color="#7F8C99", opacity=0.85)),
        ),
        (
            "sun (mood benefit)",
            dict(
                mode="markers",
                marker=dict(symbol="star", size=30, color="#E69F00", line=dict(color="#8A5A00", width=1)),
            ),
        ),
        (
            "strange lights (dissociation)",
            dict(mode="markers", marker=dict(symbol="diamond", size=12, color=COLORS["dissociation"])),
        ),
    )
    for name, style in specs:
        fig.add_trace(go.Scatter(x=[], y=[], name=name, hoverinfo="skip", **style), row=1, col=1)
    fig.add_trace(
        go.Bar(
            x=[0.0] * len(_DASHBOARD),
            y=[CURVES[k][0] for k in _DASHBOARD],
            orientation="h",
            marker=dict(color=[COLORS[CURVES[k][1]] for k in _DASHBOARD]),
            showlegend=False,
            name="model",
            texttemplate="%{x:.0f}%",
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.0f}% of maximum<extra></extra>",
        ),
        row=1,
        col=2,
    )
    x, y = _segments(_INTACT)
    fig.add_trace(
        go.Scatter(
            x=x, y=y, mode="lines", name="road that held", hoverinfo="skip", line=dict(color="#555555", width=5)
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[d[0] for d in _DISTRICTS],
            y=[d[1] for d in _DISTRICTS],
            mode="markers+text",
            text=[d[2] for d in _DISTRICTS],
            textposition="bottom center",
            showlegend=False,
            marker=dict(size=20, color="white", line=dict(color="#222222", width=2)),
            hoverinfo="skip",
            name="districts",
        ),
        row=1,
        col=1,
    )
    add_readout(fig, size=13)
    fig.update_xaxes(range=[0, 10], visible=False, row=1, col=1)
    fig.update_yaxes(range=[0.4, 11.2], visible=False, row=1, col=1)
    fig.update_xaxes(title_text="model value (% of maximum)", range=[0, 100], row=1, col=2)
    fig.update_yaxes(autorange="reversed", row=1, col=2)
    fig.update_layout(**layout_defaults(height=470, margin=dict(t=110, l=24)), bargap=0.35)
    fig.update_layout(legend=dict(y=1.06))
    return fig


def city_patch(*, time_course_min, schedule, **_fixed) -> Patch:
    """Roads, weather, lights and dashboard at one time for one schedule."""
    state = _city_state(schedule, time_course_min)
    n_repaired = int(round(len(_DAMAGED) * min(1.0, state["spines"] / _SPINES_FOR_ALL_ROADS)))
    rx, ry = _segments(_DAMAGED[:n_repaired])
    dx, dy = _segments(_DAMAGED[n_repaired:])
    n_clouds = int(round(len(_CLOUD_SLOTS) * (1.0 - state["mood"])))
    clouds = _CLOUD_SLOTS[:n_clouds]
    sun = [(9.3, 10.4)] if state["mood"] >= 0.25 else []
    lights = _LIGHT_SLOTS[: int(round(len(_LIGHT_SLOTS) * state["dissociation"]))]
    spec = get("time_course_min")
    i = spec.index(time_course_min)
    when = spec.grid_labels()[i] if i is not None else f"{time_course_min:g} min"
    text = (
        f"<b>{when} after the first infusion</b>: {n_repaired} of {len(_DAMAGED)} damaged roads repaired, "
        f"ketamine in blood {state['plasma']:.0f} ng/mL"
    )
    return Patch(
        traces={
            0: {"x": rx, "y": ry},
            1: {"x": dx, "y": dy},
            2: {"x": [c[0] for c in clouds], "y": [c[1] for c in clouds]},
            3: {"x": [s[0] for s in sun], "y": [s[1] for s in sun]},
            4: {"x": [p[0] for p in lights], "y": [p[1] for p in lights]},
            5: {"x": [100.0 * state[k] for k in _DASHBOARD], "y": [CURVES[k][0] for k in _DASHBOARD]},
        },
        layout={"annotations[0].text": text},
    )


def _when(t_h: float) -> str:
    if t_h < 1.5:
        return f"{t_h * 60:.0f} minutes"
    if t_h < 48:
        return f"{t_h:.0f} hours"
    return f"{t_h / 24:.0f} days"


def timeline_description(*, time_min, highlight: str | None = None) -> str:
    """Text alternative: when each process of one infusion peaks."""
    levels = _strip_levels()
    parts = [f"{name} peaks at about {_when(_T_STRIP_H[np.argmax(levels[key])])}" for key, (name, _) in CURVES.items()]
    focus = f" Highlighted: {CURVES[STEP_CURVES[highlight]][0]}." if highlight else ""
    return (
        "Model of one research infusion (0.5 mg/kg over 40 minutes), each process as a percentage of its own peak. "
        + "; ".join(parts)
        + ". The fast processes are over within hours; the slow ones last for days to weeks."
        + focus
    )


def journey_description(*, dose_mg_per_kg, n_infusions, interval_days, maintenance, **_fixed) -> str:
    """Text alternative: course against one infusion."""
    days = schedule_days(n_infusions, interval_days, maintenance)
    course = _binned(days, dose_mg_per_kg)["mood"]
    single = _binned((0.0,), 0.5)["mood"]
    x = _bin_centres_min() / 1440.0
    return (
        f"{len(days)} infusions of {dose_mg_per_kg:g} mg/kg on days {', '.join(f'{d:g}' for d in days)}. "
        "Ketamine is in the blood for a few hours after each infusion. "
        f"Mood benefit peaks at {100 * course.max():.0f}% of the maximum near day {x[np.argmax(course)]:.0f}, "
        f"against {100 * single.max():.0f}% near day "
        f"{x[np.argmax(single)]:.0f} after one infusion, and fades over the weeks after the last infusion "
        f"({100 * float(np.interp(days[-1] + 21, x, course)):.0f}% three weeks after it)."
    )


def city_description(*, time_course_min, schedule, **_fixed) -> str:
    """Text alternative: the state of the city at the chosen time."""
    state = _city_state(schedule, time_course_min)
    n_repaired = int(round(len(_DAMAGED) * min(1.0, state["spines"] / _SPINES_FOR_ALL_ROADS)))
    return (
        f"The city {time_course_min / 1440:g} days after the first infusion, schedule: {schedule}. "
        f"{n_repaired} of {len(_DAMAGED)} damaged roads are repaired; mood benefit {100 * state['mood']:.0f}%, "
        f"network balance {100 * state['network']:.0f}%, new spines {100 * state['spines']:.0f}%, BDNF signaling "
        f"{100 * state['bdnf']:.0f}% and dissociation {100 * state['dissociation']:.0f}% of their maximum; "
        f"ketamine in blood {state['plasma']:.1f} ng/mL."
    )


TIMELINE = FigureSpec("timeline", ("time_min",), timeline_figure, timeline_patch, describe=timeline_description)
JOURNEY = FigureSpec(
    "journey",
    ("dose_mg_per_kg", "n_infusions", "interval_days", "maintenance"),
    journey_figure,
    journey_patch,
    describe=journey_description,
)
CITY = FigureSpec("city", ("time_course_min", "schedule"), city_figure, city_patch, describe=city_description)
