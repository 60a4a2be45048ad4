"""Forms of the deadline pages: the waiver, and the committee and fiscal year picker."""

from django import forms

from deadlines.services.waivers import MAX_REASON_LENGTH

FIRST_YEAR = 1990
LAST_YEAR = 2200


class WaiverForm(forms.Form):
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
