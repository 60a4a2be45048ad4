"""The deadlines half of the compliance dashboard: per committee, what is overdue, what falls
due in the next 30 and 90 days, and what was recently met or waived.

Three queries whatever the committees or the years of history: the open occurrences, the ones
closed in the last RECENT_DAYS and the standing duties holding today come in one query (closed
history older than that is never read), their evidence and their waivers in force in one more
each.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from deadlines.cadences import Cadence
from deadlines.freshness import occurrences_ensure_fresh
from deadlines.models import Occurrence, Waiver
from deadlines.selectors.items import DeadlineItem, active_waivers, item_for
from deadlines.status import NOT_YET_MET, Status

SOON_DAYS = 30
LATER_DAYS = 90
RECENT_DAYS = 30
RECENT_SHOWN = 5


@dataclass
class CommitteeDeadlines:
    overdue: list[DeadlineItem] = field(default_factory=list)
    next_30: list[DeadlineItem] = field(default_factory=list)
    next_90: list[DeadlineItem] = field(default_factory=list)
    recent: list[DeadlineItem] = field(default_factory=list)  # met or waived lately
    later: int = 0  # open and due more than LATER_DAYS ahead

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.next_30 or self.next_90 or self.recent or self.later)


def _closed_on(item: DeadlineItem) -> datetime.date:
    waiver = item.waiver
    if item.status == Status.WAIVED and waiver is not None:
        return waiver.granted_on
    return item.occurrence.met_on or datetime.date.min


def _is_standing(item: DeadlineItem) -> bool:
    """A duty that applies at all times (committee composition): the dashboard shows those in the
    committee's status, with any cure deadline, so they are not listed again as deadlines. A
    cadence set by the charter (a callable) is always a dated one."""
    cadence = item.requirement.cadence if item.requirement else None
    return isinstance(cadence, Cadence) and cadence.continuous and cadence.standing


def _place(item: DeadlineItem, panel: CommitteeDeadlines, as_of: datetime.date) -> None:
    occurrence = item.occurrence
    if _is_standing(item):
        return
    if not occurrence.is_open:
        panel.recent.append(item)
        return
    if item.status in (Status.OVERDUE, Status.FAILING):
        panel.overdue.append(item)
        return
    if item.status not in NOT_YET_MET | {Status.CURE_PERIOD} or occurrence.due_date is None:
        return  # met for now (a continuous duty): nothing to do
    days = (occurrence.due_date - as_of).days
    if days < 0:
        panel.overdue.append(item)  # a cure period that has run out
    elif days <= SOON_DAYS:
        panel.next_30.append(item)
    elif days <= LATER_DAYS:
        panel.next_90.append(item)
    else:
        panel.later += 1


def dashboard_deadlines(
    committee_ids, as_of: datetime.date, *, reader=None
) -> dict[int, CommitteeDeadlines]:
    """Committee id -> its deadlines on ``as_of``, each list soonest (or longest overdue) first;
    the recent list newest first and at most RECENT_SHOWN long. With ``reader``, an item links
    the page where it is done only when the reader may open that page."""
    return dashboard_reads(committee_ids, as_of, reader=reader).deadlines


@dataclass(frozen=True)
class DashboardReads:
    deadlines: dict[int, CommitteeDeadlines]
    # Committee id -> its duties that apply at all times, for the period holding ``as_of``
    # (what deadlines.selectors.standing_items returns), in no particular order.
    standing: dict[int, list[DeadlineItem]]


def dashboard_reads(committee_ids, as_of: datetime.date, *, reader=None) -> DashboardReads:
    """The dashboard's deadlines and each committee's standing duties from one read of the
    stored evaluation: the standing occurrences ride on the deadlines' query, so the page does
    not ask for them (and for their freshness and evidence) a second time."""
    ids = list(committee_ids)
    occurrences_ensure_fresh(ids, as_of=as_of)
    since = as_of - datetime.timedelta(days=RECENT_DAYS)
    # An Exists, not a join: revoked waivers stay on the record and must not repeat a row.
    waived_lately = Exists(
        Waiver.objects.active().filter(occurrence=OuterRef("pk"), granted_on__gte=since)
    )
    holds_today = Q(cadence="continuous", period_start__lte=as_of, period_end__gte=as_of)
    rows = (
        Occurrence.objects.filter(committee_id__in=ids)
        .annotate(waived_lately=waived_lately)
        .filter(
            Q(is_open=True)
            | Q(status=Status.MET, met_on__gte=since)
            | Q(status=Status.WAIVED, waived_lately=True)
            | holds_today
        )
        .select_related("committee")
        .prefetch_related("evidence", active_waivers())
        .order_by("due_date", "requirement_key", "pk")
    )
    panels: dict[int, CommitteeDeadlines] = defaultdict(CommitteeDeadlines)
    standing: dict[int, list[DeadlineItem]] = defaultdict(list)
    for occurrence in rows:
        if _holds(occurrence, as_of):
            item = item_for(occurrence, as_of)
            if item.is_standing:
                standing[occurrence.committee_id].append(item)
        if _listed(occurrence, since):
            item = item_for(occurrence, as_of, reader=reader)
            _place(item, panels[occurrence.committee_id], as_of)
    for panel in panels.values():
        panel.recent.sort(key=_closed_on, reverse=True)
        del panel.recent[RECENT_SHOWN:]
    return DashboardReads(
        deadlines={committee_id: panels[committee_id] for committee_id in ids},
        standing={committee_id: standing[committee_id] for committee_id in ids},
    )


def _holds(occurrence: Occurrence, as_of: datetime.date) -> bool:
    return (
        occurrence.cadence == "continuous"
        and occurrence.period_start <= as_of <= occurrence.period_end
    )


def _listed(occurrence: Occurrence, since: datetime.date) -> bool:
    """Open, met lately, or waived lately: what the deadlines lists consider."""
    if occurrence.is_open:
        return True
    if occurrence.status == Status.MET:
        return occurrence.met_on is not None and occurrence.met_on >= since
    return occurrence.status == Status.WAIVED and occurrence.waived_lately
