"""A user's own account in a real browser: a forgotten password reset end to end from the login
page (a weak password refused first), logging out, and the personal calendar feed whose old
address stops working once it is reset."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from committees.models import CharterReview
from deadlines.services import deadlines_run
from tests import factories as f
from tests.browser.conftest import NOW, pass_second_factor, shot
from tests.logins import authenticator_for

TODAY = NOW.date()
NEW_PASSWORD = "larch quarry mellow 42"
# Crispy forms marks a required field with an asterisk after its label.
NEW_PASSWORD_LABEL = re.compile(r"^\s*New password\s*\*?\s*$")


def _bob():
    """Bob serves on the audit committee, whose annual charter review is overdue."""
    f.CompanyProfileFactory()
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    f.seat_qualified_member(committee, role="chair", sophisticated=True, full_name="Alice Chair")
    bob = f.UserFactory(email="bob.member@example.test", full_name="Bob Member")
    f.seat_qualified_member(committee, full_name="Bob Member", user=bob)
    f.seat_qualified_member(committee, full_name="Dana Third")
    authenticator_for(bob)
    return committee, bob


def _log_out(page):
    page.get_by_role("button", name="Bob Member").click()
    page.get_by_role("button", name="Log out").click()


@pytest.mark.browser
def test_a_forgotten_password_is_reset_from_the_login_page(
    page, live_server, transactional_db, frozen_today, settings
):
    """The emailed link sets a new password once; a weak one is refused with its reason."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The link is built from SITE_URL, never from the request's host.
    settings.SITE_URL = live_server.url
    mail.outbox = []
    _, bob = _bob()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    page.get_by_label("Email").fill("bob.member@example.test")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bob.member@example.test"]
    assert message.subject == "Charter Portal: reset your password"
    link = re.search(r"http://\S+/accounts/password/reset/\S+/", message.body).group(0)
    assert link.startswith(live_server.url)

    page.goto(link)
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    page.get_by_label(NEW_PASSWORD_LABEL).fill("password")
    page.get_by_label("New password confirmation").fill("password")
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    expect(page.get_by_text("This password is too common.")).to_be_visible()
    expect(page.get_by_text("This password is too short.")).to_be_visible()
    shot(page, "account_1_weak_password")
    bob.refresh_from_db()
    assert bob.check_password("correct horse battery")

    page.get_by_label(NEW_PASSWORD_LABEL).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_role("heading", name="Password set")).to_be_visible()

    # The link works once.
    page.goto(link)
    expect(page.get_by_role("heading", name="This link no longer works")).to_be_visible()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill("bob.member@example.test")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".alert-danger")).to_contain_text(
        "Please enter a correct email address and password."
    )
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    pass_second_factor(page, bob)
    expect(page.get_by_role("heading", name="Compliance dashboard")).to_be_visible()

    _log_out(page)
    expect(page.get_by_role("heading", name="Log in to Charter Portal")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    expect(page.get_by_role("heading", name="Log in to Charter Portal")).to_be_visible()
    shot(page, "account_2_logged_out")


@pytest.mark.browser
def test_the_calendar_feed_address_stops_working_once_reset(
    page, log_in, live_server, transactional_db, frozen_today, settings
):
    """The feed lists the user's open deadlines; a reset makes a new address at once."""
    settings.SITE_URL = live_server.url
    committee, bob = _bob()
    CharterReview.objects.create(
        committee=committee,
        reviewed_on=datetime.date(2025, 5, 1),
        held_at=CharterReview.HeldAt.MEETING,
        held_at_reference="Audit Committee meeting of 1 May 2025",
        outcome=CharterReview.Outcome.NO_CHANGE,
    )
    deadlines_run(as_of=TODAY)

    log_in(page, bob)
    page.get_by_role("button", name="Bob Member").click()
    page.get_by_role("link", name="My calendar feed").click()
    expect(page.get_by_role("heading", level=1, name="My calendar feed")).to_be_visible()
    in_feed = page.get_by_role("region", name="In your feed today")
    expect(in_feed).to_contain_text("Annual charter review")

    page.get_by_role("button", name="Make my feed address").click()
    expect(page.get_by_text("Copy your address now: it is shown only this once.")).to_be_visible()
    first = page.get_by_label("Copy your address now").input_value()
    assert first.startswith(f"{live_server.url}/deadlines/feed/") and first.endswith(".ics")
    feed = page.request.get(first)
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert "SUMMARY:Due: Annual charter review (Audit Committee)" in feed.text()

    # Reloading never shows the address again.
    page.goto(f"{live_server.url}/deadlines/feed/")
    expect(page.get_by_text("the portal cannot show it again")).to_be_visible()
    expect(page.get_by_label("Copy your address now")).to_have_count(0)

    # Resetting needs the confirmation box ticked.
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Tick the box to confirm: the address you use now will stop working at once."
    )
    assert page.request.get(first).status == 200

    page.get_by_label("Yes, stop the current address working").check()
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_text("Copy your address now: it is shown only this once.")).to_be_visible()
    second = page.get_by_label("Copy your address now").input_value()
    assert second != first
    shot(page, "account_3_feed_reset")

    assert page.request.get(first).status == 404
    renewed = page.request.get(second)
    assert renewed.status == 200
    assert "Annual charter review" in renewed.text()
