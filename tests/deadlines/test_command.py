"""``manage.py run_deadlines`` and the beat task run the same code; a broken evaluator is reported
without stopping the others; configuration mistakes are system checks."""

import datetime
from datetime import UTC

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from deadlines.cadences import FiscalQuarter, FiscalYear
from deadlines.checks import check_hooks, check_reminder_settings
from deadlines.models import Occurrence, Reminder
from deadlines.registry import Requirement, registry
from deadlines.services import deadlines_run
from deadlines.status import Kind, Status
from deadlines.tasks import run_deadlines
from tests.deadlines.support import requirement

D = datetime.date


def _on(day: datetime.date):
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, 9, tzinfo=UTC), tick=False
    )


def test_the_command_runs_for_today_and_sends(domain, done, capsys):
    requirement("tests.quarterly_review", FiscalQuarter(), done)
    with _on(D(2026, 3, 1)):
        call_command("run_deadlines")
    out = capsys.readouterr().out
    assert out.startswith("Deadlines on 1 March 2026: 1 opened, 1 evaluated")
    assert "1 reminders claimed, 1 sent" in out
    assert len(mail.outbox) == 1


def test_another_day_is_a_dry_run_that_writes_and_sends_nothing(domain, done, capsys):
    """Run for 14 December on 1 December: it says what would happen, and the reminder still goes
    out on the real day, once."""
    requirement("tests.quarterly_review", FiscalQuarter(), done)
    with _on(D(2026, 12, 1)):
        call_command("run_deadlines", "--as-of", "2026-12-14")
    out = capsys.readouterr().out
    assert out.startswith("Dry run for 14 December 2026: nothing was written or sent.")
    assert "would send: Audit Committee: Due in 17 days: Quarterly review" in out
    assert "alice.chair@example.test" in out and "bob.member@example.test" in out
    assert (
        "changed: Audit Committee: Quarterly review (tests.quarterly_review): not yet opened" in out
    )
    assert not Occurrence.objects.exists()
    assert not Reminder.objects.exists()
    assert mail.outbox == []
    with _on(D(2026, 12, 14)):
        call_command("run_deadlines")
    assert [m.subject for m in mail.outbox] == [
        "Due in 17 days: Quarterly review (Audit Committee)"
    ]


def test_a_past_day_is_a_dry_run_unless_catching_up(domain, done, capsys):
    requirement("tests.quarterly_review", FiscalQuarter(), done)
    with _on(D(2026, 3, 3)):
        call_command("run_deadlines", "--as-of", "2026-03-01")
        assert not Occurrence.objects.exists()
        call_command("run_deadlines", "--as-of", "2026-03-01", "--catch-up")
    out = capsys.readouterr().out
    # Three days in date order, each written; the outbox sent once at the end.
    days_run = [line.split(":")[0] for line in out.splitlines() if line.startswith("Deadlines on")]
    assert days_run == [
        "Deadlines on 1 March 2026",
        "Deadlines on 2 March 2026",
        "Deadlines on 3 March 2026",
    ]
    assert Occurrence.objects.get().evaluated_on == D(2026, 3, 3)
    assert "Outbox: 1 sent" in out
    assert len(mail.outbox) == 1


def test_a_future_day_never_writes(domain, done):
    requirement("tests.quarterly_review", FiscalQuarter(), done)
    with _on(D(2026, 3, 1)), pytest.raises(CommandError, match="future day never writes"):
        call_command("run_deadlines", "--as-of", "2026-03-02", "--catch-up")
    assert not Occurrence.objects.exists()


def test_verbose_lists_status_changes_and_reminders_with_recipients(domain, done, capsys):
    requirement("tests.quarterly_review", FiscalQuarter(), done)
    with _on(D(2026, 3, 1)):
        call_command("run_deadlines", "--verbosity", "2")
    out = capsys.readouterr().out
    assert "changed: Audit Committee: Quarterly review (tests.quarterly_review)" in out
    assert "claimed: Audit Committee: Due in 30 days: Quarterly review" in out
    assert "to alice.chair@example.test, bob.member@example.test" in out
    assert Reminder.objects.get().sent_at is not None


def test_today_can_be_a_dry_run_too(domain, done, capsys):
    requirement("tests.quarterly_review", FiscalQuarter(), done)
    with _on(D(2026, 3, 1)):
        call_command("run_deadlines", "--dry-run")
    assert capsys.readouterr().out.startswith("Dry run for 1 March 2026")
    assert not Occurrence.objects.exists()


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "01/03/2026"])
def test_the_command_refuses_a_bad_date_in_plain_words(domain, value):
    with pytest.raises(CommandError, match="--as-of must be a date written YYYY-MM-DD"):
        call_command("run_deadlines", "--as-of", value)
    assert not Occurrence.objects.exists()


def test_the_beat_task_runs_the_same_service(domain, done):
    requirement("tests.quarterly_review", FiscalQuarter(), done)
    result = run_deadlines.delay("2026-03-01").get()
    assert result["as_of"] == "2026-03-01"
    assert (result["opened"], result["claimed"], result["sent"], result["errors"]) == (1, 1, 1, [])


def test_a_broken_evaluator_is_reported_and_the_others_still_run(domain, done, capsys):
    def broken(committee, period, as_of):
        """Always fails, as a bug would."""
        raise ZeroDivisionError("division by zero")

    registry.register(
        Requirement(
            key="tests.broken",
            title="Broken",
            kind=Kind.SEC,
            rule="Rule 10A-3",
            cadence=FiscalYear(),
            evaluator=broken,
        )
    )
    requirement("tests.quarterly_review", FiscalQuarter(), done)
    report = deadlines_run(as_of=D(2026, 3, 1))
    assert report.errors == [
        "tests.broken for Audit Committee: ZeroDivisionError: division by zero"
    ]
    assert report.sent == 1
    with _on(D(2026, 3, 2)), pytest.raises(CommandError, match="1 requirement"):
        call_command("run_deadlines")
    assert "tests.broken" in capsys.readouterr().err


def test_an_evaluator_must_return_an_evaluation(domain):
    registry.register(
        Requirement(
            key="tests.sloppy",
            title="Sloppy",
            kind=Kind.CHARTER,
            rule="Charter: Meetings",
            cadence=FiscalYear(),
            evaluator=lambda committee, period, as_of: Status.MET,
        )
    )
    report = deadlines_run(as_of=D(2026, 3, 1))
    assert "returned <Status.MET: 'met'>" in report.errors[0]


def test_with_no_subjects_registered_nothing_happens_and_a_check_warns(db, done):
    requirement("tests.quarterly_review", FiscalQuarter(), done)
    assert deadlines_run(as_of=D(2026, 3, 1)).opened == 0
    assert [w.id for w in check_hooks(None)] == ["deadlines.W001"]
    registry.set_subjects(lambda as_of: [])
    assert check_hooks(None) == []


def test_bad_reminder_settings_are_a_system_check_error(settings):
    settings.DEADLINES_ESCALATION_DAYS = 0
    [error] = check_reminder_settings(None)
    assert error.id == "deadlines.E001" and "DEADLINES_ESCALATION_DAYS" in error.msg


def test_a_fiscal_cadence_without_a_calendar_is_reported(domain, done):
    registry._year_bounds = None
    requirement("tests.quarterly_review", FiscalQuarter(), done)
    report = deadlines_run(as_of=D(2026, 3, 1))
    assert "set_fiscal_calendar" in report.errors[0]
