"""Meetings for tests: held, scheduled or cancelled, at a wall-clock time in a named zone."""

import datetime
import io
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import services
from meetings.models import Attendance, Meeting
from meetings.pdf import text_page

NEW_YORK = "America/New_York"
NOW = datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC)


def at(day: datetime.date, hour: int = 10, minute: int = 0, zone: str = NEW_YORK):
    return datetime.datetime.combine(day, datetime.time(hour, minute), zoneinfo.ZoneInfo(zone))


def schedule(committee, day, *, hour=10, hours=2, zone=NEW_YORK, kind="regular", **kwargs):
    start = at(day, hour, zone=zone)
    kwargs.setdefault("location", "Board room, 12th floor")
    return services.meeting_schedule(
        committee=committee,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        time_zone=zone,
        kind=kind,
        now=NOW,
        **kwargs,
    )


def hold(committee, day, *, present=None, absent=(), **kwargs) -> Meeting:
    """A meeting held on ``day`` with every serving member present unless told otherwise."""
    meeting = schedule(committee, day, **kwargs)
    serving = committee.memberships.active_on(meeting.day).values_list("director_id", flat=True)
    present = list(serving) if present is None else [d.pk for d in present]
    statuses = {pk: Attendance.Status.IN_PERSON for pk in present}
    statuses.update({d.pk: Attendance.Status.ABSENT for d in absent})
    services.attendance_record(meeting=meeting, statuses=statuses, as_of=meeting.day)
    return meeting


PDF = text_page(["A meeting paper", "Fictional test content."])


def pdf_upload(name="paper.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def text_upload(name="notes.pdf"):
    return SimpleUploadedFile(name, b"just some text, not a pdf", content_type="application/pdf")


def big(size):
    return io.BytesIO(b"0" * size)


# Every meeting duty kept (Charter: Meetings), for tests of a compliant committee: a meeting each
# quarter from August 2025 to February 2027, each with a private session with every counterpart,
# its minutes approved at the next and its report delivered five days later; the next regular
# meeting scheduled for May 2027.
KEPT_DAYS = tuple(
    datetime.date(year, month, 10)
    for year, month in (
        (2025, 8),
        (2025, 11),
        (2026, 2),
        (2026, 5),
        (2026, 8),
        (2026, 11),
        (2027, 2),
    )
)


def keep_the_meetings_charter(committee):
    held = []
    for day in KEPT_DAYS:
        meeting = hold(committee, day)
        if committee.is_audit_committee:
            for counterpart in ("management", "internal_auditor", "independent_auditor"):
                services.executive_session_record(meeting=meeting, counterpart=counterpart)
        services.board_report_save(
            meeting=meeting,
            summary="Reported.",
            delivered_on=day + datetime.timedelta(days=5),
            as_of=day + datetime.timedelta(days=5),
        )
        held.append(meeting)
    for earlier, later in zip(held, held[1:], strict=False):
        minutes = services.minutes_draft(meeting=earlier)
        services.minutes_approve(minutes=minutes, at_meeting=later, as_of=later.day)
    schedule(committee, datetime.date(2027, 5, 10))
    return held


def meeting_history(committee, secretary, size: int, hour: int):
    """What the query-count tests grow: 3 x ``size`` more members; ``size`` past and ``size``
    coming meetings at ``hour``, each with 2 x ``size`` items of ``size`` papers in two
    versions; each past one with guests, a session, minutes, an action and a delivered report.
    Returns the meetings (past, coming, ...) and the last report."""
    from tests import factories as f

    D = datetime.date
    for n in range(3 * size):
        f.seat_qualified_member(committee, full_name=f"Member {hour}-{n}")
    meetings = []
    for n in range(size):
        past = hold(committee, D(2026, 1 + n, 10), hour=hour, hours=1)
        coming = schedule(committee, D(2026, 7 + n, 10), hour=hour, hours=1)
        meetings += [past, coming]
        for meeting in (past, coming):
            for i in range(size * 2):
                item = services.agenda_item_add(meeting=meeting, title=f"Item {i}", presenter="CFO")
                for _ in range(size):
                    version = services.material_upload(
                        meeting=meeting,
                        agenda_item=item,
                        upload=pdf_upload(),
                        title=f"Paper {i}",
                        by=secretary,
                        now=NOW,
                    )
                    services.material_upload(
                        meeting=meeting,
                        material=version.material,
                        upload=pdf_upload(),
                        by=secretary,
                        now=NOW,
                    )
        for g in range(size):
            services.guest_add(meeting=past, name=f"Guest {g}", role="management")
        services.executive_session_record(meeting=past, counterpart="management", notes="n")
        services.minutes_draft(meeting=past)
        services.action_item_add(
            meeting=past, description="Act", due_on=D(2026, 12, 1), owner_name="CFO"
        )
        report = services.board_report_save(
            meeting=past, summary="s", delivered_on=past.day, as_of=D(2026, 6, 15)
        )
    return meetings, report
