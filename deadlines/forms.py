"""Forms of the deadline pages: granting and revoking a waiver, and the committee and fiscal
year picker."""

from django import forms

from deadlines.services.waivers import MAX_REASON_LENGTH

FIRST_YEAR = 1990
LAST_YEAR = 2200


class WaiverForm(forms.Form):
    """The reason, and for a continuous requirement the last day it is waived."""

    reason = forms.CharField(
        label="Reason for the waiver",
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Every report shows the waiver with this reason and your name.",
        error_messages={
            "required": "Give the reason for the waiver; every report shows it.",
            "max_length": f"Keep the reason under {MAX_REASON_LENGTH} characters.",
            "null_characters_not_allowed": "The reason contains a character that cannot be stored.",
        },
    )
    until = forms.DateField(
        label="Waived until (the last day)",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="From the day after, the requirement is checked again every day.",
        error_messages={
            "required": "Give the last day of the waiver: this requirement applies at all times.",
            "invalid": "Write the last day as a date, such as 2026-09-30.",
        },
    )

    def __init__(self, *args, continuous: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not continuous:
            del self.fields["until"]  # a periodic requirement is waived for its one period


class RevokeWaiverForm(forms.Form):
    revoke_reason = forms.CharField(
        label="Reason for revoking the waiver",
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The requirement is checked again at once; the waiver stays on the record.",
        error_messages={
            "required": "Give the reason for revoking the waiver; every report shows it.",
            "max_length": f"Keep the reason under {MAX_REASON_LENGTH} characters.",
            "null_characters_not_allowed": "The reason contains a character that cannot be stored.",
        },
    )


class CommitteeYearForm(forms.Form):
    """Which committee and fiscal year a calendar or report shows (a GET form)."""

    committee = forms.ChoiceField(label="Committee")
    fy = forms.IntegerField(
        label="Fiscal year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        error_messages={
            "invalid": "Write the fiscal year as a number, such as 2026.",
            "min_value": f"Choose a fiscal year from {FIRST_YEAR} on.",
            "max_value": f"Choose a fiscal year up to {LAST_YEAR}.",
        },
    )

    def __init__(self, data, *, committees):
        super().__init__(data)
        self.fields["committee"].choices = [(c.slug, c.name) for c in committees]
        self.fields["committee"].error_messages["invalid_choice"] = (
            "That committee is not one you can see; showing the first one you can."
        )
