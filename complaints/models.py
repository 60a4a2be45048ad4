"""Complaint cases (Charter responsibility 5; Rule 10A-3(b)(3)): what a reporter sent, what the
committee did with it, and who read it.

Contents (narrative, place and time, people involved, contact details, messages, notes) are
EncryptedTextField values; attachments are encrypted in the private store. The history of a case
keeps its workflow (status, severity, dates, legal hold), never its contents. Nothing here holds
an address, a user agent or a referrer: the public side never hands one to a model.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committees.models import Committee, Director
from complaints.crypto import EncryptedTextField

CONTENT_FIELDS = ("narrative", "when_where", "people_involved", "contact")
SECRET_FIELDS = ("receipt_lookup", "receipt_hash", "submission_digest", "receipt_sealed")


def add_business_days(day: datetime.date, days: int) -> datetime.date:
    """``days`` working days (Monday to Friday) after ``day``; public holidays are not known."""
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


class ComplaintsPolicy(models.Model):
    """How the committee that owns complaint handling runs it: who reads cases besides its chair,
    and the periods the deadline engine and the retention purge apply."""

    committee = models.OneToOneField(
        Committee, on_delete=models.PROTECT, related_name="complaints_policy"
    )
    readers = models.ManyToManyField(
        Director,
        blank=True,
        related_name="+",
        help_text="Committee members who read every case besides the chair (never a case that "
        "names them or from which they are recused).",
    )
    acknowledge_business_days = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Working days within which a new case is acknowledged to the reporter.",
    )
    silence_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Longest time an open case may go without a message to the reporter.",
    )
    summary_due_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MaxValueValidator(120)],
        help_text="Days after each fiscal quarter by which the committee has its complaint "
        "summary.",
    )
    retention_years = models.PositiveSmallIntegerField(
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text="Years after closure before a case is purged, unless a legal hold is set.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "complaints policy"
        verbose_name_plural = "complaints policies"

    def __str__(self):
        return f"Complaints policy of {self.committee}"


class Case(models.Model):
    class Category(models.TextChoices):
        ACCOUNTING = "accounting", _("Accounting")
        CONTROLS = "controls", _("Internal accounting controls")
        AUDITING = "auditing", _("Auditing")
        QUESTIONABLE = "questionable", _("Questionable accounting or auditing matters")
        RETALIATION = "retaliation", _("Retaliation against someone who reported")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NEW = "new", _("Received, waiting for acknowledgement")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        INVESTIGATING = "investigating", _("Being investigated")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    class Resolution(models.TextChoices):
        NONE = "", "Not resolved"
        SUBSTANTIATED = "substantiated", "Substantiated"
        UNSUBSTANTIATED = "unsubstantiated", "Unsubstantiated"
        INCONCLUSIVE = "inconclusive", "Inconclusive"

    class Severity(models.TextChoices):
        UNRATED = "", "Not rated"
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    class Language(models.TextChoices):
        EN = "en", "English"
        ES = "es", "Spanish"

    number = models.CharField(max_length=20, unique=True, null=True, blank=True)
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="cases")
    category = models.CharField(max_length=20, choices=Category.choices)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.EN)
    narrative = EncryptedTextField()
    when_where = EncryptedTextField(blank=True)
    people_involved = EncryptedTextField(blank=True)
    contact = EncryptedTextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    resolution = models.CharField(max_length=20, choices=Resolution.choices, blank=True)
    severity = models.CharField(max_length=10, choices=Severity.choices, blank=True)
    # Times a reporter's action set are kept to the hour, so they cannot be matched against a
    # network's own logs to the second.
    received_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    last_contact_at = models.DateTimeField(
        null=True, blank=True, help_text="The last message to the reporter."
    )
    retaliation_reported_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    legal_hold = models.BooleanField(
        default=False, help_text="While set, the retention purge keeps the case."
    )
    legal_hold_note = models.CharField(
        max_length=200, blank=True, help_text="Matter or counsel reference; no case contents."
    )
    receipt_lookup = models.CharField(max_length=64, unique=True, editable=False)
    receipt_hash = models.CharField(max_length=200, editable=False)
    submission_digest = models.CharField(max_length=64, unique=True, editable=False)
    # The receipt sealed under the reporter's one-time form token, so a repeated submission of
    # the same form shows it again; cleared after an hour by the daily purge.
    receipt_sealed = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=[*CONTENT_FIELDS, *SECRET_FIELDS])

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [
            # The case list: a committee's cases, newest first, and those awaiting
            # acknowledgement, oldest first (complaints.selectors.case_rows, issue 13).
            models.Index(fields=["committee", "-received_at"], name="complaints_case_list_idx"),
            models.Index(
                fields=["received_at"],
                condition=Q(acknowledged_at__isnull=True),
                name="complaints_case_waiting_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolution="") | Q(status__in=["resolved", "closed"]),
                name="case_resolution_only_when_resolved",
                violation_error_message="Only a resolved or closed case has a resolution.",
            )
        ]

    def __str__(self):
        return f"Case {self.number}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED

    def acknowledge_due(self, business_days: int) -> datetime.date:
        return add_business_days(self.received_at.date(), business_days)

    def silent_since(self) -> datetime.datetime:
        """The last time the reporter heard from the committee (or sent the report)."""
        return self.last_contact_at or self.received_at


class CaseExclusion(models.Model):
    """A director who sees nothing of a case, not even that it exists: named by the reporter,
    marked as named in it, or recused by the chair."""

    class Reason(models.TextChoices):
        NAMED_BY_REPORTER = "named_by_reporter", "Named by the reporter at intake"
        NAMED = "named", "Named in the case"
        RECUSED = "recused", "Recused by the chair"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="exclusions")
    director = models.ForeignKey(Director, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "director"],
                name="one_exclusion_per_director",
                violation_error_message="This director is already excluded from the case.",
            )
        ]

    def __str__(self):
        return f"{self.director} excluded from {self.case}"


class CaseAssignment(models.Model):
    """An investigator assigned to a case; ending the assignment ends their access."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(ended_at__isnull=True),
                name="one_open_assignment_per_investigator",
                violation_error_message="This investigator is already assigned to the case.",
            )
        ]

    def __str__(self):
        return f"{self.user} on {self.case}"


class ContentGrant(models.Model):
    """The chair lets someone outside the readers (the secretary, counsel) read one case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(revoked_at__isnull=True),
                name="one_open_grant_per_user",
                violation_error_message="This person can already read the case.",
            )
        ]

    def __str__(self):
        return f"{self.user} may read {self.case}"


class CaseMessage(models.Model):
    """A message between the committee and the reporter. Messages are never edited or deleted
    (only the retention purge removes them with their case)."""

    class Direction(models.TextChoices):
        TO_REPORTER = "to_reporter", _("From the committee")
        FROM_REPORTER = "from_reporter", _("From you")

    class Kind(models.TextChoices):
        MESSAGE = "message", "Message"
        RETALIATION = "retaliation", "Retaliation report"
        ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=20, choices=Direction.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MESSAGE)
    body = EncryptedTextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    # A keyed digest of the form's one-time token: the same form sent twice adds one message.
    form_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        # A case page reads its latest messages (complaints.selectors.case_page).
        indexes = [models.Index(fields=["case", "created_at"], name="complaints_message_case_idx")]

    def __str__(self):
        return f"{self.get_direction_display()} on {self.case}"


class CaseNote(models.Model):
    """An internal note the reporter never sees; never edited or deleted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = EncryptedTextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["case", "created_at"], name="complaints_note_case_idx")]

    def __str__(self):
        return f"Note on {self.case}"


class CaseAttachment(models.Model):
    """A file sent with a case or a message, encrypted in the private store under a name the
    server chose; the reporter's file name is never kept."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        CaseMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    stored_name = models.CharField(max_length=200, unique=True, editable=False)
    file_type = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    metadata_removed = models.BooleanField(default=False)
    from_reporter = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Attachment {self.pk} of {self.case}"


class CaseRead(models.Model):
    """The access log: who read what of a case, and when. The chair reads it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    what = models.CharField(max_length=100)

    class Meta:
        ordering = ["-at", "-pk"]
        # The access log: a case's latest reads (complaints.views.case_log).
        indexes = [models.Index(fields=["case", "-at"], name="complaints_read_case_idx")]

    def __str__(self):
        return f"{self.user} read {self.case}: {self.what}"


class QuarterlySummary(models.Model):
    """The complaint summary the committee received for a fiscal quarter: counts by category,
    status and age, never an identity or a narrative."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    presented_on = models.DateField()
    counts = models.JSONField(default=dict)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "period_start"],
                name="one_complaint_summary_per_quarter",
                violation_error_message="This quarter's complaint summary is already recorded.",
            )
        ]

    def __str__(self):
        return f"Complaint summary {self.period_start} to {self.period_end}"


class ProcedureReview(models.Model):
    """The committee's annual review of its complaint procedures."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField()
    outcome = models.TextField(
        help_text="What was reviewed and any change decided (no case contents)."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self):
        return f"Complaint procedures review of {self.reviewed_on}"


class PurgeRecord(models.Model):
    """One run of the retention purge: counts only, never a case's contents or number."""

    ran_at = models.DateTimeField()
    as_of = models.DateField()
    dry_run = models.BooleanField()
    purged = models.PositiveIntegerField()
    held = models.PositiveIntegerField(help_text="Past retention but kept by a legal hold.")

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self):
        return f"Purge of {self.ran_at:%Y-%m-%d}: {self.purged} purged"
