"""Portal pages for the committee roster, its compliance, and each director's file."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from charter_portal.permissions import (
    director_files_visible_to,
    get_committee_for_user,
    get_director_for_user,
    portal_view,
    visible_committee_ids,
    visible_committees,
)
from charter_portal.roles import is_secretary
from committees.forms import as_of_from
from committees.selectors import (
    HISTORY_SHOWN,
    committee_roster,
    committee_summaries,
    determination_history,
    director_file_kept,
    payments_page,
)


@portal_view
@require_GET
def committee_list(request):
    today = timezone.localdate()
    summaries = committee_summaries(visible_committees(request.user, today), today)
    return render(request, "committees/list.html", {"as_of": today, "summaries": summaries})


@portal_view
@require_GET
def committee_detail(request, slug):
    today = timezone.localdate()
    # Access is decided on today's roster, never on the date asked for: a former member cannot
    # look back into the committee by choosing a date when they sat on it.
    committee = get_committee_for_user(request.user, slug, today)
    form, as_of = as_of_from(request.GET, today)
    roster = committee_roster(committee, as_of, today)
    directors = [membership.director for membership in roster.history]
    return render(
        request,
        "committees/detail.html",
        {
            "committee": committee,
            "roster": roster,
            "report": roster.report,
            "form": form,
            "as_of": as_of,
            "today": today,
            "linked_directors": director_files_visible_to(request.user, directors, today),
            # The secretary records episodes and notices in the administration.
            "records_notices": is_secretary(request.user),
        },
    )


@portal_view
@require_GET
def director_detail(request, pk):
    today = timezone.localdate()
    director = get_director_for_user(request.user, pk, today)
    form, as_of = as_of_from(request.GET, today)
    visible = visible_committee_ids(request.user, today)
    file = director_file_kept(director, as_of)
    context = {
        "director": director,
        "file": file,
        "independence": file.independence,
        "form": form,
        "as_of": as_of,
        "today": today,
        "linked_committees": visible,  # None: every committee
    }
    # One kind's full history, a page at a time: the file itself shows each record's latest
    # versions only.
    history = determination_history(file, request.GET.get("history", ""), request.GET.get("page"))
    if history is not None:
        return render(request, "committees/director_history.html", {**context, "history": history})
    context["payments"] = payments_page(file, request.GET.get("payments"))
    context["history_shown"] = HISTORY_SHOWN
    context["history_slice"] = f":{HISTORY_SHOWN}"
    return render(request, "committees/director.html", context)
