"""Celery tasks of the accounts: the password-reset and invitation emails."""

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


@shared_task(name="charter_portal.invitation_send")
def invitation_send(*, user_id: int, invited_by_id: int) -> None:
    """Email the invitation link to an account that has no password yet; the token is made
    here, so it is stored nowhere (charter_portal/accounts/invitations.py)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from charter_portal.accounts.invitations import invitation_email_send

    users = get_user_model().objects
    user = users.filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password():
        return  # accepted or deactivated since: nothing to send
    invitation_email_send(
        user=user, invited_by=users.filter(pk=invited_by_id).first(), today=timezone.localdate()
    )
