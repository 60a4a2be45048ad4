"""Materials (a new version tells the members), minutes (drafted from the record, circulated,
approved at a later meeting with quorum, then locked), action items and reports to the board."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from deadlines.services import message_queue
from deadlines.wording import day_words
from files.services import upload_check
from meetings.models import (
    ActionItem,
    AgendaItem,
    BoardReport,
    Material,
    MaterialRead,
    MaterialVersion,
    Meeting,
    Minutes,
)
from meetings.services.common import clean_text, members_and_secretaries

# Materials ------------------------------------------------------------------------------------


def material_upload(
    *,
    meeting: Meeting,
    upload,
    by,
    now: datetime.datetime,
    title: str = "",
    agenda_item: AgendaItem | None = None,
    material: Material | None = None,
    note: str = "",
) -> MaterialVersion:
    """Store a new material, or a new version of ``material``, after the store's checks (type
    from content, size limit); the members are told a new version is there."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled; no materials are added to it.")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "That item is on another meeting's agenda."})
    if material is not None and material.meeting_id != meeting.pk:
        raise ValidationError("That material belongs to another meeting.")
    if upload is None:
        raise ValidationError({"file": "Choose the file to upload."})
    # Checked before anything is written, so a refused file leaves no material behind.
    upload_check(upload=upload, kind_key="meetings.material")
    with transaction.atomic():
        if material is None:
            material = Material(
                meeting=meeting,
                agenda_item=agenda_item,
                title=clean_text(title, "title", limit=200, required=True),
            )
            material.full_clean()
            material.save()
        # The material's row is the lock: two uploads at once get different numbers.
        Material.objects.select_for_update(of=("self",)).filter(pk=material.pk).order_by(
            "pk"
        ).first()
        last = material.versions.aggregate(Max("number"))["number__max"]
        version = MaterialVersion(
            material=material,
            number=(last or 0) + 1,
            note=clean_text(note, "note", limit=300),
            uploaded_at=now,
            uploaded_by=by,
        )
        version.file.save(upload.name, upload, save=False)
        version.save()
        _tell_new_version(version, now)
    return version


def _tell_new_version(version: MaterialVersion, now) -> None:
    material = version.material
    meeting = material.meeting
    url = reverse("meetings:prepare")
    what = "A new version of" if version.number > 1 else "A new paper,"
    item = material.agenda_item
    # A confidential item's paper is named only inside the portal.
    label = "a confidential item" if item and item.confidential else f"“{material.title}”"
    message_queue(
        key=f"meetings.material:{version.pk}",
        recipients=members_and_secretaries(meeting),
        subject=f"{meeting.committee}: new meeting material for {meeting.display_title}",
        body=f"{what} {label} is ready for {meeting.display_title} of {meeting.committee}.\n\n"
        f"Read it in the portal: {url}",
        as_of=now.date(),
    )


def material_mark_read(*, version: MaterialVersion, user, now: datetime.datetime) -> None:
    MaterialRead.objects.get_or_create(version=version, user=user, defaults={"read_at": now})


# Minutes --------------------------------------------------------------------------------------


def minutes_draft_text(meeting: Meeting) -> str:
    """The minutes as the record has them: attendance, quorum, the agenda, executive sessions
    (their notes stay out) and action items."""
    from meetings.quorum import meeting_quorum

    quorum = meeting_quorum(meeting)
    lines = [
        f"Minutes of the {meeting.get_kind_display().lower()} of the {meeting.committee}",
        f"held on {meeting.local_start:%-d %B %Y} from {meeting.local_start:%H:%M} to "
        f"{meeting.local_end:%H:%M} ({meeting.time_zone})"
        + (f" at {meeting.location}" if meeting.location else "")
        + ".",
        "",
        "Present:",
    ]
    attendance = meeting.attendance.select_related("director").order_by("director__full_name")
    for row in attendance:
        lines.append(f"- {row.director.full_name}: {row.get_status_display().lower()}")
    guests = list(meeting.guests.all())
    if guests:
        lines.append("In attendance:")
        lines.extend(f"- {g.name}, {g.title or g.get_role_display()}" for g in guests)
    lines += ["", f"Quorum: {quorum.words}", ""]
    items = list(meeting.agenda_items.order_by("position"))
    if items:
        # Each item's minute and decision stay with the item, so a member recused from it can
        # be shown the minutes without them; here the items are only listed.
        lines.append("Agenda (each item's minute and decision are recorded with the item):")
        lines.extend(f"{item.position}. {item.title}" for item in items)
        lines.append("")
    sessions = list(meeting.executive_sessions.all())
    if sessions:
        lines.append("Executive sessions:")
        lines.extend(
            f"- The committee met separately with {s.get_counterpart_display().lower()}."
            for s in sessions
        )
        lines.append("")
    actions = list(meeting.action_items.all())
    if actions:
        lines.append("Action items:")
        lines.extend(
            f"- {a.description} ({a.owner_label}, by {day_words(a.due_on)})" for a in actions
        )
    return "\n".join(lines).strip() + "\n"


def minutes_draft(*, meeting: Meeting) -> Minutes:
    """Draft the minutes of a held meeting from its record (or return the existing ones)."""
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError("Only a held meeting has minutes; record its attendance first.")
    existing = Minutes.objects.filter(meeting=meeting).first()
    if existing is not None:
        return existing
    return Minutes.objects.create(meeting=meeting, body=minutes_draft_text(meeting))


def minutes_update(*, minutes: Minutes, body: str) -> Minutes:
    if minutes.is_locked:
        raise ValidationError("These minutes were approved and are locked; they cannot be edited.")
    minutes.body = clean_text(body, "body", required=True)
    minutes.save(update_fields=["body"])
    return minutes


def minutes_circulate(*, minutes: Minutes, as_of: datetime.date) -> Minutes:
    """Send the draft to the members for comment before the meeting that approves it."""
    if minutes.is_locked:
        raise ValidationError("These minutes are already approved.")
    with transaction.atomic():
        minutes.status = Minutes.Status.CIRCULATED
        minutes.circulated_on = as_of
        minutes.save(update_fields=["status", "circulated_on"])
        meeting = minutes.meeting
        message_queue(
            key=f"meetings.minutes_circulated:{minutes.pk}:{as_of.isoformat()}",
            recipients=members_and_secretaries(meeting),
            subject=f"{meeting.committee}: draft minutes of {meeting.display_title}",
            body=f"The draft minutes of {meeting.display_title} are ready for your comments "
            f"before the next meeting approves them: {meeting.get_absolute_url()}#minutes",
            as_of=as_of,
        )
    return minutes


def minutes_approve(*, minutes: Minutes, at_meeting: Meeting, as_of: datetime.date) -> Minutes:
    """Approve the minutes at a later held meeting of the committee with a quorum (Charter:
    Meetings); they are locked from then on."""
    from meetings.quorum import meeting_quorum

    meeting = minutes.meeting
    if minutes.is_locked:
        raise ValidationError("These minutes are already approved and locked.")
    if at_meeting.pk == meeting.pk:
        raise ValidationError(
            {
                "approved_at": "Minutes cannot be approved at the meeting they "
                "record; approve them at a later meeting."
            }
        )
    if at_meeting.committee_id != meeting.committee_id:
        raise ValidationError({"approved_at": "Minutes are approved by the same committee."})
    if at_meeting.starts_at <= meeting.starts_at:
        raise ValidationError({"approved_at": "Minutes are approved at a later meeting."})
    if at_meeting.status != Meeting.Status.HELD:
        raise ValidationError(
            {
                "approved_at": "Record the approving meeting's attendance first: minutes are "
                "approved at a meeting that was held."
            }
        )
    quorum = meeting_quorum(at_meeting)
    if not quorum.met:
        raise ValidationError(
            {
                "approved_at": f"{at_meeting.display_title} had no quorum ({quorum.words}) and "
                "approves nothing."
            }
        )
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = at_meeting
    minutes.approved_on = at_meeting.day
    minutes.save(update_fields=["status", "approved_at", "approved_on"])
    return minutes


# Action items ---------------------------------------------------------------------------------


def action_item_add(
    *,
    meeting: Meeting,
    description: str,
    due_on: datetime.date,
    owner=None,
    owner_name: str = "",
    agenda_item: AgendaItem | None = None,
) -> ActionItem:
    action = ActionItem(
        meeting=meeting,
        agenda_item=agenda_item,
        description=clean_text(description, "description", limit=500, required=True),
        owner=owner,
        owner_name=clean_text(owner_name, "owner_name", limit=200),
        due_on=due_on,
    )
    if due_on and meeting.starts_at and due_on < meeting.day:
        raise ValidationError({"due_on": "An action cannot be due before the meeting that set it."})
    action.full_clean()
    action.save()
    return action


def action_item_close(*, action: ActionItem, status: str, as_of: datetime.date) -> ActionItem:
    if action.status != ActionItem.Status.OPEN:
        raise ValidationError("This action is already closed.")
    if status not in (ActionItem.Status.DONE, ActionItem.Status.DROPPED):
        raise ValidationError("Close an action as done or dropped.")
    action.status = status
    action.completed_on = as_of if status == ActionItem.Status.DONE else None
    action.full_clean()
    action.save(update_fields=["status", "completed_on"])
    return action


# Reports to the board -------------------------------------------------------------------------


def board_report_save(
    *,
    meeting: Meeting,
    summary: str,
    recommendations: str = "",
    delivered_on: datetime.date | None = None,
    attachment=None,
    as_of: datetime.date,
) -> BoardReport:
    """Write (or correct) the report to the board on a held meeting; ``delivered_on`` is the day
    the board received it (Charter: Meetings)."""
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError("A report to the board follows a meeting that was held.")
    if delivered_on and delivered_on > as_of:
        raise ValidationError({"delivered_on": "A report cannot be delivered after today."})
    report = BoardReport.objects.filter(meeting=meeting).first() or BoardReport(meeting=meeting)
    report.summary = clean_text(summary, "summary", required=True)
    report.recommendations = clean_text(recommendations, "recommendations")
    report.delivered_on = delivered_on
    if attachment is not None:
        upload_check(upload=attachment, kind_key="meetings.board_report")
    with transaction.atomic():
        report.full_clean(exclude=["attachment"])
        if attachment is not None:
            report.attachment.save(attachment.name, attachment, save=False)
        report.save()
    return report


__all__ = [
    "action_item_add",
    "action_item_close",
    "board_report_save",
    "material_mark_read",
    "material_upload",
    "minutes_approve",
    "minutes_circulate",
    "minutes_draft",
    "minutes_draft_text",
    "minutes_update",
]
