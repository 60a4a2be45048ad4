"""Forms of the public pages (translated: the reporter may write in English or Spanish) and of
the committee's case page. Django's CharField already refuses NUL bytes; every limit here has a
message that says what to do."""

import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from complaints.attachments import attachment_prepare
from complaints.file_kinds import MAX_ATTACHMENT_BYTES
from complaints.models import Case, CaseExclusion

NARRATIVE_MAX = 20_000
FIELD_MAX = 2_000
CONTACT_MAX = 500
MESSAGE_MAX = 10_000


def new_form_token() -> str:
    return secrets.token_urlsafe(32)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        limit = settings.COMPLAINTS_MAX_ATTACHMENTS
        if len(files) > limit:
            raise ValidationError(
                ngettext(
                    "At most %(limit)d file can be attached at a time.",
                    "At most %(limit)d files can be attached at a time.",
                    limit,
                )
                % {"limit": limit},
                code="too_many_files",
            )
        prepared = []
        for upload in files:
            try:
                prepared.append(attachment_prepare(upload))
            except ValidationError as error:
                raise ValidationError(
                    _("%(error)s (The other files were not kept either: attach them again.)")
                    % {"error": _refusal(error)},
                    code="file_refused",
                ) from error
        return prepared


def _refusal(error: ValidationError) -> str:
    """The file store's refusal in the page's language (its own messages are English)."""
    code = getattr(error, "code", None) or (error.error_list[0].code if error.error_list else "")
    if code == "file_size":
        limit = min(settings.FILES_MAX_UPLOAD_BYTES, MAX_ATTACHMENT_BYTES) / (1024 * 1024)
        return _("This file is larger than %(limit).1f MB, the most a file may be.") % {
            "limit": limit
        }
    messages = {
        "file_type": _(
            "This file's content is not one of the accepted types (PDF, Word, Excel, JPEG or "
            "PNG), so it was not attached. The content decides, not the file's name."
        ),
        "file_extension": _(
            "This file's name does not match its content (a picture named .pdf, say); rename it "
            "to its real type and attach it again."
        ),
        "file_empty": _("The file is empty; choose the file again."),
        "file_name": _(
            "The file name holds a folder path or characters a file name cannot have; attach "
            "the file under a plain name."
        ),
        "file_active_content": _(
            "This PDF contains scripts, launch actions or embedded files; save it again as a "
            "plain PDF and attach that."
        ),
        "file_damaged": _("This file is incomplete or damaged; save it again and attach it again."),
    }
    return messages.get(code) or " ".join(error.messages)


def files_help() -> str:
    """What the file field says, in the page's language, with the configured limit."""
    return _(
        "Up to %(count)d files of at most 10 MB each: PDF, Word, Excel, JPEG or PNG. Pictures "
        "are stored without their hidden details (location, camera, date); documents keep "
        "theirs, such as the author's name, so check them first."
    ) % {"count": settings.COMPLAINTS_MAX_ATTACHMENTS}


def bootstrap(form: forms.Form) -> None:
    """Bootstrap's classes on every widget (the public pages render fields by hand)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(
            widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple
        ):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.HiddenInput):
            widget.attrs.setdefault("class", "form-control")


class Styled(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class _TokenForm(Styled):
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=43, min_length=43)


class ReportForm(_TokenForm):
    category = forms.ChoiceField(
        label=_("What is your report about?"),
        choices=Case.Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what your report is about.")},
    )
    narrative = forms.CharField(
        label=_("What happened?"),
        help_text=_("Describe what you saw or know, as specifically as you can."),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=NARRATIVE_MAX,
        error_messages={"required": _("Tell us what happened: this field cannot be empty.")},
    )
    when_where = forms.CharField(
        label=_("When and where did it happen?"),
        required=False,
        max_length=FIELD_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    people_involved = forms.CharField(
        label=_("Who was involved? (optional)"),
        required=False,
        max_length=FIELD_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    excluded = forms.MultipleChoiceField(
        label=_("Is a member of the audit committee involved?"),
        help_text=_("Anyone you tick here will not see your report, nor learn that it exists."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact = forms.CharField(
        label=_("Contact details (optional)"),
        help_text=_(
            "Leave this empty to stay anonymous. You can always read replies with your receipt."
        ),
        required=False,
        max_length=CONTACT_MAX,
    )
    files = MultipleFileField(label=_("Documents or pictures (optional)"))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = files_help()
        self.fields["excluded"].choices = [(str(d.pk), d.full_name) for d in members]
        if not members:
            del self.fields["excluded"]

    def clean_narrative(self):
        text = self.cleaned_data["narrative"]
        if not text.strip():
            raise ValidationError(_("Tell us what happened: this field cannot be empty."))
        return text


class ReceiptForm(Styled):
    receipt = forms.CharField(
        label=_("Your receipt"),
        max_length=100,
        help_text=_("The 25 digits you were given when you sent your report."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        error_messages={"required": _("Enter your receipt.")},
    )


class ReplyForm(_TokenForm):
    receipt = forms.CharField(widget=forms.HiddenInput, max_length=100)
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MESSAGE_MAX,
        error_messages={"required": _("Write your message first.")},
    )
    retaliation = forms.BooleanField(
        label=_("I am reporting retaliation for having made this report"), required=False
    )
    files = MultipleFileField(label=_("Documents or pictures (optional)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = files_help()

    def clean_body(self):
        text = self.cleaned_data["body"]
        if not text.strip():
            raise ValidationError(_("Write your message first."))
        return text


# The committee side (English only, like the rest of the portal) ------------------------------


class StatusForm(Styled):
    status = forms.ChoiceField(choices=Case.Status.choices)
    resolution = forms.ChoiceField(choices=Case.Resolution.choices, required=False)


class DetailsForm(Styled):
    severity = forms.ChoiceField(choices=Case.Severity.choices, required=False)
    legal_hold = forms.BooleanField(required=False, label="Legal hold (stops the purge)")
    legal_hold_note = forms.CharField(required=False, max_length=200, label="Hold reference")


class MessageForm(Styled):
    body = forms.CharField(
        label="Message to the reporter",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MESSAGE_MAX,
        help_text="The reporter reads it with the receipt; write nothing that names anyone "
        "the reporter did not.",
    )

    def clean_body(self):
        text = self.cleaned_data["body"]
        if not text.strip():
            raise ValidationError("Write the message first.")
        return text


class NoteForm(Styled):
    body = forms.CharField(
        label="Internal note (the reporter never sees it)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MESSAGE_MAX,
    )

    def clean_body(self):
        text = self.cleaned_data["body"]
        if not text.strip():
            raise ValidationError("Write the note first.")
        return text


class AssignForm(Styled):
    investigator = forms.ModelChoiceField(queryset=None, empty_label="Choose an investigator")

    def __init__(self, *args, investigators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investigator"].queryset = investigators


class ExcludeForm(Styled):
    director = forms.ModelChoiceField(queryset=None, empty_label="Choose a member")
    reason = forms.ChoiceField(
        choices=[
            (CaseExclusion.Reason.NAMED, "Named in the case"),
            (CaseExclusion.Reason.RECUSED, "Recused"),
        ]
    )

    def __init__(self, *args, directors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["director"].queryset = directors


class GrantForm(Styled):
    user = forms.ModelChoiceField(queryset=None, empty_label="Choose a person", label="Person")

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class EndForm(forms.Form):
    """Ending an assignment or withdrawing a grant: the row's id."""

    id = forms.IntegerField(min_value=1, max_value=2**62)


class SummaryForm(Styled):
    presented_on = forms.DateField(
        label="Presented to the committee on", widget=forms.DateInput(attrs={"type": "date"})
    )


class ProcedureReviewForm(Styled):
    reviewed_on = forms.DateField(
        label="Reviewed on", widget=forms.DateInput(attrs={"type": "date"})
    )
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, label="Outcome"
    )
