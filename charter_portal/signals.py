"""Account events that end every session of a user (issue 7): logging out, and deactivation."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import pre_save
from django.dispatch import receiver


@receiver(user_logged_out, dispatch_uid="charter_portal.logout_ends_every_session")
def logout_ends_every_session(sender, request, user, **kwargs):
    if user is not None:
        from charter_portal.accounts.services import user_sessions_end

        user_sessions_end(user=user)


@receiver(pre_save, dispatch_uid="charter_portal.deactivation_ends_every_session")
def deactivation_ends_every_session(sender, instance, raw=False, **kwargs):
    """However an account is deactivated (the admin, a script), its sessions and feed end."""
    if raw or sender is not get_user_model() or instance.pk is None or instance.is_active:
        return
    was_active = sender.objects.filter(pk=instance.pk, is_active=True).exists()
    if was_active:
        from charter_portal.models import new_security_stamp
        from deadlines.services.feeds import calendar_feed_revoke

        # Written at once (a save with update_fields=["is_active"] would leave the stamp out).
        instance.security_stamp = new_security_stamp()
        sender.objects.filter(pk=instance.pk).update(security_stamp=instance.security_stamp)
        calendar_feed_revoke(user=instance)
