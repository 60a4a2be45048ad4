"""Due status and reminder thresholds are pure functions of the due date and the day."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from deadlines.schedule import ReminderKind, ReminderPolicy, due_status
from deadlines.status import Status

D = datetime.date
DUE = D(2026, 3, 31)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2026, 2, 28), Status.DUE),  # the day before the 30-day window
        (D(2026, 3, 1), Status.DUE_SOON),  # 30 days before
        (D(2026, 3, 31), Status.DUE_SOON),  # the due date itself can still be met
        (D(2026, 4, 1), Status.OVERDUE),  # the day after
    ],
)
def test_due_status_boundaries(as_of, expected):
    assert due_status(DUE, as_of, 30) == expected


def test_due_status_with_a_shorter_window_and_without_a_due_date():
    assert due_status(DUE, D(2026, 3, 23), 7) == Status.DUE
    assert due_status(DUE, D(2026, 3, 24), 7) == Status.DUE_SOON
    assert due_status(None, D(2030, 1, 1)) == Status.DUE


def _latest(policy, as_of):
    threshold = policy.latest_threshold(DUE, as_of)
    return None if threshold is None else (threshold.label, threshold.kind)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2026, 2, 28), None),
        (D(2026, 3, 1), ("30d", ReminderKind.REMINDER)),
        (D(2026, 3, 23), ("30d", ReminderKind.REMINDER)),
        (D(2026, 3, 24), ("7d", ReminderKind.REMINDER)),
        (D(2026, 3, 30), ("1d", ReminderKind.REMINDER)),
        (D(2026, 3, 31), ("0d", ReminderKind.DUE)),
        (D(2026, 4, 6), ("0d", ReminderKind.DUE)),
        (D(2026, 4, 7), ("overdue+7d", ReminderKind.OVERDUE)),
        (D(2026, 4, 13), ("overdue+7d", ReminderKind.OVERDUE)),
        (D(2026, 4, 14), ("overdue+14d", ReminderKind.ESCALATION)),
        (D(2026, 4, 21), ("overdue+21d", ReminderKind.ESCALATION)),
    ],
)
def test_latest_threshold_crossed_with_the_default_policy(as_of, expected):
    assert _latest(ReminderPolicy(), as_of) == expected


def test_an_escalation_day_off_the_weekly_rhythm_gets_its_own_notice():
    policy = ReminderPolicy(escalation_after_days=10)
    assert _latest(policy, D(2026, 4, 9)) == ("overdue+7d", ReminderKind.OVERDUE)
    assert _latest(policy, D(2026, 4, 10)) == ("overdue+10d", ReminderKind.ESCALATION)
    assert _latest(policy, D(2026, 4, 14)) == ("overdue+14d", ReminderKind.ESCALATION)


def test_policy_is_read_from_settings_at_call_time(settings):
    settings.DEADLINES_REMINDER_DAYS = [14, 3]
    settings.DEADLINES_OVERDUE_EVERY_DAYS = 5
    settings.DEADLINES_ESCALATION_DAYS = 20
    assert ReminderPolicy.from_settings() == ReminderPolicy((14, 3), 5, 20)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEADLINES_REMINDER_DAYS", "30,7"),
        ("DEADLINES_REMINDER_DAYS", [30, 0]),
        ("DEADLINES_OVERDUE_EVERY_DAYS", 0),
        ("DEADLINES_ESCALATION_DAYS", "14"),
    ],
)
def test_bad_reminder_settings_are_refused_with_the_setting_named(settings, name, value):
    setattr(settings, name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        ReminderPolicy.from_settings()
