"""Nasdaq 5605(c)(2)(A) composition findings, Regulation S-K Item 407(d)(5) disclosure and the
report's shape: keys in contract order, members chair first, bounded queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committees.compliance import (
    CompositionReport,
    Kind,
    Status,
    evaluate_committee,
    evaluate_committees,
    worst_status,
)
from committees.models import Committee
from tests import factories as f

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 6, 15)
AUDIT_KEYS = [
    "committees.composition.size",
    "committees.composition.charter_size",
    "committees.composition.independence",
    "committees.composition.rule_10a3",
    "committees.composition.preparation_bar",
    "committees.composition.literacy",
    "committees.composition.sophistication",
    "committees.composition.financial_expertise",
    "committees.composition.financial_expert_disclosure",
    "committees.composition.exception",
    "committees.composition.exchange_notice",
]


@pytest.fixture
def full_committee(chair, member, audit_committee):
    """Alice Chair (sophisticated), Bob Member and Carla Diaz: all qualified."""
    f.seat_qualified_member(audit_committee, full_name="Carla Diaz")
    return audit_committee


def finding(report: CompositionReport, name: str):
    return report.finding(f"committees.composition.{name}")


def test_5605c2A_compliant_audit_committee_has_every_finding_met(full_committee):
    report = evaluate_committee(full_committee, AS_OF)
    assert [item.key for item in report.findings] == AUDIT_KEYS
    assert {item.status for item in report.findings} == {Status.MET}
    assert report.status == Status.MET
    assert report.charter.label == "Adopted 2020"
    rules = {item.key.rsplit(".", 1)[1]: (item.kind, item.rule) for item in report.findings}
    assert rules == {
        "size": (Kind.LISTING, "Nasdaq 5605(c)(2)(A)"),
        "charter_size": (Kind.CHARTER, "Charter: Membership"),
        "independence": (Kind.LISTING, "Nasdaq 5605(c)(2)(A), 5605(a)(2)"),
        "rule_10a3": (Kind.SEC, "SEC Rule 10A-3(b)(1)"),
        "preparation_bar": (Kind.LISTING, "Nasdaq 5605(c)(2)(A)"),
        "literacy": (Kind.LISTING, "Nasdaq 5605(c)(2)(A)"),
        "sophistication": (Kind.LISTING, "Nasdaq 5605(c)(2)(A)"),
        "financial_expertise": (Kind.CHARTER, "Charter: Membership"),
        "financial_expert_disclosure": (Kind.SEC, "Regulation S-K Item 407(d)(5)"),
        "exception": (Kind.LISTING, "Nasdaq 5605(c)(2)(B)"),
        "exchange_notice": (Kind.LISTING, "Nasdaq 5625"),
    }
    assert finding(report, "size").detail == (
        "On 15 June 2026 the committee has 3 members (Alice Chair, Bob Member and Carla Diaz); "
        "at least 3 are required (Nasdaq 5605(c)(2)(A))."
    )
    assert finding(report, "charter_size").detail == (
        "Its charter (Adopted 2020) asks for at least 3, no more than the 3 of Nasdaq "
        "5605(c)(2)(A): the listing rule decides."
    )
    assert finding(report, "independence").detail == (
        "Alice Chair, Bob Member and Carla Diaz are all independent (Nasdaq 5605(a)(2))."
    )


def test_5605c2A_members_listed_chair_first_then_by_name(audit_committee, company):
    for name in ("Zoe Young", "Adam Baker"):
        f.seat_qualified_member(audit_committee, full_name=name)
    f.seat_qualified_member(audit_committee, full_name="Mia Chen", role="chair")
    f.seat_qualified_member(
        audit_committee, full_name="Gone Early", start=datetime.date(2020, 1, 1)
    ).memberships.update(end_date=datetime.date(2022, 1, 1))
    report = evaluate_committee(audit_committee, AS_OF)
    assert [ms.director.full_name for ms in report.members] == [
        "Mia Chen",
        "Adam Baker",
        "Zoe Young",
    ]
    assert report.members[0].membership.role == "chair"


def test_5605d2A_non_audit_committee_gets_size_and_independence_only(other_member, other_committee):
    """Compensation committee: one member seated, one short of the two of 5605(d)(2)(A)."""
    report = evaluate_committee(other_committee, AS_OF)
    assert [item.key for item in report.findings] == AUDIT_KEYS[:3]
    size = finding(report, "size")
    assert size.rule == "Nasdaq 5605(d)(2)(A)"
    assert size.status == Status.FAILING
    assert "1 fewer than the 2 required (Nasdaq 5605(d)(2)(A))" in size.detail
    assert finding(report, "independence").status == Status.MET


@pytest.mark.parametrize(
    ("seated", "size", "charter_size"),
    [
        (1, Status.FAILING, Status.FAILING),
        (2, Status.MET, Status.FAILING),
        (3, Status.MET, Status.MET),
    ],
)
def test_5605d2A_compensation_committee_floor_is_two_whatever_the_charter_asks(
    company, other_committee, seated, size, charter_size
):
    """Nasdaq 5605(d)(2)(A): the listing rule's floor is 2 members; the charter's 3 is its own
    finding, so 2 members meet Nasdaq and fail only the charter."""
    for index in range(seated):
        f.seat_qualified_member(other_committee, full_name=f"Comp Member {index}")
    report = evaluate_committee(other_committee, AS_OF)
    assert finding(report, "size").status == size
    assert finding(report, "size").kind == Kind.LISTING
    assert finding(report, "charter_size").status == charter_size
    assert finding(report, "charter_size").kind == Kind.CHARTER


def test_5605c2A_charter_cannot_lower_the_listing_minimum(chair, member, audit_committee):
    audit_committee.charter_versions.update(min_members=2)
    report = evaluate_committee(audit_committee, AS_OF)
    size = finding(report, "size")
    assert size.status == Status.FAILING
    assert "1 fewer than the 3 required (Nasdaq 5605(c)(2)(A))" in size.detail
    assert finding(report, "charter_size").status == Status.MET


def test_5605c2A_charter_may_ask_for_more_members(full_committee):
    """A charter asking for 4 from 16 June 2026: 3 members meet Nasdaq 5605(c)(2)(A), so the
    shortfall is the charter's only, with no vacancy cure and no notice to the exchange."""
    f.CharterVersionFactory(
        committee=full_committee,
        label="Amended 2026",
        adopted_on=datetime.date(2026, 3, 1),
        effective_from=datetime.date(2026, 6, 16),
        min_members=4,
    )
    assert finding(evaluate_committee(full_committee, AS_OF), "charter_size").status == Status.MET
    report = evaluate_committee(full_committee, datetime.date(2026, 6, 16))
    assert report.charter.label == "Amended 2026"
    assert finding(report, "size").status == Status.MET
    charter_size = finding(report, "charter_size")
    assert (charter_size.status, charter_size.kind, charter_size.due) == (
        Status.FAILING,
        Kind.CHARTER,
        None,
    )
    assert charter_size.detail == (
        "On 16 June 2026 the committee has 3 members (Alice Chair, Bob Member and Carla Diaz), "
        "1 fewer than the 4 its charter (Amended 2026) asks for. The listing rule's 3 (Nasdaq "
        "5605(c)(2)(A)) are met, so this is a shortfall against the company's own charter only: "
        "no cure period of the exchange applies and the exchange need not be told."
    )
    assert finding(report, "exchange_notice").status == Status.MET


def test_5605c4B_charter_member_leaving_a_committee_of_four_opens_no_vacancy_cure(full_committee):
    """Charter of 4, four members; one leaves: Nasdaq's 3 are still met, so no 5605(c)(4)(B)
    vacancy cure opens (the charter's shortfall has none), and the exchange need not be told."""
    full_committee.charter_versions.update(min_members=4)
    fourth = f.seat_qualified_member(full_committee, full_name="Dan Fourth")
    fourth.memberships.update(end_date=datetime.date(2026, 5, 31))
    report = evaluate_committee(full_committee, datetime.date(2026, 6, 1))
    assert finding(report, "size").status == Status.MET
    assert finding(report, "size").due is None
    assert finding(report, "charter_size").status == Status.FAILING
    assert finding(report, "exchange_notice").status == Status.MET
    assert report.status == Status.FAILING  # the charter's own shortfall still shows


def test_5605c2A_committee_never_at_full_strength_fails_without_cure(
    chair, member, audit_committee
):
    size = finding(evaluate_committee(audit_committee, AS_OF), "size")
    assert size.status == Status.FAILING
    assert size.due is None
    assert size.detail == (
        "On 15 June 2026 the committee has 2 members (Alice Chair and Bob Member), 1 fewer than "
        "the 3 required (Nasdaq 5605(c)(2)(A)); no vacancy cure applies, since the committee was "
        "not at full strength before."
    )


def test_5605c2A_non_independent_member_fails_with_plain_reason(full_committee):
    dana = f.seat_qualified_member(full_committee, full_name="Dana Whitfield")
    evan = f.FamilyMemberFactory(director=dana, name="Evan Whitfield", relationship="sibling")
    f.EmploymentFactory(
        family_member=evan,
        start_date=datetime.date(2026, 3, 2),
        title="Chief Operating Officer",
        is_executive_officer=True,
    )
    report = evaluate_committee(full_committee, AS_OF)
    independence = finding(report, "independence")
    assert independence.status == Status.FAILING
    assert independence.director_ids == (dana.pk,)
    assert independence.detail == (
        "Dana Whitfield is not independent: Dana Whitfield's sibling Evan Whitfield has been an "
        "executive officer (Chief Operating Officer) of the company since 2 March 2026 "
        "(Nasdaq 5605(a)(2)(C))."
    )
    assert report.status == Status.FAILING
    assert finding(report, "rule_10a3").status == Status.MET


def test_10a3b1_member_taking_a_fee_fails_the_10a3_finding(full_committee):
    carla = next(
        ms.director
        for ms in evaluate_committee(full_committee, AS_OF).members
        if ms.director.full_name == "Carla Diaz"
    )
    f.CompensationFactory(director=carla, paid_on=datetime.date(2026, 2, 1))
    report = evaluate_committee(full_committee, AS_OF)
    item = finding(report, "rule_10a3")
    assert item.status == Status.FAILING
    assert item.detail.startswith(
        "Carla Diaz does not meet Rule 10A-3(b)(1): Carla Diaz accepted a payment of $10,000.00"
    )
    assert finding(report, "independence").status == Status.MET


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (datetime.date(2026, 3, 30), Status.FAILING),
        (datetime.date(2026, 3, 31), Status.FAILING),
        (datetime.date(2026, 4, 1), Status.MET),
    ],
)
def test_5605c2A_preparation_bar_lasts_three_years(full_committee, as_of, status):
    carla = f.DirectorFactory(full_name="Paula Grant")
    f.seat_qualified_member(full_committee, director=carla)
    f.FinancialStatementPreparationFactory(
        director=carla,
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2023, 3, 31),
        description="Prepared the quarterly consolidated statements as controller",
    )
    report = evaluate_committee(full_committee, as_of)
    item = finding(report, "preparation_bar")
    assert item.status == status
    member = next(ms for ms in report.members if ms.director == carla)
    assert member.preparation_bar_clear is (status == Status.MET)
    if status == Status.FAILING:
        assert item.detail == (
            "Paula Grant took part in preparing the financial statements of the company "
            "(Prepared the quarterly consolidated statements as controller) from 1 January 2021 "
            f"to 31 March 2023, within the past 3 years (since {as_of.day} March 2023); the bar "
            "lifts on 1 April 2026."
        )


def test_5605c2A_preparation_by_a_family_member_is_not_the_bar(full_committee):
    dana = f.seat_qualified_member(full_committee, full_name="Dana Whitfield")
    spouse = f.FamilyMemberFactory(director=dana)
    f.FinancialStatementPreparationFactory(
        family_member=spouse, start_date=datetime.date(2025, 1, 1)
    )
    assert finding(evaluate_committee(full_committee, AS_OF), "preparation_bar").status == (
        Status.MET
    )


def test_5605c2A_literacy_needs_a_board_finding_for_every_member(chair, member, audit_committee):
    unknown = f.DirectorFactory(full_name="Nora Quinn")
    f.IndependenceDeterminationFactory(director=unknown)
    f.MembershipFactory(director=unknown, committee=audit_committee)
    report = evaluate_committee(audit_committee, AS_OF)
    item = finding(report, "literacy")
    assert item.status == Status.FAILING
    assert item.detail == "The board has not found Nora Quinn financially literate."
    assert item.director_ids == (unknown.pk,)


def test_5605c2A_latest_literacy_finding_decides(full_committee):
    bob = f.DirectorFactory._meta.model.objects.get(full_name="Bob Member")
    f.LiteracyDeterminationFactory(
        director=bob, determined_on=datetime.date(2026, 6, 1), is_financially_literate=False
    )
    item = finding(evaluate_committee(full_committee, AS_OF), "literacy")
    assert item.status == Status.FAILING
    assert (
        item.detail == "The board found on 1 June 2026 that Bob Member is not financially literate."
    )
    assert finding(
        evaluate_committee(full_committee, datetime.date(2026, 5, 31)), "literacy"
    ).status == (Status.MET)


def test_5605c2A_no_sophisticated_member_fails(audit_committee, company):
    for name in ("Ann Lee", "Ben Cho", "Cy Dunn"):
        f.seat_qualified_member(audit_committee, full_name=name)
    report = evaluate_committee(audit_committee, AS_OF)
    for name in ("sophistication", "financial_expertise"):
        item = finding(report, name)
        assert item.status == Status.FAILING
        assert "(members: Ann Lee, Ben Cho and Cy Dunn)" in item.detail
    assert finding(report, "exchange_notice").status == Status.DUE


def test_5605c2A_designated_financial_expert_counts_as_sophisticated(audit_committee, company):
    for name in ("Ann Lee", "Ben Cho"):
        f.seat_qualified_member(audit_committee, full_name=name)
    expert = f.seat_qualified_member(audit_committee, full_name="Cy Dunn")
    f.FinancialExpertDeterminationFactory(director=expert, determined_on=datetime.date(2025, 2, 3))
    report = evaluate_committee(audit_committee, AS_OF)
    item = finding(report, "sophistication")
    assert item.status == Status.MET
    assert item.detail == (
        "Cy Dunn is a designated audit committee financial expert (board determination of "
        "3 February 2025)."
    )
    assert item.director_ids == (expert.pk,)
    member = next(ms for ms in report.members if ms.director == expert)
    assert member.financial_expert and member.sophisticated


def test_5605c2A_later_finding_of_no_sophistication_is_in_force(full_committee):
    alice = f.DirectorFactory._meta.model.objects.get(full_name="Alice Chair")
    f.SophisticationDeterminationFactory(
        director=alice,
        determined_on=datetime.date(2026, 6, 15),
        is_financially_sophisticated=False,
        basis="",
    )
    assert finding(evaluate_committee(full_committee, AS_OF), "sophistication").status == (
        Status.FAILING
    )
    assert (
        finding(
            evaluate_committee(full_committee, datetime.date(2026, 6, 14)), "sophistication"
        ).status
        == Status.MET
    )


def test_charter_membership_expertise_finding_only_when_the_charter_asks(full_committee):
    """Charter: Membership. Another charter may not ask for accounting expertise."""
    full_committee.charter_versions.update(requires_financial_expertise=False)
    keys = [item.key for item in evaluate_committee(full_committee, AS_OF).findings]
    assert "committees.composition.financial_expertise" not in keys
    assert len(keys) == 10


def test_sk407d5_disclosure_names_the_expert_and_independence(full_committee):
    alice = f.DirectorFactory._meta.model.objects.get(full_name="Alice Chair")
    f.FinancialExpertDeterminationFactory(director=alice, determined_on=datetime.date(2025, 2, 3))
    item = finding(evaluate_committee(full_committee, AS_OF), "financial_expert_disclosure")
    assert item.status == Status.MET
    assert item.detail == (
        "The proxy statement names the audit committee financial expert: Alice Chair (designated "
        "on 3 February 2025, independent), and says whether each is independent."
    )


def test_sk407d5_no_expert_is_a_disclosure_never_a_failure(full_committee):
    item = finding(evaluate_committee(full_committee, AS_OF), "financial_expert_disclosure")
    assert item.status == Status.MET
    assert "must say so and explain why" in item.detail


def test_sk407d5_undesignated_expert_finding_is_not_an_expert(full_committee):
    alice = f.DirectorFactory._meta.model.objects.get(full_name="Alice Chair")
    f.FinancialExpertDeterminationFactory(director=alice, is_designated=False)
    report = evaluate_committee(full_committee, AS_OF)
    assert not any(ms.financial_expert for ms in report.members)


def test_5625_failing_committee_must_notify_the_exchange(chair, member, audit_committee):
    """Nasdaq 5625: a listing failure (the size) with no episode and notice recorded is due."""
    item = finding(evaluate_committee(audit_committee, AS_OF), "exchange_notice")
    assert item.status == Status.DUE
    assert (item.kind, item.rule) == (Kind.LISTING, "Nasdaq 5625")
    assert item.detail == (
        "On 15 June 2026 the committee does not comply: Minimum number of members (Nasdaq "
        "5605(c)(2)(A)). No noncompliance episode covering this day is recorded: notify the "
        "exchange (Nasdaq 5625), then record when the noncompliance began and the notice."
    )


def test_worst_status_orders_severity():
    """Nasdaq 5605(c) report status: the worst finding decides, failing first."""
    assert worst_status([]) == Status.MET
    assert worst_status([Status.MET, Status.WAIVED]) == Status.WAIVED
    assert worst_status([Status.DUE_SOON, Status.DUE]) == Status.DUE
    assert worst_status([Status.DUE, Status.CURE_PERIOD]) == Status.CURE_PERIOD
    assert worst_status([Status.CURE_PERIOD, Status.OVERDUE]) == Status.OVERDUE
    assert worst_status([Status.OVERDUE, Status.FAILING, Status.MET]) == Status.FAILING


def _committee_with_members(slug: str, count: int) -> Committee:
    committee = f.CommitteeFactory(name=f"Committee {slug}", slug=slug)
    f.CharterVersionFactory(committee=committee)
    for index in range(count):
        director = f.seat_qualified_member(
            committee, full_name=f"{slug} member {index}", sophisticated=index == 0
        )
        relative = f.FamilyMemberFactory(director=director)
        f.EmploymentFactory(family_member=relative, start_date=datetime.date(2025, 1, 1))
        f.CompensationFactory(director=director, kind="board_fees")
        f.CompensationFactory(family_member=relative, kind="family_non_exec")
        relationship = f.BusinessRelationshipFactory(director=director)
        f.OrganisationPaymentFactory(relationship=relationship)
        f.CompensationInterlockFactory(
            director=director,
            start_date=datetime.date(2015, 1, 1),
            end_date=datetime.date(2016, 1, 1),
        )
        f.AuditorRelationshipFactory(director=director, worked_on_company_audit=False)
        f.FinancialExpertDeterminationFactory(director=director, is_designated=False)
    return committee


def _queries(committees) -> int:
    with CaptureQueriesContext(connection) as captured:
        reports = evaluate_committees(committees, AS_OF)
        assert [report.committee for report in reports] == list(committees)
        for report in reports:  # reading every field must not query either
            for item in report.findings:
                assert item.detail
            for ms in report.members:
                assert ms.independence.tests
    return len(captured)


def test_evaluate_committees_runs_a_fixed_number_of_queries(company, django_assert_max_num_queries):
    """Nasdaq 5605(c) evaluation is per page: queries do not grow with members or facts."""
    small = [_committee_with_members("small", 3)]
    large = [_committee_with_members(f"large{n}", 8) for n in range(3)]
    f.CurePeriodFactory(committee=large[0], director=large[0].memberships.first().director)
    f.ExceptionDeterminationFactory(
        committee=large[1], director=large[1].memberships.first().director
    )
    small_count = _queries(small)
    large_count = _queries(large)
    assert large_count <= small_count
    with django_assert_max_num_queries(20):
        evaluate_committees(small, AS_OF)
    with django_assert_max_num_queries(20):
        evaluate_committees(large, AS_OF)
