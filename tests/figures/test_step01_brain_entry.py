"""Step 1 figures: the checkpoint, the concentration curves and the two published models."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.figures import FIGURES, make_figure
from widgets.figures import step01_brain_entry as step01
from widgets.models import brain_entry as be
from widgets.models import pharmacokinetics as pk


@pytest.mark.parametrize(("name", "n_traces"), [("checkpoint", 4), ("pk_concentration", 3), ("pk_models", 6)])
def test_trace_count(name, n_traces):
    assert len(make_figure(FIGURES[name]).data) == n_traces


@pytest.mark.parametrize("route", pk.ROUTES)
def test_concentration_curves_are_the_pharmacokinetic_model(route):
    fig = make_figure(FIGURES["pk_concentration"], route=route, dose_mg_per_kg=0.8)
    cp, ce = pk.simulate(step01.T_MIN, dose_mg_per_kg=0.8, route=route)
    # Page data keep 4 significant digits of the curve's peak.
    np.testing.assert_allclose(fig.data[0].y, cp, atol=1e-3 * cp.max())
    np.testing.assert_allclose(fig.data[1].y, ce, atol=1e-3 * ce.max())


@pytest.mark.parametrize("t_min", [1, 40, 1440, 10080])
def test_travelers_who_crossed_follow_the_brain_levels(t_min):
    fig = make_figure(FIGURES["checkpoint"], time_since_dose_min=t_min)
    levels = (be.ketamine_brain_level_pct([t_min]), be.citalopram_level_pct([t_min]))
    for trace, level in zip(fig.data[:2], levels, strict=True):
        crossed = int(np.sum(np.asarray(trace.x) > 5.4))
        assert crossed == round(step01.N_TRAVELERS * float(level[0]) / 100.0)


def test_ke0_moves_only_the_effect_site_curves():
    low, high = (make_figure(FIGURES["pk_models"], ke0_per_min=k) for k in (0.12, 0.72))
    for i in (0, 2, 4, 5):
        assert low.data[i].y == high.data[i].y
    for i in (1, 3):
        assert low.data[i].y != high.data[i].y


def test_infusion_time_changes_only_the_infusion():
    """Duration is an IV setting: for the other routes the frames of every duration are the same."""
    iv = {make_figure(FIGURES["pk_concentration"], duration_min=d).data[0].y for d in (5.0, 60.0)}
    oral = {make_figure(FIGURES["pk_concentration"], duration_min=d, route="oral").data[0].y for d in (5.0, 60.0)}
    assert len(iv) == 2 and len(oral) == 1
