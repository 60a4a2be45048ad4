"""Reports to the board: read by the committee and by board readers (delivered ones only)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from charter_portal.permissions import portal_view
from meetings import selectors
from meetings.access import (
    can_run_meetings,
    get_board_report_for_user,
    is_board_reader_only,
    reads_meetings,
)
from meetings.views.common import committee_of

PER_PAGE = 25


@portal_view
@require_GET
def reports(request, slug):
    committee, today = committee_of(request, slug)
    detail = reads_meetings(request.user, committee, today)
    reports = selectors.board_reports_of(committee, delivered_only=not detail)
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/reports.html",
        {
            "committee": committee,
            "reports": page.object_list,
            "page": page,
            "detail": detail,
            "board_reader_only": is_board_reader_only(request.user, committee, today),
        },
    )


@portal_view
@require_GET
def report(request, slug, pk):
    committee, today = committee_of(request, slug)
    found = get_board_report_for_user(request.user, committee, pk, today)
    return render(
        request,
        "meetings/report.html",
        {
            "committee": committee,
            "report": found,
            "detail": reads_meetings(request.user, committee, today),
            "can_run": can_run_meetings(request.user, committee, today),
        },
    )
