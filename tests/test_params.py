"""The ParamSpec registry: one consistent source for every slider."""

from __future__ import annotations

import math

import pytest

from widgets.figures import FIGURES
from widgets.params import PARAMS, ParamSpec, get, grid

SPECS = list(PARAMS.values())


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_default_lies_on_the_grid(spec):
    assert spec.index(spec.default) is not None
    values = spec.grid()
    assert len(values) >= 2
    assert len(spec.grid_labels()) == len(values)


@pytest.mark.parametrize("spec", [s for s in SPECS if s.scale == "linear"], ids=lambda s: s.name)
def test_linear_grid_spans_min_to_max_in_steps(spec):
    values = spec.grid()
    assert values[0] == pytest.approx(spec.min)
    assert values[-1] == pytest.approx(spec.max)
    for a, b in zip(values, values[1:], strict=False):
        assert b - a == pytest.approx(spec.step)


@pytest.mark.parametrize("spec", [s for s in SPECS if not s.is_choice], ids=lambda s: s.name)
def test_numeric_names_carry_a_unit(spec):
    assert spec.name.split("_")[-1] in {"kg", "min", "h", "days"} or spec.name.startswith("n_")
    assert spec.unit or spec.scale == "values" or spec.name.startswith("n_")


def test_every_parameter_drives_some_figure():
    used = {p for fig in FIGURES.values() for p in fig.params}
    assert used == set(PARAMS)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(name="x_min", label="x", unit="min", default=3.0, min=0.0, max=10.0, step=3.0),
        dict(name="x_min", label="x", unit="min", default=5.5, min=0.0, max=10.0, step=1.0),
        dict(name="x_min", label="x", unit="min", default=1.0, min=5.0, max=1.0, step=1.0),
        dict(name="r", label="r", unit="", default="z", scale="choice", values=("a", "b")),
        dict(name="r", label="r", unit="", default="a", scale="fancy", values=("a", "b")),
    ],
)
def test_inconsistent_specs_are_rejected(kwargs):
    with pytest.raises(ValueError, match="ParamSpec"):
        ParamSpec(**kwargs)


def test_lookup_errors_name_the_known_parameters():
    with pytest.raises(KeyError, match="dose_mg_per_kg"):
        get("dose")
    assert grid("route") == ["iv", "im", "oral", "intranasal"]
    assert all(math.isfinite(v) for v in grid("time_min"))
