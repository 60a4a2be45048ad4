"""The one module of access rules every portal view uses.

Each confidential object is fetched through a ``get_<thing>_for_user`` helper that raises Http404
when the user may not see it, so a page never reveals that something exists to someone outside it.
"""

import datetime
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.validators import slug_re
from django.http import Http404
from django.utils import timezone

from charter_portal.roles import Role, committee_roles, has_group_role, is_secretary
from committees.models import Committee, Director
from committees.selectors import committee_ids_by_director


def visible_committee_ids(user, as_of: datetime.date) -> set[int] | None:
    """Committees whose roster and compliance the user may see; None means all of them."""
    if is_secretary(user) or has_group_role(user, Role.BOARD_READER):
        return None
    return set(committee_roles(user, as_of))


def visible_committees(user, as_of: datetime.date):
    ids = visible_committee_ids(user, as_of)
    committees = Committee.objects.order_by("name")
    return committees if ids is None else committees.filter(pk__in=ids)


def can_view_committee(user, committee: Committee, as_of: datetime.date) -> bool:
    ids = visible_committee_ids(user, as_of)
    return ids is None or committee.pk in ids


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
