"""Plain-language pieces for findings: dates as "2 March 2026", money as "$120,000.01"."""

import datetime
from decimal import Decimal

from committees.models import FamilyMember
from deadlines.wording import day_words

# How a relationship reads in a sentence ("Dana Whitfield's sibling Evan Whitfield").
RELATIONSHIP_WORDS = {
    FamilyMember.Relationship.SPOUSE: "spouse",
    FamilyMember.Relationship.PARENT: "parent",
    FamilyMember.Relationship.STEPPARENT: "stepparent",
    FamilyMember.Relationship.CHILD: "child",
    FamilyMember.Relationship.STEPCHILD: "stepchild",
    FamilyMember.Relationship.SIBLING: "sibling",
    FamilyMember.Relationship.STEPSIBLING: "stepsibling",
    FamilyMember.Relationship.PARENT_IN_LAW: "parent-in-law",
    FamilyMember.Relationship.CHILD_IN_LAW: "child-in-law",
    FamilyMember.Relationship.SIBLING_IN_LAW: "sibling-in-law",
    FamilyMember.Relationship.HOUSEHOLD: "household member",
}


def day(value: datetime.date) -> str:
    return day_words(value)


def money(amount: Decimal) -> str:
    return f"${Decimal(amount):,.2f}"


def percent(value: Decimal) -> str:
    return f"{Decimal(value):.2f}%"


def names(items) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def period(start: datetime.date, end: datetime.date | None) -> str:
    return f"since {day(start)}" if end is None else f"from {day(start)} to {day(end)}"


def person(director, family_member=None) -> str:
    """The director's name, or "<director>'s <relationship> <name>" for a family member."""
    if family_member is None:
        return director.full_name
    word = RELATIONSHIP_WORDS.get(family_member.relationship, "family member")
    return f"{director.full_name}'s {word} {family_member.name}"


def sentence(words: str) -> str:
    """Capitalised, with a full stop."""
    words = words.strip()
    if not words:
        return ""
    words = words[0].upper() + words[1:]
    return words if words.endswith(".") else words + "."


def after_colon(words: str) -> str:
    """A sentence continued after a colon: "The board found..." becomes "the board found..."."""
    return "t" + words[1:] if words.startswith("The ") else words
