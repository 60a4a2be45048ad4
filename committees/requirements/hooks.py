"""The hooks through which the deadline engine reads committees, the fiscal calendar and the
people concerned."""

import datetime

from charter_portal.roles import is_secretary, secretaries
from committees.models import Committee, CompanyProfile, Director, Membership
from committees.requirements.composition import composition_prime
from committees.selectors import committee_roles_of_user


def committee_subjects(as_of: datetime.date) -> list[Committee]:
    """Every committee. The call starts an engine run, so it also primes the composition memo."""
    committees = list(Committee.objects.order_by("pk"))
    composition_prime(committees, as_of)
    return committees


def fiscal_year(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    # With no profile yet, the model's defaults (a calendar year) apply.
    profile = CompanyProfile.current_or_default()
    return profile.fiscal_year_bounds(profile.fiscal_year_of(day))


def seated_and_secretaries(
    committees, as_of: datetime.date, *, chairs_only: bool = False
) -> dict[int, list]:
    """Committee id -> its chair and members serving on ``as_of`` who log in (its chair only,
    with ``chairs_only``), then the secretaries: two queries for any number of committees, so
    the personal feed asks once for all it lists."""
    seats = Membership.objects.active_on(as_of).filter(
        committee__in=[c.pk for c in committees], director__user__is_active=True
    )
    if chairs_only:
        seats = seats.filter(role=Membership.Role.CHAIR)
    found: dict[int, list] = {committee.pk: [] for committee in committees}
    for seat in seats.select_related("director__user").order_by("role", "director__full_name"):
        found[seat.committee_id].append(seat.director.user)
    staff = list(secretaries())
    return {pk: users + staff for pk, users in found.items()}


def responsible(committee, as_of: datetime.date) -> list:
    """The committee's chair and members serving on ``as_of`` who log in, and the secretary."""
    return seated_and_secretaries([committee], as_of)[committee.pk]


responsible.for_subjects = seated_and_secretaries


def escalation_recipients(committee, as_of: datetime.date) -> list:
    """The chair of the board (CompanyProfile.board_chair) and the corporate secretary."""
    users = []
    profile = CompanyProfile.objects.select_related("board_chair__user").order_by("pk").first()
    chair = profile.board_chair if profile else None
    if chair is not None and chair.user is not None and chair.user.is_active:
        users.append(chair.user)
    return users + list(secretaries())


def affected_committees(record) -> list[int] | None:
    """The committees whose duties a saved or deleted committees record can change: its own
    committee, the committees its director has sat on, or (None) every committee, for the
    company profile and records reached only through others (a payment, an answer)."""
    if isinstance(record, Committee):
        return [record.pk]
    committee_id = getattr(record, "committee_id", None)
    if committee_id is not None:
        return [committee_id]
    director_id = (
        record.pk if isinstance(record, Director) else getattr(record, "director_id", None)
    )
    if director_id is not None:
        seats = Membership.objects.filter(director_id=director_id)
        return list(seats.values_list("committee_id", flat=True).distinct())
    for field in record._meta.concrete_fields:
        # One step up: a notice to the exchange belongs to its episode's committee, a question
        # to its questionnaire's.
        parent = field.related_model if field.many_to_one else None
        if parent is not None and any(f.name == "committee" for f in parent._meta.fields):
            parent_id = getattr(record, field.attname)
            ids = parent.objects.filter(pk=parent_id).values_list("committee_id", flat=True)
            return list(ids)
    return None


def can_waive(user, occurrence, as_of: datetime.date) -> bool:
    """The committee's chair on ``as_of`` or the corporate secretary."""
    if is_secretary(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return committee_roles_of_user(user, as_of).get(occurrence.committee_id) == "chair"
