"""The auditor's communication duties in the deadline engine (Charter: Responsibilities 1 to 4;
PCAOB 3526(a) and (b); AS 1301; S-K 407(d)(3)): each registered under its rule, met by its
evidence, and due, overdue or failing at its boundaries."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from auditors.models import As1301Topic, Engagement
from auditors.requirements import communications as req
from auditors.services import reports
from committees.models import CompanyProfile, Questionnaire
from deadlines.cadences import Period
from deadlines.models import Occurrence
from deadlines.registry import registry
from deadlines.services import deadlines_run
from deadlines.status import Status
from meetings import services as meetings
from meetings.models import Topic
from tests.auditors.support import engagement
from tests.auditors.test_communications_helpers import (
    KIND,
    audit_ready_for_report,
    checklist,
    communication,
)
from tests.meetings.support import hold

D = datetime.date
pytestmark = pytest.mark.django_db
FY2026 = Period(D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31))
RULES = {
    req.ENGAGEMENT_KEY: ("charter", "Charter: Responsibilities 1"),
    req.RELATIONSHIPS_KEY: ("sec", "PCAOB 3526(a)"),
    req.INDEPENDENCE_KEY: ("sec", "PCAOB 3526(b)"),
    req.QUALITY_CONTROL_KEY: ("charter", "Charter: Responsibilities 1"),
    req.AUDIT_PLAN_KEY: ("charter", "Charter: Responsibilities 2"),
    req.AS1301_KEY: ("sec", "AS 1301"),
    req.STATEMENTS_KEY: ("charter", "Charter: Responsibilities 3"),
    req.FINDINGS_KEY: ("charter", "Charter: Responsibilities 4"),
    req.EVALUATION_KEY: ("charter", "Charter: Responsibilities 1"),
    req.RATIFICATION_KEY: ("charter", "Charter: Responsibilities 1"),
    req.REPORT_KEY: ("sec", "S-K 407(d)(3)"),
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2028, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def evaluate(key, committee, as_of, period=FY2026):
    return registry.get(key).evaluator(committee, period, as_of)


def status_on(committee, key, as_of):
    deadlines_run(as_of=as_of, committee_ids=[committee.pk])
    row = (
        Occurrence.objects.filter(committee=committee, requirement_key=key, period_start__lte=as_of)
        .order_by("-period_start")
        .first()
    )
    return row.status, row.due_date


def test_each_duty_is_registered_under_its_rule(committee, other_committee):
    """Each duty cites its rule id (RULES section 5, charter responsibilities) and kind, links to
    the engagement page, and applies to the audit committee only."""
    assert set(RULES) == set(req.COMMUNICATION_KEYS)
    for key, (kind, rule) in RULES.items():
        requirement = registry.get(key)
        assert (requirement.kind, requirement.rule) == (kind, rule), key
        assert requirement.applies(committee) and not requirement.applies(other_committee)
        assert requirement.evidence_url(committee, FY2026).startswith("/")
    assert req.fiscal_url(committee, FY2026) == reverse(
        "auditors:engagement", args=[committee.slug, 2026]
    )


# The engagement approved (Charter: Responsibilities 1) ----------------------------------------


def test_a_proposed_engagement_is_due_before_procedures_begin(committee):
    """Charter: Responsibilities 1: due on the day audit procedures are planned to begin,
    overdue the day after."""
    engagement(
        committee, 2026, status=Engagement.Status.PROPOSED, procedures_begin_on=D(2026, 9, 1)
    )
    result = evaluate(req.ENGAGEMENT_KEY, committee, D(2026, 8, 1))
    assert result.status == Status.DUE and result.due == D(2026, 9, 1)
    assert status_on(committee, req.ENGAGEMENT_KEY, D(2026, 9, 1))[0] != "overdue"
    assert status_on(committee, req.ENGAGEMENT_KEY, D(2026, 9, 2)) == ("overdue", D(2026, 9, 1))


def test_an_approved_engagement_meets_the_duty_with_its_meeting_as_evidence(committee):
    """Charter: Responsibilities 1: the approval and the fee, the meeting linked."""
    approved = engagement(committee, 2026)
    result = evaluate(req.ENGAGEMENT_KEY, committee, D(2026, 3, 1))
    assert result.status == Status.MET and result.met_on == D(2026, 2, 10)
    urls = [link.resolved_url() for link in result.evidence]
    assert approved.approved_at.get_absolute_url() in urls
    assert "$2,400,000.00" in result.detail
    # The day before the approval it was not yet met.
    assert evaluate(req.ENGAGEMENT_KEY, committee, D(2026, 2, 9)).status == Status.DUE


def test_no_engagement_is_due_with_a_message(committee):
    result = evaluate(req.ENGAGEMENT_KEY, committee, D(2026, 3, 1))
    assert result.status == Status.DUE and "proposes one" in result.detail


# PCAOB 3526(a) ----------------------------------------------------------------------------------


def test_a_new_firm_is_due_its_relationships_discussion_then_met(committee):
    """PCAOB 3526(a): a firm new to the committee owes its described and discussed
    relationships; the discussion meets it, linked to its meeting."""
    engagement(committee, 2026, status=Engagement.Status.PROPOSED)
    assert evaluate(req.RELATIONSHIPS_KEY, committee, D(2026, 3, 1)).status == Status.DUE
    meeting = hold(committee, D(2026, 3, 5))
    communication(committee, KIND.RELATIONSHIPS, D(2026, 3, 1), meeting=meeting)
    result = evaluate(req.RELATIONSHIPS_KEY, committee, D(2026, 3, 5))
    assert result.status == Status.MET and result.met_on == D(2026, 3, 5)
    assert meeting.get_absolute_url() in [link.resolved_url() for link in result.evidence]


def test_a_new_firm_approved_without_the_discussion_fails(committee):
    """PCAOB 3526(a): an approval recorded without it (outside the portal's own flow) fails."""
    engagement(committee, 2026)
    result = evaluate(req.RELATIONSHIPS_KEY, committee, D(2026, 3, 1))
    assert result.status == Status.FAILING and result.since == D(2026, 2, 10)


def test_a_firm_engaged_before_owes_no_first_engagement_discussion(committee):
    """PCAOB 3526(a) applies to a first engagement only."""
    engagement(committee, 2025)
    engagement(committee, 2026, status=Engagement.Status.PROPOSED)
    result = evaluate(req.RELATIONSHIPS_KEY, committee, D(2026, 3, 1))
    assert result.status == Status.MET and "engaged by the committee before" in result.detail


# PCAOB 3526(b) and the quality-control report, every 12 months ----------------------------------


@pytest.mark.parametrize(
    ("as_of", "overdue"),
    [(D(2027, 5, 10), False), (D(2027, 5, 11), True)],
)
def test_the_independence_letter_is_due_12_months_after_the_last_discussed(
    committee, as_of, overdue
):
    """PCAOB 3526(b): the letter discussed on 10 May 2026 is good until 10 May 2027; the day
    after, the next one is overdue."""
    engagement(committee, 2026)
    meeting = hold(committee, D(2026, 5, 10))
    communication(committee, KIND.INDEPENDENCE, D(2026, 5, 1), meeting=meeting)
    status, due = status_on(committee, req.INDEPENDENCE_KEY, as_of)
    assert due == D(2027, 5, 10)
    assert (status == "overdue") is overdue


def test_a_letter_discussed_within_the_12_months_meets_it(committee):
    """PCAOB 3526(b): the next letter discussed on the last day of the 12 months is in time."""
    engagement(committee, 2026)
    first = hold(committee, D(2026, 5, 10))
    communication(committee, KIND.INDEPENDENCE, D(2026, 5, 1), meeting=first)
    period = Period(D(2026, 5, 11), D(2027, 5, 10), D(2027, 5, 10))
    second = hold(committee, D(2027, 5, 10))
    communication(committee, KIND.INDEPENDENCE, D(2027, 5, 1), meeting=second)
    result = evaluate(req.INDEPENDENCE_KEY, committee, D(2027, 5, 10), period)
    assert result.status == Status.MET and result.met_on == D(2027, 5, 10)
    assert registry.get(req.INDEPENDENCE_KEY).last_met(committee, D(2027, 5, 10)) == D(2027, 5, 10)


def test_a_letter_not_stating_independence_does_not_meet_it(committee):
    """PCAOB 3526(b): the letter includes the firm's statement that it is independent."""
    engagement(committee, 2026)
    meeting = hold(committee, D(2026, 5, 10))
    communication(
        committee, KIND.INDEPENDENCE, D(2026, 5, 1), meeting=meeting, states_independent=False
    )
    period = Period(D(2026, 2, 11), D(2027, 2, 10), D(2027, 2, 10))
    assert evaluate(req.INDEPENDENCE_KEY, committee, D(2026, 6, 1), period).status == Status.DUE


def test_the_quality_control_report_is_met_by_its_discussion(committee):
    """Charter: Responsibilities 1: the firm's quality-control report, every 12 months."""
    engagement(committee, 2026)
    period = Period(D(2026, 2, 11), D(2027, 2, 10), D(2027, 2, 10))
    assert evaluate(req.QUALITY_CONTROL_KEY, committee, D(2026, 6, 1), period).status == "due"
    meeting = hold(committee, D(2026, 5, 10))
    communication(committee, KIND.QUALITY_CONTROL, D(2026, 5, 1), meeting=meeting)
    assert evaluate(req.QUALITY_CONTROL_KEY, committee, D(2026, 6, 1), period).status == "met"


# Items on the agenda: the plan and the findings (Charter: Responsibilities 2, 4) ----------------


def minuted(committee, day, topic):
    meeting = hold(committee, day)
    item = meetings.agenda_item_add(meeting=meeting, title="Auditor", serves=[topic])
    meetings.item_minute_record(item=item, minute="Reviewed with the engagement partner.")
    return meeting


def test_the_audit_plan_is_due_before_fieldwork_and_met_by_a_minuted_item(committee):
    """Charter: Responsibilities 2: each fiscal year, before audit procedures begin."""
    engagement(committee, 2026, procedures_begin_on=D(2026, 9, 1))
    result = evaluate(req.AUDIT_PLAN_KEY, committee, D(2026, 8, 1))
    assert result.status == Status.DUE and result.due == D(2026, 9, 1)
    minuted(committee, D(2026, 8, 20), Topic.AUDIT_PLAN)
    result = evaluate(req.AUDIT_PLAN_KEY, committee, D(2026, 8, 20))
    assert result.status == Status.MET and "after fieldwork" not in result.detail


def test_the_audit_findings_are_met_by_a_minuted_item_in_the_year(committee):
    """Charter: Responsibilities 4: each fiscal year; an item of the previous year does not
    count."""
    minuted(committee, D(2025, 12, 31), Topic.AUDIT_FINDINGS)
    assert evaluate(req.FINDINGS_KEY, committee, D(2026, 6, 1)).status == Status.DUE
    minuted(committee, D(2026, 1, 1), Topic.AUDIT_FINDINGS)
    assert evaluate(req.FINDINGS_KEY, committee, D(2026, 6, 1)).status == Status.MET


# AS 1301, the statements, the report (AS 1301; Charter: Responsibilities 3; S-K 407(d)(3)) -----


@pytest.mark.parametrize(("told", "expected"), [(11, Status.FAILING), (12, Status.MET)])
def test_the_as1301_checklist_at_the_reports_issue(committee, told, expected):
    """AS 1301: a report issued with 11 of the 12 matters fails; with 12 the duty is met."""
    active = engagement(committee, 2026)
    leave_out = () if told == 12 else (As1301Topic.MISSTATEMENTS,)
    checklist(active, D(2027, 2, 10), leave_out=leave_out)
    Engagement.objects.filter(pk=active.pk).update(
        status=Engagement.Status.COMPLETED, report_issued_on=D(2027, 2, 25)
    )
    result = evaluate(req.AS1301_KEY, committee, D(2027, 3, 1))
    assert result.status == expected
    if told == 11:
        assert result.since == D(2027, 2, 25)
        assert "Uncorrected and corrected misstatements" in result.detail


def test_the_as1301_checklist_before_the_report_is_due(committee):
    """AS 1301: before the report is issued, the missing matters are listed and it is due."""
    active = engagement(committee, 2026)
    checklist(active, D(2027, 2, 10), leave_out=(As1301Topic.GOING_CONCERN,))
    result = evaluate(req.AS1301_KEY, committee, D(2027, 2, 11))
    assert result.status == Status.DUE and "11 of 12" in result.detail
    assert registry.get(req.AS1301_KEY).cadence.period(
        as_of=D(2026, 6, 1), calendar=registry.calendar()
    ).due == D(2027, 3, 31)


def test_the_statements_review_needs_the_recommendation(committee):
    """Charter: Responsibilities 3: the review and the recommendation to include the
    statements in the annual report."""
    audit_ready_for_report(committee, leave_out=("recommended",))
    result = evaluate(req.STATEMENTS_KEY, committee, D(2027, 3, 1))
    assert result.status == Status.DUE and "recommendation" in result.detail


def test_the_committee_report_lists_what_it_lacks_then_is_met_when_signed(committee):
    """S-K 407(d)(3): due 120 days after the year ends; met by the signed report."""
    target = audit_ready_for_report(committee, leave_out=("independence",))
    result = evaluate(req.REPORT_KEY, committee, D(2027, 3, 1))
    assert result.status == Status.DUE and "independence" in result.detail
    assert registry.get(req.REPORT_KEY).cadence.period(
        as_of=D(2026, 6, 1), calendar=registry.calendar()
    ).due == D(2027, 4, 30)
    meeting = hold(committee, D(2027, 3, 5))
    communication(committee, KIND.INDEPENDENCE, D(2027, 3, 1), meeting=meeting)
    reports.report_sign(engagement=target, dated=D(2027, 3, 6), as_of=D(2027, 3, 6))
    result = evaluate(req.REPORT_KEY, committee, D(2027, 3, 6))
    assert result.status == Status.MET and result.met_on == D(2027, 3, 6)
    assert evaluate(req.REPORT_KEY, committee, D(2027, 3, 5)).status == Status.DUE


# The stockholders' vote and the auditor evaluation (Charter: Responsibilities 1) ---------------


def test_the_ratification_is_due_by_the_annual_meeting(committee, company):
    """Charter: Responsibilities 1: retention subject to the stockholders; the vote recorded by
    the annual meeting in the fiscal year."""
    CompanyProfile.objects.filter(pk=company.pk).update(next_annual_meeting=D(2026, 5, 20))
    active = engagement(committee, 2026)
    result = evaluate(req.RATIFICATION_KEY, committee, D(2026, 5, 1))
    assert result.status == Status.DUE and result.due == D(2026, 5, 20)
    Engagement.objects.filter(pk=active.pk).update(
        ratified_on=D(2026, 5, 20), votes_for=10, votes_against=3, votes_abstaining=0
    )
    result = evaluate(req.RATIFICATION_KEY, committee, D(2026, 5, 20))
    assert result.status == Status.MET and result.detail.startswith("Ratified")


def test_the_auditor_evaluation_counts_only_auditor_questionnaires_fully_answered(
    committee, chair, member
):
    """Charter: Responsibilities 1: every member answers the year's auditor evaluation; a
    self-evaluation does not count for it."""
    from committees.duties import services as duty_services
    from tests.committees.test_duties_models import answers_for, make_questionnaire

    own = make_questionnaire(committee, title="Self 2026", closes=D(2026, 6, 30))
    assert own.purpose == Questionnaire.Purpose.SELF_EVALUATION
    auditor = make_questionnaire(committee, title="Auditor 2026", closes=D(2026, 6, 30))
    Questionnaire.objects.filter(pk=auditor.pk).update(
        purpose=Questionnaire.Purpose.AUDITOR_EVALUATION, fiscal_year=2026
    )
    auditor.refresh_from_db()
    users = [m.director.user for m in committee.memberships.all() if m.director.user]
    for user in users:
        duty_services.evaluation_submit(
            questionnaire=own, user=user, answers=answers_for(own), as_of=D(2026, 6, 1)
        )
    assert evaluate(req.EVALUATION_KEY, committee, D(2026, 6, 2)).status == Status.DUE
    for user in users[:-1]:
        duty_services.evaluation_submit(
            questionnaire=auditor, user=user, answers=answers_for(auditor), as_of=D(2026, 6, 1)
        )
    result = evaluate(req.EVALUATION_KEY, committee, D(2026, 6, 2))
    assert result.status == Status.DUE and f"{len(users) - 1} of {len(users)}" in result.detail
    duty_services.evaluation_submit(
        questionnaire=auditor, user=users[-1], answers=answers_for(auditor), as_of=D(2026, 6, 2)
    )
    result = evaluate(req.EVALUATION_KEY, committee, D(2026, 6, 2))
    assert result.status == Status.MET and result.met_on == D(2026, 6, 2)


def test_the_engine_runs_every_auditor_duty_without_records(committee):
    """A committee with no auditor records yet: every duty evaluates, none raises."""
    report = deadlines_run(as_of=D(2026, 6, 15), committee_ids=[committee.pk])
    assert report.errors == []
    keys = set(
        Occurrence.objects.filter(committee=committee).values_list("requirement_key", flat=True)
    )
    assert set(req.COMMUNICATION_KEYS) <= keys
