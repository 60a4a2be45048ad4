"""Claiming reminders: the row is the claim, created in the transaction that decides it is due."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from deadlines.models import Occurrence, Reminder
from deadlines.registry import Requirement, registry
from deadlines.schedule import ReminderKind, ReminderPolicy, Threshold
from deadlines.status import PROBLEMS, REMINDABLE, Status
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
        threshold = _opened(occurrence, as_of)
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


def _opened(occurrence: Occurrence, as_of: datetime.date) -> Threshold | None:
    """A problem (a cure period, a failure) is told the day it begins, not only once its
    deadline comes within the first reminder's reach: one "opened" notice per deadline."""
    if occurrence.status not in PROBLEMS:
        return None
    if occurrence.reminders.filter(due_date=occurrence.due_date).exists():
        return None
    return Threshold((as_of - occurrence.due_date).days, ReminderKind.OPENED)


def reminder_recipients(reminder: Reminder, as_of: datetime.date) -> list:
    """Who a claimed reminder goes to when it was claimed with nobody to receive it (no chair and
    no secretary yet): asked again when it is next tried, so it goes once someone is there."""
    occurrence = reminder.occurrence
    if occurrence is None or occurrence.requirement_key not in registry:
        return []
    requirement = registry.get(occurrence.requirement_key)
    threshold = Threshold(reminder.offset_days, ReminderKind(reminder.kind))
    return _recipients(requirement, occurrence.committee, threshold, as_of)


def _recipients(requirement, subject, threshold: Threshold, as_of) -> list:
    if threshold.kind == ReminderKind.ESCALATION:
        # Long overdue: the escalation goes to the people the escalation rule names (the board
        # chair and the secretary), and only to them.
        users = registry.escalation_recipients(subject, as_of)
    else:
        # With nobody responsible, the escalation people are the ones who must hear of it.
        users = registry.responsible_for(requirement, subject, as_of)
        users = users or registry.escalation_recipients(subject, as_of)
    unique = {}
    for user in users:
        if getattr(user, "is_active", True) and user.pk not in unique:
            unique[user.pk] = user
    return list(unique.values())


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _headline(occurrence: Occurrence, days_left: int, threshold_kind) -> str:
    if occurrence.status == Status.FAILING:
        # A failing duty is due the day it began failing: say for how long, so each weekly
        # notice reads differently from the last.
        return "Not met" if days_left >= 0 else f"Not met for {_plural(-days_left, 'day')}"
    if occurrence.status == Status.CURE_PERIOD:
        if threshold_kind == ReminderKind.OPENED:
            return f"Cure period opened, {_plural(days_left, 'day')} to cure"
        if days_left < 0:
            return f"Cure period ended {_plural(-days_left, 'day')} ago"
        if days_left == 0:
            return "Cure period ends today"
        if days_left == 1:
            return "Cure period ends tomorrow"
        return f"Cure period ends in {days_left} days"
    if days_left > 1:
        return f"Due in {days_left} days"
    if days_left == 1:
        return "Due tomorrow"
    if days_left == 0:
        return "Due today"
    return f"Overdue by {_plural(-days_left, 'day')}"


def _deadline_line(occurrence: Occurrence) -> str:
    if occurrence.status == Status.FAILING and occurrence.is_continuous:
        return f"Not met since: {day_words(occurrence.due_date)}"
    if occurrence.status == Status.CURE_PERIOD:
        return f"The cure period ends: {day_words(occurrence.due_date)}"
    return f"Due: {day_words(occurrence.due_date)}"


def compose(occurrence, requirement, subject, threshold, as_of, policy) -> tuple[str, str]:
    """The notice's subject line and plain-text body, fixed when it is claimed."""
    days_left = (occurrence.due_date - as_of).days
    headline = _headline(occurrence, days_left, threshold.kind)
    if threshold.kind == ReminderKind.ESCALATION:
        headline = f"Escalation: {headline[0].lower()}{headline[1:]}"
    title = f"{headline}: {requirement.title} ({subject})"
    lines = [
        f"{requirement.title}, {subject}",
        f"Rule: {requirement.rule_for(subject)} ({requirement.kind_for(subject).value})",
        f"Period: {day_words(occurrence.period_start)} to {day_words(occurrence.period_end)}",
        _deadline_line(occurrence),
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
