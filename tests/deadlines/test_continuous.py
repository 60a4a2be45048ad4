"""A continuous duty ("at least one financially sophisticated member at all times") is met or
failing each day; each lapse is due at once and gets its own notices; a cure period's deadline
drives the reminders; the year's occurrence closes when the fiscal year ends."""

import datetime

import pytest
from django.core import mail

from deadlines.cadences import Continuous
from deadlines.models import Occurrence, Reminder
from deadlines.registry import Evaluation, Requirement, registry
from deadlines.status import Kind, Status
from tests.deadlines.support import days, occurrence, run

D = datetime.date
KEY = "tests.sophistication"
FY2026 = D(2026, 1, 1)


class Roster:
    """When the committee lacked a sophisticated member, and any cure period it had."""

    def __init__(self):
        self.lapses: list[tuple[datetime.date, datetime.date]] = []
        self.cure: tuple[datetime.date, datetime.date] | None = None

    def evaluate(self, committee, period, as_of):
        """Nasdaq 5605(c)(2)(A): met unless a lapse covers ``as_of``; a cure period covers it
        until its deadline (5605(c)(4))."""
        if self.cure and self.cure[0] <= as_of:
            if as_of <= self.cure[1]:
                return Evaluation(Status.CURE_PERIOD, due=self.cure[1], detail="Cure period.")
            return Evaluation(Status.FAILING, due=self.cure[1], detail="The cure period ended.")
        if any(start <= as_of <= end for start, end in self.lapses):
            return Evaluation(Status.FAILING, detail="No financially sophisticated member.")
        return Evaluation(Status.MET, detail="Alice Chair is financially sophisticated.")


@pytest.fixture
def roster(domain):
    roster = Roster()
    registry.register(
        Requirement(
            key=KEY,
            title="Financial sophistication",
            kind=Kind.LISTING,
            rule="Nasdaq 5605(c)(2)(A)",
            cadence=Continuous(),
            evaluator=roster.evaluate,
        )
    )
    return roster


def notices():
    return list(Reminder.objects.order_by("pk").values_list("due_date", "threshold", "claimed_on"))


def test_each_lapse_is_due_at_once_and_notified_on_its_own(roster):
    roster.lapses = [(D(2026, 2, 10), D(2026, 2, 27)), (D(2026, 6, 1), D(2026, 6, 3))]
    for day in days(D(2026, 1, 1), D(2026, 6, 10)):
        run(day)
    assert notices() == [
        (D(2026, 2, 10), "0d", D(2026, 2, 10)),
        (D(2026, 2, 10), "overdue+7d", D(2026, 2, 17)),
        (D(2026, 2, 10), "overdue+14d", D(2026, 2, 24)),  # escalated: board chair, secretary
        (D(2026, 6, 1), "0d", D(2026, 6, 1)),
    ]
    assert len(mail.outbox) == 4
    assert mail.outbox[0].subject == "Not met: Financial sophistication (Audit Committee)"
    year = occurrence(KEY, FY2026)
    assert (year.status, year.due_date, year.is_open) == (Status.MET, None, True)


def test_the_years_occurrence_closes_when_the_fiscal_year_ends(roster):
    roster.lapses = [(D(2026, 12, 20), D(2027, 1, 10))]
    run(D(2026, 12, 30))
    run(D(2027, 1, 2))
    closed = occurrence(KEY, FY2026)
    # Judged on its own last day, and closed: the next year has its own occurrence.
    assert (closed.status, closed.is_open, closed.evaluated_on) == (
        Status.FAILING,
        False,
        D(2027, 1, 2),
    )
    assert occurrence(KEY, D(2027, 1, 1)).status == Status.FAILING
    assert Occurrence.objects.filter(is_open=True).count() == 1


def test_a_cure_period_is_reminded_before_its_deadline_then_fails(roster):
    """5605(c)(4): one notice the day the cure period opens, reminders 30, 7 and 1 days before
    the cure deadline and on it, then weekly once it has passed and the committee still fails."""
    roster.cure = (D(2026, 3, 1), D(2026, 8, 31))
    for day in days(D(2026, 3, 1), D(2026, 9, 8)):
        run(day)
    assert [threshold for _, threshold, _ in notices()] == [
        "opened",
        "30d",
        "7d",
        "1d",
        "0d",
        "overdue+7d",
    ]
    assert occurrence(KEY, FY2026).status == Status.FAILING
    assert mail.outbox[0].subject == (
        "Cure period opened, 183 days to cure: Financial sophistication (Audit Committee)"
    )
    assert mail.outbox[1].subject == (
        "Cure period ends in 30 days: Financial sophistication (Audit Committee)"
    )
