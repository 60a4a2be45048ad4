"""Logging the fixed cast in, second factor included (security target 7).

Every test user gets a confirmed authenticator with one known key, and codes are computed with
django-otp's own TOTP functions, so tests log in exactly as people do."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from charter_portal.accounts.codes import usable_code

# 20 bytes, hex as django-otp stores it. Tests only.
TEST_TOTP_KEY = "3132333435363738393031323334353637383930"


def authenticator_for(user) -> TOTPDevice:
    """The user's confirmed authenticator, made with the test key if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        # django-two-factor-auth asks for the code of the device named "default".
        device = TOTPDevice.objects.create(
            user=user, name="default", key=TEST_TOTP_KEY, confirmed=True
        )
    return device


def code_for(user) -> str:
    """A code the user's authenticator accepts now (never one already used)."""
    device = authenticator_for(user)
    device.refresh_from_db()
    return usable_code(device)


def verified_login(client: Client, user) -> Client:
    """Log ``user`` in on ``client`` with the session marked verified the way django-otp marks
    it after a code (django_otp.login stores the device's persistent id)."""
    device = authenticator_for(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def password_only_login(client: Client, user) -> Client:
    """A session that passed the password but no code."""
    client.force_login(user)
    return client


LOGIN_STEP = "login_view-current_step"


def post_password(client: Client, email: str, password: str, next_url: str = ""):
    """The login page's first step (django-two-factor-auth's wizard)."""
    data = {LOGIN_STEP: "auth", "auth-username": email, "auth-password": password}
    path = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(path, data)


def post_code(client: Client, code: str, *, step: str = "token", next_url: str = ""):
    """The login page's second step: a code (``step="backup"`` for a backup code)."""
    path = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(path, {LOGIN_STEP: step, f"{step}-otp_token": code})


def log_in_fully(client: Client, email: str, password: str, code: str):
    """Both steps, as a person logs in; returns the response to the code."""
    post_password(client, email, password)
    return post_code(client, code)
