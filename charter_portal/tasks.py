"""Celery tasks of the accounts: the password-reset email."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm


@shared_task(name="charter_portal.password_reset_send")
def password_reset_send(*, email: str) -> None:
    """Email a reset link to each active account with this address. The link is built from
    SITE_URL, never from the Host header of the request that asked for it."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    form.save(
        domain_override=settings.SITE_URL,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.html",
        extra_email_context={"site_url": settings.SITE_URL},
    )
