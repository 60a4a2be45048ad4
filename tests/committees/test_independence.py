"""Nasdaq 5605(a)(2): the board's determination and the bright-line tests (A) to (F), each at the
edges of its 3-year look-back and money thresholds."""

import datetime
from decimal import Decimal

import pytest

from committees.compliance import director_independence
from committees.models import AuditorRelationship, BusinessRelationship, Employment
from tests import factories as f

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 6, 15)
ENDED = datetime.date(2023, 3, 31)  # a fact ending here counts through 31 March 2026
DAY_BEFORE_ANNIVERSARY = datetime.date(2026, 3, 30)
ANNIVERSARY = datetime.date(2026, 3, 31)
DAY_AFTER_ANNIVERSARY = datetime.date(2026, 4, 1)


@pytest.fixture
def dana(company):
    """A director the board found independent on 1 January 2024."""
    director = f.DirectorFactory(full_name="Dana Whitfield")
    f.IndependenceDeterminationFactory(director=director)
    return director


@pytest.fixture
def evan(dana):
    return f.FamilyMemberFactory(director=dana, name="Evan Whitfield", relationship="sibling")


def outcome(result, code):
    return next(test for test in result.tests if test.code == code)


def test_5605a2_all_tests_pass_and_board_finds_independent(dana):
    """5605(a)(2): board finding plus six passed tests means independent, with no reasons."""
    result = director_independence(dana, AS_OF)
    assert result.is_independent
    assert [test.code for test in result.tests] == ["A", "B", "C", "D", "E", "F"]
    assert all(test.passed for test in result.tests)
    assert result.reasons == ()
    assert outcome(result, "A").rule == "Nasdaq 5605(a)(2)(A)"
    assert "15 June 2023 and 15 June 2026" in outcome(result, "A").detail


# Board determination -----------------------------------------------------------------------


def test_5605a2_no_board_determination_is_not_independent(company):
    director = f.DirectorFactory(full_name="Frank Ortiz")
    result = director_independence(director, AS_OF)
    assert not result.is_independent
    assert result.determination is None
    assert "The board has not determined that Frank Ortiz is independent." in result.reasons


def test_5605a2_board_finding_not_independent_decides(company):
    director = f.DirectorFactory(full_name="Frank Ortiz")
    f.IndependenceDeterminationFactory(
        director=director, determined_on=datetime.date(2026, 3, 2), is_independent=False
    )
    result = director_independence(director, AS_OF)
    assert not result.is_independent
    assert all(test.passed for test in result.tests)
    assert (
        result.reasons[0] == "The board found on 2 March 2026 that Frank Ortiz is not independent."
    )


def test_5605a2_determination_in_force_is_latest_on_or_before_as_of(dana):
    later = f.IndependenceDeterminationFactory(
        director=dana, determined_on=datetime.date(2026, 7, 1), is_independent=False
    )
    before = director_independence(dana, datetime.date(2026, 6, 30))
    assert before.is_independent
    assert before.determination.determined_on == datetime.date(2024, 1, 1)
    on_the_day = director_independence(dana, datetime.date(2026, 7, 1))
    assert on_the_day.determination == later
    assert not on_the_day.is_independent


def test_5605a2_board_finding_cannot_override_a_failed_test(dana):
    f.EmploymentFactory(director=dana, start_date=datetime.date(2025, 1, 1), title="Treasurer")
    result = director_independence(dana, AS_OF)
    assert result.determination.is_independent
    assert not result.is_independent


# (A) Employment ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "passed"),
    [(DAY_BEFORE_ANNIVERSARY, False), (ANNIVERSARY, False), (DAY_AFTER_ANNIVERSARY, True)],
)
def test_5605a2A_employment_counts_through_third_anniversary(dana, as_of, passed):
    f.EmploymentFactory(
        director=dana,
        start_date=datetime.date(2019, 5, 1),
        end_date=ENDED,
        title="Controller",
    )
    result = director_independence(dana, as_of)
    assert outcome(result, "A").passed is passed
    assert result.is_independent is passed
    if not passed:
        assert outcome(result, "A").detail == (
            "Dana Whitfield was employed by the company as Controller from 1 May 2019 to "
            "31 March 2023, within the 3-year look-back that began on "
            f"{as_of.day} March 2023; this stops counting on 1 April 2026."
        )


def test_5605a2A_current_employee_is_never_independent(dana):
    f.EmploymentFactory(
        director=dana,
        start_date=datetime.date(2026, 3, 2),
        employer=Employment.Employer.SUBSIDIARY,
        employer_name="Northwind GmbH",
        title="Managing Director",
    )
    result = director_independence(dana, AS_OF)
    assert not outcome(result, "A").passed
    assert outcome(result, "A").detail == (
        "Dana Whitfield is currently employed by the subsidiary Northwind GmbH as Managing "
        "Director (since 2 March 2026)."
    )
    assert not result.is_independent


def test_5605a2A_parent_company_employment_counts(dana):
    f.EmploymentFactory(
        director=dana,
        employer=Employment.Employer.PARENT,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2024, 12, 31),
    )
    assert not outcome(director_independence(dana, AS_OF), "A").passed


def test_5605a2A_interim_executive_of_one_year_that_ended_is_excepted(dana):
    f.EmploymentFactory(
        director=dana,
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2026, 1, 1),  # the first anniversary: exactly one year
        title="Interim Chief Executive Officer",
        is_executive_officer=True,
        interim_executive=True,
    )
    result = director_independence(dana, AS_OF)
    assert outcome(result, "A").passed
    assert "lasted one year or less and has ended" in outcome(result, "A").detail
    assert result.is_independent


def test_5605a2A_interim_service_longer_than_one_year_is_not_excepted(dana):
    f.EmploymentFactory(
        director=dana,
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2026, 1, 2),
        title="Interim Chief Executive Officer",
        is_executive_officer=True,
        interim_executive=True,
    )
    assert not outcome(director_independence(dana, AS_OF), "A").passed


@pytest.mark.parametrize("end", [None, AS_OF])
def test_5605a2A_interim_service_still_going_is_not_excepted(dana, end):
    f.EmploymentFactory(
        director=dana,
        start_date=datetime.date(2026, 1, 1),
        end_date=end,
        title="Interim Chief Financial Officer",
        is_executive_officer=True,
        interim_executive=True,
    )
    test = outcome(director_independence(dana, AS_OF), "A")
    assert not test.passed
    assert "is currently employed" in test.detail


def test_5605a2A_family_employment_is_not_the_directors(dana, evan):
    f.EmploymentFactory(family_member=evan, start_date=datetime.date(2025, 1, 1), title="Analyst")
    result = director_independence(dana, AS_OF)
    assert outcome(result, "A").passed
    assert outcome(result, "C").passed  # not an executive officer


# (B) Compensation over $120,000 in 12 months -------------------------------------------------


@pytest.mark.parametrize(("amount", "passed"), [("120000.00", True), ("120000.01", False)])
def test_5605a2B_more_than_120k_fails_exactly_120k_passes(dana, amount, passed):
    f.CompensationFactory(director=dana, paid_on=datetime.date(2025, 9, 1), amount=Decimal(amount))
    test = outcome(director_independence(dana, AS_OF), "B")
    assert test.passed is passed
    if not passed:
        assert test.detail == (
            "Dana Whitfield accepted $120,000.01 from the company within 12 consecutive months "
            "(a payment on 1 September 2025), more than $120,000.00."
        )


def test_5605a2B_over_120k_in_12_months_minus_a_day_fails(dana):
    f.CompensationFactory(director=dana, paid_on=datetime.date(2025, 3, 1), amount=60000)
    f.CompensationFactory(
        director=dana, paid_on=datetime.date(2026, 2, 28), amount=Decimal("60000.01")
    )
    test = outcome(director_independence(dana, AS_OF), "B")
    assert not test.passed
    assert "payments on 1 March 2025 and 28 February 2026" in test.detail
    assert "$120,000.01" in test.detail


def test_5605a2B_payments_exactly_12_months_apart_are_separate_windows(dana):
    f.CompensationFactory(director=dana, paid_on=datetime.date(2025, 3, 1), amount=60000)
    f.CompensationFactory(
        director=dana, paid_on=datetime.date(2026, 3, 1), amount=Decimal("60000.01")
    )
    test = outcome(director_independence(dana, AS_OF), "B")
    assert test.passed
    assert "the largest 12-month total was $60,000.01 (Dana Whitfield)" in test.detail


def test_5605a2B_excluded_kinds_do_not_count(dana, evan):
    """Board fees, retirement benefits and non-discretionary pay are excluded by their kind;
    Evan's pay because his recorded employment shows him a non-executive employee that day."""
    f.EmploymentFactory(family_member=evan, start_date=datetime.date(2025, 1, 1), title="Analyst")
    f.CompensationFactory(
        director=dana, paid_on=datetime.date(2025, 9, 1), amount=200000, kind="board_fees"
    )
    f.CompensationFactory(
        director=dana, paid_on=datetime.date(2025, 9, 2), amount=200000, kind="retirement"
    )
    f.CompensationFactory(
        director=dana, paid_on=datetime.date(2025, 9, 4), amount=200000, kind="non_discretionary"
    )
    f.CompensationFactory(
        family_member=evan, paid_on=datetime.date(2025, 9, 3), amount=200000, kind="family_non_exec"
    )
    assert outcome(director_independence(dana, AS_OF), "B").passed


def test_5605a2B_each_family_member_is_counted_separately(dana, evan):
    f.CompensationFactory(director=dana, paid_on=datetime.date(2025, 9, 1), amount=100000)
    f.CompensationFactory(family_member=evan, paid_on=datetime.date(2025, 9, 1), amount=100000)
    assert outcome(director_independence(dana, AS_OF), "B").passed


def test_5605a2B_family_member_over_120k_fails_and_is_named(dana, evan):
    f.CompensationFactory(
        family_member=evan, paid_on=datetime.date(2025, 9, 1), amount=130000, kind="salary"
    )
    test = outcome(director_independence(dana, AS_OF), "B")
    assert not test.passed
    assert test.detail.startswith("Dana Whitfield's sibling Evan Whitfield accepted $130,000.00")


@pytest.mark.parametrize(
    ("paid_on", "passed"),
    [(datetime.date(2023, 6, 14), True), (datetime.date(2023, 6, 15), False)],
)
def test_5605a2B_look_back_starts_three_years_before_as_of(dana, paid_on, passed):
    f.CompensationFactory(director=dana, paid_on=paid_on, amount=130000)
    assert outcome(director_independence(dana, AS_OF), "B").passed is passed


def test_5605a2B_window_starting_before_look_back_is_not_counted(dana):
    """Only payments inside the look-back fill a window: the older half no longer counts."""
    f.CompensationFactory(director=dana, paid_on=datetime.date(2023, 6, 1), amount=70000)
    f.CompensationFactory(director=dana, paid_on=datetime.date(2023, 7, 1), amount=70000)
    assert outcome(director_independence(dana, AS_OF), "B").passed
    assert not outcome(director_independence(dana, datetime.date(2026, 5, 31)), "B").passed


# (C) Family member executive officer ------------------------------------------------------


def test_5605a2C_family_member_current_executive_officer_fails(dana, evan):
    f.EmploymentFactory(
        family_member=evan,
        start_date=datetime.date(2026, 3, 2),
        title="Chief Operating Officer",
        is_executive_officer=True,
    )
    result = director_independence(dana, AS_OF)
    test = outcome(result, "C")
    assert not test.passed
    assert test.detail == (
        "Dana Whitfield's sibling Evan Whitfield has been an executive officer (Chief Operating "
        "Officer) of the company since 2 March 2026."
    )
    assert (
        "Dana Whitfield's sibling Evan Whitfield has been an executive officer (Chief Operating "
        "Officer) of the company since 2 March 2026 (Nasdaq 5605(a)(2)(C))." in result.reasons
    )


@pytest.mark.parametrize(
    ("as_of", "passed"),
    [(DAY_BEFORE_ANNIVERSARY, False), (ANNIVERSARY, False), (DAY_AFTER_ANNIVERSARY, True)],
)
def test_5605a2C_former_family_executive_counts_through_third_anniversary(
    dana, evan, as_of, passed
):
    f.EmploymentFactory(
        family_member=evan,
        start_date=datetime.date(2018, 1, 1),
        end_date=ENDED,
        title="Chief Financial Officer",
        is_executive_officer=True,
    )
    assert outcome(director_independence(dana, as_of), "C").passed is passed


# (D) Business relationship -------------------------------------------------------------------


def _relationship(dana, **kwargs):
    kwargs.setdefault("start_date", datetime.date(2020, 1, 1))
    kwargs.setdefault("organisation", "Harbor Logistics LLC")
    return f.BusinessRelationshipFactory(director=dana, **kwargs)


@pytest.mark.parametrize(("amount", "passed"), [("200000.00", True), ("200000.01", False)])
def test_5605a2D_floor_of_200k_with_small_revenue(dana, amount, passed):
    rel = _relationship(dana)
    f.OrganisationPaymentFactory(
        relationship=rel, fiscal_year=2026, amount=Decimal(amount), recipient_gross_revenue=1000000
    )
    test = outcome(director_independence(dana, AS_OF), "D")
    assert test.passed is passed
    if not passed:
        assert test.detail == (
            "Dana Whitfield is a partner of Harbor Logistics LLC (since 1 January 2020), and the "
            "company paid Harbor Logistics LLC $200,000.01 in fiscal year 2026 (1 January 2026 to "
            "31 December 2026), more than $200,000.00, the greater of $200,000.00 and 5% of Harbor "
            "Logistics LLC's gross revenues of $1,000,000.00."
        )


@pytest.mark.parametrize(("amount", "passed"), [("500000.00", True), ("500000.01", False)])
def test_5605a2D_five_percent_of_large_revenue(dana, amount, passed):
    rel = _relationship(dana, role=BusinessRelationship.Role.EXECUTIVE_OFFICER)
    f.OrganisationPaymentFactory(
        relationship=rel,
        fiscal_year=2024,
        direction="to_company",
        amount=Decimal(amount),
        recipient_gross_revenue=Decimal("10000000.00"),
    )
    test = outcome(director_independence(dana, AS_OF), "D")
    assert test.passed is passed
    if not passed:
        assert (
            "Harbor Logistics LLC paid the company $500,000.01 in fiscal year 2024" in test.detail
        )
        assert "more than $500,000.00" in test.detail
        assert "5% of the company's gross revenues of $10,000,000.00" in test.detail


def test_5605a2D_payments_are_summed_per_year_and_direction(dana):
    rel = _relationship(dana)
    f.OrganisationPaymentFactory(relationship=rel, fiscal_year=2025, amount=150000)
    f.OrganisationPaymentFactory(relationship=rel, fiscal_year=2025, amount=60000)
    assert not outcome(director_independence(dana, AS_OF), "D").passed


def test_5605a2D_directions_and_years_are_not_added_together(dana):
    rel = _relationship(dana)
    f.OrganisationPaymentFactory(relationship=rel, fiscal_year=2025, amount=150000)
    f.OrganisationPaymentFactory(
        relationship=rel, fiscal_year=2025, amount=150000, direction="to_company"
    )
    f.OrganisationPaymentFactory(relationship=rel, fiscal_year=2024, amount=150000)
    assert outcome(director_independence(dana, AS_OF), "D").passed


def test_5605a2D_excluded_payments_do_not_count(dana):
    rel = _relationship(dana)
    f.OrganisationPaymentFactory(
        relationship=rel, fiscal_year=2025, amount=900000, exclusion="investment"
    )
    f.OrganisationPaymentFactory(
        relationship=rel, fiscal_year=2025, amount=900000, exclusion="charitable_match"
    )
    assert outcome(director_independence(dana, AS_OF), "D").passed


@pytest.mark.parametrize(("year", "passed"), [(2022, True), (2023, False), (2027, True)])
def test_5605a2D_current_and_three_past_fiscal_years(dana, year, passed):
    rel = _relationship(dana)
    f.OrganisationPaymentFactory(relationship=rel, fiscal_year=year, amount=300000)
    assert outcome(director_independence(dana, AS_OF), "D").passed is passed


def test_5605a2D_role_must_be_held_on_as_of(dana):
    rel = _relationship(dana, end_date=datetime.date(2026, 6, 14))
    f.OrganisationPaymentFactory(relationship=rel, fiscal_year=2026, amount=300000)
    assert outcome(director_independence(dana, AS_OF), "D").passed
    assert not outcome(director_independence(dana, datetime.date(2026, 6, 14)), "D").passed


def test_5605a2D_non_managing_member_role_is_outside_the_test(dana):
    rel = _relationship(dana, role=BusinessRelationship.Role.MEMBER)
    f.OrganisationPaymentFactory(relationship=rel, fiscal_year=2026, amount=300000)
    assert outcome(director_independence(dana, AS_OF), "D").passed


def test_5605a2D_family_member_controlling_shareholder_counts(dana, evan):
    rel = f.BusinessRelationshipFactory(
        family_member=evan,
        start_date=datetime.date(2020, 1, 1),
        organisation="Whitfield Foods",
        role=BusinessRelationship.Role.CONTROLLING_SHAREHOLDER,
    )
    f.OrganisationPaymentFactory(relationship=rel, fiscal_year=2026, amount=250000)
    test = outcome(director_independence(dana, AS_OF), "D")
    assert not test.passed
    assert test.detail.startswith(
        "Dana Whitfield's sibling Evan Whitfield is a controlling shareholder of Whitfield Foods"
    )


# (E) Compensation committee interlock ------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "passed"),
    [(DAY_BEFORE_ANNIVERSARY, False), (ANNIVERSARY, False), (DAY_AFTER_ANNIVERSARY, True)],
)
def test_5605a2E_interlock_counts_through_third_anniversary(dana, evan, as_of, passed):
    f.CompensationInterlockFactory(
        family_member=evan,
        start_date=datetime.date(2020, 1, 1),
        end_date=ENDED,
        entity="Bellweather Corp.",
        company_executive="Mara Lind, Chief Executive Officer",
    )
    test = outcome(director_independence(dana, as_of), "E")
    assert test.passed is passed
    if not passed:
        assert test.detail.startswith(
            "Dana Whitfield's sibling Evan Whitfield was an executive officer of Bellweather "
            "Corp. from 1 January 2020 to 31 March 2023 while the company's executive officer "
            "Mara Lind, Chief Executive Officer sat on its compensation committee"
        )


def test_5605a2E_current_interlock_fails(dana):
    f.CompensationInterlockFactory(director=dana, start_date=datetime.date(2025, 1, 1))
    test = outcome(director_independence(dana, AS_OF), "E")
    assert not test.passed
    assert "has been an executive officer of Bellweather Corp. since 1 January 2025" in test.detail


# (F) Outside auditor ---------------------------------------------------------------------------


def test_5605a2F_current_partner_fails_even_off_the_audit(dana):
    """5605(a)(2)(F): a current partner of the auditor, whatever the engagement."""
    f.AuditorRelationshipFactory(
        director=dana,
        role=AuditorRelationship.Role.PARTNER,
        worked_on_company_audit=False,
        start_date=datetime.date(2015, 1, 1),
    )
    test = outcome(director_independence(dana, AS_OF), "F")
    assert not test.passed
    assert test.detail == (
        "Dana Whitfield is a current partner of the company's outside auditor Crane & Holt LLP "
        "(since 1 January 2015)."
    )


def test_5605a2F_former_partner_off_the_audit_passes(dana):
    f.AuditorRelationshipFactory(
        director=dana,
        role=AuditorRelationship.Role.PARTNER,
        worked_on_company_audit=False,
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2025, 12, 31),
    )
    assert outcome(director_independence(dana, AS_OF), "F").passed


@pytest.mark.parametrize(
    ("as_of", "passed"),
    [(DAY_BEFORE_ANNIVERSARY, False), (ANNIVERSARY, False), (DAY_AFTER_ANNIVERSARY, True)],
)
def test_5605a2F_family_employee_on_the_audit_counts_through_third_anniversary(
    dana, evan, as_of, passed
):
    f.AuditorRelationshipFactory(
        family_member=evan, start_date=datetime.date(2019, 9, 1), end_date=ENDED
    )
    test = outcome(director_independence(dana, as_of), "F")
    assert test.passed is passed
    if not passed:
        assert (
            "Evan Whitfield was an employee of Crane & Holt LLP who worked on the company's "
            "audit from 1 September 2019 to 31 March 2023" in test.detail
        )


def test_5605a2F_employee_off_the_audit_passes(dana):
    f.AuditorRelationshipFactory(director=dana, worked_on_company_audit=False)
    assert outcome(director_independence(dana, AS_OF), "F").passed
