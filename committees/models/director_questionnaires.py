"""The directors' annual questionnaire: each director confirms or corrects the dated facts on
record (their own and their family's), the secretary reviews every difference, and the board
adopts the year's determinations as one batch.

A questionnaire's answers are the director's words, kept apart from the facts: only an accepted
answer becomes (or changes) a dated fact, through the fact model's own validation, and the fact's
history names the questionnaire as its source.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from committees.models.determinations import (
    FinancialExpertDetermination,
    IndependenceDetermination,
    LiteracyDetermination,
    SophisticationDetermination,
)
from committees.models.directors import Director
from deadlines.wording import day_words

# Defaults the secretary may change for each year (issue 12): the questionnaire opens 15 days
# after the fiscal year ends and is certified within 45 days of it, well before the proxy; the
# board adopts its determinations within 90 days (the proxy is due within 120).
OPENS_DAYS_AFTER_YEAR_END = 15
CERTIFY_DAYS_AFTER_YEAR_END = 45
ADOPT_DAYS_AFTER_YEAR_END = 90


class QuestionnaireRound(models.Model):
    """One fiscal year's directors' questionnaire: when it opens, when every director's must be
    certified, and when the board is to adopt the year's determinations."""

    fiscal_year = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="The fiscal year the questionnaire covers, named by the year it ends in.",
        error_messages={"unique": "That fiscal year's questionnaire is already open."},
    )
    opens_on = models.DateField()
    certify_by = models.DateField(help_text="Every director certifies by this day.")
    adopt_by = models.DateField(help_text="The board adopts the year's determinations by this day.")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(certify_by__gte=models.F("opens_on"))
                & Q(adopt_by__gte=models.F("certify_by")),
                name="questionnaire_round_dates_in_order",
                violation_error_message=(
                    "The questionnaire opens, then is certified, then the board adopts: put the "
                    "dates in that order."
                ),
            )
        ]

    def __str__(self):
        return f"Directors' questionnaire, fiscal year {self.fiscal_year}"

    def get_absolute_url(self) -> str:
        return reverse("committees:dq_round", args=[self.fiscal_year])

    def clean(self):
        if self.opens_on and self.certify_by and self.certify_by < self.opens_on:
            raise ValidationError({"certify_by": "Certification cannot be due before it opens."})
        if self.certify_by and self.adopt_by and self.adopt_by < self.certify_by:
            raise ValidationError(
                {"adopt_by": "The board adopts after the directors certify; choose a later day."}
            )

    def is_open_on(self, day: datetime.date) -> bool:
        return self.opens_on <= day


class DirectorQuestionnaire(models.Model):
    """One director's questionnaire: the year's annual one, or a change reported during the
    year. Saved as a draft section by section; certified once, then never changed."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", "Annual questionnaire"
        CHANGE = "change", "Change report"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CERTIFIED = "certified", "Certified"

    round = models.ForeignKey(
        QuestionnaireRound,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questionnaires",
    )
    director = models.ForeignKey(
        Director, on_delete=models.PROTECT, related_name="director_questionnaires"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ANNUAL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Section key -> ISO date the director confirmed it (committees.questionnaire.sections).
    sections = models.JSONField(default=dict, blank=True)
    certified_on = models.DateField(null=True, blank=True)
    certified_at = models.DateTimeField(null=True, blank=True)
    certified_name = models.CharField(max_length=200, blank=True)
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "director"],
                condition=Q(kind="annual"),
                name="one_annual_questionnaire_per_director",
                violation_error_message="This director already has that year's questionnaire.",
            ),
            models.CheckConstraint(
                condition=(Q(kind="annual") & Q(round__isnull=False)) | Q(kind="change"),
                name="annual_questionnaire_has_its_year",
                violation_error_message="An annual questionnaire belongs to a fiscal year.",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(certified_on__isnull=False) & ~Q(certified_name="")),
                name="certified_questionnaire_is_signed",
                violation_error_message="A certified questionnaire carries its name and date.",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.CHANGE:
            return f"Change report of {self.director} ({day_words(self.created_at.date())})"
        return f"{self.director}'s questionnaire, fiscal year {self.round.fiscal_year}"

    def get_absolute_url(self) -> str:
        return reverse("committees:dq_questionnaire", args=[self.pk])

    @property
    def is_certified(self) -> bool:
        return self.status == self.Status.CERTIFIED


class DirectorAnswer(models.Model):
    """One answer: a fact on record confirmed, corrected or ended, a new fact, or a statement
    (voting equity, financial background). ``data`` holds the director's values in the fact
    model's field names; ``record`` what the record said when the answer was given."""

    class Action(models.TextChoices):
        CONFIRM = "confirm", "Confirmed as on record"
        CORRECT = "correct", "Corrected"
        ADD = "add", "New"
        STATEMENT = "statement", "Statement"

    class Review(models.TextChoices):
        NONE = "none", "Nothing to review"
        PENDING = "pending", "Awaiting review"
        ACCEPTED = "accepted", "Accepted"
        RETURNED = "returned", "Returned with a question"

    questionnaire = models.ForeignKey(
        DirectorQuestionnaire, on_delete=models.PROTECT, related_name="answers"
    )
    section = models.CharField(max_length=20)
    action = models.CharField(max_length=10, choices=Action.choices)
    fact_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="The fact on record the answer is about, if any."
    )
    data = models.JSONField(default=dict, blank=True)
    record = models.JSONField(default=dict, blank=True)
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.NONE)
    question = models.TextField(blank=True, help_text="The secretary's question, when returned.")
    reply = models.TextField(blank=True, help_text="The director's reply to the question.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    result_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="The fact the accepted answer became."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["section", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.section} answer of {self.questionnaire}"

    def get_absolute_url(self) -> str:
        return reverse("committees:dq_answer", args=[self.pk])

    @property
    def differs(self) -> bool:
        return self.action in (self.Action.CORRECT, self.Action.ADD) or (
            self.action == self.Action.STATEMENT and self.data != self.record
        )


class DeterminationBatch(models.Model):
    """The year's independence, literacy, sophistication and financial-expert determinations,
    prepared from the reviewed answers and adopted by the board at one meeting. The meeting is
    named, not linked: committees never imports meetings (it depends on committees)."""

    round = models.OneToOneField(QuestionnaireRound, on_delete=models.PROTECT, related_name="batch")
    prepared_on = models.DateField()
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adopted_on = models.DateField(null=True, blank=True)
    meeting_reference = models.CharField(
        max_length=200,
        blank=True,
        help_text="The board meeting that adopted them, e.g. 'Board meeting of 19 February 2027'.",
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-prepared_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(adopted_on__isnull=True) | ~Q(meeting_reference=""),
                name="adopted_batch_names_its_meeting",
                violation_error_message="Name the board meeting that adopted the determinations.",
            )
        ]

    def __str__(self):
        return f"Board determinations, fiscal year {self.round.fiscal_year}"

    def get_absolute_url(self) -> str:
        return reverse("committees:dq_batch", args=[self.round.fiscal_year])

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None


class BatchItem(models.Model):
    """One director's proposed determinations in the batch, with the computed tests and their
    explanations; after adoption, the determinations recorded."""

    batch = models.ForeignKey(DeterminationBatch, on_delete=models.PROTECT, related_name="items")
    director = models.ForeignKey(Director, on_delete=models.PROTECT, related_name="+")
    audit_member = models.BooleanField(
        default=False, help_text="Serves on an audit committee: literacy and expertise apply."
    )
    is_independent = models.BooleanField()
    no_compensatory_fees = models.BooleanField(default=True)
    is_affiliated_person = models.BooleanField(default=False)
    voting_equity_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    is_financially_literate = models.BooleanField(default=False)
    is_financially_sophisticated = models.BooleanField(default=False)
    sophistication_basis = models.CharField(
        max_length=30, choices=SophisticationDetermination.Basis.choices, blank=True
    )
    sophistication_description = models.TextField(blank=True)
    expert = models.JSONField(default=dict, blank=True)  # FinancialExpertDetermination fields
    explanation = models.JSONField(default=dict, blank=True)  # tests and reasons when prepared
    independence = models.ForeignKey(
        IndependenceDetermination, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    literacy = models.ForeignKey(
        LiteracyDetermination, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sophistication = models.ForeignKey(
        SophisticationDetermination,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    financial_expert = models.ForeignKey(
        FinancialExpertDetermination,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["director__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "director"],
                name="one_batch_item_per_director",
                violation_error_message="This director is already in the batch.",
            )
        ]

    def __str__(self):
        return f"{self.director} in {self.batch}"
