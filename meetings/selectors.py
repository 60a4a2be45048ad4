"""Reads for the meeting pages, each a fixed number of queries whatever the number of meetings,
items, materials or versions; and the evidence other apps read (items serving a duty)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from committees.models import Membership
from meetings.access import recused_item_ids
from meetings.models import (
    AgendaItem,
    BoardReport,
    Material,
    MaterialRead,
    MaterialVersion,
    Meeting,
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


def meetings_of(committee, as_of: datetime.date):
    """(upcoming, past): upcoming from the start of ``as_of`` (company time) and not held yet,
    soonest first; past, latest first."""
    start = moment(as_of)
    rows = (
        Meeting.objects.filter(committee=committee)
        .select_related("committee")
        .annotate(
            item_count=Count("agenda_items", distinct=True),
            material_count=Count("materials", distinct=True),
        )
    )
    rows = rows.select_related("minutes", "board_report")
    # Upcoming: not held yet and not over before today; a meeting held today is past.
    coming = Q(ends_at__gte=start) & ~Q(status=Meeting.Status.HELD)
    upcoming = list(rows.filter(coming).order_by("starts_at", "pk"))
    past = list(rows.exclude(coming).order_by("-starts_at", "-pk"))
    return upcoming, past


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


def meeting_page(meeting: Meeting, user, as_of: datetime.date) -> MeetingPage:
    recused = recused_item_ids(user, meeting)
    read = _read_version_ids(user, [meeting.pk])
    serving = Membership.objects.active_on(meeting.day).filter(committee_id=meeting.committee_id)
    members = {seat.director_id: seat.director for seat in serving.select_related("director")}
    quorum = meeting_quorum(meeting, serving_ids=set(members))
    materials = list(meeting.materials.prefetch_related(_latest_versions()).order_by("title", "pk"))
    by_item: dict[int | None, list] = {}
    for row in _material_rows(materials, read):
        by_item.setdefault(row.material.agenda_item_id, []).append(row)
    items = []
    agenda = meeting.agenda_items.prefetch_related(
        Prefetch("recusals", queryset=Recusal.objects.select_related("director"))
    ).order_by("position", "pk")
    for item in agenda:
        hidden = item.pk in recused
        items.append(
            ItemRow(
                item=item,
                recused=hidden,
                materials=[] if hidden else by_item.get(item.pk, []),
                recusals=list(item.recusals.all()),
                quorum_met=quorum.met_for(item.pk),
            )
        )
    attendance = list(meeting.attendance.select_related("director").order_by("director__full_name"))
    recorded = {row.director_id for row in attendance}
    minutes = getattr(meeting, "minutes", None) if hasattr(meeting, "minutes") else None
    report = BoardReport.objects.filter(meeting=meeting).first()
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
        minutes=minutes,
        actions=list(meeting.action_items.select_related("owner").order_by("due_on", "pk")),
        report=report,
    )


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
    return list(reports.order_by("-meeting__starts_at"))


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
