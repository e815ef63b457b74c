"""Step 1 figures: ketamine concentration in plasma and at the effect site."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import pharmacokinetics as pk
from ..style import COLORS, TEXT_COLORS, band_fill, layout_defaults
from .core import FigureSpec, Patch

__all__ = ["CONCENTRATION", "MODELS", "concentration_figure", "models_figure"]

#: Times (min): every minute for the first hour, then every 10 minutes to 12 h.
T_MIN = np.concatenate([np.arange(0.0, 60.0), np.arange(60.0, 721.0, 10.0)])
#: Times (min) of the model comparison: every minute to 4 h.
T_COMPARE_MIN = np.arange(0.0, 241.0, 1.0)

_UNIT = "ng/mL"


def _bands(fig: go.Figure) -> None:
    """Shade and label the concentration bands of Zanos et al. 2018 (Table 1)."""
    for name, (lo, hi) in pk.BANDS_NG_PER_ML.items():
        color = COLORS[name]
        fig.add_shape(
            type="rect",
            xref="x domain",
            yref="y",
            x0=0,
            x1=1,
            y0=lo,
            y1=hi,
            fillcolor=band_fill(color, 0.13),
            line=dict(width=0),
            layer="below",
        )
        # Analgesic and dissociative bands overlap: label one at its bottom, one at its top.
        at_top = name != "analgesic"
        fig.add_annotation(
            xref="x domain",
            yref="y",
            x=0.99,
            y=np.log10(hi if at_top else lo),
            yanchor="top" if at_top else "bottom",
            xanchor="right",
            showarrow=False,
            text=f"{name} {lo:,.0f}–{hi:,.0f} ng/mL",
            font=dict(size=11, color=TEXT_COLORS[name]),
        )


def _observed_trace(**kw) -> go.Scatter:
    return go.Scatter(
        x=[40.0 / 60.0],
        y=[pk.OBSERVED_END_OF_INFUSION_NG_PER_ML],
        mode="markers",
        marker=dict(symbol="diamond", size=11, color="white", line=dict(color="black", width=2)),
        name="measured mean, 0.5 mg/kg over 40 min",
        hovertemplate="measured mean at 40 min: %{y:.0f} ng/mL<extra></extra>",
        **kw,
    )


def concentration_figure(**_fixed) -> go.Figure:
    """Plasma and effect-site concentration over 12 h with the effect bands.

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 plasma, trace 1 effect site (both filled by the patch),
        trace 2 the measured end-of-infusion level.
    """
    fig = go.Figure()
    x_h = T_MIN / 60.0
    fig.add_trace(
        go.Scatter(
            x=x_h,
            y=np.zeros_like(x_h),
            name="plasma",
            mode="lines",
            line=dict(color=COLORS["drug"], width=3),
            hovertemplate="%{x:.2f} h: %{y:.0f} ng/mL<extra>plasma</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x_h,
            y=np.zeros_like(x_h),
            name="effect site (brain)",
            mode="lines",
            line=dict(color=COLORS["effect_site"], width=3, dash="dash"),
            hovertemplate="%{x:.2f} h: %{y:.0f} ng/mL<extra>effect site</extra>",
        )
    )
    fig.add_trace(_observed_trace())
    _bands(fig)
    fig.update_layout(**layout_defaults(height=440))
    fig.update_xaxes(title_text="time since dosing started (h)", range=[0, 12], dtick=1)
    ticks = [1, 3, 10, 30, 100, 300, 1000, 3000]
    fig.update_yaxes(
        title_text=f"ketamine concentration ({_UNIT}, log scale)",
        type="log",
        range=[0, 3.5],
        tickvals=ticks,
        ticktext=[f"{v:,}" for v in ticks],
    )
    return fig


def concentration_patch(*, dose_mg_per_kg, duration_min, route, weight_kg, **_fixed) -> Patch:
    """Model curves for one dose, infusion time, route and weight."""
    cp, ce = pk.simulate(
        T_MIN, dose_mg_per_kg=dose_mg_per_kg, duration_min=duration_min, route=route, weight_kg=weight_kg
    )
    return Patch(traces={0: {"y": cp}, 1: {"y": ce}})


def models_figure(**_fixed) -> go.Figure:
    """Clements (two-compartment) beside Domino (three-compartment).

    Returns
    -------
    plotly.graph_objects.Figure
        Two panels; traces 0/2 plasma, 1/3 effect site (patched), 4/5 the
        measured end-of-infusion level.
    """
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.05,
    )
    x_h = T_COMPARE_MIN / 60.0
    for col, model in ((1, "clements"), (2, "domino")):
        cp = pk.plasma_concentration(T_COMPARE_MIN, model=model)
        first = col == 1
        fig.add_trace(
            go.Scatter(
                x=x_h,
                y=cp,
                name="plasma",
                legendgroup="plasma",
                showlegend=first,
                line=dict(color=COLORS["drug"], width=3),
                hovertemplate="%{x:.2f} h: %{y:.0f} ng/mL<extra>plasma</extra>",
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=x_h,
                y=np.zeros_like(x_h),
                name="effect site (brain)",
                legendgroup="ce",
                showlegend=first,
                line=dict(color=COLORS["effect_site"], width=3, dash="dash"),
                hovertemplate="%{x:.2f} h: %{y:.0f} ng/mL<extra>effect site</extra>",
            ),
            row=1,
            col=col,
        )
    for col in (1, 2):
        fig.add_trace(_observed_trace(showlegend=col == 1, legendgroup="obs"), row=1, col=col)
    fig.update_layout(**layout_defaults(height=420))
    fig.update_xaxes(title_text="time since the infusion started (h)", range=[0, 4], dtick=1)
    fig.update_yaxes(title_text=f"concentration ({_UNIT})", range=[0, 300], row=1, col=1)
    for col in (1, 2):
        fig.add_vrect(
            x0=0, x1=40 / 60, fillcolor=band_fill(COLORS["muted"], 0.12), line_width=0, layer="below", row=1, col=col
        )
    fig.add_annotation(
        xref="x domain",
        yref="y domain",
        x=0.02,
        y=0.98,
        showarrow=False,
        xanchor="left",
        text="infusion",
        font=dict(size=11, color="#555555"),
    )
    for axis, title in (("x", "Clements: two compartments"), ("x2", "Domino: three compartments")):
        fig.add_annotation(
            xref=f"{axis} domain",
            yref="y domain",
            x=0.98,
            y=0.98,
            xanchor="right",
            yanchor="top",
            showarrow=False,
            text=f"<b>{title}</b>",
        )
    return fig


def models_patch(*, ke0_per_min, **_fixed) -> Patch:
    """Effect-site curves of both models for one ke0."""
    return Patch(
        traces={
            1: {"y": pk.effect_site_concentration(T_COMPARE_MIN, model="clements", ke0_per_min=ke0_per_min)},
            3: {"y": pk.effect_site_concentration(T_COMPARE_MIN, model="domino", ke0_per_min=ke0_per_min)},
        }
    )


def concentration_description(*, dose_mg_per_kg, duration_min, route, weight_kg, **_fixed) -> str:
    """Text alternative: the numbers a reader would read off the curves."""
    cp, ce = pk.simulate(
        T_MIN, dose_mg_per_kg=dose_mg_per_kg, duration_min=duration_min, route=route, weight_kg=weight_kg
    )
    at = {h: float(np.interp(h * 60.0, T_MIN, cp)) for h in (8, 12)}
    how = f"over {duration_min:g} minutes into a vein" if route == "iv" else f"by the {route} route"
    return (
        f"Ketamine concentration over 12 hours after {dose_mg_per_kg:g} mg/kg given {how} to a "
        f"{weight_kg:g} kg adult (Clements model). Plasma peaks at about {cp.max():.0f} ng/mL at "
        f"{T_MIN[np.argmax(cp)]:.0f} minutes and the effect site at about {ce.max():.0f} ng/mL at "
        f"{T_MIN[np.argmax(ce)]:.0f} minutes, inside the dissociative band (100 to 250 ng/mL) and far below the "
        f"anesthetic band (1,200 to 2,400 ng/mL). The measured mean in patients, about 185 ng/mL at 40 minutes, sits "
        f"on the peak. Plasma then falls to about {at[8]:.0f} ng/mL at 8 hours and {at[12]:.0f} ng/mL at 12 hours."
    )


def models_description(*, ke0_per_min, **_fixed) -> str:
    """Text alternative of the two-model comparison."""
    c = {m: pk.plasma_concentration([40.0, 60.0, 240.0], model=m) for m in pk.MODELS}
    return (
        f"Two panels, 0 to 4 hours after the start of a 0.5 mg/kg, 40-minute infusion, effect-site constant ke0 "
        f"{ke0_per_min:g} per minute. At the end of the infusion the Clements model gives about "
        f"{c['clements'][0]:.0f} ng/mL and the Domino model about {c['domino'][0]:.0f} ng/mL, on either side of the "
        f"measured 185 ng/mL. One hour after the start they give {c['clements'][1]:.0f} and {c['domino'][1]:.0f} "
        f"ng/mL; at 4 hours {c['clements'][2]:.0f} and {c['domino'][2]:.0f} ng/mL. The dashed effect-site curves "
        f"trail the plasma curves by a few minutes."
    )


CONCENTRATION = FigureSpec(
    "pk_concentration",
    ("dose_mg_per_kg", "duration_min", "route", "weight_kg"),
    concentration_figure,
    concentration_patch,
    describe=concentration_description,
)
MODELS = FigureSpec("pk_models", ("ke0_per_min",), models_figure, models_patch, describe=models_description)
