"""Validation shared by the committee records."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils import timezone

non_negative = MinValueValidator(Decimal("0"), "An amount cannot be negative.")


def validate_period(
    start: datetime.date | None, end: datetime.date | None, *, end_field="end_date"
):
    if start and end and end < start:
        raise ValidationError({end_field: "The end date cannot be before the start date."})


def validate_not_future(value: datetime.date | None, field: str, what: str = "This date"):
    if value and value > timezone.localdate():
        raise ValidationError({field: f"{what} cannot be in the future."})


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def overlaps(
    start: datetime.date,
    end: datetime.date | None,
    window_start: datetime.date,
    window_end: datetime.date,
) -> bool:
    """Whether [start, end] (end None: still going) shares a day with the window."""
    return start <= window_end and (end is None or end >= window_start)
