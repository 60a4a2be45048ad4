"""Fiscal years for the calendar and the report, through the fiscal calendar the domain
registers (deadlines never reads the company profile itself)."""

import datetime

from django.core.exceptions import ImproperlyConfigured

from deadlines.cadences import Bounds
from deadlines.registry import registry


def _year_holding(day: datetime.date) -> Bounds:
    try:
        return registry.calendar().year(day)
    except ImproperlyConfigured:
        # No domain has registered a fiscal calendar: only calendar years can be shown.
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)


def fiscal_year_of(day: datetime.date) -> int:
    """A fiscal year is named by the calendar year in which it ends."""
    return _year_holding(day)[1].year


def fiscal_year_bounds(fiscal_year: int) -> Bounds:
    """The first and last day of the fiscal year named ``fiscal_year``. 1 January of that
    calendar year always falls in it: the year ends in that calendar year, and the year before
    ends in the calendar year before."""
    return _year_holding(datetime.date(fiscal_year, 1, 1))
