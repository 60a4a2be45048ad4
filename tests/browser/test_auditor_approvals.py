"""Pre-approval of the auditor's services in a real browser (S-X 2-01(c)(7), SOX 202): the
secretary enters a request for the finance staff; the chair, who holds the committee's
delegation, approves it between meetings; it appears on the next meeting's agenda, to be
reported to the full committee; a prohibited service is refused on entry with its reason."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from auditors.models import ServiceRequest
from auditors.services import policies
from tests import factories as f
from tests.auditors.support import engagement
from tests.browser.conftest import shot
from tests.meetings.support import hold, schedule

D = datetime.date


def _committee():
    f.CompanyProfileFactory()
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    f.seat_qualified_member(committee, full_name="Dana Third")
    chair = f.UserFactory(email="alice.chair@example.test", full_name="Alice Chair")
    f.seat_qualified_member(
        committee, role="chair", sophisticated=True, user=chair, full_name="Alice Chair"
    )
    f.seat_qualified_member(committee, full_name="Bob Member")
    return committee, chair


def _enter(page, url, *, service, nature, category, fee):
    page.goto(f"{url}/auditor/audit/requests/")
    page.get_by_role("link", name="Enter a request").click()
    page.get_by_label("Engagement").select_option(label="Hartwell & Ames LLP, fiscal year 2026")
    page.get_by_label("Service", exact=True).fill(service)
    page.get_by_label("Kind of service").select_option(nature)
    page.get_by_label("Fee category").select_option(category)
    page.get_by_label("Estimated fee").fill(fee)
    page.get_by_label("Planned start").fill("2026-07-01")
    page.locator("#id_firm_description").fill(
        "Scope: financial and tax due diligence on the target. Fixed fee. No side agreements."
    )
    page.get_by_role("button", name="Enter the request").click()


@pytest.mark.browser
def test_a_delegated_approval_reaches_the_next_agenda_and_a_prohibited_request_is_refused(
    page, browser, log_in, live_server, transactional_db, frozen_today, secretary
):
    committee, chair = _committee()
    engagement(committee, 2026)
    policies.delegation_grant(
        committee=committee,
        director=chair.director,
        granted_at=hold(committee, D(2026, 2, 25)),
        starts_on=D(2026, 3, 1),
        fee_limit=Decimal("50000"),
    )
    coming = schedule(committee, D(2026, 7, 20))
    url = live_server.url

    # The secretary enters the finance staff's request: no policy covers it, so it waits.
    log_in(page, secretary)
    _enter(
        page,
        url,
        service="Due diligence on the Harbor acquisition",
        nature="audit_related",
        category="audit_related",
        fee="40000",
    )
    expect(page.locator(".alert-info")).to_contain_text("awaits approval")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Due diligence on the Harbor acquisition"
    )
    shot(page, "approvals_1_entered")
    row = ServiceRequest.objects.get()

    # The chair, holding the delegation, approves it between meetings.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    log_in(phone, chair)
    phone.goto(f"{url}/auditor/audit/requests/{row.pk}/")
    phone.get_by_role("link", name="Decide as the delegated member").click()
    phone.get_by_label("Approve").check()
    phone.get_by_role("button", name="Record the decision").click()
    expect(phone.locator(".alert-success")).to_contain_text("Your decision is recorded")
    decision = phone.locator("section", has=phone.locator("#decision-heading"))
    expect(decision).to_contain_text("By the delegated member")
    expect(decision).to_contain_text("Alice Chair")
    shot(phone, "approvals_2_delegated")

    # It is on the agenda of the next meeting, to be reported to the full committee.
    phone.get_by_role("link", name=coming.display_title).click()
    expect(phone.locator("#agenda")).to_contain_text(
        "Due diligence on the Harbor acquisition (approved by delegation)"
    )
    expect(phone.locator("#agenda")).to_contain_text(
        "Report of pre-approvals granted by delegation"
    )
    shot(phone, "approvals_3_agenda")
    context.close()

    # A prohibited service is refused on entry, with its reason.
    _enter(
        page,
        url,
        service="Design of the new general ledger system",
        nature="systems",
        category="all_other",
        fee="250000",
    )
    expect(page.locator(".alert-danger").first).to_contain_text("S-X 2-01(c)(4)")
    decision = page.locator("section", has=page.locator("#decision-heading"))
    expect(decision).to_contain_text("may never provide")
    shot(page, "approvals_4_refused")
    page.goto(f"{url}/auditor/audit/requests/?status=refused")
    expect(page.locator("table")).to_contain_text("Refused on entry (S-X 2-01(c)(4))")
