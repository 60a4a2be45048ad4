"""What the auditor tells the committee: written independence and quality-control
communications, the AS 1301 matters, and the committee's report drawn from them."""

from django.db import models
from simple_history.models import HistoricalRecords

from auditors.models.firms import AuditFirm, Engagement
from files.fields import PrivateFileField


class Communication(models.Model):
    """A written communication from the firm, received and discussed."""

    class Kind(models.TextChoices):
        RELATIONSHIPS = (
            "relationships",
            "Relationships bearing on independence, before a first engagement (PCAOB 3526(a))",
        )
        INDEPENDENCE = "independence", "Annual independence letter (PCAOB 3526(b))"
        QUALITY_CONTROL = "quality_control", "Quality-control and inspection report"

    committee = models.ForeignKey(
        "committees.Committee", on_delete=models.PROTECT, related_name="auditor_communications"
    )
    firm = models.ForeignKey(AuditFirm, on_delete=models.PROTECT, related_name="communications")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    received_on = models.DateField()
    document = PrivateFileField(kind="auditors.communication", blank=True)
    states_independent = models.BooleanField(
        "the firm states it is independent", null=True, blank=True
    )
    discussed_at = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="auditor_communications",
    )
    discussion = models.TextField("the discussion documented", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-received_on"]

    def __str__(self):
        return f"{self.get_kind_display()}, received {self.received_on}"


class As1301Topic(models.TextChoices):
    STRATEGY = "strategy", "Audit strategy, timing and significant risks"
    POLICIES = "policies", "Critical accounting policies and estimates"
    UNUSUAL = "unusual", "Significant unusual transactions"
    QUALITY = "quality", "Quality of the company's financial reporting"
    CONSULTED = "consulted", "Difficult or contentious matters the auditor consulted on"
    OTHER_ACCOUNTANTS = "other_accountants", "Management's consultations with other accountants"
    GOING_CONCERN = "going_concern", "Going concern"
    MISSTATEMENTS = "misstatements", "Uncorrected and corrected misstatements"
    WRITTEN = "written", "Other material written communications"
    DEPARTURES = "departures", "Departures from the auditor's standard report"
    DISAGREEMENTS = "disagreements", "Disagreements with management"
    DIFFICULTIES = "difficulties", "Significant difficulties in performing the audit"


class As1301Item(models.Model):
    """One AS 1301 matter communicated for a fiscal year's audit."""

    class Form(models.TextChoices):
        ORAL = "oral", "Orally"
        WRITTEN = "written", "In writing"

    engagement = models.ForeignKey(
        Engagement, on_delete=models.PROTECT, related_name="as1301_items"
    )
    topic = models.CharField(max_length=20, choices=As1301Topic.choices)
    communicated_on = models.DateField()
    form = models.CharField(max_length=8, choices=Form.choices)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="as1301_items",
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "topic"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "topic"],
                name="one_as1301_item_per_topic",
                violation_error_message="This matter is already recorded for the year; change "
                "that entry instead.",
            )
        ]

    def __str__(self):
        return self.get_topic_display()


class StatementsReview(models.Model):
    """The committee's review of a fiscal year's audited statements with management and the
    auditor, and its recommendation to the board to include them in the annual report
    (Charter: Responsibilities 3; two of the report's four facts, S-K 407(d)(3))."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.PROTECT, related_name="statements_review"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="statement_reviews",
        help_text="The meeting at which the committee reviewed and discussed the audited "
        "statements with management and the auditor.",
    )
    recommends_inclusion = models.BooleanField(
        "recommends including them in the annual report", default=False
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"Review of the fiscal year {self.engagement.fiscal_year} statements"


class CommitteeReport(models.Model):
    """The audit committee report for the proxy statement (S-K 407(d)(3)) for one fiscal year:
    drafted only once its four facts are recorded, signed by the members serving on its date."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.PROTECT, related_name="committee_report"
    )
    dated = models.DateField("date of the report")
    signers = models.ManyToManyField("committees.Director", related_name="+", blank=True)
    text = models.TextField(help_text="The report as signed.")
    history = HistoricalRecords()

    def __str__(self):
        return f"Audit committee report, fiscal year {self.engagement.fiscal_year}"
