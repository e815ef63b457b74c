"""Step 7, growing new connections: the figures of the chapter.

* ``roads``, the metaphor: a town split by a river whose one bridge is jammed.
  New roads and bridges open as the model's new spines rise (all of them at
  the peak a standard course reaches); travel times are shortest paths over
  the open roads (:mod:`widgets.models.road_network`), and the average trip is
  drawn over time below the map.  Sliders: time since the first infusion and
  the schedule.
* ``spine_density``: spine formation over the first three days, and spine
  density over eight weeks, labile and stable, on a baseline lowered by
  chronic stress, with what was seen in mice and in people.  Sliders: the
  schedule and the stress loss.
* ``dendrite``: a two-photon-style view of one branch before the first dose
  and at the chosen time, with as many spines as the model gives and the new
  ones marked.  Sliders: time since the first infusion and the schedule.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import plasticity
from ..models import road_network as rn
from ..models import spines as sp
from ..models.schedules import HORIZON_DAYS, SCHEDULES
from ..models.timeline import simulate
from ..params import SCHEDULE, TIME_COURSE, ParamSpec
from ..style import COLORS, TEXT_COLORS, band_fill, layout_defaults
from .axes import add_readout, add_time_cursor
from .core import FigureSpec, Patch

__all__ = ["DENDRITE", "DENSITY", "ROADS", "dendrite_figure", "density_figure", "roads_figure"]

#: Spines removed by chronic stress before treatment (% of healthy density).
STRESS = ParamSpec(
    "stress_loss_pct",
    "spines lost to chronic stress",
    "%",
    default=sp.STRESS_LOSS_PCT,
    min=0.0,
    max=40.0,
    step=10.0,
)

PARAMS = (STRESS,)

_NEW = COLORS["spines"]
_DAY_H = 24.0


@lru_cache(maxsize=8)
def _course_run(schedule: str, stress_loss_pct: float = sp.STRESS_LOSS_PCT) -> tuple[np.ndarray, dict]:
    """Spine course every 3 hours over eight weeks (days, curves)."""
    t_h = np.arange(0.0, HORIZON_DAYS * _DAY_H + 0.1, 3.0)
    return t_h / _DAY_H, sp.spine_course(t_h, infusion_days=SCHEDULES[schedule], stress_loss_pct=stress_loss_pct)


def state(schedule: str, time_min: float, stress_loss_pct: float = sp.STRESS_LOSS_PCT) -> dict[str, float]:
    """Every spine curve at one time after the first infusion of a named schedule."""
    out = sp.spine_course([time_min / 60.0], infusion_days=SCHEDULES[schedule], stress_loss_pct=stress_loss_pct)
    return {k: float(v[0]) for k, v in out.items()}


@lru_cache(maxsize=1)
def full_at_new_pct() -> float:
    """New spines (% of healthy density) at which every new road is open: the peak a standard course reaches."""
    days, out = _course_run("course")
    return float(out["new_pct"].max())


def links_at(schedule: str, time_min: float) -> int:
    """How many new roads and bridges are open at one time (all of them at the course's peak)."""
    return rn.links_open(state(schedule, time_min)["new_pct"], full_at_new_pct())


# --- the town (the metaphor) ---------------------------------------------------------------------------------------

#: Trips whose fastest route crosses the jammed bridge, drawn as cars queued on it (one car per two trips).
_PAIRS = [(a, b) for a in range(len(rn.DISTRICTS)) for b in range(a + 1, len(rn.DISTRICTS))]
#: Days of the travel-time curve: every half day for eight weeks.
_T_TRIP_D = np.arange(0.0, HORIZON_DAYS + 1e-9, 0.5)


def _xy(i: int) -> tuple[float, float]:
    return rn.DISTRICTS[i][1], rn.DISTRICTS[i][2]


def _segments(pairs) -> tuple[list, list]:
    xs, ys = [], []
    for a, b in pairs:
        (xa, ya), (xb, yb) = _xy(a), _xy(b)
        xs += [xa, xb, None]
        ys += [ya, yb, None]
    return xs, ys


def _river() -> tuple[np.ndarray, np.ndarray]:
    y = np.linspace(-0.3, 10.3, 60)
    centre = 5.0 + 0.35 * np.sin(1.3 * y)
    return np.concatenate([centre - 0.55, (centre + 0.55)[::-1]]), np.concatenate([y, y[::-1]])


@lru_cache(maxsize=16)
def _cars(n_open: int) -> tuple[list, list]:
    """Cars on the jammed bridge: one per two district pairs whose fastest route still uses it."""
    jam = tuple(sorted(rn.JAM))
    stuck = 0
    for a, b in _PAIRS:
        path = rn.route(n_open, a, b)
        if any(tuple(sorted(p)) == jam for p in zip(path, path[1:], strict=False)):
            stuck += 1
    n = math.ceil(stuck / 2)
    (xa, ya), (xb, yb) = _xy(rn.JAM[0]), _xy(rn.JAM[1])
    f = (np.arange(n) + 0.5) / max(n, 1) * 0.8 + 0.1
    return list(xa + (xb - xa) * f), list(ya + (yb - ya) * f + 0.18)


@lru_cache(maxsize=4)
def _trip_curve(schedule: str) -> np.ndarray:
    days, out = _course_run(schedule)
    new = np.interp(_T_TRIP_D, days, out["new_pct"])
    return np.array([rn.mean_travel_time_min(rn.links_open(v, full_at_new_pct())) for v in new])


@lru_cache(maxsize=4)
def _trip_steps(schedule: str) -> tuple[np.ndarray, np.ndarray]:
    """The average trip as a step curve: only the days on which it changes, and the last day."""
    trip = _trip_curve(schedule)
    keep = np.concatenate([[True], trip[1:] != trip[:-1]])
    keep[-1] = True
    return _T_TRIP_D[keep], trip[keep]


def roads_figure() -> go.Figure:
    """The town (top) and the average trip over time (bottom).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0 new roads open, 1 new bridges open, 2 roads not built yet,
        3 cars on the jammed bridge, 4 the fastest route from the old town to
        the harbor, 5 the average trip over time, 6 its value now (all
        patched); then the roads that held, the jammed bridge and the
        districts.  Shapes: 0 the time cursor, 1 the river.
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.66, 0.34], vertical_spacing=0.1)
    patched = (
        ("new road", dict(mode="lines", line=dict(color=_NEW, width=5))),
        ("new bridge", dict(mode="lines", line=dict(color=_NEW, width=9))),
        ("not built yet", dict(mode="lines", line=dict(color="#BDBDBD", width=2, dash="dot"))),
        (
            "cars stuck on the old bridge",
            dict(mode="markers", marker=dict(symbol="square", size=7, color=COLORS["effect_site"])),
        ),
        (
            "fastest route, old town to harbor",
            dict(mode="lines", line=dict(color=COLORS["mood"], width=2.5, dash="dash")),
        ),
    )
    for name, style in patched:
        fig.add_trace(go.Scatter(x=[], y=[], name=name, hoverinfo="skip", **style), row=1, col=1)
    fig.add_trace(
        go.Scatter(
            x=_T_TRIP_D,
            y=np.zeros_like(_T_TRIP_D),
            mode="lines",
            name="average trip between districts",
            showlegend=False,
            line=dict(color=_NEW, width=3, shape="hv"),
            hovertemplate="day %{x:.1f}: %{y:.0f} min<extra>average trip</extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[],
            y=[],
            mode="markers",
            name="now",
            showlegend=False,
            hoverinfo="skip",
            marker=dict(size=11, color="white", line=dict(color="#222222", width=2)),
        ),
        row=2,
        col=1,
    )
    held = [p for p in rn.HELD if p != rn.JAM]
    x, y = _segments(held)
    fig.add_trace(
        go.Scatter(
            x=x, y=y, mode="lines", name="road that held", hoverinfo="skip", line=dict(color="#666666", width=5)
        ),
        row=1,
        col=1,
    )
    x, y = _segments([rn.JAM])
    fig.add_trace(
        go.Scatter(
            x=x,
            y=y,
            mode="lines",
            name="the one old bridge, jammed",
            hoverinfo="skip",
            line=dict(color="#666666", width=9),
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[d[1] for d in rn.DISTRICTS],
            y=[d[2] for d in rn.DISTRICTS],
            mode="markers+text",
            text=[d[0] for d in rn.DISTRICTS],
            textposition=[
                "top center",
                "top center",
                "bottom center",
                "top right",
                "top center",
                "top center",
                "bottom left",
                "bottom center",
            ],
            textfont=dict(size=12),
            showlegend=False,
            hoverinfo="skip",
            name="districts",
            marker=dict(symbol="square", size=17, color="white", line=dict(color="#222222", width=2)),
        ),
        row=1,
        col=1,
    )
    add_readout(fig)
    # Shapes: 0 the time cursor, 1 the river (below the roads).
    add_time_cursor(fig, 0, xref="x2", yref="y2 domain")
    rx, ry = _river()
    river = "M " + " L ".join(f"{x:.3f},{y:.3f}" for x, y in zip(rx, ry, strict=True)) + " Z"
    fig.add_shape(
        type="path", path=river, xref="x", yref="y", fillcolor=band_fill("#56B4E9", 0.45), line_width=0, layer="below"
    )
    fig.update_layout(**layout_defaults(height=700, margin=dict(t=130)))
    fig.update_layout(legend=dict(y=1.08))
    fig.update_xaxes(range=[0, 10], visible=False, row=1, col=1)
    fig.update_yaxes(range=[0.6, 9.6], visible=False, row=1, col=1)
    fig.update_xaxes(title_text="days since the first infusion", range=[0, HORIZON_DAYS], dtick=7, row=2, col=1)
    fig.update_yaxes(title_text="average trip (min)", range=[0, 60], dtick=20, row=2, col=1)
    return fig


def roads_patch(*, time_course_min, schedule) -> Patch:
    """Roads, cars, route and travel time at one time for one schedule."""
    n_open = links_at(schedule, time_course_min)
    opened = rn.NEW_LINKS[:n_open]
    roads = [p for p in opened if tuple(sorted(p)) not in rn.BRIDGES]
    bridges = [p for p in opened if tuple(sorted(p)) in rn.BRIDGES]
    path = rn.route(n_open)
    px = [_xy(i)[0] for i in path]
    py = [_xy(i)[1] for i in path]
    cars = _cars(n_open)
    mean = rn.mean_travel_time_min(n_open)
    day = time_course_min / 1440.0
    text = (
        f"<b>{TIME_COURSE.label_of(time_course_min)}</b>: {n_open} of {len(rn.NEW_LINKS)} new roads and bridges "
        f"open;<br>average trip {mean:.0f} min ({rn.mean_travel_time_min(0):.0f} before), old town to harbor "
        f"{rn.travel_times_min(n_open)[0, 7]:.0f} min"
    )
    return Patch(
        traces={
            0: dict(zip("xy", _segments(roads), strict=True)),
            1: dict(zip("xy", _segments(bridges), strict=True)),
            2: dict(zip("xy", _segments(rn.NEW_LINKS[n_open:]), strict=True)),
            3: {"x": cars[0], "y": cars[1]},
            4: {"x": px, "y": py},
            5: dict(zip("xy", _trip_steps(schedule), strict=True)),
            6: {"x": [day], "y": [mean]},
        },
        layout={"annotations[0].text": text, "shapes[0].x0": day, "shapes[0].x1": day},
    )


def roads_description(*, time_course_min, schedule) -> str:
    """Text alternative: the town at the chosen time."""
    n_open = links_at(schedule, time_course_min)
    curve = _trip_curve(schedule)
    return (
        f"A map of a town of {len(rn.DISTRICTS)} districts split by a river (teaching model). Before treatment the "
        f"only bridge is jammed and the average trip between districts takes {rn.mean_travel_time_min(0):.0f} "
        f"minutes. New roads and bridges open in proportion to the model's new spines; "
        f"{TIME_COURSE.label_of(time_course_min)} after the first infusion of the schedule '{schedule}', "
        f"{n_open} of {len(rn.NEW_LINKS)} are open, "
        f"{len(_cars(n_open)[0])} cars are queued on the old bridge, and the average trip takes "
        f"{rn.mean_travel_time_min(n_open):.0f} minutes. Over eight weeks the average trip is at best "
        f"{curve.min():.0f} minutes and is back to {curve[-1]:.0f} minutes by day {HORIZON_DAYS:.0f}."
    )


ROADS = FigureSpec(
    "roads",
    (TIME_COURSE, SCHEDULE),
    roads_figure,
    roads_patch,
    roads_description,
    # On a phone: the map keeps its shape, the legend takes more lines.
    narrow={"legend.y": 1.16, "margin.t": 190, "height": 760, "yaxis.domain": [0.42, 1.0], "yaxis2.domain": [0, 0.3]},
)

# --- spine density over time ---------------------------------------------------------------------------------------

#: Hours of the formation panel: every half hour for three days.
_T_FORM_H = np.arange(0.0, 72.0 + 1e-9, 0.5)
#: Days of the density panel: every quarter day for eight weeks.
_T_DENSITY_D = np.arange(0.0, HORIZON_DAYS + 1e-9, 0.25)
#: What was seen, and where it is drawn: (panel row, x0, x1, raised?, label).
OBSERVATIONS = (
    (1, 3.0, 6.0, False, "no rise"),
    (1, 12.0, 24.0, True, "raised"),
    (2, 1.0, 14.0, True, "mice, one dose: up for up to 2 weeks"),
)


def density_figure() -> go.Figure:
    """Formation over three days (top) and density over eight weeks (bottom).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 formation; traces 1-3 the stress-lowered baseline, stable
        spines and all spines (stacked, patched); then the healthy density,
        the mouse observations and the human PET result.
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.36, 0.64], vertical_spacing=0.16)
    fig.add_trace(
        go.Scatter(
            x=_T_FORM_H,
            y=np.zeros_like(_T_FORM_H),
            mode="lines",
            name="spine formation",
            line=dict(color=_NEW, width=3),
            hovertemplate="%{x:.1f} h: %{y:.0f}%<extra>formation</extra>",
        ),
        row=1,
        col=1,
    )
    for name, fill, color, width in (
        ("baseline after stress", None, COLORS["nmda"], 2),
        ("stable new spines", band_fill(_NEW, 0.75), _NEW, 0),
        ("labile new spines", band_fill(_NEW, 0.3), _NEW, 2.5),
    ):
        fig.add_trace(
            go.Scatter(
                x=_T_DENSITY_D,
                y=np.zeros_like(_T_DENSITY_D),
                mode="lines",
                name=name,
                fill="tonexty" if fill else None,
                fillcolor=fill,
                line=dict(color=color, width=width, dash="dash" if fill is None else "solid"),
                hovertemplate="day %{x:.1f}: %{y:.1f}%<extra>" + name + "</extra>",
            ),
            row=2,
            col=1,
        )
    fig.add_trace(
        go.Scatter(
            x=[0, HORIZON_DAYS],
            y=[100, 100],
            mode="lines",
            name="healthy density",
            line=dict(color=COLORS["mood"], width=1.5, dash="dot"),
            hoverinfo="skip",
        ),
        row=2,
        col=1,
    )
    for row, x0, x1, raised, label in OBSERVATIONS:
        y = 118 if row == 1 else 114
        fig.add_trace(
            go.Scatter(
                x=[x0, x1],
                y=[y, y],
                mode="lines+markers",
                name="seen in mice",
                legendgroup="mice",
                showlegend=row == 1 and raised,
                line=dict(color=_NEW if raised else COLORS["muted"], width=6),
                marker=dict(symbol="line-ns", size=12, line=dict(width=2, color=_NEW if raised else COLORS["muted"])),
                hovertemplate=label + "<extra></extra>",
            ),
            row=row,
            col=1,
        )
        fig.add_annotation(
            x=x0 if not raised else (x0 + x1) / 2 if row == 1 else x0,
            y=y,
            xref="x" if row == 1 else "x2",
            yref="y" if row == 1 else "y2",
            xanchor="center" if raised and row == 1 else "left",
            # "no rise" goes under its bar, so that on a phone it cannot run into "raised".
            yanchor="bottom" if raised else "top",
            yshift=4 if raised else -4,
            showarrow=False,
            text=label,
            font=dict(size=11, color=TEXT_COLORS["spines"] if raised else TEXT_COLORS["muted"]),
        )
    fig.add_trace(
        go.Scatter(
            x=[1.0],
            y=[106],
            mode="markers",
            name="people, 24 h: no change (PET)",
            marker=dict(symbol="x", size=11, color=COLORS["drug"]),
            hovertemplate="synaptic density (SV2A PET) 24 h after one dose: no change<extra></extra>",
        ),
        row=2,
        col=1,
    )
    fig.update_layout(**layout_defaults(height=660, margin=dict(t=110)))
    fig.update_layout(legend=dict(y=1.06))
    fig.update_xaxes(title_text="hours since the first infusion", range=[0, 72], dtick=12, row=1, col=1)
    fig.update_yaxes(title_text="formation (% of peak)", range=[0, 130], tickvals=[0, 50, 100], row=1, col=1)
    fig.update_xaxes(title_text="days since the first infusion", range=[0, HORIZON_DAYS], dtick=7, row=2, col=1)
    fig.update_yaxes(
        title_text="spine density (% of healthy)", range=[55, 124], tickvals=[60, 70, 80, 90, 100, 110], row=2, col=1
    )
    return fig


@lru_cache(maxsize=8)
def _density_cascade(schedule: str) -> tuple[dict, dict]:
    """The cascade of a schedule on the formation and density grids (cached: the stress loss only rescales it)."""
    days = SCHEDULES[schedule]
    runs = simulate(_T_FORM_H, infusion_days=days), simulate(_T_DENSITY_D * _DAY_H, infusion_days=days)
    for run in runs:
        for curve in run.values():
            curve.setflags(write=False)
    return runs


def _density_curves(schedule: str, stress_loss_pct: float) -> tuple[dict, dict]:
    """:func:`widgets.models.spines.spine_course` on the formation and density grids, for one stress loss."""
    form, dens = _density_cascade(schedule)
    return sp.spines_from_cascade(form, stress_loss_pct), sp.spines_from_cascade(dens, stress_loss_pct)


def density_patch(*, schedule, stress_loss_pct) -> Patch:
    """Formation and the stacked density for one schedule and stress loss."""
    form, dens = _density_curves(schedule, stress_loss_pct)
    base = dens["baseline_pct"]
    return Patch(
        traces={
            0: {"y": form["formation_pct"]},
            1: {"y": base},
            2: {"y": base + dens["new_stable_pct"]},
            3: {"y": dens["density_pct"]},
        }
    )


def density_description(*, schedule, stress_loss_pct) -> str:
    """Text alternative: when spines form, how high density climbs and how long it stays up."""
    dens = _density_curves(schedule, stress_loss_pct)[1]
    i = int(np.argmax(dens["density_pct"]))
    return (
        f"Teaching model calibrated on mice, schedule '{schedule}', with {stress_loss_pct:g}% of spines lost to "
        f"chronic stress. Formation is near zero for the first 6 hours after each infusion and peaks within a day. "
        f"Density starts at {100 - stress_loss_pct:g}% of healthy, peaks at {dens['density_pct'][i]:.0f}% on day "
        f"{_T_DENSITY_D[i]:.0f} (of which {dens['new_stable_pct'][i]:.1f} points are stable spines) and is "
        f"{dens['density_pct'][-1]:.1f}% at 8 weeks. In mice, formation was not raised 3 to 6 hours after one dose "
        f"and was raised at 12 to 24 hours, and density stayed raised for up to 2 weeks; in people, synaptic density "
        f"measured by PET did not change 24 hours after one dose."
    )


DENSITY = FigureSpec(
    "spine_density",
    (SCHEDULE, STRESS),
    density_figure,
    density_patch,
    density_description,
    narrow={"legend.y": 1.14, "margin.t": 170, "height": 760},
)

# --- the dendrite (two-photon view) --------------------------------------------------------------------------------

#: Spine sites on the healthy branch, and the extra (reserve) sites.
N_HEALTHY = 30
_RNG = np.random.default_rng(7)
_X_SITES = np.linspace(0.5, 9.5, N_HEALTHY) + _RNG.uniform(-0.08, 0.08, N_HEALTHY)
_SIDES = _RNG.choice([-1.0, 1.0], N_HEALTHY)
_LENGTHS = _RNG.uniform(0.45, 0.8, N_HEALTHY)
_N_RESERVE = int(round(N_HEALTHY * sp.RESERVE_PCT / 100.0))
_X_RESERVE = np.array([2.05, 5.35, 8.2])[:_N_RESERVE]
_SIDES_RESERVE = np.array([1.0, -1.0, 1.0])[:_N_RESERVE]
#: Sites that chronic stress emptied (the default stress loss), in the order ketamine restores them.
_N_LOST = int(round(N_HEALTHY * sp.STRESS_LOSS_PCT / 100.0))
_LOST = tuple(int(i) for i in _RNG.choice(N_HEALTHY, _N_LOST, replace=False))
#: The two branches: before the first dose (top panel) and at the chosen time (bottom panel).
_ROWS = {"before": 1, "now": 2}


def _shaft_y(x, row: str):
    return 0.18 * np.sin(0.9 * np.asarray(x))


def _spine(x: float, side: float, length: float, row: str) -> tuple[list, list, tuple[float, float]]:
    y0 = float(_shaft_y(x, row))
    tip = (x + 0.12 * side, y0 + side * length * 0.55)
    return [x, tip[0], None], [y0, tip[1], None], tip


def _sites() -> list[tuple[float, float, float]]:
    """Every site (x, side, length): the healthy ones, then the reserve."""
    sites = [(float(x), float(s), float(n)) for x, s, n in zip(_X_SITES, _SIDES, _LENGTHS, strict=True)]
    return sites + [(float(x), float(s), 0.6) for x, s in zip(_X_RESERVE, _SIDES_RESERVE, strict=True)]


def spine_counts(schedule: str, time_course_min: float) -> dict[str, int]:
    """Spines on the drawn branch: before the first dose, new (all and stable) and in total, at one time."""
    s = state(schedule, time_course_min)
    room = sp.room_pct() / 100.0 * N_HEALTHY
    per = N_HEALTHY / 100.0
    new = int(round(s["new_pct"] * per))
    stable = min(new, int(round(s["new_stable_pct"] * per)))
    before = N_HEALTHY - _N_LOST
    return {"before": before, "new": min(new, int(round(room))), "stable": stable, "total": before + new}


def _branch(row: str, restored: list[int], n_stable: int) -> dict[str, tuple[list, list]]:
    sites = _sites()
    order = list(_LOST) + list(range(N_HEALTHY, N_HEALTHY + _N_RESERVE))
    new_sites = order[: len(restored)] if restored else []
    present = [i for i in range(N_HEALTHY) if i not in _LOST] + new_sites
    parts: dict[str, tuple[list, list]] = {k: ([], []) for k in ("necks", "old", "labile", "stable", "rings", "lost")}
    for i in present:
        x, side, length = sites[i]
        nx, ny, tip = _spine(x, side, length, row)
        parts["necks"][0].extend(nx)
        parts["necks"][1].extend(ny)
        kind = "old" if i not in new_sites else ("stable" if new_sites.index(i) < n_stable else "labile")
        parts[kind][0].append(tip[0])
        parts[kind][1].append(tip[1])
        if kind != "old":
            parts["rings"][0].append(tip[0])
            parts["rings"][1].append(tip[1])
    for i in _LOST:
        if i not in new_sites:
            x, side, length = sites[i]
            _, _, tip = _spine(x, side, length, row)
            parts["lost"][0].append(tip[0])
            parts["lost"][1].append(tip[1])
    return parts


_GLOW = "#D9F0A3"
#: Index of the readout annotation (after the two panel titles).
_DENDRITE_READOUT = 2
_NOW_PARTS = ("necks", "old", "labile", "stable", "rings")


def dendrite_figure() -> go.Figure:
    """Two branches on a dark field: before the first dose (top) and at the chosen time (bottom).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0-4 the chosen time's necks, spine heads that were there
        before, new labile heads, new stable heads and the rings that mark new
        spines (patched, second panel); 5-6 the spine count over time and its
        value now (patched, third panel); then the shafts, the branch before
        the first dose and the sites that stress emptied.  Shapes: 0-1 the dark
        fields, 2 the time cursor.
    """
    fig = make_subplots(
        rows=3,
        cols=1,
        vertical_spacing=0.1,
        row_heights=[0.3, 0.3, 0.4],
        subplot_titles=("before the first dose, after chronic stress", "at the chosen time", ""),
    )
    styles = {
        "necks": ("spine neck", dict(mode="lines", line=dict(color=_GLOW, width=3), showlegend=False)),
        "old": ("spine there before the first dose", dict(mode="markers", marker=dict(size=9, color=_GLOW))),
        "labile": ("new spine, labile", dict(mode="markers", marker=dict(size=10, color=COLORS["glutamate"]))),
        "stable": ("new spine, stable", dict(mode="markers", marker=dict(size=10, color=COLORS["dmn"]))),
        "rings": (
            "ring: new since the first dose",
            dict(mode="markers", marker=dict(symbol="circle-open", size=20, color="#BDBDBD", line=dict(width=1.5))),
        ),
    }
    for key in _NOW_PARTS:
        name, style = styles[key]
        fig.add_trace(go.Scatter(x=[], y=[], name=name, hoverinfo="skip", **style), row=2, col=1)
    fig.add_trace(
        go.Scatter(
            x=[],
            y=[],
            mode="lines",
            name="spines on this branch",
            showlegend=False,
            line=dict(color=_NEW, width=3, shape="hv"),
            hovertemplate="day %{x:.1f}: %{y} spines<extra></extra>",
        ),
        row=3,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[],
            y=[],
            mode="markers",
            name="now",
            showlegend=False,
            hoverinfo="skip",
            marker=dict(size=11, color="white", line=dict(color="#222222", width=2)),
        ),
        row=3,
        col=1,
    )
    xs = np.linspace(0.1, 9.9, 80)
    for row in ("before", "now"):
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=_shaft_y(xs, row),
                mode="lines",
                line=dict(color=_GLOW, width=9),
                showlegend=False,
                hoverinfo="skip",
                name="dendrite",
            ),
            row=_ROWS[row],
            col=1,
        )
    before = _branch("before", [], 0)
    fig.add_trace(
        go.Scatter(
            x=before["necks"][0],
            y=before["necks"][1],
            mode="lines",
            line=dict(color=_GLOW, width=3),
            showlegend=False,
            hoverinfo="skip",
            name="spine neck",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=before["old"][0],
            y=before["old"][1],
            mode="markers",
            marker=dict(size=9, color=_GLOW),
            showlegend=False,
            hoverinfo="skip",
            name="spine",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=before["lost"][0],
            y=before["lost"][1],
            mode="markers",
            name="site of a spine lost to stress",
            hoverinfo="skip",
            marker=dict(symbol="x-thin-open", size=9, color="#BDBDBD", line=dict(width=1.5)),
        ),
        row=1,
        col=1,
    )
    for axis in ("", "2"):
        fig.add_shape(
            type="rect",
            xref=f"x{axis} domain",
            yref=f"y{axis} domain",
            x0=0,
            x1=1,
            y0=0,
            y1=1,
            fillcolor="#050505",
            line_width=0,
            layer="below",
        )
    add_time_cursor(fig, 0, xref="x3", yref="y3 domain")
    fig.update_annotations(font=dict(size=13))
    add_readout(fig)
    # The readout goes above the first panel's title, the legend above the readout.
    fig.layout.annotations[_DENDRITE_READOUT].y = 1.1
    fig.update_layout(**layout_defaults(height=720, margin=dict(t=170, l=64, r=24)))
    fig.update_layout(legend=dict(y=1.2))
    for row in (1, 2):
        fig.update_xaxes(range=[0, 10], visible=False, row=row, col=1)
        fig.update_yaxes(range=[-0.9, 0.95], visible=False, row=row, col=1)
    fig.update_xaxes(title_text="days since the first infusion", range=[0, HORIZON_DAYS], dtick=7, row=3, col=1)
    n_room = N_HEALTHY + _N_RESERVE
    fig.update_yaxes(
        title_text="spines on this branch", range=[N_HEALTHY - _N_LOST - 1.5, n_room + 0.5], dtick=3, row=3, col=1
    )
    return fig


def dendrite_patch(*, time_course_min, schedule) -> Patch:
    """The branch at one time for one schedule: as many spines as the model gives, the new ones marked."""
    counts = spine_counts(schedule, time_course_min)
    parts = _branch("now", list(range(counts["new"])), counts["stable"])
    text = (
        f"<b>{TIME_COURSE.label_of(time_course_min)}</b>: {counts['total']} spines ({counts['new']} new, "
        f"{counts['stable']} of them stable);<br>{counts['before']} before the first dose, {N_HEALTHY} before stress"
    )
    day = time_course_min / 1440.0
    traces = {i: {"x": parts[k][0], "y": parts[k][1]} for i, k in enumerate(_NOW_PARTS)}
    traces[5] = dict(zip("xy", _count_steps(schedule), strict=True))
    traces[6] = {"x": [day], "y": [counts["total"]]}
    return Patch(
        traces=traces,
        layout={f"annotations[{_DENDRITE_READOUT}].text": text, "shapes[2].x0": day, "shapes[2].x1": day},
    )


@lru_cache(maxsize=4)
def _count_steps(schedule: str) -> tuple[np.ndarray, np.ndarray]:
    """Spines on the drawn branch over eight weeks, as a step curve (only the days on which the count changes)."""
    days, out = _course_run(schedule)
    per = N_HEALTHY / 100.0
    counts = N_HEALTHY - _N_LOST + np.minimum(np.round(out["new_pct"] * per), round(sp.room_pct() * per))
    keep = np.concatenate([[True], counts[1:] != counts[:-1]])
    keep[-1] = True
    return days[keep], counts[keep]


def dendrite_description(*, time_course_min, schedule) -> str:
    """Text alternative: the spines of the drawn branch."""
    counts = spine_counts(schedule, time_course_min)
    return (
        f"Two drawings of the same dendrite on a dark field, like a two-photon microscope image (teaching model "
        f"calibrated on mice). Before stress the branch carried {N_HEALTHY} spines; chronic stress removed "
        f"{_N_LOST}, leaving {counts['before']} before the first dose. "
        f"{TIME_COURSE.label_of(time_course_min)} after the first infusion of the schedule '{schedule}' it carries "
        f"{counts['total']}: {counts['new']} are new, placed "
        f"first where stress removed spines, and {counts['stable']} of them are stable."
    )


DENDRITE = FigureSpec(
    "dendrite",
    (TIME_COURSE, SCHEDULE),
    dendrite_figure,
    dendrite_patch,
    dendrite_description,
    narrow={"legend.y": 1.32, "margin.t": 260, "annotations[2].y": 1.16, "height": 800},
)

FIGURES = (ROADS, DENSITY, DENDRITE)


# --- numbers the chapter quotes from the model ---------------------------------------------------------------------

_T_NUM_H = np.concatenate([np.arange(0.0, 72.0, 0.25), np.arange(72.0, 120 * 24.0, 1.0)])


@lru_cache(maxsize=8)
def _run(schedule: str, stress: float = sp.STRESS_LOSS_PCT) -> dict[str, np.ndarray]:
    return sp.spine_course(_T_NUM_H, infusion_days=SCHEDULES[schedule], stress_loss_pct=stress)


def _at(schedule: str, key: str, t_h: float, stress: float = sp.STRESS_LOSS_PCT) -> float:
    return float(np.interp(t_h, _T_NUM_H, _run(schedule, stress)[key]))


def _peak(schedule: str, key: str, stress: float = sp.STRESS_LOSS_PCT) -> float:
    return float(_run(schedule, stress)[key].max())


def _peak_day(schedule: str, key: str) -> float:
    return float(_T_NUM_H[int(np.argmax(_run(schedule)[key]))] / _DAY_H)


_LAST = SCHEDULES["course"][-1]

NUMBERS = {
    "s07_stress_loss_pct": lambda: sp.STRESS_LOSS_PCT,
    "s07_reserve_pct": lambda: sp.RESERVE_PCT,
    "s07_formation_6h_pct": lambda: _at("single", "formation_pct", 6.0),
    "s07_formation_12h_pct": lambda: _at("single", "formation_pct", 12.0),
    "s07_formation_24h_pct": lambda: _at("single", "formation_pct", 24.0),
    "s07_formation_peak_h": lambda: float(_T_NUM_H[int(np.argmax(_run("single")["formation_pct"]))]),
    "s07_single_peak_density_pct": lambda: _peak("single", "density_pct"),
    "s07_single_peak_gain_pct": lambda: _peak("single", "new_pct"),
    "s07_single_peak_day": lambda: _peak_day("single", "new_pct"),
    "s07_single_restored_pct": lambda: _peak("single", "restored_pct"),
    "s07_single_1w_gain_pct": lambda: _at("single", "new_pct", 7 * _DAY_H),
    "s07_single_2w_gain_pct": lambda: _at("single", "new_pct", 14 * _DAY_H),
    "s07_single_fade_d": lambda: sp.gain_fade_days(),
    "s07_course_peak_density_pct": lambda: _peak("course", "density_pct"),
    "s07_course_peak_gain_pct": lambda: _peak("course", "new_pct"),
    "s07_course_peak_stable_pct": lambda: _peak("course", "new_stable_pct"),
    "s07_course_restored_pct": lambda: _peak("course", "restored_pct"),
    "s07_course_fade_d": lambda: sp.gain_fade_days(infusion_days=SCHEDULES["course"]),
    "s07_course_3w_after_gain_pct": lambda: _at("course", "new_pct", (_LAST + 21) * _DAY_H),
    "s07_course_6w_after_gain_pct": lambda: _at("course", "new_pct", (_LAST + 42) * _DAY_H),
    "s07_course_3w_after_stable_share_pct": lambda: (
        100.0 * _at("course", "new_stable_pct", (_LAST + 21) * _DAY_H) / _at("course", "new_pct", (_LAST + 21) * _DAY_H)
    ),
    "s07_maintenance_8w_gain_pct": lambda: _at("maintenance", "new_pct", 55 * _DAY_H),
    "s07_calm_single_gain_pct": lambda: _peak("single", "new_pct", 0.0),
    "s07_hard_single_gain_pct": lambda: _peak("single", "new_pct", 40.0),
    "s07_hard_single_restored_pct": lambda: _peak("single", "restored_pct", 40.0),
    "s07_trip_before_min": lambda: rn.mean_travel_time_min(0),
    "s07_trip_all_open_min": lambda: rn.mean_travel_time_min(len(rn.NEW_LINKS)),
    "s07_trip_single_1d_min": lambda: rn.mean_travel_time_min(links_at("single", 1440)),
    "s07_links_single_1d": lambda: links_at("single", 1440),
    "s07_links_single_2w": lambda: links_at("single", 14 * 1440),
    "s07_links_course_12d": lambda: links_at("course", 12 * 1440),
    "s07_links_course_5w": lambda: links_at("course", 35 * 1440),
    "s07_links_total": lambda: len(rn.NEW_LINKS),
    "s07_jam_factor": lambda: rn.JAM_FACTOR,
    "s07_links_single_12h": lambda: links_at("single", 720),
    "s07_links_single_3d": lambda: links_at("single", 3 * 1440),
    "s07_links_single_5d": lambda: links_at("single", 5 * 1440),
    "s07_links_maintenance_8w": lambda: links_at("maintenance", 56 * 1440),
    "s07_trip_course_5w_min": lambda: rn.mean_travel_time_min(links_at("course", 35 * 1440)),
    "s07_trip_maintenance_8w_min": lambda: rn.mean_travel_time_min(links_at("maintenance", 56 * 1440)),
    "s07_cars_before": lambda: len(_cars(0)[0]),
    "s07_n_stages": lambda: plasticity.N_STAGES,
    "s07_mean_delay_h": lambda: plasticity.N_STAGES * plasticity.TAU_STAGE_H,
    "s07_labile_half_life_d": lambda: plasticity.TAU_LABILE_H * math.log(2) / _DAY_H,
    "s07_stable_half_life_d": lambda: plasticity.TAU_STABLE_H * math.log(2) / _DAY_H,
    "s07_dendrite_single_2w": lambda: spine_counts("single", 14 * 1440)["total"],
    "s07_dendrite_course_5w": lambda: spine_counts("course", 35 * 1440)["total"],
    "s07_dendrite_course_5w_stable": lambda: spine_counts("course", 35 * 1440)["stable"],
    "s07_dendrite_lost": lambda: _N_LOST,
    "s07_corner_before_min": lambda: float(rn.travel_times_min(0)[0, 7]),
    "s07_corner_all_open_min": lambda: float(rn.travel_times_min(len(rn.NEW_LINKS))[0, 7]),
    "s07_dendrite_before": lambda: spine_counts("single", 1)["before"],
    "s07_dendrite_single_1d": lambda: spine_counts("single", 1440)["total"],
    "s07_dendrite_course_12d": lambda: spine_counts("course", 12 * 1440)["total"],
    "s07_dendrite_healthy": lambda: N_HEALTHY,
}
