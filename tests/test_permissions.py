"""Every committee page x every role of the fixed cast (security target 6): the exact status, and
no confidential marker in a response the role may not see. A director's file is open to the
secretary, the director and current colleagues; rosters to the committees' members, the secretary
and board readers; everyone else gets 404, never a hint that the thing exists."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from charter_portal.permissions import can_view_director_file, director_files_visible_to
from committees.models import Compensation
from tests import factories as f
from tests.conftest import ROLES, TODAY

# The confidential markers: Bob's and Carol's board notes and payments, and each committee's
# member names (the other committee's members are confidential to outsiders of it).
BOB_NOTE = "Bob-note-7731: spouse consults for a supplier"
BOB_PAY = "54,321.17"
CAROL_NOTE = "Carol-note-4410: reviewed family holdings"
CAROL_PAY = "12,345.67"
AUDIT_NAMES = ("Alice Chair", "Bob Member")
OTHER_NAMES = ("Carol Other",)

PAGES = [
    "home",
    "list",
    "audit",
    "audit_past",
    "compensation",
    "alice",
    "bob",
    "bob_past",
    "carol",
    "missing_committee",
    "missing_director",
]

# role -> pages answering 200; every other page answers 404 (anonymous: 302 to log in).
ALLOWED = {
    "chair": {"home", "list", "audit", "audit_past", "alice", "bob", "bob_past"},
    "member": {"home", "list", "audit", "audit_past", "alice", "bob", "bob_past"},
    "other_member": {"home", "list", "compensation", "carol"},
    "investigator": {"home", "list"},
    "secretary": {p for p in PAGES if not p.startswith("missing")},
    "board_reader": {"home", "list", "audit", "audit_past", "compensation"},
    "outsider": {"home", "list"},
    "anonymous": set(),
}

# role -> markers that may appear somewhere on the pages it can open.
MAY_SEE = {
    "chair": {BOB_NOTE, BOB_PAY, *AUDIT_NAMES},
    "member": {BOB_NOTE, BOB_PAY, *AUDIT_NAMES},
    "other_member": {CAROL_NOTE, CAROL_PAY, *OTHER_NAMES},
    "investigator": set(),
    "secretary": {BOB_NOTE, BOB_PAY, CAROL_NOTE, CAROL_PAY, *AUDIT_NAMES, *OTHER_NAMES},
    "board_reader": {*AUDIT_NAMES, *OTHER_NAMES},
    "outsider": set(),
    "anonymous": set(),
}
ALL_MARKERS = {BOB_NOTE, BOB_PAY, CAROL_NOTE, CAROL_PAY, *AUDIT_NAMES, *OTHER_NAMES}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


@pytest.fixture
def cast(chair, member, other_member, investigator, secretary, board_reader, outsider):
    bob, carol = member.director, other_member.director
    f.IndependenceDeterminationFactory(
        director=bob, determined_on=datetime.date(2025, 2, 1), notes=BOB_NOTE
    )
    f.IndependenceDeterminationFactory(
        director=carol, determined_on=datetime.date(2025, 2, 1), notes=CAROL_NOTE
    )
    for director, amount in ((bob, "54321.17"), (carol, "12345.67")):
        Compensation.objects.create(
            director=director,
            paid_on=datetime.date(2025, 12, 31),
            amount=Decimal(amount),
            kind=Compensation.Kind.BOARD_FEES,
        )
    return {
        "chair": chair,
        "member": member,
        "other_member": other_member,
        "investigator": investigator,
        "secretary": secretary,
        "board_reader": board_reader,
        "outsider": outsider,
        "anonymous": None,
    }


def _urls(cast) -> dict[str, str]:
    def director(user, query=""):
        return reverse("committees:director", args=[user.director.pk]) + query

    return {
        "home": reverse("home"),
        "list": reverse("committees:list"),
        "audit": reverse("committees:detail", args=["audit"]),
        "audit_past": reverse("committees:detail", args=["audit"]) + "?as_of=2024-06-01",
        "compensation": reverse("committees:detail", args=["compensation"]),
        "alice": director(cast["chair"]),
        "bob": director(cast["member"]),
        "bob_past": director(cast["member"], "?as_of=2024-06-01"),
        "carol": director(cast["other_member"]),
        "missing_committee": reverse("committees:detail", args=["no-such-committee"]),
        "missing_director": reverse("committees:director", args=[987654]),
    }


def _client(cast, role, client_for) -> Client:
    user = cast[role]
    return Client() if user is None else client_for(user)


def _text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_with_the_exact_status(role, cast, client_for):
    client = _client(cast, role, client_for)
    for page, url in _urls(cast).items():
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302, page
            assert response["Location"].startswith(reverse("login") + "?next="), page
        else:
            expected = 200 if page in ALLOWED[role] else 404
            assert response.status_code == expected, (role, page, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_no_response_shows_a_marker_the_role_may_not_see(role, cast, client_for):
    client = _client(cast, role, client_for)
    forbidden = ALL_MARKERS - MAY_SEE[role]
    own_name = cast[role].full_name if cast[role] else None
    seen = set()
    for page, url in _urls(cast).items():
        body = _text(client.get(url))
        for marker in forbidden - {own_name}:
            assert marker not in body, (role, page, marker)
        seen.update(marker for marker in MAY_SEE[role] if marker in body)
    # The allowed markers really are on the pages, so the absence above means something.
    assert seen == MAY_SEE[role]


def test_a_404_looks_the_same_whether_or_not_the_thing_exists(cast, client_for):
    client = client_for(cast["chair"])
    hidden = client.get(reverse("committees:detail", args=["compensation"]))
    missing = client.get(reverse("committees:detail", args=["no-such-committee"]))
    assert hidden.status_code == missing.status_code == 404
    assert "Compensation" not in _text(hidden)
    hidden_file = client.get(
        reverse("committees:director", args=[cast["other_member"].director.pk])
    )
    assert hidden_file.status_code == 404
    assert "Carol" not in _text(hidden_file)


def test_pages_refuse_anything_but_get(cast, client_for):
    client = client_for(cast["secretary"])
    for page in ("home", "list", "audit", "bob"):
        assert client.post(_urls(cast)[page]).status_code == 405, page


def test_the_bulk_director_check_agrees_with_can_view_director_file(cast):
    """permissions.director_files_visible_to is the one-query form of can_view_director_file."""
    directors = [cast[r].director for r in ("chair", "member", "other_member")]
    for role in ROLES[:-1]:
        user = cast[role]
        expected = {d.pk for d in directors if can_view_director_file(user, d, TODAY)}
        assert director_files_visible_to(user, directors, TODAY) == expected, role


@pytest.fixture
def leaver(audit_committee, member):
    """Dan sat on the audit committee until 15 June 2026 (his last day)."""
    user = f.UserFactory(email="dan.leaver@example.test", full_name="Dan Leaver")
    director = f.DirectorFactory(full_name="Dan Leaver", user=user)
    f.seat_qualified_member(audit_committee, director=director)
    director.memberships.update(end_date=TODAY)
    return user


@pytest.mark.parametrize(
    ("day", "expected"),
    [(TODAY, 200), (TODAY + datetime.timedelta(days=1), 404)],
    ids=["last-day", "day-after"],
)
def test_access_ends_the_day_after_the_membership_ends(day, expected, leaver, member, client_for):
    noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    with time_machine.travel(noon, tick=False):
        client = client_for(leaver)
        urls = [
            reverse("committees:detail", args=["audit"]),
            reverse("committees:director", args=[member.director.pk]),
            # A former member cannot look back by asking for a date when they served.
            reverse("committees:detail", args=["audit"]) + "?as_of=2025-01-01",
        ]
        for url in urls:
            assert client.get(url).status_code == expected, url
        # Their own file stays theirs.
        own = reverse("committees:director", args=[leaver.director.pk])
        assert client.get(own).status_code == 200
        home = _text(client.get(reverse("home")))
        if expected == 200:
            assert "Audit Committee" in home
        else:
            assert "Bob Member" not in home
            assert "Your seat ended" in home
            assert "15 June 2026" in home
