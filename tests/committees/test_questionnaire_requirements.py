"""Issue 12: the two requirements, committees.director_questionnaires and
committees.annual_determinations, with their due dates (45 and 90 days after the fiscal year
ends by default, or the year's own dates), evidence and reminders through the engine."""

import datetime

import pytest
import time_machine

from committees.questionnaire import services
from committees.requirements import DETERMINATIONS_KEY, QUESTIONNAIRES_KEY
from deadlines.models import Occurrence
from deadlines.services.run import deadlines_run
from tests.committees import questionnaire_support as q

D = datetime.date


def _on(day):
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False
    )


FY2025 = D(2025, 1, 1)


def _occurrence(committee, key, start=FY2025):
    return Occurrence.objects.get(committee=committee, requirement_key=key, period_start=start)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(D(2026, 2, 14), "due_soon"), (D(2026, 2, 15), "overdue")],
)
def test_questionnaires_are_due_45_days_after_the_year_ends(
    audit_committee, chair, member, as_of, expected
):
    """Regulation S-K Item 407(a): fiscal 2025's questionnaires are due on 14 February 2026;
    overdue the day after."""
    with _on(D(2025, 12, 1)):
        deadlines_run(as_of=D(2025, 12, 1))
    with _on(as_of):
        deadlines_run(as_of=as_of)
    occurrence = _occurrence(audit_committee, QUESTIONNAIRES_KEY)
    assert occurrence.due_date == D(2026, 2, 14)
    assert occurrence.status == expected
    assert "not open yet" in occurrence.detail


def test_met_when_every_member_certified_with_the_year_as_evidence(
    audit_committee, chair, member, secretary
):
    """Regulation S-K Item 407(a): met once Alice and Bob certified fiscal 2025's questionnaire
    by the year's own due date."""
    with _on(D(2025, 12, 1)):
        deadlines_run(as_of=D(2025, 12, 1))  # opens fiscal 2025's occurrences
    with _on(D(2026, 1, 20)):
        row = services.round_open(fiscal_year=2025, opened_by=secretary, certify_by=D(2026, 2, 10))
        deadlines_run(as_of=D(2026, 1, 20))
        occurrence = _occurrence(audit_committee, QUESTIONNAIRES_KEY)
        assert occurrence.due_date == D(2026, 2, 10) and occurrence.status == "due_soon"
        assert "0 of 2 members" in occurrence.detail and "Alice Chair" in occurrence.detail
        for user in (chair, member):
            questionnaire = q.start(user, row, as_of=D(2026, 1, 20))
            q.answer_every_section(questionnaire, as_of=D(2026, 1, 20))
            q.certify(questionnaire, user, as_of=D(2026, 1, 20))
        deadlines_run(as_of=D(2026, 1, 20))
    occurrence = _occurrence(audit_committee, QUESTIONNAIRES_KEY)
    assert occurrence.status == "met" and occurrence.met_on == D(2026, 1, 20)
    assert occurrence.evidence.get().url == row.get_absolute_url()


def test_determinations_due_90_days_after_the_year_ends_and_met_by_adoption(
    audit_committee, chair, member, secretary
):
    """Nasdaq 5605(a)(2): the board adopts fiscal 2025's determinations by 31 March 2026; met
    by the batch adopted at its meeting, the batch as evidence."""
    with _on(D(2025, 12, 1)):
        deadlines_run(as_of=D(2025, 12, 1))  # opens fiscal 2025's occurrences
    with _on(D(2026, 1, 20)):
        row = services.round_open(fiscal_year=2025, opened_by=secretary)
        deadlines_run(as_of=D(2026, 1, 20))
        assert _occurrence(audit_committee, DETERMINATIONS_KEY).due_date == D(2026, 3, 31)
        for user in (chair, member):
            questionnaire = q.start(user, row, as_of=D(2026, 1, 20))
            q.answer_every_section(questionnaire, as_of=D(2026, 1, 20), equity="0.00")
            q.certify(questionnaire, user, as_of=D(2026, 1, 20))
        batch = services.batch_prepare(round=row, prepared_by=secretary, as_of=D(2026, 1, 20))
        services.batch_adopt(
            batch=batch,
            adopted_on=D(2026, 1, 20),
            meeting_reference="Board meeting of 20 January 2026",
            adopted_by=secretary,
        )
        deadlines_run(as_of=D(2026, 1, 20))
    occurrence = _occurrence(audit_committee, DETERMINATIONS_KEY)
    assert occurrence.status == "met" and occurrence.met_on == D(2026, 1, 20)
    assert occurrence.evidence.get().url == batch.get_absolute_url()


def test_a_reminder_is_claimed_as_the_questionnaires_fall_due(audit_committee, chair, member):
    """Regulation S-K Item 407(a): within the due-soon window of 14 February 2026 the engine
    claims a reminder for the members and the secretary, once however often it runs."""
    from deadlines.models import Reminder

    with _on(D(2025, 12, 1)):
        deadlines_run(as_of=D(2025, 12, 1))
    for _ in range(2):
        with _on(D(2026, 1, 20)):
            deadlines_run(as_of=D(2026, 1, 20))
    occurrence = _occurrence(audit_committee, QUESTIONNAIRES_KEY)
    assert Reminder.objects.filter(occurrence=occurrence).count() == 1
