"""One occurrence: what it is, its evidence, waivers and notices; granting and revoking a waiver."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from charter_portal.permissions import can_view_committee, portal_view
from deadlines.forms import RevokeWaiverForm, WaiverForm
from deadlines.freshness import occurrences_ensure_fresh
from deadlines.models import Occurrence, Waiver
from deadlines.registry import NOT_WAIVABLE, registry
from deadlines.selectors import fiscal_year_of, item_for
from deadlines.services.waivers import NOT_ALLOWED, waiver_grant, waiver_refusal, waiver_revoke

NON_WAIVABLE_NOTE = (
    "Listing standards and SEC rules cannot be waived: a company may relax only a practice its "
    "own charter sets."
)


def get_occurrence_for_user(user, pk: int, today) -> Occurrence:
    """The occurrence with everything its page shows, or 404 when the user may not see its
    committee (or it does not exist)."""
    committee_ids = Occurrence.objects.filter(pk=pk).values_list("committee_id", flat=True)
    occurrences_ensure_fresh(list(committee_ids), as_of=today)
    history = Waiver.objects.select_related("granted_by", "revoked_by").order_by("-granted_at")
    occurrence = (
        Occurrence.objects.select_related("committee")
        .prefetch_related(
            "evidence",
            "reminders__recipients",
            Prefetch("waivers", queryset=history, to_attr="waiver_history"),
        )
        .filter(pk=pk)
        .first()
    )
    if occurrence is None or not can_view_committee(user, occurrence.committee, today):
        raise Http404("No such deadline.")
    # The one waiver in force (a constraint allows no second) is in its history: no second read.
    occurrence.active_waivers = [w for w in occurrence.waiver_history if w.revoked_at is None]
    return occurrence


def _run(form, call) -> bool:
    """``call(cleaned_data)`` runs the service; its refusals become the form's errors."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, messages_ in error.message_dict.items():
                for message in messages_:
                    form.add_error(field if field in form.fields else None, message)
        else:
            for message in error.messages:
                form.add_error(None, message)
        return False
    return True


def _can_grant(occurrence, waiver, today) -> bool:
    """Open, and not waived now: a continuous duty whose waiver has ended may be waived again."""
    if not occurrence.is_open:
        return False
    return waiver is None or (waiver.until is not None and waiver.until < today)


@portal_view
@require_http_methods(["GET", "POST"])
def occurrence_detail(request, pk):
    today = timezone.localdate()
    occurrence = get_occurrence_for_user(request.user, pk, today)
    may_act = registry.can_waive(request.user, occurrence, today)
    refusal = waiver_refusal(occurrence)
    waiver = occurrence.active_waiver
    can_grant = may_act and not refusal and _can_grant(occurrence, waiver, today)
    can_revoke = may_act and waiver is not None and not _can_grant(occurrence, waiver, today)
    form = WaiverForm(continuous=occurrence.is_continuous) if can_grant else None
    revoke_form = RevokeWaiverForm() if can_revoke else None
    status = 200
    if request.method == "POST":
        revoking = request.POST.get("action") == "revoke"
        done_message = ""
        if not may_act:
            # A clear refusal on the page itself; nothing is saved.
            messages.error(request, NOT_ALLOWED.format("revoke" if revoking else "grant"))
            status = 403
        elif revoking:
            if not can_revoke:
                messages.error(request, "There is no waiver in force to revoke.")
                return redirect("deadlines:occurrence", pk=occurrence.pk)
            revoke_form = RevokeWaiverForm(request.POST)
            revoked = _run(
                revoke_form,
                lambda data: waiver_revoke(
                    waiver=waiver, user=request.user, reason=data["revoke_reason"], as_of=today
                ),
            )
            if revoked:
                done_message = "Waiver revoked. The requirement was checked again at once."
        elif not occurrence.is_open:
            messages.error(request, "This requirement is no longer open, so it cannot be waived.")
            return redirect("deadlines:occurrence", pk=occurrence.pk)
        elif refusal or not can_grant:
            messages.error(request, refusal or "This requirement is already waived.")
            return redirect("deadlines:occurrence", pk=occurrence.pk)
        else:
            form = WaiverForm(request.POST, continuous=occurrence.is_continuous)
            granted = _run(
                form,
                lambda data: waiver_grant(
                    occurrence=occurrence,
                    user=request.user,
                    reason=data["reason"],
                    until=data.get("until"),
                    as_of=today,
                ),
            )
            if granted:
                done_message = "Waived. The reason now shows on this page and every report."
        if done_message:
            messages.success(request, done_message)
            return redirect("deadlines:occurrence", pk=occurrence.pk)
    item = item_for(occurrence, today, reader=request.user)
    reminders = sorted(occurrence.reminders.all(), key=lambda r: (r.created_at, r.pk))
    return render(
        request,
        "deadlines/occurrence.html",
        {
            "item": item,
            "occurrence": occurrence,
            "reminders": reminders,
            "form": form,
            "revoke_form": revoke_form,
            "may_act": may_act,
            "refusal": refusal,
            "non_waivable_note": NON_WAIVABLE_NOTE if item.kind in NOT_WAIVABLE else "",
            "revoked_waivers": [past for past in occurrence.waiver_history if past.is_revoked],
            "today": today,
            "fiscal_year": fiscal_year_of(occurrence.due_date or occurrence.period_start),
        },
        status=status,
    )
