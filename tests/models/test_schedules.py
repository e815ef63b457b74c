"""Dosing schedules of the research protocols."""

from __future__ import annotations

import pytest

from widgets.models.schedules import COURSE_DAYS, HORIZON_DAYS, SCHEDULES, schedule_days


def test_the_standard_course_is_six_infusions_over_twelve_days_three_a_week():
    """Murrough 2013 (Biol Psychiatry) and Phillips 2019: six infusions over 12 days, Monday, Wednesday, Friday."""
    assert COURSE_DAYS == (0.0, 2.0, 4.0, 7.0, 9.0, 11.0)
    assert SCHEDULES["course"] == COURSE_DAYS


def test_twice_a_week_and_weekly_patterns():
    assert schedule_days(4, 2) == (0.0, 3.0, 7.0, 10.0)
    assert schedule_days(3, 1) == (0.0, 7.0, 14.0)


@pytest.mark.parametrize(("maintenance", "gap"), [("weekly", 7.0), ("fortnightly", 14.0)])
def test_maintenance_continues_until_the_horizon(maintenance, gap):
    days = schedule_days(6, 3, maintenance)
    assert days[:6] == COURSE_DAYS
    assert all(b - a == gap for a, b in zip(days[5:], days[6:], strict=False))
    assert days[-1] <= HORIZON_DAYS - 1 < days[-1] + gap


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0,), "n_infusions must be a finite number at least 1"),
        ((2.5,), "n_infusions must be a whole number"),
        ((6, 4), "infusions_per_week must be one of 1, 2, 3"),
        ((6, 3, "daily"), "maintenance must be one of 'none', 'weekly', 'fortnightly'"),
    ],
)
def test_bad_input_raises_a_clear_value_error(args, message):
    with pytest.raises(ValueError, match=message):
        schedule_days(*args)
