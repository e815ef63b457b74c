"""Every slider parameter of the course: one consistent source, wherever it is declared."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from widgets.figures import FIGURES, PARAMS
from widgets.params import SHARED, TIME, UNITLESS, ParamSpec

SPECS = list(PARAMS.values())


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_default_lies_on_the_grid_and_on_the_static_grid(spec):
    assert spec.index(spec.default) is not None
    values = spec.grid()
    assert len(values) >= 2
    assert len(spec.grid_labels()) == len(values)
    assert spec.default in spec.static_grid()
    assert len(spec.static_labels()) == len(spec.static_grid()) >= 2


@pytest.mark.parametrize("spec", [s for s in SPECS if s.scale == "linear"], ids=lambda s: s.name)
def test_linear_grid_spans_min_to_max_in_steps(spec):
    values = spec.grid()
    assert values[0] == pytest.approx(spec.min)
    assert values[-1] == pytest.approx(spec.max)
    for a, b in zip(values, values[1:], strict=False):
        assert b - a == pytest.approx(spec.step)


@pytest.mark.parametrize("spec", [s for s in SPECS if not s.is_choice], ids=lambda s: s.name)
def test_numeric_parameters_declare_a_unit(spec):
    assert spec.unit.strip()
    assert all(math.isfinite(v) for v in spec.grid())
    if spec.unit != UNITLESS and not spec.labels:
        assert f"({spec.unit})" in spec.title


@pytest.mark.parametrize("spec", [s for s in SPECS if s.is_choice], ids=lambda s: s.name)
def test_choices_have_a_label_per_value_and_no_unit(spec):
    assert spec.unit == ""
    assert len(spec.labels) == len(spec.values)


def test_every_parameter_drives_some_figure():
    used = {p for fig in FIGURES.values() for p in fig.params}
    assert used == set(PARAMS)


def test_shared_parameters_are_used_by_several_figures():
    for name in SHARED:
        assert sum(name in fig.params for fig in FIGURES.values()) >= 1


def test_a_near_copy_derives_from_the_shared_parameter():
    copy = replace(TIME, name="time_since_dose_min", label="time since the first dose")
    assert copy.grid() == TIME.grid() and copy.grid_labels() == TIME.grid_labels()


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(name="x_min", label="x", unit="min", default=3.0, min=0.0, max=10.0, step=3.0),
        dict(name="x_min", label="x", unit="min", default=5.5, min=0.0, max=10.0, step=1.0),
        dict(name="x_min", label="x", unit="min", default=1.0, min=5.0, max=1.0, step=1.0),
        dict(name="x", label="x", unit="", default=1.0, min=0.0, max=2.0, step=1.0),
        dict(name="r", label="r", unit="", default="z", scale="choice", values=("a", "b")),
        dict(name="r", label="r", unit="µM", default="a", scale="choice", values=("a", "b")),
        dict(name="r", label="r", unit="", default="a", scale="fancy", values=("a", "b")),
        dict(name="x_min", label="x", unit="min", default=1.0, min=0.0, max=4.0, step=1.0, static_values=(0, 2)),
        dict(name="x_min", label="x", unit="min", default=1.0, min=0.0, max=4.0, step=1.0, static_values=(1, 2.5)),
        dict(name="x_min", label="x", unit="min", default=1.0, min=0.0, max=4.0, step=1.0, static_values=(3, 1)),
    ],
)
def test_inconsistent_specs_are_rejected(kwargs):
    with pytest.raises(ValueError, match="ParamSpec"):
        ParamSpec(**kwargs)


def test_titles_show_the_unit_only_where_the_labels_do_not():
    assert PARAMS["dose_mg_per_kg"].title == "dose (mg/kg)"
    assert PARAMS["time_min"].title == "time since the infusion started"
    assert PARAMS["n_infusions"].title == "number of infusions"
    assert ParamSpec("k_uM", "K", "µM", default=0.5, min=0.5, max=1.0, step=0.5).title == "K (µM)"
