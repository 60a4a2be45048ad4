"""Encryption at rest for case contents (narrative, contact details, messages, notes and
attachments), with the ``cryptography`` library's Fernet (AES-128-CBC with HMAC-SHA256) through
MultiFernet: the first key encrypts, every key decrypts, so a new key can be put in front and
the old ones kept until ``manage.py complaints_rotate_keys`` has re-encrypted everything.

Keys come from settings.COMPLAINTS_ENCRYPTION_KEYS (the environment). Without any, outside
production, one development key is derived from SECRET_KEY so the embedded default works; the
system check complaints.E001 refuses that whenever DEBUG is off.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

# Every stored ciphertext starts with this, so a plaintext value can never pass for one.
PREFIX = "fernet:"


def derived_key(purpose: str) -> bytes:
    """A development key for ``purpose``, derived from SECRET_KEY (never used in production)."""
    digest = hmac.new(settings.SECRET_KEY.encode(), purpose.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest)


def configured_keys() -> list[bytes]:
    """The encryption keys, newest first: the environment's, or the development key."""
    keys = [key.encode() for key in settings.COMPLAINTS_ENCRYPTION_KEYS]
    return keys or [derived_key("complaints.encryption")]


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[bytes, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "COMPLAINTS_ENCRYPTION_KEYS must hold Fernet keys (32 url-safe base64-encoded "
            "bytes each), separated by commas."
        ) from error


def fernet() -> MultiFernet:
    return _fernet_for(tuple(configured_keys()))


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    """The plaintext of ``token`` under any configured key; InvalidToken when none opens it."""
    return fernet().decrypt(token)


def encrypt_text(text: str) -> str:
    return PREFIX + encrypt_bytes(text.encode("utf-8")).decode("ascii")


def decrypt_text(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise InvalidToken("The stored value is not an encrypted case value.")
    return decrypt_bytes(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")


def is_current(stored: str) -> bool:
    """Whether ``stored`` is encrypted under the first (current) key."""
    first = Fernet(configured_keys()[0])
    try:
        first.decrypt(stored[len(PREFIX) :].encode("ascii"))
    except InvalidToken:
        return False
    return True


class EncryptedTextField(models.TextField):
    """Text stored only as a Fernet token: encrypted on the way to the database, decrypted on
    the way back. Not searchable, not orderable; empty text stays empty (nothing to hide)."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(value)
