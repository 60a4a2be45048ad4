"""Throttling logins and password resets without keeping anyone's address.

django-axes counts failed logins per account and per client (settings: AXES_*). The client is
never stored as its address: ``client_pseudonym`` turns it into a keyed hash (HMAC-SHA256 with a
key derived from SECRET_KEY) written in the shape of an IPv6 address, because axes keeps it in an
address column. The same pseudonym keys the password-reset counters, which live in the cache only.
"""

import hashlib
import ipaddress
import math
import time

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.crypto import salted_hmac

# fd00::/8 is the unique-local range: a pseudonym can never be mistaken for a public address.
_PSEUDONYM_PREFIX = b"\xfd"


def client_address(request) -> str:
    """The client's address as the server sees it, honouring CLIENT_IP_PROXY_COUNT proxies.
    Only ever passed to ``client_pseudonym``: never stored, cached or logged."""
    count = settings.CLIENT_IP_PROXY_COUNT
    if count:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")


def pseudonym_for(address: str) -> str:
    digest = salted_hmac("charter_portal.client", address, algorithm="sha256").digest()
    return str(ipaddress.IPv6Address(_PSEUDONYM_PREFIX + digest[:15]))


def client_pseudonym(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the client as a keyed hash, never its address."""
    return pseudonym_for(client_address(request))


def login_username(request, credentials) -> str:
    """AXES_USERNAME_CALLABLE: one account however its address is capitalised or padded."""
    value = (credentials or {}).get("username") or ""
    return str(value).strip().lower()[:255]


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    """AXES_CLIENT_STR_CALLABLE: what axes writes in its log lines. A hash of the account, the
    client's pseudonym and the path: no address, no user agent."""
    account = hashlib.sha256((username or "").encode()).hexdigest()[:12] if username else "-"
    # Written without colons, so the pseudonym is not taken for an address (and redacted).
    client = ipaddress.ip_address(ip_address).exploded.replace(":", "")[:16] if ip_address else "-"
    return f"{{account: {account}, client: {client}, path: {path_info}}}"


def _minutes(timedelta) -> int:
    return max(1, math.ceil(timedelta.total_seconds() / 60))


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the portal's page for a locked login, status 429."""
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": _minutes(settings.AXES_COOLOFF_TIME)},
        status=429,
    )


class AnonymousDatabaseHandler(AxesDatabaseHandler):
    """axes' database handler, without the user agent: it is not needed to throttle, and the
    portal keeps no user agent in any table (docs/security.md: IP and browser)."""

    @staticmethod
    def _forget_user_agent(request):
        if request is not None:
            request.axes_user_agent = ""

    def is_allowed(self, request, credentials=None):
        self._forget_user_agent(request)
        return super().is_allowed(request, credentials)

    def get_failures(self, request, credentials=None):
        self._forget_user_agent(request)
        return super().get_failures(request, credentials)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        self._forget_user_agent(request)
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        self._forget_user_agent(request)
        return super().user_logged_in(sender, request, user, **kwargs)

    def user_logged_out(self, sender, request, user, **kwargs):
        self._forget_user_agent(request)
        return super().user_logged_out(sender, request, user, **kwargs)


# Password reset ---------------------------------------------------------------------------------


def _within_limit(key: str, limit: int, seconds: int) -> bool:
    """A sliding window kept in the cache: True (and counted) while fewer than ``limit``
    requests were counted under ``key`` in the last ``seconds``. Times come from the clock the
    tests move, not from the cache's own expiry."""
    now = time.time()
    recent = [at for at in cache.get(key, []) if at > now - seconds]
    if len(recent) >= limit:
        return False
    cache.set(key, [*recent, now], seconds)
    return True


def address_key(email: str) -> str:
    digest = salted_hmac("charter_portal.reset", email.strip().lower(), algorithm="sha256")
    return f"reset:address:{digest.hexdigest()}"


def reset_email_allowed(email: str) -> bool:
    """At most PASSWORD_RESET_EMAILS_PER_HOUR reset emails per address per hour."""
    return _within_limit(address_key(email), settings.PASSWORD_RESET_EMAILS_PER_HOUR, 3600)


def reset_request_allowed(request) -> bool:
    """At most PASSWORD_RESET_REQUESTS_PER_CLIENT reset requests per client per cool-off."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    key = f"reset:client:{client_pseudonym(request)}"
    return _within_limit(key, settings.PASSWORD_RESET_REQUESTS_PER_CLIENT, seconds)
