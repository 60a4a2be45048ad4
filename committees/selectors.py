"""Reads of the roster used by pages and by the portal's access rules."""

import datetime

from committees.models import Membership


def committee_roles_of_user(user, as_of: datetime.date) -> dict[int, str]:
    """Committee id -> 'chair' or 'member' for the committees the user's director sits on."""
    rows = Membership.objects.active_on(as_of).filter(director__user=user)
    return dict(rows.values_list("committee_id", "role"))


def committee_ids_of_director(director, as_of: datetime.date) -> set[int]:
    rows = Membership.objects.active_on(as_of).filter(director=director)
    return set(rows.values_list("committee_id", flat=True))


def committee_summaries(committees, as_of):  # TEMPORARY: replaced by the portal helper
    return []
