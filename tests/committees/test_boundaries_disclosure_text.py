"""How the disclosure findings read, from plain records (the mutation run found these sentences
checked only through the command's output): the financial expert disclosure (Regulation S-K Item
407(d)(5)) and an exchange notice whose episode is still open (Nasdaq 5625)."""

import datetime
from types import SimpleNamespace

import pytest

from committees.compliance import evaluate_committee
from committees.compliance.audit_findings import expert_disclosure_finding
from committees.compliance.exchange_notice import exchange_notice_finding
from committees.compliance.findings import Status

D = datetime.date
AS_OF = D(2026, 6, 15)


def expert(pk, name, designated_on, independent=True):
    return SimpleNamespace(
        director=SimpleNamespace(pk=pk, full_name=name),
        financial_expert=True,
        independence=SimpleNamespace(is_independent=independent),
    ), SimpleNamespace(expert=SimpleNamespace(determined_on=designated_on))


def context(experts=(), explanation=""):
    members = tuple(ms for ms, _ in experts)
    facts = {ms.director.pk: fact for ms, fact in experts}
    committee = SimpleNamespace(no_financial_expert_explanation=explanation)
    return SimpleNamespace(committee=committee, members=members, director_facts=facts)


def test_s_k_407d5_one_independent_expert_is_named_in_the_singular():
    found = expert_disclosure_finding(context([expert(1, "Alice Chair", D(2026, 2, 1))]))
    assert found.status == Status.MET
    assert (found.rule, found.title) == (
        "Regulation S-K Item 407(d)(5)",
        "Audit committee financial expert disclosure",
    )
    assert found.director_ids == (1,)
    assert found.detail == (
        "The proxy statement names the audit committee financial expert: Alice Chair "
        "(designated on 1 February 2026, independent), and says whether each is independent."
    )


def test_s_k_407d5_two_experts_are_named_in_the_plural_with_each_ones_independence():
    found = expert_disclosure_finding(
        context(
            [
                expert(1, "Alice Chair", D(2026, 2, 1)),
                expert(2, "Bob Member", D(2025, 9, 30), independent=False),
            ]
        )
    )
    assert found.detail == (
        "The proxy statement names the audit committee financial experts: Alice Chair "
        "(designated on 1 February 2026, independent) and Bob Member (designated on "
        "30 September 2025, not independent under Nasdaq 5605(a)(2)), and says whether each "
        "is independent."
    )


def test_s_k_407d5_no_expert_with_an_explanation_quotes_it_and_ends_one_sentence():
    plain = expert_disclosure_finding(context(explanation="The board judged two members close"))
    stopped = expert_disclosure_finding(context(explanation="The board judged two members close."))
    expected = (
        "No member is a designated audit committee financial expert: the proxy statement says "
        "so and explains why: The board judged two members close."
    )
    assert plain.detail == expected
    assert stopped.detail == expected
    assert plain.director_ids == ()


def test_s_k_407d5_no_expert_and_no_explanation_says_who_records_it():
    found = expert_disclosure_finding(context(explanation="   "))
    assert found.status == Status.MET
    assert found.detail == (
        "No member is a designated audit committee financial expert: the proxy statement must "
        "say so and explain why the committee has none. No explanation is recorded yet: the "
        "secretary records it on the committee."
    )


class Episode(SimpleNamespace):
    def covers(self, day):
        return self.began_on <= day and (self.ended_on is None or day < self.ended_on)


def test_5625_compliant_again_with_the_episode_still_open_asks_for_its_end():
    episode = Episode(began_on=D(2026, 3, 1), ended_on=None, notified_on=D(2026, 3, 3))
    ctx = SimpleNamespace(as_of=AS_OF, committee_facts=SimpleNamespace(episodes=(episode,)))
    found = exchange_notice_finding(ctx, [])
    assert found.status == Status.MET
    assert found.detail == (
        "The committee meets every listing standard and SEC rule checked here on 15 June 2026: "
        "nothing calls for a notice to the exchange. The episode that began on 1 March 2026 is "
        "still open: record the first day the committee complied again."
    )


@pytest.mark.django_db
def test_5605c2A_and_charter_each_sophistication_finding_names_its_own_requirement(member):
    """With no sophisticated member, the listing finding (Nasdaq 5605(c)(2)(A)) and the charter's
    expertise finding (Charter: Membership) each fail in words of their own."""
    committee = member.director.memberships.get().committee
    committee.charter_versions.update(requires_financial_expertise=True)
    report = evaluate_committee(committee, AS_OF)
    listing = report.finding("committees.composition.sophistication")
    charter = report.finding("committees.composition.financial_expertise")
    assert (listing.status, charter.status) == (Status.FAILING, Status.FAILING)
    assert listing.title == "At least one financially sophisticated member"
    assert listing.detail.startswith(
        "No member has a recorded basis of financial sophistication on 15 June 2026: "
    )
    assert charter.title == (
        "At least one member with accounting or financial management expertise"
    )
    assert charter.detail == (
        "No member has accounting or related financial management expertise on 15 June 2026: "
        "no board finding of financial sophistication or financial expert designation is in "
        "force for any member (members: Bob Member)."
    )
