"""The machinery every figure shares: compaction, combinations, the FigureSpec checks."""

from __future__ import annotations

import pytest

from widgets.figures import FIGURES, static_payload
from widgets.figures.core import MAX_STATIC_COMBINATIONS, FigureSpec, Patch, compact, static_combinations
from widgets.params import DOSE, TIME, ParamSpec


def test_compact_rounds_to_four_significant_digits():
    assert compact([123.456789, 0.5]) == [123.5, 0.5]
    assert compact([0.0012345]) == [0.001234]
    assert compact([1.0, None, 2.0]) == [1, None, 2]
    assert compact([2.0, 0.0]) == [2, 0], "integral values are written without a decimal point"
    assert compact([1.00049, 60480.2], significant=True) == [1, 60480]
    assert compact([0.012345, 60480.2], significant=True) == [0.01235, 60480]
    with pytest.raises(ValueError, match="NaN"):
        compact([float("nan"), 1.0])
    assert compact("text") == "text"


def test_a_figure_with_too_many_combinations_is_refused():
    many = ParamSpec("many_min", "many", "min", default=0, min=0, max=MAX_STATIC_COMBINATIONS, step=1)
    spec = FigureSpec("many", (many, DOSE), FIGURES["timeline"].build, lambda **kw: Patch(), lambda **kw: "x")
    with pytest.raises(ValueError, match="coarser static_values or the figure fewer sliders"):
        static_payload(spec)


def test_figure_spec_checks_its_sliders_and_options():
    build, patch, describe = FIGURES["timeline"].build, FIGURES["timeline"].patch, FIGURES["timeline"].describe
    with pytest.raises(ValueError, match="share a name"):
        FigureSpec("x", (TIME, TIME), build, patch, describe)
    with pytest.raises(ValueError, match="both a slider and an option"):
        FigureSpec("x", (TIME,), build, patch, describe, options={"time_min": 1})
    with pytest.raises(ValueError, match="tuple of ParamSpec"):
        FigureSpec("x", ("time_min",), build, patch, describe)


def test_combinations_run_row_major_with_the_last_slider_fastest():
    combos = static_combinations(FIGURES["city"])
    assert combos[0] == {"time_course_min": 1, "schedule": "single"}
    assert combos[1] == {"time_course_min": 1, "schedule": "course"}
    assert len(combos) == len(FIGURES["city"].sliders[0].static_grid()) * 3


def test_identical_patches_share_one_frame():
    payload = static_payload(FIGURES["pk_concentration"])
    assert len(payload["frames"]) < len(payload["combine"]["frame_of"]), "infusion time does not change oral curves"
