"""The corporate secretary's administration in a real browser: an overlapping seat is refused in
plain words and saves nothing, a seat is ended (never deleted), a board determination dated in
the future is refused, and a determination's history opens. The admin keeps its own stylesheets
(no Bootstrap) and runs under the site's Content-Security-Policy without a console error."""

import datetime

import pytest
from playwright.sync_api import expect

from committees.models import IndependenceDetermination, Membership
from tests import factories as f
from tests.browser.conftest import shot


def _committee():
    """Alice chairs the audit committee; Bob and Dana serve, all since 1 January 2024."""
    f.CompanyProfileFactory()
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    f.seat_qualified_member(committee, role="chair", sophisticated=True, full_name="Alice Chair")
    bob = f.seat_qualified_member(committee, full_name="Bob Member")
    f.seat_qualified_member(committee, full_name="Dana Third")
    return committee, bob


def _choose_director(page, name):
    """The director field is an autocomplete (select2): open it, search, pick the match."""
    page.locator(".field-director .select2-selection").click()
    page.locator(".select2-search__field").fill(name.split()[0])
    page.get_by_role("option", name=name).click()
    expect(page.locator(".field-director .select2-selection__rendered")).to_have_text(name)


def _expect_admin_styles(page):
    """The admin's own stylesheets, none of the portal's Bootstrap, and they apply."""
    sheets = page.evaluate("[...document.styleSheets].map(sheet => sheet.href || 'inline')")
    assert any(href.endswith("/static/admin/css/base.css") for href in sheets), sheets
    assert not any("bootstrap" in href for href in sheets), sheets
    # admin/css/base.css gives the header its colour; unstyled it would be transparent.
    header = page.locator("#header")
    expect(header).not_to_have_css("background-color", "rgba(0, 0, 0, 0)")


@pytest.mark.browser
def test_the_secretary_refuses_an_overlapping_seat_then_ends_the_membership(
    page, log_in, live_server, transactional_db, frozen_today, secretary
):
    """A director holds one seat on a committee at a time; a seat is ended, never deleted."""
    committee, bob = _committee()
    seat = Membership.objects.get(director=bob)

    log_in(page, secretary)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Administration").click()
    expect(page.get_by_role("heading", name="Corporate secretary")).to_be_visible()
    _expect_admin_styles(page)
    shot(page, "secretary_admin_1_index")

    page.get_by_role("row", name="Memberships").get_by_role("link", name="Add").click()
    expect(page.get_by_role("heading", level=1, name="Add membership")).to_be_visible()
    _choose_director(page, "Bob Member")
    page.get_by_label("Committee").select_option(label="Audit Committee")
    page.get_by_label("Start date").fill("2026-07-01")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".errornote")).to_have_text("Please correct the error below.")
    expect(page.locator(".errorlist.nonfield")).to_have_text(
        "Bob Member already sits on Audit Committee from 1 January 2024; end that membership "
        "before starting another."
    )
    shot(page, "secretary_admin_2_overlap_refused")
    assert Membership.objects.filter(director=bob).count() == 1

    # Ending the current seat is the proper way: the row stays, with its last day.
    page.get_by_role("link", name="Memberships").first.click()
    expect(page.get_by_role("heading", name="Select membership to change")).to_be_visible()
    page.get_by_role("link", name="Bob Member").click()
    expect(page.get_by_role("heading", level=1, name="Change membership")).to_be_visible()
    # Seats are kept forever: there is no delete button.
    expect(page.get_by_role("link", name="Delete", exact=True)).to_have_count(0)
    page.get_by_label("End date").fill("2026-06-30")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    row = page.get_by_role("row", name="Bob Member")
    expect(row.locator(".field-end_date")).to_have_text("30 June 2026")
    shot(page, "secretary_admin_3_membership_ended")
    seat.refresh_from_db()
    assert seat.end_date == datetime.date(2026, 6, 30)
    assert Membership.objects.filter(director=bob).count() == 1


@pytest.mark.browser
def test_a_determination_dated_in_the_future_is_refused_and_history_opens(
    page, log_in, live_server, transactional_db, frozen_today, secretary
):
    """A board determination records a finding already made: never dated after today."""
    committee, bob = _committee()
    before = IndependenceDetermination.objects.count()

    log_in(page, secretary)
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("row", name="Independence determinations").get_by_role(
        "link", name="Add"
    ).click()
    expect(
        page.get_by_role("heading", level=1, name="Add independence determination")
    ).to_be_visible()
    _expect_admin_styles(page)
    _choose_director(page, "Bob Member")
    page.get_by_label("Determined on").fill("2026-07-01")
    page.get_by_label("Is independent").check()
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".errornote")).to_have_text("Please correct the error below.")
    expect(page.locator(".field-determined_on .errorlist")).to_have_text(
        "A board determination cannot be in the future."
    )
    shot(page, "secretary_admin_4_future_refused")
    assert IndependenceDetermination.objects.count() == before

    # Dated today, the same finding is recorded; its history names who recorded it.
    page.get_by_label("Determined on").fill("2026-06-15")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "Bob Member: independent (15 June 2026)” was added successfully"
    )
    assert IndependenceDetermination.objects.count() == before + 1
    recorded = IndependenceDetermination.objects.get(director=bob, determined_on="2026-06-15")
    assert recorded.recorded_by == secretary

    page.get_by_role("row", name="15 June 2026").get_by_role("link", name="Bob Member").click()
    expect(
        page.get_by_role("heading", level=1, name="Change independence determination")
    ).to_be_visible()
    # The board's finding is fixed once recorded; only the resolution and notes stay editable.
    expect(page.locator(".field-is_independent .readonly")).to_be_visible()
    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "View history: Bob Member: independent (15 June 2026)"
    )
    history = page.locator("#change-history")
    expect(history).to_contain_text("Created")
    expect(history).to_contain_text("Sam Secretary")
    _expect_admin_styles(page)
    shot(page, "secretary_admin_5_history")
