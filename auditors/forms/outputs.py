"""Forms of the rotation and former-staff pages: each field gets its own message; the services
check everything again and a refusal there lands beside its field (views.outputs)."""

from django import forms

from auditors.models import AuditFirm, AuditPartner, Engagement, PartnerAssignment
from committees.duty_forms import StyledForm
from meetings.forms import date_field


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
