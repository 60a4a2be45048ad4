"""Duties that apply at all times (committee composition): each committee's continuous
occurrences for the period holding a day, as stored by the engine, so the dashboard and the
roster show exactly what the calendar, the evidence report and charter_status show."""

import datetime
from collections import defaultdict

from django.db.models import OuterRef, Subquery

from deadlines.freshness import occurrences_ensure_fresh
from deadlines.models import Occurrence
from deadlines.selectors.items import DeadlineItem, active_waivers, item_for


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
        item = item_for(occurrence, as_of)
        if item.is_standing:
            items[occurrence.committee_id].append(item)
    return items


def current_items(committee, keys, as_of: datetime.date) -> dict[str, DeadlineItem]:
    """Requirement key -> the committee's latest occurrence of it whose period has begun by
    ``as_of`` (what is owed now, or how it was last met), as stored by the engine: three queries
    once the stored evaluation is fresh (occurrences, evidence, waivers in force)."""
    keys = list(keys)
    occurrences_ensure_fresh([committee.pk], as_of=as_of)
    latest = (
        Occurrence.objects.filter(
            committee=committee,
            requirement_key=OuterRef("requirement_key"),
            period_start__lte=as_of,
        )
        .order_by("-period_start")
        .values("period_start")[:1]
    )
    rows = (
        Occurrence.objects.filter(
            committee=committee, requirement_key__in=keys, period_start=Subquery(latest)
        )
        .select_related("committee")
        .prefetch_related("evidence", active_waivers())
    )
    return {occurrence.requirement_key: item_for(occurrence, as_of) for occurrence in rows}
