"""Bad roster and determination input is refused with a message a director understands, and
nothing is saved: through the form path the secretary uses (model validation), and at the
database for amounts and dates that bypass it."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.forms import modelform_factory

from committees import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC)


def refused(model, data, fields):
    """Submit ``data`` through a model form; return its errors after checking nothing saved."""
    before = model.objects.count()
    form = modelform_factory(model, fields=fields)(data=data)
    assert not form.is_valid()
    assert model.objects.count() == before
    return form.errors


def accepted(model, data, fields):
    form = modelform_factory(model, fields=fields)(data=data)
    assert form.is_valid(), form.errors
    return form.save()


MEMBERSHIP_FIELDS = ["director", "committee", "role", "start_date", "end_date"]


def membership_data(director, committee, start, end="", role="member"):
    return {
        "director": director.pk,
        "committee": committee.pk,
        "role": role,
        "start_date": start.isoformat(),
        "end_date": end.isoformat() if end else "",
    }


# Roster -----------------------------------------------------------------------------------------


def test_5605c2A_overlapping_memberships_of_one_director_are_refused(audit_committee):
    director = f.DirectorFactory(full_name="Dana Whitfield")
    f.MembershipFactory(director=director, committee=audit_committee, start_date=D(2024, 1, 1))
    errors = refused(
        m.Membership, membership_data(director, audit_committee, D(2025, 1, 1)), MEMBERSHIP_FIELDS
    )
    assert (
        "Dana Whitfield already sits on Audit Committee from 1 January 2024" in errors["__all__"][0]
    )
    assert "end that membership before starting another" in errors["__all__"][0]


def test_5605c2A_back_to_back_memberships_are_accepted(audit_committee):
    director = f.DirectorFactory(full_name="Dana Whitfield")
    f.MembershipFactory(
        director=director,
        committee=audit_committee,
        start_date=D(2024, 1, 1),
        end_date=D(2025, 6, 30),
    )
    accepted(
        m.Membership,
        membership_data(director, audit_committee, D(2025, 7, 1), role="chair"),
        MEMBERSHIP_FIELDS,
    )
    assert director.memberships.count() == 2


def test_5605c2A_membership_ending_before_it_starts_is_refused(audit_committee):
    director = f.DirectorFactory()
    errors = refused(
        m.Membership,
        membership_data(director, audit_committee, D(2025, 1, 1), D(2024, 12, 31)),
        MEMBERSHIP_FIELDS,
    )
    assert errors["end_date"] == ["The end date cannot be before the start date."]
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Membership.objects.create(
            director=director,
            committee=audit_committee,
            start_date=D(2025, 1, 1),
            end_date=D(2024, 12, 31),
        )
    assert not m.Membership.objects.exists()


def test_5605a2_fact_ending_before_it_starts_is_refused_by_the_database(company):
    director = f.DirectorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Employment.objects.create(
            director=director,
            employer="company",
            title="Controller",
            start_date=D(2025, 1, 1),
            end_date=D(2024, 12, 31),
        )
    assert not m.Employment.objects.exists()


def test_charter_two_chairs_at_once_are_refused(chair, audit_committee):
    """Charter: Membership, and Nasdaq 5605(c)(2)(B) (an exception member may not chair):
    one chair at a time."""
    director = f.DirectorFactory(full_name="Dana Whitfield")
    errors = refused(
        m.Membership,
        membership_data(director, audit_committee, D(2026, 1, 1), role="chair"),
        MEMBERSHIP_FIELDS,
    )
    assert errors["role"] == [
        "Alice Chair chairs Audit Committee from 1 January 2024; "
        "a committee has one chair at a time."
    ]


# Board determinations -----------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_5605a2_determination_dated_in_the_future_is_refused(company):
    director = f.DirectorFactory()
    fields = ["director", "determined_on", "is_independent"]
    data = {"director": director.pk, "determined_on": "2026-06-16", "is_independent": "on"}
    errors = refused(m.IndependenceDetermination, data, fields)
    assert errors["determined_on"] == ["A board determination cannot be in the future."]
    accepted(m.IndependenceDetermination, {**data, "determined_on": "2026-06-15"}, fields)


SOPHISTICATION_FIELDS = [
    "director",
    "determined_on",
    "is_financially_sophisticated",
    "basis",
    "basis_description",
]


@time_machine.travel(TODAY, tick=False)
def test_5605c2A_sophistication_without_a_basis_is_refused(company):
    director = f.DirectorFactory()
    data = {
        "director": director.pk,
        "determined_on": "2026-06-01",
        "is_financially_sophisticated": "on",
        "basis": "",
    }
    errors = refused(m.SophisticationDetermination, data, SOPHISTICATION_FIELDS)
    assert errors["basis"] == ["Record the basis of the finding."]
    errors = refused(
        m.SophisticationDetermination, {**data, "basis": "comparable"}, SOPHISTICATION_FIELDS
    )
    assert errors["basis_description"] == ["Describe the comparable experience."]


EXPERT_FIELDS = [
    "director",
    "determined_on",
    "is_designated",
    "understands_gaap",
    "applies_gaap_to_estimates",
    "statement_experience",
    "understands_internal_control",
    "understands_committee_functions",
    "route",
    "narrative",
]


def expert_data(director, **changes):
    data = {
        "director": director.pk,
        "determined_on": "2026-06-01",
        "is_designated": "on",
        "understands_gaap": "on",
        "applies_gaap_to_estimates": "on",
        "statement_experience": "on",
        "understands_internal_control": "on",
        "understands_committee_functions": "on",
        "route": "a",
        "narrative": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("missing", m.FinancialExpertDetermination.ATTRIBUTES)
def test_sk407d5_expert_without_all_five_attributes_is_refused(company, missing):
    director = f.DirectorFactory()
    errors = refused(
        m.FinancialExpertDetermination, expert_data(director, **{missing: None}), EXPERT_FIELDS
    )
    assert errors["__all__"] == [
        "A financial expert must have all five attributes; untick 'is designated' or record the "
        "missing ones."
    ]


@time_machine.travel(TODAY, tick=False)
def test_sk407d5_expert_needs_a_route_and_route_d_a_narrative(company):
    director = f.DirectorFactory()
    errors = refused(m.FinancialExpertDetermination, expert_data(director, route=""), EXPERT_FIELDS)
    assert errors["route"] == ["Record how the attributes were acquired."]
    errors = refused(
        m.FinancialExpertDetermination, expert_data(director, route="d"), EXPERT_FIELDS
    )
    assert errors["narrative"] == ["Route (d) needs a description of the experience."]
    accepted(m.FinancialExpertDetermination, expert_data(director), EXPERT_FIELDS)


# Money ------------------------------------------------------------------------------------------


def test_5605a2B_negative_compensation_is_refused(company):
    director = f.DirectorFactory()
    fields = ["director", "paid_on", "amount", "kind"]
    data = {
        "director": director.pk,
        "paid_on": "2026-01-05",
        "amount": "-0.01",
        "kind": "consulting",
    }
    errors = refused(m.Compensation, data, fields)
    assert errors["amount"] == ["An amount cannot be negative."]
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Compensation.objects.create(
            director=director, paid_on=D(2026, 1, 5), amount=Decimal("-0.01"), kind="consulting"
        )
    assert not m.Compensation.objects.exists()


def test_5605a2D_negative_organisation_payment_is_refused_by_the_database(company):
    relationship = f.BusinessRelationshipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        m.OrganisationPayment.objects.create(
            relationship=relationship,
            fiscal_year=2026,
            direction="from_company",
            amount=Decimal("-1.00"),
            recipient_gross_revenue=Decimal("100.00"),
        )
    assert not m.OrganisationPayment.objects.exists()


# Cure periods -----------------------------------------------------------------------------------

CURE_FIELDS = ["committee", "director", "event_date", "reason", "ended_on"]


@time_machine.travel(TODAY, tick=False)
def test_5605c4_second_overlapping_cure_period_is_refused(audit_committee, chair, member):
    alice = m.Director.objects.get(full_name="Alice Chair")
    bob = m.Director.objects.get(full_name="Bob Member")
    f.CurePeriodFactory(committee=audit_committee, director=alice, event_date=D(2026, 3, 2))
    data = {
        "committee": audit_committee.pk,
        "director": bob.pk,
        "event_date": "2026-06-01",
        "reason": "His firm was acquired by the company's auditor.",
    }
    errors = refused(m.CurePeriod, data, CURE_FIELDS)
    assert errors["__all__"] == [
        "A cure period for Alice Chair already runs from 2 March 2026 to 2 March 2027; only one "
        "cure period may run at a time (5605(c)(4))."
    ]


@time_machine.travel(TODAY, tick=False)
def test_5605c4_cure_period_after_the_first_ended_is_accepted(audit_committee, chair, member):
    alice = m.Director.objects.get(full_name="Alice Chair")
    bob = m.Director.objects.get(full_name="Bob Member")
    f.CurePeriodFactory(
        committee=audit_committee,
        director=alice,
        event_date=D(2026, 3, 2),
        ended_on=D(2026, 5, 31),
    )
    data = {
        "committee": audit_committee.pk,
        "director": bob.pk,
        "event_date": "2026-06-01",
        "reason": "His firm was acquired by the company's auditor.",
    }
    cure = accepted(m.CurePeriod, data, CURE_FIELDS)
    assert cure.deadline == D(2027, 5, 20)  # the next annual meeting comes first


@time_machine.travel(TODAY, tick=False)
def test_5605c4_cure_period_event_in_the_future_is_refused(audit_committee, chair):
    alice = m.Director.objects.get(full_name="Alice Chair")
    data = {
        "committee": audit_committee.pk,
        "director": alice.pk,
        "event_date": "2026-06-16",
        "reason": "Not yet happened.",
    }
    errors = refused(m.CurePeriod, data, CURE_FIELDS)
    assert errors["event_date"] == ["The event cannot be in the future."]
