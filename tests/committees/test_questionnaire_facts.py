"""Issue 12: each fact kind from the director's answer to the accepted dated fact to the test it
feeds, with the fact's history naming the questionnaire. "Today" is 15 June 2026."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from committees import models as m
from committees.compliance import director_independence, evaluate_committee
from committees.questionnaire import services
from tests import factories as f
from tests.committees import questionnaire_support as q

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def bob(member):
    return q.director_of(member)


def _certified_with(member, answers):
    """Bob's questionnaire with ``answers(questionnaire)`` saved, certified; the answers."""
    questionnaire = q.start(member)
    saved = answers(questionnaire)
    q.answer_every_section(questionnaire)
    q.certify(questionnaire, member)
    return saved


def _test(director, code, day=q.TODAY):
    return next(t for t in director_independence(director, day).tests if t.code == code)


def _accept(answer, secretary):
    return services.answer_accept(answer=answer, reviewed_by=secretary)


def test_family_and_employment_feed_test_c(member, secretary, bob):
    """Nasdaq 5605(a)(2)(C): a sibling reported as a subsidiary's executive officer fails test C
    once accepted; both facts' histories name the questionnaire."""
    family, job = _certified_with(
        member,
        lambda qn: (fam := q.new_family(qn), q.executive_job(qn, f"a{fam.pk}")),
    )
    assert _test(bob, "C").passed
    fact = _accept(job, secretary)  # accepts the family member it names first
    family.refresh_from_db()
    assert family.review == m.DirectorAnswer.Review.ACCEPTED and family.result_id
    test = _test(bob, "C")
    assert not test.passed and test.rule == "Nasdaq 5605(a)(2)(C)"
    assert "Nora Sibling" in test.detail
    reason = fact.history.latest().history_change_reason
    assert reason.startswith(f"Director questionnaire {job.questionnaire.pk}")
    brother = m.FamilyMember.objects.get(pk=family.result_id)
    assert brother.history.latest().history_change_reason.startswith("Director questionnaire")


def test_own_employment_feeds_test_a(member, secretary, bob):
    """Nasdaq 5605(a)(2)(A): the director's own job with a subsidiary."""
    (job,) = _certified_with(
        member,
        lambda qn: (
            services.answer_save(
                questionnaire=qn,
                section_key="employment",
                values={
                    "family_member": "",
                    "employer": "subsidiary",
                    "employer_name": "Northwind GmbH",
                    "title": "Adviser",
                    "is_executive_officer": False,
                    "interim_executive": False,
                    "start_date": D(2025, 3, 1),
                    "end_date": D(2025, 9, 30),
                },
                as_of=q.TODAY,
            ),
        ),
    )
    _accept(job, secretary)
    test = _test(bob, "A")
    assert not test.passed and test.rule == "Nasdaq 5605(a)(2)(A)"


def test_compensation_feeds_test_b_and_rule_10a3(member, secretary, bob):
    """Nasdaq 5605(a)(2)(B) and SEC Rule 10A-3(b)(1): a consulting fee over $120,000."""
    (pay,) = _certified_with(
        member,
        lambda qn: (
            services.answer_save(
                questionnaire=qn,
                section_key="compensation",
                values={
                    "family_member": "",
                    "paid_on": D(2026, 2, 1),
                    "amount": Decimal("130000.00"),
                    "kind": "consulting",
                    "description": "Advice on the ERP migration",
                },
                as_of=q.TODAY,
            ),
        ),
    )
    _accept(pay, secretary)
    assert not _test(bob, "B").passed
    assert not director_independence(bob, q.TODAY).rule_10a3_met


def test_business_relationship_and_payment_feed_test_d(member, secretary, bob):
    """Nasdaq 5605(a)(2)(D): an executive officer of an organisation the company paid more
    than the greater of $200,000 or 5% of its revenues."""
    rel, pay = _certified_with(
        member,
        lambda qn: (
            rel := services.answer_save(
                questionnaire=qn,
                section_key="business",
                values={
                    "family_member": "",
                    "organisation": "Harbor Logistics LLC",
                    "role": "executive_officer",
                    "provides_professional_services": False,
                    "start_date": D(2022, 1, 1),
                    "end_date": None,
                },
                as_of=q.TODAY,
            ),
            services.answer_save(
                questionnaire=qn,
                section_key="payment",
                values={
                    "relationship": f"a{rel.pk}",
                    "fiscal_year": 2025,
                    "direction": "from_company",
                    "amount": Decimal("450000.00"),
                    "recipient_gross_revenue": Decimal("2000000.00"),
                    "exclusion": "",
                },
                as_of=q.TODAY,
            ),
        ),
    )
    _accept(pay, secretary)
    test = _test(bob, "D")
    assert not test.passed and test.rule == "Nasdaq 5605(a)(2)(D)"


def test_interlock_feeds_test_e(member, secretary, bob):
    """Nasdaq 5605(a)(2)(E)."""
    (lock,) = _certified_with(
        member,
        lambda qn: (
            services.answer_save(
                questionnaire=qn,
                section_key="interlock",
                values={
                    "family_member": "",
                    "entity": "Bellweather Corp.",
                    "company_executive": "Chief Executive Officer",
                    "start_date": D(2025, 1, 1),
                    "end_date": None,
                },
                as_of=q.TODAY,
            ),
        ),
    )
    _accept(lock, secretary)
    assert not _test(bob, "E").passed


def test_auditor_tie_feeds_test_f(member, secretary, bob):
    """Nasdaq 5605(a)(2)(F)."""
    (tie,) = _certified_with(
        member,
        lambda qn: (
            services.answer_save(
                questionnaire=qn,
                section_key="auditor",
                values={
                    "family_member": "",
                    "firm": "Crane & Holt LLP",
                    "role": "partner",
                    "worked_on_company_audit": True,
                    "start_date": D(2020, 1, 1),
                    "end_date": None,
                },
                as_of=q.TODAY,
            ),
        ),
    )
    _accept(tie, secretary)
    assert not _test(bob, "F").passed


def test_preparation_feeds_the_preparation_bar(member, secretary, bob, audit_committee):
    """Nasdaq 5605(c)(2)(A): no member prepared the statements in the past three years."""
    (prep,) = _certified_with(
        member,
        lambda qn: (
            services.answer_save(
                questionnaire=qn,
                section_key="preparation",
                values={
                    "entity": "company",
                    "description": "Drafted the 2024 consolidated statements",
                    "start_date": D(2024, 1, 1),
                    "end_date": D(2024, 3, 31),
                },
                as_of=q.TODAY,
            ),
        ),
    )
    report = evaluate_committee(audit_committee, q.TODAY)
    assert next(ms for ms in report.members if ms.director == bob).preparation_bar_clear
    _accept(prep, secretary)
    report = evaluate_committee(audit_committee, q.TODAY)
    assert not next(ms for ms in report.members if ms.director == bob).preparation_bar_clear


def test_correcting_a_fact_on_record_changes_it_in_place(member, secretary, bob):
    """Nasdaq 5605(a)(2)(C): a sibling's executive job recorded as current, corrected by the
    director as ended four years ago, no longer fails test C; the history keeps both."""
    sister = f.FamilyMemberFactory(director=bob, name="Ida Sister", relationship="sibling")
    job = f.EmploymentFactory(
        director=bob, family_member=sister, title="CFO", is_executive_officer=True
    )
    assert not _test(bob, "C").passed
    (answer,) = _certified_with(
        member,
        lambda qn: (
            services.answer_save(
                questionnaire=qn,
                section_key="employment",
                fact_id=job.pk,
                values={
                    "family_member": f"f{sister.pk}",
                    "employer": "company",
                    "employer_name": "",
                    "title": "CFO",
                    "is_executive_officer": True,
                    "interim_executive": False,
                    "start_date": D(2018, 1, 1),
                    "end_date": D(2022, 5, 31),
                },
                as_of=q.TODAY,
            ),
        ),
    )
    assert answer.action == m.DirectorAnswer.Action.CORRECT
    assert answer.record["end_date"] is None and answer.data["end_date"] == "2022-05-31"
    _accept(answer, secretary)
    job.refresh_from_db()
    assert job.end_date == D(2022, 5, 31) and _test(bob, "C").passed
    assert job.history.count() == 2
