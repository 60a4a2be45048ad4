"""Every write of the complaints app: keyword-only ``<noun>_<verb>`` functions, atomic.

Notifications go through the one outbox (deadlines.services.message_queue) and never carry a
case's contents: only its number and a link, so an email in the wrong inbox reveals nothing.
"""

import base64
import datetime
import hashlib
import re

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from charter_portal.roles import Role, has_group_role
from committees.models import Committee, Membership
from complaints import receipts
from complaints.attachments import PreparedFile, attachment_store
from complaints.models import (
    Case,
    CaseAssignment,
    CaseAttachment,
    CaseExclusion,
    CaseMessage,
    CaseNote,
    CaseRead,
    ComplaintsPolicy,
    ContentGrant,
    ProcedureReview,
    QuarterlySummary,
)
from deadlines.models import Occurrence
from deadlines.services import message_queue

FORM_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def coarse(moment: datetime.datetime) -> datetime.datetime:
    """A reporter's action time kept to the hour (see Case.received_at)."""
    return moment.replace(minute=0, second=0, microsecond=0)


def intake_policy() -> ComplaintsPolicy | None:
    """The policy of the committee that receives reports: the one set up, or else the first
    audit committee's with the default periods. None when there is no audit committee yet."""
    policy = ComplaintsPolicy.objects.select_related("committee").order_by("pk").first()
    if policy is not None:
        return policy
    committee = Committee.objects.filter(kind=Committee.Kind.AUDIT).order_by("pk").first()
    if committee is None:
        return None
    policy, _ = ComplaintsPolicy.objects.get_or_create(committee=committee)
    return policy


def _seal_key(form_token: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(f"seal:{form_token}".encode()).digest())


def _unseal(case: Case, form_token: str) -> str | None:
    if not case.receipt_sealed:
        return None
    try:
        return Fernet(_seal_key(form_token)).decrypt(case.receipt_sealed.encode()).decode()
    except InvalidToken:
        return None


def _case_url(case: Case) -> str:
    return settings.SITE_URL + reverse("complaints:case", args=[case.pk])


def _readers_to_tell(case: Case, as_of: datetime.date) -> list:
    """The chair, the policy's readers and assigned investigators, less anyone excluded."""
    excluded = set(case.exclusions.values_list("director_id", flat=True))
    policy = ComplaintsPolicy.objects.filter(committee_id=case.committee_id).first()
    reader_ids = set(policy.readers.values_list("pk", flat=True)) if policy else set()
    seats = (
        Membership.objects.active_on(as_of)
        .filter(committee_id=case.committee_id, director__user__is_active=True)
        .select_related("director__user")
    )
    users = [
        seat.director.user
        for seat in seats
        if (seat.role == Membership.Role.CHAIR or seat.director_id in reader_ids)
        and seat.director_id not in excluded
    ]
    assigned = CaseAssignment.objects.filter(case=case, ended_at=None).select_related("user")
    users += [a.user for a in assigned if a.user.is_active and a.user not in users]
    return users


def _tell(case: Case, key: str, subject: str, what: str, as_of: datetime.date) -> None:
    recipients = _readers_to_tell(case, as_of)
    if recipients:
        body = (
            f"{what}\n\nOpen the case in the portal (second factor required):\n{_case_url(case)}\n"
        )
        message_queue(key=key, recipients=recipients, subject=subject, body=body, as_of=as_of)


def _attach(case: Case, files: list[PreparedFile], *, message=None, from_reporter: bool, now):
    for prepared in files:
        CaseAttachment.objects.create(
            case=case,
            message=message,
            stored_name=attachment_store(prepared.data),
            file_type=prepared.file_type,
            size=len(prepared.data),
            metadata_removed=prepared.metadata_removed,
            from_reporter=from_reporter,
            created_at=now,
        )


# The public side -----------------------------------------------------------------------------


def case_submit(
    *,
    policy: ComplaintsPolicy,
    category: str,
    narrative: str,
    when_where: str = "",
    people_involved: str = "",
    contact: str = "",
    language: str = "en",
    excluded_director_ids=(),
    files: list[PreparedFile] = (),
    form_token: str,
    now: datetime.datetime | None = None,
) -> tuple[Case, str, bool]:
    """Save a new report and return (case, receipt, repeated). The same form sent twice
    (``form_token``) saves one case; the repeat gets the same receipt back, ``repeated`` True."""
    if not FORM_TOKEN.match(form_token or ""):
        raise ValidationError("The form token is not valid.")
    now = coarse(now or timezone.now())
    digest = receipts.keyed_digest("submission", form_token)
    existing = Case.objects.filter(submission_digest=digest).first()
    if existing is not None:
        return existing, _unseal(existing, form_token) or "", True
    receipt = receipts.receipt_new()
    digits = receipts.normalise(receipt)
    try:
        with transaction.atomic():
            case = Case(
                committee=policy.committee,
                category=category,
                language=language,
                narrative=narrative,
                when_where=when_where,
                people_involved=people_involved,
                contact=contact,
                received_at=now,
                receipt_lookup=receipts.lookup_digest(digits),
                receipt_hash=receipts.slow_hash(digits),
                submission_digest=digest,
                receipt_sealed=Fernet(_seal_key(form_token)).encrypt(receipt.encode()).decode(),
            )
            case.defer_refresh = True  # see complaints.requirements.affected_committees
            case.save(force_insert=True)
            case.number = f"{now:%Y}-{case.pk:04d}"
            case.save(update_fields=["number"])
            # The committee's open duties are marked stale: its next page re-evaluates them.
            Occurrence.objects.open().filter(committee_id=case.committee_id).update(
                evaluated_on=None
            )
            for director_id in set(excluded_director_ids):
                CaseExclusion.objects.create(
                    case=case,
                    director_id=director_id,
                    reason=CaseExclusion.Reason.NAMED_BY_REPORTER,
                    at=now,
                )
            _attach(case, list(files), from_reporter=True, now=now)
            _tell(
                case,
                f"complaints.new:{case.pk}",
                f"New complaint received: case {case.number}",
                f"A new complaint, case {case.number}, was received. It is to be acknowledged "
                f"to the reporter within {policy.acknowledge_business_days} working days.",
                now.date(),
            )
    except IntegrityError:
        # The same form, sent twice at once: the other request saved it.
        existing = Case.objects.filter(submission_digest=digest).first()
        if existing is None:
            raise
        return existing, _unseal(existing, form_token) or "", True
    return case, receipt, False


def case_for_receipt(receipt_text) -> Case | None:
    """The case a receipt opens: one indexed lookup by keyed digest, then the slow hash."""
    digits = receipts.normalise(receipt_text)
    if digits is None:
        return None
    case = Case.objects.filter(receipt_lookup=receipts.lookup_digest(digits)).first()
    if case is None or not receipts.verify(case.receipt_hash, digits):
        return None
    return case


def reporter_reply(
    *,
    case: Case,
    body: str,
    retaliation: bool = False,
    files: list[PreparedFile] = (),
    form_token: str,
    now: datetime.datetime | None = None,
) -> tuple[CaseMessage, bool]:
    """The reporter's message (or retaliation report) on ``case``; (message, repeated)."""
    if not FORM_TOKEN.match(form_token or ""):
        raise ValidationError("The form token is not valid.")
    now = coarse(now or timezone.now())
    digest = receipts.keyed_digest("reply", form_token)
    existing = CaseMessage.objects.filter(form_digest=digest).first()
    if existing is not None:
        return existing, True
    kind = CaseMessage.Kind.RETALIATION if retaliation else CaseMessage.Kind.MESSAGE
    try:
        with transaction.atomic():
            message = CaseMessage.objects.create(
                case=case,
                direction=CaseMessage.Direction.FROM_REPORTER,
                kind=kind,
                body=body,
                created_at=now,
                form_digest=digest,
            )
            _attach(case, list(files), message=message, from_reporter=True, now=now)
            fields = []
            if retaliation and case.retaliation_reported_at is None:
                case.retaliation_reported_at = now
                fields.append("retaliation_reported_at")
            if case.receipt_sealed:
                case.receipt_sealed = ""  # the reporter has the receipt: no second showing
                fields.append("receipt_sealed")
            if fields:
                case.save(update_fields=fields)
            what = "reported retaliation" if retaliation else "sent a message"
            _tell(
                case,
                f"complaints.reply:{message.pk}",
                f"Case {case.number}: the reporter {what}",
                f"The reporter of case {case.number} {what}.",
                now.date(),
            )
    except IntegrityError:
        existing = CaseMessage.objects.filter(form_digest=digest).first()
        if existing is None:
            raise
        return existing, True
    return message, False


# The committee side --------------------------------------------------------------------------


def case_read_log(*, case: Case, user, what: str, now: datetime.datetime | None = None) -> None:
    """Record a read of ``case`` (who, when, what): the chair sees the log."""
    CaseRead.objects.create(case=case, user=user, at=now or timezone.now(), what=what[:100])


ALLOWED_STATUS = {
    Case.Status.NEW: {Case.Status.ACKNOWLEDGED, Case.Status.INVESTIGATING, Case.Status.CLOSED},
    Case.Status.ACKNOWLEDGED: {Case.Status.INVESTIGATING, Case.Status.RESOLVED, Case.Status.CLOSED},
    Case.Status.INVESTIGATING: {Case.Status.RESOLVED, Case.Status.CLOSED},
    Case.Status.RESOLVED: {Case.Status.INVESTIGATING, Case.Status.CLOSED},
    Case.Status.CLOSED: {Case.Status.INVESTIGATING},
}


@transaction.atomic
def case_status_set(*, case: Case, by, status: str, resolution: str = "", now=None) -> Case:
    """Move ``case`` along its workflow: new, acknowledged, investigating, resolved (with a
    resolution), closed; a closed case may be reopened for investigation."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    if status == case.status and status != Case.Status.RESOLVED:
        raise ValidationError(f"The case is already {case.get_status_display().lower()}.")
    if status != case.status and status not in ALLOWED_STATUS[case.status]:
        raise ValidationError(
            f"A case that is {case.get_status_display().lower()} cannot move to "
            f"{Case.Status(status).label.lower()}."
        )
    if status == Case.Status.RESOLVED and not resolution:
        raise ValidationError({"resolution": "Say how the case was resolved."})
    if status not in (Case.Status.RESOLVED, Case.Status.CLOSED):
        resolution = ""
    elif status == Case.Status.CLOSED and not resolution:
        resolution = case.resolution
    case.status, case.resolution = status, resolution
    fields = ["status", "resolution", "closed_at"]
    case.closed_at = now if status == Case.Status.CLOSED else None
    if status != Case.Status.NEW and case.acknowledged_at is None:
        case.acknowledged_at = now
        fields.append("acknowledged_at")
    case._history_user = by
    case.save(update_fields=fields)
    return case


@transaction.atomic
def case_details_set(*, case: Case, by, severity: str, legal_hold: bool, legal_hold_note: str):
    """The chair's triage: severity, and the legal hold that stops the retention purge."""
    if legal_hold and not legal_hold_note.strip():
        raise ValidationError({"legal_hold_note": "Name the matter or counsel the hold is for."})
    case.severity = severity
    case.legal_hold = legal_hold
    case.legal_hold_note = legal_hold_note.strip() if legal_hold else ""
    case._history_user = by
    case.save(update_fields=["severity", "legal_hold", "legal_hold_note"])
    return case


@transaction.atomic
def committee_message_send(
    *, case: Case, by, body: str, files: list[PreparedFile] = (), now=None
) -> CaseMessage:
    """A message to the reporter, read with the receipt. The first one acknowledges a new case."""
    now = now or timezone.now()
    message = CaseMessage.objects.create(
        case=case,
        direction=CaseMessage.Direction.TO_REPORTER,
        kind=CaseMessage.Kind.MESSAGE,
        body=body,
        author=by,
        created_at=now,
    )
    _attach(case, list(files), message=message, from_reporter=False, now=now)
    case.last_contact_at = now
    fields = ["last_contact_at"]
    if case.status == Case.Status.NEW:
        case.status, case.acknowledged_at = Case.Status.ACKNOWLEDGED, now
        fields += ["status", "acknowledged_at"]
    case._history_user = by
    case.save(update_fields=fields)
    return message


def case_note_add(*, case: Case, by, body: str, now=None) -> CaseNote:
    return CaseNote.objects.create(
        case=case, author=by, body=body, created_at=now or timezone.now()
    )


@transaction.atomic
def case_assign(*, case: Case, by, investigator, now=None) -> CaseAssignment:
    """Assign an investigator (a user in the Investigator group), who is told by the outbox."""
    now = now or timezone.now()
    if not has_group_role(investigator, Role.INVESTIGATOR):
        raise ValidationError({"investigator": "Only someone in the Investigator group."})
    director = getattr(investigator, "director", None)
    if director is not None and case.exclusions.filter(director=director).exists():
        raise ValidationError({"investigator": "This person is excluded from the case."})
    if CaseAssignment.objects.filter(case=case, user=investigator, ended_at=None).exists():
        raise ValidationError({"investigator": "This investigator is already assigned."})
    assignment = CaseAssignment.objects.create(
        case=case, user=investigator, assigned_by=by, assigned_at=now
    )
    message_queue(
        key=f"complaints.assigned:{assignment.pk}",
        recipients=[investigator],
        subject=f"You are assigned to complaint case {case.number}",
        body=f"You are assigned to complaint case {case.number}.\n\n{_case_url(case)}\n",
        as_of=now.date(),
    )
    return assignment


def case_unassign(*, case: Case, by, assignment_id: int, now=None) -> None:
    updated = CaseAssignment.objects.filter(pk=assignment_id, case=case, ended_at=None).update(
        ended_at=now or timezone.now()
    )
    if updated != 1:
        raise ValidationError("That assignment has already ended.")


@transaction.atomic
def case_exclude(*, case: Case, by, director, reason: str, now=None) -> CaseExclusion:
    """Exclude a director (named in the case, or recused): from now on the case does not exist
    for them. Their open assignment and grant end with it."""
    now = now or timezone.now()
    if case.exclusions.filter(director=director).exists():
        raise ValidationError({"director": "This director is already excluded."})
    if director.user_id is not None and director.user_id == getattr(by, "pk", None):
        raise ValidationError(
            {"director": "To step aside yourself, ask another member to take the case over."}
        )
    exclusion = CaseExclusion.objects.create(
        case=case, director=director, reason=reason, by=by, at=now
    )
    if director.user_id is not None:
        CaseAssignment.objects.filter(case=case, user_id=director.user_id, ended_at=None).update(
            ended_at=now
        )
        ContentGrant.objects.filter(case=case, user_id=director.user_id, revoked_at=None).update(
            revoked_at=now
        )
    return exclusion


def case_grant(*, case: Case, by, user, now=None) -> ContentGrant:
    """Let ``user`` (the secretary, counsel) read this one case."""
    director = getattr(user, "director", None)
    if director is not None and case.exclusions.filter(director=director).exists():
        raise ValidationError({"user": "This person is excluded from the case."})
    if ContentGrant.objects.filter(case=case, user=user, revoked_at=None).exists():
        raise ValidationError({"user": "This person can already read the case."})
    return ContentGrant.objects.create(
        case=case, user=user, granted_by=by, granted_at=now or timezone.now()
    )


def case_grant_revoke(*, case: Case, by, grant_id: int, now=None) -> None:
    updated = ContentGrant.objects.filter(pk=grant_id, case=case, revoked_at=None).update(
        revoked_at=now or timezone.now()
    )
    if updated != 1:
        raise ValidationError("That access has already been withdrawn.")


def summary_record(*, committee, period_start, period_end, presented_on, counts, by):
    """Record that the committee received the complaint summary of a fiscal quarter."""
    if QuarterlySummary.objects.filter(committee=committee, period_start=period_start).exists():
        raise ValidationError("This quarter's complaint summary is already recorded.")
    return QuarterlySummary.objects.create(
        committee=committee,
        period_start=period_start,
        period_end=period_end,
        presented_on=presented_on,
        counts=counts,
        recorded_by=by,
    )


def procedure_review_record(*, committee, reviewed_on, outcome, by) -> ProcedureReview:
    """Record the committee's annual review of its complaint procedures."""
    return ProcedureReview.objects.create(
        committee=committee, reviewed_on=reviewed_on, outcome=outcome, recorded_by=by
    )
