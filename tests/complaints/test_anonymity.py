"""SECURITY anonymity targets 1 to 4 (RULES 6: nothing may expose a reporter, SOX 806): reports
and follow-ups carrying unique addresses, user agents and referrers leave none of them in any
table, the cache or the logs; a server error on a public page reports none of them nor the
report's text; the public pages set no cookie and say no-store and no-referrer. Run on
PostgreSQL in CI (DATABASE_URL), SQLite otherwise."""

import os
import uuid

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.urls import reverse

from complaints.models import Case
from tests.complaints.anonymity import cache_dump, database_dump
from tests.complaints.conftest import receipt_from, submit, token_from

pytestmark = pytest.mark.django_db

# How many reports and follow-ups (the benchmark command does 1,000 against gunicorn).
COUNT = int(os.environ.get("COMPLAINTS_ANONYMITY_COUNT", "40"))


def _traces(i: int) -> dict:
    tag = uuid.uuid4().hex[:12]
    return {
        "REMOTE_ADDR": f"198.51.100.{i % 250 + 1}" if i % 2 else f"2001:db8::{i + 4096:x}",
        "HTTP_X_FORWARDED_FOR": f"203.0.113.{i % 250 + 1}, 192.0.2.{i % 250 + 1}",
        "HTTP_USER_AGENT": f"CanaryBrowser/{tag}",
        "HTTP_REFERER": f"https://intranet.example/referrer-{tag}",
    }


def _markers(traces: list[dict]) -> set[str]:
    found = set()
    for t in traces:
        found |= {t["REMOTE_ADDR"], t["HTTP_USER_AGENT"], t["HTTP_REFERER"]}
        found |= {hop.strip() for hop in t["HTTP_X_FORWARDED_FOR"].split(",")}
        found.add(t["HTTP_USER_AGENT"].split("/")[1])
    return found


def test_no_address_user_agent_or_referrer_is_kept_anywhere(client, policy, console_log, settings):
    """security targets 1 and 4."""
    settings.CLIENT_IP_PROXY_COUNT = 1  # the forwarded address is the client: hash it, keep none
    settings.COMPLAINTS_REPORTS_PER_HOUR = COUNT + 1
    traces = [_traces(i) for i in range(COUNT)]
    for i, trace in enumerate(traces):
        client.defaults = trace
        response = submit(client, narrative=f"Report {i}")
        assert response.status_code == 201, response.content[:300]
        receipt = receipt_from(response)
        url = reverse("report:follow_up")
        page = client.post(url, {"receipt": receipt, "action": "open"})
        client.post(
            url,
            {"receipt": receipt, "action": "reply", "form_token": token_from(page), "body": "More"},
        )
        client.post(url, {"receipt": "1" * 25, "action": "open"})  # a wrong receipt
        assert not response.cookies and not page.cookies
    assert Case.objects.count() == COUNT
    dump, cached, logged = database_dump(), cache_dump(), console_log.getvalue()
    assert cached, "the throttle counted in the cache"
    leaks = [m for m in _markers(traces) if m in dump or m in cached or m in logged]
    assert leaks == []
    # Wrong receipts never create a lockout row of any kind (target 4).
    assert AccessAttempt.objects.count() == AccessFailureLog.objects.count() == 0
    assert AccessLog.objects.count() == 0


def test_a_server_error_on_a_public_page_reports_nothing_of_the_reporter(
    client, policy, console_log, monkeypatch
):
    """security target 2: the error report holds no address, user agent or report text."""

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("complaints.services.case_submit", broken)
    client.raise_request_exception = False
    trace = _traces(7)
    client.defaults = trace
    response = submit(client, narrative="CanaryNarrative about the controller")
    assert response.status_code == 500
    logged = console_log.getvalue()
    assert "Internal Server Error: /report/" in logged
    for marker in [*_markers([trace]), "CanaryNarrative"]:
        assert marker not in logged


@pytest.mark.parametrize("name", ["report:form", "report:follow_up"])
def test_public_pages_set_no_cookie_and_keep_no_copy(client, policy, name):
    """security target 3, on GET and POST."""
    for response in (client.get(reverse(name)), client.post(reverse(name), {})):
        assert not response.cookies
        assert "no-store" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "no-referrer"
        assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_language_switch_sets_no_cookie(client, policy):
    response = client.get(reverse("report:form") + "?lang=es")
    assert not response.cookies and not client.cookies
    assert response["Content-Language"] == "es"


def test_a_report_made_while_logged_in_to_the_portal_names_nobody(policy, client_for, member):
    """An employee who is also a portal user: no history row or outbox entry records who was
    logged in, and the portal session is not even read."""
    from django.apps import apps

    session = client_for(member)
    response = submit(session, narrative="Reported from a logged-in browser")
    assert response.status_code == 201
    assert "Cookie" not in response.get("Vary", "")
    for model in apps.get_models():
        fields = {f.name for f in model._meta.fields}
        if "history_user" in fields:
            assert not model.objects.filter(history_user=member).exists(), model.__name__
    case = Case.objects.get()
    assert {row.history_user for row in case.history.all()} == {None}
