"""Cadences: when a requirement's periods start, end and fall due. Pure date arithmetic: every
computation takes the day in question (and, for a rolling duty, when it was last met)."""

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass

Bounds = tuple[datetime.date, datetime.date]
ONE_DAY = datetime.timedelta(days=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; a day the target month lacks falls back to its last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Period:
    """One period of a requirement. ``due`` is the cadence's deadline (None for a continuous
    duty, which is never due, only met or failing); an evaluator may set another one."""

    start: datetime.date
    end: datetime.date
    due: datetime.date | None


def remember_ranges(
    bounds_of: Callable[[datetime.date], Bounds],
) -> Callable[[datetime.date], Bounds]:
    """``bounds_of`` that asks the domain once per year (or quarter) rather than once per day:
    a day inside bounds already returned is answered from them. For a page that walks many days
    of a few years (the calendar's projections); the engine keeps asking per day."""
    known: list[Bounds] = []

    def bounds(day: datetime.date) -> Bounds:
        for start, end in known:
            if start <= day <= end:
                return start, end
        found = bounds_of(day)
        known.append(found)
        return found

    return bounds


class FiscalCalendar:
    """The company's fiscal years and quarters, from the hook the domain registers.

    ``year_bounds(day)`` returns the first and last day of the fiscal year holding ``day``; quarters
    are its four three-month slices unless ``quarter_bounds(day)`` is given (a 52/53-week year).
    Answers are memoised, so one engine run asks the domain once per day it needs.
    """

    def __init__(
        self,
        year_bounds: Callable[[datetime.date], Bounds],
        quarter_bounds: Callable[[datetime.date], Bounds] | None = None,
    ):
        self._year_bounds = year_bounds
        self._quarter_bounds = quarter_bounds
        self._years: dict[datetime.date, Bounds] = {}
        self._quarters: dict[datetime.date, Bounds] = {}

    def year(self, day: datetime.date) -> Bounds:
        if day not in self._years:
            self._years[day] = self._checked(self._year_bounds(day), day, "fiscal year")
        return self._years[day]

    def quarter(self, day: datetime.date) -> Bounds:
        if day not in self._quarters:
            if self._quarter_bounds is not None:
                bounds = self._quarter_bounds(day)
            else:
                bounds = self._slice_of_year(day)
            self._quarters[day] = self._checked(bounds, day, "fiscal quarter")
        return self._quarters[day]

    def _slice_of_year(self, day: datetime.date) -> Bounds:
        year_start, year_end = self.year(day)
        for index in range(4):
            start = add_months(year_start, 3 * index)
            end = year_end if index == 3 else add_months(year_start, 3 * (index + 1)) - ONE_DAY
            if start <= day <= end:
                return start, end
        raise ValueError(f"{day} is not in the fiscal year {year_start} to {year_end}.")

    @staticmethod
    def _checked(bounds: Bounds, day: datetime.date, what: str) -> Bounds:
        start, end = bounds
        if not start <= day <= end:
            raise ValueError(f"The registered {what} {start} to {end} does not contain {day}.")
        return start, end


class Cadence:
    """How often a requirement falls due. Subclasses compute the period holding ``as_of``."""

    label = ""
    continuous = False  # met or failing at every moment; never "due"
    rolling = False  # the next period counts from the day the last one was met

    def period(
        self,
        *,
        as_of: datetime.date,
        calendar: FiscalCalendar,
        last_met: datetime.date | None = None,
    ) -> Period:
        raise NotImplementedError

    def __repr__(self):
        return f"<{type(self).__name__} {self.label}>"


class Continuous(Cadence):
    """At all times. Recorded one occurrence per fiscal year, so reports can say how each year
    went; the occurrence's status follows the latest evaluation until the year ends."""

    label = "continuous"
    continuous = True
    # A standing duty (committee composition): pages show it as the committee's status, not as
    # a deadline. See Ongoing for a duty that is recorded the same way but owes dated things.
    standing = True

    def period(self, *, as_of, calendar, last_met=None) -> Period:
        start, end = calendar.year(as_of)
        return Period(start, end, None)


class Ongoing(Continuous):
    """Recorded like a continuous duty (one occurrence per fiscal year, open all year, its status
    following the latest evaluation), for a duty that owes something after each event: a report
    within 30 days of each meeting, minutes by the next one. The evaluator gives the due date of
    what is owed; pages list it as a deadline, not as the committee's standing composition."""

    standing = False


class _FiscalCadence(Cadence):
    def __init__(self, *, due_days_after_end: int = 0):
        if due_days_after_end < 0:
            raise ValueError("due_days_after_end cannot be negative.")
        self.due_days_after_end = due_days_after_end

    def _bounds(self, as_of, calendar) -> Bounds:
        raise NotImplementedError

    def period(self, *, as_of, calendar, last_met=None) -> Period:
        start, end = self._bounds(as_of, calendar)
        return Period(start, end, end + datetime.timedelta(days=self.due_days_after_end))


class FiscalQuarter(_FiscalCadence):
    """Once each fiscal quarter; due at the quarter's end, or ``due_days_after_end`` later."""

    label = "fiscal_quarter"

    def _bounds(self, as_of, calendar):
        return calendar.quarter(as_of)


class FiscalYear(_FiscalCadence):
    """Once each fiscal year; due at the year's end, or ``due_days_after_end`` later."""

    label = "fiscal_year"

    def _bounds(self, as_of, calendar):
        return calendar.year(as_of)


class RollingMonths(Cadence):
    """Every ``months`` months since the day it was last met (a 12-month independence letter).

    The period runs from the day after it was last met to the same day ``months`` later, which is
    also its due date. With no earlier date known, the interval counts from the day the period is
    first opened: a domain that knows better supplies the requirement's ``last_met`` hook.
    """

    rolling = True

    def __init__(self, months: int):
        if months < 1:
            raise ValueError("A rolling cadence needs at least one month.")
        self.months = months
        self.label = f"rolling_{months}m"

    def period(self, *, as_of, calendar, last_met=None) -> Period:
        if last_met is None:
            due = add_months(as_of, self.months)
            return Period(as_of, due, due)
        due = add_months(last_met, self.months)
        return Period(last_met + ONE_DAY, due, due)
