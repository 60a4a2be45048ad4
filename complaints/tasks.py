"""The daily retention purge (declared in settings.CELERY_BEAT_SCHEDULE); it only calls the
service."""

from celery import shared_task

from complaints.retention import cases_purge


@shared_task(name="complaints.tasks.purge_expired_cases")
def purge_expired_cases() -> dict:
    report = cases_purge()
    return {"purged": report.purged, "held": report.held}
