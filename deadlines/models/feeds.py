"""The secret address of each user's personal deadline feed (iCalendar)."""

import hashlib
import secrets

from django.conf import settings
from django.db import models

# 32 random bytes (256 bits) from ``secrets``: far beyond guessing, so a fast hash is enough to
# keep the database from holding a working address.
TOKEN_BYTES = 32


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class CalendarFeed(models.Model):
    """A user's feed address. Only a hash of the secret is stored: the address is shown once,
    when it is made, and a reset replaces the hash so the old address stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deadline_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(help_text="When the current address was made.")

    def __str__(self):
        return f"Deadline feed of {self.user}"
