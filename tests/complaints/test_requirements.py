"""The complaint duties in the deadline engine (RULES 6; Charter: Responsibilities 5), checked a
day before and after each boundary, and reported by charter_status."""

import contextlib
import datetime
import io
import json

import pytest
import time_machine
from django.core.management import call_command

from complaints import requirements as req
from complaints import services
from complaints.models import Case, ProcedureReview, QuarterlySummary, add_business_days
from deadlines.cadences import Period
from deadlines.registry import registry
from deadlines.status import Status

pytestmark = pytest.mark.django_db
D = datetime.date
UTC = datetime.UTC
KEYS = {
    "complaints.acknowledge",
    "complaints.reporter_contact",
    "complaints.quarterly_summary",
    "complaints.procedure_review",
}
YEAR = Period(D(2026, 1, 1), D(2026, 12, 31), None)


def _received(new_case, day: D) -> Case:
    moment = datetime.datetime(day.year, day.month, day.day, 15, tzinfo=UTC)
    return new_case(now=moment)[0]


def test_every_complaint_requirement_is_registered_for_audit_committees_only(
    audit_committee, other_committee
):
    assert {r.key for r in registry.all()} >= KEYS
    for key in KEYS:
        requirement = registry.get(key)
        assert requirement.applies(audit_committee) and not requirement.applies(other_committee)
    assert "complaints" in registry.watched()


def test_five_working_days_skip_the_weekend():
    # Friday 5 June 2026 + 5 working days = Friday 12 June.
    assert add_business_days(D(2026, 6, 5), 5) == D(2026, 6, 12)
    assert add_business_days(D(2026, 6, 8), 5) == D(2026, 6, 15)


def test_a_case_must_be_acknowledged_within_five_working_days(policy, new_case):
    """RULES 6 (policy: 5 working days, configurable)."""
    committee = policy.committee
    case = _received(new_case, D(2026, 6, 5))
    on_the_day = req.evaluate_acknowledge(committee, YEAR, D(2026, 6, 12))
    assert on_the_day.status == Status.DUE and on_the_day.due == D(2026, 6, 12)
    assert case.number not in on_the_day.detail  # counts, never a case that could be excluded
    policy.acknowledge_business_days = 3
    policy.save()
    assert req.evaluate_acknowledge(committee, YEAR, D(2026, 6, 9)).due == D(2026, 6, 10)
    services.case_status_set(case=case, by=None, status="acknowledged")
    assert req.evaluate_acknowledge(committee, YEAR, D(2026, 6, 13)).status == Status.MET


def test_an_open_case_may_not_stay_silent_more_than_thirty_days(policy, new_case, chair):
    committee = policy.committee
    case = _received(new_case, D(2026, 5, 1))
    before = req.evaluate_reporter_contact(committee, YEAR, D(2026, 5, 23))
    assert before.status == Status.MET
    near = req.evaluate_reporter_contact(committee, YEAR, D(2026, 5, 24))
    assert near.status == Status.DUE and near.due == D(2026, 5, 31)
    late = req.evaluate_reporter_contact(committee, YEAR, D(2026, 6, 1))
    assert "1 silent towards the reporter" in late.detail
    with time_machine.travel(datetime.datetime(2026, 6, 2, 9, tzinfo=UTC), tick=False):
        services.committee_message_send(case=case, by=chair, body="Still working on it.")
    assert req.evaluate_reporter_contact(committee, YEAR, D(2026, 6, 2)).status == Status.MET
    services.case_status_set(case=case, by=chair, status="closed")
    assert (
        req.evaluate_reporter_contact(committee, YEAR, D(2026, 9, 1)).detail == "No case is open."
    )


def test_the_quarterly_summary_is_met_by_its_record(policy, chair):
    committee = policy.committee
    quarter = Period(D(2026, 4, 1), D(2026, 6, 30), D(2026, 7, 30))
    assert req.summary_cadence(committee, D(2026, 5, 1)).due_days_after_end == 30
    assert req.evaluate_summary(committee, quarter, D(2026, 7, 30)).status == Status.DUE
    QuarterlySummary.objects.create(
        committee=committee,
        period_start=quarter.start,
        period_end=quarter.end,
        presented_on=D(2026, 7, 20),
        counts={"received": 3},
        recorded_by=chair,
    )
    met = req.evaluate_summary(committee, quarter, D(2026, 7, 30))
    assert met.status == Status.MET and met.met_on == D(2026, 7, 20)
    assert req.evaluate_summary(committee, quarter, D(2026, 7, 19)).status == Status.DUE


def test_the_annual_review_of_the_procedures(policy, chair):
    committee = policy.committee
    assert req.evaluate_procedure_review(committee, YEAR, D(2026, 3, 1)).status == Status.DUE
    ProcedureReview.objects.create(
        committee=committee, reviewed_on=D(2026, 3, 2), outcome="No change.", recorded_by=chair
    )
    assert req.evaluate_procedure_review(committee, YEAR, D(2026, 3, 1)).status == Status.DUE
    assert req.evaluate_procedure_review(committee, YEAR, D(2026, 3, 2)).status == Status.MET


def test_charter_status_reports_the_complaint_requirements(policy, new_case, chair):
    """Done when: charter_status reports the complaint requirements."""
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=UTC), tick=False):
        _received(new_case, D(2026, 6, 1))
        out = io.StringIO()
        with contextlib.suppress(SystemExit):
            call_command("charter_status", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    keys = {
        r["key"]: r
        for committee in data["committees"]
        for r in committee["requirements"]
        if r["key"].startswith("complaints.")
    }
    assert set(keys) == KEYS
    assert keys["complaints.acknowledge"]["status"] == "overdue"


def test_a_public_report_marks_the_duties_stale_and_the_next_page_refreshes_them(
    policy, new_case, django_capture_on_commit_callbacks
):
    """The reporter's request does not wait for the engine; the committee's next read does."""
    from deadlines.freshness import occurrences_ensure_fresh
    from deadlines.models import Occurrence
    from deadlines.services import deadlines_run

    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=UTC), tick=False):
        deadlines_run(as_of=D(2026, 6, 15))
        row = Occurrence.objects.get(requirement_key="complaints.acknowledge")
        assert row.status == "met"
        with django_capture_on_commit_callbacks(execute=True):
            new_case()
        row.refresh_from_db()
        assert row.evaluated_on is None and row.status == "met"
        occurrences_ensure_fresh([policy.committee_id])
        row.refresh_from_db()
        assert row.status in ("due", "due_soon") and row.evaluated_on == D(2026, 6, 15)


def test_the_dashboard_lists_a_waiting_case_with_the_deadlines_not_the_composition(
    policy, new_case, chair, client_for
):
    """The complaint duties are the committee's to meet, not part of its composition."""
    from django.urls import reverse

    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=UTC), tick=False):
        _received(new_case, D(2026, 6, 1))
        home = client_for(chair).get(reverse("home"))
    ((summary, deadlines, _),) = home.context["panels"]
    assert not [f for f in summary.findings if f.key.startswith("complaints.")]
    overdue = [item.key for item in deadlines.overdue]
    assert "complaints.acknowledge" in overdue
