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
