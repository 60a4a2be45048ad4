"""The compliance calendar: a fiscal year month by month. Each periodic occurrence sits in the
month it falls due; a problem with a duty that applies at all times (failing, or in a cure
period) in the month it began, and a cure period again in the month it ends; the periods the
cadences will open later (next year's charter review, say) are projected from the requirement
registry, not read from stored occurrences."""

import copy
import datetime
import functools
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db.models import OuterRef, Q, Subquery

from deadlines.cadences import ONE_DAY, FiscalCalendar, add_months
from deadlines.freshness import occurrences_ensure_fresh
from deadlines.models import Occurrence
from deadlines.registry import registry
from deadlines.selectors.fiscal import fiscal_year_bounds
from deadlines.selectors.items import (
    KIND_WORDS,
    DeadlineItem,
    active_waivers,
    evaluated_at,
    item_for,
    problem_starts,
)
from deadlines.status import Status

PROJECTED = "projected"
# A cadence walked further than this many periods within one year is not a real cadence.
MAX_PERIODS = 60

# The legend's keys, in order: (the colour's status class, its words, the statuses it stands for).
LEGEND = (
    ("overdue", "Overdue or not met", {Status.OVERDUE, Status.FAILING}),
    ("cure_period", "In a cure period", {Status.CURE_PERIOD}),
    ("due_soon", "Due", {Status.DUE, Status.DUE_SOON}),
    ("met", "Met", {Status.MET}),
    ("waived", "Waived", {Status.WAIVED}),
    (PROJECTED, "Projected: its period has not opened yet", {PROJECTED}),
)


@dataclass(frozen=True)
class Projection:
    """A period a requirement's cadence will open after today: not stored, not yet evaluated."""

    key: str
    title: str
    rule: str
    kind: str
    start: datetime.date
    end: datetime.date
    due: datetime.date
    status: str = PROJECTED

    @property
    def kind_words(self) -> str:
        return KIND_WORDS.get(self.kind, "")


@dataclass(frozen=True)
class CalendarEntry:
    """One line of a month: what happens on ``day`` (an occurrence falls due, a problem begins,
    a cure period ends, or a projected period falls due)."""

    day: datetime.date
    what: str  # "due", "began", "cure_ends" or "projected"
    item: DeadlineItem | None = None
    projection: Projection | None = None

    @property
    def status(self) -> str:
        return PROJECTED if self.projection else str(self.item.status)

    @property
    def title(self) -> str:
        return self.projection.title if self.projection else self.item.title


@dataclass
class CalendarMonth:
    first_day: datetime.date
    entries: list[CalendarEntry] = field(default_factory=list)

    @property
    def items(self) -> list[DeadlineItem]:
        """The stored occurrences falling due this month."""
        return [entry.item for entry in self.entries if entry.what == "due"]

    @property
    def projected(self) -> list[Projection]:
        return [entry.projection for entry in self.entries if entry.projection]


@dataclass(frozen=True)
class ComplianceYear:
    fiscal_year: int
    start: datetime.date
    end: datetime.date
    months: tuple[CalendarMonth, ...]
    undated: tuple[DeadlineItem, ...]  # the duties that apply at all times, this year

    @property
    def evaluated_at(self):
        return evaluated_at([i for month in self.months for i in month.items] + list(self.undated))

    @property
    def count(self) -> int:
        """Stored occurrences shown (projections are not records)."""
        return sum(len(month.items) for month in self.months) + len(self.undated)

    @property
    def has_projections(self) -> bool:
        return any(month.projected for month in self.months)

    @property
    def legend(self) -> list[tuple[str, str]]:
        """The colours this year's calendar uses, each with its words: no key that is not shown."""
        shown = {entry.status for month in self.months for entry in month.entries}
        shown |= {str(item.status) for item in self.undated}
        return [(css, words) for css, words, statuses in LEGEND if shown & statuses]


def _months(start: datetime.date, end: datetime.date) -> list[CalendarMonth]:
    months = []
    first = start.replace(day=1)
    while first <= end:
        months.append(CalendarMonth(first_day=first))
        first = add_months(first, 1)
    return months


def _rolling_anchors(committee, keys) -> dict[str, datetime.date]:
    """Requirement key -> the day its next period counts from, from its latest stored occurrence
    (one query): the day it was met (or, waived, its due date); still open, its due date, or
    today when it is overdue, as if it were met then."""
    if not keys:
        return {}
    latest = (
        Occurrence.objects.filter(committee=committee, requirement_key=OuterRef("requirement_key"))
        .order_by("-period_start")
        .values("period_start")[:1]
    )
    rows = Occurrence.objects.filter(
        committee=committee, requirement_key__in=keys, period_start=Subquery(latest)
    ).values("requirement_key", "is_open", "met_on", "due_date", "period_end")
    return {
        row["requirement_key"]: (
            row["due_date"] or row["period_end"]
            if row["is_open"]
            else row["met_on"] or row["due_date"] or row["period_end"]
        )
        for row in rows
    }


def _read_once(subject):
    """A copy of ``subject`` whose ``charter_on`` (the charter in force on a day: several
    cadences ask it, a charter review's, a self-evaluation's, an executive session's) is read
    once per day for this page rather than once per requirement. Nothing is written while a
    page reads, so the answer cannot change under it."""
    reader = getattr(subject, "charter_on", None)
    if not callable(reader):
        return subject
    page_copy = copy.copy(subject)
    page_copy.charter_on = functools.cache(reader)
    return page_copy


def projections(committee, start, end, as_of: datetime.date, calendar=None) -> list[Projection]:
    """The periods of the committee's periodic requirements that fall due between ``start`` and
    ``end`` but open only after ``as_of``, computed from their cadences (deadlines.cadences): a
    fiscal year's or quarter's periods from the fiscal calendar, a rolling duty's from the day it
    was (or, when still owed, is assumed to be) met, each later one as if met on its due date."""
    if end <= as_of:
        return []
    if not isinstance(calendar, FiscalCalendar):
        try:
            calendar = registry.page_calendar()
        except ImproperlyConfigured:
            return []
    committee = _read_once(committee)
    wanted = []
    for requirement in registry.all():
        if not requirement.applies(committee):
            continue
        cadence = requirement.cadence_for(committee, as_of)
        if not cadence.continuous:
            wanted.append((requirement, cadence))
    anchors = _rolling_anchors(committee, [r.key for r, cadence in wanted if cadence.rolling])
    found = []
    for requirement, cadence in wanted:
        periods = []
        if cadence.rolling:
            anchor = anchors.get(requirement.key)
            if anchor is None and requirement.last_met is not None:
                anchor = requirement.last_met(committee, as_of)
            if anchor is None:
                continue
            anchor = max(anchor, as_of)
            while len(periods) < MAX_PERIODS:
                period = cadence.period(as_of=anchor, calendar=calendar, last_met=anchor)
                if period.due is None or period.due > end:
                    break
                periods.append(period)
                anchor = period.due
        else:
            # A period due in the year may have begun in the year before (due after its end).
            day = add_months(start, -12)
            while len(periods) < MAX_PERIODS:
                period = cadence.period(as_of=day, calendar=calendar)
                periods.append(period)
                if period.end >= end:
                    break
                day = period.end + ONE_DAY
        for period in periods:
            if period.start > as_of and period.due is not None and start <= period.due <= end:
                found.append(
                    Projection(
                        key=requirement.key,
                        title=requirement.title,
                        rule=requirement.rule_for(committee),
                        kind=str(requirement.kind_for(committee)),
                        start=period.start,
                        end=period.end,
                        due=period.due,
                    )
                )
    return found


def compliance_year(
    committee, fiscal_year: int, as_of: datetime.date, calendar=None
) -> ComplianceYear:
    """The committee's fiscal year by month: its periodic occurrences by due date, the problems
    of its duties that apply at all times by the day they began (and a cure period's end), and
    the periods its cadences will open later, projected. A fixed number of queries."""
    start, end = fiscal_year_bounds(fiscal_year, calendar)
    occurrences_ensure_fresh([committee.pk], as_of=as_of)
    overlaps = Q(period_start__lte=end, period_end__gte=start)
    rows = (
        Occurrence.objects.filter(committee=committee)
        .filter(
            (Q(due_date__range=(start, end)) & ~Q(cadence="continuous"))
            | (overlaps & Q(cadence="continuous"))
            | (overlaps & Q(due_date__isnull=True))
            # A cure period of an earlier year that runs out in this one.
            | Q(cadence="continuous", status=Status.CURE_PERIOD, due_date__range=(start, end))
        )
        .select_related("committee")
        .prefetch_related("evidence", active_waivers())
        .order_by("due_date", "requirement_key", "pk")
    )
    months = _months(start, end)
    by_month = {(month.first_day.year, month.first_day.month): month for month in months}

    def place(entry: CalendarEntry) -> None:
        if start <= entry.day <= end:
            by_month[(entry.day.year, entry.day.month)].entries.append(entry)

    items = [item_for(occurrence, as_of) for occurrence in rows]

    # A continuous record of an earlier year is here only for its cure period's deadline.
    def is_earlier(item) -> bool:
        return item.occurrence.is_continuous and item.occurrence.period_end < start

    earlier = [item for item in items if is_earlier(item)]
    items = [item for item in items if not is_earlier(item)]
    keys_in_year = {item.occurrence.requirement_key for item in items}
    for item in earlier:
        if item.occurrence.requirement_key not in keys_in_year:
            place(CalendarEntry(item.occurrence.due_date, "cure_ends", item=item))
    starts = problem_starts(items)
    undated = []
    for item in items:
        occurrence = item.occurrence
        if occurrence.is_continuous:
            undated.append(item)
            if occurrence.pk in starts:
                place(CalendarEntry(starts[occurrence.pk], "began", item=item))
            if item.status == Status.CURE_PERIOD and occurrence.due_date:
                place(CalendarEntry(occurrence.due_date, "cure_ends", item=item))
        elif occurrence.due_date is None:
            undated.append(item)
        else:
            place(CalendarEntry(occurrence.due_date, "due", item=item))
    for projection in projections(committee, start, end, as_of, calendar):
        place(CalendarEntry(projection.due, "projected", projection=projection))
    for month in months:
        month.entries.sort(key=lambda entry: (entry.day, entry.what == "projected", entry.title))
    undated.sort(key=lambda item: item.title)
    return ComplianceYear(fiscal_year, start, end, tuple(months), tuple(undated))
