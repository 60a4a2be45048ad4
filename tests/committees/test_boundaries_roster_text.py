"""How the roster findings read, from plain records (the mutation run found these sentences
checked only through the command's output): size (Nasdaq 5605(c)(2)(A), 5605(c)(4)(B)), the
charter's own number (Charter: Membership) and independence (Nasdaq 5605(a)(2), 5605(c)(2)(B))."""

import datetime
from types import SimpleNamespace

from committees.compliance.cure import VACANCY
from committees.compliance.findings import Kind, Status
from committees.compliance.roster import (
    CHARTER_ONLY,
    RULES,
    charter_size_finding,
    independence_finding,
    rules_for,
    size_finding,
)

D = datetime.date
AS_OF = D(2026, 6, 15)
AUDIT = SimpleNamespace(kind="audit")


def member(pk, name, independent=True, reasons=()):
    independence = SimpleNamespace(
        is_independent=independent, independence_reasons_after_name=tuple(reasons)
    )
    return SimpleNamespace(
        director=SimpleNamespace(pk=pk, full_name=name), independence=independence
    )


def context(members=(), charter=None, episodes=(), exceptions=None, committee=AUDIT):
    return SimpleNamespace(
        committee=committee,
        members=tuple(members),
        charter=charter,
        episodes=tuple(episodes),
        exceptions=exceptions or {},
        as_of=AS_OF,
    )


def test_a_committee_of_no_listed_kind_follows_its_charter_alone():
    assert rules_for(SimpleNamespace(kind="other")) is CHARTER_ONLY
    assert rules_for(AUDIT) is RULES["audit"]


def test_5605c2A_one_member_and_none_read_in_the_right_number():
    alone = size_finding(context([member(1, "Alice Chair")]))
    assert alone.detail.startswith("On 15 June 2026 the committee has 1 member (Alice Chair), ")
    empty = size_finding(context())
    assert empty.detail.startswith("On 15 June 2026 the committee has 0 members, 3 fewer ")


class Vacancy(SimpleNamespace):
    def blocked_words(self):
        return "the vacancy followed a member's failure, so no vacancy cure applies"


def vacancy(**values):
    values.setdefault("valid", True)
    return Vacancy(
        kind=VACANCY,
        still_short=True,
        who="Carla Diaz",
        event=D(2026, 1, 10),
        director_ids=(7,),
        deadline=D(2026, 6, 1),
        start=D(2026, 1, 11),
        meeting=None,
        **values,
    )


def test_5605c4B_a_vacancy_the_cure_cannot_cover_names_the_member_who_left():
    found = size_finding(
        context(
            [member(1, "Alice Chair"), member(2, "Bob Member")], episodes=[vacancy(valid=False)]
        )
    )
    assert found.status == Status.FAILING
    assert found.director_ids == (7,)


def test_5605c4B_a_vacancy_past_its_deadline_names_the_member_who_left():
    found = size_finding(
        context([member(1, "Alice Chair"), member(2, "Bob Member")], episodes=[vacancy()])
    )
    assert found.status == Status.FAILING
    assert found.due == D(2026, 6, 1)
    assert found.director_ids == (7,)


def charter(min_members):
    return SimpleNamespace(min_members=min_members, label="Amended 2026")


def test_charter_membership_met_reads_with_the_roster_and_the_charters_number():
    members = [member(pk, name) for pk, name in enumerate(["Ann", "Ben", "Cy", "Di"], start=1)]
    found = charter_size_finding(context(members, charter=charter(4)))
    assert (found.status, found.title) == (Status.MET, "Number of members the charter asks for")
    assert found.detail == (
        "On 15 June 2026 the committee has 4 members (Ann, Ben, Cy and Di); its charter "
        "(Amended 2026) asks for at least 4."
    )


def test_charter_membership_short_of_the_listing_number_too_says_nothing_of_a_charter_only_gap():
    """Two members against a charter of 4: the listing rule's 3 are not met either, so the
    sentence that calls it a charter-only shortfall must not appear."""
    found = charter_size_finding(context([member(1, "Ann"), member(2, "Ben")], charter=charter(4)))
    assert (found.status, found.kind) == (Status.FAILING, Kind.CHARTER)
    assert found.detail == (
        "On 15 June 2026 the committee has 2 members (Ann and Ben), 2 fewer than the 4 its "
        "charter (Amended 2026) asks for."
    )


def test_5605a2_a_single_independent_member_and_several_read_in_the_right_number():
    one = independence_finding(context([member(1, "Ann")]))
    assert (one.title, one.detail) == (
        "Independent members",
        "Ann is independent (Nasdaq 5605(a)(2)).",
    )
    two = independence_finding(context([member(1, "Ann"), member(2, "Ben")]))
    assert two.detail == "Ann and Ben are all independent (Nasdaq 5605(a)(2))."


def test_5605a2_a_committee_without_members_says_so_on_the_day():
    assert independence_finding(context()).detail == "The committee has no members on 15 June 2026."


def test_5605a2_each_member_not_independent_is_a_sentence_with_every_reason():
    found = independence_finding(
        context(
            [
                member(1, "Ann", False, ["The board so found on 1 May 2026.", "Test (B) fails."]),
                member(2, "Ben", False, ["The board has made no finding of independence."]),
            ]
        )
    )
    assert found.status == Status.FAILING
    assert found.director_ids == (1, 2)
    assert found.detail == (
        "Ann is not independent: the board so found on 1 May 2026. Test (B) fails. "
        "Ben is not independent: the board has made no finding of independence."
    )


def test_5605c2B_an_exception_outside_its_limits_names_every_breach():
    use = SimpleNamespace(
        relies=True,
        within_limits=False,
        breaches=["it has run for more than two years", "Ann chairs the committee"],
    )
    found = independence_finding(
        context(
            [member(1, "Ann", False, ["The board so found on 1 May 2026."])],
            exceptions={1: use},
        )
    )
    assert found.status == Status.FAILING
    assert found.detail == (
        "Ann is not independent: the board so found on 1 May 2026. The exceptional-circumstances "
        "exception does not cover this: it has run for more than two years; Ann chairs the "
        "committee (Nasdaq 5605(c)(2)(B))."
    )
