"""Two beat processes at once (security target 11): two runs started together every day for
two months, each in its own thread and database connection, send each reminder exactly once."""

import datetime
import threading
import time
from collections import Counter

import pytest
from django.core import mail
from django.db import connection

from deadlines.cadences import FiscalQuarter, FiscalYear
from deadlines.channels import EmailChannel
from deadlines.models import Occurrence, Reminder
from deadlines.services import deadlines_run
from tests.deadlines.support import days, requirement

D = datetime.date

pytestmark = [
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite has no row locks and serialises writers: concurrent runs are a "
        "PostgreSQL deployment's concern (run with DATABASE_URL set).",
    ),
    pytest.mark.django_db(transaction=True),
]


def run_together(day: datetime.date, runs: int = 2) -> list:
    start = threading.Barrier(runs)
    reports, failures = [], []

    def worker():
        try:
            start.wait()
            reports.append(deadlines_run(as_of=day))
        except Exception as exc:  # surfaced below with the day it happened
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == [], f"{day}: {failures}"
    assert all(report.errors == [] for report in reports)
    return reports


def test_two_runs_at_once_every_day_send_each_reminder_once(domain, done, monkeypatch):
    requirement("tests.quarterly_review", FiscalQuarter(), done)
    requirement("tests.annual_plan", FiscalYear(), done, due_soon_days=45)
    original = EmailChannel.deliver

    def slow_mail_server(self, reminder, recipients):
        time.sleep(0.02)  # keeps the other run waiting on the same rows
        return original(self, reminder, recipients)

    monkeypatch.setattr(EmailChannel, "deliver", slow_mail_server)
    for day in days(D(2026, 3, 1), D(2026, 4, 30)):
        run_together(day)

    assert Occurrence.objects.filter(requirement_key="tests.quarterly_review").count() == 2
    sent = Counter(message.extra_headers["X-Charter-Reminder"] for message in mail.outbox)
    claimed = Reminder.objects.count()
    # Q1 (due 31 March): 30d, 7d, 1d, 0d, overdue+7d, +14d, +21d, +28d; Q2 not yet in its window.
    assert claimed == 8
    assert len(sent) == claimed and set(sent.values()) == {1}
    # Never skipped either: each was claimed on the day its threshold was crossed.
    assert sorted(Reminder.objects.values_list("claimed_on", "threshold")) == [
        (D(2026, 3, 1), "30d"),
        (D(2026, 3, 24), "7d"),
        (D(2026, 3, 30), "1d"),
        (D(2026, 3, 31), "0d"),
        (D(2026, 4, 7), "overdue+7d"),
        (D(2026, 4, 14), "overdue+14d"),
        (D(2026, 4, 21), "overdue+21d"),
        (D(2026, 4, 28), "overdue+28d"),
    ]
    assert not Reminder.objects.pending().exists()
