"""The plain words every finding is written in (docs/rules.md: rules in plain words,
cited by id): dates, money to the cent, percentages, lists of names, periods, and the family
members of Nasdaq 5605(a)(2) by their relationship."""

import datetime
from decimal import Decimal

import pytest

from committees.compliance import text
from committees.models import Director, FamilyMember

D = datetime.date
DANA = Director(full_name="Dana Whitfield")


def test_findings_write_dates_in_words():
    assert text.day(D(2026, 3, 2)) == "2 March 2026"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (Decimal("120000.01"), "$120,000.01"),
        (Decimal("0.01"), "$0.01"),
        (5, "$5.00"),
        (Decimal("1234567.5"), "$1,234,567.50"),
    ],
)
def test_5605a2B_money_is_written_to_the_cent(amount, words):
    assert text.money(amount) == words


@pytest.mark.parametrize(
    ("value", "words"), [(Decimal("10"), "10.00%"), (Decimal("10.01"), "10.01%"), (5, "5.00%")]
)
def test_10a3e1_voting_equity_is_written_to_two_places(value, words):
    assert text.percent(value) == words


@pytest.mark.parametrize(
    ("items", "words"),
    [
        ([], ""),
        (["Alice Chair"], "Alice Chair"),
        (["Alice Chair", "Bob Member"], "Alice Chair and Bob Member"),
        (["Alice Chair", "Bob Member", "Carla Diaz"], "Alice Chair, Bob Member and Carla Diaz"),
        (("A", "B", "C", "D"), "A, B, C and D"),
    ],
)
def test_5605c2A_rosters_are_listed_in_words(items, words):
    assert text.names(items) == words


def test_5605a2_periods_are_open_or_closed():
    assert text.period(D(2026, 3, 2), None) == "since 2 March 2026"
    assert text.period(D(2026, 3, 2), D(2026, 3, 2)) == "from 2 March 2026 to 2 March 2026"


@pytest.mark.parametrize(
    ("relationship", "word"),
    [
        (FamilyMember.Relationship.SPOUSE, "spouse"),
        (FamilyMember.Relationship.PARENT, "parent"),
        (FamilyMember.Relationship.CHILD, "child"),
        (FamilyMember.Relationship.STEPCHILD, "stepchild"),
        (FamilyMember.Relationship.SIBLING, "sibling"),
        (FamilyMember.Relationship.PARENT_IN_LAW, "parent-in-law"),
        (FamilyMember.Relationship.CHILD_IN_LAW, "child-in-law"),
        (FamilyMember.Relationship.SIBLING_IN_LAW, "sibling-in-law"),
        (FamilyMember.Relationship.HOUSEHOLD, "household member"),
        ("cousin", "family member"),  # a relationship without its own word still reads
    ],
)
def test_5605a2_family_members_are_named_by_their_relationship(relationship, word):
    relative = FamilyMember(director=DANA, name="Sam Whitfield", relationship=relationship)
    assert text.person(DANA, relative) == f"Dana Whitfield's {word} Sam Whitfield"
    assert text.person(DANA) == "Dana Whitfield"


@pytest.mark.parametrize(
    ("words", "sentence"),
    [
        ("", ""),
        ("   ", ""),
        (" the vacancy cure ended ", "The vacancy cure ended."),
        ("the cure ended.", "The cure ended."),
        ("a", "A."),
    ],
)
def test_findings_are_whole_sentences(words, sentence):
    assert text.sentence(words) == sentence


@pytest.mark.parametrize(
    ("words", "after"),
    [
        ("The board found it.", "the board found it."),
        ("Theodore left.", "Theodore left."),
        ("Dana Whitfield was employed.", "Dana Whitfield was employed."),
    ],
)
def test_findings_continue_after_a_colon(words, after):
    assert text.after_colon(words) == after
