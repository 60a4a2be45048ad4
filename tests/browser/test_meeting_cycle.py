"""A whole meeting cycle in a real browser (Charter: Meetings): the secretary schedules a meeting
with an agenda item and a paper; a member finds it in "prepare for the next meeting" and
downloads the paper; attendance is recorded and the quorum shows; the minutes are approved at
the next meeting; and the meetings duty on the committee's pages moves from due to met."""

import re

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting, Minutes
from meetings.pdf import text_page
from tests import factories as f
from tests.browser.conftest import shot


def _committee():
    f.CompanyProfileFactory()
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    f.seat_qualified_member(committee, full_name="Dana Third")
    return committee


def _schedule(page, url, *, start, end):
    page.goto(f"{url}/meetings/audit/")
    page.get_by_role("link", name="Schedule a meeting").first.click()
    page.get_by_label("Day").fill("2026-06-15")
    page.get_by_label("Start time").fill(start)
    page.get_by_label("End time").fill(end)
    page.get_by_label("Time zone").select_option("UTC")
    page.get_by_label("Place").fill("Boardroom 12A")
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.locator(".alert-success")).to_contain_text("The meeting is scheduled.")


def _record_attendance(page):
    page.get_by_role("link", name="Record attendance").click()
    page.get_by_role("button", name="Record attendance").click()
    expect(page.locator(".alert-success")).to_contain_text("Attendance is recorded")


@pytest.mark.browser
def test_a_meeting_cycle_from_scheduling_to_approved_minutes(
    page,
    browser,
    log_in,
    live_server,
    transactional_db,
    frozen_today,
    secretary,
    tmp_path,
    settings,
):
    settings.FILES_ROOT = tmp_path / "store"
    committee = _committee()
    chair = f.UserFactory(email="alice.chair@example.test", full_name="Alice Chair")
    f.seat_qualified_member(
        committee, role="chair", sophisticated=True, user=chair, full_name="Alice Chair"
    )
    member = f.UserFactory(email="bob.member@example.test", full_name="Bob Member")
    f.seat_qualified_member(committee, user=member, full_name="Bob Member")
    url = live_server.url

    # The duty stands due before any meeting this quarter.
    log_in(page, secretary)
    page.goto(f"{url}/meetings/audit/")
    quarterly = page.locator('[data-requirement="meetings.meeting_each_quarter"]')
    expect(quarterly).not_to_contain_text("Met")
    shot(page, "meeting_0_list")

    # 10:00 to 11:00 UTC today (it is 09:00): members prepare, and it is held today.
    _schedule(page, url, start="10:00", end="11:00")
    meeting = Meeting.objects.get()
    page.get_by_role("link", name="Build the agenda").click()
    page.get_by_label("Item").fill("Audit plan for the year-end audit")
    page.get_by_label("Presenter").fill("Engagement partner")
    page.get_by_label("Review of the audit scope and plan").check()
    page.get_by_role("button", name="Add the item").click()
    expect(page.locator(".alert-success")).to_contain_text("added to the agenda")
    paper = tmp_path / "audit-plan.pdf"
    paper.write_bytes(text_page(["Audit plan", "Scope, materiality and timing."]))
    page.goto(f"{url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Upload a material").click()
    page.get_by_label("Title of a new paper").fill("Audit plan 2026")
    page.get_by_label("For agenda item").select_option(label="1. Audit plan for the year-end audit")
    page.get_by_label("File").set_input_files(str(paper))
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".alert-success")).to_contain_text("members are told")
    shot(page, "meeting_1_page")

    # Bob, in his own browser, prepares and downloads the paper.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    bob = context.new_page()
    log_in(bob, member)
    bob.get_by_role("button", name="Toggle navigation").click()
    bob.get_by_role("link", name="Meetings", exact=True).click()
    expect(bob.get_by_role("heading", level=1)).to_have_text("Prepare for the next meeting")
    with bob.expect_download() as download:
        bob.get_by_role("link", name="Audit plan 2026").click()
    assert download.value.suggested_filename.endswith(".pdf")
    context.close()

    # Attendance: everyone there, so the quorum is present and the quarter's meeting is held.
    _record_attendance(page)
    expect(page.locator("[data-quorum]")).to_contain_text("3 of 3 members present; 2 needed")
    expect(page.locator("[data-quorum]")).to_have_attribute("data-quorum", "met")
    page.get_by_role("link", name="Minutes").click()
    page.get_by_role("button", name="Draft the minutes").click()
    page.get_by_role("button", name="Circulate to the members").click()
    expect(page.locator(".alert-success")).to_contain_text("circulated")
    shot(page, "meeting_2_minutes")

    # The next meeting, held at 11:15, approves them.
    _schedule(page, url, start="11:15", end="11:45")
    _record_attendance(page)
    page.goto(f"{url}/meetings/audit/{meeting.pk}/minutes/")
    page.get_by_label("Approved at the meeting of").select_option(index=1)
    page.get_by_role("button", name="Approve and lock").click()
    expect(page.locator(".alert-success")).to_contain_text("approved and locked")
    expect(page.locator("[data-minutes-status]")).to_have_attribute(
        "data-minutes-status", "approved"
    )
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.is_locked and minutes.approved_at_id != meeting.pk

    page.goto(f"{url}/meetings/audit/")
    expect(quarterly).to_contain_text("Met")
    expect(page.locator('[data-requirement="meetings.minutes_approved"]')).to_contain_text(
        re.compile("Met|due", re.IGNORECASE)
    )
    shot(page, "meeting_3_list_after")
