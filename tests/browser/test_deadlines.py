"""The chair's deadline journey in a real browser: from the compliance calendar to an overdue
item, waived with a reason; the dashboard then shows it waived, no longer overdue."""

import pytest
from playwright.sync_api import expect

from committees.models import Committee
from tests.deadlines import conftest as deadline_fixtures
from tests.deadlines.support import occurrence
from tests.deadlines.views_data import Q1, QUARTERLY, register_requirements, run_the_year

# Fixtures shared with the deadline engine's tests.
board_chair = deadline_fixtures.board_chair
domain = deadline_fixtures.domain
done = deadline_fixtures.done
isolated_registry = deadline_fixtures.isolated_registry


@pytest.mark.browser
def test_the_chair_waives_an_overdue_review_from_the_calendar(
    page, log_in, live_server, transactional_db, frozen_today, domain, done, chair
):
    """A waiver needs the chair and a reason; it then shows on the page and the dashboard."""
    register_requirements(done)
    run_the_year()
    overdue = occurrence(QUARTERLY, Q1)

    log_in(page, chair)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calendar").click()
    expect(page.get_by_role("heading", name="Compliance calendar: Audit Committee")).to_be_visible()
    march = page.get_by_role("region", name="March 2026")
    item = march.locator(f'[data-occurrence="{overdue.pk}"]')
    expect(item).to_contain_text("Overdue")
    item.get_by_role("link", name="Quarterly review").click()

    expect(page.get_by_role("heading", level=1, name="Quarterly review")).to_be_visible()
    page.get_by_role("button", name="Waive this requirement").click()
    expect(
        page.get_by_text("Give the reason for the waiver; every report shows it.")
    ).to_be_visible()
    page.get_by_label("Reason for the waiver").fill(
        "Covered by the joint board meeting of 20 March."
    )
    page.get_by_role("button", name="Waive this requirement").click()

    expect(
        page.get_by_text("Waived. The reason now shows on this page and every report.")
    ).to_be_visible()
    expect(page.get_by_text("Waived by Alice Chair")).to_be_visible()
    expect(page.get_by_text("Covered by the joint board meeting of 20 March.")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    overdue_list = page.get_by_role("list", name="Overdue or not met")
    expect(overdue_list.locator(f'[data-occurrence="{overdue.pk}"]')).to_have_count(0)
    recent = page.get_by_role("list", name="Recently met or waived")
    expect(recent.locator(f'[data-occurrence="{overdue.pk}"]')).to_contain_text("Waived")
    assert (
        Committee.objects.get(slug="audit").deadline_occurrences.filter(status="waived").count()
        == 1
    )
