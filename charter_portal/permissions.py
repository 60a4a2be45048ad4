"""The one module of access rules every portal view uses.

Each confidential object is fetched through a ``get_<thing>_for_user`` helper that raises Http404
when the user may not see it, so a page never reveals that something exists to someone outside it.

Two reading levels of a committee (docs/architecture.md), decided here and nowhere else:

- ``ReadingLevel.DETAIL``: the committee's members on the day and the corporate secretary read
  everything the committee holds: explanations with names, family members, employers, amounts,
  advisors' payments, waiver reasons.
- ``ReadingLevel.SUMMARY``: a board reader reads each requirement's status, title and rule only.
- ``None``: nothing (a 404).

Every page, export and feed of a committee asks ``reading_level(user, committee, as_of)`` (or,
in templates, ``{% load confidential %}{% reading_level committee as reading %}`` and then
``{% if reading.is_detail %}``); an app added later (meetings, auditors, complaints) does the
same instead of checking roles itself.
"""

import datetime
from enum import StrEnum
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.validators import slug_re
from django.http import Http404
from django.utils import timezone

from charter_portal.roles import Role, committee_roles, has_group_role, is_secretary
from committees.models import Committee, Director
from committees.selectors import committee_ids_by_director


class ReadingLevel(StrEnum):
    DETAIL = "detail"
    SUMMARY = "summary"

    @property
    def is_detail(self) -> bool:
        return self is ReadingLevel.DETAIL

    @property
    def is_summary(self) -> bool:
        return self is ReadingLevel.SUMMARY


def _level(committee_id: int, seats, secretary: bool, reader: bool) -> ReadingLevel | None:
    if secretary or committee_id in seats:
        return ReadingLevel.DETAIL
    return ReadingLevel.SUMMARY if reader else None


def reading_level(user, committee: Committee, as_of: datetime.date) -> ReadingLevel | None:
    """How far ``user`` may read ``committee`` on ``as_of``: DETAIL for the secretary and the
    committee's members that day, SUMMARY for a board reader, None for everyone else."""
    return reading_levels(user, [committee], as_of).get(committee.pk)


def reading_levels(user, committees, as_of: datetime.date) -> dict[int, ReadingLevel]:
    """Committee id -> reading level, for the committees ``user`` may read at all (one query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    secretary = is_secretary(user)
    seats = {} if secretary else committee_roles(user, as_of)
    reader = has_group_role(user, Role.BOARD_READER)
    levels = {c.pk: _level(c.pk, seats, secretary, reader) for c in committees}
    return {pk: level for pk, level in levels.items() if level is not None}


def request_reading_level(request, committee: Committee) -> ReadingLevel | None:
    """``reading_level`` for the request's user today, with the user's seats read once per
    request: a dashboard of several committees costs one roster query."""
    memo = request.__dict__.get("_charter_reading")
    if memo is None:
        user = request.user
        active = getattr(user, "is_authenticated", False) and user.is_active
        secretary = active and is_secretary(user)
        memo = {
            "active": active,
            "secretary": secretary,
            "reader": active and has_group_role(user, Role.BOARD_READER),
            "seats": {} if secretary or not active else committee_roles(user, timezone.localdate()),
        }
        request.__dict__["_charter_reading"] = memo
    if not memo["active"]:
        return None
    return _level(committee.pk, memo["seats"], memo["secretary"], memo["reader"])


def readable_committee_ids(
    user, as_of: datetime.date, *, at_least: ReadingLevel = ReadingLevel.SUMMARY
) -> set[int] | None:
    """Ids of the committees ``user`` reads at ``at_least`` that level on ``as_of``; None means
    every committee. For lists and feeds that filter occurrences by committee id."""
    if at_least is ReadingLevel.SUMMARY:
        return visible_committee_ids(user, as_of)
    if is_secretary(user):
        return None
    return set(committee_roles(user, as_of))


def visible_committee_ids(user, as_of: datetime.date) -> set[int] | None:
    """Committees whose roster and compliance the user may see; None means all of them."""
    if is_secretary(user) or has_group_role(user, Role.BOARD_READER):
        return None
    return set(committee_roles(user, as_of))


def reads_any_committee(user, as_of: datetime.date) -> bool:
    """Whether the committee pages (list, calendar, evidence report) have anything for ``user``:
    what the navigation asks before it offers them."""
    ids = visible_committee_ids(user, as_of)
    return ids is None or bool(ids)


def has_own_deadlines(user, as_of: datetime.date) -> bool:
    """Whether deadlines can be ``user``'s to meet (the secretary's, a serving member's): who the
    personal calendar feed is for. Board readers and investigators are reminded of nothing."""
    return is_secretary(user) or bool(committee_roles(user, as_of))


def visible_committees(user, as_of: datetime.date):
    ids = visible_committee_ids(user, as_of)
    committees = Committee.objects.order_by("name")
    return committees if ids is None else committees.filter(pk__in=ids)


def can_view_committee(user, committee: Committee, as_of: datetime.date) -> bool:
    return reading_level(user, committee, as_of) is not None


def get_committee_for_user(user, slug: str, as_of: datetime.date | None = None) -> Committee:
    as_of = as_of or timezone.localdate()
    # The slug may come from a query string: one no committee could have (a NUL byte makes
    # PostgreSQL refuse the query) is simply not found.
    is_slug = isinstance(slug, str) and slug_re.fullmatch(slug) is not None
    committee = Committee.objects.filter(slug=slug).first() if is_slug else None
    if committee is None or not can_view_committee(user, committee, as_of):
        raise Http404("No such committee.")
    return committee


def director_files_visible_to(user, directors, as_of: datetime.date) -> set[int]:
    """The ids among ``directors`` whose file (facts, determinations) ``user`` may open: the
    secretary, the director, and current colleagues on a committee the director sits on. Board
    readers see rosters, not personal files. One query for a whole roster."""
    directors = list(directors)
    if is_secretary(user):
        return {director.pk for director in directors}
    mine = set(committee_roles(user, as_of))
    seats = committee_ids_by_director({d.pk for d in directors}, as_of) if mine else {}
    return {
        director.pk
        for director in directors
        if (director.user_id is not None and director.user_id == user.pk)
        or mine & seats.get(director.pk, set())
    }


def can_view_director_file(user, director: Director, as_of: datetime.date) -> bool:
    return director.pk in director_files_visible_to(user, [director], as_of)


def get_director_for_user(user, pk: int, as_of: datetime.date | None = None) -> Director:
    as_of = as_of or timezone.localdate()
    director = Director.objects.filter(pk=pk).first()
    if director is None or not can_view_director_file(user, director, as_of):
        raise Http404("No such director.")
    return director


def can_manage_committee(user, committee: Committee, as_of: datetime.date) -> bool:
    """Record things on the committee's behalf: the secretary or the committee's chair."""
    return is_secretary(user) or committee_roles(user, as_of).get(committee.pk) == Role.CHAIR


def portal_view(view):
    """Every portal page: a logged-in, active user; objects then come through the helpers."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_active:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
