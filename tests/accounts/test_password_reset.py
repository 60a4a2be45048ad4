"""Password reset (issue 7: Accounts): the email is queued after commit, so the answer is the
same whatever address is entered; the link comes from SITE_URL, never the request's host; at
most three emails per address per hour; and a client asking too often is paused."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.logins import authenticator_for, post_password

START = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=datetime.UTC)


def _ask(client, email, **extra):
    """Ask for a link, then run what the request queued after commit, as its commit would (the
    test's own transaction never commits)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("password_reset"), {"email": email}, **extra)


@pytest.mark.django_db
def test_known_and_unknown_addresses_get_the_same_answer_and_the_email_is_queued(
    member, django_capture_on_commit_callbacks
):
    answers = []
    for email in (member.email, "nobody@example.test"):
        mail.outbox = []
        with django_capture_on_commit_callbacks(execute=False) as queued:
            response = Client().post(reverse("password_reset"), {"email": email})
        answers.append((response.status_code, response["Location"], len(queued)))
        assert mail.outbox == []  # nothing is sent inside the request
        for callback in queued:
            callback()
        assert [m.to for m in mail.outbox] == ([[member.email]] if email == member.email else [])
    assert answers[0] == answers[1] == (302, reverse("password_reset_done"), 1)


@pytest.mark.django_db
def test_the_link_is_built_from_site_url_even_with_a_forged_host(member, settings):
    settings.SITE_URL = "https://portal.example.com"
    settings.ALLOWED_HOSTS = ["*"]  # a proxy passing any Host header through
    mail.outbox = []
    _ask(Client(), member.email, HTTP_HOST="attacker.example")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "attacker.example" not in body
    assert re.search(r"https://portal\.example\.com/accounts/password/reset/\S+/\S+/", body)


@pytest.mark.django_db
def test_at_most_three_emails_per_address_per_hour(member, settings):
    mail.outbox = []
    with time_machine.travel(START, tick=False):
        for n, email in enumerate([member.email, member.email.upper(), f" {member.email} "] * 2):
            response = _ask(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), email)
            assert response.status_code == 302
        assert len(mail.outbox) == settings.PASSWORD_RESET_EMAILS_PER_HOUR == 3
        _ask(Client(), "otto.other@example.test")
    with time_machine.travel(START + datetime.timedelta(hours=1, seconds=1), tick=False):
        _ask(Client(), member.email)
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_a_client_asking_too_often_is_paused_whatever_the_address(settings):
    limit = settings.PASSWORD_RESET_REQUESTS_PER_CLIENT
    client = Client(REMOTE_ADDR="203.0.113.5")
    for n in range(limit):
        assert _ask(client, f"someone{n}@example.test").status_code == 302
    refused = _ask(client, "someone@example.test")
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert _ask(Client(REMOTE_ADDR="203.0.113.6"), "x@example.test").status_code == 302


@pytest.mark.django_db
def test_a_new_password_from_the_link_ends_every_session(member, client_for):
    other = client_for(member)
    mail.outbox = []
    _ask(Client(), member.email)
    link = re.search(r"http\S+/accounts/password/reset/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client = Client()
    form = client.get(f"/{path}", follow=True)
    new = "larch quarry mellow 42"
    response = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert other.get(reverse("home")).status_code == 302
    authenticator_for(member)
    assert "Enter your code" in post_password(Client(), member.email, new).content.decode()
    assert post_password(Client(), member.email, PASSWORD).status_code == 200
