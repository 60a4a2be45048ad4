"""The public side (RULES 6: confidential, anonymous submission by employees): the form, the
receipt shown once, follow-up with the receipt, and every bad input refused with a message and
nothing half-saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from complaints import receipts
from complaints.models import Case, CaseAttachment, CaseMessage
from tests.complaints.conftest import receipt_from, submit, token_from

pytestmark = pytest.mark.django_db


def _png(exif=False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (8, 8), "red")
    if exif:
        data = Image.Exif()
        data[0x010F] = "CanaryCameraMaker"  # Make
        data[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS latitude
        image.save(out, "JPEG", exif=data.tobytes())
    else:
        image.save(out, "PNG")
    return out.getvalue()


def test_anyone_opens_the_form_without_an_account(client, policy):
    """RULES 6: the report page needs no login and no second factor; it explains what
    happens next and how to stay anonymous."""
    response = client.get(reverse("report:form"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "What happens next" in body and "How to stay anonymous" in body
    assert "Questionable accounting or auditing matters" in body
    assert "<script" not in body  # works without JavaScript


def test_a_report_is_saved_and_its_receipt_shown_once(client, policy):
    """RULES 6: the receipt is 25 digits (83 bits) and only its digest and slow hash are kept."""
    response = submit(client, narrative="Canary narrative 41")
    assert response.status_code == 201
    receipt = receipt_from(response)
    digits = receipts.normalise(receipt)
    assert digits and len(digits) == 25
    case = Case.objects.get()
    assert case.narrative == "Canary narrative 41"
    assert case.receipt_lookup == receipts.lookup_digest(digits)
    assert case.receipt_hash.startswith("$argon2id$")
    assert digits not in (case.receipt_lookup + case.receipt_hash)
    assert case.language == "en"


def test_the_same_form_sent_twice_saves_one_case_and_shows_the_receipt_again(client, policy):
    page = client.get(reverse("report:form"))
    data = {"form_token": token_from(page), "category": "auditing", "narrative": "Twice"}
    first = client.post(reverse("report:form"), data)
    second = client.post(reverse("report:form"), data)
    assert Case.objects.count() == 1
    assert receipt_from(first) == receipt_from(second) != ""
    assert "already been received" in second.content.decode()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"narrative": ""}, "Tell us what happened"),
        ({"narrative": "   \n  "}, "Tell us what happened"),
        ({"narrative": "x" * 20_001}, "at most 20000 characters"),
        ({"narrative": "nul\x00byte"}, "Null characters are not allowed"),
        ({"category": "payroll"}, "Select a valid choice"),
        ({"category": ""}, "Choose what your report is about"),
        ({"contact": "c" * 501}, "at most 500 characters"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(client, policy, fields, message):
    """security target 9."""
    response = submit(client, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Case.objects.count() == 0


def test_a_forged_form_token_saves_nothing_and_gives_a_fresh_form(client, policy):
    data = {"form_token": "../../etc", "category": "accounting", "narrative": "Hello"}
    response = client.post(reverse("report:form"), data)
    assert response.status_code == 400
    assert "form had expired" in response.content.decode()
    assert len(token_from(response)) == 43
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "evil.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>',
            "content",
        ),
        ("notes.pdf", b"MZ\x90\x00 this is a program", "content"),
        ("photo.pdf", _png(), "does not match its content"),
        ("empty.png", b"", "empty"),
    ],
)
def test_hostile_files_are_refused_and_nothing_saved(client, policy, name, content, message):
    """security target 10."""
    upload = SimpleUploadedFile(name, content)
    response = submit(client, files=[upload])
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Case.objects.count() == 0 and CaseAttachment.objects.count() == 0


def test_a_path_in_a_file_name_never_reaches_the_store(client, policy):
    """security target 10: the name is dropped; the server chooses where and under what name."""
    response = submit(client, files=[SimpleUploadedFile("../../etc/passwd.png", _png())])
    assert response.status_code == 201
    stored = CaseAttachment.objects.get().stored_name
    assert stored.startswith("complaints/attachment/") and stored.endswith(".enc")
    assert "passwd" not in stored and ".." not in stored


def test_an_oversized_file_is_refused(client, policy, settings):
    settings.FILES_MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.png", _png() + b"\0" * 1024 * 1024)
    response = submit(client, files=[big])
    assert response.status_code == 400
    assert "This file is larger than 1.0 MB" in response.content.decode()
    assert Case.objects.count() == 0


def test_too_many_files_are_refused(client, policy, settings):
    settings.COMPLAINTS_MAX_ATTACHMENTS = 1
    files = [SimpleUploadedFile(f"p{i}.png", _png()) for i in range(2)]
    response = submit(client, files=files)
    assert response.status_code == 400
    assert "At most 1 file" in response.content.decode()


def test_picture_metadata_is_removed_and_the_reporter_told(client, policy):
    jpeg = _png(exif=True)
    assert b"CanaryCameraMaker" in jpeg
    response = submit(client, files=[SimpleUploadedFile("p.jpg", jpeg)])
    assert response.status_code == 201
    assert "without its hidden details" in response.content.decode()
    item = CaseAttachment.objects.get()
    assert item.metadata_removed
    from complaints.attachments import attachment_read

    stored = attachment_read(item.stored_name)
    assert b"CanaryCameraMaker" not in stored
    assert Image.open(io.BytesIO(stored)).getexif() == {}


def test_follow_up_shows_messages_and_takes_a_reply_and_a_retaliation_report(
    client, new_case, chair
):
    from complaints.services import committee_message_send

    case, receipt = new_case()
    committee_message_send(case=case, by=chair, body="Thank you; we are looking into it.")
    url = reverse("report:follow_up")
    page = client.post(url, {"receipt": receipt, "action": "open"})
    assert page.status_code == 200
    assert "we are looking into it" in page.content.decode()
    data = {
        "receipt": receipt,
        "action": "reply",
        "form_token": token_from(page),
        "body": "My manager moved me to nights after I reported.",
        "retaliation": "on",
    }
    sent = client.post(url, data)
    again = client.post(url, data)  # the same form twice: one message
    assert sent.status_code == again.status_code == 200
    assert "Your message was sent" in sent.content.decode()
    replies = CaseMessage.objects.filter(direction="from_reporter")
    assert replies.count() == 1 and replies.get().kind == "retaliation"
    case.refresh_from_db()
    assert case.retaliation_reported_at is not None


def test_an_empty_reply_is_refused_and_the_receipt_kept_in_the_form(client, new_case):
    case, receipt = new_case()
    url = reverse("report:follow_up")
    page = client.post(url, {"receipt": receipt, "action": "open"})
    response = client.post(
        url, {"receipt": receipt, "action": "reply", "form_token": token_from(page), "body": ""}
    )
    assert response.status_code == 400
    assert "Write your message first" in response.content.decode()
    assert CaseMessage.objects.count() == 0


@pytest.mark.parametrize(
    "receipt", ["", "12345", "1234567890123456789012345", "x" * 5000, "١٢٣٤٥" * 5, "nul\x00"]
)
def test_a_wrong_or_forged_receipt_opens_nothing(client, new_case, receipt):
    new_case()
    response = client.post(reverse("report:follow_up"), {"receipt": receipt, "action": "reply"})
    assert response.status_code == 400
    assert "The Q3 revenue" not in response.content.decode()
    assert CaseMessage.objects.count() == 0


def test_the_pages_are_in_spanish_on_request_and_the_case_records_it(client, policy):
    """The public pages in English and Spanish; the staff side sees the report's language."""
    page = client.get(reverse("report:form") + "?lang=es")
    body = page.content.decode()
    assert page["Content-Language"] == "es"
    assert 'lang="es"' in body and "Qué ocurrió" in body
    response = submit(client, lang="es", narrative="Las facturas se dividieron.")
    assert response.status_code == 201
    assert "Su recibo" in response.content.decode()
    assert Case.objects.get().language == "es"


def test_a_post_from_another_site_is_refused(client, policy):
    page = client.get(reverse("report:form"))
    data = {"form_token": token_from(page), "category": "accounting", "narrative": "x"}
    response = client.post(reverse("report:form"), data, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert Case.objects.count() == 0


def test_without_an_audit_committee_the_page_says_reporting_is_not_open(client, db):
    response = client.get(reverse("report:form"))
    assert response.status_code == 503
    assert "not open yet" in response.content.decode()


def test_a_refused_file_is_explained_in_the_pages_language(client, policy):
    svg = SimpleUploadedFile("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    response = submit(client, lang="es", files=[svg])
    assert response.status_code == 400
    assert "no es de un tipo aceptado" in response.content.decode()
    assert Case.objects.count() == 0
