"""Helpers shared by the deadline engine's tests: a tiny evidence store, registering a test
requirement, running the engine and walking days."""

import datetime

from django.utils import timezone

from deadlines.models import Evidence, Notification, Occurrence, Reminder
from deadlines.registry import Evaluation, EvidenceLink, Requirement, registry
from deadlines.services import deadlines_run
from deadlines.status import Kind, Status


class Done:
    """The test domain's evidence: the day each requirement's period was done."""

    def __init__(self):
        self.days: dict[tuple[str, datetime.date], datetime.date] = {}

    def record(self, key: str, period_start: datetime.date, day: datetime.date) -> None:
        self.days[(key, period_start)] = day

    def evaluator(self, key: str):
        def evaluate(committee, period, as_of):
            """Met once the work for this period is recorded on or before ``as_of``."""
            day = self.days.get((key, period.start))
            if day is None or day > as_of:
                return Evaluation(Status.DUE, detail="Not recorded yet.")
            return Evaluation(
                Status.MET,
                met_on=day,
                evidence=(EvidenceLink(f"Done on {day}", url=f"/evidence/{key}/{day}"),),
                detail=f"Recorded on {day}.",
            )

        return evaluate


def requirement(key: str, cadence, done: Done, **extra) -> Requirement:
    fields = {"title": key.rsplit(".", 1)[-1].replace("_", " ").capitalize()}
    fields.update(kind=Kind.CHARTER, rule="Charter: test clause")
    fields.update(extra)
    return registry.register(
        Requirement(key=key, cadence=cadence, evaluator=done.evaluator(key), **fields)
    )


def run(day: datetime.date):
    report = deadlines_run(as_of=day)
    assert report.errors == []
    return report


def days(start: datetime.date, end: datetime.date):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


def occurrence(key: str, period_start: datetime.date) -> Occurrence:
    return Occurrence.objects.get(requirement_key=key, period_start=period_start)


def met_occurrence(committee, key, cadence, start, end, user):
    """A met, closed occurrence of ``key`` for the period, with its evidence, the reminder sent
    for it and the notification it left: history the run must not pay for."""
    occurrence = Occurrence.objects.create(
        committee=committee,
        requirement_key=key,
        cadence=cadence,
        period_start=start,
        period_end=end,
        scheduled_due=end,
        due_date=end,
        status="met",
        is_open=False,
        met_on=end - datetime.timedelta(days=10),
        opened_on=start,
    )
    Evidence.objects.create(occurrence=occurrence, label="Minutes", url="/minutes/")
    reminder = Reminder.objects.create(
        occurrence=occurrence,
        kind="reminder",
        threshold="30d",
        offset_days=-30,
        due_date=end,
        claimed_on=end - datetime.timedelta(days=30),
        subject=f"Due in 30 days: {key}",
        body="-",
        sent_at=timezone.now(),
    )
    Notification.objects.create(user=user, reminder=reminder)
