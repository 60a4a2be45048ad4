"""Forms of the rotation and former-staff pages: each field gets its own message; the services
check everything again and a refusal there lands beside its field (views.outputs)."""

from django import forms

from auditors.models import AuditFirm, AuditPartner, Engagement, PartnerAssignment, ServiceRequest
from auditors.services_catalogue import AUDIT_NATURES, PROHIBITED, Nature
from committees.duty_forms import StyledForm
from meetings.forms import date_field
from meetings.models import Meeting


class EngagementChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"Fiscal year {obj.fiscal_year}: {obj.firm}"


class PartnerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.firm})"


class AssignmentForm(StyledForm):
    engagement = EngagementChoice(
        label="Fiscal year's audit",
        queryset=Engagement.objects.none(),
        error_messages={"required": "Choose the fiscal year's engagement."},
    )
    partner = PartnerChoice(
        label="Partner",
        queryset=AuditPartner.objects.none(),
        required=False,
        help_text="A partner already recorded, or name a new one below.",
    )
    full_name = forms.CharField(
        label="New partner's full name",
        max_length=200,
        required=False,
        help_text="Recorded as a partner of the firm engaged for that year.",
    )
    role = forms.ChoiceField(
        label="Role",
        choices=PartnerAssignment.Role.choices,
        error_messages={"required": "Choose the partner's role."},
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        engagements = (
            Engagement.objects.filter(committee=committee)
            .exclude(status=Engagement.Status.TERMINATED)
            .select_related("firm")
            .order_by("-fiscal_year")
        )
        self.fields["engagement"].queryset = engagements
        self.fields["partner"].queryset = (
            AuditPartner.objects.filter(firm__engagements__committee=committee)
            .select_related("firm")
            .distinct()
            .order_by("full_name")
        )

    def clean(self):
        data = super().clean()
        if not data.get("partner") and not (data.get("full_name") or "").strip():
            self.add_error("partner", "Choose the partner, or give a new partner's name.")
        elif data.get("partner") and (data.get("full_name") or "").strip():
            self.add_error(
                "full_name", "Choose a partner from the list or name a new one, not both."
            )
        return data


class HireForm(StyledForm):
    full_name = forms.CharField(label="Full name", max_length=200)
    firm = forms.ModelChoiceField(
        label="Their former firm",
        queryset=AuditFirm.objects.none(),
        error_messages={"required": "Choose the audit firm they worked for."},
    )
    company_role = forms.CharField(label="Role at the company", max_length=200)
    oversight_role = forms.BooleanField(
        label="A financial reporting oversight role",
        required=False,
        help_text="A role with influence over the financial statements or over those who prepare "
        "them, such as chief financial officer, controller or chief accounting officer.",
    )
    hired_on = date_field("Hire day")
    last_on_audit_on = date_field("Last day on the audit team")
    hours_on_audit = forms.IntegerField(
        label="Hours on the audit",
        min_value=0,
        help_text="Hours they worked on the company's audit in the year before audit procedures "
        "began.",
        error_messages={
            "required": "Enter the hours they worked on the audit (0 if none).",
            "invalid": "Enter a whole number of hours.",
            "min_value": "Hours cannot be negative.",
        },
    )
    was_lead_or_concurring = forms.BooleanField(
        label="Was lead or concurring partner on the audit", required=False
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].queryset = AuditFirm.objects.filter(
            engagements__committee=committee
        ).distinct()
        for name in ("oversight_role", "was_lead_or_concurring"):
            self.fields[name].widget.attrs["class"] = "form-check-input"


# Natures a service found not pre-approved can have: never an audit service, never a prohibited one.
DE_MINIMIS_NATURES = [
    (value, label)
    for value, label in Nature.choices
    if value not in AUDIT_NATURES and value not in PROHIBITED
]


class FoundServiceForm(StyledForm):
    engagement = EngagementChoice(
        label="Fiscal year's engagement",
        queryset=Engagement.objects.none(),
        error_messages={"required": "Choose the fiscal year the service was provided in."},
    )
    service = forms.CharField(label="Service", max_length=300)
    nature = forms.ChoiceField(
        label="Kind of service",
        choices=DE_MINIMIS_NATURES,
        help_text="Audit services are never covered by the exception, and prohibited services "
        "are never approvable.",
        error_messages={"invalid_choice": "Choose a non-audit service the auditor may provide."},
    )
    fee = forms.DecimalField(
        label="Fee",
        max_digits=14,
        decimal_places=2,
        error_messages={"invalid": "Enter the fee as an amount, such as 12500.00."},
    )
    provided_from = date_field("Provided from")
    found_on = date_field("Found on")
    recognized_at_engagement = forms.TypedChoiceField(
        label="Recognized as a non-audit service when the auditor was engaged for it",
        choices=[("no", "No"), ("yes", "Yes")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it was recognized as non-audit when engaged."},
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = (
            Engagement.objects.filter(committee=committee)
            .exclude(status=Engagement.Status.TERMINATED)
            .select_related("firm")
            .order_by("-fiscal_year")
        )


class RequestChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.service}, fiscal year {obj.engagement.fiscal_year}"


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_title


class DeMinimisApprovalForm(StyledForm):
    request = RequestChoice(
        label="Service",
        queryset=ServiceRequest.objects.none(),
        error_messages={"required": "Choose the service the committee approved."},
    )
    meeting = MeetingChoice(
        label="Meeting that approved it",
        queryset=Meeting.objects.none(),
        error_messages={"required": "Choose the held meeting at which the committee approved it."},
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = (
            ServiceRequest.objects.filter(
                committee=committee,
                route=ServiceRequest.Route.DE_MINIMIS,
                status=ServiceRequest.Status.PENDING,
            )
            .select_related("engagement")
            .order_by("found_on", "pk")
        )
        self.fields["meeting"].queryset = Meeting.objects.filter(
            committee=committee, status=Meeting.Status.HELD
        ).order_by("-starts_at")


def choices_listed(form, name: str) -> list:
    """Read a choice field's records once, for both the page's "is there any" and the select
    it renders (a ModelChoiceField asks the database again each time): the records."""
    field = form.fields[name]
    records = list(field.queryset)
    iterator = field.iterator(field)
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.widget.choices = empty + [iterator.choice(record) for record in records]
    return records
