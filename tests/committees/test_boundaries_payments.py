"""Nasdaq 5605(a)(2)(B) and (D) at the boundaries the mutation run found untested: interim pay on
the first day of the interim service, and an excluded or out-of-window payment listed before the
payments that do count. Plain model instances, no database."""

import datetime
from decimal import Decimal

from committees.compliance.bright_line import bright_line_tests
from committees.compliance.facts import DirectorFacts
from committees.compliance.findings import Finding, Kind, Status
from committees.compliance.payments import compensation_exclusion, largest_twelve_month_total
from committees.models import (
    BusinessRelationship,
    CompanyProfile,
    Compensation,
    Director,
    Employment,
    FamilyMember,
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


# Why a payment is left out of the $120,000, in words ------------------------------------------


EVAN = FamilyMember(pk=2, director=DANA, name="Evan Whitfield", relationship="sibling")


MARCH_2025 = D(2025, 3, 1)


def pay(kind, paid_on=MARCH_2025, family_member=None, amount="130000"):
    return Compensation(
        director=DANA,
        family_member=family_member,
        kind=kind,
        amount=Decimal(amount),
        paid_on=paid_on,
    )


def test_5605a2B_each_exclusion_says_why_in_words():
    """Board fees are left out by their kind; family pay and interim pay by the recorded facts."""
    board = pay(Compensation.Kind.BOARD_FEES)
    assert compensation_exclusion(facts(), board, AS_OF) == "board or committee fees"
    clerk = Employment(
        director=DANA,
        family_member=EVAN,
        start_date=D(2024, 1, 1),
        employer=Employment.Employer.COMPANY,
        title="Clerk",
        is_executive_officer=False,
    )
    family = pay(Compensation.Kind.FAMILY_NON_EXECUTIVE_PAY, family_member=EVAN)
    assert (
        compensation_exclusion(facts(employments=[clerk]), family, AS_OF)
        == "pay to a family member employed below executive level"
    )
    job = interim_job()
    interim = pay(Compensation.Kind.INTERIM_EXECUTIVE, paid_on=D(2025, 3, 1))
    assert (
        compensation_exclusion(facts(employments=[job]), interim, AS_OF)
        == "pay for interim executive service of one year or less that has ended"
    )


def test_5605a2B_a_label_the_facts_do_not_support_is_named_and_counted():
    """Pay labelled as excluded counts when no recorded employment shows the label is true; the
    test says which payment, to whom, and why it counts."""
    family = pay(Compensation.Kind.FAMILY_NON_EXECUTIVE_PAY, family_member=EVAN)
    test = outcome("B", compensation=[family])
    assert not test.passed
    assert (
        "The payment of $130,000.00 to Dana Whitfield's sibling Evan Whitfield on "
        "1 March 2025 is labelled as pay to a family member employed below executive level, but "
        "no recorded employment shows them as such an employee that day, so it counts."
    ) in test.detail
    interim = pay(Compensation.Kind.INTERIM_EXECUTIVE)
    test = outcome("B", compensation=[interim])
    assert (
        "The payment of $130,000.00 to Dana Whitfield on 1 March 2025 is labelled as pay for "
        "interim executive service, but no recorded interim executive service of one year or "
        "less that has ended covers it, so it counts."
    ) in test.detail


def test_5605a2B_of_two_equal_twelve_month_totals_the_earlier_window_is_named():
    first = pay(Compensation.Kind.SALARY, paid_on=D(2024, 1, 10), amount="70000")
    second = pay(Compensation.Kind.SALARY, paid_on=D(2025, 2, 10), amount="70000")
    assert largest_twelve_month_total([first, second]) == (Decimal("70000"), [first])


def test_findings_as_json_name_their_kind():
    finding = Finding(
        key="committees.composition.size",
        kind=Kind.LISTING,
        rule="Nasdaq 5605(c)(2)(A)",
        title="Size",
        status=Status.MET,
        detail="Three members.",
    )
    assert finding.as_json()["kind"] == "listing"


# How test (B) reads (Nasdaq 5605(a)(2)(B)) ------------------------------------------------------

EXCLUDED_WORDS = (
    " (board and committee fees, non-executive family pay and retirement benefits do not count)."
)


def test_5605a2B_names_its_rule_and_title():
    test = outcome("B")
    assert (test.rule, test.title) == (
        "Nasdaq 5605(a)(2)(B)",
        "Compensation over $120,000 in 12 months",
    )


def test_5605a2B_without_any_pay_reads_plainly_with_no_largest_total():
    assert outcome("B").detail == (
        "Neither Dana Whitfield nor a family member accepted more than $120,000.00 in any 12 "
        "consecutive months between 15 June 2023 and 15 June 2026" + EXCLUDED_WORDS
    )


def test_5605a2B_a_payment_that_does_not_count_never_hides_the_next():
    """Pay before the look-back and board fees, listed first, are skipped one by one: the
    consulting fee after them still counts."""
    old = pay(Compensation.Kind.CONSULTING, paid_on=D(2020, 1, 1))
    fees = pay(Compensation.Kind.BOARD_FEES, paid_on=D(2025, 2, 1))
    fee = pay(Compensation.Kind.CONSULTING)
    test = outcome("B", compensation=[old, fees, fee])
    assert not test.passed
    assert test.detail == (
        "Dana Whitfield accepted $130,000.00 from the company within 12 consecutive months (a "
        "payment on 1 March 2025), more than $120,000.00."
    )


def test_5605a2B_each_person_over_the_limit_is_a_clause_of_its_own():
    test = outcome(
        "B",
        compensation=[
            pay(Compensation.Kind.CONSULTING),
            pay(Compensation.Kind.SALARY, family_member=EVAN, amount="125000"),
        ],
    )
    assert test.detail == (
        "Dana Whitfield accepted $130,000.00 from the company within 12 consecutive months (a "
        "payment on 1 March 2025), more than $120,000.00; Dana Whitfield's sibling Evan "
        "Whitfield accepted $125,000.00 from the company within 12 consecutive months (a "
        "payment on 1 March 2025), more than $120,000.00."
    )


def test_5605a2B_under_the_limit_names_the_largest_total_and_whose_it_was():
    test = outcome(
        "B",
        compensation=[
            pay(Compensation.Kind.CONSULTING, amount="40000"),
            pay(Compensation.Kind.SALARY, family_member=EVAN, amount="90000"),
        ],
    )
    assert test.passed
    assert test.detail == (
        "Neither Dana Whitfield nor a family member accepted more than $120,000.00 in any 12 "
        "consecutive months between 15 June 2023 and 15 June 2026; the largest 12-month total "
        "was $90,000.00 (Dana Whitfield's sibling Evan Whitfield)" + EXCLUDED_WORDS
    )


def test_5605a2B_every_unsupported_label_is_told_after_the_finding():
    """Two payments labelled as excluded without the facts to show it: each is named, after the
    finding's own sentence, and both count."""
    family = pay(
        Compensation.Kind.FAMILY_NON_EXECUTIVE_PAY,
        family_member=EVAN,
        amount="60000",
        paid_on=D(2025, 3, 1),
    )
    interim = pay(Compensation.Kind.INTERIM_EXECUTIVE, amount="50000", paid_on=D(2025, 4, 1))
    test = outcome("B", compensation=[family, interim])
    assert test.passed
    assert test.detail == (
        "Neither Dana Whitfield nor a family member accepted more than $120,000.00 in any 12 "
        "consecutive months between 15 June 2023 and 15 June 2026; the largest 12-month total "
        "was $60,000.00 (Dana Whitfield's sibling Evan Whitfield)" + EXCLUDED_WORDS + " The "
        "payment of $60,000.00 to Dana Whitfield's sibling Evan Whitfield on 1 March 2025 is "
        "labelled as pay to a family member employed below executive level, but no recorded "
        "employment shows them as such an employee that day, so it counts. The payment of "
        "$50,000.00 to Dana Whitfield on 1 April 2025 is labelled as pay for interim executive "
        "service, but no recorded interim executive service of one year or less that has ended "
        "covers it, so it counts."
    )


# How test (D) reads (Nasdaq 5605(a)(2)(D)) ------------------------------------------------------


def test_5605a2D_names_its_rule_and_title():
    test = outcome("D")
    assert (test.rule, test.title) == (
        "Nasdaq 5605(a)(2)(D)",
        "Business relationship with payments over the limit",
    )


def test_5605a2D_a_current_role_without_payments_passes_and_reads_plainly():
    rel = relationship()
    test = outcome("D", relationships=[rel])
    assert test.passed
    assert test.detail == (
        "Neither Dana Whitfield nor a family member is now a partner, controlling shareholder or "
        "executive officer of an organisation whose payments with the company exceeded the "
        "greater of $200,000.00 and 5% of the recipient's gross revenues in fiscal years 2023 to "
        "2026."
    )


def test_5605a2D_a_year_under_the_limit_never_hides_a_later_year_over_it():
    """Years are read in order: 2024 under $200,000, then 2025 over it."""
    rel = relationship()
    rel.end_date = D(2026, 12, 31)
    payments = [payment(2024, "150000"), payment(2025, "210000"), payment(2026, "205000")]
    test = outcome("D", relationships=[rel], payments={rel.pk: payments})
    assert not test.passed
    role = (
        "Dana Whitfield is an executive officer of Crane Supply (from 1 January 2020 to "
        "31 December 2026), and the company paid Crane Supply"
    )
    tail = (
        "more than $200,000.00, the greater of $200,000.00 and 5% of Crane Supply's gross "
        "revenues of $1,000,000.00"
    )
    assert test.detail == (
        f"{role} $210,000.00 in fiscal year 2025 (1 January 2025 to 31 December 2025), {tail}; "
        f"{role} $205,000.00 in fiscal year 2026 (1 January 2026 to 31 December 2026), {tail}."
    )
