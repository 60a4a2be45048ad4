"""The compliance calendar: every occurrence whose due date falls in a fiscal year, by month."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from deadlines.cadences import add_months
from deadlines.freshness import occurrences_ensure_fresh
from deadlines.models import Occurrence
from deadlines.selectors.fiscal import fiscal_year_bounds
from deadlines.selectors.items import DeadlineItem, active_waivers, evaluated_at, item_for


@dataclass
class CalendarMonth:
    first_day: datetime.date
    items: list[DeadlineItem] = field(default_factory=list)


@dataclass(frozen=True)
class ComplianceYear:
    fiscal_year: int
    start: datetime.date
    end: datetime.date
    months: tuple[CalendarMonth, ...]
    undated: tuple[DeadlineItem, ...]  # continuous duties with no deadline this year

    @property
    def evaluated_at(self):
        return evaluated_at([i for month in self.months for i in month.items] + list(self.undated))

    @property
    def count(self) -> int:
        return sum(len(month.items) for month in self.months) + len(self.undated)


def _months(start: datetime.date, end: datetime.date) -> list[CalendarMonth]:
    months = []
    first = start.replace(day=1)
    while first <= end:
        months.append(CalendarMonth(first_day=first))
        first = add_months(first, 1)
    return months


def compliance_year(committee, fiscal_year: int, as_of: datetime.date) -> ComplianceYear:
    """The committee's occurrences due in ``fiscal_year`` by month (three queries), and its
    continuous duties for that year that carry no deadline."""
    start, end = fiscal_year_bounds(fiscal_year)
    occurrences_ensure_fresh([committee.pk], as_of=as_of)
    rows = (
        Occurrence.objects.filter(committee=committee)
        .filter(
            Q(due_date__range=(start, end))
            | Q(due_date__isnull=True, period_start__lte=end, period_end__gte=start)
        )
        .select_related("committee")
        .prefetch_related("evidence", active_waivers())
        .order_by("due_date", "requirement_key", "pk")
    )
    months = _months(start, end)
    by_month = {(month.first_day.year, month.first_day.month): month for month in months}
    undated = []
    for occurrence in rows:
        item = item_for(occurrence, as_of)
        due = occurrence.due_date
        if due is None:
            undated.append(item)
        else:
            by_month[(due.year, due.month)].items.append(item)
    undated.sort(key=lambda item: item.title)
    return ComplianceYear(fiscal_year, start, end, tuple(months), tuple(undated))
