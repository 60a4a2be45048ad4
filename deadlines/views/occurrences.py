"""One occurrence: what it is, its evidence, waiver and notices; the waiver form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from charter_portal.permissions import can_view_committee, portal_view
from deadlines.forms import WaiverForm
from deadlines.freshness import occurrences_ensure_fresh
from deadlines.models import Occurrence
from deadlines.registry import registry
from deadlines.selectors import fiscal_year_of, item_for
from deadlines.services import waiver_grant


def get_occurrence_for_user(user, pk: int, today) -> Occurrence:
    """The occurrence with everything its page shows, or 404 when the user may not see its
    committee (or it does not exist)."""
    committee_ids = Occurrence.objects.filter(pk=pk).values_list("committee_id", flat=True)
    occurrences_ensure_fresh(list(committee_ids), as_of=today)
    occurrence = (
        Occurrence.objects.select_related("committee", "waiver__granted_by")
        .prefetch_related("evidence", "reminders__recipients")
        .filter(pk=pk)
        .first()
    )
    if occurrence is None or not can_view_committee(user, occurrence.committee, today):
        raise Http404("No such deadline.")
    return occurrence


def _apply_waiver(request, occurrence, form, today) -> bool:
    if not form.is_valid():
        return False
    try:
        waiver_grant(
            occurrence=occurrence,
            user=request.user,
            reason=form.cleaned_data["reason"],
            as_of=today,
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error("reason" if hasattr(error, "error_dict") else None, message)
        return False
    return True


@portal_view
@require_http_methods(["GET", "POST"])
def occurrence_detail(request, pk):
    today = timezone.localdate()
    occurrence = get_occurrence_for_user(request.user, pk, today)
    can_waive = occurrence.is_open and registry.can_waive(request.user, occurrence, today)
    form = None
    if request.method == "POST":
        if not can_waive:
            if not occurrence.is_open:
                messages.error(
                    request, "This requirement is no longer open, so it cannot be waived."
                )
                return redirect("deadlines:occurrence", pk=occurrence.pk)
            raise PermissionDenied(
                "Only the committee's chair or the corporate secretary can waive a requirement."
            )
        form = WaiverForm(request.POST)
        if _apply_waiver(request, occurrence, form, today):
            messages.success(request, "Waived. The reason now shows on this page and every report.")
            return redirect("deadlines:occurrence", pk=occurrence.pk)
    elif can_waive:
        form = WaiverForm()
    item = item_for(occurrence, today)
    reminders = sorted(occurrence.reminders.all(), key=lambda r: (r.created_at, r.pk))
    return render(
        request,
        "deadlines/occurrence.html",
        {
            "item": item,
            "occurrence": occurrence,
            "reminders": reminders,
            "form": form,
            "today": today,
            "fiscal_year": fiscal_year_of(occurrence.due_date or occurrence.period_start),
        },
    )
