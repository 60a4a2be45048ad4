"""What the rules read is loaded as the records say, whatever order they were entered in: the
board's finding in force is the latest by its date (Nasdaq 5605(a)(2): the determination in force
on the day), seats, exceptions, cure periods and episodes come in date order, and nothing dated
after the day evaluated is read (docs/rules.md: every rule is evaluated as of a day)."""

import datetime

import pytest

from committees.compliance import evaluate_committee
from committees.compliance.facts import load_committee_facts, load_director_facts
from committees.models import Membership, NoncomplianceEpisode
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date
AS_OF = D(2026, 6, 15)


def test_5605a2_the_finding_in_force_is_the_latest_by_its_date_not_the_last_entered():
    director = f.DirectorFactory()
    f.IndependenceDeterminationFactory(
        director=director, determined_on=D(2026, 3, 1), is_independent=False
    )
    f.IndependenceDeterminationFactory(
        director=director, determined_on=D(2025, 1, 1), is_independent=True
    )
    facts = load_director_facts([director], AS_OF)[director.pk]
    assert facts.independence.determined_on == D(2026, 3, 1)


def test_10a3_audit_seats_are_read_in_date_order(company):
    director = f.DirectorFactory()
    audit = f.CommitteeFactory()
    later = f.MembershipFactory(director=director, committee=audit, start_date=D(2025, 1, 1))
    earlier = f.MembershipFactory(
        director=director, committee=audit, start_date=D(2023, 1, 1), end_date=D(2024, 6, 30)
    )
    facts = load_director_facts([director], AS_OF)[director.pk]
    assert facts.audit_memberships == [earlier, later]


def test_committee_records_are_read_in_date_order_and_none_after_the_day(company):
    committee = f.CommitteeFactory()
    first, second = f.DirectorFactory(), f.DirectorFactory()
    seat_2025 = f.MembershipFactory(director=second, committee=committee, start_date=D(2025, 1, 1))
    seat_2024 = f.MembershipFactory(director=first, committee=committee, start_date=D(2024, 1, 1))
    exception_2026 = f.ExceptionDeterminationFactory(
        director=second, committee=committee, determined_on=D(2026, 1, 5)
    )
    exception_2025 = f.ExceptionDeterminationFactory(
        director=first, committee=committee, determined_on=D(2025, 2, 5)
    )
    cure_2026 = f.CurePeriodFactory(director=second, committee=committee, event_date=D(2026, 2, 1))
    cure_2025 = f.CurePeriodFactory(director=first, committee=committee, event_date=D(2025, 3, 1))
    words = {"description": "A member was found not independent."}
    episode_2026 = NoncomplianceEpisode.objects.create(
        committee=committee, began_on=D(2026, 2, 1), **words
    )
    episode_2025 = NoncomplianceEpisode.objects.create(
        committee=committee, began_on=D(2025, 3, 1), ended_on=D(2025, 6, 1), **words
    )
    NoncomplianceEpisode.objects.create(
        committee=committee, began_on=AS_OF + datetime.timedelta(days=1), **words
    )
    facts = load_committee_facts([committee], AS_OF)[committee.pk]
    assert facts.memberships == [seat_2024, seat_2025]
    assert facts.exceptions == [exception_2025, exception_2026]
    assert facts.cure_periods == [cure_2025, cure_2026]
    assert [e.pk for e in facts.episodes] == [episode_2025.pk, episode_2026.pk]


def test_a_committee_without_a_charter_has_no_charter_size_finding_and_keeps_its_day(company):
    committee = f.CommitteeFactory()
    f.MembershipFactory(committee=committee, start_date=D(2024, 1, 1), role=Membership.Role.CHAIR)
    report = evaluate_committee(committee, AS_OF)
    assert report.as_of == AS_OF
    assert report.charter is None
    assert None not in report.findings
    assert report.finding("committees.composition.charter_size") is None
