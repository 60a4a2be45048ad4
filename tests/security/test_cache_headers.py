"""Issue 7: nothing a logged-in user reads stays in a browser or proxy cache, and the CSRF cookie
ends with the browser (docs/security.md: never a long-lived identifier)."""

import pytest
from django.urls import reverse

from tests.security import portal_data as data
from tests.security.test_every_url import concrete_urls

on_today = data.on_today
portal = data.portal


@pytest.mark.parametrize("role", ["member", "board_reader", "outsider"])
def test_every_page_for_a_logged_in_user_is_no_store(role, portal, client_for):
    client = client_for(portal.users[role])
    problems = []
    for name, url in concrete_urls(portal):
        if name == "logout":
            continue
        response = client.get(url)
        cache = response.get("Cache-Control", "")
        if "no-store" not in cache or "private" not in cache:
            problems.append(f"{url}: Cache-Control {cache!r}")
    assert problems == []


def test_the_csv_export_is_no_store(portal, client_for):
    response = client_for(portal.users["chair"]).get(
        reverse("deadlines:report") + "?committee=audit&format=csv"
    )
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "no-store, private"


def test_the_csrf_cookie_ends_with_the_browser(client, db):
    client.get(reverse("login"))
    cookie = client.cookies["csrftoken"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
