"""Step 4, dampening the default mode network: the figures of the chapter.

Every figure is a view of the region model of :mod:`widgets.models.networks`, driven by the cascade's
``network`` and ``dissociation`` curves after one infusion.

* ``dmn_radio``, the metaphor: a radio stuck on the "inner monologue" station.  Its volume meter follows
  the model's coupling inside the default mode network (DMN), its tuning needle the DMN's share of the
  DMN and executive strengths, its sound waves and the worries it plays the part of the volume above the
  healthy level, at the chosen time and dose; a strip below shows the volume over six weeks.
* ``dmn_matrix``: the 7 × 7 connectivity matrix at the chosen time, drawn as tiles whose color and size
  follow the correlation, beside the distance of the whole pattern from the healthy reference over time.
* ``dmn_regions``: the seven regions on a schematic brain, the healthy reference beside the patient at the
  chosen time; the width of each link follows the matrix.

How the figures stay light: a moving part is drawn once in every position it can take, and a slider only
shows one of them by setting the others' ``y`` to gaps (``None``).  Frames then carry a few short lists
and no layout changes but the readout, which keeps the static book small and every check of it quick.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import networks as nw
from ..params import DOSE, TIME
from ..style import COLORS, NETWORK_COLORS, TEXT_COLORS, band_fill, layout_defaults
from .axes import add_readout, log_time_axis, log_time_grid_min, time_cursor_shape
from .core import FigureSpec, Patch
from .curves import curve_line
from .drawing import label_healthy, line_style, rounded_rect, segments, showing

__all__ = [
    "MATRIX",
    "RADIO",
    "RADIO_DOSE",
    "REGIONS_FIGURE",
    "matrix_figure",
    "radio_figure",
    "radio_state",
    "regions_figure",
    "state_at",
]

#: Dose of the radio's infusion: the shared dose, thinned to three positions in the static book.
RADIO_DOSE = replace(DOSE, name="radio_dose_mg_per_kg", static_values=(0.2, 0.5, 1.0))

PARAMS = (RADIO_DOSE,)

#: Times (min) of the curves: log-spaced from 1 minute to 6 weeks.
_T_MIN = log_time_grid_min(240)
_N = len(nw.REGIONS)
_DMN = "default mode"


@lru_cache(maxsize=32)
def _course(dose_mg_per_kg: float) -> dict[str, np.ndarray]:
    """The region model on the figures' time grid for one dose (cached: every frame reads it)."""
    return nw.region_connectivity(_T_MIN / 60.0, dose_mg_per_kg=dose_mg_per_kg)


@lru_cache(maxsize=512)
def _state(time_min: float, dose_mg_per_kg: float) -> dict:
    out = nw.region_connectivity([time_min / 60.0], dose_mg_per_kg=dose_mg_per_kg)
    fc = out["fc"][0]
    fc.setflags(write=False)
    return {
        "fc": fc,
        "network": float(out["network"][0]),
        "acute": float(out["acute"][0]),
        "distance_pct": float(nw.relative_distance_pct(fc)),
        "balance": float(out["balance"][0]),
        "dmn": float(out["dmn"][0]),
        "executive": float(nw.within_network_strength(fc, "executive")),
        "share": float(nw.network_share(fc)),
    }


def state_at(time_min: float, dose_mg_per_kg: float = 0.5) -> dict:
    """The region model at one time after one infusion (computed at that time, not interpolated).

    Returns
    -------
    dict
        ``fc`` (7 × 7, read-only), and the scalars ``network``, ``acute``, ``distance_pct`` (from the
        healthy reference, in % of the depressed baseline's distance), ``balance``, ``dmn`` (within-DMN
        coupling), ``executive`` (within-executive coupling) and ``share`` (the DMN's share of the two).
    """
    return dict(_state(float(time_min), float(dose_mg_per_kg)))


def _cursor_parts(y0: float, y1: float) -> tuple[list, list]:
    """One vertical "now" line per position of the time slider, for a trace that shows one of them."""
    xs = [[t, t] for t in TIME.grid()]
    return xs, [[y0, y1]] * len(xs)


def _cursor_index(time_min: float) -> int:
    i = TIME.index(time_min)
    if i is None:
        raise ValueError(f"time_min must be one of the time slider's values {TIME.grid()}; got {time_min!r}")
    return i


# --- the radio (the metaphor) ------------------------------------------------------------------------------------

#: LED segments of the volume meter, and the DMN coupling that lights all of them.
N_LEDS = 12
_LED_FULL_SCALE = 0.78
#: Worries the radio plays, one more for each segment lit above the healthy level.
WORRIES = ("It's all my fault.", "Why did I say that?", "Nothing will ever change.")
_WORRY_XY = [(0.1, 8.85 - 0.75 * k) for k in range(len(WORRIES))]
_LED_X = np.linspace(5.25, 8.95, N_LEDS)
_LED_Y = 2.75
_DIAL = (5.0, 9.2, 3.45, 4.75)  # x0, x1, y0, y1 of the tuning window
_DIAL_SHARE = (0.35, 0.8)  # DMN share at the left and right ends of the dial
#: Positions the tuning needle can take along the dial.
N_DIAL = 25
_WAVE_CENTER = (2.9, 2.9)
N_WAVES = 4
_KNOB = (6.1, 1.35, 0.42)  # x, y, radius of the volume knob
#: Times (min) of the volume strip under the radio: log-spaced, coarse (every frame carries the curve).
_T_STRIP_MIN = np.geomspace(1.0, 60480.0, 64)
_STRIP_RANGE = (40.0, 108.0)


def healthy_leds() -> int:
    """Segments lit at the healthy reference's DMN coupling."""
    return leds_lit(float(nw.within_network_strength(nw.HEALTHY_FC, _DMN)))


def leds_lit(dmn: float) -> int:
    """Segments the volume meter lights for a within-DMN coupling (0 to :data:`N_LEDS`)."""
    return int(np.clip(round(N_LEDS * dmn / _LED_FULL_SCALE), 0, N_LEDS))


def _base_dmn() -> float:
    return float(nw.within_network_strength(nw.DEPRESSED_FC, _DMN))


def radio_state(time_min: float, dose_mg_per_kg: float = 0.5) -> dict[str, float]:
    """What the radio shows at one time: lit segments, segments above healthy, dial position, volume (%)."""
    s = state_at(time_min, dose_mg_per_kg)
    lit = leds_lit(s["dmn"])
    return {
        "lit": lit,
        "too_loud": max(0, lit - healthy_leds()),
        "share": s["share"],
        "volume_pct": 100.0 * s["dmn"] / _base_dmn(),
        "dmn": s["dmn"],
        "distance_pct": s["distance_pct"],
    }


@lru_cache(maxsize=16)
def volume_course_pct(dose_mg_per_kg: float) -> np.ndarray:
    """DMN volume (% of the depressed baseline) on the strip's times, for one dose."""
    out = nw.region_connectivity(_T_STRIP_MIN / 60.0, dose_mg_per_kg=dose_mg_per_kg)
    return 100.0 * out["dmn"] / _base_dmn()


def _dial_x(share: float) -> float:
    lo, hi = _DIAL_SHARE
    frac = float(np.clip((share - lo) / (hi - lo), 0.0, 1.0))
    return _DIAL[0] + 0.25 + frac * (_DIAL[1] - _DIAL[0] - 0.5)


def _dial_index(share: float) -> int:
    lo, hi = _DIAL_SHARE
    return int(round((N_DIAL - 1) * float(np.clip((share - lo) / (hi - lo), 0.0, 1.0))))


def _arc(radius: float, n: int = 9) -> tuple[list, list]:
    """An arc of a sound wave to the left of the speaker."""
    a = np.linspace(np.radians(140), np.radians(220), n)
    cx, cy = _WAVE_CENTER
    return list(cx + radius * np.cos(a)), list(cy + radius * np.sin(a))


_WAVES = [_arc(1.75 + 0.35 * k) for k in range(N_WAVES)]
_NEEDLES_X = [[x, x] for x in np.linspace(_dial_x(_DIAL_SHARE[0]), _dial_x(_DIAL_SHARE[1]), N_DIAL)]
_NEEDLE_Y = [_DIAL[2] + 0.08, _DIAL[3] - 0.08]


def _pointer(lit: int) -> tuple[list, list]:
    angle = np.radians(135.0 - 270.0 * lit / N_LEDS)
    return [_KNOB[0], _KNOB[0] + _KNOB[2] * np.cos(angle)], [_KNOB[1], _KNOB[1] + _KNOB[2] * np.sin(angle)]


_POINTERS = [_pointer(k) for k in range(N_LEDS + 1)]


def radio_figure() -> go.Figure:
    """A radio whose volume meter, tuning needle, sound waves and worries follow the region model.

    Below the radio, a strip of the DMN volume over time with the "now" cursor.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0 unlit segments, 1 the speaker grille (static); then, patched (their ``y``): 2 segments lit
        at or below the healthy level, 3 segments lit above it, 4 the sound waves, 5 the worries, 6 the
        tuning needle, 7 the volume over time.  The knob's pointer (shape 0) and the strip's cursor (shape 1)
        are layout shapes that the patch moves.
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.7, 0.3], vertical_spacing=0.1)
    top = dict(row=1, col=1)
    quiet = dict(hoverinfo="skip", showlegend=False)
    fig.add_trace(
        go.Scatter(
            x=_LED_X,
            y=[_LED_Y] * N_LEDS,
            mode="markers",
            name="volume meter",
            marker=dict(symbol="square", size=13, color="#5A5047", line=line_style("#2E2620", 1)),
            **quiet,
        ),
        **top,
    )
    gx, gy = np.meshgrid(np.linspace(1.55, 4.25, 7), np.linspace(1.6, 4.2, 6))
    inside = (gx - 2.9) ** 2 / 1.35**2 + (gy - 2.9) ** 2 / 1.3**2 <= 1.0
    fig.add_trace(
        go.Scatter(
            x=gx[inside], y=gy[inside], mode="markers", name="speaker", marker=dict(size=6, color="#4A3B2C"), **quiet
        ),
        **top,
    )
    for name, color, edge in (
        ("volume up to the healthy level", COLORS["bdnf"], "#1B3A2F"),
        ("too loud: above the healthy level", COLORS["effect_site"], "#5A2600"),
    ):
        fig.add_trace(
            go.Scatter(
                x=_LED_X,
                y=[None] * N_LEDS,
                mode="markers",
                name=name,
                marker=dict(symbol="square", size=13, color=color, line=line_style(edge, 1)),
                **quiet,
            ),
            **top,
        )
    fig.add_trace(
        go.Scatter(
            x=segments(x for x, _ in _WAVES),
            y=showing([y for _, y in _WAVES], ()),
            mode="lines",
            name="sound of the inner monologue",
            line=line_style(TEXT_COLORS["dmn"], 3),
            **quiet,
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=[x for x, _ in _WORRY_XY],
            y=[None] * len(WORRIES),
            mode="text",
            text=[f"<i>“{w}”</i>" for w in WORRIES],
            textposition="middle right",
            textfont=dict(size=13, color=TEXT_COLORS["dmn"]),
            name="the worries it plays",
            **quiet,
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=segments(_NEEDLES_X),
            y=showing([_NEEDLE_Y] * N_DIAL, ()),
            mode="lines",
            name="tuning needle",
            line=line_style("#C0392B", 3),
            **quiet,
        ),
        **top,
    )
    fig.add_trace(
        go.Scatter(
            x=_T_STRIP_MIN,
            y=volume_course_pct(RADIO_DOSE.default),
            mode="lines",
            name="DMN volume",
            showlegend=False,
            line=dict(color=COLORS["dmn"], width=3, shape="spline"),
            hovertemplate="%{y:.0f}% of the depressed baseline<extra></extra>",
        ),
        row=2,
        col=1,
    )
    wood, dark = "#D9B98C", "#6B4A2B"
    healthy = healthy_leds()
    x_healthy = float(_LED_X[healthy - 1] + 0.16)
    healthy_pct = 100.0 * float(nw.within_network_strength(nw.HEALTHY_FC, _DMN)) / _base_dmn()
    below = dict(xref="x", yref="y", layer="below")
    above = dict(xref="x", yref="y", layer="above")
    knob = dict(type="circle", fillcolor="#3B3B3B", line=line_style("#111111", 1), **above)
    r = _KNOB[2]
    (px0, px1), (py0, py1) = _POINTERS[0]
    fig.update_layout(
        shapes=[
            dict(
                type="line",
                x0=px0,
                x1=px1,
                y0=py0,
                y1=py1,
                line=line_style("white", 3),
                xref="x",
                yref="y",
                layer="above",
            ),
            time_cursor_shape(40, xref="x2", yref="y2 domain"),
            dict(type="path", path="M3.2,5.55 Q5.25,7.3 7.3,5.55", line=line_style(dark, 6), **below),
            dict(type="line", x0=8.4, y0=5.55, x1=9.6, y1=7.5, line=line_style("#777777", 3), **below),
            dict(type="circle", x0=9.45, x1=9.75, y0=7.35, y1=7.65, fillcolor="#777777", line_width=0, **below),
            dict(
                type="path",
                path=rounded_rect(1.2, 0.55, 9.6, 5.55, 0.45),
                fillcolor=wood,
                line=line_style(dark, 2),
                **below,
            ),
            dict(
                type="circle", x0=1.5, y0=1.55, x1=4.3, y1=4.25, fillcolor="#EFE3CF", line=line_style(dark, 2), **below
            ),
            dict(
                type="rect",
                x0=_DIAL[0],
                x1=_DIAL[1],
                y0=_DIAL[2],
                y1=_DIAL[3],
                fillcolor="#FFF8E6",
                line=line_style(dark, 1),
                **below,
            ),
            dict(x0=_KNOB[0] - r, x1=_KNOB[0] + r, y0=_KNOB[1] - r, y1=_KNOB[1] + r, **knob),
            dict(x0=7.7, x1=8.54, y0=0.93, y1=1.77, **knob),
            dict(
                type="line",
                x0=_dial_x(0.5),
                x1=_dial_x(0.5),
                y0=_DIAL[2],
                y1=_DIAL[2] + 0.35,
                line=line_style(COLORS["bdnf"], 3),
                **above,
            ),
            dict(
                type="line",
                x0=x_healthy,
                x1=x_healthy,
                y0=_LED_Y - 0.32,
                y1=_LED_Y + 0.32,
                line=line_style("#222222", 2, "dot"),
                **above,
            ),
            dict(
                type="line",
                x0=0,
                x1=1,
                y0=healthy_pct,
                y1=healthy_pct,
                xref="x2 domain",
                yref="y2",
                line=line_style(COLORS["bdnf"], 2, "dash"),
            ),
        ]
    )
    add_readout(fig, size=13)
    labels = (
        (_DIAL[0] + 0.12, _DIAL[2] + 0.3, "the world", "left"),
        (_DIAL[1] - 0.12, _DIAL[3] - 0.3, "inner monologue", "right"),
        (_dial_x(0.5), _DIAL[2] - 0.25, "healthy", "center"),
        (x_healthy, _LED_Y - 0.55, "healthy level", "center"),
        (_KNOB[0], 0.75, "volume", "center"),
        (8.12, 0.75, "tuning", "center"),
    )
    for x, y, text, anchor in labels:
        fig.add_annotation(
            x=x,
            y=y,
            xref="x",
            yref="y",
            xanchor=anchor,
            showarrow=False,
            text=text,
            font=dict(size=11, color="#222222"),
        )
    label_healthy(fig, healthy_pct)
    fig.update_layout(**layout_defaults(height=620, showlegend=False, margin=dict(t=86, l=64, r=16, b=48)))
    fig.update_xaxes(range=[0, 10], visible=False, fixedrange=True, constrain="domain", row=1, col=1)
    fig.update_yaxes(
        range=[0.3, 9.3], visible=False, fixedrange=True, scaleanchor="x", constrain="domain", row=1, col=1
    )
    fig.update_xaxes(**log_time_axis(), row=2, col=1)
    fig.update_yaxes(title_text="volume of the DMN (%)", range=list(_STRIP_RANGE), row=2, col=1)
    return fig


def radio_patch(*, time_min, radio_dose_mg_per_kg) -> Patch:
    """Meter, waves, worries, needle, knob and strip at one time and dose."""
    st = radio_state(time_min, radio_dose_mg_per_kg)
    healthy = healthy_leds()
    lit = st["lit"]
    low = min(lit, healthy)
    n_waves = min(N_WAVES, 1 + st["too_loud"]) if lit else 0
    (_, px1), (_, py1) = _POINTERS[lit]
    return Patch(
        traces={
            2: {"y": [_LED_Y if i < low else None for i in range(N_LEDS)]},
            3: {"y": [_LED_Y if low <= i < lit else None for i in range(N_LEDS)]},
            4: {"y": showing([y for _, y in _WAVES], range(n_waves))},
            5: {"y": [y if k < st["too_loud"] else None for k, (_, y) in enumerate(_WORRY_XY)]},
            6: {"y": showing([_NEEDLE_Y] * N_DIAL, (_dial_index(st["share"]),))},
            7: {"y": volume_course_pct(radio_dose_mg_per_kg)},
        },
        layout={
            "shapes[0].x1": float(px1),
            "shapes[0].y1": float(py1),
            "shapes[1].x0": time_min,
            "shapes[1].x1": time_min,
            "annotations[0].text": (
                f"<b>{TIME.label_of(time_min)} after a {radio_dose_mg_per_kg:g} mg/kg infusion</b>: "
                f"DMN volume {st['volume_pct']:.0f}% of the depressed baseline"
            ),
        },
    )


def radio_description(*, time_min, radio_dose_mg_per_kg) -> str:
    """Text alternative: the radio's state and the model values behind it."""
    st = radio_state(time_min, radio_dose_mg_per_kg)
    base = radio_state(1.0, radio_dose_mg_per_kg)
    low = float(volume_course_pct(radio_dose_mg_per_kg).min())
    healthy_share = float(nw.network_share(nw.HEALTHY_FC))
    return (
        f"A radio playing the inner monologue station, drawn by the region model (teaching model), "
        f"{TIME.label_of(time_min)} after one {radio_dose_mg_per_kg:g} mg/kg infusion. The volume meter lights "
        f"{st['lit']} of {N_LEDS} segments ({st['too_loud']} above the healthy level of {healthy_leds()}); before "
        f"the dose it lit {base['lit']}. The DMN volume is {st['volume_pct']:.0f}% of the depressed baseline, and "
        f"the tuning needle stands at a DMN share of {st['share']:.2f} (healthy {healthy_share:.2f}, depressed "
        f"{base['share']:.2f}). Below, the volume over six weeks: it dips to {low:.0f}% and returns; the whole "
        f"connectivity pattern is now {st['distance_pct']:.0f}% as far from the healthy reference as before the dose."
    )


RADIO = FigureSpec(
    "dmn_radio",
    (TIME, RADIO_DOSE),
    radio_figure,
    radio_patch,
    radio_description,
    # On a phone: more height for the drawing (the height includes the two sliders).
    narrow={"height": 820, "yaxis.domain": [0.36, 1.0], "yaxis2.domain": [0.0, 0.24]},
)


# --- the connectivity matrix ---------------------------------------------------------------------------------------

_POS = "#B2182B"  # positive correlation (regions rise and fall together)
_NEG = "#2166AC"  # negative correlation (in opposition)
#: Correlation drawn at full color, and the share of the full color at most.
_COLOR_FULL_AT = 0.7
_COLOR_MAX_MIX = 0.9
#: The cells drawn: the lower triangle (the matrix is symmetric, so the upper triangle would repeat it).
_CELLS = [(i, j) for i in range(_N) for j in range(i)]
#: Classes of correlation the tiles are drawn in: (lower edge, upper edge), each with its own color and size.
CLASSES = (
    (-1.0, -0.15),
    (-0.15, -0.05),
    (-0.05, 0.05),
    (0.05, 0.15),
    (0.15, 0.3),
    (0.3, 0.45),
    (0.45, 0.6),
    (0.6, 1.0),
)


def cell_color(value: float) -> str:
    """Fill color for a correlation: white at 0, red for positive and blue for negative correlations."""
    end = _POS if value >= 0 else _NEG
    mix = _COLOR_MAX_MIX * min(1.0, abs(value) / _COLOR_FULL_AT)
    rgb = [int(end[k : k + 2], 16) for k in (1, 3, 5)]
    out = [round(255 + mix * (c - 255)) for c in rgb]
    return "#{:02X}{:02X}{:02X}".format(*out)


def cell_text(value: float) -> str:
    """A correlation as the figures write it: two decimals without the leading zero, e.g. ".51" or "−.07"."""
    v = round(float(value), 2)
    if v == 0:
        return "0"
    return ("−" if v < 0 else "") + f"{abs(v):.2f}".lstrip("0")


def class_of(value: float) -> int:
    """Index of the class (:data:`CLASSES`) a correlation falls in."""
    for k, (_, hi) in enumerate(CLASSES):
        if value < hi:
            return k
    return len(CLASSES) - 1


def _class_label(k: int) -> str:
    lo, hi = CLASSES[k]
    if k == 0:
        return f"below {cell_text(hi)}"
    if k == len(CLASSES) - 1:
        return f"above {cell_text(lo)}"
    return f"{cell_text(lo)} to {cell_text(hi)}"


def _class_value(k: int) -> float:
    """The correlation a class is drawn with: its middle (its inner edge for the open-ended classes)."""
    lo, hi = CLASSES[k]
    return hi if k == 0 else lo if k == len(CLASSES) - 1 else (lo + hi) / 2


def _tiles_y(fc: np.ndarray) -> dict[int, list]:
    """For each class, the rows of the cells in it (gaps elsewhere)."""
    out = {k: [None] * len(_CELLS) for k in range(len(CLASSES))}
    for c, (i, j) in enumerate(_CELLS):
        out[class_of(fc[i, j])][c] = i
    return out


def _distance_curve() -> np.ndarray:
    return nw.relative_distance_pct(_course(0.5)["fc"])


def _dmn_healthy() -> float:
    return float(nw.within_network_strength(nw.HEALTHY_FC, _DMN))


def _staircase(start: int, size: int) -> str:
    """Outline of one network's block in the lower triangle (its diagonal and the cells below it)."""
    lo, hi = start - 0.5, start + size - 0.5
    pts = [(lo, lo), (lo, hi), (hi, hi)]
    for i in range(start + size - 1, start - 1, -1):
        pts += [(i + 0.5, i - 0.5), (i - 0.5, i - 0.5)]
    return "M" + " L".join(f"{x:g},{y:g}" for x, y in pts) + " Z"


#: Tile size (px) of the strongest class; weaker classes are drawn smaller.
_TILE_PX = 34


def matrix_figure() -> go.Figure:
    """The connectivity matrix (tiles by class of correlation) beside the distance over time.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0-7 the tiles of each class of :data:`CLASSES` (patched: their ``y``), 8 the distance's cursor
        (patched); 9 the distance after one standard infusion, 10 the diagonal.
    """
    fig = make_subplots(rows=1, cols=2, column_widths=[0.5, 0.5], horizontal_spacing=0.16)
    tiles = _tiles_y(nw.DEPRESSED_FC)
    names = [f"{nw.REGIONS[i].abbrev}–{nw.REGIONS[j].abbrev}" for i, j in _CELLS]
    for k in range(len(CLASSES)):
        v = _class_value(k)
        fig.add_trace(
            go.Scatter(
                x=[j for _, j in _CELLS],
                y=tiles[k],
                mode="markers",
                name=_class_label(k),
                text=names,
                hovertemplate="%{text}: " + _class_label(k) + "<extra></extra>",
                marker=dict(
                    symbol="square",
                    size=round(_TILE_PX * (0.55 + 0.45 * min(1.0, abs(v) / 0.6))),
                    color=cell_color(v),
                    line=dict(color="#7A7A7A", width=1),
                ),
            ),
            row=1,
            col=1,
        )
    cx, cy = _cursor_parts(0.0, 115.0)
    fig.add_trace(
        go.Scatter(
            x=segments(cx),
            y=showing(cy, ()),
            mode="lines",
            name="now",
            line=line_style("#222222", 2, "dot"),
            hoverinfo="skip",
            showlegend=False,
        ),
        row=1,
        col=2,
    )
    fig.add_trace(
        go.Scatter(
            x=_T_MIN,
            y=_distance_curve(),
            mode="lines",
            name="distance from the healthy pattern",
            line=curve_line("dmn", 3),
            showlegend=False,
            hovertemplate="%{y:.0f}% of the baseline distance<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.add_trace(
        go.Scatter(
            x=list(range(_N)),
            y=list(range(_N)),
            mode="markers",
            name="a region with itself (1)",
            marker=dict(symbol="square", size=_TILE_PX, color="#E0E0E0"),
            hoverinfo="skip",
            showlegend=False,
        ),
        row=1,
        col=1,
    )
    add_readout(fig, size=13)
    shapes = []
    start = 0
    for network in nw.NETWORKS:
        size = sum(r.network == network for r in nw.REGIONS)
        shapes.append(
            dict(type="path", path=_staircase(start, size), xref="x", yref="y", line=line_style("#222222", 2.5))
        )
        start += size
    for lo, hi, _ in _WINDOWS:
        shapes.append(
            dict(
                type="rect",
                x0=lo,
                x1=hi,
                y0=0,
                y1=1,
                xref="x2",
                yref="y2 domain",
                fillcolor=band_fill(COLORS["muted"], 0.18),
                line_width=0,
                layer="below",
            )
        )
    fig.update_layout(shapes=shapes)
    for lo, hi, text in _WINDOWS:
        fig.add_annotation(
            x=np.log10(np.sqrt(lo * hi)),
            y=1.0,
            xref="x2",
            yref="y2 domain",
            yanchor="bottom",
            showarrow=False,
            text=text,
            font=dict(size=11, color="#555555"),
        )
    labels = [r.abbrev for r in nw.REGIONS]
    fig.update_layout(**layout_defaults(height=500, margin=dict(t=140, l=60, r=16, b=56)))
    fig.update_layout(legend=dict(y=1.12, yanchor="bottom", title=dict(text="correlation: ")))
    fig.update_xaxes(
        range=[-0.5, _N - 0.5],
        tickvals=list(range(_N)),
        ticktext=labels,
        tickangle=-60,
        showgrid=False,
        ticks="",
        showline=False,
        fixedrange=True,
        constrain="domain",
        row=1,
        col=1,
    )
    fig.update_yaxes(
        range=[_N - 0.5, -0.5],
        tickvals=list(range(_N)),
        ticktext=labels,
        showgrid=False,
        ticks="",
        showline=False,
        fixedrange=True,
        scaleanchor="x",
        scaleratio=1,
        constrain="domain",
        row=1,
        col=1,
    )
    fig.update_xaxes(**log_time_axis(), row=1, col=2)
    fig.update_yaxes(title_text="distance from healthy (% of baseline)", range=[0, 115], row=1, col=2)
    return fig


#: The imaging studies' time points on the distance panel: (start, end in minutes, label).
_WINDOWS = ((1440.0, 2880.0, "day 1–2"), (8 * 1440.0, 12 * 1440.0, "day 10"))


def matrix_patch(*, time_min) -> Patch:
    """Tiles, the cursor and the readout at one time (standard infusion)."""
    s = state_at(time_min)
    fc = s["fc"]
    cx, cy = _cursor_parts(0.0, 115.0)
    traces = {k: {"y": y} for k, y in _tiles_y(fc).items()}
    traces[len(CLASSES)] = {"y": showing(cy, (_cursor_index(time_min),))}
    idx = {r.abbrev: i for i, r in enumerate(nw.REGIONS)}
    m, p, ins = idx["mPFC"], idx["PCC"], idx["insula"]
    return Patch(
        traces=traces,
        layout={
            "annotations[0].text": (
                f"<b>{TIME.label_of(time_min)}</b>: mPFC–PCC {cell_text(fc[p, m])}, insula–PCC "
                f"{cell_text(fc[ins, p])}; distance {s['distance_pct']:.0f}% of baseline"
            )
        },
    )


def matrix_description(*, time_min) -> str:
    """Text alternative: the couplings that matter, at the chosen time and before the dose."""
    s = state_at(time_min)
    fc = s["fc"]
    idx = {r.abbrev: i for i, r in enumerate(nw.REGIONS)}
    pairs = (("mPFC", "PCC"), ("insula", "PCC"), ("dlPFC", "PPC"), ("PCC", "dlPFC"))
    now = ", ".join(f"{a}–{b} {fc[idx[a], idx[b]]:.2f}" for a, b in pairs)
    before = ", ".join(f"{nw.DEPRESSED_FC[idx[a], idx[b]]:.2f}" for a, b in pairs)
    healthy = ", ".join(f"{nw.HEALTHY_FC[idx[a], idx[b]]:.2f}" for a, b in pairs)
    best = float(_distance_curve().min())
    return (
        f"Connectivity between seven regions (default mode: mPFC, PCC, AG; salience: insula, dACC; executive: "
        f"dlPFC, PPC), {TIME.label_of(time_min)} after one 0.5 mg/kg infusion (teaching model); each tile's color "
        f"and size show its class of correlation. Selected couplings now: {now}; before the dose {before}; healthy "
        f"reference {healthy}. The pattern's distance from the healthy reference is {s['distance_pct']:.0f}% of the "
        f"baseline distance; over time it dips to {best:.0f}% around day 2 and drifts back over the following two "
        f"weeks."
    )


MATRIX = FigureSpec(
    "dmn_matrix",
    (TIME,),
    matrix_figure,
    matrix_patch,
    matrix_description,
    # On a phone the matrix sits above the time course.
    narrow={
        "xaxis.domain": [0.0, 1.0],
        "yaxis.domain": [0.5, 1.0],
        "xaxis2.domain": [0.0, 1.0],
        "yaxis2.domain": [0.0, 0.3],
        "height": 900,
        "margin.t": 190,
    },
)


# --- the regions on a brain outline ----------------------------------------------------------------------------

#: Where each region is drawn on the schematic brain (x, y in a 10 × 7 box, front of the head to the left).
_NODE_XY = {
    "mPFC": (1.9, 3.9),
    "PCC": (6.5, 3.9),
    "AG": (8.0, 3.0),
    "insula": (4.3, 2.6),
    "dACC": (4.0, 4.5),
    "dlPFC": (2.9, 5.5),
    "PPC": (7.2, 5.6),
}
_PAIRS = [(i, j) for i in range(_N) for j in range(i + 1, _N)]
_NETWORK_STYLE = {
    network: (NETWORK_COLORS[network], symbol)
    for network, symbol in (("default mode", "circle"), ("salience", "square"), ("executive", "diamond"))
}
#: Couplings weaker than this are not drawn (they would only clutter the picture).
EDGE_THRESHOLD = 0.08
#: Width classes of the links: (lower edge of |correlation|, line width in px).
EDGE_WIDTHS = ((EDGE_THRESHOLD, 2.0), (0.2, 4.5), (0.35, 7.0), (0.5, 9.5))
#: Cerebellum and brain stem, under the back of the brain.
_BRAIN_BELOW = (
    "M6.3,1.3 C6.5,0.6 7.4,0.3 8.2,0.5 C9.0,0.7 9.3,1.4 8.9,1.9 C8.4,1.5 7.4,1.3 6.3,1.3 Z "
    "M5.4,1.2 L5.7,-0.4 L6.4,-0.4 L6.4,1.2 Z"
)
_BRAIN = (
    "M1.0,3.4 C0.9,5.2 2.2,6.5 4.2,6.7 C6.0,6.9 8.2,6.6 9.0,5.4 C9.7,4.4 9.6,3.0 9.0,2.2 "
    "C8.5,1.5 7.6,1.2 6.6,1.4 C6.0,0.9 5.0,0.7 4.1,1.1 C3.2,0.9 2.2,1.2 1.6,1.9 C1.2,2.3 1.0,2.8 1.0,3.4 Z"
)
#: The link traces: one per sign and width class, in this order (positive first).
_LINK_CLASSES = [(sign, w) for sign in (1, -1) for w in range(len(EDGE_WIDTHS))]
_EDGE_X = [[_NODE_XY[nw.REGIONS[i].abbrev][0], _NODE_XY[nw.REGIONS[j].abbrev][0]] for i, j in _PAIRS]
_EDGE_Y = [[_NODE_XY[nw.REGIONS[i].abbrev][1], _NODE_XY[nw.REGIONS[j].abbrev][1]] for i, j in _PAIRS]


def edge_class(value: float) -> int | None:
    """Index into the link classes for a correlation, or None when it is too weak to draw."""
    if abs(value) < EDGE_THRESHOLD:
        return None
    w = max(k for k, (lo, _) in enumerate(EDGE_WIDTHS) if abs(value) >= lo)
    return _LINK_CLASSES.index((1 if value >= 0 else -1, w))


def _links_y(fc: np.ndarray) -> dict[int, list]:
    shown: dict[int, set] = {k: set() for k in range(len(_LINK_CLASSES))}
    for e, (i, j) in enumerate(_PAIRS):
        k = edge_class(fc[i, j])
        if k is not None:
            shown[k].add(e)
    return {k: showing(_EDGE_Y, shown[k]) for k in shown}


def regions_figure() -> go.Figure:
    """Two schematic brains: the healthy reference (left) and the patient at the chosen time (right).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0-7 the patient's links, one per sign and width class (patched: their ``y``); 8-15 the healthy
        reference's links; 16-21 the regions of each network in each brain.
    """
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.04)
    for col, fc in ((2, nw.DEPRESSED_FC), (1, nw.HEALTHY_FC)):
        links = _links_y(fc)
        for k, (sign, w) in enumerate(_LINK_CLASSES):
            fig.add_trace(
                go.Scatter(
                    x=segments(_EDGE_X),
                    y=links[k],
                    mode="lines",
                    name="positive coupling (together)" if sign > 0 else "negative coupling (in opposition)",
                    legendgroup=str(sign),
                    showlegend=col == 1 and w == 2,
                    line=dict(
                        color=_POS if sign > 0 else _NEG, width=EDGE_WIDTHS[w][1], dash="solid" if sign > 0 else "dot"
                    ),
                    opacity=0.75,
                    hoverinfo="skip",
                ),
                row=1,
                col=col,
            )
    for col in (1, 2):
        for network in nw.NETWORKS:
            members = [r for r in nw.REGIONS if r.network == network]
            color, symbol = _NETWORK_STYLE[network]
            fig.add_trace(
                go.Scatter(
                    x=[_NODE_XY[r.abbrev][0] for r in members],
                    y=[_NODE_XY[r.abbrev][1] for r in members],
                    mode="markers+text",
                    text=[r.abbrev for r in members],
                    textposition="bottom center",
                    textfont=dict(size=11, color="#1A1A1A"),
                    name=f"{network} network",
                    legendgroup=network,
                    showlegend=col == 1,
                    marker=dict(size=16, color=color, symbol=symbol, line=dict(color="white", width=1.5)),
                    hovertemplate=[f"{r.name}<extra>{network}</extra>" for r in members],
                ),
                row=1,
                col=col,
            )
    shapes = []
    for path, fill in ((_BRAIN_BELOW, "#E8DCCD"), (_BRAIN, "#F4EDE4")):
        for axis in ("", "2"):
            shapes.append(
                dict(
                    type="path",
                    path=path,
                    xref=f"x{axis}",
                    yref=f"y{axis}",
                    fillcolor=fill,
                    line=line_style("#8C7B6B", 2),
                    layer="below",
                )
            )
    fig.update_layout(shapes=shapes)
    add_readout(fig, size=13)
    for axis, title in (("", "healthy reference"), ("2", "patient, after one infusion")):
        fig.add_annotation(x=5.2, y=7.35, xref=f"x{axis}", yref=f"y{axis}", showarrow=False, text=f"<b>{title}</b>")
        fig.add_annotation(
            x=1.0,
            y=0.35,
            xref=f"x{axis}",
            yref=f"y{axis}",
            xanchor="left",
            showarrow=False,
            text="front",
            font=dict(size=11, color="#555555"),
        )
    fig.update_layout(**layout_defaults(height=480, margin=dict(t=150, l=8, r=8, b=16)))
    fig.update_layout(legend=dict(y=1.1, yanchor="bottom"))
    for col in (1, 2):
        fig.update_xaxes(range=[0.4, 10.0], visible=False, fixedrange=True, row=1, col=col)
        fig.update_yaxes(range=[-0.6, 7.7], visible=False, fixedrange=True, row=1, col=col)
    # An axis title under the patient's brain (the last on a phone) says what kind of drawing this is.
    fig.update_xaxes(visible=True, showline=False, showticklabels=False, ticks="", showgrid=False, row=1, col=2)
    fig.update_xaxes(title_text="schematic side view, front to the left (not to scale)", row=1, col=2)
    return fig


def regions_patch(*, time_min) -> Patch:
    """The patient's links and the readout at one time (standard infusion)."""
    s = state_at(time_min)
    links = _links_y(s["fc"])
    return Patch(
        traces={k: {"y": y} for k, y in links.items()},
        layout={
            "annotations[0].text": (
                f"<b>{TIME.label_of(time_min)} after a 0.5 mg/kg infusion</b>: "
                f"pattern {s['distance_pct']:.0f}% as far from healthy as before"
            )
        },
    )


def regions_description(*, time_min) -> str:
    """Text alternative: which links are strong in each brain."""
    s = state_at(time_min)
    dmn_h = float(nw.within_network_strength(nw.HEALTHY_FC, _DMN))
    ex_h = float(nw.within_network_strength(nw.HEALTHY_FC, "executive"))
    return (
        f"Two schematic brains seen from the side, front to the left, with seven regions: default mode "
        f"(mPFC, PCC, AG), salience (insula, dACC) and executive (dlPFC, PPC); line widths follow the "
        f"connectivity matrix in four steps (teaching model), solid for positive and dotted for negative coupling, "
        f"and links weaker than {EDGE_THRESHOLD:.2f} are not drawn. Left, the healthy reference: default mode "
        f"coupling {dmn_h:.2f}, executive coupling {ex_h:.2f}. Right, the patient {TIME.label_of(time_min)} after "
        f"one 0.5 mg/kg infusion: default mode coupling {s['dmn']:.2f}, executive coupling {s['executive']:.2f}; the "
        f"pattern is {s['distance_pct']:.0f}% as far from the healthy reference as before the dose."
    )


REGIONS_FIGURE = FigureSpec(
    "dmn_regions",
    (TIME,),
    regions_figure,
    regions_patch,
    regions_description,
    # On a phone the two brains are stacked.
    narrow={
        "xaxis.domain": [0.0, 1.0],
        "yaxis.domain": [0.56, 1.0],
        "xaxis2.domain": [0.0, 1.0],
        "xaxis2.anchor": "y2",
        "yaxis2.domain": [0.0, 0.44],
        "yaxis2.anchor": "x2",
        "height": 760,
        "margin.t": 200,
    },
)

FIGURES = (RADIO, MATRIX, REGIONS_FIGURE)


# --- numbers the chapter quotes from the model ----------------------------------------------------------------


def _peak_time_h() -> float:
    c = _course(0.5)
    return float(_T_MIN[int(np.argmax(c["network"]))] / 60.0)


def _fraction_of_peak_at(days: float) -> float:
    c = _course(0.5)
    return float(np.interp(np.log(days * 1440.0), np.log(_T_MIN), c["network"]) / c["network"].max())


#: The exercise's time grid (h): every 15 minutes for two weeks, as in its solution.
_EXERCISE_T_H = np.linspace(0.0, 14 * 24.0, 14 * 24 * 4 + 1)


@lru_cache(maxsize=8)
def _exercise_peak(dose_mg_per_kg: float) -> tuple[float, float]:
    """Largest balance index after one infusion and its time (h), on the exercise's grid."""
    b = nw.region_connectivity(_EXERCISE_T_H, dose_mg_per_kg=dose_mg_per_kg)["balance"]
    k = int(np.argmax(b))
    return float(b[k]), float(_EXERCISE_T_H[k])


def _exercise_40min() -> dict:
    out = nw.region_connectivity([40.0 / 60.0])
    acute = float(out["acute"][0])
    return {
        "acute": acute,
        "balance": float(out["balance"][0]),
        "alone": float(nw.balance_index(nw.connectivity(0.0, acute))),
    }


NUMBERS = {
    "s04_ex_peak_balance_0_2": lambda: _exercise_peak(0.2)[0],
    "s04_ex_peak_balance_0_5": lambda: _exercise_peak(0.5)[0],
    "s04_ex_peak_balance_1_0": lambda: _exercise_peak(1.0)[0],
    "s04_ex_peak_h_0_2": lambda: _exercise_peak(0.2)[1],
    "s04_ex_peak_h_0_5": lambda: _exercise_peak(0.5)[1],
    "s04_ex_peak_h_1_0": lambda: _exercise_peak(1.0)[1],
    "s04_ex_acute_40min": lambda: _exercise_40min()["acute"],
    "s04_ex_balance_40min": lambda: _exercise_40min()["balance"],
    "s04_ex_balance_acute_only": lambda: _exercise_40min()["alone"],
    "s04_peak_shift_h": _peak_time_h,
    "s04_peak_shift_pct": lambda: 100.0 * float(_course(0.5)["network"].max()),
    "s04_shift_day10_pct_of_peak": lambda: 100.0 * _fraction_of_peak_at(10.0),
    "s04_shift_day21_pct_of_peak": lambda: 100.0 * _fraction_of_peak_at(21.0),
    "s04_distance_40min_pct": lambda: state_at(40.0)["distance_pct"],
    "s04_distance_2d_pct": lambda: state_at(2880.0)["distance_pct"],
    "s04_distance_10d_pct": lambda: state_at(10 * 1440.0)["distance_pct"],
    "s04_dmn_baseline": lambda: float(nw.within_network_strength(nw.DEPRESSED_FC, _DMN)),
    "s04_dmn_healthy": lambda: float(nw.within_network_strength(nw.HEALTHY_FC, _DMN)),
    "s04_dmn_40min": lambda: state_at(40.0)["dmn"],
    "s04_dmn_2d": lambda: state_at(2880.0)["dmn"],
    "s04_volume_40min_pct": lambda: radio_state(40.0)["volume_pct"],
    "s04_volume_2d_pct": lambda: radio_state(2880.0)["volume_pct"],
    "s04_volume_10d_pct": lambda: radio_state(10 * 1440.0)["volume_pct"],
    "s04_volume_healthy_pct": lambda: 100.0 * _dmn_healthy() / _base_dmn(),
    "s04_share_baseline": lambda: float(nw.network_share(nw.DEPRESSED_FC)),
    "s04_share_40min": lambda: state_at(40.0)["share"],
    "s04_share_2d": lambda: state_at(2880.0)["share"],
    "s04_exec_baseline": lambda: float(nw.within_network_strength(nw.DEPRESSED_FC, "executive")),
    "s04_exec_healthy": lambda: float(nw.within_network_strength(nw.HEALTHY_FC, "executive")),
    "s04_exec_40min": lambda: state_at(40.0)["executive"],
    "s04_leds_baseline": lambda: float(radio_state(1.0)["lit"]),
    "s04_leds_healthy": lambda: float(healthy_leds()),
    "s04_leds_2d": lambda: float(radio_state(2880.0)["lit"]),
    "s04_volume_2d_low_dose_pct": lambda: radio_state(2880.0, 0.2)["volume_pct"],
    "s04_volume_2d_high_dose_pct": lambda: radio_state(2880.0, 1.0)["volume_pct"],
}
