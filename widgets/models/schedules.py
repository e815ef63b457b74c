"""Dosing schedules: the days on which infusions are given.

The trials of repeated ketamine infusions gave them on fixed weekdays:
three a week for two weeks, six in all over 12 days (Murrough 2013, Biol
Psychiatry; Phillips 2019), or twice a week (ELEKT-D, Anand 2023).  A schedule
here is a course of ``n_infusions`` on those weekdays, then optional
maintenance infusions every week or every two weeks, up to the horizon of the
course figures (eight weeks).  Day 0 is the first infusion.

These are the schedules of research protocols, used to show what the model
does with them; they are not treatment recommendations.
"""

from __future__ import annotations

from ._validate import check_choice, check_number

__all__ = [
    "COURSE_DAYS",
    "HORIZON_DAYS",
    "MAINTENANCE_GAP_DAYS",
    "SCHEDULES",
    "WEEKDAY_PATTERNS",
    "schedule_days",
]

#: Last day of the course figures (eight weeks).
HORIZON_DAYS = 56.0
#: Days of the week (0 = the weekday of the first infusion) used for one, two or three infusions a week.
WEEKDAY_PATTERNS = {1: (0,), 2: (0, 3), 3: (0, 2, 4)}
#: Days between maintenance infusions after the course.
MAINTENANCE_GAP_DAYS = {"none": None, "weekly": 7.0, "fortnightly": 14.0}
#: Most infusions in a course.
MAX_COURSE_INFUSIONS = 24


def schedule_days(n_infusions: int, infusions_per_week: int = 3, maintenance: str = "none") -> tuple[float, ...]:
    """Days of the infusions: a course on fixed weekdays, then optional maintenance up to eight weeks.

    Parameters
    ----------
    n_infusions : int
        Infusions in the course (1-24).
    infusions_per_week : {1, 2, 3}
        Infusions per week during the course: once a week, twice (days 0 and 3
        of each week) or three times (days 0, 2 and 4, as in the trials).
    maintenance : {"none", "weekly", "fortnightly"}
        Maintenance infusions after the course, up to day 55.

    Returns
    -------
    tuple of float
        Sorted days, starting at 0.

    Examples
    --------
    >>> schedule_days(6)
    (0.0, 2.0, 4.0, 7.0, 9.0, 11.0)
    >>> schedule_days(2, 1, "fortnightly")
    (0.0, 7.0, 21.0, 35.0, 49.0)
    """
    n = check_number("n_infusions", n_infusions, 1, MAX_COURSE_INFUSIONS)
    if n != int(n):
        raise ValueError(f"n_infusions must be a whole number from 1 to {MAX_COURSE_INFUSIONS}; got {n_infusions!r}")
    if infusions_per_week not in WEEKDAY_PATTERNS:
        raise ValueError(
            f"infusions_per_week must be one of {', '.join(map(str, WEEKDAY_PATTERNS))}; got {infusions_per_week!r}"
        )
    check_choice("maintenance", maintenance, MAINTENANCE_GAP_DAYS)
    pattern = WEEKDAY_PATTERNS[infusions_per_week]
    days = [7.0 * (i // len(pattern)) + pattern[i % len(pattern)] for i in range(int(n))]
    gap = MAINTENANCE_GAP_DAYS[maintenance]
    while gap and days[-1] + gap <= HORIZON_DAYS - 1:
        days.append(days[-1] + gap)
    return tuple(days)


#: Six infusions over 12 days, three a week, as in the trials (Murrough 2013; Phillips 2019).
COURSE_DAYS = schedule_days(6)

#: The named schedules that several chapters compare.
SCHEDULES: dict[str, tuple[float, ...]] = {
    "single": (0.0,),
    "course": COURSE_DAYS,
    "maintenance": schedule_days(6, 3, "weekly"),
}
