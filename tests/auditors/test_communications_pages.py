"""The engagement pages: who reads and who acts (members and the secretary read; the chair and
the secretary act; a board reader reads the signed report only; everyone else a 404), forms that
put each refusal beside its field and save nothing, and a page whose query count does not grow
with the data."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from auditors.models import As1301Item, As1301Topic, CommitteeReport, Communication, Engagement
from auditors.services import reports
from tests import factories as f
from tests.auditors.support import engagement, firm, partner
from tests.auditors.test_communications_helpers import (
    KIND,
    audit_ready_for_report,
    checklist,
    communication,
)
from tests.meetings.support import PDF, hold

D = datetime.date
pytestmark = pytest.mark.django_db
TODAY = D(2027, 3, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2027, 3, 15, 16, tzinfo=datetime.UTC), tick=False):
        yield


def url(committee, name="auditors:engagement", year=2026, *extra):
    return reverse(name, args=[committee.slug, year, *extra])


@pytest.fixture
def cast(committee, chair, member, secretary, board_reader, outsider, other_member):
    return {
        "chair": chair,
        "member": member,
        "secretary": secretary,
        "board_reader": board_reader,
        "outsider": outsider,
        "other_member": other_member,
    }


READERS = {"chair", "member", "secretary"}
ACTORS = {"chair", "secretary"}


def test_the_engagement_page_is_read_by_members_and_the_secretary_only(committee, cast, client_for):
    """Members and the secretary read; a board reader, an outsider and another committee's
    member get a 404; anonymous users log in."""
    engagement(committee, 2026)
    for role, user in cast.items():
        status = client_for(user).get(url(committee)).status_code
        assert status == (200 if role in READERS else 404), role


def test_anonymous_users_are_sent_to_log_in(committee, client):
    response = client.get(url(committee))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    "name",
    [
        "auditors:engagement_approve",
        "auditors:engagement_ratify",
        "auditors:engagement_activate",
        "auditors:engagement_complete",
        "auditors:engagement_terminate",
        "auditors:communication_record",
        "auditors:as1301_record",
        "auditors:statements_review",
        "auditors:report_sign",
    ],
)
def test_the_tools_are_the_chairs_and_the_secretarys(committee, cast, client_for, name):
    """The chair and the secretary act; a member is refused (403); others get a 404."""
    engagement(committee, 2026)
    for role, user in cast.items():
        status = client_for(user).get(url(committee, name)).status_code
        expected = 200 if role in ACTORS else 403 if role in READERS else 404
        assert status == expected, (role, status)


def test_the_report_is_read_by_board_readers_once_signed(committee, cast, client_for):
    """S-K 407(d)(3): a board reader reads the signed report only; members read the draft."""
    target = audit_ready_for_report(committee)
    report_url = url(committee, "auditors:engagement_report")
    assert client_for(cast["board_reader"]).get(report_url).status_code == 404
    draft = client_for(cast["member"]).get(report_url)
    assert draft.status_code == 200 and b"Draft" in draft.content
    reports.report_sign(engagement=target, dated=D(2027, 3, 1), as_of=TODAY)
    for role, user in cast.items():
        response = client_for(user).get(report_url)
        allowed = role in READERS | {"board_reader"}
        assert response.status_code == (200 if allowed else 404), role
        if allowed:
            assert "recommended to the Board" in response.content.decode()
    # The engagement page itself stays closed to the board reader.
    assert client_for(cast["board_reader"]).get(url(committee)).status_code == 404


def test_the_page_shows_the_year_at_a_glance(committee, chair, client_for):
    """The firm, the fee, the decisions, partners read-only, communications with their
    discussion, the checklist with what is missing, the review and the four facts."""
    target = engagement(committee, 2026)
    target.partner_assignments.create(partner=partner("Pat Lead"), role="lead")
    meeting = hold(committee, D(2026, 5, 10))
    letter = communication(committee, KIND.INDEPENDENCE, D(2026, 5, 1), meeting=meeting)
    checklist(target, D(2026, 11, 1), leave_out=(As1301Topic.GOING_CONCERN,))
    page = client_for(chair).get(url(committee)).content.decode()
    for words in (
        "Hartwell &amp; Ames LLP",
        "$2,400,000.00",
        "Pat Lead: lead partner",
        f'id="communication-{letter.pk}"',
        "The committee and the engagement partner discussed it.",
        "11 of 12 recorded",
        "Going concern",
        "Record it",
        'data-fact="independence" data-met="yes"',
        'data-fact="reviewed" data-met="no"',
        "The draft appears once all four facts are recorded.",
    ):
        assert words in page, words


def test_a_year_without_an_engagement_offers_the_proposal(committee, chair, member, client_for):
    assert "Propose the auditor" in client_for(chair).get(url(committee)).content.decode()
    assert "Propose the auditor" not in client_for(member).get(url(committee)).content.decode()


def test_the_proposal_form_stores_the_engagement(committee, secretary, client_for):
    """Charter: Responsibilities 1: proposed through the page with its letter."""
    response = client_for(secretary).post(
        url(committee, "auditors:engagement_propose"),
        {
            "firm": firm().pk,
            "audit_fee": "2400000.00",
            "procedures_begin_on": "2026-09-01",
            "letter": SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    proposed = Engagement.objects.get()
    assert proposed.status == "proposed" and proposed.letter


def test_a_negative_fee_is_refused_beside_the_field(committee, chair, client_for):
    """Bad input: the message beside the fee; nothing saved."""
    response = client_for(chair).post(
        url(committee, "auditors:engagement_propose"), {"firm": firm().pk, "audit_fee": "-5"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["audit_fee"] == ["A fee cannot be negative."]
    assert Engagement.objects.count() == 0


def test_approval_without_quorum_is_refused_beside_the_meeting(committee, chair, client_for):
    """Charter: Responsibilities 1: the refusal names the quorum, on the meeting field."""
    engagement(committee, 2025)
    engagement(committee, 2026, status="proposed")
    meeting = hold(committee, D(2026, 3, 10), present=[chair.director])
    response = client_for(chair).post(
        url(committee, "auditors:engagement_approve"), {"meeting": meeting.pk}
    )
    assert response.status_code == 200
    assert "no quorum" in " ".join(response.context["form"].errors["meeting"])
    assert Engagement.objects.get(fiscal_year=2026).status == "proposed"


def test_the_3526a_refusal_shows_above_the_form(committee, chair, client_for):
    """PCAOB 3526(a): a first engagement's approval refused with the rule named."""
    engagement(committee, 2026, status="proposed")
    meeting = hold(committee, D(2026, 3, 10))
    response = client_for(chair).post(
        url(committee, "auditors:engagement_approve"), {"meeting": meeting.pk}
    )
    assert "PCAOB 3526(a)" in " ".join(response.context["form"].non_field_errors())


def test_an_as1301_matter_and_a_communication_are_recorded_through_the_page(
    committee, chair, client_for
):
    """AS 1301 and PCAOB 3526(b) through the chair's forms."""
    engagement(committee, 2026)
    meeting = hold(committee, D(2026, 11, 10))
    client = client_for(chair)
    response = client.post(
        url(committee, "auditors:as1301_record"),
        {
            "topic": "strategy",
            "communicated_on": "2026-11-10",
            "form": "oral",
            "meeting": meeting.pk,
        },
    )
    assert response.status_code == 302
    assert As1301Item.objects.get().topic == "strategy"
    response = client.post(
        url(committee, "auditors:communication_record"),
        {"kind": "independence", "received_on": "2026-11-01", "states_independent": ""},
    )
    assert response.status_code == 200
    assert "states_independent" in response.context["form"].errors
    assert Communication.objects.count() == 0
    response = client.post(
        url(committee, "auditors:communication_record"),
        {"kind": "independence", "received_on": "2026-11-01", "states_independent": "yes"},
    )
    assert response.status_code == 302
    received = Communication.objects.get()
    response = client.post(
        url(committee, "auditors:communication_discuss", 2026, received.pk),
        {"discussed_at": meeting.pk, "discussion": "Discussed with the partner."},
    )
    assert response.status_code == 302
    received.refresh_from_db()
    assert received.discussed_at == meeting


def test_signing_through_the_page_is_refused_naming_the_missing_fact(committee, chair, client_for):
    """S-K 407(d)(3): the refusal names the fact; nothing is signed."""
    audit_ready_for_report(committee, leave_out=("independence",))
    response = client_for(chair).post(
        url(committee, "auditors:report_sign"), {"dated": "2027-03-01"}
    )
    assert response.status_code == 200
    assert "independence" in " ".join(response.context["form"].non_field_errors())
    assert CommitteeReport.objects.count() == 0


def test_a_fiscal_year_out_of_range_is_not_found(committee, chair, client_for):
    assert client_for(chair).get(url(committee, year=99999)).status_code == 404


def _build(committee, size: int, offset: int):
    """``size`` times the records of a year: partners, communications, checklist entries."""
    audit_firm = firm(f"Firm {offset}")
    target = engagement(committee, 2026 + offset, audit_firm=audit_firm)
    for n in range(size):
        target.partner_assignments.create(
            partner=partner(f"Partner {offset}-{n}", audit_firm), role="other"
        )
        meeting = hold(committee, D(2026 + offset, 3, 1 + n), hour=9 + offset)
        communication(
            committee,
            KIND.QUALITY_CONTROL,
            D(2026 + offset, 3, 1 + n),
            meeting=meeting,
            audit_firm=audit_firm,
        )
        communication(
            committee, KIND.INDEPENDENCE, D(2026 + offset, 3, 1 + n), audit_firm=audit_firm
        )
    checklist(target, D(2026 + offset, 11, 1), leave_out=list(As1301Topic)[size:])
    return target


def _queries(client, committee, year) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(committee, year=year)).status_code == 200
    return len(captured)


def test_the_page_runs_the_same_queries_at_two_data_sizes(committee, chair, client_for):
    """One record of each kind, then four: the page asks the database as often."""
    _build(committee, 1, 0)
    _build(committee, 4, 1)
    client = client_for(chair)
    client.get(url(committee, year=2026))
    assert _queries(client, committee, 2026) == _queries(client, committee, 2027)


def test_the_fee_shows_as_money(committee, chair, client_for):
    engagement(committee, 2026, audit_fee=Decimal("1234.5"))
    assert "$1,234.50" in client_for(chair).get(url(committee)).content.decode()


def test_a_fourth_member_is_named_below_the_draft(committee, chair, client_for):
    """S-K 407(d)(3): the members serving on the report's date, below the text."""
    f.seat_qualified_member(committee, full_name="Evan Fourth")
    audit_ready_for_report(committee)
    page = client_for(chair).get(url(committee)).content.decode()
    assert "Evan Fourth" in page and "Sign the report" in page
