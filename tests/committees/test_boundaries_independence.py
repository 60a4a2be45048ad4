"""Boundaries of Nasdaq 5605(a)(2) (docs/rules.md): the 3-year look-back (a fact counts
through the third anniversary of its end, 29 February included), the interim executive exception
of (A), family executive officers (C), interlocks (E) and the outside auditor (F), and how the
board's determination and the tests combine. In-memory facts: no database needed."""

import datetime

import pytest

from committees.compliance.bright_line import bright_line_tests
from committees.compliance.facts import DirectorFacts
from committees.compliance.independence import evaluate_independence
from committees.compliance.look_back import (
    BrightLineTest,
    clears_on,
    employer_words,
    is_interim_exception,
    look_back_start,
)
from committees.models import (
    AuditorRelationship,
    CompanyProfile,
    Compensation,
    CompensationInterlock,
    Director,
    Employment,
    FamilyMember,
    IndependenceDetermination,
)

D = datetime.date
DAY = datetime.timedelta(days=1)
AS_OF = D(2026, 6, 15)
PROFILE = CompanyProfile(fiscal_year_end_month=12, fiscal_year_end_day=31)
DANA = Director(pk=1, full_name="Dana Whitfield")
EVAN = FamilyMember(pk=2, director=DANA, name="Evan Whitfield", relationship="sibling")


def found_independent(is_independent=True):
    return IndependenceDetermination(
        director=DANA, determined_on=D(2024, 1, 1), is_independent=is_independent
    )


def facts(**lists):
    lists.setdefault("independence", found_independent())
    return DirectorFacts(director=DANA, **lists)


def outcome(code, as_of=AS_OF, **lists):
    tests = bright_line_tests(facts(**lists), as_of, PROFILE)
    return next(test for test in tests if test.code == code)


# The 3-year look-back --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "clears"),
    [
        (D(2023, 3, 31), D(2026, 4, 1)),
        (D(2024, 2, 29), D(2027, 3, 1)),
        (D(2025, 2, 28), D(2028, 3, 1)),  # 29 February 2028 still looks back to 28 February 2025
        (D(2025, 3, 1), D(2028, 3, 2)),
    ],
)
def test_5605a2_a_fact_leaves_the_look_back_the_day_after_its_third_anniversary(end, clears):
    assert clears_on(end) == clears
    assert look_back_start(clears) > end
    assert look_back_start(clears - DAY) <= end


def test_5605a2_the_look_back_begins_three_years_before_the_day():
    assert look_back_start(AS_OF) == D(2023, 6, 15)
    assert look_back_start(D(2028, 2, 29)) == D(2025, 2, 28)


@pytest.mark.parametrize(
    ("employer", "name", "words"),
    [
        (Employment.Employer.COMPANY, "", "the company"),
        (Employment.Employer.COMPANY, "Northwind", "the company"),
        (Employment.Employer.PARENT, "", "the company's parent company"),
        (Employment.Employer.PARENT, "Northwind Holdings", "the parent company Northwind Holdings"),
        (Employment.Employer.SUBSIDIARY, "", "the company's subsidiary"),
        (Employment.Employer.SUBSIDIARY, "Northwind Labs", "the subsidiary Northwind Labs"),
    ],
)
def test_5605a2A_employer_is_the_company_a_parent_or_a_subsidiary(employer, name, words):
    assert employer_words(Employment(employer=employer, employer_name=name)) == words


# (A) The interim executive exception -----------------------------------------------------------


def interim(start, end, **values):
    return Employment(
        director=DANA,
        start_date=start,
        end_date=end,
        employer=Employment.Employer.COMPANY,
        title=values.pop("title", "Interim Chief Executive Officer"),
        is_executive_officer=True,
        interim_executive=values.pop("interim_executive", True),
        **values,
    )


@pytest.mark.parametrize(
    ("end", "as_of", "excepted"),
    [
        (D(2026, 1, 1), D(2026, 1, 2), True),  # exactly one year, ended the day before
        (D(2026, 1, 1), D(2026, 1, 1), False),  # its last day: not yet ended
        (D(2026, 1, 2), D(2026, 6, 15), False),  # one year and a day
        (D(2025, 12, 31), D(2026, 6, 15), True),
        (None, D(2026, 6, 15), False),
    ],
)
def test_5605a2A_interim_service_of_one_year_or_less_that_has_ended_is_excepted(
    end, as_of, excepted
):
    job = interim(D(2025, 1, 1), end)
    assert is_interim_exception(job, as_of) is excepted
    assert outcome("A", as_of, employments=[job]).passed is excepted


def test_5605a2A_the_exception_needs_interim_service():
    job = interim(D(2025, 1, 1), D(2025, 6, 30), interim_executive=False)
    assert not is_interim_exception(job, AS_OF)
    assert not outcome("A", employments=[job]).passed


def test_5605a2A_excepted_interim_service_reads_plainly():
    test = outcome("A", employments=[interim(D(2025, 1, 1), D(2025, 6, 30))])
    assert test.detail == (
        "Dana Whitfield's interim executive service as Interim Chief Executive Officer from "
        "1 January 2025 to 30 June 2025 lasted one year or less and has ended, so it does not "
        "count."
    )


def test_5605a2A_every_past_job_is_named():
    jobs = [
        Employment(
            director=DANA,
            start_date=D(2020, 1, 1),
            end_date=D(2023, 6, 15),
            employer=Employment.Employer.COMPANY,
            title="Controller",
        ),
        Employment(
            director=DANA,
            start_date=D(2024, 1, 1),
            employer=Employment.Employer.SUBSIDIARY,
            title="Analyst",
        ),
    ]
    test = outcome("A", employments=jobs)
    assert test.detail == (
        "Dana Whitfield was employed by the company as Controller from 1 January 2020 to "
        "15 June 2023, within the 3-year look-back that began on 15 June 2023; this stops "
        "counting on 16 June 2026; Dana Whitfield is currently employed by the company's "
        "subsidiary as Analyst (since 1 January 2024)."
    )
    assert outcome("A", as_of=D(2026, 6, 16), employments=jobs[:1]).passed  # cleared


def test_5605a2A_a_job_that_does_not_count_never_hides_the_next_one():
    """Jobs are read one by one: a family member's job, or one that left the look-back, listed
    first, does not stop the director's own current job from counting."""
    old = Employment(
        director=DANA,
        start_date=D(2010, 1, 1),
        end_date=D(2020, 1, 1),
        employer=Employment.Employer.COMPANY,
        title="Clerk",
    )
    relative = family_job(D(2025, 1, 1))
    current = Employment(
        director=DANA,
        start_date=D(2024, 1, 1),
        end_date=D(2026, 12, 31),
        employer=Employment.Employer.COMPANY,
        title="Treasurer",
    )
    test = outcome("A", employments=[old, relative, current])
    assert not test.passed
    assert test.detail == (
        "Dana Whitfield is currently employed by the company as Treasurer (from 1 January 2024 "
        "to 31 December 2026)."
    )


def test_5605a2A_two_excepted_interim_services_are_each_named():
    test = outcome(
        "A",
        employments=[
            interim(D(2024, 1, 1), D(2024, 3, 31)),
            interim(D(2025, 1, 1), D(2025, 6, 30), title="Interim Chief Financial Officer"),
        ],
    )
    assert test.passed
    assert test.detail == (
        "Dana Whitfield's interim executive service as Interim Chief Executive Officer from "
        "1 January 2024 to 31 March 2024 lasted one year or less and has ended, so it does not "
        "count; Dana Whitfield's interim executive service as Interim Chief Financial Officer "
        "from 1 January 2025 to 30 June 2025 lasted one year or less and has ended, so it does "
        "not count."
    )


def test_5605a2A_a_job_beginning_after_the_day_does_not_count():
    job = Employment(
        director=DANA,
        start_date=AS_OF + DAY,
        employer=Employment.Employer.COMPANY,
        title="Controller",
    )
    test = outcome("A", employments=[job])
    assert test.passed
    assert test.detail == (
        "Dana Whitfield was not employed by the company, a parent or a subsidiary between "
        "15 June 2023 and 15 June 2026."
    )


# (C) A family member who is or was an executive officer ---------------------------------------


def family_job(start, end=None, executive=True):
    return Employment(
        director=DANA,
        family_member=EVAN,
        start_date=start,
        end_date=end,
        employer=Employment.Employer.PARENT,
        employer_name="Northwind Holdings",
        title="Chief Operating Officer",
        is_executive_officer=executive,
    )


@pytest.mark.parametrize(
    ("end", "passed"),
    [(D(2023, 6, 14), True), (D(2023, 6, 15), False), (None, False)],
)
def test_5605a2C_family_executive_counts_through_the_look_back(end, passed):
    assert outcome("C", employments=[family_job(D(2020, 1, 1), end)]).passed is passed


def test_5605a2C_family_executive_office_beginning_after_the_day_does_not_count():
    assert outcome("C", employments=[family_job(AS_OF + DAY)]).passed


def test_5605a2C_reads_plainly_for_current_and_past_office():
    test = outcome(
        "C", employments=[family_job(D(2020, 1, 1), D(2024, 3, 1)), family_job(D(2025, 1, 1))]
    )
    assert test.detail == (
        "Dana Whitfield's sibling Evan Whitfield was an executive officer (Chief Operating "
        "Officer) of the parent company Northwind Holdings from 1 January 2020 to 1 March 2024, "
        "within the 3-year look-back that began on 15 June 2023; this stops counting on "
        "2 March 2027; Dana Whitfield's sibling Evan Whitfield has been an executive officer "
        "(Chief Operating Officer) of the parent company Northwind Holdings since 1 January 2025."
    )


def test_5605a2C_a_job_that_does_not_count_never_hides_the_next_one():
    """The director's own job, a family member's non-executive job and an office that left the
    look-back, listed first, do not stop a current family executive office from counting."""
    own = Employment(
        director=DANA,
        start_date=D(2024, 1, 1),
        employer=Employment.Employer.COMPANY,
        title="Analyst",
        is_executive_officer=True,
    )
    jobs = [
        own,
        family_job(D(2025, 1, 1), executive=False),
        family_job(D(2010, 1, 1), D(2020, 1, 1)),
        family_job(D(2025, 1, 1), D(2026, 12, 31)),
    ]
    test = outcome("C", employments=jobs)
    assert not test.passed
    assert test.detail == (
        "Dana Whitfield's sibling Evan Whitfield has been an executive officer (Chief Operating "
        "Officer) of the parent company Northwind Holdings from 1 January 2025 to "
        "31 December 2026."
    )


def test_5605a2C_a_family_member_below_executive_level_passes_and_reads_plainly():
    test = outcome("C", employments=[family_job(D(2025, 1, 1), executive=False)])
    assert test.passed
    assert test.detail == (
        "No family member of Dana Whitfield was an executive officer of the company, a parent "
        "or a subsidiary between 15 June 2023 and 15 June 2026."
    )


# (E) Compensation committee interlocks --------------------------------------------------------


def interlock(start, end=None, family_member=None):
    return CompensationInterlock(
        director=DANA,
        family_member=family_member,
        start_date=start,
        end_date=end,
        entity="Bellweather Corp.",
        company_executive="Chief Executive Officer",
    )


@pytest.mark.parametrize(
    ("start", "end", "passed"),
    [
        (D(2020, 1, 1), D(2023, 6, 14), True),
        (D(2020, 1, 1), D(2023, 6, 15), False),
        (AS_OF, None, False),
        (AS_OF + DAY, None, True),
    ],
)
def test_5605a2E_interlock_counts_within_the_look_back(start, end, passed):
    assert outcome("E", interlocks=[interlock(start, end)]).passed is passed


def test_5605a2E_reads_plainly_for_current_and_past_interlocks():
    test = outcome(
        "E",
        interlocks=[
            interlock(D(2020, 1, 1), D(2024, 3, 1), family_member=EVAN),
            interlock(D(2025, 1, 1)),
        ],
    )
    assert test.detail == (
        "Dana Whitfield's sibling Evan Whitfield was an executive officer of Bellweather Corp. "
        "from 1 January 2020 to 1 March 2024 while the company's executive officer Chief "
        "Executive Officer sat on its compensation committee, within the 3-year look-back that "
        "began on 15 June 2023; this stops counting on 2 March 2027; Dana Whitfield has been an "
        "executive officer of Bellweather Corp. since 1 January 2025, whose compensation "
        "committee includes the company's executive officer Chief Executive Officer."
    )
    assert outcome("E").detail == (
        "No compensation committee interlock of Dana Whitfield or a family member between "
        "15 June 2023 and 15 June 2026."
    )


def test_5605a2E_an_interlock_out_of_the_look_back_never_hides_a_current_one():
    test = outcome(
        "E",
        interlocks=[interlock(D(2010, 1, 1), D(2020, 1, 1)), interlock(D(2025, 1, 1), AS_OF)],
    )
    assert not test.passed
    assert test.detail == (
        "Dana Whitfield has been an executive officer of Bellweather Corp. from 1 January 2025 "
        "to 15 June 2026, whose compensation committee includes the company's executive officer "
        "Chief Executive Officer."
    )


# (F) The outside auditor -----------------------------------------------------------------------


def at_auditor(role, start, end=None, on_audit=True, family_member=None):
    return AuditorRelationship(
        director=DANA,
        family_member=family_member,
        start_date=start,
        end_date=end,
        firm="Crane & Holt LLP",
        role=role,
        worked_on_company_audit=on_audit,
    )


PARTNER = AuditorRelationship.Role.PARTNER
EMPLOYEE = AuditorRelationship.Role.EMPLOYEE


@pytest.mark.parametrize(
    ("role", "start", "end", "on_audit", "passed"),
    [
        (PARTNER, D(2020, 1, 1), AS_OF, False, False),  # a current partner, off the audit
        (PARTNER, D(2020, 1, 1), AS_OF - DAY, False, True),  # a former partner, off the audit
        (PARTNER, AS_OF + DAY, None, False, True),  # not yet a partner
        (PARTNER, D(2020, 1, 1), D(2023, 6, 15), True, False),  # on the audit, in the look-back
        (PARTNER, D(2020, 1, 1), D(2023, 6, 14), True, True),
        (EMPLOYEE, D(2020, 1, 1), D(2023, 6, 15), True, False),
        (EMPLOYEE, D(2020, 1, 1), D(2023, 6, 14), True, True),
        (EMPLOYEE, D(2020, 1, 1), None, False, True),  # a current employee, off the audit
        (EMPLOYEE, AS_OF, None, True, False),
        (EMPLOYEE, AS_OF + DAY, None, True, True),
    ],
)
def test_5605a2F_current_partner_or_audit_work_in_the_look_back(role, start, end, on_audit, passed):
    test = outcome("F", auditor_relationships=[at_auditor(role, start, end, on_audit)])
    assert test.passed is passed


def test_5605a2F_reads_plainly_for_each_kind_of_tie():
    test = outcome(
        "F",
        auditor_relationships=[
            at_auditor(PARTNER, D(2020, 1, 1), on_audit=True),
            at_auditor(PARTNER, D(2020, 1, 1), on_audit=False, family_member=EVAN),
            at_auditor(EMPLOYEE, D(2025, 1, 1)),
            at_auditor(PARTNER, D(2019, 1, 1), D(2024, 1, 31)),
            at_auditor(EMPLOYEE, D(2019, 1, 1), D(2024, 1, 31), family_member=EVAN),
        ],
    )
    assert test.detail == (
        "Dana Whitfield is a current partner of the company's outside auditor Crane & Holt LLP "
        "(since 1 January 2020) and works on the company's audit; "
        "Dana Whitfield's sibling Evan Whitfield is a current partner of the company's outside "
        "auditor Crane & Holt LLP (since 1 January 2020); "
        "Dana Whitfield is an employee of Crane & Holt LLP working on the company's audit "
        "(since 1 January 2025); "
        "Dana Whitfield was a partner of Crane & Holt LLP who worked on the company's audit from "
        "1 January 2019 to 31 January 2024, within the 3-year look-back that began on 15 June "
        "2023; this stops counting on 1 February 2027; "
        "Dana Whitfield's sibling Evan Whitfield was an employee of Crane & Holt LLP who worked "
        "on the company's audit from 1 January 2019 to 31 January 2024, within the 3-year "
        "look-back that began on 15 June 2023; this stops counting on 1 February 2027."
    )
    assert outcome("F").detail == (
        "Neither Dana Whitfield nor a family member is a partner of the outside auditor, or "
        "worked on the company's audit as its partner or employee, between 15 June 2023 and "
        "15 June 2026."
    )


def test_5605a2F_a_current_tie_with_its_end_set_names_the_whole_term():
    end = D(2026, 9, 30)
    test = outcome(
        "F",
        auditor_relationships=[
            at_auditor(PARTNER, D(2020, 1, 1), end, on_audit=False),
            at_auditor(EMPLOYEE, D(2024, 1, 1), end, family_member=EVAN),
        ],
    )
    assert not test.passed
    assert test.detail == (
        "Dana Whitfield is a current partner of the company's outside auditor Crane & Holt LLP "
        "(from 1 January 2020 to 30 September 2026); Dana Whitfield's sibling Evan Whitfield is "
        "an employee of Crane & Holt LLP working on the company's audit (from 1 January 2024 to "
        "30 September 2026)."
    )


# The board's determination and the tests together (5605(a)(2)) --------------------------------


def test_5605a2_independent_needs_the_board_finding_and_every_test():
    assert evaluate_independence(facts(), AS_OF, PROFILE).is_independent
    board_no = evaluate_independence(facts(independence=found_independent(False)), AS_OF, PROFILE)
    assert not board_no.is_independent
    assert board_no.reasons[0] == (
        "The board found on 1 January 2024 that Dana Whitfield is not independent."
    )
    one_test = evaluate_independence(facts(interlocks=[interlock(AS_OF)]), AS_OF, PROFILE)
    assert not one_test.is_independent
    assert [test.code for test in one_test.failed_tests] == ["E"]
    no_finding = evaluate_independence(DirectorFacts(director=DANA), AS_OF, PROFILE)
    assert not no_finding.is_independent
    assert no_finding.independence_reasons == (
        "The board has not determined that Dana Whitfield is independent.",
    )


def test_5605a2_reasons_after_the_name_say_not_independent_once():
    """Worded to follow "Dana Whitfield is not independent:" on the roster and dashboard."""
    no_finding = evaluate_independence(DirectorFacts(director=DANA), AS_OF, PROFILE)
    assert no_finding.independence_reasons_after_name == (
        "The board has made no finding of independence.",
    )
    board_no = evaluate_independence(facts(independence=found_independent(False)), AS_OF, PROFILE)
    assert board_no.independence_reasons_after_name == ("The board so found on 1 January 2024.",)


def test_5605a2_and_10a3_reasons_each_cite_their_rule():
    fee = Compensation(
        director=DANA, paid_on=D(2026, 2, 1), amount=5, kind=Compensation.Kind.CONSULTING
    )
    result = evaluate_independence(
        facts(interlocks=[interlock(D(2025, 1, 1))], compensation=[fee]), AS_OF, PROFILE
    )
    assert result.is_independent is False
    assert result.rule_10a3_met is False
    assert result.reasons == (
        "Dana Whitfield has been an executive officer of Bellweather Corp. since 1 January 2025, "
        "whose compensation committee includes the company's executive officer Chief Executive "
        "Officer (Nasdaq 5605(a)(2)(E)).",
        "Dana Whitfield accepted a payment of $5.00 (consulting or advisory fee) from the "
        "company on 1 February 2026, within the 12 months before 15 June 2026 "
        "(SEC Rule 10A-3(b)(1)).",
    )
    assert result.independence_reasons == result.reasons[:1]


def test_5605a2_the_tests_are_kept_as_a_dated_snapshot():
    result = evaluate_independence(facts(), AS_OF, PROFILE)
    snapshot = result.snapshot()
    assert snapshot["as_of"] == "2026-06-15"
    assert snapshot["rule_10a3_met"] is True
    assert snapshot["rule_10a3_detail"] == result.rule_10a3_detail
    assert [test["code"] for test in snapshot["tests"]] == ["A", "B", "C", "D", "E", "F"]
    assert snapshot["tests"][0] == {
        "code": "A",
        "rule": "Nasdaq 5605(a)(2)(A)",
        "title": "Employment by the company, a parent or a subsidiary",
        "passed": True,
        "detail": "Dana Whitfield was not employed by the company, a parent or a subsidiary "
        "between 15 June 2023 and 15 June 2026.",
    }
    assert [(test["rule"], test["title"]) for test in snapshot["tests"][2:3]] == [
        ("Nasdaq 5605(a)(2)(C)", "Family member who is or was an executive officer")
    ]
    assert [(test["rule"], test["title"]) for test in snapshot["tests"][4:]] == [
        ("Nasdaq 5605(a)(2)(E)", "Compensation committee interlock"),
        ("Nasdaq 5605(a)(2)(F)", "Outside auditor"),
    ]
    assert BrightLineTest("A", "r", "t", False, "d").as_json()["passed"] is False
