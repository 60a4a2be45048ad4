"""The audit firm, its engagement for each fiscal year, its partners on the engagement, and the
former members of its audit team the company hires."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from auditors.models.common import money_field
from files.fields import PrivateFileField

# Two years of full-time work: more hours than that on one audit is a typing mistake.
MOST_HOURS_ON_AUDIT = 5000


class AuditFirm(models.Model):
    name = models.CharField(max_length=200, unique=True)
    pcaob_id = models.CharField("PCAOB firm ID", max_length=20, blank=True)
    office = models.CharField(max_length=200, blank=True, help_text="The office that audits.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Engagement(models.Model):
    """The firm engaged to audit one fiscal year. The approved audit fee is the committee
    setting the firm's compensation (Charter: Responsibilities 1)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        APPROVED = "approved", "Approved by the committee"
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        TERMINATED = "terminated", "Terminated"

    committee = models.ForeignKey(
        "committees.Committee", on_delete=models.PROTECT, related_name="engagements"
    )
    firm = models.ForeignKey(AuditFirm, on_delete=models.PROTECT, related_name="engagements")
    fiscal_year = models.PositiveSmallIntegerField(help_text="The fiscal year audited.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    approved_at = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements_approved",
        help_text="The committee meeting that approved the engagement.",
    )
    approved_on = models.DateField(null=True, blank=True)
    audit_fee = money_field("approved audit fee", null=True, blank=True)
    letter = PrivateFileField(kind="auditors.engagement_letter", blank=True)
    procedures_begin_on = models.DateField(
        "audit procedures begin",
        null=True,
        blank=True,
        help_text="The first day of audit procedures (fieldwork) for the year.",
    )
    report_issued_on = models.DateField(
        "audit report issued",
        null=True,
        blank=True,
        help_text="The day the audit report was issued: the audit is completed.",
    )
    ratified_on = models.DateField("stockholders' vote", null=True, blank=True)
    votes_for = models.PositiveBigIntegerField(null=True, blank=True)
    votes_against = models.PositiveBigIntegerField(null=True, blank=True)
    votes_abstaining = models.PositiveBigIntegerField(null=True, blank=True)
    terminated_on = models.DateField(null=True, blank=True)
    termination_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-fiscal_year"]
        indexes = [
            # The committee's engagement of a year, terminated ones included (the partial unique
            # constraint serves only live ones).
            models.Index(fields=["committee", "fiscal_year"], name="engagement_committee_year"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "fiscal_year"],
                condition=~Q(status="terminated"),
                name="one_live_engagement_per_year",
                violation_error_message="The committee already has an engagement for that "
                "fiscal year; terminate it before engaging another firm.",
            ),
        ]

    def __str__(self):
        return f"{self.firm}, fiscal year {self.fiscal_year}"

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.TERMINATED

    def clean(self):
        """The record is whole for its status: an approved engagement names its meeting, day and
        fee; a completed one its report day; a terminated one its day and reason; the days run
        in order (Charter: Responsibilities 1)."""
        errors = {}
        if self.fiscal_year is not None and not 1900 <= self.fiscal_year <= 2100:
            errors["fiscal_year"] = "Enter the fiscal year audited as four digits, such as 2026."
        decided = {self.Status.APPROVED, self.Status.ACTIVE, self.Status.COMPLETED}
        if self.status in decided:
            if self.approved_at_id is None or self.approved_on is None:
                errors["approved_at"] = (
                    "An approved engagement names the committee meeting that approved it."
                )
            if self.audit_fee is None:
                errors["audit_fee"] = "The committee sets the audit fee when it approves."
        if self.status == self.Status.COMPLETED and self.report_issued_on is None:
            errors["report_issued_on"] = "A completed audit has the day its report was issued."
        if self.status == self.Status.TERMINATED:
            if self.terminated_on is None:
                errors["terminated_on"] = "Give the day the engagement was terminated."
            if not (self.termination_reason or "").strip():
                errors["termination_reason"] = "Say why the engagement was terminated."
        # The days follow each other: approval, fieldwork, the report.
        begin, approved = self.procedures_begin_on, self.approved_on
        if begin and approved and begin < approved:
            errors["procedures_begin_on"] = (
                "Audit procedures cannot begin before the committee approved the engagement "
                "(Charter: Responsibilities 1)."
            )
        issued = self.report_issued_on
        if issued and begin and issued < begin:
            errors["report_issued_on"] = (
                "The audit report cannot be issued before audit procedures began."
            )
        if self.terminated_on and self.approved_on and self.terminated_on < self.approved_on:
            errors["terminated_on"] = "An engagement cannot end before it was approved."
        votes = (self.votes_for, self.votes_against, self.votes_abstaining)
        if self.ratified_on is None and any(v is not None for v in votes):
            errors["ratified_on"] = "Give the day of the stockholders' vote."
        if self.ratified_on is not None and any(v is None for v in votes[:2]):
            errors["votes_for"] = "Give the votes for and against (abstentions may be zero)."
        if errors:
            raise ValidationError(errors)


class AuditPartner(models.Model):
    firm = models.ForeignKey(AuditFirm, on_delete=models.PROTECT, related_name="partners")
    full_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["firm", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["firm", "full_name"],
                name="one_partner_per_name",
                violation_error_message="The firm already has a partner of that name.",
            )
        ]

    def __str__(self):
        return self.full_name


class PartnerAssignment(models.Model):
    """A partner's role on one fiscal year's audit (S-X 2-01(c)(6))."""

    class Role(models.TextChoices):
        LEAD = "lead", "Lead partner"
        CONCURRING = "concurring", "Concurring (quality review) partner"
        OTHER = "other", "Other audit partner"

    engagement = models.ForeignKey(
        Engagement, on_delete=models.PROTECT, related_name="partner_assignments"
    )
    partner = models.ForeignKey(AuditPartner, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(max_length=12, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "role", "partner__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "partner"],
                name="one_role_per_partner_per_year",
                violation_error_message="This partner already has a role on this year's audit.",
            ),
            models.UniqueConstraint(
                fields=["engagement", "role"],
                condition=Q(role__in=["lead", "concurring"]),
                name="one_lead_and_one_concurring_per_year",
                violation_error_message="This year's audit already has a partner in that role.",
            ),
        ]

    def __str__(self):
        year = self.engagement.fiscal_year
        return f"{self.partner}: {self.get_role_display()}, fiscal year {year}"

    def clean(self):
        """A partner of the firm engaged, on a live engagement, within the rotation limits
        (S-X 2-01(c)(6)); the admin's form refuses what the portal's form refuses."""
        if not (self.engagement_id and self.partner_id and self.role):
            return
        from auditors.rotation import assignment_breach, history_of

        engagement, partner = self.engagement, self.partner
        if not engagement.is_live:
            raise ValidationError(
                {
                    "engagement": f"The engagement for fiscal year {engagement.fiscal_year} is "
                    "terminated; assign partners to the live engagement of that year."
                }
            )
        if partner.firm_id != engagement.firm_id:
            raise ValidationError(
                {
                    "partner": f"{partner} is a partner of {partner.firm}, not of "
                    f"{engagement.firm}, the firm engaged for fiscal year "
                    f"{engagement.fiscal_year}."
                }
            )
        entry = history_of(engagement.committee_id, partner_id=partner.pk).get(partner.pk)
        years = dict(entry.years) if entry else {}
        if self.pk:
            years = {
                year: role for year, role in years.items() if entry.assignments[year].pk != self.pk
            }
        breach = assignment_breach(partner, years, engagement.fiscal_year, self.role)
        if breach is not None:
            raise ValidationError({"partner": breach.message()})


class FormerStaffHire(models.Model):
    """A former member of the audit engagement team hired by the company: in a financial
    reporting oversight role within the cooling-off year, independence is impaired
    (S-X 2-01(c)(2)(iii)(B))."""

    committee = models.ForeignKey(
        "committees.Committee", on_delete=models.PROTECT, related_name="former_staff_hires"
    )
    firm = models.ForeignKey(AuditFirm, on_delete=models.PROTECT, related_name="former_staff")
    full_name = models.CharField(max_length=200)
    company_role = models.CharField("role at the company", max_length=200)
    oversight_role = models.BooleanField(
        "financial reporting oversight role",
        help_text="A role with influence over the financial statements or those who prepare "
        "them (such as CFO, controller, chief accounting officer).",
    )
    hired_on = models.DateField()
    last_on_audit_on = models.DateField(
        "last day on the audit team", help_text="The last day they worked on the company's audit."
    )
    hours_on_audit = models.PositiveIntegerField(
        "hours on the audit", help_text="Hours they worked on the audit in the period checked."
    )
    was_lead_or_concurring = models.BooleanField("lead or concurring partner", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-hired_on"]

    def __str__(self):
        return f"{self.full_name} ({self.company_role})"

    def clean(self):
        """The facts the cooling-off check (S-X 2-01(c)(2)(iii)(B)) reads must be possible."""
        if self.hired_on and self.last_on_audit_on and self.last_on_audit_on > self.hired_on:
            raise ValidationError(
                {
                    "last_on_audit_on": "The last day on the audit team cannot be after the "
                    "hire day: someone employed by the company no longer works on its audit. "
                    "Check both dates."
                }
            )
        if self.hours_on_audit is not None and self.hours_on_audit > MOST_HOURS_ON_AUDIT:
            raise ValidationError(
                {
                    "hours_on_audit": f"More than {MOST_HOURS_ON_AUDIT:,} hours is not plausible "
                    "for one person on one audit; check the figure."
                }
            )
