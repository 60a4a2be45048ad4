"""The directors' annual questionnaire in a real browser (issue 12): a director corrects a
pre-filled fact and certifies with name and code; the secretary sees the difference beside the
record, previews its effect (test (C) fails), accepts it; the director's file and the dashboard
change at once; the board's batch of determinations is prepared and adopted at a meeting."""

import datetime

from playwright.sync_api import expect

from committees import models as m
from committees.questionnaire import services
from tests import factories as f
from tests.browser.conftest import NOW, shot
from tests.committees import questionnaire_support as q
from tests.logins import code_for

TODAY = NOW.date()


def _board():
    """Alice chairs the audit committee, Bob serves; Bob's sister Ida is on record as the
    company's controller (not an executive officer); Alice has certified already."""
    f.CompanyProfileFactory()
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    people = {}
    for key, name, role in (("alice", "Alice Chair", "chair"), ("bob", "Bob Member", "member")):
        user = f.UserFactory(email=f"{key}@example.test", full_name=name)
        f.seat_qualified_member(
            committee, role=role, sophisticated=role == "chair", full_name=name, user=user
        )
        people[key] = user
    f.seat_qualified_member(committee, full_name="Dana Third")
    bob = m.Director.objects.get(user=people["bob"])
    ida = f.FamilyMemberFactory(director=bob, name="Ida Sister", relationship="sibling")
    f.EmploymentFactory(director=bob, family_member=ida, title="Controller")
    people["secretary"] = f.UserFactory(
        email="sam@example.test", full_name="Sam Secretary", roles=["secretary"]
    )
    row = services.round_open(
        fiscal_year=2026, opened_by=people["secretary"], opens_on=datetime.date(2026, 1, 15)
    )
    for user in (people["alice"],):
        questionnaire = q.start(user, row, as_of=TODAY)
        q.answer_every_section(questionnaire, as_of=TODAY, equity="0.00")
        q.certify(questionnaire, user, as_of=TODAY)
    dana = m.Director.objects.get(full_name="Dana Third")
    questionnaire = m.DirectorQuestionnaire.objects.create(round=row, director=dana)
    questionnaire.sections = {key: TODAY.isoformat() for key in q.s.KEYS}
    questionnaire.save()
    services.seal(questionnaire, user=None, typed_name="Dana Third", as_of=TODAY)
    return committee, bob, people


def test_the_annual_cycle(browser, page, log_in, live_server, transactional_db, frozen_today):
    committee, bob, people = _board()
    url = live_server.url

    # The director corrects the pre-filled job: his sister became CFO on 1 April.
    log_in(page, people["bob"])
    page.get_by_role("button", name="Bob Member").click()
    page.get_by_role("link", name="Directors' questionnaires").click()
    page.get_by_role("button", name="Start my questionnaire").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("fiscal year 2026")
    section = page.locator("#section-employment")
    expect(section).to_contain_text("Controller")
    row = section.locator("[data-row]").first
    row.get_by_text("Correct this").click()
    row.get_by_label("Title").fill("Chief Financial Officer")
    row.get_by_label("Is executive officer").check()
    row.get_by_label("Start date").fill("2026-04-01")
    row.get_by_role("button", name="Save this answer").click()
    expect(page.locator(".alert-success")).to_contain_text("your answer is saved")
    expect(page.locator("#section-employment")).to_contain_text("corrected")
    shot(page, "questionnaire-1-corrected")

    # Certifying too early names what is missing and saves nothing.
    page.get_by_label("Your full name").fill("Bob Member")
    page.get_by_label("Code from your authenticator").fill(code_for(people["bob"]))
    page.get_by_role("button", name="Certify my questionnaire").click()
    expect(page.locator("#certify")).to_contain_text("Answer every section before certifying")

    # Each answer reloads the page: wait for it before the next click, or a click on the page
    # being replaced is lost.
    confirms = ("family", "employment", "compensation", "business", "payment", "interlock")
    for key in (*confirms, "auditor", "preparation"):
        page.locator(f"[data-confirm='{key}']").click()
        expect(page.locator(f"#section-{key} [data-answered]")).to_be_visible()
    for key in ("equity", "background"):
        page.locator(f"[data-statement='{key}']").click()
        expect(page.locator(f"#section-{key} [data-answered]")).to_be_visible()
    page.get_by_label("Your full name").fill("Bob Member")
    page.get_by_label("Code from your authenticator").fill(code_for(people["bob"]))
    page.get_by_role("button", name="Certify my questionnaire").click()
    expect(page.locator("[data-certified]")).to_contain_text("Certified by Bob Member")
    shot(page, "questionnaire-2-certified")
    page.context.clear_cookies()

    # The secretary sees the difference, previews its effect and accepts it.
    log_in(page, people["secretary"])
    page.goto(f"{url}/committees/director-questionnaires/")
    page.get_by_role("link", name="Bob Member: corrected employment answer").click()
    expect(page.locator("[data-differs]").first).to_be_visible()
    expect(page.locator("[data-diff]")).to_contain_text("Chief Financial Officer")
    preview = page.locator("[data-preview]")
    expect(preview).to_contain_text("Test (C)")
    expect(preview).to_contain_text("fails")
    expect(preview).to_contain_text("cure period")
    shot(page, "questionnaire-3-preview")
    page.locator("[data-accept]").click()
    expect(page.locator(".alert-success")).to_contain_text("Accepted")

    # At once: Bob's file and the dashboard say he is not independent.
    page.goto(f"{url}/committees/directors/{bob.pk}/")
    expect(page.locator("body")).to_contain_text("Ida Sister")
    expect(page.locator("body")).to_contain_text("Chief Financial Officer")
    page.goto(f"{url}/")
    expect(page.locator("body")).to_contain_text("Bob Member is not independent")
    shot(page, "questionnaire-4-dashboard")

    # The board's batch: prepared, then adopted at its meeting.
    page.goto(f"{url}/committees/director-questionnaires/2026/determinations/")
    page.get_by_role("button", name="Prepare the batch").click()
    expect(page.locator("[data-items]")).to_contain_text("Bob Member")
    page.get_by_label("Adopted on").fill(TODAY.isoformat())
    page.get_by_label("Board meeting").fill("Board meeting of 15 June 2026")
    page.get_by_role("button", name="Record the adoption").click()
    expect(page.locator("[data-adopted]")).to_contain_text("Board meeting of 15 June 2026")
    shot(page, "questionnaire-5-adopted")
    found = m.IndependenceDetermination.objects.filter(director=bob).latest()
    assert found.determined_on == TODAY and not found.is_independent
    assert found.board_resolution == "Board meeting of 15 June 2026"
