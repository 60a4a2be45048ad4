"""Reads for the engagement page: one fiscal year's engagement with its decisions, partners,
the firm's communications, the AS 1301 checklist, the statements review and the report's four
facts, in a fixed number of queries whatever the number of records."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from auditors.models import (
    As1301Item,
    As1301Topic,
    CommitteeReport,
    Communication,
    Engagement,
    StatementsReview,
)
from auditors.report_facts import Fact, missing_facts, report_facts
from auditors.services.engagements import ratification_words, relationships_discussed
from auditors.services.reports import report_draft


@dataclass(frozen=True)
class Decision:
    day: datetime.date
    words: str
    meeting: object = None


@dataclass(frozen=True)
class ChecklistRow:
    topic: As1301Topic
    item: As1301Item | None


@dataclass
class EngagementPage:
    fiscal_year: int
    engagement: Engagement | None
    years: list  # (fiscal year, engagement status label) of the committee's engagements
    terminated: list = field(default_factory=list)  # earlier engagements of the year, ended
    decisions: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    communications: list = field(default_factory=list)
    checklist: list = field(default_factory=list)
    review: StatementsReview | None = None
    facts: list = field(default_factory=list)
    draft: str | None = None
    report: CommitteeReport | None = None
    first_engagement: bool = False
    relationships: Communication | None = None  # the 3526(a) description, discussed
    ratification: str = ""

    @property
    def told(self) -> int:
        return sum(1 for row in self.checklist if row.item is not None)

    @property
    def missing_topics(self) -> list:
        return [row.topic for row in self.checklist if row.item is None]

    @property
    def missing_facts(self) -> list[Fact]:
        return missing_facts(self.facts)


def engagement_of(committee, fiscal_year: int) -> Engagement | None:
    """The year's live engagement (anything but terminated)."""
    return (
        Engagement.objects.filter(committee=committee, fiscal_year=fiscal_year)
        .exclude(status=Engagement.Status.TERMINATED)
        .select_related("committee", "firm", "approved_at__committee")
        .first()
    )


def _decisions(engagement: Engagement) -> list[Decision]:
    """The engagement's history of decisions, from its own record, earliest first."""
    first = engagement.history.order_by("history_date", "history_id").first()
    rows = []
    if first is not None:
        rows.append(
            Decision(
                timezone.localdate(first.history_date),
                f"Proposed: {engagement.firm}, fiscal year {engagement.fiscal_year}.",
            )
        )
    if engagement.approved_on:
        rows.append(
            Decision(
                engagement.approved_on,
                f"Approved by the committee; audit fee set at ${engagement.audit_fee:,.2f}.",
                engagement.approved_at,
            )
        )
    if engagement.ratified_on:
        rows.append(Decision(engagement.ratified_on, ratification_words(engagement)))
    if engagement.procedures_begin_on and engagement.status != Engagement.Status.PROPOSED:
        rows.append(Decision(engagement.procedures_begin_on, "Audit procedures began."))
    if engagement.report_issued_on:
        rows.append(Decision(engagement.report_issued_on, "Audit report issued: completed."))
    if engagement.terminated_on:
        rows.append(
            Decision(engagement.terminated_on, f"Terminated: {engagement.termination_reason}")
        )
    return sorted(rows, key=lambda row: row.day)


def _one_to_one(engagement: Engagement, name: str, model):
    try:
        return getattr(engagement, name)
    except model.DoesNotExist:
        return None


def engagement_page(committee, fiscal_year: int, as_of: datetime.date) -> EngagementPage:
    """Everything the engagement page shows for ``fiscal_year`` on ``as_of``: the committee's
    engagements are read once (the year's, with its review and report, the years offered,
    whether the firm is new to the committee), the checklist once for the page and the facts."""
    rows = Engagement.objects.filter(committee=committee).select_related(
        "committee",
        "firm",
        "approved_at__committee",
        "statements_review__meeting__committee",
        "committee_report",
    )
    everything = list(rows.order_by("-fiscal_year", "pk"))
    years = sorted({(e.fiscal_year) for e in everything if e.is_live}, reverse=True)
    terminated = [e for e in everything if e.fiscal_year == fiscal_year and not e.is_live]
    engagement = next((e for e in everything if e.fiscal_year == fiscal_year and e.is_live), None)
    page = EngagementPage(
        fiscal_year=fiscal_year, engagement=engagement, years=years, terminated=terminated
    )
    if engagement is None:
        return page
    page.decisions = _decisions(engagement)
    page.ratification = ratification_words(engagement)
    page.first_engagement = not any(
        e.firm_id == engagement.firm_id and e.approved_on is not None and e.pk != engagement.pk
        for e in everything
    )
    if page.first_engagement:
        page.relationships = relationships_discussed(engagement, engagement.approved_on or as_of)
    page.partners = list(
        engagement.partner_assignments.select_related("partner").order_by(
            "role", "partner__full_name"
        )
    )
    page.communications = list(
        Communication.objects.filter(committee=committee, firm_id=engagement.firm_id)
        .select_related("discussed_at__committee")
        .order_by("-received_on", "-pk")
    )
    prefetch_related_objects(
        [engagement],
        Prefetch("as1301_items", queryset=As1301Item.objects.select_related("meeting__committee")),
    )
    items = {item.topic: item for item in engagement.as1301_items.all()}
    page.checklist = [ChecklistRow(topic, items.get(topic.value)) for topic in As1301Topic]
    page.review = _one_to_one(engagement, "statements_review", StatementsReview)
    page.report = _one_to_one(engagement, "committee_report", CommitteeReport)
    if page.report is not None:
        page.facts = report_facts(engagement, page.report.dated)
    else:
        page.facts = report_facts(engagement, as_of)
        if not page.missing_facts:
            page.draft = report_draft(engagement, as_of)
    return page
