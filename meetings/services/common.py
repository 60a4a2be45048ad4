"""What the meetings' writes share: clean text, the people told, and the record's lock."""

from django.core.exceptions import ValidationError

from charter_portal.roles import secretaries
from committees.models import Membership

MAX_TEXT = 20_000


def clean_text(value, field: str, *, limit: int = MAX_TEXT, required: bool = False) -> str:
    text = "" if value is None else str(value).strip()
    if "\x00" in text:
        raise ValidationError({field: "This text contains a character that cannot be stored."})
    if len(text) > limit:
        raise ValidationError({field: f"Keep this under {limit:,} characters."})
    if required and not text:
        raise ValidationError({field: "This cannot be empty."})
    return text


def members_and_secretaries(meeting) -> list:
    """Who is told about a meeting: the members serving on its day who log in, and the
    secretaries."""
    seats = (
        Membership.objects.active_on(meeting.day)
        .filter(committee_id=meeting.committee_id, director__user__is_active=True)
        .select_related("director__user")
        .order_by("role", "director__full_name")
    )
    users = {seat.director.user.pk: seat.director.user for seat in seats}
    for user in secretaries():
        users.setdefault(user.pk, user)
    return list(users.values())


def refuse_if_locked(meeting, what: str) -> None:
    """Once its minutes are approved a meeting's record is the committee's: no edits."""
    from meetings.models import Minutes

    locked = Minutes.objects.filter(meeting_id=meeting.pk, status=Minutes.Status.APPROVED)
    if meeting.pk and locked.exists():
        raise ValidationError(
            f"The minutes of this meeting are approved and locked, so its {what} can no longer "
            "change; minute a correction at a later meeting."
        )
