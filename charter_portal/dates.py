"""Dates in Python-side text: long "1 December 2026", short "1 Dec 2026" where space is short."""

import datetime


def long_date(d: datetime.date) -> str:
    return f"{d.day} {d:%B %Y}"


def short_date(d: datetime.date) -> str:
    return f"{d.day} {d:%b %Y}"
