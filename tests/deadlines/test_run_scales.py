"""The daily run over the portal's own requirements (every app's duties and hooks, not test
ones): its queries follow what is open, never the history (issue 13). Years of met occurrences,
their evidence, the reminders sent for them and the notifications they left change nothing; each
committee adds the same fixed number (its open occurrences, each evaluated in its own
transaction, and its share of the opening pass), so the cost per committee is the same with one
committee as with three."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committees.models import Director
from complaints.models import ComplaintsPolicy
from deadlines.models import Notification, Occurrence
from deadlines.registry import registry
from deadlines.services import deadlines_run
from tests import factories as f
from tests.deadlines.support import met_occurrence
from tests.growth import years_back_from

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def isolated_registry():
    """This module runs the portal's registry as the apps registered it (overrides the
    conftest's empty one)."""
    return registry


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


def add_history(committee, years_back, user) -> None:
    """For each open occurrence of the committee, a met one ``years_back`` years earlier, with
    its evidence, a sent reminder and the notification it left."""
    for current in Occurrence.objects.filter(committee=committee, is_open=True):
        for years in years_back:
            met_occurrence(
                committee,
                current.requirement_key,
                current.cadence,
                years_back_from(current.period_start, years),
                years_back_from(current.period_end, years),
                user,
            )


def add_committee(n: int, chair, member):
    """Committee ``n``, shaped like the audit committee: the same chair and member, two more."""
    committee = f.CommitteeFactory(name=f"Committee {n}", slug=f"committee-{n}")
    f.CharterVersionFactory(committee=committee)
    f.MembershipFactory(
        director=Director.objects.get(user=chair), committee=committee, role="chair"
    )
    f.MembershipFactory(director=Director.objects.get(user=member), committee=committee)
    f.seat_qualified_member(committee, full_name=f"Third {n}", sophisticated=True)
    return committee


def measured_run() -> int:
    """The steady day's run (every period already open, today's reminders already claimed)."""
    with CaptureQueriesContext(connection) as queries:
        report = deadlines_run(as_of=TODAY)
    assert report.errors == [] and report.opened == 0 and report.evaluated > 0
    return len(queries)


@pytest.fixture
def portal(db, company, audit_committee, chair, member, secretary):
    ComplaintsPolicy.objects.create(committee=audit_committee)
    f.seat_qualified_member(audit_committee, full_name="Third 0", sophisticated=True)
    deadlines_run(as_of=TODAY)
    return audit_committee


def test_the_run_does_not_grow_with_years_of_history(portal, chair):
    open_before = Occurrence.objects.filter(is_open=True).count()
    add_history(portal, [1], chair)
    one_year = measured_run()
    closed, notified = (
        Occurrence.objects.filter(is_open=False).count(),
        Notification.objects.count(),
    )
    add_history(portal, [2, 3, 4, 5], chair)
    assert Occurrence.objects.filter(is_open=False).count() == closed + 4 * open_before
    assert Notification.objects.count() == notified + 4 * open_before
    five_years = measured_run()
    assert Occurrence.objects.filter(is_open=True).count() == open_before
    assert five_years == one_year, (one_year, five_years)


def test_the_run_costs_the_same_per_committee_with_one_committee_or_three(portal, chair, member):
    """The run's cost is a fixed part plus the same amount per committee (each committee's
    open occurrences, each evaluated in its own transaction): 1, 2 and 3 committees cost
    a, a + b and a + 2b queries."""
    counts = [measured_run()]
    for n in (1, 2):
        add_committee(n, chair, member)
        deadlines_run(as_of=TODAY)  # opens the new committee's periods
        counts.append(measured_run())
    per_committee = counts[1] - counts[0]
    assert counts[2] - counts[1] == per_committee, counts
    open_per_committee = Occurrence.objects.filter(is_open=True, committee=portal).count()
    assert Occurrence.objects.filter(is_open=True).count() == 3 * open_per_committee
