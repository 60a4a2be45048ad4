"""The in-portal notification list: marking entries read."""

import datetime

from django.db import transaction

from deadlines.models import Notification


def notifications_mark_read(*, user, notification_ids, now: datetime.datetime) -> int:
    """Mark the user's own notifications read; another user's ids are ignored."""
    with transaction.atomic():
        return Notification.objects.filter(
            user=user, pk__in=list(notification_ids), read_at__isnull=True
        ).update(read_at=now)
