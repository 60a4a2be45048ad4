"""Reads for the pre-approval pages, each a fixed number of queries whatever the number of
requests, policies, lines and fees."""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Value, When

from auditors.caps import cap_usage
from auditors.models import Delegation, PolicyLine, PreApprovalPolicy, ServiceRequest

PAGE_SIZE = 25
Status = ServiceRequest.Status


def _requests(committee):
    return ServiceRequest.objects.filter(committee=committee).select_related(
        "committee",
        "engagement__firm",
        "policy_line__policy",
        "delegation__director",
        "approved_at",
        "decided_by",
        "reported_at__meeting",
    )


@dataclass
class RequestsPage:
    page: object  # a Paginator page of ServiceRequest
    status: str  # the filter, "" for all
    counts: dict  # status -> count, over all the committee's requests


def requests_page(committee, *, status: str = "", page: str | int = 1) -> RequestsPage:
    """The committee's requests, awaiting approval first, then the latest; ``status`` filters."""
    rows = _requests(committee).annotate(
        waiting=Case(
            When(status=Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )
    if status in Status.values:
        rows = rows.filter(status=status)
    else:
        status = ""
    rows = rows.order_by("waiting", "-requested_at", "-pk")
    counts = dict(
        ServiceRequest.objects.filter(committee=committee)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return RequestsPage(
        page=Paginator(rows, PAGE_SIZE).get_page(page),
        status=status,
        counts={value: counts.get(value, 0) for value in Status.values},
    )


def request_of(committee, pk) -> ServiceRequest | None:
    return _requests(committee).filter(pk=pk).first()


@dataclass
class PolicyPage:
    policy: PreApprovalPolicy | None  # in force on the day
    usages: list  # caps.LineUsage of its lines
    versions: list  # every version, latest first
    delegations: list


def policy_page(committee, as_of: datetime.date) -> PolicyPage:
    usages = cap_usage(committee, as_of)
    versions = list(
        PreApprovalPolicy.objects.filter(committee=committee)
        .select_related("approved_at")
        .annotate(line_count=Count("lines"))
        .order_by("-version")
    )
    in_force = [p for p in versions if p.in_force_on(as_of)]
    delegations = list(
        Delegation.objects.filter(committee=committee)
        .select_related("director", "granted_at")
        .order_by("-starts_on", "-pk")
    )
    for delegation in delegations:
        delegation.in_force_today = delegation.in_force_on(as_of)
    return PolicyPage(
        policy=in_force[0] if in_force else None,
        usages=usages,
        versions=versions,
        delegations=delegations,
    )


def lines_open_from(committee, day: datetime.date):
    """Lines of the policies in force on ``day`` or later: those a new request may fall under."""
    return (
        PolicyLine.objects.filter(policy__committee=committee, policy__effective_to__gte=day)
        .select_related("policy")
        .order_by("-policy__version", "service")
    )
