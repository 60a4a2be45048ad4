"""The audit committee report (S-K 407(d)(3)): its four facts read from the record, the draft
only when all four hold, and the signature refused naming each fact that is missing; the 3526(b)
letter counted within the 12 months before the report's date."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from auditors.models import As1301Topic, CommitteeReport
from auditors.report_facts import missing_facts, report_facts
from auditors.services import reports
from committees.models import Membership
from tests import factories as f
from tests.auditors.support import engagement, firm
from tests.auditors.test_communications_helpers import (
    KIND,
    audit_ready_for_report,
    checklist,
    communication,
)
from tests.meetings.support import hold

D = datetime.date
pytestmark = pytest.mark.django_db
DATED = D(2027, 3, 1)


def keys(facts):
    return [fact.key for fact in missing_facts(facts)]


def test_all_four_facts_recorded_give_the_draft_with_the_members_below(committee):
    """S-K 407(d)(3): the draft states the four facts and names the members serving that day."""
    target = audit_ready_for_report(committee)
    facts = report_facts(target, DATED)
    assert [fact.met for fact in facts] == [True] * 4
    assert all(fact.evidence is not None and fact.evidence_url for fact in facts)
    draft = reports.report_draft(target, DATED)
    names = sorted(m.director.full_name for m in Membership.objects.active_on(DATED))
    assert draft.rstrip().endswith("\n".join(sorted(names, key=lambda n: n != "Alice Chair")))
    for words in (
        "reviewed the audited financial statements",
        "discussed with Hartwell",
        "independence",
        "recommended to the Board",
        "31 December 2026",
    ):
        assert words in draft


@pytest.mark.parametrize(
    ("left_out", "missing"),
    [
        # The recommendation is made at the review: without the review there is neither.
        ("reviewed", ["reviewed", "recommended"]),
        ("discussed", ["discussed"]),
        ("independence", ["independence"]),
        ("recommended", ["recommended"]),
    ],
)
def test_the_report_is_refused_with_each_fact_missing_naming_it(committee, left_out, missing):
    """S-K 407(d)(3): no draft and no signature while a fact is missing; the refusal names it."""
    target = audit_ready_for_report(committee, leave_out=(left_out,))
    facts = report_facts(target, DATED)
    assert keys(facts) == missing
    assert reports.report_draft(target, DATED) is None
    with pytest.raises(ValidationError) as error:
        reports.report_sign(engagement=target, dated=DATED, as_of=DATED)
    text = " ".join(error.value.messages)
    for fact in missing_facts(facts):
        assert fact.label in text and fact.missing in text
    assert CommitteeReport.objects.count() == 0


def test_eleven_matters_leave_the_second_fact_missing_naming_the_twelfth(committee):
    """S-K 407(d)(3); AS 1301: 11 of the 12 matters recorded is not the required discussion."""
    target = engagement(committee, 2026)
    checklist(target, D(2027, 2, 10), leave_out=(As1301Topic.DISAGREEMENTS,))
    fact = report_facts(target, DATED)[1]
    assert not fact.met
    assert fact.missing.startswith("1 of the 12 AS 1301 matters")
    assert "Disagreements with management" in fact.missing


@pytest.mark.parametrize(
    ("received", "met"),
    [
        (D(2026, 3, 1), True),  # exactly 12 months before the report's date
        (D(2026, 2, 28), False),  # 12 months and one day before
    ],
)
def test_the_independence_letter_counts_within_the_12_months_before_the_report(
    committee, received, met
):
    """S-K 407(d)(3); PCAOB 3526(b): the letter received within the 12 months before the
    report, at the boundary and one day beyond it."""
    target = engagement(committee, 2026)
    meeting = hold(committee, D(2026, 3, 10))
    communication(committee, KIND.INDEPENDENCE, received, meeting=meeting)
    assert report_facts(target, DATED)[2].met is met


def test_a_letter_not_stating_independence_or_undiscussed_does_not_count(committee):
    """PCAOB 3526(b): the letter states the firm is independent, and the committee discussed
    it at a held meeting on or before the report's date."""
    target = engagement(committee, 2026)
    meeting = hold(committee, D(2027, 2, 10))
    communication(
        committee, KIND.INDEPENDENCE, D(2027, 2, 1), meeting=meeting, states_independent=False
    )
    communication(committee, KIND.INDEPENDENCE, D(2027, 2, 2))
    late = hold(committee, D(2027, 3, 2))
    communication(committee, KIND.INDEPENDENCE, D(2027, 2, 3), meeting=late)
    assert not report_facts(target, DATED)[2].met
    assert report_facts(target, D(2027, 3, 2))[2].met


def test_another_firms_letter_does_not_count(committee):
    """S-K 407(d)(3): the letter is the engagement's firm's."""
    target = engagement(committee, 2026)
    meeting = hold(committee, D(2027, 2, 10))
    communication(
        committee, KIND.INDEPENDENCE, D(2027, 2, 1), meeting=meeting, audit_firm=firm("Other LLP")
    )
    assert not report_facts(target, DATED)[2].met


def test_signing_stores_the_text_and_the_members_serving_on_its_date(committee, member):
    """S-K 407(d)(3): signed by the members on its date; one who left before it is not named."""
    target = audit_ready_for_report(committee)
    leaver = f.seat_qualified_member(committee, full_name="Leaving Member")
    Membership.objects.filter(director=leaver).update(end_date=D(2027, 2, 28))
    report = reports.report_sign(engagement=target, dated=DATED, as_of=D(2027, 3, 2))
    names = set(report.signers.values_list("full_name", flat=True))
    assert "Leaving Member" not in names and member.director.full_name in names
    assert report.text == reports.report_draft(target, DATED)
    assert "Leaving Member" not in report.text
    assert report_facts(target) == report_facts(target, DATED)


def test_a_report_dated_in_the_future_twice_or_on_a_proposal_is_refused(committee):
    target = audit_ready_for_report(committee)
    with pytest.raises(ValidationError, match="on or after its date"):
        reports.report_sign(engagement=target, dated=DATED, as_of=DATED - datetime.timedelta(1))
    reports.report_sign(engagement=target, dated=DATED, as_of=DATED)
    with pytest.raises(ValidationError, match="already signed"):
        reports.report_sign(engagement=target, dated=DATED, as_of=DATED)
    proposed = engagement(committee, 2027, status="proposed")
    with pytest.raises(ValidationError, match="proposed"):
        reports.report_sign(engagement=proposed, dated=D(2028, 3, 1), as_of=D(2028, 3, 1))
    assert CommitteeReport.objects.count() == 1


def test_a_fact_recorded_after_the_reports_date_does_not_count(committee):
    """S-K 407(d)(3): the facts hold on the report's date; the review a day later is too late."""
    target = audit_ready_for_report(committee)
    assert not report_facts(target, D(2027, 2, 19))[0].met
    assert report_facts(target, D(2027, 2, 20))[0].met


def test_report_facts_needs_a_date_until_the_report_is_signed(committee):
    with pytest.raises(ValueError, match="as_of"):
        report_facts(engagement(committee, 2026))
