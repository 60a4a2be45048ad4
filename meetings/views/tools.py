"""The tools of the chair and the secretary: schedule, change, cancel and announce a meeting,
build its agenda, upload papers, record attendance, guests and sessions, minute it, follow up
its actions and report to the board. Each calls a service; a refusal lands on its form."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from charter_portal.permissions import portal_view
from committees.models import Membership
from meetings import forms, services
from meetings.access import (
    can_run_meetings,
    reads_meetings,
    reads_session_notes,
)
from meetings.models import ActionItem, Minutes, Recusal
from meetings.views.common import apply_errors, committee_of, managed_meeting_of


def _schedule_or_edit(request, committee, today, meeting=None):
    initial = (
        forms.MeetingForm.initial_for(meeting)
        if meeting
        else {"time_zone": timezone.get_current_timezone_name()}
    )
    form = forms.MeetingForm(request.POST or None, initial=initial)
    if meeting is not None:
        form.fields["invite"].label = "Send the members the updated invitation"
        form.fields["invite"].help_text = "Members already invited are sent the update anyway."
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "kind": data["kind"],
            "title": data["title"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "time_zone": data["time_zone"],
            "location": data["location"],
            "video_link": data["video_link"],
        }
        try:
            if meeting is None:
                meeting = services.meeting_schedule(
                    committee=committee, invite=data["invite"], now=timezone.now(), **fields
                )
                messages.success(request, "The meeting is scheduled.")
            else:
                services.meeting_update(meeting=meeting, now=timezone.now(), **fields)
                if data["invite"] and not meeting.notice_sent_at:
                    services.meeting_invite(meeting=meeting, now=timezone.now())
                messages.success(request, "The meeting is updated.")
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(meeting.get_absolute_url())
    return render(
        request,
        "meetings/meeting_form.html",
        {"committee": committee, "form": form, "meeting": meeting, "today": today},
    )


@portal_view
@require_http_methods(["GET", "POST"])
def meeting_schedule(request, slug):
    committee, today = committee_of(request, slug)
    if not can_run_meetings(request.user, committee, today):
        raise PermissionDenied("Only the committee's chair or the secretary schedules meetings.")
    return _schedule_or_edit(request, committee, today)


@portal_view
@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug, pk):
    meeting, today = managed_meeting_of(request, slug, pk)
    return _schedule_or_edit(request, meeting.committee, today, meeting)


@portal_view
@require_POST
def meeting_cancel(request, slug, pk):
    meeting, _ = managed_meeting_of(request, slug, pk)
    try:
        services.meeting_cancel(meeting=meeting, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The meeting is cancelled; invitees' calendars are updated.")
    return redirect(meeting.get_absolute_url())


@portal_view
@require_POST
def meeting_invite(request, slug, pk):
    meeting, _ = managed_meeting_of(request, slug, pk)
    try:
        services.meeting_invite(meeting=meeting, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The invitation is on its way to the members.")
    return redirect(meeting.get_absolute_url())


@portal_view
@require_http_methods(["GET", "POST"])
def agenda(request, slug, pk):
    meeting, today = managed_meeting_of(request, slug, pk)
    which = request.POST.get("form", "item") if request.method == "POST" else None
    form = forms.AgendaItemForm(request.POST if which == "item" else None)
    serving = Membership.objects.active_on(meeting.day).filter(committee=meeting.committee)
    members = [
        s.director for s in serving.select_related("director").order_by("director__full_name")
    ]
    # The items, their recusals and the conflict form's choices in two queries whatever the
    # agenda holds (issue 13): the recusals are read by meeting, not per item.
    items = list(meeting.agenda_items.order_by("position"))
    recusals = (
        Recusal.objects.filter(agenda_item__meeting=meeting)
        .select_related("director")
        .order_by("pk")
    )
    by_item: dict[int, list] = {item.pk: [] for item in items}
    for recusal in recusals:
        by_item.setdefault(recusal.agenda_item_id, []).append(recusal)
    for item in items:
        item.recusal_list = by_item[item.pk]
    conflict_form = forms.ConflictForm(
        request.POST if which == "conflict" else None,
        meeting=meeting,
        members=members,
        items=items,
    )
    bound = {"item": form, "conflict": conflict_form}.get(which)
    if bound is not None and bound.is_valid():
        try:
            if which == "item":
                services.agenda_item_add(meeting=meeting, **bound.cleaned_data)
                done = "The item is added to the agenda."
            else:
                data = bound.cleaned_data
                services.recusal_record(
                    item=data["agenda_item"],
                    director=data["director"],
                    source=data["source"],
                    reason=data["reason"],
                    recused=data["recused"],
                )
                done = "The conflict is recorded."
        except ValidationError as error:
            apply_errors(bound, error)
        else:
            messages.success(request, done)
            return redirect("meetings:agenda", slug=slug, pk=meeting.pk)
    return render(
        request,
        "meetings/agenda.html",
        {
            "committee": meeting.committee,
            "meeting": meeting,
            "form": form,
            "conflict_form": conflict_form,
            "here": "Build the agenda",
            "items": items,
        },
    )


@portal_view
@require_http_methods(["GET", "POST"])
def materials(request, slug, pk):
    meeting, today = managed_meeting_of(request, slug, pk)
    form = forms.MaterialForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.material_upload(
                meeting=meeting,
                upload=data["file"],
                title=data["title"],
                agenda_item=data["agenda_item"],
                material=data["material"],
                note=data["note"],
                by=request.user,
                now=timezone.now(),
            )
        except ValidationError as error:
            apply_errors(form, error)
            if "file" not in form.errors and not form.non_field_errors():
                form.add_error("file", error.messages)
        else:
            messages.success(request, "The material is uploaded and the members are told.")
            return redirect(meeting.get_absolute_url() + "#materials")
    return render(
        request,
        "meetings/tool.html",
        {
            "committee": meeting.committee,
            "meeting": meeting,
            "form": form,
            "here": "Upload a material",
            "submit": "Upload",
            "multipart": True,
        },
    )


@portal_view
@require_http_methods(["GET", "POST"])
def attendance(request, slug, pk):
    meeting, today = managed_meeting_of(request, slug, pk)
    serving = Membership.objects.active_on(meeting.day).filter(committee=meeting.committee)
    members = [
        seat.director for seat in serving.select_related("director").order_by("director__full_name")
    ]
    current = dict(meeting.attendance.values_list("director_id", "status"))
    which = request.POST.get("form") if request.method == "POST" else None
    attendance_form = forms.AttendanceForm(
        request.POST if which == "attendance" else None, members=members, current=current
    )
    guest_form = forms.GuestForm(request.POST if which == "guest" else None)
    session_form = forms.ExecutiveSessionForm(request.POST if which == "session" else None)
    if not reads_session_notes(request.user, meeting.committee, today):
        # The secretary records that a session was held; its notes are the members' to write.
        del session_form.fields["notes"]
    bound = {"attendance": attendance_form, "guest": guest_form, "session": session_form}.get(which)
    if bound is not None and bound.is_valid():
        try:
            if which == "attendance":
                services.attendance_record(meeting=meeting, statuses=bound.statuses(), as_of=today)
                done = "Attendance is recorded and the meeting marked held."
            elif which == "guest":
                services.guest_add(meeting=meeting, **bound.cleaned_data)
                done = "The guest is recorded."
            else:
                services.executive_session_record(meeting=meeting, **bound.cleaned_data)
                done = "The executive session is recorded."
        except ValidationError as error:
            apply_errors(bound, error)
        else:
            messages.success(request, done)
            return redirect(meeting.get_absolute_url() + "#attendance")
    return render(
        request,
        "meetings/attendance.html",
        {
            "committee": meeting.committee,
            "meeting": meeting,
            "attendance_form": attendance_form,
            "guest_form": guest_form,
            "session_form": session_form,
            "too_early": meeting.day > today,
        },
    )


@portal_view
@require_http_methods(["GET", "POST"])
def minutes(request, slug, pk):
    meeting, today = managed_meeting_of(request, slug, pk)
    record = Minutes.objects.filter(meeting=meeting).first()
    action = request.POST.get("action") if request.method == "POST" else None
    item_form = forms.ItemMinuteForm(request.POST if action == "item" else None, meeting=meeting)
    body_form = forms.MinutesBodyForm(
        request.POST if action == "body" else None, initial={"body": record.body if record else ""}
    )
    approve_form = forms.ApproveForm(request.POST if action == "approve" else None, meeting=meeting)
    try:
        if action == "draft":
            services.minutes_draft(meeting=meeting)
            messages.success(request, "The minutes are drafted from the meeting record.")
            return redirect("meetings:minutes", slug=slug, pk=pk)
        if action == "item" and item_form.is_valid():
            services.item_minute_record(
                item=item_form.cleaned_data["agenda_item"],
                minute=item_form.cleaned_data["minute"],
                decision=item_form.cleaned_data["decision"],
            )
            messages.success(request, "The item's minute is recorded.")
            return redirect("meetings:minutes", slug=slug, pk=pk)
        if record is not None and action == "body" and body_form.is_valid():
            services.minutes_update(minutes=record, body=body_form.cleaned_data["body"])
            messages.success(request, "The draft is saved.")
            return redirect("meetings:minutes", slug=slug, pk=pk)
        if record is not None and action == "circulate":
            services.minutes_circulate(minutes=record, as_of=today)
            messages.success(request, "The draft minutes are circulated to the members.")
            return redirect("meetings:minutes", slug=slug, pk=pk)
        if record is not None and action == "approve" and approve_form.is_valid():
            services.minutes_approve(
                minutes=record, at_meeting=approve_form.cleaned_data["approved_at"], as_of=today
            )
            messages.success(request, "The minutes are approved and locked.")
            return redirect(meeting.get_absolute_url() + "#minutes")
    except ValidationError as error:
        target = {"item": item_form, "body": body_form, "approve": approve_form}.get(action)
        if target is not None:
            apply_errors(target, error)
        else:
            messages.error(request, " ".join(error.messages))
    if action and record is None and action not in ("draft", "item"):
        messages.error(request, "Draft the minutes first.")
    return render(
        request,
        "meetings/minutes.html",
        {
            "committee": meeting.committee,
            "meeting": meeting,
            "record": record,
            "item_form": item_form,
            "body_form": body_form,
            "approve_form": approve_form,
        },
    )


@portal_view
@require_http_methods(["GET", "POST"])
def actions(request, slug, pk):
    meeting, today = managed_meeting_of(request, slug, pk)
    owners = (
        get_user_model()
        .objects.filter(is_active=True, director__memberships__committee=meeting.committee)
        .distinct()
        .order_by("full_name")
    )
    form = forms.ActionItemForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_add(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The action item is recorded.")
            return redirect(meeting.get_absolute_url() + "#actions")
    return render(
        request,
        "meetings/tool.html",
        {
            "committee": meeting.committee,
            "meeting": meeting,
            "form": form,
            "here": "Record an action item",
            "submit": "Record the action",
        },
    )


@portal_view
@require_POST
def action_close(request, slug, pk):
    committee, today = committee_of(request, slug)
    action = (
        ActionItem.objects.select_related("meeting__committee")
        .filter(pk=pk, meeting__committee=committee)
        .first()
    )
    if action is None or not reads_meetings(request.user, committee, today):
        raise Http404("No such action item.")
    if not can_run_meetings(request.user, committee, today) and action.owner_id != request.user.pk:
        raise PermissionDenied("Only the action's owner, the chair or the secretary closes it.")
    form = forms.ActionCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Close an action as done or dropped.")
    else:
        try:
            services.action_item_close(
                action=action, status=form.cleaned_data["status"], as_of=today
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The action item is closed.")
    return redirect(action.meeting.get_absolute_url() + "#actions")


@portal_view
@require_http_methods(["GET", "POST"])
def report_edit(request, slug, pk):
    meeting, today = managed_meeting_of(request, slug, pk)
    report = getattr(meeting, "board_report", None) if hasattr(meeting, "board_report") else None
    initial = (
        {
            "summary": report.summary,
            "recommendations": report.recommendations,
            "delivered_on": report.delivered_on,
        }
        if report
        else {}
    )
    form = forms.BoardReportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.board_report_save(meeting=meeting, as_of=today, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The report to the board is saved.")
            return redirect(report.get_absolute_url())
    return render(
        request,
        "meetings/tool.html",
        {
            "committee": meeting.committee,
            "meeting": meeting,
            "form": form,
            "here": "Report to the board",
            "submit": "Save the report",
            "multipart": True,
        },
    )
