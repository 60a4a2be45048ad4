"""Reads for the case pages and the statistics; the access rules are in complaints.access."""

import datetime
import statistics as pystats
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case as DbCase
from django.db.models import F, Q, Value, When

from complaints.models import (
    Case,
    ComplaintsPolicy,
    ProcedureReview,
    QuarterlySummary,
)
from deadlines.registry import registry

QUARTERS_SHOWN = 8
AGE_BANDS = ((0, 30, "0-30 days"), (31, 90, "31-90 days"), (91, None, "over 90 days"))


@dataclass
class CaseRow:
    case: Case
    acknowledge_by: datetime.date | None
    overdue: bool


def _policy(committee_id) -> ComplaintsPolicy:
    return ComplaintsPolicy.objects.filter(committee_id=committee_id).first() or ComplaintsPolicy()


CASES_PER_PAGE = 50


def case_rows(cases, today: datetime.date, page=1):
    """One page of the list (CASES_PER_PAGE rows, a Paginator page of CaseRow): unacknowledged
    cases first, the oldest first (the first to fall due: a case's acknowledgement is due a
    fixed number of working days after it arrived), then the rest, the newest first. Ordered
    and sliced in SQL, so a page costs the same whatever the number of cases."""
    policies = {p.committee_id: p for p in ComplaintsPolicy.objects.all()}
    waiting = Q(acknowledged_at__isnull=True)
    ordered = (
        cases.defer("narrative", "when_where", "people_involved", "contact", "receipt_sealed")
        .annotate(
            waiting=DbCase(When(waiting, then=Value(0)), default=Value(1)),
            waiting_since=DbCase(When(waiting, then=F("received_at")), default=Value(None)),
        )
        .order_by("waiting", "waiting_since", "-received_at", "-pk")
    )
    shown = Paginator(ordered, CASES_PER_PAGE).get_page(page)
    rows = []
    for case in shown.object_list:
        days = policies.get(case.committee_id, ComplaintsPolicy()).acknowledge_business_days
        due = case.acknowledge_due(days) if case.acknowledged_at is None else None
        rows.append(CaseRow(case, due, due is not None and due < today))
    shown.object_list = rows
    return shown


# A case page shows its latest messages and notes, at most this many of each (the printable file
# too): a case years long stays one page of bounded size; the page says how many are not shown.
SHOWN = 200


@dataclass
class CasePage:
    messages: list
    notes: list
    attachments: list
    assignments: list
    grants: list
    exclusions: list
    acknowledge_by: datetime.date | None
    reply_due: datetime.date | None
    earlier_messages: bool = False  # more messages than SHOWN: the earliest are not shown
    earlier_notes: bool = False


def _latest(rows, limit: int) -> tuple[list, bool]:
    """The latest ``limit`` rows of an oldest-first queryset, oldest first, and whether there
    are more (one query: one row more than shown is read)."""
    newest_first = list(rows.reverse()[: limit + 1])
    return list(reversed(newest_first[:limit])), len(newest_first) > limit


def case_policy(case: Case) -> ComplaintsPolicy:
    """The case's policy, read with the case by complaints.access.get_case_for_user."""
    try:
        return case.committee.complaints_policy
    except ComplaintsPolicy.DoesNotExist:
        return ComplaintsPolicy()


def case_page(case: Case, today: datetime.date) -> CasePage:
    """Everything a case page shows, in a fixed number of queries whatever the case's size."""
    policy = case_policy(case)
    messages, earlier_messages = _latest(case.messages.select_related("author"), SHOWN)
    notes, earlier_notes = _latest(case.notes.select_related("author"), SHOWN)
    ack = (
        case.acknowledge_due(policy.acknowledge_business_days) if not case.acknowledged_at else None
    )
    silence = (
        case.silent_since().date() + datetime.timedelta(days=policy.silence_days)
        if case.is_open
        else None
    )
    return CasePage(
        messages=messages,
        notes=notes,
        attachments=list(case.attachments.all()),
        assignments=list(case.assignments.filter(ended_at=None).select_related("user")),
        grants=list(case.grants.filter(revoked_at=None).select_related("user")),
        exclusions=list(case.exclusions.select_related("director")),
        acknowledge_by=ack,
        reply_due=silence,
        earlier_messages=earlier_messages,
        earlier_notes=earlier_notes,
    )


# Statistics ----------------------------------------------------------------------------------


@dataclass
class QuarterRow:
    start: datetime.date
    end: datetime.date
    label: str
    by_category: list[int]
    total: int
    acknowledge_days: float | None
    close_days: float | None


@dataclass
class SummaryQuarter:
    start: datetime.date
    end: datetime.date
    label: str
    counts: dict = field(default_factory=dict)


@dataclass
class Statistics:
    category_labels: list[str]
    quarters: list[QuarterRow]
    summary_quarter: SummaryQuarter
    total: int


def _quarter_label(start: datetime.date, end: datetime.date) -> str:
    """ "Jan–Mar 2026" (a fiscal quarter across a year end: "Nov 2025–Jan 2026")."""
    if start.year == end.year:
        return f"{start:%b}–{end:%b %Y}"
    return f"{start:%b %Y}–{end:%b %Y}"


def _median(values) -> float | None:
    return round(pystats.median(values), 1) if values else None


def _quarters(today: datetime.date, count: int) -> list[tuple[datetime.date, datetime.date]]:
    calendar = registry.page_calendar()
    quarters, day = [], today
    for _ in range(count):
        start, end = calendar.quarter(day)
        quarters.append((start, end))
        day = start - datetime.timedelta(days=1)
    return list(reversed(quarters))


def summary_counts(cases, start, end, as_of: datetime.date) -> dict:
    """Counts for a quarterly summary: received in the quarter by category and by status, and
    the cases open at its end by age. No number, name or narrative."""
    received = [c for c in cases if start <= c.received_at.date() <= end]
    open_at_end = [
        c
        for c in cases
        if c.received_at.date() <= end and (c.closed_at is None or c.closed_at.date() > end)
    ]
    ages = {label: 0 for _, _, label in AGE_BANDS}
    for case in open_at_end:
        age = (min(end, as_of) - case.received_at.date()).days
        for low, high, label in AGE_BANDS:
            if age >= low and (high is None or age <= high):
                ages[label] += 1
    return {
        "received": len(received),
        "by_category": {
            str(label): sum(1 for c in received if c.category == key)
            for key, label in Case.Category.choices
        },
        "by_status": {
            str(label): sum(1 for c in received if c.status == key)
            for key, label in Case.Status.choices
        },
        "open_by_age": ages,
        "retaliation_reports": sum(
            1
            for c in cases
            if c.retaliation_reported_at and start <= c.retaliation_reported_at.date() <= end
        ),
    }


def statistics(committee, today: datetime.date) -> Statistics:
    """Every case of the committee counted (exclusions do not apply to counts without
    identities); one query for the cases."""
    cases = list(
        Case.objects.filter(committee=committee).only(
            "category",
            "status",
            "received_at",
            "acknowledged_at",
            "closed_at",
            "retaliation_reported_at",
            "committee_id",
        )
    )
    keys = [key for key, _ in Case.Category.choices]
    rows = []
    for start, end in _quarters(today, QUARTERS_SHOWN):
        inside = [c for c in cases if start <= c.received_at.date() <= end]
        ack = [
            (c.acknowledged_at - c.received_at).total_seconds() / 86400
            for c in inside
            if c.acknowledged_at
        ]
        closed = [
            (c.closed_at - c.received_at).total_seconds() / 86400 for c in inside if c.closed_at
        ]
        rows.append(
            QuarterRow(
                start,
                end,
                _quarter_label(start, end),
                [sum(1 for c in inside if c.category == key) for key in keys],
                len(inside),
                _median(ack),
                _median(closed),
            )
        )
    # The summary is of the last quarter that has ended.
    last = rows[-2] if len(rows) > 1 else rows[-1]
    summary = SummaryQuarter(
        last.start, last.end, last.label, summary_counts(cases, last.start, last.end, today)
    )
    labels = [label for _, label in Case.Category.choices]
    return Statistics(labels, rows, summary, len(cases))


def summaries(committee):
    return list(
        QuarterlySummary.objects.filter(committee=committee).select_related("recorded_by")[:12]
    )


def procedure_reviews(committee):
    return list(
        ProcedureReview.objects.filter(committee=committee).select_related("recorded_by")[:10]
    )
