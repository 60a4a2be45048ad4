"""Who may read what of a committee's meetings, in one place (the reading levels of
charter_portal.permissions).

- The committee's members on the day and the secretary (reading level DETAIL) read its meetings,
  except that a member recused from an item reads neither that item's materials nor its minute.
- A board reader (SUMMARY) reads the committee's reports to the board and nothing else of it.
- Everyone else gets a 404, so a page never reveals that a meeting exists.
- The chair and the secretary run the meeting: schedule, build the agenda, upload, record.
- An executive session's notes are for the committee's members only, not the secretary.
"""

import datetime

from django.http import Http404

from charter_portal.permissions import ReadingLevel, can_manage_committee, reading_level
from charter_portal.roles import Role, committee_roles, has_group_role
from committees.models import Director
from meetings.models import BoardReport, Meeting, Recusal


def director_of(user) -> Director | None:
    if not getattr(user, "is_authenticated", False):
        return None
    memo = user.__dict__.get("_meetings_director", False)
    if memo is False:
        memo = Director.objects.filter(user=user).first()
        user.__dict__["_meetings_director"] = memo
    return memo


def reads_meetings(user, committee, as_of: datetime.date) -> bool:
    return reading_level(user, committee, as_of) is ReadingLevel.DETAIL


def reads_board_reports(user, committee, as_of: datetime.date) -> bool:
    return reading_level(user, committee, as_of) is not None


def can_run_meetings(user, committee, as_of: datetime.date) -> bool:
    """The secretary or the committee's chair: schedule, agenda, materials, attendance."""
    return can_manage_committee(user, committee, as_of)


def get_meeting_for_user(user, committee, pk, as_of: datetime.date) -> Meeting:
    if not reads_meetings(user, committee, as_of):
        raise Http404("No such meeting.")
    meeting = Meeting.objects.filter(pk=pk, committee=committee).select_related(
        # The page's record in the same query: its minutes (and the meeting that approved
        # them) and its report to the board.
        "committee",
        "minutes__approved_at__committee",
        "board_report",
    )
    meeting = meeting.first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def get_board_report_for_user(user, committee, pk, as_of: datetime.date) -> BoardReport:
    """A delivered report for board readers; drafts too for those who read the meetings."""
    if not reads_board_reports(user, committee, as_of):
        raise Http404("No such report.")
    reports = BoardReport.objects.filter(pk=pk, meeting__committee=committee)
    if not reads_meetings(user, committee, as_of):
        reports = reports.exclude(delivered_on=None)
    report = reports.select_related("meeting__committee").first()
    if report is None:
        raise Http404("No such report.")
    return report


def recused_item_ids(user, meeting: Meeting) -> set[int]:
    """Items of ``meeting`` the user's director is recused from (one query)."""
    director = director_of(user)
    if director is None:
        return set()
    rows = Recusal.objects.filter(agenda_item__meeting=meeting, director=director, recused=True)
    return set(rows.values_list("agenda_item_id", flat=True))


def can_read_item(user, item, as_of: datetime.date) -> bool:
    meeting = item.meeting
    return reads_meetings(user, meeting.committee, as_of) and item.pk not in recused_item_ids(
        user, meeting
    )


def reads_session_notes(user, committee, as_of: datetime.date) -> bool:
    """An executive session's notes are the committee members' alone: not the secretary's (often
    management's own counsel), whom the session is held without."""
    return committee.pk in committee_roles(user, as_of)


def can_download_material(user, version, as_of: datetime.date) -> bool:
    """A material version: read by whoever reads the meeting, unless recused from its item."""
    material = version.material
    meeting = material.meeting
    if not reads_meetings(user, meeting.committee, as_of):
        return False
    return material.agenda_item_id is None or material.agenda_item_id not in recused_item_ids(
        user, meeting
    )


def can_download_board_report(user, report, as_of: datetime.date) -> bool:
    committee = report.meeting.committee
    if report.delivered_on is None:
        return reads_meetings(user, committee, as_of)
    return reads_board_reports(user, committee, as_of)


def is_board_reader_only(user, committee, as_of: datetime.date) -> bool:
    return reading_level(user, committee, as_of) is ReadingLevel.SUMMARY and has_group_role(
        user, Role.BOARD_READER
    )
