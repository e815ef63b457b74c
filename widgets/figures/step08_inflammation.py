"""Step 8, calming inflammation: the figures of the chapter.

Every figure is a view of the chapter functions of :mod:`widgets.models.inflammation`, whose time course is the
cascade's inflammation curve, under one of two evidence settings: what rodent studies show (robust
reductions) and what human studies show (small, transient, mixed).

* ``phone``, the metaphor: an overheating phone.  Its thermometer, warning banner, slowed apps and heat waves
  follow the model's inflammatory tone at the chosen time and evidence setting; a strip below draws the tone
  over six weeks.
* ``cytokine_course``: the change of one marker (IL-6, TNF-α, or IDO for the kynurenine pathway) after one
  infusion or a course, under each evidence setting, with the range of the human findings; below, what the
  human studies reported for that marker, at their sampling times.
* ``inflammation_studies``: the studies as a dot chart, one row per study, placed by the direction of the
  finding, sized by the sample, colored by whether the change went with the antidepressant effect.

How the figures stay light: a moving part is drawn once in every position it can take, and a slider only
shows one of them by setting the others' ``y`` to gaps (``None``); every patched trace carries only ``y``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import inflammation as inf
from ..models.landmarks import landmark
from ..models.schedules import SCHEDULES
from ..models.timeline import simulate
from ..params import SCHEDULE, TIME, ParamSpec
from ..style import COLORS, TEXT_COLORS, band_fill, layout_defaults
from .axes import add_readout, log_time_axis, log_time_grid_min
from .core import FigureSpec, Patch
from .drawing import line_style, rounded_rect, segments, showing

__all__ = [
    "COURSE",
    "EVIDENCE",
    "PHONE",
    "STUDIES_FIGURE",
    "course_figure",
    "phone_figure",
    "phone_state",
    "studies_figure",
]

#: The evidence switch: what rodent studies show, or what human studies show.
EVIDENCE = ParamSpec(
    "evidence",
    "evidence from",
    "",
    default="human",
    scale="choice",
    values=inf.EVIDENCE,
    labels=("rodent studies", "human studies"),
)
#: Time since the infusion started, for the phone: the shared time slider, first shown at 6 h (the model's peak).
PHONE_TIME = replace(TIME, name="phone_time_min", default=360)
#: The marker of the time-course figure.
MARKER = ParamSpec(
    "marker",
    "marker",
    "",
    default="tnf",
    scale="choice",
    values=inf.MARKERS,
    labels=("IL-6", "TNF-α", "IDO"),
)
#: One infusion or the trials' course of six (the shared schedule, without maintenance).
CYTOKINE_SCHEDULE = replace(
    SCHEDULE,
    name="cytokine_schedule",
    default="single",
    values=("single", "course"),
    labels=("one infusion", "six over 12 days"),
)
_SCHEDULE_WORDS = {"single": "one infusion", "course": "six infusions over 12 days"}
#: Which studies the chart highlights.
HIGHLIGHT = ParamSpec(
    "highlight",
    "highlight",
    "",
    default="all",
    scale="choice",
    values=("all", "rodent", "human", "tested"),
    labels=("all studies", "rodents", "people", "tested a link with mood"),
)

PARAMS = (EVIDENCE, PHONE_TIME, MARKER, CYTOKINE_SCHEDULE, HIGHLIGHT)

#: Times (min) of the curves: log-spaced from 1 minute to 6 weeks.
_T_MIN = log_time_grid_min(200)
_TONE_TITLE = "inflammatory tone (SD above healthy)"


def _sd(value: float) -> str:
    """A signed change in SD with two decimals, without a "-0.00" for a change that has died away."""
    text = f"{value:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text


@lru_cache(maxsize=8)
def _tone_course(evidence: str) -> dict[str, np.ndarray]:
    """Inflammatory tone after one standard infusion on the figures' time grid (cached: every frame reads it)."""
    out = inf.tone_sd(_T_MIN / 60.0, evidence)
    for v in out.values():
        v.setflags(write=False)
    return out


def _tone_at(time_min: float, evidence: str) -> float:
    return float(inf.tone_sd([time_min / 60.0], evidence)["tone"][0])


# --- the overheating phone (the metaphor) ------------------------------------------------------------------------

#: The phone's body, screen and the thermometer beside it, in a 10 × 10 box.
_BODY = (1.6, 0.4, 5.6, 9.6)
_SCREEN = (1.85, 1.1, 5.35, 8.9)
_BANNER = (2.0, 7.45, 5.2, 8.65)
_THERMO_X = (6.7, 7.3)
_THERMO_Y = (2.3, 8.3)
_THERMO_RANGE_C = (28.0, 46.0)
#: App icons: two rows of three on the screen.
_APP_XY = [(2.5 + 1.1 * (k % 3), 5.9 - 1.4 * (k // 3)) for k in range(6)]
_APP_COLORS = ("#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#D55E00")
#: Heat waves: up to three wavy lines left of the phone.
N_WAVES = 3


def _wave(x0: float) -> tuple[list, list]:
    y = np.linspace(2.2, 7.8, 29)
    return list(x0 + 0.14 * np.sin(y * 3.2)), list(y)


_WAVES = [_wave(1.1 - 0.45 * k) for k in range(N_WAVES)]


def _thermo_y(temp_c: float) -> float:
    lo, hi = _THERMO_RANGE_C
    frac = float(np.clip((temp_c - lo) / (hi - lo), 0.0, 1.0))
    return _THERMO_Y[0] + frac * (_THERMO_Y[1] - _THERMO_Y[0])


def phone_state(time_min: float, evidence: str = "human") -> dict:
    """What the phone shows at one time: tone, temperature, overheating, slowed apps and heat waves.

    Returns
    -------
    dict
        ``tone`` (SD above healthy), ``temperature_c``, ``hot`` (at or above the warning threshold),
        ``slowed`` (apps slowed, 0-6) and ``waves`` (heat waves, 0-3).
    """
    tone = _tone_at(time_min, evidence)
    temp = float(inf.phone_temperature_c(tone))
    base = float(np.mean(list(inf.BASELINE_SD.values())))
    slowed = int(np.clip(round(len(_APP_XY) * tone / base), 0, len(_APP_XY)))
    waves = int(np.clip(np.floor((temp - 34.0) / 2.0), 0, N_WAVES))
    return {"tone": tone, "temperature_c": temp, "hot": temp >= inf.OVERHEAT_C, "slowed": slowed, "waves": waves}


def phone_figure() -> go.Figure:
    """An overheating phone drawn by the model, above the inflammatory tone over six weeks.

    Returns
    -------
    plotly.graph_objects.Figure
        Patched traces (their ``y``): 0 apps running, 1 apps slowed, 2 their hourglasses, 3 heat waves, 4 the
        banner's two messages, 9 the "now" marker; static: 5-6 the range of the human findings, 7-8 the tone over
        time following human and rodent studies.
        Shapes 4 (the banner) and 5 (the thermometer's column) and annotations 0 (readout) and 1 (the
        thermometer's reading) are patched too.
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.7, 0.3], vertical_spacing=0.1)
    top = dict(row=1, col=1)
    quiet = dict(hoverinfo="skip", showlegend=False)
    ax, ay = [p[0] for p in _APP_XY], [p[1] for p in _APP_XY]
    fig.add_trace(
        go.Scatter(
            x=ax,
            y=ay,
            mode="markers",
            name="apps running",
            marker=dict(symbol="square", size=30, color=list(_APP_COLORS), line=line_style("#FFFFFF", 2)),
            **quiet,
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=ax,
            y=[None] * len(ax),
            mode="markers",
            name="apps slowed",
            marker=dict(symbol="square", size=30, color="#B9B9B9", line=line_style("#8A8A8A", 2)),
            **quiet,
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=ax,
            y=[None] * len(ax),
            mode="markers",
            name="waiting",
            marker=dict(symbol="hourglass", size=14, color="#444444"),
            **quiet,
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=segments(x for x, _ in _WAVES),
            y=showing([y for _, y in _WAVES], ()),
            mode="lines",
            name="heat",
            line=line_style(COLORS["inflammation"], 3),
            **quiet,
        ),
        **top,
    )
    cx = (_BANNER[0] + _BANNER[2]) / 2
    fig.add_trace(
        go.Scatter(
            x=[cx, cx],
            y=[None, None],
            mode="text",
            text=["<b>⚠ Too hot</b><br>apps slowed", "<b>✓ Cool</b><br>apps running"],
            textfont=dict(size=12, color=["#FFFFFF", "#1B4D2E"]),
            name="banner",
            **quiet,
        ),
        **top,
    )
    bottom = dict(row=2, col=1)
    human, rodent = _tone_course("human"), _tone_course("rodent")
    fig.add_trace(
        go.Scatter(x=_T_MIN, y=human["low"], mode="lines", line=dict(width=0), name="range low", **quiet), **bottom
    )
    fig.add_trace(
        go.Scatter(
            x=_T_MIN,
            y=human["high"],
            mode="lines",
            fill="tonexty",
            fillcolor=band_fill(COLORS["inflammation"], 0.2),
            line=dict(width=0),
            name="range of the human findings",
            hoverinfo="skip",
            showlegend=False,
        ),
        **bottom,
    )
    for name, curve, dash in (("human studies", human, "solid"), ("rodent studies", rodent, "dash")):
        fig.add_trace(
            go.Scatter(
                x=_T_MIN,
                y=curve["tone"],
                mode="lines",
                name=name,
                line=line_style(COLORS["inflammation"], 3 if dash == "solid" else 2.5, dash),
                hovertemplate="%{y:.2f} SD above healthy<extra>" + name + "</extra>",
            ),
            **bottom,
        )
    # One "now" position per time and evidence setting, so that the marker belongs to the chosen curve.
    grid = PHONE_TIME.grid() * len(EVIDENCE.values)
    fig.add_trace(
        go.Scatter(
            x=grid,
            y=[None] * len(grid),
            mode="markers",
            name="now",
            marker=dict(size=11, color="#222222", line=line_style("#FFFFFF", 1.5)),
            **quiet,
        ),
        **bottom,
    )
    dark, screen = "#2B2B2B", "#F4F6F8"
    below = dict(xref="x", yref="y", layer="below")
    shapes = [
        dict(type="path", path=rounded_rect(*_BODY, 0.55), fillcolor=dark, line=line_style("#111111", 2), **below),
        dict(type="path", path=rounded_rect(*_SCREEN, 0.2), fillcolor=screen, line_width=0, **below),
        dict(type="rect", x0=3.0, x1=4.2, y0=9.05, y1=9.3, fillcolor="#555555", line_width=0, **below),
        dict(type="rect", x0=2.9, x1=4.3, y0=0.68, y1=0.8, fillcolor="#777777", line_width=0, **below),
        # 4: the banner, 5: the thermometer's column (both patched).
        dict(
            type="path",
            path=rounded_rect(*_BANNER, 0.2),
            fillcolor=COLORS["inflammation"],
            line_width=0,
            xref="x",
            yref="y",
            layer="below",
        ),
        dict(
            type="rect",
            x0=_THERMO_X[0] + 0.12,
            x1=_THERMO_X[1] - 0.12,
            y0=_THERMO_Y[0] - 0.3,
            y1=_THERMO_Y[0],
            fillcolor=COLORS["inflammation"],
            line_width=0,
            xref="x",
            yref="y",
        ),
        # The thermometer: tube, bulb, and the warning mark.
        dict(
            type="path",
            path=rounded_rect(_THERMO_X[0], _THERMO_Y[0] - 0.6, _THERMO_X[1], _THERMO_Y[1] + 0.3, 0.3),
            fillcolor="#FFFFFF",
            line=line_style("#555555", 2),
            **below,
        ),
        dict(
            type="circle",
            x0=_THERMO_X[0] - 0.28,
            x1=_THERMO_X[1] + 0.28,
            y0=_THERMO_Y[0] - 1.45,
            y1=_THERMO_Y[0] - 0.3,
            fillcolor=COLORS["inflammation"],
            line=line_style("#555555", 2),
            xref="x",
            yref="y",
        ),
        dict(
            type="line",
            x0=_THERMO_X[0] - 0.15,
            x1=_THERMO_X[1] + 0.15,
            y0=_thermo_y(inf.OVERHEAT_C),
            y1=_thermo_y(inf.OVERHEAT_C),
            line=line_style("#222222", 2, "dot"),
            xref="x",
            yref="y",
        ),
        # The strip: the healthy average and the overheating threshold.
        dict(
            type="line",
            x0=0,
            x1=1,
            y0=0,
            y1=0,
            xref="x2 domain",
            yref="y2",
            line=line_style(COLORS["bdnf"], 2, "dash"),
        ),
        dict(
            type="line",
            x0=0,
            x1=1,
            y0=(inf.OVERHEAT_C - inf.HEALTHY_TEMPERATURE_C) / inf.DEGREES_PER_SD,
            y1=(inf.OVERHEAT_C - inf.HEALTHY_TEMPERATURE_C) / inf.DEGREES_PER_SD,
            xref="x2 domain",
            yref="y2",
            line=line_style("#555555", 1.5, "dot"),
        ),
    ]
    fig.update_layout(shapes=shapes)
    add_readout(fig, size=13)
    fig.add_annotation(
        x=(_THERMO_X[0] + _THERMO_X[1]) / 2,
        y=_THERMO_Y[1] + 0.45,
        xref="x",
        yref="y",
        yanchor="bottom",
        showarrow=False,
        text="",
        font=dict(size=14, color=TEXT_COLORS["inflammation"]),
    )
    for temp, text in ((inf.OVERHEAT_C, f"{inf.OVERHEAT_C:.0f} °C: too hot"), (30.0, "30 °C: cool")):
        fig.add_annotation(
            x=_THERMO_X[1] + 0.3,
            y=_thermo_y(temp),
            xref="x",
            yref="y",
            xanchor="left",
            showarrow=False,
            text=text,
            font=dict(size=11, color="#444444"),
        )
    for y, text, color in (
        (0.0, "healthy average", TEXT_COLORS["bdnf"]),
        ((inf.OVERHEAT_C - inf.HEALTHY_TEMPERATURE_C) / inf.DEGREES_PER_SD, "too hot", "#444444"),
    ):
        fig.add_annotation(
            x=0.01,
            y=y,
            xref="x2 domain",
            yref="y2",
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            text=text,
            font=dict(size=11, color=color),
        )
    fig.update_layout(**layout_defaults(height=720, margin=dict(t=80, l=64, r=16, b=48)))
    fig.update_layout(legend=dict(x=1.0, xanchor="right", y=0.3, yanchor="bottom"))
    fig.update_xaxes(range=[0, 10], visible=False, fixedrange=True, constrain="domain", row=1, col=1)
    fig.update_yaxes(
        range=[0.2, 9.8], visible=False, fixedrange=True, scaleanchor="x", constrain="domain", row=1, col=1
    )
    fig.update_xaxes(**log_time_axis(), row=2, col=1)
    fig.update_yaxes(title_text="tone (SD above healthy)", range=[-0.05, 0.6], row=2, col=1)
    return fig


def phone_patch(*, phone_time_min, evidence) -> Patch:
    """Thermometer, banner, apps, heat waves and the strip at one time and evidence setting."""
    st = phone_state(phone_time_min, evidence)
    n = len(_APP_XY)
    slowed = range(n - st["slowed"], n)
    ay = [p[1] for p in _APP_XY]
    grid = PHONE_TIME.grid()
    k = PHONE_TIME.index(phone_time_min)
    if k is None:
        raise ValueError(f"phone_time_min must be one of the time slider's values {grid}; got {phone_time_min!r}")
    now = [None] * (len(grid) * len(EVIDENCE.values))
    now[EVIDENCE.index(evidence) * len(grid) + k] = st["tone"]
    banner_y = (_BANNER[1] + _BANNER[3]) / 2
    who = "rodent studies" if evidence == "rodent" else "human studies"
    return Patch(
        traces={
            0: {"y": [y if i not in slowed else None for i, y in enumerate(ay)]},
            1: {"y": [y if i in slowed else None for i, y in enumerate(ay)]},
            2: {"y": [y if i in slowed else None for i, y in enumerate(ay)]},
            3: {"y": showing([y for _, y in _WAVES], range(st["waves"]))},
            4: {"y": [banner_y, None] if st["hot"] else [None, banner_y]},
            9: {"y": now},
        },
        layout={
            "shapes[4].fillcolor": COLORS["inflammation"] if st["hot"] else "#DCEFE2",
            "shapes[5].y1": _thermo_y(st["temperature_c"]),
            "annotations[0].text": (
                f"<b>{PHONE_TIME.label_of(phone_time_min)}, {who}</b>: tone {st['tone']:.2f} SD above healthy"
            ),
            "annotations[1].text": f"<b>{st['temperature_c']:.0f} °C</b>",
        },
    )


def phone_description(*, phone_time_min, evidence) -> str:
    """Text alternative: the phone's state and the tone behind it."""
    st = phone_state(phone_time_min, evidence)
    base = phone_state(1.0, evidence)
    course = _tone_course(evidence)
    low = float(course["tone"].min())
    who = "rodent studies (robust reductions)" if evidence == "rodent" else "human studies (small, mixed changes)"
    return (
        f"A phone drawn by the model of inflammatory tone (teaching model), {PHONE_TIME.label_of(phone_time_min)} "
        f"after one 0.5 mg/kg infusion, following {who}. Its thermometer reads {st['temperature_c']:.0f} °C "
        f"(tone {st['tone']:.2f} standard deviations above the healthy average; before the dose "
        f"{base['temperature_c']:.0f} °C), {'above' if st['hot'] else 'below'} the warning threshold of "
        f"{inf.OVERHEAT_C:.0f} °C; {st['slowed']} of {len(_APP_XY)} apps are slowed. Below, the tone over six weeks: "
        f"its lowest point is {low:.2f} SD, and it is back at the baseline of {base['tone']:.2f} SD within a few days."
    )


PHONE = FigureSpec(
    "phone",
    (PHONE_TIME, EVIDENCE),
    phone_figure,
    phone_patch,
    phone_description,
    # On a phone: more height for the drawing (the height includes the two sliders).
    narrow={"height": 820, "yaxis.domain": [0.4, 1.0], "yaxis2.domain": [0.0, 0.27]},
)


# --- the time course of one marker ----------------------------------------------------------------------------

#: Times (min) of the marker curves: log-spaced over the first day, then every 2 hours to 6 weeks (the course).
_T_COURSE_MIN = np.unique(np.concatenate([np.geomspace(1.0, 1440.0, 48), np.arange(1440.0, 60481.0, 120.0)]))
#: Rows of the study panel: the direction of each finding.
_ROWS = {"fell": 0.0, "no clear change": 1.0, "rose": 2.0}
_DIRECTION_SYMBOL = {"fell": "triangle-down", "no clear change": "circle", "rose": "triangle-up"}


@lru_cache(maxsize=32)
def _marker_course(marker: str, evidence: str, schedule: str) -> dict[str, np.ndarray]:
    out = inf.marker_change_sd(_T_COURSE_MIN / 60.0, marker, evidence, infusion_days=SCHEDULES[schedule])
    for v in out.values():
        v.setflags(write=False)
    return out


def _finding_x(f: inf.Finding) -> float:
    """Where a finding's symbol sits: the middle of its sampling window on the log axis (minutes)."""
    return float(np.sqrt(f.from_h * f.to_h) * 60.0) if f.from_h > 0 else float(f.to_h * 60.0 / 2.0)


def course_figure() -> go.Figure:
    """One marker's change after ketamine (model), above what the human studies of that marker reported.

    Returns
    -------
    plotly.graph_objects.Figure
        Patched traces (their ``y``): 0-1 the range of the human findings, 2 the model's central curve, 3 the
        level that would be the healthy average, 4 the infusions, 5 the findings' sampling windows, 6-8 the
        findings that fell, showed no clear change, rose.  Annotations 1 onward label the findings (patched).
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.68, 0.32], vertical_spacing=0.1, shared_xaxes=True)
    quiet = dict(hoverinfo="skip", showlegend=False)
    start = _marker_course("tnf", "human", "single")
    fig.add_trace(go.Scatter(x=_T_COURSE_MIN, y=start["low"], mode="lines", line=dict(width=0), name="low", **quiet))
    fig.add_trace(
        go.Scatter(
            x=_T_COURSE_MIN,
            y=start["high"],
            mode="lines",
            fill="tonexty",
            fillcolor=band_fill(COLORS["inflammation"], 0.2),
            line=dict(width=0),
            name="range the human studies point to",
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=_T_COURSE_MIN,
            y=start["change"],
            mode="lines",
            name="model (central)",
            line=line_style(COLORS["inflammation"], 3),
            hovertemplate="%{y:.2f} SD<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[_T_COURSE_MIN[0], _T_COURSE_MIN[-1]],
            y=[-inf.BASELINE_SD["tnf"]] * 2,
            mode="lines",
            name="back to the healthy average",
            line=line_style(COLORS["bdnf"], 2, "dash"),
            hoverinfo="skip",
        )
    )
    days = SCHEDULES["course"]
    fig.add_trace(
        go.Scatter(
            x=[max(1.0, d * 1440.0) for d in days],
            y=[0.3] + [None] * (len(days) - 1),
            mode="markers",
            name="infusion",
            marker=dict(symbol="line-ns", size=12, line=line_style("#222222", 2)),
            hoverinfo="skip",
        )
    )
    findings = inf.FINDINGS
    fig.add_trace(
        go.Scatter(
            x=segments([f.from_h * 60.0 if f.from_h > 0 else 1.0, max(f.to_h * 60.0, 2.0)] for f in findings),
            y=showing([[_ROWS[f.direction]] * 2 for f in findings], ()),
            mode="lines",
            name="sampling window",
            line=line_style("#8A8A8A", 4),
            **quiet,
        ),
        row=2,
        col=1,
    )
    for direction in _ROWS:
        fig.add_trace(
            go.Scatter(
                x=[_finding_x(f) for f in findings],
                y=[None] * len(findings),
                mode="markers",
                name=f"human study: {direction}",
                marker=dict(
                    symbol=_DIRECTION_SYMBOL[direction],
                    size=[8 + 0.12 * f.n for f in findings],
                    color=COLORS["drug"],
                    line=line_style("#FFFFFF", 1),
                ),
                text=[f"{f.label}, n = {f.n}: {f.what}" for f in findings],
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
            ),
            row=2,
            col=1,
        )
    add_readout(fig, size=13)
    for f in findings:
        fig.add_annotation(
            x=np.log10(_finding_x(f)),
            y=_ROWS[f.direction] + (0.42 if f.label_above else -0.42),
            xref="x2",
            yref="y2",
            yanchor="bottom" if f.label_above else "top",
            showarrow=False,
            text="",
            font=dict(size=11, color="#333333"),
        )
    fig.update_layout(**layout_defaults(height=560, margin=dict(t=110, l=64, r=16, b=48)))
    fig.update_layout(legend=dict(y=1.1, yanchor="bottom"))
    fig.update_xaxes(**log_time_axis(), row=2, col=1)
    fig.update_xaxes(type="log", range=log_time_axis()["range"], row=1, col=1)
    fig.update_yaxes(title_text="change (SD)", range=[-0.62, 0.36], zeroline=True, row=1, col=1)
    fig.update_yaxes(
        title_text="human studies",
        range=[-0.8, 2.8],
        tickvals=list(_ROWS.values()),
        ticktext=list(_ROWS),
        showgrid=False,
        fixedrange=True,
        row=2,
        col=1,
    )
    return fig


def course_patch(*, marker, evidence, cytokine_schedule) -> Patch:
    """The model's curves, the infusions and the chosen marker's findings."""
    c = _marker_course(marker, evidence, cytokine_schedule)
    findings = inf.FINDINGS
    shown = [k for k, f in enumerate(findings) if f.marker == marker]
    days = SCHEDULES["course"]
    given = SCHEDULES[cytokine_schedule]
    traces = {
        0: {"y": c["low"]},
        1: {"y": c["high"]},
        2: {"y": c["change"]},
        3: {"y": [-inf.BASELINE_SD[marker]] * 2},
        4: {"y": [0.3 if d in given else None for d in days]},
        5: {"y": showing([[_ROWS[f.direction]] * 2 for f in findings], shown)},
    }
    for j, direction in enumerate(_ROWS):
        traces[6 + j] = {
            "y": [
                _ROWS[f.direction] if k in shown and f.direction == direction else None for k, f in enumerate(findings)
            ]
        }
    layout = {f"annotations[{1 + k}].text": (f.label if k in shown else "") for k, f in enumerate(findings)}
    peak = float(c["change"][np.argmax(np.abs(c["change"]))])
    who = "rodent studies" if evidence == "rodent" else "human studies"
    layout["annotations[0].text"] = f"<b>{MARKER.label_of(marker)}, {who}</b>: largest change {_sd(peak)} SD"
    return Patch(traces=traces, layout=layout)


def course_description(*, marker, evidence, cytokine_schedule) -> str:
    """Text alternative: the model's change and the human findings for the chosen marker."""
    c = _marker_course(marker, evidence, cytokine_schedule)
    peak_i = int(np.argmax(np.abs(c["change"])))
    last_min = SCHEDULES[cytokine_schedule][-1] * 1440.0
    after_3d = float(np.interp(last_min + 3 * 1440.0, _T_COURSE_MIN, c["change"]))
    spread = (
        f"; the range of the human findings at that time runs from {c['low'][peak_i]:+.2f} to "
        f"{c['high'][peak_i]:+.2f} SD"
        if evidence == "human"
        else ", a robust fall as in rodent studies"
    )
    found = "; ".join(
        f"{f.label} ({f.n} patients, {f.design}): {f.direction}" for f in inf.FINDINGS if f.marker == marker
    )
    return (
        f"Change in {inf.MARKER_LABELS[marker]} after {_SCHEDULE_WORDS[cytokine_schedule]} (teaching model, "
        f"{evidence} evidence setting), in standard deviations of the healthy population, on a log time axis from 1 "
        f"minute to 6 weeks. The central curve reaches {c['change'][peak_i]:+.2f} SD about "
        f"{_T_COURSE_MIN[peak_i] / 60:.0f} hours after the first infusion{spread}. Three days after the last infusion "
        f"the change is {_sd(after_3d)} SD. What human studies reported for this marker: {found}."
    )


COURSE = FigureSpec(
    "cytokine_course",
    (MARKER, EVIDENCE, CYTOKINE_SCHEDULE),
    course_figure,
    course_patch,
    course_description,
    # On a phone: short row labels for the study panel, so that the time axis keeps its width.
    narrow={
        "height": 720,
        "margin.t": 150,
        "legend.y": 1.06,
        "yaxis2.ticktext": ["fell", "none", "rose"],
        "yaxis2.title.text": "studies",
    },
)


# --- the studies as a chart ---------------------------------------------------------------------------------------

_COLUMNS = {"lower": 0.0, "mixed": 1.0, "higher": 2.0}
_COLUMN_TEXT = ("lower", "mixed or no clear change", "higher")
_LINKS = ("linked", "not linked", "not tested")
_LINK_COLORS = {"linked": COLORS["bdnf"], "not linked": COLORS["effect_site"], "not tested": "#8A8A8A"}
_LINK_NAMES = {
    "linked": "went with the antidepressant effect",
    "not linked": "did not",
    "not tested": "not tested",
}
_SPECIES_NAME = {"rodent": "rodents", "human": "people"}


def _row_label(s: inf.Study) -> str:
    species = s.what.split(" ")[0] if s.species == "rodent" else "people"
    n = f"n = {s.n}" if s.n is not None else "n not given"
    return f"{s.label}, {species if species in ('rats', 'mice') else _SPECIES_NAME[s.species]}, {n}"


def _highlighted(s: inf.Study, highlight: str) -> bool:
    if highlight == "all":
        return True
    if highlight == "tested":
        return s.mood_link != "not tested"
    return s.species == highlight


def studies_figure() -> go.Figure:
    """Every study a mark: row by study, column by direction, size by sample, color by link with mood.

    Returns
    -------
    plotly.graph_objects.Figure
        Patched traces (their ``y``): 0-2 the highlighted studies by link with mood, 3-5 the same studies faded.
    """
    fig = go.Figure()
    studies = inf.STUDIES
    x = [_COLUMNS[s.direction] for s in studies]
    sizes = [12 + 0.35 * s.n if s.n is not None else 12 for s in studies]
    for faded in (False, True):
        for link in _LINKS:
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=[None] * len(studies),
                    mode="markers",
                    name=_LINK_NAMES[link],
                    showlegend=not faded,
                    legendgroup=link,
                    opacity=0.2 if faded else 1.0,
                    marker=dict(
                        size=sizes,
                        opacity=1.0,
                        color=[_LINK_COLORS[link] if s.n is not None else "#FFFFFF" for s in studies],
                        symbol=["circle" if s.species == "human" else "square" for s in studies],
                        line=dict(color=_LINK_COLORS[link], width=2.5),
                    ),
                    text=[s.what for s in studies],
                    hovertemplate="%{text}<extra></extra>",
                )
            )
    n_rodent = sum(s.species == "rodent" for s in studies)
    fig.add_shape(
        type="line",
        x0=0,
        x1=1,
        xref="x domain",
        y0=n_rodent - 0.5,
        y1=n_rodent - 0.5,
        yref="y",
        line=line_style("#777777", 1.5, "dot"),
    )
    fig.update_layout(**layout_defaults(height=520, margin=dict(t=90, l=16, r=16, b=56)))
    fig.update_layout(legend=dict(y=1.04, yanchor="bottom", title=dict(text="the change ")))
    fig.update_xaxes(
        title_text="direction of the inflammation markers after ketamine",
        range=[-0.5, 2.5],
        tickvals=list(_COLUMNS.values()),
        ticktext=list(_COLUMN_TEXT),
        showgrid=True,
        fixedrange=True,
    )
    fig.update_yaxes(
        range=[len(studies) - 0.5, -0.5],
        tickvals=list(range(len(studies))),
        ticktext=[_row_label(s) for s in studies],
        showgrid=True,
        fixedrange=True,
        ticks="",
    )
    return fig


def studies_patch(*, highlight) -> Patch:
    """Which studies are highlighted."""
    studies = inf.STUDIES
    traces = {}
    for k, link in enumerate(_LINKS):
        for faded in (False, True):
            traces[k + 3 * faded] = {
                "y": [
                    i if s.mood_link == link and _highlighted(s, highlight) != faded else None
                    for i, s in enumerate(studies)
                ]
            }
    return Patch(traces=traces)


def studies_description(*, highlight) -> str:
    """Text alternative: where the studies fall."""
    studies = inf.STUDIES
    parts = []
    for species in ("rodent", "human"):
        group = [s for s in studies if s.species == species]
        counts = {d: sum(s.direction == d for s in group) for d in _COLUMNS}
        parts.append(
            f"{len(group)} studies in {_SPECIES_NAME[species]}: {counts['lower']} found lower markers, "
            f"{counts['mixed']} mixed or no clear change, {counts['higher']} higher"
        )
    linked = [s.label for s in studies if s.mood_link == "linked"]
    shown = [s.label for s in studies if _highlighted(s, highlight)]
    return (
        f"A dot chart of {len(studies)} studies of ketamine and inflammation, one row each, placed by the direction of "
        f"the change in inflammation markers and sized by the number of animals or patients. "
        f"{'; '.join(parts)}. The change went with the antidepressant effect in {', '.join(linked)}. "
        f"Highlighted: {', '.join(shown)}."
    )


STUDIES_FIGURE = FigureSpec(
    "inflammation_studies",
    (HIGHLIGHT,),
    studies_figure,
    studies_patch,
    studies_description,
    # On a phone: the study's name only on each row, and short column names.
    narrow={
        "height": 680,
        "margin.t": 150,
        "yaxis.ticktext": [s.label for s in inf.STUDIES],
        "xaxis.ticktext": ["lower", "mixed", "higher"],
        "xaxis.title.text": "direction after ketamine",
        "legend.title.text": "",
    },
)

FIGURES = (PHONE, COURSE, STUDIES_FIGURE)


# --- numbers the chapter quotes from the model ------------------------------------------------------------------------


def _shape_peak_h() -> float:
    t_h = np.arange(0.0, 72.0, 0.1)
    return float(t_h[int(np.argmax(inf.response_shape(t_h)))])


def _shape_below_h(share: float) -> float:
    """Hours after the start when the change has fallen below a share of its peak for good."""
    t_h = np.arange(0.0, 14 * 24.0, 0.25)
    s = inf.response_shape(t_h)
    peak = int(np.argmax(s))
    return float(t_h[peak + np.flatnonzero(s[peak:] < share)[0]])


def _course_change(marker: str, evidence: str, day: float, key: str = "change") -> float:
    out = inf.marker_change_sd([day * 24.0], marker, evidence, infusion_days=SCHEDULES["course"])
    return float(out[key][0])


def _exercise() -> dict[str, float]:
    """The numbers of the chapter's exercise, computed as its solution's code computes them."""
    t_h = np.arange(0.0, 14 * 24.0, 0.25)
    one = simulate(t_h)
    after = t_h > 1.0
    tnf = inf.marker_change_sd(t_h, "tnf", "rodent")["change"]
    mood = one["mood"]
    peak = int(np.argmax(mood))
    course = inf.marker_change_sd([12 * 24.0, 25 * 24.0], "tnf", "rodent", infusion_days=SCHEDULES["course"])["change"]
    return {
        "plasma_below_1_h": float(t_h[after & (one["plasma"] < 1.0)][0]),
        "tenth_h": float(t_h[np.abs(tnf) >= 0.1 * np.abs(tnf).max()][-1]),
        "mood_half_d": float(t_h[peak + np.flatnonzero(mood[peak:] < mood[peak] / 2)[0]] / 24.0),
        "course_d12": float(course[0]),
        "course_d25": float(course[1]),
    }


NUMBERS = {
    "s08_baseline_tone_sd": lambda: phone_state(1.0)["tone"],
    "s08_baseline_temp_c": lambda: phone_state(1.0)["temperature_c"],
    "s08_rodent_6h_temp_c": lambda: phone_state(360, "rodent")["temperature_c"],
    "s08_human_6h_temp_c": lambda: phone_state(360, "human")["temperature_c"],
    "s08_rodent_6h_tone_sd": lambda: phone_state(360, "rodent")["tone"],
    "s08_human_6h_tone_sd": lambda: phone_state(360, "human")["tone"],
    "s08_rodent_3d_temp_c": lambda: phone_state(4320, "rodent")["temperature_c"],
    "s08_rodent_6h_slowed": lambda: phone_state(360, "rodent")["slowed"],
    "s08_human_6h_slowed": lambda: phone_state(360, "human")["slowed"],
    "s08_peak_h": _shape_peak_h,
    "s08_below_half_h": lambda: _shape_below_h(0.5),
    "s08_below_tenth_h": lambda: _shape_below_h(0.1),
    "s08_rodent_share_pct": lambda: 100.0 * inf.RODENT_REDUCTION_SHARE,
    "s08_rodent_tnf_peak_drop_sd": lambda: (
        -float(inf.marker_change_sd([_shape_peak_h()], "tnf", "rodent")["change"][0])
    ),
    "s08_landmark_on_h": lambda: landmark("step08").onset_min / 60.0,
    "s08_landmark_off_h": lambda: landmark("step08").offset_min / 60.0,
    "s08_ex_plasma_below_1_h": lambda: _exercise()["plasma_below_1_h"],
    "s08_ex_tenth_h": lambda: _exercise()["tenth_h"],
    "s08_ex_mood_half_d": lambda: _exercise()["mood_half_d"],
    "s08_ex_course_d12_drop_sd": lambda: -_exercise()["course_d12"],
    "s08_ex_course_d25_drop_sd": lambda: abs(_exercise()["course_d25"]),
    "s08_human_tnf_low_sd": lambda: -inf.HUMAN_RANGE_SD["tnf"][0],
    "s08_human_tnf_high_sd": lambda: inf.HUMAN_RANGE_SD["tnf"][1],
    "s08_human_il6_high_sd": lambda: inf.HUMAN_RANGE_SD["il6"][1],
    "s08_course_day12_rodent_drop_sd": lambda: -_course_change("tnf", "rodent", 12.0),
    "s08_course_day14_rodent_drop_sd": lambda: abs(_course_change("tnf", "rodent", 14.0)),
    "s08_degrees_per_sd": lambda: inf.DEGREES_PER_SD,
    "s08_overheat_c": lambda: inf.OVERHEAT_C,
}
