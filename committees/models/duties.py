"""The committee's own duties: the annual charter review (Charter: Responsibilities 7, Nasdaq
5605(c)(1)), the annual self-evaluation (Charter: Responsibilities 7) and the register of the
advisors it engaged with the company's funding (Charter: Responsibilities 6)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from committees.models.committees import CharterVersion, Committee
from committees.models.common import non_negative, validate_not_future, validate_period
from committees.models.directors import Director
from deadlines.wording import day_words

RATING_MIN = 1
RATING_MAX = 5


def amended_version_problem(version, reviewed_on: datetime.date | None) -> str | None:
    """Why ``version`` cannot be the charter a review of ``reviewed_on`` amended, or None: the
    amended charter is the one the board adopted on or after the review, never an older one."""
    if version is None or reviewed_on is None or version.adopted_on >= reviewed_on:
        return None
    return (
        f"'{version.label}' was adopted on {day_words(version.adopted_on)}, before this review of "
        f"{day_words(reviewed_on)}: an amended charter is the version adopted on or after the "
        "review. Record the new version first (the committee's charter versions), then choose it."
    )


class CharterReview(models.Model):
    """The committee reviewed its charter's adequacy on a day, at a meeting or by written
    consent, and kept it, amended it or recommended amendments to the board."""

    class HeldAt(models.TextChoices):
        MEETING = "meeting", "At a meeting"
        WRITTEN_CONSENT = "written_consent", "By written consent"

    class Outcome(models.TextChoices):
        NO_CHANGE = "no_change", "No change"
        AMENDED = "amended", "Amended"
        RECOMMENDED = "recommended", "Amendments recommended to the board"

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="charter_reviews"
    )
    reviewed_on = models.DateField()
    held_at = models.CharField(max_length=20, choices=HeldAt.choices)
    held_at_reference = models.CharField(
        max_length=200,
        help_text="Which meeting or consent, e.g. 'Audit Committee meeting of 12 February 2026'.",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    summary = models.TextField(blank=True, help_text="What the committee considered and decided.")
    new_charter_version = models.ForeignKey(
        CharterVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The amended charter, when the outcome is 'amended'.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-reviewed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "reviewed_on"],
                name="one_charter_review_per_day",
                violation_error_message=(
                    "A charter review of that day is already recorded for this committee."
                ),
            ),
            # An amended charter names its new version; any other outcome names none.
            models.CheckConstraint(
                condition=(Q(outcome="amended") & Q(new_charter_version__isnull=False))
                | (~Q(outcome="amended") & Q(new_charter_version__isnull=True)),
                name="charter_review_version_iff_amended",
                violation_error_message=(
                    "An amended charter names its new version, and any other outcome names none: "
                    "choose the version for 'Amended', or leave it empty."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(held_at_reference=""),
                name="charter_review_names_where",
                violation_error_message="Say which meeting or written consent the review was at.",
            ),
        ]

    def __str__(self):
        return f"{self.committee} charter review of {day_words(self.reviewed_on)}"

    def get_absolute_url(self) -> str:
        url = reverse("committees:duties", args=[self.committee.slug])
        return f"{url}#charter-review-{self.pk}"

    def clean(self):
        validate_not_future(self.reviewed_on, "reviewed_on", "A charter review")
        if self.held_at_reference is not None and not self.held_at_reference.strip():
            raise ValidationError(
                {"held_at_reference": "Say which meeting or written consent the review was at."}
            )
        if self.outcome == self.Outcome.AMENDED:
            if self.new_charter_version_id is None:
                raise ValidationError(
                    {
                        "new_charter_version": "An amended charter needs its new version: the "
                        "secretary records it first, then choose it here."
                    }
                )
            if self.committee_id and self.new_charter_version.committee_id != self.committee_id:
                raise ValidationError(
                    {"new_charter_version": "That charter version belongs to another committee."}
                )
            stale = amended_version_problem(self.new_charter_version, self.reviewed_on)
            if stale:
                raise ValidationError({"new_charter_version": stale})
        elif self.new_charter_version_id is not None:
            raise ValidationError(
                {
                    "new_charter_version": "Only an amended charter has a new version; leave it "
                    "empty or choose the outcome 'Amended'."
                }
            )


class Questionnaire(models.Model):
    """The annual self-evaluation (Charter: Responsibilities 7): questions the secretary sets,
    answered by each member in the portal while it is open."""

    class Purpose(models.TextChoices):
        SELF_EVALUATION = "self_evaluation", "Committee self-evaluation"
        # Charter: Responsibilities 1: the committee evaluates the independent auditor.
        AUDITOR_EVALUATION = "auditor_evaluation", "Evaluation of the independent auditor"

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="questionnaires"
    )
    title = models.CharField(max_length=200)
    purpose = models.CharField(
        max_length=20,
        choices=Purpose.choices,
        default=Purpose.SELF_EVALUATION,
        help_text="What the members evaluate: the committee itself, or the independent auditor.",
    )
    fiscal_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="The fiscal year the evaluation covers.",
    )
    opens_on = models.DateField()
    closes_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-opens_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "title"],
                name="one_questionnaire_title",
                violation_error_message=(
                    "This committee already has a questionnaire with that title; choose another "
                    "title."
                ),
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="questionnaire_closes_after_it_opens",
                violation_error_message=(
                    "A questionnaire cannot close before it opens; correct the closing date."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.committee})"

    def get_absolute_url(self) -> str:
        return reverse("committees:evaluation", args=[self.committee.slug, self.pk])

    def is_open_on(self, day: datetime.date) -> bool:
        return self.opens_on <= day <= self.closes_on

    def clean(self):
        validate_period(self.opens_on, self.closes_on, end_field="closes_on")


class Question(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", f"Rating from {RATING_MIN} to {RATING_MAX}"
        TEXT = "text", "Free text"

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(default=1)
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RATING)
    required = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["questionnaire", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "order"],
                name="one_question_per_order",
                violation_error_message=(
                    "Two questions have the same number; give each question its own number."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="question_has_text",
                violation_error_message="A question needs its text.",
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.text[:80]}"

    @property
    def is_rating(self) -> bool:
        return self.kind == self.Kind.RATING


class Response(models.Model):
    """One member's submitted answers. Final once submitted; confidential to the committee, and
    never shown to anyone but the account that gave them: ``user`` is stored when submitted, so
    re-linking the director to another account later never opens the answers to that account.
    ``director`` is whose seat the answers count for (completion)."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    director = models.ForeignKey(
        Director, on_delete=models.PROTECT, related_name="evaluation_responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The account that submitted the answers: the only one that may read them.",
    )
    submitted_on = models.DateField(help_text="The day it was submitted.")
    submitted_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["questionnaire", "submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "director"],
                name="one_response_per_member",
                violation_error_message=(
                    "This member has already answered this questionnaire; answers are final once "
                    "submitted."
                ),
            )
        ]

    def __str__(self):
        return f"Response of {self.director} to {self.questionnaire}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)],
    )
    text = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["response", "question__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                name="one_answer_per_question",
                violation_error_message="This question is already answered in this response.",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True)
                | Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="answer_rating_in_range",
                violation_error_message=("Choose a rating from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(text=""),
                name="answer_rating_or_text",
                violation_error_message="An answer is a rating or a text, not both.",
            ),
        ]

    def __str__(self):
        return f"Answer to question {self.question_id}"

    def clean(self):
        if not self.question_id:
            return
        question = self.question
        if self.response_id and question.questionnaire_id != self.response.questionnaire_id:
            raise ValidationError("That question belongs to another questionnaire.")
        if question.is_rating:
            if self.text:
                raise ValidationError({"text": "This question takes a rating, not text."})
            if self.rating is None and question.required:
                raise ValidationError(
                    {"rating": f"Choose a rating from {RATING_MIN} to {RATING_MAX}."}
                )
        else:
            if self.rating is not None:
                raise ValidationError({"rating": "This question takes a written answer."})
            if question.required and not self.text.strip():
                raise ValidationError({"text": "This question needs an answer."})


class AdvisorEngagement(models.Model):
    """Independent counsel or another advisor the committee engaged, paid by the company
    (Charter: Responsibilities 6)."""

    class Kind(models.TextChoices):
        LEGAL_COUNSEL = "legal_counsel", "Legal counsel"
        ACCOUNTING = "accounting", "Accounting advisor"
        COMPENSATION_CONSULTANT = "compensation_consultant", "Compensation consultant"
        OTHER = "other", "Other advisor"

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="advisor_engagements"
    )
    name = models.CharField(max_length=200, help_text="The advisor (a person or the team).")
    firm = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    purpose = models.TextField()
    engaged_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    fee_budget = models.DecimalField(
        max_digits=14, decimal_places=2, validators=[non_negative], help_text="US dollars."
    )
    approved_by_committee_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-engaged_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fee_budget__gte=0),
                name="advisor_budget_not_negative",
                violation_error_message="A fee budget cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("engaged_on")),
                name="advisor_engagement_ends_after_start",
                violation_error_message=(
                    "An engagement cannot end before it began; correct the end date."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(purpose=""),
                name="advisor_engagement_purpose",
                violation_error_message="Say what the advisor was engaged for.",
            ),
        ]

    def __str__(self):
        firm = f", {self.firm}" if self.firm else ""
        return f"{self.name}{firm} ({self.committee})"

    def is_over_budget(self, paid: Decimal) -> bool:
        return paid > self.fee_budget

    def clean(self):
        validate_period(self.engaged_on, self.ended_on, end_field="ended_on")
        validate_not_future(
            self.approved_by_committee_on, "approved_by_committee_on", "The committee's approval"
        )
        if self.purpose is not None and not self.purpose.strip():
            raise ValidationError({"purpose": "Say what the advisor was engaged for."})


class AdvisorPayment(models.Model):
    engagement = models.ForeignKey(
        AdvisorEngagement, on_delete=models.PROTECT, related_name="payments"
    )
    paid_on = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2, validators=[non_negative])
    description = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="advisor_payment_not_negative",
                violation_error_message="A payment cannot be negative.",
            )
        ]

    def __str__(self):
        return f"{self.amount} paid on {day_words(self.paid_on)} to {self.engagement.name}"

    def clean(self):
        validate_not_future(self.paid_on, "paid_on", "A payment")
        if self.paid_on and self.engagement_id and self.paid_on < self.engagement.engaged_on:
            raise ValidationError(
                {
                    "paid_on": "A payment cannot come before the advisor was engaged "
                    f"({day_words(self.engagement.engaged_on)})."
                }
            )
