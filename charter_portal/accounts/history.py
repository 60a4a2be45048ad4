"""History of second-factor devices (security target 13: changes to accounts keep history).

A device saves itself on every use (its counter, throttling and last-used time), so the history
keeps a row only when something a person changed differs: created, renamed, confirmed, removed.
The secret key and the counters are never copied into the history."""

import simple_history
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from charter_portal.history import ChangedOnlyHistory

_USE_FIELDS = [
    "throttling_failure_timestamp",
    "throttling_failure_count",
    "last_used_at",
]


def register_device_history() -> None:
    if hasattr(TOTPDevice, "history"):
        return
    simple_history.register(
        TOTPDevice,
        app="charter_portal",
        records_class=ChangedOnlyHistory,
        excluded_fields=["key", "last_t", "drift", *_USE_FIELDS],
    )
    simple_history.register(
        StaticDevice,
        app="charter_portal",
        records_class=ChangedOnlyHistory,
        excluded_fields=_USE_FIELDS,
    )
