"""The demo's fictional people: the Northwind board, the committee seats and the staff logins."""

from dataclasses import dataclass
from decimal import Decimal

from charter_portal.roles import Role
from committees.models import (
    Membership,
)

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105  (demo logins only; refused in production)
COMPANY = "Northwind Instruments, Inc."
DOMAIN = "northwind.example"
# Elena Petrova's brother became an executive officer of a newly acquired subsidiary this many
# days before the demo's date, so a cure period is running when the portal first starts.
EVENT_DAYS_BEFORE = 58
REVIEW_OVERDUE_DAYS = 24  # the audit committee's annual charter review is this many days late
EVALUATION_DUE_IN_DAYS = 20  # its self-evaluation falls due this many days after the demo date
ANNUAL_MEETING_DAYS_AHEAD = 115
RETAINER = Decimal("70000.00")
CHAIR_RETAINER = {"audit": Decimal("25000.00"), "compensation": Decimal("15000.00")}
MEMBER_RETAINER = Decimal("10000.00")


@dataclass(frozen=True)
class DemoDirector:
    key: str
    full_name: str
    years_on_board: int
    biography: str
    login: str = ""  # the portal role this director logs in with, if any
    user_email: str = ""

    @property
    def email(self) -> str:
        return self.user_email or f"{self.key}@{DOMAIN}"


BOARD = (
    DemoDirector(
        "thomas.brennan",
        "Thomas Brennan",
        9,
        "Independent chair of the board. Former chief executive of Harbor Point Controls, an "
        "industrial automation company he led through its public listing; serves on the board "
        "of a regional hospital system.",
        login="Board reader (board member outside the committees)",
        user_email=f"board.reader@{DOMAIN}",
    ),
    DemoDirector(
        "james.whitfield",
        "James Whitfield",
        6,
        "President and chief executive officer of Northwind since 2020. Previously ran the test "
        "and measurement division of a global electronics group.",
    ),
    DemoDirector(
        "margaret.chen",
        "Margaret Chen",
        5,
        "Chair of the audit committee. Certified public accountant; former chief financial "
        "officer of Cascade Semiconductor, a Nasdaq-listed chip maker, after twelve years in "
        "audit at a national accounting firm.",
        login="Audit committee chair",
    ),
    DemoDirector(
        "david.okafor",
        "David Okafor",
        3,
        "Former chief operating officer of Lakeshore Medical Devices, where he oversaw "
        "manufacturing in four countries and sat on the disclosure committee.",
        login="Audit committee member",
    ),
    DemoDirector(
        "elena.petrova",
        "Elena Petrova",
        4,
        "Professor of accounting at a state university and author on revenue recognition; "
        "formerly a controller in the European subsidiary of an instrument maker.",
    ),
    DemoDirector(
        "robert.hayes",
        "Robert Hayes",
        7,
        "Chair of the compensation committee. Former chief human resources officer of a global "
        "industrial company with 40,000 employees.",
    ),
    DemoDirector(
        "priya.raman",
        "Priya Raman",
        2,
        "General manager of the industrial software business of a large technology company; "
        "earlier a strategy consultant to manufacturers.",
        login="Compensation committee member",
    ),
    DemoDirector(
        "sofia.alvarez",
        "Sofia Alvarez",
        5,
        "Chief operating officer of Meridian Freight Logistics, a privately held carrier that "
        "handles part of Northwind's freight on ordinary commercial terms.",
    ),
)
AUDIT = (
    ("margaret.chen", Membership.Role.CHAIR),
    ("david.okafor", Membership.Role.MEMBER),
    ("elena.petrova", Membership.Role.MEMBER),
)
COMPENSATION = (
    ("robert.hayes", Membership.Role.CHAIR),
    ("priya.raman", Membership.Role.MEMBER),
    ("sofia.alvarez", Membership.Role.MEMBER),
)


def demo_director(key: str) -> DemoDirector:
    return next(person for person in BOARD if person.key == key)


STAFF_USERS = (
    (f"secretary@{DOMAIN}", "Hannah Lindqvist", Role.SECRETARY, "Corporate secretary (admin)"),
    (f"investigator@{DOMAIN}", "Rachel Kim", Role.INVESTIGATOR, "Investigator (internal audit)"),
)
