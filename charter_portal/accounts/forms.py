"""Forms of the account pages: a one-time code, re-authentication, a queued password reset."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django_otp import match_token

from charter_portal.accounts.throttle import reset_email_allowed

CODE_HELP = "The 6-digit code your authenticator app shows now, or one of your backup codes."
CODE_REFUSED = (
    "That code is not valid. Enter the code your app shows now (each code works once), or an "
    "unused backup code. After several wrong codes the portal waits a little before the next try."
)


def code_field() -> forms.CharField:
    return forms.CharField(
        label="Code",
        max_length=16,
        help_text=CODE_HELP,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class CodeForm(forms.Form):
    """A code from the user's authenticator or a backup code. django-otp refuses a code already
    used (replay) and slows down repeated wrong codes."""

    otp_token = code_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_otp_token(self):
        token = "".join(self.cleaned_data["otp_token"].split())
        self.device = match_token(self.user, token) if token.isalnum() else None
        if self.device is None:
            raise forms.ValidationError(CODE_REFUSED)
        return token


class ReauthenticationForm(CodeForm):
    """The password and a fresh code, asked again before a sensitive change."""

    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autofocus": True})
    )
    otp_token = code_field()
    field_order = ["password", "otp_token"]

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, user=request.user, **kwargs)
        self.request = request
        self.fields["otp_token"].widget.attrs.pop("autofocus", None)

    def clean_password(self):
        password = self.cleaned_data["password"]
        # Through authenticate(), so wrong passwords count towards the login throttle.
        user = authenticate(self.request, username=self.user.email, password=password)
        if user is None or user.pk != self.user.pk:
            raise forms.ValidationError("That is not your password.")
        return password

    def clean_otp_token(self):
        if self.errors.get("password"):
            return self.cleaned_data.get("otp_token", "")
        return super().clean_otp_token()


class QueuedPasswordResetForm(PasswordResetForm):
    """Queues the reset email instead of sending it during the request, so the answer takes the
    same time whether the address has an account; the worker looks the address up. At most
    PASSWORD_RESET_EMAILS_PER_HOUR emails per address per hour; further requests look the same
    but send nothing."""

    def save(self, **kwargs):
        from charter_portal.tasks import password_reset_send

        email = self.cleaned_data["email"]
        if reset_email_allowed(email):
            transaction.on_commit(lambda: password_reset_send.delay(email=email))
