"""Pre-approval (S-X 2-01(c)(7)): the committee's policies, the members it delegates to, each
service the company asks the auditor for and how it was decided, and the fees billed."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from auditors.models.common import money_field
from auditors.models.firms import Engagement
from auditors.services_catalogue import (
    CATEGORY_OF,
    CONTINGENT_RULE,
    PREAPPROVAL_RULE,
    Category,
    Nature,
    is_prohibited,
    prohibited_reason,
)
from files.fields import PrivateFileField


class PreApprovalPolicy(models.Model):
    """A version of the committee's pre-approval policy, approved at a meeting, in force for its
    effective period."""

    committee = models.ForeignKey(
        "committees.Committee", on_delete=models.PROTECT, related_name="preapproval_policies"
    )
    version = models.PositiveSmallIntegerField()
    effective_from = models.DateField()
    effective_to = models.DateField()
    approved_at = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="preapproval_policies",
        help_text="The committee meeting that approved this version.",
    )
    summary = models.TextField(
        help_text="How the policy works, in the words the proxy statement will use."
    )
    document = PrivateFileField(kind="auditors.policy", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-effective_from", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "version"],
                name="one_policy_per_version",
                violation_error_message="This committee already has a policy of that version.",
            ),
            models.CheckConstraint(
                condition=Q(effective_to__gte=models.F("effective_from")),
                name="policy_ends_after_it_starts",
                violation_error_message="A policy cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"Pre-approval policy v{self.version} ({self.effective_from} to {self.effective_to})"

    def in_force_on(self, day) -> bool:
        return self.effective_from <= day <= self.effective_to

    def clean(self):
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError(
                {"effective_to": "The policy cannot end before it starts; check the two dates."}
            )
        if (
            self.effective_from
            and self.approved_at_id
            and self.approved_at.day > self.effective_from
        ):
            # S-X 2-01(c)(7): a service is approved before the auditor is engaged for it, so the
            # policy is approved before it takes effect.
            raise ValidationError(
                {
                    "approved_at": "The policy must be approved on or before the day it takes "
                    f"effect ({PREAPPROVAL_RULE}); choose a meeting held by then, or start the "
                    "policy later."
                }
            )


# Words that name a kind of service without naming one (S-X 2-01(c)(7): a category alone is not
# a policy). A policy line with nothing else in its name is refused as too broad.
BROAD_WORDS = frozenset(
    [
        "a",
        "all",
        "an",
        "and",
        "any",
        "audit",
        "audits",
        "auditing",
        "assurance",
        "attest",
        "category",
        "consulting",
        "fee",
        "fees",
        "general",
        "miscellaneous",
        "misc",
        "non",
        "nonaudit",
        "of",
        "or",
        "other",
        "others",
        "permitted",
        "related",
        "services",
        "service",
        "tax",
        "taxes",
        "the",
        "various",
        "work",
    ]
)


def too_broad(service: str) -> bool:
    """Whether ``service`` names only a category ("tax services", "all other", "audit-related")
    rather than a specific service."""
    words = re.findall(r"[a-z0-9]+", (service or "").lower())
    return not [word for word in words if word not in BROAD_WORDS]


class PolicyLine(models.Model):
    """One specific service the policy approves in advance, up to its cap. A category or a cap
    alone is too broad to be a policy (S-X 2-01(c)(7))."""

    policy = models.ForeignKey(PreApprovalPolicy, on_delete=models.PROTECT, related_name="lines")
    service = models.CharField(
        max_length=300, help_text="The specific service, as the firm names it."
    )
    nature = models.CharField(max_length=20, choices=Nature.choices)
    category = models.CharField(max_length=16, choices=Category.choices)
    cap = money_field("fee cap")
    history = HistoricalRecords()

    class Meta:
        ordering = ["policy", "category", "service"]

    def __str__(self):
        return f"{self.service} (cap {self.cap})"

    def clean(self):
        errors = {}
        if too_broad(self.service):
            errors["service"] = (
                "Name the specific service (for example “federal and state income tax return "
                "preparation”): a category alone is too broad to be pre-approved "
                f"({PREAPPROVAL_RULE})."
            )
        if self.nature and is_prohibited(self.nature):
            errors["nature"] = prohibited_reason(self.nature)
        elif (
            self.nature in CATEGORY_OF
            and self.category
            and CATEGORY_OF[self.nature] != self.category
        ):
            errors["category"] = (
                f"{Nature(self.nature).label} is reported as "
                f"{Category(CATEGORY_OF[self.nature]).label.lower()}; choose that category."
            )
        if self.cap is None or self.cap <= 0:
            errors["cap"] = (
                "Give the line a fee cap above zero: a service with no cap is too broad to be "
                f"pre-approved ({PREAPPROVAL_RULE})."
            )
        if errors:
            raise ValidationError(errors)


class Delegation(models.Model):
    """The committee's delegation of pre-approval to one independent member between meetings
    (SOX 202), up to a fee per service."""

    committee = models.ForeignKey(
        "committees.Committee", on_delete=models.PROTECT, related_name="preapproval_delegations"
    )
    director = models.ForeignKey(
        "committees.Director", on_delete=models.PROTECT, related_name="preapproval_delegations"
    )
    granted_at = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, related_name="preapproval_delegations"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Empty: until revoked.")
    fee_limit = money_field("largest fee per service")
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-starts_on"]

    def __str__(self):
        return f"{self.director}: up to {self.fee_limit} per service"

    def in_force_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The delegation cannot end before it starts."
        if self.fee_limit is not None and self.fee_limit <= 0:
            errors["fee_limit"] = "Give the largest fee per service the member may approve."
        if self.starts_on and self.granted_at_id and self.granted_at.day > self.starts_on:
            errors["starts_on"] = "The delegation cannot start before the meeting that grants it."
        if errors:
            raise ValidationError(errors)


class ServiceRequest(models.Model):
    """A service the company asks the auditor for, and its decision. A service found to have
    been provided without pre-approval is recorded here too (``route`` de minimis)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting approval"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Route(models.TextChoices):
        POLICY = "policy", "Under the pre-approval policy"
        DELEGATE = "delegate", "By the delegated member"
        COMMITTEE = "committee", "By the committee at a meeting"
        DE_MINIMIS = "de_minimis", "Not pre-approved (de minimis)"

    committee = models.ForeignKey(
        "committees.Committee", on_delete=models.PROTECT, related_name="service_requests"
    )
    engagement = models.ForeignKey(
        Engagement, on_delete=models.PROTECT, related_name="service_requests"
    )
    service = models.CharField(max_length=300)
    nature = models.CharField(max_length=20, choices=Nature.choices)
    category = models.CharField(max_length=16, choices=Category.choices)
    estimated_fee = money_field("estimated fee")
    starts_on = models.DateField("planned start")
    firm_description = models.TextField(
        "the firm's description",
        blank=True,
        help_text="The firm's written description of the service: its scope, the fee "
        "structure, and any side or referral agreement.",
    )
    description_document = PrivateFileField(kind="auditors.request_document", blank=True)
    for_oversight_person = models.BooleanField(
        "for a person in a financial reporting oversight role",
        default=False,
        help_text="Tax services for such a person (or their immediate family) are refused.",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    route = models.CharField(max_length=12, choices=Route.choices, blank=True)
    policy_line = models.ForeignKey(
        PolicyLine, null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    delegation = models.ForeignKey(
        Delegation, null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    approved_at = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_approvals",
    )
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refusal_rule = models.CharField(max_length=40, blank=True)
    refusal_reason = models.TextField(blank=True)
    started_on = models.DateField(
        "actual start", null=True, blank=True, help_text="The day the firm began the service."
    )
    independence_discussed_on = models.DateField(null=True, blank=True)
    independence_discussion = models.TextField(
        blank=True, help_text="What the committee and the firm discussed of its independence."
    )
    # Reported to the full committee at its next meeting (policy uses and delegated decisions).
    reported_at = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_services",
    )
    # De minimis (S-X 2-01(c)(7)(i)(C)): a service found not to have been pre-approved.
    found_on = models.DateField(null=True, blank=True)
    recognized_at_engagement = models.BooleanField(
        "recognized as non-audit when engaged", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-requested_at"]
        indexes = [
            # The requests list and the year's pending requests, 50,000 at scale.
            models.Index(
                fields=["committee", "status", "requested_at"], name="request_committee_status"
            ),
        ]

    def __str__(self):
        return f"{self.service} ({self.get_status_display().lower()})"

    @property
    def needs_description(self) -> bool:
        """Tax and internal-control services (PCAOB 3524, 3525)."""
        from auditors.services_catalogue import NEEDS_DESCRIPTION

        return self.nature in NEEDS_DESCRIPTION

    def clean(self):
        errors = {}
        prohibited = bool(self.nature) and is_prohibited(self.nature)
        if (
            not prohibited
            and self.nature in CATEGORY_OF
            and self.category
            and CATEGORY_OF[self.nature] != self.category
        ):
            errors["category"] = (
                f"{Nature(self.nature).label} is reported as "
                f"{Category(CATEGORY_OF[self.nature]).label.lower()}; choose that category."
            )
        if self.status == self.Status.APPROVED and prohibited:
            errors["nature"] = prohibited_reason(self.nature)
        # S-X 2-01(c)(7): a pre-approved service never starts before its approval. A de minimis
        # service is by definition one found after it was provided.
        if self.route != self.Route.DE_MINIMIS and self.status == self.Status.APPROVED:
            if self.decided_on and self.starts_on and self.decided_on > self.starts_on:
                errors["starts_on"] = (
                    f"The service is planned to start before its approval ({PREAPPROVAL_RULE}); "
                    "move the start date."
                )
            if self.started_on and self.decided_on and self.started_on < self.decided_on:
                errors["started_on"] = (
                    "A service cannot start before it is approved; the approval is dated "
                    f"{self.decided_on:%-d %B %Y}."
                )
        if (
            self.started_on
            and self.status != self.Status.APPROVED
            and (self.route != self.Route.DE_MINIMIS)
        ):
            errors["started_on"] = "Only an approved service can start."
        if errors:
            raise ValidationError(errors)


class Fee(models.Model):
    """A fee of the auditor's for a fiscal year, billed or expected, and what approved it."""

    class Basis(models.TextChoices):
        FIXED = "fixed", "Fixed fee"
        HOURLY = "hourly", "Hourly rates"
        CONTINGENT = "contingent", "Contingent fee or commission"

    class State(models.TextChoices):
        EXPECTED = "expected", "Expected"
        BILLED = "billed", "Billed"

    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="fees")
    service = models.CharField(max_length=300)
    category = models.CharField(max_length=16, choices=Category.choices)
    amount = money_field("amount")
    state = models.CharField(max_length=10, choices=State.choices, default=State.BILLED)
    basis = models.CharField(max_length=12, choices=Basis.choices, default=Basis.FIXED)
    request = models.ForeignKey(
        ServiceRequest,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fees",
        help_text="The approved service this fee is for. Empty: the audit itself, approved "
        "with the engagement.",
    )
    recorded_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "category", "service"]
        indexes = [
            # The year's sums by category and state (the overview, the fee table).
            models.Index(
                fields=["engagement", "category", "state"], name="fee_engagement_category"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(basis="contingent"),
                name="no_contingent_fee",
                violation_error_message="The auditor may not charge a contingent fee or a "
                "commission (S-X 2-01(c)(5)); record the fee on a fixed or hourly basis.",
            ),
        ]

    def __str__(self):
        return f"{self.service}: {self.amount}"

    def clean(self):
        errors = {}
        if self.basis == self.Basis.CONTINGENT:
            errors["basis"] = (
                f"The auditor may not charge a contingent fee or a commission ({CONTINGENT_RULE}); "
                "record the fee on a fixed or hourly basis."
            )
        request = self.request if self.request_id else None
        if request is not None:
            if self.engagement_id and request.engagement_id != self.engagement_id:
                errors["request"] = "That service was approved for another year's engagement."
            elif request.route == ServiceRequest.Route.DE_MINIMIS:
                pass  # recorded as not pre-approved: the de minimis test decides its fate
            elif request.status != ServiceRequest.Status.APPROVED:
                errors["request"] = (
                    f"“{request.service}” is {request.get_status_display().lower()}, not approved; "
                    "a fee rests on an approved service."
                )
            if self.category and request.category and request.category != self.category:
                errors["category"] = (
                    f"The approved service is in {request.get_category_display().lower()}; "
                    "record its fee in the same category."
                )
        elif self.category and self.category != Category.AUDIT:
            errors["request"] = (
                "A fee for a service other than the audit rests on its approval: choose the "
                f"approved request ({PREAPPROVAL_RULE}), or record the service as not "
                "pre-approved (de minimis) first."
            )
        if errors:
            raise ValidationError(errors)
