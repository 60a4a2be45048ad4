"""The personal deadline feed's secret address: making it and resetting it."""

import datetime

from django.db import transaction

from deadlines.models.feeds import CalendarFeed, new_token, token_digest


def calendar_feed_reset(*, user, now: datetime.datetime) -> str:
    """Give the user a new secret feed token and return it (the only time it is readable); any
    earlier address stops working at once because only the new token's hash is kept."""
    token = new_token()
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
        if feed is None:
            CalendarFeed.objects.create(user=user, token_hash=token_digest(token), created_at=now)
        else:
            feed.token_hash = token_digest(token)
            feed.created_at = now
            feed.save(update_fields=["token_hash", "created_at"])
    return token


def calendar_feed_revoke(*, user) -> None:
    """Stop the user's feed address working (logout, password change, deactivation, a
    second-factor reset: issue 7). The user makes a new address on the feed page when they want
    one."""
    CalendarFeed.objects.filter(user=user).delete()
