"""Reads of the deadline engine for pages."""

from deadlines.models import Notification, Occurrence


def notifications_for_user(user, *, limit: int = 50):
    """The user's in-portal notifications, newest first, with what each is about (3 queries at
    most whatever the history)."""
    return list(
        Notification.objects.filter(user=user)
        .select_related("reminder__occurrence__committee")
        .order_by("-created_at", "-pk")[:limit]
    )


def unread_notification_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def occurrences_between(committee_ids, *, start, end):
    """The committees' occurrences whose period overlaps ``start``..``end`` (a fiscal year's
    report), each with its committee, waiver and its grantor, and evidence: two queries."""
    return list(
        Occurrence.objects.filter(
            committee_id__in=list(committee_ids), period_start__lte=end, period_end__gte=start
        )
        .select_related("committee", "waiver__granted_by")
        .prefetch_related("evidence")
        .order_by("committee__name", "requirement_key", "period_start")
    )


def open_occurrences(committee_ids):
    """What the committees still owe (not met, not waived), soonest due first: one query."""
    return list(
        Occurrence.objects.open()
        .filter(committee_id__in=list(committee_ids))
        .select_related("committee")
        .order_by("due_date", "requirement_key")
    )
