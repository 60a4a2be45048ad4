"""A fixed clock walks fiscal year 2026 (calendar-year fiscal year) day by day, plus two months of
2027, with a per-quarter, a per-year and a rolling 12-month requirement. Every status change must
happen on the expected day, and every reminder threshold must be sent exactly once."""

import datetime
from collections import Counter

import pytest
from django.core import mail

from deadlines.cadences import FiscalQuarter, FiscalYear, RollingMonths
from deadlines.models import Occurrence, Reminder
from deadlines.status import Status
from tests.deadlines.support import days, requirement, run

D = datetime.date
QUARTERLY = "tests.quarterly_review"
YEARLY = "tests.annual_plan"
ROLLING = "tests.independence_letter"


@pytest.fixture
def walked_year(domain, done, secretary, board_chair):
    requirement(QUARTERLY, FiscalQuarter(), done)
    requirement(YEARLY, FiscalYear(), done)
    # The domain knows the last letter arrived on 30 April 2025, before the portal existed.
    requirement(ROLLING, RollingMonths(12), done, last_met=lambda c, as_of: D(2025, 4, 30))
    done.record(QUARTERLY, D(2026, 1, 1), D(2026, 3, 20))  # in the due-soon window
    done.record(QUARTERLY, D(2026, 4, 1), D(2026, 7, 10))  # 10 days late
    done.record(QUARTERLY, D(2026, 7, 1), D(2026, 8, 15))  # early, before due soon
    done.record(QUARTERLY, D(2026, 10, 1), D(2027, 1, 20))  # 20 days late: escalated
    done.record(YEARLY, D(2026, 1, 1), D(2027, 1, 5))  # 5 days late
    done.record(ROLLING, D(2025, 5, 1), D(2026, 5, 3))  # 3 days late

    timeline: dict[tuple[str, datetime.date], list[tuple[datetime.date, str]]] = {}
    for day in days(D(2026, 1, 1), D(2027, 2, 28)):
        run(day)
        for key, start, status in Occurrence.objects.values_list(
            "requirement_key", "period_start", "status"
        ):
            changes = timeline.setdefault((key, start), [])
            if not changes or changes[-1][1] != status:
                changes.append((day, status))
    return timeline


def test_each_requirement_is_due_due_soon_overdue_and_met_on_the_right_day(walked_year):
    """Due from the day its period opens; due soon 30 days before the due date; overdue the day
    after it; met the day its evidence is dated."""
    due, soon, overdue, met = Status.DUE, Status.DUE_SOON, Status.OVERDUE, Status.MET
    assert walked_year == {
        (QUARTERLY, D(2026, 1, 1)): [
            (D(2026, 1, 1), due),
            (D(2026, 3, 1), soon),
            (D(2026, 3, 20), met),
        ],
        (QUARTERLY, D(2026, 4, 1)): [
            (D(2026, 4, 1), due),
            (D(2026, 5, 31), soon),
            (D(2026, 7, 1), overdue),
            (D(2026, 7, 10), met),
        ],
        (QUARTERLY, D(2026, 7, 1)): [(D(2026, 7, 1), due), (D(2026, 8, 15), met)],
        (QUARTERLY, D(2026, 10, 1)): [
            (D(2026, 10, 1), due),
            (D(2026, 12, 1), soon),
            (D(2027, 1, 1), overdue),
            (D(2027, 1, 20), met),
        ],
        (QUARTERLY, D(2027, 1, 1)): [(D(2027, 1, 1), due)],
        (YEARLY, D(2026, 1, 1)): [
            (D(2026, 1, 1), due),
            (D(2026, 12, 1), soon),
            (D(2027, 1, 1), overdue),
            (D(2027, 1, 5), met),
        ],
        (YEARLY, D(2027, 1, 1)): [(D(2027, 1, 1), due)],
        (ROLLING, D(2025, 5, 1)): [
            (D(2026, 1, 1), due),
            (D(2026, 3, 31), soon),
            (D(2026, 5, 1), overdue),
            (D(2026, 5, 3), met),
        ],
        # The next letter is due 12 months after the last one arrived.
        (ROLLING, D(2026, 5, 4)): [(D(2026, 5, 4), due)],
    }
    assert Occurrence.objects.get(requirement_key=ROLLING, period_start=D(2026, 5, 4)).due_date == (
        D(2027, 5, 3)
    )


def test_each_reminder_threshold_is_sent_exactly_once_over_the_year(walked_year, secretary):
    """20 reminders over the walk: 1 + 5 + 0 + 6 for the quarters, 4 for the year, 4 for the
    letter; thresholds after a requirement was met are never sent."""
    claimed = sorted(
        Reminder.objects.values_list("occurrence__requirement_key", "due_date", "threshold")
    )
    assert claimed == sorted(
        [
            (QUARTERLY, D(2026, 3, 31), "30d"),
            *[(QUARTERLY, D(2026, 6, 30), t) for t in ("30d", "7d", "1d", "0d", "overdue+7d")],
            *[
                (QUARTERLY, D(2026, 12, 31), t)
                for t in ("30d", "7d", "1d", "0d", "overdue+7d", "overdue+14d")
            ],
            *[(YEARLY, D(2026, 12, 31), t) for t in ("30d", "7d", "1d", "0d")],
            *[(ROLLING, D(2026, 4, 30), t) for t in ("30d", "7d", "1d", "0d")],
        ]
    )
    assert len(claimed) == 20
    assert not Reminder.objects.pending().exists()
    sent = Counter(message.extra_headers["X-Charter-Reminder"] for message in mail.outbox)
    assert len(sent) == 20 and set(sent.values()) == {1}
    escalation = Reminder.objects.get(kind="escalation")
    assert escalation.threshold == "overdue+14d" and escalation.claimed_on == D(2027, 1, 14)
    assert secretary in escalation.recipients.all()
    assert (
        secretary
        not in Reminder.objects.get(
            threshold="overdue+7d", due_date=D(2026, 12, 31)
        ).recipients.all()
    )
