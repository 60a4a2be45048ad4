"""Celery tasks for committees: thin wrappers that call services. The schedule is declared in
settings.CELERY_BEAT_SCHEDULE."""

from celery import shared_task
from django.utils import timezone

from committees.services import composition_notify


@shared_task(name="committees.tasks.evaluate_composition")
def evaluate_composition() -> int:
    """Daily: evaluate every committee's composition and send the notices now due."""
    return len(composition_notify(as_of=timezone.localdate()))
