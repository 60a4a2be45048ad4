"""Waivers: the committee's chair or the corporate secretary excuses one occurrence of a
charter-kind requirement (for a continuous one, until a stated day), or revokes that waiver."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from deadlines.models import Occurrence, Reminder, Waiver
from deadlines.registry import NOT_WAIVABLE, Requirement, registry
from deadlines.schedule import ReminderPolicy
from deadlines.services.occurrences import occurrence_evaluate
from deadlines.status import Status
from deadlines.wording import day_words

MAX_REASON_LENGTH = 5000
WAIVED_REMINDER_REASON = "The requirement was waived."
NOT_ALLOWED = "Only the committee's chair or the corporate secretary can {} a waiver."


def _clean_reason(reason, *, field: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: f"Give the reason for {what}; every report shows it."})
    if "\x00" in reason:
        raise ValidationError({field: "The reason contains a character that cannot be stored."})
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError({field: f"Keep the reason under {MAX_REASON_LENGTH} characters."})
    return reason


def _requirement_of(occurrence: Occurrence) -> Requirement:
    if occurrence.requirement_key not in registry:
        raise ValidationError(
            "This requirement is no longer tracked by the portal, so it cannot be waived."
        )
    return registry.get(occurrence.requirement_key)


def waiver_refusal(occurrence: Occurrence) -> str:
    """Why the occurrence's requirement cannot be waived at all, or "" when it can."""
    if occurrence.requirement_key not in registry:
        return "This requirement is no longer tracked by the portal, so it cannot be waived."
    requirement = registry.get(occurrence.requirement_key)
    if requirement.is_waivable_for(occurrence.committee):
        return ""
    kind = requirement.kind_for(occurrence.committee)
    if kind in NOT_WAIVABLE:
        # A company may relax its own charter's practice, never a listing standard or SEC rule.
        return f"This requirement is {NOT_WAIVABLE[kind]}, which cannot be waived."
    return "This requirement is declared as one that cannot be waived."


def _check_until(occurrence: Occurrence, until, as_of: datetime.date):
    """A continuous requirement is waived until a stated day within its period and not before
    today; a periodic one is waived for its one period, with no end date."""
    if not occurrence.is_continuous:
        if until is not None:
            raise ValidationError(
                {
                    "until": "This requirement is waived for its one period; "
                    "leave the end date empty."
                }
            )
        return None
    if until is None:
        raise ValidationError(
            {"until": "Give the last day of the waiver: this requirement applies at all times."}
        )
    if not isinstance(until, datetime.date) or isinstance(until, datetime.datetime):
        raise ValidationError({"until": "Give the last day of the waiver as a date."})
    if until < as_of:
        raise ValidationError({"until": f"The waiver cannot end before today, {day_words(as_of)}."})
    if not occurrence.period_start <= until <= occurrence.period_end:
        raise ValidationError(
            {
                "until": "The waiver must end within this record's period, "
                f"{day_words(occurrence.period_start)} to {day_words(occurrence.period_end)}."
            }
        )
    return until


def _close_ended(waiver: Waiver, *, user, as_of: datetime.date, now, until) -> None:
    """Make room for a new waiver of a continuous requirement: the one whose end date has passed
    is closed on the record (it no longer covered any day, so nothing it excused changes)."""
    waiver.revoked_at = now
    waiver.revoked_on = as_of
    waiver.revoked_by = user
    waiver.revoke_reason = (
        f"Ended on {day_words(waiver.until)}; replaced by a new waiver until {day_words(until)}."
    )
    waiver.save(update_fields=["revoked_at", "revoked_on", "revoked_by", "revoke_reason"])


def waiver_grant(
    *,
    occurrence: Occurrence,
    user,
    reason: str,
    as_of: datetime.date,
    until: datetime.date | None = None,
) -> Waiver:
    """Waive an open occurrence of a charter-kind requirement. Only a user the domain's waiver
    hook allows (the chair or the secretary), with a reason that every report then shows; a
    periodic occurrence closes, a continuous one is waived through ``until``."""
    refusal = waiver_refusal(occurrence)
    if refusal:
        raise ValidationError(refusal)
    if not registry.can_waive(user, occurrence, as_of):
        raise PermissionDenied(NOT_ALLOWED.format("grant"))
    reason = _clean_reason(reason, field="reason", what="the waiver")
    until = _check_until(occurrence, until, as_of)
    now = timezone.now()
    with transaction.atomic():
        locked = Occurrence.objects.select_for_update().get(pk=occurrence.pk)
        if not locked.is_open:
            raise ValidationError(
                f"This requirement is already {Status(locked.status).label} for that period; "
                "only an open one can be waived."
            )
        current = locked.waivers.active().first()
        if current is not None:
            if current.until is None or current.until >= as_of:
                through = f" until {day_words(current.until)}" if current.until else ""
                raise ValidationError(
                    f"This requirement is already waived{through}; revoke that waiver first "
                    "to change it."
                )
            _close_ended(current, user=user, as_of=as_of, now=now, until=until)
        waiver = Waiver.objects.create(
            occurrence=locked, granted_by=user, reason=reason, granted_on=as_of, until=until
        )
        fields = ["status"]
        locked.status = Status.WAIVED
        if not locked.is_continuous:
            # One period excused: it closes, and the engine no longer evaluates it.
            locked.is_open = False
            fields.append("is_open")
        else:
            # Still open: the engine shows it waived through ``until`` and judges it again
            # from the day after (services.occurrences._apply); no deadline runs meanwhile.
            locked.due_date = None
            fields.append("due_date")
        locked.save(update_fields=fields)
        Reminder.objects.pending().filter(occurrence=locked).update(
            cancelled_at=now, cancel_reason=WAIVED_REMINDER_REASON
        )
    occurrence.refresh_from_db()
    return waiver


def waiver_revoke(*, waiver: Waiver, user, reason: str, as_of: datetime.date) -> Waiver:
    """Revoke a waiver in force. Only a user the domain's waiver hook allows, with a reason; the
    occurrence reopens and is re-evaluated at once by the engine's own occurrence_evaluate, so
    its status, due date and reminders are what the daily run would make of them."""
    occurrence = waiver.occurrence
    if not registry.can_waive(user, occurrence, as_of):
        raise PermissionDenied(NOT_ALLOWED.format("revoke"))
    reason = _clean_reason(reason, field="revoke_reason", what="revoking the waiver")
    requirement = _requirement_of(occurrence)
    with transaction.atomic():
        locked = Occurrence.objects.select_for_update().get(pk=occurrence.pk)
        current = Waiver.objects.select_for_update().get(pk=waiver.pk)
        if current.is_revoked:
            raise ValidationError("This waiver has already been revoked.")
        if as_of < current.granted_on:
            raise ValidationError("A waiver cannot be revoked before the day it was granted.")
        _refuse_when_a_later_period_counts_from_it(locked, requirement, as_of)
        current.revoked_at = timezone.now()
        current.revoked_on = as_of
        current.revoked_by = user
        current.revoke_reason = reason
        current.save(update_fields=["revoked_at", "revoked_on", "revoked_by", "revoke_reason"])
        if not locked.is_open:
            locked.is_open = True
            locked.save(update_fields=["is_open"])
        # The engine decides the rest: a continuous record whose year is over closes again with
        # the status of its last day, a periodic one stays open until it is met.
        occurrence_evaluate(
            occurrence_id=locked.pk,
            subject=locked.committee,
            requirement=requirement,
            as_of=as_of,
            now=current.revoked_at,
            policy=ReminderPolicy.from_settings(),
        )
    waiver.refresh_from_db()
    occurrence.refresh_from_db()
    return waiver


def _refuse_when_a_later_period_counts_from_it(occurrence, requirement, as_of) -> None:
    """A rolling duty's next period is counted from the waived one's due date; once that next
    period has opened, reopening the waived one would leave two periods open at once."""
    cadence = requirement.cadence_for(occurrence.committee, as_of)
    if not cadence.rolling:
        return
    later = Occurrence.objects.filter(
        committee_id=occurrence.committee_id,
        requirement_key=occurrence.requirement_key,
        period_start__gt=occurrence.period_start,
    )
    if later.exists():
        raise ValidationError(
            "The next period of this requirement has already started, counted from this waived "
            "one, so the waiver can no longer be revoked."
        )
