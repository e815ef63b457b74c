"""Step 6 figures: the garden, the three steps and Val/Val beside a Met carrier (the contract tests do the rest)."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.figures import FIGURES, NUMBERS, make_figure
from widgets.figures import step06_bdnf as s06
from widgets.models import bdnf_signaling as bs


@pytest.mark.parametrize(("name", "n_traces"), [("garden", 9), ("bdnf_steps", 5), ("val66met", 6)])
def test_trace_count(name, n_traces):
    assert len(make_figure(FIGURES[name]).data) == n_traces


@pytest.mark.parametrize("genotype", ["val/val", "met carrier"])
@pytest.mark.parametrize("time_min", [1, 40, 120, 1440, 10080])
def test_the_garden_grows_with_the_model_and_holds_fertilizer_while_mtorc1_is_active(genotype, time_min):
    fig = make_figure(FIGURES["garden"], time_min=time_min, genotype=genotype)
    out = bs.three_steps([time_min / 60.0], val66met_gain=bs.VAL66MET_GAIN[genotype])
    growth, activity = float(out["synaptic_proteins_pct"][0]), float(out["mtorc1_pct"][0])
    stems_y = [y for y in fig.data[0].y if y is not None]
    tops = stems_y[1::2]
    expected = [s06._GROUND_Y + h0 + s06._GROW * min(s06._MAX_GROWTH, growth / 100.0) for _, h0 in s06._PLANTS]
    np.testing.assert_allclose(tops, expected, atol=1e-3)
    n_new_pairs = int(min(s06._MAX_GROWTH, growth / 100.0) / s06._LEAF_STEP + 1e-9)
    assert len(fig.data[3].x) == len(fig.data[4].x) == n_new_pairs * len(s06._PLANTS)
    assert len(fig.data[6].x) == round(s06._N_PELLETS * min(1.0, activity / 100.0))


def test_the_garden_s_growth_outlasts_its_fertilizer():
    at_1h = make_figure(FIGURES["garden"], time_min=60)
    at_1d = make_figure(FIGURES["garden"], time_min=1440)
    assert len(at_1h.data[6].x) > 0 and len(at_1d.data[6].x) == 0, "no fertilizer left a day later"
    assert len(at_1d.data[3].x) > len(at_1h.data[3].x), "but more new leaves"


def test_a_met_carrier_s_garden_grows_less():
    val = make_figure(FIGURES["garden"], time_min=360, genotype="val/val")
    met = make_figure(FIGURES["garden"], time_min=360, genotype="met carrier")
    assert max(y for y in met.data[0].y if y is not None) < max(y for y in val.data[0].y if y is not None)


def test_the_three_step_curves_are_the_model_and_only_dose_changes_them():
    fig = make_figure(FIGURES["bdnf_steps"], dose_mg_per_kg=0.8, time_first_hours_min=60)
    out = bs.three_steps(s06.T_STEPS_H, dose_mg_per_kg=0.8)
    for trace, key in zip(fig.data[:4], s06._STEP_STYLE, strict=True):
        np.testing.assert_allclose(trace.y, out[key], atol=0.06)
    other = make_figure(FIGURES["bdnf_steps"], dose_mg_per_kg=0.8, time_first_hours_min=240)
    assert [t.y for t in other.data[:4]] == [t.y for t in fig.data[:4]]
    assert other.layout.shapes[1].x0 == 4.0 and "4 h" in other.layout.annotations[0].text


def test_the_rings_sit_on_the_curves_at_the_cursor():
    fig = make_figure(FIGURES["bdnf_steps"], time_first_hours_min=120)
    rings = [(x, y) for x, y in zip(fig.data[4].x, fig.data[4].y, strict=True) if y is not None]
    assert [x for x, _ in rings] == [2.0] * 4
    now = bs.three_steps([2.0])
    np.testing.assert_allclose([y for _, y in rings], [now[k][0] for k in s06._STEP_STYLE], atol=0.06)


def test_val66met_lowers_every_later_stage_and_equal_release_changes_nothing():
    low = make_figure(FIGURES["val66met"], met_release_pct=40)
    same = make_figure(FIGURES["val66met"], met_release_pct=100)
    assert all(v < 100.0 for v in low.data[5].x)
    np.testing.assert_allclose(same.data[5].x, 100.0, atol=0.05)
    np.testing.assert_allclose(same.data[3].y, low.data[1].y, atol=0.06)
    assert max(low.data[3].y) < max(low.data[1].y)


def test_numbers_quoted_by_the_chapter_are_finite_and_in_order():
    values = {k: v() for k, v in NUMBERS.items() if k.startswith("s06_")}
    assert all(np.isfinite(v) for v in values.values())
    assert values["s06_synthesis_20min_pct"] > values["s06_mtorc1_20min_pct"], "increase comes before activate"
    assert values["s06_growth_1d_pct"] > values["s06_growth_1w_pct"] > 0
    assert values["s06_met_mtorc1_pct"] < 100 and values["s06_met_mood_pct"] < 100
