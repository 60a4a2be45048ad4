"""The account pages: login with the second factor, enrolment, verification, re-authentication,
backup codes, password change and reset. Each keeps the portal's look (registration/auth_base)."""

import time
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor import views as two_factor_views
from two_factor.utils import get_otpauth_url, totp_digits

from charter_portal.accounts.forms import CodeForm, QueuedPasswordResetForm, ReauthenticationForm
from charter_portal.accounts.invitations import INVITATION_VALID_DAYS, invitation_tokens
from charter_portal.accounts.second_factor import (
    mark_reauthenticated,
    reauthentication_required,
)
from charter_portal.accounts.services import user_sessions_end
from charter_portal.accounts.throttle import reset_request_allowed
from charter_portal.permissions import portal_view

BACKUP_CODES = 10


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if allowed else ""


class LoginView(two_factor_views.LoginView):
    """Email and password, then the code from the authenticator (or a backup code)."""

    template_name = "registration/login.html"

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step=step, **kwargs)
        if "otp_token" in form.fields:
            field = form.fields["otp_token"]
            is_backup = (step or self.steps.current) == self.BACKUP_STEP
            field.label = "Backup code" if is_backup else "Code"
            field.help_text = (
                "One of the backup codes you kept when you set up your second factor."
                if is_backup
                else "The 6-digit code your authenticator app shows now."
            )
        return form


def _totp_qr_svg(otpauth_url: str) -> str:
    """The QR code as inline SVG made on the server: no image request, no script, no CDN."""
    image = qrcode.make(otpauth_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


class SetupView(two_factor_views.SetupView):
    """Enrolment: scan the QR code (or type the key), then enter a code to confirm."""

    template_name = "two_factor/core/setup.html"
    # The QR code is drawn into the page (qr_svg); no separate image URL is routed.
    qrcode_url = "two_factor:setup"

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        if self.steps.current == "generator":
            url = get_otpauth_url(
                self.request.user.get_username(),
                context["secret_key"],
                settings.OTP_TOTP_ISSUER,
                totp_digits(),
            )
            context["otpauth_url"] = url
            context["qr_svg"] = mark_safe(_totp_qr_svg(url))  # noqa: S308  (made here, no input)
        return context

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step=step, **kwargs)
        if "token" in form.fields:
            form.fields["token"].label = "Code from the app"
        return form

    def get_success_url(self):
        url = reverse("two_factor:setup_complete")
        target = self.get_redirect_url()
        return f"{url}?{urlencode({'next': target})}" if target else url

    def done(self, form_list, **kwargs):
        response = super().done(form_list, **kwargs)
        device = TOTPDevice.objects.filter(user=self.request.user).order_by("-pk").first()
        if device is not None:
            # The code typed to confirm the app must not open a login as well.
            device.last_t = int((time.time() - device.t0) // device.step) + device.drift
            device.save(update_fields=["last_t"])
        _new_backup_codes(self.request.user)
        return response


def _new_backup_codes(user) -> StaticDevice:
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "backup"})
    device.token_set.all().delete()
    for _ in range(BACKUP_CODES):
        device.token_set.create(token=StaticToken.random_token())
    return device


@portal_view
@never_cache
def setup_complete(request):
    """The second factor is set up: the backup codes, shown now, and the way on."""
    device = StaticDevice.objects.filter(user=request.user).first()
    codes = [t.token for t in device.token_set.all()] if device else []
    return render(
        request,
        "two_factor/core/setup_complete.html",
        {"codes": codes, "next": _safe_next(request) or reverse("home")},
    )


@login_required
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def verify(request):
    """A logged-in user with an authenticator but no code in this session enters one."""
    form = CodeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, form.device)
        return redirect(_safe_next(request) or "home")
    return render(request, "registration/verify.html", {"form": form, "next": _safe_next(request)})


@portal_view
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def reauthenticate(request):
    """The password and a fresh code before a sensitive change."""
    form = ReauthenticationForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        mark_reauthenticated(request)
        django_otp.login(request, form.device)
        return redirect(_safe_next(request) or "account_security")
    return render(
        request, "registration/reauthenticate.html", {"form": form, "next": _safe_next(request)}
    )


@portal_view
@never_cache
def account_security(request):
    """The user's password and second factor, with the ways to change them."""
    backup = StaticDevice.objects.filter(user=request.user).first()
    return render(
        request,
        "registration/account_security.html",
        {
            "has_authenticator": TOTPDevice.objects.filter(
                user=request.user, confirmed=True
            ).exists(),
            "backup_codes_left": backup.token_set.count() if backup else 0,
        },
    )


@portal_view
@never_cache
@reauthentication_required
@require_http_methods(["GET", "POST"])
def backup_codes(request):
    """GET shows the unused backup codes; POST replaces them with new ones."""
    if request.method == "POST":
        _new_backup_codes(request.user)
        messages.success(request, "New backup codes made: the old ones no longer work.")
        return redirect("two_factor:backup_tokens")
    device = StaticDevice.objects.filter(user=request.user).first()
    codes = [t.token for t in device.token_set.all()] if device else []
    return render(request, "two_factor/core/backup_tokens.html", {"codes": codes})


@portal_view
@never_cache
@reauthentication_required
@require_POST
def authenticator_replace(request):
    """Changing the second factor: the current authenticator stops working, the other sessions
    end, and the user sets up the new one at once."""
    TOTPDevice.objects.filter(user=request.user).delete()
    user_sessions_end(user=request.user)
    update_session_auth_hash(request, request.user)
    messages.info(request, "Your old authenticator no longer works. Set up the new one now.")
    return redirect("two_factor:setup")


def setup(request, *args, **kwargs):
    """Enrolment for a user without an authenticator; with one, changing it goes through the
    account page (re-authentication first)."""
    if request.user.is_authenticated and TOTPDevice.objects.filter(user=request.user).exists():
        return redirect("account_security")
    return SetupView.as_view()(request, *args, **kwargs)


@method_decorator(reauthentication_required, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    """After re-authentication; every other session of the user ends, this one stays."""

    def form_valid(self, form):
        response = super().form_valid(form)
        user_sessions_end(user=form.user)
        update_session_auth_hash(self.request, form.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """The same answer, in the same time, whatever address is entered; throttled per client."""

    form_class = QueuedPasswordResetForm

    def post(self, request, *args, **kwargs):
        if not reset_request_allowed(request):
            return render(
                request,
                "registration/locked_out.html",
                {"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
                status=429,
            )
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password from the emailed link ends every session of the account."""

    def form_valid(self, form):
        response = super().form_valid(form)
        user_sessions_end(user=form.user)
        return response


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The link in a portal invitation: the invited director chooses a password (once), is
    logged in with it, and is taken to enrol a second factor, then to the dashboard. A used,
    replaced or expired link gets a page saying so and what to do."""

    token_generator = invitation_tokens
    template_name = "registration/invitation_accept.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "valid_days": INVITATION_VALID_DAYS}

    def get_success_url(self):
        return f"{reverse('two_factor:setup')}?{urlencode({'next': reverse('home')})}"


def admin_login(request):
    """The administration site logs in through the portal's login, second factor included
    (whatever the method: a password posted here is never read)."""
    target = _safe_next(request) or reverse("admin:index")
    return redirect(f"{reverse('login')}?{urlencode({'next': target})}")
