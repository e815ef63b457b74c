"""Step 3, NMDA receptor blockade: the figures of the chapter.

* ``breaker``, the metaphor: a panel of 40 circuit breakers, one per NMDA
  receptor, each closed (idle), open (on, ions flow), blocked (tripped by
  ketamine in the open channel) or trapped (tripped and locked: ketamine held
  in a closed channel).  The counts are the use-dependent block model
  (:func:`.receptor.block_after_infusion`) at the chosen time and cell activity.
* ``occupancy``: equilibrium occupancy against the free concentration for
  racemic ketamine, esketamine, arketamine or norketamine, with the band that
  the uncertain constant K spans and the subanesthetic and anesthetic ranges.
* ``block_time``: after one infusion, the free concentration, the occupancy it
  would give at equilibrium, and the use-dependent block with its trapped part.
* ``record``, a teaching picture: a record stuck in one groove, whose needle is
  lifted once the block passes a threshold.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import pharmacokinetics as pk
from ..models import receptor
from ..params import DOSE, TIME, ParamSpec, time_labels
from ..style import COLORS, TEXT_COLORS, band_fill, layout_defaults
from .axes import add_readout, add_time_cursor, log_time_axis, now_dot
from .core import FigureSpec, Patch

__all__ = [
    "BLOCK_TIME",
    "BREAKER",
    "OCCUPANCY",
    "RECORD",
    "block_time_figure",
    "breaker_figure",
    "occupancy_figure",
    "record_figure",
    "state_counts",
]

#: The effective constant K of racemic ketamine (µM): the uncertainty slider.
K_EFFECTIVE = ParamSpec(
    "k_uM",
    "effective constant K",
    "µM",
    default=receptor.DEFAULT_K_UM,
    scale="values",
    values=(0.3, 0.4, receptor.DEFAULT_K_UM, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0),
    static_values=(0.3, receptor.DEFAULT_K_UM, 1.0, 2.0, 5.0),
)
#: The blocker of the occupancy curve.
COMPOUND = ParamSpec(
    "compound",
    "blocker",
    "",
    default="racemic",
    scale="choice",
    values=receptor.COMPOUNDS,
    labels=("ketamine (racemic)", "esketamine (S)", "arketamine (R)", "norketamine"),
)
#: How often the receptors' channels open.
ACTIVITY = ParamSpec(
    "activity",
    "cell activity",
    "",
    default="medium",
    scale="choice",
    values=tuple(receptor.ACTIVITY_OPEN_PROBABILITY),
    labels=("quiet", "medium", "busy"),
)
_BLOCK_TIMES_MIN = (1, 5, 10, 20, 30, 40, 60, 90, 120, 180, 240, 360, 480, 720, 1440, 2880)
#: Time since the infusion started, over the first two days.
TIME_BLOCK = replace(
    TIME,
    name="time_block_min",
    values=_BLOCK_TIMES_MIN,
    labels=time_labels(_BLOCK_TIMES_MIN),
    static_values=(1, 10, 20, 40, 60, 120, 240, 480, 720, 1440, 2880),
)

PARAMS = (K_EFFECTIVE, COMPOUND, ACTIVITY, TIME_BLOCK)

_NMDA = COLORS["nmda"]
_DRUG = COLORS["drug"]
#: Times (min) of the curves: log-spaced from 1 minute to 2 days.
T_BLOCK_MIN = np.geomspace(1.0, 2880.0, 100)
#: Ticks of the two-day log time axis.
_TICKS_MIN = (1, 10, 60, 360, 1440, 2880)
_TICK_TEXT = ("1 min", "10 min", "1 h", "6 h", "1 day", "2 days")


def _two_day_axis(title: str = "time since the infusion started (log scale)") -> dict:
    axis = log_time_axis(title)
    axis.update(
        range=[-0.03, np.log10(2880.0) + 0.03],
        tickvals=list(_TICKS_MIN),
        ticktext=list(_TICK_TEXT),
    )
    return axis


@lru_cache(maxsize=64)
def _block_grid(dose: float, activity: str, k_uM: float) -> dict[str, np.ndarray]:
    """The use-dependent block every minute for two days (cached)."""
    grid = np.arange(0.0, 2881.0, 1.0)
    out = receptor.block_after_infusion(grid, dose_mg_per_kg=dose, k_uM=k_uM, activity=activity)
    return {"t_min": grid, **out}


def block_at(
    t_min: float, *, dose: float = 0.5, activity: str = "medium", k_uM: float = receptor.DEFAULT_K_UM
) -> dict[str, float]:
    """Every field of :func:`.receptor.block_after_infusion` at one time (from the cached two-day grid)."""
    g = _block_grid(dose, activity, k_uM)
    return {k: float(np.interp(t_min, g["t_min"], v)) for k, v in g.items() if k != "t_min"}


def block_curve(key: str, *, dose: float = 0.5, activity: str = "medium", k_uM: float = receptor.DEFAULT_K_UM):
    """One field of the block model at the figures' log-spaced times."""
    g = _block_grid(dose, activity, k_uM)
    return np.interp(T_BLOCK_MIN, g["t_min"], g[key])


# --- the breaker panel (the metaphor) ----------------------------------------------------------------------------

#: Receptors on the panel, in rows of eight.
N_RECEPTORS = 40
_COLS = 8
_STATES = ("trapped", "open_blocked", "open", "closed")
_STATE_STYLE = {
    "trapped": ("trapped: ketamine locked in", "triangle-down", "#00426B", -0.32),
    "open_blocked": ("blocked: ketamine in the open channel", "triangle-down-open", _DRUG, -0.32),
    "open": ("open: ions flow", "triangle-up", COLORS["bdnf"], 0.32),
    "closed": ("closed: at rest", "square", "#9E9E9E", 0.0),
}


def state_counts(fractions: dict[str, float], n: int = N_RECEPTORS) -> dict[str, int]:
    """Whole numbers of receptors in each state, summing to ``n`` (largest remainders get the leftovers).

    Parameters
    ----------
    fractions : dict of str to float
        ``trapped``, ``open_blocked``, ``open`` and ``closed`` fractions (summing to 1).
    n : int
        Number of receptors drawn.

    Returns
    -------
    dict of str to int
        Receptors per state.
    """
    raw = {s: n * max(0.0, fractions[s]) for s in _STATES}
    counts = {s: int(np.floor(v)) for s, v in raw.items()}
    left = n - sum(counts.values())
    for s in sorted(_STATES, key=lambda s: raw[s] - counts[s], reverse=True)[:left]:
        counts[s] += 1
    return counts


def _slot(i: int) -> tuple[float, float]:
    return 1.0 + 1.15 * (i % _COLS), 8.4 - 1.75 * (i // _COLS)


def _housings() -> tuple[list, list]:
    xs, ys = [], []
    for i in range(N_RECEPTORS):
        x, y = _slot(i)
        xs += [x - 0.32, x + 0.32, x + 0.32, x - 0.32, x - 0.32, None]
        ys += [y - 0.62, y - 0.62, y + 0.62, y + 0.62, y - 0.62, None]
    return xs, ys


def _positions(counts: dict[str, int]) -> dict[str, tuple[list, list]]:
    out, i = {}, 0
    for s in _STATES:
        xs, ys = [], []
        for _ in range(counts[s]):
            x, y = _slot(i)
            xs.append(x)
            ys.append(round(y + _STATE_STYLE[s][3], 3))
            i += 1
        # An empty state keeps one gap point, so that its legend entry stays.
        out[s] = (xs, ys) if xs else ([None], [None])
    return out


def breaker_figure() -> go.Figure:
    """The breaker panel (traces 0-3, patched) above the block over time (traces 4-5, patched).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 the housings; traces 1-4 the levers of trapped, blocked, open
        and closed receptors, 5 the block curve, 6 its marker (all patched);
        7 the equilibrium occupancy.
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.6, 0.4], vertical_spacing=0.1)
    hx, hy = _housings()
    fig.add_trace(
        go.Scatter(
            x=hx,
            y=hy,
            mode="lines",
            line=dict(color="#555555", width=1.5),
            fill="toself",
            fillcolor="#F4F4F4",
            hoverinfo="skip",
            showlegend=False,
        ),
        row=1,
        col=1,
    )
    for s in _STATES:
        name, symbol, color, _ = _STATE_STYLE[s]
        fig.add_trace(
            go.Scatter(
                x=[],
                y=[],
                mode="markers",
                name=name,
                marker=dict(
                    symbol=symbol,
                    size=11,
                    color=color,
                    line=dict(
                        color=color if symbol.endswith("-open") else "#222222",
                        width=2 if symbol.endswith("-open") else 1,
                    ),
                ),
                hoverinfo="skip",
            ),
            row=1,
            col=1,
        )
    fig.add_trace(
        go.Scatter(
            x=T_BLOCK_MIN,
            y=np.zeros_like(T_BLOCK_MIN),
            mode="lines",
            name="receptors blocked",
            line=dict(color=_DRUG, width=3),
            showlegend=False,
            hovertemplate="%{y:.0f}%<extra>blocked</extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(now_dot(), row=2, col=1)
    fig.add_trace(
        go.Scatter(
            x=T_BLOCK_MIN,
            y=100.0 * block_curve("equilibrium"),
            mode="lines",
            name="if the block kept up with the drug",
            line=dict(color=_NMDA, width=2, dash="dash"),
            showlegend=False,
            hovertemplate="%{y:.0f}%<extra>equilibrium</extra>",
        ),
        row=2,
        col=1,
    )
    # The panel's door; the housings sit on it.
    fig.add_shape(
        type="rect",
        x0=0.2,
        x1=9.8,
        y0=0.5,
        y1=9.5,
        xref="x",
        yref="y",
        fillcolor="#BFC5CC",
        line=dict(color="#555555", width=3),
        layer="below",
    )
    add_time_cursor(fig, 40.0, xref="x2", yref="y2 domain")
    add_readout(fig, size=13)
    fig.update_xaxes(range=[0, 10], visible=False, fixedrange=True, row=1, col=1)
    fig.update_yaxes(range=[0.2, 9.8], visible=False, fixedrange=True, row=1, col=1)
    fig.update_xaxes(**_two_day_axis(), row=2, col=1)
    fig.update_yaxes(title_text="blocked (%)", range=[0, 60], tickvals=[0, 20, 40, 60], row=2, col=1)
    fig.update_layout(**layout_defaults(height=640, margin=dict(t=120, l=56, r=16)))
    fig.update_layout(legend=dict(y=1.05))
    return fig


def breaker_patch(*, time_block_min, activity) -> Patch:
    """Levers and readout at one time for one level of cell activity."""
    f = block_at(time_block_min, activity=activity)
    counts = state_counts(f)
    pos = _positions(counts)
    traces = {k: {"x": pos[s][0], "y": pos[s][1]} for k, s in enumerate(_STATES, start=1)}
    traces[5] = {"x": T_BLOCK_MIN, "y": 100.0 * block_curve("block", activity=activity)}
    traces[6] = {"x": [float(time_block_min)], "y": [100.0 * f["block"]]}
    blocked = counts["trapped"] + counts["open_blocked"]
    text = (
        f"<b>{TIME_BLOCK.label_of(time_block_min)}, {ACTIVITY.label_of(activity)} cell</b>: {blocked} of "
        f"{N_RECEPTORS} tripped ({counts['trapped']} locked in), {counts['open']} open"
    )
    return Patch(
        traces=traces,
        layout={
            "shapes[1].x0": float(time_block_min),
            "shapes[1].x1": float(time_block_min),
            "annotations[0].text": text,
        },
    )


def breaker_description(*, time_block_min, activity) -> str:
    """Text alternative: the panel's counts and the block over time."""
    f = block_at(time_block_min, activity=activity)
    counts = state_counts(f)
    curve = block_curve("block", activity=activity)
    return (
        f"A panel of {N_RECEPTORS} circuit breakers, one per NMDA receptor (teaching model), "
        f"{TIME_BLOCK.label_of(time_block_min)} after the start of a 0.5 mg/kg infusion over 40 minutes, in a "
        f"{ACTIVITY.label_of(activity)} cell: {counts['closed']} closed, {counts['open']} open, "
        f"{counts['open_blocked']} blocked with the channel open and {counts['trapped']} trapped, blocked in a closed "
        f"channel. Below, the share blocked over two days: it peaks at {100 * curve.max():.0f}% at about "
        f"{T_BLOCK_MIN[int(np.argmax(curve))]:.0f} minutes; if the block kept up with the drug it would peak at "
        f"{100 * block_curve('equilibrium').max():.0f}% at the end of the infusion."
    )


BREAKER = FigureSpec(
    "breaker",
    (TIME_BLOCK, ACTIVITY),
    breaker_figure,
    breaker_patch,
    breaker_description,
    # On a phone the legend takes four lines.
    narrow={"margin.t": 170, "legend.y": 1.08, "height": 780},
)


# --- occupancy against concentration -----------------------------------------------------------------------------

#: Free concentrations (µM) of the occupancy curves.
C_FREE_UM = np.geomspace(0.01, 100.0, 81)


def end_of_infusion_free_uM() -> float:
    """Free effect-site ketamine at the end of the standard infusion (0.5 mg/kg over 40 min), in the model."""
    ce = float(pk.effect_site_concentration([40.0])[0])
    return float(receptor.ng_per_mL_to_uM(ce)) * receptor.FREE_FRACTION


def _free_band(name: str) -> tuple[float, float]:
    lo, hi = pk.BANDS_NG_PER_ML[name]
    fu = receptor.FREE_FRACTION
    return float(receptor.ng_per_mL_to_uM(lo)) * fu, float(receptor.ng_per_mL_to_uM(hi)) * fu


def occupancy_figure() -> go.Figure:
    """Occupancy (%) against free concentration (µM, log), with the K band and the concentration ranges.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0-1 the band's edges (K = 0.3 and 5 µM), 2 the curve at the
        chosen K, 3 the level at the end of the standard infusion (all patched).
    """
    fig = go.Figure()
    k_lo, k_hi = receptor.K_RANGE_UM
    fig.add_trace(
        go.Scatter(
            x=C_FREE_UM,
            y=np.zeros_like(C_FREE_UM),
            mode="lines",
            line=dict(color=band_fill(_NMDA, 0.5), width=1),
            name=f"range of K ({k_lo:g}–{k_hi:g} µM)",
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=C_FREE_UM,
            y=np.zeros_like(C_FREE_UM),
            mode="lines",
            fill="tonexty",
            fillcolor=band_fill(_NMDA, 0.18),
            line=dict(color=band_fill(_NMDA, 0.5), width=1),
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=C_FREE_UM,
            y=np.zeros_like(C_FREE_UM),
            mode="lines",
            line=dict(color=_NMDA, width=3),
            name="chosen K",
            hovertemplate="%{x:.2g} µM: %{y:.0f}%<extra>occupancy</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[],
            y=[],
            mode="markers",
            marker=dict(symbol="diamond", size=12, color="white", line=dict(color="#222222", width=2)),
            name="end of a 0.5 mg/kg infusion",
            hovertemplate="%{x:.2f} µM: %{y:.0f}%<extra>end of infusion</extra>",
        )
    )
    for name, label in (("dissociative", "subanesthetic"), ("anesthetic", "anesthetic")):
        lo, hi = _free_band(name)
        fig.add_vrect(x0=lo, x1=hi, fillcolor=band_fill(COLORS[name], 0.16), line_width=0, layer="below")
        fig.add_annotation(
            x=np.log10(np.sqrt(lo * hi)),
            y=0.02,
            xref="x",
            yref="paper",
            yanchor="bottom",
            textangle=-90,
            showarrow=False,
            text=label,
            font=dict(size=11, color=TEXT_COLORS[name]),
        )
    add_readout(fig)
    fig.update_layout(**layout_defaults(height=440, margin=dict(t=110)))
    fig.update_layout(legend=dict(y=1.12))
    ticks = [0.01, 0.1, 1, 10, 100]
    fig.update_xaxes(
        title_text="free concentration at the receptors (µM, log scale)",
        type="log",
        range=[-2, 2],
        tickvals=ticks,
        ticktext=[f"{v:g}" for v in ticks],
    )
    fig.update_yaxes(title_text="channels occupied (%)", range=[0, 100], dtick=25)
    return fig


def occupancy_patch(*, k_uM, compound) -> Patch:
    """The band and the curve of one compound, and the end-of-infusion level."""
    k_lo, k_hi = receptor.K_RANGE_UM
    c_end = end_of_infusion_free_uM()
    occ = {k: 100.0 * receptor.occupancy(C_FREE_UM, k_uM=k, compound=compound) for k in (k_lo, k_hi, k_uM)}
    at = {k: 100.0 * float(receptor.occupancy(c_end, k_uM=k, compound=compound)) for k in (k_lo, k_hi, k_uM)}
    k_c = receptor.compound_k_uM(compound, k_uM=k_uM)
    text = (
        f"{COMPOUND.label_of(compound)}: half occupied at {k_c:.2g} µM; at {c_end:.2f} µM, "
        f"{at[k_uM]:.0f}% (range {at[k_hi]:.0f}–{at[k_lo]:.0f}%)"
    )
    return Patch(
        traces={
            0: {"x": C_FREE_UM, "y": occ[k_lo]},
            1: {"x": C_FREE_UM, "y": occ[k_hi]},
            2: {"x": C_FREE_UM, "y": occ[k_uM]},
            3: {"x": [c_end], "y": [at[k_uM]]},
        },
        layout={"annotations[2].text": text},
    )


def occupancy_description(*, k_uM, compound) -> str:
    """Text alternative: the curve, its band and the end-of-infusion level."""
    k_lo, k_hi = receptor.K_RANGE_UM
    c_end = end_of_infusion_free_uM()
    at = {k: 100.0 * float(receptor.occupancy(c_end, k_uM=k, compound=compound)) for k in (k_lo, k_hi, k_uM)}
    lo, hi = _free_band("dissociative")
    return (
        f"Share of NMDA receptor channels occupied at equilibrium against the free concentration, for "
        f"{COMPOUND.label_of(compound)}, with the effective constant of racemic ketamine at {k_uM:g} µM (teaching "
        f"model; binding ratios from rat brain). Half the channels are occupied at "
        f"{receptor.compound_k_uM(compound, k_uM=k_uM):.2g} µM. The subanesthetic range spans about {lo:.2f} to "
        f"{hi:.2f} µM free. At {c_end:.2f} µM, the free level at the end of a 0.5 mg/kg infusion, {at[k_uM]:.0f}% of "
        f"channels are occupied, and between {at[k_hi]:.0f}% and {at[k_lo]:.0f}% as K runs from {k_hi:g} to "
        f"{k_lo:g} µM."
    )


OCCUPANCY = FigureSpec(
    "occupancy",
    (K_EFFECTIVE, COMPOUND),
    occupancy_figure,
    occupancy_patch,
    occupancy_description,
    narrow={"margin.t": 150, "legend.y": 1.2},
)


# --- block over time after one infusion --------------------------------------------------------------------------


def block_time_figure() -> go.Figure:
    """Free concentration (top) and block (bottom) over two days after one infusion.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0 the equilibrium occupancy, 1 the trapped part, 2 the whole
        block (all patched); 3 the free concentration.
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.34, 0.66], vertical_spacing=0.07)
    zeros = np.zeros_like(T_BLOCK_MIN)
    fig.add_trace(
        go.Scatter(
            x=T_BLOCK_MIN,
            y=zeros,
            mode="lines",
            name="occupancy if the block kept up with the drug",
            line=dict(color=_NMDA, width=2, dash="dash"),
            hovertemplate="%{y:.0f}%<extra>equilibrium</extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=T_BLOCK_MIN,
            y=zeros,
            mode="lines",
            name="trapped (blocked and closed)",
            fill="tozeroy",
            fillcolor=band_fill(_DRUG, 0.25),
            line=dict(color=band_fill(_DRUG, 0.6), width=1),
            hovertemplate="%{y:.0f}%<extra>trapped</extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=T_BLOCK_MIN,
            y=zeros,
            mode="lines",
            name="blocked (use-dependent)",
            line=dict(color=_DRUG, width=3),
            hovertemplate="%{y:.0f}%<extra>blocked</extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=T_BLOCK_MIN,
            y=block_curve("free_uM"),
            mode="lines",
            name="free ketamine at the receptors",
            line=dict(color=COLORS["effect_site"], width=3),
            hovertemplate="%{y:.2f} µM<extra>free ketamine</extra>",
        ),
        row=1,
        col=1,
    )
    for row in (1, 2):
        fig.add_vrect(
            x0=1, x1=40, fillcolor=band_fill(COLORS["muted"], 0.12), line_width=0, layer="below", row=row, col=1
        )
    fig.add_annotation(
        x=np.log10(6.3),
        y=0.98,
        xref="x",
        yref="y domain",
        yanchor="top",
        showarrow=False,
        text="infusion",
        font=dict(size=11),
    )
    add_readout(fig)
    fig.update_layout(**layout_defaults(height=520, margin=dict(t=130)))
    fig.update_layout(legend=dict(y=1.1))
    axis = _two_day_axis()
    fig.update_xaxes(**axis, row=2, col=1)
    fig.update_xaxes(type="log", range=axis["range"], showticklabels=False, row=1, col=1)
    fig.update_yaxes(title_text="free (µM)", range=[0, 0.6], tickvals=[0, 0.25, 0.5], row=1, col=1)
    fig.update_yaxes(title_text="receptors (%)", range=[0, 60], dtick=20, row=2, col=1)
    return fig


def block_time_patch(*, k_uM, activity) -> Patch:
    """Equilibrium occupancy, trapped part and block for one K and one cell activity."""
    curves = {
        key: 100.0 * block_curve(key, activity=activity, k_uM=k_uM) for key in ("equilibrium", "trapped", "block")
    }
    f12 = block_at(720.0, activity=activity, k_uM=k_uM)
    text = (
        f"K {k_uM:g} µM, {ACTIVITY.label_of(activity)} cell: block peaks at {curves['block'].max():.0f}%; "
        f"at 12 h {100 * f12['block']:.1f}% vs {100 * f12['equilibrium']:.1f}% at equilibrium"
    )
    return Patch(
        traces={i: {"x": T_BLOCK_MIN, "y": curves[key]} for i, key in enumerate(("equilibrium", "trapped", "block"))},
        layout={"annotations[1].text": text},
    )


def block_time_description(*, k_uM, activity) -> str:
    """Text alternative: the block's peak and how long it outlasts the drug."""
    block = block_curve("block", activity=activity, k_uM=k_uM)
    eq = block_curve("equilibrium", k_uM=k_uM)
    at = {h: block_at(60.0 * h, activity=activity, k_uM=k_uM) for h in (2, 12)}
    return (
        f"Two days after the start of a 0.5 mg/kg infusion over 40 minutes (teaching model), K {k_uM:g} µM, in a "
        f"{ACTIVITY.label_of(activity)} cell. Top: free ketamine at the receptors peaks at "
        f"{block_curve('free_uM').max():.2f} µM at the end of the infusion and falls over hours. Bottom: at "
        f"equilibrium the occupancy would peak at {100 * eq.max():.0f}%; the use-dependent block peaks at "
        f"{100 * block.max():.0f}% at about {T_BLOCK_MIN[int(np.argmax(block))]:.0f} minutes, nearly all of it "
        f"trapped. At 2 hours the block is {100 * at[2]['block']:.0f}% against {100 * at[2]['equilibrium']:.0f}% at "
        f"equilibrium; at 12 hours {100 * at[12]['block']:.1f}% against {100 * at[12]['equilibrium']:.1f}%."
    )


BLOCK_TIME = FigureSpec(
    "block_time",
    (K_EFFECTIVE, ACTIVITY),
    block_time_figure,
    block_time_patch,
    block_time_description,
    narrow={"margin.t": 190, "legend.y": 1.16},
)


# --- the scratched record (a teaching picture) -------------------------------------------------------------------

#: Times (min) of the record's lower panel (fewer points: the figure has many slider combinations).
_T_RECORD_MIN = np.geomspace(1.0, 2880.0, 44)
#: Block at which the needle is lifted (TEACHING CHOICE: between a low dose's peak and the standard dose's).
THRESHOLD = 0.3
_DISC = (4.0, 5.3)
_N_NOTES = 12
_STUCK_NOTES = (0.75, 1.25, 1.0) * 4
_NEW_NOTES = (0.6, 0.9, 1.3, 0.8, 1.1, 0.55, 1.35, 1.0, 0.7, 1.2, 0.9, 1.05)


def record_state(time_min: float, dose: float) -> tuple[str, float]:
    """``"stuck"``, ``"lifted"`` or ``"new groove"``, and the block, at one time after one infusion of one dose.

    The needle stays in the scratched groove until the block first reaches
    :data:`THRESHOLD`, is lifted while the block is above it, and plays a new
    groove once the block has fallen again (medium cell activity).
    """
    g = _block_grid(dose, "medium", receptor.DEFAULT_K_UM)
    now = float(np.interp(time_min, g["t_min"], g["block"]))
    crossed = bool(np.any(g["block"][g["t_min"] <= time_min] >= THRESHOLD))
    if now >= THRESHOLD:
        return "lifted", now
    return ("new groove" if crossed else "stuck"), now


def _arc(radius: float, a0: float, a1: float, n: int = 16) -> tuple[list, list]:
    a = np.radians(np.linspace(a0, a1, n))
    return list(np.round(_DISC[0] + radius * np.cos(a), 3)), list(np.round(_DISC[1] + radius * np.sin(a), 3))


def record_figure() -> go.Figure:
    """The record and its needle (top) above the block with its threshold (bottom).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0 the stuck loop, 1 the new groove, 2 the tonearm, 3 the notes,
        4 the block curve, 5 its marker (all patched).
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.62, 0.38], vertical_spacing=0.1)
    specs = (
        ("the stuck loop", dict(mode="lines", line=dict(color="#E69F00", width=5))),
        ("a new groove", dict(mode="lines", line=dict(color=COLORS["bdnf"], width=5))),
        (
            "tonearm",
            dict(mode="lines+markers", line=dict(color="#DDDDDD", width=4), marker=dict(size=[4, 11], color="#DDDDDD")),
        ),
        ("the pattern played", dict(mode="markers", marker=dict(symbol="circle", size=11, color="#E69F00"))),
    )
    for name, style in specs:
        fig.add_trace(
            go.Scatter(x=[], y=[], name=name, hoverinfo="skip", showlegend=name != "tonearm", **style), row=1, col=1
        )
    fig.add_trace(
        go.Scatter(
            x=_T_RECORD_MIN,
            y=np.zeros_like(_T_RECORD_MIN),
            mode="lines",
            line=dict(color=_DRUG, width=3),
            showlegend=False,
            name="blocked",
            hovertemplate="%{y:.0f}%<extra>blocked</extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(now_dot(), row=2, col=1)
    # Shapes: 0 the turntable, 1 the disc, 2-4 grooves, 5 the label, 6 the cursor, 7 the threshold.
    fig.add_shape(type="rect", x0=0.1, x1=9.9, y0=0.2, y1=9.9, fillcolor="#5B4636", line=dict(width=0), layer="below")
    x0, y0 = _DISC
    fig.add_shape(
        type="circle",
        x0=x0 - 3.7,
        x1=x0 + 3.7,
        y0=y0 - 3.7,
        y1=y0 + 3.7,
        fillcolor="#1A1A1A",
        line=dict(width=0),
        layer="below",
    )
    for r in (3.2, 2.6, 2.0):
        fig.add_shape(
            type="circle",
            x0=x0 - r,
            x1=x0 + r,
            y0=y0 - r,
            y1=y0 + r,
            line=dict(color="#4A4A4A", width=1),
            layer="below",
        )
    fig.add_shape(
        type="circle",
        x0=x0 - 1.1,
        x1=x0 + 1.1,
        y0=y0 - 1.1,
        y1=y0 + 1.1,
        fillcolor="#B2182B",
        line=dict(width=0),
        layer="below",
    )
    add_time_cursor(fig, 40.0, xref="x2", yref="y2 domain")
    fig.add_shape(
        type="line",
        x0=0,
        x1=1,
        y0=100 * THRESHOLD,
        y1=100 * THRESHOLD,
        xref="x2 domain",
        yref="y2",
        line=dict(color="#B2182B", width=2, dash="dash"),
    )
    add_readout(fig, size=13)
    fig.add_annotation(
        x=1.0,
        y=100 * THRESHOLD,
        xref="x2 domain",
        yref="y2",
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        text="threshold (teaching choice)",
        font=dict(size=11, color="#B2182B"),
    )
    fig.add_annotation(
        x=0.3,
        y=9.7,
        xref="x",
        yref="y",
        xanchor="left",
        yanchor="top",
        showarrow=False,
        text="teaching picture",
        font=dict(size=11, color="#222222"),
        bgcolor="rgba(255,255,255,0.85)",
    )
    # The record stays round: one unit of x is one unit of y.
    fig.update_xaxes(range=[0, 10], visible=False, fixedrange=True, constrain="domain", row=1, col=1)
    fig.update_yaxes(
        range=[0, 10], visible=False, fixedrange=True, scaleanchor="x", scaleratio=1, constrain="domain", row=1, col=1
    )
    fig.update_xaxes(**_two_day_axis(), row=2, col=1)
    fig.update_yaxes(title_text="blocked (%)", range=[0, 60], tickvals=[0, 20, 40, 60], row=2, col=1)
    fig.update_layout(**layout_defaults(height=680, margin=dict(t=110, l=56, r=16)))
    fig.update_layout(legend=dict(y=1.05))
    return fig


def record_patch(*, time_block_min, dose_mg_per_kg) -> Patch:
    """Needle, loop, groove and notes at one time after one dose."""
    state, now = record_state(time_block_min, dose_mg_per_kg)
    x0, y0 = _DISC
    pivot = (9.2, 8.9)
    notes_x = list(np.round(np.linspace(0.9, 9.1, _N_NOTES), 3))
    # An empty trace keeps one gap point, so that its legend entry stays.
    empty: tuple[list, list] = ([None], [None])
    if state == "stuck":
        # One stretch of the groove and the jump back to its start: a closed loop.
        ax, ay = _arc(2.6, 40.0, 100.0)
        bx, by = _arc(2.35, 100.0, 40.0, n=8)
        loop = (ax + bx + ax[:1], ay + by + ay[:1])
        groove = empty
        needle = (round(x0 + 2.6 * np.cos(np.radians(40.0)), 3), round(y0 + 2.6 * np.sin(np.radians(40.0)), 3))
        notes = (notes_x, [0.35 + 0.5 * v for v in _STUCK_NOTES])
    elif state == "lifted":
        loop, groove = empty, empty
        needle = (8.9, 3.2)
        notes = empty
    else:
        loop = empty
        groove = _arc(2.0, 150.0, 330.0)
        needle = (round(x0 + 2.0 * np.cos(np.radians(330.0)), 3), round(y0 + 2.0 * np.sin(np.radians(330.0)), 3))
        notes = (notes_x, [0.35 + 0.5 * v for v in _NEW_NOTES])
    words = {
        "stuck": "the needle replays the same loop",
        "lifted": "the needle is lifted",
        "new groove": "the needle is down in a new groove",
    }[state]
    text = f"<b>{TIME_BLOCK.label_of(time_block_min)}, {dose_mg_per_kg:g} mg/kg</b>: {100 * now:.0f}% blocked; {words}"
    g = _block_grid(dose_mg_per_kg, "medium", receptor.DEFAULT_K_UM)
    curve = 100.0 * np.interp(_T_RECORD_MIN, g["t_min"], g["block"])
    return Patch(
        traces={
            0: {"x": loop[0], "y": loop[1]},
            1: {"x": groove[0], "y": groove[1]},
            2: {"x": [pivot[0], needle[0]], "y": [pivot[1], needle[1]]},
            3: {"x": notes[0], "y": notes[1]},
            4: {"x": _T_RECORD_MIN, "y": curve},
            5: {"x": [float(time_block_min)], "y": [100.0 * now]},
        },
        layout={
            "shapes[6].x0": float(time_block_min),
            "shapes[6].x1": float(time_block_min),
            "annotations[0].text": text,
        },
    )


def record_description(*, time_block_min, dose_mg_per_kg) -> str:
    """Text alternative: the needle's state and the block behind it."""
    state, now = record_state(time_block_min, dose_mg_per_kg)
    curve = block_curve("block", dose=dose_mg_per_kg)
    peak = 100.0 * curve.max()
    passes = "passes" if peak >= 100 * THRESHOLD else "never reaches"
    return (
        f"A teaching picture, not a measurement: a record stuck in one scratched groove stands for a repeating "
        f"activity pattern. After {dose_mg_per_kg:g} mg/kg over 40 minutes the model's block peaks at {peak:.0f}% "
        f"and {passes} the threshold of {100 * THRESHOLD:.0f}% chosen for the picture. At "
        f"{TIME_BLOCK.label_of(time_block_min)}, {100 * now:.0f}% of receptors are blocked and the needle is "
        f"{ {'stuck': 'still in the stuck loop', 'lifted': 'lifted', 'new groove': 'down in a new groove'}[state] }."
    )


RECORD = FigureSpec(
    "record",
    (TIME_BLOCK, DOSE),
    record_figure,
    record_patch,
    record_description,
    narrow={"margin.t": 130, "legend.y": 1.08, "height": 640},
)

FIGURES = (BREAKER, OCCUPANCY, BLOCK_TIME, RECORD)


# --- numbers the chapter quotes from the model ------------------------------------------------------------------------


def _eq_end(k_uM: float = receptor.DEFAULT_K_UM, compound: str = "racemic") -> float:
    return 100.0 * float(receptor.occupancy(end_of_infusion_free_uM(), k_uM=k_uM, compound=compound))


def _peak(activity: str = "medium", key: str = "block", dose: float = 0.5) -> float:
    return 100.0 * float(_block_grid(dose, activity, receptor.DEFAULT_K_UM)[key].max())


def _peak_min(activity: str = "medium") -> float:
    g = _block_grid(0.5, activity, receptor.DEFAULT_K_UM)
    return float(g["t_min"][int(np.argmax(g["block"]))])


def _pct(t_min: float, key: str = "block", activity: str = "medium") -> float:
    return 100.0 * block_at(t_min, activity=activity)[key]


def _lift_dose() -> float:
    """Smallest dose on the shared dose grid whose block passes the record's threshold (medium activity)."""
    return next(d for d in DOSE.grid() if _peak(dose=d) >= 100.0 * THRESHOLD)


def _above_half_h(activity: str) -> float:
    """Hours during which the block is at least half of its own peak (medium dose, default K)."""
    g = _block_grid(0.5, activity, receptor.DEFAULT_K_UM)
    return float(np.count_nonzero(g["block"] >= 0.5 * g["block"].max()) / 60.0)


def _eq_above_half_h() -> float:
    g = _block_grid(0.5, "medium", receptor.DEFAULT_K_UM)
    return float(np.count_nonzero(g["equilibrium"] >= 0.5 * g["equilibrium"].max()) / 60.0)


NUMBERS = {
    "s03_k_lo_uM": lambda: receptor.K_RANGE_UM[0],
    "s03_k_hi_uM": lambda: receptor.K_RANGE_UM[1],
    "s03_k_default_uM": lambda: receptor.DEFAULT_K_UM,
    "s03_free_share_pct": lambda: 100.0 * receptor.FREE_FRACTION,
    "s03_above_half_low_h": lambda: _above_half_h("low"),
    "s03_above_half_medium_h": lambda: _above_half_h("medium"),
    "s03_above_half_high_h": lambda: _above_half_h("high"),
    "s03_eq_above_half_h": _eq_above_half_h,
    "s03_free_end_uM": end_of_infusion_free_uM,
    "s03_occ_end_pct": lambda: _eq_end(),
    "s03_occ_end_klow_pct": lambda: _eq_end(receptor.K_RANGE_UM[0]),
    "s03_occ_end_khigh_pct": lambda: _eq_end(receptor.K_RANGE_UM[1]),
    "s03_occ_end_esketamine_pct": lambda: _eq_end(compound="esketamine"),
    "s03_occ_end_arketamine_pct": lambda: _eq_end(compound="arketamine"),
    "s03_occ_end_norketamine_pct": lambda: _eq_end(compound="norketamine"),
    "s03_k_racemate_ki_uM": lambda: receptor.racemate_ki_uM(receptor.KI_UM["S-ketamine"], receptor.KI_UM["R-ketamine"]),
    "s03_k_norketamine_ki_uM": lambda: receptor.racemate_ki_uM(
        receptor.KI_UM["S-norketamine"], receptor.KI_UM["R-norketamine"]
    ),
    "s03_nk_over_ketamine": lambda: receptor.compound_k_uM("norketamine") / receptor.compound_k_uM("racemic"),
    "s03_r_over_s": lambda: receptor.KI_UM["R-ketamine"] / receptor.KI_UM["S-ketamine"],
    "s03_sub_lo_uM": lambda: _free_band("dissociative")[0],
    "s03_sub_hi_uM": lambda: _free_band("dissociative")[1],
    "s03_anes_lo_uM": lambda: _free_band("anesthetic")[0],
    "s03_anes_hi_uM": lambda: _free_band("anesthetic")[1],
    "s03_block_medium_peak_pct": lambda: _peak(),
    "s03_block_medium_peak_min": lambda: _peak_min(),
    "s03_block_high_peak_pct": lambda: _peak("high"),
    "s03_block_high_peak_min": lambda: _peak_min("high"),
    "s03_block_low_peak_pct": lambda: _peak("low"),
    "s03_block_low_peak_min": lambda: _peak_min("low"),
    "s03_block_medium_40_pct": lambda: _pct(40.0),
    "s03_eq_40_pct": lambda: _pct(40.0, "equilibrium"),
    "s03_block_medium_2h_pct": lambda: _pct(120.0),
    "s03_eq_2h_pct": lambda: _pct(120.0, "equilibrium"),
    "s03_block_low_12h_pct": lambda: _pct(720.0, "block", "low"),
    "s03_eq_12h_pct": lambda: _pct(720.0, "equilibrium"),
    "s03_block_low_24h_pct": lambda: _pct(1440.0, "block", "low"),
    "s03_eq_24h_pct": lambda: _pct(1440.0, "equilibrium"),
    "s03_trapped_share_medium_2h_pct": lambda: 100.0 * _pct(120.0, "trapped") / _pct(120.0),
    "s03_threshold_pct": lambda: 100.0 * THRESHOLD,
    "s03_lift_dose": _lift_dose,
    "s03_peak_02_pct": lambda: _peak(dose=0.2),
    "s03_open_medium_pct": lambda: 100.0 * receptor.ACTIVITY_OPEN_PROBABILITY["medium"],
}
