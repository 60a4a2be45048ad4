"""Codes of a TOTP device computed on the server, for the demo logins (manage.py demo_code) and
the tests. Never shown to anyone for a real account."""

import time

from django_otp.oath import totp


def usable_code(device) -> str:
    """The code the device accepts now and has not seen yet: the current step's, or the next
    step's (accepted within OTP_TOTP_TOLERANCE) when the current one was already used."""
    current = int((time.time() - device.t0) // device.step) + device.drift
    target = current
    if device.last_t is not None and device.last_t >= current:
        target = device.last_t + 1
    drift = device.drift + (target - current)
    code = totp(device.bin_key, device.step, device.t0, device.digits, drift)
    return f"{code:0{device.digits}d}"
