"""SEC Rule 10A-3(b)(1): no compensatory fee during audit committee service, directly, through
close family or through a professional-services firm, and not an affiliated person."""

import datetime
from decimal import Decimal

import pytest

from committees.compliance import director_independence
from committees.models import BusinessRelationship, Compensation
from tests import factories as f

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 6, 15)
SERVICE_START = datetime.date(2024, 1, 1)


@pytest.fixture
def dana(company, audit_committee):
    """An audit committee member since 1 January 2024, found independent then."""
    return f.seat_qualified_member(audit_committee, full_name="Dana Whitfield")


@pytest.fixture
def outside_director(company):
    director = f.DirectorFactory(full_name="Owen Park")
    f.IndependenceDeterminationFactory(director=director)
    return director


def _family(director, relationship, **kwargs):
    return f.FamilyMemberFactory(
        director=director, name="Sam Whitfield", relationship=relationship, **kwargs
    )


def test_10a3b1_member_with_no_fee_and_no_affiliation_meets_it(dana):
    result = director_independence(dana, AS_OF)
    assert result.rule_10a3_met
    assert result.rule_10a3_detail == (
        "Dana Whitfield meets Rule 10A-3(b)(1): no consulting, advisory or other compensatory "
        "fee, directly or indirectly, during audit committee service that began on 1 January "
        "2024, and not an affiliated person."
    )


def test_10a3b1_any_consulting_fee_during_service_fails_however_small(dana):
    f.CompensationFactory(director=dana, paid_on=datetime.date(2026, 4, 3), amount=Decimal("5.00"))
    result = director_independence(dana, AS_OF)
    assert not result.rule_10a3_met
    assert result.rule_10a3_detail == (
        "Dana Whitfield accepted a payment of $5.00 (consulting or advisory fee) from the company "
        "on 3 April 2026, during audit committee service that began on 1 January 2024."
    )
    assert result.is_independent  # 5605(a)(2)(B) allows it; Rule 10A-3 does not
    assert result.reasons[-1].endswith("(SEC Rule 10A-3(b)(1)).")


@pytest.mark.parametrize("kind", [Compensation.Kind.BOARD_FEES, Compensation.Kind.RETIREMENT])
def test_10a3b1_board_fees_and_fixed_retirement_pay_are_allowed(dana, kind):
    f.CompensationFactory(director=dana, paid_on=datetime.date(2026, 4, 3), amount=90000, kind=kind)
    assert director_independence(dana, AS_OF).rule_10a3_met


@pytest.mark.parametrize(
    ("paid_on", "met"),
    [(datetime.date(2023, 12, 31), True), (datetime.date(2024, 1, 1), False)],
)
def test_10a3b1_only_fees_during_current_service_count(dana, paid_on, met):
    """Rule 10A-3(b)(1) has no look-back: a fee the day before service began does not count."""
    f.CompensationFactory(director=dana, paid_on=paid_on)
    assert director_independence(dana, AS_OF).rule_10a3_met is met


def test_10a3b1_back_to_back_memberships_are_one_service(company, audit_committee):
    director = f.DirectorFactory(full_name="Dana Whitfield")
    f.IndependenceDeterminationFactory(director=director)
    f.MembershipFactory(
        director=director,
        committee=audit_committee,
        start_date=SERVICE_START,
        end_date=datetime.date(2025, 6, 30),
    )
    f.MembershipFactory(
        director=director,
        committee=audit_committee,
        role="chair",
        start_date=datetime.date(2025, 7, 1),
    )
    f.CompensationFactory(director=director, paid_on=datetime.date(2024, 3, 1))
    result = director_independence(director, AS_OF)
    assert not result.rule_10a3_met
    assert "during audit committee service that began on 1 January 2024" in result.rule_10a3_detail


def test_10a3b1_a_gap_in_service_starts_a_new_service(company, audit_committee):
    director = f.DirectorFactory(full_name="Dana Whitfield")
    f.IndependenceDeterminationFactory(director=director)
    f.MembershipFactory(
        director=director,
        committee=audit_committee,
        start_date=SERVICE_START,
        end_date=datetime.date(2025, 6, 29),
    )
    f.MembershipFactory(
        director=director, committee=audit_committee, start_date=datetime.date(2025, 7, 1)
    )
    f.CompensationFactory(director=director, paid_on=datetime.date(2024, 3, 1))
    assert director_independence(director, AS_OF).rule_10a3_met


@pytest.mark.parametrize(
    ("paid_on", "met"),
    [(datetime.date(2025, 6, 15), True), (datetime.date(2025, 6, 16), False)],
)
def test_10a3b1_director_not_serving_is_judged_on_the_past_12_months(
    outside_director, paid_on, met
):
    f.CompensationFactory(director=outside_director, paid_on=paid_on)
    result = director_independence(outside_director, AS_OF)
    assert result.rule_10a3_met is met
    if not met:
        assert "within the 12 months before 15 June 2026" in result.rule_10a3_detail


@pytest.mark.parametrize(
    ("relationship", "extra", "met"),
    [
        ("spouse", {}, False),
        ("child", {"is_minor": True}, False),
        ("stepchild", {"shares_home": True}, False),
        ("child", {}, True),  # an adult child living elsewhere
        ("sibling", {"shares_home": True}, True),
        ("parent", {}, True),
    ],
)
def test_10a3b1_fees_to_spouse_minor_or_resident_child_are_indirect(dana, relationship, extra, met):
    relative = _family(dana, relationship, **extra)
    f.CompensationFactory(family_member=relative, paid_on=datetime.date(2026, 2, 1))
    result = director_independence(dana, AS_OF)
    assert result.rule_10a3_met is met
    if not met:
        assert result.rule_10a3_detail.startswith(
            f"Dana Whitfield's {relationship} Sam Whitfield accepted a payment of $10,000.00"
        )


def test_10a3b1_spouse_non_executive_pay_is_still_a_fee(dana):
    """Excluded from 5605(a)(2)(B), but Rule 10A-3 allows only board fees and retirement pay."""
    spouse = _family(dana, "spouse")
    f.CompensationFactory(
        family_member=spouse, paid_on=datetime.date(2026, 2, 1), kind="family_non_exec"
    )
    result = director_independence(dana, AS_OF)
    assert not result.rule_10a3_met
    assert result.is_independent


def _firm(director, **kwargs):
    kwargs.setdefault("organisation", "Baxter & Reid LLP")
    kwargs.setdefault("start_date", datetime.date(2020, 1, 1))
    kwargs.setdefault("provides_professional_services", True)
    return f.BusinessRelationshipFactory(director=director, **kwargs)


def test_10a3b1_fees_to_directors_professional_firm_this_fiscal_year_fail(dana):
    firm = _firm(dana)
    f.OrganisationPaymentFactory(relationship=firm, fiscal_year=2026, amount=40000)
    result = director_independence(dana, AS_OF)
    assert not result.rule_10a3_met
    assert result.rule_10a3_detail == (
        "Dana Whitfield is a partner of Baxter & Reid LLP (since 1 January 2020), which provides "
        "professional services and was paid $40,000.00 by the company in fiscal year 2026."
    )
    assert result.is_independent  # far below the 5605(a)(2)(D) threshold


@pytest.mark.parametrize(
    ("changes", "met"),
    [
        ({"fiscal_year": 2025}, True),
        ({"direction": "to_company"}, True),
        ({"amount": 0}, True),
        ({}, False),
    ],
)
def test_10a3b1_firm_fees_count_only_when_paid_by_the_company_this_year(dana, changes, met):
    firm = _firm(dana, role=BusinessRelationship.Role.MEMBER)
    values = {"fiscal_year": 2026, "amount": 40000, **changes}
    f.OrganisationPaymentFactory(relationship=firm, **values)
    assert director_independence(dana, AS_OF).rule_10a3_met is met


def test_10a3b1_firm_without_professional_services_is_not_an_indirect_fee(dana):
    firm = _firm(dana, provides_professional_services=False)
    f.OrganisationPaymentFactory(relationship=firm, fiscal_year=2026, amount=40000)
    assert director_independence(dana, AS_OF).rule_10a3_met


def test_10a3b1_former_firm_role_does_not_count(dana):
    firm = _firm(dana, end_date=datetime.date(2026, 6, 14))
    f.OrganisationPaymentFactory(relationship=firm, fiscal_year=2026, amount=40000)
    assert director_independence(dana, AS_OF).rule_10a3_met
    assert not director_independence(dana, datetime.date(2026, 6, 14)).rule_10a3_met


def test_10a3b1ii_board_finds_affiliated_person(dana):
    f.IndependenceDeterminationFactory(
        director=dana, determined_on=datetime.date(2026, 3, 2), is_affiliated_person=True
    )
    result = director_independence(dana, AS_OF)
    assert not result.rule_10a3_met
    assert result.rule_10a3_detail == (
        "The board found on 2 March 2026 that Dana Whitfield is an affiliated person."
    )


def test_10a3b1ii_current_executive_officer_is_an_affiliated_person(dana):
    f.EmploymentFactory(
        director=dana,
        start_date=datetime.date(2026, 3, 2),
        title="Chief Financial Officer",
        is_executive_officer=True,
    )
    result = director_independence(dana, AS_OF)
    assert not result.rule_10a3_met
    assert (
        "Dana Whitfield is an executive officer (Chief Financial Officer) of the company "
        "(since 2 March 2026), and so an affiliated person." in result.rule_10a3_detail
    )


def test_10a3b1ii_over_ten_percent_holder_board_finding_decides(dana):
    f.IndependenceDeterminationFactory(
        director=dana, determined_on=datetime.date(2026, 3, 2), voting_equity_percent="12.50"
    )
    result = director_independence(dana, AS_OF)
    assert result.rule_10a3_met
    assert result.rule_10a3_detail.endswith(
        "Dana Whitfield holds 12.50% of a class of the company's voting equity, above the 10% "
        "safe harbour, so the board's finding of 2 March 2026 that Dana Whitfield is not an "
        "affiliated person decides."
    )


def test_10a3b1ii_exactly_ten_percent_is_inside_the_safe_harbour(dana):
    f.IndependenceDeterminationFactory(
        director=dana, determined_on=datetime.date(2026, 3, 2), voting_equity_percent="10.00"
    )
    result = director_independence(dana, AS_OF)
    assert result.rule_10a3_met
    assert "safe harbour" not in result.rule_10a3_detail


def test_10a3b1_board_finding_of_a_compensatory_fee_fails(dana):
    f.IndependenceDeterminationFactory(
        director=dana, determined_on=datetime.date(2026, 3, 2), no_compensatory_fees=False
    )
    result = director_independence(dana, AS_OF)
    assert not result.rule_10a3_met
    assert "The board found on 2 March 2026 that Dana Whitfield accepts a consulting" in (
        result.rule_10a3_detail
    )


def test_10a3b1_without_a_board_finding_it_is_not_met(company):
    director = f.DirectorFactory(full_name="Frank Ortiz")
    result = director_independence(director, AS_OF)
    assert not result.rule_10a3_met
    assert result.rule_10a3_detail == (
        "The board has not determined whether Frank Ortiz accepts compensatory fees or is an "
        "affiliated person of the company."
    )
