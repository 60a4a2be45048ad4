"""The board's dated findings about each director. Each kind keeps its full history: the finding
in force on a date is the latest one made on or before it."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from committees.models.committees import Committee
from committees.models.common import non_negative, validate_not_future
from committees.models.directors import Director
from deadlines.wording import day_words


class DeterminationQuerySet(models.QuerySet):
    def in_force_on(self, as_of: datetime.date):
        return self.filter(determined_on__lte=as_of).order_by("-determined_on", "-pk")


class Determination(models.Model):
    director = models.ForeignKey(Director, on_delete=models.PROTECT, related_name="+")
    determined_on = models.DateField(help_text="Date of the board's finding.")
    board_resolution = models.CharField(
        max_length=200, blank=True, help_text="Meeting or written consent where the board decided."
    )
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = DeterminationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-determined_on", "-pk"]
        get_latest_by = ["determined_on", "pk"]

    def clean(self):
        validate_not_future(self.determined_on, "determined_on", "A board determination")


class IndependenceDetermination(Determination):
    """Independence under Nasdaq 5605(a)(2) and, for audit committee service, Rule 10A-3(b)(1)."""

    director = models.ForeignKey(
        Director, on_delete=models.PROTECT, related_name="independence_determinations"
    )
    is_independent = models.BooleanField(
        help_text="The board affirmatively finds no relationship that would interfere with "
        "independent judgment."
    )
    no_compensatory_fees = models.BooleanField(
        default=True, help_text="Rule 10A-3: accepts no consulting, advisory or other fee."
    )
    is_affiliated_person = models.BooleanField(
        default=False, help_text="Rule 10A-3: the board finds the director an affiliated person."
    )
    voting_equity_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[non_negative, MaxValueValidator(100)],
        help_text="Largest holding of any class of the company's voting equity, in percent.",
    )
    bright_line_snapshot = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The bright-line tests as computed from the facts when this was recorded.",
    )
    history = HistoricalRecords()

    class Meta(Determination.Meta):
        verbose_name = "independence determination"
        # The finding in force per director: the newest by date, then pk (compliance.facts).
        indexes = [
            models.Index(fields=["director", "-determined_on", "-id"], name="indep_in_force_idx")
        ]

    def __str__(self):
        finding = "independent" if self.is_independent else "not independent"
        return f"{self.director}: {finding} ({day_words(self.determined_on)})"


class LiteracyDetermination(Determination):
    """Able to read and understand basic financial statements (5605(c)(2)(A))."""

    director = models.ForeignKey(
        Director, on_delete=models.PROTECT, related_name="literacy_determinations"
    )
    is_financially_literate = models.BooleanField()
    history = HistoricalRecords()

    class Meta(Determination.Meta):
        verbose_name = "financial literacy determination"
        # The finding in force per director: the newest by date, then pk (compliance.facts).
        indexes = [
            models.Index(fields=["director", "-determined_on", "-id"], name="literacy_in_force_idx")
        ]

    def __str__(self):
        finding = "literate" if self.is_financially_literate else "not literate"
        return f"{self.director}: {finding} ({day_words(self.determined_on)})"


class SophisticationDetermination(Determination):
    """The basis on which a director is financially sophisticated (5605(c)(2)(A))."""

    class Basis(models.TextChoices):
        FINANCE_EMPLOYMENT = "finance_employment", "Past employment in finance or accounting"
        CERTIFICATION = "certification", "Professional certification in accounting"
        SENIOR_OFFICER = (
            "senior_officer",
            ("CEO, CFO or other senior officer with financial oversight responsibilities"),
        )
        COMPARABLE = "comparable", "Other comparable experience or background"

    director = models.ForeignKey(
        Director, on_delete=models.PROTECT, related_name="sophistication_determinations"
    )
    is_financially_sophisticated = models.BooleanField()
    basis = models.CharField(max_length=30, choices=Basis.choices, blank=True)
    basis_description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta(Determination.Meta):
        verbose_name = "financial sophistication determination"
        # The finding in force per director: the newest by date, then pk (compliance.facts).
        indexes = [
            models.Index(fields=["director", "-determined_on", "-id"], name="sophist_in_force_idx")
        ]

    def __str__(self):
        finding = "sophisticated" if self.is_financially_sophisticated else "not sophisticated"
        return f"{self.director}: {finding} ({day_words(self.determined_on)})"

    def clean(self):
        super().clean()
        if self.is_financially_sophisticated and not self.basis:
            raise ValidationError({"basis": "Record the basis of the finding."})
        if self.basis == self.Basis.COMPARABLE and not self.basis_description.strip():
            raise ValidationError({"basis_description": "Describe the comparable experience."})


class FinancialExpertDetermination(Determination):
    """Designation as an audit committee financial expert (Regulation S-K Item 407(d)(5))."""

    class Route(models.TextChoices):
        PRINCIPAL_OFFICER = (
            "a",
            (
                "(a) Principal financial or accounting officer, controller, public accountant or "
                "auditor, or similar"
            ),
        )
        SUPERVISION = "b", "(b) Actively supervising a person in such a position"
        OVERSIGHT = "c", "(c) Overseeing or assessing companies or public accountants"
        OTHER = "d", "(d) Other relevant experience (described)"

    director = models.ForeignKey(
        Director, on_delete=models.PROTECT, related_name="expert_determinations"
    )
    is_designated = models.BooleanField()
    understands_gaap = models.BooleanField("understands GAAP and financial statements")
    applies_gaap_to_estimates = models.BooleanField(
        "can assess GAAP for estimates, accruals and reserves"
    )
    statement_experience = models.BooleanField(
        "prepared, audited, analysed or evaluated comparable statements, or supervised it"
    )
    understands_internal_control = models.BooleanField(
        "understands internal control over financial reporting"
    )
    understands_committee_functions = models.BooleanField("understands audit committee functions")
    route = models.CharField(max_length=1, choices=Route.choices, blank=True)
    narrative = models.TextField(blank=True)
    history = HistoricalRecords()

    ATTRIBUTES = (
        "understands_gaap",
        "applies_gaap_to_estimates",
        "statement_experience",
        "understands_internal_control",
        "understands_committee_functions",
    )

    class Meta(Determination.Meta):
        verbose_name = "financial expert determination"
        # The finding in force per director: the newest by date, then pk (compliance.facts).
        indexes = [
            models.Index(fields=["director", "-determined_on", "-id"], name="expert_in_force_idx")
        ]

    def __str__(self):
        finding = "designated expert" if self.is_designated else "not designated"
        return f"{self.director}: {finding} ({day_words(self.determined_on)})"

    @property
    def has_all_attributes(self) -> bool:
        return all(getattr(self, name) for name in self.ATTRIBUTES)

    def clean(self):
        super().clean()
        if not self.is_designated:
            return
        if not self.has_all_attributes:
            raise ValidationError(
                "A financial expert must have all five attributes; untick 'is designated' or "
                "record the missing ones."
            )
        if not self.route:
            raise ValidationError({"route": "Record how the attributes were acquired."})
        if self.route == self.Route.OTHER and not self.narrative.strip():
            raise ValidationError({"narrative": "Route (d) needs a description of the experience."})


class ExceptionDetermination(Determination):
    """The board's use of the 5605(c)(2)(B) exception for one non-independent member."""

    director = models.ForeignKey(
        Director, on_delete=models.PROTECT, related_name="exception_determinations"
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="exception_determinations"
    )
    best_interest_finding = models.TextField(
        help_text="Why the board finds the membership required by the company's best interests."
    )
    disclosed_on = models.DateField(
        null=True, blank=True, help_text="Date the proxy or annual report disclosed the exception."
    )
    revoked_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta(Determination.Meta):
        verbose_name = "exceptional-circumstances determination"

    def __str__(self):
        finding = f"exception on {self.committee}"
        return f"{self.director}: {finding} ({day_words(self.determined_on)})"

    def clean(self):
        super().clean()
        if self.revoked_on and self.determined_on and self.revoked_on < self.determined_on:
            raise ValidationError({"revoked_on": "Cannot be revoked before it was made."})

    def is_in_force_on(self, as_of: datetime.date) -> bool:
        return self.determined_on <= as_of and (self.revoked_on is None or self.revoked_on >= as_of)
