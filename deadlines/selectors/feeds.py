"""The personal deadline feed: every open occurrence the user is responsible for."""

import datetime

from django.db.models import Prefetch

from deadlines.freshness import ALL, occurrences_ensure_fresh
from deadlines.models import Evidence, Occurrence
from deadlines.registry import Requirement, batch_reads, registry
from deadlines.selectors.items import DeadlineItem, active_waivers, item_for, requirement_for
from deadlines.status import Status


def responsible_deadlines(user, committee_ids, as_of: datetime.date) -> list[DeadlineItem]:
    """Open occurrences with a due date, in the committees given (None: all), whose requirement
    names ``user`` through its responsible hook (or the registry's). Each hook is asked once for
    all the committees listed (RequirementRegistry.responsible_by_subject), not once per
    committee or occurrence."""
    occurrences_ensure_fresh(ALL if committee_ids is None else committee_ids, as_of=as_of)
    rows = Occurrence.objects.open().filter(due_date__isnull=False).exclude(status=Status.MET)
    if committee_ids is not None:
        rows = rows.filter(committee_id__in=list(committee_ids))
    rows = (
        rows.select_related("committee")
        # No duty here is met and evidence shows only once one is (DeadlineItem.link): none
        # is read, which saves the feed a query (issue 13).
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.none()), active_waivers())
        .order_by("due_date", "requirement_key", "pk")
    )
    rows = list(rows)
    # Each responsible hook is asked once for every committee in the list (issue 13), not once
    # per committee: committees -> requirements by hook -> whether the user is among them.
    # Every registered hook is asked, not only those of the open occurrences, so the count does
    # not depend on which duties happen to be open; batch_reads lets hooks share their parts.
    committees = {occurrence.committee_id: occurrence.committee for occurrence in rows}
    hooks: dict[int, Requirement] = {}
    for requirement in registry.all():
        hooks.setdefault(id(requirement.responsible or "registry"), requirement)
    answers: dict[tuple, bool] = {}
    with batch_reads():
        for hook_id, requirement in hooks.items():
            people = registry.responsible_by_subject(requirement, committees.values(), as_of)
            for committee_id, users in people.items():
                answers[(hook_id, committee_id)] = any(person.pk == user.pk for person in users)
    mine = []
    for occurrence in rows:
        requirement = requirement_for(occurrence.requirement_key)
        if requirement is None:
            continue
        if answers[(id(requirement.responsible or "registry"), occurrence.committee_id)]:
            mine.append(item_for(occurrence, as_of))
    return mine
