"""Cadences compute periods from the day alone (and, rolling, from when it was last met)."""

import datetime

import pytest

from deadlines.cadences import (
    Continuous,
    FiscalCalendar,
    FiscalQuarter,
    FiscalYear,
    Period,
    RollingMonths,
    add_months,
)

D = datetime.date


def june_year(day):
    """A fiscal year ending 30 June, named by the calendar year it ends in."""
    end_year = day.year if day <= D(day.year, 6, 30) else day.year + 1
    return D(end_year - 1, 7, 1), D(end_year, 6, 30)


def calendar_year(day):
    return D(day.year, 1, 1), D(day.year, 12, 31)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2026, 11, 15), 3, D(2027, 2, 15)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
    ],
)
def test_add_months_falls_back_to_the_last_day_of_a_short_month(day, months, expected):
    assert add_months(day, months) == expected


def test_quarters_of_a_june_fiscal_year_are_three_month_slices():
    calendar = FiscalCalendar(june_year)
    assert calendar.quarter(D(2026, 7, 1)) == (D(2026, 7, 1), D(2026, 9, 30))
    assert calendar.quarter(D(2026, 9, 30)) == (D(2026, 7, 1), D(2026, 9, 30))
    assert calendar.quarter(D(2026, 10, 1)) == (D(2026, 10, 1), D(2026, 12, 31))
    assert calendar.quarter(D(2027, 2, 14)) == (D(2027, 1, 1), D(2027, 3, 31))
    assert calendar.quarter(D(2027, 6, 30)) == (D(2027, 4, 1), D(2027, 6, 30))


def test_the_calendar_asks_the_domain_once_per_day():
    asked = []

    def year_bounds(day):
        asked.append(day)
        return calendar_year(day)

    calendar = FiscalCalendar(year_bounds)
    for _ in range(3):
        calendar.year(D(2026, 5, 5))
        calendar.quarter(D(2026, 5, 5))
    assert asked == [D(2026, 5, 5)]


def test_a_calendar_hook_that_misses_the_day_is_refused():
    calendar = FiscalCalendar(lambda day: (D(2020, 1, 1), D(2020, 12, 31)))
    with pytest.raises(ValueError, match="does not contain 2026-05-05"):
        calendar.year(D(2026, 5, 5))


def test_registered_quarter_bounds_replace_the_three_month_slices():
    calendar = FiscalCalendar(calendar_year, lambda day: (D(2026, 1, 4), D(2026, 4, 4)))
    assert FiscalQuarter().period(as_of=D(2026, 2, 1), calendar=calendar) == Period(
        D(2026, 1, 4), D(2026, 4, 4), D(2026, 4, 4)
    )


def test_fiscal_quarter_and_year_fall_due_at_their_end_or_later():
    calendar = FiscalCalendar(june_year)
    assert FiscalQuarter().period(as_of=D(2026, 8, 1), calendar=calendar) == Period(
        D(2026, 7, 1), D(2026, 9, 30), D(2026, 9, 30)
    )
    assert FiscalYear(due_days_after_end=60).period(as_of=D(2026, 8, 1), calendar=calendar) == (
        Period(D(2026, 7, 1), D(2027, 6, 30), D(2027, 8, 29))
    )
    with pytest.raises(ValueError):
        FiscalYear(due_days_after_end=-1)


def test_continuous_duty_is_recorded_per_fiscal_year_and_never_due():
    calendar = FiscalCalendar(june_year)
    assert Continuous().period(as_of=D(2026, 6, 30), calendar=calendar) == Period(
        D(2025, 7, 1), D(2026, 6, 30), None
    )


def test_rolling_months_count_from_the_day_last_met():
    cadence = RollingMonths(12)
    assert cadence.label == "rolling_12m"
    assert cadence.period(as_of=D(2026, 1, 1), calendar=None, last_met=D(2025, 4, 30)) == Period(
        D(2025, 5, 1), D(2026, 4, 30), D(2026, 4, 30)
    )
    # Never met and nothing known: the first interval counts from the day it is opened.
    assert cadence.period(as_of=D(2026, 1, 1), calendar=None) == Period(
        D(2026, 1, 1), D(2027, 1, 1), D(2027, 1, 1)
    )
    with pytest.raises(ValueError):
        RollingMonths(0)
