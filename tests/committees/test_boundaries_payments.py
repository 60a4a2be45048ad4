"""Nasdaq 5605(a)(2)(B) and (D) at the boundaries the mutation run found untested: interim pay on
the first day of the interim service, and an excluded or out-of-window payment listed before the
payments that do count. Plain model instances, no database."""

import datetime
from decimal import Decimal

from committees.compliance.bright_line import bright_line_tests
from committees.compliance.facts import DirectorFacts
from committees.compliance.payments import compensation_exclusion
from committees.models import (
    BusinessRelationship,
    CompanyProfile,
    Compensation,
    Director,
    Employment,
    IndependenceDetermination,
    OrganisationPayment,
)

D = datetime.date
AS_OF = D(2026, 6, 15)
PROFILE = CompanyProfile(fiscal_year_end_month=12, fiscal_year_end_day=31)
DANA = Director(pk=1, full_name="Dana Whitfield")


def facts(**lists):
    independence = IndependenceDetermination(
        director=DANA, determined_on=D(2024, 1, 1), is_independent=True
    )
    return DirectorFacts(director=DANA, independence=independence, **lists)


def outcome(code, **lists):
    return next(t for t in bright_line_tests(facts(**lists), AS_OF, PROFILE) if t.code == code)


def interim_job():
    return Employment(
        director=DANA,
        start_date=D(2025, 1, 1),
        end_date=D(2025, 6, 30),
        employer=Employment.Employer.COMPANY,
        title="Interim Chief Financial Officer",
        is_executive_officer=True,
        interim_executive=True,
    )


def test_5605a2B_interim_pay_on_the_first_day_of_the_service_is_excepted():
    """Pay for interim executive service of a year or less that has ended does not count, from
    the service's first day."""
    job = interim_job()
    pay = Compensation(
        director=DANA,
        kind=Compensation.Kind.INTERIM_EXECUTIVE,
        amount=Decimal("150000"),
        paid_on=job.start_date,
    )
    assert compensation_exclusion(facts(employments=[job]), pay, AS_OF) is not None
    assert outcome("B", employments=[job], compensation=[pay]).passed


def test_5605a2B_interim_pay_before_the_service_began_counts():
    job = interim_job()
    pay = Compensation(
        director=DANA,
        kind=Compensation.Kind.INTERIM_EXECUTIVE,
        amount=Decimal("150000"),
        paid_on=job.start_date - datetime.timedelta(days=1),
    )
    assert compensation_exclusion(facts(employments=[job]), pay, AS_OF) is None
    assert not outcome("B", employments=[job], compensation=[pay]).passed


def relationship():
    return BusinessRelationship(
        pk=5,
        director=DANA,
        organisation="Crane Supply",
        organisation_key="crane supply",
        role=BusinessRelationship.Role.EXECUTIVE_OFFICER,
        start_date=D(2020, 1, 1),
    )


def payment(fiscal_year, amount, exclusion=""):
    return OrganisationPayment(
        fiscal_year=fiscal_year,
        direction=OrganisationPayment.Direction.FROM_COMPANY,
        amount=Decimal(amount),
        recipient_gross_revenue=Decimal("1000000"),
        exclusion=exclusion,
    )


def test_5605a2D_an_excluded_payment_listed_first_does_not_hide_the_payments_after_it():
    """Investment-only payments are left out; the counted payments of the year still sum past
    the greater of $200,000 and 5% of revenues."""
    rel = relationship()
    payments = [
        payment(2026, "900000", OrganisationPayment.Exclusion.INVESTMENT),
        payment(2026, "250000"),
    ]
    test = outcome("D", relationships=[rel], payments={rel.pk: payments})
    assert not test.passed
    assert "$250,000.00 in fiscal year 2026" in test.detail


def test_5605a2D_a_payment_before_the_look_back_listed_first_does_not_hide_later_ones():
    """Only the current and past three fiscal years count (2023 to 2026 here)."""
    rel = relationship()
    payments = [payment(2022, "900000"), payment(2023, "250000")]
    test = outcome("D", relationships=[rel], payments={rel.pk: payments})
    assert not test.passed
    assert "fiscal year 2023" in test.detail and "2022" not in test.detail
