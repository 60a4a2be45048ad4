"""The secretary's administration of meetings: the meeting with its agenda, attendance, guests,
executive sessions and action items inline; materials with their versions; minutes (locked once
approved); reports to the board. Governance records are never deleted, and history is kept."""

from django import forms
from django.contrib import admin
from django.utils import timezone

from charter_portal.words import count_of
from committees.admin.base import GovernanceAdmin, GovernanceInline, adopt
from meetings import services
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    BoardReport,
    ExecutiveSession,
    Guest,
    Material,
    MaterialVersion,
    Meeting,
    Minutes,
    Recusal,
)
from meetings.services.meetings import CALENDAR_FIELDS
from meetings.zones import local_moment

WALL_CLOCK = "On the clock where the meeting is held (its time zone below)."


class MeetingAdminForm(forms.ModelForm):
    """The start and end are entered, and shown, on the wall clock of the meeting's own time
    zone, not the server's: 10:00 in New York is stored as 14:00 or 15:00 UTC by the season."""

    video_link = forms.URLField(required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = (
            "committee",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "time_zone",
            "location",
            "video_link",
            "status",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            if name in self.fields:
                self.fields[name].help_text = WALL_CLOCK
            value = getattr(self.instance, name, None)
            if self.instance.pk and value is not None:
                self.initial[name] = value.astimezone(self.instance.zone).replace(tzinfo=None)

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone")
        for name in ("starts_at", "ends_at"):
            value = data.get(name)
            if value is None or not zone:
                continue
            wall = timezone.make_naive(value) if timezone.is_aware(value) else value
            try:
                data[name] = local_moment(wall.date(), wall.time(), zone)
            except forms.ValidationError as error:
                self.add_error(name if "time_zone" not in str(error) else "time_zone", error)
        return data


class LockedWithMinutes:
    """A meeting whose minutes are approved is read-only everywhere in the admin."""

    def _locked(self, obj) -> bool:
        meeting = obj if isinstance(obj, Meeting) else getattr(obj, "meeting", None)
        minutes = getattr(meeting, "minutes", None) if meeting is not None else None
        try:
            return minutes is not None and minutes.is_locked
        except Minutes.DoesNotExist:
            return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and self._locked(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        if obj is not None and self._locked(obj):
            return False
        return super().has_add_permission(request, obj)


class AgendaItemInline(LockedWithMinutes, GovernanceInline):
    model = AgendaItem
    fields = ("position", "title", "presenter", "minutes_allotted", "confidential")


class AttendanceInline(LockedWithMinutes, GovernanceInline):
    model = Attendance
    fields = ("director", "status")
    autocomplete_fields = ("director",)


class GuestInline(LockedWithMinutes, GovernanceInline):
    model = Guest
    fields = ("name", "role", "organisation", "title")


class ExecutiveSessionInline(LockedWithMinutes, GovernanceInline):
    model = ExecutiveSession
    # The notes are the committee members' alone (meetings.access): not shown here.
    fields = ("counterpart", "present")


class ActionItemInline(GovernanceInline):
    model = ActionItem
    fields = ("description", "owner", "owner_name", "due_on", "status", "completed_on")
    autocomplete_fields = ("owner",)


@admin.register(Meeting)
class MeetingAdmin(LockedWithMinutes, GovernanceAdmin):
    form = MeetingAdminForm
    list_display = ("committee", "display_title", "when", "kind", "status")
    list_filter = ("committee", "kind", "status")
    list_select_related = ("committee",)
    date_hierarchy = "starts_at"
    search_fields = ("title", "location")
    fields = (
        "committee",
        "kind",
        "title",
        "starts_at",
        "ends_at",
        "time_zone",
        "location",
        "video_link",
        "status",
        "notice_sent_at",
        "sequence",
    )
    readonly_fields = ("notice_sent_at", "sequence")
    inlines = (
        AgendaItemInline,
        AttendanceInline,
        GuestInline,
        ExecutiveSessionInline,
        ActionItemInline,
    )
    actions = ("send_invitations",)

    def save_model(self, request, obj, form, change):
        now = timezone.now()
        if not change:
            super().save_model(request, obj, form, change)
            return
        moved = [name for name in form.changed_data if name in CALENDAR_FIELDS]
        cancelled = "status" in form.changed_data and obj.status == Meeting.Status.CANCELLED
        if moved or cancelled:
            # Invitees' calendars update the same event: a higher SEQUENCE, a new notice.
            obj.sequence += 1
        super().save_model(request, obj, form, change)
        if (moved or cancelled) and obj.notice_sent_at:
            from meetings.services.meetings import _send_invitation

            _send_invitation(obj, now, updated=True)

    @admin.display(description="When (where it is held)", ordering="starts_at")
    def when(self, obj):
        return f"{obj.local_start:%-d %b %Y %H:%M}–{obj.local_end:%H:%M} ({obj.time_zone})"

    @admin.action(description="Send the invitation (with its calendar event) to the members")
    def send_invitations(self, request, queryset):
        sent = 0
        for meeting in queryset.filter(status=Meeting.Status.SCHEDULED):
            services.meeting_invite(meeting=meeting, now=timezone.now())
            sent += 1
        self.message_user(request, f"Invitations queued for {count_of(sent, 'scheduled meeting')}.")


class RecusalInline(GovernanceInline):
    model = Recusal
    fields = ("director", "source", "reason", "recused")
    autocomplete_fields = ("director",)


@admin.register(AgendaItem)
class AgendaItemAdmin(LockedWithMinutes, GovernanceAdmin):
    list_display = ("meeting", "position", "title", "presenter", "confidential")
    list_select_related = ("meeting__committee",)
    list_filter = ("meeting__committee", "confidential")
    search_fields = ("title",)
    fields = (
        "meeting",
        "position",
        "title",
        "presenter",
        "minutes_allotted",
        "serves",
        "confidential",
        "minute",
        "decision",
    )
    inlines = (RecusalInline,)


class MaterialVersionInline(GovernanceInline):
    model = MaterialVersion
    fields = ("number", "file", "note", "uploaded_at", "uploaded_by")
    readonly_fields = ("number", "file", "note", "uploaded_at", "uploaded_by")
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False  # a new version is uploaded through the portal, which tells the members


@admin.register(Material)
class MaterialAdmin(GovernanceAdmin):
    list_display = ("title", "meeting", "agenda_item")
    list_select_related = ("meeting__committee", "agenda_item")
    list_filter = ("meeting__committee",)
    search_fields = ("title",)
    fields = ("meeting", "agenda_item", "title")
    inlines = (MaterialVersionInline,)


@admin.register(Minutes)
class MinutesAdmin(GovernanceAdmin):
    list_display = ("meeting", "status", "circulated_on", "approved_at", "approved_on")
    list_select_related = ("meeting__committee", "approved_at__committee")
    list_filter = ("status", "meeting__committee")
    fields = ("meeting", "body", "status", "circulated_on", "approved_at", "approved_on")
    readonly_fields = ("status", "circulated_on", "approved_at", "approved_on")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        return ("meeting", *self.readonly_fields)

    def has_change_permission(self, request, obj=None):
        # Approved minutes are locked; approval itself is recorded on the portal's meeting page,
        # which checks the approving meeting's quorum.
        if obj is not None and obj.is_locked:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            services.minutes_update(minutes=obj, body=obj.body)
            return
        saved = services.minutes_draft(meeting=obj.meeting)
        if obj.body and obj.body != saved.body:
            saved = services.minutes_update(minutes=saved, body=obj.body)
        adopt(obj, saved)


@admin.register(BoardReport)
class BoardReportAdmin(GovernanceAdmin):
    list_display = ("meeting", "delivered_on")
    list_select_related = ("meeting__committee",)
    list_filter = ("meeting__committee",)
    fields = ("meeting", "summary", "recommendations", "attachment", "delivered_on")


@admin.register(ActionItem)
class ActionItemAdmin(GovernanceAdmin):
    list_display = ("description", "meeting", "owner_label", "due_on", "status")
    list_select_related = ("meeting__committee", "owner")
    list_filter = ("status", "meeting__committee")
    search_fields = ("description", "owner_name")
    fields = (
        "meeting",
        "agenda_item",
        "description",
        "owner",
        "owner_name",
        "due_on",
        "status",
        "completed_on",
    )
    autocomplete_fields = ("owner",)
