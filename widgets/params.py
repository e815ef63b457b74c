"""Sliders of the course: the :class:`ParamSpec`, and the parameters that several chapters share.

A :class:`ParamSpec` is the single source of truth for a parameter's name,
label, unit, range, step, default and scale.  Everything else is derived from
it: the ipywidgets sliders of the live explorers, the precomputed grid of the
static figures in the book, the slider labels and the parametrised tests.
Never type a slider range anywhere else.

Where parameters live:

* here, only the parameters that several chapters share (time after a dose,
  dose, the named schedules and the time axis of a course);
* every other parameter in the figure module of its chapter
  (``widgets/figures/stepNN_<slug>.py``, in that module's ``PARAMS``).  A
  near-copy of a shared parameter is derived from it with
  :func:`dataclasses.replace` instead of being typed twice.

:mod:`widgets.figures` assembles the course-wide registry from both and
fails loudly when two different parameters share a name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .models.schedules import SCHEDULES

__all__ = ["DOSE", "SCHEDULE", "SHARED", "TIME", "TIME_COURSE", "UNITLESS", "ParamSpec", "time_labels"]

#: The unit of a numeric parameter that has none (a count, a weight, a ratio), as in SI.
UNITLESS = "1"


@dataclass(frozen=True)
class ParamSpec:
    """One user-adjustable parameter.

    Parameters
    ----------
    name : str
        Keyword argument name in the model functions (with a unit suffix where it has a unit).
    label : str
        Short lower-case label shown next to the slider.
    unit : str
        Unit of a numeric parameter, e.g. ``"mg/kg"`` or ``"µM"``; :data:`UNITLESS` (``"1"``)
        for a count or a pure number; empty for a categorical parameter.
    min, max, step : float
        Range and step of a numeric slider (``scale="linear"``).
    default : float or str
        Value the figures show first; must lie on the grid (and on the static grid).
    scale : {"linear", "values", "choice"}
        ``"linear"``: evenly spaced from ``min`` to ``max`` by ``step``.
        ``"values"``: the explicit numeric ``values`` (e.g. a log-spaced time
        axis).  ``"choice"``: the categorical ``values`` with display
        ``labels``.
    values : tuple
        Grid values for ``scale="values"`` or ``"choice"``.
    labels : tuple of str
        Display labels for the grid values (defaults to formatted numbers).
        Labels that carry their own unit ("40 min", "2 wk") keep the unit out
        of the slider's title.
    static_values : tuple
        A coarser grid for the static book, a subset of the grid: a static
        figure precomputes every combination of its sliders' static grids, so a
        long grid is thinned here to keep the page light.  Empty: the full grid.
        The live explorers always use the full grid.
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
    static_values: tuple = field(default=())

    def __post_init__(self):
        if self.scale not in {"linear", "values", "choice"}:
            raise ValueError(f"ParamSpec {self.name!r}: unknown scale {self.scale!r}")
        if self.scale == "choice":
            if self.unit:
                raise ValueError(f"ParamSpec {self.name!r}: a choice has no unit; got {self.unit!r}")
        elif not self.unit.strip():
            raise ValueError(f"ParamSpec {self.name!r}: a numeric parameter needs a unit ({UNITLESS!r} if it has none)")
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
        if self.static_values:
            off = [v for v in self.static_values if self.index(v) is None]
            if off or len(self.static_values) < 2:
                raise ValueError(f"ParamSpec {self.name!r}: static_values must be at least two grid values; off: {off}")
            if not any(self._same(v, self.default) for v in self.static_values):
                raise ValueError(f"ParamSpec {self.name!r}: static_values must include the default {self.default!r}")
            order = [self.index(v) for v in self.static_values]
            if order != sorted(set(order)):
                raise ValueError(f"ParamSpec {self.name!r}: static_values must follow the grid's order")

    @property
    def is_choice(self) -> bool:
        """True for a categorical parameter (e.g. the route of administration)."""
        return self.scale == "choice"

    @property
    def title(self) -> str:
        """Label with unit, e.g. ``"dose (mg/kg)"``; no unit for a choice, a unitless number or self-labelled values."""
        if not self.unit or self.unit == UNITLESS or self.labels:
            return self.label
        return f"{self.label} ({self.unit})"

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

    def static_grid(self) -> list:
        """The values a slider of the static book takes (the full grid unless ``static_values`` thins it)."""
        if not self.static_values:
            return self.grid()
        return [self.grid()[self.index(v)] for v in self.static_values]

    def static_labels(self) -> list[str]:
        """Display label of each static grid value."""
        labels = self.grid_labels()
        return [labels[self.index(v)] for v in self.static_grid()]

    def label_of(self, value) -> str:
        """Display label of one grid value (a formatted number for a value off the grid)."""
        i = self.index(value)
        return self.grid_labels()[i] if i is not None else _format_number(value)

    def _same(self, a, b) -> bool:
        if self.is_choice:
            return a == b
        return (
            isinstance(a, (int, float))
            and isinstance(b, (int, float))
            and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
        )

    def index(self, value) -> int | None:
        """Position of ``value`` on the grid, or ``None`` if it is not on it."""
        for i, v in enumerate(self.grid()):
            if self._same(v, value):
                return i
        return None


def _format_number(x) -> str:
    """Short label for a grid value: ``0.5``, ``40``, ``0.24``."""
    return f"{x:g}" if isinstance(x, (int, float)) else str(x)


def time_labels(values_min) -> tuple[str, ...]:
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

#: Times from one minute to eight weeks, for the figures of a course of infusions.
COURSE_TIME_POINTS_MIN = (1, 10, 40, 120, 360, 720) + tuple(
    d * 1440 for d in (1, 2, 3, 5, 7, 10, 12, 14, 18, 21, 28, 35, 42, 56)
)

#: Time since one research infusion started, on the course's minutes-to-weeks axis.
TIME = ParamSpec(
    "time_min",
    "time since the infusion started",
    "min",
    default=40,
    scale="values",
    values=TIME_POINTS_MIN,
    labels=time_labels(TIME_POINTS_MIN),
)

#: Dose of one infusion.
DOSE = ParamSpec("dose_mg_per_kg", "dose", "mg/kg", default=0.5, min=0.1, max=1.0, step=0.1)

#: Time since the first infusion of a schedule, up to eight weeks.
TIME_COURSE = ParamSpec(
    "time_course_min",
    "time since the first infusion",
    "min",
    default=21 * 1440,
    scale="values",
    values=COURSE_TIME_POINTS_MIN,
    labels=time_labels(COURSE_TIME_POINTS_MIN),
)

#: The named schedules of :mod:`widgets.models.schedules`.
SCHEDULE = ParamSpec(
    "schedule",
    "schedule",
    "",
    default="course",
    scale="choice",
    values=tuple(SCHEDULES),
    labels=("one infusion", "six over 12 days", "six, then weekly"),
)

#: The shared parameters, by name.
SHARED: dict[str, ParamSpec] = {s.name: s for s in (TIME, DOSE, TIME_COURSE, SCHEDULE)}
