"""Waivers: the committee's chair or the corporate secretary excuses one occurrence."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from deadlines.models import Occurrence, Reminder, Waiver
from deadlines.registry import registry
from deadlines.status import Status

MAX_REASON_LENGTH = 5000


def waiver_grant(*, occurrence: Occurrence, user, reason: str, as_of: datetime.date) -> Waiver:
    """Waive an open occurrence. Only a user the domain's waiver hook allows (the chair or the
    secretary), and only with a reason, which every report then shows."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for the waiver; every report shows it."})
    if "\x00" in reason:
        raise ValidationError({"reason": "The reason contains a character that cannot be stored."})
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError({"reason": f"Keep the reason under {MAX_REASON_LENGTH} characters."})
    if not registry.can_waive(user, occurrence, as_of):
        raise PermissionDenied(
            "Only the committee's chair or the corporate secretary can waive a requirement."
        )
    with transaction.atomic():
        locked = Occurrence.objects.select_for_update().get(pk=occurrence.pk)
        if not locked.is_open:
            raise ValidationError(
                f"This requirement is already {Status(locked.status).label} for that period; "
                "only an open one can be waived."
            )
        waiver = Waiver.objects.create(
            occurrence=locked, granted_by=user, reason=reason, granted_on=as_of
        )
        locked.status = Status.WAIVED
        locked.is_open = False
        locked.save(update_fields=["status", "is_open"])
        Reminder.objects.pending().filter(occurrence=locked).update(
            cancelled_at=timezone.now(), cancel_reason="The requirement was waived."
        )
    occurrence.refresh_from_db()
    return waiver
