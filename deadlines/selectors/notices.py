"""Reads of the engine's records for pages: notifications and occurrences by period."""

from django.db.models import Q

from deadlines.models import CalendarFeed, Notification, Occurrence
from deadlines.models.feeds import token_digest
from deadlines.selectors.items import active_waivers


def notifications_for_user(user, *, limit: int = 50):
    """The user's in-portal notifications, newest first, with what each is about (3 queries at
    most whatever the history)."""
    return list(
        Notification.objects.filter(user=user)
        .select_related("reminder__occurrence__committee")
        .order_by("-created_at", "-pk")[:limit]
    )


def notification_page_rows(user):
    """The user's notifications, newest first, as a queryset for a paginator (one query per
    page, plus the count)."""
    return (
        Notification.objects.filter(user=user)
        .select_related("reminder__occurrence__committee")
        .order_by("-created_at", "-pk")
    )


def unread_notification_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def occurrences_between(committee_ids, *, start, end):
    """The committees' occurrences whose period overlaps ``start``..``end`` (a fiscal year's
    report), and those of earlier periods still open (an overdue review is still owed) or met
    within it (a late review is evidence of this year), each with its committee, its waiver in
    force and the grantor, and evidence: three queries."""
    return list(
        Occurrence.objects.filter(committee_id__in=list(committee_ids), period_start__lte=end)
        .filter(Q(period_end__gte=start) | Q(is_open=True) | Q(met_on__range=(start, end)))
        .select_related("committee")
        .prefetch_related("evidence", active_waivers())
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


def calendar_feed_user(token: str):
    """The active user whose secret feed ``token`` opens, or None (wrong, reset or malformed)."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=token_digest(token), user__is_active=True)
        .first()
    )
    return None if feed is None else feed.user


def has_calendar_feed(user) -> bool:
    return CalendarFeed.objects.filter(user=user).exists()
