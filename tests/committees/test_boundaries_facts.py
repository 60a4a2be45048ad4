"""What the rules read on ``as_of``, at its boundary (docs/rules.md: every rule reads
an explicit as_of): a fact, payment, seat, charter, finding, exception or cure dated on the day
itself counts that day, one dated the day after does not; the board's finding in force is its
latest dated on or before the day (Nasdaq 5605(a)(2): an affirmative, dated determination)."""

import datetime

import pytest

from committees.compliance.facts import (
    CommitteeFacts,
    DirectorFacts,
    company_profile,
    load_committee_facts,
    load_director_facts,
    next_meeting_after,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date
DAY = datetime.timedelta(days=1)
AS_OF = D(2026, 6, 15)


@pytest.fixture
def dana(company):
    return f.DirectorFactory(full_name="Dana Whitfield")


def director_facts(director, as_of=AS_OF):
    return load_director_facts([director], as_of)[director.pk]


@pytest.mark.parametrize(
    "factory",
    [
        f.EmploymentFactory,
        f.BusinessRelationshipFactory,
        f.CompensationInterlockFactory,
        f.AuditorRelationshipFactory,
        f.FinancialStatementPreparationFactory,
    ],
)
def test_5605a2_a_fact_beginning_on_the_day_counts_that_day_not_before(dana, factory):
    fact = factory(director=dana, start_date=AS_OF)
    field = {
        "Employment": "employments",
        "BusinessRelationship": "relationships",
        "CompensationInterlock": "interlocks",
        "AuditorRelationship": "auditor_relationships",
        "FinancialStatementPreparation": "preparations",
    }[type(fact).__name__]
    assert getattr(director_facts(dana), field) == [fact]
    assert getattr(director_facts(dana, AS_OF - DAY), field) == []


def test_10a3b1_a_payment_on_the_day_counts_that_day_not_before(dana):
    payment = f.CompensationFactory(director=dana, paid_on=AS_OF)
    assert director_facts(dana).compensation == [payment]
    assert director_facts(dana, AS_OF - DAY).compensation == []


def test_5605a2_facts_are_read_in_date_order(dana):
    later = f.EmploymentFactory(director=dana, start_date=D(2025, 1, 1))
    earlier = f.EmploymentFactory(director=dana, start_date=D(2024, 1, 1))
    second = f.CompensationFactory(director=dana, paid_on=D(2026, 2, 1))
    first = f.CompensationFactory(director=dana, paid_on=D(2026, 1, 1))
    facts = director_facts(dana)
    assert facts.employments == [earlier, later]
    assert facts.compensation == [first, second]


def test_5605a2D_organisation_payments_are_read_per_relationship_by_fiscal_year(dana):
    relationship = f.BusinessRelationshipFactory(director=dana)
    other = f.BusinessRelationshipFactory(director=dana, organisation="Crane Supply")
    late = f.OrganisationPaymentFactory(relationship=relationship, fiscal_year=2026)
    early = f.OrganisationPaymentFactory(relationship=relationship, fiscal_year=2024)
    facts = director_facts(dana)
    assert facts.payments == {relationship.pk: [early, late], other.pk: []}


@pytest.mark.parametrize(
    "factory",
    [
        f.IndependenceDeterminationFactory,
        f.LiteracyDeterminationFactory,
        f.SophisticationDeterminationFactory,
        f.FinancialExpertDeterminationFactory,
    ],
)
def test_5605a2_the_finding_in_force_is_the_latest_on_or_before_the_day(dana, factory):
    older = factory(director=dana, determined_on=D(2024, 1, 1))
    first_that_day = factory(director=dana, determined_on=AS_OF)
    corrected_that_day = factory(director=dana, determined_on=AS_OF)
    factory(director=dana, determined_on=AS_OF + DAY)
    field = {
        "IndependenceDetermination": "independence",
        "LiteracyDetermination": "literacy",
        "SophisticationDetermination": "sophistication",
        "FinancialExpertDetermination": "expert",
    }[type(older).__name__]
    assert first_that_day.pk < corrected_that_day.pk
    assert getattr(director_facts(dana), field) == corrected_that_day
    assert getattr(director_facts(dana, AS_OF - DAY), field) == older
    assert getattr(director_facts(dana, D(2023, 12, 31)), field) is None


def test_10a3b1_audit_service_is_audit_committee_seats_from_the_day_they_begin(
    dana, audit_committee, other_committee
):
    seat = f.MembershipFactory(director=dana, committee=audit_committee, start_date=AS_OF)
    f.MembershipFactory(director=dana, committee=other_committee, start_date=D(2024, 1, 1))
    assert director_facts(dana).audit_memberships == [seat]
    assert director_facts(dana, AS_OF - DAY).audit_memberships == []


def test_5605a2_facts_of_each_director_are_kept_apart(dana):
    owen = f.DirectorFactory(full_name="Owen Park")
    job = f.EmploymentFactory(director=dana)
    finding = f.IndependenceDeterminationFactory(director=owen)
    facts = load_director_facts([dana, owen], AS_OF)
    assert (facts[dana.pk].employments, facts[owen.pk].employments) == ([job], [])
    assert (facts[dana.pk].independence, facts[owen.pk].independence) == (None, finding)
    assert facts[owen.pk].director == owen


def test_nothing_to_load_for_no_directors_or_committees(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert load_director_facts([], AS_OF) == {}
        assert load_committee_facts([], AS_OF) == {}


def test_facts_default_to_nothing_recorded(dana, audit_committee):
    assert DirectorFacts(director=dana) == DirectorFacts(
        director=dana,
        employments=[],
        compensation=[],
        relationships=[],
        payments={},
        interlocks=[],
        auditor_relationships=[],
        preparations=[],
        audit_memberships=[],
    )
    assert CommitteeFacts(committee=audit_committee) == CommitteeFacts(
        committee=audit_committee, charter=None, memberships=[], exceptions=[], cure_periods=[]
    )


# Committee records ---------------------------------------------------------------------------


def committee_facts(committee, as_of=AS_OF):
    return load_committee_facts([committee], as_of)[committee.pk]


def test_5605c2A_the_charter_in_force_is_the_latest_effective_on_or_before_the_day(
    company, audit_committee
):
    original = audit_committee.charter_versions.get()
    amended = f.CharterVersionFactory(
        committee=audit_committee, label="Amended", effective_from=AS_OF, min_members=4
    )
    f.CharterVersionFactory(
        committee=audit_committee, label="Amended again", effective_from=AS_OF + DAY
    )
    assert committee_facts(audit_committee).charter == amended
    assert committee_facts(audit_committee, AS_OF - DAY).charter == original
    assert committee_facts(audit_committee, D(2020, 1, 14)).charter is None


def test_5605c2A_a_seat_beginning_on_the_day_counts_that_day(company, audit_committee, dana):
    seat = f.MembershipFactory(director=dana, committee=audit_committee, start_date=AS_OF)
    assert committee_facts(audit_committee).memberships == [seat]
    assert committee_facts(audit_committee, AS_OF - DAY).memberships == []


def test_5605c2B_an_exception_approved_on_the_day_counts_that_day(company, audit_committee, dana):
    exception = f.ExceptionDeterminationFactory(
        director=dana, committee=audit_committee, determined_on=AS_OF, disclosed_on=AS_OF
    )
    assert committee_facts(audit_committee).exceptions == [exception]
    assert committee_facts(audit_committee, AS_OF - DAY).exceptions == []


def test_5605c4_a_cure_whose_event_is_the_day_counts_that_day(company, audit_committee, dana):
    f.MembershipFactory(director=dana, committee=audit_committee)
    cure = f.CurePeriodFactory(committee=audit_committee, director=dana, event_date=AS_OF)
    assert committee_facts(audit_committee).cure_periods == [cure]
    assert committee_facts(audit_committee, AS_OF - DAY).cure_periods == []


def test_5605c2A_records_of_each_committee_are_kept_apart(
    company, audit_committee, other_committee
):
    seat = f.MembershipFactory(committee=other_committee)
    facts = load_committee_facts([audit_committee, other_committee], AS_OF)
    assert facts[audit_committee.pk].memberships == []
    assert facts[other_committee.pk].memberships == [seat]
    assert facts[other_committee.pk].charter.committee == other_committee


# The company profile and the next annual meeting (5605(c)(4)) --------------------------------


def test_5605c4_without_a_profile_the_fiscal_year_is_the_calendar_year(db):
    profile = company_profile()
    assert profile.pk is None
    assert profile.fiscal_year_of(D(2026, 12, 31)) == 2026
    assert profile.annual_meeting_dates() == []


def test_5605c4_the_recorded_profile_is_used(company):
    assert company_profile() == company


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (D(2026, 5, 19), D(2026, 5, 20)),
        (D(2026, 5, 20), D(2027, 5, 19)),  # a meeting on the event day is not after it
        (D(2027, 5, 19), None),
    ],
)
def test_5605c4_the_next_annual_meeting_is_the_first_after_the_event(event, expected):
    assert next_meeting_after([D(2026, 5, 20), D(2027, 5, 19)], event) == expected


def test_5605c2A_a_version_entered_later_but_effective_earlier_is_not_in_force(
    company, audit_committee
):
    """The charter in force is the latest by effective date, not the latest entered."""
    current = f.CharterVersionFactory(
        committee=audit_committee, label="Amended 2026", effective_from=D(2026, 1, 1)
    )
    f.CharterVersionFactory(
        committee=audit_committee, label="Backdated 2025", effective_from=D(2025, 1, 1)
    )
    assert committee_facts(audit_committee).charter == current
