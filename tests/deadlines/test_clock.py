"""The engine works on dates: the beat task and the command take today's date from the clock, so
a status changes at midnight. One second before and after each boundary, with the clock frozen."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from deadlines.cadences import FiscalQuarter
from deadlines.status import Status
from deadlines.tasks import run_deadlines
from tests.deadlines.support import occurrence, requirement, run

D = datetime.date
UTC = datetime.UTC
KEY = "tests.quarterly_review"
Q1 = D(2026, 1, 1)  # due 31 March 2026


def at(*moment):
    return time_machine.travel(datetime.datetime(*moment, tzinfo=UTC), tick=False)


@pytest.fixture
def quarterly(domain, done, settings):
    settings.TIME_ZONE = "UTC"
    requirement(KEY, FiscalQuarter(), done)
    done.record(KEY, Q1, D(2026, 4, 3))
    run(D(2026, 1, 2))  # the quarter was opened by an earlier daily run
    return done


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ((2026, 2, 28, 23, 59, 59), Status.DUE),
        ((2026, 3, 1, 0, 0, 0), Status.DUE_SOON),  # 30 days before the due date
        ((2026, 3, 31, 23, 59, 59), Status.DUE_SOON),  # the last second of the due date
        ((2026, 4, 1, 0, 0, 0), Status.OVERDUE),
        ((2026, 4, 2, 23, 59, 59), Status.OVERDUE),  # the evidence is dated 3 April
        ((2026, 4, 3, 0, 0, 0), Status.MET),
    ],
)
def test_status_changes_at_midnight_of_each_boundary(quarterly, moment, expected):
    with at(*moment):
        run_deadlines()
    assert occurrence(KEY, Q1).status == expected


def test_the_command_takes_the_same_day_from_the_clock(quarterly, capsys):
    with at(2026, 3, 31, 23, 59, 59):
        call_command("run_deadlines")
    assert occurrence(KEY, Q1).status == Status.DUE_SOON
    with at(2026, 4, 1, 0, 0, 0):
        call_command("run_deadlines")
    assert occurrence(KEY, Q1).status == Status.OVERDUE
    assert "Deadlines on 1 April 2026" in capsys.readouterr().out
