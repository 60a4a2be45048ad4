"""A committee meeting and what happens at it: the agenda, who attended, who was recused from
which item, and the executive sessions held within it."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from meetings.zones import company_day, default_zone_name, zone_named


class Meeting(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", "Regular meeting"
        SPECIAL = "special", "Special meeting"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    committee = models.ForeignKey(
        "committees.Committee", on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(max_length=200, blank=True, help_text="Empty: the kind and day.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64,
        default=default_zone_name,
        help_text="Where the meeting is held (IANA name, such as America/New_York): its times "
        "are shown and sent in this zone.",
    )
    location = models.CharField(max_length=300, blank=True)
    video_link = models.URLField(blank=True, max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # iCalendar SEQUENCE: raised by every change an invitee's calendar must pick up (RFC 5545
    # 3.8.7.4), so the event keeps its UID and is updated rather than added again.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [
            # The committee's meetings by date (the list, the reports, the duties' evaluators),
            # and the meetings still to come (the preparation view).
            models.Index(fields=["committee", "starts_at"], name="meeting_committee_starts"),
            models.Index(fields=["status", "ends_at"], name="meeting_status_ends"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message="A meeting must end after it starts.",
            )
        ]

    def __str__(self):
        return f"{self.committee}: {self.display_title}"

    def get_absolute_url(self):
        return reverse("meetings:meeting", args=[self.committee.slug, self.pk])

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        day = self.local_start.strftime("%-d %B %Y") if self.starts_at else ""
        return f"{self.get_kind_display()} of {day}".strip()

    @property
    def zone(self):
        return zone_named(self.time_zone)

    @property
    def local_start(self) -> datetime.datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return self.ends_at.astimezone(self.zone)

    @property
    def day(self) -> datetime.date:
        """The day it is held in the company's time zone: the day the charter's cadences count
        (a fiscal quarter ends at midnight where the company is, not in UTC)."""
        return company_day(self.starts_at)

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD

    def clean(self):
        errors = {}
        if self.time_zone:
            try:
                zone_named(self.time_zone)
            except ValidationError as error:
                errors.update(error.message_dict)
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The meeting must end after it starts; correct the end time."
        if not self.location and not self.video_link:
            errors["location"] = "Give a place, a video link, or both, so members know where to go."
        if errors:
            raise ValidationError(errors)
        if self.committee_id and self.starts_at and self.ends_at:
            clash = (
                Meeting.objects.filter(committee_id=self.committee_id)
                .exclude(pk=self.pk)
                .exclude(status=self.Status.CANCELLED)
                .filter(starts_at__lt=self.ends_at, ends_at__gt=self.starts_at)
                .first()
            )
            if clash is not None and self.status != self.Status.CANCELLED:
                raise ValidationError(
                    f"{self.committee} already meets from {clash.local_start:%-d %B %Y %H:%M} to "
                    f"{clash.local_end:%H:%M} ({clash.time_zone}); one committee cannot hold two "
                    "meetings at once. Move this one, or cancel the other first."
                )


class Topic(models.TextChoices):
    """What an agenda item does for the charter: holding the meeting with the item, minuted, is
    the evidence for the matching duty (another app asks meetings.selectors.items_serving)."""

    AUDIT_PLAN = "audit_plan", "Review of the audit scope and plan"
    ANNUAL_STATEMENTS = "annual_statements", "Review of the annual financial statements"
    AUDIT_FINDINGS = "audit_findings", "Significant audit findings and management's response"
    COMPLAINT_SUMMARY = "complaint_summary", "Summary of complaints received"
    PREAPPROVAL_REPORT = "preapproval_report", "Report of pre-approvals granted by delegation"
    AUDITOR_INDEPENDENCE = "auditor_independence", "Auditor independence dialogue"
    CHARTER_REVIEW = "charter_review", "Charter review"
    SELF_EVALUATION = "self_evaluation", "Committee self-evaluation"


def validate_topics(value) -> None:
    known = set(Topic.values)
    if not isinstance(value, list) or any(topic not in known for topic in value):
        raise ValidationError("Choose what the item serves from the list of charter duties.")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=300)
    presenter = models.CharField(max_length=200, blank=True)
    minutes_allotted = models.PositiveSmallIntegerField(
        "time (minutes)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    serves = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_topics],
        help_text="The charter duties this item serves.",
    )
    confidential = models.BooleanField(
        default=False,
        help_text="Confidential to committee members: left out of invitations, calendar "
        "feeds and anything else that leaves the portal.",
    )
    # The item's minute and decision: hidden from a member recused from it.
    minute = models.TextField(blank=True)
    decision = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="one_agenda_item_per_position",
                violation_error_message="Another item already has that place on the agenda.",
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#item-{self.pk}"

    def topic_labels(self) -> list[str]:
        return [Topic(topic).label for topic in self.serves if topic in Topic.values]


class Recusal(models.Model):
    """A member's conflict on an item. A conflict declared in advance recuses by default; the
    chair may record that the member nonetheless takes part (``recused`` False)."""

    class Source(models.TextChoices):
        DECLARED = "declared", "Conflict declared in advance"
        AT_MEETING = "at_meeting", "Recused at the meeting"

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="recusals")
    director = models.ForeignKey(
        "committees.Director", on_delete=models.PROTECT, related_name="recusals"
    )
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.DECLARED)
    reason = models.CharField(max_length=300, blank=True)
    recused = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "director"],
                name="one_recusal_per_item_and_director",
                violation_error_message="This member's conflict on this item is already recorded.",
            )
        ]

    def __str__(self):
        return f"{self.director} on {self.agenda_item}"


def _meeting_of(record) -> "Meeting | None":
    """The meeting a row belongs to, saved or not (an admin inline checks its rows against the
    meeting being added), when it is complete enough to have a day."""
    meeting = getattr(record, "meeting", None) if record.meeting_id or _cached(record) else None
    if meeting is None or not meeting.committee_id or not meeting.starts_at:
        return None
    return meeting


def _cached(record) -> bool:
    return record._meta.get_field("meeting").is_cached(record)


class Attendance(models.Model):
    """A committee member's attendance. Guests are Guest rows, never Attendance."""

    class Status(models.TextChoices):
        IN_PERSON = "in_person", "Present in person"
        REMOTE = "remote", "Present remotely"
        ABSENT = "absent", "Absent"
        EXCUSED = "excused", "Excused"

    PRESENT = (Status.IN_PERSON, Status.REMOTE)

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    director = models.ForeignKey(
        "committees.Director", on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "director__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "director"],
                name="one_attendance_per_member",
                violation_error_message="This member's attendance is already recorded; change "
                "that entry instead.",
            )
        ]

    def __str__(self):
        return f"{self.director}: {self.get_status_display()}"

    @property
    def is_present(self) -> bool:
        return self.status in self.PRESENT

    def clean(self):
        # A guest is never recorded as a member (the quorum counts members only).
        meeting = _meeting_of(self)
        if meeting is not None and self.director_id:
            serving = meeting.committee.memberships.active_on(meeting.day)
            if not serving.filter(director_id=self.director_id).exists():
                raise ValidationError(
                    {
                        "director": f"{self.director} is not a member of {meeting.committee} on "
                        f"{meeting.day:%-d %B %Y}; record them as a guest instead."
                    }
                )


class Guest(models.Model):
    class Role(models.TextChoices):
        MANAGEMENT = "management", "Management"
        INDEPENDENT_AUDITOR = "independent_auditor", "Independent auditor"
        INTERNAL_AUDIT = "internal_audit", "Internal audit"
        COUNSEL = "counsel", "Counsel"
        OTHER = "other", "Other guest"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="guests")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=24, choices=Role.choices)
    organisation = models.CharField(max_length=200, blank=True)
    title = models.CharField("position", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "role", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    def clean(self):
        # A member is never recorded as a guest: their attendance counts towards the quorum.
        meeting = _meeting_of(self)
        if meeting is not None and self.name:
            serving = meeting.committee.memberships.active_on(meeting.day)
            member = serving.filter(director__full_name__iexact=self.name.strip()).first()
            if member is not None:
                raise ValidationError(
                    {
                        "name": f"{member.director} is a member of {meeting.committee}; record "
                        "their attendance as a member, not as a guest."
                    }
                )


class ExecutiveSession(models.Model):
    """The committee meeting separately with one counterpart (Charter: Meetings). The notes are
    for the committee's members only."""

    class Counterpart(models.TextChoices):
        MANAGEMENT = "management", "Management"
        INTERNAL_AUDITOR = "internal_auditor", "Internal auditor"
        INDEPENDENT_AUDITOR = "independent_auditor", "Independent auditor"
        MEMBERS_ONLY = "members_only", "Members only"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="executive_sessions"
    )
    counterpart = models.CharField(max_length=24, choices=Counterpart.choices)
    present = models.CharField(
        "who was present",
        max_length=500,
        blank=True,
        help_text="The counterpart's people present, besides the members.",
    )
    notes = models.TextField(blank=True, help_text="Private: committee members only.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "counterpart"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "counterpart"],
                name="one_session_per_counterpart_per_meeting",
                violation_error_message="An executive session with this counterpart is already "
                "recorded for the meeting.",
            )
        ]

    def __str__(self):
        return f"Executive session with {self.get_counterpart_display().lower()}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#executive-sessions"
