"""The auditor's years before the demo's: a prior firm engaged for each fiscal year by the audit
committee, service requests decided at the committee's meetings (most approved, some refused or
withdrawn) and the fee ledger (the audit fee billed monthly, each approved service's fees against
its request). Fifty thousand rows at scale 1: two in five requests, three in five fees."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from auditors.models import AuditFirm, Engagement, Fee, ServiceRequest
from auditors.services_catalogue import CATEGORY_OF, Nature
from charter_portal.bench import Plan
from charter_portal.bench.progress import at

ONE_DAY = datetime.timedelta(days=1)
PRIOR_FIRM = {"name": "Whitcombe Hale LLP", "pcaob_id": "0291"}
SERVICES = (
    (Nature.REVIEW, "Review of a subsidiary's interim statements"),
    (Nature.AUDIT, "Statutory audit of a foreign subsidiary"),
    (Nature.REVIEW, "Comfort letter for a debt offering"),
    (Nature.ATTEST, "Attestation on a grant compliance report"),
    (Nature.AUDIT_RELATED, "Employee benefit plan audit"),
    (Nature.TAX, "Federal and state tax compliance review"),
    (Nature.OTHER_PERMITTED, "Agreed-upon procedures on royalty statements"),
)


def seed(plan: Plan) -> None:
    # Requests are entered by the corporate secretary's office.
    secretary = get_user_model().objects.filter(email__startswith="secretary@").first()
    for committee in plan.committees:
        if committee.is_audit_committee and plan.meetings.get(committee.pk):
            audit = [c for c in plan.committees if c.is_audit_committee]
            _committee(plan, committee, audit, secretary)


def _committee(plan: Plan, committee, audit_committees: list, secretary) -> None:
    held = plan.meetings[committee.pk]
    demo_first = (
        Engagement.objects.filter(committee=committee)
        .order_by("fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )
    last_year = min(demo_first or plan.fiscal_year(plan.cutoff), plan.fiscal_year(plan.cutoff))
    years = range(plan.fiscal_year(plan.start), last_year)
    if not years:
        return
    firm = AuditFirm.objects.filter(name=PRIOR_FIRM["name"]).first()
    if firm is None:
        firm = AuditFirm(**PRIOR_FIRM)
        firm._history_date = at(plan.start)
        plan.writer.create(AuditFirm, [firm])
    engagements = [_engagement(plan, committee, firm, year, held) for year in years]
    plan.writer.create(Engagement, engagements)
    share = len(audit_committees) * len(engagements)
    for engagement in engagements:  # one year at a time, so memory stays flat at any scale
        start, end = plan.bounds(engagement.fiscal_year)
        in_year = [m for m in held if start <= m.starts_at.date() <= end]
        meetings = in_year or [engagement.approved_at]
        wanted = plan.count(20000) // share or 1
        requests = [_request(plan, engagement, meetings, secretary) for _ in range(wanted)]
        plan.writer.create(ServiceRequest, requests)
        approved = [r for r in requests if r.status == ServiceRequest.Status.APPROVED]
        plan.writer.create(Fee, _fees(plan, engagement, approved, plan.count(30000) // share or 1))


def _engagement(plan: Plan, committee, firm, year: int, held: list) -> Engagement:
    start, end = plan.bounds(year)
    before = [m for m in held if m.starts_at.date() <= start + 120 * ONE_DAY]
    meeting = before[-1] if before else held[0]
    approved_on = meeting.starts_at.date()
    begin = max(approved_on, end - 30 * ONE_DAY)
    row = Engagement(
        committee=committee,
        firm=firm,
        fiscal_year=year,
        status=Engagement.Status.COMPLETED,
        approved_at=meeting,
        approved_on=approved_on,
        audit_fee=Decimal(1_200_000 + 40_000 * (year - plan.start.year)),
        procedures_begin_on=begin,
        report_issued_on=max(end + 55 * ONE_DAY, begin),
        ratified_on=start + 140 * ONE_DAY,
        votes_for=40_000_000 + 50_000 * (year - plan.start.year),
        votes_against=1_200_000,
        votes_abstaining=250_000,
    )
    row._history_date = at(approved_on, 17)
    return row


def _request(plan: Plan, engagement: Engagement, meetings: list, secretary) -> ServiceRequest:
    nature, service = plan.rng.choice(SERVICES)
    meeting = plan.rng.choice(meetings)
    decided = meeting.starts_at.date()
    roll = plan.rng.random()
    row = ServiceRequest(
        committee_id=engagement.committee_id,
        engagement=engagement,
        service=service,
        nature=nature,
        category=CATEGORY_OF[nature],
        estimated_fee=Decimal(plan.rng.randrange(2_000, 10_000)),
        starts_on=decided + plan.rng.randint(1, 90) * ONE_DAY,
        firm_description="Scope, fixed fee and staffing as described in the firm's letter; no "
        "side or referral agreement.",
        requested_by=secretary,
        requested_at=at(decided - 10 * ONE_DAY),
        route=ServiceRequest.Route.COMMITTEE,
        approved_at=meeting,
        decided_on=decided,
    )
    if roll < 0.06:
        row.status = ServiceRequest.Status.REFUSED
        row.refusal_reason = "The committee preferred another provider for this service."
    elif roll < 0.1:
        row.status, row.route, row.approved_at, row.decided_on = "withdrawn", "", None, None
    else:
        row.status = ServiceRequest.Status.APPROVED
        row.started_on = row.starts_on
        row.independence_discussed_on = decided
        row.independence_discussion = "The firm confirmed the service does not bear on its "
        row.independence_discussion += "independence."
    row._history_date = meeting.ends_at if row.decided_on else row.requested_at
    return row


def _fees(plan: Plan, engagement: Engagement, approved: list, wanted: int) -> list[Fee]:
    """The audit fee in up to twelve monthly billings; the rest of the year's rows are fees of
    approved services, a share of each estimate."""
    start, end = plan.bounds(engagement.fiscal_year)
    billings = min(12, wanted) if approved else wanted
    rows, each = [], (engagement.audit_fee / billings).quantize(Decimal("0.01"))
    for n in range(billings):
        amount = each if n < billings - 1 else engagement.audit_fee - each * (billings - 1)
        rows.append(
            _fee(
                engagement,
                "Audit of the annual financial statements",
                "audit",
                amount,
                min(start + 30 * n * ONE_DAY, end),
                None,
            )
        )
    for n in range(wanted - billings):
        request = approved[n % len(approved)]
        amount = (request.estimated_fee / 3).quantize(Decimal("0.01"))
        rows.append(
            _fee(
                engagement,
                request.service,
                request.category,
                amount,
                request.starts_on + 30 * ONE_DAY,
                request,
            )
        )
    return rows


def _fee(engagement, service, category, amount, day, request) -> Fee:
    row = Fee(
        engagement=engagement,
        service=service,
        category=category,
        amount=amount,
        state=Fee.State.BILLED,
        basis=Fee.Basis.FIXED,
        request=request,
        recorded_on=day,
    )
    row._history_date = at(day)
    return row
