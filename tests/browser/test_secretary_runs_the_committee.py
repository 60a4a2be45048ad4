"""The secretary runs the committee from the admin, in a real browser (issue 8): she invites a
new director, who opens the emailed link, chooses a password, sets up a second factor and lands
on the dashboard; and a save that breaks the committee's compliance is named at once, with a
link to the committee's page in the portal."""

import base64
import datetime
import re

import pytest
from django.core import mail
from django_otp.oath import totp
from playwright.sync_api import expect

from committees.models import Director, Membership
from tests import factories as f
from tests.browser.conftest import shot

NEW_PASSWORD_LABEL = re.compile(r"^\s*New password\s*\*?\s*$")
JUNE_1 = datetime.date(2026, 6, 1)
LINK = re.compile(r"https?://[^/\s]+(/accounts/invitation/[^/\s]+/[^/\s]+/)")


def _committee():
    f.CompanyProfileFactory()
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    f.seat_qualified_member(committee, role="chair", sophisticated=True, full_name="Alice Chair")
    f.seat_qualified_member(committee, full_name="Bob Member")
    f.seat_qualified_member(committee, full_name="Dana Third")
    return committee


@pytest.mark.browser
def test_an_invited_director_sets_a_password_and_a_second_factor_and_reaches_the_dashboard(
    page, browser, log_in, live_server, transactional_db, frozen_today, secretary
):
    committee = _committee()
    nina = f.DirectorFactory(full_name="Nina Newcomer", email="nina@example.test")
    Membership.objects.create(director=nina, committee=committee, start_date=JUNE_1)

    log_in(page, secretary)
    page.goto(f"{live_server.url}/admin/")
    shot(page, "invite_0_admin_index")
    page.get_by_role("link", name="Directors", exact=True).first.click()
    page.get_by_role("link", name="Nina Newcomer").click()
    mail.outbox.clear()
    page.get_by_role("button", name="Invite to the portal").click()
    expect(page.get_by_role("heading", level=1, name="Change director")).to_be_visible()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "Invitation sent to Nina Newcomer at nina@example.test"
    )
    shot(page, "invite_1_sent")

    invitation = next(m for m in mail.outbox if m.subject == "You are invited to Charter Portal")
    path = LINK.search(invitation.body).group(1)
    assert Director.objects.get(pk=nina.pk).user.email == "nina@example.test"

    # Nina, in her own browser.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    director = context.new_page()
    errors = []
    director.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        director.goto(f"{live_server.url}{path}")
        expect(director.get_by_role("heading", name="Choose your password")).to_be_visible()
        shot(director, "invite_2_choose_password")
        director.get_by_label(NEW_PASSWORD_LABEL).fill("a long new passphrase 2026")
        director.get_by_label("New password confirmation").fill("a long new passphrase 2026")
        director.get_by_role("button", name="Set password").click()

        expect(director.get_by_role("heading", name="Set up your second factor")).to_be_visible()
        director.get_by_role("button", name="Continue").click()
        key = director.locator("code.user-select-all").inner_text().strip()
        director.get_by_label("Code from the app").fill(f"{totp(base64.b32decode(key)):06d}")
        shot(director, "invite_3_second_factor")
        director.get_by_role("button", name="Confirm").click()
        expect(director.get_by_role("heading", name="Second factor set up")).to_be_visible()
        director.get_by_role("link", name="Continue to the portal").click()
        expect(director.get_by_role("heading", name="Compliance dashboard")).to_be_visible()
        # She sits on the audit committee: the dashboard shows it to her.
        expect(director.get_by_role("heading", name="Audit Committee").first).to_be_visible()
        shot(director, "invite_4_dashboard")

        # The link worked once.
        director.goto(f"{live_server.url}{path}")
        expect(
            director.get_by_role("heading", name="This invitation link no longer works")
        ).to_be_visible()
    finally:
        context.close()
    assert errors == []


@pytest.mark.browser
def test_a_save_that_breaks_compliance_is_named_at_once_with_a_link_to_the_portal(
    page, log_in, live_server, transactional_db, frozen_today, secretary
):
    """Nasdaq 5605(c)(2)(A) literacy: seating a director the board has not found financially
    literate is saved, and the admin says so at once."""
    committee = _committee()
    lena = f.DirectorFactory(full_name="Lena Late")
    f.IndependenceDeterminationFactory(director=lena)

    log_in(page, secretary)
    page.goto(f"{live_server.url}/admin/committees/membership/add/")
    page.locator(".field-director .select2-selection").click()
    page.locator(".select2-search__field").fill("Lena")
    page.get_by_role("option", name="Lena Late").click()
    page.get_by_label("Committee").select_option(label="Audit Committee")
    page.get_by_label("Start date").fill("2026-06-15")
    page.get_by_role("button", name="Save", exact=True).click()

    warning = page.locator(".messagelist .warning")
    expect(warning).to_contain_text(
        "After this change, Audit Committee no longer complies: Every member financially "
        "literate (Nasdaq 5605(c)(2)(A))."
    )
    expect(warning).to_contain_text("The board has not found Lena Late financially literate.")
    shot(page, "compliance_warning_1_admin")
    assert Membership.objects.filter(director=lena, committee=committee).exists()

    warning.get_by_role("link", name="See Audit Committee in the portal").click()
    expect(page.get_by_role("heading", level=1, name="Audit Committee")).to_be_visible()
    shot(page, "compliance_warning_2_portal")
