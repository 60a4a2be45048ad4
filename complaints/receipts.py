"""The reporter's receipt: the only key to a case from the public side.

25 decimal digits from ``secrets`` (log2(10**25) = 83 bits), shown once in five groups of five,
easy to write down and to read out. The database keeps two things derived from it, never the
receipt itself:

- a lookup digest, HMAC-SHA256 under settings.COMPLAINTS_RECEIPT_KEY, unique and indexed, so a
  receipt finds its case in one indexed query instead of hashing against every case;
- an Argon2id hash (argon2-cffi) that must verify too, so someone holding a copy of the
  database and the lookup key still faces a slow hash per guess.

Argon2id parameters: time_cost=2, memory_cost=19 MiB, parallelism=1, the OWASP minimum for
Argon2id. One hash takes about 20 ms on one core here, so two cores hash about 100 receipts a
second: the target of 20 submissions a second keeps most of its budget for the rest of the work.
With 83 bits, even the fast lookup digest cannot be enumerated.
"""

import hashlib
import hmac
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings

from complaints.crypto import derived_key

DIGITS = 25
GROUP = 5
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_SEPARATORS = re.compile(r"[\s\-.]+")


def receipt_new() -> str:
    """A fresh receipt, grouped for reading: ``12345 67890 ...``."""
    digits = "".join(secrets.choice("0123456789") for _ in range(DIGITS))
    return " ".join(digits[i : i + GROUP] for i in range(0, DIGITS, GROUP))


def normalise(text) -> str | None:
    """The 25 digits of a receipt as typed (spaces, dashes and dots allowed), or None when the
    text cannot be a receipt (wrong length, letters, NUL bytes)."""
    if not isinstance(text, str) or len(text) > 100:
        return None
    digits = _SEPARATORS.sub("", text)
    if len(digits) != DIGITS or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def _lookup_key() -> bytes:
    key = settings.COMPLAINTS_RECEIPT_KEY
    return key.encode() if key else derived_key("complaints.receipt")


def lookup_digest(digits: str) -> str:
    return hmac.new(_lookup_key(), digits.encode(), hashlib.sha256).hexdigest()


def slow_hash(digits: str) -> str:
    return _hasher.hash(digits)


def verify(stored_hash: str, digits: str) -> bool:
    try:
        return _hasher.verify(stored_hash, digits)
    except (VerificationError, InvalidHashError):
        return False


def keyed_digest(purpose: str, value: str) -> str:
    """A keyed digest of a one-time form token or a client (never stored in plain)."""
    message = f"{purpose}:{value}".encode()
    return hmac.new(_lookup_key(), message, hashlib.sha256).hexdigest()
