"""The auditor pages: the member's year at a glance, and the way in (/auditor/)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from auditors.access import can_manage_auditor, reads_auditor
from auditors.selectors.overview import auditor_year, fiscal_year_or_current
from charter_portal.permissions import (
    ReadingLevel,
    get_committee_for_user,
    portal_view,
    readable_committee_ids,
)
from committees.models import Committee, CompanyProfile


def url_or_blank(name: str, *args) -> str:
    """The address of another auditor page, or "" where this installation has none: a page
    links only to pages that exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def audit_committee_for_user(user, slug, today):
    """The audit committee ``slug`` if ``user`` reads its auditor in detail (its members and
    the secretary); a 404 for everyone else, board readers included, and for another kind of
    committee, which has no auditor."""
    committee = get_committee_for_user(user, slug, today)
    if not committee.is_audit_committee or not reads_auditor(user, committee, today):
        raise Http404("No such committee.")
    return committee


@portal_view
@require_GET
def index(request):
    """Straight to the one audit committee the user reads; several are listed."""
    today = timezone.localdate()
    ids = readable_committee_ids(request.user, today, at_least=ReadingLevel.DETAIL)
    committees = Committee.objects.filter(kind=Committee.Kind.AUDIT).order_by("name")
    if ids is not None:
        committees = committees.filter(pk__in=ids)
    committees = list(committees)
    if len(committees) == 1:
        return redirect("auditors:year", slug=committees[0].slug)
    return render(request, "auditors/overview_index.html", {"committees": committees})


@portal_view
@require_GET
def year(request, slug):
    today = timezone.localdate()
    committee = audit_committee_for_user(request.user, slug, today)
    profile = CompanyProfile.current()
    fiscal_year = fiscal_year_or_current(profile, request.GET.get("year"), today)
    page = auditor_year(committee, fiscal_year, today, reader=request.user, profile=profile)
    engagement = page.engagement
    # The engagement's own page (its letter, communications and report), where it exists.
    links = {
        "engagement": url_or_blank("auditors:engagement", committee.slug, fiscal_year)
        if engagement
        else "",
    }
    return render(
        request,
        "auditors/overview_year.html",
        {
            "committee": committee,
            "page": page,
            "usages": page.usages,
            "standings": page.standings,
            "links": links,
            "can_manage": can_manage_auditor(request.user, committee, today),
            "is_current": page.first_day <= today <= page.last_day,
            "today": today,
        },
    )


urlpatterns = [
    path("", index, name="index"),
    path("<slug:slug>/", year, name="year"),
]
