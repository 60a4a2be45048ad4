"""What the auditor tells the committee: written independence and quality-control
communications, the AS 1301 matters, and the committee's report drawn from them."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from auditors.models.firms import AuditFirm, Engagement
from deadlines.wording import day_words
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
        indexes = [
            # The year's letters and reports by kind (the overview, the report's facts).
            models.Index(
                fields=["committee", "kind", "received_on"], name="communication_committee_kind"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, received {self.received_on}"

    def clean(self):
        """An independence letter says whether the firm states it is independent (PCAOB
        3526(b)); a discussion is documented with its text at a meeting of this committee, held
        on or after the day the communication was received."""
        errors = {}
        if self.kind == self.Kind.INDEPENDENCE and self.states_independent is None:
            errors["states_independent"] = (
                "Say whether the letter states that the firm is independent."
            )
        if self.kind != self.Kind.INDEPENDENCE and self.states_independent is not None:
            errors["states_independent"] = (
                "Only the annual independence letter states whether the firm is independent."
            )
        text = (self.discussion or "").strip()
        if self.discussed_at_id is not None:
            meeting = self.discussed_at
            if meeting.committee_id != self.committee_id:
                errors["discussed_at"] = "That meeting is another committee's."
            elif self.received_on and meeting.day < self.received_on:
                errors["discussed_at"] = (
                    "The discussion cannot come before the communication was received; choose "
                    "a meeting on or after that day."
                )
            if not text:
                errors["discussion"] = (
                    "Document the discussion: what the committee and the firm talked about."
                )
        elif text:
            errors["discussed_at"] = "Choose the meeting at which the discussion took place."
        if errors:
            raise ValidationError(errors)


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

    def clean(self):
        """The matter is told for this committee's audit, before its report is issued (AS 1301);
        told orally at a meeting, it is told on that meeting's day."""
        errors = {}
        engagement = self.engagement if self.engagement_id else None
        day = self.communicated_on
        issued = engagement.report_issued_on if engagement is not None else None
        if day and issued and day > issued:
            errors["communicated_on"] = (
                "AS 1301 matters are communicated before the audit report is issued (on "
                f"{day_words(issued)}); this one came after it."
            )
        if self.meeting_id is not None and engagement is not None and day:
            meeting = self.meeting
            if meeting.committee_id != engagement.committee_id:
                errors["meeting"] = "That meeting is another committee's."
            elif self.form == self.Form.ORAL and meeting.day != day:
                errors["communicated_on"] = (
                    "Told orally at a meeting, the matter is communicated on the meeting's day "
                    f"({day_words(meeting.day)})."
                )
            elif meeting.day < day:
                errors["meeting"] = (
                    "The meeting that discussed it cannot come before the matter was communicated."
                )
        if errors:
            raise ValidationError(errors)


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

    def clean(self):
        """Reviewed at a meeting of the engagement's committee, once the fiscal year audited has
        ended (Charter: Responsibilities 3)."""
        from committees.models import CompanyProfile

        if not (self.engagement_id and self.meeting_id):
            return
        engagement, meeting = self.engagement, self.meeting
        if meeting.committee_id != engagement.committee_id:
            raise ValidationError({"meeting": "That meeting is another committee's."})
        profile = CompanyProfile.current_or_default()
        year_end = profile.fiscal_year_bounds(engagement.fiscal_year)[1]
        if meeting.day <= year_end:
            raise ValidationError(
                {
                    "meeting": f"The audited statements of fiscal year {engagement.fiscal_year} "
                    f"exist only after that year ends ({day_words(year_end)}); choose a meeting "
                    "held after it."
                }
            )


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

    def clean(self):
        """A report has its text, dated once the fiscal year it reports on has ended
        (S-K 407(d)(3))."""
        from committees.models import CompanyProfile

        if not (self.text or "").strip():
            raise ValidationError({"text": "The report needs its text."})
        if self.engagement_id and self.dated:
            profile = CompanyProfile.current_or_default()
            year_end = profile.fiscal_year_bounds(self.engagement.fiscal_year)[1]
            if self.dated <= year_end:
                raise ValidationError(
                    {
                        "dated": "The report on fiscal year "
                        f"{self.engagement.fiscal_year} is dated after that year ends "
                        f"({day_words(year_end)})."
                    }
                )
