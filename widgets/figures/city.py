"""The city after the storm: the picture of the complete journey, drawn by the cascade model.

The introduction pictures the depressed brain as a city after a storm, and
step 10 follows the repairs.  Roads, weather and lights are set by the model
at the chosen time after the first infusion, for a named schedule; bars beside
the city show the model values the picture is drawn from.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models.schedules import SCHEDULES
from ..models.timeline import simulate
from ..params import SCHEDULE, TIME_COURSE
from ..style import COLORS, layout_defaults
from .axes import add_readout
from .core import FigureSpec, Patch
from .curves import CURVES

__all__ = ["CITY", "city_figure", "city_state", "roads_repaired"]

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
_CLOUD_SLOTS = ((2.0, 10.2), (3.2, 10.6), (4.4, 10.1), (5.6, 10.6), (6.8, 10.2), (8.0, 10.6), (9.0, 10.1), (2.6, 9.7))
_LIGHT_SLOTS = ((3.4, 6.0), (6.6, 6.2), (3.6, 3.8), (6.4, 3.9), (5.0, 6.9), (5.0, 3.2))
_DASHBOARD = ("mood", "network", "spines", "bdnf", "dissociation")


def _segments(pairs) -> tuple[list, list]:
    xs, ys = [], []
    for a, b in pairs:
        xs += [_DISTRICTS[a][0], _DISTRICTS[b][0], None]
        ys += [_DISTRICTS[a][1], _DISTRICTS[b][1], None]
    return xs, ys


@lru_cache(maxsize=1)
def spines_for_all_roads() -> float:
    """Spine level at which every damaged road is repaired: the peak that the standard course reaches."""
    t_h = np.linspace(0.0, 21 * 24.0, 2017)
    return float(simulate(t_h, infusion_days=SCHEDULES["course"])["spines"].max())


def roads_repaired(spines: float) -> int:
    """How many of the damaged roads the model's spine level repairs (all of them at the course's peak)."""
    return int(round(len(_DAMAGED) * min(1.0, spines / spines_for_all_roads())))


def city_state(schedule: str, time_min: float) -> dict[str, float]:
    """Every model value at ``time_min`` after the first infusion of a named schedule."""
    out = simulate([time_min / 60.0], infusion_days=SCHEDULES[schedule])
    return {k: float(v[0]) for k, v in out.items()}


def city_figure() -> go.Figure:
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


def city_patch(*, time_course_min, schedule) -> Patch:
    """Roads, weather, lights and dashboard at one time for one schedule."""
    state = city_state(schedule, time_course_min)
    n_repaired = roads_repaired(state["spines"])
    rx, ry = _segments(_DAMAGED[:n_repaired])
    dx, dy = _segments(_DAMAGED[n_repaired:])
    n_clouds = int(round(len(_CLOUD_SLOTS) * (1.0 - state["mood"])))
    clouds = _CLOUD_SLOTS[:n_clouds]
    sun = [(9.3, 10.4)] if state["mood"] >= 0.25 else []
    lights = _LIGHT_SLOTS[: int(round(len(_LIGHT_SLOTS) * state["dissociation"]))]
    when = TIME_COURSE.label_of(time_course_min)
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


def city_description(*, time_course_min, schedule) -> str:
    """Text alternative: the state of the city at the chosen time."""
    state = city_state(schedule, time_course_min)
    n_repaired = roads_repaired(state["spines"])
    return (
        f"The city {time_course_min / 1440:g} days after the first infusion, schedule: {schedule}. "
        f"{n_repaired} of {len(_DAMAGED)} damaged roads are repaired; mood benefit {100 * state['mood']:.0f}%, "
        f"network balance {100 * state['network']:.0f}%, new spines {100 * state['spines']:.0f}%, BDNF signaling "
        f"{100 * state['bdnf']:.0f}% and dissociation {100 * state['dissociation']:.0f}% of their maximum; "
        f"ketamine in blood {state['plasma']:.1f} ng/mL."
    )


#: On a phone the dashboard goes under the city instead of beside it.
_NARROW = {
    "xaxis.domain": [0.0, 1.0],
    "yaxis.domain": [0.4, 1.0],
    "xaxis2.domain": [0.45, 1.0],
    "yaxis2.domain": [0.0, 0.3],
    "height": 880,
}

CITY = FigureSpec("city", (TIME_COURSE, SCHEDULE), city_figure, city_patch, city_description, narrow=_NARROW)

FIGURES = (CITY,)

NUMBERS = {
    "city_single_40min_plasma_ng_per_mL": lambda: city_state("single", 40)["plasma"],
    "city_single_24h_plasma_ng_per_mL": lambda: city_state("single", 1440)["plasma"],
    "city_single_24h_roads": lambda: roads_repaired(city_state("single", 1440)["spines"]),
    "city_single_2wk_roads": lambda: roads_repaired(city_state("single", 14 * 1440)["spines"]),
    "city_course_12d_roads": lambda: roads_repaired(city_state("course", 12 * 1440)["spines"]),
    "city_course_3wk_roads": lambda: roads_repaired(city_state("course", 21 * 1440)["spines"]),
    "city_course_5wk_roads": lambda: roads_repaired(city_state("course", 35 * 1440)["spines"]),
    "city_maintenance_6wk_roads": lambda: roads_repaired(city_state("maintenance", 42 * 1440)["spines"]),
    "city_damaged_roads": lambda: len(_DAMAGED),
}
