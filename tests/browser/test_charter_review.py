"""The annual charter review in a real browser (Charter: Responsibilities 7; Nasdaq 5605(c)(1)):
a member sees it overdue on the dashboard, the chair records it in the portal, and the
dashboard item turns met at once."""

import datetime

import pytest
from playwright.sync_api import expect

from committees.models import CharterReview
from deadlines.services import deadlines_run
from tests import factories as f
from tests.browser.conftest import NOW

TODAY = NOW.date()


def _committee_overdue_for_review():
    """Reviewed on 1 May 2025, so the next review was due on 1 May 2026: overdue today."""
    f.CompanyProfileFactory()
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    alice = f.UserFactory(email="alice.chair@example.test", full_name="Alice Chair")
    f.seat_qualified_member(
        committee, role="chair", sophisticated=True, full_name="Alice Chair", user=alice
    )
    bob = f.UserFactory(email="bob.member@example.test", full_name="Bob Member")
    f.seat_qualified_member(committee, full_name="Bob Member", user=bob)
    f.seat_qualified_member(committee, full_name="Dana Third")
    CharterReview.objects.create(
        committee=committee,
        reviewed_on=datetime.date(2025, 5, 1),
        held_at=CharterReview.HeldAt.MEETING,
        held_at_reference="Audit Committee meeting of 1 May 2025",
        outcome=CharterReview.Outcome.NO_CHANGE,
    )
    deadlines_run(as_of=TODAY)
    return committee, alice, bob


def _review_item(page):
    return page.locator(".deadline-item", has_text="Annual charter review")


@pytest.mark.browser
def test_the_chair_records_the_overdue_charter_review_and_the_dashboard_turns_met(
    browser, page, log_in, live_server, transactional_db, frozen_today
):
    committee, alice, bob = _committee_overdue_for_review()

    log_in(page, bob)
    overdue = page.locator("#overdue-audit").locator("xpath=..")
    expect(overdue.locator(".deadline-item", has_text="Annual charter review")).to_be_visible()
    expect(_review_item(page)).to_have_class("deadline-item status-overdue mb-2")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    chair_page = context.new_page()
    try:
        log_in(chair_page, alice)
        chair_page.goto(f"{live_server.url}/committees/audit/")
        chair_page.get_by_role(
            "link", name="Charter reviews, self-evaluations and advisors"
        ).click()
        chair_page.get_by_role("link", name="Record a review").click()
        chair_page.get_by_label("Date of the review").fill(TODAY.isoformat())
        chair_page.get_by_label("At a meeting").check()
        chair_page.get_by_label("Meeting or written consent").fill(
            "Audit Committee meeting of 15 June 2026"
        )
        chair_page.get_by_label("No change").check()
        chair_page.get_by_label("Summary").fill("The charter remains adequate.")
        chair_page.get_by_role("button", name="Record the review").click()
        expect(chair_page.get_by_role("alert")).to_contain_text("The charter review is recorded.")
        expect(chair_page.locator("#charter-reviews")).to_contain_text("15 June 2026")
    finally:
        context.close()

    page.reload()
    recent = page.locator("#recent-audit").locator("xpath=..")
    item = recent.locator(".deadline-item", has_text="Annual charter review")
    expect(item).to_be_visible()
    expect(item).to_have_class("deadline-item status-met mb-2")
    expect(page.locator("#overdue-audit").locator("xpath=..")).not_to_contain_text(
        "Annual charter review"
    )
