"""Issue 8 on a phone (390 px) in a real browser: the evidence report's rows stack, the calendar
and the duties page never scroll sideways, and the duties page's "Answer" button is on screen.
"Today" is 15 June 2026; the audit committee's charter review is overdue and a self-evaluation
questionnaire is open."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.committees.test_duties_models import make_questionnaire

D = datetime.date
PHONE = {"width": 390, "height": 844}
NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def _fits(page, url) -> None:
    page.goto(url)
    assert page.evaluate(NO_OVERFLOW), (
        f"{url} scrolls sideways at 390 px: "
        f"{page.evaluate('document.documentElement.scrollWidth')} px wide"
    )


@pytest.mark.browser
def test_the_report_and_calendar_fit_a_phone(
    page, log_in, live_server, transactional_db, frozen_today, audit_committee, chair, secretary
):
    """Nasdaq 5605(c)(2)(A) and 5605(c)(1): with one member the committee is short, which heads
    the report, then the overdue review; its rows become stacked cards with each value
    labelled; the calendar fits too."""
    make_questionnaire(audit_committee, opens=D(2026, 6, 1), closes=D(2026, 6, 30))
    log_in(page, secretary)
    page.set_viewport_size(PHONE)
    report = f"{live_server.url}{reverse('deadlines:report')}?committee=audit"
    _fits(page, report)
    shot(page, "phone-report")
    expect(page.locator(".report-table tbody tr").first).to_have_class("status-failing")
    first = page.locator('.report-table tr[data-key="committees.charter_review"]')
    expect(first).to_contain_text("Overdue")
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # Stacked: the header row is out of sight and each cell says what it is.
    expect(page.locator(".report-table thead")).not_to_be_in_viewport()
    label = first.locator('td[data-label="Due"]').evaluate(
        "cell => getComputedStyle(cell, '::before').content"
    )
    assert label == '"Due: "'
    for query in ("", "&fy=2027"):
        _fits(page, f"{live_server.url}{reverse('deadlines:calendar')}?committee=audit{query}")
    expect(page.locator(".calendar-item.status-projected").first).to_be_visible()
    shot(page, "phone-calendar-next-year")


@pytest.mark.browser
def test_the_answer_button_is_on_a_phones_screen(
    page, log_in, live_server, transactional_db, frozen_today, audit_committee, chair, member
):
    """Charter: Responsibilities 7: a member answers the open self-evaluation from the duties
    page on a phone; the overdue charter review is marked overdue there."""
    make_questionnaire(audit_committee, opens=D(2026, 6, 1), closes=D(2026, 6, 30))
    log_in(page, member)
    page.set_viewport_size(PHONE)
    _fits(page, f"{live_server.url}{reverse('committees:duties', args=['audit'])}")
    expect(page.locator('[data-duty-status="overdue"]')).to_contain_text("Overdue since")
    answer = page.get_by_role("link", name="Answer")
    answer.scroll_into_view_if_needed()
    expect(answer).to_be_in_viewport(ratio=1)
    box = answer.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    shot(page, "phone-duties")
    answer.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("FY2026")
