"""Portal pages of the committee's meetings.

Access (meetings.access): the committee's members and the secretary read its meetings (a member
recused from an item sees neither its materials nor its minute); board readers read delivered
reports to the board and nothing else; the chair and the secretary run the meetings. Everyone
else gets a 404. Views parse, check, call a service or a selector, and render."""

from meetings.views.pages import (
    board_book,
    material_open,
    meeting_detail,
    meeting_ics,
    meeting_list,
    prepare,
)
from meetings.views.reports import report, reports
from meetings.views.tools import (
    action_close,
    actions,
    agenda,
    attendance,
    materials,
    meeting_cancel,
    meeting_edit,
    meeting_invite,
    meeting_schedule,
    minutes,
    report_edit,
)

__all__ = [
    "action_close",
    "actions",
    "agenda",
    "attendance",
    "board_book",
    "material_open",
    "materials",
    "meeting_cancel",
    "meeting_detail",
    "meeting_edit",
    "meeting_ics",
    "meeting_invite",
    "meeting_list",
    "meeting_schedule",
    "minutes",
    "prepare",
    "report",
    "report_edit",
    "reports",
]
