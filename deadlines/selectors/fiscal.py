"""Fiscal years for the calendar and the report, through the fiscal calendar the domain
registers (deadlines never reads the company profile itself)."""

import datetime

from django.core.exceptions import ImproperlyConfigured

from deadlines.cadences import Bounds, FiscalCalendar
from deadlines.registry import registry


class _CalendarYears:
    """Calendar years, when no domain has registered a fiscal calendar."""

    def year(self, day: datetime.date) -> Bounds:
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)


CALENDAR_YEARS = _CalendarYears()


def page_calendar() -> FiscalCalendar | _CalendarYears:
    """One fiscal calendar for one page: it asks the domain once per fiscal year it touches, so
    a page that names this year, shows its bounds and walks its periods asks once. Calendar
    years when no fiscal calendar is registered."""
    try:
        return registry.page_calendar()
    except ImproperlyConfigured:
        return CALENDAR_YEARS


def _year_holding(day: datetime.date, calendar=None) -> Bounds:
    if calendar is not None:
        return calendar.year(day)
    try:
        return registry.calendar().year(day)
    except ImproperlyConfigured:
        # No domain has registered a fiscal calendar: only calendar years can be shown.
        return CALENDAR_YEARS.year(day)


def fiscal_year_of(day: datetime.date, calendar=None) -> int:
    """A fiscal year is named by the calendar year in which it ends. ``calendar``: a page's
    (page_calendar), to share its answers."""
    return _year_holding(day, calendar)[1].year


def fiscal_year_bounds(fiscal_year: int, calendar=None) -> Bounds:
    """The first and last day of the fiscal year named ``fiscal_year``. 1 January of that
    calendar year always falls in it: the year ends in that calendar year, and the year before
    ends in the calendar year before."""
    return _year_holding(datetime.date(fiscal_year, 1, 1), calendar)
