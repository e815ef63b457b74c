"""Step 5, psychedelic visions: the figures of the chapter.

Every figure is a view of :mod:`widgets.models.dissociation`: dissociation and the EEG follow the
effect-site concentration of the chosen dose and route directly.

* ``bouncer``, the metaphor: a nightclub door whose bouncer takes a break.  The share of "guests"
  (sensations) let in, how far the door stands open, the rope and where the bouncer is all follow the
  model's dissociation score at the chosen time, for the chosen dose and route.
* ``dissociation_course``: the dissociation score over the first four hours, on the points of the
  clinical scale (CADSS, teaching scale), with the times the trials report.
* ``eeg_spectrum``: the resting EEG power spectrum (teaching model) at the chosen time beside the
  spectrum before the dose.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import dissociation as ds
from ..params import TIME, ParamSpec
from ..style import COLORS, TEXT_COLORS, band_fill, layout_defaults
from .axes import add_readout, log_time_axis, time_cursor_shape
from .core import FigureSpec, Patch

__all__ = [
    "BOUNCER",
    "COURSE",
    "REGIMEN",
    "REGIMENS",
    "SPECTRUM",
    "bouncer_figure",
    "course_figure",
    "regimen_course",
    "spectrum_figure",
]

#: The doses and routes of the chapter: (route, dose in mg/kg for a 70 kg adult, display name).
#: IV doses are the arms of the dose-finding trial (Fava 2020); the spray doses are esketamine's usual ones.
REGIMENS = MappingProxyType(
    {
        "iv_0.2": ("iv", 0.2, "IV infusion, 0.2 mg/kg over 40 minutes"),
        "iv_0.5": ("iv", 0.5, "IV infusion, 0.5 mg/kg over 40 minutes"),
        "iv_1.0": ("iv", 1.0, "IV infusion, 1.0 mg/kg over 40 minutes"),
        "spray_56": ("intranasal", 56.0 / 70.0, "esketamine nasal spray, 56 mg"),
        "spray_84": ("intranasal", 84.0 / 70.0, "esketamine nasal spray, 84 mg"),
    }
)
#: Dose and route, one slider.
REGIMEN = ParamSpec(
    "regimen",
    "dose and route",
    "",
    default="iv_0.5",
    scale="choice",
    values=tuple(REGIMENS),
    labels=("IV 0.2", "IV 0.5", "IV 1.0", "spray 56", "spray 84"),
)

PARAMS = (REGIMEN,)

#: Times (min) of the four-hour course, every minute.
T_COURSE_MIN = np.arange(0.0, 241.0, 1.0)


@lru_cache(maxsize=16)
def regimen_course(regimen: str) -> dict[str, np.ndarray]:
    """Effect-site concentration, dissociation and CADSS points over the first four hours of one regimen."""
    route, dose, _ = REGIMENS[regimen]
    return ds.dissociation_time_course(T_COURSE_MIN, dose_mg_per_kg=dose, route=route)


def state_at(time_min: float, regimen: str) -> dict[str, float]:
    """Effect-site concentration (ng/mL), dissociation (0-1) and CADSS points at one time."""
    route, dose, _ = REGIMENS[regimen]
    out = ds.dissociation_time_course([time_min], dose_mg_per_kg=dose, route=route)
    return {k: float(v[0]) for k, v in out.items()}


def _above_threshold_min(regimen: str) -> tuple[float, float] | None:
    c = regimen_course(regimen)["cadss_points"]
    above = T_COURSE_MIN[c > ds.CADSS_THRESHOLD_POINTS]
    return (float(above.min()), float(above.max())) if above.size else None


# --- the bouncer (the metaphor) ------------------------------------------------------------------------------
#
# A moving part is drawn once in every position it can take, and a frame shows one of them by setting the
# others' ``y`` to gaps: frames stay small and carry no layout changes but the readout.

#: The guests (sensations) by kind: name and marker symbol.
GUEST_KINDS = (
    ("colors and shapes", "star"),
    ("sounds", "diamond"),
    ("body feelings", "triangle-up"),
    ("sense of time", "hourglass"),
)
N_GUESTS = 8
#: Dissociation score at which the bouncer leaves the rope for his break.
BREAK_AT = 0.2
#: Positions the door leaf can take, from shut to wide open.
N_DOOR = 9
_GROUND = 0.6
_QUEUE_XY = [(4.1 - 0.37 * (N_GUESTS - 1 - k), 1.25) for k in range(N_GUESTS)]
_FLOOR_XY = [(8.9 + 0.8 * (k % 4), 2.0 + 1.2 * (k // 4)) for k in range(N_GUESTS)]
#: Guests of each kind, by their place in the queue (the kinds alternate along the queue).  Guest 0 waits at the
#: back and goes in first, so that those still waiting stand at the rope.
_GUESTS_OF = [[i for i in range(N_GUESTS) if i % len(GUEST_KINDS) == kind] for kind in range(len(GUEST_KINDS))]
_DOOR = (6.9, 7.9, _GROUND, 3.3)
_POSTS_X = (4.5, 6.3)
_POST_TOP = 1.8
_DUTY_X, _BREAK_X = 5.4, 0.6
_STRIP_RANGE = (0.0, 105.0)
#: Times (min) of the dissociation strip under the scene: log-spaced from 1 minute to 12 hours.
_T_STRIP_MIN = np.geomspace(1.0, 720.0, 36)


def guests_inside(dissociation: float) -> int:
    """How many of the guests the door lets in at a dissociation score (0-1)."""
    return int(round(N_GUESTS * float(np.clip(dissociation, 0.0, 1.0))))


def door_position(dissociation: float) -> int:
    """Which of the door leaf's positions (0 shut to ``N_DOOR - 1`` wide open) a dissociation score shows."""
    return int(round((N_DOOR - 1) * float(np.clip(dissociation, 0.0, 1.0))))


def _guest_x(kind: int) -> list:
    """Where one kind's guests can stand: each guest's place in the queue, then its place on the floor."""
    return [_QUEUE_XY[i][0] for i in _GUESTS_OF[kind]] + [_FLOOR_XY[i][0] for i in _GUESTS_OF[kind]]


def _guest_y(kind: int, inside: int) -> list:
    """Heights of one kind's guests at their places (None where a guest is not): the first ``inside`` are in."""
    queue = [None if i < inside else _QUEUE_XY[i][1] for i in _GUESTS_OF[kind]]
    floor = [_FLOOR_XY[i][1] if i < inside else None for i in _GUESTS_OF[kind]]
    return queue + floor


def _standing() -> tuple[list, list]:
    """The bouncer on duty: standing behind the rope, arms crossed."""
    x, y = _DUTY_X, _GROUND
    xs = [x - 0.3, x, x + 0.3, None, x, x, None, x - 0.45, x + 0.45, None, x - 0.45, x + 0.45]
    ys = [y, y + 0.95, y, None, y + 0.95, y + 2.05, None, y + 1.65, y + 1.55, None, y + 1.55, y + 1.65]
    return xs, ys


def _sitting() -> tuple[list, list]:
    """The bouncer on a break: sitting on a crate to the left of the queue."""
    x, y = _BREAK_X, _GROUND
    xs = [x - 0.45, x - 0.45, x + 0.45, x + 0.45, None, x, x, None, x, x + 0.55, x + 0.55, None, x, x + 0.45]
    ys = [y, y + 0.8, y + 0.8, y, None, y + 0.8, y + 1.9, None, y + 0.85, y + 0.85, y, None, y + 1.6, y + 1.3]
    return xs, ys


def _rope(loose: bool) -> tuple[list, list]:
    """The velvet rope: hooked between the posts, or unhooked and hanging from the left post."""
    x0, x1 = _POSTS_X
    s = np.linspace(0.0, 1.0, 9)
    if loose:
        return list(x0 + 0.12 * np.sin(np.pi * s)), list(_POST_TOP - s * (_POST_TOP - _GROUND - 0.1))
    return list(x0 + s * (x1 - x0)), list(_POST_TOP - 0.35 * 4 * s * (1 - s))


def _door_right(dissociation: float) -> float:
    """Right edge of the door leaf: it narrows as the door swings open into the club (in steps)."""
    x0, x1 = _DOOR[0], _DOOR[1]
    return round(x0 + (1.0 - 0.85 * door_position(dissociation) / (N_DOOR - 1)) * (x1 - x0), 4)


#: The label over the bouncer: on duty at the rope, on a break over the crate.
_DOING = (("on duty", _DUTY_X, _GROUND + 3.1), ("on a break", _BREAK_X, _GROUND + 2.95))


@lru_cache(maxsize=16)
def strip_pct(regimen: str) -> np.ndarray:
    """Dissociation (% of the model's maximum) on the strip's times, for one regimen."""
    route, dose, _ = REGIMENS[regimen]
    return 100.0 * ds.dissociation_time_course(_T_STRIP_MIN, dose_mg_per_kg=dose, route=route)["dissociation"]


def bouncer_figure() -> go.Figure:
    """The nightclub door: queue, rope, bouncer, door and dance floor (the metaphor of step 5), over a strip.

    Returns
    -------
    plotly.graph_objects.Figure
        Patched (their ``y``): traces 0-3 the guests of each kind, 4 the bouncer standing, 5 sitting, 6 his
        head, 7 the coffee, 8 the hooked rope, 9 the loose rope, 10 the label over the bouncer, 11 dissociation
        over time.  Static: 12 the disco ball's lights.  The door leaf (shape 0) and the strip's cursor
        (shape 1) are layout shapes that the patch moves.
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.72, 0.28], vertical_spacing=0.1)
    top = dict(row=1, col=1)
    quiet = dict(hoverinfo="skip", showlegend=False)
    for kind, (name, symbol) in enumerate(GUEST_KINDS):
        fig.add_trace(
            go.Scatter(
                x=_guest_x(kind),
                y=_guest_y(kind, 0),
                mode="markers",
                name=name,
                hoverinfo="skip",
                marker=dict(
                    symbol=symbol, size=15, color=COLORS["dissociation"], line=dict(color="#1674A9", width=1.5)
                ),
            ),
            **top,
        )
    for pose in (_standing(), _sitting()):
        fig.add_trace(
            go.Scatter(
                x=pose[0], y=pose[1], mode="lines", name="bouncer", line=dict(color="#2B2B2B", width=7), **quiet
            ),
            **top,
        )
    fig.add_trace(
        go.Scatter(
            x=[_DUTY_X, _BREAK_X],
            y=[None, None],
            mode="markers",
            name="bouncer's head",
            marker=dict(size=22, color="#C68B59", line=dict(color="#2B2B2B", width=2)),
            **quiet,
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=[_BREAK_X + 0.6],
            y=[None],
            mode="markers",
            name="coffee",
            marker=dict(symbol="square", size=11, color="#FFFFFF", line=dict(color="#2B2B2B", width=2)),
            **quiet,
        ),
        **top,
    )
    for loose in (False, True):
        rx, ry = _rope(loose)
        fig.add_trace(
            go.Scatter(x=rx, y=ry, mode="lines", name="velvet rope", line=dict(color="#9B1B30", width=5), **quiet),
            **top,
        )
    fig.add_trace(
        go.Scatter(
            x=[x for _, x, _ in _DOING],
            y=[None, None],
            mode="text",
            text=[t for t, _, _ in _DOING],
            textfont=dict(size=12, color="#222222"),
            name="what the bouncer is doing",
            **quiet,
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=_T_STRIP_MIN,
            y=strip_pct(REGIMEN.default),
            mode="lines",
            name="dissociation",
            showlegend=False,
            line=dict(color=COLORS["dissociation"], width=3),
            hovertemplate="%{y:.0f}% of maximum<extra></extra>",
        ),
        row=2,
        col=1,
    )
    sparkle = np.linspace(0, 2 * np.pi, 8, endpoint=False)
    fig.add_trace(
        go.Scatter(
            x=10.1 + 0.75 * np.cos(sparkle),
            y=5.35 + 0.45 * np.sin(sparkle),
            mode="markers",
            name="disco lights",
            marker=dict(symbol="star", size=8, color=COLORS["glutamate"]),
            **quiet,
        ),
        **top,
    )
    below = dict(xref="x", yref="y", layer="below")
    wall = dict(color="#4B3B5C", width=2)
    post = dict(y0=_GROUND, y1=_POST_TOP, fillcolor="#B8860B", line_width=0, type="rect", **below)
    fig.update_layout(
        shapes=[
            dict(
                type="rect",
                x0=_DOOR[0],
                x1=_door_right(0.0),
                y0=_DOOR[2],
                y1=_DOOR[3],
                fillcolor="#7A4E2D",
                line=dict(color="#3D2716", width=2),
                xref="x",
                yref="y",
            ),
            time_cursor_shape(40, xref="x2", yref="y2 domain"),
            dict(type="rect", x0=-0.2, x1=12.2, y0=0.0, y1=_GROUND, fillcolor="#BDBDBD", line_width=0, **below),
            dict(type="rect", x0=6.5, x1=12.0, y0=_GROUND, y1=6.3, fillcolor="#B8A9C9", line=wall, **below),
            dict(type="rect", x0=8.3, x1=11.7, y0=1.2, y1=4.8, fillcolor="#EDE7F3", line=wall, **below),
            dict(type="rect", x0=6.7, x1=11.8, y0=6.45, y1=7.35, fillcolor="#FFF8E6", line=wall, **below),
            dict(
                type="rect",
                x0=_DOOR[0],
                x1=_DOOR[1],
                y0=_DOOR[2],
                y1=_DOOR[3],
                fillcolor="#2E2438",
                line_width=0,
                **below,
            ),
            dict(x0=_POSTS_X[0] - 0.08, x1=_POSTS_X[0] + 0.08, **post),
            dict(x0=_POSTS_X[1] - 0.08, x1=_POSTS_X[1] + 0.08, **post),
            dict(
                type="circle",
                x0=9.75,
                x1=10.45,
                y0=5.0,
                y1=5.7,
                fillcolor="#D0D0D0",
                line=dict(color="#707070"),
                **below,
            ),
            dict(type="line", x0=10.1, x1=10.1, y0=5.7, y1=6.3, line=dict(color="#707070", width=1), **below),
        ]
    )
    add_readout(fig, size=13)
    fig.add_annotation(
        x=9.25,
        y=6.9,
        xref="x",
        yref="y",
        showarrow=False,
        text="<b>CLUB AWARENESS</b>",
        font=dict(size=14, color="#4B3B5C"),
    )
    fig.update_layout(**layout_defaults(height=640, margin=dict(t=120, l=64, r=16, b=48)))
    fig.update_layout(legend=dict(y=1.09, yanchor="bottom", title=dict(text="guests: ")))
    fig.update_xaxes(range=[-0.2, 12.2], visible=False, fixedrange=True, constrain="domain", row=1, col=1)
    fig.update_yaxes(
        range=[0.0, 7.5], visible=False, fixedrange=True, scaleanchor="x", constrain="domain", row=1, col=1
    )
    fig.update_xaxes(**log_time_axis("time since dosing started (log scale)"), row=2, col=1)
    fig.update_yaxes(title_text="dissociation (%)", range=list(_STRIP_RANGE), row=2, col=1)
    return fig


def bouncer_patch(*, time_min, regimen) -> Patch:
    """Guests, bouncer, rope, door, strip and readout at one time for one dose and route."""
    st = state_at(time_min, regimen)
    d = st["dissociation"]
    inside = guests_inside(d)
    on_break = d >= BREAK_AT
    stand, sit = _standing(), _sitting()
    hooked, loose = _rope(False), _rope(True)

    def show(ys, visible: bool) -> list:
        return list(ys) if visible else [None] * len(ys)

    traces = {k: {"y": _guest_y(k, inside)} for k in range(len(GUEST_KINDS))}
    traces[4] = {"y": show(stand[1], not on_break)}
    traces[5] = {"y": show(sit[1], on_break)}
    traces[6] = {"y": [None, _GROUND + 2.3] if on_break else [_GROUND + 2.45, None]}
    traces[7] = {"y": [_GROUND + 1.35] if on_break else [None]}
    traces[8] = {"y": show(hooked[1], not on_break)}
    traces[9] = {"y": show(loose[1], on_break)}
    traces[10] = {"y": [None, _DOING[1][2]] if on_break else [_DOING[0][2], None]}
    traces[11] = {"y": strip_pct(regimen)}
    return Patch(
        traces=traces,
        layout={
            "shapes[0].x1": _door_right(d),
            "shapes[1].x0": time_min,
            "shapes[1].x1": time_min,
            "annotations[0].text": (
                f"<b>{TIME.label_of(time_min)}, {REGIMEN.label_of(regimen)}</b>: door check "
                f"{100.0 * (1.0 - d):.0f}% of normal; {inside} of {N_GUESTS} guests in"
            ),
        },
    )


def bouncer_description(*, time_min, regimen) -> str:
    """Text alternative: the scene and the model values behind it."""
    st = state_at(time_min, regimen)
    d = st["dissociation"]
    where = "stands at the rope, on duty" if d < BREAK_AT else "sits on a crate with a coffee, on a break"
    return (
        f"A nightclub door, drawn by the model (teaching model): {TIME.label_of(time_min)} after the start of "
        f"{REGIMENS[regimen][2]}, the effect-site concentration is {st['ce_ng_per_mL']:.0f} ng/mL and the "
        f"dissociation score {100 * d:.0f}% of the model's maximum. {guests_inside(d)} of {N_GUESTS} guests "
        f"(colors and shapes, sounds, body feelings, the sense of time) are inside the club; the bouncer {where}; "
        f"the door check runs at {100 * (1 - d):.0f}% of normal. Below, the dissociation score over time; it "
        f"peaks at {strip_pct(regimen).max():.0f}% of the maximum."
    )


BOUNCER = FigureSpec(
    "bouncer",
    (TIME, REGIMEN),
    bouncer_figure,
    bouncer_patch,
    bouncer_description,
    # On a phone: the height includes the two sliders; the legend needs two lines.
    narrow={
        "height": 820,
        "margin.t": 150,
        "yaxis.domain": [0.4, 1.0],
        "yaxis2.domain": [0.0, 0.26],
        "annotations[1].font.size": 11,
    },
)


# --- the dissociation score over time -----------------------------------------------------------------------

_TRIAL_PEAK_MIN = 40.0
_TRIAL_RESOLVED_MIN = (80.0, 120.0)
_MONITOR_MIN = 120.0


def course_figure() -> go.Figure:
    """Dissociation (CADSS points, teaching scale) over the first four hours, every dose and route.

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 the chosen dose and route (patched); traces 1-5 every regimen, faint, for comparison.
    """
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=T_COURSE_MIN,
            y=np.zeros_like(T_COURSE_MIN),
            mode="lines",
            name="chosen dose and route",
            line=dict(color=COLORS["dissociation"], width=4),
            hovertemplate="%{x:.0f} min: %{y:.1f} points<extra>chosen</extra>",
        )
    )
    for name, (route, _, _) in REGIMENS.items():
        fig.add_trace(
            go.Scatter(
                x=T_COURSE_MIN,
                y=regimen_course(name)["cadss_points"],
                mode="lines",
                name=REGIMEN.label_of(name),
                showlegend=False,
                line=dict(color=COLORS["muted"], width=1.5, dash="solid" if route == "iv" else "dash"),
                hovertemplate="%{x:.0f} min: %{y:.1f} points<extra>" + REGIMEN.label_of(name) + "</extra>",
            )
        )
    add_readout(fig, size=13)
    fig.add_shape(
        type="line",
        x0=0,
        x1=240,
        y0=ds.CADSS_THRESHOLD_POINTS,
        y1=ds.CADSS_THRESHOLD_POINTS,
        line=dict(color="#444444", width=1.5, dash="dash"),
    )
    fig.add_shape(
        type="line",
        x0=_TRIAL_PEAK_MIN,
        x1=_TRIAL_PEAK_MIN,
        y0=0,
        y1=1,
        yref="y domain",
        line=dict(color="#444444", width=1.5, dash="dot"),
    )
    fig.add_shape(
        type="rect",
        x0=_TRIAL_RESOLVED_MIN[0],
        x1=_TRIAL_RESOLVED_MIN[1],
        y0=0,
        y1=1,
        yref="y domain",
        fillcolor=band_fill(COLORS["muted"], 0.2),
        line_width=0,
        layer="below",
    )
    fig.add_shape(
        type="rect",
        x0=0,
        x1=_MONITOR_MIN,
        y0=0.93,
        y1=1.0,
        yref="y domain",
        fillcolor=band_fill(COLORS["dissociation"], 0.35),
        line_width=0,
        layer="below",
    )
    notes = (
        (238, ds.CADSS_THRESHOLD_POINTS, "above 4 points: counted as a change", "right", "bottom", "y"),
        (_TRIAL_PEAK_MIN + 2, 0.86, "trials: peak", "left", "top", "y domain"),
        (np.mean(_TRIAL_RESOLVED_MIN), 0.76, "trials: mostly<br>resolved", "center", "top", "y domain"),
        (2, 0.965, "esketamine: at least 2 h of monitoring", "left", "middle", "y domain"),
    )
    for x, y, text, xanchor, yanchor, yref in notes:
        fig.add_annotation(
            x=x,
            y=y,
            yref=yref,
            xanchor=xanchor,
            yanchor=yanchor,
            showarrow=False,
            text=text,
            font=dict(size=11, color="#444444" if "monitoring" not in text else TEXT_COLORS["dissociation"]),
        )
    fig.update_layout(**layout_defaults(height=430, margin=dict(t=80)))
    fig.update_layout(legend=dict(y=1.09))
    fig.update_xaxes(title_text="time since dosing started (min)", range=[0, 240], dtick=30)
    fig.update_yaxes(title_text="total CADSS score (points, teaching scale)", range=[0, 22.5])
    return fig


def course_patch(*, regimen) -> Patch:
    """The chosen regimen's curve and the readout."""
    c = regimen_course(regimen)["cadss_points"]
    window = _above_threshold_min(regimen)
    when = f"above 4 points from {window[0]:.0f} to {window[1]:.0f} min" if window else "never above 4 points"
    return Patch(
        traces={0: {"y": c}},
        layout={
            "annotations[0].text": (
                f"<b>{REGIMEN.label_of(regimen)}</b>: peak {c.max():.1f} points at {T_COURSE_MIN[np.argmax(c)]:.0f} "
                f"min; {when}"
            )
        },
    )


def course_description(*, regimen) -> str:
    """Text alternative: peak and duration for the chosen regimen, and the others."""
    parts = []
    for name in REGIMENS:
        c = regimen_course(name)["cadss_points"]
        parts.append(f"{REGIMEN.label_of(name)} peaks at {c.max():.1f} points")
    window = _above_threshold_min(regimen)
    span = f"from {window[0]:.0f} to {window[1]:.0f} minutes" if window else "at no time"
    return (
        f"Dissociation over the first 4 hours on the CADSS's points (teaching scale; the model's score follows the "
        f"effect-site concentration directly). Chosen: {REGIMENS[regimen][2]}, above the 4-point threshold "
        f"{span}. {'; '.join(parts)}. Trials report the peak at about 40 minutes and most of the effect gone "
        f"80 to 120 minutes after the start; esketamine patients are monitored for at least 2 hours."
    )


COURSE = FigureSpec("dissociation_course", (REGIMEN,), course_figure, course_patch, course_description)


# --- the EEG power spectrum ----------------------------------------------------------------------------------

#: Frequencies (Hz) of the spectrum: log-spaced from 1 to 80 Hz.
FREQ_HZ = np.geomspace(1.0, 80.0, 90)
_BAND_FILL = {"delta": 0.10, "theta": 0.0, "alpha": 0.10, "beta": 0.0, "gamma": 0.10}


def _db(power_uv2_per_hz: np.ndarray) -> np.ndarray:
    """Power in decibels relative to 1 µV²/Hz (a spectrum spans decades; dB keeps every part legible)."""
    return 10.0 * np.log10(power_uv2_per_hz)


#: Times (min) of the gamma strip under the spectrum: log-spaced over the time slider's range.
_T_GAMMA_MIN = np.geomspace(1.0, 60480.0, 40)


@lru_cache(maxsize=16)
def gamma_course_pct(regimen: str) -> np.ndarray:
    """Change of gamma power (%) on the strip's times, for one regimen."""
    route, dose, _ = REGIMENS[regimen]
    ce = ds.dissociation_time_course(_T_GAMMA_MIN, dose_mg_per_kg=dose, route=route)["ce_ng_per_mL"]
    return ds.band_power_change_pct("gamma", ce)


def spectrum_figure() -> go.Figure:
    """The EEG spectrum now and before the dose, with the five bands, over a strip of gamma power (teaching model).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 the spectrum at the chosen time and trace 1 the change of gamma power over time (both patched);
        trace 2 the spectrum before the dose.  The strip's cursor is shape 0.
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.7, 0.3], vertical_spacing=0.16)
    fig.add_trace(
        go.Scatter(
            x=FREQ_HZ,
            y=_db(ds.eeg_power_spectrum(FREQ_HZ, 0.0)),
            mode="lines",
            name="at the chosen time",
            line=dict(color=COLORS["dissociation"], width=4),
            hovertemplate="%{x:.1f} Hz: %{y:.1f} dB<extra>now</extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=_T_GAMMA_MIN,
            y=gamma_course_pct(REGIMEN.default),
            mode="lines",
            name="gamma power",
            showlegend=False,
            line=dict(color=COLORS["dissociation"], width=3),
            hovertemplate="%{y:+.0f}%<extra>gamma power</extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=FREQ_HZ,
            y=_db(ds.eeg_power_spectrum(FREQ_HZ, 0.0)),
            mode="lines",
            name="before the dose",
            line=dict(color="#555555", width=2, dash="dash"),
            hovertemplate="%{x:.1f} Hz: %{y:.1f} dB<extra>before</extra>",
        ),
        row=1,
        col=1,
    )
    shapes = [time_cursor_shape(40, xref="x2", yref="y2 domain")]
    for band, (lo, hi) in ds.EEG_BANDS_HZ.items():
        if _BAND_FILL[band]:
            shapes.append(
                dict(
                    type="rect",
                    x0=lo,
                    x1=hi,
                    y0=0,
                    y1=1,
                    xref="x",
                    yref="y domain",
                    fillcolor=band_fill(COLORS["muted"], _BAND_FILL[band] * 2),
                    line_width=0,
                    layer="below",
                )
            )
    fig.update_layout(shapes=shapes)
    add_readout(fig, size=13)
    for band, (lo, hi) in ds.EEG_BANDS_HZ.items():
        fig.add_annotation(
            x=np.log10(np.sqrt(lo * hi)),
            y=0.02,
            xref="x",
            yref="y domain",
            yanchor="bottom",
            showarrow=False,
            text=band,
            font=dict(size=11, color="#444444"),
        )
    fig.update_layout(**layout_defaults(height=560, margin=dict(t=80)))
    fig.update_layout(legend=dict(y=1.06))
    ticks = [1, 2, 4, 8, 13, 30, 80]
    fig.update_xaxes(
        title_text="frequency (Hz, log scale)",
        type="log",
        range=[0, np.log10(80)],
        tickvals=ticks,
        ticktext=[str(t) for t in ticks],
        row=1,
        col=1,
    )
    fig.update_yaxes(title_text="power of the EEG (dB, illustrative)", range=[-14, 16], dtick=5, row=1, col=1)
    fig.update_xaxes(**log_time_axis("time since dosing started (log scale)"), row=2, col=1)
    fig.update_yaxes(title_text="gamma power (% change)", range=[-5, 80], row=2, col=1)
    return fig


def spectrum_patch(*, time_min, regimen) -> Patch:
    """The spectrum, the gamma strip and the band changes at one time for one dose and route."""
    ce = state_at(time_min, regimen)["ce_ng_per_mL"]
    change = {b: float(ds.band_power_change_pct(b, ce)) for b in ("gamma", "alpha", "delta")}
    changes = ", ".join(f"{b} {v:+.0f}%".replace("-", "−") for b, v in change.items())
    text = f"<b>{TIME.label_of(time_min)}, {ce:.0f} ng/mL at the brain</b>: {changes}"
    return Patch(
        traces={0: {"y": _db(ds.eeg_power_spectrum(FREQ_HZ, ce))}, 1: {"y": gamma_course_pct(regimen)}},
        layout={"annotations[0].text": text, "shapes[0].x0": time_min, "shapes[0].x1": time_min},
    )


def spectrum_description(*, time_min, regimen) -> str:
    """Text alternative: band changes now and the gamma power over time."""
    ce = state_at(time_min, regimen)["ce_ng_per_mL"]
    change = {b: float(ds.band_power_change_pct(b, ce)) for b in ("delta", "alpha", "gamma")}
    return (
        f"Resting EEG power spectrum from 1 to 80 Hz, in decibels over a log frequency axis (teaching model: a "
        f"1/f background with an alpha peak at 10 Hz), {TIME.label_of(time_min)} after the start of "
        f"{REGIMENS[regimen][2]}. The effect-site concentration is {ce:.0f} ng/mL; delta power is "
        f"{change['delta']:+.0f}%, alpha {change['alpha']:+.0f}% and gamma {change['gamma']:+.0f}% compared with the "
        f"spectrum before the dose (dashed). Below, the change of gamma power over six weeks; it peaks at "
        f"{gamma_course_pct(regimen).max():+.0f}%. Human EEG and MEG studies report the directions; the sizes "
        f"except alpha's are illustrative."
    )


SPECTRUM = FigureSpec(
    "eeg_spectrum",
    (TIME, REGIMEN),
    spectrum_figure,
    spectrum_patch,
    spectrum_description,
    narrow={"height": 820},
)

FIGURES = (BOUNCER, COURSE, SPECTRUM)


# --- numbers the chapter quotes from the model ----------------------------------------------------------------


def _peak_points(regimen: str) -> float:
    return float(regimen_course(regimen)["cadss_points"].max())


def _peak_time_min(regimen: str) -> float:
    c = regimen_course(regimen)["dissociation"]
    return float(T_COURSE_MIN[int(np.argmax(c))])


def _fraction_of_peak(regimen: str, t_min: float) -> float:
    c = regimen_course(regimen)["dissociation"]
    return float(np.interp(t_min, T_COURSE_MIN, c) / c.max())


def _window(regimen: str, end: int) -> float:
    w = _above_threshold_min(regimen)
    return float("nan") if w is None else w[end]


#: The exercise's time grid (min): every minute for six hours, as in its solution.
_EXERCISE_T_MIN = np.arange(0.0, 361.0, 1.0)


@lru_cache(maxsize=8)
def _exercise(duration_min: float) -> tuple[float, float]:
    """Peak CADSS points and minutes above the threshold for a 0.5 mg/kg infusion of a given length."""
    pts = ds.dissociation_time_course(_EXERCISE_T_MIN, dose_mg_per_kg=0.5, duration_min=duration_min)["cadss_points"]
    return float(pts.max()), float(np.sum(pts > ds.CADSS_THRESHOLD_POINTS))


def _gamma_at(t_min: float) -> float:
    ce = ds.dissociation_time_course([t_min])["ce_ng_per_mL"]
    return float(ds.band_power_change_pct("gamma", ce)[0])


NUMBERS = {
    "s05_ex_peak_40": lambda: _exercise(40.0)[0],
    "s05_ex_peak_100": lambda: _exercise(100.0)[0],
    "s05_ex_above_40": lambda: _exercise(40.0)[1],
    "s05_ex_above_100": lambda: _exercise(100.0)[1],
    "s05_ex_gamma_2h": lambda: _gamma_at(120.0),
    "s05_ex_gamma_4h": lambda: _gamma_at(240.0),
    "s05_ce_40min_ng_per_mL": lambda: state_at(40.0, "iv_0.5")["ce_ng_per_mL"],
    "s05_diss_40min_pct": lambda: 100.0 * state_at(40.0, "iv_0.5")["dissociation"],
    "s05_peak_min_iv": lambda: _peak_time_min("iv_0.5"),
    "s05_peak_min_spray": lambda: _peak_time_min("spray_84"),
    "s05_points_iv_0_2": lambda: _peak_points("iv_0.2"),
    "s05_points_iv_0_5": lambda: _peak_points("iv_0.5"),
    "s05_points_iv_1_0": lambda: _peak_points("iv_1.0"),
    "s05_points_spray_56": lambda: _peak_points("spray_56"),
    "s05_points_spray_84": lambda: _peak_points("spray_84"),
    "s05_iv_above_from_min": lambda: _window("iv_0.5", 0),
    "s05_iv_above_to_min": lambda: _window("iv_0.5", 1),
    "s05_spray84_above_to_min": lambda: _window("spray_84", 1),
    "s05_iv1_above_to_min": lambda: _window("iv_1.0", 1),
    "s05_iv_2h_pct_of_peak": lambda: 100.0 * _fraction_of_peak("iv_0.5", 120.0),
    "s05_iv_90min_pct_of_peak": lambda: 100.0 * _fraction_of_peak("iv_0.5", 90.0),
    "s05_guests_40min": lambda: float(guests_inside(state_at(40.0, "iv_0.5")["dissociation"])),
    "s05_guests_2h": lambda: float(guests_inside(state_at(120.0, "iv_0.5")["dissociation"])),
    "s05_guests_spray56_30min": lambda: float(guests_inside(state_at(30.0, "spray_56")["dissociation"])),
    "s05_gamma_40min_pct": lambda: float(ds.band_power_change_pct("gamma", state_at(40.0, "iv_0.5")["ce_ng_per_mL"])),
    "s05_alpha_40min_pct": lambda: float(ds.band_power_change_pct("alpha", state_at(40.0, "iv_0.5")["ce_ng_per_mL"])),
    "s05_delta_40min_pct": lambda: float(ds.band_power_change_pct("delta", state_at(40.0, "iv_0.5")["ce_ng_per_mL"])),
    "s05_gamma_4h_pct": lambda: float(ds.band_power_change_pct("gamma", state_at(240.0, "iv_0.5")["ce_ng_per_mL"])),
    "s05_ce_4h_ng_per_mL": lambda: state_at(240.0, "iv_0.5")["ce_ng_per_mL"],
    "s05_alpha_drop_db_full": lambda: -float(ds.BAND_CHANGE_DB_AT_FULL["alpha"]),
    "s05_cadss_at_full": lambda: ds.CADSS_POINTS_AT_FULL_EFFECT,
}
