"""Dates as people write them in board papers and notices: "3 October 2026", never "03"."""

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


def day_words(value: datetime.date) -> str:
    """A date as people write it: "2 March 2026" (independent of the server's locale)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
