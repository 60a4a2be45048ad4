"""The beat task (declared in settings.CELERY_BEAT_SCHEDULE) and the outbox sender; each only
calls a service."""

import datetime

from celery import shared_task
from django.utils import timezone

from deadlines.services import deadlines_run, outbox_flush


@shared_task(name="deadlines.tasks.run_deadlines")
def run_deadlines(as_of: str | None = None) -> dict:
    """Run the deadline engine for ``as_of`` (ISO date), by default today."""
    day = datetime.date.fromisoformat(as_of) if as_of else timezone.localdate()
    return deadlines_run(as_of=day).as_dict()


@shared_task(name="deadlines.tasks.flush_outbox")
def flush_outbox() -> dict:
    """Send what waits in the outbox (queued after a commit that claimed something)."""
    return dict(outbox_flush())
