"""The pre-approval duties in the deadline engine: each policy use and delegated decision
reported at the committee's next meeting (SOX 202), and each service approved under a policy
resting on one in force (S-X 2-01(c)(7))."""

import datetime
from decimal import Decimal

import pytest

from auditors.models import PreApprovalPolicy
from auditors.requirements.approvals import (
    POLICY_KEY,
    REPORTED_KEY,
    evaluate_policy,
    evaluate_reported,
)
from auditors.services import requests as services
from deadlines.cadences import Period
from deadlines.registry import registry
from deadlines.status import Kind, Status
from meetings.models import Meeting
from tests.auditors.support import engagement
from tests.auditors.test_approvals_services import PLAN_AUDIT, delegate_to, make_policy, submit
from tests.meetings.support import at, hold, schedule

D = datetime.date
pytestmark = pytest.mark.django_db
YEAR = Period(D(2026, 1, 1), D(2026, 12, 31), None)


def test_the_requirements_are_registered_as_sec_rules():
    reported, policy = registry.get(REPORTED_KEY), registry.get(POLICY_KEY)
    assert (reported.kind, reported.rule) == (Kind.SEC, "SOX 202")
    assert (policy.kind, policy.rule) == (Kind.SEC, "S-X 2-01(c)(7)")
    assert not reported.is_waivable and not policy.is_waivable


def _delegated(committee, chair, secretary, day=None):
    day = day or D(2026, 6, 16)
    delegate_to(committee, chair)
    row = submit(committee, engagement(committee, 2026), secretary)
    services.request_decide(request=row, by=chair, approve=True, as_of=day)
    return row


def test_nothing_to_report_is_met(committee):
    assert evaluate_reported(committee, YEAR, D(2026, 6, 15)).status == Status.MET


def test_a_decision_waits_for_the_meeting_it_is_placed_on(committee, chair, secretary):
    """SOX 202: due on the day of the next scheduled meeting, whose agenda carries it."""
    row = _delegated(committee, chair, secretary)
    found = evaluate_reported(committee, YEAR, D(2026, 6, 16))
    assert found.status == Status.DUE and found.due is None
    assert "none is scheduled yet" in found.detail
    meeting = schedule(committee, D(2026, 7, 20))
    found = evaluate_reported(committee, YEAR, D(2026, 6, 17))
    assert (found.status, found.due) == (Status.DUE, D(2026, 7, 20))
    assert found.evidence[0].resolved_url().endswith(f"/requests/{row.pk}/")
    # Held with the item on its agenda: reported.
    from meetings.services import attendance_record

    seats = committee.memberships.active_on(meeting.day).values_list("director_id", flat=True)
    attendance_record(
        meeting=meeting, statuses=dict.fromkeys(seats, "in_person"), as_of=meeting.day
    )
    found = evaluate_reported(committee, YEAR, D(2026, 7, 20))
    assert found.status == Status.MET
    row.refresh_from_db()
    assert found.evidence[0].resolved_url() == row.reported_at.get_absolute_url()


def test_a_meeting_held_after_the_decision_without_it_makes_it_overdue(committee, chair, secretary):
    """SOX 202: a meeting held the day after the decision without the report: overdue from it;
    a meeting held on the decision's own day does not count."""
    row = _delegated(committee, chair, secretary, day=D(2026, 6, 16))
    hold(committee, D(2026, 6, 16), hour=17)
    assert evaluate_reported(committee, YEAR, D(2026, 6, 16)).due is None
    # A meeting entered straight away as held (in the admin) never had the report on its agenda.
    start = at(D(2026, 6, 17), 10)
    Meeting.objects.create(
        committee=committee,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        location="Board room",
        status=Meeting.Status.HELD,
    )
    row.refresh_from_db()
    assert row.reported_at is None
    found = evaluate_reported(committee, YEAR, D(2026, 6, 18))
    assert (found.status, found.due) == (Status.DUE, D(2026, 6, 17))
    assert "was not reported" in found.detail


def test_a_policy_use_is_reported_too(committee, secretary):
    make_policy(committee)
    audit = engagement(committee, 2026)
    row = submit(
        committee,
        audit,
        secretary,
        service=PLAN_AUDIT["service"],
        estimated_fee=Decimal("100"),
    )
    assert row.route == "policy"
    found = evaluate_reported(committee, YEAR, D(2026, 6, 15))
    assert found.status == Status.DUE and row.service in found.evidence[0].label


def test_a_policy_use_rests_on_a_policy_in_force(committee, secretary):
    """S-X 2-01(c)(7): met while the policy was in force on the approval and the start;
    failing from the approval day when the record shows it was not."""
    assert evaluate_policy(committee, YEAR, D(2026, 6, 15)).status == Status.MET
    make_policy(committee)
    audit = engagement(committee, 2026)
    row = submit(
        committee,
        audit,
        secretary,
        service=PLAN_AUDIT["service"],
        estimated_fee=Decimal("100"),
        starts_on=D(2026, 9, 1),
    )
    found = evaluate_policy(committee, YEAR, D(2026, 6, 15))
    assert found.status == Status.MET and "Policy v1 is in force" in found.detail
    # The period corrected afterwards to end before the service's start.
    PreApprovalPolicy.objects.update(effective_to=D(2026, 8, 31))
    found = evaluate_policy(committee, YEAR, D(2026, 6, 15))
    assert (found.status, found.since) == (Status.FAILING, row.decided_on)
    assert row.service in found.detail
