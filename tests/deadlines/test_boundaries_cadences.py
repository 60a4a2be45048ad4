"""Boundaries of the cadences and of the reminder schedule, one day either side. The cadences carry
the charter's duties (docs/rules.md: each fiscal year, each fiscal quarter,
every 12 months) and the continuous listing rules (at all times); the reminders
follow docs/rules.md ("Deadlines, reminders": 30, 7 and 1 days before, on the due date, weekly
while overdue, escalated after 14 days), all days counted inclusively."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from deadlines.cadences import (
    Cadence,
    Continuous,
    FiscalCalendar,
    FiscalQuarter,
    FiscalYear,
    Period,
    RollingMonths,
    add_months,
)
from deadlines.schedule import ReminderKind, ReminderPolicy, Threshold, due_status
from deadlines.status import Status

D = datetime.date
DAY = datetime.timedelta(days=1)


def calendar_year(day):
    return D(day.year, 1, 1), D(day.year, 12, 31)


def retail_year(day):
    """A 52/53-week fiscal year: 4 January 2026 to 2 January 2027."""
    return D(2026, 1, 4), D(2027, 1, 2)


# Months, as the charter's "every 12 months" counts them ---------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 12, 15), 1, D(2027, 1, 15)),  # across the year end
        (D(2026, 11, 30), 1, D(2026, 12, 30)),  # into December, the twelfth month
        (D(2026, 1, 15), -1, D(2025, 12, 15)),  # back across the year start
        (D(2026, 12, 31), 0, D(2026, 12, 31)),
        (D(2026, 6, 30), 12, D(2027, 6, 30)),
        (D(2026, 6, 30), 24, D(2028, 6, 30)),
        (D(2026, 5, 31), 1, D(2026, 6, 30)),  # a 30-day month
        (D(2026, 3, 30), 11, D(2027, 2, 28)),
        (D(2026, 1, 28), 1, D(2026, 2, 28)),  # the day exists: no fall-back
    ],
)
def test_charter_resp7_months_are_calendar_months(day, months, expected):
    assert add_months(day, months) == expected


# Fiscal years and quarters (charter: Meetings, "each fiscal year" and "a fiscal quarter") -------


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (D(2026, 1, 4), (D(2026, 1, 4), D(2026, 4, 3))),
        (D(2026, 4, 3), (D(2026, 1, 4), D(2026, 4, 3))),
        (D(2026, 4, 4), (D(2026, 4, 4), D(2026, 7, 3))),
        (D(2026, 7, 3), (D(2026, 4, 4), D(2026, 7, 3))),
        (D(2026, 7, 4), (D(2026, 7, 4), D(2026, 10, 3))),
        (D(2026, 10, 3), (D(2026, 7, 4), D(2026, 10, 3))),
        (D(2026, 10, 4), (D(2026, 10, 4), D(2027, 1, 2))),  # the last quarter ends with the year
        (D(2027, 1, 2), (D(2026, 10, 4), D(2027, 1, 2))),
    ],
)
def test_charter_meetings_quarters_are_three_month_slices_the_last_ending_with_the_year(
    day, quarter
):
    calendar = FiscalCalendar(retail_year)
    assert calendar.quarter(day) == quarter
    assert FiscalQuarter().period(as_of=day, calendar=calendar) == Period(*quarter, quarter[1])


@pytest.mark.parametrize(
    ("bounds", "day", "accepted"),
    [
        ((D(2026, 1, 1), D(2026, 12, 31)), D(2026, 1, 1), True),
        ((D(2026, 1, 1), D(2026, 12, 31)), D(2026, 12, 31), True),
        ((D(2026, 1, 2), D(2026, 12, 31)), D(2026, 1, 1), False),
        ((D(2025, 1, 1), D(2025, 12, 31)), D(2026, 1, 1), False),
    ],
)
def test_charter_meetings_a_fiscal_year_must_contain_its_first_and_last_day(bounds, day, accepted):
    calendar = FiscalCalendar(lambda _day: bounds)
    if accepted:
        assert calendar.year(day) == bounds
    else:
        with pytest.raises(ValueError) as error:
            calendar.year(day)
        assert str(error.value) == (
            f"The registered fiscal year {bounds[0]} to {bounds[1]} does not contain {day}."
        )


def test_charter_meetings_a_registered_quarter_that_misses_the_day_is_refused():
    calendar = FiscalCalendar(calendar_year, lambda day: (D(2026, 1, 4), D(2026, 4, 4)))
    assert calendar.quarter(D(2026, 4, 4)) == (D(2026, 1, 4), D(2026, 4, 4))
    with pytest.raises(ValueError) as error:
        calendar.quarter(D(2026, 4, 5))
    assert str(error.value) == (
        "The registered fiscal quarter 2026-01-04 to 2026-04-04 does not contain 2026-04-05."
    )


def test_charter_meetings_registered_quarters_are_asked_once_per_day():
    asked = []

    def quarter_bounds(day):
        asked.append(day)
        return D(2026, 1, 1), D(2026, 3, 31)

    calendar = FiscalCalendar(calendar_year, quarter_bounds)
    for _ in range(3):
        assert calendar.quarter(D(2026, 2, 1)) == (D(2026, 1, 1), D(2026, 3, 31))
    calendar.quarter(D(2026, 2, 2))
    assert asked == [D(2026, 2, 1), D(2026, 2, 2)]


@pytest.mark.parametrize(
    ("cadence", "as_of", "period"),
    [
        (FiscalYear(), D(2026, 1, 1), Period(D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31))),
        (FiscalYear(), D(2026, 12, 31), Period(D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31))),
        (FiscalYear(), D(2027, 1, 1), Period(D(2027, 1, 1), D(2027, 12, 31), D(2027, 12, 31))),
        (
            FiscalYear(due_days_after_end=1),
            D(2026, 6, 1),
            Period(D(2026, 1, 1), D(2026, 12, 31), D(2027, 1, 1)),
        ),
        (
            FiscalQuarter(due_days_after_end=0),
            D(2026, 3, 31),
            Period(D(2026, 1, 1), D(2026, 3, 31), D(2026, 3, 31)),
        ),
        (
            FiscalQuarter(due_days_after_end=45),
            D(2026, 4, 1),
            Period(D(2026, 4, 1), D(2026, 6, 30), D(2026, 8, 14)),
        ),
        (Continuous(), D(2026, 12, 31), Period(D(2026, 1, 1), D(2026, 12, 31), None)),
        (Continuous(), D(2027, 1, 1), Period(D(2027, 1, 1), D(2027, 12, 31), None)),
    ],
)
def test_charter_meetings_fiscal_periods_and_their_due_dates(cadence, as_of, period):
    assert cadence.period(as_of=as_of, calendar=FiscalCalendar(calendar_year)) == period


def test_charter_meetings_due_days_after_the_end_cannot_be_negative():
    assert FiscalYear(due_days_after_end=0).due_days_after_end == 0
    with pytest.raises(ValueError, match=r"^due_days_after_end cannot be negative\.$"):
        FiscalQuarter(due_days_after_end=-1)


def test_5605c2A_continuous_duties_are_never_due_and_not_rolling():
    """Listing rules hold "at all times" (docs/rules.md, composition): met or failing, never due."""
    assert (Continuous.continuous, Continuous.rolling, Continuous.label) == (
        True,
        False,
        "continuous",
    )
    assert (FiscalYear.continuous, FiscalYear.rolling, FiscalYear().label) == (
        False,
        False,
        "fiscal_year",
    )
    assert (FiscalQuarter.continuous, FiscalQuarter().label) == (False, "fiscal_quarter")
    assert (RollingMonths.continuous, RollingMonths(12).rolling) == (False, True)
    assert repr(Continuous()) == "<Continuous continuous>"
    assert repr(RollingMonths(6)) == "<RollingMonths rolling_6m>"
    with pytest.raises(NotImplementedError):
        Cadence().period(as_of=D(2026, 1, 1), calendar=None)


# Rolling months (charter Resp. 1 and 7: "every 12 months") -----------------------------------


@pytest.mark.parametrize(
    ("last_met", "period"),
    [
        (D(2025, 4, 30), Period(D(2025, 5, 1), D(2026, 4, 30), D(2026, 4, 30))),
        (D(2025, 12, 31), Period(D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31))),
        (D(2024, 2, 29), Period(D(2024, 3, 1), D(2025, 2, 28), D(2025, 2, 28))),
    ],
)
def test_charter_resp7_every_12_months_runs_from_the_day_after_last_met(last_met, period):
    assert RollingMonths(12).period(as_of=D(2026, 1, 1), calendar=None, last_met=last_met) == (
        period
    )


def test_charter_resp7_one_month_is_the_shortest_rolling_interval():
    assert RollingMonths(1).period(as_of=D(2026, 1, 31), calendar=None) == Period(
        D(2026, 1, 31), D(2026, 2, 28), D(2026, 2, 28)
    )
    assert RollingMonths(1).label == "rolling_1m"
    with pytest.raises(ValueError, match=r"^A rolling cadence needs at least one month\.$"):
        RollingMonths(0)


# Due soon and overdue (DESIGN: due in the next 30 days; overdue the day after) ------------------


DUE = D(2026, 3, 31)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2026, 2, 28), Status.DUE),
        (D(2026, 3, 1), Status.DUE_SOON),  # 30 days before, by default
        (D(2026, 3, 31), Status.DUE_SOON),
        (D(2026, 4, 1), Status.OVERDUE),
    ],
)
def test_design_due_soon_window_is_30_days_by_default(as_of, expected):
    assert due_status(DUE, as_of) == expected


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(D(2026, 3, 30), Status.DUE), (D(2026, 3, 31), Status.DUE_SOON)],
)
def test_design_a_zero_day_window_is_due_soon_only_on_the_due_date(as_of, expected):
    assert due_status(DUE, as_of, 0) == expected


# Reminders (DESIGN "Reminders and escalations") -----------------------------------------------


def latest(policy, as_of):
    threshold = policy.latest_threshold(DUE, as_of)
    return None if threshold is None else (threshold.offset_days, threshold.label, threshold.kind)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (DUE - 31 * DAY, None),
        (DUE - 30 * DAY, (-30, "30d", ReminderKind.REMINDER)),
        (DUE - 8 * DAY, (-30, "30d", ReminderKind.REMINDER)),
        (DUE - 7 * DAY, (-7, "7d", ReminderKind.REMINDER)),
        (DUE - 2 * DAY, (-7, "7d", ReminderKind.REMINDER)),
        (DUE - DAY, (-1, "1d", ReminderKind.REMINDER)),
        (DUE, (0, "0d", ReminderKind.DUE)),
        (DUE + DAY, (0, "0d", ReminderKind.DUE)),
        (DUE + 6 * DAY, (0, "0d", ReminderKind.DUE)),
        (DUE + 7 * DAY, (7, "overdue+7d", ReminderKind.OVERDUE)),
        (DUE + 13 * DAY, (7, "overdue+7d", ReminderKind.OVERDUE)),
        (DUE + 14 * DAY, (14, "overdue+14d", ReminderKind.ESCALATION)),
        (DUE + 15 * DAY, (14, "overdue+14d", ReminderKind.ESCALATION)),
        (DUE + 28 * DAY, (28, "overdue+28d", ReminderKind.ESCALATION)),
    ],
)
def test_design_reminders_30_7_1_days_before_then_weekly_then_escalated(as_of, expected):
    assert latest(ReminderPolicy(), as_of) == expected


@pytest.mark.parametrize(
    ("offset", "kind"),
    [
        (-1, ReminderKind.REMINDER),
        (0, ReminderKind.DUE),
        (1, ReminderKind.OVERDUE),
        (13, ReminderKind.OVERDUE),
        (14, ReminderKind.ESCALATION),
    ],
)
def test_design_escalation_from_the_14th_day_overdue(offset, kind):
    assert ReminderPolicy().kind_after(offset) == kind


def test_design_escalation_off_the_weekly_rhythm_and_a_daily_overdue_rhythm():
    policy = ReminderPolicy(before_days=(3,), overdue_every_days=1, escalation_after_days=2)
    assert latest(policy, DUE - 4 * DAY) is None
    assert latest(policy, DUE - 3 * DAY) == (-3, "3d", ReminderKind.REMINDER)
    assert latest(policy, DUE + DAY) == (1, "overdue+1d", ReminderKind.OVERDUE)
    assert latest(policy, DUE + 2 * DAY) == (2, "overdue+2d", ReminderKind.ESCALATION)
    weekly = ReminderPolicy(escalation_after_days=9)
    assert latest(weekly, DUE + 8 * DAY) == (7, "overdue+7d", ReminderKind.OVERDUE)
    assert latest(weekly, DUE + 9 * DAY) == (9, "overdue+9d", ReminderKind.ESCALATION)
    assert latest(weekly, DUE + 13 * DAY) == (9, "overdue+9d", ReminderKind.ESCALATION)
    assert latest(weekly, DUE + 14 * DAY) == (14, "overdue+14d", ReminderKind.ESCALATION)


def test_design_reminder_kinds_and_threshold_labels_read_plainly():
    assert [
        kind.label
        for kind in (
            ReminderKind.REMINDER,
            ReminderKind.DUE,
            ReminderKind.OVERDUE,
            ReminderKind.ESCALATION,
        )
    ] == ["Reminder", "Due", "Overdue", "Escalation"]
    assert Threshold(0, ReminderKind.OPENED).label == "opened"
    assert Threshold(-30, ReminderKind.REMINDER).label == "30d"
    assert Threshold(0, ReminderKind.DUE).label == "0d"
    assert Threshold(1, ReminderKind.OVERDUE).label == "overdue+1d"


def test_design_reminder_defaults_when_nothing_is_configured(settings):
    del settings.DEADLINES_REMINDER_DAYS
    del settings.DEADLINES_OVERDUE_EVERY_DAYS
    del settings.DEADLINES_ESCALATION_DAYS
    assert ReminderPolicy.from_settings() == ReminderPolicy((30, 7, 1), 7, 14)
    assert ReminderPolicy() == ReminderPolicy((30, 7, 1), 7, 14)


def test_design_reminder_days_are_sorted_latest_first_without_repeats(settings):
    settings.DEADLINES_REMINDER_DAYS = [1, 7, 30, 7]
    settings.DEADLINES_OVERDUE_EVERY_DAYS = 1
    settings.DEADLINES_ESCALATION_DAYS = 1
    assert ReminderPolicy.from_settings() == ReminderPolicy((30, 7, 1), 1, 1)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "DEADLINES_REMINDER_DAYS",
            7,
            "DEADLINES_REMINDER_DAYS must be a list of days before the due date: 7.",
        ),
        (
            "DEADLINES_REMINDER_DAYS",
            b"30",
            "DEADLINES_REMINDER_DAYS must be a list of days before the due date: b'30'.",
        ),
        (
            "DEADLINES_REMINDER_DAYS",
            [True],
            "DEADLINES_REMINDER_DAYS must be a whole number of days, at least 1: True.",
        ),
        (
            "DEADLINES_OVERDUE_EVERY_DAYS",
            1.5,
            "DEADLINES_OVERDUE_EVERY_DAYS must be a whole number of days, at least 1: 1.5.",
        ),
        (
            "DEADLINES_ESCALATION_DAYS",
            0,
            "DEADLINES_ESCALATION_DAYS must be a whole number of days, at least 1: 0.",
        ),
    ],
)
def test_design_bad_reminder_settings_say_what_is_wrong(settings, name, value, message):
    setattr(settings, name, value)
    with pytest.raises(ImproperlyConfigured) as error:
        ReminderPolicy.from_settings()
    assert str(error.value) == message
