"""SECURITY target 14 and RULES 6: case contents are encrypted at rest with keys from the
environment; rotation keeps old keys decrypting and re-encrypts everything under the new one."""

import io

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.checks import run_checks
from django.core.management import call_command
from django.test import override_settings

from complaints import services
from complaints.attachments import PreparedFile, attachment_read
from complaints.crypto import decrypt_text, is_current
from complaints.models import Case, CaseAttachment, CaseMessage, CaseNote
from tests.complaints.anonymity import database_dump, files_dump

pytestmark = pytest.mark.django_db

CANARY = "CanaryPhraseKestrel"
OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n(" + CANARY.encode() + b")\ntrailer\n%%EOF\n"


def _case_with_canaries(new_case, chair):
    case, _ = new_case(
        narrative=f"{CANARY} in the narrative",
        when_where=f"{CANARY} where",
        people_involved=f"{CANARY} who",
        contact=f"{CANARY}@example.test",
        files=[PreparedFile(PDF, "pdf", False)],
    )
    services.committee_message_send(case=case, by=chair, body=f"{CANARY} to the reporter")
    services.case_note_add(case=case, by=chair, body=f"{CANARY} internal note")
    return case


def test_no_canary_in_the_database_or_the_file_store(new_case, chair, settings):
    """security target 14: a canary in narrative, message, note and attachment."""
    for _ in range(3):
        case = _case_with_canaries(new_case, chair)
    assert CANARY not in database_dump()
    assert CANARY.encode() not in files_dump(settings.FILES_ROOT)
    # ...while the readers get the plaintext back.
    case = Case.objects.get(pk=case.pk)
    assert case.narrative.startswith(CANARY)
    assert CaseNote.objects.filter(case=case).get().body.startswith(CANARY)
    assert CANARY.encode() in attachment_read(case.attachments.get().stored_name)


def test_rotation_keeps_old_keys_decrypting_and_re_encrypts_under_the_new(
    new_case, chair, settings
):
    settings.COMPLAINTS_ENCRYPTION_KEYS = [OLD]
    case = _case_with_canaries(new_case, chair)
    settings.COMPLAINTS_ENCRYPTION_KEYS = [NEW]
    with pytest.raises(InvalidToken):
        Case.objects.get(pk=case.pk)  # the new key alone cannot read the old values
    settings.COMPLAINTS_ENCRYPTION_KEYS = [NEW, OLD]
    assert Case.objects.get(pk=case.pk).narrative.startswith(CANARY)  # old keys still decrypt
    assert not is_current(_raw_narrative(case))
    out = io.StringIO()
    call_command("complaints_rotate_keys", stdout=out)
    assert "cases: 1 of 1" in out.getvalue() and "1 attachments" in out.getvalue()
    assert is_current(_raw_narrative(case))
    settings.COMPLAINTS_ENCRYPTION_KEYS = [NEW]
    assert Case.objects.get(pk=case.pk).narrative.startswith(CANARY)
    assert CaseMessage.objects.get(case=case).body.startswith(CANARY)
    assert CaseNote.objects.get(case=case).body.startswith(CANARY)
    assert CANARY.encode() in attachment_read(CaseAttachment.objects.get(case=case).stored_name)


def _raw_narrative(case) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative FROM complaints_case WHERE id = %s", [case.pk])
        return cursor.fetchone()[0]


def test_a_stored_value_that_is_not_encrypted_is_refused():
    with pytest.raises(InvalidToken):
        decrypt_text("plain text someone wrote into the database")


@pytest.mark.parametrize(
    "keys, receipt, ids",
    [
        ([], "", {"complaints.E001", "complaints.E003"}),
        (["not-a-key"], "r" * 40, {"complaints.E002"}),
        ([NEW], "short", {"complaints.E003"}),
        ([NEW, OLD], "r" * 40, set()),
    ],
)
def test_the_system_check_refuses_missing_keys_when_debug_is_off(keys, receipt, ids):
    with override_settings(
        DEBUG=False, COMPLAINTS_ENCRYPTION_KEYS=keys, COMPLAINTS_RECEIPT_KEY=receipt
    ):
        found = {m.id for m in run_checks() if m.id.startswith("complaints.")}
    assert found == ids
