"""Boundaries of SEC Rule 10A-3(b)(1) (docs/rules.md): no look-back (current audit
committee service, or the 12 months before the day for a director not serving), any compensatory
fee however small, a professional-services firm paid anything by the company, and the affiliated
person test, whose safe harbour is at most 10% of a class of voting equity and not an executive
officer. The rule runs on in-memory facts here, so these need no database."""

import datetime
from decimal import Decimal

import pytest

from committees.compliance.facts import DirectorFacts
from committees.compliance.rule_10a3 import audit_service_start, rule_10a3
from committees.models import (
    BusinessRelationship,
    CompanyProfile,
    Compensation,
    Director,
    Employment,
    FamilyMember,
    IndependenceDetermination,
    Membership,
    OrganisationPayment,
)

D = datetime.date
AS_OF = D(2026, 6, 15)
SERVICE_START = D(2024, 1, 1)
PROFILE = CompanyProfile(fiscal_year_end_month=12, fiscal_year_end_day=31)
DANA = Director(pk=1, full_name="Dana Whitfield")


def finding(**values):
    values = {
        "director": DANA,
        "determined_on": D(2024, 1, 1),
        "is_independent": True,
        "no_compensatory_fees": True,
        "is_affiliated_person": False,
        "voting_equity_percent": Decimal("0"),
        **values,
    }
    return IndependenceDetermination(**values)


def serving(*periods):
    """Audit committee memberships, each (start, end)."""
    return [Membership(director=DANA, start_date=start, end_date=end) for start, end in periods]


def facts(*, memberships=None, independence=None, **lists):
    return DirectorFacts(
        director=DANA,
        audit_memberships=serving((SERVICE_START, None)) if memberships is None else memberships,
        independence=finding() if independence is None else independence,
        **lists,
    )


def fee(paid_on, amount="10000.00", kind=Compensation.Kind.CONSULTING, family_member=None):
    return Compensation(
        director=DANA,
        paid_on=paid_on,
        amount=Decimal(amount),
        kind=kind,
        family_member=family_member,
    )


def check(as_of=AS_OF, **kwargs):
    return rule_10a3(facts(**kwargs), as_of, PROFILE)


# Fees: during current service, up to and including the day judged ----------------------------


@pytest.mark.parametrize(
    ("paid_on", "met"),
    [
        (D(2023, 12, 31), True),  # the day before service began
        (SERVICE_START, False),
        (AS_OF, False),  # a fee on the day judged counts that day
        (AS_OF + datetime.timedelta(days=1), True),  # not yet paid on the day judged
    ],
)
def test_10a3b1_fee_counts_from_first_day_of_service_through_the_day_judged(paid_on, met):
    result = check(compensation=[fee(paid_on)])
    assert result.met is met
    assert bool(result.reasons) is not met


def test_10a3b1_a_fee_on_the_day_judged_reads_plainly():
    result = check(compensation=[fee(AS_OF, amount="0.01")])
    assert not result.met
    assert result.detail == (
        "Dana Whitfield accepted a payment of $0.01 (consulting or advisory fee) from the "
        "company on 15 June 2026, during audit committee service that began on 1 January 2024."
    )
    assert result.reasons == (result.detail,)


@pytest.mark.parametrize(
    ("paid_on", "met"),
    [(D(2025, 6, 15), True), (D(2025, 6, 16), False), (AS_OF, False)],
)
def test_10a3b1_director_not_serving_is_judged_on_the_12_months_through_the_day(paid_on, met):
    result = check(memberships=[], compensation=[fee(paid_on)])
    assert result.met is met
    if met:
        assert result.detail == (
            "Dana Whitfield meets Rule 10A-3(b)(1): no consulting, advisory or other "
            "compensatory fee, directly or indirectly, within the 12 months before 15 June 2026, "
            "and not an affiliated person."
        )


@pytest.mark.parametrize(
    "kind",
    [Compensation.Kind.SALARY, Compensation.Kind.OTHER, Compensation.Kind.FAMILY_NON_EXECUTIVE_PAY],
)
def test_10a3b1_only_board_fees_and_fixed_retirement_pay_are_allowed(kind):
    assert not check(compensation=[fee(D(2026, 2, 1), kind=kind)]).met
    assert check(compensation=[fee(D(2026, 2, 1), kind=Compensation.Kind.BOARD_FEES)]).met
    assert check(compensation=[fee(D(2026, 2, 1), kind=Compensation.Kind.RETIREMENT)]).met


@pytest.mark.parametrize(
    ("relationship", "extra", "met"),
    [
        (FamilyMember.Relationship.SPOUSE, {}, False),
        (FamilyMember.Relationship.CHILD, {"is_minor": True}, False),
        (FamilyMember.Relationship.STEPCHILD, {"shares_home": True}, False),
        (FamilyMember.Relationship.CHILD, {}, True),
        (FamilyMember.Relationship.SIBLING, {"shares_home": True}, True),
    ],
)
def test_10a3b1_indirect_fee_through_spouse_or_minor_or_resident_child(relationship, extra, met):
    relative = FamilyMember(
        pk=7, director=DANA, name="Sam Whitfield", relationship=relationship, **extra
    )
    result = check(compensation=[fee(D(2026, 2, 1), family_member=relative)])
    assert result.met is met


def test_10a3b1_every_fee_is_listed():
    result = check(compensation=[fee(D(2025, 2, 1), "5.00"), fee(D(2026, 2, 1), "6.00")])
    assert len(result.reasons) == 2
    assert "$5.00" in result.reasons[0] and "$6.00" in result.reasons[1]


# Audit committee service: back-to-back memberships are one service ---------------------------


@pytest.mark.parametrize(
    ("first_end", "start"),
    [
        (D(2025, 6, 30), SERVICE_START),  # ended the day before the next began
        (D(2025, 7, 3), SERVICE_START),  # overlapping seats
        (D(2025, 6, 29), D(2025, 7, 1)),  # a day with no seat starts a new service
    ],
)
def test_10a3b1_service_start_joins_back_to_back_memberships(first_end, start):
    director_facts = facts(memberships=serving((SERVICE_START, first_end), (D(2025, 7, 1), None)))
    assert audit_service_start(director_facts, AS_OF) == start


@pytest.mark.parametrize("reverse", [False, True])
def test_10a3b1_service_start_follows_a_chain_of_seats_back(reverse):
    """Three back-to-back seats are one service, whatever order the records come in."""
    seats = [
        (SERVICE_START, D(2024, 6, 30)),
        (D(2024, 7, 1), D(2025, 6, 30)),
        (D(2025, 7, 1), None),
    ]
    director_facts = facts(memberships=serving(*(reversed(seats) if reverse else seats)))
    assert audit_service_start(director_facts, AS_OF) == SERVICE_START


def test_10a3b1_not_serving_on_the_day_means_no_service():
    director_facts = facts(memberships=serving((SERVICE_START, D(2026, 6, 14))))
    assert audit_service_start(director_facts, AS_OF) is None
    assert audit_service_start(director_facts, D(2026, 6, 14)) == SERVICE_START
    assert audit_service_start(facts(memberships=serving((AS_OF, None))), AS_OF) == AS_OF


# A professional-services firm paid by the company (10A-3(e)(8)) ------------------------------

FIRM = BusinessRelationship(
    pk=3,
    director=DANA,
    organisation="Baxter & Reid LLP",
    role=BusinessRelationship.Role.PARTNER,
    start_date=D(2020, 1, 1),
    provides_professional_services=True,
)


def firm_paid(*amounts, relationship=FIRM, fiscal_year=2026, **values):
    payments = [
        OrganisationPayment(
            relationship=relationship,
            fiscal_year=fiscal_year,
            direction=values.get("direction", OrganisationPayment.Direction.FROM_COMPANY),
            amount=Decimal(amount),
            recipient_gross_revenue=Decimal("1000000.00"),
            exclusion=values.get("exclusion", ""),
        )
        for amount in amounts
    ]
    return {"relationships": [relationship], "payments": {relationship.pk: payments}}


@pytest.mark.parametrize(("amount", "met"), [("0.00", True), ("0.01", False), ("1.00", False)])
def test_10a3b1_a_firm_paid_anything_this_fiscal_year_is_an_indirect_fee(amount, met):
    result = check(**firm_paid(amount))
    assert result.met is met
    if not met:
        assert result.detail == (
            "Dana Whitfield is a partner of Baxter & Reid LLP (since 1 January 2020), which "
            f"provides professional services and was paid ${amount} by the company in fiscal "
            "year 2026."
        )


def test_10a3b1_firm_payments_in_the_fiscal_year_are_added_up():
    result = check(**firm_paid("0.40", "0.60"))
    assert "was paid $1.00 by the company in fiscal year 2026" in result.detail


@pytest.mark.parametrize(
    ("as_of", "fiscal_year", "met"),
    [
        (D(2026, 1, 1), 2026, False),  # first day of fiscal year 2026
        (D(2025, 12, 31), 2026, True),  # still fiscal year 2025
        (D(2025, 12, 31), 2025, False),
        (D(2026, 1, 1), 2025, True),  # only the current fiscal year counts
    ],
)
def test_10a3b1_firm_fees_of_the_current_fiscal_year_only(as_of, fiscal_year, met):
    result = check(as_of=as_of, **firm_paid("40000.00", fiscal_year=fiscal_year))
    assert result.met is met


def test_10a3b1_payments_to_the_company_or_excluded_are_not_fees():
    to_company = firm_paid("40000.00", direction=OrganisationPayment.Direction.TO_COMPANY)
    assert check(**to_company).met
    # Payments arising solely from investments are not fees (docs/rules.md).
    investment = OrganisationPayment.Exclusion.INVESTMENT
    assert check(**firm_paid("40000.00", exclusion=investment)).met


@pytest.mark.parametrize(
    ("end_date", "met"), [(AS_OF - datetime.timedelta(days=1), True), (AS_OF, False)]
)
def test_10a3b1_firm_role_counts_while_current_on_the_day(end_date, met):
    firm = BusinessRelationship(
        pk=4,
        director=DANA,
        organisation="Baxter & Reid LLP",
        role=BusinessRelationship.Role.MEMBER,
        start_date=D(2020, 1, 1),
        end_date=end_date,
        provides_professional_services=True,
    )
    result = check(**firm_paid("40000.00", relationship=firm))
    assert result.met is met
    if not met:
        assert "(from 1 January 2020 to 15 June 2026)" in result.detail


def test_10a3b1_a_firm_role_beginning_after_the_day_does_not_count():
    firm = BusinessRelationship(
        pk=5,
        director=DANA,
        organisation="Baxter & Reid LLP",
        role=BusinessRelationship.Role.PARTNER,
        start_date=AS_OF + datetime.timedelta(days=1),
        provides_professional_services=True,
    )
    assert check(**firm_paid("40000.00", relationship=firm)).met


def test_10a3b1_a_family_members_firm_or_a_firm_without_professional_services_is_no_fee():
    spouse = FamilyMember(pk=8, director=DANA, name="Sam Whitfield", relationship="spouse")
    family_firm = BusinessRelationship(
        pk=6,
        director=DANA,
        family_member=spouse,
        organisation="Baxter & Reid LLP",
        role=BusinessRelationship.Role.PARTNER,
        start_date=D(2020, 1, 1),
        provides_professional_services=True,
    )
    assert check(**firm_paid("40000.00", relationship=family_firm)).met
    supplier = BusinessRelationship(
        pk=9,
        director=DANA,
        organisation="Harbor Logistics LLC",
        role=BusinessRelationship.Role.PARTNER,
        start_date=D(2020, 1, 1),
        provides_professional_services=False,
    )
    assert check(**firm_paid("40000.00", relationship=supplier)).met


# Affiliated person (10A-3(b)(1)(ii)(B), safe harbour 10A-3(e)(1)(ii)) -------------------------


def job(end_date=None, is_executive_officer=True, family_member=None, **values):
    return Employment(
        director=DANA,
        family_member=family_member,
        start_date=values.pop("start_date", D(2025, 3, 2)),
        end_date=end_date,
        employer=values.pop("employer", Employment.Employer.COMPANY),
        title=values.pop("title", "Chief Financial Officer"),
        is_executive_officer=is_executive_officer,
        **values,
    )


@pytest.mark.parametrize(
    ("end_date", "met"),
    [
        (AS_OF - datetime.timedelta(days=1), True),  # a former executive officer
        (AS_OF, False),  # still an executive officer on the day
        (None, False),
    ],
)
def test_10a3b1ii_only_a_current_executive_officer_is_an_affiliated_person(end_date, met):
    result = check(employments=[job(end_date)])
    assert result.met is met
    if not met:
        assert result.detail.endswith(", and so an affiliated person.")


def test_10a3b1ii_current_non_executive_employee_is_not_an_affiliated_person():
    """Within the safe harbour (not an executive officer, at most 10%): the board's finding that
    the member is not an affiliated person stands. (Salary would be a fee; none is recorded.)"""
    result = check(employments=[job(is_executive_officer=False, title="Senior Analyst")])
    assert result.met
    assert result.reasons == ()


def test_10a3b1ii_executive_office_that_has_not_begun_does_not_count():
    assert check(employments=[job(start_date=AS_OF + datetime.timedelta(days=1))]).met


def test_10a3b1ii_a_family_members_executive_office_is_not_the_members_affiliation():
    spouse = FamilyMember(pk=8, director=DANA, name="Sam Whitfield", relationship="spouse")
    assert check(employments=[job(family_member=spouse)]).met


def test_10a3b1ii_executive_officer_of_a_subsidiary_reads_plainly():
    result = check(
        employments=[
            job(
                employer=Employment.Employer.SUBSIDIARY, employer_name="Northwind Labs", title="CEO"
            )
        ]
    )
    assert result.detail == (
        "Dana Whitfield is an executive officer (CEO) of the subsidiary Northwind Labs (since "
        "2 March 2025), and so an affiliated person."
    )


def test_10a3b1ii_an_executive_office_with_a_set_end_names_both_days():
    """Still serving on the day evaluated, with the last day already set: the sentence gives the
    whole term, so the reader sees when the affiliation ends."""
    result = check(employments=[job(title="CFO", end_date=AS_OF + datetime.timedelta(days=30))])
    assert not result.met
    assert "(from 2 March 2025 to 15 July 2026), and so an affiliated person." in result.detail


@pytest.mark.parametrize(
    ("percent", "note"),
    [("0", False), ("10.00", False), ("10.01", True), ("12.50", True)],
)
def test_10a3e1_safe_harbour_is_at_most_ten_percent(percent, note):
    result = check(independence=finding(voting_equity_percent=Decimal(percent)))
    assert result.met
    assert ("above the 10% safe harbour" in result.detail) is note
    if note:
        assert result.detail.endswith(
            f"Dana Whitfield holds {Decimal(percent):.2f}% of a class of the company's voting "
            "equity, above the 10% safe harbour, so the board's finding of 1 January 2024 that "
            "Dana Whitfield is not an affiliated person decides."
        )


def test_10a3e1_above_the_safe_harbour_a_finding_of_affiliation_decides_and_is_named():
    result = check(
        independence=finding(voting_equity_percent=Decimal("25"), is_affiliated_person=True)
    )
    assert not result.met
    assert result.detail == (
        "The board found on 1 January 2024 that Dana Whitfield is an affiliated person. Dana "
        "Whitfield holds 25.00% of a class of the company's voting equity, above the 10% safe "
        "harbour, so the board's finding of 1 January 2024 that Dana Whitfield is an affiliated "
        "person decides."
    )


def test_10a3b1_board_findings_of_a_fee_and_of_affiliation_are_both_reasons():
    result = check(independence=finding(no_compensatory_fees=False, is_affiliated_person=True))
    assert result.reasons == (
        "The board found on 1 January 2024 that Dana Whitfield accepts a consulting, advisory "
        "or other compensatory fee from the company.",
        "The board found on 1 January 2024 that Dana Whitfield is an affiliated person.",
    )
    assert result.detail == " ".join(result.reasons)


def test_10a3b1_without_a_board_finding_it_is_not_met():
    result = rule_10a3(DirectorFacts(director=DANA), AS_OF, PROFILE)
    assert not result.met
    assert result.detail == (
        "The board has not determined whether Dana Whitfield accepts compensatory fees or is an "
        "affiliated person of the company."
    )


# One record that does not count never hides a later one that does ----------------------------


def test_10a3b1_a_fee_after_allowed_or_earlier_or_family_pay_still_counts():
    adult_child = FamilyMember(pk=9, director=DANA, name="Sam Whitfield", relationship="child")
    result = check(
        compensation=[
            fee(D(2025, 1, 1), kind=Compensation.Kind.BOARD_FEES),
            fee(D(2023, 12, 31)),  # before service began
            fee(D(2025, 2, 1), family_member=adult_child),  # not an indirect fee
            fee(D(2026, 2, 1), "7.00"),
        ]
    )
    assert not result.met
    assert len(result.reasons) == 1
    assert "$7.00" in result.reasons[0]


def test_10a3b1_a_firm_that_counts_is_found_after_ones_that_do_not():
    spouse = FamilyMember(pk=8, director=DANA, name="Sam Whitfield", relationship="spouse")
    others = [
        BusinessRelationship(pk=20, director=DANA, family_member=spouse, start_date=D(2020, 1, 1)),
        BusinessRelationship(pk=21, director=DANA, start_date=D(2020, 1, 1)),  # no services
        BusinessRelationship(
            pk=22,
            director=DANA,
            start_date=D(2020, 1, 1),
            end_date=D(2025, 1, 1),  # a former role
            provides_professional_services=True,
        ),
    ]
    for other in others:
        other.organisation, other.role = "Other LLP", BusinessRelationship.Role.PARTNER
    paid = firm_paid("40000.00")
    relationships = [*others, *paid["relationships"]]
    payments = {**{other.pk: [] for other in others}, **paid["payments"]}
    result = check(relationships=relationships, payments=payments)
    assert not result.met
    assert len(result.reasons) == 1
    assert result.reasons[0].startswith("Dana Whitfield is a partner of Baxter & Reid LLP")


def test_10a3b1ii_an_executive_office_is_found_after_jobs_that_do_not_count():
    spouse = FamilyMember(pk=8, director=DANA, name="Sam Whitfield", relationship="spouse")
    result = check(
        employments=[
            job(family_member=spouse),
            job(is_executive_officer=False),
            job(D(2025, 6, 1)),
            job(),
        ]
    )
    assert len(result.reasons) == 1
    assert result.reasons[0].endswith(", and so an affiliated person.")
