"""The meetings' and the auditor's pages run a bounded number of queries whatever the data size
(issue 13): for every role that opens a page, the count is the same with three times the
meetings, agenda items, papers and their versions, attendees, guests and actions, or three times
the auditor's years, fees, requests, policy lines, partners and communications, as with one; and
it stays within the bound.

The bound is 15 queries a page, of which every logged-in page pays 5 (the session, the user, the
second factor, who the user is, the unread count)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from tests import factories as f
from tests.meetings.support import hold, meeting_history, schedule

D = datetime.date
NOW = datetime.datetime(2026, 6, 15, 16, tzinfo=datetime.UTC)
BOUND = 15
SIZES = (1, 3)


@pytest.fixture(autouse=True)
def _today(settings, tmp_path):
    settings.FILES_ROOT = tmp_path / "private-files"
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def committee(audit_committee, chair, member):
    f.seat_qualified_member(audit_committee, full_name="Dana Third")
    return audit_committee


def _count(client, url) -> int:
    # The first request fills the session and refreshes the stored evaluation (in use that
    # refresh runs after the writer's commit): the page is measured as it is read, fresh.
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _counts_at(size, build, pages, client) -> dict:
    """Queries of each page over data of ``size``; the data is rolled back afterwards."""
    with transaction.atomic():
        records = build(size)
        counts = {name: _count(client, url(records)) for name, url in pages.items()}
        transaction.set_rollback(True)
    return counts


def _assert_bounded(counts_by_size: dict) -> None:
    small, large = (counts_by_size[size] for size in SIZES)
    assert small == large, (small, large)
    over = {name: n for name, n in large.items() if n > BOUND}
    assert not over, (over, BOUND)


# Meetings ------------------------------------------------------------------------------------


def _meetings(committee, secretary):
    def build(size: int) -> dict:
        """``size`` past and ``size`` coming meetings (and ``size`` x 30 older ones for the
        list's pages), each with 2 x ``size`` items, ``size`` papers an item in two versions,
        guests, a session, minutes, an action and a report; 3 x ``size`` more members."""
        meetings, report = meeting_history(committee, secretary, size, hour=9)
        for n in range(30 * (size - 1)):
            schedule(committee, D(2020, 1, 1) + datetime.timedelta(days=7 * n), hour=8)
        return {"past": meetings[0], "coming": meetings[1], "report": report}

    return build


MEETING_PAGES = {
    "list": lambda c, r: reverse("meetings:list", args=[c.slug]),
    "meeting": lambda c, r: r["past"].get_absolute_url(),
    "coming": lambda c, r: r["coming"].get_absolute_url(),
    "board_book": lambda c, r: reverse("meetings:board_book", args=[c.slug, r["past"].pk]),
    "prepare": lambda c, r: reverse("meetings:prepare"),
    "reports": lambda c, r: reverse("meetings:reports", args=[c.slug]),
    "board_report": lambda c, r: reverse("meetings:board_report", args=[c.slug, r["report"].pk]),
}
MEETING_TOOLS = {
    "schedule": lambda c, r: reverse("meetings:schedule", args=[c.slug]),
    **{
        name: lambda c, r, name=name: reverse(f"meetings:{name}", args=[c.slug, r["past"].pk])
        for name in ("agenda", "materials", "attendance", "minutes", "actions", "report_edit")
    },
    "edit": lambda c, r: reverse("meetings:edit", args=[c.slug, r["coming"].pk]),
}
BOARD_READER_MEETING_PAGES = ("prepare", "reports", "board_report")


@pytest.mark.parametrize("role", ["chair", "member", "secretary", "board_reader"])
def test_meetings_pages_queries_are_bounded(role, committee, secretary, request, client_for):
    """Every meetings page each role opens: the same count at both sizes, within the bound."""
    client = client_for(request.getfixturevalue(role))
    pages = dict(MEETING_PAGES)
    if role in ("chair", "secretary"):
        pages |= MEETING_TOOLS
    if role == "board_reader":
        pages = {name: pages[name] for name in BOARD_READER_MEETING_PAGES}
    pages = {name: lambda r, url=url: url(committee, r) for name, url in pages.items()}
    build = _meetings(committee, secretary)
    _assert_bounded({size: _counts_at(size, build, pages, client) for size in SIZES})


def test_meetings_list_pages_past_meetings(committee, secretary, client_for):
    """The list shows 25 past meetings a page, with where the reader is among the pages."""
    with time_machine.travel(NOW, tick=False):
        for n in range(30):
            schedule(committee, D(2020, 1, 1) + datetime.timedelta(days=7 * n), hour=8)
    client = client_for(secretary)
    url = reverse("meetings:list", args=[committee.slug])
    first = client.get(url)
    assert len(first.context["past"].object_list) == 25
    assert "Page 1 of 2 (30 past meetings)" in first.content.decode()
    second = client.get(url, {"page": 2})
    assert len(second.context["past"].object_list) == 5
    assert "Later meetings" in second.content.decode()


# The auditor ---------------------------------------------------------------------------------


def _auditor(committee):
    from auditors.models import Delegation, ServiceRequest
    from tests.auditors.portal_support import auditor_year

    def build(size: int) -> dict:
        """``size`` x the auditor's year (tests.auditors.portal_support.auditor_year), with
        3 x ``size`` older years of engagements, fees and requests, and a delegation."""
        engagement = auditor_year(committee, size)
        from auditors.models import Engagement, Fee

        for year in range(2010, 2010 + 3 * size):
            old = Engagement.objects.filter(committee=committee, fiscal_year=year).first()
            if old is None:
                old = Engagement.objects.create(
                    committee=committee,
                    firm=engagement.firm,
                    fiscal_year=year,
                    status=Engagement.Status.COMPLETED,
                    audit_fee=Decimal("1000000.00"),
                )
            Fee.objects.create(
                engagement=old,
                service="Audit",
                category="audit",
                amount=Decimal("900000.00"),
                recorded_on=D(year, 12, 1),
            )
            ServiceRequest.objects.create(
                committee=committee,
                engagement=old,
                service=f"Old request {year}",
                nature="tax",
                category="tax",
                estimated_fee=Decimal("1000"),
                starts_on=D(year, 7, 1),
                requested_at=datetime.datetime(year, 1, 5, tzinfo=datetime.UTC),
                status="approved",
                decided_on=D(year, 2, 1),
            )
        pending = ServiceRequest.objects.filter(committee=committee, status="pending").first()
        Delegation.objects.create(
            committee=committee,
            director=committee.memberships.filter(role="chair").get().director,
            granted_at=engagement.approved_at,
            starts_on=engagement.approved_at.day,
            fee_limit=Decimal("50000"),
        )
        return {"engagement": engagement, "pending": pending}

    return build


def _auditor_pages(committee, role) -> dict:
    slug = committee.slug
    pages = {
        name: lambda r, name=name: reverse(f"auditors:{name}", args=[slug])
        for name in ("year", "requests", "policy", "rotation", "hires", "de_minimis", "fee_table")
    }
    pages["request"] = lambda r: reverse("auditors:request", args=[slug, r["pending"].pk])
    for name in ("engagement", "engagement_report"):
        pages[name] = lambda r, name=name: reverse(f"auditors:{name}", args=[slug, 2026])
    if role in ("chair", "secretary"):
        for name in ("request_new", "policy_new", "delegation_new"):
            pages[name] = lambda r, name=name: reverse(f"auditors:{name}", args=[slug])
    if role == "board_reader":
        pages = {"fee_table": pages["fee_table"]}
    return pages


@pytest.mark.parametrize("role", ["chair", "member", "secretary", "board_reader"])
def test_auditor_pages_queries_are_bounded(role, committee, request, client_for):
    """Every auditor page each role opens: the same count at both sizes, within the bound."""
    client = client_for(request.getfixturevalue(role))
    pages = _auditor_pages(committee, role)
    build = _auditor(committee)
    _assert_bounded({size: _counts_at(size, build, pages, client) for size in SIZES})


# The daily run's evaluators ------------------------------------------------------------------


def _history(committee, first_year: int) -> None:
    """Every fiscal year from ``first_year`` to 2026: four held meetings (two so far in 2026),
    each with its three executive sessions, minutes, an action and a delivered report; the
    year's engagement of the firm approved at the first, with fees, an approved request and
    the independence letter discussed there."""
    from auditors.models import Communication, Engagement, Fee, ServiceRequest
    from tests.auditors import support

    for year in range(first_year, 2027):
        held = []
        for month in (2, 5) if year == 2026 else (2, 5, 8, 11):
            meeting = hold(committee, D(year, month, 10), hour=9, hours=2)
            for counterpart in ("management", "internal_auditor", "independent_auditor"):
                services.executive_session_record(
                    meeting=meeting, counterpart=counterpart, notes="n"
                )
            services.minutes_draft(meeting=meeting)
            services.action_item_add(
                meeting=meeting, description="Act", due_on=meeting.day, owner_name="CFO"
            )
            services.board_report_save(
                meeting=meeting, summary="s", delivered_on=meeting.day, as_of=meeting.day
            )
            held.append(meeting)
        engagement = support.engagement(
            committee,
            year,
            approved_at=held[0],
            status=Engagement.Status.ACTIVE if year == 2026 else Engagement.Status.COMPLETED,
            report_issued_on=None if year == 2026 else D(year + 1, 2, 20),
        )
        Fee.objects.create(
            engagement=engagement,
            service="Audit",
            category="audit",
            amount=Decimal("900000.00"),
            recorded_on=D(year, 12, 1),
        )
        ServiceRequest.objects.create(
            committee=committee,
            engagement=engagement,
            service=f"Tax review {year}",
            nature="tax",
            category="tax",
            estimated_fee=Decimal("1000"),
            starts_on=D(year, 7, 1),
            requested_at=datetime.datetime(year, 1, 5, tzinfo=datetime.UTC),
            status="approved",
            decided_on=D(year, 2, 1),
        )
        Communication.objects.create(
            committee=committee,
            firm=engagement.firm,
            kind=Communication.Kind.INDEPENDENCE,
            received_on=D(year, 2, 1),
            states_independent=True,
            discussed_at=held[0],
            discussion="Discussed with the engagement partner.",
        )


def _evaluator_queries(committee, years: int) -> dict:
    """Requirement key -> the queries its evaluator makes for the committee's open occurrence,
    over ``years`` past fiscal years of history; rolled back afterwards."""
    from deadlines.models import Occurrence
    from deadlines.registry import registry
    from deadlines.services.run import deadlines_run

    today = D(2026, 6, 15)
    with transaction.atomic():
        _history(committee, 2026 - years)
        deadlines_run(as_of=today, committee_ids=[committee.pk])
        counts = {}
        open_ones = Occurrence.objects.filter(committee=committee, is_open=True)
        for occurrence in open_ones.filter(requirement_key__regex=r"^(meetings|auditors)\."):
            requirement = registry.get(occurrence.requirement_key)
            with CaptureQueriesContext(connection) as queries:
                requirement.evaluator(committee, occurrence.period, today)
            counts[occurrence.requirement_key] = len(queries)
        transaction.set_rollback(True)
    return counts


def test_meetings_and_auditor_evaluators_do_not_grow_with_history(committee):
    """The daily run re-evaluates each open occurrence of the meetings' and the auditor's duties
    (Charter: Meetings; RULES 5): each evaluator makes the same number of queries over five
    past years of meetings, minutes, reports, engagements, fees, requests and letters as over
    one, so the run grows with what is open, never with history."""
    one = _evaluator_queries(committee, 1)
    five = _evaluator_queries(committee, 5)
    assert any(key.startswith("meetings.") for key in one)
    assert any(key.startswith("auditors.") for key in one)
    grown = {key: (one[key], five.get(key)) for key in one if one[key] != five.get(key)}
    assert not grown, grown
    assert one.keys() == five.keys()
