"""Factories for test data. Tests pass explicit dates: nothing here reads today's date."""

import datetime

import factory
from django.contrib.auth.models import Group

from charter_portal.models import User
from charter_portal.roles import GROUP_NAMES, Role
from committees import models as m

JAN_1_2024 = datetime.date(2024, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            group, _ = Group.objects.get_or_create(name=GROUP_NAMES[Role(role)])
            self.groups.add(group)
            if role == Role.SECRETARY:
                self.is_staff = True
        self.save()


class CompanyProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CompanyProfile

    legal_name = "Northwind Instruments, Inc."
    ticker = "NWIN"
    exchange = m.CompanyProfile.Exchange.NASDAQ
    fiscal_year_end_month = 12
    fiscal_year_end_day = 31
    next_annual_meeting = datetime.date(2027, 5, 20)


class DirectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Director

    full_name = factory.Sequence(lambda n: f"Director {n}")
    email = factory.Sequence(lambda n: f"director{n}@example.test")


class FamilyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.FamilyMember

    director = factory.SubFactory(DirectorFactory)
    name = factory.Sequence(lambda n: f"Relative {n}")
    relationship = m.FamilyMember.Relationship.SPOUSE


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Committee
        django_get_or_create = ("slug",)

    name = "Audit Committee"
    slug = "audit"
    kind = m.Committee.Kind.AUDIT


class CharterVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CharterVersion

    committee = factory.SubFactory(CommitteeFactory)
    label = "Adopted 2020"
    adopted_on = datetime.date(2020, 1, 15)
    effective_from = datetime.date(2020, 1, 15)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Membership

    director = factory.SubFactory(DirectorFactory)
    committee = factory.SubFactory(CommitteeFactory)
    role = m.Membership.Role.MEMBER
    start_date = JAN_1_2024


class IndependenceDeterminationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.IndependenceDetermination

    director = factory.SubFactory(DirectorFactory)
    determined_on = JAN_1_2024
    is_independent = True


class LiteracyDeterminationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.LiteracyDetermination

    director = factory.SubFactory(DirectorFactory)
    determined_on = JAN_1_2024
    is_financially_literate = True


class SophisticationDeterminationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.SophisticationDetermination

    director = factory.SubFactory(DirectorFactory)
    determined_on = JAN_1_2024
    is_financially_sophisticated = True
    basis = m.SophisticationDetermination.Basis.CERTIFICATION


class FinancialExpertDeterminationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.FinancialExpertDetermination

    director = factory.SubFactory(DirectorFactory)
    determined_on = JAN_1_2024
    is_designated = True
    understands_gaap = True
    applies_gaap_to_estimates = True
    statement_experience = True
    understands_internal_control = True
    understands_committee_functions = True
    route = m.FinancialExpertDetermination.Route.PRINCIPAL_OFFICER


def seat_qualified_member(
    committee,
    *,
    director=None,
    role=m.Membership.Role.MEMBER,
    start=JAN_1_2024,
    sophisticated=False,
    **director_kwargs,
):
    """A member who meets every composition rule: independent, 10A-3, literate."""
    director = director or DirectorFactory(**director_kwargs)
    IndependenceDeterminationFactory(director=director, determined_on=start)
    LiteracyDeterminationFactory(director=director, determined_on=start)
    if sophisticated:
        SophisticationDeterminationFactory(director=director, determined_on=start)
    MembershipFactory(director=director, committee=committee, role=role, start_date=start)
    return director


# Dated facts about directors and their families, and the composition records (helper A).

from decimal import Decimal  # noqa: E402  (appended section; keeps the header untouched)


def _person_director():
    """The director a fact belongs to: the family member's director when one is given."""
    return factory.Maybe(
        "family_member",
        yes_declaration=factory.SelfAttribute("family_member.director"),
        no_declaration=factory.SubFactory(DirectorFactory),
    )


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Employment

    family_member = None
    director = _person_director()
    start_date = JAN_1_2024
    employer = m.Employment.Employer.COMPANY
    title = "Controller"
    is_executive_officer = False


class CompensationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Compensation

    family_member = None
    director = _person_director()
    paid_on = JAN_1_2024
    amount = Decimal("10000.00")
    kind = m.Compensation.Kind.CONSULTING


class BusinessRelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.BusinessRelationship

    family_member = None
    director = _person_director()
    start_date = JAN_1_2024
    organisation = "Harbor Logistics LLC"
    role = m.BusinessRelationship.Role.PARTNER


class OrganisationPaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.OrganisationPayment

    relationship = factory.SubFactory(BusinessRelationshipFactory)
    fiscal_year = 2025
    direction = m.OrganisationPayment.Direction.FROM_COMPANY
    amount = Decimal("50000.00")
    recipient_gross_revenue = Decimal("1000000.00")


class CompensationInterlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CompensationInterlock

    family_member = None
    director = _person_director()
    start_date = JAN_1_2024
    entity = "Bellweather Corp."
    company_executive = "Chief Executive Officer"


class AuditorRelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.AuditorRelationship

    family_member = None
    director = _person_director()
    start_date = JAN_1_2024
    firm = "Crane & Holt LLP"
    role = m.AuditorRelationship.Role.EMPLOYEE
    worked_on_company_audit = True


class FinancialStatementPreparationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.FinancialStatementPreparation

    family_member = None
    director = _person_director()
    start_date = JAN_1_2024
    entity = m.FinancialStatementPreparation.Entity.COMPANY
    description = "Prepared the quarterly consolidated statements"


class CurePeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CurePeriod

    committee = factory.SubFactory(CommitteeFactory)
    director = factory.SubFactory(DirectorFactory)
    event_date = JAN_1_2024
    reason = "Her brother was appointed an executive officer without her involvement."


class ExceptionDeterminationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ExceptionDetermination

    director = factory.SubFactory(DirectorFactory)
    committee = factory.SubFactory(CommitteeFactory)
    determined_on = JAN_1_2024
    best_interest_finding = "Her knowledge of the company's accounting systems is needed."
    disclosed_on = JAN_1_2024


def lose_independence_in_cure_period(
    committee, director, *, event, relative="Dirk Cure", reason="Her brother was appointed COO."
):
    """The director's sibling becomes an executive officer of the company on ``event``
    (Nasdaq 5605(a)(2)(C)), outside the director's control, and a cure period is recorded
    (5605(c)(4))."""
    brother = FamilyMemberFactory(director=director, name=relative, relationship="sibling")
    m.Employment.objects.create(
        director=director,
        family_member=brother,
        employer=m.Employment.Employer.COMPANY,
        title="Chief Operating Officer",
        is_executive_officer=True,
        start_date=event,
    )
    return m.CurePeriod.objects.create(
        committee=committee, director=director, event_date=event, reason=reason
    )
