"""The second factor on every portal and admin page (security target 7, issue 7: Accounts):
a password-only session reaches no page but the exempt ones, a code works once, backup codes
work once each, enrolment happens at the first login, and changing the password or the second
factor asks for the password and a fresh code first."""

import base64
import itertools

import pytest
from django.contrib.auth.views import redirect_to_login
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from charter_portal.accounts.second_factor import EXEMPT_URL_NAMES
from tests.conftest import PASSWORD
from tests.logins import (
    authenticator_for,
    code_for,
    password_only_login,
    post_code,
    post_password,
)

# Values tried for each URL kwarg when walking every pattern; the middleware answers before any
# view runs, so the values need only make a URL.
GUESSES = {
    "pk": [1],
    "object_id": ["1"],
    "slug": ["audit"],
    "token": ["x" * 43, "abc-123"],
    "uidb64": ["MQ"],
    "app_label": ["charter_portal", "committees", "deadlines"],
    "content_type_id": [1],
    "url": ["x"],
    "version_id": [1],
}
EXPECTED_EXEMPT = {
    "healthz",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    # An invited director chooses a password before having a second factor (issue 8).
    "invitation_accept",
    "second_factor_verify",
    "two_factor:setup",
    "deadlines:feed_ics",
    # The public complaint pages: no account at all (issue 9).
    "report:form",
    "report:follow_up",
}


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", tuple(entry.pattern.regex.groupindex)


def every_named_url() -> dict[str, str]:
    """One concrete URL per named pattern of the project, the admin's included."""
    urls = {}
    for name, kwargs in _walk(get_resolver().url_patterns):
        for values in itertools.product(*(GUESSES.get(k, ["x"]) for k in kwargs)):
            try:
                urls[name] = reverse(name, kwargs=dict(zip(kwargs, values, strict=True)))
                break
            except NoReverseMatch:
                continue
    return urls


def test_the_exempt_pages_are_exactly_the_reviewed_list():
    """A page reachable before the second factor is a reviewed decision: this list changes only
    with this test (the public complaint pages under /report/ are on it)."""
    assert EXEMPT_URL_NAMES == EXPECTED_EXEMPT
    named = every_named_url()
    assert set(named) >= EXEMPT_URL_NAMES, "an exempt name no longer names a page"


@pytest.mark.django_db
@pytest.mark.parametrize("has_authenticator", [True, False])
def test_a_password_only_session_reaches_no_portal_or_admin_page(secretary, has_authenticator):
    """security target 7: 0 pages. The secretary (staff) with only a password is sent to
    enter a code, or to set up an authenticator if she has none, from every non-exempt URL."""
    if has_authenticator:
        authenticator_for(secretary)
    client = password_only_login(Client(), secretary)
    target = reverse("second_factor_verify" if has_authenticator else "two_factor:setup")
    urls = every_named_url()
    assert len(urls) > 60  # the walk reaches the portal and the admin
    reached = []
    for name, url in urls.items():
        if name in EXEMPT_URL_NAMES:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            expected = redirect_to_login(url, target)["Location"]
            if response.status_code != 302 or response["Location"] != expected:
                reached.append(f"{method.upper()} {url} ({name}): {response.status_code}")
    assert reached == []


@pytest.mark.django_db
def test_the_exempt_pages_answer_a_password_only_session(member):
    client = password_only_login(Client(), member)
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("password_reset")).status_code == 200
    assert client.get(reverse("login")).status_code == 200


@pytest.mark.django_db
def test_login_asks_for_the_code_after_the_password(member):
    authenticator_for(member)
    client = Client()
    response = post_password(client, member.email, PASSWORD)
    assert response.status_code == 200
    assert "Enter your code" in response.content.decode()
    assert "_auth_user_id" not in client.session  # no session before the code
    response = post_code(client, code_for(member))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_a_wrong_code_is_refused_with_a_message(member):
    authenticator_for(member)
    client = Client()
    post_password(client, member.email, PASSWORD)
    right = code_for(member)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = post_code(client, wrong)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_replayed_code_is_refused_at_login_and_on_the_verify_page(member):
    """security target 7: a one-time code works once."""
    authenticator_for(member)
    code = code_for(member)
    first = Client()
    post_password(first, member.email, PASSWORD)
    assert post_code(first, code).status_code == 302

    second = Client()
    post_password(second, member.email, PASSWORD)
    response = post_code(second, code)
    assert response.status_code == 200
    assert "_auth_user_id" not in second.session

    third = password_only_login(Client(), member)
    response = third.post(reverse("second_factor_verify"), {"otp_token": code})
    assert response.status_code == 200
    assert "each code works once" in response.content.decode()
    assert third.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_the_verify_page_lets_a_password_only_session_in_with_a_fresh_code(member):
    authenticator_for(member)
    client = password_only_login(Client(), member)
    response = client.get(reverse("home"))
    assert response["Location"] == f"{reverse('second_factor_verify')}?next=/"
    response = client.post(
        f"{reverse('second_factor_verify')}?next=/", {"otp_token": code_for(member)}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(reverse("home")).status_code == 200


def _backup_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, name="backup")
    device.token_set.all().delete()
    for token in ("backup111", "backup222"):
        device.token_set.create(token=token)
    return ["backup111", "backup222"]


@pytest.mark.django_db
def test_a_backup_code_opens_the_portal_once(member):
    authenticator_for(member)
    first, _ = _backup_codes(member)
    client = Client()
    post_password(client, member.email, PASSWORD)
    assert post_code(client, first, step="backup").status_code == 302
    again = Client()
    post_password(again, member.email, PASSWORD)
    assert post_code(again, first, step="backup").status_code == 200
    assert "_auth_user_id" not in again.session


@pytest.mark.django_db
def test_a_first_login_enrols_an_authenticator_and_shows_backup_codes(member):
    """Enrolment at first login: the QR code is inline SVG made on the server (no image URL,
    no script), the key can be typed instead, and confirming gives ten backup codes."""
    client = Client()
    response = post_password(client, member.email, PASSWORD)
    assert response.status_code == 302
    response = client.get(reverse("home"))
    assert response["Location"] == f"{reverse('two_factor:setup')}?next=/"
    setup = response["Location"]
    response = client.post(setup, {"setup_view-current_step": "welcome"})
    html = response.content.decode()
    assert "<svg" in html and "<img" not in html.split("<main", 1)[1]
    key = response.context["secret_key"]
    code = f"{totp(base64.b32decode(key)):06d}"
    response = client.post(setup, {"setup_view-current_step": "generator", "generator-token": code})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:setup_complete"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert len(page.context["codes"]) == 10
    assert TOTPDevice.objects.filter(user=member, name="default", confirmed=True).count() == 1
    assert client.get(reverse("home")).status_code == 200
    # The code typed to confirm the app does not open a second login.
    other = Client()
    post_password(other, member.email, PASSWORD)
    assert post_code(other, code).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", ["password_change", "two_factor:backup_tokens", "authenticator_replace"]
)
def test_changing_the_password_or_second_factor_asks_for_password_and_a_fresh_code(
    url_name, member, client_for
):
    client = client_for(member)
    url = reverse(url_name)
    response = client.post(url) if url_name == "authenticator_replace" else client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('reauthenticate')}?next={url}"
    assert TOTPDevice.objects.filter(user=member).exists()

    reauth = f"{reverse('reauthenticate')}?next={url}"
    refused = client.post(reauth, {"password": "not it", "otp_token": code_for(member)})
    assert refused.status_code == 200
    assert "That is not your password." in refused.content.decode()
    code = code_for(member)
    response = client.post(reauth, {"password": PASSWORD, "otp_token": code})
    assert response.status_code == 302 and response["Location"] == url
    # The same code cannot confirm a second time.
    replay = client.post(reauth, {"password": PASSWORD, "otp_token": code})
    assert replay.status_code == 200
    response = client.post(url) if url_name == "authenticator_replace" else client.get(url)
    if url_name == "authenticator_replace":
        assert response["Location"] == reverse("two_factor:setup")
        assert not TOTPDevice.objects.filter(user=member).exists()
    else:
        assert response.status_code == 200


@pytest.mark.django_db
def test_the_admin_login_page_sends_to_the_portal_login(client):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=%2Fadmin%2F"
