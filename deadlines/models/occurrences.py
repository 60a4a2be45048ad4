"""Occurrences: one row per committee, requirement and period, with its due date and status;
the evidence that satisfies it; and the waivers that excuse it."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from deadlines.cadences import Period
from deadlines.schedule import DEFAULT_DUE_SOON_DAYS, due_status
from deadlines.status import Status
from deadlines.wording import day_words

STATUS_CHOICES = [(status.value, status.label.capitalize()) for status in Status]


class OccurrenceQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)


class Occurrence(models.Model):
    """A requirement for one committee and one period. Open until it is met or waived (or, for a
    continuous duty, until its fiscal year ends); the engine re-evaluates only open ones."""

    committee = models.ForeignKey(
        "committees.Committee", on_delete=models.PROTECT, related_name="deadline_occurrences"
    )
    requirement_key = models.CharField(max_length=100)
    cadence = models.CharField(max_length=30, help_text="The cadence the period was opened with.")
    period_start = models.DateField()
    period_end = models.DateField()
    scheduled_due = models.DateField(
        null=True, blank=True, help_text="The cadence's due date for this period."
    )
    due_date = models.DateField(
        null=True,
        blank=True,
        help_text="The deadline in force: the cadence's, or one the evaluator set (a cure "
        "deadline); for a failing continuous duty, the first day it was seen failing.",
    )
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=Status.DUE.value)
    is_open = models.BooleanField(default=True)
    met_on = models.DateField(null=True, blank=True)
    opened_on = models.DateField(help_text="The day of the run that opened it.")
    evaluated_on = models.DateField(null=True, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)
    detail = models.TextField(blank=True)
    problem_since = models.DateField(
        null=True,
        blank=True,
        help_text="The day the current failure or cure period began, when its evaluator says.",
    )
    history = HistoricalRecords()

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["committee", "requirement_key", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "requirement_key", "period_start"],
                name="one_occurrence_per_period",
                violation_error_message=(
                    "This requirement already has an occurrence for that period."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="occurrence_period_ends_after_start",
                violation_error_message=("A period cannot end before it starts."),
            ),
        ]
        indexes = [
            # The engine's daily work is the open occurrences only: its cost follows what is
            # open, not the years of met history.
            models.Index(
                fields=["committee", "requirement_key"],
                condition=Q(is_open=True),
                name="deadline_open_occurrence_idx",
            ),
            # The calendar reads a committee's year by due date (issue 13).
            models.Index(fields=["committee", "due_date"], name="deadline_occurrence_due_idx"),
        ]

    def __str__(self):
        return (
            f"{self.requirement_key} for {self.committee}, {day_words(self.period_start)} to "
            f"{day_words(self.period_end)}"
        )

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end, self.scheduled_due)

    @property
    def is_continuous(self) -> bool:
        return self.cadence == "continuous"

    @property
    def active_waiver(self) -> "Waiver | None":
        """The unrevoked waiver, if any. Pages prefetch it (selectors' ACTIVE_WAIVERS) so that
        reading it costs no query; otherwise it is looked up."""
        rows = getattr(self, "active_waivers", None)
        if rows is None:
            rows = list(self.waivers.active().select_related("granted_by", "revoked_by")[:1])
        return rows[0] if rows else None

    def due_status(
        self, as_of: datetime.date, due_soon_days: int = DEFAULT_DUE_SOON_DAYS
    ) -> Status:
        """Due, due soon or overdue on ``as_of``, from the due date alone."""
        return due_status(self.due_date, as_of, due_soon_days)


class Evidence(models.Model):
    """A link from an occurrence to a record that satisfies it, as its evaluator reported it."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.PROTECT, related_name="evidence")
    label = models.CharField(max_length=200)
    url = models.CharField(max_length=500, blank=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    content_object = GenericForeignKey("content_type", "object_id")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["occurrence", "pk"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.label


class WaiverQuerySet(models.QuerySet):
    def active(self):
        """Waivers not revoked (a continuous one may still have ended: see Waiver.covers)."""
        return self.filter(revoked_at__isnull=True)


class Waiver(models.Model):
    """The committee's chair or the corporate secretary excused one occurrence of a charter-kind
    requirement (for a continuous one, until a stated day), for a reason that every report shows.
    A waiver can be revoked; who granted and who revoked it, when and why, stay on the record."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.PROTECT, related_name="waivers")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deadline_waivers"
    )
    reason = models.TextField()
    granted_on = models.DateField()
    granted_at = models.DateTimeField(auto_now_add=True)
    until = models.DateField(
        null=True,
        blank=True,
        help_text="The last day a continuous requirement is waived; empty when the waiver "
        "excuses one period of a periodic requirement.",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_on = models.DateField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revoked_deadline_waivers",
    )
    revoke_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = WaiverQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="waiver_has_reason",
                violation_error_message="Give the reason for the waiver.",
            ),
            # One waiver in force per occurrence; revoked ones stay as history.
            models.UniqueConstraint(
                fields=["occurrence"],
                condition=Q(revoked_at__isnull=True),
                name="one_unrevoked_waiver_per_occurrence",
                violation_error_message=(
                    "This occurrence is already waived; revoke that waiver before granting another."
                ),
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("granted_on")),
                name="waiver_until_not_before_grant",
                violation_error_message=(
                    "A waiver cannot end before the day it is granted; choose a later day."
                ),
            ),
            # A revocation is whole: when, by whom and why, or nothing at all.
            models.CheckConstraint(
                condition=Q(
                    revoked_at__isnull=True,
                    revoked_on__isnull=True,
                    revoked_by__isnull=True,
                    revoke_reason="",
                )
                | (
                    Q(
                        revoked_at__isnull=False,
                        revoked_on__isnull=False,
                        revoked_by__isnull=False,
                    )
                    & ~Q(revoke_reason="")
                ),
                name="waiver_revocation_is_whole",
                violation_error_message=(
                    "A revocation records when, by whom and why, all together; give the reason for"
                    " revoking."
                ),
            ),
        ]

    def __str__(self):
        return f"Waiver of {self.occurrence} by {self.granted_by}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def covers(self, day: datetime.date) -> bool:
        """Whether it excuses the occurrence on ``day``: from the day it was granted through
        ``until`` (if any), and no longer from the day it was revoked."""
        if day < self.granted_on or (self.until is not None and day > self.until):
            return False
        return self.revoked_on is None or day < self.revoked_on
