"""Every slider of the course, declared once.

A :class:`ParamSpec` is the single source of truth for a parameter's name,
label, unit, range, step, default and scale.  Everything else is derived from
it: the ipywidgets sliders of the live explorers, the precomputed steps of the
Plotly sliders in the static book, axis labels and the parametrised tests.
Never type a slider range anywhere else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

__all__ = ["PARAMS", "ParamSpec", "get", "grid"]


@dataclass(frozen=True)
class ParamSpec:
    """One user-adjustable parameter.

    Parameters
    ----------
    name : str
        Keyword argument name in the model functions (with a unit suffix).
    label : str
        Short lower-case label shown next to the slider.
    unit : str
        Unit shown in labels; empty for categorical parameters.
    min, max, step : float
        Range and step of a numeric slider (``scale="linear"``).
    default : float or str
        Value the figures show first; must lie on the grid.
    scale : {"linear", "values", "choice"}
        ``"linear"``: evenly spaced from ``min`` to ``max`` by ``step``.
        ``"values"``: the explicit numeric ``values`` (e.g. a log-spaced time
        axis).  ``"choice"``: the categorical ``values`` with display
        ``labels``.
    values : tuple
        Grid values for ``scale="values"`` or ``"choice"``.
    labels : tuple of str
        Display labels for the grid values (defaults to formatted numbers).
    """

    name: str
    label: str
    unit: str
    default: float | str
    min: float = 0.0
    max: float = 0.0
    step: float = 0.0
    scale: str = "linear"
    values: tuple = field(default=())
    labels: tuple = field(default=())

    def __post_init__(self):
        if self.scale not in {"linear", "values", "choice"}:
            raise ValueError(f"ParamSpec {self.name!r}: unknown scale {self.scale!r}")
        if self.scale == "linear":
            if not (self.step > 0 and self.max > self.min):
                raise ValueError(f"ParamSpec {self.name!r}: need min < max and step > 0")
            n = (self.max - self.min) / self.step
            if abs(n - round(n)) > 1e-9:
                raise ValueError(f"ParamSpec {self.name!r}: step does not divide the range")
        else:
            if not self.values:
                raise ValueError(f"ParamSpec {self.name!r}: scale {self.scale!r} needs values")
            if self.scale == "values":
                object.__setattr__(self, "min", float(min(self.values)))
                object.__setattr__(self, "max", float(max(self.values)))
        if self.labels and len(self.labels) != len(self.grid()):
            raise ValueError(f"ParamSpec {self.name!r}: one label per grid value")
        if self.index(self.default) is None:
            raise ValueError(f"ParamSpec {self.name!r}: default {self.default!r} is not on the grid")

    @property
    def is_choice(self) -> bool:
        """True for a categorical parameter (e.g. the route of administration)."""
        return self.scale == "choice"

    @property
    def title(self) -> str:
        """Label with unit, e.g. ``"dose (mg/kg)"``."""
        return f"{self.label} ({self.unit})" if self.unit else self.label

    def grid(self) -> list:
        """All values a slider can take, in order."""
        if self.scale == "linear":
            n = int(round((self.max - self.min) / self.step))
            decimals = max(0, -math.floor(math.log10(self.step)) + 2)
            return [round(self.min + i * self.step, decimals) for i in range(n + 1)]
        return list(self.values)

    def grid_labels(self) -> list[str]:
        """Display label of each grid value."""
        if self.labels:
            return list(self.labels)
        return [_format_number(v) for v in self.grid()]

    def index(self, value) -> int | None:
        """Position of ``value`` on the grid, or ``None`` if it is not on it."""
        for i, v in enumerate(self.grid()):
            if self.is_choice:
                if v == value:
                    return i
            elif isinstance(value, (int, float)) and math.isclose(v, value, rel_tol=1e-9, abs_tol=1e-12):
                return i
        return None


def _format_number(x: float) -> str:
    """Short label for a grid value: ``0.5``, ``40``, ``0.24``."""
    return f"{x:g}"


def _time_labels(values_min) -> tuple[str, ...]:
    """Readable labels for times given in minutes: "40 min", "6 h", "3 d", "2 wk"."""
    out = []
    for m in values_min:
        if m < 60:
            out.append(f"{m:g} min")
        elif m < 48 * 60:
            out.append(f"{m / 60:g} h")
        elif m >= 14 * 1440 and m % 10080 == 0:
            out.append(f"{m / 10080:g} wk")
        else:
            out.append(f"{m / 1440:g} d")
    return tuple(out)


#: Log-spaced times from one minute to six weeks, for the time sliders.
TIME_POINTS_MIN = (
    1,
    2,
    5,
    10,
    20,
    30,
    40,
    60,
    90,
    120,
    180,
    240,
    360,
    480,
    720,
    1440,
    2880,
    4320,
    7200,
    10080,
    20160,
    30240,
    40320,
    60480,
)

#: Times from one minute to eight weeks, for the city of the complete journey.
COURSE_TIME_POINTS_MIN = (1, 10, 40, 120, 360, 720) + tuple(
    d * 1440 for d in (1, 2, 3, 5, 7, 10, 12, 14, 18, 21, 28, 35, 42, 56)
)

_SPECS = (
    ParamSpec("dose_mg_per_kg", "dose", "mg/kg", default=0.5, min=0.1, max=1.0, step=0.1),
    ParamSpec("duration_min", "infusion time", "min", default=40.0, min=5.0, max=60.0, step=5.0),
    ParamSpec(
        "route",
        "route",
        "",
        default="iv",
        scale="choice",
        values=("iv", "im", "oral", "intranasal"),
        labels=("IV infusion", "IM injection", "oral", "esketamine spray"),
    ),
    ParamSpec("weight_kg", "body weight", "kg", default=70.0, min=40.0, max=120.0, step=10.0),
    ParamSpec("ke0_per_min", "effect-site rate constant ke0", "1/min", default=0.24, min=0.12, max=0.72, step=0.06),
    ParamSpec(
        "time_min",
        "time since the infusion started",
        "",
        default=40,
        scale="values",
        values=TIME_POINTS_MIN,
        labels=_time_labels(TIME_POINTS_MIN),
    ),
    ParamSpec(
        "time_since_dose_min",
        "time since the first dose",
        "",
        default=40,
        scale="values",
        values=TIME_POINTS_MIN,
        labels=_time_labels(TIME_POINTS_MIN),
    ),
    # The complete journey (step 10).
    ParamSpec("n_infusions", "number of infusions", "", default=6, min=1, max=8, step=1),
    ParamSpec("interval_days", "interval between infusions", "days", default=2, scale="values", values=(1, 2, 3, 4, 7)),
    ParamSpec(
        "maintenance",
        "maintenance after the course",
        "",
        default="none",
        scale="choice",
        values=("none", "weekly", "fortnightly"),
        labels=("none", "weekly", "every 2 weeks"),
    ),
    ParamSpec(
        "time_course_min",
        "time since the first infusion",
        "",
        default=21 * 1440,
        scale="values",
        values=COURSE_TIME_POINTS_MIN,
        labels=_time_labels(COURSE_TIME_POINTS_MIN),
    ),
    ParamSpec(
        "schedule",
        "schedule",
        "",
        default="course",
        scale="choice",
        values=("single", "course", "maintenance"),
        labels=("one infusion", "six over 12 days", "six, then weekly"),
    ),
)

#: The registry: parameter name -> spec.
PARAMS: dict[str, ParamSpec] = {s.name: s for s in _SPECS}


def get(name: str) -> ParamSpec:
    """Return the spec called ``name`` (``KeyError`` lists the known names)."""
    try:
        return PARAMS[name]
    except KeyError:
        raise KeyError(f"no ParamSpec {name!r}; known: {sorted(PARAMS)}") from None


def grid(name_or_spec: str | ParamSpec) -> list:
    """Grid of a parameter, by name or spec."""
    spec = get(name_or_spec) if isinstance(name_or_spec, str) else name_or_spec
    return spec.grid()


def as_array(name: str) -> np.ndarray:
    """Numeric grid of a parameter as a float array."""
    return np.asarray(grid(name), dtype=float)
