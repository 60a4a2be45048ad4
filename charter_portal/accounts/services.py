"""Writes on accounts: ending a user's sessions and resetting their second factor."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from charter_portal.models import new_security_stamp
from deadlines.services.feeds import calendar_feed_revoke
from deadlines.services.messages import message_queue


def user_sessions_end(*, user) -> None:
    """End every session of ``user`` and stop their calendar-feed address working (logout,
    password change, deactivation, second-factor reset; issue 7). Sessions carry a hash of the
    user's security stamp, so a new stamp makes every one of them invalid at once."""
    with transaction.atomic():
        user.security_stamp = new_security_stamp()
        user.save(update_fields=["security_stamp"])
        calendar_feed_revoke(user=user)


def second_factor_reset(*, user, by) -> None:
    """The secretary removes a member's authenticator and backup codes (a lost phone): the member
    enrols a new one at their next login. Every session of the member ends, the device history
    records who removed them, and the member is told by email."""
    with transaction.atomic():
        for device in [
            *TOTPDevice.objects.filter(user=user),
            *StaticDevice.objects.filter(user=user),
        ]:
            device._history_user = by
            device.delete()
        user_sessions_end(user=user)
        body = render_to_string(
            "email/second_factor_reset.txt",
            {"user": user, "by": by, "site_url": settings.SITE_URL},
        )
        # Through the one outbox (email and the in-portal list), once per reset.
        message_queue(
            key=f"accounts.second_factor_reset:{user.pk}:{user.security_stamp}",
            recipients=[user],
            subject="Charter Portal: your second factor was reset",
            body=body,
        )
