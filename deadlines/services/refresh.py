"""Re-evaluating one committee's open occurrences at once, when the domain has just recorded the
evidence for them (a charter review, the last self-evaluation answer), so the dashboard need not
wait for the next daily run."""

import datetime
import logging

from django.utils import timezone

from deadlines.models import Occurrence
from deadlines.registry import registry
from deadlines.schedule import ReminderPolicy
from deadlines.services.occurrences import occurrence_evaluate

logger = logging.getLogger(__name__)


def occurrences_refresh(*, committee, keys, as_of: datetime.date) -> int:
    """Re-evaluate ``committee``'s open occurrences of the requirements ``keys`` on ``as_of``,
    each in its own transaction as the daily run does; returns how many were evaluated. Opens no
    new period: that stays the daily run's work."""
    keys = [key for key in keys if key in registry]
    if not keys:
        return 0
    policy = ReminderPolicy.from_settings()
    now = timezone.now()
    rows = (
        Occurrence.objects.open()
        .filter(committee_id=committee.pk, requirement_key__in=keys)
        .order_by("pk")
        .values_list("pk", "requirement_key")
    )
    evaluated = 0
    for pk, key in list(rows):
        try:
            outcome = occurrence_evaluate(
                occurrence_id=pk,
                subject=committee,
                requirement=registry.get(key),
                as_of=as_of,
                now=now,
                policy=policy,
            )
        except Exception:
            # The record that prompted the refresh is saved; the daily run evaluates it again.
            logger.exception("Refreshing occurrence %s (%s) failed", pk, key)
            continue
        evaluated += outcome is not None
    return evaluated
