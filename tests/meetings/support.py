"""Meetings for tests: held, scheduled or cancelled, at a wall-clock time in a named zone."""

import datetime
import io
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import services
from meetings.models import Attendance, Meeting

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


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf_upload(name="paper.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def text_upload(name="notes.pdf"):
    return SimpleUploadedFile(name, b"just some text, not a pdf", content_type="application/pdf")


def big(size):
    return io.BytesIO(b"0" * size)
