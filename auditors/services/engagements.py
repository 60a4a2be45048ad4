"""The engagement of the audit firm for a fiscal year, from proposal to completion or termination
(Charter: Responsibilities 1): the committee approves it and sets the fee at a meeting with a
quorum, after the 3526(a) discussion when the firm is new to it; the stockholders may ratify it;
audit procedures begin, the report is issued once every AS 1301 matter was communicated.

Each write checks the whole record inside a transaction, so a refusal saves nothing."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from auditors.models import As1301Topic, AuditFirm, Communication, Engagement
from auditors.services_catalogue import AS1301_RULE, FIRST_ENGAGEMENT_RULE
from deadlines.wording import day_words
from files.services import upload_check
from meetings.models import Meeting
from meetings.quorum import meeting_quorum
from meetings.requirements import moment
from meetings.services.common import clean_text

Status = Engagement.Status
# What happened after approval: the states an approved engagement can be in.
DECIDED = (Status.APPROVED, Status.ACTIVE, Status.COMPLETED)
MAX_VOTES = 10**15


def held_meeting_of(committee, meeting: Meeting | None, *, field: str = "meeting") -> Meeting:
    """``meeting`` when it is one of ``committee``'s and was held; otherwise a refusal saying
    what to choose."""
    if meeting is None:
        raise ValidationError({field: "Choose the committee meeting."})
    if meeting.committee_id != committee.pk:
        raise ValidationError({field: "That meeting is another committee's."})
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(
            {
                field: f"The meeting of {day_words(meeting.day)} is "
                f"{meeting.get_status_display().lower()}, not held; record it as held with "
                "its attendance first."
            }
        )
    return meeting


def _refuse_unless(engagement: Engagement, allowed, doing: str) -> None:
    if engagement.status in allowed:
        return
    next_step = {
        Status.PROPOSED: "approve it at a committee meeting first",
        Status.APPROVED: "record that audit procedures have begun first",
        Status.ACTIVE: "it is under way",
        Status.COMPLETED: "its audit report is already issued",
        Status.TERMINATED: "it was terminated",
    }[engagement.status]
    raise ValidationError(
        f"The engagement for fiscal year {engagement.fiscal_year} is "
        f"{engagement.get_status_display().lower()}, so it cannot be {doing}: {next_step}."
    )


def _save(engagement: Engagement, fields: list[str]) -> Engagement:
    try:
        engagement.full_clean()
    except ValidationError:
        # The record in hand goes back to what is stored: a refusal changes nothing.
        engagement.refresh_from_db(fields=fields)
        raise
    try:
        with transaction.atomic():
            engagement.save(update_fields=fields)
    except IntegrityError:
        raise ValidationError(
            "The committee already has an engagement for that fiscal year; terminate it before "
            "engaging another firm."
        ) from None
    return engagement


def checked_upload(upload, kind_key: str, field: str) -> None:
    """The private store's checks (type from content, size), the refusal put on ``field``."""
    try:
        upload_check(upload=upload, kind_key=kind_key, name=upload.name)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def is_first_engagement(engagement: Engagement) -> bool:
    """Whether the committee has never before approved an engagement of this firm (PCAOB
    3526(a))."""
    earlier = Engagement.objects.filter(
        committee_id=engagement.committee_id, firm_id=engagement.firm_id, approved_on__isnull=False
    ).exclude(pk=engagement.pk)
    return not earlier.exists()


def relationships_discussed(engagement: Engagement, by: datetime.date):
    """The firm's written description of its relationships, discussed and documented at a held
    meeting of the committee on or before ``by`` (PCAOB 3526(a)); None when there is none."""
    return (
        Communication.objects.filter(
            committee_id=engagement.committee_id,
            firm_id=engagement.firm_id,
            kind=Communication.Kind.RELATIONSHIPS,
            received_on__lte=by,
            discussed_at__status=Meeting.Status.HELD,
            # The meeting's day is the company's day of its start (meetings.zones).
            discussed_at__starts_at__lt=moment(by + datetime.timedelta(days=1)),
        )
        .exclude(discussion="")
        .select_related("discussed_at__committee")
        .order_by("-received_on", "-pk")
        .first()
    )


def engagement_propose(
    *,
    committee,
    firm: AuditFirm,
    fiscal_year: int,
    proposed_fee: Decimal | None,
    letter=None,
    procedures_begin_on: datetime.date | None = None,
) -> Engagement:
    """Propose ``firm`` to audit ``fiscal_year`` for ``proposed_fee``; the committee decides at
    a meeting (engagement_approve)."""
    if firm is None:
        raise ValidationError({"firm": "Choose the audit firm."})
    if proposed_fee is None:
        raise ValidationError({"audit_fee": "Give the fee the firm proposes for the audit."})
    engagement = Engagement(
        committee=committee,
        firm=firm,
        fiscal_year=fiscal_year,
        status=Status.PROPOSED,
        audit_fee=proposed_fee,
        procedures_begin_on=procedures_begin_on,
    )
    engagement.full_clean(exclude=["letter"])
    if letter is not None:
        checked_upload(letter, "auditors.engagement_letter", "letter")
    try:
        with transaction.atomic():
            if letter is not None:
                engagement.letter.save(letter.name, letter, save=False)
            engagement.save()
    except IntegrityError:
        raise ValidationError(
            f"The committee already has an engagement for fiscal year {fiscal_year}; terminate "
            "it before proposing another firm."
        ) from None
    return engagement


def engagement_approve(
    *,
    engagement: Engagement,
    meeting: Meeting,
    audit_fee: Decimal | None = None,
    letter=None,
) -> Engagement:
    """The committee approves the engagement at a held meeting with a quorum and sets the audit
    fee (Charter: Responsibilities 1). A firm the committee never engaged before must first
    have described its relationships in writing and discussed them (PCAOB 3526(a))."""
    _refuse_unless(engagement, (Status.PROPOSED,), "approved")
    meeting = held_meeting_of(engagement.committee, meeting)
    quorum = meeting_quorum(meeting)
    if not quorum.met:
        raise ValidationError(
            {
                "meeting": f"The meeting of {day_words(meeting.day)} had no quorum "
                f"({quorum.words}), so it could not approve the engagement; approve it at a "
                "meeting with a quorum."
            }
        )
    if is_first_engagement(engagement) and relationships_discussed(engagement, meeting.day) is None:
        raise ValidationError(
            f"{engagement.firm} has never been engaged by this committee: before approving, "
            "record the firm's written description of its relationships with the company and "
            "document the committee's discussion of it at a held meeting "
            f"({FIRST_ENGAGEMENT_RULE})."
        )
    if letter is not None:
        checked_upload(letter, "auditors.engagement_letter", "letter")
    fee = engagement.audit_fee if audit_fee is None else audit_fee
    engagement.status = Status.APPROVED
    engagement.approved_at = meeting
    engagement.approved_on = meeting.day
    engagement.audit_fee = fee
    fields = ["status", "approved_at", "approved_on", "audit_fee"]
    if letter is not None:
        engagement.letter.save(letter.name, letter, save=False)
        fields.append("letter")
    return _save(engagement, fields)


def ratification_words(engagement: Engagement) -> str:
    """The stockholders' vote in words: ratified when more votes were cast for than against;
    the vote is advisory either way."""
    if engagement.ratified_on is None:
        return "No stockholders' vote recorded."
    result = "ratified" if engagement.votes_for > engagement.votes_against else "not ratified"
    abstaining = engagement.votes_abstaining or 0
    return (
        f"{result.capitalize()} by the stockholders on {day_words(engagement.ratified_on)}: "
        f"{engagement.votes_for:,} for, {engagement.votes_against:,} against, {abstaining:,} "
        "abstaining. The vote is advisory; the committee decides whether to retain the firm."
    )


def engagement_ratify(
    *,
    engagement: Engagement,
    voted_on: datetime.date,
    votes_for: int,
    votes_against: int,
    votes_abstaining: int = 0,
    as_of: datetime.date,
) -> Engagement:
    """Record the stockholders' advisory vote on the firm (Charter: Responsibilities 1 makes
    retention subject to it)."""
    _refuse_unless(engagement, DECIDED, "put to the stockholders")
    if engagement.ratified_on is not None:
        raise ValidationError(
            f"The stockholders' vote of {day_words(engagement.ratified_on)} is already recorded; "
            "the secretary corrects it in the administration."
        )
    if voted_on is None:
        raise ValidationError({"ratified_on": "Give the day of the stockholders' vote."})
    if voted_on > as_of:
        raise ValidationError({"ratified_on": "A vote is recorded once it has taken place."})
    if voted_on < engagement.approved_on:
        raise ValidationError(
            {"ratified_on": "The stockholders vote on an engagement the committee approved first."}
        )
    counts = {"votes_for": votes_for, "votes_against": votes_against}
    counts["votes_abstaining"] = votes_abstaining or 0
    for name, value in counts.items():
        if value is None or not isinstance(value, int) or not 0 <= value < MAX_VOTES:
            raise ValidationError({name: "Enter the number of votes, a whole number from 0."})
    engagement.ratified_on = voted_on
    for name, value in counts.items():
        setattr(engagement, name, value)
    return _save(engagement, ["ratified_on", *counts])


def engagement_activate(*, engagement: Engagement, procedures_begin_on: datetime.date, as_of):
    """Audit procedures (fieldwork) began on ``procedures_begin_on``."""
    _refuse_unless(engagement, (Status.APPROVED,), "started")
    if procedures_begin_on is None:
        raise ValidationError({"procedures_begin_on": "Give the first day of audit procedures."})
    if procedures_begin_on > as_of:
        raise ValidationError(
            {"procedures_begin_on": "Record it once audit procedures have begun."}
        )
    engagement.status = Status.ACTIVE
    engagement.procedures_begin_on = procedures_begin_on
    return _save(engagement, ["status", "procedures_begin_on"])


def missing_as1301_topics(engagement: Engagement, by: datetime.date | None = None) -> list[str]:
    """The AS 1301 matters not yet recorded as communicated for the engagement (on or before
    ``by`` when given), as their labels, in the checklist's order."""
    items = engagement.as1301_items.all()
    if by is not None:
        items = items.filter(communicated_on__lte=by)
    told = set(items.values_list("topic", flat=True))
    return [topic.label for topic in As1301Topic if topic.value not in told]


def engagement_complete(
    *, engagement: Engagement, report_issued_on: datetime.date, as_of: datetime.date
) -> Engagement:
    """The audit report was issued on ``report_issued_on``: refused until every AS 1301 matter
    was communicated on or before that day."""
    _refuse_unless(engagement, (Status.ACTIVE,), "completed")
    if report_issued_on is None:
        raise ValidationError({"report_issued_on": "Give the day the audit report was issued."})
    if report_issued_on > as_of:
        raise ValidationError({"report_issued_on": "Record it once the report is issued."})
    missing = missing_as1301_topics(engagement, report_issued_on)
    if missing:
        raise ValidationError(
            f"The audit report cannot be recorded as issued: {len(missing)} of the "
            f"{len(As1301Topic)} matters the auditor must communicate first are not recorded "
            f"({AS1301_RULE}): {'; '.join(missing)}."
        )
    engagement.status = Status.COMPLETED
    engagement.report_issued_on = report_issued_on
    return _save(engagement, ["status", "report_issued_on"])


def engagement_terminate(
    *, engagement: Engagement, terminated_on: datetime.date, reason: str, as_of: datetime.date
) -> Engagement:
    """End the engagement before its audit is complete, with the day and the reason."""
    _refuse_unless(engagement, (Status.PROPOSED, Status.APPROVED, Status.ACTIVE), "terminated")
    reason = clean_text(reason, "termination_reason", required=True)
    if terminated_on is None:
        raise ValidationError({"terminated_on": "Give the day the engagement ended."})
    if terminated_on > as_of:
        raise ValidationError({"terminated_on": "Record a termination once it has happened."})
    engagement.status = Status.TERMINATED
    engagement.terminated_on = terminated_on
    engagement.termination_reason = reason
    return _save(engagement, ["status", "terminated_on", "termination_reason"])
