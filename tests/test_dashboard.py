"""The compliance dashboard: per committee, composition, then what is overdue, due in the next 30
days and in 31 to 90 days, each one click from its evidence or the page where it is done; its
query count does not grow with the years of history or the number of committees."""

import dataclasses
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from charter_portal.permissions import can_manage_committee
from deadlines.models import Evidence, Occurrence
from deadlines.registry import registry
from deadlines.services import waiver_grant
from deadlines.status import Status
from tests import factories as f
from tests.deadlines import conftest as deadline_fixtures
from tests.deadlines import views_data
from tests.deadlines.views_data import ANNUAL, QUARTERLY, TODAY, D, register_requirements

# Fixtures shared with the deadline engine's tests.
board_chair = deadline_fixtures.board_chair
domain = deadline_fixtures.domain
done = deadline_fixtures.done
isolated_registry = deadline_fixtures.isolated_registry
on_today = views_data.on_today
year = views_data.year

HOME = reverse("home")
# The composition loaders and the session (as tests/test_query_counts.py), plus the deadlines:
# occurrences and their evidence, and the unread count in the navigation: 26, with a little room.
DASHBOARD_QUERIES = 28


def _titles(items):
    return [(item.title, item.occurrence.due_date, str(item.status)) for item in items]


def test_the_chair_sees_overdue_soon_and_later(year, client_for, chair):
    response = client_for(chair).get(HOME)
    ((summary, deadlines, _),) = response.context["panels"]
    assert summary.committee.slug == "audit"
    assert _titles(deadlines.overdue) == [
        ("Quarterly review", D(2026, 3, 31), "overdue"),
        ("Quarterly filing review", D(2026, 5, 15), "overdue"),
    ]
    assert _titles(deadlines.next_30) == [("Quarterly review", D(2026, 6, 30), "due_soon")]
    assert _titles(deadlines.next_90) == [("Quarterly filing review", D(2026, 8, 14), "due")]
    assert _titles(deadlines.recent) == [("Auditor independence letter", D(2026, 12, 31), "met")]
    html = response.content.decode()
    # One click: to the page where the review is recorded, to the met letter's evidence, and
    # (with no such page) to the occurrence itself.
    assert 'href="/record/audit/2026-01-01/"' in html
    assert 'href="/evidence/tests.independence_letter/2026-06-02"' in html
    filing = year["filing_q1"]
    assert f'href="{reverse("deadlines:occurrence", args=[filing.pk])}"' in html
    assert "SEC rule" in html and "PCAOB 3526(b)" in html
    assert "Charter: Meetings" in html and "Our committee charter" in html
    # Composition stays on the dashboard.
    assert "Open the Audit Committee roster" in html


def test_a_waived_item_leaves_the_overdue_list(year, client_for, chair):
    waiver_grant(occurrence=year["q1"], user=chair, reason="Joint review.", as_of=TODAY)
    ((_, deadlines, _),) = client_for(chair).get(HOME).context["panels"]
    assert [i.title for i in deadlines.overdue] == ["Quarterly filing review"]
    assert deadlines.recent[0].title == "Quarterly review"
    assert deadlines.recent[0].status == Status.WAIVED


def test_the_status_is_brought_up_to_today(domain, done, client_for, chair, on_today):
    """Before today's run, an item whose due date has passed already shows overdue."""
    from tests.deadlines.support import run

    register_requirements(done)
    run(D(2026, 4, 1))  # the last run: Q2 due 30 June was "due" then
    ((_, deadlines, _),) = client_for(chair).get(HOME).context["panels"]
    assert ("Quarterly review", D(2026, 6, 30), "due_soon") in _titles(deadlines.next_30)


@pytest.mark.parametrize(
    ("who", "linked"), [("chair", True), ("member", False), ("board_reader", False)]
)
def test_where_it_is_done_shows_only_to_whoever_that_page_admits(
    year, request, client_for, monkeypatch, who, linked
):
    """No dead end: an item links the page where it is done only for a reader that page admits
    (Requirement.may_act, the page's own check); the others get the item's details, on the
    dashboard and on the occurrence page."""
    admits = dataclasses.replace(registry.get(QUARTERLY), may_act=can_manage_committee)
    monkeypatch.setitem(registry._requirements, QUARTERLY, admits)
    client = client_for(request.getfixturevalue(who))
    html = client.get(HOME).content.decode()
    assert ('href="/record/audit/2026-01-01/"' in html) is linked
    details = reverse("deadlines:occurrence", args=[year["q1"].pk])
    assert f'href="{details}"' in html
    page = client.get(details).content.decode()
    assert ("Go to where this is done" in page) is linked


@pytest.mark.parametrize("who", ["other_member", "investigator", "outsider"])
def test_others_do_not_see_the_audit_committee(year, request, client_for, who):
    response = client_for(request.getfixturevalue(who)).get(HOME)
    slugs = [summary.committee.slug for summary, _, _ in response.context["panels"]]
    assert "audit" not in slugs
    assert "Quarterly review" not in response.content.decode()


@pytest.mark.parametrize("who", ["member", "secretary", "board_reader"])
def test_readers_see_the_same_deadlines(year, request, client_for, who):
    response = client_for(request.getfixturevalue(who)).get(HOME)
    panels = dict((s.committee.slug, d) for s, d, _ in response.context["panels"])
    assert len(panels["audit"].overdue) == 2


def test_anonymous_goes_to_login(db, client):
    assert client.get(HOME).url.startswith(reverse("login"))


def _history(committee, years: int):
    """``years`` fiscal years of met annual letters and quarterly reviews before 2026, each with
    evidence, and this year's open quarterly review."""
    for fiscal_year in range(2026 - years, 2026):
        start, end = D(fiscal_year, 1, 1), D(fiscal_year, 12, 31)
        for key, periods in [(ANNUAL, [(start, end)]), (QUARTERLY, _quarters(fiscal_year))]:
            for first, last in periods:
                row = Occurrence.objects.create(
                    committee=committee,
                    requirement_key=key,
                    cadence="fiscal_year",
                    period_start=first,
                    period_end=last,
                    scheduled_due=last,
                    due_date=last,
                    status=Status.MET,
                    is_open=False,
                    met_on=last - datetime.timedelta(days=3),
                    opened_on=first,
                )
                Evidence.objects.create(occurrence=row, label="Minutes", url="/minutes/1/")
    Occurrence.objects.create(
        committee=committee,
        requirement_key=QUARTERLY,
        cadence="fiscal_quarter",
        period_start=D(2026, 4, 1),
        period_end=D(2026, 6, 30),
        scheduled_due=D(2026, 6, 30),
        due_date=D(2026, 6, 30),
        status=Status.DUE_SOON,
        opened_on=D(2026, 4, 1),
    )


def _quarters(fiscal_year):
    starts = [D(fiscal_year, month, 1) for month in (1, 4, 7, 10)]
    ends = [s - datetime.timedelta(days=1) for s in starts[1:]] + [D(fiscal_year, 12, 31)]
    return list(zip(starts, ends, strict=True))


def _committees(count: int):
    committees = []
    for n in range(count):
        committee = f.CommitteeFactory(name=f"Committee {n}", slug=f"committee-{n}")
        f.CharterVersionFactory(committee=committee)
        f.seat_qualified_member(committee, role="chair", sophisticated=True)
        f.seat_qualified_member(committee)
        f.seat_qualified_member(committee)
        committees.append(committee)
    return committees


@pytest.mark.parametrize(("years", "committees"), [(1, 1), (5, 1), (1, 3), (5, 3)])
def test_dashboard_queries_do_not_grow_with_history_or_committees(
    domain,
    done,
    company,
    secretary,
    client_for,
    on_today,
    django_assert_max_num_queries,
    years,
    committees,
):
    register_requirements(done)
    for committee in _committees(committees):
        _history(committee, years)
    client = client_for(secretary)
    client.get(HOME)  # refreshes what the test wrote in its own transaction (see freshness)
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get(HOME)
    assert response.status_code == 200
    panels = [
        d for s, d, _ in response.context["panels"] if s.committee.slug.startswith("committee")
    ]
    assert len(panels) == committees
    assert all(len(d.next_30) == 1 for d in panels)


def _count(client, build) -> int:
    from django.db import transaction

    with transaction.atomic():
        build()
        client.get(HOME)  # the refresh of what build() wrote, as after a commit
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        transaction.set_rollback(True)
    return len(queries)


def test_the_same_count_at_both_sizes(domain, done, company, secretary, client_for, on_today):
    register_requirements(done)
    client = client_for(secretary)

    def small():
        for committee in _committees(1):
            _history(committee, 1)

    def large():
        for committee in _committees(3):
            _history(committee, 5)

    assert _count(client, large) == _count(client, small)
