"""Who a user is to the portal.

Secretary, investigator and board reader are groups kept by the secretary; chair and member come
from the committee roster on the day in question, so leaving the committee ends access that day.

This is the one definition of the roles. Domain apps may import it (a notice goes to the
secretaries, an admin page is the secretary's): it loads no domain module at import time.
"""

import datetime
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.utils import timezone


class Role(StrEnum):
    SECRETARY = "secretary"
    CHAIR = "chair"
    MEMBER = "member"
    INVESTIGATOR = "investigator"
    BOARD_READER = "board_reader"


# Roles granted through a Django group of this name.
GROUP_NAMES = {
    Role.SECRETARY: "Secretary",
    Role.INVESTIGATOR: "Investigator",
    Role.BOARD_READER: "Board reader",
}


def _group_names(user) -> set[str]:
    if getattr(user, "_charter_group_names", None) is None:
        _identity(user, timezone.localdate())
    return user._charter_group_names


def _identity(user, as_of: datetime.date) -> None:
    """Who the user is on ``as_of``, in one query for every page: the user's group names and
    seats (committee, role and the committee's kind), kept on the user object for the request."""
    from django.db.models import CharField, IntegerField, Value

    from committees.models import Membership

    def text(value):
        return Value(value, output_field=CharField())

    groups = user.groups.order_by().values_list(
        text("group"), "name", Value(0, IntegerField()), text("")
    )
    seats = (
        Membership.objects.active_on(as_of)
        .filter(director__user=user)
        .order_by()
        .values_list(text("seat"), "role", "committee_id", "committee__kind")
    )
    names, roles, kinds = set(), {}, {}
    for source, name, committee_id, kind in groups.union(seats, all=True):
        if source == "group":
            names.add(name)
        else:
            roles[committee_id] = Role.CHAIR if name == "chair" else Role.MEMBER
            kinds[committee_id] = kind
    user._charter_group_names = names
    _memo(user, "_charter_committee_roles")[as_of] = roles
    _memo(user, "_charter_committee_kinds")[as_of] = kinds


def _memo(user, name: str) -> dict:
    memo = getattr(user, name, None)
    if memo is None:
        memo = {}
        setattr(user, name, memo)
    return memo


def has_group_role(user, role: Role) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if role == Role.SECRETARY and user.is_superuser:
        return True
    return GROUP_NAMES[role] in _group_names(user)


def is_secretary(user) -> bool:
    return has_group_role(user, Role.SECRETARY)


def secretaries():
    """Active users in the Secretary group, by email: who hears of every committee matter."""
    users = get_user_model().objects.filter(groups__name=GROUP_NAMES[Role.SECRETARY])
    return users.filter(is_active=True).distinct().order_by("email")


def committee_roles(user, as_of: datetime.date) -> dict[int, Role]:
    """Committee id -> CHAIR or MEMBER for the committees the user sits on, on ``as_of``.

    Read once per user object and day, like the groups: a page that asks for every link it
    shows (may this reader record the review? open this director's file?) costs one query."""
    if not user.is_authenticated or not user.is_active:
        return {}
    memo = _memo(user, "_charter_committee_roles")
    if as_of not in memo:
        if as_of == timezone.localdate():
            _identity(user, as_of)
        else:
            from committees.selectors import committee_roles_of_user

            memo[as_of] = {
                committee_id: Role.CHAIR if role == "chair" else Role.MEMBER
                for committee_id, role in committee_roles_of_user(user, as_of).items()
            }
    return dict(memo[as_of])


def committee_kinds(user, as_of: datetime.date) -> dict[int, str]:
    """Committee id -> kind ("audit", ...) of the committees the user sits on, on ``as_of``."""
    if not user.is_authenticated or not user.is_active:
        return {}
    memo = _memo(user, "_charter_committee_kinds")
    if as_of not in memo:
        if as_of == timezone.localdate():
            _identity(user, as_of)
        else:
            from committees.models import Membership

            rows = Membership.objects.active_on(as_of).filter(director__user=user)
            memo[as_of] = dict(rows.values_list("committee_id", "committee__kind"))
    return dict(memo[as_of])


def roles_of(user, as_of: datetime.date) -> set[Role]:
    roles = {role for role in GROUP_NAMES if has_group_role(user, role)}
    roles.update(committee_roles(user, as_of).values())
    return roles
