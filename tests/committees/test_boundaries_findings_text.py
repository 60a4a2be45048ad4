"""How the Rule 10A-3 and exceptional-circumstances findings read, from plain records (the
mutation run found their sentences unchecked). SEC Rule 10A-3(b)(1), Nasdaq 5605(c)(2)(B)."""

import datetime
from types import SimpleNamespace

from committees.compliance.audit_findings import (
    literacy_finding,
    preparation_bar_finding,
    rule_10a3_finding,
    sophistication_finding,
)
from committees.compliance.exception import exception_finding
from committees.compliance.findings import Status
from committees.models import FinancialStatementPreparation, SophisticationDetermination

D = datetime.date
AS_OF = D(2026, 6, 15)
AUDIT = SimpleNamespace(kind="audit")


def member(pk, name, meets=True, detail=""):
    independence = SimpleNamespace(rule_10a3_met=meets, rule_10a3_detail=detail)
    return SimpleNamespace(
        director=SimpleNamespace(pk=pk, full_name=name), independence=independence
    )


def context(members, exceptions=None):
    return SimpleNamespace(
        committee=AUDIT,
        members=tuple(members),
        episodes=(),
        exceptions=exceptions or {},
        as_of=AS_OF,
    )


def test_10a3b1_every_member_meeting_it_reads_as_one_sentence_naming_them():
    found = rule_10a3_finding(context([member(1, "Alice Chair"), member(2, "Bob Member")]))
    assert found.status == Status.MET
    assert found.detail == (
        "Every member meets Rule 10A-3(b)(1): no compensatory fee during audit committee "
        "service, directly or indirectly, and no affiliated person (Alice Chair and Bob Member)."
    )


def test_10a3b1_a_committee_without_members_says_so_on_the_day():
    found = rule_10a3_finding(context([]))
    assert found.detail == "The committee has no members on 15 June 2026."


def test_10a3b1_each_failing_member_is_a_sentence_of_its_own_without_a_cure_note():
    found = rule_10a3_finding(
        context(
            [
                member(1, "Carla Diaz", False, "The company paid her a consulting fee."),
                member(2, "Dana Whitfield", False, "The director owns 12% of the voting shares."),
            ]
        )
    )
    assert found.status == Status.FAILING
    assert found.director_ids == (1, 2)
    assert found.detail == (
        "Carla Diaz does not meet Rule 10A-3(b)(1): the company paid her a consulting fee. "
        "Dana Whitfield does not meet Rule 10A-3(b)(1): the director owns 12% of the voting shares."
    )


def use(relies=True, breaches=()):
    determination = SimpleNamespace(determined_on=D(2026, 1, 10), disclosed_on=D(2026, 3, 1))
    return SimpleNamespace(
        relies=relies,
        breaches=tuple(breaches),
        determination=determination,
        expires_on=D(2028, 1, 10),
    )


def test_5605c2B_every_broken_limit_is_named_and_each_member_has_a_sentence():
    found = exception_finding(
        context(
            [member(1, "Alice Chair"), member(2, "Dana Whitfield")],
            {
                1: use(relies=False),
                2: use(breaches=["Dana Whitfield chairs the committee", "it was not disclosed"]),
            },
        )
    )
    assert found.title == "Exceptional-circumstances exception within its limits"
    assert (found.status, found.director_ids) == (Status.FAILING, (1, 2))
    assert found.detail == (
        "Alice Chair has an exception approved on 10 January 2026 but is independent, so does not "
        "rely on it. Dana Whitfield serves under the exception approved on 10 January 2026, but "
        "Dana Whitfield chairs the committee; it was not disclosed."
    )


def test_10a3b1_the_findings_title():
    assert rule_10a3_finding(context([])).title == "Audit committee independence under Rule 10A-3"


# Nasdaq 5605(c)(2)(A): no part in preparing the statements in the past 3 years ---------------


def prepared(entity, start, end=None, family_member_id=None):
    return FinancialStatementPreparation(
        entity=entity,
        description="the 2024 annual report",
        start_date=start,
        end_date=end,
        family_member_id=family_member_id,
    )


def preparation_finding(*preparations_by_member):
    members = [member(pk, name) for pk, name, _ in preparations_by_member]
    ctx = context(members)
    ctx.director_facts = {
        pk: SimpleNamespace(preparations=list(items)) for pk, _, items in preparations_by_member
    }
    return preparation_bar_finding(ctx)


def test_5605c2A_each_recent_preparation_is_named_with_when_the_bar_lifts():
    """A family member's work, and work before the look-back, are no bar; the director's own
    recent work is, listed after them, with the day the bar lifts once it has ended."""
    found = preparation_finding(
        (
            1,
            "Carla Diaz",
            [
                prepared("company", D(2024, 1, 1), D(2024, 3, 31), family_member_id=9),
                prepared("company", D(2020, 1, 1), D(2021, 3, 31)),
                prepared("subsidiary", D(2024, 1, 1), D(2024, 3, 31)),
            ],
        ),
        (2, "Dana Whitfield", [prepared("company", D(2025, 1, 1))]),
    )
    assert found.title == "No recent part in preparing the financial statements"
    assert (found.status, found.director_ids) == (Status.FAILING, (1, 2))
    assert found.detail == (
        "Carla Diaz took part in preparing the financial statements of a current subsidiary "
        "(the 2024 annual report) from 1 January 2024 to 31 March 2024, within the past 3 years "
        "(since 15 June 2023); the bar lifts on 1 April 2027. Dana Whitfield took part in "
        "preparing the financial statements of the company (the 2024 annual report) since "
        "1 January 2025, within the past 3 years (since 15 June 2023)."
    )


def test_5605c2A_work_ending_on_the_day_does_not_yet_say_when_the_bar_lifts():
    found = preparation_finding((1, "Carla Diaz", [prepared("company", D(2026, 1, 1), AS_OF)]))
    assert found.detail.endswith("within the past 3 years (since 15 June 2023).")


def test_5605c2A_no_recent_preparation_reads_plainly():
    found = preparation_finding((1, "Carla Diaz", []))
    assert (found.status, found.director_ids) == (Status.MET, ())
    assert found.detail == (
        "No member took part in preparing the financial statements of the company or a current "
        "subsidiary between 15 June 2023 and 15 June 2026."
    )


# Nasdaq 5605(c)(2)(A): every member financially literate ---------------------------------------


def literacy_finding_of(*rows):
    """rows: (pk, name, literate, determined_on or None)."""
    members = []
    facts = {}
    for pk, name, literate, determined_on in rows:
        ms = member(pk, name)
        ms.literate = literate
        members.append(ms)
        literacy = SimpleNamespace(determined_on=determined_on) if determined_on else None
        facts[pk] = SimpleNamespace(literacy=literacy)
    ctx = context(members)
    ctx.director_facts = facts
    return literacy_finding(ctx)


def test_5605c2A_every_member_literate_names_each_finding():
    found = literacy_finding_of(
        (1, "Alice Chair", True, D(2024, 1, 1)), (2, "Bob Member", True, D(2024, 2, 2))
    )
    assert found.detail == (
        "The board has found every member financially literate: Alice Chair (1 January 2024) "
        "and Bob Member (2 February 2024)."
    )


def test_5605c2A_each_member_not_found_literate_is_a_sentence_and_named():
    found = literacy_finding_of(
        (1, "Alice Chair", True, D(2024, 1, 1)),
        (2, "Bob Member", False, None),
        (3, "Carla Diaz", False, D(2026, 3, 1)),
    )
    assert (found.status, found.director_ids) == (Status.FAILING, (2, 3))
    assert found.detail == (
        "The board has not found Bob Member financially literate. The board found on 1 March "
        "2026 that Carla Diaz is not financially literate."
    )


def test_5605c2A_literacy_of_a_committee_without_members():
    assert literacy_finding_of().detail == "The committee has no members on 15 June 2026."


# Nasdaq 5605(c)(2)(A): at least one financially sophisticated member ----------------------------


def sophistication_of(*rows):
    """rows: (pk, name, expert_on or None, sophistication basis or None)."""
    members, facts = [], {}
    for pk, name, expert_on, basis in rows:
        ms = member(pk, name)
        ms.financial_expert = expert_on is not None
        ms.sophisticated = basis is not None
        members.append(ms)
        facts[pk] = SimpleNamespace(
            expert=SimpleNamespace(determined_on=expert_on) if expert_on else None,
            sophistication=SophisticationDetermination(basis=basis, determined_on=D(2024, 2, 2))
            if basis
            else None,
        )
    ctx = context(members)
    ctx.director_facts = facts
    return sophistication_finding(
        ctx,
        "sophistication",
        "listing",
        "Nasdaq 5605(c)(2)(A)",
        "At least one financially sophisticated member",
        "financial sophistication",
    )


def test_5605c2A_every_basis_of_sophistication_is_named():
    found = sophistication_of(
        (1, "Alice Chair", D(2024, 1, 1), None), (2, "Bob Member", None, "certification")
    )
    assert (found.status, found.director_ids) == (Status.MET, (1, 2))
    assert found.detail == (
        "Alice Chair is a designated audit committee financial expert (board determination of "
        "1 January 2024); Bob Member is financially sophisticated: professional certification "
        "in accounting (board finding of 2 February 2024)."
    )


def test_5605c2A_no_sophisticated_member_of_an_empty_committee_reads_none():
    found = sophistication_of()
    assert found.status == Status.FAILING
    assert found.detail.endswith("(members: none).")
