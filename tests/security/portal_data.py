"""One rich portal shared by the security tests (security targets 6 and 9): the fixed cast, a
third and a fourth audit member, the real requirement registry run on 15 June 2026, a waiver, a cure
period, a closed self-evaluation every member answered and an open one nobody answered, a charter
review, an advisor with a payment, a charter document in the private file store, notifications
and a calendar feed, and a complaint case with an attachment, assigned to the investigator.

Confidential canaries are planted where only some roles may read them; the allowed-roles table
lives in test_every_url.py next to the checks."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.db import connection
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from committees.duties import services as duty_services
from committees.models import CharterVersion, Compensation, Employment
from deadlines.models import Occurrence
from deadlines.registry import registry
from deadlines.services import deadlines_run, waiver_grant
from deadlines.services.feeds import calendar_feed_reset
from tests import factories as f
from tests.committees.test_duties_models import answers_for, make_questionnaire, review

TODAY = datetime.date(2026, 6, 15)
NOON = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)

# The canaries: each is a string found nowhere else in the portal.
COMP_NOTE = "canary-comp-5521 consulting for a supplier"
DETERMINATION_NOTE = "canary-determination-8830 spouse holds shares"
CAROL_NOTE = "canary-carol-4417 family holdings reviewed"
ANSWER_TEXT = "canary-answer-6093 the chair talks too much"
WAIVER_REASON = "canary-waiver-2284 joint review approved by the board"
CURE_REASON = "canary-cure-7716 brother appointed COO"
# What the summary reading level never shows (issue 7): a family member's name, an employer, an
# amount paid to a director, an advisor's payment; and what no one but its author reads.
FAMILY_NAME = "Dirk Canaryfamily"
EMPLOYER = "canary-employer-5150 Subsidiary Ltd"
COMP_AMOUNT = "4,321.09"
ADVISOR_AMOUNT = "87,654.32"
ADVISOR_NOTE = "canary-advisor-3302 forensic review"
CHARTER_TEXT = "canary-charter-1207"
# Charter: Meetings: an executive session's private notes (members and the secretary, on the
# meeting page only), a delivered report to the board (whoever reads the committee), a meeting
# paper (through the private store).
SESSION_NOTES = "canary-session-6620 auditor raised tone at the top"
BOARD_REPORT_TEXT = "canary-board-report-4471 recommend the audit plan"
MATERIAL_TEXT = "canary-material-9013"
CHARTER_PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% " + CHARTER_TEXT.encode() + b"\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)
AUDIT_NAMES = ("Alice Chair", "Bob Member", "Dana Third", "Evan Fourth")
# Charter: Responsibilities 7: the answered questionnaire closed on 10 June; answers of 5 June.
CLOSED_ON = datetime.date(2026, 6, 10)
ANSWERED_ON = datetime.date(2026, 6, 5)
OTHER_NAMES = ("Carol Other",)
# A complaint (RULES 6): its narrative and its attachment's text.
CASE_NARRATIVE = "canary-case-4471 the controller backdates invoices"
CASE_FILE_TEXT = "canary-case-file-9902"
CASE_PDF = b"%PDF-1.4\n% " + CASE_FILE_TEXT.encode() + b"\ntrailer <<>>\n%%EOF\n"
# The auditor (RULES 5): a service awaiting the committee's decision, read in detail only.
AUDITOR_REQUEST = "canary-auditor-request-3391 carve-out audit of the sensors unit"


@pytest.fixture
def on_today():
    with time_machine.travel(NOON, tick=False):
        yield


@dataclass
class Portal:
    users: dict  # role -> user (anonymous: None)
    third: object
    fourth: object
    answered: object  # closed questionnaire answered by all four audit members
    unanswered: object  # open questionnaire nobody answered yet
    waived: Occurrence
    open_occurrence: Occurrence
    feed_token: str
    reset_uidb64: str
    reset_token: str
    charter: CharterVersion  # the audit committee's, with its document in the private store
    other_charter: CharterVersion  # the compensation committee's, without a document
    case: object  # a complaint case of the audit committee, the investigator assigned
    case_attachment: object
    meeting: object  # the audit committee's meeting of 10 June 2026, held, with its record
    other_meeting: object  # the compensation committee's, scheduled
    material_version: object  # a paper of the audit meeting, in the private store
    board_report: object  # delivered
    action: object  # an open action item of the audit meeting
    engagement: object  # the audit committee's auditor for fiscal year 2026


@pytest.fixture
def portal(
    on_today,
    settings,
    tmp_path,
    chair,
    member,
    other_member,
    investigator,
    secretary,
    board_reader,
    outsider,
) -> Portal:
    settings.FILES_ROOT = tmp_path / "private-files"
    audit = member.director.memberships.get().committee
    third = f.UserFactory(email="dana.third@example.test", full_name="Dana Third")
    f.seat_qualified_member(audit, full_name="Dana Third", user=third)
    fourth = f.UserFactory(email="evan.fourth@example.test", full_name="Evan Fourth")
    f.seat_qualified_member(audit, full_name="Evan Fourth", user=fourth)
    bob, carol = member.director, other_member.director

    # A director's file: a board note and a payment description (Nasdaq 5605(a)(2)(B)).
    f.IndependenceDeterminationFactory(
        director=bob, determined_on=datetime.date(2025, 2, 1), notes=DETERMINATION_NOTE
    )
    f.IndependenceDeterminationFactory(
        director=carol, determined_on=datetime.date(2025, 2, 1), notes=CAROL_NOTE
    )
    Compensation.objects.create(
        director=bob,
        paid_on=datetime.date(2025, 12, 31),
        amount=Decimal("4321.09"),
        kind=Compensation.Kind.CONSULTING,
        description=COMP_NOTE,
    )
    # Nasdaq 5605(c)(4): Bob lost his independence outside his control.
    f.lose_independence_in_cure_period(
        audit, bob, event=datetime.date(2026, 3, 1), reason=CURE_REASON, relative=FAMILY_NAME
    )
    Employment.objects.filter(director=bob).update(
        employer=Employment.Employer.SUBSIDIARY, employer_name=EMPLOYER
    )

    # Charter: Responsibilities 7: four answers to a closed questionnaire, so the chair reads the
    # free text with three answers besides her own.
    answered = make_questionnaire(audit, title="FY2026 answered", closes=CLOSED_ON)
    answerers = ((member, ANSWER_TEXT), (chair, "Fine."), (third, "Fine too."), (fourth, "Ok."))
    for user, text in answerers:
        duty_services.evaluation_submit(
            questionnaire=answered,
            user=user,
            answers=answers_for(answered, text=text),
            as_of=ANSWERED_ON,
        )
    unanswered = make_questionnaire(audit, title="FY2026 open")
    review(audit, datetime.date(2025, 3, 1))
    # Charter: Responsibilities 6: an advisor and what the company paid it.
    engagement = duty_services.advisor_engagement_record(
        committee=audit,
        name="Forensic advisors",
        kind="accounting",
        purpose=ADVISOR_NOTE,
        engaged_on=datetime.date(2026, 1, 5),
        fee_budget=Decimal("100000.00"),
    )
    duty_services.advisor_payment_record(
        engagement=engagement,
        paid_on=datetime.date(2026, 2, 1),
        amount=Decimal("87654.32"),
        as_of=TODAY,
    )
    charter = CharterVersion.objects.get(committee=audit)
    charter.document.save("charter.pdf", ContentFile(CHARTER_PDF), save=True)

    # A complaint, with an attachment, assigned to the investigator (RULES 6).
    from complaints import services as complaint_services
    from complaints.attachments import PreparedFile
    from complaints.models import ComplaintsPolicy

    policy = ComplaintsPolicy.objects.create(committee=audit)
    case, _, _ = complaint_services.case_submit(
        policy=policy,
        category="accounting",
        narrative=CASE_NARRATIVE,
        files=[PreparedFile(CASE_PDF, "pdf", False)],
        form_token="p" * 43,
    )
    complaint_services.case_assign(case=case, by=chair, investigator=investigator)
    meetings = _meetings(audit, carol.memberships.get().committee, secretary)
    engagement = _auditor(audit, meetings["meeting"])

    # The real registry, run as the beat would: occurrences, reminders and notifications.
    report = deadlines_run(as_of=TODAY)
    assert report.errors == []
    opened = Occurrence.objects.open().filter(committee=audit).order_by("pk")
    # Only a charter-kind requirement can be waived; the waiver form is fuzzed on another one.
    waivable = [row for row in opened if registry.get(row.requirement_key).is_waivable]
    waivable.sort(key=lambda row: row.is_continuous)
    assert len(waivable) >= 2, "the rich portal needs two open waivable audit occurrences"
    waived, open_occurrence = waivable[0], waivable[1]
    waiver_grant(occurrence=waived, user=secretary, reason=WAIVER_REASON, as_of=TODAY)
    waived.refresh_from_db()

    users = {
        "chair": chair,
        "member": member,
        "other_member": other_member,
        "investigator": investigator,
        "secretary": secretary,
        "board_reader": board_reader,
        "outsider": outsider,
        "anonymous": None,
    }
    return Portal(
        users=users,
        third=third,
        fourth=fourth,
        answered=answered,
        unanswered=unanswered,
        waived=waived,
        open_occurrence=open_occurrence,
        feed_token=calendar_feed_reset(user=member, now=NOON),
        reset_uidb64=urlsafe_base64_encode(force_bytes(outsider.pk)),
        reset_token=default_token_generator.make_token(outsider),
        charter=charter,
        other_charter=CharterVersion.objects.get(committee=carol.memberships.get().committee),
        case=case,
        case_attachment=case.attachments.get(),
        engagement=engagement,
        **meetings,
    )


def _meetings(audit, other, secretary) -> dict:
    """Charter: Meetings: a held audit meeting with its agenda, a paper, attendance, a session,
    minutes, an action and a delivered report; a scheduled compensation committee meeting."""
    from meetings import services as meeting_services
    from tests.meetings.support import at

    start = at(datetime.date(2026, 6, 10), 10)
    meeting = meeting_services.meeting_schedule(
        committee=audit,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        time_zone="America/New_York",
        location="Board room",
        now=NOON,
    )
    item = meeting_services.agenda_item_add(meeting=meeting, title="Audit plan", presenter="CFO")
    version = meeting_services.material_upload(
        meeting=meeting,
        agenda_item=item,
        title="Audit plan",
        upload=ContentFile(
            b"%PDF-1.4\n% " + MATERIAL_TEXT.encode() + b"\ntrailer <<>>\n%%EOF\n",
            name="plan.pdf",
        ),
        by=secretary,
        now=NOON,
    )
    seats = audit.memberships.active_on(meeting.day).values_list("director_id", flat=True)
    meeting_services.attendance_record(
        meeting=meeting, statuses=dict.fromkeys(seats, "in_person"), as_of=TODAY
    )
    meeting_services.executive_session_record(
        meeting=meeting, counterpart="independent_auditor", notes=SESSION_NOTES
    )
    meeting_services.minutes_draft(meeting=meeting)
    action = meeting_services.action_item_add(
        meeting=meeting, description="Send the memo", due_on=TODAY, owner_name="CFO"
    )
    report = meeting_services.board_report_save(
        meeting=meeting, summary=BOARD_REPORT_TEXT, delivered_on=TODAY, as_of=TODAY
    )
    other_start = at(datetime.date(2026, 7, 1), 10)
    other_meeting = meeting_services.meeting_schedule(
        committee=other,
        starts_at=other_start,
        ends_at=other_start + datetime.timedelta(hours=1),
        time_zone="America/New_York",
        location="Room 2",
        now=NOON,
    )
    return {
        "meeting": meeting,
        "other_meeting": other_meeting,
        "material_version": version,
        "board_report": report,
        "action": action,
    }


# The auditor (RULES 5): the discussion of the independence letter, for the audit committee's
# members and the secretary on the engagement page.
AUDITOR_DISCUSSION = "canary-auditor-5174 partner discussed the tax work"


def _auditor(audit, meeting):
    """RULES 5: the firm engaged for fiscal year 2026 at the June meeting, a fee in each proxy
    category, a service awaiting the committee's decision (a canary), and the firm's
    independence letter discussed at that meeting (PCAOB 3526(b), another canary)."""
    from auditors.models import AuditFirm, Engagement, Fee, ServiceRequest
    from auditors.services.communications import communication_record

    firm = AuditFirm.objects.create(name="Hartwell & Ames LLP", pcaob_id="1234", office="Boston")
    engagement = Engagement.objects.create(
        committee=audit,
        firm=firm,
        fiscal_year=2026,
        status=Engagement.Status.ACTIVE,
        approved_at=meeting,
        approved_on=meeting.day,
        audit_fee=Decimal("2400000.00"),
    )
    for category in ("audit", "audit_related", "tax", "all_other"):
        Fee.objects.create(
            engagement=engagement,
            service=f"Fee of the {category} category",
            category=category,
            amount=Decimal("10000.00"),
            recorded_on=TODAY,
        )
    ServiceRequest.objects.create(
        committee=audit,
        engagement=engagement,
        service=AUDITOR_REQUEST,
        nature="audit_related",
        category="audit_related",
        estimated_fee=Decimal("50000.00"),
        starts_on=datetime.date(2026, 8, 1),
        requested_at=NOON,
    )
    communication_record(
        committee=audit,
        firm=firm,
        kind="independence",
        received_on=datetime.date(2026, 6, 1),
        states_independent=True,
        discussed_at=meeting,
        discussion=AUDITOR_DISCUSSION,
        as_of=TODAY,
    )
    return engagement


def _counted_models():
    # Sessions change with every login and logout; they hold no portal record.
    return sorted(
        (model for model in apps.get_models() if model is not Session),
        key=lambda model: model._meta.label,
    )


def row_counts() -> dict[str, int]:
    """Every model's row count, in one query."""
    models = _counted_models()
    quote = connection.ops.quote_name
    # Table names come from the model registry, not from input.
    count = "(SELECT COUNT(*) FROM {})"  # noqa: S608
    columns = ", ".join(count.format(quote(m._meta.db_table)) for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        values = cursor.fetchone()
    return {model._meta.label: value for model, value in zip(models, values, strict=True)}


def changed_counts(before: dict, after: dict) -> dict[str, tuple[int, int]]:
    return {
        label: (before[label], after[label]) for label in before if before[label] != after[label]
    }
