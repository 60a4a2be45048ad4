"""Login throttling (issue 7: Accounts): per account and per client, with a cool-off that a
locked-out attacker cannot extend, no client address or user agent stored or logged, and no
effect on the pages that are not login or reset forms."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.core import serializers
from django.test import Client
from django.urls import reverse

from deadlines.services.feeds import calendar_feed_reset
from tests.conftest import PASSWORD
from tests.logins import authenticator_for, post_password

START = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=datetime.UTC)
ADDRESS = "203.0.113.77"
USER_AGENT = "CanaryBrowser/9.9 (canary-agent-5521)"


def _client(address=ADDRESS) -> Client:
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=USER_AGENT)


def _fail(times, email, address=ADDRESS):
    for _ in range(times):
        response = post_password(_client(address), email, "not the password")
        assert response.status_code in (200, 429)


def _passes_password(response) -> bool:
    """The password step accepted: the code step is shown."""
    return response.status_code == 200 and "Enter your code" in response.content.decode()


@pytest.mark.django_db
def test_after_the_threshold_the_right_password_is_refused_until_the_cool_off_ends(
    member, settings
):
    """Brute force: AXES_FAILURE_LIMIT wrong passwords lock the account; the right password is
    refused (429, the portal's page) until the cool-off ends, one second either side."""
    authenticator_for(member)
    cool_off = settings.AXES_COOLOFF_TIME
    assert cool_off == datetime.timedelta(minutes=15)
    with time_machine.travel(START, tick=False) as clock:
        _fail(settings.AXES_FAILURE_LIMIT, member.email)
        refused = post_password(_client(), member.email, PASSWORD)
        assert refused.status_code == 429
        assert "Too many attempts" in refused.content.decode()
        assert "Try again in 15 minutes" in refused.content.decode()
        clock.move_to(START + cool_off - datetime.timedelta(seconds=1))
        assert post_password(_client(), member.email, PASSWORD).status_code == 429
        clock.move_to(START + cool_off + datetime.timedelta(seconds=1))
        assert _passes_password(post_password(_client(), member.email, PASSWORD))


@pytest.mark.django_db
def test_one_failure_short_of_the_threshold_still_lets_the_right_password_in(member, settings):
    authenticator_for(member)
    _fail(settings.AXES_FAILURE_LIMIT - 1, member.email)
    assert _passes_password(post_password(_client(), member.email, PASSWORD))


@pytest.mark.django_db
def test_failures_during_a_lockout_do_not_extend_it(member, settings):
    """Nobody can lock a director out for good: trying again while locked does not move the
    end of the cool-off."""
    authenticator_for(member)
    with time_machine.travel(START, tick=False) as clock:
        _fail(settings.AXES_FAILURE_LIMIT, member.email)
        clock.move_to(START + datetime.timedelta(minutes=14))
        _fail(3, member.email)
        clock.move_to(START + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1))
        assert _passes_password(post_password(_client(), member.email, PASSWORD))


@pytest.mark.django_db
def test_the_account_is_throttled_whatever_client_tries(member, settings):
    authenticator_for(member)
    for n in range(settings.AXES_FAILURE_LIMIT):
        _fail(1, member.email, address=f"198.51.100.{n + 1}")
    assert post_password(_client("192.0.2.200"), member.email, PASSWORD).status_code == 429


@pytest.mark.django_db
def test_a_client_guessing_many_accounts_is_throttled_and_others_are_not(member, settings):
    authenticator_for(member)
    for n in range(settings.AXES_FAILURE_LIMIT):
        _fail(1, f"nobody{n}@example.test")
    assert post_password(_client(), member.email, PASSWORD).status_code == 429
    assert _passes_password(post_password(_client("192.0.2.9"), member.email, PASSWORD))


@pytest.mark.django_db
def test_the_admin_login_goes_through_the_same_throttle(member, settings):
    _fail(settings.AXES_FAILURE_LIMIT, member.email)
    response = _client().get(reverse("admin:login"))
    assert response["Location"].startswith(reverse("login"))
    assert post_password(_client(), member.email, PASSWORD).status_code == 429


@pytest.mark.django_db
def test_a_locked_client_still_reaches_every_page_that_is_not_a_login_form(member, settings):
    """Throttling touches only the login and reset forms: the health check, the calendar feed
    and the login page itself (GET) answer a locked-out client as usual."""
    token = calendar_feed_reset(user=member, now=START)
    _fail(settings.AXES_FAILURE_LIMIT, member.email)
    client = _client()
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("deadlines:feed_ics", args=[token])).status_code == 200
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("password_reset")).status_code == 200


def _database_dump() -> str:
    rows = []
    for model in apps.get_models():
        rows.append(serializers.serialize("json", model._default_manager.all()))
    return "\n".join(rows)


@pytest.mark.django_db
def test_failed_logins_are_recorded_without_the_address_or_user_agent(
    member, settings, console_log
):
    """The lockout rows and every log line hold a keyed hash of the client, never its address or
    user agent: the whole database and the captured logs are searched for both."""
    authenticator_for(member)
    _fail(settings.AXES_FAILURE_LIMIT + 1, member.email)
    from axes.models import AccessAttempt

    attempts = list(AccessAttempt.objects.all())
    assert attempts, "the failures were recorded"
    assert all(a.ip_address.startswith("fd") for a in attempts)
    dump = _database_dump()
    logs = console_log.getvalue()
    for secret in (ADDRESS, USER_AGENT, "canary-agent-5521", PASSWORD):
        assert secret not in dump
        assert secret not in logs
    assert "AXES: Locking out" in logs
