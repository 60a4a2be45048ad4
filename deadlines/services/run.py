"""The daily run, shared by the beat task, ``manage.py run_deadlines`` and the refresh that
follows a committed change (deadlines.freshness)."""

import datetime
import logging
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone

from charter_portal.dates import long_date
from deadlines.models import Occurrence, Reminder
from deadlines.registry import registry
from deadlines.schedule import ReminderPolicy
from deadlines.services.occurrences import occurrence_evaluate, occurrences_open
from deadlines.services.outbox import outbox_flush
from deadlines.status import Status

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


@dataclass(frozen=True)
class StatusChange:
    """A requirement whose stored status the run changed (or, in a dry run, would change)."""

    committee: str
    key: str
    title: str
    old: str
    new: str

    def line(self) -> str:
        old = Status(self.old).label if self.old else "not yet opened"
        return f"{self.committee}: {self.title} ({self.key}): {old} -> {Status(self.new).label}"


@dataclass(frozen=True)
class ClaimedReminder:
    """A reminder the run claimed (or, in a dry run, would claim), with who receives it."""

    committee: str
    key: str
    threshold: str
    subject: str
    recipients: tuple[str, ...]

    def line(self) -> str:
        to = ", ".join(self.recipients) or "nobody (no responsible or escalation user)"
        return f"{self.committee}: {self.subject} [{self.threshold}] to {to}"


@dataclass
class RunReport:
    as_of: datetime.date
    dry_run: bool = False
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
    changes: list[StatusChange] = field(default_factory=list)
    reminders: list[ClaimedReminder] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return data

    def summary(self) -> str:
        if self.dry_run:
            return (
                f"Dry run for {long_date(self.as_of)}: nothing was written or sent. It would open "
                f"{self.opened}, evaluate {self.evaluated} ({self.changed} changed, "
                f"{self.closed} closed) and claim {self.claimed} reminders; "
                f"{len(self.errors)} errors."
            )
        return (
            f"Deadlines on {long_date(self.as_of)}: {self.opened} opened, "
            f"{self.evaluated} evaluated ({self.changed} changed, {self.closed} closed), "
            f"{self.claimed} reminders claimed, "
            f"{self.sent} sent, {self.failed} failed, {self.cancelled} cancelled, "
            f"{self.pending} pending, {len(self.errors)} errors."
        )

    def details(self) -> list[str]:
        """One line per status change and per reminder, for --verbose and dry runs."""
        lines = [f"changed: {change.line()}" for change in self.changes]
        verb = "would send" if self.dry_run else "claimed"
        return lines + [f"{verb}: {reminder.line()}" for reminder in self.reminders]


class _DryRunRollback(Exception):
    """Raised to roll back everything a dry run wrote."""


def deadlines_run(
    *,
    as_of: datetime.date,
    committee_ids=None,
    flush: bool = True,
    dry_run: bool = False,
) -> RunReport:
    """Open the periods that start, re-evaluate the open occurrences and claim the reminders now
    due (each occurrence in its own transaction), then send the outbox after those commits.
    ``committee_ids`` limits the run to those committees (a refresh after a change); ``flush``
    False leaves the outbox to the next sender; ``dry_run`` does it all in a transaction that
    is rolled back, so the report says what would happen and nothing is written or sent.
    The work follows what is open, never the years of history."""
    report = RunReport(as_of=as_of, dry_run=dry_run)
    if not dry_run:
        _run(report, committee_ids)
        if flush:
            sent = outbox_flush()
            report.sent, report.failed = sent["sent"], sent["failed"]
            report.cancelled = sent["cancelled"]
        report.pending = Reminder.objects.pending().count()
        return report
    try:
        with transaction.atomic():
            _run(report, committee_ids)
            raise _DryRunRollback
    except _DryRunRollback:
        pass
    return report


def _run(report: RunReport, committee_ids) -> None:
    as_of = report.as_of
    policy = ReminderPolicy.from_settings()
    requirements = registry.all()
    subjects = {subject.pk: subject for subject in registry.subjects(as_of)}
    if committee_ids is not None:
        wanted = set(committee_ids)
        subjects = {pk: subject for pk, subject in subjects.items() if pk in wanted}
    calendar = _LazyCalendar()
    opened = occurrences_open(
        subjects=list(subjects.values()),
        requirements=requirements,
        as_of=as_of,
        calendar=calendar,
        errors=report.errors,
    )
    report.opened = len(opened)
    newly_opened = {occurrence.pk for occurrence in opened}
    by_key = {requirement.key: requirement for requirement in requirements}
    rows = (
        Occurrence.objects.open()
        .filter(committee_id__in=list(subjects), requirement_key__in=list(by_key))
        .order_by("pk")
        .values_list("pk", "committee_id", "requirement_key")
    )
    now = timezone.now()
    for pk, committee_id, key in list(rows):
        subject, requirement = subjects[committee_id], by_key[key]
        try:
            outcome = occurrence_evaluate(
                occurrence_id=pk,
                subject=subject,
                requirement=requirement,
                as_of=as_of,
                now=now,
                policy=policy,
            )
        except Exception as exc:
            # One broken evaluator must not stop the others' reminders; the run reports it.
            logger.exception("Evaluating occurrence %s (%s) failed", pk, key)
            report.errors.append(f"{key} for {subject}: {type(exc).__name__}: {exc}")
            continue
        if outcome is None:
            continue
        report.evaluated += 1
        report.changed += outcome.changed
        report.closed += outcome.closed
        report.claimed += outcome.claimed
        old = "" if pk in newly_opened else outcome.old_status
        if outcome.new_status != old:
            report.changes.append(
                StatusChange(str(subject), key, requirement.title, old, outcome.new_status)
            )
        if outcome.reminder is not None:
            reminder = outcome.reminder
            report.reminders.append(
                ClaimedReminder(
                    committee=str(subject),
                    key=key,
                    threshold=reminder.threshold,
                    subject=reminder.subject,
                    recipients=tuple(
                        sorted(user.email for user in reminder.recipients.all() if user.email)
                    ),
                )
            )
