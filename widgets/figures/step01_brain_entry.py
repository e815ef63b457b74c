"""Step 1, rapid brain entry: the figures of the chapter.

* ``checkpoint``, the metaphor: the blood-brain barrier as a security
  checkpoint.  Travelers (dots) of two drugs wait on the blood side or have
  passed to the brain side; how many have passed is the model's brain level at
  the chosen time.  Below, the two brain levels over time on the shared log
  axis, with the usual time window of clinical benefit of each drug.
* ``pk_concentration``: ketamine in plasma and at the effect site over 12 h,
  with the analgesic, dissociative and anesthetic bands, for a dose, infusion
  time and route.
* ``pk_models``: two published compartment models of the same infusion, and
  the effect-site constant ke0.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import brain_entry as be
from ..models import pharmacokinetics as pk
from ..params import DOSE, TIME, ParamSpec
from ..style import COLORS, TEXT_COLORS, band_fill, layout_defaults
from .axes import add_time_cursor, log_time_axis, log_time_grid_min
from .core import FigureSpec, Patch

__all__ = ["CHECKPOINT", "CONCENTRATION", "MODELS", "checkpoint_figure", "concentration_figure", "models_figure"]

#: Length of the IV infusion.
DURATION = ParamSpec(
    "duration_min", "infusion time", "min", default=40.0, min=5.0, max=60.0, step=5.0, static_values=(5, 10, 20, 40, 60)
)
#: Route of administration.
ROUTE = ParamSpec(
    "route",
    "route",
    "",
    default="iv",
    scale="choice",
    values=pk.ROUTES,
    labels=("IV infusion", "IM injection", "oral", "esketamine spray"),
)
#: Effect-site equilibration rate constant.
KE0 = ParamSpec("ke0_per_min", "effect-site rate constant ke0", "1/min", default=0.24, min=0.12, max=0.72, step=0.06)
#: Time since the first dose of either drug of the checkpoint.
TIME_SINCE_DOSE = replace(TIME, name="time_since_dose_min", label="time since the first dose")

PARAMS = (DURATION, ROUTE, KE0, TIME_SINCE_DOSE)


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


def concentration_figure() -> go.Figure:
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


def concentration_patch(*, dose_mg_per_kg, duration_min, route) -> Patch:
    """Model curves for one dose, infusion time and route (70 kg adult)."""
    cp, ce = pk.simulate(T_MIN, dose_mg_per_kg=dose_mg_per_kg, duration_min=duration_min, route=route)
    return Patch(traces={0: {"y": cp}, 1: {"y": ce}})


def models_figure() -> go.Figure:
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
    for axis, title in (("", "Clements: two compartments"), ("2", "Domino: three compartments")):
        fig.add_annotation(
            xref=f"x{axis} domain",
            yref=f"y{axis} domain",
            x=0.98,
            y=0.98,
            xanchor="right",
            yanchor="top",
            showarrow=False,
            text=f"<b>{title}</b>",
        )
    return fig


def models_patch(*, ke0_per_min) -> Patch:
    """Effect-site curves of both models for one ke0."""
    return Patch(
        traces={
            1: {"y": pk.effect_site_concentration(T_COMPARE_MIN, model="clements", ke0_per_min=ke0_per_min)},
            3: {"y": pk.effect_site_concentration(T_COMPARE_MIN, model="domino", ke0_per_min=ke0_per_min)},
        }
    )


def concentration_description(*, dose_mg_per_kg, duration_min, route) -> str:
    """Text alternative: the numbers a reader would read off the curves."""
    cp, ce = pk.simulate(T_MIN, dose_mg_per_kg=dose_mg_per_kg, duration_min=duration_min, route=route)
    at = {h: float(np.interp(h * 60.0, T_MIN, cp)) for h in (8, 12)}
    how = f"over {duration_min:g} minutes into a vein" if route == "iv" else f"by the {route} route"
    return (
        f"Ketamine concentration over 12 hours after {dose_mg_per_kg:g} mg/kg given {how} to a "
        f"70 kg adult (Clements model). Plasma peaks at about {cp.max():.0f} ng/mL at "
        f"{T_MIN[np.argmax(cp)]:.0f} minutes and the effect site at about {ce.max():.0f} ng/mL at "
        f"{T_MIN[np.argmax(ce)]:.0f} minutes, inside the dissociative band (100 to 250 ng/mL) and far below the "
        f"anesthetic band (1,200 to 2,400 ng/mL). The measured mean in patients, about 185 ng/mL at 40 minutes, sits "
        f"on the peak. Plasma then falls to about {at[8]:.0f} ng/mL at 8 hours and {at[12]:.0f} ng/mL at 12 hours."
    )


def models_description(*, ke0_per_min) -> str:
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
    "pk_concentration", (DOSE, DURATION, ROUTE), concentration_figure, concentration_patch, concentration_description
)
MODELS = FigureSpec(
    "pk_models",
    (KE0,),
    models_figure,
    models_patch,
    models_description,
    # On a phone the two models are stacked, each with its own axes.
    narrow={
        "xaxis.domain": [0.0, 1.0],
        "yaxis.domain": [0.58, 1.0],
        "xaxis2.domain": [0.0, 1.0],
        "xaxis2.anchor": "y2",
        "yaxis2.domain": [0.0, 0.42],
        "yaxis2.anchor": "x2",
        "yaxis2.showticklabels": True,
        "yaxis2.title.text": f"concentration ({_UNIT})",
        "annotations[0].y": 0.86,
        "height": 820,
    },
)

# --- the checkpoint (the metaphor) -------------------------------------------------------------------------------

#: Travelers per drug, drawn as two rows of five.
N_TRAVELERS = 10
_COLS = 5
_ROWS_Y = {"ketamine": 7.2, "ssri": 2.8}
_NAMES = {"ketamine": "ketamine (one IV infusion)", "ssri": "SSRI (citalopram, once daily)"}
_SHORT = {"ketamine": "ketamine", "ssri": "SSRI (citalopram)"}
_TAG = {"ketamine": "ketamine", "ssri": "SSRI"}
_COLORS = {"ketamine": COLORS["drug"], "ssri": COLORS["ssri"]}
_SYMBOLS = {"ketamine": "circle", "ssri": "square"}
_T_MIN = log_time_grid_min(240)
#: Index of the first readout annotation (after the two benefit labels).
_READOUT = len(be.CLINICAL_WINDOWS_MIN)


def _levels(t_min) -> dict[str, np.ndarray]:
    return {"ketamine": be.ketamine_brain_level_pct(t_min), "ssri": be.citalopram_level_pct(t_min)}


def _traveler_xy(n_crossed: int, y_mid: float) -> tuple[np.ndarray, np.ndarray]:
    """Positions: waiting travelers queue on the left, crossed ones on the right."""
    i = np.arange(N_TRAVELERS)
    crossed = i < n_crossed
    slot = np.where(crossed, i, i - n_crossed)
    x = np.where(crossed, 6.0 + 0.75 * (slot % _COLS), 0.6 + 0.75 * (slot % _COLS))
    y = y_mid + np.where(slot < _COLS, 0.55, -0.55)
    return x, y


def checkpoint_figure() -> go.Figure:
    """The checkpoint drawing (traces 0-1, patched) above the time courses.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0-1 travelers of ketamine and the SSRI; 2-3 level curves.
    """
    fig = make_subplots(rows=2, cols=1, row_heights=[0.36, 0.64], vertical_spacing=0.1)
    for drug in ("ketamine", "ssri"):
        x, y = _traveler_xy(0, _ROWS_Y[drug])
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="markers",
                name=_NAMES[drug],
                legendgroup=drug,
                showlegend=False,
                hoverinfo="skip",
                marker=dict(size=14, color=_COLORS[drug], symbol=_SYMBOLS[drug], line=dict(color="white", width=1)),
            ),
            row=1,
            col=1,
        )
    levels = _levels(_T_MIN)
    dashes = {"ketamine": "solid", "ssri": "dash"}
    for drug in ("ketamine", "ssri"):
        fig.add_trace(
            go.Scatter(
                x=_T_MIN,
                y=levels[drug],
                mode="lines",
                name=_NAMES[drug],
                legendgroup=drug,
                line=dict(color=_COLORS[drug], width=3, dash=dashes[drug]),
                hovertemplate="%{y:.0f}%<extra>" + _NAMES[drug] + "</extra>",
            ),
            row=2,
            col=1,
        )
    # Shapes: 0 the barrier, 1 the time cursor, 2-3 the clinical windows.
    fig.add_shape(
        type="rect",
        x0=4.6,
        x1=5.4,
        y0=0.6,
        y1=9.4,
        xref="x",
        yref="y",
        fillcolor="#D9D9D9",
        line=dict(color="#777777", width=1),
    )
    add_time_cursor(fig, 40.0, xref="x2", yref="y2 domain")
    for k, (drug, (lo, hi)) in enumerate(be.CLINICAL_WINDOWS_MIN.items()):
        y0 = 104 + 9 * k
        fig.add_shape(
            type="rect",
            x0=lo,
            x1=hi,
            y0=y0,
            y1=y0 + 7,
            xref="x2",
            yref="y2",
            fillcolor=band_fill(_COLORS[drug], 0.45),
            line=dict(width=0),
        )
        fig.add_annotation(
            x=np.log10(lo),
            y=y0 + 3.5,
            xref="x2",
            yref="y2",
            xanchor="right",
            showarrow=False,
            text=f"usual time of benefit, {_SHORT[drug]} ",
            font=dict(size=11),
        )
    # Annotations _READOUT and _READOUT + 1: the readouts the slider rewrites.
    for drug in ("ketamine", "ssri"):
        fig.add_annotation(
            x=0.0,
            y=_ROWS_Y[drug] + 1.6,
            xref="x",
            yref="y",
            xanchor="left",
            showarrow=False,
            text="",
            font=dict(size=12, color=TEXT_COLORS["drug" if drug == "ketamine" else "ssri"]),
        )
    for x, text in ((2.1, "blood side"), (7.6, "brain side")):
        fig.add_annotation(x=x, y=10.3, xref="x", yref="y", showarrow=False, text=f"<b>{text}</b>")
    fig.add_annotation(
        x=5.0,
        y=0.1,
        xref="x",
        yref="y",
        showarrow=False,
        text="blood–brain barrier",
        font=dict(size=11, color="#555555"),
    )
    fig.update_layout(**layout_defaults(height=600, margin=dict(t=40)))
    fig.update_layout(legend=dict(y=0.6, yanchor="bottom"))
    fig.update_xaxes(range=[0, 10], visible=False, row=1, col=1)
    fig.update_yaxes(range=[-0.3, 10.8], visible=False, row=1, col=1)
    fig.update_xaxes(**log_time_axis("time since the first dose (log scale)"), row=2, col=1)
    fig.update_yaxes(title_text="brain level (%)", range=[0, 124], tickvals=[0, 25, 50, 75, 100], row=2, col=1)
    return fig


def checkpoint_patch(*, time_since_dose_min) -> Patch:
    """Travelers and readouts at one time after the first dose."""
    levels = {k: float(v[0]) for k, v in _levels([time_since_dose_min]).items()}
    traces = {}
    layout = {"shapes[1].x0": time_since_dose_min, "shapes[1].x1": time_since_dose_min}
    for k, drug in enumerate(("ketamine", "ssri")):
        x, y = _traveler_xy(int(round(N_TRAVELERS * levels[drug] / 100.0)), _ROWS_Y[drug])
        traces[k] = {"x": x, "y": y}
        what = "of its peak" if drug == "ketamine" else "of its steady state"
        layout[f"annotations[{_READOUT + k}].text"] = f"{_TAG[drug]} in the brain: {levels[drug]:.0f}% {what}"
    return Patch(traces=traces, layout=layout)


def checkpoint_description(*, time_since_dose_min) -> str:
    """Text alternative: both brain levels at a few landmark times."""
    t = [40.0, 1440.0, 7 * 1440.0]
    lv = _levels(t)
    now = {k: float(v[0]) for k, v in _levels([time_since_dose_min]).items()}
    return (
        f"Both drugs cross the blood-brain barrier. At {time_since_dose_min:g} minutes after the first dose, "
        f"{round(N_TRAVELERS * now['ketamine'] / 100)} of 10 ketamine travelers and "
        f"{round(N_TRAVELERS * now['ssri'] / 100)} of 10 SSRI travelers have crossed. Ketamine's brain level is "
        f"{lv['ketamine'][0]:.0f}% of its peak at 40 minutes and {lv['ketamine'][1]:.1f}% at 1 day; citalopram's is "
        f"{lv['ssri'][1]:.0f}% of its steady state at 1 day and {lv['ssri'][2]:.0f}% at 1 week. The usual benefit of "
        f"ketamine runs from about 2 hours to a week; that of an SSRI starts in the first weeks of daily dosing, after "
        f"its brain level is already high."
    )


CHECKPOINT = FigureSpec(
    "checkpoint",
    (TIME_SINCE_DOSE,),
    checkpoint_figure,
    checkpoint_patch,
    checkpoint_description,
    # On a phone: shorter labels for the windows of benefit, and room for a legend on two lines.
    narrow={
        "annotations[0].text": "ketamine benefit ",
        "annotations[1].text": "SSRI benefit ",
        "annotations[2].font.size": 11,
        "annotations[3].font.size": 11,
        "yaxis.domain": [0.7, 1.0],
        "yaxis2.domain": [0.0, 0.54],
        "legend.y": 0.56,
    },
)

FIGURES = (CHECKPOINT, CONCENTRATION, MODELS)


# --- numbers the chapter quotes from the model ------------------------------------------------------------------------


def _two_sample_half_life_min(model: str, t1_min: float, t2_min: float) -> float:
    """Half-life estimated from two plasma samples, as in the chapter's exercise."""
    c1, c2 = pk.plasma_concentration([t1_min, t2_min], model=model)
    return (t2_min - t1_min) * np.log(2) / np.log(c1 / c2)


def _first_below_min(model: str, level_ng_per_mL: float) -> float:
    t = np.arange(40.0, 1441.0, 1.0)
    cp = pk.plasma_concentration(t, model=model)
    return float(t[np.flatnonzero(cp < level_ng_per_mL)[0]])


def _peak_ng_per_mL(duration_min: float) -> float:
    return float(pk.plasma_concentration(np.arange(0.0, 121.0, 0.5), duration_min=duration_min).max())


NUMBERS = {
    "s01_ketamine_brain_1d_pct": lambda: float(be.ketamine_brain_level_pct([1440.0])[0]),
    "s01_citalopram_1d_pct": lambda: float(be.citalopram_level_pct([1440.0])[0]),
    "s01_citalopram_1w_pct": lambda: float(be.citalopram_level_pct([7 * 1440.0])[0]),
    "s01_peak_5min_infusion_ng_per_mL": lambda: _peak_ng_per_mL(5.0),
    "s01_peak_40min_infusion_ng_per_mL": lambda: _peak_ng_per_mL(40.0),
    "s01_clements_40min_ng_per_mL": lambda: float(pk.plasma_concentration([40.0], model="clements")[0]),
    "s01_domino_40min_ng_per_mL": lambda: float(pk.plasma_concentration([40.0], model="domino")[0]),
    "s01_clements_60min_ng_per_mL": lambda: float(pk.plasma_concentration([60.0], model="clements")[0]),
    "s01_domino_60min_ng_per_mL": lambda: float(pk.plasma_concentration([60.0], model="domino")[0]),
    "s01_clements_below_50_min": lambda: _first_below_min("clements", 50.0),
    "s01_domino_below_50_min": lambda: _first_below_min("domino", 50.0),
    "s01_clements_12h_ng_per_mL": lambda: float(pk.plasma_concentration([720.0], model="clements")[0]),
    "s01_domino_12h_ng_per_mL": lambda: float(pk.plasma_concentration([720.0], model="domino")[0]),
    "s01_half_life_clements_late_min": lambda: _two_sample_half_life_min("clements", 360.0, 600.0),
    "s01_half_life_domino_late_min": lambda: _two_sample_half_life_min("domino", 360.0, 600.0),
    "s01_half_life_clements_early_min": lambda: _two_sample_half_life_min("clements", 60.0, 120.0),
    "s01_half_life_domino_early_min": lambda: _two_sample_half_life_min("domino", 60.0, 120.0),
    "s01_terminal_half_life_clements_h": lambda: pk.terminal_half_life_min("clements") / 60.0,
}
