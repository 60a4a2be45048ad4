"""Forms of the engagement page: each field has its message, and the services check everything
again; a service's refusal lands beside the field it names (views.engagements)."""

from django import forms

from auditors.models import As1301Item, As1301Topic, AuditFirm, Communication
from auditors.models.common import LARGEST_FEE
from committees.duty_forms import StyledForm
from meetings.forms import date_field
from meetings.models import Meeting

MAX_VOTES = 10**15 - 1


def fee_field(label: str, *, required: bool = True, help_text: str = ""):
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        max_value=LARGEST_FEE,
        help_text=help_text or "US dollars, such as 2400000.00.",
        error_messages={
            "required": "Give the fee.",
            "invalid": "Enter an amount in dollars and cents, such as 2400000.00.",
            "min_value": "A fee cannot be negative.",
            "max_value": "That amount is not a plausible fee; check the digits.",
            "max_digits": "That amount is not a plausible fee; check the digits.",
            "max_decimal_places": "Give cents with at most two digits.",
        },
    )


def votes_field(label: str, *, required: bool = True):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=MAX_VOTES,
        error_messages={
            "required": f"Give the {label.lower()}.",
            "invalid": "Enter a whole number of votes.",
            "min_value": "A count of votes cannot be negative.",
            "max_value": "That is more votes than any company has shares; check the digits.",
        },
    )


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_title


def held_meetings(committee):
    return Meeting.objects.filter(committee=committee, status=Meeting.Status.HELD).select_related(
        "committee"
    )


def meeting_field(committee, label: str, *, required: bool = True, help_text: str = ""):
    return MeetingChoice(
        label=label,
        queryset=held_meetings(committee),
        required=required,
        help_text=help_text,
        error_messages={
            "required": "Choose the meeting.",
            "invalid_choice": "Choose one of the committee's held meetings.",
        },
    )


def document_field(label: str):
    return forms.FileField(
        label=label,
        required=False,
        help_text="A PDF or Word document; kept in the private store.",
    )


class ProposeForm(StyledForm):
    firm = forms.ModelChoiceField(
        label="Audit firm",
        queryset=AuditFirm.objects.all(),
        error_messages={
            "required": "Choose the audit firm.",
            "invalid_choice": "Choose a firm from the list; the secretary adds new firms.",
        },
    )
    audit_fee = fee_field("Proposed audit fee")
    procedures_begin_on = date_field(
        "Planned start of audit procedures",
        required=False,
        help_text="When fieldwork is planned to begin: the approval is due before it.",
    )
    letter = document_field("Engagement letter")


class ApproveForm(StyledForm):
    audit_fee = fee_field(
        "Audit fee set by the committee",
        required=False,
        help_text="Leave empty to approve the proposed fee.",
    )
    letter = document_field("Signed engagement letter")

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "meeting": meeting_field(
                committee,
                "Meeting that approved it",
                help_text="A held meeting with a quorum.",
            ),
            **self.fields,
        }
        self.style()


class RatifyForm(StyledForm):
    ratified_on = date_field("Day of the stockholders' vote")
    votes_for = votes_field("Votes for")
    votes_against = votes_field("Votes against")
    votes_abstaining = votes_field("Abstentions", required=False)


class ActivateForm(StyledForm):
    procedures_begin_on = date_field("First day of audit procedures")


class CompleteForm(StyledForm):
    report_issued_on = date_field("Day the audit report was issued")


class TerminateForm(StyledForm):
    terminated_on = date_field("Day the engagement ended")
    termination_reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20_000,
        error_messages={"required": "Say why the engagement was terminated."},
    )


STATES = [("", "Not an independence letter"), ("yes", "Yes"), ("no", "No")]


class CommunicationForm(StyledForm):
    kind = forms.ChoiceField(
        label="What the firm sent",
        choices=Communication.Kind.choices,
        error_messages={"required": "Choose what the firm sent."},
    )
    received_on = date_field("Day received")
    document = document_field("The document")
    states_independent = forms.ChoiceField(
        label="Does the letter state that the firm is independent?",
        choices=STATES,
        required=False,
        help_text="For the annual independence letter only.",
    )
    discussion = forms.CharField(
        label="The discussion documented",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
        help_text="What the committee and the firm discussed; it may be added later.",
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["discussed_at"] = meeting_field(
            committee, "Meeting that discussed it", required=False
        )
        order = ["kind", "received_on", "document", "states_independent", "discussed_at"]
        self.order_fields([*order, "discussion"])
        self.style()

    def clean_states_independent(self):
        return {"yes": True, "no": False}.get(self.cleaned_data["states_independent"])


class DiscussForm(StyledForm):
    discussion = forms.CharField(
        label="The discussion documented",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
        error_messages={"required": "Document the discussion."},
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "discussed_at": meeting_field(committee, "Meeting that discussed it"),
            **self.fields,
        }
        self.style()


class As1301Form(StyledForm):
    topic = forms.ChoiceField(
        label="Matter",
        choices=As1301Topic.choices,
        error_messages={"required": "Choose the matter."},
    )
    communicated_on = date_field("Day communicated")
    form = forms.ChoiceField(
        label="How",
        choices=As1301Item.Form.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it was told orally or in writing."},
    )
    notes = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=20_000
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = meeting_field(
            committee, "Meeting at which the committee heard it", required=False
        )
        self.order_fields(["topic", "communicated_on", "form", "meeting", "notes"])
        self.style()


class ReviewForm(StyledForm):
    recommends_inclusion = forms.BooleanField(
        label="The committee recommends that the board include the audited statements in the "
        "annual report",
        required=False,
    )
    notes = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "meeting": meeting_field(
                committee,
                "Meeting that reviewed the audited statements with management and the auditor",
            ),
            **self.fields,
        }
        self.style()
        self.fields["recommends_inclusion"].widget.attrs["class"] = "form-check-input"


class SignForm(StyledForm):
    dated = date_field("Date of the report")
