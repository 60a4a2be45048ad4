"""The one outbox every app sends through (deadline reminders and escalations, composition
alerts, and any app's own messages) and the in-portal notifications it leaves."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from deadlines.schedule import ReminderKind

KIND_CHOICES = [(kind.value, kind.label) for kind in ReminderKind]


class ReminderQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True, cancelled_at__isnull=True)


class Reminder(models.Model):
    """One row of the outbox: a notice about one occurrence at one threshold of one due date, or
    (with no occurrence) a message an app queued under its own unique ``key``.

    The row is the claim: it is created, under its unique key, in the transaction that decides the
    notice is due, and sent after commit by every channel (email and the in-portal list). A row
    whose sending failed keeps ``sent_at`` empty and is retried by every later run until it goes.
    """

    occurrence = models.ForeignKey(
        "deadlines.Occurrence",
        on_delete=models.PROTECT,
        related_name="reminders",
        null=True,
        blank=True,
    )
    key = models.CharField(
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text="What a message without an occurrence is about, unique: queued once.",
    )
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    threshold = models.CharField(
        max_length=20, blank=True, help_text="For example opened, 30d, 0d, overdue+7d."
    )
    offset_days = models.IntegerField(
        default=0, help_text="Days after the due date; negative before it."
    )
    due_date = models.DateField(
        null=True, blank=True, help_text="The deadline this notice is about."
    )
    claimed_on = models.DateField(help_text="The day it was claimed or queued.")
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="deadline_reminders", blank=True
    )
    subject = models.CharField(max_length=255)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    delivered_channels = models.JSONField(
        default=list, blank=True, help_text="Channels that have delivered it (never repeated)."
    )
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "kind", "threshold", "due_date"],
                name="one_reminder_per_threshold",
                violation_error_message=(
                    "This reminder has already been claimed for that due date."
                ),
            )
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at__isnull=True, cancelled_at__isnull=True),
                name="deadline_reminder_outbox_idx",
            )
        ]

    def __str__(self):
        return self.subject

    @property
    def state(self) -> str:
        if self.sent_at is not None:
            return "sent"
        if self.cancelled_at is not None:
            return "cancelled"
        return "pending"


class Notification(models.Model):
    """A reminder in one user's in-portal list."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deadline_notifications"
    )
    reminder = models.ForeignKey(Reminder, on_delete=models.PROTECT, related_name="notifications")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "reminder"],
                name="one_notification_per_user",
                violation_error_message="This person already has this notification.",
            )
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="deadline_notification_user_idx"),
            # The notification list: a person's latest first, one page whatever the history.
            models.Index(fields=["user", "-created_at"], name="deadline_notification_list_idx"),
        ]

    def __str__(self):
        return f"{self.reminder} for {self.user}"
