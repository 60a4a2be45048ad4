"""The meetings' kinds of private file (files/registry.py): meeting materials, read by the
committee's members unless recused from the item, and reports to the board's attachments."""

from files.registry import FileKind, register
from meetings.access import can_download_board_report, can_download_material

MATERIAL_TYPES = ("pdf", "docx", "xlsx", "png", "jpeg")

register(
    FileKind(
        key="meetings.material",
        label="meeting material",
        model="meetings.MaterialVersion",
        field="file",
        types=MATERIAL_TYPES,
        can_download=can_download_material,
        download_name=lambda version: (
            f"meeting-{version.material.meeting_id}-material-"
            f"{version.material_id}-v{version.number}"
        ),
    )
)
register(
    FileKind(
        key="meetings.board_report",
        label="report to the board attachment",
        model="meetings.BoardReport",
        field="attachment",
        types=("pdf", "docx", "xlsx"),
        can_download=can_download_board_report,
        download_name=lambda report: f"board-report-meeting-{report.meeting_id}",
    )
)
