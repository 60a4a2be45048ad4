"""Pre-approval of the auditor's services (rules section 5): the policy and its lines, the
delegation, each request from intake to decision, the report to the next meeting, the fee
ledger and the caps. The clock: the audit committee's fiscal year 2026 (calendar year)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from auditors.caps import cap_usage
from auditors.models import Delegation, Fee, PolicyLine, PreApprovalPolicy, ServiceRequest
from auditors.models.common import LARGEST_FEE
from auditors.services import fees, policies
from auditors.services import requests as services
from auditors.services_catalogue import PROHIBITED, Nature
from deadlines.models import Reminder
from meetings import services as meeting_services
from meetings.models import AgendaItem, Topic
from tests import factories as f
from tests.auditors.support import engagement
from tests.meetings.support import NOW, at, hold, schedule

D = datetime.date
pytestmark = pytest.mark.django_db

PLAN_AUDIT = {
    "service": "Audit of the 401(k) benefit plan",
    "nature": "audit_related",
    "category": "audit_related",
    "cap": Decimal("60000.00"),
}
TAX_RETURNS = {
    "service": "Federal and state income tax return preparation",
    "nature": "tax",
    "category": "tax",
    "cap": Decimal("100000.00"),
}
POLICY_MEETING = D(2026, 2, 20)
POLICY_START, POLICY_END = D(2026, 3, 1), D(2027, 2, 28)
TODAY = D(2026, 6, 15)
FIFTY_THOUSAND = Decimal("50000.00")


# Helpers shared by the other test_approvals_* modules ------------------------------------------


def make_policy(committee, *, lines=None, start=POLICY_START, end=POLICY_END, meeting=None):
    return policies.policy_approve(
        committee=committee,
        effective_from=start,
        effective_to=end,
        approved_at=meeting or _policy_meeting(committee),
        summary="Services listed here are approved in advance up to their caps.",
        lines=lines if lines is not None else [dict(PLAN_AUDIT), dict(TAX_RETURNS)],
    )


def _policy_meeting(committee):
    from meetings.models import Meeting

    held = Meeting.objects.filter(committee=committee, starts_at=at(POLICY_MEETING, 14)).first()
    return held or hold(committee, POLICY_MEETING, hour=14)


def submit(committee, audit, by, *, day=TODAY, **fields) -> ServiceRequest:
    fields.setdefault("service", "Due diligence on the Harbor acquisition")
    fields.setdefault("nature", "audit_related")
    fields.setdefault("category", "audit_related")
    fields.setdefault("estimated_fee", Decimal("40000.00"))
    fields.setdefault("starts_on", D(2026, 7, 1))
    return services.request_submit(
        committee=committee,
        engagement=audit,
        by=by,
        now=at(day, 12),
        **fields,
    )


def delegate_to(committee, user, *, fee_limit=FIFTY_THOUSAND, starts_on=POLICY_START):
    return policies.delegation_grant(
        committee=committee,
        director=user.director,
        granted_at=hold(committee, D(2026, 2, 25), hour=15),
        starts_on=starts_on,
        fee_limit=fee_limit,
    )


def counts() -> tuple:
    return (
        PreApprovalPolicy.objects.count(),
        PolicyLine.objects.count(),
        Delegation.objects.count(),
        ServiceRequest.objects.count(),
        Fee.objects.count(),
    )


@pytest.fixture
def audit(committee):
    return engagement(committee, 2026)


# The policy (S-X 2-01(c)(7)) ------------------------------------------------------------------


def test_a_policy_version_with_specific_lines_and_caps(committee):
    """S-X 2-01(c)(7): a policy approved at a held meeting with quorum, detailed per service,
    with an effective period; a later version replaces it from its first day."""
    first = make_policy(committee)
    assert first.version == 1 and first.lines.count() == 2
    second = make_policy(
        committee, start=D(2026, 9, 1), end=D(2027, 8, 31), meeting=hold(committee, D(2026, 8, 20))
    )
    assert second.version == 2
    assert policies.policy_in_force(committee, D(2026, 8, 31)) == first
    assert policies.policy_in_force(committee, D(2026, 9, 1)) == second
    assert policies.policy_in_force(committee, D(2026, 2, 28)) is None


@pytest.mark.parametrize(
    "service", ["Tax services", "All other", "audit-related", "Audit-related services", "tax"]
)
def test_a_line_naming_only_a_category_is_refused_as_too_broad(committee, service):
    """S-X 2-01(c)(7): a broad category alone is not a policy."""
    before = counts()
    with pytest.raises(ValidationError) as error:
        make_policy(committee, lines=[{**TAX_RETURNS, "service": service}])
    assert "too broad" in str(error.value)
    assert counts() == before


@pytest.mark.parametrize("cap", [None, Decimal("0")])
def test_a_line_without_a_cap_is_refused(committee, cap):
    """S-X 2-01(c)(7): each line carries a fee cap."""
    before = counts()
    with pytest.raises(ValidationError, match="cap above zero"):
        make_policy(committee, lines=[{**PLAN_AUDIT, "cap": cap}])
    assert counts() == before


def test_a_line_for_a_prohibited_service_or_the_wrong_category_is_refused(committee):
    """S-X 2-01(c)(4): a prohibited service is never pre-approved either."""
    with pytest.raises(ValidationError, match=r"S-X 2-01\(c\)\(4\)"):
        make_policy(committee, lines=[{**PLAN_AUDIT, "nature": "valuation"}])
    with pytest.raises(ValidationError, match="choose that category"):
        make_policy(committee, lines=[{**TAX_RETURNS, "category": "all_other"}])
    assert PreApprovalPolicy.objects.count() == 0


def test_the_policy_is_approved_at_a_held_meeting_with_quorum_before_it_starts(committee, chair):
    """S-X 2-01(c)(7): the committee approves the policy, at a meeting, before it takes effect."""
    scheduled = schedule(committee, D(2026, 2, 20))
    with pytest.raises(ValidationError, match="not recorded as held"):
        make_policy(committee, meeting=scheduled)
    thin = hold(committee, D(2026, 2, 21), present=[chair.director])
    with pytest.raises(ValidationError, match="no quorum"):
        make_policy(committee, meeting=thin)
    late = hold(committee, D(2026, 3, 2))
    with pytest.raises(ValidationError, match="on or before the day it takes effect"):
        make_policy(committee, meeting=late, start=D(2026, 3, 1))
    assert PreApprovalPolicy.objects.count() == 0
    # Approved on its first day: in time.
    assert make_policy(committee, meeting=late, start=D(2026, 3, 2)).version == 1


# The delegation (SOX 202) ---------------------------------------------------------------------


def test_delegation_to_an_independent_member_at_a_held_meeting(committee, chair, outsider):
    """SOX 202: the committee delegates pre-approval to one of its independent members."""
    delegation = delegate_to(committee, chair)
    assert delegation.in_force_on(D(2026, 3, 1)) and not delegation.in_force_on(D(2026, 2, 28))
    stranger = f.DirectorFactory(full_name="Not On The Committee")
    with pytest.raises(ValidationError, match="not a member"):
        policies.delegation_grant(
            committee=committee,
            director=stranger,
            granted_at=delegation.granted_at,
            starts_on=D(2026, 3, 1),
            fee_limit=Decimal("1000"),
        )


def test_delegation_to_a_member_not_independent_on_the_day_is_refused(committee, member):
    """SOX 202: only an independent member may hold the delegation."""
    f.IndependenceDeterminationFactory(
        director=member.director, determined_on=D(2026, 3, 1), is_independent=False
    )
    meeting = hold(committee, D(2026, 2, 25))
    with pytest.raises(ValidationError, match="not independent"):
        policies.delegation_grant(
            committee=committee,
            director=member.director,
            granted_at=meeting,
            starts_on=D(2026, 3, 1),
            fee_limit=Decimal("1000"),
        )
    # The day before the board's finding he still was.
    ok = policies.delegation_grant(
        committee=committee,
        director=member.director,
        granted_at=meeting,
        starts_on=D(2026, 2, 28),
        fee_limit=Decimal("1000"),
        ends_on=D(2026, 2, 28),
    )
    assert ok.pk


def test_delegation_revoked_ends_on_its_last_day(committee, chair):
    delegation = delegate_to(committee, chair)
    with pytest.raises(ValidationError, match="end it on that day or later"):
        policies.delegation_revoke(delegation=delegation, last_day=D(2026, 2, 28))
    policies.delegation_revoke(delegation=delegation, last_day=D(2026, 6, 30))
    assert delegation.in_force_on(D(2026, 6, 30)) and not delegation.in_force_on(D(2026, 7, 1))


# Intake: refused at once ----------------------------------------------------------------------


@pytest.mark.parametrize("nature", sorted(PROHIBITED))
def test_a_prohibited_service_is_stored_refused_with_its_rule(committee, audit, secretary, nature):
    """S-X 2-01(c)(4): each of the ten prohibited services is refused at intake, with the rule
    named, and is never approvable afterwards."""
    row = submit(committee, audit, secretary, nature=nature, category="all_other")
    assert row.status == ServiceRequest.Status.REFUSED
    assert row.refusal_rule == "S-X 2-01(c)(4)"
    assert Nature(nature).label in row.refusal_reason
    row.status = ServiceRequest.Status.PENDING  # even were it reopened, never approvable
    with pytest.raises(ValidationError, match=r"S-X 2-01\(c\)\(4\)"):
        services.request_approve_at_meeting(
            request=row, meeting=hold(committee, D(2026, 6, 20)), by=secretary
        )


def test_tax_services_for_an_oversight_person_are_refused(committee, audit, secretary):
    """PCAOB 3523: no tax services to a person in a financial reporting oversight role."""
    row = submit(
        committee,
        audit,
        secretary,
        service="Personal tax return of the CFO",
        nature="tax",
        category="tax",
        for_oversight_person=True,
    )
    assert row.status == ServiceRequest.Status.REFUSED and row.refusal_rule == "PCAOB 3523"
    # The same flag on a service that is not a tax service refuses nothing.
    other = submit(committee, audit, secretary, for_oversight_person=True)
    assert other.status == ServiceRequest.Status.PENDING


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"estimated_fee": Decimal("-0.01")}, "cannot be negative"),
        ({"estimated_fee": LARGEST_FEE + Decimal("0.01")}, "not a plausible fee"),
        ({"estimated_fee": "lots"}, "not an amount"),
        ({"nature": "astrology"}, "kind of service"),
        ({"category": "misc"}, "four fee categories"),
        ({"nature": "tax", "category": "audit"}, "reported as tax fees"),
        ({"starts_on": D(2026, 6, 14)}, "move the start date"),
        ({"service": "   "}, "cannot be empty"),
    ],
)
def test_bad_requests_are_refused_with_a_clear_message(
    committee, audit, secretary, fields, message
):
    before = counts()
    with pytest.raises(ValidationError, match=message):
        submit(committee, audit, secretary, **fields)
    assert counts() == before


def test_the_largest_plausible_fee_and_a_start_today_are_accepted(committee, audit, secretary):
    row = submit(committee, audit, secretary, estimated_fee=LARGEST_FEE, starts_on=D(2026, 6, 15))
    assert row.status == ServiceRequest.Status.PENDING


# Under the policy ---------------------------------------------------------------------------


def test_a_service_a_line_covers_is_approved_under_the_policy_and_reported(
    committee, audit, secretary
):
    """S-X 2-01(c)(7) and SOX 202: approved under the policy at once, and put on the agenda of
    the committee's next scheduled meeting."""
    make_policy(committee)
    coming = schedule(committee, D(2026, 8, 10))
    row = submit(committee, audit, secretary, **_plan(Decimal("60000.00")))
    assert (row.status, row.route, row.decided_on) == ("approved", "policy", D(2026, 6, 15))
    assert row.reported_at.meeting == coming
    assert Topic.PREAPPROVAL_REPORT in row.reported_at.serves
    assert PLAN_AUDIT["service"] in row.reported_at.title


def _plan(fee, **extra):
    return {
        "service": PLAN_AUDIT["service"],
        "nature": "audit_related",
        "category": "audit_related",
        "estimated_fee": fee,
        **extra,
    }


def test_the_room_under_a_cap_counts_the_services_approved_under_it(committee, audit, secretary):
    """S-X 2-01(c)(7): exactly the room left fits; a cent more needs specific approval."""
    make_policy(committee)
    first = submit(committee, audit, secretary, **_plan(Decimal("35000.00")))
    assert first.route == "policy"
    over = submit(committee, audit, secretary, **_plan(Decimal("25000.01")))
    assert over.status == "pending" and "$25,000.00 left" in over.policy_note
    exact = submit(committee, audit, secretary, **_plan(Decimal("25000.00")))
    assert exact.route == "policy"


def test_the_line_must_be_in_force_on_the_planned_start(committee, audit, secretary):
    """S-X 2-01(c)(7): the policy has an effective period; the start date decides."""
    make_policy(committee, end=D(2026, 12, 31))
    last_day = submit(
        committee, audit, secretary, **_plan(Decimal("1000"), starts_on=D(2026, 12, 31))
    )
    assert last_day.route == "policy"
    after = submit(committee, audit, secretary, **_plan(Decimal("1000"), starts_on=D(2027, 1, 1)))
    assert after.status == "pending" and "No pre-approval policy" in after.policy_note


def test_a_service_the_policy_does_not_name_waits(committee, audit, secretary):
    make_policy(committee)
    row = submit(committee, audit, secretary, service="Audit of the pension plan")
    assert row.status == "pending" and "No line" in row.policy_note
    chosen = PolicyLine.objects.get(service=PLAN_AUDIT["service"])
    named = submit(committee, audit, secretary, service="401k plan audit", policy_line=chosen)
    assert named.route == "policy" and named.policy_line == chosen


def test_tax_services_under_the_policy_wait_for_the_description_and_discussion(
    committee, audit, secretary
):
    """PCAOB 3524: a tax service is approved only with the firm's written description and the
    committee's documented independence discussion, even under the policy."""
    make_policy(committee)
    tax = {**TAX_RETURNS, "estimated_fee": Decimal("20000")}
    del tax["cap"]
    bare = submit(committee, audit, secretary, **tax)
    assert bare.status == "pending" and "describes in writing" in bare.policy_note
    row = submit(committee, audit, secretary, firm_description="Scope: returns. Fixed fee.", **tax)
    assert row.status == "pending" and "discussion" in row.policy_note
    with pytest.raises(ValidationError, match="once it has taken place"):
        services.request_record_independence_discussion(
            request=row, discussed_on=D(2026, 6, 16), text="Talked.", as_of=D(2026, 6, 15)
        )
    services.request_record_independence_discussion(
        request=row,
        discussed_on=D(2026, 6, 15),
        text="The firm's partner explained why return preparation does not impair independence.",
        as_of=D(2026, 6, 15),
    )
    row.refresh_from_db()
    assert (row.status, row.route) == ("approved", "policy")


def test_internal_control_services_need_the_discussion_before_a_meeting_approves(
    committee, audit, secretary
):
    """PCAOB 3525: the same for internal-control-related services, whatever the route."""
    row = submit(
        committee,
        audit,
        secretary,
        service="Review of the controls over the new ERP",
        nature="internal_control",
        category="all_other",
        firm_description="Scope and fixed fee.",
    )
    meeting = hold(committee, D(2026, 6, 20))
    with pytest.raises(ValidationError, match="PCAOB 3525"):
        services.request_approve_at_meeting(request=row, meeting=meeting, by=secretary)
    services.request_record_independence_discussion(
        request=row, discussed_on=D(2026, 6, 20), text="Discussed.", as_of=D(2026, 6, 20)
    )
    services.request_approve_at_meeting(request=row, meeting=meeting, by=secretary)
    assert row.status == "approved" and row.route == "committee"


# By the delegate, between meetings (SOX 202) --------------------------------------------------


def test_the_delegate_approves_within_the_limit_and_it_is_reported(
    committee, audit, chair, secretary
):
    """SOX 202: a delegated decision, exactly at the fee limit, goes on the next agenda."""
    delegate_to(committee, chair, fee_limit=Decimal("40000.00"))
    row = submit(committee, audit, secretary)
    services.request_decide(request=row, by=chair, approve=True, as_of=D(2026, 6, 16))
    assert (row.status, row.route, row.decided_by) == ("approved", "delegate", chair)
    assert row.reported_at is None  # no meeting scheduled yet
    coming = schedule(committee, D(2026, 9, 9))
    row.refresh_from_db()
    assert row.reported_at.meeting == coming


def test_the_delegate_cannot_approve_beyond_the_delegation(committee, audit, chair, secretary):
    """SOX 202: a cent beyond the fee limit is the committee's to decide."""
    delegate_to(committee, chair, fee_limit=Decimal("39999.99"))
    row = submit(committee, audit, secretary)
    with pytest.raises(ValidationError, match=r"beyond the delegation.*\$39,999.99"):
        services.request_decide(request=row, by=chair, approve=True, as_of=D(2026, 6, 16))
    row.refresh_from_db()
    assert row.status == "pending"


def test_only_the_delegated_member_within_the_period_decides(
    committee, audit, chair, member, secretary
):
    delegation = delegate_to(committee, chair)
    row = submit(committee, audit, secretary)
    with pytest.raises(ValidationError, match="no delegation"):
        services.request_decide(request=row, by=member, approve=True, as_of=D(2026, 6, 16))
    policies.delegation_revoke(delegation=delegation, last_day=D(2026, 6, 15))
    with pytest.raises(ValidationError, match="no delegation"):
        services.request_decide(request=row, by=chair, approve=True, as_of=D(2026, 6, 16))


def test_the_delegate_must_still_be_independent_on_the_day(committee, audit, chair, secretary):
    """SOX 202: a delegate who is no longer independent decides nothing."""
    delegate_to(committee, chair)
    row = submit(committee, audit, secretary)
    f.IndependenceDeterminationFactory(
        director=chair.director, determined_on=D(2026, 6, 16), is_independent=False
    )
    with pytest.raises(ValidationError, match="not independent"):
        services.request_decide(request=row, by=chair, approve=True, as_of=D(2026, 6, 16))


def test_the_delegate_may_refuse_with_a_reason_and_it_is_reported(
    committee, audit, chair, secretary
):
    delegate_to(committee, chair)
    schedule(committee, D(2026, 9, 9))
    row = submit(committee, audit, secretary)
    with pytest.raises(ValidationError, match="Say why"):
        services.request_decide(request=row, by=chair, approve=False, as_of=D(2026, 6, 16))
    services.request_decide(
        request=row, by=chair, approve=False, reason="Too costly.", as_of=D(2026, 6, 16)
    )
    assert row.status == "refused" and row.reported_at is not None


def test_a_prohibited_service_is_never_decided_by_the_delegate(committee, audit, chair, secretary):
    """S-X 2-01(c)(4): never approvable, whoever decides."""
    delegate_to(committee, chair)
    row = submit(committee, audit, secretary, nature="legal", category="all_other")
    with pytest.raises(ValidationError):
        services.request_decide(request=row, by=chair, approve=True, as_of=D(2026, 6, 16))


# By the committee at a meeting ---------------------------------------------------------------


def test_approval_at_a_meeting_needs_it_held_with_quorum(committee, audit, chair, secretary):
    row = submit(committee, audit, secretary)
    with pytest.raises(ValidationError, match="not recorded as held"):
        services.request_approve_at_meeting(
            request=row, meeting=schedule(committee, D(2026, 6, 25)), by=secretary
        )
    with pytest.raises(ValidationError, match="no quorum"):
        services.request_approve_at_meeting(
            request=row,
            meeting=hold(committee, D(2026, 6, 26), present=[chair.director]),
            by=secretary,
        )
    assert ServiceRequest.objects.get().status == "pending"


def test_a_service_never_starts_before_its_approval(committee, audit, secretary):
    """S-X 2-01(c)(7): an approval dated after the planned start is refused; approval on the
    start day is in time; a start before the approval cannot be recorded."""
    row = submit(committee, audit, secretary, starts_on=D(2026, 6, 30))
    with pytest.raises(ValidationError, match="Move the start date"):
        services.request_approve_at_meeting(
            request=row, meeting=hold(committee, D(2026, 7, 1)), by=secretary
        )
    on_the_day = hold(committee, D(2026, 6, 30))
    services.request_approve_at_meeting(request=row, meeting=on_the_day, by=secretary)
    with pytest.raises(ValidationError, match="cannot have started before its approval"):
        services.request_record_start(request=row, started_on=D(2026, 6, 29), as_of=D(2026, 7, 5))
    services.request_record_start(request=row, started_on=D(2026, 6, 30), as_of=D(2026, 7, 5))
    assert row.started_on == D(2026, 6, 30)


def test_a_pending_service_cannot_start_and_its_start_can_move(committee, audit, secretary):
    row = submit(committee, audit, secretary)
    with pytest.raises(ValidationError, match="not approved"):
        services.request_record_start(request=row, started_on=D(2026, 7, 1), as_of=D(2026, 7, 1))
    with pytest.raises(ValidationError, match="today or later"):
        services.request_move_start(request=row, starts_on=D(2026, 6, 14), as_of=D(2026, 6, 15))
    services.request_move_start(request=row, starts_on=D(2026, 9, 1), as_of=D(2026, 6, 15))
    assert ServiceRequest.objects.get().starts_on == D(2026, 9, 1)


def test_refusal_by_the_committee_needs_a_reason(committee, audit, secretary):
    row = submit(committee, audit, secretary)
    with pytest.raises(ValidationError, match="cannot be empty"):
        services.request_refuse(request=row, by=secretary, reason=" ", as_of=D(2026, 6, 15))
    services.request_refuse(request=row, by=secretary, reason="Not needed.", as_of=D(2026, 6, 15))
    assert ServiceRequest.objects.get().status == "refused"
    with pytest.raises(ValidationError, match="already refused"):
        services.request_approve_at_meeting(
            request=row, meeting=hold(committee, D(2026, 6, 20)), by=secretary
        )


# The report to the next meeting (SOX 202) -----------------------------------------------------


def test_one_agenda_item_per_meeting_lists_every_report(committee, audit, chair, secretary):
    """SOX 202: the policy use and the delegated decision share one item of the next meeting."""
    make_policy(committee)
    delegate_to(committee, chair)
    coming = schedule(committee, D(2026, 8, 10))
    used = submit(committee, audit, secretary, **_plan(Decimal("1000")))
    decided = submit(committee, audit, secretary)
    services.request_decide(request=decided, by=chair, approve=True, as_of=D(2026, 6, 16))
    items = AgendaItem.objects.filter(meeting=coming)
    assert items.count() == 1
    item = items.get()
    assert {r.pk for r in item.reported_services.all()} == {used.pk, decided.pk}
    assert "under the policy" in item.title and "approved by delegation" in item.title


def test_a_meeting_on_the_day_of_the_decision_is_not_the_next_one(
    committee, audit, chair, secretary
):
    """SOX 202: reported at a meeting after the decision; the same day's may be over already."""
    delegate_to(committee, chair)
    schedule(committee, D(2026, 6, 16), hour=17)
    later = schedule(committee, D(2026, 6, 17))
    row = submit(committee, audit, secretary)
    services.request_decide(request=row, by=chair, approve=True, as_of=D(2026, 6, 16))
    assert row.reported_at.meeting == later


def test_a_cancelled_meeting_passes_its_reports_to_the_next(committee, audit, chair, secretary):
    delegate_to(committee, chair)
    first = schedule(committee, D(2026, 7, 10))
    second = schedule(committee, D(2026, 8, 10))
    row = submit(committee, audit, secretary)
    services.request_decide(request=row, by=chair, approve=True, as_of=D(2026, 6, 16))
    assert row.reported_at.meeting == first
    meeting_services.meeting_cancel(meeting=first, now=NOW)
    row.refresh_from_db()
    assert row.reported_at.meeting == second


def test_a_long_list_keeps_the_title_within_bounds(committee, audit, secretary):
    make_policy(committee, lines=[{**PLAN_AUDIT, "cap": Decimal("1000000")}])
    schedule(committee, D(2026, 8, 10))
    for _ in range(12):
        submit(committee, audit, secretary, **_plan(Decimal("100")))
    item = AgendaItem.objects.get()
    assert len(item.title) <= 300 and item.title.endswith("more")
    assert item.reported_services.count() == 12


# The fee ledger --------------------------------------------------------------------------------


def _fee(audit, **fields):
    fields.setdefault("service", "Annual audit")
    fields.setdefault("category", "audit")
    fields.setdefault("amount", Decimal("2400000"))
    fields.setdefault("recorded_on", D(2026, 6, 15))
    return fees.fee_record(engagement=audit, **fields)


def test_the_audit_fee_rests_on_the_engagement(audit):
    assert _fee(audit).request is None


def test_a_contingent_fee_is_refused(audit):
    """S-X 2-01(c)(5): no contingent fee or commission."""
    with pytest.raises(ValidationError, match=r"contingent.*S-X 2-01\(c\)\(5\)"):
        _fee(audit, basis="contingent")
    assert Fee.objects.count() == 0


@pytest.mark.parametrize(
    "amount, message",
    [(Decimal("-1"), "cannot be negative"), (LARGEST_FEE * 2, "not a plausible fee")],
)
def test_an_implausible_fee_is_refused(audit, amount, message):
    with pytest.raises(ValidationError, match=message):
        _fee(audit, amount=amount)
    assert Fee.objects.count() == 0


def test_a_non_audit_fee_needs_an_approved_request(committee, audit, secretary):
    """S-X 2-01(c)(7): a fee for a non-audit service rests on its approval."""
    with pytest.raises(ValidationError, match="rests on its approval"):
        _fee(audit, service="Due diligence", category="audit_related", amount=Decimal("100"))
    pending = submit(committee, audit, secretary)
    with pytest.raises(ValidationError, match="not approved"):
        _fee(audit, category="audit_related", amount=Decimal("100"), request=pending)
    other_year = engagement(committee, 2025)
    with pytest.raises(ValidationError, match="another year"):
        _fee(other_year, category="audit_related", amount=Decimal("100"), request=pending)
    # Recorded as not pre-approved (the de minimis route): the ledger keeps it.
    pending.route = ServiceRequest.Route.DE_MINIMIS
    pending.save(update_fields=["route"])
    assert _fee(audit, category="audit_related", amount=Decimal("100"), request=pending).pk
    assert Fee.objects.count() == 1


def test_spending_past_a_cap_warns_the_chair_once_per_threshold(committee, audit, chair, secretary):
    """S-X 2-01(c)(7): fees past a line's cap warn the chair, once at 90% and once past it."""
    make_policy(committee)
    row = submit(committee, audit, secretary, **_plan(Decimal("60000")))
    line = row.policy_line

    def bill(amount):
        return _fee(
            audit, service=line.service, category="audit_related", amount=amount, request=row
        )

    bill(Decimal("53999.99"))
    assert not Reminder.objects.filter(key__startswith="auditors.cap:").exists()
    bill(Decimal("0.01"))  # exactly 90%
    bill(Decimal("6000"))  # exactly at the cap: not past it yet
    keys = set(
        Reminder.objects.filter(key__startswith="auditors.cap:").values_list("key", flat=True)
    )
    assert keys == {f"auditors.cap:{line.pk}:90"}
    bill(Decimal("0.01"))
    bill(Decimal("500"))
    warnings = Reminder.objects.filter(key=f"auditors.cap:{line.pk}:100")
    assert warnings.count() == 1
    assert list(warnings.get().recipients.all()) == [chair]


# Caps ------------------------------------------------------------------------------------------


def test_cap_usage_reports_each_line_of_the_policy_in_force(
    committee, audit, secretary, django_assert_max_num_queries
):
    make_policy(committee)
    row = submit(committee, audit, secretary, **_plan(Decimal("50000")))
    _fee(
        audit, service="Plan audit", category="audit_related", amount=Decimal("66000"), request=row
    )
    with django_assert_max_num_queries(2):
        usages = cap_usage(committee, D(2026, 6, 15))
    by_service = {u.line.service: u for u in usages}
    plan = by_service[PLAN_AUDIT["service"]]
    assert (plan.used, plan.remaining, plan.over, plan.committed) == (
        Decimal("66000.00"),
        Decimal("0.00"),
        True,
        Decimal("50000.00"),
    )
    assert plan.share == pytest.approx(1.1)
    tax = by_service[TAX_RETURNS["service"]]
    assert (tax.used, tax.remaining, tax.over, tax.share) == (0, Decimal("100000"), False, 0.0)
    assert cap_usage(committee, D(2026, 2, 28)) == []


def test_cap_usage_queries_do_not_grow_with_the_data(
    committee, audit, secretary, django_assert_max_num_queries
):
    lines = [
        {**PLAN_AUDIT, "service": f"Audit of benefit plan {n}", "cap": Decimal("900000")}
        for n in range(8)
    ]
    make_policy(committee, lines=lines)
    for n in range(8):
        row = submit(
            committee,
            audit,
            secretary,
            **_plan(Decimal("100"), service=f"Audit of benefit plan {n}"),
        )
        for _ in range(3):
            _fee(audit, service="x", category="audit_related", amount=Decimal("10"), request=row)
    with django_assert_max_num_queries(2):
        usages = cap_usage(committee, D(2026, 6, 15))
    assert len(usages) == 8 and all(u.used == Decimal("30") for u in usages)
