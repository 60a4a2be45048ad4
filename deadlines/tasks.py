"""The daily beat task (declared in settings.CELERY_BEAT_SCHEDULE); it only calls the service."""

import datetime

from celery import shared_task
from django.utils import timezone

from deadlines.services import deadlines_run


@shared_task(name="deadlines.tasks.run_deadlines")
def run_deadlines(as_of: str | None = None) -> dict:
    """Run the deadline engine for ``as_of`` (ISO date), by default today."""
    day = datetime.date.fromisoformat(as_of) if as_of else timezone.localdate()
    return deadlines_run(as_of=day).as_dict()
