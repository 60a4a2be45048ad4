"""The meeting as an iCalendar event (RFC 5545): attached to the invitation email and served in
each member's personal calendar feed. One UID per meeting for its whole life; every change or the
cancellation raises SEQUENCE, so a calendar updates the event it has instead of adding another.

An event leaves the portal, so it carries what an invitation may: the committee, the kind of
meeting, when, where and the titles of the agenda items that are not confidential. Never
materials, minutes, recusals or session notes."""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings

from meetings.models import Meeting

METHOD_REQUEST = "REQUEST"
METHOD_CANCEL = "CANCEL"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "charter-portal"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{_host()}"


def invitation_subject(meeting: Meeting, *, updated: bool) -> str:
    when = meeting.local_start.strftime("%-d %B %Y, %H:%M")
    if meeting.status == Meeting.Status.CANCELLED:
        return f"Cancelled: {meeting.committee} {meeting.get_kind_display().lower()}, {when}"
    prefix = "Updated invitation" if updated else "Invitation"
    return f"{prefix}: {meeting.committee} {meeting.get_kind_display().lower()}, {when}"


def _agenda_lines(meeting: Meeting) -> list[str]:
    items = sorted(meeting.agenda_items.all(), key=lambda item: (item.position, item.pk))
    return [
        f"{item.position}. {'Confidential item' if item.confidential else item.title}"
        for item in items
    ]


def invitation_body(meeting: Meeting) -> str:
    start, end = meeting.local_start, meeting.local_end
    lines = []
    if meeting.status == Meeting.Status.CANCELLED:
        lines.append(
            f"The {meeting.get_kind_display().lower()} of {meeting.committee} below is cancelled."
        )
    else:
        lines.append(
            f"You are invited to the {meeting.get_kind_display().lower()} of {meeting.committee}."
        )
    lines += [
        "",
        f"When: {start:%A %-d %B %Y}, {start:%H:%M} to {end:%H:%M} ({meeting.time_zone})",
    ]
    if meeting.location:
        lines.append(f"Where: {meeting.location}")
    if meeting.video_link:
        lines.append(f"Video: {meeting.video_link}")
    agenda = _agenda_lines(meeting)
    if agenda:
        lines += ["", "Agenda:", *agenda]
    lines += [
        "",
        f"Meeting page, materials and the agenda: {settings.SITE_URL}{meeting.get_absolute_url()}",
        "The calendar event is attached (meeting.ics).",
    ]
    return "\n".join(lines)


def meeting_event(meeting: Meeting, now: datetime.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", now)
    # The wall-clock time where the meeting is held, with its zone (a VTIMEZONE is added to
    # the calendar), so a daylight-saving change between now and then is the calendar's job.
    event.add("dtstart", meeting.local_start)
    event.add("dtend", meeting.local_end)
    event.add("summary", f"{meeting.committee}: {meeting.display_title}")
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    where = ", ".join(part for part in (meeting.location, meeting.video_link) if part)
    if where:
        event.add("location", where)
    link = f"{settings.SITE_URL}{meeting.get_absolute_url()}"
    event.add("url", link)
    description = [*_agenda_lines(meeting), "", f"Meeting page: {link}"]
    event.add("description", "\n".join(description).strip())
    event.add("categories", [meeting.committee.name])
    return event


def calendar_of(events, *, method: str | None = None, name: str = "") -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Charter Portal//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def invitation_ics(meeting: Meeting, now: datetime.datetime) -> bytes:
    method = METHOD_CANCEL if meeting.status == Meeting.Status.CANCELLED else METHOD_REQUEST
    return calendar_of([meeting_event(meeting, now)], method=method)


def invitation_attachments(reminder) -> list[tuple[str, bytes, str]]:
    """The outbox's attachment hook for "meetings.invitation:<pk>:<sequence>" messages: the
    event as the meeting stands when the message is sent."""
    from django.utils import timezone

    try:
        meeting_id = int(reminder.key.split(":")[1])
    except (IndexError, ValueError):
        return []
    meeting = Meeting.objects.select_related("committee").filter(pk=meeting_id).first()
    if meeting is None:
        return []
    method = METHOD_CANCEL if meeting.status == Meeting.Status.CANCELLED else METHOD_REQUEST
    return [
        (
            "meeting.ics",
            invitation_ics(meeting, timezone.now()),
            f"text/calendar; method={method}; charset=utf-8",
        )
    ]


def feed_events(user, as_of: datetime.date, now: datetime.datetime) -> list[icalendar.Event]:
    """The personal feed's meetings: every meeting of the committees the user reads in detail
    from 90 days back, cancelled ones included (marked cancelled, so a calendar drops them)."""
    from charter_portal.permissions import ReadingLevel, readable_committee_ids

    ids = readable_committee_ids(user, as_of, at_least=ReadingLevel.DETAIL)
    since = datetime.datetime.combine(
        as_of - datetime.timedelta(days=90), datetime.time(), tzinfo=datetime.UTC
    )
    meetings = Meeting.objects.filter(ends_at__gte=since).select_related("committee")
    if ids is not None:
        meetings = meetings.filter(committee_id__in=ids)
    meetings = meetings.prefetch_related("agenda_items").order_by("starts_at")
    return [meeting_event(meeting, now) for meeting in meetings]
