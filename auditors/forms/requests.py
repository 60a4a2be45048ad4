"""Forms of the pre-approval pages: the request the secretary enters for the finance staff, the
delegate's decision, the committee's approval at a meeting, the policy with its lines, the
delegation. They give each field its message; the services check everything again and a refusal
there lands on the form too."""

from decimal import Decimal

from django import forms

from auditors.models import Engagement, PolicyLine
from auditors.models.common import LARGEST_FEE
from auditors.services_catalogue import PROHIBITED, Category, Nature
from committees.duty_forms import StyledForm
from meetings.forms import date_field
from meetings.models import Meeting

FEE_ERRORS = {
    "invalid": "Give the fee in dollars, for example 45000 or 45000.50.",
    "min_value": "A fee cannot be negative.",
    "max_value": "That amount is not a plausible fee; check the digits.",
    "max_digits": "That amount is not a plausible fee; check the digits.",
    "max_decimal_places": "Give the fee to the cent at most.",
}


def money_field(label, *, help_text="", required=True):
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0"),
        max_value=LARGEST_FEE,
        max_digits=14,
        decimal_places=2,
        required=required,
        help_text=help_text,
        error_messages={**FEE_ERRORS, "required": f"Give the {label.lower()}."},
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


# Prohibited natures stay choosable: the request is then stored refused with its rule named,
# which is the record the committee keeps of it (S-X 2-01(c)(4)).
NATURE_CHOICES = [
    ("", "Choose the kind of service"),
    ("May be approved", [(n.value, n.label) for n in Nature if n not in PROHIBITED]),
    ("Never approvable (S-X 2-01(c)(4))", [(n.value, n.label) for n in Nature if n in PROHIBITED]),
]
APPROVABLE_NATURES = [("", "Choose the kind of service")] + [
    (n.value, n.label) for n in Nature if n not in PROHIBITED
]
CATEGORY_CHOICES = [("", "Choose the fee category"), *Category.choices]


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_title} ({obj.day:%-d %B %Y})"


def held_meetings(committee):
    return Meeting.objects.filter(committee=committee, status=Meeting.Status.HELD).order_by(
        "-starts_at"
    )


class LineChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.service} (policy v{obj.policy.version}, cap ${obj.cap:,.0f})"


class EngagementChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.firm.name}, fiscal year {obj.fiscal_year}"


class RequestForm(StyledForm):
    engagement = EngagementChoice(
        label="Engagement",
        queryset=Engagement.objects.none(),
        error_messages={"required": "Choose the fiscal year's engagement the service is for."},
    )
    service = forms.CharField(
        label="Service",
        max_length=300,
        help_text="The specific service, as the firm names it.",
        error_messages={"required": "Name the service."},
    )
    nature = forms.ChoiceField(
        label="Kind of service",
        choices=NATURE_CHOICES,
        error_messages={"invalid_choice": "Choose the kind of service from the list."},
    )
    category = forms.ChoiceField(
        label="Fee category",
        choices=CATEGORY_CHOICES,
        error_messages={"invalid_choice": "Choose one of the four fee categories."},
    )
    estimated_fee = money_field("Estimated fee", help_text="In dollars.")
    starts_on = date_field("Planned start")
    policy_line = LineChoice(
        label="Policy line it falls under",
        queryset=PolicyLine.objects.none(),
        required=False,
        help_text="Leave empty unless the service is listed in the policy under another name.",
    )
    firm_description = forms.CharField(
        label="The firm's description",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The firm's written description of the scope, the fee structure and any side "
        "or referral agreement. Required for tax and internal-control services.",
    )
    document = forms.FileField(
        label="The firm's description as a document (PDF or Word)", required=False
    )
    for_oversight_person = forms.BooleanField(
        label="For a person in a financial reporting oversight role (or their family)",
        required=False,
    )

    def __init__(self, *args, committee, policy_lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = (
            Engagement.objects.filter(committee=committee)
            .exclude(status=Engagement.Status.TERMINATED)
            .select_related("firm")
            .order_by("-fiscal_year")
        )
        self.fields["policy_line"].queryset = policy_lines
        self.fields["for_oversight_person"].widget.attrs["class"] = "form-check-input"


class DecideForm(StyledForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve"), ("refuse", "Refuse")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve or refuse."},
    )
    reason = forms.CharField(
        label="Reason for a refusal",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not data.get("reason", "").strip():
            self.add_error("reason", "Say why the service is refused.")
        return data


class ApproveAtMeetingForm(StyledForm):
    meeting = MeetingChoice(
        label="Meeting that approved it",
        queryset=Meeting.objects.none(),
        error_messages={"required": "Choose the held meeting that approved the service."},
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = held_meetings(committee).select_related("committee")


class RefuseForm(StyledForm):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the service is refused."},
    )
    meeting = MeetingChoice(
        label="Meeting that refused it",
        queryset=Meeting.objects.none(),
        required=False,
        help_text="Leave empty when the committee refused it outside a meeting.",
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = held_meetings(committee).select_related("committee")


class DiscussionForm(StyledForm):
    discussed_on = date_field("Day of the discussion")
    text = forms.CharField(
        label="What the committee and the firm discussed",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Document the discussion."},
    )


class StartForm(StyledForm):
    started_on = date_field("Day the service started")


class MoveForm(StyledForm):
    starts_on = date_field("New planned start")


class PolicyForm(StyledForm):
    effective_from = date_field("In force from")
    effective_to = date_field("In force until")
    approved_at = MeetingChoice(
        label="Meeting that approved it",
        queryset=Meeting.objects.none(),
        error_messages={"required": "Choose the held meeting that approved the policy."},
    )
    summary = forms.CharField(
        label="How the policy works",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In the words the proxy statement will use.",
        error_messages={"required": "Describe the policy in a few sentences."},
    )
    document = forms.FileField(label="The policy as a document (PDF or Word)", required=False)

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_at"].queryset = held_meetings(committee).select_related("committee")

    def clean(self):
        data = super().clean()
        start, end = data.get("effective_from"), data.get("effective_to")
        if start and end and end < start:
            self.add_error("effective_to", "The policy cannot end before it starts.")
        return data


class LineForm(StyledForm):
    service = forms.CharField(
        label="Specific service",
        max_length=300,
        required=False,
        help_text="A named service, not a category.",
    )
    nature = forms.ChoiceField(label="Kind of service", choices=APPROVABLE_NATURES, required=False)
    category = forms.ChoiceField(label="Fee category", choices=CATEGORY_CHOICES, required=False)
    cap = money_field("Fee cap", required=False)

    def clean(self):
        data = super().clean()
        if any(data.get(k) for k in ("service", "cap", "nature", "category")):
            for name in ("service", "nature", "category", "cap"):
                if data.get(name) in (None, ""):
                    self.add_error(name, "Fill this in, or leave the whole line empty.")
        return data


LineFormSet = forms.formset_factory(LineForm, extra=4, max_num=60, validate_max=True)


class DelegationForm(StyledForm):
    director = forms.ModelChoiceField(
        label="Member",
        queryset=None,
        error_messages={"required": "Choose the member the committee delegates to."},
    )
    granted_at = MeetingChoice(
        label="Meeting that granted it",
        queryset=Meeting.objects.none(),
        error_messages={"required": "Choose the held meeting that granted the delegation."},
    )
    starts_on = date_field("From")
    ends_on = date_field("Until", required=False)
    fee_limit = money_field("Largest fee per service", help_text="In dollars.")

    def __init__(self, *args, committee, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["director"].queryset = members
        self.fields["granted_at"].queryset = held_meetings(committee).select_related("committee")
        self.fields["ends_on"].help_text = "Leave empty: until revoked."


class RevokeForm(StyledForm):
    last_day = date_field("Last day of the delegation")
