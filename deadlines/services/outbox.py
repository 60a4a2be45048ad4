"""The outbox: claimed reminders are sent after the transaction that claimed them commits.

Each reminder is sent in its own transaction that first locks its row (PostgreSQL; a second
sender waits, then finds it sent) and takes it with a conditional update that must change exactly
one row (what stops a second sender on a database without row locks), so two senders never both
send it. A sender killed mid-run rolls back and leaves it pending; a channel
that fails (mail server or broker down) records the error and leaves it pending for the next run.
The one window left is a crash after the mail server accepted the message and before the commit:
then the next run sends it again, which SMTP cannot rule out.
"""

import datetime
import logging
from collections import Counter

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from deadlines.channels import channels
from deadlines.models import Reminder
from deadlines.services.reminders import reminder_recipients
from deadlines.status import Status

logger = logging.getLogger(__name__)
MAX_ERROR_LENGTH = 2000


def reminder_deliver(*, reminder_id: int, now: datetime.datetime | None = None) -> str:
    """Deliver one pending reminder through each channel that has not delivered it yet.
    Returns "sent", "failed", "cancelled" or "skipped" (sent or being sent by someone else)."""
    now = now or timezone.now()
    with transaction.atomic():
        # Wait rather than skip: SKIP LOCKED can pass over a row another sender has just
        # released, leaving it for the next day's run.
        reminder = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related("occurrence")
            .pending()
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None:
            return "skipped"
        taken = (
            Reminder.objects.pending()
            .filter(pk=reminder_id)
            .update(sent_at=now, last_attempt_at=now, attempts=F("attempts") + 1)
        )
        if taken != 1:
            return "skipped"
        status = reminder.occurrence.status if reminder.occurrence_id else None
        if status in (Status.MET, Status.WAIVED):
            Reminder.objects.filter(pk=reminder_id).update(
                sent_at=None,
                cancelled_at=now,
                cancel_reason=f"The requirement was {Status(status).label} before it was sent.",
            )
            return "cancelled"
        recipients = list(reminder.recipients.all())
        if not recipients:
            recipients = reminder_recipients(reminder, timezone.localdate())
            reminder.recipients.set(recipients)
        delivered = list(reminder.delivered_channels)
        error = "" if recipients else "Nobody to send it to: no responsible or escalation users."
        for channel in channels.all():
            if error:
                break
            if channel.name in delivered:
                continue
            try:
                with transaction.atomic():  # a failing channel undoes only its own writes
                    channel.deliver(reminder, recipients)
            except Exception as exc:  # mail server, broker or network down: retry later
                error = f"{channel.name}: {type(exc).__name__}: {exc}"[:MAX_ERROR_LENGTH]
                logger.warning("Reminder %s not delivered: %s", reminder_id, error)
            else:
                delivered.append(channel.name)
        if error:
            Reminder.objects.filter(pk=reminder_id).update(
                sent_at=None, delivered_channels=delivered, last_error=error
            )
            return "failed"
        Reminder.objects.filter(pk=reminder_id).update(delivered_channels=delivered, last_error="")
        return "sent"


def outbox_flush() -> Counter:
    """Send every pending reminder, oldest first, each in its own transaction. Returns how many
    were sent, failed, cancelled or skipped."""
    pending = Reminder.objects.pending().order_by("created_at", "pk").values_list("pk", flat=True)
    return Counter(reminder_deliver(reminder_id=pk) for pk in list(pending))
