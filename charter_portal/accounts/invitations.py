"""Invitations to the portal (issue 8): the secretary invites a director by email; the emailed
link lets the director choose a password once, then enrol a second factor.

The link is made with Django's token machinery, as a password reset link is, under its own salt
(a reset link is no invitation and an invitation is no reset link). It works once: the token
covers the account's password (unusable until the invitation is accepted), its last login and its
security stamp, so setting the password, or a new invitation (which renews the stamp), makes every
earlier link stop working. It expires after INVITATION_VALID_DAYS.

The email does not go through the outbox (deadlines.services.message_queue): the outbox keeps
each message's body in the database, shows it in the administration site's outbox and in the
in-portal notifications, and a live set-password link must be stored nowhere (whoever read it
could set the director's password). Like the password reset, the token is made by the worker
when the email is sent and exists only in that email.
"""

import datetime

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from charter_portal.dates import long_date

INVITATION_VALID_DAYS = 7
SUBJECT = "You are invited to Charter Portal"


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "charter_portal.accounts.invitations.InvitationTokenGenerator"
    timeout_seconds = INVITATION_VALID_DAYS * 24 * 3600

    def _make_hash_value(self, user, timestamp):
        # The reset's hash covers the password, the last login and the email; the stamp is
        # renewed by every new invitation, so only the latest link works.
        return f"{super()._make_hash_value(user, timestamp)}{user.security_stamp}"

    def check_token(self, user, token):
        """As PasswordResetTokenGenerator.check_token, with the invitation's own lifetime
        instead of PASSWORD_RESET_TIMEOUT, and only for an account with no password yet."""
        if not (user and token) or user.has_usable_password() or not user.is_active:
            return False
        try:
            timestamp_b36, _ = token.split("-")
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            made = self._make_token_with_timestamp(user, timestamp, secret)
            if constant_time_compare(made, token):
                break
        else:
            return False
        return self._num_seconds(self._now()) - timestamp <= self.timeout_seconds


invitation_tokens = InvitationTokenGenerator()


def invitation_url(user) -> str:
    path = reverse(
        "invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_tokens.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def invitation_email_send(*, user, invited_by, today: datetime.date) -> None:
    """Email ``user`` the link (made now, kept nowhere else). Built from SITE_URL, never from a
    request's Host header."""
    expires = today + datetime.timedelta(days=INVITATION_VALID_DAYS)
    body = render_to_string(
        "email/invitation.txt",
        {
            "user": user,
            "invited_by": invited_by,
            "url": invitation_url(user),
            "expires": long_date(expires),
            "site_url": settings.SITE_URL,
        },
    )
    EmailMessage(SUBJECT, body, to=[user.email]).send()
