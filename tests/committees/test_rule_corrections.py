"""Rule corrections of issue 6, each at its boundary (one day or one cent either side):

- Nasdaq 5605(a)(2)(B): pay to a family member is excluded only when the recorded employment
  shows a non-executive employee on the day of payment; non-discretionary pay and pay for former
  interim executive service of one year or less that has ended are excluded too.
- Nasdaq 5605(a)(2)(D): payments summed per organisation and fiscal year, whatever rows record
  them; rows disagreeing on the recipient's revenue use the smaller (stricter) figure.
- Nasdaq 5605(c)(2)(B): the two years count all service under the exception.
- Nasdaq 5605(a)(2) family members: step-relations, and household members only when sharing the
  home.
- Regulation S-K Item 407(d)(5): the explanation when there is no financial expert.
- Nasdaq 5605(c)(2)(A) and 5605(c)(4): the roster's cure periods in succession and a second
  vacancy after the first was filled.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from committees.compliance import Status, director_independence, evaluate_committee
from committees.models import Compensation, FamilyMember
from committees.models.directors import organisation_key
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date
AS_OF = D(2026, 6, 15)
PAID = D(2025, 9, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def dana(company):
    director = f.DirectorFactory(full_name="Dana Whitfield")
    f.IndependenceDeterminationFactory(director=director)
    return director


@pytest.fixture
def evan(dana):
    return f.FamilyMemberFactory(director=dana, name="Evan Whitfield", relationship="sibling")


def b_test(director, as_of=AS_OF):
    return next(t for t in director_independence(director, as_of).tests if t.code == "B")


def d_test(director, as_of=AS_OF):
    return next(t for t in director_independence(director, as_of).tests if t.code == "D")


# 5605(a)(2)(B): a fact, not a label -------------------------------------------------------------


def test_5605a2B_family_pay_label_without_employment_counts(dana, evan):
    f.CompensationFactory(family_member=evan, paid_on=PAID, amount=130000, kind="family_non_exec")
    result = b_test(dana)
    assert not result.passed
    assert (
        "is labelled as pay to a family member employed below executive level, but no recorded "
        "employment shows them as such an employee that day, so it counts." in result.detail
    )


@pytest.mark.parametrize(
    ("start", "end", "passed"),
    [
        (PAID, None, True),  # employed from the day of payment
        (PAID + datetime.timedelta(days=1), None, False),  # hired the day after
        (D(2024, 1, 1), PAID, True),  # last day of employment
        (D(2024, 1, 1), PAID - datetime.timedelta(days=1), False),  # left the day before
    ],
)
def test_5605a2B_family_employee_exclusion_needs_employment_on_the_pay_day(
    dana, evan, start, end, passed
):
    f.EmploymentFactory(family_member=evan, start_date=start, end_date=end, title="Analyst")
    f.CompensationFactory(family_member=evan, paid_on=PAID, amount=130000, kind="family_non_exec")
    assert b_test(dana).passed is passed


def test_5605a2B_family_executive_officer_pay_counts_whatever_its_label(dana, evan):
    f.EmploymentFactory(
        family_member=evan, start_date=D(2024, 1, 1), title="Chief Operating Officer",
        is_executive_officer=True,
    )  # fmt: skip
    f.CompensationFactory(family_member=evan, paid_on=PAID, amount=130000, kind="family_non_exec")
    assert not b_test(dana).passed


def test_5605a2B_salary_to_a_non_executive_family_employee_is_excluded_by_the_facts(dana, evan):
    f.EmploymentFactory(family_member=evan, start_date=D(2024, 1, 1), title="Analyst")
    f.CompensationFactory(family_member=evan, paid_on=PAID, amount=130000, kind="salary")
    assert b_test(dana).passed


def test_5605a2B_family_pay_label_without_a_family_member_is_refused(dana):
    payment = Compensation(director=dana, paid_on=PAID, amount=1000, kind="family_non_exec")
    with pytest.raises(ValidationError) as caught:
        payment.full_clean()
    assert "needs the family member it was paid to" in str(caught.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Compensation.objects.create(
            director=dana, paid_on=PAID, amount=1000, kind="family_non_exec"
        )
    assert not Compensation.objects.exists()


def test_5605a2B_family_pay_label_without_a_family_member_is_refused_in_the_admin(
    dana, secretary, client_for
):
    response = client_for(secretary).post(
        reverse("admin:committees_compensation_add"),
        {
            "director": dana.pk,
            "paid_on": "2025-09-01",
            "amount": "1000.00",
            "kind": "family_non_exec",
            "description": "",
        },
    )
    assert response.status_code == 200
    assert "needs the family member it was paid to" in response.content.decode()
    assert not Compensation.objects.exists()


@pytest.mark.parametrize(("kind", "passed"), [("non_discretionary", True), ("other", False)])
def test_5605a2B_non_discretionary_compensation_is_excluded(dana, kind, passed):
    f.CompensationFactory(director=dana, paid_on=PAID, amount=130000, kind=kind)
    assert b_test(dana).passed is passed


def _interim(dana, end):
    f.EmploymentFactory(
        director=dana, start_date=D(2025, 1, 1), end_date=end, title="Interim CEO",
        is_executive_officer=True, interim_executive=True,
    )  # fmt: skip
    f.CompensationFactory(
        director=dana, paid_on=D(2025, 6, 1), amount=130000, kind="interim_executive"
    )


@pytest.mark.parametrize(
    ("as_of", "passed"),
    [(D(2026, 1, 1), False), (D(2026, 1, 2), True)],  # the service's last day, the day after
)
def test_5605a2B_pay_for_interim_service_is_excluded_once_it_has_ended(dana, as_of, passed):
    _interim(dana, end=D(2026, 1, 1))  # exactly one year, inclusive
    assert b_test(dana, as_of).passed is passed


def test_5605a2B_pay_for_interim_service_longer_than_a_year_counts(dana):
    _interim(dana, end=D(2026, 1, 2))
    result = b_test(dana)
    assert not result.passed
    assert "is labelled as pay for interim executive service" in result.detail


def test_5605a2B_interim_pay_cannot_name_a_family_member(dana, evan):
    payment = Compensation(
        director=dana, family_member=evan, paid_on=PAID, amount=1, kind="interim_executive"
    )
    with pytest.raises(ValidationError, match="covers the director's own service only"):
        payment.full_clean()


@pytest.mark.parametrize(
    ("as_of", "passed"), [(AS_OF, False), (AS_OF - datetime.timedelta(1), True)]
)
def test_5605a2B_a_payment_on_the_evaluation_day_counts(dana, as_of, passed):
    f.CompensationFactory(director=dana, paid_on=AS_OF, amount=Decimal("120000.01"))
    assert b_test(dana, as_of).passed is passed


# 5605(a)(2)(D): per organisation ----------------------------------------------------------------


def test_5605a2D_organisation_identity_is_the_normalised_name():
    assert organisation_key("Harbor Logistics, LLC") == organisation_key(" harbor  logistics LLC")
    assert organisation_key("Harbor Inc.") != organisation_key("Harbor LLC")


@pytest.mark.parametrize(("second", "passed"), [("50000.00", True), ("50000.01", False)])
def test_5605a2D_payments_recorded_under_two_rows_of_one_organisation_are_summed(
    dana, evan, second, passed
):
    mine = f.BusinessRelationshipFactory(
        director=dana, organisation="Harbor Logistics LLC", start_date=D(2020, 1, 1)
    )
    his = f.BusinessRelationshipFactory(
        family_member=evan, organisation="Harbor Logistics, LLC", role="executive_officer",
        start_date=D(2020, 1, 1),
    )  # fmt: skip
    f.OrganisationPaymentFactory(relationship=mine, fiscal_year=2025, amount=150000)
    f.OrganisationPaymentFactory(relationship=his, fiscal_year=2025, amount=Decimal(second))
    result = d_test(dana)
    assert result.passed is passed
    if not passed:
        assert result.detail.startswith(
            "Dana Whitfield is a partner of Harbor Logistics LLC (since 1 January 2020) and Dana "
            "Whitfield's sibling Evan Whitfield is an executive officer of Harbor Logistics, LLC "
            "(since 1 January 2020), and the company paid Harbor Logistics LLC $200,000.01 in "
            "fiscal year 2025"
        )
        assert result.detail.count("fiscal year 2025") == 1  # one organisation, one sentence


def test_5605a2D_a_payment_recorded_under_another_directors_row_counts(dana):
    f.BusinessRelationshipFactory(director=dana, start_date=D(2020, 1, 1))
    frank = f.BusinessRelationshipFactory(organisation="HARBOR LOGISTICS LLC")
    f.OrganisationPaymentFactory(relationship=frank, fiscal_year=2025, amount=Decimal("200000.01"))
    assert not d_test(dana).passed


@pytest.mark.parametrize(
    ("revenue", "passed"),
    [("12000000.00", True), ("11999999.80", False)],  # 5% is $600,000.00 or $599,999.99
)
def test_5605a2D_rows_disagreeing_on_revenue_use_the_smaller_figure(dana, revenue, passed):
    rel = f.BusinessRelationshipFactory(director=dana, start_date=D(2020, 1, 1))
    f.OrganisationPaymentFactory(
        relationship=rel, fiscal_year=2025, amount=300000, recipient_gross_revenue=12000000
    )
    f.OrganisationPaymentFactory(
        relationship=rel, fiscal_year=2025, amount=300000, recipient_gross_revenue=Decimal(revenue)
    )
    result = d_test(dana)
    assert result.passed is passed
    if not passed:
        assert "more than $599,999.99" in result.detail
        assert "gross revenues of $11,999,999.80" in result.detail


# 5605(c)(2)(B): a clock that cannot be restarted ------------------------------------------------


@pytest.fixture
def exception_committee(company):
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    f.seat_qualified_member(committee, full_name="Ann Lee", sophisticated=True)
    f.seat_qualified_member(committee, full_name="Ben Cho")
    dana = f.seat_qualified_member(committee, full_name="Dana Whitfield")
    f.IndependenceDeterminationFactory(
        director=dana, determined_on=D(2025, 1, 10), is_independent=False
    )
    return committee, dana


def _exception(committee, director, on, **fields):
    fields.setdefault("disclosed_on", on)
    return f.ExceptionDeterminationFactory(
        director=director, committee=committee, determined_on=on, **fields
    )


@pytest.mark.parametrize(
    ("as_of", "status"), [(D(2027, 3, 1), Status.MET), (D(2027, 3, 2), Status.FAILING)]
)
def test_5605c2B_two_years_count_service_across_a_revocation_and_a_new_approval(
    exception_committee, as_of, status
):
    """365 days under the approval of 10 January 2025 (revoked after 9 January 2026) leave 366
    of the two years: the approval of 1 March 2026 runs out on 1 March 2027, not 2028."""
    committee, dana = exception_committee
    _exception(committee, dana, D(2025, 1, 10), revoked_on=D(2026, 1, 9))
    _exception(committee, dana, D(2026, 3, 1))
    exception = evaluate_committee(committee, as_of).finding("committees.composition.exception")
    assert exception.status == status
    if status == Status.FAILING:
        assert (
            "Dana Whitfield has served under the exception since 10 January 2025 (approvals of "
            "10 January 2025 and 1 March 2026, counted together), and the 2 years it allows were "
            "used up on 1 March 2027" in exception.detail
        )


@pytest.mark.parametrize(
    ("as_of", "status"), [(D(2026, 6, 14), Status.FAILING), (D(2026, 6, 15), Status.MET)]
)
def test_5605c2B_exception_member_with_a_past_job(exception_committee, as_of, status):
    """A current employee may not serve under the exception; a former one may (the job is why
    she is not independent under 5605(a)(2)(A))."""
    committee, dana = exception_committee
    _exception(committee, dana, D(2025, 1, 10))
    f.EmploymentFactory(
        director=dana, start_date=D(2025, 6, 1), end_date=D(2026, 6, 14), title="Strategy Adviser"
    )
    exception = evaluate_committee(committee, as_of).finding("committees.composition.exception")
    assert exception.status == status


# Family members ---------------------------------------------------------------------------------


@pytest.mark.parametrize("relationship", ["stepparent", "stepsibling", "stepchild"])
def test_5605a2C_step_relations_are_family_members(dana, relationship):
    relative = f.FamilyMemberFactory(director=dana, name="Sam Whitfield", relationship=relationship)
    relative.full_clean()
    f.EmploymentFactory(
        family_member=relative, start_date=D(2026, 1, 5), title="Chief Financial Officer",
        is_executive_officer=True,
    )  # fmt: skip
    test = next(t for t in director_independence(dana, AS_OF).tests if t.code == "C")
    assert not test.passed
    assert test.detail.startswith(f"Dana Whitfield's {relationship} Sam Whitfield has been")


def test_5605a2_household_member_must_share_the_home(dana):
    lodger = FamilyMember(director=dana, name="Pat Lodger", relationship="household")
    with pytest.raises(ValidationError, match="domestic staff never are"):
        lodger.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        lodger.save()
    lodger.shares_home = True
    lodger.full_clean()


# Regulation S-K Item 407(d)(5): no expert, and why ----------------------------------------------


def test_sk407d5_explanation_for_no_expert_is_shown_in_the_finding_and_on_the_roster(
    chair, member, audit_committee, client_for
):
    f.seat_qualified_member(audit_committee, full_name="Carla Diaz")
    key = "committees.composition.financial_expert_disclosure"
    item = evaluate_committee(audit_committee, AS_OF).finding(key)
    assert item.detail.endswith(
        "No explanation is recorded yet: the secretary records it on the committee."
    )
    audit_committee.no_financial_expert_explanation = (
        "The board believes the members' combined experience gives the committee the expertise "
        "it needs; it is recruiting a director who qualifies."
    )
    audit_committee.save()
    item = evaluate_committee(audit_committee, AS_OF).finding(key)
    assert item.status == Status.MET
    assert item.detail == (
        "No member is a designated audit committee financial expert: the proxy statement says so "
        "and explains why: The board believes the members' combined experience gives the "
        "committee the expertise it needs; it is recruiting a director who qualifies."
    )
    html = client_for(member).get(reverse("committees:detail", args=["audit"])).content.decode()
    assert "No audit committee financial expert" in html
    assert "it is recruiting a director who qualifies." in html


# Nasdaq 5605(c)(4) on the roster: successive cure periods and vacancies -------------------------


@pytest.fixture
def trio(chair, member, audit_committee):
    f.seat_qualified_member(audit_committee, full_name="Dana Whitfield")
    return audit_committee


def _director(name):
    return f.m.Director.objects.get(full_name=name)


def _found_not_independent(committee, director, on, ended_on=None):
    f.IndependenceDeterminationFactory(director=director, determined_on=on, is_independent=False)
    return f.CurePeriodFactory(
        committee=committee, director=director, event_date=on, ended_on=ended_on
    )


def test_5605c4_two_members_in_cure_periods_only_the_first_is_cured(trio):
    _found_not_independent(trio, _director("Dana Whitfield"), D(2026, 3, 2))
    _found_not_independent(trio, _director("Bob Member"), D(2026, 4, 1))
    independence = evaluate_committee(trio, AS_OF).finding("committees.composition.independence")
    assert independence.status == Status.FAILING
    assert "A cure period runs until 2 March 2027" in independence.detail
    assert "so the cure period for Bob Member (from 1 April 2026) cures nothing" in (
        independence.detail
    )


@pytest.mark.parametrize(
    ("second_event", "status"),
    [(D(2026, 5, 31), Status.FAILING), (D(2026, 6, 1), Status.CURE_PERIOD)],
)
def test_5605c4_successive_cure_periods_may_not_touch(trio, second_event, status):
    """Dana's cure ends on 31 May 2026 (the board finds her independent again on 1 June); Bob's
    cure may start the next day, not on her last one."""
    dana = _director("Dana Whitfield")
    _found_not_independent(trio, dana, D(2026, 3, 2), ended_on=D(2026, 5, 31))
    f.IndependenceDeterminationFactory(director=dana, determined_on=D(2026, 6, 1))
    _found_not_independent(trio, _director("Bob Member"), second_event)
    independence = evaluate_committee(trio, AS_OF).finding("committees.composition.independence")
    assert independence.status == status
    assert independence.director_ids == (_director("Bob Member").pk,)


def test_5605c4B_a_vacancy_after_an_earlier_one_was_filled_is_a_new_cure(trio):
    """Dana leaves after 30 April 2026, Hana fills her seat on 1 September; Bob leaves after
    31 October: a new vacancy with its own deadline, the annual meeting of 20 May 2027 (more than
    180 days away, sooner than a year)."""
    dana = _director("Dana Whitfield")
    dana.memberships.update(end_date=D(2026, 4, 30))
    f.seat_qualified_member(trio, full_name="Hana Sato", start=D(2026, 9, 1))
    _director("Bob Member").memberships.update(end_date=D(2026, 10, 31))

    def size(as_of):
        return evaluate_committee(trio, as_of).finding("committees.composition.size")

    assert (size(D(2026, 8, 31)).status, size(D(2026, 8, 31)).due) == (
        Status.CURE_PERIOD,
        D(2027, 4, 30),
    )
    assert size(D(2026, 9, 1)).status == Status.MET
    assert size(D(2026, 10, 31)).status == Status.MET
    second = size(D(2026, 11, 1))
    assert (second.status, second.due) == (Status.CURE_PERIOD, D(2027, 5, 20))
    assert "since Bob Member left on 31 October 2026" in second.detail


# Re-checked rules: a label trusted instead of a fact, a clock that could be restarted -----------


def test_5605a2A_interim_label_on_a_non_executive_job_is_not_excepted(dana):
    job = f.EmploymentFactory(
        director=dana, start_date=D(2025, 1, 1), end_date=D(2026, 1, 1), title="Interim analyst",
        interim_executive=True,
    )  # fmt: skip
    test = next(t for t in director_independence(dana, AS_OF).tests if t.code == "A")
    assert not test.passed
    with pytest.raises(ValidationError, match="is for service as an executive officer"):
        job.full_clean()


@pytest.mark.parametrize(("event", "refused"), [(D(2026, 3, 2), False), (D(2026, 3, 3), True)])
def test_5605c4A_a_cure_runs_from_the_event_and_cannot_start_later(trio, event, refused):
    """Dana's brother became an executive officer on 2 March 2026 (5605(a)(2)(C)): her cure
    runs from that day; an event recorded a day later would restart the clock."""
    from committees import services
    from committees.models import CurePeriod

    dana = _director("Dana Whitfield")
    brother = f.FamilyMemberFactory(director=dana, name="Evan Whitfield", relationship="sibling")
    f.EmploymentFactory(
        family_member=brother, start_date=D(2026, 3, 2), title="Chief Operating Officer",
        is_executive_officer=True,
    )  # fmt: skip
    if not refused:
        cure = services.cure_period_open(
            committee=trio, director=dana, event_date=event, reason="Outside her control."
        )
        assert cure.deadline == D(2027, 3, 2)
        return
    with pytest.raises(ValidationError) as caught:
        services.cure_period_open(
            committee=trio, director=dana, event_date=event, reason="Outside her control."
        )
    assert "Dana Whitfield was already not independent on 2 March 2026" in " ".join(
        caught.value.messages
    )
    assert "cannot start later (Nasdaq 5605(c)(4))" in " ".join(caught.value.messages)
    assert not CurePeriod.objects.exists()


def test_5605c4A_a_late_cure_event_is_refused_in_the_admin(trio, secretary, client_for):
    from committees.models import CurePeriod

    dana = _director("Dana Whitfield")
    f.EmploymentFactory(director=dana, start_date=D(2026, 3, 2), title="Treasurer")
    response = client_for(secretary).post(
        reverse("admin:committees_cureperiod_add"),
        {
            "committee": trio.pk,
            "director": dana.pk,
            "event_date": "2026-04-01",
            "reason": "A late entry.",
            "annual_meeting_date": "",
            "ended_on": "",
        },
    )
    assert response.status_code == 200
    assert "was already not independent on 31 March 2026" in response.content.decode()
    assert not CurePeriod.objects.exists()


def test_charter_membership_a_committee_sized_only_by_its_charter_has_no_vacancy_cure(company):
    """A nominating committee's size is its charter's (Nasdaq sets none): when its only member
    leaves, no 5605(c)(4) vacancy cure opens."""
    committee = f.CommitteeFactory(
        name="Nominating Committee", slug="nominating", kind="nominating"
    )
    f.CharterVersionFactory(committee=committee, min_members=1)
    f.seat_qualified_member(committee, full_name="Nia Lone").memberships.update(
        end_date=D(2026, 5, 31)
    )
    report = evaluate_committee(committee, D(2026, 6, 1))
    size = report.finding("committees.composition.size")
    assert (size.status, size.due) == (Status.FAILING, None)
    assert size.detail.endswith("; a charter's own number has no cure period.")
