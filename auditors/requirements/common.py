"""What the auditor's duties share."""


def fiscal_year_of(period) -> int:
    """The fiscal year a fiscal-year period (or a continuous duty's yearly occurrence) is.

    Fiscal years are named by the calendar year in which they end, and such a period ends on its
    year's last day, so the name is that day's year: a page listing many duties reads nothing to
    name it."""
    return period.end.year
