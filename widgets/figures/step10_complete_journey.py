"""Step 10, the complete journey: a schedule of infusions through the whole cascade.

``journey``: the drug in the blood (top) and the slow processes (bottom) for a
course of infusions on fixed weekdays, with optional maintenance, on a log
time axis from one minute to eight weeks; the mood benefit of a single
infusion is drawn for reference.  The city after the storm, the chapter's
metaphor, lives in :mod:`.city`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import timeline as cascade
from ..models.plasticity import TAU_LABILE_H, TAU_STABLE_H
from ..models.schedules import HORIZON_DAYS, MAINTENANCE_GAP_DAYS, SCHEDULES, WEEKDAY_PATTERNS, schedule_days
from ..models.timeline import simulate
from ..params import UNITLESS, ParamSpec
from ..style import COLORS, layout_defaults
from .axes import log_time_axis
from .core import FigureSpec, Patch
from .curves import curve_line, curve_name

__all__ = ["JOURNEY", "binned_curves", "journey_figure"]

#: Infusions in the course.
N_INFUSIONS = ParamSpec(
    "n_infusions", "number of infusions", UNITLESS, default=6, min=1, max=8, step=1, static_values=(1, 2, 3, 4, 6, 8)
)
#: Infusions per week during the course.
PER_WEEK = ParamSpec(
    "infusions_per_week",
    "infusions per week",
    UNITLESS,
    default=3,
    scale="values",
    values=tuple(WEEKDAY_PATTERNS),
)
#: Maintenance infusions after the course.
MAINTENANCE = ParamSpec(
    "maintenance",
    "maintenance after the course",
    "",
    default="none",
    scale="choice",
    values=tuple(MAINTENANCE_GAP_DAYS),
    labels=("none", "weekly", "every 2 weeks"),
)

PARAMS = (N_INFUSIONS, PER_WEEK, MAINTENANCE)

_JOURNEY_KEYS = ("dissociation", "bdnf", "spines", "network", "mood")
#: Plot bins of the journey (log-spaced edges, minutes).
_EDGES_MIN = np.geomspace(1.0, HORIZON_DAYS * 1440.0, 111)


def binned_curves(days: tuple[float, ...]) -> dict[str, np.ndarray]:
    """Every curve of a schedule, as the maximum over each plot bin (so that no brief peak is lost).

    Parameters
    ----------
    days : tuple of float
        Days of the infusions (0.5 mg/kg over 40 minutes each).

    Returns
    -------
    dict of str to numpy.ndarray
        One value per bin of the journey's time axis, in the units of
        :func:`widgets.models.timeline.simulate`.
    """
    fine = [np.geomspace(1.0, HORIZON_DAYS * 1440.0, 700)]
    for d in days:
        fine.append(d * 1440.0 + np.arange(0.0, 720.0, 4.0))
    t_min = np.unique(np.concatenate(fine))
    t_min = t_min[t_min <= HORIZON_DAYS * 1440.0]
    out = simulate(t_min / 60.0, infusion_days=days)
    bins = np.clip(np.searchsorted(_EDGES_MIN, t_min, side="right") - 1, 0, _EDGES_MIN.size - 2)
    binned = {}
    for key, values in out.items():
        peak = np.zeros(_EDGES_MIN.size - 1)
        np.maximum.at(peak, bins, values)
        binned[key] = peak
    return binned


def bin_centres_min() -> np.ndarray:
    """Centres (min, geometric) of the journey's plot bins."""
    return np.sqrt(_EDGES_MIN[:-1] * _EDGES_MIN[1:])


def journey_figure() -> go.Figure:
    """The drug in the blood (top) and the slow processes (bottom) for a schedule.

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 plasma, traces 1-5 dissociation, BDNF, spines, network,
        mood (all patched); trace 6 the mood after one infusion, for reference.
    """
    x = bin_centres_min()
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.3, 0.7], vertical_spacing=0.06)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=np.zeros_like(x),
            mode="lines",
            name=curve_name("plasma"),
            line=curve_line("plasma"),
            hovertemplate="%{y:.0f} ng/mL<extra>ketamine in blood</extra>",
        ),
        row=1,
        col=1,
    )
    for key in _JOURNEY_KEYS:
        name = curve_name(key)
        fig.add_trace(
            go.Scatter(
                x=x,
                y=np.zeros_like(x),
                mode="lines",
                name=name,
                line=curve_line(key, width=3.5 if key == "mood" else 2),
                hovertemplate="%{y:.0f}%<extra>" + name + "</extra>",
            ),
            row=2,
            col=1,
        )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=100.0 * binned_curves((0.0,))["mood"],
            mode="lines",
            name="mood benefit, one infusion (reference)",
            line=dict(color=COLORS["muted"], width=2, dash="dot"),
            hovertemplate="%{y:.0f}%<extra>one infusion</extra>",
        ),
        row=2,
        col=1,
    )
    lo, hi = _EDGES_MIN[0], _EDGES_MIN[-1]
    axis = log_time_axis("time since the first infusion (log scale)")
    axis.update(
        range=[np.log10(lo) - 0.03, np.log10(hi) + 0.03],
        tickvals=[1, 60, 1440, 10080, 40320],
        ticktext=["1 min", "1 h", "1 day", "1 week", "4 weeks"],
        tickangle=0,
    )
    fig.update_xaxes(**axis, row=2, col=1)
    fig.update_xaxes(type="log", range=axis["range"], showticklabels=False, row=1, col=1)
    fig.update_yaxes(title_text="blood (ng/mL)", range=[0, 220], tickvals=[0, 100, 200], row=1, col=1)
    fig.update_yaxes(title_text="effect (% of maximum)", range=[0, 100], row=2, col=1)
    fig.update_layout(**layout_defaults(height=560, margin=dict(t=110)))
    fig.update_layout(legend=dict(y=1.04))
    return fig


def journey_patch(*, n_infusions, infusions_per_week, maintenance) -> Patch:
    """Binned curves for one schedule."""
    out = binned_curves(schedule_days(n_infusions, infusions_per_week, maintenance))
    traces = {0: {"y": out["plasma"]}}
    for i, key in enumerate(_JOURNEY_KEYS, start=1):
        traces[i] = {"y": 100.0 * out[key]}
    return Patch(traces=traces)


def journey_description(*, n_infusions, infusions_per_week, maintenance) -> str:
    """Text alternative: course against one infusion."""
    days = schedule_days(n_infusions, infusions_per_week, maintenance)
    course = binned_curves(days)["mood"]
    single = binned_curves((0.0,))["mood"]
    x = bin_centres_min() / 1440.0
    last = days[int(n_infusions) - 1]
    return (
        f"{len(days)} infusions of 0.5 mg/kg on days {', '.join(f'{d:g}' for d in days)}. "
        "Ketamine is in the blood for a few hours after each infusion. "
        f"Mood benefit peaks at {100 * course.max():.0f}% of the maximum near day {x[np.argmax(course)]:.0f}, "
        f"against {100 * single.max():.0f}% near day {x[np.argmax(single)]:.0f} after one infusion. "
        f"Three weeks after the last infusion of the course it is at "
        f"{100 * float(np.interp(last + 21, x, course)):.0f}% of the maximum."
    )


JOURNEY = FigureSpec(
    "journey", (N_INFUSIONS, PER_WEEK, MAINTENANCE), journey_figure, journey_patch, journey_description
)

FIGURES = (JOURNEY,)


# --- numbers the chapter quotes from the model ------------------------------------------------------------------------

#: Every minute for 6 h, then every 15 min to 90 days.
_T_H = np.concatenate([np.arange(0.0, 6.0, 1 / 60), np.arange(6.0, 90 * 24.0, 0.25)])


@lru_cache(maxsize=32)
def run(days: tuple[float, ...] = (0.0,), dose_mg_per_kg: float = 0.5, **weights) -> dict[str, np.ndarray]:
    """The cascade on a fine grid over 90 days for one schedule (cached), with optional model weights set.

    ``weights`` temporarily replaces module constants of :mod:`widgets.models.timeline`, e.g.
    ``W_SPINES=0.0`` to see what the acute term alone gives.
    """
    saved = {k: getattr(cascade, k) for k in weights}
    try:
        for k, v in weights.items():
            setattr(cascade, k, v)
        return simulate(_T_H, infusion_days=days, dose_mg_per_kg=dose_mg_per_kg)
    finally:
        for k, v in saved.items():
            setattr(cascade, k, v)


def at(curve: np.ndarray, t_h: float) -> float:
    """A curve of :func:`run` at one time (h)."""
    return float(np.interp(t_h, _T_H, curve))


def first_below(curve: np.ndarray, level: float, after_h: float = 0.0) -> float:
    """First time (h) after the peak and after ``after_h`` at which the curve is below ``level``."""
    later = (_T_H >= max(_T_H[int(np.argmax(curve))], after_h)) & (curve < level)
    return float(_T_H[np.flatnonzero(later)[0]])


def fade_days(days: tuple[float, ...], last_day: float | None = None) -> float:
    """Days from the last infusion of the course until the mood benefit is below half of its peak."""
    mood = run(days)["mood"]
    last = days[-1] if last_day is None else last_day
    return first_below(mood, 0.5 * mood.max()) / 24.0 - last


def _mood_pct(days, t_h=None) -> float:
    mood = run(days)["mood"]
    return 100.0 * (mood.max() if t_h is None else at(mood, t_h))


def _lowest_pct(days, from_day: float, to_day: float = 56.0) -> float:
    mood = run(days)["mood"]
    window = (_T_H >= from_day * 24) & (_T_H <= to_day * 24)
    return 100.0 * float(mood[window].min())


def _spine_share_pct(t_h: float) -> float:
    """Share of the mood term carried by spines at one time after one infusion (W_SPINES·S of the whole sum)."""
    acute = 1 - at(run((0.0,), W_SPINES=0.0)["mood"], t_h)
    spines = 1 - at(run((0.0,), W_ACUTE=0.0)["mood"], t_h)
    a, s_ = -np.log(acute), -np.log(spines)
    return 100.0 * s_ / (a + s_)


_SINGLE = (0.0,)
_COURSE = SCHEDULES["course"]

NUMBERS = {
    "s10_plasma_peak_ng_per_mL": lambda: float(run()["plasma"].max()),
    "s10_plasma_below_10_h": lambda: first_below(run()["plasma"], 10.0),
    "s10_plasma_12h_ng_per_mL": lambda: at(run()["plasma"], 12.0),
    "s10_plasma_24h_ng_per_mL": lambda: at(run()["plasma"], 24.0),
    "s10_fast_over_h": lambda: max(first_below(run()[k], 0.05 * run()[k].max()) for k in ("dissociation", "glutamate")),
    "s10_bdnf_peak_h": lambda: float(_T_H[int(np.argmax(run()["bdnf"]))]),
    "s10_bdnf_below_tenth_h": lambda: first_below(run()["bdnf"], 0.1 * run()["bdnf"].max()),
    "s10_formation_peak_h": lambda: float(_T_H[int(np.argmax(run()["spine_formation"]))]),
    "s10_spines_peak_h": lambda: float(_T_H[int(np.argmax(run()["spines"]))]),
    "s10_spines_single_peak_pct": lambda: 100.0 * float(run()["spines"].max()),
    "s10_labile_half_life_d": lambda: TAU_LABILE_H * np.log(2) / 24.0,
    "s10_stable_half_life_d": lambda: TAU_STABLE_H * np.log(2) / 24.0,
    "s10_mood_2h_of_24h_pct": lambda: 100.0 * at(run()["mood"], 2.0) / at(run()["mood"], 24.0),
    "s10_mood_peak_h": lambda: float(_T_H[int(np.argmax(run()["mood"]))]),
    "s10_mood_single_peak_pct": lambda: _mood_pct(_SINGLE),
    "s10_fade_single_d": lambda: fade_days(_SINGLE),
    "s10_spine_share_2h_pct": lambda: _spine_share_pct(2.0),
    "s10_spine_share_24h_pct": lambda: _spine_share_pct(24.0),
    "s10_spine_share_72h_pct": lambda: _spine_share_pct(72.0),
    "s10_mood_course_peak_pct": lambda: _mood_pct(_COURSE),
    "s10_course_to_single_ratio": lambda: _mood_pct(_COURSE) / _mood_pct(_SINGLE),
    "s10_course_spines_peak_pct": lambda: 100.0 * float(run(_COURSE)["spines"].max()),
    "s10_course_stable_peak_pct": lambda: 100.0 * float(run(_COURSE)["spines_stable"].max()),
    "s10_fade_course_d": lambda: fade_days(_COURSE),
    "s10_fade_course_day": lambda: fade_days(_COURSE) + _COURSE[-1],
    "s10_mood_3_infusions_pct": lambda: _mood_pct(schedule_days(3)),
    "s10_mood_8_infusions_pct": lambda: _mood_pct(schedule_days(8)),
    "s10_fade_3_infusions_d": lambda: fade_days(schedule_days(3)),
    "s10_fade_8_infusions_d": lambda: fade_days(schedule_days(8)),
    "s10_fade_weekly_course_d": lambda: fade_days(schedule_days(6, 1)),
    "s10_fade_twice_weekly_course_d": lambda: fade_days(schedule_days(6, 2)),
    "s10_weekly_lowest_pct": lambda: _lowest_pct(schedule_days(6, 3, "weekly"), 24.0),
    "s10_fortnightly_lowest_pct": lambda: _lowest_pct(schedule_days(6, 3, "fortnightly"), 24.0),
    "s10_weekly_day40_pct": lambda: _mood_pct(schedule_days(6, 3, "weekly"), 40 * 24.0),
    "s10_course_day40_pct": lambda: _mood_pct(_COURSE, 40 * 24.0),
    "s10_mood_single_1mg_peak_pct": lambda: 100.0 * float(run(_SINGLE, 1.0)["mood"].max()),
    "s10_mood_single_1w_of_peak_pct": lambda: 100.0 * at(run()["mood"], 7 * 24.0) / float(run()["mood"].max()),
    "s10_mood_single_2w_of_peak_pct": lambda: 100.0 * at(run()["mood"], 14 * 24.0) / float(run()["mood"].max()),
    "s10_mood_single_40min_of_peak_pct": lambda: 100.0 * at(run()["mood"], 40 / 60) / float(run()["mood"].max()),
}
