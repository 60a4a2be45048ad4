"""What the auditor tells the committee, recorded (PCAOB 3526(a) and (b), AS 1301, Charter:
Responsibilities 1 and 3): written communications and their discussion, the AS 1301 matters, and
the review of the audited statements. Each refusal is clear and saves nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from auditors.models import As1301Item, As1301Topic, Communication, StatementsReview
from auditors.services import communications as comms
from auditors.services import engagements as services
from tests.auditors.support import engagement, firm
from tests.auditors.test_communications_helpers import FAR, KIND, communication
from tests.meetings.support import PDF, hold, schedule

D = datetime.date
pytestmark = pytest.mark.django_db


def refused(call, *words):
    with pytest.raises(ValidationError) as error:
        call()
    text = " ".join(error.value.messages)
    for word in words:
        assert word in text, text
    return error.value


# Written communications -------------------------------------------------------------------------


def test_an_independence_letter_is_recorded_with_its_document_and_discussion(committee):
    """PCAOB 3526(b): the letter, the firm's statement of independence, the discussion."""
    meeting = hold(committee, D(2026, 5, 10))
    letter = communication(
        committee,
        KIND.INDEPENDENCE,
        D(2026, 5, 1),
        meeting=meeting,
        document=SimpleUploadedFile("letter.pdf", PDF),
    )
    letter.refresh_from_db()
    assert letter.states_independent is True
    assert letter.discussed_at == meeting and letter.discussion
    assert letter.document.name.startswith("auditors/")


def test_an_independence_letter_must_say_whether_the_firm_is_independent(committee):
    """PCAOB 3526(b): the letter states the firm's independence; the record says whether."""
    refused(
        lambda: comms.communication_record(
            committee=committee,
            firm=firm(),
            kind=KIND.INDEPENDENCE,
            received_on=D(2026, 5, 1),
            as_of=D(2026, 5, 1),
        ),
        "states that the firm is independent",
    )
    assert Communication.objects.count() == 0


def test_a_discussion_needs_its_text_and_a_held_meeting_on_or_after_receipt(committee):
    """PCAOB 3526(a)/(b): the discussion is documented, at a meeting after the letter came."""
    held = hold(committee, D(2026, 5, 10))
    refused(
        lambda: communication(
            committee, KIND.QUALITY_CONTROL, D(2026, 5, 1), meeting=held, discussion=""
        ),
        "Document the discussion",
    )
    refused(
        lambda: communication(committee, KIND.QUALITY_CONTROL, D(2026, 5, 11), meeting=held),
        "cannot come before the communication was received",
    )
    scheduled = schedule(committee, D(2026, 7, 1))
    refused(
        lambda: communication(committee, KIND.QUALITY_CONTROL, D(2026, 5, 1), meeting=scheduled),
        "not held",
    )
    # Received on the meeting's day and discussed there: accepted.
    communication(committee, KIND.QUALITY_CONTROL, D(2026, 5, 10), meeting=held)
    assert Communication.objects.count() == 1


def test_a_communication_received_in_the_future_is_refused(committee):
    refused(
        lambda: comms.communication_record(
            committee=committee,
            firm=firm(),
            kind=KIND.QUALITY_CONTROL,
            received_on=D(2026, 5, 2),
            as_of=D(2026, 5, 1),
        ),
        "once it is received",
    )


def test_a_discussion_is_documented_later_once(committee):
    """PCAOB 3526(b): received first, discussed at the next meeting; documented once."""
    received = communication(committee, KIND.INDEPENDENCE, D(2026, 5, 1))
    meeting = hold(committee, D(2026, 5, 10))
    refused(
        lambda: comms.communication_discuss(communication=received, meeting=meeting, discussion=""),
        "cannot be empty",
    )
    comms.communication_discuss(communication=received, meeting=meeting, discussion="Discussed.")
    received.refresh_from_db()
    assert received.discussed_at == meeting
    refused(
        lambda: comms.communication_discuss(
            communication=received, meeting=meeting, discussion="Again."
        ),
        "already documented",
    )


# AS 1301 matters --------------------------------------------------------------------------------


def test_a_matter_is_recorded_and_corrected_keeping_its_history(committee):
    """AS 1301: one entry per matter; a correction keeps the earlier entry in the history."""
    active = engagement(committee, 2026)
    meeting = hold(committee, D(2026, 10, 5))
    item = comms.as1301_record(
        engagement=active,
        topic=As1301Topic.STRATEGY,
        communicated_on=D(2026, 10, 5),
        form=As1301Item.Form.ORAL,
        meeting=meeting,
        as_of=FAR,
    )
    comms.as1301_record(
        engagement=active,
        topic=As1301Topic.STRATEGY,
        communicated_on=D(2026, 10, 1),
        form=As1301Item.Form.WRITTEN,
        meeting=meeting,
        as_of=FAR,
    )
    item.refresh_from_db()
    assert As1301Item.objects.count() == 1
    assert item.form == As1301Item.Form.WRITTEN
    assert item.history.count() == 2


def test_a_matter_told_orally_at_a_meeting_is_told_on_its_day(committee):
    """AS 1301: an oral communication at a meeting is dated that meeting's day."""
    active = engagement(committee, 2026)
    meeting = hold(committee, D(2026, 10, 5))
    refused(
        lambda: comms.as1301_record(
            engagement=active,
            topic=As1301Topic.STRATEGY,
            communicated_on=D(2026, 10, 4),
            form=As1301Item.Form.ORAL,
            meeting=meeting,
            as_of=FAR,
        ),
        "meeting's day",
    )
    assert As1301Item.objects.count() == 0


def test_no_matter_is_recorded_after_the_report_or_on_a_proposal(committee):
    """AS 1301: the checklist closes when the audit report is issued."""
    done = engagement(committee, 2025, status="completed", report_issued_on=D(2026, 2, 20))
    refused(
        lambda: comms.as1301_record(
            engagement=done,
            topic=As1301Topic.STRATEGY,
            communicated_on=D(2026, 2, 19),
            form=As1301Item.Form.WRITTEN,
            as_of=FAR,
        ),
        "checklist is closed",
    )
    proposed = engagement(committee, 2026, status="proposed")
    refused(
        lambda: comms.as1301_record(
            engagement=proposed,
            topic=As1301Topic.STRATEGY,
            communicated_on=D(2026, 2, 19),
            form=As1301Item.Form.WRITTEN,
            as_of=FAR,
        ),
        "only proposed",
    )
    refused(
        lambda: comms.as1301_record(
            engagement=engagement(committee, 2027),
            topic="gossip",
            communicated_on=D(2027, 2, 19),
            form=As1301Item.Form.WRITTEN,
            as_of=FAR,
        ),
        "Choose the matter",
    )
    assert As1301Item.objects.count() == 0


# The review of the audited statements (Charter: Responsibilities 3) -----------------------------


def test_the_review_is_after_the_year_ends(committee):
    """Charter: Responsibilities 3: the audited statements of 2026 exist after 31 December."""
    active = engagement(committee, 2026)
    on_last_day = hold(committee, D(2026, 12, 31))
    refused(
        lambda: comms.statements_review_record(
            engagement=active, meeting=on_last_day, recommends_inclusion=True
        ),
        "only after that year ends",
    )
    assert StatementsReview.objects.count() == 0
    next_day = hold(committee, D(2027, 1, 1))
    review = comms.statements_review_record(
        engagement=active, meeting=next_day, recommends_inclusion=True
    )
    assert review.recommends_inclusion


def test_the_review_can_be_corrected_until_the_report_is_signed(committee):
    active = engagement(committee, 2026)
    meeting = hold(committee, D(2027, 2, 20))
    comms.statements_review_record(engagement=active, meeting=meeting, recommends_inclusion=False)
    comms.statements_review_record(engagement=active, meeting=meeting, recommends_inclusion=True)
    assert StatementsReview.objects.get().recommends_inclusion


def test_the_relationships_gate_reads_the_record(committee):
    """PCAOB 3526(a): is_first_engagement and the discussed description."""
    proposed = engagement(committee, 2026, status="proposed")
    assert services.is_first_engagement(proposed)
    assert services.relationships_discussed(proposed, D(2026, 12, 31)) is None
