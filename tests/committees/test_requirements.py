"""committees/requirements.py: the committees' duties in the deadline registry, evaluated across
their boundaries with fixed dates, and the hooks the engine calls."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committees import requirements as req
from committees.compliance import evaluate_committee
from committees.models import Response
from deadlines.cadences import FiscalCalendar
from deadlines.models import Occurrence
from deadlines.registry import registry
from deadlines.services import deadlines_run, waiver_grant
from tests import factories as f
from tests.committees.test_duties_models import make_questionnaire, review

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def status_on(committee, key, as_of):
    """What the engine records for ``key`` on ``as_of``: open the period and evaluate it."""
    deadlines_run(as_of=as_of)
    row = Occurrence.objects.filter(committee=committee, requirement_key=key).order_by(
        "-period_start"
    )[0]
    return row.status, row.due_date


def test_every_committee_duty_is_registered():
    keys = {r.key for r in registry.all()}
    assert set(req.COMPOSITION_KEYS) | {req.CHARTER_REVIEW_KEY, req.SELF_EVALUATION_KEY} <= keys
    assert len(req.COMPOSITION_KEYS) == 11
    review_req = registry.get(req.CHARTER_REVIEW_KEY)
    assert (
        review_req.rule
        == "Charter: Responsibilities 7; Nasdaq 5605(c)(1) (audit), 5605(d)(1) (compensation)"
    )
    assert review_req.kind == "charter"
    assert registry.get(req.SELF_EVALUATION_KEY).rule == "Charter: Responsibilities 7"


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2026, 1, 13), "due_soon"),  # 30 days before: the due-soon window opens
        (D(2026, 2, 11), "due_soon"),  # the day before the due date
        (D(2026, 2, 12), "due_soon"),  # the due date itself can still be met
        (D(2026, 2, 13), "overdue"),  # the day after
    ],
)
def test_charter_review_falls_due_12_months_after_the_last(audit_committee, as_of, expected):
    """Charter: Responsibilities 7; Nasdaq 5605(c)(1): reviewed on 12 February 2025, the next
    review is due on 12 February 2026 (the charter's 12 months)."""
    review(audit_committee, D(2025, 2, 12))
    status, due = status_on(audit_committee, req.CHARTER_REVIEW_KEY, as_of)
    assert (status, due) == (expected, D(2026, 2, 12))


def test_charter_review_is_only_due_31_days_before(audit_committee):
    """Nasdaq 5605(c)(1): 31 days before the due date it is due, not yet due soon."""
    review(audit_committee, D(2025, 2, 12))
    assert status_on(audit_committee, req.CHARTER_REVIEW_KEY, D(2026, 1, 12))[0] == "due"


def test_charter_review_interval_comes_from_the_charter(audit_committee):
    """Charter: Responsibilities 7: another charter asking for 18 months moves the due date."""
    charter = audit_committee.charter_versions.get()
    charter.charter_review_interval_months = 18
    charter.save()
    review(audit_committee, D(2025, 2, 12))
    assert status_on(audit_committee, req.CHARTER_REVIEW_KEY, D(2026, 6, 15)) == (
        "due",
        D(2026, 8, 12),
    )


def test_without_a_review_the_interval_counts_from_the_charters_adoption(audit_committee):
    """The charter adopted on 15 January 2020 stands as its last review."""
    assert req.charter_review_last_met(audit_committee, D(2026, 6, 15)) == D(2020, 1, 15)
    assert status_on(audit_committee, req.CHARTER_REVIEW_KEY, D(2026, 6, 15)) == (
        "overdue",
        D(2021, 1, 15),
    )


def test_a_review_in_the_period_meets_it(audit_committee):
    review(audit_committee, D(2025, 2, 12))
    deadlines_run(as_of=D(2026, 2, 13))
    review(audit_committee, D(2026, 2, 20))
    status, _ = status_on(audit_committee, req.CHARTER_REVIEW_KEY, D(2026, 2, 20))
    met = Occurrence.objects.get(committee=audit_committee, period_start=D(2025, 2, 13))
    assert (met.status, met.met_on) == ("met", D(2026, 2, 20))
    # The next run opens the next 12 months, counted from the review that met it.
    deadlines_run(as_of=D(2026, 2, 21))
    latest = Occurrence.objects.filter(
        committee=audit_committee, requirement_key=req.CHARTER_REVIEW_KEY
    ).latest("period_start")
    assert (latest.period_start, latest.due_date) == (D(2026, 2, 21), D(2027, 2, 20))


def test_self_evaluation_is_met_only_at_full_completion(audit_committee, chair, member):
    """Charter: Responsibilities 7: every member serving on the close date (30 June 2026) must
    answer; a member who joins on 1 July does not count, one who joins on 30 June does (each
    with a login: a member who cannot log in is not expected to answer)."""
    questionnaire = make_questionnaire(audit_committee)
    late = f.seat_qualified_member(audit_committee, start=D(2026, 7, 1), user=f.UserFactory())
    period = registry.get(req.SELF_EVALUATION_KEY).cadence_for(audit_committee, D(2026, 6, 15))
    period = period.period(as_of=D(2026, 6, 1), calendar=None, last_met=D(2025, 6, 1))
    for user, day in ((chair, D(2026, 6, 10)), (member, D(2026, 6, 12))):
        Response.objects.create(
            questionnaire=questionnaire,
            director=user.director,
            submitted_on=day,
            submitted_at=datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC),
        )
    on_11 = req.evaluate_self_evaluation(audit_committee, period, D(2026, 6, 11))
    assert on_11.status == "due" and "1 of 2 members" in on_11.detail
    on_12 = req.evaluate_self_evaluation(audit_committee, period, D(2026, 6, 12))
    assert (on_12.status, on_12.met_on) == ("met", D(2026, 6, 12))
    seat = late.memberships.get()
    seat.start_date = D(2026, 6, 30)
    seat.save()
    again = req.evaluate_self_evaluation(audit_committee, period, D(2026, 6, 12))
    assert again.status == "due" and "2 of 3 members" in again.detail


def test_self_evaluation_completed_before_the_period_does_not_count(audit_committee, member):
    questionnaire = make_questionnaire(audit_committee)
    Response.objects.create(
        questionnaire=questionnaire,
        director=member.director,
        submitted_on=D(2026, 6, 5),
        submitted_at=datetime.datetime(2026, 6, 5, 9, tzinfo=datetime.UTC),
    )
    assert req.self_evaluation_last_met(audit_committee, D(2026, 6, 15)) == D(2026, 6, 5)
    cadence = registry.get(req.SELF_EVALUATION_KEY).cadence_for(audit_committee, D(2026, 6, 15))
    period = cadence.period(as_of=D(2026, 6, 15), calendar=None, last_met=D(2026, 6, 5))
    assert req.evaluate_self_evaluation(audit_committee, period, D(2026, 6, 15)).status == "due"


def test_composition_requirements_map_findings(audit_committee, chair, member):
    """Nasdaq 5605(c)(2)(A): two members is one short of three: failing, as the finding says."""
    report = evaluate_committee(audit_committee, D(2026, 6, 15))
    deadlines_run(as_of=D(2026, 6, 15))
    rows = dict(
        Occurrence.objects.filter(committee=audit_committee).values_list(
            "requirement_key", "status"
        )
    )
    for key in req.COMPOSITION_KEYS:
        assert rows[key] == str(report.finding(key).status), key
    assert rows["committees.composition.size"] == "failing"


def test_composition_applies_to_audit_committees_only_beyond_size_and_independence(
    other_committee, other_member
):
    deadlines_run(as_of=D(2026, 6, 15))
    keys = set(
        Occurrence.objects.filter(
            committee=other_committee, requirement_key__startswith="committees."
        ).values_list("requirement_key", flat=True)
    )
    assert keys == {
        "committees.composition.size",
        "committees.composition.charter_size",
        "committees.composition.independence",
        req.CHARTER_REVIEW_KEY,
        req.SELF_EVALUATION_KEY,
        # Issue 12: every committee tracks its members' questionnaires and determinations.
        *req.QUESTIONNAIRE_KEYS,
    }


def _committees(first, count):
    committees = []
    for n in range(first, first + count):
        committee = f.CommitteeFactory(name=f"Audit {n}", slug=f"audit-{n}")
        f.CharterVersionFactory(committee=committee)
        for _ in range(3):
            f.seat_qualified_member(committee, sophisticated=True)
        committees.append(committee)
    return committees


def _composition_queries(committees, as_of):
    with CaptureQueriesContext(connection) as captured:
        subjects = req.committee_subjects(as_of)
        for committee in subjects:
            for key in req.COMPOSITION_KEYS:
                registry.get(key).evaluator(committee, None, as_of)
    return len(captured)


def test_composition_is_evaluated_once_per_run_in_bounded_queries(company):
    """Eleven composition requirements for every committee cost the same queries for 1 or 3."""
    one = _composition_queries(_committees(0, 1), D(2026, 6, 15))
    three = _composition_queries(_committees(1, 2), D(2026, 6, 15))  # now 3 committees in all
    assert three == one
    assert one < 40


def test_responsible_escalation_and_waiver_hooks(
    company, audit_committee, chair, member, secretary, board_reader, other_member
):
    brennan = f.DirectorFactory(full_name="Thomas Brennan", user=board_reader)
    company.board_chair = brennan
    company.save()
    responsible = registry.responsible_for(
        registry.get(req.CHARTER_REVIEW_KEY), audit_committee, D(2026, 6, 15)
    )
    assert set(responsible) == {chair, member, secretary}
    # Composition findings have the same people responsible: their notices and cure deadlines
    # reach the same people, through the same outbox and feeds.
    size = registry.get("committees.composition.size")
    assert set(registry.responsible_for(size, audit_committee, D(2026, 6, 15))) == {
        chair,
        member,
        secretary,
    }
    assert size.sends_reminders is True
    assert set(registry.escalation_recipients(audit_committee, D(2026, 6, 15))) == {
        board_reader,
        secretary,
    }
    deadlines_run(as_of=D(2026, 6, 15))
    occurrence = Occurrence.objects.get(
        committee=audit_committee, requirement_key=req.CHARTER_REVIEW_KEY
    )
    assert registry.can_waive(chair, occurrence, D(2026, 6, 15))
    assert registry.can_waive(secretary, occurrence, D(2026, 6, 15))
    for user in (member, other_member, board_reader):
        assert not registry.can_waive(user, occurrence, D(2026, 6, 15))
    assert registry.is_admin_viewer(secretary) and not registry.is_admin_viewer(chair)
    waiver_grant(
        occurrence=occurrence, user=chair, reason="Charter replaced.", as_of=D(2026, 6, 15)
    )


def test_the_fiscal_calendar_follows_the_company_profile(company):
    company.fiscal_year_end_month, company.fiscal_year_end_day = 3, 31
    company.save()
    calendar = FiscalCalendar(req.fiscal_year)
    assert calendar.year(D(2026, 6, 15)) == (D(2026, 4, 1), D(2027, 3, 31))


def test_a_composition_lapse_is_told_once_through_the_engines_outbox(
    audit_committee, chair, member, secretary
):
    """Nasdaq 5605(c)(2)(A): a committee one member short is failing. The members and the
    secretary hear of it once, the day it begins, through the one outbox (email and the
    in-portal list); nine more daily runs repeat nothing (the weekly reminder comes on day 8)."""
    from deadlines.models import Notification, Reminder

    for day in range(7):
        deadlines_run(as_of=D(2026, 6, 1) + datetime.timedelta(days=day))
    size = Occurrence.objects.get(
        committee=audit_committee, requirement_key="committees.composition.size"
    )
    assert size.status == "failing"
    (notice,) = Reminder.objects.filter(occurrence=size)
    assert notice.claimed_on == D(2026, 6, 1) and notice.sent_at is not None
    assert {n.user for n in Notification.objects.filter(reminder=notice)} == {
        chair,
        member,
        secretary,
    }


def test_standing_composition_duties_show_in_the_status_not_again_as_deadlines(
    audit_committee, chair, member
):
    """Nasdaq 5605(c)(2)(A): a committee one member short is failing. The dashboard shows that
    in the committee's composition status; the deadline columns do not list it a second time."""
    import datetime

    from deadlines.selectors.dashboard import dashboard_deadlines
    from deadlines.services import deadlines_run

    as_of = datetime.date(2026, 6, 15)
    deadlines_run(as_of=as_of)
    panel = dashboard_deadlines([audit_committee.pk], as_of)[audit_committee.pk]
    listed = [
        item.occurrence.requirement_key
        for item in panel.overdue + panel.next_30 + panel.next_90 + panel.recent
    ]
    assert not [key for key in listed if key.startswith("committees.composition.")]
    assert "committees.charter_review" in listed or panel.later
