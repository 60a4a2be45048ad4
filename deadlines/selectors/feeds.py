"""The personal deadline feed: every open occurrence the user is responsible for."""

import datetime

from deadlines.freshness import ALL, occurrences_ensure_fresh
from deadlines.models import Occurrence
from deadlines.registry import registry
from deadlines.selectors.items import DeadlineItem, active_waivers, item_for, requirement_for
from deadlines.status import Status


def responsible_deadlines(user, committee_ids, as_of: datetime.date) -> list[DeadlineItem]:
    """Open occurrences with a due date, in the committees given (None: all), whose requirement
    names ``user`` through its responsible hook (or the registry's). The hook is asked once per
    committee and hook, not once per occurrence."""
    occurrences_ensure_fresh(ALL if committee_ids is None else committee_ids, as_of=as_of)
    rows = Occurrence.objects.open().filter(due_date__isnull=False).exclude(status=Status.MET)
    if committee_ids is not None:
        rows = rows.filter(committee_id__in=list(committee_ids))
    rows = (
        rows.select_related("committee")
        .prefetch_related("evidence", active_waivers())
        .order_by("due_date", "requirement_key", "pk")
    )
    answers: dict[tuple, bool] = {}
    mine = []
    for occurrence in rows:
        requirement = requirement_for(occurrence.requirement_key)
        if requirement is None:
            continue
        hook = requirement.responsible or "registry"
        cache_key = (id(hook), occurrence.committee_id)
        if cache_key not in answers:
            people = registry.responsible_for(requirement, occurrence.committee, as_of)
            answers[cache_key] = any(person.pk == user.pk for person in people)
        if answers[cache_key]:
            mine.append(item_for(occurrence, as_of))
    return mine
