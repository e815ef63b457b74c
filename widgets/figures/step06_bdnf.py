"""Step 6, BDNF, fertilizer for the brain: the figures of the chapter.

* ``garden``, the metaphor: a garden whose plants grow with the running total
  of the model's BDNF-mTORC1 activity (the synaptic proteins of
  :mod:`widgets.models.bdnf_signaling`), and whose soil holds fertilizer
  pellets while that activity lasts; below, both over time on the course's
  log axis.  Sliders: time since the infusion started, and the BDNF gene
  (Val/Val or a Met carrier).
* ``bdnf_steps``: the article's three steps as linked curves on one time axis,
  0-6 h: eEF2 phosphorylation falling (stimulate), BDNF synthesis rising
  (increase), the mTORC1 pulse (activate), then the synaptic proteins.
  Sliders: a time cursor and the dose.
* ``val66met``: Val/Val beside a Met carrier whose activity-dependent BDNF
  release is a slider: the release and mTORC1 pulses side by side, and what
  reaches each later stage, in % of Val/Val.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import bdnf_signaling as bs
from ..models.timeline import simulate
from ..params import DOSE, TIME, ParamSpec, time_labels
from ..style import COLORS, TEXT_COLORS, band_fill, layout_defaults
from .axes import add_readout, add_time_cursor, log_time_axis, log_time_grid_min
from .core import FigureSpec, Patch

__all__ = ["GARDEN", "STEPS", "VAL66MET", "garden_figure", "steps_figure", "val66met_figure"]

#: The BDNF gene: Val/Val, or a carrier of the Met allele (release scaled by the course's illustrative gain).
GENOTYPE = ParamSpec(
    "genotype",
    "BDNF gene",
    "",
    default="val/val",
    scale="choice",
    values=tuple(bs.VAL66MET_GAIN),
    labels=("Val/Val", "Met carrier"),
)
#: Time cursor of the three steps: the first six hours.
_FIRST_HOURS_MIN = (10, 20, 30, 40, 60, 90, 120, 180, 240, 360)
TIME_FIRST_HOURS = replace(
    TIME,
    name="time_first_hours_min",
    default=30,
    values=_FIRST_HOURS_MIN,
    labels=time_labels(_FIRST_HOURS_MIN),
    static_values=(10, 30, 60, 120, 360),
)
#: Activity-dependent BDNF release of a Met carrier, in % of Val/Val.
MET_RELEASE = ParamSpec(
    "met_release_pct", "Met carrier's BDNF release", "% of Val/Val", default=60, min=20, max=100, step=10
)

PARAMS = (GENOTYPE, TIME_FIRST_HOURS, MET_RELEASE)

#: x of the cursor rings: every cursor time, once for each of the four curves.
_CURSOR_X = [t / 60.0 for t in _FIRST_HOURS_MIN] * 4

_STEP_STYLE = {
    "peef2_pct": ("1 stimulate: eEF2 phosphorylation", dict(color=COLORS["nmda"], width=2.5, dash="dot")),
    "bdnf_synthesis_pct": ("2 increase: BDNF synthesis", dict(color=COLORS["bdnf"], width=2.5, dash="dash")),
    "mtorc1_pct": ("3 activate: mTORC1 activity", dict(color=COLORS["bdnf"], width=3.5)),
    "synaptic_proteins_pct": ("then: synaptic proteins", dict(color=COLORS["spines"], width=2.5, dash="longdash")),
}
#: The three-step curves are sampled every 10 minutes and drawn as splines.
_SMOOTH = dict(shape="spline", smoothing=0.6)

# --- the three steps ---------------------------------------------------------------------------------------------

#: Times (h) of the three-step curves: every 10 minutes for six hours (drawn as smooth splines).
T_STEPS_H = np.arange(0.0, 6.0 + 1e-9, 10.0 / 60.0)


def steps_figure() -> go.Figure:
    """The three steps on one time axis, 0-6 h after the infusion started.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0-3: p-eEF2, BDNF synthesis, mTORC1, synaptic proteins (patched);
        trace 4: a ring on each curve at the cursor (patched); shapes: 0 the
        infusion (gray band), 1 the time cursor (patched).
    """
    fig = go.Figure()
    for key, (name, line) in _STEP_STYLE.items():
        unit = "% of baseline" if key == "peef2_pct" else "% of its peak"
        fig.add_trace(
            go.Scatter(
                x=T_STEPS_H,
                y=np.zeros_like(T_STEPS_H),
                mode="lines",
                name=name,
                line={**line, **_SMOOTH},
                hovertemplate="%{x:.2f} h: %{y:.0f} " + unit + "<extra>" + name + "</extra>",
            )
        )
    # Trace 4: a ring on each curve at the cursor; x holds every cursor time once per curve, y is empty elsewhere.
    fig.add_trace(
        go.Scatter(
            x=_CURSOR_X,
            y=[None] * len(_CURSOR_X),
            mode="markers",
            name="now",
            showlegend=False,
            hoverinfo="skip",
            marker=dict(size=10, color="white", line=dict(color="#222222", width=2)),
        )
    )
    fig.add_vrect(x0=0, x1=40 / 60, fillcolor=band_fill(COLORS["muted"], 0.12), line_width=0, layer="below")
    add_time_cursor(fig, 0.5)
    add_readout(fig)
    fig.update_layout(**layout_defaults(height=480, margin=dict(t=130)))
    fig.update_layout(legend=dict(y=1.13))
    fig.update_xaxes(title_text="time since the infusion started (h)", range=[0, 6], dtick=1)
    fig.update_yaxes(title_text="level (% of baseline or of the standard peak)", range=[0, 112], dtick=25)
    return fig


def steps_patch(*, time_first_hours_min, dose_mg_per_kg) -> Patch:
    """The four curves for one dose, and the readout at one time."""
    out = bs.three_steps(T_STEPS_H, dose_mg_per_kg=dose_mg_per_kg)
    now = bs.three_steps([time_first_hours_min / 60.0], dose_mg_per_kg=dose_mg_per_kg)
    keys = list(_STEP_STYLE)
    traces = {i: {"y": out[k]} for i, k in enumerate(keys)}
    now_i = _FIRST_HOURS_MIN.index(int(time_first_hours_min))
    rings: list[float | None] = [None] * len(_CURSOR_X)
    for j, k in enumerate(keys):
        rings[j * len(_FIRST_HOURS_MIN) + now_i] = float(now[k][0])
    traces[len(keys)] = {"y": rings}
    when = TIME_FIRST_HOURS.label_of(time_first_hours_min)
    text = (
        f"<b>{when}</b>: p-eEF2 {now['peef2_pct'][0]:.0f}% of baseline, BDNF synthesis "
        f"{now['bdnf_synthesis_pct'][0]:.0f}%,<br>mTORC1 {now['mtorc1_pct'][0]:.0f}%, synaptic proteins "
        f"{now['synaptic_proteins_pct'][0]:.0f}% of their peak at 0.5 mg/kg"
    )
    x = time_first_hours_min / 60.0
    return Patch(traces=traces, layout={"shapes[1].x0": x, "shapes[1].x1": x, "annotations[0].text": text})


def steps_description(*, time_first_hours_min, dose_mg_per_kg) -> str:
    """Text alternative: the order and timing of the three steps."""
    kw = dict(dose_mg_per_kg=dose_mg_per_kg)
    out = bs.three_steps(T_STEPS_H, **kw)
    now = bs.three_steps([time_first_hours_min / 60.0], **kw)
    return (
        f"Teaching model of one {dose_mg_per_kg:g} mg/kg infusion over 40 minutes, timed on rodent data. "
        f"Phosphorylated eEF2 falls to {out['peef2_pct'].min():.0f}% of baseline about "
        f"{60 * bs.peak_time_h('peef2_pct', **kw):.0f} minutes after the start (step 1, stimulate); BDNF synthesis "
        f"rises with it and peaks at about {60 * bs.peak_time_h('bdnf_synthesis_pct', **kw):.0f} minutes (step 2, "
        f"increase); mTORC1 activity peaks at about {60 * bs.peak_time_h('mtorc1_pct', **kw):.0f} minutes and is down "
        f"to {float(np.interp(3.0, T_STEPS_H, out['mtorc1_pct'])):.0f}% of the standard peak at 3 hours (step 3, "
        f"activate); synaptic proteins are at {float(np.interp(6.0, T_STEPS_H, out['synaptic_proteins_pct'])):.0f}% "
        f"at 6 hours and last for days. At {TIME_FIRST_HOURS.label_of(time_first_hours_min)}: p-eEF2 "
        f"{now['peef2_pct'][0]:.0f}%, BDNF synthesis {now['bdnf_synthesis_pct'][0]:.0f}%, mTORC1 "
        f"{now['mtorc1_pct'][0]:.0f}%, synaptic proteins {now['synaptic_proteins_pct'][0]:.0f}%."
    )


STEPS = FigureSpec(
    "bdnf_steps",
    (TIME_FIRST_HOURS, DOSE),
    steps_figure,
    steps_patch,
    steps_description,
    narrow={"legend.y": 1.2, "margin.t": 190, "height": 560},
)

# --- the garden (the metaphor) -----------------------------------------------------------------------------------

#: Plants of the garden: x position and height before the dose (scene units).
_PLANTS = ((1.0, 1.3), (2.9, 1.6), (5.0, 1.4), (7.1, 1.7), (9.0, 1.35))
#: Height a plant gains at full growth (the standard infusion's peak), and the most growth drawn.
_GROW = 4.6
_MAX_GROWTH = 1.25
_GROUND_Y = 1.6
#: Growth (share of the standard peak) at which the flowers open.
_FLOWER_GROWTH = 0.7
#: Leaf pairs a plant carries before the dose, and one more per this much growth.
_LEAF_STEP = 0.25
#: Fertilizer pellets in the soil at the peak of mTORC1 activity.
_N_PELLETS = 16
_PELLETS = tuple(
    (0.5 + (9.0 * ((i * 0.618034) % 1.0)), 0.35 + 0.95 * ((i * 0.41421356) % 1.0)) for i in range(_N_PELLETS)
)
_T_GARDEN_MIN = log_time_grid_min(64)
#: Index of the readout annotation.
_GARDEN_READOUT = 0
#: The scene's patched parts, in trace order.
_SCENE_PARTS = ("stems", "old_l", "old_r", "new_l", "new_r", "flowers")


@lru_cache(maxsize=8)
def _garden_curves(genotype: str) -> dict[str, np.ndarray]:
    out = bs.three_steps(_T_GARDEN_MIN / 60.0, val66met_gain=bs.VAL66MET_GAIN[genotype])
    return {"activity": out["mtorc1_pct"], "growth": out["synaptic_proteins_pct"]}


def garden_state(genotype: str, time_min: float) -> dict[str, float]:
    """mTORC1 activity and growth (% of the standard peak) at one time for one genotype."""
    out = bs.three_steps([time_min / 60.0], val66met_gain=bs.VAL66MET_GAIN[genotype])
    return {"activity": float(out["mtorc1_pct"][0]), "growth": float(out["synaptic_proteins_pct"][0])}


def _plants(growth_pct: float) -> dict[str, tuple[list, list]]:
    """Stems, leaves (left and right, before the dose and new) and flowers for a growth in % of the standard peak."""
    g = min(_MAX_GROWTH, max(0.0, growth_pct / 100.0))
    n_new = int(g / _LEAF_STEP + 1e-9)
    parts: dict[str, tuple[list, list]] = {
        k: ([], []) for k in ("stems", "old_l", "old_r", "new_l", "new_r", "flowers")
    }
    for x, h0 in _PLANTS:
        top = _GROUND_Y + h0 + _GROW * g
        parts["stems"][0].extend([x, x, None])
        parts["stems"][1].extend([_GROUND_Y, top, None])
        first = _GROUND_Y + 0.55 * h0
        heights = [first] + [first + (top - 0.35 - first) * (k + 1) / n_new for k in range(n_new)]
        for k, y in enumerate(heights):
            kind = "old" if k == 0 else "new"
            parts[f"{kind}_l"][0].append(x - 0.3)
            parts[f"{kind}_l"][1].append(y)
            parts[f"{kind}_r"][0].append(x + 0.3)
            parts[f"{kind}_r"][1].append(y)
        if g >= _FLOWER_GROWTH:
            parts["flowers"][0].append(x)
            parts["flowers"][1].append(top + 0.15)
    return parts


def garden_figure() -> go.Figure:
    """The garden (top) above mTORC1 activity and growth over time (bottom).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0 stems, 1-2 leaves before the dose (left, right), 3-4 new
        leaves, 5 flowers, 6 fertilizer pellets (scene, patched); 7 mTORC1
        activity and 8 growth over time (patched).
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.62, 0.38], vertical_spacing=0.1)
    dark, green = TEXT_COLORS["bdnf"], COLORS["bdnf"]
    old_leaf = dict(symbol="diamond-tall", size=22, color=dark)
    new_leaf = dict(symbol="diamond-tall", size=22, color=green, line=dict(color=dark, width=1))
    scene = (
        ("stems", dict(mode="lines", line=dict(color=dark, width=4), showlegend=False)),
        ("leaves before the dose", dict(mode="markers", marker={**old_leaf, "angle": -55}, legendgroup="old")),
        (
            "leaves before the dose",
            dict(mode="markers", marker={**old_leaf, "angle": 55}, legendgroup="old", showlegend=False),
        ),
        (
            "new leaves (growth since the dose)",
            dict(mode="markers", marker={**new_leaf, "angle": -55}, legendgroup="new"),
        ),
        (
            "new leaves (growth since the dose)",
            dict(mode="markers", marker={**new_leaf, "angle": 55}, legendgroup="new", showlegend=False),
        ),
        (
            "flowers",
            dict(
                mode="markers",
                marker=dict(symbol="circle", size=16, color="#F0E442", line=dict(color="#8A5F00", width=2)),
            ),
        ),
        (
            "fertilizer in the soil (mTORC1 activity now)",
            dict(
                mode="markers", marker=dict(symbol="hexagon", size=10, color=green, line=dict(color="white", width=1))
            ),
        ),
    )
    for name, style in scene:
        fig.add_trace(go.Scatter(x=[], y=[], name=name, hoverinfo="skip", **style), row=1, col=1)
    for name, line, unit in (
        ("mTORC1 activity (fertilizer taken up)", dict(color=green, width=3), "% of its peak"),
        ("growth so far (synaptic proteins)", dict(color=COLORS["spines"], width=3, dash="dash"), "% of its peak"),
    ):
        fig.add_trace(
            go.Scatter(
                x=_T_GARDEN_MIN,
                y=np.zeros_like(_T_GARDEN_MIN),
                mode="lines",
                name=name,
                line=line,
                hovertemplate="%{y:.0f} " + unit + "<extra>" + name + "</extra>",
            ),
            row=2,
            col=1,
        )
    # Shapes: 0 the soil, 1 the grass line, 2 the time cursor.
    fig.add_shape(
        type="rect",
        x0=0,
        x1=10,
        y0=0,
        y1=_GROUND_Y,
        xref="x",
        yref="y",
        fillcolor="#B08D62",
        line=dict(width=0),
        layer="below",
    )
    fig.add_shape(
        type="line", x0=0, x1=10, y0=_GROUND_Y, y1=_GROUND_Y, xref="x", yref="y", line=dict(color=dark, width=3)
    )
    add_time_cursor(fig, 40.0, xref="x2", yref="y2 domain")
    add_readout(fig)
    fig.update_layout(**layout_defaults(height=640, margin=dict(t=130)))
    fig.update_layout(legend=dict(y=1.09))
    fig.update_xaxes(range=[0, 10], visible=False, row=1, col=1)
    fig.update_yaxes(range=[0, _GROUND_Y + 1.8 + _GROW * _MAX_GROWTH + 0.5], visible=False, row=1, col=1)
    fig.update_xaxes(**log_time_axis("time since the infusion started (log scale)"), row=2, col=1)
    fig.update_yaxes(title_text="% of the standard peak", range=[0, 108], tickvals=[0, 50, 100], row=2, col=1)
    return fig


def garden_patch(*, time_min, genotype) -> Patch:
    """The garden at one time for one genotype, and the curves of that genotype."""
    state = garden_state(genotype, time_min)
    parts = _plants(state["growth"])
    n_pellets = int(round(_N_PELLETS * min(1.0, state["activity"] / 100.0)))
    pellets = _PELLETS[:n_pellets]
    curves = _garden_curves(genotype)
    who = GENOTYPE.label_of(genotype)
    text = (
        f"<b>{TIME.label_of(time_min)}</b>, {who}: fertilizer taken up (mTORC1) {state['activity']:.0f}%,"
        f"<br>growth so far {state['growth']:.0f}% of the Val/Val peak"
    )
    return Patch(
        traces={
            **{i: {"x": parts[k][0], "y": parts[k][1]} for i, k in enumerate(_SCENE_PARTS)},
            6: {"x": [p[0] for p in pellets], "y": [p[1] for p in pellets]},
            7: {"x": _T_GARDEN_MIN, "y": curves["activity"]},
            8: {"x": _T_GARDEN_MIN, "y": curves["growth"]},
        },
        layout={"shapes[2].x0": time_min, "shapes[2].x1": time_min, f"annotations[{_GARDEN_READOUT}].text": text},
    )


def garden_description(*, time_min, genotype) -> str:
    """Text alternative: the garden at the chosen time, and how growth follows the fertilizer."""
    state = garden_state(genotype, time_min)
    parts = _plants(state["growth"])
    n_new = len(parts["new_l"][0]) + len(parts["new_r"][0])
    return (
        f"A garden of {len(_PLANTS)} plants above a soil strip (teaching model, timed on rodent data). "
        f"At {TIME.label_of(time_min)} after the infusion started, for a {GENOTYPE.label_of(genotype)} carrier, "
        f"mTORC1 activity, the fertilizer being taken up, is {state['activity']:.0f}% of its peak and growth so far "
        f"{state['growth']:.0f}% of the Val/Val peak: the plants carry {n_new} new leaves and "
        f"{len(parts['flowers'][0])} flowers. Fertilizer is taken up only during the first hours (mTORC1 activity "
        f"peaks within the first hour), while growth builds for hours and fades over days."
    )


GARDEN = FigureSpec(
    "garden",
    (TIME, GENOTYPE),
    garden_figure,
    garden_patch,
    garden_description,
    # On a phone: a taller garden, the curves below it.
    narrow={
        "legend.y": 1.2,
        "margin.t": 200,
        "height": 780,
        "yaxis.domain": [0.44, 1.0],
        "yaxis2.domain": [0.0, 0.32],
    },
)

# --- Val/Val beside a Met carrier --------------------------------------------------------------------------------

#: Times (h) of the side-by-side pulses: every 5 minutes for four hours.
T_PULSE_H = np.arange(0.0, 4.0 + 1e-9, 5.0 / 60.0)
#: Downstream stages compared in the bars, and how each is measured.
_STAGES = ("BDNF release", "mTORC1 peak", "synaptic proteins, 24 h", "new spines, peak", "mood benefit, peak")


@lru_cache(maxsize=16)
def downstream_pct(gain: float) -> tuple[float, ...]:
    """Each stage of :data:`_STAGES` for a release gain, in % of Val/Val (1 week after one standard infusion)."""
    t = np.concatenate([T_PULSE_H, np.arange(4.25, 7 * 24.0, 0.25)])

    def stages(g: float) -> np.ndarray:
        steps = bs.three_steps(t, val66met_gain=g)
        cascade = simulate(t, val66met_gain=g)
        return np.array(
            [
                steps["release_pct"].max(),
                steps["mtorc1_pct"].max(),
                float(np.interp(24.0, t, steps["synaptic_proteins_pct"])),
                cascade["spines"].max(),
                cascade["mood"].max(),
            ]
        )

    return tuple(float(v) for v in 100.0 * stages(gain) / stages(1.0))


def val66met_figure() -> go.Figure:
    """Pulses of a Val/Val and a Met carrier side by side (top), and what reaches each stage (bottom).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0-1 Val/Val release and mTORC1 (fixed); 2-3 the Met carrier's
        (patched); 4 Val/Val bars (fixed); 5 Met carrier bars (patched).
    """
    fig = make_subplots(
        rows=2,
        cols=2,
        specs=[[{}, {}], [{"colspan": 2}, None]],
        row_heights=[0.55, 0.45],
        vertical_spacing=0.2,
        horizontal_spacing=0.08,
        shared_yaxes=True,
    )
    val = bs.three_steps(T_PULSE_H)
    release = dict(color=COLORS["glutamate"], width=2.5, dash="dash")
    mtorc1 = dict(color=COLORS["bdnf"], width=3.5)
    for col, first in ((1, True), (2, False)):
        for key, name, line in (("release_pct", "BDNF release", release), ("mtorc1_pct", "mTORC1 activity", mtorc1)):
            fig.add_trace(
                go.Scatter(
                    x=T_PULSE_H,
                    y=val[key] if first else np.zeros_like(T_PULSE_H),
                    mode="lines",
                    name=name,
                    legendgroup=key,
                    showlegend=first,
                    line=line,
                    hovertemplate="%{x:.2f} h: %{y:.0f}%<extra>" + name + "</extra>",
                ),
                row=1,
                col=col,
            )
    for name, color, values in (
        ("Val/Val", COLORS["bdnf"], [100.0] * len(_STAGES)),
        ("Met carrier", COLORS["muted"], [0.0] * len(_STAGES)),
    ):
        fig.add_trace(
            go.Bar(
                y=list(_STAGES),
                x=values,
                orientation="h",
                name=name,
                marker=dict(color=color),
                texttemplate="%{x:.0f}%",
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{x:.0f}% of Val/Val<extra>" + name + "</extra>",
            ),
            row=2,
            col=1,
        )
    for axis, title in (("", "Val/Val"), ("2", "Met carrier")):
        fig.add_annotation(
            xref=f"x{axis} domain",
            yref=f"y{axis} domain",
            x=0.97,
            y=0.97,
            xanchor="right",
            yanchor="top",
            showarrow=False,
            text=f"<b>{title}</b>",
        )
    fig.update_layout(**layout_defaults(height=640, margin=dict(t=70, l=24)), barmode="group", bargap=0.25)
    fig.update_layout(legend=dict(y=1.04))
    for col in (1, 2):
        fig.update_xaxes(title_text="time since the infusion started (h)", range=[0, 4], dtick=1, row=1, col=col)
    fig.update_yaxes(title_text="% of the Val/Val peak", range=[0, 105], row=1, col=1)
    fig.update_xaxes(title_text="% of Val/Val", range=[0, 125], tickvals=[0, 25, 50, 75, 100], row=2, col=1)
    fig.update_yaxes(autorange="reversed", row=2, col=1)
    return fig


def val66met_patch(*, met_release_pct) -> Patch:
    """The Met carrier's pulses and bars for one release, in % of Val/Val."""
    gain = met_release_pct / 100.0
    met = bs.three_steps(T_PULSE_H, val66met_gain=gain)
    return Patch(
        traces={
            2: {"x": T_PULSE_H, "y": met["release_pct"]},
            3: {"x": T_PULSE_H, "y": met["mtorc1_pct"]},
            5: {"x": list(downstream_pct(gain)), "y": list(_STAGES)},
        }
    )


def val66met_description(*, met_release_pct) -> str:
    """Text alternative: how a smaller release propagates."""
    stages = downstream_pct(met_release_pct / 100.0)
    listed = "; ".join(f"{name} {v:.0f}%" for name, v in zip(_STAGES, stages, strict=True))
    return (
        f"Teaching model of one standard infusion in a Val/Val carrier and in a Met carrier whose activity-dependent "
        f"BDNF release is {met_release_pct:g}% of Val/Val (illustrative; the human data give a direction, not a "
        f"size). Side by side, the release and mTORC1 pulses over the first 4 hours; below, each stage in the Met "
        f"carrier as % of Val/Val: {listed}."
    )


VAL66MET = FigureSpec(
    "val66met",
    (MET_RELEASE,),
    val66met_figure,
    val66met_patch,
    val66met_description,
    # On a phone the two pulse panels are stacked above the bars.
    narrow={
        "xaxis.domain": [0.0, 1.0],
        "yaxis.domain": [0.74, 1.0],
        "xaxis2.domain": [0.0, 1.0],
        "yaxis2.domain": [0.43, 0.66],
        "yaxis2.anchor": "x2",
        "xaxis2.anchor": "y2",
        "yaxis2.showticklabels": True,
        "yaxis3.domain": [0.0, 0.3],
        "height": 980,
    },
)

FIGURES = (GARDEN, STEPS, VAL66MET)


# --- numbers the chapter quotes from the model ---------------------------------------------------------------------

_T_NUM_H = np.concatenate([np.arange(0.0, 12.0, 1.0 / 60.0), np.arange(12.0, 14 * 24.0, 0.25)])


@lru_cache(maxsize=4)
def _standard(gain: float = 1.0) -> dict[str, np.ndarray]:
    return bs.three_steps(_T_NUM_H, val66met_gain=gain)


def _at(key: str, t_h: float, gain: float = 1.0) -> float:
    return float(np.interp(t_h, _T_NUM_H, _standard(gain)[key]))


def _first_below(key: str, level_pct: float) -> float:
    """First time (h) after the peak at which a curve of the standard infusion is below ``level_pct``."""
    curve = _standard()[key]
    after = (np.arange(curve.size) > np.argmax(curve)) & (curve < level_pct)
    return float(_T_NUM_H[np.flatnonzero(after)[0]])


_MET = bs.VAL66MET_GAIN["met carrier"]

NUMBERS = {
    "s06_peef2_trough_pct": lambda: float(_standard()["peef2_pct"].min()),
    "s06_peef2_trough_min": lambda: 60.0 * bs.peak_time_h("peef2_pct"),
    "s06_peef2_20min_pct": lambda: _at("peef2_pct", 20 / 60),
    "s06_synthesis_20min_pct": lambda: _at("bdnf_synthesis_pct", 20 / 60),
    "s06_synthesis_30min_pct": lambda: _at("bdnf_synthesis_pct", 0.5),
    "s06_mtorc1_20min_pct": lambda: _at("mtorc1_pct", 20 / 60),
    "s06_synthesis_peak_min": lambda: 60.0 * bs.peak_time_h("bdnf_synthesis_pct"),
    "s06_synthesis_3h_pct": lambda: _at("bdnf_synthesis_pct", 3.0),
    "s06_release_peak_min": lambda: 60.0 * bs.peak_time_h("release_pct"),
    "s06_release_2h_pct": lambda: _at("release_pct", 2.0),
    "s06_mtorc1_peak_min": lambda: 60.0 * bs.peak_time_h("mtorc1_pct"),
    "s06_mtorc1_peak_after_end_min": lambda: 60.0 * bs.peak_time_h("mtorc1_pct") - 40.0,
    "s06_mtorc1_below_tenth_h": lambda: _first_below("mtorc1_pct", 10.0),
    "s06_plasma_at_tenth_ng_per_mL": lambda: float(simulate([_first_below("mtorc1_pct", 10.0)])["plasma"][0]),
    "s06_flower_pct": lambda: 100.0 * _FLOWER_GROWTH,
    "s06_eef2_lag_min": lambda: 60.0 * bs.EEF2_TAU_H,
    "s06_synthesis_lag_min": lambda: 60.0 * bs.BDNF_TAU_H,
    "s06_protein_tau_d": lambda: bs.SYNAPTIC_TAU_H / 24.0,
    "s06_mtorc1_2h_pct": lambda: _at("mtorc1_pct", 2.0),
    "s06_mtorc1_3h_pct": lambda: _at("mtorc1_pct", 3.0),
    "s06_proteins_2h_pct": lambda: _at("synaptic_proteins_pct", 2.0),
    "s06_proteins_peak_h": lambda: bs.peak_time_h("synaptic_proteins_pct"),
    "s06_proteins_72h_pct": lambda: _at("synaptic_proteins_pct", 72.0),
    "s06_proteins_1w_pct": lambda: _at("synaptic_proteins_pct", 7 * 24.0),
    "s06_growth_40min_pct": lambda: garden_state("val/val", 40)["growth"],
    "s06_growth_2h_pct": lambda: garden_state("val/val", 120)["growth"],
    "s06_growth_1d_pct": lambda: garden_state("val/val", 1440)["growth"],
    "s06_growth_1w_pct": lambda: garden_state("val/val", 10080)["growth"],
    "s06_growth_met_peak_pct": lambda: float(_standard(_MET)["synaptic_proteins_pct"].max()),
    "s06_activity_2h_pct": lambda: garden_state("val/val", 120)["activity"],
    "s06_met_gain_pct": lambda: 100.0 * _MET,
    "s06_met_mtorc1_pct": lambda: downstream_pct(_MET)[1],
    "s06_met_proteins_pct": lambda: downstream_pct(_MET)[2],
    "s06_met_spines_pct": lambda: downstream_pct(_MET)[3],
    "s06_met_mood_pct": lambda: downstream_pct(_MET)[4],
    "s06_met30_mtorc1_pct": lambda: downstream_pct(0.3)[1],
    "s06_met30_mood_pct": lambda: downstream_pct(0.3)[4],
    "s06_dose1_peef2_trough_pct": lambda: float(bs.three_steps(_T_NUM_H[:720], dose_mg_per_kg=1.0)["peef2_pct"].min()),
    "s06_dose02_peef2_trough_pct": lambda: float(bs.three_steps(_T_NUM_H[:720], dose_mg_per_kg=0.2)["peef2_pct"].min()),
    "s06_dose1_mtorc1_pct": lambda: float(bs.three_steps(_T_NUM_H[:720], dose_mg_per_kg=1.0)["mtorc1_pct"].max()),
    "s06_dose02_mtorc1_pct": lambda: float(bs.three_steps(_T_NUM_H[:720], dose_mg_per_kg=0.2)["mtorc1_pct"].max()),
}
