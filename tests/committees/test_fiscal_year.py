"""Fiscal years and calendar edges: Nasdaq 5605(a)(2)(D) counts the current and 3 past fiscal
years, Rule 10A-3 firm fees the current one, both by the company's own year end; look-backs across
29 February."""

import datetime

import pytest

from committees.compliance import director_independence
from committees.compliance.bright_line import clears_on, look_back_start
from committees.models.common import years_after, years_before
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date
LAST_DAY_OF_FY2026 = D(2026, 6, 30)
FIRST_DAY_OF_FY2027 = D(2026, 7, 1)


@pytest.fixture
def june_company(company):
    company.fiscal_year_end_month = 6
    company.fiscal_year_end_day = 30
    company.save()
    return company


@pytest.fixture
def dana(june_company):
    director = f.DirectorFactory(full_name="Dana Whitfield")
    f.IndependenceDeterminationFactory(director=director)
    return director


def outcome(director, as_of, code):
    return next(t for t in director_independence(director, as_of).tests if t.code == code)


def test_fiscal_year_named_by_the_calendar_year_it_ends_in(june_company):
    """Nasdaq 5605(a)(2)(D) counts fiscal years, named by the calendar year they end in."""
    assert june_company.fiscal_year_of(LAST_DAY_OF_FY2026) == 2026
    assert june_company.fiscal_year_of(FIRST_DAY_OF_FY2027) == 2027
    assert june_company.fiscal_year_bounds(2027) == (D(2026, 7, 1), D(2027, 6, 30))


@pytest.mark.parametrize(
    ("as_of", "passed"), [(LAST_DAY_OF_FY2026, False), (FIRST_DAY_OF_FY2027, True)]
)
def test_5605a2D_oldest_fiscal_year_drops_out_at_the_year_end(dana, as_of, passed):
    """On 30 June 2026 fiscal years 2023-2026 count; from 1 July 2026, 2024-2027."""
    relationship = f.BusinessRelationshipFactory(director=dana, start_date=D(2019, 1, 1))
    f.OrganisationPaymentFactory(relationship=relationship, fiscal_year=2023, amount=300000)
    test = outcome(dana, as_of, "D")
    assert test.passed is passed
    if not passed:
        assert "$300,000.00 in fiscal year 2023 (1 July 2022 to 30 June 2023)" in test.detail
    else:
        assert "fiscal years 2024 to 2027" in test.detail


@pytest.mark.parametrize(
    ("as_of", "passed"), [(LAST_DAY_OF_FY2026, True), (FIRST_DAY_OF_FY2027, False)]
)
def test_5605a2D_new_fiscal_year_counts_from_its_first_day(dana, as_of, passed):
    relationship = f.BusinessRelationshipFactory(director=dana, start_date=D(2019, 1, 1))
    f.OrganisationPaymentFactory(relationship=relationship, fiscal_year=2027, amount=300000)
    assert outcome(dana, as_of, "D").passed is passed


@pytest.mark.parametrize(
    ("fiscal_year", "as_of", "met"),
    [
        (2026, LAST_DAY_OF_FY2026, False),
        (2026, FIRST_DAY_OF_FY2027, True),
        (2027, FIRST_DAY_OF_FY2027, False),
    ],
)
def test_10a3b1_firm_fees_count_in_the_current_fiscal_year_only(dana, fiscal_year, as_of, met):
    firm = f.BusinessRelationshipFactory(
        director=dana,
        organisation="Baxter & Reid LLP",
        start_date=D(2019, 1, 1),
        provides_professional_services=True,
    )
    f.OrganisationPaymentFactory(relationship=firm, fiscal_year=fiscal_year, amount=1000)
    result = director_independence(dana, as_of)
    assert result.rule_10a3_met is met
    if not met:
        assert f"by the company in fiscal year {fiscal_year}." in result.rule_10a3_detail


def test_5605a2D_without_a_company_profile_fiscal_years_are_calendar_years(db):
    director = f.DirectorFactory(full_name="Dana Whitfield")
    f.IndependenceDeterminationFactory(director=director)
    relationship = f.BusinessRelationshipFactory(director=director, start_date=D(2019, 1, 1))
    f.OrganisationPaymentFactory(relationship=relationship, fiscal_year=2022, amount=300000)
    assert not outcome(director, D(2025, 12, 31), "D").passed
    assert outcome(director, D(2026, 1, 1), "D").passed


def test_5605a2_look_back_from_a_leap_day():
    """29 February falls back to the 28th, so the look-back is never shorter than 3 years."""
    assert look_back_start(D(2028, 2, 29)) == D(2025, 2, 28)
    assert years_before(D(2028, 2, 29), 3) == D(2025, 2, 28)
    assert years_after(D(2024, 2, 29), 3) == D(2027, 2, 28)
    assert clears_on(D(2024, 2, 29)) == D(2027, 3, 1)
    assert clears_on(D(2025, 2, 28)) == D(2028, 3, 1)  # still counted on 29 February 2028


@pytest.mark.parametrize(
    ("as_of", "passed"),
    [(D(2027, 2, 27), False), (D(2027, 2, 28), False), (D(2027, 3, 1), True)],
)
def test_5605a2A_employment_ending_on_a_leap_day(dana, as_of, passed):
    f.EmploymentFactory(director=dana, start_date=D(2020, 1, 1), end_date=D(2024, 2, 29))
    test = outcome(dana, as_of, "A")
    assert test.passed is passed
    if not passed:
        assert test.detail.endswith("this stops counting on 1 March 2027.")


@pytest.mark.parametrize(
    ("as_of", "passed"),
    [(D(2028, 2, 28), False), (D(2028, 2, 29), False), (D(2028, 3, 1), True)],
)
def test_5605a2A_look_back_reaching_back_from_a_leap_day(dana, as_of, passed):
    f.EmploymentFactory(director=dana, start_date=D(2020, 1, 1), end_date=D(2025, 2, 28))
    assert outcome(dana, as_of, "A").passed is passed
