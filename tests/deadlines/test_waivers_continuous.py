"""A waiver of a continuous charter duty ("Charter: Membership": a member with accounting or
financial management expertise at all times) runs until a stated day within its fiscal year's
record: the record stays open and shows waived, no reminder goes out meanwhile, and from the day
after the duty is judged afresh, its reminders resuming once (issue 6 section 3)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from deadlines.cadences import Continuous
from deadlines.models import Reminder, Waiver
from deadlines.registry import Evaluation, Requirement, registry
from deadlines.services import waiver_grant, waiver_revoke
from deadlines.status import Kind, Status
from tests.deadlines.support import occurrence, run

D = datetime.date
KEY = "tests.financial_expertise"
FY2026 = D(2026, 1, 1)


class Expertise:
    """Whether the committee has a member with the expertise its charter asks for."""

    def __init__(self):
        self.met = False

    def evaluate(self, committee, period, as_of):
        """Charter: Membership: met while a member with the expertise serves."""
        if self.met:
            return Evaluation(Status.MET, detail="Alice Chair has the expertise.")
        return Evaluation(Status.FAILING, detail="No member with the expertise.")


@pytest.fixture
def expertise(domain):
    expertise = Expertise()
    registry.register(
        Requirement(
            key=KEY,
            title="Financial management expertise",
            kind=Kind.CHARTER,
            rule="Charter: Membership",
            cadence=Continuous(),
            evaluator=expertise.evaluate,
        )
    )
    run(D(2026, 1, 5))  # failing from 5 January: due at once, its first notice claimed
    return expertise


def claimed():
    return list(Reminder.objects.order_by("pk").values_list("due_date", "threshold"))


def grant(user, until, as_of=None, reason="New member joins in February."):
    as_of = as_of or D(2026, 1, 10)
    return waiver_grant(
        occurrence=occurrence(KEY, FY2026), user=user, reason=reason, as_of=as_of, until=until
    )


def test_the_day_of_until_is_waived_and_the_day_after_is_judged_again_with_one_notice(
    expertise, chair
):
    assert claimed() == [(D(2026, 1, 5), "0d")]
    grant(chair, until=D(2026, 1, 31))
    record = occurrence(KEY, FY2026)
    assert (record.status, record.is_open, record.due_date) == (Status.WAIVED, True, None)
    for day in (D(2026, 1, 12), D(2026, 1, 19), D(2026, 1, 31)):
        run(day)  # the 7- and 14-day notices would have gone out without the waiver
        assert occurrence(KEY, FY2026).status == Status.WAIVED
    assert claimed() == [(D(2026, 1, 5), "0d")]
    run(D(2026, 2, 1))
    record = occurrence(KEY, FY2026)
    assert (record.status, record.due_date, record.is_open) == (Status.FAILING, D(2026, 2, 1), True)
    for day in (D(2026, 2, 1), D(2026, 2, 2)):
        run(day)
    assert claimed() == [(D(2026, 1, 5), "0d"), (D(2026, 2, 1), "0d")]


def test_a_duty_met_again_after_the_waiver_reads_met(expertise, chair):
    grant(chair, until=D(2026, 1, 31))
    expertise.met = True
    run(D(2026, 2, 1))
    assert occurrence(KEY, FY2026).status == Status.MET


def test_the_waiver_shows_on_the_record_even_before_the_next_run(expertise, secretary, settings):
    settings.EMAIL_BACKEND = "tests.deadlines.test_reminders.MailServerDown"
    run(D(2026, 1, 12))  # the 0d notice was sent; the weekly one cannot be
    waiver = grant(secretary, until=D(2026, 1, 12), as_of=D(2026, 1, 12))
    assert occurrence(KEY, FY2026).active_waiver == waiver
    states = list(Reminder.objects.order_by("pk").values_list("threshold", "cancel_reason"))
    assert states == [("0d", ""), ("overdue+7d", "The requirement was waived.")]


@pytest.mark.parametrize(
    ("until", "message"),
    [
        (None, "Give the last day of the waiver"),
        (D(2026, 1, 9), "cannot end before today, 10 January 2026"),
        (D(2027, 1, 1), "must end within this record's period"),
    ],
)
def test_a_continuous_waiver_needs_an_end_within_its_period_and_not_in_the_past(
    expertise, chair, until, message
):
    with pytest.raises(ValidationError) as error:
        grant(chair, until=until)
    assert message in error.value.message_dict["until"][0]
    assert not Waiver.objects.exists()
    assert occurrence(KEY, FY2026).status == Status.FAILING


@pytest.mark.parametrize("until", [D(2026, 1, 10), D(2026, 12, 31)])
def test_the_end_may_be_today_or_the_last_day_of_the_period(expertise, chair, until):
    assert grant(chair, until=until).until == until


def test_the_last_day_of_the_year_waived_closes_the_record_waived(expertise, chair):
    grant(chair, until=D(2026, 12, 31))
    run(D(2027, 1, 1))
    record = occurrence(KEY, FY2026)
    assert (record.status, record.is_open) == (Status.WAIVED, False)


def test_an_ended_waiver_is_replaced_and_stays_on_the_record(expertise, chair, secretary):
    first = grant(chair, until=D(2026, 1, 31))
    run(D(2026, 2, 1))
    with pytest.raises(ValidationError, match="already waived until 31 January 2026"):
        grant(secretary, until=D(2026, 2, 28), as_of=D(2026, 1, 31))
    second = grant(secretary, until=D(2026, 2, 28), as_of=D(2026, 2, 1))
    first.refresh_from_db()
    assert (first.revoked_on, first.revoked_by) == (D(2026, 2, 1), secretary)
    assert first.revoke_reason == (
        "Ended on 31 January 2026; replaced by a new waiver until 28 February 2026."
    )
    assert first.covers(D(2026, 1, 31))  # what it excused stays excused
    assert occurrence(KEY, FY2026).active_waiver == second


def test_revoking_a_continuous_waiver_judges_the_duty_again_at_once(expertise, chair):
    waiver = grant(chair, until=D(2026, 3, 31))
    waiver_revoke(waiver=waiver, user=chair, reason="No new member after all.", as_of=D(2026, 2, 9))
    record = occurrence(KEY, FY2026)
    assert (record.status, record.due_date, record.is_open) == (Status.FAILING, D(2026, 2, 9), True)
    assert claimed() == [(D(2026, 1, 5), "0d"), (D(2026, 2, 9), "0d")]
