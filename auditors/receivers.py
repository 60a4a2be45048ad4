"""Reports waiting for a meeting (SOX 202): a policy use or delegated decision made when no
meeting was scheduled goes on the agenda as soon as one is; a cancelled meeting's reports move
to the next one. Connected from AuditorsConfig.ready()."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from meetings.models import Meeting


@receiver(post_save, sender=Meeting, dispatch_uid="auditors.place_preapproval_reports")
def place_preapproval_reports(sender, instance: Meeting, raw=False, **kwargs):
    if raw:
        return
    from auditors.services.requests import reports_place, reports_withdraw_from

    if instance.status == Meeting.Status.CANCELLED:
        reports_withdraw_from(meeting=instance)
    elif instance.status == Meeting.Status.SCHEDULED:
        reports_place(committee=instance.committee)
