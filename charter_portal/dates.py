"""Dates in Python-side text (emails, the calendar feed, commands, findings, messages).

The same two styles as the pages (charter_portal/formats/en/formats.py): long "1 December 2026",
short "1 Dec 2026" where space is short. Independent of the server's locale and of translation:
a notice reads the same whoever runs the job. Machines get ISO (`d.isoformat()`), never these.
"""

import datetime

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(d: datetime.date) -> str:
    """Long style, "1 December 2026": no leading zero, the month in full."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def short_date(d: datetime.date) -> str:
    """Short style, "1 Dec 2026", where space is short (tables, the feed, columns)."""
    return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"


def long_datetime(moment: datetime.datetime) -> str:
    """Long with the time, "1 December 2026, 14:05", in the portal's time zone."""
    from django.utils import timezone

    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{long_date(moment)}, {moment:%H:%M}"


def short_datetime(moment: datetime.datetime) -> str:
    """Short with the time, "1 Dec 2026, 14:05", in the portal's time zone."""
    from django.utils import timezone

    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{short_date(moment)}, {moment:%H:%M}"
