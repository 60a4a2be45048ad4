"""A waiver can be revoked by whoever may grant one (the committee's chair or the corporate
secretary), with a reason: the occurrence reopens and the engine judges it again at once, through
the same code as the daily run; who, when and why stay on the record (issue 6 section 3)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from deadlines.cadences import FiscalQuarter, RollingMonths
from deadlines.models import Occurrence, Reminder, Waiver
from deadlines.services import waiver_grant, waiver_revoke
from deadlines.status import Status
from tests.deadlines.support import occurrence, requirement, run

D = datetime.date
KEY = "tests.quarterly_review"
Q1 = D(2026, 1, 1)


@pytest.fixture
def waived(domain, done, chair):
    """Q1's review (due 31 March) waived on 2 March, the 30-day notice then cancelled."""
    requirement(KEY, FiscalQuarter(), done)
    run(D(2026, 3, 1))
    return waiver_grant(
        occurrence=occurrence(KEY, Q1), user=chair, reason="Joint review", as_of=D(2026, 3, 2)
    )


def test_revoking_reopens_and_the_engine_judges_it_at_once(waived, secretary):
    revoked = waiver_revoke(
        waiver=waived, user=secretary, reason="The joint review fell through.", as_of=D(2026, 4, 2)
    )
    assert (revoked.revoked_by, revoked.revoked_on) == (secretary, D(2026, 4, 2))
    assert revoked.revoke_reason == "The joint review fell through."
    record = occurrence(KEY, Q1)
    assert (record.status, record.is_open, record.evaluated_on) == (
        Status.OVERDUE,
        True,
        D(2026, 4, 2),
    )
    assert record.active_waiver is None and record.waivers.get() == revoked
    # The due-day notice the daily run would claim on 2 April is claimed now, once.
    assert list(Reminder.objects.order_by("pk").values_list("threshold", "due_date")) == [
        ("30d", D(2026, 3, 31)),
        ("0d", D(2026, 3, 31)),
    ]
    run(D(2026, 4, 2))
    assert Reminder.objects.count() == 2
    assert [row.status for row in record.history.order_by("history_date")][-2:] == [
        Status.WAIVED,
        Status.OVERDUE,
    ]


def test_a_revoked_period_met_afterwards_closes_met(waived, chair, done):
    done.record(KEY, Q1, D(2026, 3, 20))
    waiver_revoke(waiver=waived, user=chair, reason="Held after all.", as_of=D(2026, 3, 21))
    record = occurrence(KEY, Q1)
    assert (record.status, record.is_open, record.met_on) == (Status.MET, False, D(2026, 3, 20))


@pytest.mark.parametrize("who", ["member", "other_member", "board_reader", "outsider"])
def test_only_the_chair_or_the_secretary_may_revoke_and_nothing_is_saved(waived, request, who):
    with pytest.raises(PermissionDenied, match="chair or the corporate secretary can revoke"):
        waiver_revoke(
            waiver=waived, user=request.getfixturevalue(who), reason="x", as_of=D(2026, 3, 3)
        )
    waived.refresh_from_db()
    assert waived.revoked_at is None and waived.history.count() == 1
    assert (occurrence(KEY, Q1).status, occurrence(KEY, Q1).is_open) == (Status.WAIVED, False)


@pytest.mark.parametrize("reason", ["", "  ", None, "a\x00b", "x" * 5001])
def test_a_revocation_needs_a_reason_that_can_be_kept(waived, chair, reason):
    with pytest.raises(ValidationError) as error:
        waiver_revoke(waiver=waived, user=chair, reason=reason, as_of=D(2026, 3, 3))
    assert list(error.value.message_dict) == ["revoke_reason"]
    waived.refresh_from_db()
    assert waived.revoked_at is None
    assert occurrence(KEY, Q1).status == Status.WAIVED


def test_a_waiver_is_revoked_once_and_the_period_can_then_be_waived_again(waived, chair):
    waiver_revoke(waiver=waived, user=chair, reason="Mistake", as_of=D(2026, 3, 3))
    with pytest.raises(ValidationError, match="already been revoked"):
        waiver_revoke(waiver=waived, user=chair, reason="Again", as_of=D(2026, 3, 4))
    again = waiver_grant(
        occurrence=occurrence(KEY, Q1), user=chair, reason="Second thoughts", as_of=D(2026, 3, 4)
    )
    assert occurrence(KEY, Q1).active_waiver == again
    assert Waiver.objects.count() == 2


def test_a_waiver_cannot_be_revoked_before_the_day_it_was_granted(waived, chair):
    with pytest.raises(ValidationError, match="before the day it was granted"):
        waiver_revoke(waiver=waived, user=chair, reason="x", as_of=D(2026, 3, 1))
    waived.refresh_from_db()
    assert waived.revoked_at is None


def test_a_rolling_period_counts_from_its_waiver_only_while_it_stands(domain, done, chair):
    """The next period of a rolling duty counts from the waived one's due date; revoked before
    then, the period reopens and the next one waits for it to be met."""
    key = "tests.independence_letter"
    requirement(key, RollingMonths(12), done, last_met=lambda c, d: D(2025, 4, 30))
    run(D(2026, 1, 1))
    letter = occurrence(key, D(2025, 5, 1))
    waiver = waiver_grant(occurrence=letter, user=chair, reason="Auditor gone", as_of=D(2026, 2, 1))
    waiver_revoke(waiver=waiver, user=chair, reason="Auditor stays", as_of=D(2026, 3, 1))
    run(D(2026, 5, 1))
    assert Occurrence.objects.filter(requirement_key=key).count() == 1
    assert occurrence(key, D(2025, 5, 1)).status == Status.OVERDUE
    done.record(key, D(2025, 5, 1), D(2026, 5, 10))
    run(D(2026, 5, 10))
    run(D(2026, 5, 11))
    following = occurrence(key, D(2026, 5, 11))
    assert following.due_date == D(2027, 5, 10)


def test_a_rolling_waiver_cannot_be_revoked_once_the_next_period_counts_from_it(
    domain, done, chair
):
    key = "tests.independence_letter"
    requirement(key, RollingMonths(12), done, last_met=lambda c, d: D(2025, 4, 30))
    run(D(2026, 1, 1))
    letter = occurrence(key, D(2025, 5, 1))
    waiver = waiver_grant(occurrence=letter, user=chair, reason="Auditor gone", as_of=D(2026, 2, 1))
    run(D(2026, 5, 1))
    with pytest.raises(
        ValidationError, match="next period of this requirement has already started"
    ):
        waiver_revoke(waiver=waiver, user=chair, reason="x", as_of=D(2026, 5, 2))
    waiver.refresh_from_db()
    assert waiver.revoked_at is None
