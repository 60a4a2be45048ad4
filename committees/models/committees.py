"""Committees, their charter versions, and the roster over time."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from committees.models.common import validate_period
from committees.models.directors import Director
from deadlines.wording import day_words
from files.fields import PrivateFileField


class Committee(models.Model):
    class Kind(models.TextChoices):
        AUDIT = "audit", "Audit committee"
        COMPENSATION = "compensation", "Compensation committee"
        NOMINATING = "nominating", "Nominating and governance committee"
        OTHER = "other", "Other committee"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.AUDIT)
    # Regulation S-K Item 407(d)(5): a proxy statement that names no audit committee financial
    # expert must explain why. The explanation is the company's disclosure about this committee,
    # not a term of the board-adopted charter, so it lives here; its history keeps each version.
    no_financial_expert_explanation = models.TextField(
        "why there is no financial expert",
        blank=True,
        help_text="Audit committee only: when no member is a designated audit committee "
        "financial expert, the explanation the proxy statement gives (Regulation S-K Item "
        "407(d)(5)).",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_audit_committee(self) -> bool:
        return self.kind == self.Kind.AUDIT

    def charter_on(self, as_of: datetime.date) -> "CharterVersion | None":
        """The charter version in force on ``as_of``."""
        return (
            self.charter_versions.filter(effective_from__lte=as_of)
            .order_by("-effective_from", "-pk")
            .first()
        )


def charter_upload_path(instance, filename):
    """Kept for migration 0001 only: documents now go to the private file store (files/)."""
    return f"charters/{instance.committee.slug}/{filename}"


class CharterVersion(models.Model):
    """A charter as adopted by the board, with the numbers the portal enforces from it. Another
    company's charter differs only in these values, never in code."""

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="charter_versions"
    )
    label = models.CharField(max_length=100, help_text="For example 'Amended March 2026'.")
    adopted_on = models.DateField()
    effective_from = models.DateField()
    document = PrivateFileField(
        kind="committees.charter",
        blank=True,
        help_text="The charter as adopted, as a PDF (at most the store's size limit).",
    )
    min_members = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1)], help_text="Minimum number of members."
    )
    min_meetings_per_year = models.PositiveSmallIntegerField(
        default=4, help_text="Meetings the committee must hold each fiscal year."
    )
    executive_session_interval_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1)],
        help_text="Longest gap between executive sessions with each counterpart.",
    )
    board_report_within_days = models.PositiveSmallIntegerField(
        default=30, help_text="Days after a committee meeting by which the board gets a report."
    )
    charter_review_interval_months = models.PositiveSmallIntegerField(
        default=12, validators=[MinValueValidator(1)]
    )
    self_evaluation_interval_months = models.PositiveSmallIntegerField(
        default=12, validators=[MinValueValidator(1)]
    )
    requires_financial_expertise = models.BooleanField(
        default=True,
        help_text="The charter asks for at least one member with accounting or related "
        "financial management expertise.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "effective_from"],
                name="one_charter_version_per_start",
                violation_error_message=(
                    "This committee already has a charter version taking effect on that day; "
                    "correct that version, or choose the day this one takes effect."
                ),
            )
        ]

    def __str__(self):
        return f"{self.committee} charter: {self.label}"

    def clean(self):
        if self.adopted_on and self.effective_from and self.effective_from < self.adopted_on:
            raise ValidationError(
                {"effective_from": "A charter cannot take effect before the board adopts it."}
            )


class MembershipQuerySet(models.QuerySet):
    def active_on(self, as_of: datetime.date):
        return self.filter(start_date__lte=as_of).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=as_of)
        )


class Membership(models.Model):
    """A director's seat on a committee from ``start_date`` to ``end_date`` (inclusive)."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        MEMBER = "member", "Member"

    director = models.ForeignKey(Director, on_delete=models.PROTECT, related_name="memberships")
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField()
    end_date = models.DateField(
        null=True, blank=True, help_text="Last day on the committee; empty while serving."
    )
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["committee", "role", "start_date"]  # "chair" sorts before "member"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
                violation_error_message=(
                    "The last day on the committee cannot be before the first; correct the end "
                    "date."
                ),
            )
        ]

    def __str__(self):
        return f"{self.director} ({self.get_role_display()}, {self.committee})"

    def is_active_on(self, as_of: datetime.date) -> bool:
        return self.start_date <= as_of and (self.end_date is None or self.end_date >= as_of)

    def _overlapping(self, queryset):
        queryset = queryset.exclude(pk=self.pk).filter(committee_id=self.committee_id)
        if self.end_date is not None:
            queryset = queryset.filter(start_date__lte=self.end_date)
        return queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))

    def clean(self):
        validate_period(self.start_date, self.end_date)
        if not (self.start_date and self.committee_id and self.director_id):
            return
        clash = self._overlapping(Membership.objects.filter(director_id=self.director_id)).first()
        if clash:
            raise ValidationError(
                f"{self.director} already sits on {self.committee} from "
                f"{day_words(clash.start_date)}"
                f"{' to ' + day_words(clash.end_date) if clash.end_date else ''}; "
                "end that membership before starting another."
            )
        if self.role == self.Role.CHAIR:
            chair = self._overlapping(Membership.objects.filter(role=self.Role.CHAIR)).first()
            if chair:
                raise ValidationError(
                    {
                        "role": f"{chair.director} chairs {self.committee} from "
                        f"{day_words(chair.start_date)}"
                        f"{' to ' + day_words(chair.end_date) if chair.end_date else ''}; "
                        "a committee has one chair at a time."
                    }
                )
