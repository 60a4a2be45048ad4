"""Forms of the committee's duties pages: recording a charter review and answering the
self-evaluation. The services check everything again; these give each field its message."""

from django import forms

from charter_portal.dates import long_date
from committees.forms import EARLIEST, LATEST
from committees.models import CharterReview, CharterVersion, Question
from committees.models.duties import RATING_MAX, RATING_MIN, amended_version_problem

DATE_MESSAGES = {
    "invalid": "That is not a date we can read. Enter it as year-month-day, for example "
    "2026-03-02 for 2 March 2026.",
    "required": "Enter the date the committee reviewed its charter.",
}


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class CharterVersionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.label} (in force from {long_date(obj.effective_from)})"


class CharterReviewForm(StyledForm):
    reviewed_on = forms.DateField(
        label="Date of the review",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_MESSAGES,
    )
    held_at = forms.ChoiceField(
        label="Held",
        choices=CharterReview.HeldAt.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it was at a meeting or by written consent."},
    )
    held_at_reference = forms.CharField(
        label="Meeting or written consent",
        max_length=200,
        help_text="For example 'Audit Committee meeting of 12 February 2026'.",
        error_messages={"required": "Say which meeting or written consent the review was at."},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=CharterReview.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome of the review."},
    )
    new_charter_version = CharterVersionChoice(
        label="New charter version",
        queryset=CharterVersion.objects.none(),
        required=False,
        help_text="Only when the charter was amended: the version the secretary recorded.",
    )
    summary = forms.CharField(
        label="Summary", required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_charter_version"].queryset = committee.charter_versions.order_by(
            "-effective_from"
        )

    def clean(self):
        cleaned = super().clean()
        problem = amended_version_problem(
            cleaned.get("new_charter_version"), cleaned.get("reviewed_on")
        )
        if problem and cleaned.get("outcome") == CharterReview.Outcome.AMENDED:
            self.add_error("new_charter_version", problem)
        return cleaned

    def clean_reviewed_on(self):
        day = self.cleaned_data["reviewed_on"]
        if not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(
                f"Choose a date between {long_date(EARLIEST)} and {long_date(LATEST)}."
            )
        return day


def question_field(question: Question) -> forms.Field:
    if question.is_rating:
        return forms.TypedChoiceField(
            label=question.text,
            choices=[(r, str(r)) for r in range(RATING_MIN, RATING_MAX + 1)],
            coerce=int,
            required=question.required,
            widget=forms.RadioSelect,
            error_messages={
                "required": f"Choose a rating from {RATING_MIN} to {RATING_MAX}.",
                "invalid_choice": f"Choose a rating from {RATING_MIN} to {RATING_MAX}.",
            },
        )
    return forms.CharField(
        label=question.text,
        required=question.required,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "This question needs an answer."},
    )


class EvaluationForm(StyledForm):
    """One field per question, named question_<id> as the service names its errors."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = question_field(question)
        self.style()

    def answers(self) -> dict:
        return {
            question.pk: self.cleaned_data.get(f"question_{question.pk}")
            for question in self.questions
        }
