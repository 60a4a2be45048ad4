"""Duties that apply at all times (committee composition): each committee's continuous
occurrences for the period holding a day, as stored by the engine, so the dashboard and the
roster show exactly what the calendar, the evidence report and charter_status show."""

import datetime
from collections import defaultdict

from deadlines.freshness import occurrences_ensure_fresh
from deadlines.models import Occurrence
from deadlines.selectors.items import DeadlineItem, item_for


def standing_items(committee_ids, as_of: datetime.date) -> dict[int, list[DeadlineItem]]:
    """Committee id -> its continuous occurrences whose period holds ``as_of`` (two queries once
    the stored evaluation is fresh), in key order."""
    committee_ids = list(committee_ids)
    occurrences_ensure_fresh(committee_ids, as_of=as_of)
    rows = (
        Occurrence.objects.filter(
            committee_id__in=committee_ids,
            cadence="continuous",
            period_start__lte=as_of,
            period_end__gte=as_of,
        )
        .select_related("committee")
        .prefetch_related("evidence")
        .order_by("committee_id", "requirement_key")
    )
    items: dict[int, list[DeadlineItem]] = defaultdict(list)
    for occurrence in rows:
        items[occurrence.committee_id].append(item_for(occurrence, as_of))
    return items
