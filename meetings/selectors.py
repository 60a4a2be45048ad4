"""Reads for the meeting pages, each a fixed number of queries whatever the number of meetings,
items, materials or versions; and the evidence other apps read (items serving a duty)."""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from committees.models import Membership
from meetings.models import (
    AgendaItem,
    BoardReport,
    Material,
    MaterialRead,
    MaterialVersion,
    Meeting,
    Minutes,
    Recusal,
)
from meetings.quorum import meeting_quorum
from meetings.requirements import moment


def _latest_versions():
    return Prefetch(
        "versions",
        queryset=MaterialVersion.objects.order_by("-number"),
        to_attr="all_versions",
    )


def _count_of(model, **filters):
    """A per-row count as a subquery: computed for the rows shown only, not grouped over every
    meeting of the committee."""
    rows = model.objects.filter(meeting=OuterRef("pk"), **filters).order_by().values("meeting")
    return Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField())


def meetings_of(committee, as_of: datetime.date):
    """(upcoming, past): upcoming from the start of ``as_of`` (company time) and not held yet,
    soonest first, as a list; past, latest first, as a query set to page through (a committee
    holds hundreds of meetings over the years)."""
    start = moment(as_of)
    rows = (
        Meeting.objects.filter(committee=committee)
        .select_related("committee", "minutes", "board_report")
        .annotate(
            item_count=Coalesce(_count_of(AgendaItem), 0),
            material_count=Coalesce(_count_of(Material), 0),
        )
    )
    # Upcoming: not held yet and not over before today; a meeting held today is past.
    coming = Q(ends_at__gte=start) & ~Q(status=Meeting.Status.HELD)
    upcoming = list(rows.filter(coming).order_by("starts_at", "pk"))
    past = rows.exclude(coming).order_by("-starts_at", "-pk")
    return upcoming, past


def page_of(rows, number, per_page: int) -> Page:
    """Page ``number`` of ``rows`` (a bad or missing number: the first; one past the end: the
    last), like Paginator.get_page, in one query whatever the rows: each row carries the total
    as a window count, so no COUNT query comes first and an empty list is read like a full one
    (issue 13). Only a number past the last page costs a count and a second read."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    counted = rows.annotate(total_rows=Window(Count("pk")))
    found = list(counted[(number - 1) * per_page : number * per_page])
    if found:
        total = found[0].total_rows
    else:
        total = rows.count() if number > 1 else 0
        number = max(-(-total // per_page), 1)
        if total:
            found = list(counted[(number - 1) * per_page : number * per_page])
    paginator = Paginator(rows, per_page)
    paginator.count = total  # Paginator.count is a cached property: it is known already
    return Page(found, number, paginator)


@dataclass
class MaterialRow:
    material: Material
    latest: MaterialVersion | None
    versions: list
    unread: bool = False


@dataclass
class ItemRow:
    item: AgendaItem
    recused: bool  # the reader is recused: neither materials nor minute
    materials: list = field(default_factory=list)
    recusals: list = field(default_factory=list)
    quorum_met: bool = True


@dataclass
class MeetingPage:
    meeting: Meeting
    items: list
    general_materials: list
    attendance: list
    missing_members: list
    guests: list
    sessions: list
    quorum: object
    minutes: object
    actions: list
    report: object


def _material_rows(materials, read_ids: set[int]) -> list[MaterialRow]:
    rows = []
    for material in materials:
        versions = material.all_versions
        latest = versions[0] if versions else None
        rows.append(
            MaterialRow(
                material,
                latest,
                versions,
                unread=latest is not None and latest.pk not in read_ids,
            )
        )
    return rows


def _read_version_ids(user, meeting_ids) -> set[int]:
    rows = MaterialRead.objects.filter(
        user=user, version__material__meeting_id__in=list(meeting_ids)
    )
    return set(rows.values_list("version_id", flat=True))


def _meeting_material_rows(meeting: Meeting, user) -> list[MaterialRow]:
    """The meeting's papers with every version, newest first, and whether the reader opened the
    latest: one query, from the versions (a paper is created with its first version)."""
    versions = (
        MaterialVersion.objects.filter(material__meeting=meeting)
        .select_related("material")
        .annotate(read=Exists(MaterialRead.objects.filter(version=OuterRef("pk"), user=user)))
        .order_by("material__title", "material_id", "-number")
    )
    rows: dict[int, MaterialRow] = {}
    for version in versions:
        row = rows.get(version.material_id)
        if row is None:
            row = rows[version.material_id] = MaterialRow(
                version.material, version, [], unread=not version.read
            )
        row.versions.append(version)
    return list(rows.values())


def _recused_of(user, recusals) -> set[int]:
    """Items the reader's director is recused from, among the meeting's recusals (read with
    their director)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return {r.agenda_item_id for r in recusals if r.recused and r.director.user_id == user.pk}


def meeting_page(meeting: Meeting, user, as_of: datetime.date) -> MeetingPage:
    """Everything the meeting page shows, in a fixed number of queries: the members serving,
    the papers, the agenda, its recusals, the attendance, guests, sessions and actions (the
    minutes and the report come with the meeting, meetings.access.get_meeting_for_user)."""
    serving = Membership.objects.active_on(meeting.day).filter(committee_id=meeting.committee_id)
    members = {seat.director_id: seat.director for seat in serving.select_related("director")}
    recusals = list(
        Recusal.objects.filter(agenda_item__meeting=meeting)
        .select_related("director")
        .order_by("pk")
    )
    recused = _recused_of(user, recusals)
    attendance = list(meeting.attendance.select_related("director").order_by("director__full_name"))
    quorum = meeting_quorum(
        meeting, serving_ids=set(members), attendance=attendance, recusals=recusals
    )
    by_item: dict[int | None, list] = {}
    for row in _meeting_material_rows(meeting, user):
        by_item.setdefault(row.material.agenda_item_id, []).append(row)
    recusals_by_item: dict[int, list] = {}
    for recusal in recusals:
        recusals_by_item.setdefault(recusal.agenda_item_id, []).append(recusal)
    items = []
    for item in meeting.agenda_items.order_by("position", "pk"):
        item.meeting = meeting
        hidden = item.pk in recused
        items.append(
            ItemRow(
                item=item,
                recused=hidden,
                materials=[] if hidden else by_item.get(item.pk, []),
                recusals=recusals_by_item.get(item.pk, []),
                quorum_met=quorum.met_for(item.pk),
            )
        )
    recorded = {row.director_id for row in attendance}
    return MeetingPage(
        meeting=meeting,
        items=items,
        general_materials=by_item.get(None, []),
        attendance=attendance,
        missing_members=sorted(
            (d for pk, d in members.items() if pk not in recorded), key=lambda d: d.full_name
        ),
        guests=list(meeting.guests.all()),
        sessions=list(meeting.executive_sessions.all()),
        quorum=quorum,
        minutes=_one_to_one(meeting, "minutes"),
        actions=list(meeting.action_items.select_related("owner").order_by("due_on", "pk")),
        report=_one_to_one(meeting, "board_report"),
    )


def _one_to_one(meeting: Meeting, name: str):
    """The meeting's minutes or report, or None (read with the meeting when selected)."""
    try:
        return getattr(meeting, name)
    except (Minutes.DoesNotExist, BoardReport.DoesNotExist):
        return None


@dataclass
class Preparation:
    meeting: Meeting
    items: list  # ItemRow, the reader's recused items without their materials
    general_materials: list
    unread: int


def prepare_for(user, committee_ids, as_of: datetime.date) -> list[Preparation]:
    """The next scheduled meeting of each committee the user reads, with its agenda and
    materials, and how many of the latest versions the user has not opened yet."""
    now = timezone.now()
    upcoming = (
        Meeting.objects.filter(status=Meeting.Status.SCHEDULED, ends_at__gte=now)
        .select_related("committee")
        .order_by("committee_id", "starts_at")
    )
    if committee_ids is not None:
        upcoming = upcoming.filter(committee_id__in=list(committee_ids))
    nexts = {}
    for meeting in upcoming:
        nexts.setdefault(meeting.committee_id, meeting)
    meetings = sorted(nexts.values(), key=lambda m: m.starts_at)
    if not meetings:
        return []
    ids = [m.pk for m in meetings]
    read = _read_version_ids(user, ids)
    from meetings.access import director_of

    director = director_of(user)
    recused = set()
    if director is not None:
        recused = set(
            Recusal.objects.filter(
                agenda_item__meeting_id__in=ids, director=director, recused=True
            ).values_list("agenda_item_id", flat=True)
        )
    materials = Material.objects.filter(meeting_id__in=ids).prefetch_related(_latest_versions())
    by_item: dict[tuple, list] = {}
    for row in _material_rows(materials.order_by("title", "pk"), read):
        key = (row.material.meeting_id, row.material.agenda_item_id)
        by_item.setdefault(key, []).append(row)
    items_by_meeting: dict[int, list] = {}
    for item in AgendaItem.objects.filter(meeting_id__in=ids).order_by("position", "pk"):
        hidden = item.pk in recused
        items_by_meeting.setdefault(item.meeting_id, []).append(
            ItemRow(
                item=item,
                recused=hidden,
                materials=[] if hidden else by_item.get((item.meeting_id, item.pk), []),
            )
        )
    result = []
    for meeting in meetings:
        items = items_by_meeting.get(meeting.pk, [])
        general = by_item.get((meeting.pk, None), [])
        rows = general + [row for item in items for row in item.materials]
        result.append(Preparation(meeting, items, general, sum(1 for r in rows if r.unread)))
    return result


def board_reports_of(committee, *, delivered_only: bool):
    reports = BoardReport.objects.filter(meeting__committee=committee).select_related(
        "meeting__committee"
    )
    if delivered_only:
        reports = reports.exclude(delivered_on=None)
    # A query set, to page through: a committee reports after each of its meetings.
    return reports.order_by("-meeting__starts_at", "-pk")


def items_serving(committee, topic: str, first: datetime.date, last: datetime.date):
    """Minuted items serving ``topic`` at the committee's meetings held from ``first`` to
    ``last`` (company time): the evidence another app's requirement reads (the audit plan
    reviewed, the complaints summary received)."""
    items = (
        AgendaItem.objects.filter(
            meeting__committee=committee,
            meeting__status=Meeting.Status.HELD,
            meeting__starts_at__gte=moment(first),
            meeting__starts_at__lt=moment(last + datetime.timedelta(days=1)),
        )
        .exclude(Q(minute="") & Q(decision=""))
        .select_related("meeting__committee")
        .order_by("meeting__starts_at", "position")
    )
    # Filtered here: a JSON list's "contains" is not a lookup every database offers.
    return [item for item in items if topic in item.serves]
