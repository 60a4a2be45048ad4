"""The demo logins' second factor: one fixed authenticator key shared by every demo account, so a
newcomer can log in (README: demo logins). seed_demo refuses to run in production, and no
production setting holds this key."""

from base64 import b32encode
from binascii import unhexlify

from django_otp.plugins.otp_totp.models import TOTPDevice

from charter_portal.accounts.codes import usable_code

# 20 bytes, hex as django-otp stores it. Demo only: known to anyone who reads this file.
DEMO_TOTP_KEY = "4368617274657220506f7274616c2064656d6f21"  # noqa: S105


def demo_totp_secret() -> str:
    """The key as authenticator apps take it (base32)."""
    return b32encode(unhexlify(DEMO_TOTP_KEY)).decode()


def demo_second_factor_seed(user) -> bool:
    """Give a demo login the demo authenticator, unless it has one; True when one was made."""
    if TOTPDevice.objects.filter(user=user).exists():
        return False
    # django-two-factor-auth asks for the code of the device named "default".
    TOTPDevice.objects.create(user=user, name="default", key=DEMO_TOTP_KEY, confirmed=True)
    return True


def demo_second_factor_code(user) -> str | None:
    """The code a demo login's authenticator shows now; None for any other account."""
    device = TOTPDevice.objects.filter(user=user, key=DEMO_TOTP_KEY, confirmed=True).first()
    return usable_code(device) if device else None
