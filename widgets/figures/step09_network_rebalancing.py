"""Step 9, rebalancing the networks: the figures of the chapter.

Every figure is a view of :mod:`widgets.models.rebalancing`, which composes the region model of step 4 with
the spine model of step 7 and adds a limbic network.

* ``orchestra``, the metaphor: an orchestra of four sections, one per network, in front of a conductor.  Each
  section's loudness (its dynamic mark and the sound waves beside its score) follows the coupling inside its
  network, and its timing (how far its notes sit from the conductor's beat) follows how far its couplings with
  the other networks are from the healthy reference, at the chosen time after the first infusion of a
  schedule; a strip below draws the balance index over eight weeks.
* ``global_connectivity``: each region's global connectivity (its average coupling strength with all the
  others) before the dose, at the chosen time and in the healthy reference; beside it, the lateral prefrontal
  cortex over six weeks, with the times at which imaging studies scanned.
* ``balance_schedules``: the balance index and the new spines of step 7 after a course of a chosen number of
  infusions at a chosen rhythm, beside one infusion.

Every moving part is drawn once in each position it can take; a slider shows one of them by setting the
others' ``y`` to gaps (``None``), so frames stay small.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import rebalancing as rb
from ..models.landmarks import landmark
from ..models.schedules import HORIZON_DAYS, SCHEDULES, schedule_days
from ..params import SCHEDULE, TIME, TIME_COURSE, UNITLESS, ParamSpec
from ..style import COLORS, NETWORK_COLORS, NETWORK_TEXT_COLORS, band_fill, layout_defaults
from .axes import add_readout, log_time_axis, log_time_grid_min, time_cursor_shape
from .core import FigureSpec, Patch
from .drawing import label_healthy, line_style, segments, showing

__all__ = [
    "BALANCE",
    "GLOBAL",
    "ORCHESTRA",
    "balance_figure",
    "global_figure",
    "orchestra_figure",
    "orchestra_state",
]

#: Infusions in a course, for the schedule figure.
N_INFUSIONS = ParamSpec("course_infusions", "infusions in the course", UNITLESS, default=6, min=1, max=8, step=1)
#: Infusions per week during the course.
PER_WEEK = ParamSpec(
    "course_per_week",
    "infusions per week",
    UNITLESS,
    default=3,
    scale="values",
    values=(1, 2, 3),
    labels=("once a week", "twice a week", "three times a week"),
)


#: Time since the first infusion, for the orchestra: the shared course slider, thinned in the static book.
ORCHESTRA_TIME = replace(
    TIME_COURSE,
    name="orchestra_time_min",
    static_values=tuple(m for m in TIME_COURSE.values if m not in (10, 360, 5 * 1440, 18 * 1440)),
)

PARAMS = (ORCHESTRA_TIME, N_INFUSIONS, PER_WEEK)

#: One color per network, as in step 4 (lines and marks; text on white).
_TEXT = NETWORK_TEXT_COLORS
_DAYS = np.arange(0.0, HORIZON_DAYS + 1e-9, 0.25)


@lru_cache(maxsize=64)
def _state(schedule: tuple[float, ...], time_min: float) -> dict:
    out = rb.balance_course([time_min / 60.0], infusion_days=schedule)
    return {
        "balance": float(out["balance"][0]),
        "network": float(out["network"][0]),
        "acute": float(out["acute"][0]),
        "loudness": tuple(float(v) for v in out["loudness"][0]),
        "timing": tuple(float(v) for v in out["timing"][0]),
        "global": tuple(float(v) for v in out["global"][0]),
        "new_spines_pct": float(out["new_spines_pct"][0]),
    }


@lru_cache(maxsize=16)
def _course(schedule: tuple[float, ...]) -> dict[str, np.ndarray]:
    """The four networks every 6 hours for eight weeks (cached: every frame reads it)."""
    out = rb.balance_course(_DAYS * 24.0, infusion_days=schedule)
    for v in out.values():
        v.setflags(write=False)
    return out


# --- the orchestra (the metaphor) ----------------------------------------------------------------------------------

#: Dynamic marks from quiet to loud, the loudness (share of healthy coupling) each starts at, and sound waves.
DYNAMICS = (("pp", 0.0, 0), ("p", 0.5, 1), ("mp", 0.75, 1), ("mf", 0.9, 2), ("f", 1.1, 3), ("ff", 1.25, 4))
#: Positions the notes can take off the beat (0 = on the beat; one per 25% of timing error, the last for more than
#: the error before the dose), and how far the last one is (scene units).
N_OFFSETS = 6
_MAX_OFFSET = 0.22
_CONDUCTOR = (5.0, 0.75)
#: Where each section sits: the default mode and limbic sections in front at the sides, salience and
#: executive behind them, all facing the conductor.
_SECTION_XY = [(1.35, 1.6), (3.15, 5.15), (6.85, 5.15), (8.5, 1.6)]
_BEATS = (-0.72, -0.24, 0.24, 0.72)
#: How far each of the four notes of a bar drifts off its beat at the largest offset (all late, unevenly).
_NOTE_DRIFT = (1.0, 0.45, 0.8, 0.3)
_STAFF_UP = 1.15
_N_ARCS = 4


def _staff_y(k: int) -> float:
    return float(_SECTION_XY[k][1] + _STAFF_UP)


def dynamic_mark(loudness: float) -> tuple[str, int]:
    """The dynamic mark and the number of sound waves for a section's loudness (1 = healthy = "mf", 2 waves)."""
    mark, waves = DYNAMICS[0][0], DYNAMICS[0][2]
    for name, start, n in DYNAMICS:
        if loudness >= start:
            mark, waves = name, n
    return mark, waves


def offset_level(timing_pct: float) -> int:
    """How far off the beat a section's notes sit for its timing error (%): 0 in time, 4 at 100%, 5 beyond it."""
    return int(np.clip(round(4.0 * timing_pct / 100.0), 0, N_OFFSETS - 1))


def orchestra_state(time_course_min: float, schedule: str = "course") -> dict:
    """What the orchestra plays at one time after the first infusion of a named schedule.

    Returns
    -------
    dict
        ``balance`` (the balance index, 0 at the depressed baseline and 1 healthy), and per network (in the
        order of :data:`widgets.models.rebalancing.NETWORKS`): ``loudness``, ``timing`` (%), ``marks``,
        ``waves`` and ``offsets``.
    """
    s = _state(SCHEDULES[schedule], float(time_course_min))
    marks = [dynamic_mark(v) for v in s["loudness"]]
    return {
        "balance": s["balance"],
        "loudness": s["loudness"],
        "timing": s["timing"],
        "marks": [m for m, _ in marks],
        "waves": [w for _, w in marks],
        "offsets": [offset_level(v) for v in s["timing"]],
    }


def _note_x() -> list:
    """x of a note head for every section, note and offset level (in that order)."""
    return [
        x + beat + _NOTE_DRIFT[j] * _MAX_OFFSET * level / (N_OFFSETS - 1)
        for x, _ in _SECTION_XY
        for j, beat in enumerate(_BEATS)
        for level in range(N_OFFSETS)
    ]


_HEADS_X = _note_x()
#: A note's stem: a vertical tick above and right of its head.
_STEM_DX, _STEM_DY = 0.075, 0.27


def _note_index(k: int, j: int, level: int) -> int:
    return (k * len(_BEATS) + j) * N_OFFSETS + level


def _arc(cx: float, cy: float, radius: float, n: int = 5) -> tuple[list, list]:
    a = np.linspace(np.radians(-55), np.radians(55), n)
    return list(cx + radius * np.cos(a)), list(cy + radius * np.sin(a))


_ARCS = [
    _arc(x + 1.0, _staff_y(k) + 0.2, 0.12 + 0.11 * r) for k, (x, _) in enumerate(_SECTION_XY) for r in range(_N_ARCS)
]


def orchestra_figure() -> go.Figure:
    """Four sections and a conductor, with each section's score, above the balance index over eight weeks.

    Returns
    -------
    plotly.graph_objects.Figure
        Patched traces (their ``y``): 0 note heads, 1 their stems, 2 sound waves.  Static: 3-5 the balance
        index of each named schedule, then the drawing.  Shape 0 (the strip's cursor), annotations 0 (readout)
        and 1-4 (each section's dynamic mark) are patched too.
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.7, 0.3], vertical_spacing=0.1)
    top = dict(row=1, col=1)
    quiet = dict(hoverinfo="skip", showlegend=False)
    fig.add_trace(
        go.Scatter(
            x=_HEADS_X,
            y=[None] * len(_HEADS_X),
            mode="markers",
            name="notes",
            marker=dict(symbol="circle", size=9, color="#222222"),
            **quiet,
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=[x + _STEM_DX for x in _HEADS_X],
            y=[None] * len(_HEADS_X),
            mode="markers",
            name="stems",
            marker=dict(symbol="line-ns", size=13, line=line_style("#222222", 1.6)),
            **quiet,
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=segments(x for x, _ in _ARCS),
            y=showing([y for _, y in _ARCS], ()),
            mode="lines",
            name="sound",
            line=line_style("#555555", 2.2),
            **quiet,
        ),
        **top,
    )
    dashes = {"single": "dot", "course": "solid", "maintenance": "dash"}
    for name, label in zip(SCHEDULE.values, SCHEDULE.labels, strict=True):
        fig.add_trace(
            go.Scatter(
                x=_DAYS,
                y=100.0 * _course(SCHEDULES[name])["balance"],
                mode="lines",
                name=label,
                line=line_style(COLORS["network"], 2.5, dashes[name]),
                hovertemplate="%{y:.0f}% of the way to healthy<extra>" + label + "</extra>",
            ),
            row=2,
            col=1,
        )
    # The drawing: musicians, stands, the staves and their beats, the conductor.
    heads_x, heads_y, heads_c, bodies_x, bodies_y, bodies_c = [], [], [], [], [], []
    for k, (x, y) in enumerate(_SECTION_XY):
        color = NETWORK_COLORS[rb.NETWORKS[k]]
        for dx, dy in ((-0.36, 0.28), (0.36, 0.28), (-0.36, -0.32), (0.36, -0.32)):
            heads_x.append(x + dx)
            heads_y.append(y + dy + 0.17)
            heads_c.append(color)
            bodies_x.append(x + dx)
            bodies_y.append(y + dy - 0.05)
            bodies_c.append(color)
    fig.add_trace(
        go.Scatter(
            x=bodies_x,
            y=bodies_y,
            mode="markers",
            name="musicians",
            marker=dict(symbol="triangle-up", size=20, color=bodies_c, opacity=0.55, line=line_style("#FFFFFF", 1)),
            **quiet,
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=heads_x,
            y=heads_y,
            mode="markers",
            name="heads",
            marker=dict(symbol="circle", size=12, color=heads_c, line=line_style("#FFFFFF", 1)),
            **quiet,
        ),
        **top,
    )
    staff_x, staff_y, beat_x, beat_y = [], [], [], []
    for k, (x, _) in enumerate(_SECTION_XY):
        y0 = _staff_y(k)
        for d in (0.0, 0.2, 0.4):
            staff_x.append([x - 0.95, x + 0.95])
            staff_y.append([y0 + d, y0 + d])
        for b in _BEATS:
            beat_x.append([x + b, x + b])
            beat_y.append([y0 - 0.12, y0 + 0.52])
    fig.add_trace(
        go.Scatter(
            x=segments(staff_x), y=segments(staff_y), mode="lines", name="staff", line=line_style("#9A9A9A", 1), **quiet
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=segments(beat_x),
            y=segments(beat_y),
            mode="lines",
            name="the conductor's beat",
            line=line_style(COLORS["bdnf"], 2.5),
            opacity=0.55,
            **quiet,
        ),
        **top,
    )
    cx, cy = _CONDUCTOR
    fig.add_trace(
        go.Scatter(
            x=[cx - 0.55, cx - 0.1, cx + 0.1, cx + 0.75, None, cx, cx],
            y=[cy + 0.55, cy + 0.85, cy + 0.85, cy + 1.35, None, cy + 0.3, cy + 0.95],
            mode="lines",
            name="conductor",
            line=line_style("#222222", 3),
            **quiet,
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=[cx],
            y=[cy + 1.15],
            mode="markers",
            name="conductor's head",
            marker=dict(size=16, color="#222222"),
            **quiet,
        ),
        **top,
    )
    day = ORCHESTRA_TIME.default / 1440.0
    shapes = [
        time_cursor_shape(day, xref="x2", yref="y2 domain"),
        dict(
            type="path",
            path="M0.05,0.1 L9.95,0.1 L9.3,7.05 Q5,7.75 0.7,7.05 Z",
            fillcolor="#F6EEDF",
            line=line_style("#D8C7A6", 1),
            xref="x",
            yref="y",
            layer="below",
        ),
        dict(
            type="rect",
            x0=cx - 0.45,
            x1=cx + 0.45,
            y0=cy - 0.05,
            y1=cy + 0.3,
            fillcolor="#8C6D31",
            line_width=0,
            xref="x",
            yref="y",
            layer="below",
        ),
        dict(
            type="line",
            x0=0,
            x1=1,
            y0=100,
            y1=100,
            xref="x2 domain",
            yref="y2",
            line=line_style(COLORS["bdnf"], 2, "dash"),
        ),
    ]
    fig.update_layout(shapes=shapes)
    add_readout(fig, size=13)
    for k, (x, _) in enumerate(_SECTION_XY):
        fig.add_annotation(
            x=x - 0.97,
            y=_staff_y(k) + 0.45,
            xref="x",
            yref="y",
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            text="",
            font=dict(size=14, color="#222222", family="Georgia, 'Times New Roman', serif"),
        )
    for k, (x, y) in enumerate(_SECTION_XY):
        fig.add_annotation(
            x=x,
            y=y - 0.62,
            xref="x",
            yref="y",
            yanchor="top",
            showarrow=False,
            text=f"<b>{rb.NETWORKS[k]}</b>",
            font=dict(size=12, color=_TEXT[rb.NETWORKS[k]]),
        )
    label_healthy(fig, 100, "healthy balance")
    fig.update_layout(**layout_defaults(height=720, margin=dict(t=80, l=64, r=16, b=48)))
    fig.update_layout(legend=dict(x=1.0, xanchor="right", y=0.3, yanchor="bottom"))
    fig.update_xaxes(range=[0, 10], visible=False, fixedrange=True, constrain="domain", row=1, col=1)
    fig.update_yaxes(
        range=[0.0, 7.8], visible=False, fixedrange=True, scaleanchor="x", constrain="domain", row=1, col=1
    )
    fig.update_xaxes(title_text="days since the first infusion", range=[0, HORIZON_DAYS], dtick=7, row=2, col=1)
    fig.update_yaxes(title_text="balance (% of the way to healthy)", range=[-5, 110], row=2, col=1)
    return fig


def orchestra_patch(*, orchestra_time_min, schedule) -> Patch:
    """Notes, sound waves, dynamic marks and the strip's cursor at one time for one schedule."""
    st = orchestra_state(orchestra_time_min, schedule)
    shown = {_note_index(k, j, st["offsets"][k]) for k in range(len(rb.NETWORKS)) for j in range(len(_BEATS))}
    per_section = len(_BEATS) * N_OFFSETS
    heads_y = [_staff_y(i // per_section) + 0.2 if i in shown else None for i in range(len(_HEADS_X))]
    stems_y = [None if y is None else y + _STEM_DY for y in heads_y]
    arcs = {k * _N_ARCS + r for k in range(len(rb.NETWORKS)) for r in range(st["waves"][k])}
    if ORCHESTRA_TIME.index(orchestra_time_min) is None:
        allowed = ORCHESTRA_TIME.grid()
        raise ValueError(
            f"orchestra_time_min must be one of the time slider's values {allowed}; got {orchestra_time_min!r}"
        )
    layout = {f"annotations[{1 + k}].text": f"<b><i>{m}</i></b>" for k, m in enumerate(st["marks"])}
    layout["annotations[0].text"] = (
        f"<b>{ORCHESTRA_TIME.label_of(orchestra_time_min)}, {SCHEDULE.label_of(schedule)}</b>: balance "
        f"{100 * st['balance']:.0f}% of the way to healthy"
    )
    layout["shapes[0].x0"] = layout["shapes[0].x1"] = orchestra_time_min / 1440.0
    return Patch(
        traces={
            0: {"y": heads_y},
            1: {"y": stems_y},
            2: {"y": showing([y for _, y in _ARCS], arcs)},
        },
        layout=layout,
    )


def orchestra_description(*, orchestra_time_min, schedule) -> str:
    """Text alternative: each section's loudness and timing, and the balance index."""
    st = orchestra_state(orchestra_time_min, schedule)
    base = orchestra_state(1, schedule)
    sections = "; ".join(
        f"{name}: {mark} ({100 * loud:.0f}% of healthy coupling), timing error {timing:.0f}%"
        for name, mark, loud, timing in zip(rb.NETWORKS, st["marks"], st["loudness"], st["timing"], strict=True)
    )
    before = ", ".join(f"{name} {mark}" for name, mark in zip(rb.NETWORKS, base["marks"], strict=True))
    return (
        f"An orchestra of four sections, one per brain network, drawn by the model (teaching model), "
        f"{ORCHESTRA_TIME.label_of(orchestra_time_min)} after the first infusion ({SCHEDULE.label_of(schedule)}). "
        f"Sections: {sections}. Before the first dose the marks were {before}, and every section was 100% out of time. "
        f"The "
        f"balance index is {100 * st['balance']:.0f}% of the way from the depressed baseline to the healthy "
        f"reference; the strip below draws it over eight weeks for one infusion, six over 12 days, and six followed "
        f"by weekly infusions."
    )


ORCHESTRA = FigureSpec(
    "orchestra",
    (ORCHESTRA_TIME, SCHEDULE),
    orchestra_figure,
    orchestra_patch,
    orchestra_description,
    narrow={"height": 700, "yaxis.domain": [0.46, 1.0], "yaxis2.domain": [0.0, 0.28], "legend.y": 0.3},
)


# --- global connectivity --------------------------------------------------------------------------------------

_T_MIN = log_time_grid_min(160)
#: The region whose global connectivity the time course follows: the lateral prefrontal cortex.
FOCUS = "dlPFC"
_FOCUS_I = [r.abbrev for r in rb.REGIONS].index(FOCUS)
#: When imaging studies scanned after one infusion: (minutes, label, direction, study key).
SCANS = (
    (1440.0, "Abdallah 2017", "toward healthy", "abdallah2017"),
    (1440.0, "Sahib 2020", "toward healthy", "sahib2020"),
    (2880.0, "Evans 2018", "toward healthy", "evans2018"),
    (14400.0, "Evans 2018", "back again", "evans2018"),
)
_SCAN_ROWS = ("Abdallah 2017", "Sahib 2020", "Evans 2018")


@lru_cache(maxsize=1)
def _focus_course() -> np.ndarray:
    """dlPFC global connectivity after one standard infusion, in % of the way from depressed to healthy."""
    gc = rb.balance_course(_T_MIN / 60.0)["global"][:, _FOCUS_I]
    return _pct_of_way(gc)


def _pct_of_way(gc) -> np.ndarray:
    lo = float(rb.global_connectivity(rb.DEPRESSED_FC)[_FOCUS_I])
    hi = float(rb.global_connectivity(rb.HEALTHY_FC)[_FOCUS_I])
    return 100.0 * (np.asarray(gc) - lo) / (hi - lo)


def global_state(time_min: float) -> dict:
    """Global connectivity of every region at one time after one standard infusion, and the dlPFC's % of the way."""
    s = _state((0.0,), float(time_min))
    return {"global": s["global"], "focus_pct": float(_pct_of_way(s["global"][_FOCUS_I]))}


_ROW_ORDER = list(range(len(rb.REGIONS)))


def _network_bands() -> list[dict]:
    """A faint band in each network's color behind its rows of the region panel."""
    bands = []
    n = len(rb.REGIONS)
    for network in rb.NETWORKS:
        rows = [i for i, r in enumerate(rb.REGIONS) if r.network == network]
        # The rows are drawn top to bottom in REGIONS order, so row i sits at category position n - 1 - i.
        bands.append(
            dict(
                type="rect",
                x0=0,
                x1=1,
                xref="x domain",
                y0=n - 1 - max(rows) - 0.5,
                y1=n - 1 - min(rows) + 0.5,
                yref="y",
                fillcolor=band_fill(NETWORK_COLORS[network], 0.09),
                line_width=0,
                layer="below",
            )
        )
    return bands


def global_figure() -> go.Figure:
    """Each region's global connectivity (left), the dlPFC's over time and the studies' scan times (right).

    Returns
    -------
    plotly.graph_objects.Figure
        Patched traces (``x`` and ``y``): 0 the regions now, 1 the "now" marker on the time course.
        Static: 2 the depressed baseline, 3 the healthy reference, 4 the time course, 5-6 the scans.
    """
    fig = make_subplots(
        rows=2,
        cols=2,
        specs=[[{"rowspan": 2}, {}], [None, {}]],
        column_widths=[0.42, 0.58],
        row_heights=[0.66, 0.34],
        horizontal_spacing=0.2,
        vertical_spacing=0.16,
    )
    rows = [r.abbrev for r in rb.REGIONS]
    colors = [NETWORK_COLORS[r.network] for r in rb.REGIONS]
    fig.add_trace(
        go.Scatter(
            x=list(rb.global_connectivity(rb.DEPRESSED_FC)),
            y=rows,
            mode="markers",
            name="now",
            marker=dict(size=13, color=colors, line=line_style("#222222", 1)),
            hovertemplate="%{y} now: %{x:.2f}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[1440.0],
            y=[0.0],
            mode="markers",
            name="dlPFC now",
            marker=dict(size=11, color="#222222", line=line_style("#FFFFFF", 1.5)),
            hoverinfo="skip",
            showlegend=False,
        ),
        row=1,
        col=2,
    )
    for name, fc, style in (
        ("before the dose", rb.DEPRESSED_FC, dict(symbol="circle-open", size=13, color="#6E6E6E")),
        ("healthy reference", rb.HEALTHY_FC, dict(symbol="diamond", size=11, color=COLORS["bdnf"])),
    ):
        fig.add_trace(
            go.Scatter(
                x=list(rb.global_connectivity(fc)),
                y=rows,
                mode="markers",
                name=name,
                marker=dict(line=dict(width=2, color=style["color"]), **style),
                hovertemplate="%{y} " + name + ": %{x:.2f}<extra></extra>",
            ),
            row=1,
            col=1,
        )
    fig.add_trace(
        go.Scatter(
            x=_T_MIN,
            y=_focus_course(),
            mode="lines",
            name="dlPFC, % of the way to healthy",
            line=line_style(COLORS["network"], 3),
            showlegend=False,
            hovertemplate="%{y:.0f}% of the way to healthy<extra>dlPFC</extra>",
        ),
        row=1,
        col=2,
    )
    for direction, symbol, color in (
        ("toward healthy", "triangle-up", COLORS["bdnf"]),
        ("back again", "triangle-down", COLORS["effect_site"]),
    ):
        scans = [s for s in SCANS if s[2] == direction]
        fig.add_trace(
            go.Scatter(
                x=[s[0] for s in scans],
                y=[_SCAN_ROWS.index(s[1]) for s in scans],
                mode="markers",
                name=f"study found: {direction}",
                marker=dict(symbol=symbol, size=14, color=color, line=line_style("#FFFFFF", 1)),
                text=[s[1] for s in scans],
                hovertemplate="%{text}<extra></extra>",
            ),
            row=2,
            col=2,
        )
    fig.update_layout(
        shapes=[
            time_cursor_shape(40, xref="x2", yref="y2 domain"),
            dict(
                type="line",
                x0=0,
                x1=1,
                y0=100,
                y1=100,
                xref="x2 domain",
                yref="y2",
                line=line_style(COLORS["bdnf"], 2, "dash"),
            ),
            *_network_bands(),
        ]
    )
    add_readout(fig, size=13)
    label_healthy(fig, 100)
    fig.update_layout(**layout_defaults(height=560, margin=dict(t=120, l=60, r=16, b=56)))
    fig.update_layout(legend=dict(y=1.1, yanchor="bottom"))
    fig.update_xaxes(title_text="global connectivity", range=[0.05, 0.32], row=1, col=1)
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=rows[::-1],
        showgrid=True,
        fixedrange=True,
        row=1,
        col=1,
    )
    fig.update_xaxes(type="log", range=log_time_axis()["range"], showticklabels=False, row=1, col=2)
    fig.update_yaxes(title_text="dlPFC (% of way)", range=[-45, 110], row=1, col=2)
    fig.update_xaxes(**log_time_axis(), row=2, col=2)
    fig.update_yaxes(
        range=[len(_SCAN_ROWS) - 0.5, -0.5],
        tickvals=list(range(len(_SCAN_ROWS))),
        ticktext=list(_SCAN_ROWS),
        showgrid=True,
        fixedrange=True,
        row=2,
        col=2,
    )
    return fig


def global_patch(*, time_min) -> Patch:
    """The regions now, the time-course marker and the readout at one time (one standard infusion)."""
    st = global_state(time_min)
    rows = [r.abbrev for r in rb.REGIONS]
    return Patch(
        traces={
            0: {"x": list(st["global"]), "y": rows},
            1: {"x": [float(time_min)], "y": [st["focus_pct"]]},
        },
        layout={
            "shapes[0].x0": time_min,
            "shapes[0].x1": time_min,
            "annotations[0].text": (
                f"<b>{TIME.label_of(time_min)} after one infusion</b>: dlPFC global connectivity "
                f"{st['global'][_FOCUS_I]:.2f}, {st['focus_pct']:.0f}% of the way to healthy"
            ),
        },
    )


def global_description(*, time_min) -> str:
    """Text alternative: the regions whose global connectivity differs, and the dlPFC over time."""
    st = global_state(time_min)
    before = rb.global_connectivity(rb.DEPRESSED_FC)
    healthy = rb.global_connectivity(rb.HEALTHY_FC)
    rows = ", ".join(
        f"{r.abbrev} {healthy[i]:.2f} healthy, {before[i]:.2f} before, {st['global'][i]:.2f} now"
        for i, r in enumerate(rb.REGIONS)
    )
    course = _focus_course()
    peak = int(np.argmax(course))
    return (
        f"Global connectivity (average coupling strength with all other regions) of nine regions in the teaching "
        f"model, {TIME.label_of(time_min)} after one 0.5 mg/kg infusion: {rows}. The lateral prefrontal cortex "
        f"(dlPFC) is lower than healthy before the dose; over time it moves {course[peak]:.0f}% of the way back, "
        f"about {_T_MIN[peak] / 1440:.1f} days after the infusion, and returns over the following weeks. Studies "
        f"found connectivity shifted toward healthy at 24 hours (Abdallah 2017; Sahib 2020) and at day 2 (Evans "
        f"2018), and the shift gone at day 10 (Evans 2018)."
    )


GLOBAL = FigureSpec(
    "global_connectivity",
    (TIME,),
    global_figure,
    global_patch,
    global_description,
    narrow={
        "xaxis.domain": [0.0, 1.0],
        "yaxis.domain": [0.56, 1.0],
        "xaxis2.domain": [0.0, 1.0],
        "yaxis2.domain": [0.22, 0.44],
        "xaxis3.domain": [0.0, 1.0],
        "yaxis3.domain": [0.0, 0.14],
        "height": 900,
        "margin.t": 170,
    },
)


# --- one infusion against a course ------------------------------------------------------------------------------

#: Days on which the schedule figure can draw an infusion tick (every day of the eight weeks).
_TICK_DAYS = np.arange(0.0, HORIZON_DAYS, 1.0)


@lru_cache(maxsize=32)
def schedule_state(n_infusions: int, infusions_per_week: int) -> dict:
    """The balance index and new spines for a course, with its peak and how long it lasts.

    Returns
    -------
    dict
        ``days`` (the infusion days), ``balance_pct`` and ``spines_pct`` (curves on the figure's days),
        ``peak_pct`` (the balance's peak, % of the way to healthy), ``peak_day``, and ``fade_days`` (days from
        the last infusion until the balance falls below half of its peak).
    """
    days = schedule_days(int(n_infusions), int(infusions_per_week))
    c = rb.schedule_course(_DAYS * 24.0, infusion_days=days)
    balance = 100.0 * c["balance"]
    i = int(np.argmax(balance))
    return {
        "days": days,
        "balance_pct": balance,
        "spines_pct": c["new_spines_pct"],
        "peak_pct": float(balance[i]),
        "peak_day": float(_DAYS[i]),
        "fade_days": c["fade_days"],
    }


def balance_figure() -> go.Figure:
    """The balance index (top) and the new spines of step 7 (bottom) for a course, beside one infusion.

    Returns
    -------
    plotly.graph_objects.Figure
        Patched traces (their ``y``): 0 the course's balance, 1 its new spines, 2 its infusions.  Static: 3-4 one
        infusion's balance and spines.
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.62, 0.38], vertical_spacing=0.08)
    one = schedule_state(1, 3)
    course = schedule_state(N_INFUSIONS.default, PER_WEEK.default)
    fig.add_trace(
        go.Scatter(
            x=_DAYS,
            y=course["balance_pct"],
            mode="lines",
            name="the chosen course",
            line=line_style(COLORS["network"], 3),
            hovertemplate="day %{x:.1f}: %{y:.0f}%<extra>course</extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=_DAYS,
            y=course["spines_pct"],
            mode="lines",
            name="new spines, the chosen course",
            line=line_style(COLORS["spines"], 3),
            showlegend=False,
            hovertemplate="day %{x:.1f}: %{y:.1f} points<extra>new spines</extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=_TICK_DAYS,
            y=[104.0 if d in course["days"] else None for d in _TICK_DAYS],
            mode="markers",
            name="infusion",
            marker=dict(symbol="line-ns", size=12, line=line_style("#222222", 2)),
            hoverinfo="skip",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=_DAYS,
            y=one["balance_pct"],
            mode="lines",
            name="one infusion",
            line=line_style("#6E6E6E", 2, "dot"),
            hovertemplate="day %{x:.1f}: %{y:.0f}%<extra>one infusion</extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=_DAYS,
            y=one["spines_pct"],
            mode="lines",
            name="new spines, one infusion",
            line=line_style("#6E6E6E", 2, "dot"),
            showlegend=False,
            hoverinfo="skip",
        ),
        row=2,
        col=1,
    )
    add_readout(fig, size=13)
    fig.update_layout(**layout_defaults(height=560, margin=dict(t=110, l=64, r=16, b=48)))
    fig.update_layout(legend=dict(y=1.1, yanchor="bottom"))
    fig.update_yaxes(title_text="balance (% of way)", range=[-3, 110], row=1, col=1)
    fig.update_yaxes(title_text="new spines (points)", range=[0, 30], row=2, col=1)
    fig.update_xaxes(range=[0, HORIZON_DAYS], dtick=7, row=1, col=1)
    fig.update_xaxes(title_text="days since the first infusion", range=[0, HORIZON_DAYS], dtick=7, row=2, col=1)
    return fig


def balance_patch(*, course_infusions, course_per_week) -> Patch:
    """The course's curves, its infusions and the readout."""
    st = schedule_state(course_infusions, course_per_week)
    return Patch(
        traces={
            0: {"y": st["balance_pct"]},
            1: {"y": st["spines_pct"]},
            2: {"y": [104.0 if d in st["days"] else None for d in _TICK_DAYS]},
        },
        layout={
            "annotations[0].text": (
                f"<b>{int(course_infusions)} infusion{'s' if course_infusions != 1 else ''}, "
                f"{PER_WEEK.label_of(course_per_week)}</b>: peak {st['peak_pct']:.0f}% on day "
                f"{st['peak_day']:.0f}; below half {st['fade_days']:.0f} days after the last"
            )
        },
    )


def balance_description(*, course_infusions, course_per_week) -> str:
    """Text alternative: peak and fade of the chosen course beside one infusion."""
    st = schedule_state(course_infusions, course_per_week)
    one = schedule_state(1, 3)
    days = ", ".join(f"{d:g}" for d in st["days"])
    return (
        f"The balance index of the four networks (teaching model), in % of the way from the depressed baseline to "
        f"the healthy reference, over eight weeks, and below it the new spines of step 7 (points of healthy spine "
        f"density). The chosen course is {int(course_infusions)} infusions of 0.5 mg/kg, "
        f"{PER_WEEK.label_of(course_per_week)}, on days {days}: the balance peaks at {st['peak_pct']:.0f}% on "
        f"day {st['peak_day']:.0f} and falls below half of its peak {st['fade_days']:.0f} days after the last "
        f"infusion. One infusion peaks at {one['peak_pct']:.0f}% on day {one['peak_day']:.1f} and falls below half "
        f"{one['fade_days']:.0f} days after it."
    )


BALANCE = FigureSpec(
    "balance_schedules",
    (N_INFUSIONS, PER_WEEK),
    balance_figure,
    balance_patch,
    balance_description,
    narrow={"height": 700, "margin.t": 150, "legend.y": 1.08},
)

FIGURES = (ORCHESTRA, GLOBAL, BALANCE)


# --- numbers the chapter quotes from the model ------------------------------------------------------------------------


def _balance_at(schedule: str, day: float) -> float:
    return 100.0 * float(rb.balance_course([day * 24.0], infusion_days=SCHEDULES[schedule])["balance"][0])


def _peak(schedule: str) -> tuple[float, float]:
    c = _course(SCHEDULES[schedule])
    i = int(np.argmax(c["balance"]))
    return 100.0 * float(c["balance"][i]), float(_DAYS[i])


NUMBERS = {
    "s09_single_peak_pct": lambda: _peak("single")[0],
    "s09_single_peak_day": lambda: _peak("single")[1],
    "s09_single_1d_pct": lambda: _balance_at("single", 1.0),
    "s09_single_2d_pct": lambda: _balance_at("single", 2.0),
    "s09_single_10d_pct": lambda: _balance_at("single", 10.0),
    "s09_single_10d_share_pct": lambda: 100.0 * _balance_at("single", 10.0) / _peak("single")[0],
    "s09_landmark_on_h": lambda: landmark("step09").onset_min / 60.0,
    "s09_landmark_off_d": lambda: landmark("step09").offset_min / 1440.0,
    "s09_single_3w_pct": lambda: _balance_at("single", 21.0),
    "s09_single_fade_d": lambda: rb.fade_days(),
    "s09_course_peak_pct": lambda: _peak("course")[0],
    "s09_course_peak_day": lambda: _peak("course")[1],
    "s09_course_fade_d": lambda: rb.fade_days(infusion_days=SCHEDULES["course"]),
    "s09_course_5w_pct": lambda: _balance_at("course", 35.0),
    "s09_maintenance_8w_pct": lambda: _balance_at("maintenance", 55.0),
    "s09_acute_40min_balance_pct": lambda: 100.0 * _state((0.0,), 40.0)["balance"],
    "s09_dlpfc_healthy": lambda: float(rb.global_connectivity(rb.HEALTHY_FC)[_FOCUS_I]),
    "s09_dlpfc_depressed": lambda: float(rb.global_connectivity(rb.DEPRESSED_FC)[_FOCUS_I]),
    "s09_dlpfc_24h_pct": lambda: global_state(1440.0)["focus_pct"],
    "s09_dlpfc_10d_pct": lambda: global_state(14400.0)["focus_pct"],
    "s09_dlpfc_40min_away_pct": lambda: -global_state(40.0)["focus_pct"],
    "s09_dlpfc_peak_pct": lambda: float(_focus_course().max()),
    "s09_weekly6_fade_d": lambda: schedule_state(6, 1)["fade_days"],
    "s09_weekly6_peak_pct": lambda: schedule_state(6, 1)["peak_pct"],
}
