"""What the auditor tells the committee, recorded with the committee's discussion: the written
communications (the 3526(a) relationships description, the 3526(b) independence letter, the
quality-control report), the AS 1301 matters of each year's audit, and the committee's review of
the audited statements with its recommendation to the board.

Each write checks the whole record inside a transaction, so a refusal saves nothing."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from auditors.models import As1301Item, As1301Topic, AuditFirm, Communication, StatementsReview
from auditors.models.firms import Engagement
from auditors.services.engagements import checked_upload, held_meeting_of
from auditors.services_catalogue import AS1301_RULE
from deadlines.wording import day_words
from meetings.models import Meeting
from meetings.services.common import clean_text

Status = Engagement.Status


def communication_record(
    *,
    committee,
    firm: AuditFirm,
    kind: str,
    received_on: datetime.date,
    as_of: datetime.date,
    document=None,
    states_independent: bool | None = None,
    discussed_at: Meeting | None = None,
    discussion: str = "",
) -> Communication:
    """Record a written communication received from ``firm``; with ``discussed_at`` (a held
    meeting) and ``discussion``, the committee's documented discussion of it too."""
    if firm is None:
        raise ValidationError({"firm": "Choose the audit firm that sent it."})
    if kind not in Communication.Kind.values:
        raise ValidationError({"kind": "Choose what the firm sent from the list."})
    if received_on is None:
        raise ValidationError({"received_on": "Give the day it was received."})
    if received_on > as_of:
        raise ValidationError({"received_on": "Record a communication once it is received."})
    if discussed_at is not None:
        held_meeting_of(committee, discussed_at, field="discussed_at")
    communication = Communication(
        committee=committee,
        firm=firm,
        kind=kind,
        received_on=received_on,
        states_independent=states_independent if kind == Communication.Kind.INDEPENDENCE else None,
        discussed_at=discussed_at,
        discussion=clean_text(discussion, "discussion"),
    )
    communication.full_clean(exclude=["document"])
    if document is not None:
        checked_upload(document, "auditors.communication", "document")
    with transaction.atomic():
        if document is not None:
            communication.document.save(document.name, document, save=False)
        communication.save()
    return communication


def communication_discuss(
    *, communication: Communication, meeting: Meeting, discussion: str
) -> Communication:
    """Document the committee's discussion, at a held meeting, of a communication received
    earlier and not discussed yet."""
    if communication.discussed_at_id is not None:
        raise ValidationError(
            f"Its discussion at the meeting of {day_words(communication.discussed_at.day)} is "
            "already documented."
        )
    held = held_meeting_of(communication.committee, meeting, field="discussed_at")
    text = clean_text(discussion, "discussion", required=True)
    communication.discussed_at, communication.discussion = held, text
    try:
        communication.full_clean(exclude=["document"])
    except ValidationError:
        communication.refresh_from_db(fields=["discussed_at", "discussion"])
        raise
    with transaction.atomic():
        communication.save(update_fields=["discussed_at", "discussion"])
    return communication


def _refuse_closed(engagement: Engagement, what: str) -> None:
    if engagement.status == Status.PROPOSED:
        raise ValidationError(
            f"The engagement for fiscal year {engagement.fiscal_year} is only proposed; the "
            f"{what} is recorded once the committee has approved it."
        )
    if engagement.status == Status.TERMINATED:
        raise ValidationError(
            f"The engagement for fiscal year {engagement.fiscal_year} was terminated; nothing "
            f"more is recorded on it."
        )


def as1301_record(
    *,
    engagement: Engagement,
    topic: str,
    communicated_on: datetime.date,
    form: str,
    as_of: datetime.date,
    meeting: Meeting | None = None,
    notes: str = "",
) -> As1301Item:
    """Record that the auditor communicated one AS 1301 matter for the year's audit: the day,
    orally or in writing, and the meeting at which the committee heard it. A matter already
    recorded is corrected (its history keeps the earlier entry) until the report is issued."""
    _refuse_closed(engagement, "auditor's communication")
    if topic not in As1301Topic.values:
        raise ValidationError({"topic": "Choose the matter from the list."})
    if form not in As1301Item.Form.values:
        raise ValidationError({"form": "Say whether it was told orally or in writing."})
    if communicated_on is None:
        raise ValidationError({"communicated_on": "Give the day it was communicated."})
    if communicated_on > as_of:
        raise ValidationError({"communicated_on": "Record a communication once it has happened."})
    if engagement.report_issued_on is not None:
        raise ValidationError(
            f"The audit report was issued on {day_words(engagement.report_issued_on)}; the "
            f"{AS1301_RULE} matters are those communicated before it, and the checklist is "
            "closed."
        )
    if meeting is not None:
        held_meeting_of(engagement.committee, meeting)
    item = As1301Item.objects.filter(engagement=engagement, topic=topic).first()
    if item is None:
        item = As1301Item(engagement=engagement, topic=topic)
    item.communicated_on = communicated_on
    item.form = form
    item.meeting = meeting
    item.notes = clean_text(notes, "notes")
    item.full_clean()
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ValidationError(
            "This matter was just recorded by someone else; reload the page."
        ) from None
    return item


def statements_review_record(
    *,
    engagement: Engagement,
    meeting: Meeting,
    recommends_inclusion: bool,
    notes: str = "",
) -> StatementsReview:
    """Record the committee's review of the year's audited statements with management and the
    auditor at a held meeting, and whether it recommends that the board include them in the
    annual report. Corrected until the committee report is signed."""
    _refuse_closed(engagement, "review of the statements")
    if hasattr(engagement, "committee_report"):
        raise ValidationError(
            "The committee report for this year is signed; its review can no longer change."
        )
    held_meeting_of(engagement.committee, meeting)
    review = StatementsReview.objects.filter(engagement=engagement).first()
    if review is None:
        review = StatementsReview(engagement=engagement)
    review.meeting = meeting
    review.recommends_inclusion = bool(recommends_inclusion)
    review.notes = clean_text(notes, "notes")
    review.full_clean()
    with transaction.atomic():
        review.save()
    return review
