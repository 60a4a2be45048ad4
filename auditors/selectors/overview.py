"""The auditor's year at a glance (Charter: Responsibilities 1 to 4): for one committee and
fiscal year, the engagement, the fees by proxy category against the approved audit fee and the
policy's caps, the requests awaiting a decision, the partners' rotation standing, what the firm
has communicated, and which of the auditor's duties are overdue or due soon.

A fixed number of queries whatever the years of history, the fees, the requests or the partners:
each part is one read (aggregated in the database where it sums)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import Coalesce

from auditors.caps import LineUsage, cap_usage
from auditors.models import (
    As1301Item,
    As1301Topic,
    Communication,
    Engagement,
    Fee,
    ServiceRequest,
)
from auditors.rotation import Standing, standing_for
from auditors.services_catalogue import Category
from committees.models import CompanyProfile
from deadlines.freshness import occurrences_ensure_fresh
from deadlines.models import Evidence, Occurrence
from deadlines.selectors.dashboard import SOON_DAYS
from deadlines.selectors.items import DeadlineItem, active_waivers, item_for
from deadlines.status import NOT_YET_MET, Status

PREFIX = "auditors."
# How many of the requests awaiting a decision the page lists (the oldest first).
PENDING_SHOWN = 5
ZERO = Decimal("0")


@dataclass(frozen=True)
class CategoryFees:
    category: str
    label: str
    billed: Decimal
    expected: Decimal

    @property
    def total(self) -> Decimal:
        return self.billed + self.expected


@dataclass(frozen=True)
class Ratification:
    votes_for: int
    votes_against: int
    votes_abstaining: int
    voted_on: datetime.date

    @property
    def cast(self) -> int:
        return self.votes_for + self.votes_against + self.votes_abstaining

    @property
    def share_for(self) -> int:
        """Whole per cent of the votes cast (abstentions included) that were for."""
        return round(self.votes_for * 100 / self.cast) if self.cast else 0

    @property
    def ratified(self) -> bool:
        return self.votes_for > self.votes_against


@dataclass(frozen=True)
class Received:
    """What the firm communicated in the fiscal year."""

    independence: Communication | None
    quality_control: Communication | None
    as1301_done: int
    as1301_total: int
    statements_review: object | None
    committee_report: object | None


@dataclass
class AuditorYear:
    committee: object
    fiscal_year: int
    first_day: datetime.date
    last_day: datetime.date
    as_of: datetime.date  # the day the caps are read on: today, or the year's nearest end
    engagement: Engagement | None
    ratification: Ratification | None
    fees: list[CategoryFees]
    usages: list[LineUsage]
    pending_count: int
    pending: list[ServiceRequest]
    standings: list[Standing]
    received: Received
    overdue: list[DeadlineItem] = field(default_factory=list)
    due_soon: list[DeadlineItem] = field(default_factory=list)

    @property
    def previous_year(self) -> int:
        return self.fiscal_year - 1

    @property
    def next_year(self) -> int:
        return self.fiscal_year + 1

    @property
    def total_fees(self) -> Decimal:
        return sum((row.total for row in self.fees), ZERO)

    @property
    def audit_fees(self) -> Decimal:
        return next(row.total for row in self.fees if row.category == Category.AUDIT)

    @property
    def audit_fee_difference(self) -> Decimal | None:
        """Audit fees recorded less the approved audit fee (positive: above what was approved)."""
        engagement = self.engagement
        if engagement is None or engagement.audit_fee is None:
            return None
        return self.audit_fees - engagement.audit_fee

    @property
    def audit_fee_over(self) -> bool:
        difference = self.audit_fee_difference
        return difference is not None and difference > 0

    @property
    def audit_fee_over_by(self) -> Decimal:
        return self.audit_fee_difference or ZERO

    @property
    def pending_more(self) -> int:
        return self.pending_count - len(self.pending)


def fiscal_year_or_current(profile: CompanyProfile | None, raw, today: datetime.date) -> int:
    """The fiscal year a ``?year=`` asks for, or the current one for anything else."""
    current = profile.fiscal_year_of(today) if profile else today.year
    try:
        year = int(str(raw).strip())
    except (TypeError, ValueError):
        return current
    return year if 1990 <= year <= current + 10 else current


def _as1301_done():
    """How many AS 1301 topics the engagement has covered, read with the engagement."""
    topics = (
        As1301Item.objects.filter(engagement=OuterRef("pk"))
        .order_by()
        .values("engagement")
        .annotate(n=Count("topic", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(topics, output_field=IntegerField()), 0)


def _fee_sums() -> dict:
    """Per engagement row, the sum of its fees of each category and state, as subqueries."""
    money = DecimalField(max_digits=16, decimal_places=2)
    sums = {}
    for category in Category:
        for state in (Fee.State.BILLED, Fee.State.EXPECTED):
            rows = (
                Fee.objects.filter(engagement=OuterRef("pk"), category=category, state=state)
                .order_by()
                .values("engagement")
                .annotate(total=Sum("amount"))
                .values("total")
            )
            sums[f"fees_{category.value}_{state.value}"] = Subquery(rows, output_field=money)
    return sums


def _year_engagements(committee, fiscal_year: int) -> list[Engagement]:
    """The year's engagements (live or terminated), each with its AS 1301 topics covered and
    its fee sums: one query."""
    return list(
        Engagement.objects.filter(committee=committee, fiscal_year=fiscal_year)
        .select_related(
            "firm",
            "approved_at__committee",
            "statements_review__meeting__committee",
            "committee_report",
        )
        .annotate(as1301_done=_as1301_done(), **_fee_sums())
        .order_by("-pk")
    )


def _engagement(committee, fiscal_year: int, rows=None) -> Engagement | None:
    """The year's live engagement, or the latest terminated one when none is live."""
    if rows is None:
        rows = _year_engagements(committee, fiscal_year)
    live = [row for row in rows if row.is_live]
    return (live or rows or [None])[0]


def _ratification(engagement: Engagement | None) -> Ratification | None:
    if engagement is None or engagement.ratified_on is None:
        return None
    return Ratification(
        votes_for=engagement.votes_for or 0,
        votes_against=engagement.votes_against or 0,
        votes_abstaining=engagement.votes_abstaining or 0,
        voted_on=engagement.ratified_on,
    )


def _fees_of(engagements) -> list[CategoryFees]:
    """The four proxy categories over the year's engagements but terminated ones (from the
    sums read with them, _year_engagements)."""
    live = [e for e in engagements if e.is_live]

    def total(category, state) -> Decimal:
        return sum((getattr(e, f"fees_{category}_{state}") or ZERO for e in live), ZERO)

    return [
        CategoryFees(
            category=category.value,
            label=category.label,
            billed=total(category.value, Fee.State.BILLED.value),
            expected=total(category.value, Fee.State.EXPECTED.value),
        )
        for category in Category
    ]


def _fees(committee, fiscal_year: int) -> list[CategoryFees]:
    """The four proxy categories, each with its billed and expected fees (one query)."""
    rows = (
        Fee.objects.filter(engagement__committee=committee, engagement__fiscal_year=fiscal_year)
        .exclude(engagement__status=Engagement.Status.TERMINATED)
        .values("category")
        .annotate(
            billed=Sum("amount", filter=Q(state=Fee.State.BILLED)),
            expected=Sum("amount", filter=Q(state=Fee.State.EXPECTED)),
        )
    )
    sums = {row["category"]: row for row in rows}
    return [
        CategoryFees(
            category=category.value,
            label=category.label,
            billed=(sums.get(category.value) or {}).get("billed") or ZERO,
            expected=(sums.get(category.value) or {}).get("expected") or ZERO,
        )
        for category in Category
    ]


def _pending(committee, fiscal_year: int) -> tuple[int, list[ServiceRequest]]:
    rows = ServiceRequest.objects.filter(
        committee=committee,
        status=ServiceRequest.Status.PENDING,
        engagement__fiscal_year=fiscal_year,
    )
    # The count rides on the rows (a window over every pending row): one query however many.
    rows = rows.select_related("engagement").annotate(waiting=Window(Count("pk")))
    oldest = list(rows.order_by("requested_at", "pk")[:PENDING_SHOWN])
    return (oldest[0].waiting if oldest else 0), oldest


def _received(committee, engagement, first_day, last_day) -> Received:
    latest: dict[str, Communication] = {}
    rows = (
        Communication.objects.filter(
            committee=committee,
            kind__in=[Communication.Kind.INDEPENDENCE, Communication.Kind.QUALITY_CONTROL],
            received_on__range=(first_day, last_day),
        )
        .select_related("firm", "discussed_at__committee")
        .order_by("-received_on", "-pk")
    )
    for row in rows:
        latest.setdefault(row.kind, row)
    done = 0
    if engagement is not None:
        done = getattr(engagement, "as1301_done", None)
        if done is None:
            done = As1301Item.objects.filter(engagement=engagement).aggregate(
                n=Count("topic", distinct=True)
            )["n"]
    review = getattr(engagement, "statements_review", None) if engagement else None
    report = getattr(engagement, "committee_report", None) if engagement else None
    return Received(
        independence=latest.get(Communication.Kind.INDEPENDENCE),
        quality_control=latest.get(Communication.Kind.QUALITY_CONTROL),
        as1301_done=done,
        as1301_total=len(As1301Topic.choices),
        statements_review=review,
        committee_report=report,
    )


def auditor_deadlines(committee, as_of: datetime.date, *, reader=None):
    """The auditor's open duties for ``committee`` that are overdue (or failing), and those due
    within the dashboard's 30 days, as the engine stored them (three queries once fresh)."""
    occurrences_ensure_fresh([committee.pk], as_of=as_of)
    rows = (
        Occurrence.objects.filter(
            committee=committee, requirement_key__startswith=PREFIX, is_open=True
        )
        .select_related("committee")
        # Only duties not met are listed and an item's evidence shows only once it is met
        # (DeadlineItem.link): none is read, which saves a query (issue 13).
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.none()), active_waivers())
        .order_by("due_date", "requirement_key", "pk")
    )
    overdue, soon = [], []
    for occurrence in rows:
        item = item_for(occurrence, as_of, reader=reader)
        due = occurrence.due_date
        if item.status in (Status.OVERDUE, Status.FAILING) or (
            item.status == Status.CURE_PERIOD and due is not None and due < as_of
        ):
            overdue.append(item)
        elif (
            item.status in NOT_YET_MET | {Status.CURE_PERIOD}
            and due is not None
            and (due - as_of).days <= SOON_DAYS
        ):
            soon.append(item)
    return overdue, soon


def auditor_year(committee, fiscal_year: int, today: datetime.date, *, reader=None, profile=False):
    """Everything the overview shows for ``committee``'s ``fiscal_year``, read on ``today``
    (``profile``: the company profile when the caller has read it already)."""
    if profile is False:
        profile = CompanyProfile.current()
    if profile is not None:
        first_day, last_day = profile.fiscal_year_bounds(fiscal_year)
    else:
        first_day, last_day = datetime.date(fiscal_year, 1, 1), datetime.date(fiscal_year, 12, 31)
    as_of = min(max(today, first_day), last_day)
    engagements = _year_engagements(committee, fiscal_year)
    engagement = _engagement(committee, fiscal_year, engagements)
    pending_count, pending = _pending(committee, fiscal_year)
    overdue, soon = auditor_deadlines(committee, today, reader=reader)
    return AuditorYear(
        committee=committee,
        fiscal_year=fiscal_year,
        first_day=first_day,
        last_day=last_day,
        as_of=as_of,
        engagement=engagement,
        ratification=_ratification(engagement),
        fees=_fees_of(engagements),
        usages=cap_usage(committee, as_of),
        pending_count=pending_count,
        pending=pending,
        standings=standing_for(committee, fiscal_year),
        received=_received(committee, engagement, first_day, last_day),
        overdue=overdue,
        due_soon=soon,
    )
