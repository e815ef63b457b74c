"""Step 3 figures: the breaker panel, occupancy, block over time and the record (the contract tests do the rest)."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.figures import FIGURES, make_figure
from widgets.figures import step03_nmda_blockade as step03
from widgets.models import receptor


@pytest.mark.parametrize(("name", "n_traces"), [("breaker", 8), ("occupancy", 4), ("block_time", 4), ("record", 6)])
def test_trace_count(name, n_traces):
    assert len(make_figure(FIGURES[name]).data) == n_traces


def _n(trace) -> int:
    return sum(x is not None for x in trace.x)


@pytest.mark.parametrize("activity", ["low", "medium", "high"])
@pytest.mark.parametrize("t_min", [1, 40, 120, 1440])
def test_the_panel_counts_are_the_model(t_min, activity):
    fig = make_figure(FIGURES["breaker"], time_block_min=t_min, activity=activity)
    counts = [_n(fig.data[i]) for i in range(1, 5)]
    assert sum(counts) == step03.N_RECEPTORS
    want = step03.state_counts(step03.block_at(t_min, activity=activity))
    assert counts == [want[s] for s in ("trapped", "open_blocked", "open", "closed")]


def test_state_counts_round_to_the_whole_panel():
    counts = step03.state_counts({"trapped": 0.333, "open_blocked": 0.333, "open": 0.0, "closed": 0.334}, n=10)
    assert sum(counts.values()) == 10 and counts["open"] == 0


def test_a_quiet_cell_keeps_its_receptors_locked_longer():
    quiet, busy = (make_figure(FIGURES["breaker"], time_block_min=720, activity=a) for a in ("low", "high"))
    assert _n(quiet.data[1]) > _n(busy.data[1])


@pytest.mark.parametrize("compound", receptor.COMPOUNDS)
def test_the_chosen_curve_lies_inside_the_band_of_k(compound):
    for k in step03.K_EFFECTIVE.grid():
        fig = make_figure(FIGURES["occupancy"], k_uM=k, compound=compound)
        upper, lower, chosen = (np.asarray(fig.data[i].y) for i in range(3))
        assert np.all(lower <= chosen + 0.01) and np.all(chosen <= upper + 0.01)


def test_block_over_time_is_the_model():
    fig = make_figure(FIGURES["block_time"], k_uM=2.0, activity="low")
    for i, key in enumerate(("equilibrium", "trapped", "block")):
        want = 100.0 * step03.block_curve(key, activity="low", k_uM=2.0)
        np.testing.assert_allclose(fig.data[i].y, want, atol=0.01 * max(1.0, want.max()))


def test_the_needle_is_lifted_by_the_standard_dose_but_not_by_a_low_one():
    states = [step03.record_state(t, 0.5)[0] for t in (1, 60, 1440)]
    assert states == ["stuck", "lifted", "new groove"]
    assert {step03.record_state(t, 0.1)[0] for t in step03.TIME_BLOCK.grid()} == {"stuck"}
    assert step03.record_state(60, 0.5)[1] >= step03.THRESHOLD
