"""security target 10: hostile files against every upload, 0 accepted. Today the one upload is
the charter document (committees.charter), through the file service and the admin form; a kind
added later joins UPLOADS and is tried the same way."""

import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committees.models import CharterVersion
from files.registry import registry
from files.services import upload_check

PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF_SCRIPT = PDF.replace(b"/Catalog", b"/Catalog /OpenAction <</S /JavaScript /JS (app.alert(1))>>")

# (label, client's file name, content, the words the refusal must contain)
HOSTILE = [
    ("HTML named .pdf", "charter.pdf", HTML, "not a file type"),
    ("HTML", "charter.html", HTML, "not a file type"),
    ("SVG with script", "charter.svg", SVG, "not a file type"),
    ("SVG with script named .pdf", "charter.pdf", SVG, "not a file type"),
    ("Windows executable named .pdf", "charter.pdf", EXE, "application/x-msdownload"),
    ("Linux executable named .pdf", "charter.pdf", ELF, "application/x-executable"),
    ("PNG named .pdf (wrong type)", "charter.pdf", PNG, "only a PDF document"),
    ("PDF named .exe (wrong extension)", "charter.exe", PDF, "named .exe"),
    ("PDF with JavaScript", "charter.pdf", PDF_SCRIPT, "scripts"),
    ("PDF cut short", "charter.pdf", PDF[:-7], "incomplete"),
    ("path name ../", "../../etc/charter.pdf", PDF, "folder path"),
    ("Windows path name", "..\\..\\charter.pdf", PDF, "folder path"),
    ("NUL in the name", "charter\x00.pdf", PDF, "folder path"),
    ("empty file", "charter.pdf", b"", "empty"),
]
# Where a kind accepts more types, the same file is refused for another reason.
KIND_WORDS = {("complaints.attachment", "PNG named .pdf (wrong type)"): "named .pdf"}
UPLOADS = [
    "committees.charter",
    "complaints.attachment",
    "meetings.board_report",
    "meetings.material",
    "auditors.communication",
    "auditors.engagement_letter",
    "auditors.policy",
    "auditors.request_document",
]


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.FILES_ROOT = tmp_path / "store"
    settings.FILES_MAX_UPLOAD_BYTES = 1024 * 1024
    return settings.FILES_ROOT


def _stored_files(root) -> list[str]:
    return [os.path.join(d, n) for d, _, names in os.walk(root) for n in names]


def test_every_upload_kind_is_tried():
    assert {kind.key for kind in registry.all()} == set(UPLOADS)


@pytest.mark.parametrize("kind", UPLOADS)
@pytest.mark.parametrize(("label", "name", "content", "words"), HOSTILE)
def test_the_service_refuses_each_hostile_file(kind, label, name, content, words):
    words = KIND_WORDS.get((kind, label), words)
    if content == PNG and "png" in registry.get(kind).types:
        # A meeting paper may be a PNG image, but not one named .pdf.
        words = "named .pdf"
    with pytest.raises(ValidationError) as refused:
        upload_check(upload=ContentFile(content, name="x"), kind_key=kind, name=name)
    assert words in " ".join(refused.value.messages), label


@pytest.mark.parametrize("kind", UPLOADS)
def test_the_service_refuses_a_file_one_byte_over_the_limit(kind, settings):
    limit = settings.FILES_MAX_UPLOAD_BYTES
    body = PDF[:-6] + b" " * (limit - len(PDF)) + b"%%EOF\n"
    assert len(body) == limit
    assert upload_check(upload=ContentFile(body), kind_key=kind, name="c.pdf").size == limit
    with pytest.raises(ValidationError, match="at most 1.0 MB"):
        upload_check(upload=ContentFile(body + b" "), kind_key=kind, name="c.pdf")


def test_the_field_refuses_hostile_content_however_it_is_saved(audit_committee, _private_root):
    version = CharterVersion.objects.get(committee=audit_committee)
    for _, name, content, _ in HOSTILE:
        with pytest.raises(ValidationError):
            version.document.save(name, ContentFile(content), save=True)
    version.refresh_from_db()
    assert not version.document and _stored_files(_private_root) == []


def test_a_good_pdf_is_stored_under_a_random_name_and_has_no_public_url(
    audit_committee, _private_root
):
    version = CharterVersion.objects.get(committee=audit_committee)
    version.document.save("Board secrets.pdf", ContentFile(PDF), save=True)
    stored = version.document.name
    assert stored.startswith("committees/charter/") and stored.endswith(".pdf")
    assert "secrets" not in stored.lower()
    assert _stored_files(_private_root) == [str(_private_root / stored)]
    with pytest.raises(ValueError, match="no public URL"):
        version.document.url  # noqa: B018


def _admin_post(client, committee, version, upload):
    url = reverse("admin:committees_charterversion_change", args=[version.pk])
    data = {
        "committee": committee.pk,
        "label": version.label,
        "adopted_on": version.adopted_on.isoformat(),
        "effective_from": version.effective_from.isoformat(),
        "min_members": 3,
        "min_meetings_per_year": 4,
        "executive_session_interval_months": 12,
        "board_report_within_days": 30,
        "charter_review_interval_months": 12,
        "self_evaluation_interval_months": 12,
        "requires_financial_expertise": "on",
        "document": upload,
    }
    return client.post(url, data)


@pytest.mark.parametrize(("label", "name", "content", "words"), HOSTILE)
def test_the_admin_form_refuses_each_hostile_file(
    label, name, content, words, client_for, secretary, audit_committee, _private_root
):
    """Through the secretary's admin form: a message on the field, nothing stored. The browser
    and Django's parser strip a path from the name before any code sees it, so through the form
    a ../ name arrives as a plain one: its content is refused, and no name of the client's is
    ever used to store anything."""
    version = CharterVersion.objects.get(committee=audit_committee)
    upload = SimpleUploadedFile(os.path.basename(name.replace("\\", "/")) or "x.pdf", content)
    response = _admin_post(client_for(secretary), audit_committee, version, upload)
    version.refresh_from_db()
    if words == "folder path":
        # A well-formed PDF under a hostile name: Django's parser reduced the name to a plain
        # one before any code saw it, and that name never reaches the store either.
        assert response.status_code == 302, label
        assert "etc" not in version.document.name and ".." not in version.document.name
        return
    assert response.status_code == 200, label
    assert not version.document and _stored_files(_private_root) == []
    errors = " ".join(response.context["adminform"].form.errors.get("document", []))
    assert errors, label


def test_the_admin_form_refuses_an_oversized_file(
    client_for, secretary, audit_committee, settings, _private_root
):
    version = CharterVersion.objects.get(committee=audit_committee)
    big = PDF[:-6] + b" " * settings.FILES_MAX_UPLOAD_BYTES + b"%%EOF\n"
    response = _admin_post(
        client_for(secretary), audit_committee, version, SimpleUploadedFile("c.pdf", big)
    )
    assert response.status_code == 200
    assert "at most 1.0 MB" in " ".join(response.context["adminform"].form.errors["document"])
    assert _stored_files(_private_root) == []


def test_the_download_is_an_attachment_that_cannot_run(
    client_for, member, board_reader, other_member, audit_committee, _private_root
):
    version = CharterVersion.objects.get(committee=audit_committee)
    version.document.save("c.pdf", ContentFile(PDF), save=True)
    url = reverse("files:download", args=["committees.charter", version.pk])
    for user in (member, board_reader):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert "charter-audit-" in response["Content-Disposition"]
        assert response["Content-Security-Policy"].startswith("sandbox")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content) == PDF
    assert client_for(other_member).get(url).status_code == 404
    assert client_for(member).get("/media/committees/charter/x.pdf").status_code == 404
