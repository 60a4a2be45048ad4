"""What a meeting leaves behind: its materials (versioned, in the private file store), its
minutes (drafted, circulated, approved at a later meeting, then locked), its action items and
its report to the board."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from files.fields import PrivateFileField
from meetings.models.meetings import AgendaItem, Meeting


class Material(models.Model):
    """A paper for the meeting, or for one of its items; each upload is a new version."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="materials")
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="materials",
        help_text="Empty: a paper for the whole meeting.",
    )
    title = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "agenda_item__position", "title", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if (
            self.agenda_item_id
            and self.meeting_id
            and self.agenda_item.meeting_id != self.meeting_id
        ):
            raise ValidationError({"agenda_item": "That item is on another meeting's agenda."})


class MaterialVersion(models.Model):
    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    file = PrivateFileField(kind="meetings.material")
    note = models.CharField("what changed", max_length=300, blank=True)
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["material", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["material", "number"],
                name="one_material_version_number",
                violation_error_message="That version of the material already exists.",
            )
        ]

    def __str__(self):
        return f"{self.material} (version {self.number})"


class MaterialRead(models.Model):
    """That a user opened a version: what the member's preparation view counts as read."""

    version = models.ForeignKey(MaterialVersion, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="one_read_per_version")
        ]

    def __str__(self):
        return f"{self.user} read {self.version}"


class MinutesLocked(ValidationError):
    pass


class Minutes(models.Model):
    """The minutes of one meeting. Approved at a later meeting with a quorum (Charter: Meetings),
    they are locked: every change before that is kept in the history."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CIRCULATED = "circulated", "Circulated to members"
        APPROVED = "approved", "Approved"

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    body = models.TextField(help_text="Drafted from the meeting record; edit before circulating.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    circulated_on = models.DateField(null=True, blank=True)
    approved_at = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_minutes",
        help_text="The later meeting that approved these minutes.",
    )
    approved_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "minutes"

    def __str__(self):
        return f"Minutes of {self.meeting.display_title}"

    def save(self, *args, **kwargs):
        # Approved minutes are the committee's record: nothing, admin or shell, rewrites them.
        if self.pk is not None:
            stored = Minutes.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == self.Status.APPROVED:
                raise MinutesLocked(
                    "These minutes were approved and are locked; a correction is minuted at a "
                    "later meeting instead."
                )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#minutes"

    def delete(self, *args, **kwargs):
        raise ValidationError("Minutes are never deleted; correct the draft instead.")

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="action_items")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="action_items"
    )
    description = models.CharField(max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_actions",
        help_text="A portal user, who is reminded as the due date nears.",
    )
    owner_name = models.CharField(
        max_length=200, blank=True, help_text="Someone without a login (the CFO, say)."
    )
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#actions"

    @property
    def owner_label(self) -> str:
        if self.owner_id:
            return self.owner.get_full_name() or self.owner.email
        return self.owner_name

    def is_overdue(self, as_of: datetime.date) -> bool:
        return self.status == self.Status.OPEN and self.due_on < as_of

    def clean(self):
        errors = {}
        if not self.owner_id and not self.owner_name.strip():
            errors["owner_name"] = "Name who owns the action: a portal user or a name."
        if self.status == self.Status.DONE and self.completed_on is None:
            errors["completed_on"] = "Give the day the action was done."
        if self.status != self.Status.DONE and self.completed_on is not None:
            errors["completed_on"] = "Only a done action has a completion day."
        if (
            self.agenda_item_id
            and self.meeting_id
            and (self.agenda_item.meeting_id != self.meeting_id)
        ):
            errors["agenda_item"] = "That item is on another meeting's agenda."
        if errors:
            raise ValidationError(errors)


class BoardReport(models.Model):
    """The committee's report to the board on one meeting (Charter: Meetings: it reports
    regularly to the board). Board readers read these, and nothing else of the committee."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="board_report")
    summary = models.TextField()
    recommendations = models.TextField(blank=True)
    attachment = PrivateFileField(kind="meetings.board_report", blank=True)
    delivered_on = models.DateField(
        null=True, blank=True, help_text="The day the board received it; empty while a draft."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting__starts_at"]

    def __str__(self):
        return f"Report to the board on {self.meeting.display_title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("meetings:board_report", args=[self.meeting.committee.slug, self.pk])

    def clean(self):
        if self.delivered_on and self.meeting_id and self.delivered_on < self.meeting.day:
            raise ValidationError(
                {"delivered_on": "A report on a meeting cannot reach the board before the meeting."}
            )
