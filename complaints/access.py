"""Who may read a case (Charter responsibility 5; RULES 6): the one place it is decided.

- the chair of the committee that owns the case, on the day;
- the committee's members its complaints policy names as readers, on the day;
- investigators (Investigator group) assigned to the case, while assigned;
- anyone the chair granted the case to (the secretary, counsel), until revoked;

and never a director excluded from the case (named by the reporter or in the case, or recused):
for them, whatever else they are, the case does not exist. The secretary without a grant sees
the case's number, dates and status in the administration only.

Views get a case through ``get_case_for_user``, which raises Http404 for anyone who may not
read it, so a page never reveals that a case exists.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from charter_portal.roles import Role, committee_roles, has_group_role, is_secretary
from complaints.models import (
    Case,
    CaseAssignment,
    CaseExclusion,
    ComplaintsPolicy,
    ContentGrant,
)


def _director_id(user) -> int | None:
    director = getattr(user, "director", None) if user.is_authenticated else None
    return getattr(director, "pk", None)


def _reader_filter(user, as_of: datetime.date) -> Q:
    """Cases of the committees whose every case the user reads: as chair, or as a reader the
    policy names (a subquery, not a query of its own)."""
    seats = committee_roles(user, as_of)
    allowed = Q(committee_id__in=[pk for pk, role in seats.items() if role == Role.CHAIR])
    if seats:
        named = ComplaintsPolicy.objects.filter(
            committee_id=OuterRef("committee_id"),
            committee_id__in=list(seats),
            readers__user_id=user.pk,
        )
        allowed |= Q(Exists(named))
    return allowed


def readable_cases(user, as_of: datetime.date):
    """Every case ``user`` may read on ``as_of``, as a queryset (none for most users)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    allowed = _reader_filter(user, as_of)
    allowed |= Q(
        Exists(ContentGrant.objects.filter(case=OuterRef("pk"), user=user, revoked_at=None))
    )
    if has_group_role(user, Role.INVESTIGATOR):
        assigned = CaseAssignment.objects.filter(case=OuterRef("pk"), user=user, ended_at=None)
        allowed |= Q(Exists(assigned))
    # Never a case the user's director is excluded from (by the director's user: no query).
    excluded = CaseExclusion.objects.filter(case=OuterRef("pk"), director__user_id=user.pk)
    return Case.objects.filter(allowed).exclude(Exists(excluded))


def get_case_for_user(user, pk, as_of: datetime.date) -> Case:
    """The case ``pk`` if ``user`` may read it on ``as_of``, with its committee and policy (one
    query); otherwise Http404."""
    cases = readable_cases(user, as_of).filter(pk=pk)
    case = cases.select_related("committee__complaints_policy").first()
    if case is None:
        raise Http404("No such case.")
    return case


@dataclass(frozen=True)
class CaseRights:
    """What a reader may do with a case they can read."""

    manage: bool  # the chair: assign, exclude, grant, legal hold, severity, access log
    work: bool  # the chair and assigned investigators: status, messages to the reporter

    @property
    def note(self) -> bool:
        return True  # every reader may add an internal note


def rights_for(user, case: Case, as_of: datetime.date) -> CaseRights:
    chair = committee_roles(user, as_of).get(case.committee_id) == Role.CHAIR
    assigned = (
        has_group_role(user, Role.INVESTIGATOR)
        and CaseAssignment.objects.filter(case=case, user=user, ended_at=None).exists()
    )
    return CaseRights(manage=chair, work=chair or assigned)


def can_see_statistics(user, committee, as_of: datetime.date) -> bool:
    """Counts without identities: the owning committee's members on the day and the secretary."""
    return is_secretary(user) or committee.pk in committee_roles(user, as_of)


def statistics_committees(user, as_of: datetime.date):
    """The committees owning complaint handling whose statistics ``user`` may read."""
    from committees.models import Committee

    owners = Committee.objects.filter(complaints_policy__isnull=False).order_by("name")
    if is_secretary(user):
        return owners
    return owners.filter(pk__in=list(committee_roles(user, as_of)))


def is_excluded(user, case: Case) -> bool:
    director_id = _director_id(user)
    return director_id is not None and case.exclusions.filter(director_id=director_id).exists()
