"""The auditor's duties: pre-approval.

- ``auditors.preapproval_reported`` (SOX 202): each service approved under the policy and each
  decision of the delegated member is reported to the full committee at its next meeting. Due on
  the day of the meeting it is placed on; overdue once a meeting was held after the decision
  without it.
- ``auditors.preapproval_policy`` (S-X 2-01(c)(7)): a service approved under a policy rests on a
  policy in force, approved at a held meeting, on the day of its approval and on its planned
  start; failing when one does not."""

import datetime

from django.db.models import Q
from django.urls import reverse

from auditors.access import can_manage_auditor, reads_auditor
from auditors.models import PreApprovalPolicy, ServiceRequest
from auditors.services_catalogue import DELEGATION_RULE, PREAPPROVAL_RULE
from charter_portal.words import count_of
from deadlines.cadences import Continuous, Ongoing
from deadlines.registry import Evaluation, EvidenceLink, Requirement, register
from deadlines.status import Kind, Status
from deadlines.wording import day_words
from meetings.models import Meeting
from meetings.requirements import held_between

REPORTED_KEY = "auditors.preapproval_reported"
POLICY_KEY = "auditors.preapproval_policy"
APPROVAL_KEYS = (REPORTED_KEY, POLICY_KEY)
ONE_DAY = datetime.timedelta(days=1)
Route = ServiceRequest.Route
Status_ = ServiceRequest.Status


def request_url(request: ServiceRequest) -> str:
    return reverse("auditors:request", args=[request.committee.slug, request.pk])


def policy_url(committee, period=None) -> str:
    return reverse("auditors:policy", args=[committee.slug])


def requests_url(committee, period=None) -> str:
    return reverse("auditors:requests", args=[committee.slug])


# Reported at the next meeting (SOX 202) -------------------------------------------------------


def evaluate_reported(committee, period, as_of: datetime.date) -> Evaluation:
    """Each policy use and delegated decision is on the agenda of the first meeting held after
    it; due on the day of the meeting it waits for, overdue once a meeting passed without it."""
    first = period.start - datetime.timedelta(days=366)
    last = min(as_of, period.end)
    decided = list(
        ServiceRequest.objects.filter(
            committee=committee,
            route__in=(Route.POLICY, Route.DELEGATE),
            status__in=(Status_.APPROVED, Status_.REFUSED),
            decided_on__gte=first,
            decided_on__lte=last,
        )
        .select_related("committee", "reported_at__meeting__committee")
        .order_by("decided_on", "pk")
    )
    held = list(held_between(committee, first, as_of))
    missed, waiting, links = [], [], []
    for request in decided:
        after = next((m for m in held if m.day > request.decided_on), None)
        item = request.reported_at
        on = item.meeting if item is not None else None
        if after is None:
            if on is not None and on.day < period.start:
                continue
            if item is None or on.status != Meeting.Status.HELD:
                waiting.append((on.day if on is not None else None, request))
            continue
        if after.day < period.start and (item is None or on.day < period.start):
            continue  # an earlier year's matter
        if on is not None and on.status == Meeting.Status.HELD and on.day <= after.day:
            links.append(
                EvidenceLink(f"Reported on {day_words(on.day)}: {request.service}", obj=item)
            )
        else:
            missed.append((after, request))
    if missed:
        meeting, request = missed[0]
        return Evaluation(
            Status.DUE,
            due=meeting.day,
            detail=f"“{request.service}”, {_decided_words(request)} on "
            f"{day_words(request.decided_on)}, was not reported to the committee at its meeting "
            f"of {day_words(meeting.day)}; put it on the next agenda."
            + (f" {count_of(len(missed), 'decision')} unreported." if len(missed) > 1 else ""),
            evidence=(EvidenceLink(request.service, url=request_url(request)), *links),
        )
    if waiting:
        dated = [pair for pair in waiting if pair[0] is not None]
        due = min(day for day, _ in dated) if dated else None
        when = (
            f"at the meeting of {day_words(due)}"
            if due
            else "at the next meeting (none is scheduled yet)"
        )
        return Evaluation(
            Status.DUE,
            due=due,
            detail=f"{count_of(len(waiting), 'pre-approval')} to report to the full committee "
            f"{when}.",
            evidence=tuple(
                EvidenceLink(request.service, url=request_url(request)) for _, request in waiting
            )
            + tuple(links),
        )
    return Evaluation(
        Status.MET,
        met_on=as_of,
        detail="Every service approved under the policy or by the delegated member has been "
        "reported to the full committee."
        if links
        else "No service was approved under the policy or by delegation to report.",
        evidence=tuple(links),
    )


def _decided_words(request: ServiceRequest) -> str:
    if request.route == Route.POLICY:
        return "approved under the policy"
    return (
        "approved by the delegated member"
        if request.status == Status_.APPROVED
        else ("refused by the delegated member")
    )


# A policy in force for each service approved under it (S-X 2-01(c)(7)) -----------------------


def evaluate_policy(committee, period, as_of: datetime.date) -> Evaluation:
    """Failing from the first day a service was approved under a policy not in force (or not
    approved at a held meeting) on its approval day or planned start."""
    uses = list(
        ServiceRequest.objects.filter(
            committee=committee,
            route=Route.POLICY,
            status=Status_.APPROVED,
            decided_on__lte=as_of,
        )
        .filter(Q(decided_on__gte=period.start) | Q(starts_on__gte=period.start))
        .select_related("committee", "policy_line__policy__approved_at")
        .order_by("decided_on", "pk")
    )
    bad = []
    for request in uses:
        line = request.policy_line
        policy = line.policy if line is not None else None
        if (
            policy is None
            or not policy.in_force_on(request.decided_on)
            or not policy.in_force_on(request.starts_on)
            or policy.approved_at.status != Meeting.Status.HELD
        ):
            bad.append(request)
    in_force = (
        PreApprovalPolicy.objects.filter(
            committee=committee, effective_from__lte=as_of, effective_to__gte=as_of
        )
        .order_by("-version")
        .first()
    )
    policy_link = (
        (EvidenceLink(f"Pre-approval policy v{in_force.version}", url=policy_url(committee)),)
        if in_force
        else ()
    )
    if bad:
        request = bad[0]
        return Evaluation(
            Status.FAILING,
            since=request.decided_on,
            detail=f"“{request.service}” was approved under the policy on "
            f"{day_words(request.decided_on)}, but no policy approved by the committee was in "
            "force for it; the committee approves it specifically at its next meeting."
            + (f" {count_of(len(bad), 'service')} in all." if len(bad) > 1 else ""),
            evidence=(EvidenceLink(request.service, url=request_url(request)), *policy_link),
        )
    words = (
        f"Policy v{in_force.version} is in force until {day_words(in_force.effective_to)}."
        if in_force
        else "No pre-approval policy is in force: every service needs specific approval."
    )
    uses_words = (
        f" {count_of(len(uses), 'service')} approved under a policy this year, each while it was "
        "in force."
        if uses
        else ""
    )
    return Evaluation(
        Status.MET,
        met_on=as_of,
        detail=words + uses_words,
        evidence=policy_link
        + tuple(EvidenceLink(r.service, url=request_url(r)) for r in uses[:10]),
    )


def register_all() -> None:
    common = {
        "kind": Kind.SEC,
        "may_act": can_manage_auditor,
        "may_see_evidence": reads_auditor,
        "applies_to": lambda committee: committee.is_audit_committee,
    }
    register(
        Requirement(
            key=REPORTED_KEY,
            title="Pre-approvals reported to the full committee",
            rule=DELEGATION_RULE,
            cadence=Ongoing(),
            evaluator=evaluate_reported,
            evidence_url=requests_url,
            description="Each service approved under the pre-approval policy and each decision "
            "of the member the committee delegated to is reported to the full committee at its "
            "next meeting.",
            **common,
        )
    )
    register(
        Requirement(
            key=POLICY_KEY,
            title="Services approved under a policy in force",
            rule=PREAPPROVAL_RULE,
            cadence=Continuous(),
            evaluator=evaluate_policy,
            evidence_url=policy_url,
            description="A service approved under the pre-approval policy rests on a version "
            "the committee approved at a meeting, in force on the day of the approval and on "
            "the service's planned start.",
            **common,
        )
    )


register_all()
