"""The second factor in a real browser (issue 7, security target 7): a member without one
enrols at the first login (QR code drawn by the server, no console or CSP error), keeps the
backup codes, logs out, and then cannot reach the dashboard with the password alone."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests import factories as f
from tests.browser.conftest import pass_second_factor, shot
from tests.logins import code_for


def _member():
    f.CompanyProfileFactory()
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    bob = f.UserFactory(email="bob.member@example.test", full_name="Bob Member")
    f.seat_qualified_member(committee, full_name="Bob Member", user=bob)
    return bob


def _password(page, url, email):
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()


@pytest.mark.browser
def test_a_member_enrols_logs_out_and_cannot_get_in_with_the_password_alone(
    page, live_server, transactional_db, frozen_today
):
    bob = _member()
    _password(page, live_server.url, bob.email)

    # First login: the portal sends him to set up an authenticator before anything else.
    expect(page.get_by_role("heading", name="Set up your second factor")).to_be_visible()
    page.goto(f"{live_server.url}/committees/")
    expect(page.get_by_role("heading", name="Set up your second factor")).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    qr = page.get_by_role("img", name="QR code for your authenticator app")
    expect(qr).to_be_visible()
    assert qr.locator("svg").count() == 1
    shot(page, "second_factor_1_qr")
    key = page.locator("code.user-select-all").inner_text().strip()
    page.get_by_label("Code from the app").fill("000000")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("alert")).to_contain_text("not valid")
    page.get_by_label("Code from the app").fill(f"{totp(base64.b32decode(key)):06d}")
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Second factor set up")).to_be_visible()
    codes = page.get_by_role("region", name="Your backup codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    shot(page, "second_factor_2_backup_codes")
    # On to the page he asked for before enrolling.
    page.get_by_role("link", name="Continue to the portal").click()
    expect(page.get_by_role("heading", level=1, name="Committees")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Compliance dashboard")).to_be_visible()

    page.get_by_role("button", name="Bob Member").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in to Charter Portal")).to_be_visible()

    # The password alone: the code is asked for, and the dashboard stays shut.
    _password(page, live_server.url, bob.email)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    shot(page, "second_factor_3_code_asked")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    expect(page.get_by_role("heading", name="Compliance dashboard")).to_have_count(0)

    # With the code from the app, he is in.
    _password(page, live_server.url, bob.email)
    pass_second_factor(page, bob)
    expect(page.get_by_role("heading", name="Compliance dashboard")).to_be_visible()


@pytest.mark.browser
def test_backup_codes_need_the_password_and_a_fresh_code(
    page, log_in, live_server, transactional_db, frozen_today
):
    """Account security: showing or renewing the backup codes first asks for the password and a
    new code (re-authentication); every page keeps the portal's look with no CSP error."""
    bob = _member()
    log_in(page, bob)
    page.get_by_role("button", name="Bob Member").click()
    page.get_by_role("link", name="Account security").click()
    expect(page.get_by_role("heading", name="Account security")).to_be_visible()
    page.get_by_role("link", name="Show or renew your backup codes").click()
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_label("Code").fill(code_for(bob))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Backup codes", exact=True)).to_be_visible()
    page.get_by_role("button", name="Make new codes").click()
    expect(page.get_by_role("alert")).to_have_text(
        "New backup codes made: the old ones no longer work."
    )
    codes = page.get_by_role("region", name="Your backup codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    shot(page, "second_factor_4_backup_codes_renewed")
