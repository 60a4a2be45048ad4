"""Error pages say what happened and where to go, with the portal's navigation (the 500 page
stands alone: it needs no context processor and no database); the navigation offers each role
only the pages it can use."""

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.logins import verified_login

RECORD_REVIEW = reverse("committees:charter_review_record", args=["audit"])


def test_a_refused_page_is_the_styled_403_with_the_reason(client_for, member):
    """PermissionDenied raised in a view renders the portal's 403 (handler403)."""
    response = client_for(member).get(RECORD_REVIEW)
    assert response.status_code == 403
    html = response.content.decode()
    assert "This page is not open to you" in html
    assert "Only the committee&#x27;s chair or the secretary records a review." in html
    assert 'aria-label="Main"' in html and f'href="{reverse("home")}"' in html
    assert "Bob Member" in html  # the navigation knows who is logged in


def test_an_unknown_address_is_the_styled_404(client_for, member):
    response = client_for(member).get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is nothing to show you at this address" in html
    assert "Your dashboard" in html and 'aria-label="Main"' in html


def test_a_404_for_someone_logged_out_offers_the_login(db, client):
    html = client.get("/no/such/page/").content.decode()
    assert f'href="{reverse("login")}?next=/no/such/page/"' in html


def test_the_500_page_needs_neither_context_nor_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html and 'href="/"' in html
    assert "Something went wrong" in render_to_string("500.html")


def test_a_csrf_failure_is_the_styled_403(member):
    client = verified_login(Client(enforce_csrf_checks=True), member)
    response = client.post(reverse("deadlines:notifications_read"), {})
    assert response.status_code == 403
    html = response.content.decode()
    assert "The form was not sent: please try again" in html
    assert 'aria-label="Main"' in html


NAV = {
    "committees": reverse("committees:list"),
    "calendar": reverse("deadlines:calendar"),
    "report": reverse("deadlines:report"),
    "feed": reverse("deadlines:feed"),
    "admin": reverse("admin:index"),
}


@pytest.mark.parametrize(
    ("who", "offered"),
    [
        ("secretary", {"committees", "calendar", "report", "feed", "admin"}),
        ("chair", {"committees", "calendar", "report", "feed"}),
        ("member", {"committees", "calendar", "report", "feed"}),
        ("board_reader", {"committees", "calendar", "report"}),
        ("investigator", set()),
    ],
)
def test_the_navigation_offers_only_what_the_role_can_use(request, client_for, who, offered):
    """An investigator reads no committee and is reminded of nothing; a board reader reads
    summaries but has no deadlines of their own (no calendar feed)."""
    user = request.getfixturevalue(who)
    request.getfixturevalue("audit_committee")
    html = client_for(user).get(reverse("home")).content.decode()
    nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    shown = {name for name, url in NAV.items() if f'href="{url}"' in nav}
    assert shown == offered
    for name in shown - {"admin"}:
        assert client_for(user).get(NAV[name]).status_code == 200
