"""Scheduling a meeting, changing or cancelling it, inviting the members (an iCalendar event
that keeps its UID and raises its SEQUENCE on every change), building its agenda and recording
who attended, who was recused, the guests and the executive sessions.

Each write validates the whole record inside a transaction, so bad input saves nothing."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from committees.models import Director, Membership
from deadlines.services import message_queue
from meetings.models import AgendaItem, Attendance, ExecutiveSession, Guest, Meeting, Recusal
from meetings.services.common import clean_text, members_and_secretaries, refuse_if_locked

# The fields whose change an invitee's calendar must pick up.
CALENDAR_FIELDS = ("starts_at", "ends_at", "time_zone", "location", "video_link", "title", "kind")


def meeting_schedule(
    *,
    committee,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    time_zone: str,
    kind: str = Meeting.Kind.REGULAR,
    title: str = "",
    location: str = "",
    video_link: str = "",
    invite: bool = False,
    now: datetime.datetime,
) -> Meeting:
    """Schedule a meeting of ``committee``; with ``invite`` the members get the invitation."""
    meeting = Meeting(
        committee=committee,
        kind=kind,
        title=clean_text(title, "title", limit=200),
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        location=clean_text(location, "location", limit=300),
        video_link=(video_link or "").strip(),
    )
    with transaction.atomic():
        meeting.full_clean()
        meeting.save()
        if invite:
            meeting_invite(meeting=meeting, now=now)
    return meeting


def meeting_update(*, meeting: Meeting, now: datetime.datetime, **changes) -> Meeting:
    """Change a scheduled meeting; invitees already told get the updated event (same UID,
    higher SEQUENCE)."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled; schedule a new one instead.")
    refuse_if_locked(meeting, "details")
    unknown = set(changes) - set(CALENDAR_FIELDS)
    if unknown:
        raise ValidationError(
            f"These details cannot be changed here: {', '.join(sorted(unknown))}."
        )
    moved = [name for name, value in changes.items() if getattr(meeting, name) != value]
    if not moved:
        return meeting
    for name in moved:
        setattr(meeting, name, changes[name])
    with transaction.atomic():
        meeting.full_clean()
        meeting.sequence += 1
        meeting.save(update_fields=[*moved, "sequence"])
        if meeting.notice_sent_at:
            _send_invitation(meeting, now, updated=True)
    return meeting


def meeting_cancel(*, meeting: Meeting, now: datetime.datetime) -> Meeting:
    """Cancel a scheduled meeting; invitees' calendars mark the same event cancelled."""
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError(
            "Only a scheduled meeting can be cancelled; this one is "
            f"{meeting.get_status_display().lower()}."
        )
    with transaction.atomic():
        meeting.status = Meeting.Status.CANCELLED
        meeting.sequence += 1
        meeting.save(update_fields=["status", "sequence"])
        if meeting.notice_sent_at:
            _send_invitation(meeting, now, updated=True)
    return meeting


def meeting_invite(*, meeting: Meeting, now: datetime.datetime) -> None:
    """Send the notice of the meeting to the members and the secretaries, with its iCalendar
    event attached (meetings.invitations builds it when the message is sent)."""
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError("Only a scheduled meeting is announced.")
    with transaction.atomic():
        _send_invitation(meeting, now, updated=False)
        meeting.notice_sent_at = now
        meeting.save(update_fields=["notice_sent_at"])


def _send_invitation(meeting: Meeting, now, *, updated: bool) -> None:
    from meetings.invitations import invitation_body, invitation_subject

    message_queue(
        # One message per version of the event: a repeated call sends nothing twice.
        key=f"meetings.invitation:{meeting.pk}:{meeting.sequence}",
        recipients=members_and_secretaries(meeting),
        subject=invitation_subject(meeting, updated=updated),
        body=invitation_body(meeting),
        as_of=now.date(),
    )


def meeting_mark_held(*, meeting: Meeting, as_of: datetime.date) -> Meeting:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("A cancelled meeting cannot be recorded as held.")
    if meeting.day > as_of:
        raise ValidationError("A meeting cannot be recorded as held before its day.")
    if meeting.status != Meeting.Status.HELD:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status"])
    return meeting


# The agenda -----------------------------------------------------------------------------------


def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    presenter: str = "",
    minutes_allotted: int | None = None,
    serves: list | None = None,
    confidential: bool = False,
) -> AgendaItem:
    """Add an item at the end of the agenda."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled; its agenda cannot change.")
    refuse_if_locked(meeting, "agenda")
    with transaction.atomic():
        # The meeting's row is the lock: two items added at once take different places.
        Meeting.objects.select_for_update(of=("self",)).filter(pk=meeting.pk).order_by("pk").first()
        last = meeting.agenda_items.aggregate(Max("position"))
        item = AgendaItem(
            meeting=meeting,
            position=(last["position__max"] or 0) + 1,
            title=clean_text(title, "title", limit=300, required=True),
            presenter=clean_text(presenter, "presenter", limit=200),
            minutes_allotted=minutes_allotted,
            serves=list(serves or []),
            confidential=bool(confidential),
        )
        item.full_clean()
        item.save()
    return item


def item_minute_record(*, item: AgendaItem, minute: str = "", decision: str = "") -> AgendaItem:
    """Minute an item and its decision. A meeting without quorum for the item approves nothing
    (Charter: Meetings), so a decision needs the item's quorum."""
    from meetings.quorum import meeting_quorum

    meeting = item.meeting
    refuse_if_locked(meeting, "minutes")
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError("Record attendance first: only a held meeting is minuted.")
    decision = clean_text(decision, "decision")
    if decision:
        quorum = meeting_quorum(meeting)
        if not quorum.met_for(item.pk):
            raise ValidationError(
                {
                    "decision": f"No quorum for this item: {quorum.present_for(item.pk)} "
                    f"members present and not recused, {quorum.required} needed. A meeting "
                    "without quorum decides nothing; minute the discussion only."
                }
            )
    item.minute = clean_text(minute, "minute")
    item.decision = decision
    item.save(update_fields=["minute", "decision"])
    return item


def _serving(meeting: Meeting) -> dict[int, Director]:
    seats = Membership.objects.active_on(meeting.day).filter(committee_id=meeting.committee_id)
    return {seat.director_id: seat.director for seat in seats.select_related("director")}


def recusal_record(
    *,
    item: AgendaItem,
    director: Director,
    source: str = Recusal.Source.DECLARED,
    reason: str = "",
    recused: bool = True,
) -> Recusal:
    """Record a member's conflict on an item; declared in advance it recuses by default."""
    meeting = item.meeting
    refuse_if_locked(meeting, "recusals")
    if director.pk not in _serving(meeting):
        raise ValidationError(
            {"director": f"{director} is not a member of {meeting.committee} on the meeting day."}
        )
    recusal = Recusal(
        agenda_item=item,
        director=director,
        source=source,
        reason=clean_text(reason, "reason", limit=300),
        recused=recused,
    )
    recusal.full_clean()
    recusal.save()
    return recusal


# Attendance and guests ------------------------------------------------------------------------


def attendance_record(
    *, meeting: Meeting, statuses: dict[int, str], as_of: datetime.date
) -> list[Attendance]:
    """Record each member's attendance (director id -> status) and mark the meeting held. A
    director who is not a member that day is refused: record them as a guest."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled; nobody attended it.")
    if meeting.day > as_of:
        raise ValidationError("Attendance is recorded once the meeting is held, not before.")
    refuse_if_locked(meeting, "attendance")
    serving = _serving(meeting)
    strangers = sorted(set(statuses) - set(serving))
    if strangers:
        names = ", ".join(
            str(d) for d in Director.objects.filter(pk__in=strangers).order_by("full_name")
        )
        raise ValidationError(
            f"{names or 'That person'} is not a member of {meeting.committee} on "
            f"{meeting.day:%-d %B %Y}; record them as a guest instead."
        )
    valid = set(Attendance.Status.values)
    for director_id, status in statuses.items():
        if status not in valid:
            raise ValidationError(
                f"Choose present, remote, absent or excused for {serving[director_id]}."
            )
    rows = []
    with transaction.atomic():
        for director_id, status in sorted(statuses.items()):
            row, _ = Attendance.objects.update_or_create(
                meeting=meeting, director_id=director_id, defaults={"status": status}
            )
            rows.append(row)
        meeting_mark_held(meeting=meeting, as_of=as_of)
    return rows


def guest_add(
    *, meeting: Meeting, name: str, role: str, organisation: str = "", title: str = ""
) -> Guest:
    """Record a guest by role. A member of the committee is never a guest of it."""
    refuse_if_locked(meeting, "attendance")
    name = clean_text(name, "name", limit=200, required=True)
    members = {d.full_name.casefold(): d for d in _serving(meeting).values()}
    if name.casefold() in members:
        raise ValidationError(
            {
                "name": f"{members[name.casefold()]} is a member of {meeting.committee}; record "
                "their attendance as a member, not as a guest."
            }
        )
    guest = Guest(
        meeting=meeting,
        name=name,
        role=role,
        organisation=clean_text(organisation, "organisation", limit=200),
        title=clean_text(title, "title", limit=200),
    )
    guest.full_clean()
    guest.save()
    return guest


def executive_session_record(
    *, meeting: Meeting, counterpart: str, present: str = "", notes: str = ""
) -> ExecutiveSession:
    """Record that the committee met separately with ``counterpart`` at ``meeting``."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled; no session was held at it.")
    refuse_if_locked(meeting, "executive sessions")
    session = ExecutiveSession(
        meeting=meeting,
        counterpart=counterpart,
        present=clean_text(present, "present", limit=500),
        notes=clean_text(notes, "notes"),
    )
    session.full_clean()
    session.save()
    return session
