"""The deadline and complaint pages run a bounded number of queries whatever the data size: each
page, for each role that opens it, runs at most 15 queries (the fixed part every logged-in page
pays included) and exactly as many with three committees, three cases and three messages, notes,
reads and attachments per case as with one of each (issue 13)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees.models import Director
from complaints import services as complaint_services
from complaints.attachments import PreparedFile
from complaints.forms import new_form_token
from complaints.models import ComplaintsPolicy
from deadlines.models import Occurrence
from deadlines.services import deadlines_run
from deadlines.services.feeds import calendar_feed_reset
from tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)
NOON = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)
# Issue 13: at most 15 queries a page. Every logged-in page pays a fixed part (the session, the
# user, the second-factor device, who the user is (groups and seats in one query) and the unread
# notifications: 5); a page's own reads get the rest, 10.
FIXED = 5
OWN = 10
BOUND = FIXED + OWN
PDF = b"%PDF-1.4\n%%EOF\n"

# The pages each role opens (tests/security/test_every_url.py decides who may).
DEADLINE_PAGES = ("calendar", "report", "feed", "feed_ics", "notifications")
PAGES = {
    "secretary": (*DEADLINE_PAGES, "occurrence", "complaints_list", "statistics"),
    "chair": (
        *DEADLINE_PAGES,
        "occurrence",
        "complaints_list",
        "statistics",
        "case",
        "case_print",
        "case_log",
    ),
    "member": (*DEADLINE_PAGES, "occurrence", "complaints_list", "statistics"),
    "board_reader": (*DEADLINE_PAGES, "occurrence", "complaints_list"),
    "investigator": (*DEADLINE_PAGES, "complaints_list", "case", "case_print"),
}


@pytest.fixture(autouse=True)
def _today(settings, tmp_path):
    settings.FILES_ROOT = tmp_path / "private-files"
    with time_machine.travel(NOON, tick=False):
        yield


def _grow(first: int, last: int, cast, policy) -> None:
    """Committees ``first`` to ``last`` - 1 (the audit committee is number 0), each with the chair
    chairing it, the member sitting on it and two more members; a complaint case per committee
    number with a message, a note, a read and an attachment per committee number; then the daily
    run, which opens every committee's occurrences and notifies their members."""
    chair = Director.objects.get(user=cast["chair"])
    member = Director.objects.get(user=cast["member"])
    for n in range(max(first, 1), last):
        committee = f.CommitteeFactory(name=f"Committee {n}", slug=f"committee-{n}")
        f.CharterVersionFactory(committee=committee)
        f.MembershipFactory(director=chair, committee=committee, role="chair")
        f.MembershipFactory(director=member, committee=committee)
        f.seat_qualified_member(committee, full_name=f"Third {n}", sophisticated=True)
        f.seat_qualified_member(committee, full_name=f"Fourth {n}")
    for n in range(first, last):
        case, _, _ = complaint_services.case_submit(
            policy=policy,
            category="accounting",
            narrative=f"case {n}",
            form_token=new_form_token(),
            files=[PreparedFile(PDF, "pdf", False)] * last,
        )
        for m in range(last):
            complaint_services.committee_message_send(case=case, by=cast["chair"], body=f"m {m}")
            complaint_services.case_note_add(case=case, by=cast["chair"], body=f"note {m}")
            complaint_services.case_read_log(case=case, user=cast["chair"], what="case file")
        complaint_services.case_assign(
            case=case, by=cast["chair"], investigator=cast["investigator"]
        )
    deadlines_run(as_of=TODAY)


def _urls(user, token) -> dict:
    case = complaint_services.Case.objects.order_by("-pk").first()
    occurrence = (
        Occurrence.objects.filter(committee__slug="audit", is_open=True)
        .order_by("requirement_key", "period_start")
        .first()
    )
    return {
        "calendar": reverse("deadlines:calendar"),
        "report": reverse("deadlines:report"),
        "feed": reverse("deadlines:feed"),
        "feed_ics": reverse("deadlines:feed_ics", args=[token]),
        "notifications": reverse("deadlines:notifications"),
        "occurrence": reverse("deadlines:occurrence", args=[occurrence.pk]),
        "complaints_list": reverse("complaints:list"),
        "statistics": reverse("complaints:statistics"),
        "case": reverse("complaints:case", args=[case.pk]),
        "case_print": reverse("complaints:case_print", args=[case.pk]),
        "case_log": reverse("complaints:case_log", args=[case.pk]),
    }


def _counts(client, user, role, token) -> dict:
    urls = _urls(user, token)
    counts = {}
    for page in PAGES[role]:
        assert client.get(urls[page]).status_code == 200  # warm: a fresh stored evaluation
        with CaptureQueriesContext(connection) as queries:
            response = client.get(urls[page])
        assert response.status_code == 200, (page, response.status_code)
        counts[page] = len(queries)
    return counts


@pytest.mark.parametrize("role", list(PAGES))
def test_deadline_and_complaint_pages_are_bounded_and_do_not_grow(
    role, request, company, audit_committee, chair, member, client_for
):
    cast = {
        name: request.getfixturevalue(name)
        for name in ("chair", "member", "secretary", "board_reader", "investigator")
    }
    user = cast[role]
    policy = ComplaintsPolicy.objects.create(committee=audit_committee)
    token = calendar_feed_reset(user=user, now=NOON)
    client = client_for(user)
    _grow(0, 1, cast, policy)
    small = _counts(client, user, role, token)
    _grow(1, 3, cast, policy)
    large = _counts(client, user, role, token)
    assert small == large, (small, large)
    assert all(count <= BOUND for count in small.values()), (BOUND, small)


@pytest.mark.parametrize("role", ["chair", "member", "secretary"])
def test_the_feed_asks_once_and_lists_every_committee(
    role, request, company, audit_committee, chair, member, client_for
):
    """The feed and its settings page ask who is responsible once for all the committees (not
    twice per committee, issue 13), and still list the deadlines of every committee the reader
    is responsible for."""
    cast = {
        name: request.getfixturevalue(name)
        for name in ("chair", "member", "secretary", "board_reader", "investigator")
    }
    policy = ComplaintsPolicy.objects.create(committee=audit_committee)
    _grow(0, 3, cast, policy)
    response = client_for(cast[role]).get(reverse("deadlines:feed"))
    slugs = {item.occurrence.committee.slug for item in response.context["items"]}
    assert slugs == {"audit", "committee-1", "committee-2"}
