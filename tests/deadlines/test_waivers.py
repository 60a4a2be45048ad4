"""A waiver needs the committee's chair or the corporate secretary, and a reason; it closes the
occurrence, stops its reminders, and stays on the record."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from deadlines.cadences import FiscalQuarter, RollingMonths
from deadlines.models import Occurrence, Reminder, Waiver
from deadlines.registry import registry
from deadlines.services import waiver_grant
from deadlines.status import Status
from tests.deadlines.support import occurrence, requirement, run

D = datetime.date
KEY = "tests.quarterly_review"
Q1 = D(2026, 1, 1)


@pytest.fixture
def open_quarter(domain, done, settings):
    settings.EMAIL_BACKEND = "tests.deadlines.test_reminders.MailServerDown"
    requirement(KEY, FiscalQuarter(), done)
    run(D(2026, 3, 1))  # the 30-day reminder is claimed but the mail server is down
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return occurrence(KEY, Q1)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_waiver_needs_a_reason(open_quarter, chair, reason):
    with pytest.raises(ValidationError) as error:
        waiver_grant(occurrence=open_quarter, user=chair, reason=reason, as_of=D(2026, 3, 2))
    assert error.value.message_dict == {
        "reason": ["Give the reason for the waiver; every report shows it."]
    }
    assert not Waiver.objects.exists()
    assert occurrence(KEY, Q1).status == Status.DUE_SOON


def test_a_reason_that_cannot_be_stored_is_refused_plainly(open_quarter, chair):
    with pytest.raises(ValidationError, match="cannot be stored"):
        waiver_grant(occurrence=open_quarter, user=chair, reason="a\x00b", as_of=D(2026, 3, 2))
    assert not Waiver.objects.exists()


@pytest.mark.parametrize("who", ["member", "other_member", "outsider", "board_reader"])
def test_only_the_chair_or_the_secretary_may_waive(open_quarter, request, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied, match="chair or the corporate secretary"):
        waiver_grant(
            occurrence=open_quarter, user=user, reason="Board decision", as_of=D(2026, 3, 2)
        )
    assert not Waiver.objects.exists()


@pytest.mark.parametrize("who", ["chair", "secretary"])
def test_the_chair_or_secretary_waives_and_the_reminders_stop(open_quarter, request, who):
    user = request.getfixturevalue(who)
    waiver = waiver_grant(
        occurrence=open_quarter,
        user=user,
        reason="Meeting moved into Q2 by board resolution 2026-07.",
        as_of=D(2026, 3, 2),
    )
    waived = occurrence(KEY, Q1)
    assert (waived.status, waived.is_open, waived.waiver) == (Status.WAIVED, False, waiver)
    assert waiver.granted_by == user and waiver.granted_on == D(2026, 3, 2)
    assert Reminder.objects.get().cancel_reason == "The requirement was waived."
    assert waived.history.first().status == Status.WAIVED
    for day in (D(2026, 3, 24), D(2026, 4, 14)):
        run(day)
    assert mail.outbox == [] and Reminder.objects.count() == 1
    assert occurrence(KEY, Q1).status == Status.WAIVED


def test_a_closed_occurrence_cannot_be_waived(open_quarter, chair, done):
    done.record(KEY, Q1, D(2026, 3, 5))
    run(D(2026, 3, 5))
    with pytest.raises(ValidationError, match="already met"):
        waiver_grant(occurrence=open_quarter, user=chair, reason="Late", as_of=D(2026, 3, 6))


def test_without_a_permission_hook_nobody_may_waive(open_quarter, secretary):
    registry._can_waive = None
    with pytest.raises(PermissionDenied):
        waiver_grant(occurrence=open_quarter, user=secretary, reason="x", as_of=D(2026, 3, 2))


def test_a_waived_rolling_period_counts_the_next_from_its_due_date(domain, done, chair):
    requirement(
        "tests.independence_letter", RollingMonths(12), done, last_met=lambda c, d: D(2025, 4, 30)
    )
    run(D(2026, 1, 1))
    letter = occurrence("tests.independence_letter", D(2025, 5, 1))
    waiver_grant(occurrence=letter, user=chair, reason="Auditor replaced", as_of=D(2026, 2, 1))
    run(D(2026, 4, 30))
    # Nothing opens before the waived period would have ended.
    assert Occurrence.objects.filter(requirement_key="tests.independence_letter").count() == 1
    run(D(2026, 5, 1))
    following = occurrence("tests.independence_letter", D(2026, 5, 1))
    assert (following.due_date, following.status) == (D(2027, 4, 30), Status.DUE)
