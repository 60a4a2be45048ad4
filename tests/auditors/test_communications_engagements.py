"""The engagement's lifecycle (Charter: Responsibilities 1; PCAOB 3526(a); AS 1301): proposed,
approved at a held meeting with a quorum (the fee set), ratified, begun, completed once every AS
1301 matter was communicated, or terminated; each refusal clear and nothing half-saved."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from auditors.models import As1301Topic, Engagement
from auditors.services import engagements as services
from meetings.models import Meeting
from tests.auditors.support import engagement, firm
from tests.auditors.test_communications_helpers import KIND, checklist, communication
from tests.meetings.support import PDF, hold, schedule

D = datetime.date
S = Engagement.Status
pytestmark = pytest.mark.django_db


def propose(committee, year=2026, fee="2400000.00", **kwargs):
    return services.engagement_propose(
        committee=committee,
        firm=kwargs.pop("audit_firm", None) or firm(),
        fiscal_year=year,
        proposed_fee=Decimal(fee),
        **kwargs,
    )


def refused(call, *words):
    with pytest.raises(ValidationError) as error:
        call()
    text = " ".join(error.value.messages)
    for word in words:
        assert word in text, text
    return error.value


# Proposal ---------------------------------------------------------------------------------------


def test_a_proposal_stores_the_firm_the_year_the_fee_and_the_letter(committee):
    """Charter: Responsibilities 1: the committee selects the firm and sets its compensation."""
    letter = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    proposed = propose(committee, letter=letter)
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED
    assert proposed.audit_fee == Decimal("2400000.00")
    assert proposed.letter.name.startswith("auditors/")


@pytest.mark.parametrize(
    ("fee", "words"),
    [
        ("-0.01", "cannot be negative"),
        ("10000000000.01", "not a plausible fee"),
    ],
)
def test_a_negative_or_absurd_fee_is_refused_and_nothing_saved(committee, fee, words):
    """Bad input: a fee below zero or above any plausible audit fee is refused."""
    refused(lambda: propose(committee, fee=fee), words)
    assert Engagement.objects.count() == 0


@pytest.mark.parametrize("fee", ["0.00", "10000000000.00"])
def test_a_fee_at_either_limit_is_accepted(committee, fee):
    """The limits themselves: zero and the largest plausible fee."""
    assert propose(committee, fee=fee).audit_fee == Decimal(fee)


def test_a_letter_that_is_not_a_document_is_refused_beside_the_field(committee):
    """The private store's checks apply to the engagement letter; nothing is saved."""
    hostile = SimpleUploadedFile("letter.pdf", b"<html><script>x</script></html>")
    error = refused(lambda: propose(committee, letter=hostile), "not a file type")
    assert "letter" in error.message_dict
    assert Engagement.objects.count() == 0


def test_a_second_live_engagement_for_the_year_is_refused(committee):
    """One engagement per fiscal year until it is terminated."""
    propose(committee)
    refused(lambda: propose(committee, audit_firm=firm("Other LLP")), "already has an engagement")
    assert Engagement.objects.count() == 1


def test_a_fiscal_year_out_of_range_is_refused(committee):
    refused(lambda: propose(committee, year=26), "four digits")


# Approval at a meeting (Charter: Responsibilities 1; PCAOB 3526(a)) -----------------------------


def test_approval_at_a_held_meeting_with_quorum_sets_the_fee(committee):
    """Charter: Responsibilities 1: approved at a meeting, the fee set by the committee. The
    firm's earlier engagement by the committee means no 3526(a) discussion is needed."""
    engagement(committee, 2025)
    proposed = propose(committee)
    meeting = hold(committee, D(2026, 3, 10))
    services.engagement_approve(engagement=proposed, meeting=meeting, audit_fee=Decimal("2500000"))
    proposed.refresh_from_db()
    assert proposed.status == S.APPROVED
    assert proposed.approved_at == meeting and proposed.approved_on == D(2026, 3, 10)
    assert proposed.audit_fee == Decimal("2500000.00")


def test_approval_without_a_quorum_is_refused(committee, chair):
    """Charter: Responsibilities 1: a decision at a meeting needs its quorum (2 of 3 here)."""
    engagement(committee, 2025)
    proposed = propose(committee)
    meeting = hold(committee, D(2026, 3, 10), present=[chair.director])
    refused(
        lambda: services.engagement_approve(engagement=proposed, meeting=meeting),
        "no quorum",
        "1 of 3 members present; 2 needed",
    )
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED and proposed.approved_at is None


def test_approval_at_a_meeting_not_held_or_of_another_committee_is_refused(
    committee, other_committee
):
    engagement(committee, 2025)
    proposed = propose(committee)
    scheduled = schedule(committee, D(2026, 7, 1))
    refused(lambda: services.engagement_approve(engagement=proposed, meeting=scheduled), "not held")
    other = hold(other_committee, D(2026, 3, 10))
    refused(
        lambda: services.engagement_approve(engagement=proposed, meeting=other),
        "another committee",
    )
    assert Engagement.objects.get(pk=proposed.pk).status == S.PROPOSED


def test_a_first_engagement_is_refused_without_the_relationships_discussed(committee):
    """PCAOB 3526(a): before a firm's first engagement, its written description of relationships
    and the committee's documented discussion of it."""
    proposed = propose(committee)
    meeting = hold(committee, D(2026, 3, 10))
    refused(
        lambda: services.engagement_approve(engagement=proposed, meeting=meeting),
        "never been engaged",
        "PCAOB 3526(a)",
    )
    # Received but not yet discussed: still refused.
    received = communication(committee, KIND.RELATIONSHIPS, D(2026, 3, 1))
    refused(lambda: services.engagement_approve(engagement=proposed, meeting=meeting), "3526(a)")
    assert received.discussed_at is None
    assert Engagement.objects.get(pk=proposed.pk).status == S.PROPOSED


def test_a_first_engagement_is_approved_once_discussed_at_that_meeting_or_before(committee):
    """PCAOB 3526(a): the discussion at the approving meeting itself is in time."""
    proposed = propose(committee)
    meeting = hold(committee, D(2026, 3, 10))
    communication(committee, KIND.RELATIONSHIPS, D(2026, 3, 1), meeting=meeting)
    services.engagement_approve(engagement=proposed, meeting=meeting)
    assert Engagement.objects.get(pk=proposed.pk).status == S.APPROVED


def test_a_discussion_after_the_approving_meeting_does_not_count(committee):
    """PCAOB 3526(a): discussed one day after the meeting that would approve is too late."""
    proposed = propose(committee)
    approving = hold(committee, D(2026, 3, 10))
    later = hold(committee, D(2026, 3, 11))
    communication(committee, KIND.RELATIONSHIPS, D(2026, 3, 1), meeting=later)
    refused(lambda: services.engagement_approve(engagement=proposed, meeting=approving), "3526(a)")


def test_another_firms_relationships_do_not_open_the_gate(committee):
    """PCAOB 3526(a): the description comes from the firm to be engaged."""
    proposed = propose(committee)
    meeting = hold(committee, D(2026, 3, 10))
    communication(
        committee,
        KIND.RELATIONSHIPS,
        D(2026, 3, 1),
        meeting=meeting,
        audit_firm=firm("Other LLP"),
    )
    refused(lambda: services.engagement_approve(engagement=proposed, meeting=meeting), "3526(a)")


def test_a_firm_engaged_before_and_terminated_unapproved_is_still_new(committee):
    """PCAOB 3526(a): only an approved engagement makes the firm known to the committee."""
    earlier = propose(committee, 2025)
    services.engagement_terminate(
        engagement=earlier, terminated_on=D(2025, 3, 1), reason="Withdrew", as_of=D(2025, 3, 1)
    )
    proposed = propose(committee)
    assert services.is_first_engagement(proposed)


def test_approving_twice_is_refused(committee):
    engagement(committee, 2025)
    proposed = propose(committee)
    meeting = hold(committee, D(2026, 3, 10))
    services.engagement_approve(engagement=proposed, meeting=meeting)
    refused(
        lambda: services.engagement_approve(engagement=proposed, meeting=meeting),
        "approved by the committee",
        "cannot be approved",
    )


# Ratification, start, completion, termination -------------------------------------------------


def test_ratification_records_the_vote_and_its_advisory_result(committee):
    """ratification: for > against is ratified; the vote is advisory either way."""
    active = engagement(committee, 2026)
    services.engagement_ratify(
        engagement=active,
        voted_on=D(2026, 5, 20),
        votes_for=1001,
        votes_against=1000,
        votes_abstaining=5,
        as_of=D(2026, 5, 20),
    )
    words = services.ratification_words(active)
    assert words.startswith("Ratified by the stockholders on 20 May 2026: 1,001 for, 1,000")
    assert "advisory" in words


def test_a_tied_vote_is_not_ratified(committee):
    """ratification: equal votes for and against is not a ratification."""
    active = engagement(committee, 2026)
    services.engagement_ratify(
        engagement=active,
        voted_on=D(2026, 5, 20),
        votes_for=1000,
        votes_against=1000,
        as_of=D(2026, 5, 20),
    )
    assert services.ratification_words(active).startswith("Not ratified")


def test_ratification_is_refused_for_a_proposal_a_future_vote_or_negative_votes(committee):
    proposed = propose(committee)
    refused(
        lambda: services.engagement_ratify(
            engagement=proposed,
            voted_on=D(2026, 5, 20),
            votes_for=1,
            votes_against=0,
            as_of=D(2026, 5, 20),
        ),
        "approve it at a committee meeting first",
    )
    active = engagement(committee, 2027)
    refused(
        lambda: services.engagement_ratify(
            engagement=active,
            voted_on=D(2027, 5, 21),
            votes_for=1,
            votes_against=0,
            as_of=D(2027, 5, 20),
        ),
        "once it has taken place",
    )
    refused(
        lambda: services.engagement_ratify(
            engagement=active,
            voted_on=D(2027, 5, 20),
            votes_for=-1,
            votes_against=0,
            as_of=D(2027, 5, 20),
        ),
        "whole number",
    )
    active.refresh_from_db()
    assert active.ratified_on is None and active.votes_for is None


def test_procedures_begin_only_after_approval(committee):
    """Charter: Responsibilities 1: the audit starts once approved, never before the approval."""
    proposed = propose(committee)
    refused(
        lambda: services.engagement_activate(
            engagement=proposed, procedures_begin_on=D(2026, 9, 1), as_of=D(2026, 9, 1)
        ),
        "approve it at a committee meeting first",
    )
    approved = engagement(committee, 2027, status=S.APPROVED, procedures_begin_on=None)
    refused(
        lambda: services.engagement_activate(
            engagement=approved, procedures_begin_on=D(2027, 2, 9), as_of=D(2027, 9, 1)
        ),
        "before the committee approved",
    )
    # The approval day itself is the earliest start.
    services.engagement_activate(
        engagement=approved, procedures_begin_on=D(2027, 2, 10), as_of=D(2027, 9, 1)
    )
    assert Engagement.objects.get(pk=approved.pk).status == S.ACTIVE


@pytest.mark.parametrize("told", [11, 12])
def test_the_report_is_issued_only_with_all_12_matters_communicated(committee, told):
    """AS 1301: the checklist's twelve matters before the audit report: 11 is refused, naming
    the missing one; 12 completes the audit."""
    active = engagement(committee, 2026)
    leave_out = () if told == 12 else (As1301Topic.GOING_CONCERN,)
    checklist(active, D(2027, 2, 10), leave_out=leave_out)

    def complete():
        return services.engagement_complete(
            engagement=active, report_issued_on=D(2027, 2, 25), as_of=D(2027, 3, 1)
        )

    if told == 11:
        refused(complete, "1 of the 12", "Going concern", "AS 1301")
        assert Engagement.objects.get(pk=active.pk).status == S.ACTIVE
    else:
        complete()
        active.refresh_from_db()
        assert active.status == S.COMPLETED and active.report_issued_on == D(2027, 2, 25)


def test_a_matter_told_after_the_report_day_does_not_count(committee):
    """AS 1301: communicated the day after the report's date is too late for it."""
    active = engagement(committee, 2026)
    checklist(active, D(2027, 2, 26))
    refused(
        lambda: services.engagement_complete(
            engagement=active, report_issued_on=D(2027, 2, 25), as_of=D(2027, 3, 1)
        ),
        "12 of the 12",
    )
    services.engagement_complete(
        engagement=active, report_issued_on=D(2027, 2, 26), as_of=D(2027, 3, 1)
    )


def test_completion_is_refused_before_procedures_began(committee):
    approved = engagement(committee, 2026, status=S.APPROVED)
    refused(
        lambda: services.engagement_complete(
            engagement=approved, report_issued_on=D(2027, 2, 25), as_of=D(2027, 3, 1)
        ),
        "record that audit procedures have begun first",
    )


def test_termination_needs_its_day_and_reason(committee):
    """Charter: Responsibilities 1: the committee terminates the auditor, with day and reason."""
    active = engagement(committee, 2026)
    refused(
        lambda: services.engagement_terminate(
            engagement=active, terminated_on=D(2026, 10, 1), reason="  ", as_of=D(2026, 10, 1)
        ),
        "cannot be empty",
    )
    refused(
        lambda: services.engagement_terminate(
            engagement=active, terminated_on=None, reason="Fees", as_of=D(2026, 10, 1)
        ),
        "Give the day",
    )
    assert Engagement.objects.get(pk=active.pk).status == S.ACTIVE
    services.engagement_terminate(
        engagement=active, terminated_on=D(2026, 10, 1), reason="Fees", as_of=D(2026, 10, 1)
    )
    active.refresh_from_db()
    assert active.status == S.TERMINATED and active.termination_reason == "Fees"
    # Another firm may then be proposed for the year.
    assert propose(committee, audit_firm=firm("Other LLP")).status == S.PROPOSED


def test_a_completed_or_terminated_engagement_cannot_be_terminated(committee):
    done = engagement(committee, 2025, status=S.COMPLETED, report_issued_on=D(2026, 2, 20))
    refused(
        lambda: services.engagement_terminate(
            engagement=done, terminated_on=D(2026, 3, 1), reason="x", as_of=D(2026, 3, 1)
        ),
        "already issued",
    )


def test_the_model_clean_keeps_the_record_whole_for_its_status(committee):
    """Charter: Responsibilities 1: an approved engagement names its meeting and fee; the
    stockholders' vote gives its day and counts."""
    meeting = Meeting.objects.none()
    assert not meeting.exists()
    bare = Engagement(committee=committee, firm=firm(), fiscal_year=2026, status=S.APPROVED)
    with pytest.raises(ValidationError) as error:
        bare.full_clean()
    assert {"approved_at", "audit_fee"} <= set(error.value.message_dict)
    votes = Engagement(
        committee=committee, firm=firm(), fiscal_year=2026, votes_for=3, audit_fee=Decimal(1)
    )
    with pytest.raises(ValidationError) as error:
        votes.full_clean()
    assert "ratified_on" in error.value.message_dict
