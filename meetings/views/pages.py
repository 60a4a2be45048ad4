"""The meetings pages members read: the list, the meeting, its calendar event and board book, a
paper (counted as read), and the preparation view."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from charter_portal.permissions import (
    ReadingLevel,
    portal_view,
    readable_committee_ids,
    visible_committees,
)
from committees.models import Committee
from deadlines.selectors import current_items
from files.views import download_url
from meetings import selectors, services
from meetings.access import (
    can_download_material,
    can_run_meetings,
    reads_meetings,
    reads_session_notes,
)
from meetings.invitations import invitation_ics
from meetings.models import MaterialVersion
from meetings.pdf import board_book as board_book_pdf
from meetings.requirements import MEETING_KEYS
from meetings.views.common import committee_of, meeting_of

PAST_PER_PAGE = 25


@portal_view
@require_GET
def meeting_list(request, slug):
    committee, today = committee_of(request, slug)
    if not reads_meetings(request.user, committee, today):
        # A board reader reads the reports to the board, and nothing else of the committee.
        return redirect("meetings:reports", slug=committee.slug)
    upcoming, past = selectors.meetings_of(committee, today)
    past = selectors.page_of(past, request.GET.get("page"), PAST_PER_PAGE)
    standing = current_items(committee, MEETING_KEYS, today)
    return render(
        request,
        "meetings/list.html",
        {
            "committee": committee,
            "upcoming": upcoming,
            "past": past,
            "standing": [standing[key] for key in MEETING_KEYS if key in standing],
            "can_run": can_run_meetings(request.user, committee, today),
            "today": today,
        },
    )


@portal_view
@require_GET
def meeting_detail(request, slug, pk):
    meeting, today = meeting_of(request, slug, pk)
    page = selectors.meeting_page(meeting, request.user, today)
    can_run = can_run_meetings(request.user, meeting.committee, today)
    return render(
        request,
        "meetings/meeting.html",
        {
            "committee": meeting.committee,
            "meeting": meeting,
            "page": page,
            "can_run": can_run,
            "today": today,
            "is_past": meeting.day <= today,
            "reads_session_notes": reads_session_notes(request.user, meeting.committee, today),
        },
    )


@portal_view
@never_cache
@require_GET
def meeting_ics(request, slug, pk):
    meeting, _ = meeting_of(request, slug, pk)
    response = HttpResponse(
        invitation_ics(meeting, timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@portal_view
@require_GET
def material_open(request, slug, pk):
    """Open a material version: counted as read for the preparation view, then downloaded
    through the private store (which asks the same permission again)."""
    committee, today = committee_of(request, slug)
    version = (
        MaterialVersion.objects.select_related("material__meeting__committee")
        .filter(pk=pk, material__meeting__committee=committee)
        .first()
    )
    if version is None or not can_download_material(request.user, version, today):
        raise Http404("No such material.")
    services.material_mark_read(version=version, user=request.user, now=timezone.now())
    return redirect(download_url("meetings.material", version))


@portal_view
@require_GET
def prepare(request):
    """A member's "prepare for the next meeting": the next meeting of each of their committees,
    its agenda and the materials they have not opened yet."""
    today = timezone.localdate()
    ids = readable_committee_ids(request.user, today, at_least=ReadingLevel.DETAIL)
    return render(
        request,
        "meetings/prepare.html",
        {
            "preparations": selectors.prepare_for(request.user, ids, today),
            "committees": visible_committees(request.user, today).filter(
                pk__in=ids if ids is not None else Committee.objects.values("pk")
            ),
            "today": today,
        },
    )


@portal_view
@never_cache
@require_GET
def board_book(request, slug, pk):
    """The agenda and every PDF paper the reader may read (a recused member's book leaves out
    the item's papers), built now, each page marked with the reader's name."""
    meeting, today = meeting_of(request, slug, pk)
    page = selectors.meeting_page(meeting, request.user, today)
    sections = [
        (
            "Whole meeting",
            [(r.material.title, r.latest.file) for r in page.general_materials if r.latest],
        )
    ]
    for row in page.items:
        files = [(r.material.title, r.latest.file) for r in row.materials if r.latest]
        if files:
            sections.append((f"{row.item.position}. {row.item.title}", files))
    content = board_book_pdf(
        meeting=meeting,
        sections=sections,
        reader_name=request.user.get_full_name() or request.user.email,
        now=timezone.now(),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="board-book-meeting-{meeting.pk}.pdf"'
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response
