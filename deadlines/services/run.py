"""The daily run, shared by the beat task and ``manage.py run_deadlines``."""

import datetime
import logging
from dataclasses import asdict, dataclass, field

from django.utils import timezone

from deadlines.models import Occurrence, Reminder
from deadlines.registry import registry
from deadlines.schedule import ReminderPolicy
from deadlines.services.occurrences import occurrence_evaluate, occurrences_open
from deadlines.services.outbox import outbox_flush

logger = logging.getLogger(__name__)


class _LazyCalendar:
    """The registered fiscal calendar, fetched only if a fiscal cadence asks for it."""

    def __init__(self):
        self._calendar = None

    def _get(self):
        if self._calendar is None:
            self._calendar = registry.calendar()
        return self._calendar

    def year(self, day):
        return self._get().year(day)

    def quarter(self, day):
        return self._get().quarter(day)


@dataclass
class RunReport:
    as_of: datetime.date
    opened: int = 0
    evaluated: int = 0
    changed: int = 0
    closed: int = 0
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    cancelled: int = 0
    pending: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return data

    def summary(self) -> str:
        return (
            f"Deadlines on {self.as_of}: {self.opened} opened, {self.evaluated} evaluated "
            f"({self.changed} changed, {self.closed} closed), {self.claimed} reminders claimed, "
            f"{self.sent} sent, {self.failed} failed, {self.cancelled} cancelled, "
            f"{self.pending} pending, {len(self.errors)} errors."
        )


def deadlines_run(*, as_of: datetime.date) -> RunReport:
    """Open the periods that start, re-evaluate the open occurrences and claim the reminders now
    due (each occurrence in its own transaction), then send the outbox after those commits.
    The work follows what is open, never the years of history."""
    report = RunReport(as_of=as_of)
    policy = ReminderPolicy.from_settings()
    requirements = registry.all()
    subjects = {subject.pk: subject for subject in registry.subjects(as_of)}
    calendar = _LazyCalendar()
    report.opened = len(
        occurrences_open(
            subjects=list(subjects.values()),
            requirements=requirements,
            as_of=as_of,
            calendar=calendar,
            errors=report.errors,
        )
    )
    by_key = {requirement.key: requirement for requirement in requirements}
    rows = (
        Occurrence.objects.open()
        .filter(committee_id__in=list(subjects), requirement_key__in=list(by_key))
        .order_by("pk")
        .values_list("pk", "committee_id", "requirement_key")
    )
    now = timezone.now()
    for pk, committee_id, key in list(rows):
        try:
            outcome = occurrence_evaluate(
                occurrence_id=pk,
                subject=subjects[committee_id],
                requirement=by_key[key],
                as_of=as_of,
                now=now,
                policy=policy,
            )
        except Exception as exc:
            # One broken evaluator must not stop the others' reminders; the run reports it.
            logger.exception("Evaluating occurrence %s (%s) failed", pk, key)
            report.errors.append(f"{key} for {subjects[committee_id]}: {type(exc).__name__}: {exc}")
            continue
        if outcome is None:
            continue
        report.evaluated += 1
        report.changed += outcome.changed
        report.closed += outcome.closed
        report.claimed += outcome.claimed
    sent = outbox_flush()
    report.sent, report.failed, report.cancelled = sent["sent"], sent["failed"], sent["cancelled"]
    report.pending = Reminder.objects.pending().count()
    return report
