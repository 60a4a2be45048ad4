"""A committee member's journey through the roster in a real browser: from the dashboard to the
committee page, the cure-period finding, and the roster on another date."""

import datetime

import pytest
from playwright.sync_api import expect

from committees.compliance import evaluate_committee
from tests import factories as f
from tests.browser.conftest import NOW

# "Today" for the server; the clock keeps ticking so sessions and waits behave normally.
TODAY = NOW.date()


def _committee_with_a_cure_period():
    """Alice chairs, Bob serves; Evan left on 31 December 2025; Dana joined on 1 January 2026 and
    lost her independence on 2 March 2026 (her brother became an executive officer)."""
    f.CompanyProfileFactory()
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    f.seat_qualified_member(committee, role="chair", sophisticated=True, full_name="Alice Chair")
    bob = f.UserFactory(email="bob.member@example.test", full_name="Bob Member")
    f.seat_qualified_member(committee, full_name="Bob Member", user=bob)
    evan = f.seat_qualified_member(committee, full_name="Evan Early")
    evan.memberships.update(end_date=datetime.date(2025, 12, 31))
    dana = f.seat_qualified_member(
        committee, full_name="Dana Cure", start=datetime.date(2026, 1, 1)
    )
    f.lose_independence_in_cure_period(committee, dana, event=datetime.date(2026, 3, 2))
    return committee, bob


@pytest.mark.browser
def test_member_opens_the_roster_from_the_dashboard_and_sees_the_cure_period(
    page, log_in, live_server, transactional_db, frozen_today
):
    """Nasdaq 5605(c)(4): the cure period shows with its explanation and deadline."""
    committee, bob = _committee_with_a_cure_period()
    finding = next(
        x
        for x in evaluate_committee(committee, TODAY).findings
        if x.key == "committees.composition.independence"
    )

    log_in(page, bob)
    expect(page.get_by_role("heading", name="Compliance dashboard")).to_be_visible()
    page.get_by_role("link", name="Open the Audit Committee roster").click()

    expect(page).to_have_url(f"{live_server.url}/committees/audit/")
    expect(page.get_by_role("heading", level=1, name="Audit Committee")).to_be_visible()
    card = page.locator('[data-finding="committees.composition.independence"]')
    expect(card).to_contain_text("In a cure period")
    expect(card).to_contain_text(finding.detail)
    expect(card).to_contain_text("Deadline: 2 March 2027")
    roster = page.get_by_role("table", name="Members of Audit Committee on 15 June 2026")
    expect(roster.get_by_role("row", name="Dana Cure")).to_contain_text(
        "Cure period until 2 March 2027"
    )


@pytest.mark.browser
def test_the_date_form_changes_the_roster(
    page, log_in, live_server, transactional_db, frozen_today
):
    _, bob = _committee_with_a_cure_period()
    log_in(page, bob)
    page.goto(f"{live_server.url}/committees/audit/")
    today_roster = page.get_by_role("table", name="Members of Audit Committee on 15 June 2026")
    expect(today_roster).to_contain_text("Dana Cure")
    expect(today_roster).not_to_contain_text("Evan Early")

    page.get_by_label("See the roster on another date").fill("2025-06-01")
    page.get_by_role("button", name="Show").click()

    expect(page).to_have_url(f"{live_server.url}/committees/audit/?as_of=2025-06-01")
    past_roster = page.get_by_role("table", name="Members of Audit Committee on 1 June 2025")
    expect(past_roster).to_contain_text("Evan Early")
    expect(past_roster).not_to_contain_text("Dana Cure")
    expect(page.get_by_text("Roster and composition on 1 June 2025")).to_be_visible()

    page.get_by_role("link", name="Back to today").click()
    expect(
        page.get_by_role("table", name="Members of Audit Committee on 15 June 2026")
    ).to_be_visible()
