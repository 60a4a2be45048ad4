"""The committee's work on a case (RULES 6: receiving, retaining and treating complaints):
the workflow, messages that acknowledge, internal notes, assignment told through the one
outbox, and every refusal said in words with nothing saved."""

import pytest
from django.urls import reverse

from complaints.models import Case, CaseMessage, CaseNote
from deadlines.models import Reminder
from tests.complaints.conftest import token_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(new_case):
    return new_case()[0]


def _act(session, case, action, data):
    return session.post(reverse("complaints:case_action", args=[case.pk, action]), data)


def test_the_chair_acknowledges_by_writing_to_the_reporter_who_reads_and_answers(
    case, chair, client_for, client
):
    session = client_for(chair)
    response = _act(session, case, "message", {"body": "We received your report."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.ACKNOWLEDGED and case.acknowledged_at is not None
    assert case.last_contact_at is not None


def test_the_workflow_moves_forward_and_a_resolution_is_required(case, chair, client_for):
    session = client_for(chair)
    for status in ("acknowledged", "investigating"):
        assert _act(session, case, "status", {"status": status}).status_code == 302
    refused = _act(session, case, "status", {"status": "resolved"})
    assert refused.status_code == 302
    case.refresh_from_db()
    assert case.status == "investigating"
    follow = session.get(reverse("complaints:case", args=[case.pk]))
    assert "Say how the case was resolved" in follow.content.decode()
    _act(session, case, "status", {"status": "resolved", "resolution": "substantiated"})
    _act(session, case, "status", {"status": "closed"})
    case.refresh_from_db()
    assert (case.status, case.resolution) == ("closed", "substantiated")
    assert case.closed_at is not None
    # The history keeps the workflow, never the contents.
    assert case.history.count() >= 4
    assert not hasattr(case.history.first(), "narrative")


def test_an_impossible_move_is_refused_in_words(case, chair, client_for):
    response = _act(client_for(chair), case, "status", {"status": "resolved", "resolution": "x"})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == "new"


def test_a_reader_adds_an_internal_note(case, chair, client_for):
    _act(client_for(chair), case, "note", {"body": "Internal: check the ledger first."})
    assert CaseNote.objects.get().body.startswith("Internal")


def test_the_reporter_page_never_shows_notes(new_case, chair, client):
    from complaints import services

    case, receipt = new_case()
    services.case_note_add(case=case, by=chair, body="NoteCanary for the committee only")
    page = client.post(reverse("report:follow_up"), {"receipt": receipt})
    assert page.status_code == 200 and "NoteCanary" not in page.content.decode()
    assert len(token_from(page)) == 43


def test_assigning_an_investigator_tells_them_through_the_outbox_without_contents(
    case, chair, investigator, client_for
):
    response = _act(client_for(chair), case, "assign", {"investigator": investigator.pk})
    assert response.status_code == 302
    message = Reminder.objects.get(key__startswith="complaints.assigned:")
    assert list(message.recipients.all()) == [investigator]
    assert case.number in message.body and case.narrative not in message.body


def test_a_new_report_tells_the_chair_without_contents(policy, chair, new_case):
    case, _ = new_case(narrative="NarrativeCanary")
    message = Reminder.objects.get(key=f"complaints.new:{case.pk}")
    assert chair in message.recipients.all()
    assert "NarrativeCanary" not in message.body + message.subject


def test_an_investigator_works_the_case_but_cannot_manage_it(case, chair, investigator, client_for):
    from complaints import services

    services.case_assign(case=case, by=chair, investigator=investigator)
    session = client_for(investigator)
    assert _act(session, case, "message", {"body": "A question for you."}).status_code == 302
    assert _act(session, case, "exclude", {"director": chair.director.pk}).status_code == 404
    assert _act(session, case, "grant", {"user": investigator.pk}).status_code == 404
    assert CaseMessage.objects.filter(author=investigator).count() == 1


@pytest.mark.parametrize(
    "action, data",
    [
        ("message", {"body": ""}),
        ("message", {"body": "x" * 10_001}),
        ("note", {"body": "\x00"}),
        ("assign", {"investigator": "999999"}),
        ("exclude", {"director": "abc"}),
        ("details", {"legal_hold": "on", "legal_hold_note": ""}),
        ("unassign", {"id": "-1"}),
    ],
)
def test_bad_input_on_the_case_page_is_refused_and_nothing_saved(
    case, chair, client_for, action, data
):
    before = (CaseMessage.objects.count(), CaseNote.objects.count(), case.assignments.count())
    response = _act(client_for(chair), case, action, data)
    assert response.status_code in (302, 400)
    after = (CaseMessage.objects.count(), CaseNote.objects.count(), case.assignments.count())
    assert before == after
    case.refresh_from_db()
    assert not case.legal_hold


def test_a_legal_hold_needs_its_reference(case, chair, client_for):
    _act(
        client_for(chair),
        case,
        "details",
        {
            "severity": "high",
            "legal_hold": "on",
            "legal_hold_note": "Matter 2026-17, outside counsel",
        },
    )
    case.refresh_from_db()
    assert case.legal_hold and case.severity == "high"
