"""The whole complaint journey in a real browser, in English and in Spanish (RULES 6): an
employee submits a complaint with a file and gets a receipt; the chair reads it, assigns an
investigator and replies; the employee reads the reply with the receipt and answers."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from complaints.models import ComplaintsPolicy
from tests import factories as f
from tests.browser.conftest import shot

WORDS = {
    "en": {
        "send": "Send the report",
        "open": "Open my report",
        "reply": "Send",
        "sent": "Your message was sent",
        "receipt": "Your receipt",
    },
    "es": {
        "send": "Enviar la denuncia",
        "open": "Abrir mi denuncia",
        "reply": "Enviar",
        "sent": "Su mensaje se envió",
        "receipt": "Su recibo",
    },
}


def _cast():
    f.CompanyProfileFactory()
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    alice = f.UserFactory(email="alice.chair@example.test", full_name="Alice Chair")
    f.seat_qualified_member(
        committee, role="chair", sophisticated=True, full_name="Alice Chair", user=alice
    )
    f.seat_qualified_member(committee, full_name="Bob Member")
    ivan = f.UserFactory(
        email="ivan@example.test", full_name="Ivan Investigator", roles=["investigator"]
    )
    ComplaintsPolicy.objects.create(committee=committee)
    return alice, ivan


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_report_is_answered_and_the_employee_answers_back(
    lang, browser, page, log_in, live_server, transactional_db, frozen_today, tmp_path, settings
):
    settings.FILES_ROOT = tmp_path / "store"
    alice, ivan = _cast()
    words = WORDS[lang]
    picture = tmp_path / "ledger.png"
    Image.new("RGB", (40, 30), "blue").save(picture, "PNG")

    # The employee, with no account: a browser context of their own.
    employee = browser.new_context(viewport={"width": 390, "height": 900})
    reporter = employee.new_page()
    try:
        reporter.goto(f"{live_server.url}/report/?lang={lang}")
        reporter.locator("input[value=controls]").check()
        reporter.locator("#id_narrative").fill(f"[{lang}] Supplier invoices approved twice.")
        reporter.locator("#id_files").set_input_files(str(picture))
        reporter.get_by_role("button", name=words["send"]).click()
        expect(reporter.get_by_role("heading", name=words["receipt"])).to_be_visible()
        receipt = reporter.locator("#receipt").inner_text()
        assert len(receipt.replace(" ", "")) == 25
        shot(reporter, f"complaint-receipt-{lang}")
        assert employee.cookies() == []

        # The chair reads it, assigns the investigator and replies.
        log_in(page, alice)
        # The dashboard lists the waiting acknowledgement with the committee's deadlines.
        expect(page.get_by_role("link", name="New complaints acknowledged")).to_be_visible()
        page.get_by_role("link", name="Complaints", exact=True).click()
        page.locator("table a").first.click()
        expect(page.locator("body")).to_contain_text(f"[{lang}] Supplier invoices approved")
        expect(page.locator("body")).to_contain_text("Spanish" if lang == "es" else "English")
        page.get_by_label("Investigator").select_option(label="Ivan Investigator")
        page.get_by_role("button", name="Assign").click()
        expect(page.get_by_role("alert")).to_contain_text("The investigator was assigned")
        page.get_by_label("Message to the reporter").fill("Thank you; we are on it.")
        page.get_by_role("button", name="Send to the reporter").click()
        expect(page.get_by_role("alert")).to_contain_text("Your message was sent")
        expect(page.locator("body")).to_contain_text("Attachment 1")
        shot(page, f"complaint-case-{lang}")

        # The employee reads the reply with the receipt, and answers.
        reporter.goto(f"{live_server.url}/report/follow-up/?lang={lang}")
        reporter.locator("#id_receipt").fill(receipt)
        reporter.get_by_role("button", name=words["open"]).click()
        expect(reporter.locator("body")).to_contain_text("Thank you; we are on it.")
        reporter.locator("#id_body").fill("There are more invoices in the March batch.")
        reporter.get_by_role("button", name=words["reply"], exact=True).click()
        expect(reporter.get_by_role("status")).to_contain_text(words["sent"])
        shot(reporter, f"complaint-follow-up-{lang}")
        assert employee.cookies() == []
    finally:
        employee.close()

    page.reload()
    expect(page.locator("body")).to_contain_text("There are more invoices in the March batch.")
