"""The chair's deadline journey in a real browser: from the compliance calendar to an overdue
item, waived with a reason; the dashboard then shows it waived, no longer overdue; the waiver is
revoked with a reason and the item is overdue again. A continuous charter duty is waived until a
stated day; an SEC rule's duty says plainly that it cannot be waived (issue 6 section 3)."""

import pytest
from playwright.sync_api import expect

from committees.models import Committee
from deadlines.cadences import Continuous, FiscalQuarter
from deadlines.registry import Evaluation, Requirement, registry
from deadlines.status import Kind, Status
from tests.browser.conftest import shot
from tests.deadlines import conftest as deadline_fixtures
from tests.deadlines.support import occurrence, requirement, run
from tests.deadlines.views_data import Q1, QUARTERLY, TODAY, register_requirements, run_the_year

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

    # Revoked with a reason: the item is judged again at once and is overdue once more.
    page.goto(f"{live_server.url}/deadlines/occurrences/{overdue.pk}/")
    page.get_by_role("button", name="Revoke the waiver").click()
    expect(
        page.get_by_text("Give the reason for revoking the waiver; every report shows it.")
    ).to_be_visible()
    page.get_by_label("Reason for revoking the waiver").fill("The joint meeting was cancelled.")
    page.get_by_role("button", name="Revoke the waiver").click()
    expect(
        page.get_by_text("Waiver revoked. The requirement was checked again at once.")
    ).to_be_visible()
    expect(page.get_by_text("Revoked by Alice Chair on 15 June 2026")).to_be_visible()
    expect(page.get_by_role("button", name="Waive this requirement")).to_be_visible()
    overdue.refresh_from_db()
    assert (overdue.status, overdue.is_open) == (Status.OVERDUE, True)


@pytest.mark.browser
def test_a_continuous_charter_duty_is_waived_until_a_day_and_an_sec_rule_never(
    page, log_in, live_server, transactional_db, frozen_today, domain, done, chair
):
    registry.register(
        Requirement(
            key="tests.financial_expertise",
            title="Financial management expertise",
            kind=Kind.CHARTER,
            rule="Charter: Membership",
            cadence=Continuous(),
            evaluator=lambda committee, period, as_of: Evaluation(
                Status.FAILING, detail="No member has the expertise the charter asks for."
            ),
        )
    )
    requirement("tests.exchange_duty", FiscalQuarter(), done, kind=Kind.SEC, rule="SEC Rule X")
    run(TODAY)
    expertise = occurrence("tests.financial_expertise", Q1)
    exchange = occurrence("tests.exchange_duty", TODAY.replace(month=4, day=1))
    log_in(page, chair)

    page.goto(f"{live_server.url}/deadlines/occurrences/{exchange.pk}/")
    expect(
        page.get_by_text("This requirement is an SEC rule, which cannot be waived.")
    ).to_be_visible()
    expect(page.get_by_text("Listing standards and SEC rules cannot be waived")).to_be_visible()
    expect(page.get_by_role("button", name="Waive this requirement")).to_have_count(0)
    shot(page, "waiver-sec-1280")

    page.goto(f"{live_server.url}/deadlines/occurrences/{expertise.pk}/")
    shot(page, "waiver-continuous-form-1280")
    page.get_by_label("Reason for the waiver").fill("A member with the expertise joins in July.")
    page.get_by_role("button", name="Waive this requirement").click()
    expect(page.get_by_text("Give the last day of the waiver")).to_be_visible()
    page.get_by_label("Waived until (the last day)").fill("2026-07-31")
    page.get_by_role("button", name="Waive this requirement").click()
    expect(
        page.get_by_text("Waived by Alice Chair on 15 June 2026 until 31 July 2026.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Revoke the waiver")).to_be_visible()
    shot(page, "waiver-continuous-waived-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "waiver-continuous-waived-390")
    page.goto(f"{live_server.url}/deadlines/occurrences/{exchange.pk}/")
    shot(page, "waiver-sec-390")
    expertise.refresh_from_db()
    assert (expertise.status, expertise.is_open) == (Status.WAIVED, True)
