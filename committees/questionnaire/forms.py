"""Forms of the questionnaire pages. Each fact form takes its fields from the fact model itself
(labels, choices, required), so the director answers in the record's own terms; the services
then validate the whole fact as the admin does."""

from django import forms

from committees.forms import EARLIEST, LATEST
from committees.models import DirectorAnswer, FinancialExpertDetermination, OrganisationPayment
from committees.questionnaire import sections as s

DATE_MESSAGES = {
    "invalid": "That is not a date we can read. Enter it as year-month-day, for example "
    "2026-10-04 for 4 October 2026.",
}


def style(form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


def _date_field(model_field) -> forms.DateField:
    return forms.DateField(
        label=model_field.verbose_name.capitalize(),
        required=not model_field.blank,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=model_field.help_text,
        error_messages=DATE_MESSAGES,
    )


def _on_record(key, director, records) -> list:
    """The section's facts on record: from ``records`` when the page read them already."""
    if records is not None and key in records:
        return records[key]
    return s.facts_on_record(s.section(key), director)


def page_links(director, questionnaire_answers, records=None) -> dict[str, list[tuple[str, str]]]:
    """The choices of the link fields, read once per page: whom a fact is about (the director,
    a family member on record, or one reported in an answer), and a payment's organisation."""
    family = [("", f"{director.full_name} (you)")]
    family += [
        (f"f{row.pk}", f"{row.name} ({row.get_relationship_display()})")
        for row in _on_record("family", director, records)
    ]
    organisations = [("", "Choose the organisation")]
    organisations += [
        (f"f{row.pk}", row.organisation) for row in _on_record("business", director, records)
    ]
    for answer in questionnaire_answers:
        if answer.action != DirectorAnswer.Action.ADD:
            continue
        if answer.section == "family":
            family.append((f"a{answer.pk}", f"{answer.data.get('name')} (reported here)"))
        elif answer.section == "business":
            organisations.append(
                (f"a{answer.pk}", f"{answer.data.get('organisation')} (reported here)")
            )
    return {"family_member": family, "relationship": organisations}


class FactForm(forms.Form):
    """One fact of a section, fields named as on the fact model."""

    def __init__(self, *args, section, links, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        model = section.model
        for name in section.fields:
            model_field = model._meta.get_field(name)
            if model_field.many_to_one:
                self.fields[name] = forms.ChoiceField(
                    label="About" if name == "family_member" else "Organisation",
                    choices=links[name],
                    required=model is OrganisationPayment,
                )
            elif model_field.get_internal_type() == "DateField":
                self.fields[name] = _date_field(model_field)
            else:
                field = model_field.formfield()
                field.label = (field.label or name).capitalize()
                self.fields[name] = field
        style(self)

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.section.fields}


class EquityForm(forms.Form):
    voting_equity_percent = forms.DecimalField(
        label="Largest holding of any class of the company's voting equity (%)",
        max_digits=6,
        decimal_places=2,
        help_text="Count shares held directly or indirectly. 10% or less, with no executive "
        "office, is the safe harbour of SEC Rule 10A-3(e)(1)(ii).",
        error_messages={"invalid": "Enter a percentage, for example 0.25."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class BackgroundForm(forms.Form):
    is_financially_literate = forms.BooleanField(
        label="I can read and understand a balance sheet, an income statement and a cash-flow "
        "statement",
        required=False,
    )
    literacy_basis = forms.CharField(
        label="How you acquired that understanding",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    sophistication_basis = forms.ChoiceField(
        label="Basis of financial sophistication",
        required=False,
        choices=[("", "None of these"), *s.SOPHISTICATION_BASES.choices],
    )
    sophistication_description = forms.CharField(
        label="Describe it",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    expert_route = forms.ChoiceField(
        label="How you acquired the financial expert's attributes",
        required=False,
        choices=[("", "Not applicable"), *s.EXPERT_ROUTES.choices],
    )
    expert_narrative = forms.CharField(
        label="The experience behind them",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in FinancialExpertDetermination.ATTRIBUTES:
            label = FinancialExpertDetermination._meta.get_field(name).verbose_name
            self.fields[name] = forms.BooleanField(label=f"I {label}", required=False)
        order = list(s.BACKGROUND_FIELDS)
        self.order_fields(order)
        style(self)


class CertifyForm(forms.Form):
    typed_name = forms.CharField(
        label="Your full name",
        max_length=200,
        help_text="Typed as your signature.",
        error_messages={"required": "Type your full name to certify."},
    )
    code = forms.CharField(
        label="Code from your authenticator",
        max_length=16,
        help_text="The 6-digit code your authenticator app shows now, or a backup code.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "Enter the code your authenticator shows now."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class QuestionForm(forms.Form):
    question = forms.CharField(
        label="Your question to the director",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the question the director should answer."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label="Your reply",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write your reply."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class RoundForm(forms.Form):
    fiscal_year = forms.IntegerField(label="Fiscal year", min_value=1900, max_value=2100)
    opens_on = forms.DateField(
        label="Opens on",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Empty: 15 days after the fiscal year ends.",
        error_messages=DATE_MESSAGES,
    )
    certify_by = forms.DateField(
        label="Certified by",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Empty: 45 days after the fiscal year ends.",
        error_messages=DATE_MESSAGES,
    )
    adopt_by = forms.DateField(
        label="Board adopts by",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Empty: 90 days after the fiscal year ends.",
        error_messages=DATE_MESSAGES,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)

    def clean(self):
        cleaned = super().clean()
        for name in ("opens_on", "certify_by", "adopt_by"):
            day = cleaned.get(name)
            if day and not EARLIEST <= day <= LATEST:
                self.add_error(name, "Choose a date between 1900 and 2100.")
        return cleaned


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label="Adopted on",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**DATE_MESSAGES, "required": "Enter the day of the board meeting."},
    )
    meeting_reference = forms.CharField(
        label="Board meeting",
        max_length=200,
        help_text="For example 'Board meeting of 19 February 2027'.",
        error_messages={"required": "Name the board meeting that adopted them."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class BatchItemForm(forms.Form):
    is_independent = forms.BooleanField(label="Independent", required=False)
    no_compensatory_fees = forms.BooleanField(label="No compensatory fees", required=False)
    is_affiliated_person = forms.BooleanField(label="Affiliated person", required=False)
    is_financially_literate = forms.BooleanField(label="Financially literate", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)
