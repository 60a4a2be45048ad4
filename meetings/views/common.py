"""What the meetings pages share: reading the committee and the meeting through the access
helpers, and putting a service's refusal on its form."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charter_portal.permissions import get_committee_for_user
from meetings.access import (
    can_run_meetings,
    get_meeting_for_user,
)


def apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def committee_of(request, slug):
    today = timezone.localdate()
    return get_committee_for_user(request.user, slug, today), today


def meeting_of(request, slug, pk):
    committee, today = committee_of(request, slug)
    return get_meeting_for_user(request.user, committee, pk, today), today


def managed_meeting_of(request, slug, pk):
    meeting, today = meeting_of(request, slug, pk)
    if not can_run_meetings(request.user, meeting.committee, today):
        raise PermissionDenied("Only the committee's chair or the secretary runs its meetings.")
    return meeting, today
