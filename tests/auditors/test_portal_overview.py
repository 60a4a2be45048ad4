"""The auditor's year at a glance (Charter: Responsibilities 1 to 4): who opens it, what it
shows for a fiscal year, the way in through /auditor/, the navigation link, and a number of
queries that does not grow with the data. "Today" is 15 June 2026."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from auditors.models import Engagement
from tests import factories as f
from tests.auditors import support
from tests.auditors.portal_support import auditor_year

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 16, tzinfo=datetime.UTC), tick=False):
        yield


def year_url(slug="audit", year=None):
    url = reverse("auditors:year", args=[slug])
    return url if year is None else f"{url}?year={year}"


# Who opens it -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["chair", "member", "secretary"])
def test_the_committee_s_members_and_the_secretary_open_the_year(
    role, committee, request, client_for
):
    """Charter: Responsibilities 1: the committee oversees the auditor, so its members (and the
    secretary who keeps the records) read everything of it."""
    auditor_year(committee)
    response = client_for(request.getfixturevalue(role)).get(year_url())
    assert response.status_code == 200
    assert response.context["page"].fiscal_year == 2026


@pytest.mark.parametrize("role", ["board_reader", "outsider", "other_member", "investigator"])
def test_everyone_else_gets_a_404_not_a_403(role, committee, request, client_for):
    """A board reader reads the fee table and the signed report elsewhere, never the year's
    detail; a member of another committee learns nothing of this one."""
    auditor_year(committee)
    response = client_for(request.getfixturevalue(role)).get(year_url())
    assert response.status_code == 404


def test_a_committee_that_is_not_an_audit_committee_has_no_auditor(
    committee, other_member, secretary, client_for
):
    for user in (other_member, secretary):
        assert client_for(user).get(year_url("compensation")).status_code == 404


def test_a_member_who_left_the_committee_no_longer_opens_it(committee, member, client_for):
    member.director.memberships.update(end_date=D(2026, 6, 14))
    assert client_for(member).get(year_url()).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(committee, client):
    response = client.get(year_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# What it shows ------------------------------------------------------------------------------


def test_the_year_shows_the_engagement_fees_caps_requests_partners_and_communications(
    committee, chair, client_for
):
    auditor_year(committee)
    response = client_for(chair).get(year_url())
    page = response.context["page"]
    html = response.content.decode()
    # The engagement: firm, status, approved fee, ratification (900 of 1,000 votes cast).
    assert page.engagement.firm.name == "Hartwell & Ames LLP"
    assert "PCAOB firm ID 1234" in html and "Boston, Massachusetts" in html
    assert "$2,400,000.00" in html
    assert "Ratified on 20 May 2026: 900 for (90% of votes cast), 80 against, 20 abstaining" in html
    # Fees: each of the four categories billed 100,000 and expects 50,000; tax adds the two
    # services billed under the policy.
    assert [(row.category, row.billed, row.expected) for row in page.fees] == [
        ("audit", Decimal("100000.00"), Decimal("50000.00")),
        ("audit_related", Decimal("100000.00"), Decimal("50000.00")),
        ("tax", Decimal("102000.00"), Decimal("50000.00")),
        ("all_other", Decimal("100000.00"), Decimal("50000.00")),
    ]
    assert page.total_fees == Decimal("602000.00")
    assert "Audit fees recorded: $150,000.00 of the $2,400,000.00 the committee approved." in html
    # Caps: two lines of 25,000, each with a fee of 1,000 for a service approved under it (4%).
    assert [(u.used, u.percent, u.over) for u in page.usages] == [
        (Decimal("1000.00"), 4, False)
    ] * 2
    assert html.count("4% of the cap") == 2
    # Pending: seven, the oldest five listed.
    assert page.pending_count == 7
    assert [r.service for r in page.pending] == [f"Awaiting {n}" for n in range(5)]
    assert "7 service requests for this year's auditor await approval; the oldest 5" in html
    # Partners: the lead in the fourth year of five, the concurring partner too.
    assert [(s.partner.full_name, s.role, s.consecutive_years) for s in page.standings] == [
        ("Partner 0", "lead", 4),
        ("Partner 1", "concurring", 4),
    ]
    # Communications: the independence letter, the QC report, 3 of 12 AS 1301 topics.
    assert "Received 1 March 2026; the firm states it is independent; discussed at" in html
    assert page.received.as1301_done == 3 and "3 of 12 topics communicated" in html
    assert "Not reviewed yet" in html and "Not signed yet" in html


def test_the_year_defaults_to_the_current_one_and_links_the_years_around_it(
    committee, chair, client_for
):
    html = client_for(chair).get(year_url()).content.decode()
    assert 'href="?year=2025"' in html and 'href="?year=2027"' in html
    assert "(the current fiscal year)" in html


def test_another_year_is_read_on_its_own_records(committee, chair, client_for):
    auditor_year(committee)
    response = client_for(chair).get(year_url(year=2025))
    page = response.context["page"]
    assert page.fiscal_year == 2025
    # The 2025 audit (completed) without fees of its own, and no policy then in force.
    assert page.engagement.status == Engagement.Status.COMPLETED
    assert page.total_fees == 0 and page.usages == []
    assert page.pending_count == 0
    assert "(the current fiscal year)" not in response.content.decode()


@pytest.mark.parametrize("raw", ["abc", "", "-3", "99999", "2026.5", "\x00"])
def test_a_year_that_is_no_year_falls_back_to_the_current_one(raw, committee, chair, client_for):
    response = client_for(chair).get(reverse("auditors:year", args=["audit"]), {"year": raw})
    assert response.status_code == 200
    assert response.context["page"].fiscal_year == 2026


def test_a_year_without_an_engagement_says_so(committee, member, client_for):
    html = client_for(member).get(year_url()).content.decode()
    assert "No firm is engaged for fiscal year 2026." in html
    assert "No pre-approval policy is in force" in html
    assert "No partner is recorded on this year's audit." in html
    assert "Not received this fiscal year" in html


def test_audit_fees_above_the_approved_fee_are_flagged(committee, chair, client_for):
    """Charter: Responsibilities 1: the committee sets the firm's compensation; fees past it
    show."""
    engagement = auditor_year(committee)
    engagement.audit_fee = Decimal("140000.00")
    engagement.save()
    html = client_for(chair).get(year_url()).content.decode()
    assert (
        "Audit fees recorded are $10,000.00 above the $140,000.00 the committee approved." in html
    )


def test_a_line_past_its_cap_shows_over_the_cap(committee, chair, client_for):
    """S-X 2-01(c)(7): spending past a policy line's cap is flagged on the chart."""
    engagement = auditor_year(committee)
    line = engagement.service_requests.exclude(policy_line=None).first().policy_line
    from auditors.models import Fee
    from tests.auditors.portal_support import request as make_request

    large = make_request(committee, engagement, "Large", status="approved", line=line)
    Fee.objects.create(
        engagement=engagement,
        service="Large",
        category=line.category,
        amount=Decimal("24500.00"),
        request=large,
        recorded_on=D(2026, 5, 1),
    )
    response = client_for(chair).get(year_url())
    over = [u for u in response.context["page"].usages if u.over]
    assert len(over) == 1 and over[0].percent == 102
    assert "102% of the cap: over" in response.content.decode()


def test_a_terminated_engagement_gives_way_to_the_live_one(committee, chair, client_for):
    old_firm = support.firm("Old & Gone LLP")
    support.engagement(
        committee,
        2026,
        audit_firm=old_firm,
        status=Engagement.Status.TERMINATED,
        approved_at=None,
        terminated_on=D(2026, 1, 31),
        termination_reason="Merged away.",
    )
    auditor_year(committee)
    page = client_for(chair).get(year_url()).context["page"]
    assert page.engagement.firm.name == "Hartwell & Ames LLP"


# The auditor's duties from the stored occurrences ------------------------------------------


def _occurrence(committee, key, due, status):
    from deadlines.models import Occurrence

    return Occurrence.objects.create(
        committee=committee,
        requirement_key=key,
        cadence="fiscal_year",
        period_start=D(2026, 1, 1),
        period_end=D(2026, 12, 31),
        due_date=due,
        status=status,
        is_open=True,
        opened_on=D(2026, 1, 1),
        evaluated_at=datetime.datetime(2026, 6, 15, 13, tzinfo=datetime.UTC),
        evaluated_on=D(2026, 6, 15),
    )


def test_overdue_and_due_soon_auditor_duties_are_listed_from_the_stored_occurrences(committee):
    """Only the auditor's own keys, open, overdue or due within 30 days (a day past 30 is
    not listed yet)."""
    from auditors.selectors.overview import auditor_deadlines

    late = _occurrence(committee, "auditors.independence_letter", D(2026, 6, 14), "overdue")
    soon = _occurrence(committee, "auditors.audit_plan", D(2026, 7, 15), "due")
    _occurrence(committee, "auditors.statements_review", D(2026, 7, 16), "due")
    _occurrence(committee, "meetings.min_meetings_per_year", D(2026, 6, 1), "overdue")
    overdue, due_soon = auditor_deadlines(committee, D(2026, 6, 15))
    assert [i.occurrence for i in overdue] == [late]
    assert [i.occurrence for i in due_soon] == [soon]


# The way in ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["chair", "member", "secretary"])
def test_the_index_sends_a_reader_of_one_audit_committee_to_it(
    role, committee, request, client_for
):
    response = client_for(request.getfixturevalue(role)).get(reverse("auditors:index"))
    assert response.status_code == 302
    assert response["Location"] == year_url()


def test_the_index_lists_several_audit_committees(committee, secretary, client_for):
    f.CommitteeFactory(name="Audit Committee of the Bank", slug="bank-audit", kind="audit")
    response = client_for(secretary).get(reverse("auditors:index"))
    assert response.status_code == 200
    assert [c.slug for c in response.context["committees"]] == ["audit", "bank-audit"]


@pytest.mark.parametrize("role", ["board_reader", "other_member", "outsider"])
def test_the_index_says_there_is_nothing_for_others(role, committee, request, client_for):
    response = client_for(request.getfixturevalue(role)).get(reverse("auditors:index"))
    assert response.status_code == 200
    assert "There is no audit committee to show you" in response.content.decode()
    assert response.context["committees"] == []


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("chair", True),
        ("member", True),
        ("secretary", True),
        ("other_member", False),
        ("board_reader", False),
        ("outsider", False),
    ],
)
def test_the_auditor_link_is_offered_to_those_who_can_use_it(
    role, shown, committee, other_member, request, client_for
):
    html = client_for(request.getfixturevalue(role)).get(reverse("home")).content.decode()
    assert (f'href="{reverse("auditors:index")}">Auditor</a>' in html) is shown


# Bounded queries ----------------------------------------------------------------------------


def _queries(client, url) -> int:
    assert client.get(url).status_code == 200  # fills the session and the stored evaluation
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["chair", "member", "secretary"])
def test_the_year_s_queries_do_not_grow_with_the_data(role, committee, request, client_for):
    """The same count with three times the fees, lines, requests, partners, years and
    communications as with one."""
    from django.db import transaction

    client = client_for(request.getfixturevalue(role))
    counts = []
    for size in (1, 3):
        with transaction.atomic():
            auditor_year(committee, size)
            counts.append(_queries(client, year_url()))
            transaction.set_rollback(True)
    assert counts[0] == counts[1], counts
