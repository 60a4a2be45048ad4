"""System checks for the complaint keys: a deployment without its own keys would encrypt case
contents and key receipts with values derived from SECRET_KEY."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_complaint_keys(app_configs, **kwargs):
    from complaints.crypto import _fernet_for

    problems = []
    keys = settings.COMPLAINTS_ENCRYPTION_KEYS
    if not settings.DEBUG and not keys:
        problems.append(
            Error(
                "COMPLAINTS_ENCRYPTION_KEYS is not set: complaint contents would be encrypted "
                "with a development key derived from SECRET_KEY.",
                hint="Set it to one or more Fernet keys, newest first, separated by commas.",
                id="complaints.E001",
            )
        )
    if keys:
        try:
            _fernet_for(tuple(key.encode() for key in keys))
        except Exception as error:  # noqa: BLE001  (reported as the check's message)
            problems.append(Error(str(error), id="complaints.E002"))
    if not settings.DEBUG and len(settings.COMPLAINTS_RECEIPT_KEY or "") < 32:
        problems.append(
            Error(
                "COMPLAINTS_RECEIPT_KEY is missing or shorter than 32 characters: receipts "
                "would be looked up with a key derived from SECRET_KEY.",
                hint="python -c 'import secrets; print(secrets.token_urlsafe(48))'",
                id="complaints.E003",
            )
        )
    return problems
