"""The compliance calendar: a fiscal year's occurrences month by month, coloured by status."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from charter_portal.permissions import portal_view
from deadlines.selectors import compliance_year
from deadlines.views.common import committee_year_from


@portal_view
@require_GET
def compliance_calendar(request):
    today = timezone.localdate()
    choice = committee_year_from(request, today)
    year = None
    if choice.committee is not None:
        year = compliance_year(
            choice.committee, choice.fiscal_year, today, calendar=choice.calendar
        )
    return render(
        request,
        "deadlines/calendar.html",
        {"choice": choice, "committee": choice.committee, "year": year, "today": today},
    )
