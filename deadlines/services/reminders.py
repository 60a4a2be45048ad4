"""Claiming reminders: the row is the claim, created in the transaction that decides it is due."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from deadlines.models import Occurrence, Reminder
from deadlines.registry import Requirement, registry
from deadlines.schedule import ReminderKind, ReminderPolicy, Threshold
from deadlines.status import REMINDABLE, Status
from deadlines.wording import day_words


def reminder_claim(
    *,
    occurrence: Occurrence,
    requirement: Requirement,
    subject,
    as_of: datetime.date,
    now: datetime.datetime,
    policy: ReminderPolicy,
) -> Reminder | None:
    """Claim the latest reminder threshold crossed on ``as_of``, unless it or a later one already
    has a row; runs inside the caller's transaction. Returns the new row, or None."""
    if not requirement.sends_reminders:
        return None
    if not occurrence.is_open or occurrence.due_date is None:
        return None
    if occurrence.status not in REMINDABLE:
        return None
    threshold = policy.latest_threshold(occurrence.due_date, as_of)
    if threshold is None:
        return None
    # A later threshold already claimed (by a run on a later day) makes this one stale.
    if occurrence.reminders.filter(
        due_date=occurrence.due_date, offset_days__gte=threshold.offset_days
    ).exists():
        return None
    recipients = _recipients(requirement, subject, threshold, as_of)
    title, body = compose(occurrence, requirement, subject, threshold, as_of, policy)
    try:
        # The unique key (occurrence, kind, threshold, due date) is the claim: a second run
        # inserting the same row gets an IntegrityError and leaves it to the first.
        with transaction.atomic():
            reminder = Reminder.objects.create(
                occurrence=occurrence,
                kind=threshold.kind,
                threshold=threshold.label,
                offset_days=threshold.offset_days,
                due_date=occurrence.due_date,
                claimed_on=as_of,
                subject=title[:255],
                body=body,
            )
    except IntegrityError:
        return None
    reminder.recipients.set(recipients)
    # Older notices still waiting in the outbox (mail was down) are stale now: never send
    # several at once.
    Reminder.objects.pending().filter(occurrence=occurrence).exclude(pk=reminder.pk).update(
        cancelled_at=now, cancel_reason=f"Superseded by the {threshold.label} notice."
    )
    return reminder


def _recipients(requirement, subject, threshold: Threshold, as_of) -> list:
    users = registry.responsible_for(requirement, subject, as_of)
    if threshold.kind == ReminderKind.ESCALATION or not users:
        # Long overdue: the board chair and the secretary are told as well. With nobody
        # responsible, they are the ones who must hear of it.
        users += registry.escalation_recipients(subject, as_of)
    unique = {}
    for user in users:
        if getattr(user, "is_active", True) and user.pk not in unique:
            unique[user.pk] = user
    return list(unique.values())


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _headline(occurrence: Occurrence, days_left: int) -> str:
    if occurrence.status == Status.FAILING:
        return "Not met"
    if occurrence.status == Status.CURE_PERIOD:
        if days_left < 0:
            return f"Cure period ended {_plural(-days_left, 'day')} ago"
        return f"Cure period ends in {_plural(days_left, 'day')}"
    if days_left > 1:
        return f"Due in {days_left} days"
    if days_left == 1:
        return "Due tomorrow"
    if days_left == 0:
        return "Due today"
    return f"Overdue by {_plural(-days_left, 'day')}"


def compose(occurrence, requirement, subject, threshold, as_of, policy) -> tuple[str, str]:
    """The notice's subject line and plain-text body, fixed when it is claimed."""
    days_left = (occurrence.due_date - as_of).days
    headline = _headline(occurrence, days_left)
    if threshold.kind == ReminderKind.ESCALATION:
        headline = f"Escalation: {headline[0].lower()}{headline[1:]}"
    title = f"{headline}: {requirement.title} ({subject})"
    lines = [
        f"{requirement.title}, {subject}",
        f"Rule: {requirement.rule_for(subject)} ({requirement.kind_for(subject).value})",
        f"Period: {day_words(occurrence.period_start)} to {day_words(occurrence.period_end)}",
        f"Due: {day_words(occurrence.due_date)}",
        f"Status on {day_words(as_of)}: {Status(occurrence.status).label}",
    ]
    if occurrence.detail:
        lines += ["", occurrence.detail]
    if requirement.evidence_url is not None:
        path = requirement.evidence_url(subject, occurrence.period)
        if path:
            lines += ["", f"Record or review the evidence: {_absolute(path)}"]
    if threshold.kind == ReminderKind.ESCALATION:
        lines += [
            "",
            f"It has been overdue for {_plural(max(-days_left, 0), 'day')}; after "
            f"{_plural(policy.escalation_after_days, 'day')} the board chair and the corporate "
            "secretary are told as well.",
        ]
    return title, "\n".join(lines) + "\n"


def _absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{path}"
