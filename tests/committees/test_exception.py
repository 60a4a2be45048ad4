"""Nasdaq 5605(c)(2)(B): one non-independent member may serve under the exceptional-circumstances
exception within its limits: one member, two years, not the chair, meets Rule 10A-3, not a current
officer or employee nor a family member of an executive officer, disclosed."""

import datetime

import pytest

from committees.compliance import Status, evaluate_committee
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date
DETERMINED = D(2025, 1, 10)
EXPIRES = D(2027, 1, 10)
AS_OF = D(2026, 6, 15)


@pytest.fixture
def committee(company):
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    f.seat_qualified_member(committee, full_name="Ann Lee", sophisticated=True)
    f.seat_qualified_member(committee, full_name="Ben Cho")
    return committee


def seat_under_exception(committee, name="Dana Whitfield", role="member", **exception):
    """A member the board found not independent on 10 January 2025, kept on the committee under
    an exception approved that day and disclosed on 1 April 2025."""
    director = f.seat_qualified_member(committee, full_name=name, role=role)
    f.IndependenceDeterminationFactory(
        director=director, determined_on=DETERMINED, is_independent=False
    )
    exception.setdefault("disclosed_on", D(2025, 4, 1))
    f.ExceptionDeterminationFactory(
        director=director, committee=committee, determined_on=DETERMINED, **exception
    )
    return director


def findings(committee, as_of=AS_OF):
    report = evaluate_committee(committee, as_of)
    return report, {item.key.rsplit(".", 1)[1]: item for item in report.findings}


def test_5605c2B_exception_within_limits_keeps_committee_compliant(committee):
    dana = seat_under_exception(committee)
    report, items = findings(committee)
    assert items["exception"].status == Status.MET
    assert items["exception"].detail == (
        "Dana Whitfield serves under the exception approved on 10 January 2025 and disclosed on "
        "1 April 2025: the only member under it, not the chair, meets Rule 10A-3(b)(1), is not a "
        "current officer or employee nor a family member of an executive officer, and may serve "
        "under it until 10 January 2027."
    )
    assert items["independence"].status == Status.MET
    assert items["independence"].detail == (
        "Dana Whitfield is not independent: the board so found on 10 January 2025. "
        "Dana Whitfield serves under the exceptional-circumstances "
        "exception the board approved on 10 January 2025 (Nasdaq 5605(c)(2)(B)), within its "
        "limits until 10 January 2027."
    )
    assert report.status == Status.MET
    member = next(ms for ms in report.members if ms.director == dana)
    assert member.under_exception
    assert not member.independence.is_independent


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (EXPIRES - datetime.timedelta(days=1), Status.MET),
        (EXPIRES, Status.MET),
        (EXPIRES + datetime.timedelta(days=1), Status.FAILING),
    ],
)
def test_5605c2B_two_year_limit(committee, as_of, status):
    seat_under_exception(committee)
    _, items = findings(committee, as_of)
    assert items["exception"].status == status
    assert items["independence"].status == status
    if status == Status.FAILING:
        assert (
            "the exception approved on 10 January 2025 allowed at most 2 years, which ended on "
            "10 January 2027" in items["exception"].detail
        )


def test_5605c2B_renewal_does_not_extend_two_years(committee):
    dana = seat_under_exception(committee)
    f.ExceptionDeterminationFactory(
        director=dana,
        committee=committee,
        determined_on=D(2026, 12, 1),
        disclosed_on=D(2026, 12, 1),
    )
    assert findings(committee, EXPIRES + datetime.timedelta(days=1))[1]["exception"].status == (
        Status.FAILING
    )


def test_5605c2B_exception_member_may_not_chair(company):
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    f.seat_qualified_member(committee, full_name="Ann Lee", sophisticated=True)
    f.seat_qualified_member(committee, full_name="Ben Cho")
    seat_under_exception(committee, role="chair")
    _, items = findings(committee)
    assert items["exception"].status == Status.FAILING
    assert "Dana Whitfield chairs the committee, which a member under the exception may not" in (
        items["exception"].detail
    )
    assert items["independence"].status == Status.FAILING
    assert "The exceptional-circumstances exception does not cover this" in (
        items["independence"].detail
    )


def test_5605c2B_only_one_member_under_the_exception(committee):
    seat_under_exception(committee)
    seat_under_exception(committee, name="Evan Frost")
    _, items = findings(committee)
    assert items["exception"].status == Status.FAILING
    assert (
        "2 members (Dana Whitfield and Evan Frost) serve under the exception; at most one may"
        in (items["exception"].detail)
    )
    assert items["independence"].status == Status.FAILING


def test_5605c2B_member_must_meet_rule_10a3(committee):
    dana = seat_under_exception(committee)
    f.CompensationFactory(director=dana, paid_on=D(2026, 2, 1))
    _, items = findings(committee)
    assert items["exception"].status == Status.FAILING
    assert "Dana Whitfield does not meet SEC Rule 10A-3(b)(1)" in items["exception"].detail
    assert items["rule_10a3"].status == Status.FAILING  # the exception never covers 10A-3
    assert items["independence"].status == Status.FAILING


def test_5605c2B_current_employee_may_not_use_it(committee):
    dana = seat_under_exception(committee)
    f.EmploymentFactory(director=dana, start_date=D(2026, 1, 5), title="Strategy Adviser")
    _, items = findings(committee)
    assert items["exception"].status == Status.FAILING
    assert (
        "Dana Whitfield is a current employee (Strategy Adviser) of the company"
        in items["exception"].detail
    )


def test_5605c2B_family_member_of_an_executive_officer_may_not_use_it(committee):
    dana = seat_under_exception(committee)
    sister = f.FamilyMemberFactory(director=dana, name="Eve Whitfield", relationship="sibling")
    f.EmploymentFactory(
        family_member=sister,
        start_date=D(2026, 5, 1),
        title="Chief Marketing Officer",
        is_executive_officer=True,
    )
    _, items = findings(committee)
    assert items["exception"].status == Status.FAILING
    assert (
        "Dana Whitfield's sibling Eve Whitfield is a current executive officer (Chief Marketing "
        "Officer) of the company" in items["exception"].detail
    )
    assert findings(committee, D(2026, 4, 30))[1]["exception"].status == Status.MET


@pytest.mark.parametrize(
    ("disclosed_on", "status"),
    [(None, Status.FAILING), (D(2026, 6, 16), Status.FAILING), (AS_OF, Status.MET)],
)
def test_5605c2B_exception_must_be_disclosed(committee, disclosed_on, status):
    seat_under_exception(committee, disclosed_on=disclosed_on)
    _, items = findings(committee)
    assert items["exception"].status == status
    if status == Status.FAILING:
        assert "the exception for Dana Whitfield has not been disclosed" in (
            items["exception"].detail
        )


def test_5605c2B_revoked_exception_no_longer_covers(committee):
    seat_under_exception(committee, revoked_on=D(2026, 6, 1))
    assert findings(committee, D(2026, 6, 1))[1]["independence"].status == Status.MET
    _, items = findings(committee, D(2026, 6, 2))
    assert items["independence"].status == Status.FAILING
    assert items["exception"].status == Status.MET
    assert items["exception"].detail == (
        "No member serves under the exceptional-circumstances exception."
    )


def test_5605c2B_exception_on_another_committee_does_not_apply(committee, other_committee):
    dana = seat_under_exception(committee)
    dana.exception_determinations.update(committee=other_committee)
    assert findings(committee)[1]["independence"].status == Status.FAILING


def test_5605c2B_independent_member_does_not_rely_on_an_exception(committee):
    director = f.seat_qualified_member(committee, full_name="Gil Moss")
    f.ExceptionDeterminationFactory(director=director, committee=committee, disclosed_on=None)
    _, items = findings(committee)
    assert items["exception"].status == Status.MET
    assert items["exception"].detail == (
        "Gil Moss has an exception approved on 1 January 2024 but is independent, so does not "
        "rely on it."
    )
