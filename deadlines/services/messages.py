"""Messages any app sends through the one outbox (an account change, a new meeting material):
queued once under a unique key, sent after commit by every channel, retried until they go."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from deadlines.models import Reminder
from deadlines.schedule import ReminderKind

MAX_KEY_LENGTH = 200


def message_queue(
    *, key: str, recipients, subject: str, body: str, as_of: datetime.date | None = None
) -> Reminder | None:
    """Queue a message to ``recipients`` (users) under ``key`` ("accounts.device_reset:42:<when>"):
    a second call with the same key queues nothing and returns None. It is sent after the
    caller's transaction commits (by a task, inline in the embedded default)."""
    from deadlines.tasks import flush_outbox

    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValueError(f"A message key is 1 to {MAX_KEY_LENGTH} characters: {key!r}.")
    subject = " ".join(str(subject).split())[:255]  # one line: a mail header
    try:
        with transaction.atomic():
            message = Reminder.objects.create(
                key=key,
                kind=ReminderKind.MESSAGE,
                claimed_on=as_of or timezone.localdate(),
                subject=subject,
                body=body,
            )
            message.recipients.set(list(recipients))
    except IntegrityError:
        return None
    transaction.on_commit(flush_outbox.delay, robust=True)
    return message
