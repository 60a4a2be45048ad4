"""Forms of the secretary's meeting tools. They give each field its message; the services check
everything again and a refusal there lands on the form too (views.apply_errors)."""

from django import forms
from django.core.exceptions import ValidationError

from committees.duty_forms import StyledForm
from meetings.models import (
    ActionItem,
    Attendance,
    ExecutiveSession,
    Guest,
    Material,
    Meeting,
    Recusal,
    Topic,
)
from meetings.zones import local_moment, zone_choices

DATE = {"input_formats": ["%Y-%m-%d"]}
DATE_ERRORS = {
    "invalid": "That is not a date we can read. Enter it as year-month-day, for example "
    "2026-03-02 for 2 March 2026.",
}
TIME_ERRORS = {"invalid": "Enter a time as hours and minutes, for example 14:30."}


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**DATE_ERRORS, "required": f"Enter the {label.lower()}."},
        **DATE,
    )


def time_field(label):
    return forms.TimeField(
        label=label,
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={**TIME_ERRORS, "required": f"Enter the {label.lower()}."},
    )


class MeetingForm(StyledForm):
    kind = forms.ChoiceField(label="Kind of meeting", choices=Meeting.Kind.choices)
    title = forms.CharField(
        label="Title", max_length=200, required=False, help_text="Empty: the kind and the day."
    )
    day = date_field("Day")
    start_time = time_field("Start time")
    end_time = time_field("End time")
    time_zone = forms.ChoiceField(
        label="Time zone", help_text="Where the meeting is held; times are shown in this zone."
    )
    location = forms.CharField(label="Place", max_length=300, required=False)
    video_link = forms.URLField(
        label="Video link",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the full address of the video call, https://..."},
    )
    invite = forms.BooleanField(
        label="Send the invitation (with its calendar event) to the members now",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = zone_choices()
        self.fields["invite"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        day, start, end, zone = (
            data.get(k) for k in ("day", "start_time", "end_time", "time_zone")
        )
        if day and start and end and zone:
            try:
                data["starts_at"] = local_moment(day, start, zone)
                data["ends_at"] = local_moment(day, end, zone)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end_time", "The meeting must end after it starts.")
        if not data.get("location") and not data.get("video_link"):
            self.add_error("location", "Give a place, a video link, or both.")
        return data

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        start, end = meeting.local_start, meeting.local_end
        return {
            "kind": meeting.kind,
            "title": meeting.title,
            "day": start.date(),
            "start_time": start.time().replace(second=0),
            "end_time": end.time().replace(second=0),
            "time_zone": meeting.time_zone,
            "location": meeting.location,
            "video_link": meeting.video_link,
        }


class AgendaItemForm(StyledForm):
    title = forms.CharField(label="Item", max_length=300)
    presenter = forms.CharField(label="Presenter", max_length=200, required=False)
    minutes_allotted = forms.IntegerField(
        label="Time (minutes)",
        min_value=1,
        max_value=600,
        required=False,
        error_messages={"min_value": "Give at least one minute, or leave it empty."},
    )
    serves = forms.MultipleChoiceField(
        label="Charter duties this item serves",
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confidential = forms.BooleanField(
        label="Confidential to committee members (left out of invitations and calendars)",
        required=False,
    )

    def style(self):
        super().style()
        self.fields["serves"].widget.attrs["class"] = "form-check-input"
        self.fields["confidential"].widget.attrs["class"] = "form-check-input"


class MaterialForm(StyledForm):
    material = forms.ModelChoiceField(
        label="New version of",
        queryset=Material.objects.none(),
        required=False,
        empty_label="(a new paper)",
    )
    title = forms.CharField(label="Title of a new paper", max_length=200, required=False)
    agenda_item = forms.ModelChoiceField(
        label="For agenda item", queryset=None, required=False, empty_label="(the whole meeting)"
    )
    file = forms.FileField(
        label="File",
        error_messages={"required": "Choose the file to upload.", "empty": "The file is empty."},
    )
    note = forms.CharField(label="What changed", max_length=300, required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["material"].queryset = meeting.materials.all()
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()

    def clean(self):
        data = super().clean()
        if not data.get("material") and not (data.get("title") or "").strip():
            self.add_error("title", "Give the new paper a title, or choose the paper it updates.")
        return data


class AttendanceForm(StyledForm):
    """One choice per member serving on the meeting day; guests are added separately."""

    def __init__(self, *args, members, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for director in members:
            self.fields[f"member_{director.pk}"] = forms.ChoiceField(
                label=director.full_name,
                choices=Attendance.Status.choices,
                initial=current.get(director.pk, Attendance.Status.IN_PERSON),
                widget=forms.RadioSelect,
            )
        self.style()

    def statuses(self) -> dict[int, str]:
        return {
            int(name.split("_", 1)[1]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("member_")
        }


class GuestForm(StyledForm):
    name = forms.CharField(label="Guest's name", max_length=200)
    role = forms.ChoiceField(label="Attending as", choices=Guest.Role.choices)
    organisation = forms.CharField(label="Organisation", max_length=200, required=False)
    title = forms.CharField(label="Position", max_length=200, required=False)


class ExecutiveSessionForm(StyledForm):
    counterpart = forms.ChoiceField(
        label="Met separately with", choices=ExecutiveSession.Counterpart.choices
    )
    present = forms.CharField(
        label="Who was present besides the members", max_length=500, required=False
    )
    notes = forms.CharField(
        label="Private notes (members only)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ItemMinuteForm(StyledForm):
    agenda_item = forms.ModelChoiceField(label="Agenda item", queryset=None)
    minute = forms.CharField(
        label="Minute", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    decision = forms.CharField(
        label="Decision", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()


class MinutesBodyForm(StyledForm):
    body = forms.CharField(label="Minutes", widget=forms.Textarea(attrs={"rows": 18}))


class ApproveForm(StyledForm):
    approved_at = forms.ModelChoiceField(
        label="Approved at the meeting of",
        queryset=None,
        error_messages={"required": "Choose the later meeting that approved the minutes."},
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_at"].queryset = (
            Meeting.objects.filter(committee_id=meeting.committee_id, status=Meeting.Status.HELD)
            .exclude(pk=meeting.pk)
            .order_by("starts_at")
        )
        self.fields["approved_at"].label_from_instance = lambda m: m.display_title


class ActionItemForm(StyledForm):
    description = forms.CharField(label="Action", max_length=500)
    owner = forms.ModelChoiceField(label="Owner with a portal login", queryset=None, required=False)
    owner_name = forms.CharField(label="…or the owner's name", max_length=200, required=False)
    due_on = date_field("Due date")

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.email

    def clean(self):
        data = super().clean()
        if not data.get("owner") and not (data.get("owner_name") or "").strip():
            self.add_error("owner_name", "Name who owns the action: a portal user or a name.")
        return data


class ActionCloseForm(StyledForm):
    status = forms.ChoiceField(
        choices=[(ActionItem.Status.DONE, "Done"), (ActionItem.Status.DROPPED, "Dropped")]
    )


class BoardReportForm(StyledForm):
    summary = forms.CharField(label="Summary", widget=forms.Textarea(attrs={"rows": 6}))
    recommendations = forms.CharField(
        label="Recommendations to the board",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    delivered_on = date_field(
        "Delivered to the board on", required=False, help_text="Empty while it is a draft."
    )
    attachment = forms.FileField(label="Attachment (PDF, Word or Excel)", required=False)


class ConflictForm(StyledForm):
    """A member's conflict on an item: declared in advance it recuses by default."""

    agenda_item = forms.ModelChoiceField(label="Agenda item", queryset=None)
    director = forms.ChoiceField(label="Member")
    source = forms.ChoiceField(label="How it arose", choices=Recusal.Source.choices)
    reason = forms.CharField(label="The conflict", max_length=300, required=False)
    recused = forms.BooleanField(
        label="Recused from the item (neither its papers nor its minute)",
        required=False,
        initial=True,
    )

    def __init__(self, *args, meeting: Meeting, members, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(d.pk): d for d in members}
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position")
        if items is not None:
            # The page has read the items already: its choices need no second query.
            field = self.fields["agenda_item"]
            field.choices = [("", field.empty_label)] + [(item.pk, str(item)) for item in items]
        self.fields["director"].choices = [(pk, d.full_name) for pk, d in self.members.items()]
        self.fields["recused"].widget.attrs["class"] = "form-check-input"

    def clean_director(self):
        return self.members[self.cleaned_data["director"]]
