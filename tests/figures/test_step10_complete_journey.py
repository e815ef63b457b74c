"""Step 10: the journey of a schedule through the cascade."""

from __future__ import annotations

import numpy as np

from widgets.figures import FIGURES, make_figure
from widgets.figures.step10_complete_journey import bin_centres_min, binned_curves
from widgets.models.schedules import schedule_days

JOURNEY = FIGURES["journey"]


def test_trace_count_and_reference_curve():
    fig = make_figure(JOURNEY)
    assert len(fig.data) == 7
    np.testing.assert_allclose(fig.data[6].y, 100 * binned_curves((0.0,))["mood"], atol=0.05)


def test_one_infusion_falls_onto_the_reference():
    fig = make_figure(JOURNEY, n_infusions=1)
    assert fig.data[5].y == fig.data[6].y


def test_bins_keep_brief_peaks():
    """Each bin holds the maximum of the finely simulated curve, so the plasma peak of every infusion shows."""
    days = schedule_days(6)
    plasma = binned_curves(days)["plasma"]
    x_days = bin_centres_min() / 1440.0
    for d in days[1:]:
        near = (x_days > d - 0.5) & (x_days < d + 0.5)
        assert plasma[near].max() > 100.0


def test_maintenance_keeps_infusions_coming_until_eight_weeks():
    none, weekly = (make_figure(JOURNEY, maintenance=m) for m in ("none", "weekly"))
    late = bin_centres_min() > 30 * 1440
    assert max(np.asarray(none.data[0].y)[late]) < 1.0
    assert max(np.asarray(weekly.data[0].y)[late]) > 100.0
