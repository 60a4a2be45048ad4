"""The second factor on every portal and admin page (security target 7).

A session that passed the password but not a one-time code (a "password-only session") reaches
only the pages named in EXEMPT_URL_NAMES: it is sent to enrol an authenticator if the user has
none, or to enter a code if they have one. Pages anyone may open without logging in (the public
complaint pages to come, under /report/) go in EXEMPT_URL_NAMES too.
"""

import time
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

# URL names a logged-in user reaches before the second factor. tests/test_second_factor.py
# checks this list, so adding a page here is a deliberate, reviewed change.
EXEMPT_URL_NAMES = frozenset(
    {
        "healthz",
        "login",
        "logout",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        # The invitation's set-password page: the invited director has no second factor yet.
        "invitation_accept",
        "second_factor_verify",
        "two_factor:setup",
        # Token-authenticated: the secret address is the key (deadlines/views/feeds.py).
        "deadlines:feed_ics",
        # The public complaint pages: no account at all, and no session is read for them.
        "report:form",
        "report:follow_up",
    }
)

REAUTHENTICATED_AT = "charter_portal.reauthenticated_at"


def url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


class SecondFactorRequiredMiddleware:
    """After django_otp's OTPMiddleware: a logged-in user who has not passed the second factor in
    this session is sent to enrol or to verify, whatever page they asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The exempt pages first: the session is not even read for them (the calendar feed
        # must not vary on a cookie).
        if url_name(request.path_info) not in EXEMPT_URL_NAMES:
            user = request.user
            if user.is_authenticated and not user.is_verified():
                target = "second_factor_verify" if user_has_device(user) else "two_factor:setup"
                return redirect_to_login(request.get_full_path(), reverse(target))
        return self.get_response(request)


def mark_reauthenticated(request) -> None:
    request.session[REAUTHENTICATED_AT] = int(time.time())


def recently_reauthenticated(request) -> bool:
    at = request.session.get(REAUTHENTICATED_AT)
    return isinstance(at, int) and time.time() - at <= settings.REAUTHENTICATION_SECONDS


def reauthentication_required(view):
    """Changing the second factor, the email or the password: the password and a fresh code
    within the last REAUTHENTICATION_SECONDS (issue 7), or the user is asked for them first."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not recently_reauthenticated(request):
            return redirect_to_login(request.get_full_path(), reverse("reauthenticate"))
        return view(request, *args, **kwargs)

    return wrapper


def redirect_after(request, default: str = "home"):
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)
