"""The complaint duties in the deadline engine (Charter responsibility 5; RULES 6), for the
committee that owns complaint handling (the audit committee).

- complaints.acknowledge: every new case acknowledged to its reporter within the policy's
  working days (5 by default);
- complaints.reporter_contact: no open case silent towards its reporter for longer than the
  policy's days (30 by default);
- complaints.quarterly_summary: each fiscal quarter, the committee receives a complaint summary
  (counts only);
- complaints.procedure_review: each fiscal year, the committee reviews its complaint procedures.

Details count cases and never name one: a member excluded from a case reads the same dashboard.
"""

import datetime
import functools

from django.urls import reverse

from charter_portal.permissions import can_manage_committee
from charter_portal.roles import Role, committee_roles
from charter_portal.words import count_of
from committees.requirements.hooks import seated_and_secretaries
from deadlines.cadences import FiscalQuarter, FiscalYear, Ongoing
from deadlines.registry import Evaluation, EvidenceLink, Requirement, register, registry
from deadlines.status import Kind, Status
from deadlines.wording import day_words

RULE = "Charter: Responsibilities 5; SEC Rule 10A-3(b)(3)"
POLICY_RULE = "Charter: Responsibilities 5 (complaints policy)"


def _policy(committee):
    from complaints.models import ComplaintsPolicy

    return ComplaintsPolicy.objects.filter(committee=committee).first() or ComplaintsPolicy()


def _open_cases(committee, as_of: datetime.date):
    from complaints.models import Case

    return Case.objects.filter(committee=committee, received_at__date__lte=as_of).exclude(
        status=Case.Status.CLOSED
    )


def _cases(count: int) -> str:
    return count_of(count, "case")


def evaluate_acknowledge(committee, period, as_of: datetime.date) -> Evaluation:
    """Met while no case waits for acknowledgement past the policy's working days."""
    days = _policy(committee).acknowledge_business_days
    waiting = [
        case.acknowledge_due(days)
        for case in _open_cases(committee, as_of).filter(acknowledged_at=None).only("received_at")
    ]
    if not waiting:
        return Evaluation(Status.MET, detail="Every case received has been acknowledged.")
    due = min(waiting)
    return Evaluation(
        Status.DUE,
        due=due,
        detail=f"{_cases(len(waiting))} waiting for acknowledgement to the reporter; the "
        f"earliest within {days} working days, by {day_words(due)}.",
    )


def evaluate_reporter_contact(committee, period, as_of: datetime.date) -> Evaluation:
    """Met while every open case has heard from the committee within the policy's days."""
    days = _policy(committee).silence_days
    cases = _open_cases(committee, as_of).only("received_at", "last_contact_at")
    dues = [case.silent_since().date() + datetime.timedelta(days=days) for case in cases]
    if not dues:
        return Evaluation(Status.MET, detail="No case is open.")
    due = min(dues)
    late = sum(1 for day in dues if day < as_of)
    if due > as_of + datetime.timedelta(days=7):
        return Evaluation(
            Status.MET,
            detail=f"Every open case has heard from the committee within {days} days.",
        )
    return Evaluation(
        Status.DUE,
        due=due,
        detail=f"{_cases(len(dues))} open; {late} silent towards the reporter for more than "
        f"{days} days. The next message is due by {day_words(due)}.",
    )


def summary_cadence(committee, as_of: datetime.date) -> FiscalQuarter:
    return FiscalQuarter(due_days_after_end=_policy(committee).summary_due_days)


def evaluate_summary(committee, period, as_of: datetime.date) -> Evaluation:
    """Met by the quarter's complaint summary recorded as presented to the committee."""
    from complaints.models import QuarterlySummary

    summary = QuarterlySummary.objects.filter(
        committee=committee, period_start=period.start, presented_on__lte=as_of
    ).first()
    if summary is None:
        return Evaluation(
            Status.DUE,
            detail=f"The complaint summary of the quarter from {day_words(period.start)} to "
            f"{day_words(period.end)} is not recorded yet; the chair or the secretary records "
            "it on the complaint statistics page once the quarter has ended.",
        )
    return Evaluation(
        Status.MET,
        met_on=summary.presented_on,
        detail=f"Presented on {day_words(summary.presented_on)}: "
        f"{summary.counts.get('received', 0)} received in the quarter.",
        evidence=(EvidenceLink("Quarterly complaint summary", url=_statistics_url(committee)),),
    )


def evaluate_procedure_review(committee, period, as_of: datetime.date) -> Evaluation:
    """Met by a review of the complaint procedures recorded within the fiscal year."""
    from complaints.models import ProcedureReview

    review = (
        ProcedureReview.objects.filter(
            committee=committee, reviewed_on__range=(period.start, as_of)
        )
        .order_by("-reviewed_on")
        .first()
    )
    if review is None:
        return Evaluation(
            Status.DUE,
            detail="The annual review of the complaint procedures is not recorded yet this "
            "fiscal year.",
        )
    return Evaluation(
        Status.MET,
        met_on=review.reviewed_on,
        detail=f"Reviewed on {day_words(review.reviewed_on)}.",
        evidence=(EvidenceLink("Complaint procedures review", url=_statistics_url(committee)),),
    )


def _statistics_url(committee, period=None) -> str:
    return reverse("complaints:statistics") + f"?committee={committee.slug}"


def _list_url(committee, period=None) -> str:
    return reverse("complaints:list")


def chair_and_secretary(committee, as_of: datetime.date) -> list:
    """The case duties are the chair's (the one reader sure to see every case) and the
    secretary's to chase; other members hear of complaints only through the summaries."""
    return seated_and_secretaries([committee], as_of, chairs_only=True)[committee.pk]


chair_and_secretary.for_subjects = functools.partial(seated_and_secretaries, chairs_only=True)


def is_chair(user, committee, as_of: datetime.date) -> bool:
    return committee_roles(user, as_of).get(committee.pk) == Role.CHAIR


def owns_complaints(committee) -> bool:
    return committee.is_audit_committee


def affected_committees(record) -> list[int]:
    """The committee whose complaint duties a record can change; reads, notes, exclusions,
    assignments, grants, purge records and the reporter's own messages change none. A report
    saved from the public page marks the duties stale instead (services.case_submit): the
    reporter's request does not wait for the engine, the committee's next page refreshes them.
    A historical row repeats the save of its case, already counted."""
    from complaints.models import Case, CaseMessage

    if record._meta.model_name.startswith("historical") or getattr(record, "defer_refresh", False):
        return []
    if isinstance(record, CaseMessage):
        if record.direction == CaseMessage.Direction.FROM_REPORTER:
            return []
        return list(Case.objects.filter(pk=record.case_id).values_list("committee_id", flat=True))
    committee_id = getattr(record, "committee_id", None)
    return [] if committee_id is None else [committee_id]


def register_all() -> None:
    common = {"applies_to": owns_complaints}
    register(
        Requirement(
            key="complaints.acknowledge",
            title="New complaints acknowledged to the reporter",
            kind=Kind.CHARTER,
            rule=POLICY_RULE,
            # Open all year, owing something after each case: listed with the deadlines.
            cadence=Ongoing(),
            evaluator=evaluate_acknowledge,
            responsible=chair_and_secretary,
            evidence_url=_list_url,
            may_act=is_chair,
            description="Each new case is acknowledged to its reporter within the policy's "
            "working days (5 by default).",
            **common,
        )
    )
    register(
        Requirement(
            key="complaints.reporter_contact",
            title="No open complaint left silent towards the reporter",
            kind=Kind.CHARTER,
            rule=POLICY_RULE,
            # Open all year, owing something after each case: listed with the deadlines.
            cadence=Ongoing(),
            evaluator=evaluate_reporter_contact,
            responsible=chair_and_secretary,
            evidence_url=_list_url,
            may_act=is_chair,
            description="Every open case hears from the committee at least every 30 days "
            "(the policy's period).",
            **common,
        )
    )
    register(
        Requirement(
            key="complaints.quarterly_summary",
            title="Quarterly complaint summary to the committee",
            kind=Kind.CHARTER,
            rule=RULE,
            cadence=summary_cadence,
            evaluator=evaluate_summary,
            evidence_url=_statistics_url,
            may_act=can_manage_committee,
            description="Counts by category, status and age, with a chart; no identities.",
            **common,
        )
    )
    register(
        Requirement(
            key="complaints.procedure_review",
            title="Annual review of the complaint procedures",
            kind=Kind.CHARTER,
            rule=RULE,
            cadence=FiscalYear(),
            evaluator=evaluate_procedure_review,
            evidence_url=_statistics_url,
            may_act=can_manage_committee,
            description="The committee reviews how complaints are received, retained and treated.",
            **common,
        )
    )
    registry.watch("complaints", affected_committees)


register_all()
